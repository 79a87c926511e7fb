package org.nativertmp.flv;

import java.util.Arrays;
import java.util.Objects;

/**
 * One FLV tag: its type (8 audio, 9 video, 18 script data), its 32-bit timestamp in
 * milliseconds and its payload (the tag's data, without the 11-byte tag header and without
 * the 4-byte previous-tag-size that follows it in a file).
 */
public final class FlvTag {
    private final int type;
    private final long timestamp;
    private final byte[] payload;

    /**
     * A tag holding a copy of {@code payload}.
     *
     * @param type {@link FlvFormat#TAG_AUDIO}, {@link FlvFormat#TAG_VIDEO} or {@link FlvFormat#TAG_SCRIPT}
     * @param timestamp milliseconds, 0 to 0xFFFFFFFF
     * @param payload the tag's data, at most {@link FlvFormat#MAX_DATA_SIZE} bytes
     * @throws IllegalArgumentException when one of them is out of range
     */
    public FlvTag(int type, long timestamp, byte[] payload) {
        if (type != FlvFormat.TAG_AUDIO && type != FlvFormat.TAG_VIDEO && type != FlvFormat.TAG_SCRIPT) {
            throw new IllegalArgumentException("FLV tag type must be 8, 9 or 18, not " + type);
        }
        if (timestamp < 0 || timestamp > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("FLV timestamp out of 32-bit range: " + timestamp);
        }
        Objects.requireNonNull(payload, "payload");
        if (payload.length > FlvFormat.MAX_DATA_SIZE) {
            throw new IllegalArgumentException("FLV tag payload of " + payload.length
                    + " bytes exceeds the 24-bit limit " + FlvFormat.MAX_DATA_SIZE);
        }
        this.type = type;
        this.timestamp = timestamp;
        this.payload = payload.clone();
    }

    /** @return the tag type: 8 audio, 9 video, 18 script data */
    public int type() {
        return type;
    }

    /** @return the timestamp in milliseconds (32 bits) */
    public long timestamp() {
        return timestamp;
    }

    /** @return a copy of the tag's data */
    public byte[] payload() {
        return payload.clone();
    }

    /** @return the size of the tag's data in bytes */
    public int payloadSize() {
        return payload.length;
    }

    /**
     * Size of this tag in a file.
     *
     * @return the bytes of its header, payload and the trailing previous-tag-size
     */
    public int encodedSize() {
        return FlvFormat.TAG_HEADER_SIZE + payload.length + FlvFormat.PREVIOUS_TAG_SIZE;
    }

    /**
     * Writes header, payload and the previous-tag-size into {@code out} at {@code off}.
     *
     * @param out where to write; it must have {@link #encodedSize()} bytes from {@code off}
     * @param off the first byte to write
     * @return the bytes written, {@link #encodedSize()}
     */
    public int encodeInto(byte[] out, int off) {
        int size = payload.length;
        out[off] = (byte) type;
        putInt24(out, off + 1, size);
        putInt24(out, off + 4, (int) timestamp);
        out[off + 7] = (byte) (timestamp >>> 24);
        putInt24(out, off + 8, 0); // stream id, always 0
        System.arraycopy(payload, 0, out, off + FlvFormat.TAG_HEADER_SIZE, size);
        int prev = FlvFormat.TAG_HEADER_SIZE + size;
        int p = off + prev;
        out[p] = (byte) (prev >>> 24);
        out[p + 1] = (byte) (prev >>> 16);
        out[p + 2] = (byte) (prev >>> 8);
        out[p + 3] = (byte) prev;
        return encodedSize();
    }

    /** @return this tag as it is in a file: header, payload and the previous-tag-size */
    public byte[] encode() {
        byte[] out = new byte[encodedSize()];
        encodeInto(out, 0);
        return out;
    }

    private static void putInt24(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 16);
        b[off + 1] = (byte) (v >>> 8);
        b[off + 2] = (byte) v;
    }

    /**
     * Whether this is an enhanced audio or video tag (Enhanced RTMP): a video tag whose first
     * byte has bit 7 set, an audio tag of sound format 9.
     *
     * @return true for an enhanced tag
     */
    public boolean isEnhanced() {
        return EnhancedHeader.isEnhanced(type, payload, 0, payload.length);
    }

    /**
     * The enhanced header: packet type, FourCC, frame type.
     *
     * @return the header, or null for a legacy (or script) tag
     * @throws MalformedFlvException when the data ends inside the header or names a reserved
     *         packet type; its offset counts from the first byte of this tag's data
     */
    public EnhancedHeader enhancedHeader() throws MalformedFlvException {
        return isEnhanced() ? EnhancedHeader.read(type, payload, 0, payload.length, 0) : null;
    }

    /** @return "audio", "video" or "script" */
    public String typeName() {
        switch (type) {
            case FlvFormat.TAG_AUDIO: return "audio";
            case FlvFormat.TAG_VIDEO: return "video";
            default: return "script";
        }
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof FlvTag)) {
            return false;
        }
        FlvTag t = (FlvTag) o;
        return type == t.type && timestamp == t.timestamp && Arrays.equals(payload, t.payload);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * type + Long.hashCode(timestamp)) + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return typeName() + "@" + timestamp + "ms[" + payload.length + " bytes]";
    }
}
