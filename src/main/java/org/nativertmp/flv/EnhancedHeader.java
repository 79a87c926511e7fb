package org.nativertmp.flv;

/**
 * The header of an enhanced FLV audio or video tag (Enhanced RTMP, Veovera's specification v2):
 * a video tag whose first byte has bit 7 set ({@code IsExHeader}), an audio tag whose sound
 * format is 9 ({@code ExHeader}). In place of the legacy codec id they carry a packet type and a
 * FourCC; {@code ModEx} prefixes are read past, and a multitrack tag reports its first track's
 * FourCC and packet type.
 *
 * @param packetType the packet type (after any {@code ModEx}): {@link #SEQUENCE_START},
 *        {@link #CODED_FRAMES}, ...
 * @param frameType a video tag's frame type ({@link #KEY_FRAME}, {@link #INTER_FRAME}, ...);
 *        0 for audio
 * @param fourCc the codec's FourCC ({@link FourCc}); null for a video command frame, which has none
 * @param multitrack whether the tag carries several tracks (packet type {@code Multitrack})
 * @param compositionTime the composition time offset in milliseconds of coded frames of
 *        {@code avc1}, {@code hvc1} and {@code vvc1} (packet type {@link #CODED_FRAMES}); 0 otherwise
 * @param size how many bytes of the tag's data the header takes: the codec's data starts there
 *        (for a single track)
 */
