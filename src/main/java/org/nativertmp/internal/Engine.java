package org.nativertmp.internal;

import com.sun.jna.Pointer;
import java.lang.System.Logger.Level;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The engine's Java side (native/shim/engine.c): a few platform threads, each running one native
 * engine's loop, and the calls of virtual threads waiting on them. A call submitted here runs on
 * the connection's fiber, on the engine's thread; where librtmp would wait for the network the
 * fiber switches back to the loop, so one thread serves every connection of its engine. The
 * caller parks until its call has finished: a virtual thread unmounts, and its carrier runs
 * other virtual threads meanwhile.
 *
 * <p>{@value #THREADS_PROPERTY} engines (default: the number of cores, at most
 * {@value #MAX_DEFAULT_THREADS}): a connection stays on the engine of its first call, chosen in
 * turn. One per core because an engine's thread is busy only while librtmp works on bytes that
 * arrived; more would only compete for the cores. Not on Windows and macOS (no engine there yet):
 * {@link #next()} is then null and calls wait on threads of their own ({@link NativeWaits}).
 */
final class Engine {
    static final String THREAD_PREFIX = "nativertmp-engine-";
    static final String THREADS_PROPERTY = "org.nativertmp.engineThreads";
    static final int MAX_DEFAULT_THREADS = 4;

    // nrtmp_op (nativertmp.h)
    static final int OP_CONNECT = 1;
    static final int OP_CONNECT_STREAM = 2;
    static final int OP_WRITE = 3;
    static final int OP_READ = 4;
    static final int OP_SET_OUT_CHUNK_SIZE = 5;
    static final int OP_PAUSE = 6;
    static final int OP_SEEK = 7;
    static final int OP_FINISH_PUBLISH = 8;

    /** What {@link #call} returns when the engine could not take the call: it did not run. */
    static final int NOT_RUN = -1;

    private static final int BATCH = 256;
    private static final int LOOP_WAIT_MILLIS = 1000;
    private static final AtomicInteger CALL_IDS = new AtomicInteger();
    private static final AtomicInteger TURN = new AtomicInteger();

    private final Pointer nativeEngine;
    private final ConcurrentHashMap<Integer, Thread> waiting = new ConcurrentHashMap<>();
    /** The loop could not run at all (Windows: the thread could not become a fiber): no call ever ran here. */
    private volatile boolean dead;

    private Engine(Pointer nativeEngine, int index) {
        this.nativeEngine = nativeEngine;
        Thread t = new Thread(null, this::loop, THREAD_PREFIX + index, 0, false);
        t.setDaemon(true);
        t.start();
    }

    /** The engine for a connection's first call, in turn; null where there is none. */
    static Engine next() {
        Engine[] all = Holder.ENGINES;
        for (int tries = 0; tries < all.length; tries++) {
            Engine e = all[Math.floorMod(TURN.getAndIncrement(), all.length)];
            if (!e.dead) {
                return e;
            }
        }
        return null;
    }

    /** How many engines run (0 where there is none); starts them. */
    static int count() {
        return Holder.ENGINES.length;
    }

    /**
     * Runs {@code op} for {@code r} on its fiber: on this thread (Linux), for as long as it need
     * not wait for the network, and where it must, on the engine's thread while this one waits,
     * parked, until it has finished. Its librtmp log lines then reach the log sink on this thread. Returns the call's status and
     * puts nrtmp_read's count into {@code out[0]} ({@code out} may be null); {@link #NOT_RUN}
     * when the engine could not take it (no memory for a fiber), and nothing was done.
     */
    int call(RtmpHandle r, int op, Pointer buf, int a, int b, int[] out) {
        if (dead) {
            return NOT_RUN;
        }
        int id = CALL_IDS.incrementAndGet();
        Thread me = Thread.currentThread();
        waiting.put(id, me);
        int[] result = new int[3]; // done, and then the call's status and out value
        int submitted = LibRtmp.nrtmp_engine_call(nativeEngine, r, op, buf, a, b, id, result);
        if (NativeStatus.of(submitted) != NativeStatus.OK || (result[0] == 0 && dead)) {
            waiting.remove(id); // no fiber (no memory for its stack), no wake-up, or no loop: not run
            return NOT_RUN;
        }
        if (result[0] != 0) {
            waiting.remove(id); // it never had to wait: done, and finished, on this thread
            return finished(result[1], result[2], out);
        }
        boolean interrupted = false;
        while (waiting.containsKey(id)) {
            LockSupport.park(this);
            if (Thread.interrupted()) {
                interrupted = true; // the call ends by close() or its deadline, not by this
            }
        }
        if (interrupted) {
            me.interrupt();
        }
        if (dead) {
            return NOT_RUN;
        }
        int[] status = new int[1];
        int[] value = new int[1];
        LibRtmp.nrtmp_engine_finish(r, status, value);
        return finished(status[0], value[0], out);
    }

    private static int finished(int status, int value, int[] out) {
        if (out != null) {
            out[0] = value;
        }
        return status;
    }

    private void loop() {
        int[] ids = new int[BATCH];
        for (;;) {
            try {
                int n = LibRtmp.nrtmp_engine_run(nativeEngine, ids, BATCH, LOOP_WAIT_MILLIS);
                if (n < 0) {
                    stop();
                    return;
                }
                for (int i = 0; i < n; i++) {
                    Thread caller = waiting.remove(ids[i]);
                    if (caller != null) {
                        LockSupport.unpark(caller);
                    }
                }
            } catch (Throwable t) {
                // A loop that ended would strand every call of its engine: log and go on.
                System.getLogger(Engine.class.getName()).log(Level.ERROR, "engine loop", t);
            }
        }
    }

    /** The loop cannot run: its waiting callers (none of whose calls ran) run theirs elsewhere. */
    private void stop() {
        dead = true;
        System.getLogger(Engine.class.getName()).log(Level.ERROR, Thread.currentThread().getName() + " cannot run"
                + " (nrtmp_engine_run failed): calls of virtual threads wait on threads of their own instead");
        for (Integer id : waiting.keySet()) {
            Thread caller = waiting.remove(id);
            if (caller != null) {
                LockSupport.unpark(caller);
            }
        }
    }

    private static final class Holder {
        static final Engine[] ENGINES = start();

        private static Engine[] start() {
            int wanted = Integer.getInteger(THREADS_PROPERTY,
                    Math.min(Runtime.getRuntime().availableProcessors(), MAX_DEFAULT_THREADS));
            int[] systemError = new int[1];
            Engine[] engines = new Engine[Math.max(1, wanted)];
            for (int i = 0; i < engines.length; i++) {
                Pointer p = LibRtmp.nrtmp_engine_new(systemError);
                if (p == null) {
                    if (systemError[0] != 0) {
                        System.getLogger(Engine.class.getName()).log(Level.WARNING, "no engine: system error "
                                + systemError[0] + "; virtual threads wait on threads of their own instead");
                    }
                    return new Engine[0];
                }
                engines[i] = new Engine(p, i + 1);
            }
            return engines;
        }
    }
}
