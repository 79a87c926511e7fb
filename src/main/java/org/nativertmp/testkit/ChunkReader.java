package org.nativertmp.testkit;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Reassembles RTMP messages from one direction's chunk stream (section 5.3). It applies the
 * sender's own Set Chunk Size and Abort messages, because those change the framing of what
 * follows; everything else is the caller's business.
 *
 * <p>A message header only announces a length, so nothing is allocated for it up front: a
 * message's buffer grows as its payload arrives (to at most twice what came, and never beyond
 * the announced length). Each announced length is checked against {@code maxMessageSize}, and
 * the payload held in messages begun but not finished, over all chunk streams, against
 * {@code maxUnfinishedBytes}: without that, a peer could start a large message on each of many
 * chunk streams and never finish any.
 *
 * <p>Type-3 chunks after a header with an extended timestamp should repeat it (5.3.1.3), and not
 * every sender does. As SRS does, the reader looks at the next four bytes: when they equal the
 * extended timestamp they are taken as its repetition, otherwise as payload. Both cases are
 * counted ({@link #extendedTimestampRepeats()}, {@link #extendedTimestampOmissions()}). A
 * payload that starts with those very four bytes is misread; a sender that leaves them out and
 * then waits with fewer than four bytes of payload sent is read only once more bytes come.
 */
final class ChunkReader {
    /** 5.3.1.1: chunk stream ids 64-319 use a 2-byte basic header, 64-65599 a 3-byte one. */
    private static final int CSID_ONE_BYTE = 0;
    private static final int CSID_TWO_BYTES = 1;
    private static final int CSID_OFFSET = 64;
    /** A bound on the number of live chunk streams one peer may open. */
    private static final int MAX_CHUNK_STREAMS = 1024;
    /** The most payload read from the socket at once, before it is copied to its message. */
    private static final int READ_SIZE = 8192;
    private static final byte[] NO_PAYLOAD = new byte[0];

    private static final int EXTENDED_TIMESTAMP_SIZE = 4;

    private final PushbackInputStream in;
    private final boolean lenient;
    private final int maxMessageSize;
    private final long maxUnfinishedBytes;
    private final byte[] readBuffer = new byte[READ_SIZE];
    private final Map<Integer, ChunkStreamState> streams = new HashMap<>();
    private int chunkSize = RtmpSpec.DEFAULT_CHUNK_SIZE;
    private long position;
    /** Payload bytes received for messages not yet complete, all chunk streams together. */
    private long unfinishedBytes;
    private int extendedTimestampRepeats;
    private int extendedTimestampOmissions;

    /** What the previous chunk of one chunk stream left behind (5.3.1.2). */
    private static final class ChunkStreamState {
        long timestamp;
        long timestampField;
        boolean extended;
        int length;
        int type;
        long streamId;
        byte[] partial;
        int filled;
        int firstHeaderType;
        long messageOffset;
    }

    ChunkReader(InputStream in, int maxMessageSize, long maxUnfinishedBytes, long startPosition) {
        this(in, maxMessageSize, maxUnfinishedBytes, startPosition, false);
    }

    /**
     * With {@code lenient}, a chunk stream may start with a header of type 1 to 3 (5.3.1.2.1 says
     * type 0), what it leaves out taken as zero, as nginx-rtmp and ffmpeg read it: librtmp's
     * {@code RTMP_SendCtrl} starts chunk stream 2 with a type-1 header when it has sent nothing
     * there before.
     */
    ChunkReader(InputStream in, int maxMessageSize, long maxUnfinishedBytes, long startPosition, boolean lenient) {
        this.lenient = lenient;
        this.in = new PushbackInputStream(in, EXTENDED_TIMESTAMP_SIZE);
        this.maxMessageSize = maxMessageSize;
        this.maxUnfinishedBytes = maxUnfinishedBytes;
        this.position = startPosition;
    }

    /** The next whole message, or null when the stream ends cleanly between chunks. */
    RtmpMessage next() throws IOException {
        while (true) {
            long chunkStart = position;
            int first = in.read();
            if (first < 0) {
                return null;
            }
            position++;
            int fmt = first >>> 6;
            int csid = first & 0x3F;
            if (csid == CSID_ONE_BYTE) {
                csid = CSID_OFFSET + u8();
            } else if (csid == CSID_TWO_BYTES) {
                csid = CSID_OFFSET + u8() + 256 * u8();
            }
            ChunkStreamState s = streams.get(csid);
            if (s == null) {
                if (fmt != 0 && !lenient) {
                    throw new RtmpProtocolException("chunk type " + fmt + " on chunk stream " + csid
                            + " at byte " + chunkStart + " has no earlier type-0 header to refer to");
                }
                if (streams.size() >= MAX_CHUNK_STREAMS) {
                    throw new RtmpProtocolException("more than " + MAX_CHUNK_STREAMS + " chunk streams");
                }
                s = new ChunkStreamState();
                streams.put(csid, s);
            }
            boolean starting = s.partial == null;
            if (fmt < 3) {
                readMessageHeader(fmt, s, starting, chunkStart, csid);
            } else {
                if (s.extended) {
                    skipRepeatedExtendedTimestamp(s);
                }
                if (starting) {
                    // A type-3 chunk that starts a message reuses the previous header, delta included.
                    s.timestamp += s.timestampField;
                }
            }
            if (starting) {
                if (s.length > maxMessageSize) {
                    throw new RtmpProtocolException("message of " + s.length + " bytes on chunk stream " + csid
                            + " at byte " + chunkStart + " exceeds the limit of " + maxMessageSize);
                }
                s.partial = NO_PAYLOAD;
                s.filled = 0;
                s.firstHeaderType = fmt;
                s.messageOffset = chunkStart;
            }
            int n = Math.min(chunkSize, s.length - s.filled);
            if (unfinishedBytes + n > maxUnfinishedBytes) {
                throw new RtmpProtocolException("unfinished messages on " + unfinishedStreams()
                        + " chunk streams would hold more than " + maxUnfinishedBytes + " bytes with the chunk at byte "
                        + chunkStart + " (chunk stream " + csid + ")");
            }
            readPayload(s, n);
            if (s.filled == s.length) {
                // The buffer never grows beyond the announced length: here it is exactly the payload.
                RtmpMessage m = new RtmpMessage(csid, s.firstHeaderType, s.timestamp & 0xFFFF_FFFFL, s.type,
                        s.streamId, s.partial, s.messageOffset);
                finishMessage(s);
                applyFraming(m);
                return m;
            }
        }
    }

    private void readMessageHeader(int fmt, ChunkStreamState s, boolean starting, long chunkStart, int csid)
            throws IOException {
        if (!starting) {
            // 5.3.1.2: a message in progress continues with type-3 chunks only.
            throw new RtmpProtocolException("chunk type " + fmt + " on chunk stream " + csid + " at byte "
                    + chunkStart + " interrupts a message with " + (s.length - s.filled) + " bytes still to come");
        }
        long field = u24();
        if (fmt <= 1) {
            s.length = (int) u24();
            s.type = u8();
        }
        if (fmt == 0) {
            s.streamId = u8() | u8() << 8 | u8() << 16 | (long) u8() << 24; // little-endian (5.3.1.2.1)
        }
        s.extended = field == RtmpSpec.EXTENDED_TIMESTAMP_MARKER;
        if (s.extended) {
            field = u32();
        }
        s.timestampField = field;
        s.timestamp = fmt == 0 ? field : s.timestamp + field;
    }

    /** Set Chunk Size and Abort change how the following chunks are cut. */
    private void applyFraming(RtmpMessage m) throws RtmpProtocolException {
        byte[] p = m.payloadView();
        if (m.type() == RtmpSpec.SET_CHUNK_SIZE) {
            if (p.length < 4) {
                throw new RtmpProtocolException("Set Chunk Size of " + p.length + " bytes (needs 4)");
            }
            long size = MessageText.u32(p, 0);
            if (size < 1 || size > RtmpSpec.MAX_CHUNK_SIZE) {
                throw new RtmpProtocolException("Set Chunk Size " + size + " is outside 1.." + RtmpSpec.MAX_CHUNK_SIZE);
            }
            // Chunks larger than any allowed message only serve to make us buffer more.
            chunkSize = (int) Math.min(size, Math.max(maxMessageSize, RtmpSpec.DEFAULT_CHUNK_SIZE));
        } else if (m.type() == RtmpSpec.ABORT && p.length >= 4) {
            ChunkStreamState s = streams.get((int) MessageText.u32(p, 0));
            if (s != null && s.partial != null) {
                finishMessage(s);
            }
        }
    }

    long position() {
        return position;
    }

    /** Type-3 chunks that repeated their extended timestamp, as 5.3.1.3 asks. */
    int extendedTimestampRepeats() {
        return extendedTimestampRepeats;
    }

    /** Type-3 chunks after an extended timestamp that left it out. */
    int extendedTimestampOmissions() {
        return extendedTimestampOmissions;
    }

    /** 5.3.1.3: the four bytes are the extended timestamp again, or (when they differ) payload. */
    private void skipRepeatedExtendedTimestamp(ChunkStreamState s) throws IOException {
        byte[] b = in.readNBytes(EXTENDED_TIMESTAMP_SIZE);
        if (b.length == EXTENDED_TIMESTAMP_SIZE && MessageText.u32(b, 0) == s.timestampField) {
            position += EXTENDED_TIMESTAMP_SIZE;
            extendedTimestampRepeats++;
        } else {
            in.unread(b);
            extendedTimestampOmissions++;
        }
    }

    private int u8() throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException("connection closed inside a chunk header at byte " + position);
        }
        position++;
        return b;
    }

    private long u24() throws IOException {
        return (long) u8() << 16 | u8() << 8 | u8();
    }

    private long u32() throws IOException {
        return (long) u8() << 24 | u8() << 16 | u8() << 8 | u8();
    }

    /** Reads {@code len} payload bytes of {@code s}'s message, growing its buffer only by what arrived. */
    private void readPayload(ChunkStreamState s, int len) throws IOException {
        while (len > 0) {
            int r = in.read(readBuffer, 0, Math.min(len, readBuffer.length));
            if (r < 0) {
                throw new EOFException("connection closed inside a chunk's payload at byte " + position);
            }
            position += r;
            int needed = s.filled + r;
            if (needed > s.partial.length) {
                s.partial = Arrays.copyOf(s.partial, (int) Math.min(s.length, Math.max(needed, 2L * s.partial.length)));
            }
            System.arraycopy(readBuffer, 0, s.partial, s.filled, r);
            s.filled = needed;
            unfinishedBytes += r;
            len -= r;
        }
    }

    /** The message of {@code s} is complete or aborted: its bytes are no longer held here. */
    private void finishMessage(ChunkStreamState s) {
        unfinishedBytes -= s.filled;
        s.partial = null;
        s.filled = 0;
    }

    private long unfinishedStreams() {
        return streams.values().stream().filter(s -> s.partial != null).count();
    }
}
