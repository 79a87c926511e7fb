package org.nativertmp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nativertmp.support.Publishers.publisher;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nativertmp.flv.FlvFormat;
import org.nativertmp.flv.FlvTag;
import org.nativertmp.support.SharedNginx;
import org.nativertmp.testkit.RecordedConnection;
import org.nativertmp.testkit.RtmpMessage;
import org.nativertmp.testkit.RtmpRecorderServer;
import org.nativertmp.testkit.RtmpSpec;
import org.nativertmp.testkit.RtmptEndpoint;
import org.nativertmp.testkit.SampleFlv;
import org.nativertmp.testkit.WireTranscript;
import org.nativertmp.amf0.Amf0;

/**
 * Statistics per connection: equal to what the project's recorder counted, acknowledgements,
 * window and ping round trip from nginx-rtmp, and read from another thread while a read waits.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class StatisticsTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @RegisterExtension
    static final SharedNginx nginx = new SharedNginx();

    @Test
    void whatAPublisherCountsIsWhatTheRecorderReceived() throws Exception {
        List<FlvTag> tags = SampleFlv.tags(37, 300, 4000);
        byte[] flv = SampleFlv.file(tags);
        RtmpStatistics stats;
        try (RtmpRecorderServer server = RtmpRecorderServer.start()) {
            try (NativeRtmp rtmp = publisher(server.url("live", "counted"))) {
                rtmp.write(flv, 0, flv.length);
                stats = rtmp.statistics(); // before close() sends its goodbye
            }
            WireTranscript wire = server.awaitConnection(WAIT).transcript();
            List<RtmpMessage> messages = wire.messages();
            int goodbye = indexOf(messages, "FCUnpublish");
            assertEquals(goodbye, stats.messagesOut(), wire::toText);
            assertEquals(messages.get(goodbye).offset(), stats.bytesOut(), "bytes up to the goodbye");
            assertEquals(tags.size() - 1, stats.mediaOut());
            assertEquals(tags.get(tags.size() - 1).timestamp(), stats.streamTimeOut());
            assertEquals(0, stats.sendBuffered(), "a write returns once its bytes went to the socket");
            assertTrue(stats.messagesIn() >= 4, "window, bandwidth, connect's and createStream's answers: " + stats);
        }
    }

    @Test
    void overRtmptTheByteCountsIncludeTheHttpFramingAndTheMessageCountsDoNot() throws Exception {
        byte[] flv = SampleFlv.file(SampleFlv.tags(59, 100, 3000));
        RtmpStatistics stats;
        try (RtmpRecorderServer server = RtmpRecorderServer.start(); RtmptEndpoint http = RtmptEndpoint.start(server.port())) {
            try (NativeRtmp rtmp = publisher(http.url("live", "tunnelled"))) {
                rtmp.write(flv, 0, flv.length);
                stats = rtmp.statistics();
            }
            WireTranscript wire = server.awaitConnection(WAIT).transcript();
            List<RtmpMessage> messages = wire.messages();
            int goodbye = indexOf(messages, "FCUnpublish");
            assertEquals(goodbye, stats.messagesOut(), wire::toText);
            assertTrue(stats.bytesOut() > messages.get(goodbye).offset(), "the POSTs' headers too: " + stats);
            assertTrue(stats.bytesIn() > wire.serverRaw().length, "the responses' headers too: " + stats);
        }
    }

    @Test
    void whatAPlayerCountsIsWhatTheRecorderSent() throws Exception {
        List<FlvTag> tags = new ArrayList<>(SampleFlv.tags(47, 200, 3000));
        long end = tags.get(tags.size() - 1).timestamp() + 40;
        // messages read() passes over (video of 5 bytes or fewer, audio of 1): counted all the same
        tags.add(new FlvTag(FlvFormat.TAG_VIDEO, end, new byte[] {0x22, 0, 0}));
        tags.add(new FlvTag(FlvFormat.TAG_AUDIO, end, new byte[] {0x2F}));
        RtmpStatistics stats;
        try (RtmpRecorderServer server = RtmpRecorderServer.start()) {
            server.addPlayable("clip", tags);
            try (NativeRtmp rtmp = new NativeRtmp()) {
                rtmp.setupUrl(server.url("vod", "clip"));
                rtmp.connect();
                rtmp.connectStream(0);
                byte[] buf = new byte[64 * 1024];
                while (rtmp.read(buf, 0, buf.length) >= 0) {
                    // to the end: the recorder's Play.Stop, its last message
                }
                stats = rtmp.statistics();
            }
            WireTranscript wire = server.awaitConnection(WAIT).transcript();
            List<RtmpMessage> sent = serverMessages(wire);
            assertEquals(sent.size(), stats.messagesIn(), wire::toText);
            assertEquals(wire.serverRaw().length, stats.bytesIn(), "every byte the recorder sent, S0+S1+S2 included");
            assertEquals(tags.size() - 1, stats.mediaIn(), "every media message, the small ones librtmp skips too");
            assertEquals(end, stats.streamTimeIn());
            assertEquals(0, stats.mediaOut());
            assertEquals(0, stats.acknowledgements(), "the recorder acknowledges a window of 2,500,000 bytes");
            assertTrue(stats.unacknowledgedBytes().isEmpty(), "unknown without an acknowledgement: " + stats);
        }
    }

    @Test
    void acknowledgementsAndTheCongestionSignalAreWhatTheRecorderSent() throws Exception {
        int window = 100_000;
        List<FlvTag> tags = SampleFlv.tags(53, 400, 4000); // about 800 kB: 8 windows
        byte[] flv = SampleFlv.file(tags);
        RtmpStatistics published;
        RtmpStatistics stats;
        Duration roundTrip;
        try (RtmpRecorderServer server = RtmpRecorderServer.builder().windowAckSize(window).start()) {
            try (NativeRtmp rtmp = publisher(server.url("live", "acked"))) {
                rtmp.write(flv, 0, flv.length);
                published = rtmp.statistics();
                roundTrip = rtmp.ping(WAIT); // librtmp handles what came meanwhile, up to the answer
                stats = rtmp.statistics();
            }
            WireTranscript wire = server.awaitConnection(WAIT).transcript();
            List<RtmpMessage> sent = serverMessages(wire);
            int response = indexOfPingResponse(sent);
            List<RtmpMessage> acks = sent.subList(0, response).stream()
                    .filter(m -> m.type() == RtmpSpec.ACKNOWLEDGEMENT).toList();
            assertTrue(acks.size() >= 7, wire::toText);

            assertEquals(0, published.acknowledgements(), "nothing reads while a publisher writes: " + published);
            assertTrue(published.unacknowledgedBytes().isEmpty(), published.toString());

            assertEquals(response + 1, stats.messagesIn(), "the recorder's messages up to its Ping Response");
            assertEquals(acks.size(), stats.acknowledgements());
            long lastAck = int32(acks.get(acks.size() - 1).payload());
            assertEquals(lastAck, stats.acknowledgedBytes());
            assertEquals(window, stats.serverWindow());
            // The recorder counts the handshake as librtmp does, so the signal is exact: the bytes
            // after the acknowledged offset of the client's side, the ping among them.
            assertEquals(stats.bytesOut() - lastAck, stats.unacknowledgedBytes().orElseThrow());
            assertTrue(wire.messages().stream().anyMatch(m -> m.offset() == lastAck),
                    "the recorder acknowledged up to a message boundary: " + lastAck);
            assertTrue(roundTrip.toNanos() > 0, roundTrip.toString());
            assertEquals(roundTrip, stats.pingRoundTrip().orElseThrow());
            // A publisher's first message on chunk stream 2: its header must be a whole one.
            RtmpMessage request = wire.messages().stream().filter(m -> m.type() == RtmpSpec.USER_CONTROL).findFirst()
                    .orElseThrow();
            assertEquals(RtmpSpec.EVENT_PING_REQUEST, request.payload()[1]);
            assertEquals(2, request.chunkStreamId());
            assertEquals(0, request.headerType(), "type 0: nothing went out on chunk stream 2 before");
        }
    }

    @Test
    void nginxAcknowledgesAPublisherThatAnnouncedAWindowAndAnswersAPing() throws Exception {
        List<FlvTag> tags = SampleFlv.tags(41, 3000, 8000); // about 12 MB
        byte[] flv = SampleFlv.file(tags);
        try (NativeRtmp rtmp = publisher(nginx.url("live/stats1"))) {
            // A receiver acknowledges per the window its peer announced, and librtmp announces
            // none when it publishes: without this, nginx sends no acknowledgement at all.
            rtmp.sendPacket(new RtmpPacket(RtmpPacket.TYPE_WINDOW_ACK_SIZE, 2, RtmpPacket.HEADER_LARGE, 0, 0,
                    new byte[] {0x00, 0x0F, 0x42, 0x40}), false); // 1,000,000 bytes
            rtmp.write(flv, 0, flv.length);
            Duration roundTrip = rtmp.ping(WAIT);
            RtmpStatistics stats = rtmp.statistics();
            assertTrue(roundTrip.toNanos() > 0, roundTrip.toString());
            assertEquals(roundTrip, stats.pingRoundTrip().orElseThrow());
            assertEquals(1, stats.pingsAnswered());
            assertEquals(5_000_000, stats.serverWindow(), "nginx-rtmp's ack_window");
            assertTrue(stats.acknowledgements() >= 10, stats.toString());
            assertTrue(stats.acknowledgedBytes() > 10_000_000 && stats.acknowledgedBytes() <= stats.bytesOut(),
                    stats.toString());
            long behind = stats.unacknowledgedBytes().orElseThrow();
            assertTrue(behind >= 0 && behind < stats.bytesOut(), stats.toString());
        }
    }

    @Test
    void statisticsAreReadWhileAReadOfAnotherThreadWaitsAndRefusedAfterClose() throws Exception {
        NativeRtmp player = new NativeRtmp();
        player.setupUrl(nginx.url("live/nobody-publishes"));
        player.connect();
        player.connectStream(0);
        CompletableFuture<Integer> reading = CompletableFuture.supplyAsync(() -> {
            try {
                return player.read(new byte[1024], 0, 1024);
            } catch (RtmpException e) {
                return -2;
            }
        });
        Thread.sleep(300);
        assertTrue(!reading.isDone(), "the read waits for a stream nobody publishes");
        RtmpStatistics stats = CompletableFuture.supplyAsync(player::statistics).get(5, TimeUnit.SECONDS);
        assertTrue(stats.bytesIn() > 3073 && stats.messagesIn() > 0, stats.toString());
        player.close();
        reading.get(30, TimeUnit.SECONDS);
        assertThrows(IllegalStateException.class, player::statistics);
    }

    /** The messages the server sent: its side parsed as a transcript, S0+S1+S2 being as long as C0+C1+C2. */
    private static List<RtmpMessage> serverMessages(WireTranscript wire) {
        return WireTranscript.parse(wire.serverRaw()).messages();
    }

    private static int indexOfPingResponse(List<RtmpMessage> messages) {
        for (int i = 0; i < messages.size(); i++) {
            byte[] p = messages.get(i).payload();
            if (messages.get(i).type() == RtmpSpec.USER_CONTROL && p.length == 6 && p[1] == RtmpSpec.EVENT_PING_RESPONSE) {
                return i;
            }
        }
        throw new AssertionError("no Ping Response in " + messages);
    }

    private static long int32(byte[] p) {
        return (p[0] & 0xFFL) << 24 | (p[1] & 0xFF) << 16 | (p[2] & 0xFF) << 8 | (p[3] & 0xFF);
    }

    private static int indexOf(List<RtmpMessage> messages, String command) {
        for (int i = 0; i < messages.size(); i++) {
            RtmpMessage m = messages.get(i);
            if (m.type() == RtmpSpec.COMMAND_AMF0 && command.equals(name(m))) {
                return i;
            }
        }
        throw new AssertionError("no " + command + " in " + messages);
    }

    private static Object name(RtmpMessage m) {
        try {
            return Amf0.decodeAll(m.payload()).get(0);
        } catch (Exception e) {
            return null;
        }
    }
}
