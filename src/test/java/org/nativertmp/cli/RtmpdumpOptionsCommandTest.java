package org.nativertmp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nativertmp.support.UnansweredPort;
import org.nativertmp.testkit.RecordedConnection;
import org.nativertmp.testkit.RtmpMessage;
import org.nativertmp.testkit.RtmpRecorderServer;
import org.nativertmp.testkit.SampleFlv;

/**
 * librtmp's options under rtmpdump's names reach the wire: what the recorder saw of the
 * commands; and the two timeouts mean the same in trace as in publish and play.
 */
class RtmpdumpOptionsCommandTest {
    /** AMF0 command message (RTMP 1.0, section 7.1.1). */
    private static final int COMMAND = 20;

    @TempDir
    Path dir;

    @Test
    void traceSendsTheAppFlashVerConnItemsAndRawOptionsGiven() throws Exception {
        try (RtmpRecorderServer server = RtmpRecorderServer.start()) {
            String[] r = TraceCommandTest.runCli("trace", server.url("live", "x"), "-a", "other", "-f", "LNX 10,0,32,18",
                    "-C", "S:hello", "-C", "N:7", "--option", "tcUrl=rtmp://example.test/other", "-m", "3");
            assertEquals("0", r[0], r[1] + r[2]);
            assertTrue(r[1].contains("DEBUG: CCQ: r->Link.timeout:3"), "-m is librtmp's timeout:\n" + r[1]);
            String connect = commands(server.awaitConnection(Duration.ofSeconds(30))).get(0);
            assertTrue(connect.startsWith("connect(1) {app:\"other\"") && connect.contains("flashVer:\"LNX 10,0,32,18\"")
                    && connect.contains("tcUrl:\"rtmp://example.test/other\"") && connect.endsWith(", \"hello\", 7"),
                    connect);
        }
    }

    @Test
    void publishTakesTheStreamNameFromPlaypathAndPlayItsStartAndBuffer() throws Exception {
        Path in = dir.resolve("in.flv");
        Files.write(in, SampleFlv.file(SampleFlv.tags(3, 20, 500)));
        try (RtmpRecorderServer server = RtmpRecorderServer.start()) {
            PublishPlayCommandTest.Run publish = PublishPlayCommandTest.run("publish", in.toString(),
                    "rtmp://127.0.0.1:" + server.port() + "/live", "-y", "named", "-q");
            assertEquals(0, publish.exit(), publish.err());
            RecordedConnection published = server.awaitConnection(Duration.ofSeconds(30));
            assertTrue(published.published().containsKey("named"), published.published().keySet().toString());

            server.addPlayable("clip", SampleFlv.tags(4, 20, 500));
            PublishPlayCommandTest.Run play = PublishPlayCommandTest.run("play", server.url("vod", "clip"),
                    dir.resolve("out.flv").toString(), "-A", "2.5", "-b", "1500", "-q");
            assertEquals(0, play.exit(), play.err());
            List<String> commands = commands(server.awaitConnection(Duration.ofSeconds(30)));
            assertTrue(commands.stream().anyMatch(c -> c.startsWith("play(") && c.contains("\"clip\", 2500")),
                    commands.toString());
        }
    }

    @Test
    void traceLimitsTheConnectWithConnectTimeoutAsPublishAndPlayDo() throws Exception {
        Path in = dir.resolve("in.flv");
        Files.write(in, SampleFlv.file(SampleFlv.tags(1, 1, 10)));
        try (UnansweredPort port = new UnansweredPort()) {
            String url = "rtmp://127.0.0.1:" + port.port() + "/live/x";
            for (List<String> command : List.of(List.of("trace", url), List.of("publish", in.toString(), url),
                    List.of("play", url, dir.resolve("out.flv").toString()))) {
                List<String> args = new ArrayList<>(command);
                args.addAll(List.of("--connect-timeout", "0.5"));
                String[] r = assertTimeoutPreemptively(Duration.ofSeconds(20),
                        () -> TraceCommandTest.runCli(args.toArray(String[]::new)));
                assertEquals("1", r[0], args + ": " + r[2]);
                assertTrue(r[2].contains("timed out"), args + ": " + r[2]);
            }
        }
    }

    private static List<String> commands(RecordedConnection c) {
        return c.transcript().messages().stream().filter(m -> m.type() == COMMAND).map(RtmpMessage::describe).toList();
    }
}
