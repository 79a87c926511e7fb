package org.nativertmp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.nativertmp.cli.CaCertificates;
import org.nativertmp.cli.Main;
import org.nativertmp.flv.FlvFormat;
import org.nativertmp.flv.FlvTag;
import org.nativertmp.support.HostileRtmpServer;
import org.nativertmp.support.HostileRtmpServer.Behaviour;
import org.nativertmp.support.ProcessResources;
import org.nativertmp.support.TestCertificates;
import org.nativertmp.support.TestFlv;
import org.nativertmp.support.TlsRelay;
import org.nativertmp.testkit.RtmpRecorderServer;
import org.nativertmp.testkit.RtmptEndpoint;

/**
 * The deadline cases of {@link HostileRtmpServer} (a server that keeps talking but never gets the
 * session anywhere, one that dribbles the RTMPT open or the TLS handshake, one that only pings
 * after the start of the stream) over every transport each applies to, through play and publish,
 * through the API and the CLI (in this JVM: {@code Main.run}), one after the other in this one
 * JVM (HostileServerTest runs it as a child JVM). After each session: close() must return, a
 * publish to a well-behaved server must work, and this JVM's threads and non-file descriptors
 * must come back to where they were after the warm-up. Prints one line per session:
 *
 * <pre>CASE behaviour transport role via outcome=ExceptionClass|exit=N millis=N bound=N close=N next=ok|failed leaked=threads,fds :: message</pre>
 *
 * where millis counts from the start of the call that failed (for the CLI, the whole command).
 */
public final class DeadlineSessions {
    /** librtmp's receive timeout, the stream setup and media timeouts (following it, or set to it). */
    static final Duration TIMEOUT = Duration.ofSeconds(1);
    /** The connect as a whole: a TLS connect through the relay needs more than a second on a busy machine. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    /** How long the CLI may take to fill the buffers in front of a server that stopped reading. */
    static final long STALLED_PUBLISH_MILLIS = 15_000;
    /** What the suite allows past the deadline that ended a call. */
    static final long SLACK_MILLIS = 2000;

    enum Transport {
        RTMP("rtmp"), RTMPT("rtmpt"), RTMPS("rtmps"), RTMPTS("rtmpts");

        final String scheme;

        Transport(String scheme) {
            this.scheme = scheme;
        }

        boolean tls() {
            return this == RTMPS || this == RTMPTS;
        }

        boolean http() {
            return this == RTMPT || this == RTMPTS;
        }
    }

    enum Role { PLAY, PUBLISH }

    enum Via { API, CLI }

    private final TestCertificates certificates;
    private final SSLContext trusting;
    private final Path work;

    private DeadlineSessions(Path work) throws Exception {
        this.work = work;
        certificates = TestCertificates.make(work.resolve("tls"));
        trusting = CaCertificates.sslContextTrusting(certificates.caPem());
    }

    /** The transports a behaviour is about: the HTTP ones for RTMPT's, the TLS ones for TLS's, else all. */
    static List<Transport> transports(Behaviour b) {
        if (b.name().startsWith("RTMPT_")) {
            return List.of(Transport.RTMPT, Transport.RTMPTS);
        }
        if (b.name().startsWith("TLS_")) {
            return List.of(Transport.RTMPS, Transport.RTMPTS);
        }
        return List.of(Transport.values());
    }

    public static void main(String[] args) throws Exception {
        DeadlineSessions sessions = new DeadlineSessions(Path.of("deadline-work").toAbsolutePath());
        try (RtmpRecorderServer good = RtmpRecorderServer.start()) {
            ProcessResources baseline = sessions.warmUp(good);
            for (Behaviour b : Behaviour.values()) {
                if (!b.deadlineCase() || args.length > 0 && !List.of(args).contains(b.name())) {
                    continue;
                }
                for (Transport t : transports(b)) {
                    for (Role role : Role.values()) {
                        for (Via via : Via.values()) {
                            System.out.println(sessions.session(b, t, role, via, good, baseline));
                            System.out.flush();
                        }
                    }
                }
            }
        }
        System.out.println("DONE");
    }

