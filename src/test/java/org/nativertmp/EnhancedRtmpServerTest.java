package org.nativertmp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nativertmp.flv.EnhancedHeader;
import org.nativertmp.flv.FlvReader;
import org.nativertmp.flv.FlvTag;
import org.nativertmp.flv.FlvWriter;
import org.nativertmp.flv.FourCc;
import org.nativertmp.support.EnhancedMedia;
import org.nativertmp.support.NodeMediaServer;

/**
 * Enhanced RTMP against a real E-RTMP server, node-media-server: HEVC (with Opus), AV1 and VP9
 * made by ffmpeg, turned into enhanced FLV by the library, published through NativeRtmp with
 * their FourCCs in the connect, and played back through NativeRtmp (a player that was playing
 * before the publish started). Every tag comes back as it was sent, and ffmpeg decodes the
 * played-back bitstream to the very frames it decodes from the original MP4.
 */
class EnhancedRtmpServerTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    static Path serverDir;
    private static NodeMediaServer server;

    @TempDir
    Path dir;

    @BeforeAll
    static void startServer() throws Exception {
        server = NodeMediaServer.start(serverDir);
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    /** Plays {@code stream} from before the publish of {@code tags}, and returns as many tags as were published. */
    private static List<FlvTag> publishAndPlayBack(String stream, List<FlvTag> tags, RtmpOptions publishing)
            throws Exception {
        CountDownLatch playing = new CountDownLatch(1);
        CompletableFuture<List<FlvTag>> played = CompletableFuture.supplyAsync(() -> {
            try (NativeRtmp rtmp = new NativeRtmp()) {
                rtmp.setupUrl(server.url("live", stream), RtmpOptions.builder().live(true)
                        .receiveTimeout(Duration.ofSeconds(5)).enhancedCodecs("*").build());
                rtmp.connect();
                rtmp.connectStream(0);
                playing.countDown();
                List<FlvTag> got = new ArrayList<>();
                // node-media-server sends no end when the publisher leaves: read what was
                // published, or until nothing more comes (then the comparison names what is missing)
                try (FlvReader r = new FlvReader(rtmp.inputStream())) {
                    while (got.size() < tags.size()) {
                        got.add(r.next());
                    }
                } catch (RtmpException e) {
                    if (got.isEmpty() || !e.getMessage().contains("receive timeout")) {
                        throw e;
                    }
                }
                return got;
            } catch (Exception e) {
                throw new IllegalStateException("playing " + stream + ": " + e.getMessage(), e);
            }
        });
        assertTrue(playing.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS), "the player did not start");
        try (NativeRtmp rtmp = new NativeRtmp()) {
            rtmp.setupUrl(server.url("live", stream), publishing);
            rtmp.enableWrite();
            rtmp.connect();
            rtmp.connectStream(0);
            try (OutputStream out = rtmp.outputStream()) {
                out.write(FlvWriter.toBytes(tags));
            }
            rtmp.closeGracefully(Duration.ofSeconds(5));
        }
        return played.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    private void publishedPlayedBackAndDecoded(String fourCc, boolean opus, String... announced) throws Exception {
        Path mp4 = EnhancedMedia.makeMp4(dir, fourCc, opus);
        List<FlvTag> tags = EnhancedMedia.enhancedTags(mp4);
        List<FlvTag> played = publishAndPlayBack(fourCc + (opus ? "-opus" : ""), tags,
                RtmpOptions.builder().enhancedCodecs(announced).build());

        for (int i = 0; i < tags.size(); i++) {
            assertTrue(i < played.size(), "tag #" + i + " (" + tags.get(i) + ") did not come back");
            assertEquals(tags.get(i), played.get(i), "tag #" + i);
        }
        assertEquals(tags.size(), played.size());
        if (opus) {
            assertTrue(count(played, FourCc.OPUS) > 90, "Opus frames of 20 ms");
        }
        if (fourCc.equals(FourCc.HEVC)) {
            assertTrue(played.stream().anyMatch(EnhancedRtmpServerTest::hasCompositionTime), "B-frames: CodedFrames with an offset");
        }
        FlvTag end = played.get(played.size() - 1);
        assertEquals(EnhancedHeader.SEQUENCE_END, end.enhancedHeader().packetType(), "the 5-byte sequence end came back");
        assertEquals(5, end.payloadSize());
        List<String> original = EnhancedMedia.frameMd5s(mp4, null);
        EnhancedMedia.RawVideo raw = EnhancedMedia.rawVideo(played, dir);
        assertEquals(50, original.size(), "2 s at 25 fps");
        assertEquals(original, EnhancedMedia.frameMd5s(raw.file(), raw.format()), "the decoded frames");
    }

    private static long count(List<FlvTag> tags, String fourCc) throws Exception {
        long n = 0;
        for (FlvTag t : tags) {
            n += t.isEnhanced() && fourCc.equals(t.enhancedHeader().fourCc()) ? 1 : 0;
        }
        return n;
    }

    private static boolean hasCompositionTime(FlvTag t) {
        try {
            return t.isEnhanced() && t.enhancedHeader().compositionTime() != 0;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void hevcWithOpusComesBackTagForTagAndDecodesToTheSameFrames() throws Exception {
        publishedPlayedBackAndDecoded(FourCc.HEVC, true, FourCc.HEVC, FourCc.OPUS);
    }

    @Test
    void av1ComesBackTagForTagAndDecodesToTheSameFrames() throws Exception {
        publishedPlayedBackAndDecoded(FourCc.AV1, false, FourCc.AV1);
    }

    @Test
    void vp9ComesBackTagForTagAndDecodesToTheSameFrames() throws Exception {
        publishedPlayedBackAndDecoded(FourCc.VP9, false, FourCc.VP9);
    }
}
