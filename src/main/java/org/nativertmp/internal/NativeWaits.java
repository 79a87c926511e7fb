package org.nativertmp.internal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntSupplier;

/**
 * Where a native call that may wait for the network runs, so that no virtual thread pins its
 * carrier. A virtual thread inside native code cannot unmount: while librtmp waits in
 * {@code poll} or {@code recv}, its carrier (one of the few threads every virtual thread of the
 * application runs on) would wait too.
 *
 * <ul>
 * <li>From a platform thread, the call runs right there, as it always has: no hand-off, no
 * allocation.
 * <li>From a virtual thread, the call runs on the connection's {@link Engine} (Linux), where a
 * wait costs no thread at all, while the virtual thread parks.
 * <li>Where there is no engine, and for a traced connect (its trace steps reach Java as they
 * happen, which an engine's fiber cannot do), the call runs on a platform thread of the
 * library's ({@value #THREAD_PREFIX}N, daemons, made when needed and ended after
 * {@value #IDLE_SECONDS} s idle) while the virtual thread parks: one such thread per call that is
 * running now.
 * </ul>
 *
 * The library targets Java 17: virtual threads are detected through a method handle to
 * {@code Thread.isVirtual()}, absent before Java 21 (every thread is then a platform thread).
 * The call's librtmp log lines and trace steps stay attributed to its connection. A waiting
 * virtual thread is not woken by {@link Thread#interrupt()}, as a platform thread inside librtmp
 * is not: {@code close()} is what ends a call early; the interrupt status is kept for the caller.
 *
 * <p>System property {@value #MODE_PROPERTY}: {@code engine} (the default), {@code threads} (no
 * engine: the library's threads always), {@code inline} (every call on the calling thread,
 * virtual or not: the behaviour before, kept to show what it costs), {@code engine-all} (calls
 * of platform threads through the engine too: how the test suites run on it).
 */
public final class NativeWaits {
    static final String MODE_PROPERTY = "org.nativertmp.virtualThreadWaits";
    static final String THREAD_PREFIX = "nativertmp-wait-";
    static final int IDLE_SECONDS = 30;

    private static final MethodHandle IS_VIRTUAL = isVirtualHandle();
    private static final String MODE = System.getProperty(MODE_PROPERTY, "engine");
    /** Every call through the engine, from platform threads too: for the tests (all of a suite on the engine). */
    private static final boolean EVERY_THREAD = "engine-all".equals(MODE);
    private static final boolean OFFLOAD = (IS_VIRTUAL != null || EVERY_THREAD) && !"inline".equals(MODE);
    private static final boolean ENGINE = OFFLOAD && !"threads".equals(MODE);
    private static final ThreadPoolExecutor WAITERS = OFFLOAD ? waiters() : null;
    private static final MethodHandle NEW_VIRTUAL_THREAD_PER_TASK = virtualThreadPerTaskHandle();
    /** {@code Thread.ofVirtual()} and {@code Thread.Builder.unstarted(Runnable)}; null before Java 21. */
    private static final MethodHandle OF_VIRTUAL = ofVirtualHandle();
    private static final MethodHandle UNSTARTED = unstartedHandle();

    private NativeWaits() {
    }

    /** True when this thread is a virtual thread (never on Java 17 to 20). */
    static boolean onVirtualThread() {
        if (IS_VIRTUAL == null) {
            return false;
        }
        try {
            return (boolean) IS_VIRTUAL.invokeExact(Thread.currentThread());
        } catch (Throwable unexpected) {
            return false;
        }
    }

    /** A new, unstarted virtual thread running {@code task}; null before Java 21. */
    static Thread newVirtualThread(Runnable task) {
        if (OF_VIRTUAL == null || UNSTARTED == null) {
            return null;
        }
        try {
            return (Thread) UNSTARTED.invoke(OF_VIRTUAL.invoke(), task);
        } catch (Throwable unexpected) {
            return null;
        }
    }

    /** True when this call must not wait on this thread: a virtual thread, and not inline. */
    static boolean mustNotPin() {
        return OFFLOAD && (EVERY_THREAD || onVirtualThread());
    }

    /** Whether calls from virtual threads go to an engine, where there is one. */
    static boolean useEngine() {
        return ENGINE;
    }