    /**
     * One good session per transport, through the API and the CLI, so that everything a first use
     * starts once (TLS, the TLS deadline thread, classes, JNA's own threads) is there before the
     * counts are taken.
     */
    private ProcessResources warmUp(RtmpRecorderServer good) throws Exception {
        try (RtmptEndpoint rtmpt = RtmptEndpoint.start(good.port());
             TlsRelay tls = TlsRelay.start(certificates, good.port());
             TlsRelay tlsRtmpt = TlsRelay.start(certificates, rtmpt.port())) {
            for (String url : List.of(good.url("live", "warm"), rtmpt.url("live", "warm"),
                    "rtmps://localhost:" + tls.port() + "/live/warm", "rtmpts://localhost:" + tlsRtmpt.port() + "/live/warm")) {
                String next = publishOneTag(url);
                if (!next.equals("ok")) {
                    throw new IllegalStateException("warm-up publish to " + url + ": " + next);
                }
                int exit = cli(cliArguments(url, Role.PUBLISH, smallFlv())).exit;
                if (exit != 0) {
                    throw new IllegalStateException("warm-up CLI publish to " + url + " exited " + exit);
                }
            }
        }
        Thread.sleep(500);
        return ProcessResources.settleTo(ProcessResources.now(), 0);
    }

    private String session(Behaviour b, Transport t, Role role, Via via, RtmpRecorderServer good,
            ProcessResources baseline) throws Exception {
        String line;
        try (HostileRtmpServer server = HostileRtmpServer.start(b); Chain chain = Chain.of(server, t, certificates)) {
            line = via == Via.API ? apiSession(chain.url, role) : cliSession(chain.url, role, b);
        }
        String next = publishOneTag(good.url("live", "after"));
        ProcessResources after = ProcessResources.settleTo(baseline, 15_000);
        return "CASE " + b + " " + t + " " + role + " " + via + " " + line.replace(" :: ", " next=" + next
                + " leaked=" + Math.max(0, after.threads() - baseline.threads()) + ","
                + Math.max(0, after.descriptors() - baseline.descriptors()) + " :: ");
    }

    private RtmpOptions.Builder options() {
        return RtmpOptions.builder().receiveTimeout(TIMEOUT).connectTimeout(CONNECT_TIMEOUT).mediaTimeout(TIMEOUT)
                .sslContext(trusting);
    }

