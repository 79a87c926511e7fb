package org.nativertmp.flv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Enhanced FLV tags (Enhanced RTMP v2): built as the specification lays them out, read back, and refused when cut short. */
class EnhancedFlvTest {
    private static byte[] bytes(int... b) {
        byte[] out = new byte[b.length];
        for (int i = 0; i < b.length; i++) {
            out[i] = (byte) b[i];
        }
        return out;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    @Test
    void theBuildersLayTagsOutAsTheSpecificationDoes() {
        assertArrayEquals(concat(bytes(0x90), "hvc1".getBytes(), bytes(1, 2)),
                EnhancedFlv.videoSequenceStart(FourCc.HEVC, 0, bytes(1, 2)).payload());
        // CodedFrames with the SI24 composition time offset (-2 here), a key frame
        assertArrayEquals(concat(bytes(0x91), "hvc1".getBytes(), bytes(0xFF, 0xFF, 0xFE, 7)),
                EnhancedFlv.videoCodedFrames(FourCc.HEVC, 40, true, -2, bytes(7)).payload());
        // an offset of zero: CodedFramesX, without the field; an inter frame
        assertArrayEquals(concat(bytes(0xA3), "hvc1".getBytes(), bytes(7)),
                EnhancedFlv.videoCodedFrames(FourCc.HEVC, 40, false, 0, bytes(7)).payload());
        // AV1 has no composition time: CodedFrames, the OBUs right after the FourCC
        assertArrayEquals(concat(bytes(0x91), "av01".getBytes(), bytes(0x12, 0)),
                EnhancedFlv.videoCodedFrames(FourCc.AV1, 0, true, 0, bytes(0x12, 0)).payload());
        assertArrayEquals(concat(bytes(0x92), "vp09".getBytes()), EnhancedFlv.videoSequenceEnd(FourCc.VP9, 9).payload());
        assertArrayEquals(concat(bytes(0x90), "Opus".getBytes(), bytes(5)),
                EnhancedFlv.audioSequenceStart(FourCc.OPUS, 0, bytes(5)).payload());
        assertArrayEquals(concat(bytes(0x91), "Opus".getBytes(), bytes(6)),
                EnhancedFlv.audioCodedFrames(FourCc.OPUS, 20, bytes(6)).payload());
        assertEquals(FlvFormat.TAG_AUDIO, EnhancedFlv.audioCodedFrames(FourCc.OPUS, 20, bytes(6)).type());
    }

    @Test
    void aTagKnowsItsFourCcPacketTypeFrameTypeAndCompositionTime() throws Exception {
        EnhancedHeader h = EnhancedFlv.videoCodedFrames(FourCc.HEVC, 40, true, 80, bytes(1, 2, 3)).enhancedHeader();
        assertEquals(new EnhancedHeader(EnhancedHeader.CODED_FRAMES, EnhancedHeader.KEY_FRAME, "hvc1", false, 80, 8), h);
        EnhancedHeader a = EnhancedFlv.audioSequenceStart(FourCc.OPUS, 0, bytes(1)).enhancedHeader();
        assertEquals(new EnhancedHeader(EnhancedHeader.SEQUENCE_START, 0, "Opus", false, 0, 5), a);
        FlvTag legacy = new FlvTag(FlvFormat.TAG_VIDEO, 0, bytes(0x17, 1, 0, 0, 0));
        assertFalse(legacy.isEnhanced());
        assertNull(legacy.enhancedHeader());
        assertFalse(new FlvTag(FlvFormat.TAG_AUDIO, 0, bytes(0xAF, 1)).isEnhanced());
        assertFalse(new FlvTag(FlvFormat.TAG_AUDIO, 0, new byte[0]).isEnhanced(), "an empty audio tag is silence");
    }

    @Test
    void modExPrefixesAreReadPastAndMultitrackReportsItsFirstTrack() throws Exception {
        // ModEx (7) with 3 bytes of data (TimestampOffsetNano), then CodedFramesX of hvc1
        byte[] modEx = concat(bytes(0x97, 2, 0, 1, 2, 0x03), "hvc1".getBytes(), bytes(9));
        assertEquals(new EnhancedHeader(EnhancedHeader.CODED_FRAMES_X, 1, "hvc1", false, 0, 10),
                new FlvTag(FlvFormat.TAG_VIDEO, 0, modEx).enhancedHeader());
        // Multitrack (6), one track (type 0) of CodedFramesX, av01, track id 0
        byte[] oneTrack = concat(bytes(0x96, 0x03), "av01".getBytes(), bytes(0, 9));
        assertEquals(new EnhancedHeader(EnhancedHeader.CODED_FRAMES_X, 1, "av01", true, 0, 6),
                new FlvTag(FlvFormat.TAG_VIDEO, 0, oneTrack).enhancedHeader());
        // audio Multitrack (5), many tracks many codecs (type 2) of CodedFrames: the first track's FourCC
        byte[] manyCodecs = concat(bytes(0x95, 0x21), "Opus".getBytes(), bytes(0, 0, 0, 1, 9));
        assertEquals(new EnhancedHeader(EnhancedHeader.CODED_FRAMES, 0, "Opus", true, 0, 6),
                new FlvTag(FlvFormat.TAG_AUDIO, 0, manyCodecs).enhancedHeader());
        // a video command frame: one command byte, no FourCC
        assertEquals(new EnhancedHeader(EnhancedHeader.CODED_FRAMES, EnhancedHeader.COMMAND_FRAME, null, false, 0, 2),
                new FlvTag(FlvFormat.TAG_VIDEO, 0, bytes(0xD1, 0)).enhancedHeader());
    }

    @Test
    void aHeaderCutShortOrAReservedPacketTypeIsMalformedAtItsByte() {
        MalformedFlvException e = assertThrows(MalformedFlvException.class,
                () -> new FlvTag(FlvFormat.TAG_VIDEO, 0, bytes(0x91, 'h', 'v')).enhancedHeader());
        assertEquals(1, e.offset());
        assertTrue(e.getMessage().contains("ends inside the FourCC"), e.getMessage());
        assertEquals(5, assertThrows(MalformedFlvException.class, () -> new FlvTag(FlvFormat.TAG_VIDEO, 0,
                concat(bytes(0x91), "hvc1".getBytes(), bytes(0))).enhancedHeader()).offset(), "composition time cut short");
        assertEquals(0, assertThrows(MalformedFlvException.class,
                () -> new FlvTag(FlvFormat.TAG_VIDEO, 0, bytes(0x98, 'h', 'v', 'c', '1')).enhancedHeader()).offset());
        assertEquals(0, assertThrows(MalformedFlvException.class,
                () -> new FlvTag(FlvFormat.TAG_AUDIO, 0, bytes(0x93, 'O', 'p', 'u', 's')).enhancedHeader()).offset());
        assertEquals(2, assertThrows(MalformedFlvException.class,
                () -> new FlvTag(FlvFormat.TAG_VIDEO, 0, bytes(0x97, 200, 1)).enhancedHeader()).offset(), "ModEx data cut short");
    }

    @Test
    void theFramerAndWriteRefuseAnEnhancedTagCutShortNamingTheByte() throws Exception {
        byte[] file = FlvWriter.toBytes(List.of(EnhancedFlv.videoSequenceStart(FourCc.HEVC, 0, bytes(1)),
                new FlvTag(FlvFormat.TAG_VIDEO, 40, bytes(0x91, 'h', 'v', 'c'))));
        int second = FlvFormat.HEADER_AND_FIRST_PREVIOUS_SIZE + 11 + 6 + 4;
        MalformedFlvException e = assertThrows(MalformedFlvException.class,
                () -> new FlvTagFramer(new FlvTagFramerTest.Collected()).feed(file, 0, file.length));
        assertEquals(second + 11 + 1, e.offset());
        assertTrue(e.getMessage().contains("in the FLV tag at byte " + second), e.getMessage());
        IllegalArgumentException w = assertThrows(IllegalArgumentException.class,
                () -> FlvTagBoundaries.countWholeTags(file, 0, file.length));
        assertTrue(w.getMessage().endsWith("(at byte " + (second + 12) + ")"), w.getMessage());
    }

    @Test
    void wellFormedEnhancedTagsGoThroughTheFramerUnchanged() throws Exception {
        List<FlvTag> tags = List.of(EnhancedFlv.videoSequenceStart(FourCc.AV1, 0, bytes(0x81, 0, 0x0C, 0)),
                EnhancedFlv.audioSequenceStart(FourCc.OPUS, 0, bytes(1, 2)),
                EnhancedFlv.videoCodedFrames(FourCc.AV1, 0, true, 0, bytes(0x0A, 0x0B)),
                EnhancedFlv.videoSequenceEnd(FourCc.AV1, 40));
        byte[] file = FlvWriter.toBytes(tags);
        FlvTagFramerTest.Collected out = FlvTagFramerTest.frameInRandomSlices(file, 7);
        assertEquals(tags.size(), out.tags.size());
        assertEquals(tags, FlvReader.readAll(file));
        assertEquals(tags.size(), FlvTagBoundaries.countWholeTags(file, 0, file.length));
    }

    @Test
    void annexBIsSplitIntoNalUnitsAndLengthPrefixedAgain() {
        byte[] annexB = bytes(0, 0, 0, 1, 0x40, 1, 0, 0, 1, 0x42, 2, 3, 0, 0, 0, 1, 0x26, 9);
        List<byte[]> units = EnhancedFlv.nalUnitsOfAnnexB(annexB);
        assertEquals(3, units.size());
        assertArrayEquals(bytes(0x42, 2, 3), units.get(1));
        assertArrayEquals(bytes(0, 0, 0, 2, 0x40, 1, 0, 0, 0, 3, 0x42, 2, 3, 0, 0, 0, 2, 0x26, 9),
                EnhancedFlv.lengthPrefixed(units));
    }

    @Test
    void anOpusSequenceStartFromDOpsHoldsTheIdHeaderLittleEndian() throws Exception {
        // dOps: version 0, 2 channels, pre-skip 312, 48000 Hz, gain 0, mapping family 0
        byte[] dOps = bytes(0, 2, 0x01, 0x38, 0, 0, 0xBB, 0x80, 0, 0, 0);
        FlvTag tag = EnhancedFlv.opusSequenceStart(0, dOps);
        assertEquals(FourCc.OPUS, tag.enhancedHeader().fourCc());
        assertEquals(EnhancedHeader.SEQUENCE_START, tag.enhancedHeader().packetType());
        byte[] head = java.util.Arrays.copyOfRange(tag.payload(), tag.enhancedHeader().size(), tag.payload().length);
        assertArrayEquals(bytes('O', 'p', 'u', 's', 'H', 'e', 'a', 'd', 1, 2, 0x38, 0x01, 0x80, 0xBB, 0, 0, 0, 0, 0), head);
        assertThrows(IllegalArgumentException.class, () -> EnhancedFlv.opusSequenceStart(0, bytes(1, 2, 3)));
    }

    @Test
    void badArgumentsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> EnhancedFlv.videoSequenceStart("hev", 0, bytes()));
        assertThrows(IllegalArgumentException.class, () -> EnhancedFlv.videoCodedFrames(FourCc.AV1, 0, true, 5, bytes()));
        assertThrows(IllegalArgumentException.class,
                () -> EnhancedFlv.videoCodedFrames(FourCc.HEVC, 0, true, 1 << 23, bytes()));
        assertTrue(FourCc.isValid(".mp3"));
        assertFalse(FourCc.isValid("*"));
    }
}
