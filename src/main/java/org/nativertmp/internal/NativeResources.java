package org.nativertmp.internal;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The native memory of one connection: the {@code RTMP*} and every native string librtmp keeps a
 * pointer into ({@code RTMP_SetupURL} parses the URL in place; {@code RTMP_SetOpt} stores the
 * caller's pointer), all alive until {@code nrtmp_free}, the scratch buffer of the data path, and
 * the {@link TlsTunnel} of an rtmps/rtmpts connection (librtmp's socket is its loopback connection).
 * Its {@link #run()} frees them once; it holds no reference to the {@link RtmpPeer} that owns it,
 * so a Cleaner can run it.
 */
final class NativeResources implements Runnable {
    private static final AtomicLong LIVE = new AtomicLong();
    /** The read and write buffer kept between calls: a 64 KiB read or write, a 64 KiB slice. */
    private static final int SCRATCH = 64 * 1024;

    private final RtmpHandle handle;
    private final List<Memory> kept = new ArrayList<>();
    private Memory scratch;
    /** What kept and scratch hold, for statistics read from any thread. */
    private volatile long nativeBytes;
    private boolean freed;
    private volatile boolean closedByOwner;
    private boolean debugLogging;
    private TlsTunnel tunnel;

    NativeResources() {
        PointerByReference out = new PointerByReference();
        NativeStatus status = NativeStatus.of(LibRtmp.nrtmp_alloc(out));
        if (status != NativeStatus.OK || out.getValue() == null) {
            throw new OutOfMemoryError("nrtmp_alloc: " + status);
        }
        handle = new RtmpHandle(out.getValue());
        LIVE.incrementAndGet();
    }

    /** How many RTMP structs are allocated and not yet freed, in this process. */
    static long live() {
        return LIVE.get();
    }

    RtmpHandle handle() {
        return handle;
    }

    /**
     * A NUL-terminated native copy of {@code s} that lives until {@link #run()}. Two more NUL
     * bytes follow: librtmp's {@code conn} parser reads the second and third character of a
     * value without checking its length.
     */
    synchronized Pointer keep(String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        Memory m = new Memory(bytes.length + 3L);
        m.write(0, bytes, 0, bytes.length);
        m.setMemory(bytes.length, 3, (byte) 0);
        kept.add(m);
        nativeBytes += m.size();
        return m;
    }

    /** A native copy of {@code bytes} that lives until {@link #run()}. */
    synchronized Pointer keep(byte[] bytes) {
        Memory m = new Memory(Math.max(1, bytes.length));
        m.write(0, bytes, 0, bytes.length);
        kept.add(m);
        nativeBytes += m.size();
        return m;
    }

    /**
     * A native buffer of at least {@code size} bytes for one call; librtmp keeps no pointer to it.
     * One of {@link #SCRATCH} bytes is kept for the next call; a larger one only until
     * {@link #endOfCall()}.
     */
    Memory scratch(int size) {
        if (scratch == null || scratch.size() < size) {
            Memory larger = new Memory(Math.max(size, SCRATCH));
            synchronized (this) {
                nativeBytes += larger.size() - (scratch == null ? 0 : scratch.size());
            }
            if (scratch != null) {
                scratch.close();
            }
            scratch = larger;
        }
        return scratch;
    }

    /** After the call that used {@link #scratch}: a buffer larger than the default is given back. */
    void endOfCall() {
        Memory large = scratch;
        if (large != null && large.size() > SCRATCH) {
            scratch = null;
            synchronized (this) {
                nativeBytes -= large.size();
            }
            large.close();
        }
    }

    /** The native memory of the URL, the options' values and the read and write buffer, in bytes. */
    long nativeBytes() {
        return nativeBytes;
    }

    /** The TLS of an rtmps/rtmpts connection: closed right after librtmp closed its end. */
    synchronized void keep(TlsTunnel t) {
        tunnel = t;
    }

    /** The owner closes explicitly: RTMP_Close may then say goodbye on the wire as librtmp does. */
    void closedByOwner() {
        closedByOwner = true;
    }

    /** A debug hook is set (or no longer): librtmp logs at DEBUG while any connection has one. */
    synchronized void requireDebugLogging(boolean on) {
        if (on != debugLogging && !freed) {
            debugLogging = on;
            LogBridge.requireDebug(on);
        }
    }

    /**
     * nrtmp_free (RTMP_Close, RTMP_Free) and the strings; runs once, by close() or by the
     * Cleaner. For a connection nobody closed, the shim shuts the socket down first: RTMP_Close
     * would otherwise send FCUnpublish and deleteStream and could block the one Cleaner thread on
     * a server that stopped reading.
     */
    @Override
    public synchronized void run() {
        if (freed) {
            return;
        }
        freed = true;
        if (debugLogging) {
            debugLogging = false;
            LogBridge.requireDebug(false);
        }
        // No call owns what RTMP_Close logs (a goodbye that fails on a closed socket): DEBUG (LogBridge).
        CallLog owner = LogBridge.enter(null);
        try {
            LibRtmp.nrtmp_free(handle, closedByOwner ? 1 : 0);
        } finally {
            LogBridge.exit(owner);
        }
        if (tunnel != null) {
            if (!closedByOwner) {
                tunnel.abort(); // nothing waits for a stalled server on the Cleaner's one thread
            }
            tunnel.close();
            tunnel = null;
        }
        for (Memory m : kept) {
            m.close();
        }
        kept.clear();
        if (scratch != null) {
            scratch.close();
            scratch = null;
        }
        nativeBytes = 0;
        LIVE.decrementAndGet();
    }
}
