package org.nativertmp.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.nativertmp.NativeRtmp;

/** The native side of a connection is freed once, also when nobody closes it. */
class NativeResourcesTest {
    @Test
    void hundredThousandForgottenInstancesAreFreedByTheCleaner() throws InterruptedException {
        long before = NativeResources.live();
        for (int i = 0; i < 100_000; i++) {
            NativeRtmp rtmp = new NativeRtmp();
            if (i % 2 == 0) {
                rtmp.setupUrl("rtmp://127.0.0.1:1935/live/stream" + i);
            }
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (NativeResources.live() > before + 1000 && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(100);
        }
        long left = NativeResources.live() - before;
        assertTrue(left <= 1000, left + " of 100000 forgotten instances still hold native memory");
    }

    @Test
    void callsRacingCloseEitherRunOrAreRefusedAndTheNativeSideIsFreedOnce() throws Exception {
        long before = NativeResources.live();
        ConcurrentLinkedQueue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
        byte[] buf = new byte[16];
        for (int round = 0; round < 200; round++) {
            NativeRtmp rtmp = new NativeRtmp();
            rtmp.setupUrl("rtmp://127.0.0.1/live/race" + round);
            CountDownLatch started = new CountDownLatch(3);
            List<Thread> callers = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                Thread caller = new Thread(() -> {
                    started.countDown();
                    try {
                        for (int i = 0; i < 1_000_000; i++) { // bounded; ends at the close
                            rtmp.isConnected();
                            rtmp.outChunkSize();
                            rtmp.duration();
                            rtmp.setDebugHook(null);
                            rtmp.read(buf, 0, 0);
                        }
                        unexpected.add(new AssertionError("no call was refused after close()"));
                    } catch (IllegalStateException refused) {
                        // closed: every later call is refused
                    } catch (Throwable t2) {
                        unexpected.add(t2);
                    }
                });
                callers.add(caller);
                caller.start();
            }
            started.await(10, TimeUnit.SECONDS);
            rtmp.close();
            for (Thread caller : callers) {
                caller.join(TimeUnit.SECONDS.toMillis(30));
            }
        }
        assertTrue(unexpected.isEmpty(), "calls racing close() failed otherwise: " + unexpected);
        // Closed explicitly: freed by the close or by the last call out, not left to the Cleaner
        // (which may still be freeing another test's forgotten instances, hence at most before).
        long left = NativeResources.live();
        assertTrue(left <= before, (left - before) + " closed instances still hold native memory");
    }
}
