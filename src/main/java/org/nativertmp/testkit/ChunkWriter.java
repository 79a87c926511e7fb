package org.nativertmp.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.Map;

/**
 * Cuts messages into chunks (section 5.3). {@link #write(int, long, int, long, byte[])} starts
 * every message with a type-0 header and continues with type-3 chunks: the simplest framing
 * every client must accept, and one that makes the server's bytes easy to predict.
 * {@link #begin(ServerMessage)} sends a message the way it asks: any chunk stream id (1, 2 or
 * 3-byte basic headers), header types 1 to 3 computed from what this chunk stream sent last,
 * the extended timestamp repeated on type-3 chunks or not, one chunk at a time so that a script
 * can put other chunks between them.
 */
final class ChunkWriter {
    /** 5.3.1.1: the largest chunk stream id, in a 3-byte basic header. */
    static final int MAX_CHUNK_STREAM_ID = 65_599;
    private static final int CSID_OFFSET = 64;
    private static final int ONE_BYTE_LIMIT = 64;
    private static final int TWO_BYTE_LIMIT = 320;

    private final OutputStream out;
    private int chunkSize = RtmpSpec.DEFAULT_CHUNK_SIZE;
    /** What the last message header on each chunk stream said (5.3.1.2: what later headers leave out). */
    private final Map<Integer, HeaderState> sent = new HashMap<>();

    /**
     * One chunk stream's last header: the message's absolute timestamp, the timestamp field it
     * carried (absolute for type 0, a delta otherwise), length, type and message stream id.
     */
    private record HeaderState(long timestamp, long field, int length, int type, long streamId) {
        boolean extended() {
            return field >= RtmpSpec.EXTENDED_TIMESTAMP_MARKER;
        }
    }

    ChunkWriter(OutputStream out) {
        this.out = out;
    }

    /** Sends Set Chunk Size (5.4.1) and uses the new size from the next chunk on. */
    void setChunkSize(int size) throws IOException {
        write(RtmpSpec.CSID_PROTOCOL_CONTROL, 0, RtmpSpec.SET_CHUNK_SIZE, 0, int32(size));
    }

    int chunkSize() {
        return chunkSize;
    }

    /** A type-0 header, then type-3 chunks that repeat an extended timestamp. */
    void write(int csid, long timestamp, int type, long streamId, byte[] payload) throws IOException {
        write(new ServerMessage(csid, 0, timestamp, type, streamId, payload, true));
    }

    /** Every chunk of {@code m}, one after the other. */
    void write(ServerMessage m) throws IOException {
        Chunks c = begin(m);
        while (c.hasNext()) {
            c.writeNext();
        }
    }

    /**
     * The chunks of {@code m}, written one per {@link Chunks#writeNext()}; each is cut at the
     * chunk size in force when it is written.
     *
     * @throws IllegalArgumentException when a header type 1 to 3 cannot describe {@code m} after
     *         what the chunk stream sent last (another message stream id; for type 2 another length
     *         or type; a type 3 needs both)
     */
    Chunks begin(ServerMessage m) {
        HeaderState previous = sent.get(m.chunkStreamId());
        if (m.headerType() > 0 && previous == null) {
            throw new IllegalArgumentException("header type " + m.headerType() + " on chunk stream " + m.chunkStreamId()
                    + " has no earlier header to refer to");
        }
        if (m.headerType() > 0 && m.streamId() != previous.streamId()) {
            throw new IllegalArgumentException("header type " + m.headerType() + " keeps message stream id "
                    + previous.streamId() + ", not " + m.streamId());
        }
        if (m.headerType() > 1 && (m.payloadView().length != previous.length() || m.type() != previous.type())) {
            throw new IllegalArgumentException("header type " + m.headerType() + " keeps the length " + previous.length()
                    + " and type " + previous.type() + " of the message before it");
        }
        HeaderState next;
        if (m.headerType() == 0) {
            next = new HeaderState(m.timestamp(), m.timestamp(), m.payloadView().length, m.type(), m.streamId());
        } else if (m.headerType() < 3) {
            long delta = (m.timestamp() - previous.timestamp()) & 0xFFFF_FFFFL;
            next = new HeaderState(m.timestamp(), delta, m.payloadView().length, m.type(), m.streamId());
        } else {
            // 5.3.1.2.4: a type-3 chunk that starts a message repeats the last delta.
            next = new HeaderState((previous.timestamp() + previous.field()) & 0xFFFF_FFFFL, previous.field(),
                    previous.length(), previous.type(), previous.streamId());
        }
        sent.put(m.chunkStreamId(), next);
        return new Chunks(m, next);
    }

