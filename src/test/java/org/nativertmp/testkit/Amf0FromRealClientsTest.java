package org.nativertmp.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nativertmp.amf0.Amf0;
import org.nativertmp.amf0.EcmaArray;
import org.nativertmp.flv.FlvFormat;
import org.nativertmp.flv.FlvReader;
import org.nativertmp.flv.FlvTag;

/**
 * The public AMF0 decoder on what real clients send, recorded by the kit's recorder: librtmp
 * (through NativeRtmp) publishing and playing, ffmpeg's own RTMP client publishing, and Red5's
 * pure-Java client publishing. Every command and data message decodes, and encodes back to the
 * very bytes the client sent; the values are the ones each client is known to send.
 */
class Amf0FromRealClientsTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    /** The decoded AMF0 messages of the client, each checked to encode back to its own bytes. */
    private static List<List<Object>> decodedLosslessly(WireTranscript t) throws Exception {
        List<List<Object>> all = new ArrayList<>();
        for (RtmpMessage m : t.messages()) {
            if (m.type() == RtmpSpec.COMMAND_AMF0 || m.type() == RtmpSpec.DATA_AMF0) {
                byte[] p = m.payload();
                List<Object> values = Amf0.decodeAll(p);
                assertArrayEquals(p, Amf0.encode(values.toArray()), () -> "message at byte " + m.offset()
                        + " does not encode back to its bytes: " + Amf0Text.render(values));
                all.add(values);
            }
        }
        return all;
    }

    private static List<Object> named(List<List<Object>> messages, String name) {
        return messages.stream().filter(v -> name.equals(v.get(0))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " among " + messages));
    }

    private static Map<?, ?> connectObject(List<List<Object>> messages) {
        List<Object> connect = named(messages, "connect");
        assertEquals(1.0, connect.get(1), "connect's transaction id");
        return assertInstanceOf(Map.class, connect.get(2));
    }

    /** The values of the file's onMetaData tag, as the FLV held them. */
    private static List<Object> fileMetadata(Path flv) throws Exception {
        for (FlvTag t : FlvReader.readAll(flv)) {
            if (t.type() == FlvFormat.TAG_SCRIPT) {
                return Amf0.decodeAll(t.payload());
            }
        }
        throw new AssertionError("no script tag in " + flv);
    }

    @Test
    void librtmpsPublishDecodesToItsCommandsAndTheFilesOwnMetadata() throws Exception {
        Path flv = TestMedia.generateFlv(dir);
        try (RtmpRecorderServer server = RtmpRecorderServer.start()) {
            LibrtmpClients.publishWithNativeRtmp(flv, server.url("live", "x"));
            List<List<Object>> m = decodedLosslessly(server.awaitConnection("live", "x", TIMEOUT).transcript());

            assertEquals(List.of("app", "type", "tcUrl"), List.copyOf(connectObject(m).keySet()));
            assertEquals(Map.of("app", "live", "type", "nonprivate", "tcUrl", "rtmp://127.0.0.1:" + server.port() + "/live"),
                    connectObject(m));
            assertEquals(Arrays.asList("publish", 5.0, null, "x", "live"), named(m, "publish"));
            List<Object> data = named(m, "@setDataFrame");
            assertEquals(fileMetadata(flv), data.subList(1, data.size()), "librtmp prefixes the tag's own values");
            assertInstanceOf(EcmaArray.class, data.get(2));
            assertEquals(Arrays.asList("deleteStream", 7.0, null, 1.0), m.get(m.size() - 1));
        }
    }

    @Test
    void librtmpsPlayConnectDecodesWithItsCapabilities() throws Exception {
        Path flv = TestMedia.generateFlv(dir);
        try (RtmpRecorderServer server = RtmpRecorderServer.start()) {
            server.addPlayable("y", FlvReader.readAll(flv));
            LibrtmpClients.playWithNativeRtmp(server.url("vod", "y"));
            List<List<Object>> m = decodedLosslessly(server.awaitTranscript(TIMEOUT));

            Map<?, ?> connect = connectObject(m);
            assertEquals(List.of("app", "tcUrl", "fpad", "capabilities", "audioCodecs", "videoCodecs", "videoFunction"),
                    List.copyOf(connect.keySet()));
            // rtmp.c: fpad false, capabilities 15, m_fAudioCodecs 3191, m_fVideoCodecs 252, videoFunction 1
            assertEquals(List.of(false, 15.0, 3191.0, 252.0, 1.0), List.copyOf(connect.values()).subList(2, 7));
            assertEquals(Arrays.asList("play", 3.0, null, "y", 0.0), named(m, "play"));
        }
    }

    @Test
    void ffmpegsPublishDecodesWithTheMetadataItWritesToAStreamItCannotSeek() throws Exception {
        Path ffmpeg = ExternalTools.require("ffmpeg", "apt-get install ffmpeg");
        Path flv = TestMedia.generateFlv(dir);
        try (RtmpRecorderServer server = RtmpRecorderServer.start()) {
            ExternalTools.runOk(dir.resolve("ffmpeg.log"), ffmpeg.toString(), "-nostdin", "-i", flv.toString(),
                    "-c", "copy", "-f", "flv", server.url("live", "x"));
            List<List<Object>> m = decodedLosslessly(server.awaitConnection("live", "x", TIMEOUT).transcript());

            Map<?, ?> connect = connectObject(m);
            assertEquals(List.of("app", "type", "flashVer", "tcUrl"), List.copyOf(connect.keySet()));
            assertTrue(((String) connect.get("flashVer")).startsWith("FMLE/3.0 (compatible; Lavf"), connect.toString());
            List<Object> data = named(m, "@setDataFrame");
            assertEquals("onMetaData", data.get(1));
            EcmaArray meta = assertInstanceOf(EcmaArray.class, data.get(2));
            // ffmpeg's muxer fills duration and filesize in at the end of a file, which RTMP is not.
            assertEquals(0.0, meta.get("duration"));
            assertEquals(0.0, meta.get("filesize"));
            assertEquals(160.0, meta.get("width"));
            assertEquals(2.0, meta.get("videocodecid"), "Sorenson H.263");
        }
    }

    @Test
    void red5sPublishDecodesWithItsFlashPlayerConnectObject() throws Exception {
        Path flv = TestMedia.generateFlv(dir);
        try (RtmpRecorderServer server = RtmpRecorderServer.start()) {
            Red5Client.publish(server.port(), "live", "x", FlvReader.readAll(flv));
            List<List<Object>> m = decodedLosslessly(server.awaitConnection("live", "x", TIMEOUT).transcript());

            Map<?, ?> connect = connectObject(m);
            assertEquals("WIN 11,2,202,235", connect.get("flashVer"));
            assertEquals(0.0, connect.get("objectEncoding"));
            assertTrue(connect.containsKey("pageUrl") && connect.get("pageUrl") == null, "pageUrl sent as null");
            assertEquals("live", connect.get("path"));
            assertEquals("onMetaData", named(m, "onMetaData").get(0), "Red5 sends the data message without @setDataFrame");
            assertEquals(fileMetadata(flv), named(m, "onMetaData"));
            assertEquals(Arrays.asList("publish", 4.0, null, false), m.get(m.size() - 1), "its unpublish");
        }
    }
}
