package org.nativertmp.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nativertmp.flv.FlvReader;
import org.nativertmp.flv.FlvTag;

/** The recorder against RTMP clients nobody here wrote: ffmpeg publishing, rtmpdump playing. */
class RecorderWithThirdPartyClientsTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void ffmpegPublishingIsRecordedAsTheSameTagsFfmpegWritesToAFile() throws Exception {
        Path ffmpeg = ExternalTools.require("ffmpeg", "apt-get install ffmpeg");
        Path input = TestMedia.generateFlv(dir);
        // ffmpeg's FLV muxer on an unseekable output writes what it also sends over RTMP
        // (no duration/filesize patched in at the end).
        Path expectedFile = dir.resolve("expected.flv");
        Process p = new ProcessBuilder(ffmpeg.toString(), "-nostdin", "-i", input.toString(), "-c", "copy",
                "-f", "flv", "pipe:1").redirectOutput(expectedFile.toFile())
                .redirectError(dir.resolve("ffmpeg-pipe.log").toFile()).start();
        assertEquals(0, p.waitFor(), () -> ExternalTools.readQuietly(dir.resolve("ffmpeg-pipe.log")));
        List<FlvTag> expected = FlvReader.readAll(expectedFile);

        try (RtmpRecorderServer server = RtmpRecorderServer.start()) {
            ExternalTools.runOk(dir.resolve("ffmpeg-publish.log"), ffmpeg.toString(), "-nostdin", "-re",
                    "-i", input.toString(), "-c", "copy", "-f", "flv", server.url("live", "x"));
            RecordedConnection c = server.awaitConnection(TIMEOUT);
            List<FlvTag> recorded = c.published().get("x");
            assertEquals(expected.size(), recorded.size(), "tag count");
            for (int i = 0; i < expected.size(); i++) {
                assertEquals(expected.get(i), recorded.get(i), "tag #" + i);
            }
            List<String> commands = c.transcript().commandNames();
            assertTrue(commands.containsAll(List.of("connect", "createStream", "publish", "deleteStream")),
                    () -> "commands: " + commands + "\n" + c.transcript().toText());
            assertEquals(List.of(recorded), server.published("x").stream().toList());
        }
    }

    @Test
    void rtmpdumpDownloadsExactlyTheTagsTheRecorderWasGivenToPlay() throws Exception {
        Path rtmpdump = ExternalTools.require("rtmpdump", "apt-get install rtmpdump");
        List<FlvTag> playable = FlvReader.readAll(TestMedia.generateFlv(dir));
        Path out = dir.resolve("downloaded.flv");
        try (RtmpRecorderServer server = RtmpRecorderServer.start()) {
            server.addPlayable("x", playable);
            int rc = ExternalTools.run(dir.resolve("rtmpdump.log"),
                    ExternalTools.command(rtmpdump, "-r", server.url("vod", "x"), "-o", out));
            // 2 means "download may be incomplete": rtmpdump's guess when the last timestamp is
            // short of the metadata's duration (the last frame starts before the end).
            assertTrue(rc == 0 || rc == 2, () -> "rtmpdump exited " + rc + ":\n" + ExternalTools.readQuietly(dir.resolve("rtmpdump.log")));
            WireTranscript t = server.awaitTranscript(TIMEOUT);
            assertEquals(List.of("connect", "createStream", "play", "deleteStream"), t.commandNames(), t::toText);
        }
        assertEquals(playable, FlvReader.readAll(out));
    }
}
