package org.nativertmp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nativertmp.ConnectTraceTestAccess;
import org.nativertmp.support.NginxRtmpServer;
import org.nativertmp.support.RefusingPort;

class TraceCommandTest {
    @TempDir
    Path dir;

    /** Runs the CLI in this JVM and returns exit code, stdout and stderr. */
    static String[] runCli(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int exit;
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            exit = Main.run(args);
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        return new String[] {String.valueOf(exit), o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8)};
    }

    @Test
    void tracePublishConnectToNginxPrintsTheCcqLinesInOrder() throws Exception {
        try (NginxRtmpServer nginx = NginxRtmpServer.start(dir.resolve("nginx"))) {
            String[] r = runCli("trace", nginx.url("live/x"), "--write");
            assertEquals("0", r[0], r[1] + r[2]);
            List<String> lines = Arrays.asList(r[1].split("\n"));
            int p = nginx.port();
            List<String> expected = ConnectTraceTestAccess.expectedCcqLines(
                    "127.0.0.1:" + p + "/live/x", "127.0.0.1", p, ConnectTraceTestAccess.saDataOfLoopback(p), 16);
            assertEquals(expected, lines.subList(0, expected.size()), r[1]);
            assertEquals("DEBUG: RTMP_Connect1, ... connected, handshaking", lines.get(expected.size()), r[1]);
            assertTrue(lines.contains("DEBUG: RTMP_Connect1, handshaked"), r[1]);
        }
    }

    @Test
    void traceOfARefusedConnectExitsOneWithLibrtmpsError() throws IOException {
        String[] r;
        try (RefusingPort closed = new RefusingPort()) {
            r = runCli("trace", "rtmp://127.0.0.1:" + closed.port() + "/live/x");
        }
        assertEquals("1", r[0]);
        assertTrue(r[2].startsWith("error: connect to rtmp://127.0.0.1:"), r[2]);
        assertTrue(r[2].contains("Connection refused"), r[2]);
        assertTrue(r[1].contains("ERROR: RTMP_Connect0, failed to connect socket. 111 (Connection refused)"), r[1]);
    }

    @Test
    void traceWithABrokenUrlIsAUsageError() {
        String[] r = runCli("trace", "http://127.0.0.1/live/x");
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("unknown scheme 'http'"), r[2]);
    }
}
