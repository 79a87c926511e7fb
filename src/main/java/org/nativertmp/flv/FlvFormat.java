package org.nativertmp.flv;

/** Constants of the FLV file format (Adobe Flash Video File Format Specification 10.1, annex E). */
public final class FlvFormat {
    /** "FLV", version 1, flags, data offset 9 (E.2). */
    public static final int HEADER_SIZE = 9;
    /** The header plus PreviousTagSize0, which is always 0 (E.3). */
    public static final int HEADER_AND_FIRST_PREVIOUS_SIZE = 13;
    /** TagType, DataSize (24), Timestamp (24), TimestampExtended (8), StreamID (24) (E.4.1). */
    public static final int TAG_HEADER_SIZE = 11;
    /** PreviousTagSize after every tag (E.3). */
    public static final int PREVIOUS_TAG_SIZE = 4;
    /** DataSize is a 24-bit field. */
    public static final int MAX_DATA_SIZE = 0xFF_FFFF;

    /** TagType of an audio tag (E.4.1). */
    public static final int TAG_AUDIO = 8;
    /** TagType of a video tag (E.4.1). */
    public static final int TAG_VIDEO = 9;
    /** TagType of a script data tag, such as onMetaData (E.4.1). */
    public static final int TAG_SCRIPT = 18;

    /** TypeFlagsAudio in the header: audio tags are present (E.2). */
    public static final int FLAG_AUDIO = 0x04;
    /** TypeFlagsVideo in the header: video tags are present (E.2). */
    public static final int FLAG_VIDEO = 0x01;

    private FlvFormat() {
    }

    /**
     * Whether {@code len} bytes from {@code b[off]} start with the signature "FLV".
     *
     * @param b the bytes
     * @param off where to look in {@code b}
     * @param len how many bytes from {@code off} belong to the data
     * @return true when those bytes start with 'F', 'L', 'V'
     */
    public static boolean startsWithSignature(byte[] b, int off, int len) {
        return len >= 3 && b[off] == 'F' && b[off + 1] == 'L' && b[off + 2] == 'V';
    }

    /**
     * The 13 bytes that open a file: the header and PreviousTagSize0.
     *
     * @param audio whether the file holds audio tags (TypeFlagsAudio)
     * @param video whether the file holds video tags (TypeFlagsVideo)
     * @return a new array of {@link #HEADER_AND_FIRST_PREVIOUS_SIZE} bytes
     */
    public static byte[] header(boolean audio, boolean video) {
        byte[] h = new byte[HEADER_AND_FIRST_PREVIOUS_SIZE];
        h[0] = 'F';
        h[1] = 'L';
        h[2] = 'V';
        h[3] = 1;
        h[4] = (byte) ((audio ? FLAG_AUDIO : 0) | (video ? FLAG_VIDEO : 0));
        h[8] = HEADER_SIZE;
        return h;
    }

    static int int24(byte[] b, int off) {
        return (b[off] & 0xFF) << 16 | (b[off + 1] & 0xFF) << 8 | (b[off + 2] & 0xFF);
    }

    static long timestamp(byte[] b, int off) {
        return ((long) (b[off + 3] & 0xFF) << 24) | int24(b, off);
    }

    static boolean isKnownTagType(int type) {
        return type == TAG_AUDIO || type == TAG_VIDEO || type == TAG_SCRIPT;
    }
}
