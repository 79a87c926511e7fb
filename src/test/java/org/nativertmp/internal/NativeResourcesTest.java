package org.nativertmp.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
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
}
