package org.nativertmp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.nativertmp.flv.FlvReader;
import org.nativertmp.flv.FlvTag;
import org.nativertmp.support.FlvAssertions;
import org.nativertmp.support.RefusingPort;
import org.nativertmp.support.SharedNginx;
import org.nativertmp.support.StalledRtmpServer;
import org.nativertmp.support.TestFlv;
import org.nativertmp.testkit.RecordedConnection;
import org.nativertmp.testkit.RtmpRecorderServer;
import org.nativertmp.testkit.SampleFlv;

class PublishPlayCommandTest {
    @TempDir
    static Path work;

    @RegisterExtension
    static final SharedNginx nginx = new SharedNginx();

    /** Exit code and stderr of one command line. */
    record Run(int exit, String err) {
    }

    static synchronized Run run(String... args) {
        PrintStream saved = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int exit = Main.run(args);
            return new Run(exit, err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(saved);
        }
    }

    @Test
    void publishThenPlayRoundTripsAFileWithExitZeroAndASummaryLine() throws Exception {
        List<FlvTag> input = TestFlv.tags(321L, 150, 4000);
        Path in = work.resolve("in.flv");
        Files.write(in, TestFlv.file(input));
        Run publish = run("publish", in.toString(), nginx.url("rec/cli"), "--chunk-size", "4096", "--timeout", "10");
        assertEquals(0, publish.exit(), publish.err());
        assertTrue(publish.err().startsWith("published " + Files.size(in) + " bytes, " + input.size() + " tags, media "),
                publish.err());
        assertEquals(1, publish.err().lines().count(), "one summary line: " + publish.err());

        nginx.awaitRecording("cli", input.size() - 1);
        Files.copy(nginx.recordDir().resolve("cli.flv"), nginx.vodDir().resolve("cli.flv"));
        Path out = work.resolve("out.flv");
        Run play = run("play", nginx.url("vod/cli.flv"), out.toString(), "--timeout", "10");
        assertEquals(0, play.exit(), play.err());
        assertTrue(play.err().startsWith("played " + Files.size(out) + " bytes, "), play.err());
        FlvAssertions.assertSameMedia(input, FlvReader.readAll(out), "played to a file");
    }

    @Test
    void statsPrintsTheConnectionsStatisticsAfterTheSummary() throws Exception {
        List<FlvTag> input = TestFlv.tags(323L, 100, 3000);
        Path in = work.resolve("stats.flv");
        Files.write(in, TestFlv.file(input));
        Run publish = run("publish", in.toString(), nginx.url("rec/clistats"), "--stats", "--timeout", "10");
        assertEquals(0, publish.exit(), publish.err());
        List<String> lines = publish.err().lines().toList();
        assertEquals(2, lines.size(), publish.err());
        String stats = lines.get(1);
        assertTrue(stats.startsWith("statistics: in "), stats);
        // every media tag went out as one message, and nginx answered the ping
        assertTrue(stats.contains(" messages (" + (input.size() - 1) + " media); acknowledgements"), stats);
        assertTrue(stats.matches(".*; ping [0-9]+\\.[0-9] ms;.*"), stats);

        nginx.awaitRecording("clistats", input.size() - 1);
        Files.copy(nginx.recordDir().resolve("clistats.flv"), nginx.vodDir().resolve("clistats.flv"));
        Run play = run("play", nginx.url("vod/clistats.flv"), work.resolve("stats-out.flv").toString(), "--stats",
                "--timeout", "10");
        assertEquals(0, play.exit(), play.err());
        String played = play.err().lines().reduce((a, b) -> b).orElseThrow();
        assertTrue(played.startsWith("statistics: in ") && played.contains(" media); out "), played);
        assertTrue(played.contains("(" + (input.size() - 1) + " media); out"), played);
    }

    @Test
    void statsOfAPublishToTheRecorderShowItsAcknowledgementsAndPingAnswer() throws Exception {
        List<FlvTag> input = SampleFlv.tags(329L, 300, 4000); // about 600 kB: 6 windows
        Path in = work.resolve("stats-acked.flv");
        Files.write(in, SampleFlv.file(input));
        try (RtmpRecorderServer server = RtmpRecorderServer.builder().windowAckSize(100_000).start()) {
            Run publish = run("publish", in.toString(), server.url("live", "acked"), "--stats", "--timeout", "10");
            assertEquals(0, publish.exit(), publish.err());
            String stats = publish.err().lines().reduce((a, b) -> b).orElseThrow();
            // the ping at the end has librtmp handle the acknowledgements that waited in the socket
            assertTrue(stats.matches(".*; acknowledgements [5-9] \\(last [0-9,]+, server window 100,000, behind"
                    + " [0-9,]+ bytes\\); send buffer 0 bytes; ping [0-9]+\\.[0-9] ms;.*"), stats);
            assertEquals(input, server.published("acked").orElseThrow(), "the ping did not disturb the stream");
        }
    }

    @Test
    void quietPrintsNothingOnSuccess() throws Exception {
        Path in = work.resolve("quiet.flv");
        Files.write(in, TestFlv.file(TestFlv.tags(1L, 10, 100)));
        Run publish = run("publish", in.toString(), nginx.url("live/quiet"), "--quiet");
        assertEquals(0, publish.exit(), publish.err());
        assertEquals("", publish.err());
    }

    @Test
    void aServerThatNeverClosesItsSideGetsAWarningThatTheTailMayBeUnreadAndExitZero() throws Exception {
        Path in = work.resolve("stalled.flv");
        Files.write(in, TestFlv.file(TestFlv.tags(4L, 3, 100)));
        try (StalledRtmpServer server = new StalledRtmpServer()) {
            Run r = run("publish", in.toString(), server.url("live/stalled"), "--timeout", "1", "--quiet");
            assertEquals(0, r.exit(), r.err());
            assertEquals("warning: the server did not close the connection within 1 s after the end of the stream, "
                    + "so it may not have read the last tags", r.err().strip());
        }
    }

