package org.nativertmp.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Clients that break the protocol lose their own connection; the recorder goes on serving. */
class MalformedClientTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private RtmpRecorderServer server;

    @BeforeEach
    void start() throws IOException {
        server = RtmpRecorderServer.builder().idleTimeout(Duration.ofSeconds(20)).start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** After each bad client, a well-behaved one still gets its connect answered. */
    private void assertServerStillServes() throws IOException {
        assertStillServes(server);
    }

    private static void assertStillServes(RtmpRecorderServer server) throws IOException {
        try (RawRtmpClient good = new RawRtmpClient(server.port()).handshake()) {
            good.connect("live");
            RtmpMessage m;
            do {
                m = good.receive();
            } while (m != null && m.type() != RtmpSpec.COMMAND_AMF0);
            assertTrue(m != null && m.describe().startsWith("_result(1)"), "connect was not answered");
        }
    }

    private String endOfBadConnection() throws InterruptedException {
        return server.awaitTranscript(TIMEOUT).end();
    }

    @Test
    void garbageAfterTheHandshakeClosesThatConnectionOnly() throws Exception {
        try (RawRtmpClient bad = new RawRtmpClient(server.port()).handshake()) {
            // 0x45: a type-1 chunk header on chunk stream 5, which never had a type-0 header.
            bad.out.write(new byte[] {0x45, 1, 2, 3, 4, 5, 6, 7, 8});
            assertTrue(bad.serverCloses());
        }
        assertTrue(endOfBadConnection().startsWith("protocol error"));
        assertServerStillServes();
    }

    @Test
    void anHttpRequestInsteadOfAHandshakeIsRefused() throws Exception {
        try (RawRtmpClient bad = new RawRtmpClient(server.port())) {
            byte[] get = "GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
            bad.out.write(get);
            bad.out.write(new byte[WireTranscript.C0_C1_SIZE]);
            assertTrue(bad.serverCloses());
        }
        assertTrue(endOfBadConnection().contains("version 71"));
        assertServerStillServes();
    }

    @Test
    void aChunkSizeWithTheTopBitSetClosesTheConnection() throws Exception {
        try (RawRtmpClient bad = new RawRtmpClient(server.port()).handshake()) {
            bad.writer.write(RtmpSpec.CSID_PROTOCOL_CONTROL, 0, RtmpSpec.SET_CHUNK_SIZE, 0, ChunkWriter.int32(0xFFFF_FFFFL));
            assertTrue(bad.serverCloses());
        }
        assertTrue(endOfBadConnection().contains("Set Chunk Size 4294967295"));
        assertServerStillServes();
    }

    @Test
    void aMessageLengthOf0xFFFFFFIsRefusedBeforeAnythingIsAllocated() throws Exception {
        try (RawRtmpClient bad = new RawRtmpClient(server.port()).handshake()) {
            // type-0 header on chunk stream 3: timestamp 0, length 0xFFFFFF, type 20, stream 0
            bad.out.write(new byte[] {0x03, 0, 0, 0, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 20, 0, 0, 0, 0, 1, 2, 3});
            assertTrue(bad.serverCloses());
        }
        assertTrue(endOfBadConnection().contains("16777215 bytes"));
        assertServerStillServes();
    }

    @Test
    void manyAnnouncedButUnfinishedMessagesCloseThatConnectionInsteadOfFillingTheHeap() throws Exception {
        // Each header announces the largest message there is; only one chunk of each follows.
        // Memory held must follow the bytes that came, not the lengths announced.
        int chunk = 64 * 1024;
        try (RtmpRecorderServer big = RtmpRecorderServer.builder().maxMessageSize(RtmpSpec.MAX_MESSAGE_LENGTH)
                .idleTimeout(Duration.ofSeconds(20)).start();
                RawRtmpClient bad = new RawRtmpClient(big.port()).handshake()) {
            bad.writer.write(RtmpSpec.CSID_PROTOCOL_CONTROL, 0, RtmpSpec.SET_CHUNK_SIZE, 0, ChunkWriter.int32(chunk));
            try {
                for (int csid = 3; csid < 1000; csid++) {
                    bad.out.write(typeZeroHeader(csid, RtmpSpec.MAX_MESSAGE_LENGTH, RtmpSpec.VIDEO));
                    bad.out.write(new byte[chunk]);
                }
            } catch (IOException closedWhileSending) {
                // the recorder closed the connection: what this test waits for
            }
            assertTrue(bad.serverCloses());
            String end = big.awaitTranscript(TIMEOUT).end();
            assertTrue(end.startsWith("protocol error") && end.contains("unfinished messages"), end);
            assertStillServes(big);
        }
    }

    /** 5.3.1: a basic header (1, 2 or 3 bytes by chunk stream id) and an 11-byte type-0 message header. */
    private static byte[] typeZeroHeader(int csid, int length, int type) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        if (csid < 64) {
            b.write(csid);
        } else if (csid < 320) {
            b.write(0);
            b.write(csid - 64);
        } else {
            b.write(1);
            b.write((csid - 64) & 0xFF);
            b.write((csid - 64) >>> 8);
        }
        b.writeBytes(new byte[] {0, 0, 0, (byte) (length >>> 16), (byte) (length >>> 8), (byte) length, (byte) type,
            1, 0, 0, 0});
        return b.toByteArray();
    }

    @Test
    void aClientThatHangsUpInsideAMessageLeavesATranscriptOfWhatItSent() throws Exception {
        try (RawRtmpClient bad = new RawRtmpClient(server.port()).handshake()) {
            bad.connect("live");
            bad.out.write(new byte[] {0x03, 0, 0, 0, 0, 1, 0, 20, 0, 0, 0, 0, 1, 2, 3});
        }
        WireTranscript t = server.awaitTranscript(TIMEOUT);
        assertEquals(List.of("connect"), t.commandNames());
        assertTrue(t.end().startsWith("client closed the connection early"), t.end());
        assertServerStillServes();
    }

    @Test
    void aCommandThatIsNotAmf0ClosesTheConnection() throws Exception {
        try (RawRtmpClient bad = new RawRtmpClient(server.port()).handshake()) {
            bad.writer.write(RtmpSpec.CSID_COMMAND, 0, RtmpSpec.COMMAND_AMF0, 0, new byte[] {0x02, 0x7F, 0x7F, 'x'});
            bad.out.flush();
            assertTrue(bad.serverCloses());
        }
        assertTrue(endOfBadConnection().contains("not AMF0"));
        assertServerStillServes();
    }

    @Test
    void aSilentClientIsClosedAfterTheIdleTimeout() throws Exception {
        try (RtmpRecorderServer quick = RtmpRecorderServer.builder().idleTimeout(Duration.ofMillis(200)).start();
                RawRtmpClient silent = new RawRtmpClient(quick.port())) {
            assertTrue(silent.serverCloses());
            assertTrue(quick.awaitTranscript(TIMEOUT).end().startsWith("idle"));
        }
    }

    @Test
    void connectionsBeyondTheLimitAreClosedAtOnce() throws Exception {
        try (RtmpRecorderServer one = RtmpRecorderServer.builder().maxConnections(1).start();
                RawRtmpClient first = new RawRtmpClient(one.port()).handshake();
                RawRtmpClient second = new RawRtmpClient(one.port())) {
            assertTrue(second.serverCloses());
            assertEquals(1, one.refusedConnections());
            first.connect("live");
            assertTrue(first.receive() != null, "the first connection is still served");
        }
    }
}
