package org.nativertmp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nativertmp.support.RefusingPort;
import org.nativertmp.support.StalledRtmpServer;
import org.nativertmp.testkit.RtmpRecorderServer;
import org.nativertmp.testkit.SampleFlv;

/**
 * What librtmp's log ({@code System.Logger} org.nativertmp.librtmp, JUL here) shows above DEBUG:
 * only what no exception says. An error that becomes an exception is DEBUG, librtmp's INFO
 * chatter is DEBUG, the goodbye of a connection closed from another thread is DEBUG; a warning of a
 * call that succeeds keeps its level.
 */
class LibrtmpLogTest {
    private static final Logger LOG = Logger.getLogger("org.nativertmp.librtmp");

    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private Level savedLevel;

    @BeforeEach
    void capture() {
        savedLevel = LOG.getLevel();
        capture.setLevel(Level.ALL);
        LOG.addHandler(capture);
    }

    @AfterEach
    void restore() {
        LOG.removeHandler(capture);
        LOG.setLevel(savedLevel);
    }

    @Test
    void aFailedConnectIsThrownAndLoggedAtDebugOnly() throws Exception {
        LOG.setLevel(Level.FINE);
        try (RefusingPort closed = new RefusingPort(); NativeRtmp rtmp = new NativeRtmp()) {
            rtmp.setupUrl("rtmp://127.0.0.1:" + closed.port() + "/live/x");
            RtmpException e = assertThrows(RtmpException.class, rtmp::connect);
            assertTrue(e.getMessage().contains("Connection refused"), e.getMessage());
        }
        assertEquals(List.of(), above(Level.FINE));
        assertTrue(records.stream().anyMatch(r -> r.getLevel() == Level.FINE && r.getMessage().contains("Connection refused")),
                "the error line is still there at DEBUG: " + texts(records));
    }

    @Test
    void librtmpsInfoLinesOnPlayAreDebug() throws Exception {
        LOG.setLevel(Level.FINE);
        try (RtmpRecorderServer server = RtmpRecorderServer.start(); NativeRtmp rtmp = new NativeRtmp()) {
            server.addPlayable("x", SampleFlv.tags(5, 20, 500));
            rtmp.setupUrl(server.url("vod", "x"));
            rtmp.connect();
            rtmp.connectStream(0);
            try (InputStream in = rtmp.inputStream()) {
                assertTimeoutPreemptively(Duration.ofSeconds(30), () -> in.readAllBytes());
            }
        }
        assertTrue(records.stream().anyMatch(r -> r.getMessage().contains("Metadata:")),
                "librtmp logged the stream's metadata: " + texts(records));
        assertEquals(List.of(), above(Level.FINE));
    }

    @Test
    void closeFromAnotherThreadDuringABlockedWriteLogsNothingAboveDebug() throws Exception {
        LOG.setLevel(Level.INFO);
        try (StalledRtmpServer server = new StalledRtmpServer(); NativeRtmp rtmp = new NativeRtmp()) {
            rtmp.setupUrl(server.url("live/stalled"), RtmpOptions.builder().sendTimeout(Duration.ofMinutes(5)).build());
            rtmp.enableWrite();
            rtmp.connect();
            rtmp.connectStream(0);
            assertTrue(server.awaitAnswered(5), "server answered the publish: " + server.failure());
            CompletableFuture<Throwable> writer = StalledRtmpServer.writeUntilBlocked(rtmp);
            assertFalse(writer.isDone(), "the write blocks on the stalled server");
            rtmp.close();
            Throwable t = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> writer.get());
            assertTrue(t instanceof RtmpException && t.getMessage().contains("close() from another thread"),
                    String.valueOf(t));
        }
        assertEquals(List.of(), above(Level.FINE));
    }

    @Test
    void aWarningOfACallThatSucceedsKeepsItsLevel() {
        LOG.setLevel(Level.INFO);
        try (NativeRtmp rtmp = new NativeRtmp()) {
            rtmp.setupUrl("rtmp://127.0.0.1:1935"); // librtmp accepts it, and warns
        }
        List<String> warnings = above(Level.INFO);
        assertEquals(1, warnings.size(), texts(records).toString());
        assertTrue(warnings.get(0).startsWith("WARNING NativeRtmp#") && warnings.get(0).contains("No application or playpath"),
                warnings.get(0));
    }

    /** The records above {@code level}, as "LEVEL message". */
    private List<String> above(Level level) {
        return records.stream().filter(r -> r.getLevel().intValue() > level.intValue())
                .map(r -> r.getLevel() + " " + r.getMessage()).toList();
    }

    private static List<String> texts(List<LogRecord> rs) {
        return rs.stream().map(r -> r.getLevel() + " " + r.getMessage()).toList();
    }
}
