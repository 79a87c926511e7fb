package org.nativertmp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nativertmp.NativeRtmp;
import org.nativertmp.flv.FlvReader;
import org.nativertmp.flv.FlvTag;
import org.nativertmp.support.FreePort;
import org.nativertmp.support.TestFlv;

class RecordCommandTest {
    @TempDir
    Path dir;

    private static void publish(String url, byte[] flv) throws Exception {
        try (NativeRtmp rtmp = new NativeRtmp()) {
            rtmp.setupUrl(url);
            rtmp.enableWrite();
            rtmp.connect();
            rtmp.connectStream(0);
            rtmp.write(flv, 0, flv.length);
        }
    }

    @Test
    void recordSavesEachConnectionsTranscriptRawBytesAndFlvAndDiffComparesThem() throws Exception {
        int port = FreePort.pick();
        Path out = dir.resolve("rec");
        CompletableFuture<Integer> record = CompletableFuture.supplyAsync(() ->
                Main.run("record", "--port", String.valueOf(port), "--out", out.toString(), "--count", "2"));
        byte[] flv = TestFlv.file(TestFlv.tags(1, 20, 2000));
        String url = "rtmp://127.0.0.1:" + port + "/live/cam+1";
        // The recorder may not listen yet: retry the first connection for a while.
        for (int attempt = 0; ; attempt++) {
            try {
                publish(url, flv);
                break;
            } catch (Exception e) {
                if (attempt == 100) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
        publish(url, flv);
        assertEquals(0, record.get(60, TimeUnit.SECONDS));

        String text = Files.readString(out.resolve("connection-1.txt"));
        assertTrue(text.contains("C0+C1 1537 bytes, S0+S1+S2 3073 bytes, C2 1536 bytes"), text);
        assertTrue(text.contains("connect(1) {app:\"live\""), text);
        List<FlvTag> recorded = FlvReader.readAll(out.resolve("connection-1-cam_1.flv"));
        assertEquals(FlvReader.readAll(flv), recorded);

        PrintStream stdout = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            assertEquals(0, Main.run("diff", out.resolve("connection-1.txt").toString(), out.resolve("connection-2.rtmp").toString()));
        } finally {
            System.setOut(stdout);
        }
        assertTrue(printed.toString(StandardCharsets.UTF_8).startsWith("same: "), printed.toString(StandardCharsets.UTF_8));
    }

    @Test
    void diffReportsTheFirstDifferenceAndExitsWithOne() throws Exception {
        byte[] a = new byte[3073 + 12 + 4];
        a[0] = 3;
        byte[] b = a.clone();
        // one Set Chunk Size message after the handshake: 4096 vs 8192
        byte[] msg = {0x02, 0, 0, 0, 0, 0, 4, 1, 0, 0, 0, 0, 0, 0, 0x10, 0};
        System.arraycopy(msg, 0, a, 3073, msg.length);
        msg[14] = 0x20;
        System.arraycopy(msg, 0, b, 3073, msg.length);
        Files.write(dir.resolve("a.rtmp"), a);
        Files.write(dir.resolve("b.rtmp"), b);
        PrintStream stdout = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            assertEquals(1, Main.run("diff", dir.resolve("a.rtmp").toString(), dir.resolve("b.rtmp").toString()));
        } finally {
            System.setOut(stdout);
        }
        String s = printed.toString(StandardCharsets.UTF_8);
        assertTrue(s.startsWith("differ: message #0 (set-chunk-size 4096): payload differs at byte 2"), s);
    }
}
