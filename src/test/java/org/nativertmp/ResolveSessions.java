package org.nativertmp;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.nativertmp.flv.FlvFormat;
import org.nativertmp.flv.FlvTag;
import org.nativertmp.support.ProcessResources;
import org.nativertmp.support.SlowDnsServer;
import org.nativertmp.support.TestCertificates;
import org.nativertmp.support.TlsRelay;
import org.nativertmp.testkit.RtmpRecorderServer;
import org.nativertmp.testkit.RtmptEndpoint;

/**
 * Name lookups against a resolver that never answers, or answers late ({@link SlowDnsServer},
 * which this JVM's resolv.conf points to: NameResolutionDeadlineTest runs it in a mount namespace
 * of its own), for rtmp, rtmpt and rtmps: the connect ends by its timeout, close() from another
 * thread ends it at once, a lookup that does answer in time connects, and the lookups' threads
 * go once they are answered. Prints one line per case:
 *
 * <pre>RESOLVE scheme case outcome=ExceptionClass|none millis=N leaked=threads,fds :: message</pre>
 */
public final class ResolveSessions {
    static final InetAddress DNS = loopback("127.0.0.59");
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    /** close() from another thread comes this long after connect() began. */
    static final long CLOSE_AFTER_MILLIS = 1000;
    /** The lookup that answers in time, and the connect timeout it is given. */
    static final long PROMPT_ANSWER_MILLIS = 300;
    static final Duration GENEROUS_TIMEOUT = Duration.ofSeconds(10);
    /** How long the resolver itself waits (resolv.conf's timeout): longer than every connect timeout. */
    static final int RESOLVER_TIMEOUT_SECONDS = 10;

    enum Case { NEVER_ANSWERS, ANSWERS_AFTER_8_S, CLOSED_WHILE_LOOKING_UP, ANSWERS_IN_TIME }

    private static int names;

    private ResolveSessions() {
    }

    public static void main(String[] args) throws Exception {
        TestCertificates certificates = TestCertificates.make(Path.of("resolve-work").toAbsolutePath());
        try (SlowDnsServer dns = SlowDnsServer.start(DNS);
             RtmpRecorderServer recorder = RtmpRecorderServer.start();
             RtmptEndpoint rtmpt = RtmptEndpoint.start(recorder.port());
             TlsRelay tls = TlsRelay.start(certificates, recorder.port())) {
            for (String scheme : List.of("rtmp", "rtmpt", "rtmps")) { // warm up each path once
                run(scheme, port(scheme, recorder, rtmpt, tls), Case.ANSWERS_IN_TIME);
            }
            Thread.sleep(500);
            ProcessResources baseline = ProcessResources.now();
            for (String scheme : List.of("rtmp", "rtmpt", "rtmps")) {
                for (Case c : Case.values()) {
                    System.out.println("RESOLVE " + scheme + " " + c + " " + run(scheme, port(scheme, recorder, rtmpt, tls), c));
                    System.out.flush();
                }
            }
            // A lookup left behind ends when the resolver gives up (resolv.conf's timeout).
            ProcessResources after = ProcessResources.settleTo(baseline, (RESOLVER_TIMEOUT_SECONDS + 5) * 1000L);
            System.out.println("RESOURCES leaked=" + Math.max(0, after.threads() - baseline.threads()) + ","
                    + Math.max(0, after.descriptors() - baseline.descriptors()));
        }
        System.out.println("DONE");
    }

    private static int port(String scheme, RtmpRecorderServer recorder, RtmptEndpoint rtmpt, TlsRelay tls) {
        return switch (scheme) {
            case "rtmpt" -> rtmpt.port();
            case "rtmps" -> tls.port();
            default -> recorder.port();
        };
    }

    /** outcome=… millis=… :: message */
    private static String run(String scheme, int port, Case c) throws InterruptedException {
        String label = switch (c) {
            case NEVER_ANSWERS, CLOSED_WHILE_LOOKING_UP -> "never";
            case ANSWERS_AFTER_8_S -> "after-8000";
            case ANSWERS_IN_TIME -> "after-" + PROMPT_ANSWER_MILLIS;
        };
        String host = label + "-" + (++names) + ".nrtmp.test"; // a new name each time: nothing cached
        Duration timeout = c == Case.NEVER_ANSWERS || c == Case.ANSWERS_AFTER_8_S ? CONNECT_TIMEOUT : GENEROUS_TIMEOUT;
        NativeRtmp rtmp = new NativeRtmp();
        Thread closer = null;
        if (c == Case.CLOSED_WHILE_LOOKING_UP) {
            closer = new Thread(() -> {
                try {
                    Thread.sleep(CLOSE_AFTER_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
                rtmp.close();
            }, "closer");
        }
        Throwable thrown = null;
        long start = System.nanoTime();
        try {
            // The test certificate is for localhost, not these names: TLS without the check here.
            rtmp.setupUrl(scheme + "://" + host + ":" + port + "/live/resolved", RtmpOptions.builder()
                    .connectTimeout(timeout).receiveTimeout(GENEROUS_TIMEOUT).insecureTls(true).build());
            rtmp.enableWrite();
            if (closer != null) {
                closer.start();
            }
            rtmp.connect();
            rtmp.connectStream(0);
            byte[] tag = new FlvTag(FlvFormat.TAG_VIDEO, 0, new byte[] {0x17, 1, 0, 0, 0}).encode();
            rtmp.write(tag, 0, tag.length);
        } catch (Throwable e) {
            thrown = e;
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        rtmp.close();
        if (closer != null) {
            closer.join();
        }
        return "outcome=" + (thrown == null ? "none" : thrown.getClass().getSimpleName()) + " millis=" + millis + " :: "
                + (thrown == null ? "" : String.valueOf(thrown.getMessage()).replace('\n', ' '));
    }

    private static InetAddress loopback(String address) {
        try {
            return InetAddress.getByName(address);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
