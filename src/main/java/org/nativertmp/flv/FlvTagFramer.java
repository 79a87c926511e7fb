package org.nativertmp.flv;

import java.io.IOException;
import java.util.Arrays;

/**
 * Cuts an FLV byte stream, arriving in slices of any size, into whole tags. The stream may
 * start with the FLV file header (then it is checked and reported once) or directly with a
 * tag. Every tag is checked before it is handed on: its type is audio (8), video (9) or script
 * data (18), its data size is within {@link #maxDataSize()}, and the previous-tag-size that
 * follows it is the tag's size. A tag is handed on together with that 4-byte previous-tag-size,
 * which is what librtmp's {@code RTMP_Write} expects after each tag.
 *
 * <p>The first malformed byte ends the stream: a {@link MalformedFlvException} names it by its
 * offset from the first byte fed, nothing from that tag on is handed on, and every later call
 * fails the same way.
 */
public final class FlvTagFramer {
    /** Receives the header and the whole tags, in stream order. */
    public interface Sink {
        /**
         * The FLV header and PreviousTagSize0, once, before any tag.
         *
         * @param b a buffer holding them
         * @param off where they start in {@code b}
         * @param len their size: 13 unless the header announces a longer one
         * @throws IOException to stop the stream: the framer's caller gets it
         */
        default void header(byte[] b, int off, int len) throws IOException {
        }

        /**
         * One whole tag: 11-byte tag header, data, 4-byte previous-tag-size.
         *
         * @param b a buffer holding the tag; valid during this call only
         * @param off where the tag starts in {@code b}
         * @param len the tag's size with its previous-tag-size
         * @param type the tag type: 8 audio, 9 video, 18 script data
         * @param timestamp the tag's timestamp in milliseconds
         * @param offset where the tag starts in the stream
         * @throws IOException to stop the stream: the framer's caller gets it
         */
        void tag(byte[] b, int off, int len, int type, long timestamp, long offset) throws IOException;
    }

    /**
     * librtmp sends a script-data tag as an RTMP message with "@setDataFrame" (16 AMF0 bytes)
     * in front of the data, and an RTMP message length is 24 bits: so a script tag holds at
     * most this much.
     */
    public static final int MAX_SCRIPT_DATA_SIZE = FlvFormat.MAX_DATA_SIZE - 16;
    /**
     * And at least this much: librtmp's AMF string encoder asks for room for a long string's
     * 4-byte length, so "@setDataFrame" does not fit in front of 0 or 1 data bytes (RTMP_Write
     * wrote through the NULL it got; native/patches/0007 makes it fail instead).
     */
    public static final int MIN_SCRIPT_DATA_SIZE = 2;
    /** A header announcing a data offset beyond this is taken for garbage, not a long header. */
    static final int MAX_HEADER_SIZE = 1 << 16;

    private enum State { START, HEADER, TAGS }

    private final Sink sink;
    private final int maxDataSize;
    private State state = State.START;
    private byte[] buf = new byte[8192];
    private int start;
    private int end;
    /** Stream offset of buf[start]. */
    private long base;
    private MalformedFlvException failure;
    private long tags;

    /**
     * A framer that accepts tags up to the FLV limit (data size 0xFFFFFF, script data 16 less).
     *
     * @param sink receives the header and the tags
     */
    public FlvTagFramer(Sink sink) {
        this(sink, FlvFormat.MAX_DATA_SIZE);
    }

    /**
     * A framer that refuses tags with more data than {@code maxDataSize}.
     *
     * @param sink receives the header and the tags
     * @param maxDataSize the largest tag data size accepted, at most the FLV limit 0xFFFFFF
     * @throws IllegalArgumentException when {@code maxDataSize} is out of that range
     */
    public FlvTagFramer(Sink sink, int maxDataSize) {
        if (maxDataSize < 0 || maxDataSize > FlvFormat.MAX_DATA_SIZE) {
            throw new IllegalArgumentException("maxDataSize must be 0.." + FlvFormat.MAX_DATA_SIZE + ", not " + maxDataSize);
        }
        this.sink = sink;
        this.maxDataSize = maxDataSize;
    }

    /** @return the largest tag data size this framer accepts */
    public int maxDataSize() {
        return maxDataSize;
    }

    /** @return the bytes fed so far */
    public long bytesFed() {
        return base + (end - start);
    }

