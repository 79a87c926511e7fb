package org.nativertmp.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nativertmp.flv.FlvReader;
import org.nativertmp.flv.FlvTag;
import org.nativertmp.testkit.WireComparison.Difference;
import org.nativertmp.testkit.WireComparison.Kind;

/**
 * The proof of the comparison kit: librtmp (through NativeRtmp) against independent clients,
 * Red5's pure-Java client and ffmpeg, publishing the same FLV. The semantic report must name what
 * really differs and call the media identical.
 */
class SecondClientComparisonTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void red5AgainstLibrtmpNamesTheRealDifferencesAndCallsTheMediaIdentical() throws Exception {
        Path flv = TestMedia.generateFlv(dir);
        List<FlvTag> tags = FlvReader.readAll(flv);
        try (RtmpRecorderServer server = RtmpRecorderServer.start()) {
            LibrtmpClients.publishWithNativeRtmp(flv, server.url("live", "x"));
            WireTranscript librtmp = server.awaitConnection("live", "x", TIMEOUT).transcript().named("librtmp");
            Red5Client.publish(server.port(), "live", "x", tags);
            RecordedConnection red5 = server.awaitConnection("live", "x", TIMEOUT);
            assertEquals(tags, red5.published().get("x"), "the recorder kept Red5's tags");
            assertEquals(List.of("x"), List.copyOf(red5.published().keySet()), "no stream named by the unpublish");

            WireComparison c = WireTranscript.compare(librtmp, red5.transcript().named("red5"), CompareOptions.semantic());
            String report = c.toString();
            keep("red5", librtmp, red5.transcript(), c);
            List<String> d = c.differences().stream().map(Difference::description).toList();

            assertTrue(any(d, Kind.PROPERTY, "connect", c), report);
            assertTrue(d.contains("only in expected: #1 command releaseStream(2) null, \"x\""), report);
            assertTrue(d.contains("only in expected: #2 command FCPublish(3) null, \"x\""), report);
            assertTrue(d.stream().anyMatch(s -> s.startsWith("only in actual:") && s.contains("publish(")
                    && s.endsWith("null, false")), report);
            assertTrue(c.notes().stream().anyMatch(n -> n.startsWith("@setDataFrame removed before comparing: from 1 expected and 0 actual")), report);
            assertTrue(c.summary("data").orElseThrow().allIdentical(), report);
            assertTrue(c.mediaIdentical(), report);
            assertFalse(c.summary("set-chunk-size").orElseThrow().compared(), report);
            assertEquals(HandshakeKind.PLAIN, librtmp.handshake().kind());
            assertTrue(report.contains("chunking not compared: chunk size 128 throughout expected"), report);
        }
    }

    @Test
    void ffmpegAgainstLibrtmpDiffersInConnectAndChunkingOnlyAndSendsTheSameMedia() throws Exception {
        Path ffmpeg = ExternalTools.require("ffmpeg", "apt-get install ffmpeg");
        Path flv = TestMedia.generateFlv(dir);
        try (RtmpRecorderServer server = RtmpRecorderServer.start()) {
            LibrtmpClients.publishWithNativeRtmp(flv, server.url("live", "x"));
            WireTranscript librtmp = server.awaitConnection("live", "x", TIMEOUT).transcript().named("librtmp");
            ExternalTools.runOk(dir.resolve("ffmpeg.log"), ffmpeg.toString(), "-nostdin", "-i", flv.toString(),
                    "-c", "copy", "-f", "flv", server.url("live", "x"));
            WireTranscript ff = server.awaitConnection("live", "x", TIMEOUT).transcript().named("ffmpeg");

            WireComparison c = WireTranscript.compare(librtmp, ff, CompareOptions.semantic());
            String report = c.toString();
            keep("ffmpeg", librtmp, ff, c);
            assertEquals(HandshakeKind.DIGEST_SCHEME_0, ff.handshake().kind(), report);
            assertTrue(any(c.differences().stream().map(Difference::description).toList(), Kind.PROPERTY, "connect", c), report);
            assertTrue(c.mediaIdentical(), report);
            assertFalse(WireTranscript.compare(librtmp, ff, CompareOptions.exact()).isIdentical());
        }
    }

    /**
     * Leaves the transcripts and the reports in target/comparison-reports for people to look at
     * (and for 'diff' to be run on): NAME-librtmp.rtmp, NAME.rtmp, NAME-semantic.txt and .html.
     */
    private static void keep(String name, WireTranscript librtmp, WireTranscript other, WireComparison c)
            throws IOException {
        Path dir = Files.createDirectories(Path.of("target", "comparison-reports"));
        Files.write(dir.resolve(name + "-librtmp.rtmp"), librtmp.raw());
        Files.write(dir.resolve(name + "-librtmp.server.rtmp"), librtmp.serverRaw());
        Files.write(dir.resolve(name + ".rtmp"), other.raw());
        Files.write(dir.resolve(name + ".server.rtmp"), other.serverRaw());
        Files.writeString(dir.resolve(name + "-semantic.txt"), c.toString(), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve(name + "-semantic.html"), c.toHtml(), StandardCharsets.UTF_8);
    }

    private static boolean any(List<String> descriptions, Kind kind, String command, WireComparison c) {
        return c.differences().stream().anyMatch(x -> x.kind() == kind && x.description().contains("command " + command));
    }
}
