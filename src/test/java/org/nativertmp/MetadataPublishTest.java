package org.nativertmp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.OutputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
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
    void aLivePlayerReceivesTheMetadataAsSent() throws Exception {
        String url = nginx.url("events/meta1");
        List<DataMessage> data = new CopyOnWriteArrayList<>();
        NativeRtmp player = new NativeRtmp();
        player.setupUrl(url);
        player.setEventListener(new RtmpEventListener() {
            @Override
            public void onData(DataMessage message) {
                data.add(message);
            }
        });
        player.connect();
        player.connectStream(0);
        CompletableFuture<Void> reading = CompletableFuture.runAsync(() -> {
            byte[] buf = new byte[64 * 1024];
            try (player) {
                while (player.read(buf, 0, buf.length) >= 0) {
                    // to UnpublishNotify
                }
            } catch (RtmpException e) {
                throw new IllegalStateException(e);
            }
        });
        try (NativeRtmp publisher = publisher(url)) {
            publisher.sendMetadata(metadata());
            try (OutputStream out = publisher.outputStream()) {
                out.write(SampleFlv.file(SampleFlv.tags(47, 50, 800).subList(1, 51)));
            }
            publisher.closeGracefully(Duration.ofSeconds(2));
        }
        reading.get(30, TimeUnit.SECONDS);
        long end = System.nanoTime() + WAIT.toNanos();
        while (data.stream().noneMatch(d -> d.handler().equals("onMetaData")) && System.nanoTime() < end) {
            Thread.sleep(10);
        }
        DataMessage received = data.stream().filter(d -> d.handler().equals("onMetaData")).findFirst()
                .orElseThrow(() -> new AssertionError("no onMetaData in " + data));
        assertEquals(List.of(metadata()), received.values());
    }

    @Test
    void badDataMessagesAreRefusedClearly() throws Exception {
        try (RtmpRecorderServer server = RtmpRecorderServer.start()) {
            try (NativeRtmp player = new NativeRtmp()) {
                player.setupUrl(server.url("live", "p"));
                assertThrows(IllegalStateException.class, () -> player.sendMetadata(metadata()), "before connectStream");
            }
            try (NativeRtmp rtmp = publisher(server.url("live", "bad"))) {
                assertThrows(IllegalArgumentException.class, () -> rtmp.sendDataMessage("@setDataFrame", "onMetaData"));
                assertThrows(IllegalArgumentException.class, () -> rtmp.sendDataMessage("onX", new Object()));
                assertThrows(IllegalArgumentException.class,
                        () -> rtmp.sendDataMessage("onHuge", new String(new char[FlvFormat.MAX_DATA_SIZE])));
                rtmp.sendDataMessage("onTextData", "still usable");
            }
            assertEquals(1, dataMessages(server.awaitConnection("live", "bad", WAIT).transcript().messages()).size());
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
