package org.nativertmp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nativertmp.NativeRtmp;
import org.nativertmp.flv.FlvReader;
import org.nativertmp.flv.FlvTag;
import org.nativertmp.support.TestFlv;
import org.nativertmp.testkit.SampleFlv;

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
        Path out = dir.resolve("rec");
        byte[] flv = TestFlv.file(TestFlv.tags(1, 20, 2000));
        // --port 0: the recorder binds a free port itself and names it, so nothing can take the
        // port between a pick and the bind.
        PrintStream stdout = System.out;
        ByteArrayOutputStream recorderOutput = new ByteArrayOutputStream();
        System.setOut(new PrintStream(recorderOutput, true, StandardCharsets.UTF_8));
        try {
            CompletableFuture<Integer> record = CompletableFuture.supplyAsync(() ->
                    Main.run("record", "--port", "0", "--out", out.toString(), "--count", "2", "--pcap"));
            String url = "rtmp://127.0.0.1:" + announcedPort(recorderOutput, record) + "/live/cam+1";
            publish(url, flv);
            publish(url, flv);
            assertEquals(0, record.get(60, TimeUnit.SECONDS));
        } finally {
            System.setOut(stdout);
        }

        String text = Files.readString(out.resolve("connection-1.txt"));
        assertTrue(text.contains("C0+C1 1537 bytes, S0+S1+S2 3073 bytes, C2 1536 bytes"), text);
        assertTrue(text.contains("connect(1) {app:\"live\""), text);
        assertTrue(text.contains("C2 1536 bytes (echoes S1)"), text);
        assertTrue(Files.size(out.resolve("connection-1.server.rtmp")) >= 3073);
        assertTrue(Files.size(out.resolve("connection-1.pcap")) > Files.size(out.resolve("connection-1.rtmp")));
        List<FlvTag> recorded = FlvReader.readAll(out.resolve("connection-1-cam_1.flv"));
        assertEquals(FlvReader.readAll(flv), recorded);

        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            assertEquals(0, Main.run("diff", out.resolve("connection-1.txt").toString(), out.resolve("connection-2.rtmp").toString()));
        } finally {
            System.setOut(stdout);
        }
        assertTrue(printed.toString(StandardCharsets.UTF_8).startsWith("same: "), printed.toString(StandardCharsets.UTF_8));
    }

    /** The port in the recorder's first line, {@code recording on rtmp://127.0.0.1:PORT/APP/STREAM ...}. */
    private static int announcedPort(ByteArrayOutputStream output, CompletableFuture<Integer> record) throws Exception {
        Pattern line = Pattern.compile("recording on rtmp://127\\.0\\.0\\.1:(\\d+)/");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            Matcher m = line.matcher(output.toString(StandardCharsets.UTF_8));
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
            if (record.isDone()) {
                fail("record ended with " + record.get() + " before it listened: " + output.toString(StandardCharsets.UTF_8));
            }
            Thread.sleep(20);
        }
        return fail("record named no port within 30 s: " + output.toString(StandardCharsets.UTF_8));
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
        assertTrue(s.startsWith("differ: 1 difference at level exact, the first: message #0 (set-chunk-size 4096):"
                + " payload differs at byte 2"), s);

        // Set Chunk Size is chunking: not compared at the messages and semantic levels.
        String[] messages = TraceCommandTest.runCli("diff", dir.resolve("a.rtmp").toString(), dir.resolve("b.rtmp").toString(),
                "--level", "messages", "--html", dir.resolve("report.html").toString());
        assertEquals("0", messages[0], messages[1] + messages[2]);
        assertTrue(messages[1].startsWith("same: 1 messages"), messages[1]);
        assertTrue(messages[1].contains("set-chunk-size              1        1  not compared at this level"), messages[1]);
        String html = Files.readString(dir.resolve("report.html"));
        assertTrue(html.startsWith("<!DOCTYPE html>") && html.contains("set-chunk-size"), html);
        assertEquals(String.valueOf(Main.EXIT_USAGE), TraceCommandTest.runCli("diff", dir.resolve("a.rtmp").toString(),
                dir.resolve("b.rtmp").toString(), "--level", "bytes")[0]);
    }

    @Test
    void diffOfAMissingFileOrOfFilesThatAreNoTranscriptsIsAUsageErrorThatSaysSo() throws Exception {
        byte[] transcript = new byte[3073];
        transcript[0] = 3;
        Path a = Files.write(dir.resolve("a.rtmp"), transcript);
        Path flv = Files.write(dir.resolve("in.flv"), SampleFlv.file(SampleFlv.tags(1, 3, 100)));
        Path text = Files.writeString(dir.resolve("notes.rtmp"), "root:x:0:0:root:/root:/bin/bash\n");
        Path lonelyTxt = Files.writeString(dir.resolve("connection-9.txt"), "readable transcript\n");
        String[][] cases = {
            {a.toString(), dir.resolve("nosuch.rtmp").toString(), "error: no such file: " + dir.resolve("nosuch.rtmp")},
            {flv.toString(), flv.toString(), "error: " + flv + " is not a transcript saved by 'record': it is an FLV file"},
            {a.toString(), text.toString(), "error: " + text + " is not a transcript saved by 'record': a client's bytes"
                + " start with the RTMP version 3, this file with 0x72"},
            {lonelyTxt.toString(), a.toString(), "error: no such file: " + dir.resolve("connection-9.rtmp")
                + " (the client's bytes that 'record' writes beside connection-9.txt)"},
        };
        for (String[] c : cases) {
            String[] r = TraceCommandTest.runCli("diff", c[0], c[1]);
            assertEquals(String.valueOf(Main.EXIT_USAGE), r[0], r[1] + r[2]);
            assertEquals("", r[1]);
            assertTrue(r[2].startsWith(c[2]), r[2]);
        }
    }

    @Test
    void diffListsAtMostTwentyDifferencesUnlessToldOtherwise() throws Exception {
        byte[] a = new byte[3073 + 30 * 16];
        a[0] = 3;
        byte[] b = a.clone();
        for (int i = 0; i < 30; i++) { // 30 Set Chunk Size messages, each different
            byte[] msg = {0x02, 0, 0, 0, 0, 0, 4, 1, 0, 0, 0, 0, 0, 0, 0x10, (byte) i};
            System.arraycopy(msg, 0, a, 3073 + 16 * i, msg.length);
            msg[14] = 0x20;
            System.arraycopy(msg, 0, b, 3073 + 16 * i, msg.length);
        }
        String[] files = {Files.write(dir.resolve("a.rtmp"), a).toString(), Files.write(dir.resolve("b.rtmp"), b).toString()};
        String[] capped = TraceCommandTest.runCli("diff", files[0], files[1]);
        assertEquals("1", capped[0]);
        assertTrue(capped[1].startsWith("differ: 30 differences at level exact, the first: "), capped[1]);
        assertEquals(20, capped[1].lines().filter(l -> l.startsWith("  message #")).count(), capped[1]);
        assertTrue(capped[1].endsWith("  ... and 10 more\n"), capped[1]);
        String[] all = TraceCommandTest.runCli("diff", files[0], files[1], "--max-differences", "0");
        assertEquals(30, all[1].lines().filter(l -> l.startsWith("  message #")).count(), all[1]);
    }
}
