package org.nativertmp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nativertmp.support.Publishers.publisher;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nativertmp.amf0.Amf0;
import org.nativertmp.flv.FlvTag;
import org.nativertmp.support.SharedNginx;
import org.nativertmp.testkit.RtmpRecorderServer;
import org.nativertmp.testkit.SampleFlv;

/**
 * {@link RtmpStatistics#nativeBytes()}: what a connection holds, counted by the library as librtmp
 * allocates and frees. A connection in its steady state holds the same after ten more rounds of
 * any call as after one: a block counted in but never out (or out but never in) shows as a
 * difference. On the engine (the suite's second run) the fiber's stack pages are in the count as
 * well, and a call that had to wait may touch a page more: a page or two of slack there.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class NativeMemoryTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final long TARGET = 100 * 1024;

    @RegisterExtension
    static final SharedNginx nginx = new SharedNginx();

    @Test
    void aPublisherHoldsItsStateAndWhatLibrtmpKeepsAndNoMoreAfterMoreWrites() throws Exception {
        byte[] flv = SampleFlv.file(SampleFlv.tags(61, 200, 8000));
        try (NativeRtmp rtmp = publisher(nginx.url("live/memory1"))) {
            long connected = rtmp.statistics().nativeBytes();
            // librtmp's RTMP struct alone is over 16 KiB; no buffer is taken before it is needed
            assertTrue(connected >= 16 * 1024 && connected < 32 * 1024, "a publisher set up: " + connected);
            rtmp.write(flv, 0, flv.length);
            long published = rtmp.statistics().nativeBytes();
            for (int i = 0; i < 10; i++) {
                rtmp.write(flv, 13, flv.length - 13); // the tags again, after the FLV header
            }
            long again = rtmp.statistics().nativeBytes();
            assertSteady(published, again, "ten more writes of 200 tags");
            assertTrue(published - connected < 8 * 1024, "the media chunk streams' headers; not the 64 KiB send buffer,"
                    + " nor the write's " + flv.length + "-byte native copy: " + connected + " -> " + published);
        }
    }

    @Test
    void packetsSentAndPingsAnsweredLeaveTheCountWhereItWas() throws Exception {
        RtmpPacket data = new RtmpPacket(RtmpPacket.TYPE_DATA, 4, RtmpPacket.HEADER_LARGE, 0, 1,
                Amf0.encode("onTextData", Map.of("text", "counted")));
        try (NativeRtmp rtmp = publisher(nginx.url("live/memory2"))) {
            round(rtmp, data);
            long first = rtmp.statistics().nativeBytes();
            for (int i = 0; i < 10; i++) {
                round(rtmp, data);
            }
            assertSteady(first, rtmp.statistics().nativeBytes(), "ten more packets sent, metadata and pings");
        }
    }

    @Test
    void packetsReadAndHandledLeaveTheCountWhereItWas() throws Exception {
        List<FlvTag> tags = SampleFlv.tags(67, 400, 3000);
        try (RtmpRecorderServer server = RtmpRecorderServer.start()) {
            server.addPlayable("clip", tags);
            try (NativeRtmp rtmp = new NativeRtmp()) {
                rtmp.setupUrl(server.url("vod", "clip"));
                rtmp.connect();
                rtmp.connectStream(0);
                readAndHandle(rtmp, 50);
                long first = rtmp.statistics().nativeBytes();
                readAndHandle(rtmp, 200);
                long later = rtmp.statistics().nativeBytes();
                assertSteady(first, later, "200 more messages read and handed back");
                assertTrue(later <= TARGET, later + " bytes while playing");
            }
        }
    }

    @Test
    void aPlayerWaitingForALiveStreamHoldsNoHeaderBufferUntilTheStreamStarts() throws Exception {
        String url = nginx.url("live/memory4");
        try (NativeRtmp player = new NativeRtmp()) {
            player.setupUrl(url, RtmpOptions.builder().live(true).build());
            player.connect();
            player.connectStream(0);
            long ready = player.statistics().nativeBytes();
            CompletableFuture<Integer> reading = CompletableFuture.supplyAsync(() -> {
                try {
                    return player.read(new byte[64 * 1024], 0, 64 * 1024);
                } catch (RtmpException e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(300);
            assertTrue(!reading.isDone(), "nobody publishes yet");
            long waiting = player.statistics().nativeBytes();
            // The read's own 64 KiB native buffer; librtmp's first RTMP_Read took 128 KiB more for the
            // FLV header before it waited (native/patches/0020).
            assertTrue(waiting - ready >= 64 * 1024 && waiting - ready < 96 * 1024,
                    "a waiting read holds its buffer and no header buffer: " + ready + " -> " + waiting);
            byte[] flv = SampleFlv.file(SampleFlv.tags(71, 100, 4000));
            try (NativeRtmp publisher = publisher(url)) {
                publisher.write(flv, 0, flv.length);
                assertTrue(reading.get(20, TimeUnit.SECONDS) > 13, "the read returns the stream once it starts");
            }
        }
    }

    private static void round(NativeRtmp rtmp, RtmpPacket data) throws RtmpException {
        rtmp.sendPacket(data, false);
        rtmp.sendMetadata(Map.of("width", 640.0, "height", 360.0));
        assertNotNull(rtmp.ping(WAIT));
    }

    private static void readAndHandle(NativeRtmp rtmp, int messages) throws RtmpException {
        for (int i = 0; i < messages; i++) {
            rtmp.handlePacket(rtmp.readPacket());
        }
    }

    private static void assertSteady(long before, long after, String what) {
        if (onEngine()) {
            assertTrue(Math.abs(after - before) <= 8 * 1024, what + ": " + before + " -> " + after
                    + " (on the engine: within two pages of the fiber's stack)");
        } else {
            assertEquals(before, after, what + ": every block librtmp allocated in these calls was freed in them");
        }
    }

    /** The suite's second run: every call on the engine (pom.xml, surefire execution "engine"). */
    private static boolean onEngine() {
        return "engine-all".equals(System.getProperty("org.nativertmp.virtualThreadWaits"));
    }
}
