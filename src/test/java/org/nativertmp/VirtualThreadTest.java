package org.nativertmp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.nativertmp.flv.FlvTag;
import org.nativertmp.support.ChildJvm;
import org.nativertmp.support.ModernJdk;
import org.nativertmp.support.SharedNginx;
import org.nativertmp.support.TestCertificates;
import org.nativertmp.support.TestFlv;
import org.nativertmp.support.TlsFront;
import org.nativertmp.testkit.RecordedConnection;
import org.nativertmp.testkit.RtmpRecorderServer;

/**
 * Virtual threads, in a JVM of 21 or later ({@link ModernJdk}) with ONE carrier thread: a
 * virtual thread waiting inside librtmp must leave it to the others, and the engine waits for all
 * of them on a few threads. Without that, the first player's wait would hold the only carrier,
 * and nothing else of the program could run (the second test shows it, with the library's waits
 * made inline on purpose).
 */
class VirtualThreadTest {
    @RegisterExtension
    static final SharedNginx nginx = new SharedNginx();
    @TempDir
    static Path work;
    private static Path jdk;

    @BeforeAll
    static void findJdk() {
        jdk = ModernJdk.require();
    }

    @Test
    void playersWaitingForALiveStreamLeaveTheOnlyCarrierToTheOthers() throws Exception {
        int players = 50;
        ChildJvm.Result r = session("engine", "vt-many", players, 2000, 30);
        Map<String, String> m = measurements(r);
        assertEquals(String.valueOf(players), m.get("players-ready"), r.toString());
        int ticks = Integer.parseInt(m.get("ticks-while-waiting").split(" ")[0]);
        assertTrue(ticks >= 10, "the ticker ran " + ticks + " times in 2 s while the players waited\n" + r);
        int threads = Integer.parseInt(m.get("platform-threads-while-waiting"));
        assertTrue(threads < players, "the engine waits for all " + players + " players on a few threads, yet the JVM"
                + " had " + threads + " platform threads\n" + r);
        assertEquals("ok media=" + VirtualThreadSessions.MEDIA_TAGS, m.get("publish"), r.toString());
        List<String> ends = playerLines(r);
        assertEquals(players, ends.size(), r.toString());
        for (String end : ends) {
            assertTrue(end.endsWith("media=" + VirtualThreadSessions.MEDIA_TAGS + " end=eos"), end + "\n" + r);
        }
    }

    @Test
    void asyncPlayersWaitOnTheEngineWithoutAThreadEach() throws Exception {
        int players = 50;
        ChildJvm.Result r = session("engine", "vt-async", players, 2000, 30, "async");
        Map<String, String> m = measurements(r);
        assertEquals(String.valueOf(players), m.get("players-ready"), r.toString());
        int threads = Integer.parseInt(m.get("platform-threads-while-waiting"));
        assertTrue(threads < players, players + " async players, " + threads + " platform threads\n" + r);
        int ticks = Integer.parseInt(m.get("ticks-while-waiting").split(" ")[0]);
        assertTrue(ticks >= 10, "the ticker ran " + ticks + " times in 2 s while the players waited\n" + r);
        for (String end : playerLines(r)) {
            assertTrue(end.endsWith("media=" + VirtualThreadSessions.MEDIA_TAGS + " end=eos"), end + "\n" + r);
        }
    }

    @Test
    void closeFromAnotherThreadEndsAVirtualThreadsReadWaitingOnTheEngine() throws Exception {
        ChildJvm.Result r = ChildJvm.run(jdk, work.resolve("vt-close"), 90,
                List.of("-Djdk.virtualThreadScheduler.parallelism=1", "--enable-native-access=ALL-UNNAMED"),
                VirtualThreadCloseSession.class, nginx.url("live/vt-close-nobody"));
        assertEquals(0, r.exit(), r.toString());
        Map<String, String> m = measurements(r);
        assertEquals("true", m.get("waiting-after-1500-ms"), "the read waits for a stream nobody publishes\n" + r);
        assertTrue(m.get("outcome").startsWith("RtmpException: "), r.toString());
        assertEquals("IllegalStateException", m.get("after-close"), r.toString());
        long millis = Long.parseLong(m.get("ended-after-close-ms"));
        assertTrue(millis < 10_000, "close() ended the read after " + millis + " ms, not at once\n" + r);
    }

