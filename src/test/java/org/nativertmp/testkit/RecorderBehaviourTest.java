package org.nativertmp.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nativertmp.amf0.Amf0;
import org.nativertmp.amf0.MalformedAmf0Exception;
import org.nativertmp.flv.FlvReader;
import org.nativertmp.flv.FlvTag;

/** How the recorder answers the ways real clients end a stream and a ping, and what it can be told to announce. */
class RecorderBehaviourTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    /** connect, createStream, publish NAME on stream 1; returns the client after Publish.Start. */
    private static RawRtmpClient publisher(RtmpRecorderServer server, String name) throws IOException {
        RawRtmpClient c = new RawRtmpClient(server.port()).handshake();
        c.connect("live");
        command(c, 0, "createStream", 2.0, null);
        command(c, 1, "publish", 3.0, null, name, "live");
        assertTrue(statusCodes(c, 1).contains("NetStream.Publish.Start"));
        return c;
    }

    private static void command(RawRtmpClient c, long streamId, Object... values) throws IOException {
        c.writer.write(RtmpSpec.CSID_COMMAND, 0, RtmpSpec.COMMAND_AMF0, streamId, Amf0.encode(values));
        c.out.flush();
    }

    /** Reads the server's messages until {@code count} onStatus codes have come; returns them. */
    private static List<String> statusCodes(RawRtmpClient c, int count) throws IOException {
        List<String> codes = new ArrayList<>();
        while (codes.size() < count) {
            RtmpMessage m = c.receive();
            if (m == null) {
                break;
            }
            if (m.type() == RtmpSpec.COMMAND_AMF0) {
                try {
                    List<Object> v = Amf0.decodeAll(m.payload());
                    if ("onStatus".equals(v.get(0)) && v.get(3) instanceof Map<?, ?> info) {
                        codes.add(String.valueOf(info.get("code")));
                    }
                } catch (MalformedAmf0Exception e) {
                    throw new AssertionError(e);
                }
            }
        }
        return codes;
    }

    @Test
    void publishOfNullFalseUnpublishesWithUnpublishSuccessAndRecordsNoEmptyStream() throws Exception {
        try (RtmpRecorderServer server = RtmpRecorderServer.start()) {
            try (RawRtmpClient c = publisher(server, "x")) {
                c.writer.write(RtmpSpec.CSID_VIDEO, 0, RtmpSpec.VIDEO, 1, new byte[] {0x12, 1, 2});
                command(c, 1, "publish", 4.0, null, false);
                assertEquals(List.of("NetStream.Unpublish.Success"), statusCodes(c, 1));
                // Media after the unpublish belongs to no stream.
                c.writer.write(RtmpSpec.CSID_VIDEO, 40, RtmpSpec.VIDEO, 1, new byte[] {0x22, 3});
                c.out.flush();
            }
            RecordedConnection rc = server.awaitConnection("live", "x", TIMEOUT);
            assertEquals(List.of("x"), List.copyOf(rc.published().keySet()));
            assertEquals(1, rc.published().get("x").size());
            assertEquals("live/x", rc.transcript().label());
        }
    }

    @Test
    void closeStreamEndsAPublishWithUnpublishSuccessAndDeleteStreamEndsItSilently() throws Exception {
        try (RtmpRecorderServer server = RtmpRecorderServer.start()) {
            try (RawRtmpClient c = publisher(server, "a")) {
                command(c, 1, "closeStream", 0.0, null);
                assertEquals(List.of("NetStream.Unpublish.Success"), statusCodes(c, 1));
            }
            try (RawRtmpClient c = publisher(server, "b")) {
                command(c, 0, "FCUnpublish", 4.0, null, "b");
                command(c, 0, "deleteStream", 5.0, null, 1.0);
                c.socket.shutdownOutput();
                assertTrue(c.serverCloses(), "nothing is sent in reply to FCUnpublish and deleteStream");
            }
            assertEquals("b", server.awaitConnection("live", "b", TIMEOUT).transcript().stream());
            assertEquals("a", server.awaitConnection("live", "a", TIMEOUT).transcript().stream());
        }
    }

    @Test
    void aPingRequestIsAnsweredWithAPingResponseOfTheSameTimestamp() throws Exception {
        try (RtmpRecorderServer server = RtmpRecorderServer.start(); RawRtmpClient c = publisher(server, "pinged")) {
            byte[] request = {0, RtmpSpec.EVENT_PING_REQUEST, 0x12, 0x34, 0x56, 0x78};
            c.writer.write(RtmpSpec.CSID_PROTOCOL_CONTROL, 0, RtmpSpec.USER_CONTROL, 0, request);
            c.out.flush();
            RtmpMessage m = c.receive();
            assertEquals(RtmpSpec.USER_CONTROL, m.type(), m.toString());
            assertEquals(List.of(0, RtmpSpec.EVENT_PING_RESPONSE, 0x12, 0x34, 0x56, 0x78), bytes(m.payload()));
        }
    }

    private static List<Integer> bytes(byte[] b) {
        List<Integer> list = new ArrayList<>();
        for (byte x : b) {
            list.add(x & 0xFF);
        }
        return list;
    }

    @Test
    void whatTheRecorderAnnouncesAfterConnectIsConfigurable() throws Exception {
        try (RtmpRecorderServer server = RtmpRecorderServer.builder().windowAckSize(1_000_000).peerBandwidth(2_000_000)
                .chunkSize(RtmpSpec.DEFAULT_CHUNK_SIZE).onBWDone(true).start();
                RawRtmpClient c = new RawRtmpClient(server.port()).handshake()) {
            c.connect("live");
            List<String> got = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                RtmpMessage m = c.receive();
                got.add(RtmpSpec.typeName(m.type()) + " " + m.describe());
            }
            assertEquals(List.of("window-ack-size 1000000", "set-peer-bandwidth 2000000 limit 2"), got.subList(0, 2));
            assertTrue(got.get(2).startsWith("command \"_result\", 1,") || got.get(2).startsWith("command _result(1)"), got.get(2));
            assertEquals("command onBWDone(0) null", got.get(3));
        }
    }

    @Test
    void ffmpegPlayingEndsAtTheStreamsEndAndTheTranscriptKeepsBothDirections() throws Exception {
        Path ffmpeg = ExternalTools.require("ffmpeg", "apt-get install ffmpeg");
        List<FlvTag> playable = FlvReader.readAll(TestMedia.generateFlv(dir));
        Path out = dir.resolve("played.flv");
        try (RtmpRecorderServer server = RtmpRecorderServer.start()) {
            server.addPlayable("clip", playable);
            // Without Play.Stop ffmpeg would wait for more until the recorder's idle timeout.
            ExternalTools.runOk(dir.resolve("ffmpeg-play.log"), ffmpeg.toString(), "-nostdin", "-rw_timeout", "20000000",
                    "-i", server.url("vod", "clip"), "-c", "copy", "-f", "flv", out.toString());
            WireTranscript t = server.awaitConnection("vod", "clip", TIMEOUT).transcript();
            assertEquals("client closed the connection", t.end(), t::toText);
            assertEquals(RtmpSpec.VERSION, t.s0());
            assertTrue(t.serverRaw().length > WireTranscript.S0_S1_S2_SIZE + 10_000, "the media went out");
            // ffmpeg's handshake is Flash Player 9's, digest at scheme 0's place; our S1 has none, so it echoes S1.
            assertEquals(HandshakeKind.DIGEST_SCHEME_0, t.handshake().kind(), t.handshake()::describe);
            assertEquals(Boolean.TRUE, t.handshake().c2EchoesS1(), t.handshake()::describe);
        }
        List<FlvTag> got = FlvReader.readAll(out);
        assertEquals(playable.stream().filter(x -> x.type() != 18).count(), got.stream().filter(x -> x.type() != 18).count());
    }
}
