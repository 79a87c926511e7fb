package org.nativertmp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nativertmp.flv.FlvFormat;
import org.nativertmp.flv.FlvReader;
import org.nativertmp.flv.FlvTag;
import org.nativertmp.flv.FlvTagFramer;
import org.nativertmp.support.FlvAssertions;
import org.nativertmp.support.Publishers;
import org.nativertmp.support.SharedNginx;
import org.nativertmp.support.TestFlv;

class StreamsNginxTest {
    private static final System.Logger LOG = System.getLogger(StreamsNginxTest.class.getName());

    @RegisterExtension
    static final SharedNginx nginx = new SharedNginx();

    @Test
    void anFlvWrittenInRandomSlicesIsRecordedTagForTagAndPlaysBackFromVod() throws Exception {
        long seed = Long.getLong("nativertmp.sliceSeed", System.nanoTime());
        LOG.log(System.Logger.Level.INFO, "slice seed " + seed + " (replay with -Dnativertmp.sliceSeed=" + seed + ")");
        List<FlvTag> input = TestFlv.tags(20261126L, 300, 5000);
        byte[] file = TestFlv.file(input);
        try (NativeRtmp rtmp = publisher("rec/sliced")) {
            writeInRandomSlices(rtmp.outputStream(), file, new Random(seed));
        }
        Path recorded = nginx.recordDir().resolve("sliced.flv");
        List<FlvTag> got = nginx.awaitRecording("sliced", input.size() - 1);
        FlvAssertions.assertSameMedia(input, got, "seed " + seed + "; nginx log:\n" + nginx.errorLog());

        Files.copy(recorded, nginx.vodDir().resolve("sliced.flv"));
        byte[] played;
        try (NativeRtmp player = new NativeRtmp()) {
            player.setupUrl(nginx.url("vod/sliced.flv"));
            player.connect();
            player.connectStream(0);
            played = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> player.inputStream().readAllBytes());
        }
        assertTrue(FlvFormat.startsWithSignature(played, 0, played.length), "played stream starts with the FLV header");
        FlvAssertions.assertSameMedia(input, FlvReader.readAll(played), "played back from vod");
    }

    @Test
    void aPlayerOfALiveStreamReceivesWhatIsPublished() throws Exception {
        List<FlvTag> input = TestFlv.tags(99L, 400, 2000);
        try (NativeRtmp player = new NativeRtmp()) {
            player.setupUrl(nginx.url("live/relay"),
                    RtmpOptions.builder().live(true).receiveTimeout(Duration.ofSeconds(10)).build());
            player.connect();
            player.connectStream(0);
            CompletableFuture<Integer> received = CompletableFuture.supplyAsync(() -> countMediaTags(player, 50));
            try (NativeRtmp publisher = publisher("live/relay")) {
                var out = publisher.outputStream();
                byte[] file = TestFlv.file(input);
                out.write(file);
                out.close();
                assertTrue(received.get(20, TimeUnit.SECONDS) >= 50, "player got media");
            }
        }
    }

    @Test
    void aLivePlayWhosePublisherLeavesEndsWithMinusOneWithPublishNotifyAndOtherwiseSaysWhy() throws Exception {
        // nginx's "notify" application has publish_notify on, its "live" application not
        assertEquals(-1, playWhilePublishing("notify/leaving").get(30, TimeUnit.SECONDS));
        CompletableFuture<Integer> quiet = playWhilePublishing("live/leaving");
        ExecutionException e = assertThrows(ExecutionException.class, () -> quiet.get(30, TimeUnit.SECONDS));
        assertTrue(e.getCause() instanceof java.io.UncheckedIOException, String.valueOf(e.getCause()));
        String message = e.getCause().getCause().getMessage();
        assertTrue(message.contains("receive timeout") && message.contains("media had been flowing and stopped")
                && message.contains("'publish_notify on;'"), message);
    }

    /** Plays {@code appAndStream} while 100 tags are published to it; the future ends with the last read's result. */
    private static CompletableFuture<Integer> playWhilePublishing(String appAndStream) throws Exception {
        NativeRtmp player = new NativeRtmp();
        player.setupUrl(nginx.url(appAndStream),
                RtmpOptions.builder().live(true).receiveTimeout(Duration.ofSeconds(2)).build());
        player.connect();
        player.connectStream(0);
        CompletableFuture<Integer> played = CompletableFuture.supplyAsync(() -> {
            try (player) {
                byte[] buf = new byte[16 * 1024];
                int n;
                do {
                    n = player.read(buf, 0, buf.length);
                } while (n >= 0);
                return n;
            } catch (IOException ex) {
                throw new java.io.UncheckedIOException(ex);
            }
        });
        try (NativeRtmp publisher = publisher(appAndStream)) {
            try (var out = publisher.outputStream()) {
                out.write(TestFlv.file(TestFlv.tags(17L, 100, 2000)));
            }
            publisher.closeGracefully(Duration.ofSeconds(5)); // nginx relays all of it, then the publisher is gone
        }
        return played;
    }

    @Test
    void aSecondPublisherOnABusyNameFailsWithinTwoSecondsWithTheStatusCode() throws Exception {
        try (NativeRtmp first = publisher("live/busy"); NativeRtmp second = new NativeRtmp()) {
            second.setupUrl(nginx.url("live/busy"));
            second.enableWrite();
            second.connect();
            long start = System.nanoTime();
            RtmpStatusException e = assertThrows(RtmpStatusException.class, () -> second.connectStream(0));
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(millis < 2000, "took " + millis + " ms");
            assertEquals("NetStream.Publish.BadName", e.statusCode());
            assertTrue(e.getMessage().contains("NetStream.Publish.BadName"), e.getMessage());
            assertTrue(e.getMessage().contains(e.description()), e.getMessage());
            assertTrue(first.isConnected());
        }
    }

    @Test
    void aLargerOutgoingChunkSizeIsUsedAndTheRecordingStaysIntact() throws Exception {
        List<FlvTag> input = TestFlv.tags(4096L, 120, 20_000);
        try (NativeRtmp rtmp = new NativeRtmp()) {
            assertEquals(128, rtmp.outChunkSize(), "librtmp's default");
            rtmp.setupUrl(nginx.url("rec/chunked"));
            rtmp.enableWrite();
            rtmp.connect();
            rtmp.setOutChunkSize(4096);
            assertEquals(4096, rtmp.outChunkSize());
            rtmp.connectStream(0);
            try (var out = rtmp.outputStream()) {
                out.write(TestFlv.file(input));
            }
        }
        List<FlvTag> got = nginx.awaitRecording("chunked", input.size() - 1);
        FlvAssertions.assertSameMedia(input, got, "nginx log:\n" + nginx.errorLog());
    }

    @Test
    void malformedInputNeverReachesTheServerAndTheConnectionStaysUsable() throws Exception {
        List<FlvTag> input = TestFlv.tags(5L, 10, 500);
        byte[] file = TestFlv.file(input);
        try (NativeRtmp rtmp = publisher("rec/malformed")) {
            var out = rtmp.outputStream();
            out.write(file);
            out.write(new byte[] {FlvFormat.TAG_VIDEO, 0, 0, 50}); // a tag that never ends
            IOException e = assertThrows(IOException.class, out::close);
            assertTrue(e.getMessage().contains("at byte " + file.length), e.getMessage());
            assertTrue(rtmp.isConnected());
            byte[] more = new FlvTag(FlvFormat.TAG_AUDIO, 1000, new byte[] {0x2F, 1}).encode();
            rtmp.write(more, 0, more.length);
        }
        List<FlvTag> got = nginx.awaitRecording("malformed", input.size());
        assertEquals(input.size(), FlvAssertions.media(got).size(), "10 media tags, then the strict write's one");
    }

    private static NativeRtmp publisher(String appAndStream) throws RtmpException {
        return Publishers.publisher(nginx.url(appAndStream));
    }

    static void writeInRandomSlices(RtmpOutputStream out, byte[] data, Random random) throws IOException {
        int p = 0;
        while (p < data.length) {
            int kind = random.nextInt(4);
            int max = kind == 0 ? 1 : kind == 1 ? 1000 : kind == 2 ? 64 * 1024 : 37;
            int n = Math.min(data.length - p, 1 + random.nextInt(max));
            out.write(data, p, n);
            p += n;
        }
        out.close();
        assertEquals(data.length, out.bytesWritten());
    }

    /** Reads the played stream until {@code wanted} media tags came, or the stream ended. */
    private static int countMediaTags(NativeRtmp player, int wanted) {
        int[] media = {0};
        FlvTagFramer framer = new FlvTagFramer((b, off, len, type, timestamp, offset) -> {
            if (type != FlvFormat.TAG_SCRIPT) {
                media[0]++;
            }
        });
        byte[] buf = new byte[16 * 1024];
        try {
            var in = player.inputStream();
            for (int n = in.read(buf); n >= 0 && media[0] < wanted; n = in.read(buf)) {
                framer.feed(buf, 0, n);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return media[0];
    }
}
