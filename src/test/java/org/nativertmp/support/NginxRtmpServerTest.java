package org.nativertmp.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nativertmp.NativeRtmp;

class NginxRtmpServerTest {
    @TempDir
    Path dir;

    @Test
    void aPortTakenBeforeNginxBindsItIsReplacedByAnother() throws Exception {
        // Another process got the picked port first, and listens on it.
        try (ServerSocket squatter = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Deque<Integer> ports = new ArrayDeque<>();
            ports.add(squatter.getLocalPort());
            try (NginxRtmpServer nginx = NginxRtmpServer.start(dir,
                    () -> ports.isEmpty() ? FreePort.pick() : ports.remove())) {
                assertNotEquals(squatter.getLocalPort(), nginx.port());
                try (NativeRtmp rtmp = new NativeRtmp()) {
                    rtmp.setupUrl(nginx.url("live/x"));
                    rtmp.connect();
                    assertTrue(rtmp.isConnected(), "connected to nginx on its second port");
                }
            }
        }
    }

    @Test
    void startGivesUpWithAnExceptionAfterFiveTakenPorts() throws Exception {
        try (ServerSocket squatter = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            int[] calls = {0};
            IOException e = assertThrows(IOException.class,
                    () -> NginxRtmpServer.start(dir, () -> {
                        calls[0]++;
                        return squatter.getLocalPort();
                    }));
            assertEquals(NginxRtmpServer.START_ATTEMPTS, calls[0]);
            assertTrue(e.getMessage().contains("could not bind"), e.getMessage());
        }
    }
}
