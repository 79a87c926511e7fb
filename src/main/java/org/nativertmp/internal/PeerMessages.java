package org.nativertmp.internal;

import com.sun.jna.Memory;
import java.nio.charset.StandardCharsets;
import java.util.function.DoubleConsumer;
import org.nativertmp.RtmpException;

/**
 * One connection's calls on the messages beside the media (the shim's events.c): remote calls
 * with librtmp's transaction ids, packets read, handled and sent as records, and the messages
 * librtmp handled during any call, handed to a {@link Sink} when the call ends (still under the
 * call lock, so in the order librtmp handled them). A record is the shim's: type, header type,
 * chunk stream, timestamp, stream id, body ({@code NRTMP_RECORD_HEADER} bytes, then the body).
 */
public final class PeerMessages {
    /** Where the messages librtmp handled go: whole records, in order; {@code lost} counts those the full queue dropped. */
    public interface Sink {
        void onRecords(byte[] records, int length, long lost);
    }

    /** The size of a record's header before its body. */
    public static final int RECORD_HEADER = LibRtmp.NRTMP_RECORD_HEADER;

    private final RtmpPeer peer;
    /** Guarded by the call lock, read in drain() under it too. */
    private Sink sink;
    /** Native, so that a take of nothing (most calls) copies nothing; taken by keep(), grown to the largest record. */
    private Memory takeBuffer;
    private volatile long takeBufferBytes;
    private final int[] taken = new int[1];
    private final int[] nextSize = new int[1];
    private final long[] dropped = new long[1];

    PeerMessages(RtmpPeer peer) {
        this.peer = peer;
    }

    /**
     * From now on the messages librtmp handles (audio, video and aggregates excepted) go to
     * {@code sink} at the end of each call.
     *
     * @throws UnsupportedOperationException when librtmp was built without native/patches (0019)
     */
    public void keep(Sink sink) {
        CallLog previous = peer.enter();
        try {
            if (NativeStatus.of(LibRtmp.nrtmp_keep_messages(peer.handle(), 1)) != NativeStatus.OK) {
                throw new UnsupportedOperationException("server events need native-rtmp's fixes to librtmp"
                        + " (native/patches/0019), and this librtmp was built without them");
            }
            if (takeBuffer == null) {
                takeBuffer = new Memory(TAKE_BUFFER_INITIAL);
                takeBufferBytes = takeBuffer.size();
            }
            this.sink = sink;
        } finally {
            peer.exit(previous);
        }
    }

    /** Called by every call as it ends, under the call lock. */
    void drain() {
        Sink s = sink;
        if (s == null) {
            return;
        }
        while (true) {
            LibRtmp.nrtmp_take_messages(peer.handle(), takeBuffer, (int) takeBuffer.size(), taken, nextSize, dropped);
            if (taken[0] > 0 || dropped[0] > 0) {
                s.onRecords(takeBuffer.getByteArray(0, taken[0]), taken[0], dropped[0]);
            }
            if (nextSize[0] == 0) {
                return;
            }
            if (nextSize[0] > takeBuffer.size()) {
                takeBuffer = new Memory(Math.max(nextSize[0], takeBuffer.size() * 2));
                takeBufferBytes = takeBuffer.size();
            }
        }
    }

    /**
     * {@code nrtmp_invoke}: {@code method}(next transaction id, {@code args}: AMF0 values, the
     * command object first) on message stream {@code streamId}; {@code sent} gets the transaction
     * id before any answer can be routed.
     */
    public void invoke(String method, byte[] args, int streamId, DoubleConsumer sent) throws RtmpException {
        byte[] name = method.getBytes(StandardCharsets.UTF_8);
        if (name.length == 0 || name.length > 0xFFFF) {
            throw new IllegalArgumentException("a command name of 1 to 65535 bytes (UTF-8), not " + name.length);
        }
        CallLog previous = peer.enter();
        try {
            peer.requireConnected("call", "call '" + method + "' on");
            double[] txn = new double[1];
            peer.check(peer.waiting(0, null, 0, 0, null, () -> LibRtmp.nrtmp_invoke(peer.handle(), name, name.length,
                    args, args.length, streamId, txn)), "call '" + method + "' on");
            sent.accept(txn[0]);
        } finally {
            peer.exit(previous);
        }
    }