    @Test
    void rtmpsPublishersOnVirtualThreadsHoldNoPlatformThreadEach() throws Exception {
        int publishers = 30;
        TestCertificates certificates = TestCertificates.make(work.resolve("vt-tls-certs"));
        try (RtmpRecorderServer recorder = RtmpRecorderServer.builder().maxConnections(publishers).start()) {
            TlsFront front = TlsFront.start(work.resolve("vt-tls-front"), certificates, recorder.port());
            try {
                ChildJvm.Result r = ChildJvm.run(jdk, work.resolve("vt-tls"), 150,
                        List.of("-Djdk.virtualThreadScheduler.parallelism=1", "-Djdk.virtualThreadScheduler.maxPoolSize=1",
                                "--enable-native-access=ALL-UNNAMED"),
                        VirtualThreadTlsSession.class, "rtmps://" + TestCertificates.NAME + ":" + front.port() + "/live/vtls",
                        certificates.caPem().toString(), String.valueOf(publishers));
                assertEquals(0, r.exit(), r.toString());
                Map<String, String> m = measurements(r);
                assertEquals("true", m.get("all-connected"), r.toString());
                // the TLS of each connection is copied by two virtual threads, not two platform threads
                int threads = Integer.parseInt(m.get("platform-threads-while-connected"));
                assertTrue(threads < publishers, publishers + " rtmps publishers connected, " + threads
                        + " platform threads\n" + r);
                List<FlvTag> tags = TestFlv.tags(17, VirtualThreadTlsSession.TAGS, 8000);
                for (int i = 0; i < publishers; i++) {
                    assertTrue(r.stdout().contains("publisher " + i + " closed-gracefully=true"), r.toString());
                    RecordedConnection c = recorder.awaitConnection("live", "vtls" + i, Duration.ofSeconds(15));
                    assertEquals(tags, c.published().get("vtls" + i), "stream vtls" + i + " as recorded");
                }
            } finally {
                front.close();
            }
        }
    }

    @Test
    void theSameWaitInsideNativeCodeOnTheVirtualThreadHoldsTheCarrier() throws Exception {
        ChildJvm.Result r = session("inline", "vt-inline", 1, 2000, 5);
        Map<String, String> m = measurements(r);
        assertEquals("1", m.get("players-ready"), r.toString());
        int ticks = Integer.parseInt(m.get("ticks-while-waiting").split(" ")[0]);
        assertTrue(ticks <= 1, "inline, the player's read holds the only carrier: the ticker ran " + ticks
                + " times\n" + r);
    }

    private static ChildJvm.Result session(String mode, String stream, int players, int waitMillis,
            int receiveTimeoutSeconds, String... style) throws Exception {
        List<String> jvm = List.of("-Djdk.virtualThreadScheduler.parallelism=1",
                "-Djdk.virtualThreadScheduler.maxPoolSize=1", "--enable-native-access=ALL-UNNAMED",
                "-Dorg.nativertmp.virtualThreadWaits=" + mode);
        ChildJvm.Result r = ChildJvm.run(jdk, work.resolve(stream), 150, jvm, VirtualThreadSessions.class,
                nginx.url("notify/" + stream), String.valueOf(players), String.valueOf(waitMillis),
                String.valueOf(receiveTimeoutSeconds), style.length > 0 ? style[0] : "blocking");
        assertEquals(0, r.exit(), r.toString());
        return r;
    }

    private static Map<String, String> measurements(ChildJvm.Result r) {
        return r.stdout().lines().filter(l -> !l.startsWith("player ") && l.contains("="))
                .collect(Collectors.toMap(l -> l.substring(0, l.indexOf('=')), l -> l.substring(l.indexOf('=') + 1),
                        (a, b) -> b));
    }

    private static List<String> playerLines(ChildJvm.Result r) {
        return new ArrayList<>(r.stdout().lines().filter(l -> l.startsWith("player ")).toList());
    }
}
