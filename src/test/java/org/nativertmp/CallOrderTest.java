package org.nativertmp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.nativertmp.flv.FlvFormat;
import org.nativertmp.flv.FlvTag;
import org.nativertmp.support.HandshakeServer;
import org.nativertmp.support.RefusingPort;
import org.nativertmp.support.StalledRtmpServer;
import org.nativertmp.support.UnansweredPort;
import org.nativertmp.testkit.RecordedConnection;
import org.nativertmp.testkit.RtmpRecorderServer;

/** Calls out of order, with null arguments, or after close() each meet one rule. */
class CallOrderTest {
    private static final String URL = "rtmp://127.0.0.1/live/x";

    @Test
    void aSecondSetupUrlIsIllegalStateAndTheFirstUrlStays() {
        // librtmp would keep the first URL's tcUrl and leak the second's playpath.
        try (NativeRtmp rtmp = new NativeRtmp()) {
            rtmp.setupUrl(URL);
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> rtmp.setupUrl("rtmp://127.0.0.2/other/y"));
            assertTrue(e.getMessage().contains("twice"), e.getMessage());
            assertTrue(rtmp.toString().endsWith(URL), rtmp.toString());
        }
    }

    @Test
    void nothingThatSetsUpTheConnectionIsAcceptedAfterAFailedConnect() throws IOException {
        try (RefusingPort closed = new RefusingPort(); NativeRtmp rtmp = new NativeRtmp()) {
            rtmp.setupUrl("rtmp://127.0.0.1:" + closed.port() + "/live/x");
            assertThrows(RtmpException.class, rtmp::connect);
            RtmpOptions raw = RtmpOptions.builder().option("live", "1").build();
            RtmpOptions typed = RtmpOptions.builder().app("other").build();
            for (Executable call : List.<Executable>of(
                    () -> rtmp.setupUrl(URL, raw), () -> rtmp.setupUrl(URL, typed), rtmp::enableWrite, rtmp::connect)) {
                IllegalStateException e = assertThrows(IllegalStateException.class, call);
                assertTrue(e.getMessage().contains("after connect()"), e.getMessage());
            }
        }
    }

    @Test
    void nullArgumentsAreIllegalArgumentsEverywhere() {
        RtmpOptions.Builder b = RtmpOptions.builder();
        try (NativeRtmp rtmp = new NativeRtmp()) {
            for (Executable call : List.<Executable>of(
                    () -> rtmp.setupUrl(null), () -> rtmp.setupUrl(URL, null), () -> rtmp.write(null, 0, 0),
                    () -> rtmp.read(null, 0, 0), () -> rtmp.closeGracefully(null), () -> b.option(null, "1"),
                    () -> b.option("live", null), () -> b.app(null), () -> b.buffer(null), () -> b.receiveTimeout(null),
                    () -> b.connectTimeout(null), () -> b.sendTimeout(null), () -> b.socks(null), () -> b.conn(null))) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
                assertTrue(e.getMessage().contains("null"), e.getMessage());
            }
        }
    }

    @Test
    void writeOnAConnectionMadeForPlayIsIllegalState() throws Exception {
        try (HandshakeServer server = HandshakeServer.start(false); NativeRtmp rtmp = new NativeRtmp()) {
            rtmp.setupUrl("rtmp://127.0.0.1:" + server.port() + "/live/x");
            rtmp.connect();
            byte[] tag = new FlvTag(FlvFormat.TAG_AUDIO, 0, new byte[] {0x2F, 1, 2}).encode();
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> rtmp.write(tag, 0, tag.length));
            assertTrue(e.getMessage().contains("play connection"), e.getMessage());
            assertThrows(IllegalStateException.class, () -> rtmp.outputStream().write(tag));
        }
    }

    @Test
    void writeBeforeConnectStreamIsIllegalStateAndSendsNothing() throws Exception {
        byte[] tag = new FlvTag(FlvFormat.TAG_VIDEO, 0, new byte[1000]).encode();
        try (RtmpRecorderServer server = RtmpRecorderServer.start()) {
            try (NativeRtmp rtmp = new NativeRtmp()) {
                rtmp.setupUrl(server.url("live", "x"));
                rtmp.enableWrite();
                IllegalStateException beforeConnect = assertThrows(IllegalStateException.class,
                        () -> rtmp.write(tag, 0, tag.length));
                assertTrue(beforeConnect.getMessage().contains("before connectStream()"), beforeConnect.getMessage());
                rtmp.connect();
                for (Executable write : List.<Executable>of(() -> rtmp.write(tag, 0, tag.length),
                        () -> rtmp.outputStream().write(tag))) {
                    IllegalStateException e = assertThrows(IllegalStateException.class, write);
                    assertTrue(e.getMessage().contains("before connectStream()"), e.getMessage());
                }
            }
            RecordedConnection seen = server.awaitConnection(Duration.ofSeconds(30));
            assertTrue(seen.transcript().messages().stream().noneMatch(m -> m.type() == FlvFormat.TAG_VIDEO),
                    "a video message reached the server");
        }
    }

    @Test
    void afterCloseEvenAnEmptyReadAndAGarbageWriteAreIllegalState() {
        NativeRtmp rtmp = new NativeRtmp();
        rtmp.close();
        byte[] garbage = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
        assertThrows(IllegalStateException.class, () -> rtmp.read(new byte[4], 0, 0));
        assertThrows(IllegalStateException.class, () -> rtmp.write(garbage, 0, garbage.length));
        assertFalse(rtmp.closeGracefully(Duration.ZERO));
    }

    @Test
    void aConnectTimeoutBelowOneMillisecondIsOneMillisecondNotNoLimit() throws Exception {
        // Without a limit the connect would wait for the system to give up, minutes.
        try (UnansweredPort port = new UnansweredPort(); NativeRtmp rtmp = new NativeRtmp()) {
            rtmp.setupUrl("rtmp://127.0.0.1:" + port.port() + "/live/x",
                    RtmpOptions.builder().connectTimeout(Duration.ofNanos(1)).build());
            RtmpException e = assertTimeoutPreemptively(Duration.ofSeconds(20),
                    () -> assertThrows(RtmpException.class, rtmp::connect));
            assertTrue(e.getMessage().contains("timed out after 1 ms"), e.getMessage());
        }
    }

    @Test
    void closeGracefullyWakesAWriteBlockedOnAnotherThread() throws Exception {
        try (StalledRtmpServer server = new StalledRtmpServer(); NativeRtmp rtmp = new NativeRtmp()) {
            // A send timeout far longer than the test may take: only the close can end the write.
            rtmp.setupUrl(server.url("live/stalled"), RtmpOptions.builder().sendTimeout(Duration.ofMinutes(5)).build());
            rtmp.enableWrite();
            rtmp.connect();
            rtmp.connectStream(0);
            assertTrue(server.awaitAnswered(5), "server answered the publish: " + server.failure());
            CompletableFuture<Throwable> writer = StalledRtmpServer.writeUntilBlocked(rtmp);
            assertFalse(writer.isDone(), "the write blocks on the stalled server");
            boolean serverClosed = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> rtmp.closeGracefully(Duration.ofSeconds(30)));
            assertFalse(serverClosed);
            Throwable t = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> writer.get());
            assertTrue(t instanceof RtmpException, String.valueOf(t));
            assertTrue(t.getMessage().contains("close() from another thread"), t.getMessage());
            assertEquals(IllegalStateException.class, assertThrows(RuntimeException.class, rtmp::isConnected).getClass());
        }
    }
}
