package org.nativertmp.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** Connections a server has finished, each handed to one waiting caller. */
final class FinishedConnections<T> {
    /** Finished and not yet returned by {@link #await}; guarded by itself. */
    private final List<T> unclaimed = new ArrayList<>();

    void add(T connection) {
        synchronized (unclaimed) {
            unclaimed.add(connection);
            unclaimed.notifyAll();
        }
    }

    /**
     * The first finished connection that {@code wanted} accepts and no earlier call returned.
     *
     * @throws IllegalStateException when none finishes within {@code timeout}
     */
    T await(Predicate<T> wanted, String what, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (unclaimed) {
            while (true) {
                for (Iterator<T> it = unclaimed.iterator(); it.hasNext();) {
                    T c = it.next();
                    if (wanted.test(c)) {
                        it.remove();
                        return c;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IllegalStateException("no RTMP connection" + what + " finished within "
                            + timeout.toSeconds() + " s");
                }
                TimeUnit.NANOSECONDS.timedWait(unclaimed, left);
            }
        }
    }
}
