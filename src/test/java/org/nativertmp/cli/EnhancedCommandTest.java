package org.nativertmp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nativertmp.NativeRtmp;
import org.nativertmp.RtmpOptions;
import org.nativertmp.amf0.Amf0;
import org.nativertmp.cli.PublishPlayCommandTest.Run;
import org.nativertmp.flv.EnhancedFlv;
import org.nativertmp.flv.FlvReader;
import org.nativertmp.flv.FlvTag;
import org.nativertmp.flv.FlvWriter;
import org.nativertmp.flv.FourCc;
import org.nativertmp.support.NodeMediaServer;
import org.nativertmp.support.TestFlv;
import org.nativertmp.testkit.RecordedConnection;
import org.nativertmp.testkit.RtmpMessage;
import org.nativertmp.testkit.RtmpRecorderServer;
import org.nativertmp.testkit.RtmpSpec;

/**
 * {@code publish} and {@code play} of Enhanced RTMP streams: the codecs announced in the connect
 * (named by {@code --enhanced}, or read from the FLV's head), the tags sent as they are in the
 * file, and played back from node-media-server with their codecs named in the summary.
 */
class EnhancedCommandTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    /** HEVC and Opus: both sequence starts, then three seconds of frames at 25 fps, audio between them. */
    private static List<FlvTag> hevcWithOpus() {
        List<FlvTag> tags = new ArrayList<>();
        tags.add(EnhancedFlv.videoSequenceStart(FourCc.HEVC, 0, new byte[] {1, 2, 3, 4}));
        tags.add(EnhancedFlv.opusSequenceStart(0, new byte[] {0, 2, 1, 0x38, 0, 0, (byte) 0xBB, (byte) 0x80, 0, 0, 0}));
        for (int i = 0; i < 75; i++) {
            tags.add(EnhancedFlv.videoCodedFrames(FourCc.HEVC, i * 40L, i % 25 == 0, i % 2 == 0 ? 0 : 40,
                    EnhancedFlv.lengthPrefixed(List.of(new byte[] {0x26, 1, (byte) i}))));
            tags.add(EnhancedFlv.audioCodedFrames(FourCc.OPUS, i * 40L + 20, new byte[] {(byte) 0xFC, (byte) i}));
        }
        tags.add(EnhancedFlv.videoSequenceEnd(FourCc.HEVC, 74 * 40L));
        return tags;
    }

    private Path file(String name, List<FlvTag> tags) throws Exception {
        Path f = dir.resolve(name);
        Files.write(f, FlvWriter.toBytes(tags));
        return f;
    }

    private static Map<?, ?> connectObject(RecordedConnection c) throws Exception {
        RtmpMessage connect = c.transcript().messages().stream().filter(m -> m.type() == RtmpSpec.COMMAND_AMF0)
                .findFirst().orElseThrow();
        return assertInstanceOf(Map.class, Amf0.decodeAll(connect.payload()).get(2));
    }

    @Test
    void publishAnnouncesTheCodecsOfTheFilesFirstTagsAndSendsEveryTagAsItIs() throws Exception {
        List<FlvTag> tags = hevcWithOpus();
        Path in = file("hevc.flv", tags);
        try (RtmpRecorderServer server = RtmpRecorderServer.start()) {
            Run r = PublishPlayCommandTest.run("publish", in.toString(), server.url("live", "hevc"), "--quiet");
            assertEquals(0, r.exit(), r.err());
            RecordedConnection c = server.awaitConnection("live", "hevc", TIMEOUT);
            assertEquals(List.of(FourCc.HEVC, FourCc.OPUS), connectObject(c).get("fourCcList"));
            assertEquals(tags, c.published().get("hevc"));
        }
    }

    @Test
    void publishEnhancedNamesTheCodecsAndRefusesAFileWhoseHeadIsNotEnhanced() throws Exception {
        Path in = file("named.flv", hevcWithOpus());
        try (RtmpRecorderServer server = RtmpRecorderServer.start()) {
            Run r = PublishPlayCommandTest.run("publish", in.toString(), server.url("live", "named"), "--quiet",
                    "--enhanced=hvc1,av01");
            assertEquals(0, r.exit(), r.err());
            assertEquals(List.of(FourCc.HEVC, FourCc.AV1),
                    connectObject(server.awaitConnection("live", "named", TIMEOUT)).get("fourCcList"));

            Path legacy = dir.resolve("legacy.flv");
            Files.write(legacy, TestFlv.file(TestFlv.tags(5L, 10, 100)));
            Run refused = PublishPlayCommandTest.run("publish", legacy.toString(), server.url("live", "legacy"),
                    "--enhanced");
            assertEquals(Main.EXIT_USAGE, refused.exit(), refused.err());
            assertTrue(refused.err().contains("are not enhanced; name the codecs"), refused.err());

            Run bad = PublishPlayCommandTest.run("publish", in.toString(), server.url("live", "bad"), "--enhanced=hevc1");
            assertEquals(Main.EXIT_USAGE, bad.exit(), bad.err());
            assertTrue(bad.err().contains("\"hevc1\" is not a FourCC"), bad.err());
        }
    }

    @Test
    void playOfAnEnhancedStreamWritesItsTagsAndNamesItsCodecs(@TempDir Path serverDir) throws Exception {
        List<FlvTag> tags = hevcWithOpus();
        Path in = file("relayed.flv", tags);
        Path out = dir.resolve("played.flv");
        try (NodeMediaServer server = NodeMediaServer.start(serverDir)) {
            String url = server.url("live", "cli-hevc");
            // node-media-server ends no stream: the player stops after a second of media
            CompletableFuture<Run> play = CompletableFuture.supplyAsync(() -> PublishPlayCommandTest.run("play", url,
                    out.toString(), "--live", "--stop", "1", "--enhanced", "--timeout", "20"));
            // the player must be playing before the publish starts to get the sequence starts
            long until = System.nanoTime() + TIMEOUT.toNanos();
            while (!server.output().contains("start play /live/cli-hevc") && System.nanoTime() < until) {
                Thread.sleep(50);
            }
            // through the API: the command runs above hold the process's stderr while they run
            try (NativeRtmp rtmp = new NativeRtmp()) {
                rtmp.setupUrl(url, RtmpOptions.builder().enhancedCodecs(FourCc.HEVC, FourCc.OPUS).build());
                rtmp.enableWrite();
                rtmp.connect();
                rtmp.connectStream(0);
                byte[] flv = Files.readAllBytes(in);
                rtmp.write(flv, 0, flv.length);
                rtmp.closeGracefully(Duration.ofSeconds(5));
            }
            Run played = play.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            assertEquals(0, played.exit(), played.err());
            assertTrue(played.err().contains("(enhanced: hvc1, Opus)"), played.err());
            List<FlvTag> back = FlvReader.readAll(out);
            assertTrue(back.size() > 2 && back.size() < tags.size(), back.size() + " tags");
            assertEquals(tags.subList(0, back.size()), back, "a prefix of what was published, tag for tag");
        }
    }
}