public record EnhancedHeader(int packetType, int frameType, String fourCc, boolean multitrack, int compositionTime,
        int size) {
    /** Packet type: the codec's configuration (hvcC, av1C, vpcC; Opus's ID header...). */
    public static final int SEQUENCE_START = 0;
    /** Packet type: coded frames (with a composition time offset for avc1, hvc1, vvc1). */
    public static final int CODED_FRAMES = 1;
    /** Packet type: the end of the sequence. */
    public static final int SEQUENCE_END = 2;
    /** Video packet type: coded frames whose composition time offset is zero, left out. */
    public static final int CODED_FRAMES_X = 3;
    /** Video packet type: AMF-encoded metadata (colorInfo, HDR). */
    public static final int METADATA = 4;
    /** Video packet type: an MPEG-2 TS sequence start (AV1 video descriptor). */
    public static final int MPEG2TS_SEQUENCE_START = 5;
    /** Video packet type: several tracks follow. */
    public static final int VIDEO_MULTITRACK = 6;
    /** Audio packet type: a multichannel configuration. */
    public static final int MULTICHANNEL_CONFIG = 4;
    /** Audio packet type: several tracks follow. */
    public static final int AUDIO_MULTITRACK = 5;
    /** Packet type (audio and video): a modifier with its data comes first, then the real type. */
    public static final int MOD_EX = 7;

    /** Video frame type: a key frame (seekable). */
    public static final int KEY_FRAME = 1;
    /** Video frame type: an inter frame. */
    public static final int INTER_FRAME = 2;
    /** Video frame type: a disposable inter frame. */
    public static final int DISPOSABLE_INTER_FRAME = 3;
    /** Video frame type: a key frame made by a server. */
    public static final int GENERATED_KEY_FRAME = 4;
    /** Video frame type: a command frame (one command byte, no FourCC, no video). */
    public static final int COMMAND_FRAME = 5;

    /** Sound format of an enhanced audio tag (the upper four bits of its first byte). */
    static final int SOUND_FORMAT_EX_HEADER = 9;
    /** Multitrack type whose tracks each name their codec. */
    private static final int MANY_TRACKS_MANY_CODECS = 2;

    /**
     * Whether a tag's data starts an enhanced header.
     *
     * @param tagType {@link FlvFormat#TAG_AUDIO}, {@link FlvFormat#TAG_VIDEO} or another
     * @param b the tag's data
     * @param off where it starts in {@code b}
     * @param len its size
     * @return true for an enhanced audio or video tag
     */
    public static boolean isEnhanced(int tagType, byte[] b, int off, int len) {
        if (len < 1) {
            return false;
        }
        int first = b[off] & 0xFF;
        return tagType == FlvFormat.TAG_VIDEO ? (first & 0x80) != 0
                : tagType == FlvFormat.TAG_AUDIO && first >> 4 == SOUND_FORMAT_EX_HEADER;
    }

    /**
     * Reads the enhanced header at the start of a tag's data.
     *
     * @param tagType {@link FlvFormat#TAG_AUDIO} or {@link FlvFormat#TAG_VIDEO}
     * @param b the tag's data
     * @param off where it starts in {@code b}
     * @param len its size
     * @param base the stream offset of {@code b[off]}, for the exception
     * @return the header
     * @throws MalformedFlvException when the data ends inside the header, or a packet type is
     *         one the specification reserves; its offset is {@code base} plus the offending byte's
     * @throws IllegalArgumentException when the tag is not enhanced ({@link #isEnhanced})
     */
    public static EnhancedHeader read(int tagType, byte[] b, int off, int len, long base) throws MalformedFlvException {
        if (!isEnhanced(tagType, b, off, len)) {
            throw new IllegalArgumentException("not an enhanced audio or video tag");
        }
        return new Parser(tagType == FlvFormat.TAG_VIDEO, b, off, len, base).header();
    }

    /** The reading of one header; offsets in messages count from the tag's data. */
    private static final class Parser {
        private final boolean video;
        private final byte[] b;
        private final int off;
        private final int len;
        private final long base;
        private int p;

        Parser(boolean video, byte[] b, int off, int len, long base) {
            this.video = video;
            this.b = b;
            this.off = off;
            this.len = len;
            this.base = base;
        }

        EnhancedHeader header() throws MalformedFlvException {
            int first = u8("its first byte");
            int frameType = video ? first >> 4 & 0x7 : 0;
            int packetType = first & 0xF;
            while (packetType == MOD_EX) {
                int size = u8("a ModEx size") + 1;
                if (size == 256) {
                    size = u16("a ModEx size") + 1;
                }
                skip(size, "ModEx data");
                packetType = u8("the packet type after ModEx") & 0xF;
            }
            boolean multitrack = packetType == (video ? VIDEO_MULTITRACK : AUDIO_MULTITRACK);
            String fourCc;
            if (video && frameType == COMMAND_FRAME && packetType != METADATA) {
                u8("a video command");
                return new EnhancedHeader(packetType, frameType, null, false, 0, p);
            }
            if (multitrack) {
                int at = p;
                int types = u8("the multitrack type");
                if (types >> 4 > MANY_TRACKS_MANY_CODECS) {
                    throw fail("multitrack type " + (types >> 4) + " is reserved", at);
                }
                packetType = types & 0xF;
                if (packetType == (video ? VIDEO_MULTITRACK : AUDIO_MULTITRACK)) {
                    throw fail("a multitrack tag's tracks are multitrack again", at);
                }
                requireDefined(packetType, at);
                // Tracks of one codec share the FourCC here; with many codecs, each track starts with its own.
                fourCc = fourCc(types >> 4 == MANY_TRACKS_MANY_CODECS ? "the first track's FourCC" : "the FourCC");
                return new EnhancedHeader(packetType, frameType, fourCc, true, 0, p);
            }
            requireDefined(packetType, p - 1);
            fourCc = fourCc("the FourCC");
            int compositionTime = 0;
            if (video && packetType == CODED_FRAMES && FourCc.hasCompositionTime(fourCc)) {
                int t = u24("the composition time offset");
                compositionTime = t << 8 >> 8; // SI24
            }
            return new EnhancedHeader(packetType, frameType, fourCc, false, compositionTime, p);
        }

        private void requireDefined(int packetType, int at) throws MalformedFlvException {
            boolean defined = video ? packetType <= VIDEO_MULTITRACK
                    : packetType <= SEQUENCE_END || packetType == MULTICHANNEL_CONFIG || packetType == AUDIO_MULTITRACK;
            if (!defined) {
                throw fail("enhanced " + (video ? "video" : "audio") + " packet type " + packetType
                        + " is reserved", at);
            }
        }

        private String fourCc(String what) throws MalformedFlvException {
            need(FourCc.SIZE, what);
            String s = FourCc.read(b, off + p);
            p += FourCc.SIZE;
            return s;
        }

        private int u8(String what) throws MalformedFlvException {
            need(1, what);
            return b[off + p++] & 0xFF;
        }

        private int u16(String what) throws MalformedFlvException {
            return u8(what) << 8 | u8(what);
        }

        private int u24(String what) throws MalformedFlvException {
            need(3, what);
            return u8(what) << 16 | u8(what) << 8 | u8(what);
        }

        private void skip(int n, String what) throws MalformedFlvException {
            need(n, what);
            p += n;
        }

        private void need(int n, String what) throws MalformedFlvException {
            if (len - p < n) {
                throw fail("enhanced " + (video ? "video" : "audio") + " tag of " + len + " data bytes ends inside "
                        + what + " (" + n + " bytes from byte " + p + " of its data)", Math.min(p, len));
            }
        }

        private MalformedFlvException fail(String what, int at) {
            return new MalformedFlvException(what, base + at);
        }
    }
}