    /**
     * {@code nrtmp_process}: reads and handles messages until the answer to {@code txn}; a new
     * message is begun within {@code waitMillis} only, one begun is read within
     * {@code timeoutMillis}. True when the answer came.
     */
    public boolean process(int waitMillis, int timeoutMillis, double txn, String what) throws RtmpException {
        CallLog previous = peer.enter();
        try {
            peer.requireConnected("call", what);
            int[] answered = new int[1];
            NativeStatus status = NativeStatus.of(peer.waiting(0, null, 0, 0, null,
                    () -> LibRtmp.nrtmp_process(peer.handle(), waitMillis, timeoutMillis, txn, answered)));
            if (answered[0] != 0) {
                return true;
            }
            if (status == NativeStatus.OK || status == NativeStatus.MEDIA_TIMED_OUT) {
                return false;
            }
            throw peer.failure(status, what);
        } finally {
            peer.exit(previous);
        }
    }

    /** {@code nrtmp_read_packet}: the next whole message as a record, not handled by librtmp. */
    public byte[] readPacket() throws RtmpException {
        CallLog previous = peer.enter();
        try {
            peer.requireConnected("readPacket", "readPacket on");
            int[] length = new int[1];
            peer.check(peer.waiting(0, null, 0, 0, null,
                    () -> LibRtmp.nrtmp_read_packet(peer.handle(), 0, length)), "readPacket on");
            byte[] record = new byte[length[0]];
            peer.check(LibRtmp.nrtmp_take_read_packet(peer.handle(), record, record.length), "readPacket on");
            return record;
        } finally {
            peer.exit(previous);
        }
    }

    /** {@code nrtmp_handle_packet}: librtmp handles the record's message; true for a media message. */
    public boolean handlePacket(byte[] record) throws RtmpException {
        CallLog previous = peer.enter();
        try {
            peer.requireConnected("handlePacket", "handlePacket on");
            int[] media = new int[1];
            peer.check(peer.waiting(0, null, 0, 0, null,
                    () -> LibRtmp.nrtmp_handle_packet(peer.handle(), record, record.length, media)), "handlePacket on");
            return media[0] != 0;
        } finally {
            peer.exit(previous);
        }
    }

    /** {@code nrtmp_send_packet} ({@code queue}: librtmp remembers an invoke's transaction id). */
    public void sendPacket(byte[] record, boolean queue) throws RtmpException {
        CallLog previous = peer.enter();
        try {
            peer.requireConnected("sendPacket", "sendPacket on");
            peer.check(peer.waiting(0, null, 0, 0, null,
                    () -> LibRtmp.nrtmp_send_packet(peer.handle(), record, record.length, queue ? 1 : 0)), "sendPacket on");
        } finally {
            peer.exit(previous);
        }
    }

    /** {@link #process}'s {@code txn} for the answer to the last {@link #ping()}. */
    public static final double AWAIT_PING = LibRtmp.NRTMP_AWAIT_PING;
    /** The number of values {@link #statistics()} returns (the shim's NRTMP_STAT_COUNT). */
    public static final int STATISTICS = 15;
    /** The index of the native memory the connection holds (NRTMP_STAT_NATIVE_BYTES). */
    private static final int NATIVE_BYTES = 14;
    private static final int TAKE_BUFFER_INITIAL = 4096;

    /** {@code nrtmp_ping}: a Ping Request; its round trip is counted when a later call handles the answer. */
    public void ping() throws RtmpException {
        CallLog previous = peer.enter();
        try {
            peer.requireConnected("ping", "ping on");
            peer.check(peer.waiting(0, null, 0, 0, null, () -> LibRtmp.nrtmp_ping(peer.handle())), "ping on");
        } finally {
            peer.exit(previous);
        }
    }

    /**
     * {@code nrtmp_statistics}, without the call lock: never waits for a call of another thread.
     * The native memory adds what the Java side holds for the connection: the URL and the options'
     * values, the read and write buffer, the buffer messages are taken through.
     */
    public long[] statistics() {
        return peer.withoutCallLock(() -> {
            long[] values = new long[STATISTICS];
            LibRtmp.nrtmp_statistics(peer.handle(), values, values.length);
            values[NATIVE_BYTES] += peer.javaNativeBytes() + takeBufferBytes;
            return values;
        });
    }

    /** Whether this connection plays (read() is its data path, which routes answers). */
    public boolean playing() {
        return peer.playing();
    }
}
