package org.nativertmp.flv;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads an FLV file, tag by tag. Malformed input is an {@link IOException} naming the byte offset. */
public final class FlvReader implements AutoCloseable {
    private final InputStream in;
    private long offset;
    private boolean headerRead;

    /**
     * A reader of the FLV file that {@code in} delivers, header first.
     *
     * @param in the stream; {@link #close()} closes it
     */
    public FlvReader(InputStream in) {
        this.in = in;
    }

    /**
     * Every tag of a whole file.
     *
     * @param file an FLV file
     * @return its tags, in file order
     * @throws IOException when the file cannot be read or is not well-formed FLV
     */
    public static List<FlvTag> readAll(Path file) throws IOException {
        try (FlvReader r = new FlvReader(Files.newInputStream(file))) {
            return r.readRemaining();
        }
    }

    /**
     * Every tag of an FLV held in memory.
     *
     * @param flv a whole FLV file's bytes
     * @return its tags, in file order
     * @throws IOException when the bytes are not well-formed FLV
     */
    public static List<FlvTag> readAll(byte[] flv) throws IOException {
        try (FlvReader r = new FlvReader(new ByteArrayInputStream(flv))) {
            return r.readRemaining();
        }
    }

    /**
     * Every tag from here to the end of the file.
     *
     * @return the tags not read yet, in file order
     * @throws IOException when the stream fails or is not well-formed FLV
     */
    public List<FlvTag> readRemaining() throws IOException {
        List<FlvTag> tags = new ArrayList<>();
        for (FlvTag t = next(); t != null; t = next()) {
            tags.add(t);
        }
        return tags;
    }

    /**
     * The next tag.
     *
     * @return the next tag, or null at a clean end of the file (after a whole tag)
     * @throws IOException when the stream fails or is not well-formed FLV, naming the byte offset
     */
    public FlvTag next() throws IOException {
        if (!headerRead) {
            readHeader();
        }
        byte[] h = new byte[FlvFormat.TAG_HEADER_SIZE];
        long tagStart = offset;
        int got = readFully(h);
        if (got == 0) {
            return null;
        }
        if (got < h.length) {
            throw new EOFException("FLV truncated inside the tag header at byte " + tagStart);
        }
        int type = h[0] & 0x1F; // the upper bits are reserved/filter flags
        if (!FlvFormat.isKnownTagType(type)) {
            throw new IOException("FLV tag type " + (h[0] & 0xFF) + " at byte " + tagStart
                    + " is not audio (8), video (9) or script data (18)");
        }
        int size = FlvFormat.int24(h, 1);
        long timestamp = FlvFormat.timestamp(h, 4);
        byte[] payload = new byte[size];
        if (readFully(payload) < size) {
            throw new EOFException("FLV truncated inside the payload of the tag at byte " + tagStart
                    + " (" + size + " bytes announced)");
        }
        byte[] prev = new byte[FlvFormat.PREVIOUS_TAG_SIZE];
        int p = readFully(prev);
        if (p != 0 && p < prev.length) {
            throw new EOFException("FLV truncated inside the previous-tag-size at byte " + (offset - p));
        }
        return new FlvTag(type, timestamp, payload);
    }

    private void readHeader() throws IOException {
        byte[] h = new byte[FlvFormat.HEADER_SIZE];
        if (readFully(h) < h.length || !FlvFormat.startsWithSignature(h, 0, h.length)) {
            throw new IOException("not an FLV file: no 'FLV' signature at byte 0");
        }
        long dataOffset = ((h[5] & 0xFFL) << 24) | FlvFormat.int24(h, 6);
        if (dataOffset < FlvFormat.HEADER_SIZE) {
            throw new IOException("FLV header announces a data offset of " + dataOffset + " at byte 5");
        }
        skip(dataOffset - FlvFormat.HEADER_SIZE + FlvFormat.PREVIOUS_TAG_SIZE);
        headerRead = true;
    }

    private void skip(long n) throws IOException {
        byte[] b = new byte[(int) Math.min(n, 4096)];
        while (n > 0) {
            int r = in.read(b, 0, (int) Math.min(n, b.length));
            if (r < 0) {
                throw new EOFException("FLV truncated in its header at byte " + offset);
            }
            offset += r;
            n -= r;
        }
    }

    /** Reads up to b.length bytes; returns how many (fewer only at the end of the stream). */
    private int readFully(byte[] b) throws IOException {
        int n = 0;
        while (n < b.length) {
            int r = in.read(b, n, b.length - n);
            if (r < 0) {
                break;
            }
            n += r;
        }
        offset += n;
        return n;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
