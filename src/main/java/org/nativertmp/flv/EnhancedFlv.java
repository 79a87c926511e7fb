package org.nativertmp.flv;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Builds enhanced FLV tags (Enhanced RTMP, Veovera's specification v2), so that an encoder
 * pipeline can publish HEVC, AV1, VP9 or Opus: a sequence start from the codec's configuration
 * record, then coded frames, then a sequence end.
 *
 * <pre>{@code
 * out.write(EnhancedFlv.videoSequenceStart(FourCc.HEVC, 0, hvcC).encode());     // from the MP4's hvcC box
 * out.write(EnhancedFlv.videoCodedFrames(FourCc.HEVC, 40, true, 80,
 *         EnhancedFlv.lengthPrefixed(nalUnits)).encode());
 * }</pre>
 *
 * <p>What each codec's data is: for {@code hvc1} (and {@code avc1}, {@code vvc1}) the
 * configuration record is the {@code hvcC} ({@code avcC}, {@code vvcC}) record and a frame is
 * its NAL units, each with a 4-byte big-endian length ({@link #lengthPrefixed}); for {@code av01}
 * the {@code av1C} record and a temporal unit's OBUs (with their sizes, without the temporal
 * delimiter); for {@code vp09} the {@code vpcC} record and a frame. For {@code Opus} the sequence
 * start holds the ID header ({@code OpusHead}, RFC 7845 section 5.1) and each coded frame an
 * Opus packet.
 */
public final class EnhancedFlv {
    private EnhancedFlv() {
    }

    /**
     * The video tag that starts a sequence: packet type {@code SequenceStart}, a key frame.
     *
     * @param fourCc the codec ({@link FourCc#HEVC}, {@link FourCc#AV1}, ...)
     * @param timestamp milliseconds
     * @param configurationRecord the codec's decoder configuration record (hvcC, av1C, vpcC, ...)
     * @return the tag
     */
    public static FlvTag videoSequenceStart(String fourCc, long timestamp, byte[] configurationRecord) {
        return video(EnhancedHeader.KEY_FRAME, EnhancedHeader.SEQUENCE_START, fourCc, null, timestamp,
                configurationRecord);
    }

    /**
     * A video tag of coded frames: packet type {@code CodedFrames}, or {@code CodedFramesX} for
     * a codec with composition times whose offset is zero (the specification's shorter form).
     *
     * @param fourCc the codec
     * @param timestamp the decoding timestamp, milliseconds
     * @param keyFrame a key frame (frame type 1) or an inter frame (2)
     * @param compositionTimeOffset presentation minus decoding time, milliseconds: only codecs with
     *        composition times ({@code avc1}, {@code hvc1}, {@code vvc1}) have one; 0 for the others
     * @param frame the frame's data (for NAL unit codecs: {@link #lengthPrefixed})
     * @return the tag
     * @throws IllegalArgumentException for a composition time offset that the codec has no field
     *         for, or that does not fit 24 signed bits
     */
    public static FlvTag videoCodedFrames(String fourCc, long timestamp, boolean keyFrame, int compositionTimeOffset,
            byte[] frame) {
        FourCc.require(fourCc);
        int frameType = keyFrame ? EnhancedHeader.KEY_FRAME : EnhancedHeader.INTER_FRAME;
        if (!FourCc.hasCompositionTime(fourCc)) {
            if (compositionTimeOffset != 0) {
                throw new IllegalArgumentException(fourCc + " frames have no composition time offset: "
                        + compositionTimeOffset);
            }
            return video(frameType, EnhancedHeader.CODED_FRAMES, fourCc, null, timestamp, frame);
        }
        if (compositionTimeOffset == 0) {
            return video(frameType, EnhancedHeader.CODED_FRAMES_X, fourCc, null, timestamp, frame);
        }
        if (compositionTimeOffset < -(1 << 23) || compositionTimeOffset >= 1 << 23) {
            throw new IllegalArgumentException("composition time offset " + compositionTimeOffset
                    + " ms does not fit 24 signed bits");
        }
        byte[] cts = {(byte) (compositionTimeOffset >> 16), (byte) (compositionTimeOffset >> 8),
            (byte) compositionTimeOffset};
        return video(frameType, EnhancedHeader.CODED_FRAMES, fourCc, cts, timestamp, frame);
    }

    /**
     * The video tag that ends a sequence: packet type {@code SequenceEnd}, the FourCC alone.
     *
     * @param fourCc the codec
     * @param timestamp milliseconds
     * @return the tag
     */
    public static FlvTag videoSequenceEnd(String fourCc, long timestamp) {
        return video(EnhancedHeader.KEY_FRAME, EnhancedHeader.SEQUENCE_END, fourCc, null, timestamp, new byte[0]);
    }

    /**
     * The audio tag that starts a sequence: packet type {@code SequenceStart}.
     *
     * @param fourCc the codec ({@link FourCc#OPUS}, {@link FourCc#FLAC}, {@link FourCc#AAC}, ...)
     * @param timestamp milliseconds
     * @param header the codec's header: Opus's ID header, FLAC's stream info, AAC's
     *        AudioSpecificConfig; empty for codecs that have none
     * @return the tag
     */
    public static FlvTag audioSequenceStart(String fourCc, long timestamp, byte[] header) {
        return audio(EnhancedHeader.SEQUENCE_START, fourCc, timestamp, header);
    }

    /**
     * Opus's audio sequence start from an MP4 {@code dOps} box (ISO/IEC 23003-5 "Opus in
     * ISOBMFF"): the tag holds Opus's ID header ({@code OpusHead}, RFC 7845 section 5.1), which
     * has the same fields little-endian, after its magic and with version 1.
     *
     * @param timestamp milliseconds
     * @param dOps the box's contents (after its size and type): version 0, channel count,
     *        pre-skip, input sample rate, output gain, mapping family and its table if any
     * @return the tag
     * @throws IllegalArgumentException for contents shorter than 11 bytes or of a version other than 0
     */
    public static FlvTag opusSequenceStart(long timestamp, byte[] dOps) {
        if (dOps.length < 11 || dOps[0] != 0) {
            throw new IllegalArgumentException("not a dOps box of version 0 (" + dOps.length + " bytes"
                    + (dOps.length > 0 ? ", version " + dOps[0] : "") + ")");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("OpusHead".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        out.write(1);                          // version
        out.write(dOps[1]);                    // channel count
        out.write(dOps[3]);                    // pre-skip, little-endian
        out.write(dOps[2]);
        for (int i = 7; i >= 4; i--) {         // input sample rate, little-endian
            out.write(dOps[i]);
        }
        out.write(dOps[9]);                    // output gain, little-endian
        out.write(dOps[8]);
        out.write(dOps, 10, dOps.length - 10); // mapping family, and its table if any
        return audioSequenceStart(FourCc.OPUS, timestamp, out.toByteArray());
    }

    /**
     * An audio tag of coded frames: packet type {@code CodedFrames}.
     *
     * @param fourCc the codec
     * @param timestamp milliseconds
     * @param frames the coded audio (for Opus: one packet)
     * @return the tag
     */
    public static FlvTag audioCodedFrames(String fourCc, long timestamp, byte[] frames) {
        return audio(EnhancedHeader.CODED_FRAMES, fourCc, timestamp, frames);
    }

    /**
     * NAL units, each after its size as a 4-byte big-endian number: the form of a frame of
     * {@code avc1}, {@code hvc1} and {@code vvc1} in an FLV tag (and in MP4), for a configuration
     * record whose {@code lengthSizeMinusOne} is 3.
     *
     * @param nalUnits the NAL units, without start codes
     * @return them, length-prefixed
     */
    public static byte[] lengthPrefixed(List<byte[]> nalUnits) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] n : nalUnits) {
            int len = n.length;
            out.write(len >>> 24);
            out.write(len >>> 16);
            out.write(len >>> 8);
            out.write(len);
            out.writeBytes(n);
        }
        return out.toByteArray();
    }

    /**
     * The NAL units of an Annex B byte stream (what encoders such as x265 write: each unit after a
     * start code {@code 00 00 01} or {@code 00 00 00 01}), without their start codes.
     *
     * @param annexB the byte stream
     * @return its NAL units, in order; empty when it holds no start code
     */
    public static List<byte[]> nalUnitsOfAnnexB(byte[] annexB) {
        List<byte[]> units = new ArrayList<>();
        int start = -1;
        int i = 0;
        while (i + 2 < annexB.length) {
            if (annexB[i] == 0 && annexB[i + 1] == 0 && annexB[i + 2] == 1) {
                if (start >= 0) {
                    units.add(unit(annexB, start, i));
                }
                i += 3;
                start = i;
            } else {
                i++;
            }
        }
        if (start >= 0) {
            units.add(unit(annexB, start, annexB.length));
        }
        return units;
    }

    /** From start to end, less the zero bytes that belong to the next start code (or trail the stream). */
    private static byte[] unit(byte[] b, int start, int end) {
        while (end > start && b[end - 1] == 0) {
            end--;
        }
        byte[] u = new byte[end - start];
        System.arraycopy(b, start, u, 0, u.length);
        return u;
    }

    private static FlvTag video(int frameType, int packetType, String fourCc, byte[] cts, long timestamp, byte[] data) {
        FourCc.require(fourCc);
        Objects.requireNonNull(data, "data");
        int extra = cts == null ? 0 : cts.length;
        byte[] p = new byte[1 + FourCc.SIZE + extra + data.length];
        p[0] = (byte) (0x80 | frameType << 4 | packetType);
        FourCc.write(fourCc, p, 1);
        if (cts != null) {
            System.arraycopy(cts, 0, p, 1 + FourCc.SIZE, extra);
        }
        System.arraycopy(data, 0, p, 1 + FourCc.SIZE + extra, data.length);
        return new FlvTag(FlvFormat.TAG_VIDEO, timestamp, p);
    }

    private static FlvTag audio(int packetType, String fourCc, long timestamp, byte[] data) {
        FourCc.require(fourCc);
        Objects.requireNonNull(data, "data");
        byte[] p = new byte[1 + FourCc.SIZE + data.length];
        p[0] = (byte) (EnhancedHeader.SOUND_FORMAT_EX_HEADER << 4 | packetType);
        FourCc.write(fourCc, p, 1);
        System.arraycopy(data, 0, p, 1 + FourCc.SIZE, data.length);
        return new FlvTag(FlvFormat.TAG_AUDIO, timestamp, p);
    }
}
