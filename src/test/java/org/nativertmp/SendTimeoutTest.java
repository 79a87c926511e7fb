package org.nativertmp;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.nativertmp.flv.FlvFormat;
import org.nativertmp.flv.FlvTag;
import org.nativertmp.support.StalledRtmpServer;

class SendTimeoutTest {
    private static final int TIMEOUT_SECONDS = 1;

    @Test
    void aServerThatStopsReadingEndsThePublishWithinTheTimeoutPlusTwoSeconds() throws Exception {
        // 64 KiB tags: larger than the send buffer, they go to the socket within librtmp's send
        assertStalledPublishFailsInTime(64 * 1024);
    }

    @Test
    void aSendTimeoutInTheFlushThatEndsAWriteIsReportedAsSuch() throws Exception {
        // 1 KiB tags: each write's chunks wait in the send buffer until the flush that ends the call
        assertStalledPublishFailsInTime(1024);
    }

    private static void assertStalledPublishFailsInTime(int payloadBytes) throws Exception {
        try (StalledRtmpServer server = new StalledRtmpServer(); NativeRtmp rtmp = new NativeRtmp()) {
            // the send timeout follows the receive timeout
            rtmp.setupUrl(server.url("live/stalled"),
                    RtmpOptions.builder().receiveTimeout(Duration.ofSeconds(TIMEOUT_SECONDS)).build());
            rtmp.enableWrite();
            rtmp.connect();
            rtmp.connectStream(0);
            assertTrue(server.awaitAnswered(5), "server answered the publish: " + server.failure());
            byte[] tag = new FlvTag(FlvFormat.TAG_VIDEO, 0, new byte[payloadBytes]).encode();
            long[] lastProgress = {System.nanoTime()};
            RtmpException e = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> assertThrows(RtmpException.class, () -> {
                for (int i = 0; i < 6_400_000 / payloadBytes * 100; i++) { // bounded: far more than loopback buffers hold
                    rtmp.write(tag, 0, tag.length);
                    lastProgress[0] = System.nanoTime();
                }
            }));
            long stalledMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastProgress[0]);
            System.getLogger(SendTimeoutTest.class.getName()).log(System.Logger.Level.INFO,
                    "stalled write of " + payloadBytes + "-byte tags failed after " + stalledMillis + " ms: "
                            + e.getMessage());
            assertTrue(e.getMessage().contains("the server stopped reading"), e.getMessage());
            assertFalse(rtmp.isConnected(), "librtmp closed the connection after the failed send");
            assertTrue(stalledMillis < (TIMEOUT_SECONDS + 2) * 1000L,
                    "the write blocked " + stalledMillis + " ms before failing");
        }
    }
}
