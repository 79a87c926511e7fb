package org.nativertmp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nativertmp.flv.FlvFormat;
import org.nativertmp.flv.FlvTagFramer;
import org.nativertmp.support.FfmpegMedia;
import org.nativertmp.support.SharedNginx;

/** pause, seek and duration while playing a 10-second file from nginx-rtmp's vod application. */
class PlayControlTest {
    @RegisterExtension
    static final SharedNginx nginx = new SharedNginx();

    @BeforeAll
    static void start() throws Exception {
        FfmpegMedia.makeFlv(nginx.vodDir(), "ten.flv", 10, 300);
    }

    @Test
    void durationComesFromTheStreamsMetadata() throws Exception {
        try (NativeRtmp rtmp = player()) {
            assertEquals(Duration.ZERO, rtmp.duration(), "nothing read yet");
            List<Long> timestamps = mediaTimestamps(rtmp, 10);
            assertEquals(10, timestamps.size());
            long ms = rtmp.duration().toMillis();
            assertTrue(ms >= 9_900 && ms <= 10_200, "duration " + rtmp.duration());
        }
    }

    @Test
    void aPausedStreamResumesAndPlaysToItsEnd() throws Exception {
        try (NativeRtmp rtmp = player()) {
            List<Long> before = mediaTimestamps(rtmp, 20);
            rtmp.pause(true);
            rtmp.pause(false);
            List<Long> after = mediaTimestamps(rtmp, Integer.MAX_VALUE);
            assertTrue(!after.isEmpty(), "media after the resume");
            long last = after.get(after.size() - 1);
            assertTrue(last >= 9_000, "played to the end, last tag at " + last + " ms (before pause: " + before + ")");
        }
    }

    @Test
    void seekMovesPlayForward() throws Exception {
        try (NativeRtmp rtmp = player()) {
            mediaTimestamps(rtmp, 5);
            rtmp.seek(7_000);
            List<Long> after = mediaTimestamps(rtmp, Integer.MAX_VALUE);
            long first = after.stream().mapToLong(Long::longValue).filter(t -> t >= 6_000).findFirst().orElse(-1);
            assertTrue(first >= 6_000, "tags from about 7 s on after the seek: " + summary(after));
            long reachedBeforeSeekTarget = after.stream().filter(t -> t > 1_000 && t < 6_000).count();
            // Playing on without the seek would bring about 300 tags between 1 and 6 s.
            assertTrue(reachedBeforeSeekTarget < 100, reachedBeforeSeekTarget + " tags between 1 and 6 s after the seek: "
                    + summary(after));
        }
    }

    private static NativeRtmp player() throws RtmpException {
        NativeRtmp rtmp = new NativeRtmp();
        // librtmp asks for 30 s of buffer by default, and nginx then sends the whole 10-second
        // file (and its Play.Stop) at once, before a pause or seek could matter.
        rtmp.setupUrl(nginx.url("vod/ten.flv"), RtmpOptions.builder().receiveTimeout(Duration.ofSeconds(10))
                .buffer(Duration.ofMillis(300)).build());
        rtmp.connect();
        rtmp.connectStream(0);
        return rtmp;
    }

    /** Reads until {@code wanted} more media tags came or the stream ended; their timestamps. */
    private static List<Long> mediaTimestamps(NativeRtmp rtmp, int wanted) throws IOException {
        PlayedTags tags = PLAYED.computeIfAbsent(rtmp, r -> new PlayedTags());
        return tags.readMore(rtmp, wanted);
    }

    private static final java.util.Map<NativeRtmp, PlayedTags> PLAYED = new java.util.IdentityHashMap<>();

    /** One framer per connection: a read may end inside a tag, the next one continues it. */
    private static final class PlayedTags {
        final List<Long> timestamps = new ArrayList<>();
        final FlvTagFramer framer = new FlvTagFramer((b, off, len, type, timestamp, offset) -> {
            if (type != FlvFormat.TAG_SCRIPT) {
                timestamps.add(timestamp);
            }
        });

        List<Long> readMore(NativeRtmp rtmp, int wanted) throws IOException {
            int from = timestamps.size();
            byte[] buf = new byte[64 * 1024];
            while (timestamps.size() - from < wanted) {
                int n = rtmp.read(buf, 0, buf.length);
                if (n < 0) {
                    break;
                }
                framer.feed(buf, 0, n);
            }
            return new ArrayList<>(timestamps.subList(from, timestamps.size()));
        }
    }

    private static String summary(List<Long> t) {
        return t.size() + " tags" + (t.isEmpty() ? "" : ", " + t.get(0) + " .. " + t.get(t.size() - 1) + " ms");
    }
}
