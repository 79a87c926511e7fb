package org.nativertmp.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Cuts messages into chunks (section 5.3). Every message starts with a type-0 header and
 * continues with type-3 chunks: the simplest framing every client must accept, and one that
 * makes the server's bytes easy to predict.
 */
final class ChunkWriter {
    private final OutputStream out;
    private int chunkSize = RtmpSpec.DEFAULT_CHUNK_SIZE;

    ChunkWriter(OutputStream out) {
        this.out = out;
    }

    /** Sends Set Chunk Size (5.4.1) and uses the new size from the next message on. */
    void setChunkSize(int size) throws IOException {
        write(RtmpSpec.CSID_PROTOCOL_CONTROL, 0, RtmpSpec.SET_CHUNK_SIZE, 0, int32(size));
        chunkSize = size;
    }

    void write(int csid, long timestamp, int type, long streamId, byte[] payload) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream(payload.length + 16 + payload.length / chunkSize * 5);
        boolean extended = timestamp >= RtmpSpec.EXTENDED_TIMESTAMP_MARKER;
        basicHeader(b, 0, csid);
        int24(b, extended ? RtmpSpec.EXTENDED_TIMESTAMP_MARKER : (int) timestamp);
        int24(b, payload.length);
        b.write(type);
        // 5.3.1.2.1: the message stream id is little-endian.
        b.write((int) streamId);
        b.write((int) (streamId >>> 8));
        b.write((int) (streamId >>> 16));
        b.write((int) (streamId >>> 24));
        if (extended) {
            b.writeBytes(int32(timestamp));
        }
        int off = 0;
        do {
            if (off > 0) {
                basicHeader(b, 3, csid);
                if (extended) {
                    b.writeBytes(int32(timestamp));
                }
            }
            int n = Math.min(chunkSize, payload.length - off);
            b.write(payload, off, n);
            off += n;
        } while (off < payload.length);
        out.write(b.toByteArray());
    }

    /** Bytes outside the chunk stream: the handshake. */
    void writeRaw(byte[] bytes) throws IOException {
        out.write(bytes);
    }

    void flush() throws IOException {
        out.flush();
    }

    private static void basicHeader(ByteArrayOutputStream b, int fmt, int csid) {
        if (csid < 64) {
            b.write(fmt << 6 | csid);
        } else if (csid < 320) {
            b.write(fmt << 6);
            b.write(csid - 64);
        } else {
            b.write(fmt << 6 | 1);
            b.write((csid - 64) & 0xFF);
            b.write((csid - 64) >>> 8);
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
