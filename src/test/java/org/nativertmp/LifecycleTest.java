package org.nativertmp;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class LifecycleTest {
    @Test
    void everyCallAfterCloseThrowsIllegalState() {
        NativeRtmp rtmp = new NativeRtmp();
        rtmp.close();
        byte[] buf = new byte[16];
        List<Executable> calls = List.of(
                () -> rtmp.setupUrl("rtmp://127.0.0.1/live/x"),
                () -> rtmp.setupUrl("rtmp://127.0.0.1/live/x", RtmpOptions.builder().option("live", "1").build()),
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
}
