package org.nativertmp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nativertmp.amf0.Amf0;
import org.nativertmp.amf0.EcmaArray;
import org.nativertmp.flv.FlvFormat;
import org.nativertmp.flv.FlvTag;
import org.nativertmp.flv.FlvTagFramer;
import org.nativertmp.support.SharedNginx;
import org.nativertmp.testkit.RtmpMessage;
import org.nativertmp.testkit.RtmpRecorderServer;
import org.nativertmp.testkit.RtmpSpec;
import org.nativertmp.testkit.SampleFlv;

/**
 * Data messages from Java values: framed exactly as librtmp frames a script tag written through
 * write() (the recorder compares the two), and received by a live player through nginx-rtmp as
 * they were sent.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MetadataPublishTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @RegisterExtension
    static final SharedNginx nginx = new SharedNginx();

    private static EcmaArray metadata() {
        EcmaArray m = new EcmaArray();
        m.put("width", 1280.0);
        m.put("height", 720.0);
        m.put("encoder", "native-rtmp test");
        m.put("stereo", true);
        return m;
    }

    @Test
    void sendMetadataPutsOnTheWireWhatLibrtmpMakesOfTheSameScriptTag() throws Exception {
        List<FlvTag> media = SampleFlv.tags(43, 20, 500).subList(1, 21);
        try (RtmpRecorderServer server = RtmpRecorderServer.start()) {
            try (NativeRtmp rtmp = publisher(server.url("live", "api"))) {
                rtmp.sendMetadata(metadata());
                write(rtmp, media);
                rtmp.sendDataMessage("onCuePoint", "mid", 2.0);
            }
            List<RtmpMessage> api = dataMessages(server.awaitConnection(WAIT).transcript().messages());
            try (NativeRtmp rtmp = publisher(server.url("live", "tags"))) {
                long last = media.get(media.size() - 1).timestamp();
                byte[] meta = new FlvTag(FlvFormat.TAG_SCRIPT, 0, Amf0.encode("onMetaData", metadata())).encode();
                rtmp.write(meta, 0, meta.length);
                write(rtmp, media);
                byte[] cue = new FlvTag(FlvFormat.TAG_SCRIPT, last, Amf0.encode("onCuePoint", "mid", 2.0)).encode();
                rtmp.write(cue, 0, cue.length);
            }
            List<RtmpMessage> tags = dataMessages(server.awaitConnection(WAIT).transcript().messages());
            assertEquals(2, api.size());
            for (int i = 0; i < 2; i++) {
                assertArrayEquals(tags.get(i).payload(), api.get(i).payload());
                assertEquals(tags.get(i).timestamp(), api.get(i).timestamp());
                assertEquals(tags.get(i).headerType(), api.get(i).headerType());
                assertEquals(tags.get(i).chunkStreamId(), api.get(i).chunkStreamId());
            }
            assertEquals(Arrays.asList("@setDataFrame", "onMetaData", metadata()), Amf0.decodeAll(api.get(0).payload()));
            assertEquals(media.get(media.size() - 1).timestamp(), api.get(1).timestamp(), "at the last media's time");
        }
    }

    @Test
    void aDataMessageBetweenTheWritesOfAnOutputStreamGoesBeforeTheTagHeldPartlyWritten() throws Exception {
        List<FlvTag> media = SampleFlv.tags(44, 10, 400).subList(1, 11);
        byte[] flv = SampleFlv.file(media);
        int sixthTag = 13;
        for (FlvTag tag : media.subList(0, 5)) {
            sixthTag += tag.encodedSize();
        }
        int split = sixthTag + 5; // inside the sixth tag's header
        try (RtmpRecorderServer server = RtmpRecorderServer.start()) {
            try (NativeRtmp rtmp = publisher(server.url("live", "stream"));
                 OutputStream out = rtmp.outputStream()) {
                out.write(flv, 0, split);
                rtmp.sendDataMessage("onCuePoint", "between");
                out.write(flv, split, flv.length - split);
            }
            List<RtmpMessage> sent = server.awaitConnection(WAIT).transcript().messages().stream()
                    .filter(m -> m.type() == RtmpSpec.DATA_AMF0 || m.type() == RtmpSpec.AUDIO || m.type() == RtmpSpec.VIDEO)
                    .toList();
            assertEquals(11, sent.size());
            RtmpMessage cue = sent.get(5);
            assertEquals(RtmpSpec.DATA_AMF0, cue.type(), "after the five whole tags, before the sixth");
            assertEquals(List.of("@setDataFrame", "onCuePoint", "between"), Amf0.decodeAll(cue.payload()));
            assertEquals(media.get(4).timestamp(), cue.timestamp(), "at the last media's time");
            for (int i = 0; i < 10; i++) {
                assertArrayEquals(media.get(i).payload(), sent.get(i < 5 ? i : i + 1).payload(), "media tag " + i);
            }
        }
    }

    @Test
    void asyncSendMetadataSendsTheSameMessage() throws Exception {
        try (RtmpRecorderServer server = RtmpRecorderServer.start()) {
            try (NativeRtmp rtmp = publisher(server.url("live", "async"))) {
                rtmp.async().sendMetadata(metadata())
                        .thenCompose(ok -> rtmp.async().sendDataMessage("onTextData", "hello"))
                        .toCompletableFuture().get(20, TimeUnit.SECONDS);
            }
            List<RtmpMessage> data = dataMessages(server.awaitConnection(WAIT).transcript().messages());
            assertEquals(Arrays.asList("@setDataFrame", "onMetaData", metadata()), Amf0.decodeAll(data.get(0).payload()));
            assertEquals(List.of("@setDataFrame", "onTextData", "hello"), Amf0.decodeAll(data.get(1).payload()));
        }
    }

    @Test
    void aLivePlayerReceivesTheMetadataAsSentWhereNginxCopiesIt() throws Exception {
        String url = nginx.url("events/meta1"); // meta copy; publish_notify on ends the play
        List<DataMessage> data = new CopyOnWriteArrayList<>();
        LivePlayer player = new LivePlayer(url, data);
        try (NativeRtmp publisher = publisher(url)) {
            publisher.sendMetadata(metadata());
            try (OutputStream out = publisher.outputStream()) {
                out.write(SampleFlv.file(SampleFlv.tags(47, 50, 800).subList(1, 51)));
            }
            publisher.closeGracefully(Duration.ofSeconds(2));
        }
        player.reading.get(30, TimeUnit.SECONDS);
        assertEquals(List.of(List.of("onMetaData", metadata())), player.scriptTags, "the played FLV's script tags");
        long end = System.nanoTime() + WAIT.toNanos();
        while (data.stream().noneMatch(d -> d.handler().equals("onMetaData")) && System.nanoTime() < end) {
            Thread.sleep(10);
        }
        DataMessage received = data.stream().filter(d -> d.handler().equals("onMetaData")).findFirst()
                .orElseThrow(() -> new AssertionError("no onMetaData in " + data));
        assertEquals(List.of(metadata()), received.values());
    }

    @Test
    void nginxWithItsDefaultMetaOnSendsPlayersItsOwnMetadataKeepingTheSizeOnly() throws Exception {
        String url = nginx.url("live/meta2"); // meta on: nginx parses onMetaData and builds its own
        LivePlayer player = new LivePlayer(url, new CopyOnWriteArrayList<>());
        try (NativeRtmp publisher = publisher(url)) {
            publisher.sendMetadata(metadata());
            try (OutputStream out = publisher.outputStream()) {
                out.write(SampleFlv.file(SampleFlv.tags(48, 50, 800).subList(1, 51)));
            }
            long end = System.nanoTime() + WAIT.toNanos();
            while (player.scriptTags.isEmpty() && System.nanoTime() < end) {
                Thread.sleep(10);
            }
        } finally {
            player.rtmp.close();
        }
        player.reading.handle((ok, closedWhileReading) -> null).get(30, TimeUnit.SECONDS);
        List<Object> played = player.scriptTags.get(0);
        assertEquals(2, played.size(), "onMetaData and one map: " + played);
        assertEquals("onMetaData", played.get(0));
        Map<?, ?> map = (Map<?, ?>) played.get(1);
        // ngx_rtmp_codec_prepare_meta: the fields nginx parsed, zero where the publisher sent none
        assertEquals(List.of("Server", "width", "height", "displayWidth", "displayHeight", "duration", "framerate",
                "fps", "videodatarate", "videocodecid", "audiodatarate", "audiocodecid", "profile", "level"),
                List.copyOf(map.keySet()), "encoder and stereo dropped");
        assertTrue(((String) map.get("Server")).startsWith("NGINX RTMP"), map.toString());
        assertEquals(1280.0, map.get("width"));
        assertEquals(720.0, map.get("height"));
        assertEquals(1280.0, map.get("displayWidth"));
        assertEquals(720.0, map.get("displayHeight"));
        assertEquals(0.0, map.get("framerate"));
    }

    @Test
    void badDataMessagesAreRefusedClearly() throws Exception {
        try (RtmpRecorderServer server = RtmpRecorderServer.start()) {
            try (NativeRtmp player = new NativeRtmp()) {
                player.setupUrl(server.url("live", "p"));
                IllegalStateException notConnected = assertThrows(IllegalStateException.class,
                        () -> player.sendMetadata(metadata()));
                assertTrue(notConnected.getMessage().contains("before connectStream()"), notConnected.getMessage());
            }
            try (NativeRtmp connectedOnly = new NativeRtmp()) {
                connectedOnly.setupUrl(server.url("live", "c"));
                connectedOnly.enableWrite();
                connectedOnly.connect();
                assertThrows(IllegalStateException.class, () -> connectedOnly.sendDataMessage("onTextData", "x"));
            }
            NativeRtmp closed = publisher(server.url("live", "closed"));
            closed.close();
            assertThrows(IllegalStateException.class, () -> closed.sendMetadata(metadata()));
            try (NativeRtmp rtmp = publisher(server.url("live", "bad"))) {
                assertThrows(IllegalArgumentException.class, () -> rtmp.sendMetadata(null));
                assertThrows(IllegalArgumentException.class, () -> rtmp.sendDataMessage(null, "x"));
                assertThrows(IllegalArgumentException.class, () -> rtmp.sendDataMessage("@setDataFrame", "onMetaData"));
                IllegalArgumentException noAmf0 = assertThrows(IllegalArgumentException.class,
                        () -> rtmp.sendDataMessage("onX", new Object()));
                assertTrue(noAmf0.getMessage().contains("no AMF0 form"), noAmf0.getMessage());
                assertThrows(IllegalArgumentException.class,
                        () -> rtmp.sendMetadata(Map.of("thread", Thread.currentThread())));
                IllegalArgumentException longName = assertThrows(IllegalArgumentException.class,
                        () -> rtmp.sendDataMessage("on" + "X".repeat(65_534)));
                assertTrue(longName.getMessage().contains("65535"), longName.getMessage());
                rtmp.sendDataMessage("on" + "X".repeat(65_533)); // the longest AMF0 string
                IllegalArgumentException huge = assertThrows(IllegalArgumentException.class,
                        () -> rtmp.sendDataMessage("onHuge", new String(new char[FlvFormat.MAX_DATA_SIZE])));
                assertTrue(huge.getMessage().contains("@setDataFrame"), huge.getMessage());
                rtmp.sendDataMessage("onTextData", "still usable");
            }
            List<RtmpMessage> data = dataMessages(server.awaitConnection("live", "bad", WAIT).transcript().messages());
            assertEquals(2, data.size(), "only the two good ones");
            assertEquals(List.of("@setDataFrame", "onTextData", "still usable"), Amf0.decodeAll(data.get(1).payload()));
        }
        try (NativeRtmp player = new NativeRtmp()) {
            player.setupUrl(nginx.url("live/meta3"));
            player.connect();
            player.connectStream(0);
            IllegalStateException play = assertThrows(IllegalStateException.class, () -> player.sendMetadata(metadata()));
            assertTrue(play.getMessage().contains("play connection"), play.getMessage());
        }
    }

    /** A live player whose read loop keeps the played FLV's script tags, decoded. */
    private static final class LivePlayer {
        final NativeRtmp rtmp = new NativeRtmp();
        final List<List<Object>> scriptTags = new CopyOnWriteArrayList<>();
        final CompletableFuture<Void> reading;

        LivePlayer(String url, List<DataMessage> data) throws RtmpException {
            rtmp.setupUrl(url);
            rtmp.setEventListener(new RtmpEventListener() {
                @Override
                public void onData(DataMessage message) {
                    data.add(message);
                }
            });
            rtmp.connect();
            rtmp.connectStream(0);
            FlvTagFramer framer = new FlvTagFramer((b, off, len, type, timestamp, offset) -> {
                if (type == FlvFormat.TAG_SCRIPT) {
                    scriptTags.add(Amf0.decodeAll(b, off + 11, len - 15));
                }
            });
            reading = CompletableFuture.runAsync(() -> {
                byte[] buf = new byte[64 * 1024];
                try (rtmp) {
                    for (int n; (n = rtmp.read(buf, 0, buf.length)) >= 0; ) {
                        framer.feed(buf, 0, n);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    private static NativeRtmp publisher(String url) throws RtmpException {
        NativeRtmp rtmp = new NativeRtmp();
        rtmp.setupUrl(url);
        rtmp.enableWrite();
        rtmp.connect();
        rtmp.connectStream(0);
        return rtmp;
    }

    private static void write(NativeRtmp rtmp, List<FlvTag> tags) throws RtmpException {
        for (FlvTag tag : tags) {
            byte[] b = tag.encode();
            rtmp.write(b, 0, b.length);
        }
    }

    private static List<RtmpMessage> dataMessages(List<RtmpMessage> messages) {
        return messages.stream().filter(m -> m.type() == RtmpSpec.DATA_AMF0).toList();
    }
}
