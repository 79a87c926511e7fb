package org.nativertmp.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nativertmp.amf0.Amf0;

/** The scripted server: chunk headers as the script asks, waits bounded, what the client sends read leniently. */
class ScriptedRtmpServerTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final long EXTENDED = 0x100_0000L;

    @Test
    void headersOfEveryTypeCutAndReadBackGiveTheSameMessagesAndTimestamps() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ChunkWriter w = new ChunkWriter(bytes);
        byte[] big = new byte[300];
        Arrays.fill(big, (byte) 7);
        w.write(ServerMessage.of(RtmpSpec.VIDEO, big).onChunkStream(400).onStream(1).at(EXTENDED));
        w.write(ServerMessage.of(RtmpSpec.VIDEO, new byte[20]).onChunkStream(400).onStream(1).at(EXTENDED + 40).withHeaderType(1));
        w.write(ServerMessage.of(RtmpSpec.VIDEO, new byte[20]).onChunkStream(400).onStream(1).at(EXTENDED + 80).withHeaderType(2));
        w.write(ServerMessage.of(RtmpSpec.VIDEO, new byte[20]).onChunkStream(400).onStream(1).withHeaderType(3));
        w.write(ServerMessage.of(RtmpSpec.AUDIO, big).onChunkStream(100).onStream(1).at(EXTENDED)
                .repeatingExtendedTimestamp(false));
        ChunkReader r = new ChunkReader(new ByteArrayInputStream(bytes.toByteArray()), 1 << 20, 1 << 20, 0);
        long[] timestamps = {EXTENDED, EXTENDED + 40, EXTENDED + 80, EXTENDED + 120, EXTENDED};
        int[] fmt = {0, 1, 2, 3, 0};
        for (int i = 0; i < timestamps.length; i++) {
            RtmpMessage m = r.next();
            assertNotNull(m, "message " + i);
            assertEquals(timestamps[i], m.timestamp(), "timestamp of message " + i);
            assertEquals(fmt[i], m.headerType(), "header type of message " + i);
            assertEquals(i < 4 ? 400 : 100, m.chunkStreamId());
        }
        assertEquals(null, r.next());
        assertEquals(2, r.extendedTimestampRepeats(), "the first message's two type-3 chunks");
        assertEquals(2, r.extendedTimestampOmissions(), "the last message's two type-3 chunks");
        // 3-byte basic header for 400 (5.3.1.1): fmt 0 | 1, then 400 - 64 little-endian
        assertArrayEquals(new byte[] {0x01, (byte) 0x50, 0x01}, Arrays.copyOf(bytes.toByteArray(), 3));
    }

    @Test
    void aTypeOneHeaderWithoutAnEarlierHeaderIsRefused() {
        ChunkWriter w = new ChunkWriter(new ByteArrayOutputStream());
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> w.write(ServerMessage.of(RtmpSpec.AUDIO, new byte[1]).withHeaderType(1)));
        assertTrue(e.getMessage().contains("no earlier header"), e.getMessage());
    }

    @Test
    void aReplyCarriesTheAwaitedCommandsTransactionIdAndTheServerReadsAChunkStreamStartedWithTypeOne()
            throws Exception {
        ServerScript script = ServerScript.builder().awaitCommand("connect").reply(Map.of("fmsVer", "x"), null)
                .await("a ping response", m -> m.type() == RtmpSpec.USER_CONTROL).build();
        try (ScriptedRtmpServer server = ScriptedRtmpServer.start(script);
                RawRtmpClient client = new RawRtmpClient(server.port()).handshake()) {
            client.writer.write(RtmpSpec.CSID_COMMAND, 0, RtmpSpec.COMMAND_AMF0, 0,
                    Amf0.encode("connect", 42.0, Map.of("app", "live")));
            client.out.flush();
            RtmpMessage reply = client.receive();
            assertEquals(Arrays.asList("_result", 42.0, Map.of("fmsVer", "x"), null), Amf0.decodeAll(reply.payload()));
            // librtmp's RTMP_SendCtrl starts chunk stream 2 with a type-1 header
            client.out.write(new byte[] {0x42, 0, 0, 0, 0, 0, 6, 4, 0, 7, 0, 0, 0, 1});
            client.out.flush();
            client.close();
            ScriptedSession s = server.awaitSession(WAIT);
            assertTrue(s.scriptCompleted(), s.scriptEnd());
            RtmpMessage ping = s.transcript().messagesOfType(RtmpSpec.USER_CONTROL).get(0);
            assertEquals(1, ping.headerType());
            assertEquals("PingResponse 1", ping.describe());
        }
    }

    @Test
    void aWaitThatTheClientDoesNotAnswerStopsTheScriptInTimeAndSaysWhy() throws Exception {
        ServerScript script = ServerScript.builder().awaitCommand("createStream")
                .send(ServerMessage.command("never", 0)).build();
        try (ScriptedRtmpServer server = ScriptedRtmpServer.builder().awaitTimeout(Duration.ofMillis(300)).start(script);
                RawRtmpClient client = new RawRtmpClient(server.port()).handshake()) {
            long start = System.nanoTime();
            assertTrue(client.serverCloses(), "the server ends the connection after the script stopped");
            ScriptedSession s = server.awaitSession(WAIT);
            assertFalse(s.scriptCompleted());
            assertEquals("step 1 (await command createStream): the client sent no createStream within 300 ms", s.scriptEnd());
            assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(5)) < 0);
        }
    }

    @Test
    void whatTheClientSendsAfterTheServerClosedIsInTheTranscript() throws Exception {
        ServerScript script = ServerScript.builder().awaitCommand("connect").closeConnection().build();
        try (ScriptedRtmpServer server = ScriptedRtmpServer.start(script);
                RawRtmpClient client = new RawRtmpClient(server.port()).handshake()) {
            client.connect("live");
            assertTrue(client.serverCloses());
            client.writer.write(RtmpSpec.CSID_COMMAND, 0, RtmpSpec.COMMAND_AMF0, 0, Amf0.encode("deleteStream", 2.0, null, 1.0));
            client.out.flush();
            client.close();
            ScriptedSession s = server.awaitSession(WAIT);
            assertEquals(List.of("connect", "deleteStream"), s.transcript().commandNames());
            assertTrue(s.transcript().end().startsWith("the script closed the connection"), s.transcript().end());
        }
    }

    private static long acknowledged(RtmpMessage m) {
        assertEquals(RtmpSpec.ACKNOWLEDGEMENT, m.type(), m::toString);
        return MessageText.u32(m.payload(), 0);
    }

    @Test
    void theServerAcknowledgesByTheWindowTheClientAnnounced() throws Exception {
        ServerScript script = ServerScript.builder().await("data", m -> m.type() == RtmpSpec.DATA_AMF0).build();
        try (ScriptedRtmpServer server = ScriptedRtmpServer.start(script);
                RawRtmpClient client = new RawRtmpClient(server.port()).handshake()) {
            client.writer.write(RtmpSpec.CSID_PROTOCOL_CONTROL, 0, RtmpSpec.WINDOW_ACK_SIZE, 0, ChunkWriter.int32(1000));
            client.out.flush();
            // Acknowledgements count the handshake's bytes too: the first is due at once, the next a window later.
            long first = acknowledged(client.receive());
            client.writer.write(RtmpSpec.CSID_DATA, 0, RtmpSpec.DATA_AMF0, 1, Amf0.encode("x".repeat(2000)));
            client.out.flush();
            long next = acknowledged(client.receive());
            assertTrue(next - first >= 1000 && next > WireTranscript.HANDSHAKE_END + 2000, first + ", then " + next);
        }
    }
}
