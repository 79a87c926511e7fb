package org.nativertmp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.nativertmp.amf0.Amf0;
import org.nativertmp.flv.FlvTag;
import org.nativertmp.testkit.RtmpMessage;
import org.nativertmp.testkit.RtmpSpec;
import org.nativertmp.testkit.SampleFlv;
import org.nativertmp.testkit.ScriptedRtmpServer;
import org.nativertmp.testkit.ScriptedSession;
import org.nativertmp.testkit.ServerMessage;
import org.nativertmp.testkit.ServerScript;

/**
 * Remote calls and server-invoked commands against the testkit's scripted server: a call answered
 * with _result, one answered with _error, a method the server invokes answered from the listener,
 * and the bytes of each call as the server received them.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RemoteCallTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private static ServerScript.Builder connected() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("fmsVer", "FMS/3,5,7,7009");
        return ServerScript.builder().awaitCommand("connect")
                .send(ServerMessage.control(RtmpSpec.WINDOW_ACK_SIZE, 2_500_000))
                .reply(properties, ServerMessage.status("status", "NetConnection.Connect.Success", "ok"));
    }

    @Test
    void aCallIsAnsweredAnErrorIsThrownAndAServerInvokedMethodIsAnswered() throws Exception {
        ServerScript script = connected()
                .awaitCommand("getAnswer").reply(null, "forty-two")
                .awaitCommand("failMe").replyError(null, ServerMessage.status("error", "Custom.Failed", "as asked"))
                .awaitCommand("last")
                .send(ServerMessage.command("onCustom", 7.0, null, "hello"))
                .await("the client's answer to onCustom", m -> m.type() == RtmpSpec.COMMAND_AMF0
                        && "_result".equals(first(m)))
                .reply(null, "done")
                .build();
        List<ServerCommand> commands = new CopyOnWriteArrayList<>();
        try (ScriptedRtmpServer server = ScriptedRtmpServer.start(script);
                NativeRtmp rtmp = new NativeRtmp()) {
            rtmp.setupUrl(server.url("app", "stream"));
            rtmp.setEventListener(new RtmpEventListener() {
                @Override
                public void onCommand(ServerCommand command) {
                    commands.add(command);
                    if (command.name().equals("onCustom")) {
                        try {
                            command.respond("hi back");
                        } catch (RtmpException e) {
                            throw new IllegalStateException(e);
                        }
                    }
                }
            });
            rtmp.connect();

            CallResult answer = rtmp.call("getAnswer", WAIT, 1.0, "two");
            assertEquals("forty-two", answer.value());
            assertEquals(RtmpPacket.TYPE_COMMAND, answer.packet().type());

            RemoteCallException error = assertThrows(RemoteCallException.class, () -> rtmp.call("failMe", WAIT));
            assertEquals("Custom.Failed", ((Map<?, ?>) error.result().value()).get("code"));

            assertEquals("done", rtmp.call("last", WAIT).value());
            rtmp.close();

            ScriptedSession session = server.awaitSession(WAIT);
            assertTrue(session.scriptCompleted(), session.scriptEnd());
            List<List<Object>> sent = session.transcript().messagesOfType(RtmpSpec.COMMAND_AMF0).stream()
                    .map(RemoteCallTest::decode).toList();
            // librtmp's connect is transaction 1: the calls take its next ids, a null command object, the arguments
            assertTrue(sent.contains(Arrays.asList("getAnswer", 2.0, null, 1.0, "two")), sent.toString());
            assertTrue(sent.contains(Arrays.asList("failMe", 3.0, null)), sent.toString());
            assertTrue(sent.contains(Arrays.asList("last", 4.0, null)), sent.toString());
            assertTrue(sent.contains(Arrays.asList("_result", 7.0, null, "hi back")), sent.toString());
            RtmpMessage call = session.transcript().messagesOfType(RtmpSpec.COMMAND_AMF0).stream()
                    .filter(m -> "getAnswer".equals(first(m))).findFirst().orElseThrow();
            assertEquals(3, call.chunkStreamId());
            assertEquals(0, call.streamId());
        }
        assertTrue(commands.stream().anyMatch(c -> c.name().equals("onCustom") && c.transactionId() == 7.0
                && c.arguments().equals(List.of("hello"))), commands.toString());
    }

    @Test
    void aCallDuringPlayIsAnsweredThroughTheReadsOfAnotherThread() throws Exception {
        List<FlvTag> tags = SampleFlv.tags(23, 2000, 1500);
        ServerScript.Builder b = connected().awaitCommand("createStream").reply(null, 1.0).awaitCommand("play")
                .send(ServerMessage.userControl(0, 1),
                        ServerMessage.onStatus(1, ServerMessage.status("status", "NetStream.Play.Start", "")));
        for (FlvTag tag : tags.subList(1, 1001)) {
            b.send(ServerMessage.media(tag).onStream(1));
        }
        b.awaitCommand("midPlay").reply(null, "while playing");
        for (FlvTag tag : tags.subList(1001, tags.size())) {
            b.send(ServerMessage.media(tag).onStream(1));
        }
        b.send(ServerMessage.onStatus(1, ServerMessage.status("status", "NetStream.Play.Complete", "")));
        try (ScriptedRtmpServer server = ScriptedRtmpServer.start(b.build()); NativeRtmp rtmp = new NativeRtmp()) {
            rtmp.setupUrl(server.url("vod", "x"));
            rtmp.connect();
            rtmp.connectStream(0);
            byte[] buf = new byte[16 * 1024];
            assertTrue(rtmp.read(buf, 0, buf.length) > 0);
            CompletableFuture<Long> reader = CompletableFuture.supplyAsync(() -> {
                long total = 0;
                try {
                    int n;
                    while ((n = rtmp.read(buf, 0, buf.length)) >= 0) {
                        total += n;
                    }
                } catch (RtmpException e) {
                    throw new IllegalStateException(e);
                }
                return total;
            });
            assertEquals("while playing", rtmp.call("midPlay", WAIT).value());
            assertTrue(reader.get(30, TimeUnit.SECONDS) > 0, "the play went on to its end");
        }
    }

    @Test
    void aCallDuringPublishReadsItsAnswerItself() throws Exception {
        List<FlvTag> tags = SampleFlv.tags(29, 100, 2000);
        ServerScript script = connected().awaitCommand("createStream").reply(null, 1.0).awaitCommand("publish")
                .send(ServerMessage.onStatus(1, ServerMessage.status("status", "NetStream.Publish.Start", "")))
                .awaitCommand("midPublish").reply(null, 5.0)
                .await("the end of the publish", m -> "deleteStream".equals(first(m)))
                .build();
        try (ScriptedRtmpServer server = ScriptedRtmpServer.start(script); NativeRtmp rtmp = new NativeRtmp()) {
            rtmp.setupUrl(server.url("app", "stream"));
            rtmp.enableWrite();
            rtmp.connect();
            rtmp.connectStream(0);
            byte[] flv = SampleFlv.file(tags);
            rtmp.write(flv, 0, flv.length);
            assertEquals(5.0, rtmp.call("midPublish", WAIT).value());
            rtmp.write(flv, 13, flv.length - 13);
            rtmp.close();
            ScriptedSession session = server.awaitSession(WAIT);
            assertTrue(session.scriptCompleted(), session.scriptEnd());
            assertEquals(2 * (tags.size() - 1), session.transcript().messages().stream()
                    .filter(m -> m.type() == RtmpSpec.AUDIO || m.type() == RtmpSpec.VIDEO).count());
        }
    }

    @Test
    void packetsAreReadWithoutLibrtmpHandlingThemThenHandledAndSentAsGiven() throws Exception {
        ServerScript script = connected()
                .send(ServerMessage.command("onHello", 0.0, null, "packet"))
                .await("the client's own packet", m -> "fromJava".equals(first(m)))
                .build();
        List<String> commands = new CopyOnWriteArrayList<>();
        try (ScriptedRtmpServer server = ScriptedRtmpServer.start(script); NativeRtmp rtmp = new NativeRtmp()) {
            rtmp.setupUrl(server.url("app", "stream"));
            rtmp.setEventListener(new RtmpEventListener() {
                @Override
                public void onCommand(ServerCommand command) {
                    commands.add(command.name());
                }
            });
            rtmp.connect();
            RtmpPacket hello;
            do {
                hello = rtmp.readPacket();
            } while (hello.type() != RtmpPacket.TYPE_COMMAND);
            assertEquals(Arrays.asList("onHello", 0.0, null, "packet"), Amf0.decodeAll(hello.body()));
            Thread.sleep(200);
            assertTrue(!commands.contains("onHello"), "read, not handled: " + commands);
            assertTrue(!rtmp.handlePacket(hello), "a command is no media message");
            long end = System.nanoTime() + WAIT.toNanos();
            while (!commands.contains("onHello") && System.nanoTime() < end) {
                Thread.sleep(10);
            }
            assertTrue(commands.contains("onHello"), commands.toString());
            byte[] body = Amf0.encode("fromJava", 0.0, null, 42.0);
            rtmp.sendPacket(RtmpPacket.command(0, body), false);
            rtmp.close();
            ScriptedSession session = server.awaitSession(WAIT);
            assertTrue(session.scriptCompleted(), session.scriptEnd());
            RtmpMessage own = session.transcript().messagesOfType(RtmpSpec.COMMAND_AMF0).stream()
                    .filter(m -> "fromJava".equals(first(m))).findFirst().orElseThrow();
            assertTrue(Arrays.equals(body, own.payload()));
            assertEquals(RtmpPacket.COMMAND_CHUNK_STREAM, own.chunkStreamId());
        }
    }

    @Test
    void aCallWithoutAnAnswerEndsByItsTimeoutAndSaysSo() throws Exception {
        ServerScript script = connected().pause(Duration.ofSeconds(5)).build();
        try (ScriptedRtmpServer server = ScriptedRtmpServer.start(script);
                NativeRtmp rtmp = new NativeRtmp()) {
            rtmp.setupUrl(server.url("app", "stream"));
            rtmp.connect();
            long start = System.nanoTime();
            RtmpException e = assertThrows(RtmpException.class, () -> rtmp.call("nobodyAnswers", Duration.ofMillis(700)));
            long tookMillis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(e.getMessage().contains("no answer within 700 ms"), e.getMessage());
            assertTrue(tookMillis >= 600 && tookMillis < 5000, "took " + tookMillis + " ms");
        }
    }

    @Test
    void badArgumentsAreRefusedClearly() throws Exception {
        try (ScriptedRtmpServer server = ScriptedRtmpServer.start(connected().build());
                NativeRtmp rtmp = new NativeRtmp()) {
            rtmp.setupUrl(server.url("app", "stream"));
            assertThrows(RtmpException.class, () -> rtmp.call("early", WAIT)); // not connected yet
            rtmp.connect();
            assertThrows(IllegalArgumentException.class, () -> rtmp.call("", WAIT));
            assertThrows(IllegalArgumentException.class, () -> rtmp.call("bad", WAIT, new Object()));
            assertThrows(IllegalArgumentException.class,
                    () -> new RtmpPacket(RtmpPacket.TYPE_COMMAND, 1, 0, 0, 0, new byte[0]));
        }
    }

    private static Object first(RtmpMessage m) {
        List<Object> values = decode(m);
        return values.isEmpty() ? null : values.get(0);
    }

    private static List<Object> decode(RtmpMessage m) {
        try {
            return Amf0.decodeAll(m.payload());
        } catch (Exception e) {
            return List.of();
        }
    }
}
