package org.nativertmp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nativertmp.flv.FlvFormat;
import org.nativertmp.flv.FlvTag;
import org.nativertmp.flv.FlvWriter;
import org.nativertmp.testkit.RecordedConnection;
import org.nativertmp.testkit.RtmpMessage;
import org.nativertmp.testkit.RtmpRecorderServer;
import org.nativertmp.testkit.WireTranscript;

/**
 * A tag whose timestamp is lower than the previous one on librtmp's media chunk stream
 * (native/patches/0017): a type-0 header with the absolute timestamp by default, librtmp's
 * wrapped delta (an extended timestamp near 2^32) when asked for.
 */
class BackwardsTimestampTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** Video and audio interleaved as encoders write them: each audio tag 1 ms before the video before it. */
    private static final List<FlvTag> TAGS = List.of(
            new FlvTag(FlvFormat.TAG_VIDEO, 0, new byte[] {0x17, 1, 0, 0, 0, 9}),
            new FlvTag(FlvFormat.TAG_AUDIO, 0, new byte[] {(byte) 0xAF, 1, 1}),
            new FlvTag(FlvFormat.TAG_VIDEO, 40, new byte[] {0x27, 1, 0, 0, 0, 8}),
            new FlvTag(FlvFormat.TAG_AUDIO, 39, new byte[] {(byte) 0xAF, 1, 2}),
            new FlvTag(FlvFormat.TAG_VIDEO, 80, new byte[] {0x27, 1, 0, 0, 0, 7}),
            new FlvTag(FlvFormat.TAG_AUDIO, 79, new byte[] {(byte) 0xAF, 1, 3}));

    private static RecordedConnection publish(RtmpOptions options) throws Exception {
        try (RtmpRecorderServer server = RtmpRecorderServer.start()) {
            byte[] flv = FlvWriter.toBytes(TAGS);
            try (NativeRtmp rtmp = new NativeRtmp()) {
                rtmp.setupUrl(server.url("live", "x"), options);
                rtmp.enableWrite();
                rtmp.connect();
                rtmp.connectStream(0);
                rtmp.write(flv, 0, flv.length);
            }
            return server.awaitConnection("live", "x", TIMEOUT);
        }
    }

    private static List<RtmpMessage> media(WireTranscript t) {
        return t.messages().stream().filter(m -> m.type() == FlvFormat.TAG_AUDIO || m.type() == FlvFormat.TAG_VIDEO).toList();
    }

    /** The 4-byte extended timestamp after a type-1 header (1 + 7 bytes, chunk stream below 64). */
    private static long extendedTimestamp(WireTranscript t, RtmpMessage m) {
        byte[] raw = t.raw();
        int at = (int) m.offset() + 8;
        return ((long) (raw[at] & 0xFF) << 24) | (raw[at + 1] & 0xFF) << 16 | (raw[at + 2] & 0xFF) << 8 | (raw[at + 3] & 0xFF);
    }

    @Test
    void aTagEarlierThanTheOneBeforeItGetsATypeZeroHeaderWithItsAbsoluteTimestamp() throws Exception {
        RecordedConnection c = publish(RtmpOptions.defaults());
        List<RtmpMessage> media = media(c.transcript());
        assertEquals(List.of(0, 0, 1, 0, 1, 0), media.stream().map(RtmpMessage::headerType).toList(),
                "chunk header types: type 0 for the first two (timestamp 0) and for each backwards tag");
        assertEquals(List.of(0L, 0L, 40L, 39L, 80L, 79L), media.stream().map(RtmpMessage::timestamp).toList());
        assertEquals(TAGS, c.published().get("x"));
    }

    @Test
    void librtmpsOwnWayWrapsTheDeltaNearTwoToThe32() throws Exception {
        RecordedConnection c = publish(RtmpOptions.builder().wrappedTimestampDeltas(true).build());
        List<RtmpMessage> media = media(c.transcript());
        assertEquals(List.of(0, 0, 1, 1, 1, 1), media.stream().map(RtmpMessage::headerType).toList());
        assertEquals(0xFFFF_FFFFL, extendedTimestamp(c.transcript(), media.get(3)), "39 - 40 as librtmp's uint32_t");
        // A server that sums deltas modulo 2^32, as the recorder (and the specification) do, still
        // gets the times; one that does not sees 39 as 4294967335.
        assertEquals(List.of(0L, 0L, 40L, 39L, 80L, 79L), media.stream().map(RtmpMessage::timestamp).toList());
    }
}
