package org.nativertmp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nativertmp.cli.CaCertificates;
import org.nativertmp.flv.FlvFormat;
import org.nativertmp.flv.FlvReader;
import org.nativertmp.flv.FlvTag;
import org.nativertmp.support.RefusingPort;
import org.nativertmp.support.StalledRtmpServer;
import org.nativertmp.support.TestCertificates;
import org.nativertmp.support.TestFlv;
import org.nativertmp.support.TlsFront;
import org.nativertmp.testkit.RecordedConnection;
import org.nativertmp.testkit.RtmpRecorderServer;

/**
 * rtmps through the JDK's TLS, against a real TLS terminator (nginx's stream module) in front of
 * the recorder: what arrives behind it is what plain RTMP carries, certificates and names are
 * checked, each failure says which it is, and nothing goes out in plain text instead.
 */
class RtmpsTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    static Path dir;
    private static TestCertificates certificates;
    private static RtmpRecorderServer recorder;
    private static TlsFront front;
    private static SSLContext trustingTestCa;

    @BeforeAll
    static void start() throws Exception {
        certificates = TestCertificates.make(dir.resolve("certs"));
        recorder = RtmpRecorderServer.start();
        front = TlsFront.start(dir.resolve("front"), certificates, recorder.port());
        trustingTestCa = CaCertificates.sslContextTrusting(certificates.caPem());
    }

    @AfterAll
    static void stop() throws Exception {
        if (front != null) {
            front.close();
        }
        if (recorder != null) {
            recorder.close();
        }
    }

    private static String rtmps(String host, int port, String stream) {
        return "rtmps://" + host + ":" + port + "/live/" + stream;
    }

    private static RtmpOptions.Builder caTrusted() {
        return RtmpOptions.builder().sslContext(trustingTestCa).connectTimeout(Duration.ofSeconds(10));
    }

    private static void publish(String url, RtmpOptions options, byte[] flv) throws Exception {
        try (NativeRtmp rtmp = new NativeRtmp()) {
            rtmp.setupUrl(url, options);
            rtmp.enableWrite();
            rtmp.connect();
            rtmp.connectStream(0);
            rtmp.write(flv, 0, flv.length);
            assertTrue(rtmp.closeGracefully(Duration.ofSeconds(5)), "the server closed its side through the TLS front");
        }
    }

    @Test
    void publishingThroughTlsRecordsWhatPlainRtmpRecordsWithTheRtmpsTcUrl() throws Exception {
        List<FlvTag> tags = TestFlv.tags(13, 200, 20_000);
        byte[] flv = TestFlv.file(tags);
        publish(rtmps(TestCertificates.NAME, front.port(), "tls"), caTrusted().build(), flv);
        RecordedConnection overTls = recorder.awaitConnection(TIMEOUT);
        publish("rtmp://127.0.0.1:" + recorder.port() + "/live/tls", RtmpOptions.defaults(), flv);
        RecordedConnection plain = recorder.awaitConnection(TIMEOUT);

        assertEquals(tags, overTls.published().get("tls"), "the stream behind the TLS front");
        assertEquals(plain.published().get("tls"), overTls.published().get("tls"));
        assertEquals(plain.transcript().commandNames(), overTls.transcript().commandNames());
        String wire = new String(overTls.transcript().raw(), StandardCharsets.ISO_8859_1);
        assertTrue(wire.contains("rtmps://localhost:" + front.port() + "/live"), "tcUrl keeps rtmps://");
    }

    @Test
    void aGracefulCloseOverTls12DeliversTheWholePublishToo() throws Exception {
        List<FlvTag> tags = TestFlv.tags(12, 200, 20_000);
        publish(rtmps(TestCertificates.NAME, front.tls12OnlyPort(), "tls12"), caTrusted().build(), TestFlv.file(tags));
        RecordedConnection overTls12 = recorder.awaitConnection(TIMEOUT);
        assertEquals(tags, overTls12.published().get("tls12"));
        assertEquals(List.of("connect", "releaseStream", "FCPublish", "createStream", "publish", "FCUnpublish", "deleteStream"),
                overTls12.transcript().commandNames());
    }

    @Test
    void playingThroughTlsReadsTheServedStream() throws Exception {
        List<FlvTag> tags = TestFlv.tags(14, 100, 10_000);
        recorder.addPlayable("served", tags);
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        try (NativeRtmp rtmp = new NativeRtmp()) {
            rtmp.setupUrl("rtmps://localhost:" + front.port() + "/vod/served", caTrusted().build());
            rtmp.connect();
            rtmp.connectStream(0);
            rtmp.inputStream().transferTo(read);
        }
        recorder.awaitConnection(TIMEOUT);
        assertEquals(tags, FlvReader.readAll(read.toByteArray()));
    }

    @Test
    void theServerSeesTheUrlsHostAsSni() throws Exception {
        publish(rtmps(TestCertificates.NAME, front.port(), "sni"), caTrusted().build(), TestFlv.file(TestFlv.tags(1, 4, 100)));
        recorder.awaitConnection(TIMEOUT);
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!sniLog().contains("localhost TLS") && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(sniLog().contains("localhost TLSv1.3"), RtmpsTest::sniLog);
    }

    @Test
    void theTraceShowsLibrtmpsOwnViewOfTheSslFlag() throws Exception {
        CollectingDebugHook hook = new CollectingDebugHook();
        try (NativeRtmp rtmp = new NativeRtmp()) {
            rtmp.setDebugHook(hook);
            rtmp.setupUrl(rtmps(TestCertificates.NAME, front.port(), "trace"), caTrusted().build());
            rtmp.connect();
        }
        recorder.awaitConnection(TIMEOUT);
        assertTrue(hook.events().stream().anyMatch(e -> e.key().equals("RTMP_Connect1, r->Link.protocol & RTMP_FEATURE_SSL")
                && "4".equals(e.value())), () -> hook.events().toString());
        assertTrue(hook.events().stream().anyMatch(e -> e.kind() == TraceEvent.Kind.SOCKET && e.value().startsWith("pipe")));
    }

    @Test
    void aServerThatStopsReadingBehindTlsEndsTheWriteWithTheSendTimeout() throws Exception {
        try (StalledRtmpServer stalled = new StalledRtmpServer();
                TlsFront stalledFront = TlsFront.start(dir.resolve("stalled-front"), certificates, stalled.port());
                NativeRtmp rtmp = new NativeRtmp()) {
            rtmp.setupUrl(rtmps(TestCertificates.NAME, stalledFront.port(), "stalled"),
                    caTrusted().receiveTimeout(Duration.ofSeconds(1)).build());
            rtmp.enableWrite();
            rtmp.connect();
            rtmp.connectStream(0);
            assertTrue(stalled.awaitAnswered(5), "server answered the publish: " + stalled.failure());
            byte[] tag = new FlvTag(FlvFormat.TAG_VIDEO, 0, new byte[64 * 1024]).encode();
            long[] lastProgress = {System.nanoTime()};
            RtmpException e = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> assertThrows(RtmpException.class, () -> {
                for (int i = 0; i < 100_000; i++) { // bounded: far more than the buffers on the way hold
                    rtmp.write(tag, 0, tag.length);
                    lastProgress[0] = System.nanoTime();
                }
            }));
            long stalledMillis = (System.nanoTime() - lastProgress[0]) / 1_000_000;
            assertTrue(e.getMessage().contains("the server stopped reading"), e::getMessage);
            assertTrue(stalledMillis < 3000, "the write blocked " + stalledMillis + " ms before failing");
            long closeStart = System.nanoTime();
            rtmp.close();
            assertTrue((System.nanoTime() - closeStart) / 1_000_000 < 5000, "close() ended the stalled TLS connection");
        }
    }

    @Test
    void anUntrustedCertificateIsRefusedAndNothingReachesTheServer() throws Exception {
        int before = recorder.connections().size();
        RtmpException e = connectFails(rtmps(TestCertificates.NAME, front.port(), "x"),
                RtmpOptions.builder().connectTimeout(Duration.ofSeconds(10)).build());
        assertTrue(e.getMessage().contains("certificate is not trusted"), e::getMessage);
        Thread.sleep(200);
        assertEquals(before, recorder.connections().size(), "no RTMP byte went anywhere");
    }

    @Test
    void aCertificateForAnotherNameIsRefused() throws Exception {
        RtmpException e = connectFails(rtmps("127.0.0.1", front.port(), "x"), caTrusted().build());
        assertTrue(e.getMessage().contains("not valid for the host name"), e::getMessage);
    }

    @Test
    void noTlsVersionInCommonIsSaid() throws Exception {
        SSLContext tls12 = SSLContext.getInstance("TLSv1.2");
        tls12.init(null, null, null);
        RtmpException e = connectFails(rtmps(TestCertificates.NAME, front.tls13OnlyPort(), "x"),
                RtmpOptions.builder().sslContext(tls12).connectTimeout(Duration.ofSeconds(10)).build());
        assertTrue(e.getMessage().contains("no TLS version in common"), e::getMessage);
    }

    @Test
    void aPlainRtmpPortFailsTheHandshakeWithinTheConnectTimeoutInsteadOfGoingPlain() throws Exception {
        long start = System.nanoTime();
        RtmpException e = connectFails(rtmps("localhost", recorder.port(), "x"),
                caTrusted().connectTimeout(Duration.ofSeconds(3)).build());
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(e.getMessage().contains("the TLS handshake with localhost"), e::getMessage);
        assertTrue(millis < 3000 + 2000, "ended after " + millis + " ms");
    }

    @Test
    void aServerThatNeverAnswersTheHandshakeTimesOutWithinTheConnectTimeout() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 8, InetAddress.getLoopbackAddress())) {
            long start = System.nanoTime();
            RtmpException e = connectFails("rtmps://localhost:" + silent.getLocalPort() + "/live/x",
                    caTrusted().connectTimeout(Duration.ofMillis(1500)).build());
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(e.getMessage().contains("timed out after 1500 ms"), e::getMessage);
            assertTrue(millis < 1500 + 2000, "ended after " + millis + " ms");
        }
    }

    @Test
    void aRefusedPortSaysSo() throws Exception {
        try (RefusingPort closed = new RefusingPort()) {
            RtmpException e = connectFails(rtmps("127.0.0.1", closed.port(), "x"), caTrusted().build());
            assertTrue(e.getMessage().contains("the TCP connection was refused"), e::getMessage);
        }
    }

    @Test
    void closeFromAnotherThreadEndsAHandshakeInProgress() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 8, InetAddress.getLoopbackAddress())) {
            NativeRtmp rtmp = new NativeRtmp();
            rtmp.setupUrl("rtmps://localhost:" + silent.getLocalPort() + "/live/x",
                    RtmpOptions.builder().sslContext(trustingTestCa).build());
            Thread closer = new Thread(() -> {
                sleep(500);
                rtmp.close();
            });
            closer.start();
            RtmpException e = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThrows(RtmpException.class, rtmp::connect));
            assertTrue(e.getMessage().contains("interrupted"), e::getMessage);
            closer.join();
        }
    }

    @Test
    void theInsecureModeConnectsWithoutTheCaAndLogsAWarning() throws Exception {
        List<LogRecord> records = new CopyOnWriteArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord r) {
                records.add(r);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger("org.nativertmp");
        logger.addHandler(handler);
        try (NativeRtmp rtmp = new NativeRtmp()) {
            rtmp.setupUrl(rtmps("127.0.0.1", front.port(), "insecure"), RtmpOptions.builder().insecureTls(true).build());
            rtmp.connect();
            assertTrue(rtmp.isConnected());
        } finally {
            logger.removeHandler(handler);
        }
        recorder.awaitConnection(TIMEOUT);
        assertTrue(records.stream().anyMatch(r -> r.getLevel() == java.util.logging.Level.WARNING
                && r.getMessage().contains("insecure")), records::toString);
    }

    @Test
    void rtmpsThroughASocksProxyIsRefusedRatherThanSentAnotherWay() {
        try (NativeRtmp rtmp = new NativeRtmp()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> rtmp.setupUrl(
                    rtmps("localhost", front.port(), "x"), RtmpOptions.builder().socks("127.0.0.1:1080").build()));
            assertTrue(e.getMessage().contains("SOCKS"), e::getMessage);
        }
    }

    private static RtmpException connectFails(String url, RtmpOptions options) {
        try (NativeRtmp rtmp = new NativeRtmp()) {
            rtmp.setupUrl(url, options);
            rtmp.enableWrite();
            return assertTimeoutPreemptively(Duration.ofSeconds(20), () -> assertThrows(RtmpException.class, rtmp::connect));
        }
    }

    private static String sniLog() {
        try {
            return front.sniLog();
        } catch (java.io.IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