    /**
     * Runs {@code call} (a native call of {@code log}'s connection, returning its status) where it
     * pins no carrier, and returns its result.
     */
    static int run(CallLog log, IntSupplier call) {
        if (!mustNotPin()) {
            return call.getAsInt();
        }
        Waiting waiting = new Waiting(log, call, Thread.currentThread());
        try {
            WAITERS.execute(waiting);
        } catch (RejectedExecutionException | OutOfMemoryError noThread) {
            // No thread to be had (the system's limit): wait here, pinned, rather than fail the call.
            return call.getAsInt();
        }
        return waiting.await();
    }

    /**
     * Runs {@code task} (an {@code AsyncRtmp} call: blocking calls, then its stage's completion)
     * on a thread of its own that holds nothing while it waits: a new virtual thread on Java 21
     * and later, whose waits go to the engine; on Java 17 a platform thread of the library's.
     *
     * @throws java.util.concurrent.RejectedExecutionException when no thread can be had
     */
    public static void runAsync(Runnable task) {
        AsyncRunner.EXECUTOR.execute(task);
    }

    private static final class AsyncRunner {
        static final java.util.concurrent.Executor EXECUTOR = executor();

        private static java.util.concurrent.Executor executor() {
            if (NEW_VIRTUAL_THREAD_PER_TASK != null) {
                try {
                    return (java.util.concurrent.ExecutorService) NEW_VIRTUAL_THREAD_PER_TASK.invoke();
                } catch (Throwable unexpected) {
                    // fall through to the platform threads
                }
            }
            return WAITERS != null ? WAITERS : waiters();
        }
    }

    /** One call handed to a library thread, and the virtual thread parked until it returns. */
    private static final class Waiting implements Runnable {
        private final CallLog log;
        private final IntSupplier call;
        private final Thread caller;
        private int result;
        private Throwable failure;
        private volatile boolean done;

        Waiting(CallLog log, IntSupplier call, Thread caller) {
            this.log = log;
            this.call = call;
            this.caller = caller;
        }

        @Override
        public void run() {
            try {
                result = LogBridge.attributed(log, call);
            } catch (Throwable t) {
                failure = t;
            } finally {
                done = true;
                LockSupport.unpark(caller);
            }
        }

        int await() {
            boolean interrupted = false;
            while (!done) {
                LockSupport.park(this);
                if (Thread.interrupted()) {
                    interrupted = true; // the call ends by close() or its deadline, not by this
                }
            }
            if (interrupted) {
                caller.interrupt();
            }
            if (failure instanceof RuntimeException) {
                throw (RuntimeException) failure;
            }
            if (failure instanceof Error) {
                throw (Error) failure;
            }
            return result;
        }
    }

    private static MethodHandle isVirtualHandle() {
        try {
            return MethodHandles.publicLookup().findVirtual(Thread.class, "isVirtual",
                    MethodType.methodType(boolean.class));
        } catch (NoSuchMethodException | IllegalAccessException beforeJava21) {
            return null;
        }
    }

    private static MethodHandle virtualThreadPerTaskHandle() {
        try {
            return MethodHandles.publicLookup().findStatic(java.util.concurrent.Executors.class,
                    "newVirtualThreadPerTaskExecutor", MethodType.methodType(java.util.concurrent.ExecutorService.class));
        } catch (NoSuchMethodException | IllegalAccessException beforeJava21) {
            return null;
        }
    }

    private static MethodHandle ofVirtualHandle() {
        try {
            return MethodHandles.publicLookup().findStatic(Thread.class, "ofVirtual",
                    MethodType.methodType(Class.forName("java.lang.Thread$Builder$OfVirtual")));
        } catch (ClassNotFoundException | NoSuchMethodException | IllegalAccessException beforeJava21) {
            return null;
        }
    }

    private static MethodHandle unstartedHandle() {
        try {
            return MethodHandles.publicLookup().findVirtual(Class.forName("java.lang.Thread$Builder"), "unstarted",
                    MethodType.methodType(Thread.class, Runnable.class));
        } catch (ClassNotFoundException | NoSuchMethodException | IllegalAccessException beforeJava21) {
            return null;
        }
    }

    private static ThreadPoolExecutor waiters() {
        AtomicInteger ids = new AtomicInteger();
        ThreadFactory factory = r -> {
            // Not the caller's inheritable thread-locals: the thread outlives the call.
            Thread t = new Thread(null, r, THREAD_PREFIX + ids.incrementAndGet(), 0, false);
            t.setDaemon(true);
            return t;
        };
        // No queue: a call that finds no idle thread gets a new one at once, never waits behind
        // another connection's call.
        return new ThreadPoolExecutor(0, Integer.MAX_VALUE, IDLE_SECONDS, TimeUnit.SECONDS,
                new SynchronousQueue<>(), factory);
    }
}
