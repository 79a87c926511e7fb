package org.nativertmp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nativertmp.amf0.Amf0;
import org.nativertmp.flv.FlvTag;
import org.nativertmp.support.SharedNginx;
import org.nativertmp.testkit.SampleFlv;
import org.nativertmp.testkit.ScriptedRtmpServer;
import org.nativertmp.testkit.ServerMessage;
import org.nativertmp.testkit.ServerScript;

/**
 * What a server sends a player beside the media, seen through the event listener while librtmp
 * handles it as always: nginx-rtmp's status codes from Play.Start to UnpublishNotify for a live
 * stream, the publisher's metadata as published and its control messages; and, from the scripted
 * server, every status of a play that is reset and switched, up to the Play.Complete at which
 * librtmp still ends the play.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ServerEventsTest {
    @RegisterExtension
    static final SharedNginx nginx = new SharedNginx();

    /** Everything the listener was given, in order, as text. */
    static final class Seen implements RtmpEventListener {
        final List<String> events = new CopyOnWriteArrayList<>();
        final List<ServerStatus> statuses = new CopyOnWriteArrayList<>();
        final List<DataMessage> data = new CopyOnWriteArrayList<>();
        final List<ControlEvent> controls = new CopyOnWriteArrayList<>();
        final List<String> commands = new CopyOnWriteArrayList<>();
        final List<String> threads = new CopyOnWriteArrayList<>();

        @Override
        public void onStatus(ServerStatus status) {
            statuses.add(status);
            events.add("status " + status.code());
        }

        @Override
        public void onData(DataMessage message) {
            data.add(message);
            events.add("data " + message.handler());
        }

        @Override
        public void onControl(ControlEvent event) {
            controls.add(event);
            events.add("control " + event.kind());
        }

        @Override
        public void onCommand(ServerCommand command) {
            commands.add(command.name());
            events.add("command " + command.name());
        }

        @Override
        public void onPacket(RtmpPacket packet) {
            threads.add(Thread.currentThread().getName());
        }
    }

    @Test
    void aLivePlayerSeesTheStatusesMetadataAndControlOfItsStreamInOrder() throws Exception {
        List<FlvTag> tags = SampleFlv.tags(19, 200, 3000);
        Seen seen = new Seen();
        String url = nginx.url("events/ev1");
        NativeRtmp player = new NativeRtmp();
        player.setupUrl(url);
        player.setEventListener(seen);
        player.connect();
        player.connectStream(0);
        String[] readerThread = new String[1];
        CompletableFuture<Long> played = CompletableFuture.supplyAsync(() -> {
            readerThread[0] = Thread.currentThread().getName();
            byte[] buf = new byte[64 * 1024];
            long total = 0;
            try (player) {
                int n;
                while ((n = player.read(buf, 0, buf.length)) >= 0) {
                    total += n;
                }
                return total;
            } catch (RtmpException e) {
                throw new IllegalStateException(e);
            }
        });
        try (NativeRtmp publisher = new NativeRtmp()) {
            publisher.setupUrl(url);
            publisher.enableWrite();
            publisher.connect();
            publisher.connectStream(0);
            try (OutputStream out = publisher.outputStream()) {
                out.write(SampleFlv.file(tags));
            }
            publisher.closeGracefully(Duration.ofSeconds(2));
        }
        assertTrue(played.get(60, TimeUnit.SECONDS) > 0);
        awaitEvent(seen, "status NetStream.Play.UnpublishNotify");

        List<String> codes = seen.statuses.stream().map(ServerStatus::code).toList();
        assertInOrder(codes, "NetStream.Play.Start", "NetStream.Play.PublishNotify", "NetStream.Play.UnpublishNotify");
        ServerStatus start = seen.statuses.stream().filter(s -> s.code().equals("NetStream.Play.Start")).findFirst()
                .orElseThrow();
        assertEquals("status", start.level());
        assertEquals(1, start.streamId());

        DataMessage metadata = seen.data.stream().filter(d -> d.handler().equals("onMetaData")).findFirst()
                .orElseThrow(() -> new AssertionError("no onMetaData in " + seen.events));
        Object published = Amf0.decodeAll(tags.get(0).payload()).get(1);
        assertEquals(published, metadata.values().get(0), "nginx (meta copy) passes the metadata on as published");

        List<ControlEvent.Kind> kinds = seen.controls.stream().map(ControlEvent::kind).toList();
        assertTrue(kinds.containsAll(List.of(ControlEvent.Kind.WINDOW_ACK_SIZE, ControlEvent.Kind.PEER_BANDWIDTH,
                ControlEvent.Kind.CHUNK_SIZE, ControlEvent.Kind.STREAM_BEGIN)), kinds.toString());
        assertTrue(seen.controls.contains(new ControlEvent(ControlEvent.Kind.CHUNK_SIZE, 4096, 0)), kinds.toString());
        // librtmp's own commands were answered: their _result reached the listener too
        assertTrue(seen.commands.contains("_result"), seen.commands.toString());
        assertTrue(seen.threads.stream().noneMatch(t -> t.equals(readerThread[0])),
                "delivered on the reading thread " + readerThread[0] + ": " + seen.threads);
    }

    @Test
    void everyStatusOfAPlayThatIsResetAndSwitchedArrivesInOrderAndLibrtmpStillEndsThePlay() throws Exception {
        List<String> codes = List.of("NetStream.Play.Reset", "NetStream.Play.Start", "NetStream.Buffer.Full",
                "NetStream.Play.Switch", "NetStream.Play.Transition", "NetStream.Buffer.Empty", "NetStream.Play.Complete");
        List<FlvTag> tags = SampleFlv.tags(31, 40, 500);
        ServerScript.Builder b = ServerScript.builder().awaitCommand("connect")
                .reply(Map.of("fmsVer", "FMS/3,5,7,7009"), ServerMessage.status("status", "NetConnection.Connect.Success", ""))
                .awaitCommand("createStream").reply(null, 1.0).awaitCommand("play")
                .send(ServerMessage.userControl(0, 1));
        b.send(ServerMessage.onStatus(1, ServerMessage.status("status", codes.get(0), "reset " + 0)),
                ServerMessage.onStatus(1, ServerMessage.status("status", codes.get(1), "start")),
                ServerMessage.data("|RtmpSampleAccess", false, false).onStream(1));
        for (FlvTag tag : tags.subList(1, 21)) {
            b.send(ServerMessage.media(tag).onStream(1));
        }
        for (String code : codes.subList(2, 6)) {
            b.send(ServerMessage.onStatus(1, ServerMessage.status("status", code, code + " described")));
        }
        for (FlvTag tag : tags.subList(21, tags.size())) {
            b.send(ServerMessage.media(tag).onStream(1));
        }
        b.send(ServerMessage.onStatus(1, ServerMessage.status("status", codes.get(6), "complete")));
        Seen seen = new Seen();
        try (ScriptedRtmpServer server = ScriptedRtmpServer.start(b.build()); NativeRtmp rtmp = new NativeRtmp()) {
            rtmp.setupUrl(server.url("vod", "x"));
            rtmp.setEventListener(seen);
            rtmp.connect();
            rtmp.connectStream(0);
            byte[] buf = new byte[64 * 1024];
            while (rtmp.read(buf, 0, buf.length) >= 0) {
                // to librtmp's end at Play.Complete
            }
        }
        awaitEvent(seen, "status NetStream.Play.Complete");
        assertEquals(codes, seen.statuses.stream().map(ServerStatus::code).toList());
        assertEquals("NetStream.Play.Switch described", seen.statuses.get(3).description());
        assertTrue(seen.data.stream().anyMatch(d -> d.handler().equals("|RtmpSampleAccess")
                && d.values().equals(List.of(false, false))), seen.events.toString());
        assertTrue(seen.controls.contains(new ControlEvent(ControlEvent.Kind.STREAM_BEGIN, 1, 0)), seen.events.toString());
    }

    private static void awaitEvent(Seen seen, String event) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!seen.events.contains(event) && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        assertTrue(seen.events.contains(event), "no " + event + " in " + seen.events);
    }

    static void assertInOrder(List<String> all, String... wanted) {
        int at = -1;
        for (String w : wanted) {
            int next = all.subList(at + 1, all.size()).indexOf(w);
            assertTrue(next >= 0, w + " not after position " + at + " in " + all);
            at += next + 1;
        }
    }

}
