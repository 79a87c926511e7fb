package org.nativertmp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.nativertmp.support.RefusingPort;
import org.nativertmp.support.UnansweredPort;

class ConnectFailureTest {
    @Test
    void connectToClosedPortFailsWithinASecondWithRefusedText() throws IOException {
        try (RefusingPort closed = new RefusingPort(); NativeRtmp rtmp = new NativeRtmp()) {
            rtmp.setupUrl("rtmp://127.0.0.1:" + closed.port() + "/live/x");
            long start = System.nanoTime();
            RtmpException e = assertThrows(RtmpException.class, rtmp::connect);
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(millis < 1000, "took " + millis + " ms");
            assertTrue(e.getMessage().contains("RTMP_Connect0, failed to connect socket. 111 (Connection refused)"),
                    e.getMessage());
            assertTrue(e.librtmpMessage().contains("Connection refused"), e.librtmpMessage());
            assertFalse(rtmp.isConnected());
        }
    }

    @Test
    void anInstanceConnectsOnceAndASecondConnectIsRefused() throws IOException {
        // librtmp frees the parsed playpath (and a tcUrl it allocated) when a connection fails:
        // a second connect on the same struct would send freed memory.
        try (RefusingPort closed = new RefusingPort(); NativeRtmp rtmp = new NativeRtmp()) {
            rtmp.setupUrl("rtmp://127.0.0.1:" + closed.port() + "/live/x");
            assertThrows(RtmpException.class, rtmp::connect);
            IllegalStateException e = assertThrows(IllegalStateException.class, rtmp::connect);
            assertTrue(e.getMessage().contains("connects once"), e.getMessage());
            assertThrows(IllegalStateException.class, () -> rtmp.setupUrl("rtmp://127.0.0.1/live/y"));
        }
    }

    @Test
    void anOversizedScriptTagIsRefusedBeforeReachingLibrtmp() {
        // librtmp adds 16 bytes to a script tag's length, which is a 24-bit field.
        byte[] header = {18, (byte) 0xFF, (byte) 0xFF, (byte) 0xF0, 0, 0, 0, 0, 0, 0, 0};
        try (NativeRtmp rtmp = new NativeRtmp()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> rtmp.write(header, 0, header.length));
            assertTrue(e.getMessage().contains("script tag"), e.getMessage());
        }
    }

    @Test
    void anEmptyConnItemIsRefusedWithoutReadingPastIt() {
        try (NativeRtmp rtmp = new NativeRtmp()) {
            assertThrows(IllegalArgumentException.class,
                    () -> rtmp.setupUrl("rtmp://127.0.0.1/live/x", RtmpOptions.builder().option("conn", "").build()));
        }
        try (NativeRtmp rtmp = new NativeRtmp()) {
            assertThrows(IllegalArgumentException.class,
                    () -> rtmp.setupUrl("rtmp://127.0.0.1/live/x", RtmpOptions.builder().conn("S").build()));
        }
    }

    @Test
    void writeBeforeConnectFailsWithoutCrashing() {
        try (NativeRtmp rtmp = new NativeRtmp()) {
            rtmp.setupUrl("rtmp://127.0.0.1:1/live/x");
            byte[] tag = new org.nativertmp.flv.FlvTag(8, 0, new byte[] {0x2F, 1, 2}).encode();
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> rtmp.write(tag, 0, tag.length));
            assertTrue(e.getMessage().contains("write() before connectStream()"), e.getMessage());
        }
    }

    @Test
    void aTagWhoseWriteFailsIsNotCountedAsSent() throws Exception {
        try (NativeRtmp rtmp = new NativeRtmp()) {
            rtmp.setupUrl("rtmp://127.0.0.1:1/live/x");
            RtmpOutputStream out = rtmp.outputStream();
            byte[] tag = new org.nativertmp.flv.FlvTag(8, 0, new byte[] {0x2F, 1, 2}).encode();
            assertThrows(IllegalStateException.class, () -> out.write(tag)); // before connectStream()
            assertEquals(0, out.tagsSent());
            assertEquals(tag.length, out.bytesWritten());
        }
    }

    @Test
    void partialTagIsRefusedBeforeReachingLibrtmp() {
        try (NativeRtmp rtmp = new NativeRtmp()) {
            byte[] tag = new org.nativertmp.flv.FlvTag(9, 0, new byte[100]).encode();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> rtmp.write(tag, 0, 50));
            assertTrue(e.getMessage().contains("only whole tags"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> rtmp.write(tag, 0, 5));
        }
    }

    @Test
    void closeFromAnotherThreadEndsABlockedConnectWithAnException() throws Exception {
        // A server that accepts and never answers the handshake: RTMP_Connect blocks in recv().
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Socket> accepted = CompletableFuture.supplyAsync(() -> {
                try {
                    return silent.accept();
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            NativeRtmp rtmp = new NativeRtmp();
            rtmp.setupUrl("rtmp://127.0.0.1:" + silent.getLocalPort() + "/live/x");
            CompletableFuture<Throwable> connect = connectInBackground(rtmp);
            try (Socket peer = accepted.get(10, TimeUnit.SECONDS)) {
                Thread.sleep(300); // let connect() reach the handshake read
                rtmp.close();
                Throwable t = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> connect.get());
                assertTrue(t instanceof RtmpException, String.valueOf(t));
                assertTrue(t.getMessage().contains("close() from another thread"), t.getMessage());
                assertThrows(IllegalStateException.class, rtmp::isConnected);
            }
        }
    }

    @Test
    void closeFromAnotherThreadEndsAConnectBlockedInLibrtmpsOwnTcpConnect() throws Exception {
        // No connect timeout: the TCP connect is librtmp's RTMP_Connect0, which would wait for the
        // system to give up (minutes) on a port whose SYNs are dropped.
        try (UnansweredPort port = new UnansweredPort()) {
            NativeRtmp rtmp = new NativeRtmp();
            rtmp.setupUrl("rtmp://127.0.0.1:" + port.port() + "/live/x");
            CompletableFuture<Throwable> connect = connectInBackground(rtmp);
            Thread.sleep(500); // let connect() reach the TCP connect
            assertFalse(connect.isDone(), "the connect waits for the unanswered port");
            rtmp.close();
            Throwable t = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> connect.get());
            assertTrue(t instanceof RtmpException, String.valueOf(t));
            assertTrue(t.getMessage().contains("close() from another thread"), t.getMessage());
        }
    }

    /** connect() on another thread; what it threw, or null. */
    private static CompletableFuture<Throwable> connectInBackground(NativeRtmp rtmp) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                rtmp.connect();
                return null;
            } catch (Throwable t) {
                return t;
            }
        });
    }
}