    /** @return the bytes fed that belong to no whole tag yet (they wait for the rest of their tag) */
    public int pending() {
        return end - start;
    }

    /** @return the whole tags the sink took without throwing */
    public long tags() {
        return tags;
    }

    /**
     * Takes {@code len} bytes; hands on every tag they complete. Whole tags that start in
     * {@code b} while nothing is buffered here are handed on straight from {@code b}, uncopied;
     * only the part of a tag that is not whole yet is copied, to wait for its rest.
     *
     * @param b the bytes
     * @param off where they start in {@code b}
     * @param len how many
     * @throws MalformedFlvException at the first malformed byte, and on every call after it
     * @throws IOException what the sink threw
     */
    public void feed(byte[] b, int off, int len) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        rethrowFailure();
        if (len == 0) {
            return;
        }
        if (state == State.TAGS && start == end) {
            int taken;
            while (len > 0 && (taken = handOnTag(b, off, len)) > 0) {
                off += taken;
                len -= taken;
            }
            if (len == 0) {
                return;
            }
        }
        append(b, off, len);
        frame();
    }

    /**
     * The stream ended. A last tag without its previous-tag-size is completed and handed on;
     * anything else left over is a truncated header or tag.
     *
     * @throws MalformedFlvException when the stream ends inside the header or a tag
     * @throws IOException what the sink threw
     */
    public void finish() throws IOException {
        rethrowFailure();
        int left = end - start;
        if (left == 0) {
            return;
        }
        if (state != State.TAGS) {
            throw fail("the stream ends inside the FLV header (" + left + " bytes)", base);
        }
        if (left >= FlvFormat.TAG_HEADER_SIZE) {
            int size = FlvFormat.int24(buf, start + 1);
            int tagSize = FlvFormat.TAG_HEADER_SIZE + size;
            if (left == tagSize) {
                append(new byte[] {(byte) (tagSize >>> 24), (byte) (tagSize >>> 16), (byte) (tagSize >>> 8),
                    (byte) tagSize}, 0, FlvFormat.PREVIOUS_TAG_SIZE);
                frame();
                return;
            }
            if (left > tagSize) {
                throw fail("the stream ends inside the previous-tag-size of the tag at byte " + base
                        + " (" + (left - tagSize) + " of 4 bytes)", base + tagSize);
            }
            throw fail("the stream ends inside the FLV tag at byte " + base + " (" + left + " of "
                    + (tagSize + FlvFormat.PREVIOUS_TAG_SIZE) + " bytes)", base);
        }
        throw fail("the stream ends inside the header of the FLV tag at byte " + base + " (" + left
                + " of 11 bytes)", base);
    }

    private void frame() throws IOException {
        while (true) {
            int left = end - start;
            switch (state) {
                case START:
                    if (left < 1) {
                        return;
                    }
                    // 'F' (0x46) is no tag type, so one byte tells a header from a tag.
                    state = buf[start] == 'F' ? State.HEADER : State.TAGS;
                    break;
                case HEADER:
                    if (!headerComplete(left)) {
                        return;
                    }
                    break;
                case TAGS:
                    if (!tagComplete(left)) {
                        return;
                    }
                    break;
                default:
                    throw new AssertionError(state);
            }
        }
    }

    private boolean headerComplete(int left) throws IOException {
        int signatureBytes = Math.min(left, 3);
        for (int i = 0; i < signatureBytes; i++) {
            if (buf[start + i] != "FLV".charAt(i)) {
                throw fail("not an FLV stream: no 'FLV' signature", base + i);
            }
        }
        if (left < FlvFormat.HEADER_SIZE) {
            return false;
        }
        long dataOffset = ((buf[start + 5] & 0xFFL) << 24) | FlvFormat.int24(buf, start + 6);
        if (dataOffset < FlvFormat.HEADER_SIZE || dataOffset > MAX_HEADER_SIZE) {
            throw fail("the FLV header announces a data offset of " + dataOffset + " (9 expected)", base + 5);
        }
        int headerSize = (int) dataOffset + FlvFormat.PREVIOUS_TAG_SIZE;
        if (left < headerSize) {
            return false;
        }
        sink.header(buf, start, headerSize);
        consume(headerSize);
        state = State.TAGS;
        return true;
    }

    private boolean tagComplete(int left) throws IOException {
        int taken = handOnTag(buf, start, left);
        if (taken < 0) {
            ensureCapacity(-taken);
        }
        return taken > 0;
    }

    /**
     * Checks the tag at {@code b[p]} ({@code left} bytes there; it starts at the stream's byte
     * {@link #base}) and hands it on when it is whole. Returns its size with its
     * previous-tag-size, now consumed; or, when more bytes are needed, 0 or minus the size the
     * whole tag will have.
     */
    private int handOnTag(byte[] b, int p, int left) throws IOException {
        if (left < 1) {
            return 0;
        }
        int type = b[p] & 0xFF;
        if (!FlvFormat.isKnownTagType(type)) {
            if (base == 0) {
                throw fail(String.format("not an FLV stream: it starts neither with the FLV header ('FLV') nor with"
                        + " an FLV tag (type 8, 9 or 18), but with 0x%02x%s", type,
                        type >= 0x20 && type < 0x7F ? " ('" + (char) type + "')" : ""), base);
            }
            throw fail("FLV tag type " + type + " is not audio (8), video (9) or script data (18)", base);
        }
        if (left < FlvFormat.TAG_HEADER_SIZE) {
            return 0;
        }
        int size = FlvFormat.int24(b, p + 1);
        int limit = type == FlvFormat.TAG_SCRIPT ? Math.min(maxDataSize, MAX_SCRIPT_DATA_SIZE) : maxDataSize;
        if (size > limit) {
            throw fail("FLV tag data size " + size + " exceeds the limit of " + limit + " bytes"
                    + (type == FlvFormat.TAG_SCRIPT && limit == MAX_SCRIPT_DATA_SIZE
                            ? " for script data (librtmp adds 16 bytes of @setDataFrame)" : ""),
                    base + 1);
        }
        if (type == FlvFormat.TAG_SCRIPT && size < MIN_SCRIPT_DATA_SIZE) {
            throw fail("FLV script tag with " + size + " data bytes: librtmp cannot send fewer than "
                    + MIN_SCRIPT_DATA_SIZE + " (it puts @setDataFrame in front)", base + 1);
        }
        int tagSize = FlvFormat.TAG_HEADER_SIZE + size;
        int whole = tagSize + FlvFormat.PREVIOUS_TAG_SIZE;
        if (left < whole) {
            return -whole;
        }
        int q = p + tagSize;
        long previous = ((b[q] & 0xFFL) << 24) | ((b[q + 1] & 0xFF) << 16) | ((b[q + 2] & 0xFF) << 8)
                | (b[q + 3] & 0xFF);
        if (previous != tagSize) {
            throw fail("previous-tag-size " + previous + " after the FLV tag at byte " + base + " should be "
                    + tagSize, base + tagSize);
        }
        long timestamp = FlvFormat.timestamp(b, p + 4);
        long offset = base;
        if (b == buf) {
            consume(whole);
        } else {
            base += whole; // straight from the caller's array: nothing buffered to consume
        }
        // A tag the sink refused is consumed (it is not handed on twice) but not counted.
        sink.tag(b, p, whole, type, timestamp, offset);
        tags++;
        return whole;
    }

    private void consume(int n) {
        start += n;
        base += n;
        if (start == end) {
            start = 0;
            end = 0;
        }
    }

    private void append(byte[] b, int off, int len) {
        ensureCapacity(end - start + len);
        System.arraycopy(b, off, buf, end, len);
        end += len;
    }

    /** Room for {@code needed} bytes from {@code start}, compacting first. */
    private void ensureCapacity(int needed) {
        if (start > 0) {
            System.arraycopy(buf, start, buf, 0, end - start);
            end -= start;
            start = 0;
        }
        if (buf.length < needed) {
            buf = Arrays.copyOf(buf, Math.max(needed, Math.min(buf.length * 2, Integer.MAX_VALUE - 8)));
        }
    }

    private MalformedFlvException fail(String what, long offset) {
        failure = new MalformedFlvException(what, offset);
        start = 0;
        end = 0;
        return failure;
    }

    private void rethrowFailure() throws MalformedFlvException {
        if (failure != null) {
            throw new MalformedFlvException("the FLV stream is already broken: " + failure.getMessage()
                    .replaceFirst(" \\(at byte \\d+\\)$", ""), failure.offset());
        }
    }
}
