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

    @Test
    void aServerThatReadsALittleNowAndThenCannotStretchAWritePastTheMediaTimeout() throws Exception {
        // The server reads 2 KiB every 500 ms: no send waits a second for progress, so the send
        // timeout alone would let a 12 MiB tag (more than the socket buffers hold) crawl for an hour.
        try (StalledRtmpServer server = new StalledRtmpServer(2048); NativeRtmp rtmp = new NativeRtmp()) {
            rtmp.setupUrl(server.url("live/trickled"), RtmpOptions.builder()
                    .receiveTimeout(Duration.ofSeconds(TIMEOUT_SECONDS))
                    .mediaTimeout(Duration.ofSeconds(TIMEOUT_SECONDS)).build());
            rtmp.enableWrite();
            rtmp.connect();
            rtmp.connectStream(0);
            assertTrue(server.awaitAnswered(5), "server answered the publish: " + server.failure());
            byte[] tag = new FlvTag(FlvFormat.TAG_VIDEO, 0, new byte[12 << 20]).encode();
            long start = System.nanoTime();
            RtmpException e = assertTimeoutPreemptively(Duration.ofSeconds(60),
                    () -> assertThrows(RtmpException.class, () -> rtmp.write(tag, 0, tag.length)));
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(e.getMessage().contains("timed out after 1000 ms (the media timeout)"), e.getMessage());
            assertTrue(millis < (TIMEOUT_SECONDS + 2) * 1000L, "the write ended after " + millis + " ms");
        }
    }

    @Test
    void aServerThatStopsReadingCannotHoldASetChunkSizePastTheSendTimeout() throws Exception {
        try (StalledRtmpServer server = new StalledRtmpServer(); NativeRtmp rtmp = new NativeRtmp()) {
            rtmp.setupUrl(server.url("live/stalled"),
                    RtmpOptions.builder().receiveTimeout(Duration.ofSeconds(TIMEOUT_SECONDS)).build());
            rtmp.enableWrite();
            rtmp.connect();
            rtmp.connectStream(0);
            assertTrue(server.awaitAnswered(5), "server answered the publish: " + server.failure());
            long[] start = {System.nanoTime()};
            RtmpException e = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> assertThrows(RtmpException.class, () -> {
                for (int i = 0; i < 2_000_000; i++) { // bounded: each sends 16 bytes, far more than the buffers hold
                    start[0] = System.nanoTime();
                    rtmp.setOutChunkSize(4096 + i % 2);
                }
            }));
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start[0]);
            assertTrue(e.getMessage().contains("the send timeout"), e.getMessage());
            assertTrue(millis < (TIMEOUT_SECONDS + 2) * 1000L, "the call ended after " + millis + " ms");
        }
    }
}