    /** outcome=… millis=… bound=… close=… :: message */
    private String apiSession(String url, Role role) {
        NativeRtmp rtmp = new NativeRtmp();
        Throwable thrown = null;
        long start = System.nanoTime();
        long bound = CONNECT_TIMEOUT.toMillis();
        try {
            rtmp.setupUrl(url, options().build());
            if (role == Role.PUBLISH) {
                rtmp.enableWrite();
            }
            rtmp.connect();
            start = System.nanoTime();
            bound = TIMEOUT.toMillis();
            rtmp.connectStream(0);
            if (role == Role.PLAY) {
                byte[] buf = new byte[64 * 1024];
                for (int i = 0; i < 10_000; i++) { // bounded
                    start = System.nanoTime();
                    if (rtmp.read(buf, 0, buf.length) < 0) {
                        break;
                    }
                }
            } else {
                byte[] tag = new FlvTag(FlvFormat.TAG_VIDEO, 0, new byte[1000]).encode();
                for (int i = 0; i < 100_000; i++) { // bounded: far more than the socket buffers hold
                    start = System.nanoTime();
                    rtmp.write(tag, 0, tag.length);
                }
            }
        } catch (Throwable e) {
            thrown = e;
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        long closeStart = System.nanoTime();
        rtmp.close();
        long closeMillis = (System.nanoTime() - closeStart) / 1_000_000;
        return "outcome=" + (thrown == null ? "none" : thrown.getClass().getSimpleName()) + " millis=" + millis
                + " bound=" + (bound + SLACK_MILLIS) + " close=" + closeMillis + " :: "
                + (thrown == null ? "" : String.valueOf(thrown.getMessage()).replace('\n', ' '));
    }

    /** exit=… millis=… bound=… close=0 :: the error line */
    private String cliSession(String url, Role role, Behaviour b) throws IOException {
        long start = System.nanoTime();
        CliRun run = cli(cliArguments(url, role, largeFlv()));
        long millis = (System.nanoTime() - start) / 1_000_000;
        // Each step before the one that fails is fast here, and the failing one has its deadline;
        // but a publish to a server that stops reading first hands it what the buffers in
        // between take (the RTMPT endpoint holds up to 16 MB): the media timeout counts from
        // the last byte taken, which the command's whole time does not show.
        long bound = (b == Behaviour.PINGS_ONLY && role == Role.PUBLISH ? STALLED_PUBLISH_MILLIS
                : CONNECT_TIMEOUT.toMillis()) + SLACK_MILLIS;
        String error = run.stderr.lines().filter(l -> l.startsWith("error:")).findFirst().orElse(run.stderr.strip());
        return "outcome=exit=" + run.exit + " millis=" + millis + " bound=" + bound + " close=0 :: " + error;
    }

    private List<String> cliArguments(String url, Role role, Path flv) {
        List<String> args = new ArrayList<>();
        if (role == Role.PLAY) {
            args.addAll(List.of("play", url, work.resolve("out.flv").toString()));
        } else {
            args.addAll(List.of("publish", flv.toString(), url));
        }
        args.addAll(List.of("--timeout", Long.toString(TIMEOUT.toSeconds()),
                "--connect-timeout", Long.toString(CONNECT_TIMEOUT.toSeconds()),
                "--media-timeout", Long.toString(TIMEOUT.toSeconds()), "--quiet",
                "--cacert", certificates.caPem().toString()));
        return args;
    }

    private Path smallFlv() throws IOException {
        return flv("small.flv", 20);
    }

    /** About 20 MB: more than the socket buffers of a server that stops reading hold. */
    private Path largeFlv() throws IOException {
        return flv("large.flv", 40_000);
    }

    private Path flv(String name, int tags) throws IOException {
        Path flv = work.resolve(name);
        if (!Files.exists(flv)) {
            Files.write(flv, TestFlv.file(TestFlv.tags(7, tags, 1000)));
        }
        return flv;
    }

    private record CliRun(int exit, String stderr) {
    }

    private static CliRun cli(List<String> args) {
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int exit;
        try (PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
            System.setErr(capture);
            exit = Main.run(args.toArray(String[]::new));
        } finally {
            System.setErr(err);
        }
        return new CliRun(exit, captured.toString(StandardCharsets.UTF_8));
    }

    /** A publish of one tag, start to close: "ok", or what went wrong. */
    private String publishOneTag(String url) {
        try (NativeRtmp rtmp = new NativeRtmp()) {
            rtmp.setupUrl(url, RtmpOptions.builder().receiveTimeout(Duration.ofSeconds(5)).sslContext(trusting).build());
            rtmp.enableWrite();
            rtmp.connect();
            rtmp.connectStream(0);
            byte[] tag = new FlvTag(FlvFormat.TAG_VIDEO, 0, new byte[] {0x17, 1, 0, 0, 0}).encode();
            rtmp.write(tag, 0, tag.length);
            return "ok";
        } catch (Exception e) {
            return "failed(" + String.valueOf(e.getMessage()).replace(' ', '_') + ")";
        }
    }

    /** What carries a transport to the hostile server: an RTMPT endpoint, a TLS relay, or both, in front. */
    private static final class Chain implements AutoCloseable {
        final String url;
        private final List<AutoCloseable> parts;

        private Chain(String url, List<AutoCloseable> parts) {
            this.url = url;
            this.parts = parts;
        }

        static Chain of(HostileRtmpServer server, Transport t, TestCertificates certificates) throws IOException {
            List<AutoCloseable> parts = new ArrayList<>();
            int port = server.port();
            String behaviour = server.behaviour().name();
            // The RTMPT and TLS behaviours misbehave at that layer themselves.
            boolean speaksHttp = behaviour.startsWith("RTMPT_");
            boolean speaksTlsItself = behaviour.startsWith("TLS_");
            if (t.http() && !speaksHttp) {
                RtmptEndpoint http = RtmptEndpoint.start(port);
                parts.add(http);
                port = http.port();
            }
            if (t.tls() && !speaksTlsItself) {
                TlsRelay tls = TlsRelay.start(certificates, port);
                parts.add(tls);
                port = tls.port();
            }
            String host = t.tls() ? TestCertificates.NAME : "127.0.0.1";
            return new Chain(t.scheme + "://" + host + ":" + port + "/live/stream", parts);
        }

        @Override
        public void close() throws Exception {
            for (int i = parts.size() - 1; i >= 0; i--) {
                parts.get(i).close();
            }
        }
    }
}
