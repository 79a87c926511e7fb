package org.nativertmp.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nativertmp.flv.FlvReader;
import org.nativertmp.flv.FlvTag;

/**
 * NativeRtmp puts the same bytes on the wire as a C program calling the same librtmp
 * (nrtmp-ref): every byte the client sends, from C0 to the last deleteStream, apart from C1's
 * time and random bytes and C2 (the echo of the server's random S1).
 */
class ByteExactnessTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    static final List<String> PUBLISH_COMMANDS =
            List.of("connect", "releaseStream", "FCPublish", "createStream", "publish", "FCUnpublish", "deleteStream");
    static final List<String> PLAY_COMMANDS = List.of("connect", "createStream", "play", "deleteStream");

    @TempDir
    Path dir;

    static void assertSameWire(WireTranscript expected, WireTranscript actual) {
        expected.diff(actual).ifPresent(d -> {
            throw new AssertionError("the transcripts differ: " + d + "\n\nexpected:\n" + expected.toText()
                    + "\nactual:\n" + actual.toText());
        });
    }

    @Test
    void publishingThroughNativeRtmpSendsExactlyWhatTheCClientSends() throws Exception {
        Path ref = ExternalTools.nrtmpRef();
        Path flv = TestMedia.generateFlv(dir);
        try (RtmpRecorderServer server = RtmpRecorderServer.start()) {
            LibrtmpClients.publishWithNativeRtmp(flv, server.url("live", "java"));
            RecordedConnection java = server.awaitConnection(TIMEOUT);
            ExternalTools.runOk(dir.resolve("nrtmp-ref.log"), ExternalTools.command(ref, "publish", flv, server.url("live", "java")));
            RecordedConnection c = server.awaitConnection(TIMEOUT);

            assertEquals(PUBLISH_COMMANDS, c.transcript().commandNames(), c.transcript()::toText);
            assertSameWire(c.transcript(), java.transcript());
            List<FlvTag> tags = FlvReader.readAll(flv);
            assertEquals(tags, java.published().get("java"), "NativeRtmp's recording holds the file's tags");
            assertEquals(tags, c.published().get("java"), "nrtmp-ref's recording holds the file's tags");
        }
    }

    @Test
    void playingThroughNativeRtmpSendsExactlyWhatTheCClientSendsAndReadsTheSameFlv() throws Exception {
        Path ref = ExternalTools.nrtmpRef();
        List<FlvTag> playable = FlvReader.readAll(TestMedia.generateFlv(dir));
        Path cOut = dir.resolve("c.flv");
        try (RtmpRecorderServer server = RtmpRecorderServer.start()) {
            server.addPlayable("x", playable);
            byte[] javaOut = LibrtmpClients.playWithNativeRtmp(server.url("vod", "x"));
            WireTranscript java = server.awaitTranscript(TIMEOUT);
            ExternalTools.runOk(dir.resolve("nrtmp-ref.log"), ExternalTools.command(ref, "play", server.url("vod", "x"), cOut));
            WireTranscript c = server.awaitTranscript(TIMEOUT);

            assertEquals(PLAY_COMMANDS, c.commandNames(), c::toText);
            assertSameWire(c, java);
            assertArrayEquals(Files.readAllBytes(cOut), javaOut, "both read the same FLV bytes");
            assertEquals(playable, FlvReader.readAll(javaOut));
            assertTrue(java.end().startsWith("client closed"), java.end());
        }
    }
}