    @Test
    void anRtmpFailureExitsWithOneAndAnErrorLine() throws Exception {
        Path in = work.resolve("refused.flv");
        Files.write(in, TestFlv.file(TestFlv.tags(2L, 3, 100)));
        Run r;
        try (RefusingPort closed = new RefusingPort()) {
            r = run("publish", in.toString(), "rtmp://127.0.0.1:" + closed.port() + "/live/x", "--quiet");
        }
        assertEquals(1, r.exit(), r.err());
        assertTrue(r.err().startsWith("error: connect to rtmp://127.0.0.1:") && r.err().contains("Connection refused"), r.err());
    }

    @Test
    void aPublishUrlWithoutAStreamNameIsAUsageErrorThatSaysWhy() throws Exception {
        Path in = work.resolve("unnamed.flv");
        Files.write(in, TestFlv.file(TestFlv.tags(3L, 3, 100)));
        Run r = run("publish", in.toString(), nginx.url("live"));
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().startsWith("error: publish to '" + nginx.url("live") + "': the URL names no stream"), r.err());
    }

    @Test
    void mistakesWithTheArgumentsSayWhatIsWrongAndHowToFixIt() throws Exception {
        Path in = work.resolve("args.flv");
        Files.write(in, TestFlv.file(TestFlv.tags(5L, 3, 100)));
        String url = nginx.url("live/args");
        Run swappedPublish = run("publish", url, in.toString());
        assertEquals(2, swappedPublish.exit(), swappedPublish.err());
        assertEquals("error: the file comes first, then the URL: publish " + in + " " + url + "\n", swappedPublish.err());
        Run swappedPlay = run("play", in.toString(), url);
        assertEquals(2, swappedPlay.exit(), swappedPlay.err());
        assertEquals("error: the URL comes first, then the file: play " + url + " " + in + "\n", swappedPlay.err());

        Run missing = run("publish", work.resolve("nosuch.flv").toString(), url);
        assertEquals(2, missing.exit(), missing.err());
        assertEquals("error: no such file: " + work.resolve("nosuch.flv") + "\n", missing.err());

        Files.copy(in, nginx.vodDir().resolve("args.flv"));
        Path nowhere = work.resolve("nonexistent-dir").resolve("o.flv");
        Run unwritable = run("play", nginx.url("vod/args.flv"), nowhere.toString());
        assertEquals(2, unwritable.exit(), unwritable.err());
        assertEquals("error: cannot write " + nowhere + ": there is no folder " + nowhere.getParent() + "\n",
                unwritable.err());

        Run passwd = run("publish", "/etc/passwd", url, "--quiet");
        assertEquals(1, passwd.exit(), passwd.err());
        assertTrue(passwd.err().startsWith("error: not an FLV stream: it starts neither with the FLV header"), passwd.err());
    }

    @Test
    void realtimeSendsEachTagWhenItsTimestampIsDue() throws Exception {
        List<FlvTag> tags = SampleFlv.tags(6L, 60, 500); // media from 0 to 1160 ms
        Path in = work.resolve("realtime.flv");
        Files.write(in, SampleFlv.file(tags));
        try (RtmpRecorderServer server = RtmpRecorderServer.start()) {
            long start = System.nanoTime();
            Run r = run("publish", in.toString(), server.url("live", "paced"), "--realtime", "--quiet");
            long tookMillis = (System.nanoTime() - start) / 1_000_000;
            assertEquals(0, r.exit(), r.err());
            assertTrue(tookMillis >= 1160, "paced by the timestamps: " + tookMillis + " ms for 1160 ms of media");
            RecordedConnection seen = server.awaitConnection(Duration.ofSeconds(30));
            FlvAssertions.assertSameMedia(tags, seen.published().get("paced"), "published in real time");
        }
    }

    @Test
    void malformedFlvExitsWithOneNamingTheOffset() throws Exception {
        Path in = work.resolve("garbage.flv");
        Files.write(in, "FLX not an flv at all".getBytes(StandardCharsets.US_ASCII));
        Run r = run("publish", in.toString(), nginx.url("live/garbage"));
        assertEquals(1, r.exit(), r.err());
        assertTrue(r.err().contains("error: not an FLV stream") && r.err().contains("at byte 2"), r.err());
    }

    @Test
    void usageErrorsExitWithTwo() throws Exception {
        Path flv = Files.write(work.resolve("maybe.flv"), TestFlv.file(TestFlv.tags(7L, 3, 100)));
        assertEquals(2, run("publish").exit());
        assertEquals(2, run("play", "rtmp://127.0.0.1/live/x").exit());
        assertEquals(2, run("publish", "x.flv", "rtmp://127.0.0.1/live/x", "--chunk-size", "zero").exit());
        assertEquals(2, run("publish", "x.flv", "rtmp://127.0.0.1/live/x", "--chunk-size", "0").exit());
        for (String command : List.of("publish", "play")) {
            Run maybe = command.equals("play") ? run("play", "rtmp://127.0.0.1/live/x", "out.flv", "--option", "live=maybe")
                    : run("publish", flv.toString(), "rtmp://127.0.0.1/live/x", "--option", "live=maybe");
            assertEquals(2, maybe.exit(), maybe.err());
            assertTrue(maybe.err().startsWith("error: option live=maybe: librtmp reads a boolean"), maybe.err());
        }
        Run badUrl = run("play", "http://127.0.0.1/live/x", "out.flv");
        assertEquals(2, badUrl.exit(), badUrl.err());
        assertTrue(badUrl.err().startsWith("error: "), badUrl.err());
    }
}
