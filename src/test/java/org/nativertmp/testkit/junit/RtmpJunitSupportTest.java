package org.nativertmp.testkit.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nativertmp.NativeRtmp;
import org.nativertmp.testkit.CompareOptions;
import org.nativertmp.testkit.RtmpRecorderServer;
import org.nativertmp.testkit.WireTranscript;
import org.opentest4j.AssertionFailedError;

@ExtendWith(RtmpRecorderExtension.class)
class RtmpJunitSupportTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final List<Integer> PORTS_HANDED_OUT = new CopyOnWriteArrayList<>();

    @AfterAll
    static void everyServerHandedOutWasClosedAfterItsTest() {
        assertEquals(2, PORTS_HANDED_OUT.size());
        for (int port : PORTS_HANDED_OUT) {
            assertThrows(ConnectException.class, () -> new Socket(InetAddress.getLoopbackAddress(), port).close());
        }
    }

    private static WireTranscript connectOnce(RtmpRecorderServer server, String app) throws Exception {
        try (NativeRtmp rtmp = new NativeRtmp()) {
            rtmp.setupUrl(server.url(app, "x"));
            rtmp.connect();
        }
        return server.awaitConnection(TIMEOUT).transcript();
    }

    @Test
    void aTestMethodGetsAStartedRecorderAndParametersShareIt(RtmpRecorderServer server, RtmpRecorderServer same)
            throws IOException {
        assertSame(server, same);
        new Socket(InetAddress.getLoopbackAddress(), server.port()).close();
        PORTS_HANDED_OUT.add(server.port());
    }

    @Test
    void assertSameWireFailsWithTheAlignedReport(RtmpRecorderServer server) throws Exception {
        PORTS_HANDED_OUT.add(server.port());
        WireTranscript live = connectOnce(server, "live");
        WireTranscript again = connectOnce(server, "live");
        WireTranscript vod = connectOnce(server, "vod");

        RtmpAssertions.assertSameWire(live, again, CompareOptions.exact());
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> RtmpAssertions.assertSameWire(live, vod, CompareOptions.semantic()));
        assertTrue(e.getMessage().contains("messages by type:"), e.getMessage());
        assertTrue(e.getMessage().contains("property app differs: expected \"live\" but was \"vod\""), e.getMessage());
        assertTrue(e.getMessage().contains("property tcUrl differs"), e.getMessage());
        assertEquals(live.toText(), e.getExpected().getValue());
    }
}
