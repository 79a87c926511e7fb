package org.nativertmp.internal;

import java.lang.ref.Cleaner;
import java.lang.ref.Reference;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Who may call into one connection's native side, and when it is freed (sqlite-jdbc's
 * SafeStmtPtr does the same for a statement): calls are counted in and out, serialized by the
 * call lock, refused once closed; the native side is freed by the last call to leave after
 * {@link #close()}, or at once when none runs.
 *
 * <p>{@code lifecycle} guards {@code closed} and {@code callsInFlight}, every read included, and
 * is never held across a native call; the call lock is held across one, and {@code close()}
 * never takes it (it must not wait for the call it wakes).
 */
final class CallGate {
    private final Object owner;
    private final Cleaner.Cleanable free;
    /** Fair: a call of another thread (an answer, a remote call) gets its turn between the reads of a loop. */
    private final ReentrantLock callLock = new ReentrantLock(true);
    private final Object lifecycle = new Object();
    private int callsInFlight;
    private boolean closed;

    /** {@code owner} names the connection in messages and is kept reachable while a call runs. */
    CallGate(Object owner, Cleaner.Cleanable free) {
        this.owner = owner;
        this.free = free;
    }

    /** Counts a call in that does not take the call lock, or refuses it after close(). */
    void begin() {
        if (!beginUnlessClosed()) {
            throw new IllegalStateException(owner + " is closed");
        }
    }

    /** Counts a call in; false (and nothing counted) after close(). */
    boolean beginUnlessClosed() {
        synchronized (lifecycle) {
            if (closed) {
                return false;
            }
            callsInFlight++;
            return true;
        }
    }

    /** Counts a call out; the last one out after close() frees the native side. */
    void end() {
        boolean last;
        synchronized (lifecycle) {
            last = --callsInFlight == 0 && closed;
        }
        if (last) {
            free.clean();
        }
        Reference.reachabilityFence(owner);
    }

    /** begin(), then the call lock; refused when close() came while this call waited. */
    void enter() {
        begin();
        callLock.lock();
        if (isClosed()) {
            callLock.unlock();
            end();
            throw new IllegalStateException(owner + " was closed while this call waited");
        }
    }

    void exit() {
        callLock.unlock();
        end();
    }

    /** The call lock, if no other call holds it; for a call already counted in with begin(). */
    boolean tryLock() {
        return callLock.tryLock();
    }

    void unlock() {
        callLock.unlock();
    }

    boolean isClosed() {
        synchronized (lifecycle) {
            return closed;
        }
    }

    /**
     * Marks the connection closed. With no call running it frees the native side at once and
     * returns false. With calls running it returns true, having counted the caller in as a call
     * itself: the caller wakes them (outside any lock here), then calls {@link #end()}, so the
     * native side outlives the wake-up. False, too, when already closed.
     */
    boolean close() {
        synchronized (lifecycle) {
            if (closed) {
                return false;
            }
            closed = true;
            if (callsInFlight > 0) {
                callsInFlight++;
                return true;
            }
        }
        free.clean();
        return false;
    }
}
