package org.nativertmp.flv;

/**
 * Checks that a buffer holds whole FLV tags only: optionally the 13-byte file header first,
 * then tags, each followed by its 4-byte previous-tag-size (the last one may omit it), every
 * enhanced audio or video tag (Enhanced RTMP) holding its whole {@link EnhancedHeader}.
 *
 * <p>librtmp's {@code RTMP_Write} reads the 11-byte tag header without checking the buffer's
 * end, so a buffer that ends inside a tag makes it read (and crash) past the buffer.
 */
public final class FlvTagBoundaries {
    private FlvTagBoundaries() {
    }

    /**
     * Counts the whole tags in {@code b[off, off+len)}.
     *
     * @param b the buffer
     * @param off where the data starts in {@code b}
     * @param len how many bytes of data
     * @return how many tags the data holds
     * @throws IndexOutOfBoundsException when {@code off} and {@code len} do not fit {@code b}
     * @throws IllegalArgumentException naming the offset (relative to {@code off}) where the
     *         buffer stops being whole tags
     */
    public static int countWholeTags(byte[] b, int off, int len) {
        if (off < 0 || len < 0 || off > b.length - len) {
            throw new IndexOutOfBoundsException("off=" + off + ", len=" + len + ", array length " + b.length);
        }
        int p = 0;
        if (FlvFormat.startsWithSignature(b, off, len)) {
            if (len < FlvFormat.HEADER_AND_FIRST_PREVIOUS_SIZE) {
                throw new IllegalArgumentException("buffer ends inside the 13-byte FLV header (" + len + " bytes)");
            }
            p = FlvFormat.HEADER_AND_FIRST_PREVIOUS_SIZE;
        }
        int tags = 0;
        while (p < len) {
            int left = len - p;
            if (left < FlvFormat.TAG_HEADER_SIZE) {
                throw new IllegalArgumentException("buffer ends inside an FLV tag header at byte " + p
                        + " (" + left + " of 11 bytes): only whole tags may be written");
            }
            int type = b[off + p] & 0xFF;
            if (!FlvFormat.isKnownTagType(type)) {
                throw new IllegalArgumentException("FLV tag type " + type + " at byte " + p
                        + " is not audio (8), video (9) or script data (18)");
            }
            int size = FlvFormat.int24(b, off + p + 1);
            if (type == FlvFormat.TAG_SCRIPT && size > FlvTagFramer.MAX_SCRIPT_DATA_SIZE) {
                // librtmp adds 16 bytes ("@setDataFrame") to a script tag; the 24-bit length would wrap.
                throw new IllegalArgumentException("FLV script tag at byte " + p + " has " + size
                        + " bytes of data; librtmp can send at most " + FlvTagFramer.MAX_SCRIPT_DATA_SIZE);
            }
            if (type == FlvFormat.TAG_SCRIPT && size < FlvTagFramer.MIN_SCRIPT_DATA_SIZE) {
                throw new IllegalArgumentException("FLV script tag at byte " + p + " has " + size
                        + " data bytes; librtmp cannot send fewer than " + FlvTagFramer.MIN_SCRIPT_DATA_SIZE);
            }
            long end = (long) p + FlvFormat.TAG_HEADER_SIZE + size;
            if (end > len) {
                throw new IllegalArgumentException("buffer ends inside the FLV tag at byte " + p
                        + " (" + (len - p) + " of " + (FlvFormat.TAG_HEADER_SIZE + size)
                        + " bytes): only whole tags may be written");
            }
            if (EnhancedHeader.isEnhanced(type, b, off + p + FlvFormat.TAG_HEADER_SIZE, size)) {
                try {
                    EnhancedHeader.read(type, b, off + p + FlvFormat.TAG_HEADER_SIZE, size, p + FlvFormat.TAG_HEADER_SIZE);
                } catch (MalformedFlvException e) {
                    throw new IllegalArgumentException(e.what() + " in the FLV tag at byte " + p + " (at byte "
                            + e.offset() + ")");
                }
            }
            p = (int) end;
            tags++;
            if (p == len) {
                break;
            }
            if (len - p < FlvFormat.PREVIOUS_TAG_SIZE) {
                throw new IllegalArgumentException("buffer ends inside the previous-tag-size at byte " + p);
            }
            p += FlvFormat.PREVIOUS_TAG_SIZE;
        }
        return tags;
    }
}