    /** One message's chunks, not yet all written. */
    final class Chunks {
        private final ServerMessage m;
        private final HeaderState header;
        private int offset;
        private boolean started;

        private Chunks(ServerMessage m, HeaderState header) {
            this.m = m;
            this.header = header;
        }

        boolean hasNext() {
            return !started || offset < m.payloadView().length;
        }

        /** The message's timestamp as the header implies it (for type 3: the previous plus the last delta). */
        long timestamp() {
            return header.timestamp();
        }

        void writeNext() throws IOException {
            if (!hasNext()) {
                throw new IllegalStateException("every chunk of the message was written");
            }
            byte[] payload = m.payloadView();
            int n = Math.min(chunkSize, payload.length - offset);
            ByteArrayOutputStream b = new ByteArrayOutputStream(n + 18);
            int fmt = started ? 3 : m.headerType();
            basicHeader(b, fmt, m.chunkStreamId());
            if (fmt == 0 || fmt == 1 || fmt == 2) {
                int24(b, header.extended() ? RtmpSpec.EXTENDED_TIMESTAMP_MARKER : (int) header.field());
            }
            if (fmt == 0 || fmt == 1) {
                int24(b, payload.length);
                b.write(m.type());
            }
            if (fmt == 0) {
                // 5.3.1.2.1: the message stream id is little-endian.
                long id = m.streamId();
                b.write((int) id);
                b.write((int) (id >>> 8));
                b.write((int) (id >>> 16));
                b.write((int) (id >>> 24));
            }
            // 5.3.1.3: type-3 chunks after an extended header carry the same 4 bytes again.
            if (header.extended() && (fmt < 3 || m.repeatsExtendedTimestamp())) {
                b.writeBytes(int32(header.field()));
            }
            b.write(payload, offset, n);
            offset += n;
            started = true;
            out.write(b.toByteArray());
            if (!hasNext() && m.type() == RtmpSpec.SET_CHUNK_SIZE && payload.length >= 4) {
                // Whoever sends Set Chunk Size cuts with the new size from the next chunk on (5.4.1);
                // an invalid 0 leaves chunks of one byte, so that the writer still ends.
                chunkSize = (int) Math.max(1, Math.min(MessageText.u32(payload, 0), Integer.MAX_VALUE));
            }
        }
    }

    /** Bytes outside the chunk stream: the handshake. */
    void writeRaw(byte[] bytes) throws IOException {
        out.write(bytes);
    }

    void flush() throws IOException {
        out.flush();
    }

    private static void basicHeader(ByteArrayOutputStream b, int fmt, int csid) {
        if (csid < ONE_BYTE_LIMIT) {
            b.write(fmt << 6 | csid);
        } else if (csid < TWO_BYTE_LIMIT) {
            b.write(fmt << 6);
            b.write(csid - CSID_OFFSET);
        } else {
            b.write(fmt << 6 | 1);
            b.write((csid - CSID_OFFSET) & 0xFF);
            b.write((csid - CSID_OFFSET) >>> 8);
        }
    }

    private static void int24(ByteArrayOutputStream b, int v) {
        b.write(v >>> 16);
        b.write(v >>> 8);
        b.write(v);
    }

    static byte[] int32(long v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }
}
