package org.nativertmp;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.nativertmp.internal.RtmpResources;

class LifecycleTest {
    @Test
    void everyCallAfterCloseThrowsIllegalState() {
        NativeRtmp rtmp = new NativeRtmp();
        rtmp.close();
        byte[] buf = new byte[16];
        List<Executable> calls = List.of(
                () -> rtmp.setupUrl("rtmp://127.0.0.1/live/x"),
                () -> rtmp.setOption("live", "1"),
                rtmp::enableWrite,
                rtmp::connect,
                () -> rtmp.connectStream(0),
                () -> rtmp.write(buf, 0, 0),
                () -> rtmp.read(buf, 0, buf.length),
                rtmp::isConnected);
        for (Executable call : calls) {
            IllegalStateException e = assertThrows(IllegalStateException.class, call);
            assertTrue(e.getMessage().contains("closed"), e.getMessage());
        }
    }

    @Test
    void closeTwiceIsHarmless() {
        NativeRtmp rtmp = new NativeRtmp();
        rtmp.setupUrl("rtmp://127.0.0.1/live/x");
        rtmp.close();
        rtmp.close();
    }

    @Test
    void connectWithoutUrlIsIllegalState() {
        try (NativeRtmp rtmp = new NativeRtmp()) {
            IllegalStateException e = assertThrows(IllegalStateException.class, rtmp::connect);
            assertTrue(e.getMessage().contains("setupUrl"), e.getMessage());
        }
    }

    @Test
    void hundredThousandForgottenInstancesAreFreedByTheCleaner() throws InterruptedException {
        long before = RtmpResources.live();
        for (int i = 0; i < 100_000; i++) {
            NativeRtmp rtmp = new NativeRtmp();
            if (i % 2 == 0) {
                rtmp.setupUrl("rtmp://127.0.0.1:1935/live/stream" + i);
            }
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (RtmpResources.live() > before + 1000 && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(100);
        }
        long left = RtmpResources.live() - before;
        assertTrue(left <= 1000, left + " of 100000 forgotten instances still hold native memory");
    }
}
