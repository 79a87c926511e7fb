package org.nativertmp.testkit.scorecard;

import static org.nativertmp.testkit.scorecard.ServerSteps.DYNAMIC;
import static org.nativertmp.testkit.scorecard.ServerSteps.HARD;
import static org.nativertmp.testkit.scorecard.ServerSteps.STREAM;
import static org.nativertmp.testkit.scorecard.ServerSteps.WINDOW;
import static org.nativertmp.testkit.scorecard.ServerSteps.connect;
import static org.nativertmp.testkit.scorecard.ServerSteps.createStream;
import static org.nativertmp.testkit.scorecard.ServerSteps.endOfPublish;
import static org.nativertmp.testkit.scorecard.ServerSteps.publishStart;
import static org.nativertmp.testkit.scorecard.ServerSteps.script;
import static org.nativertmp.testkit.scorecard.ServerSteps.status;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nativertmp.flv.FlvTag;
import org.nativertmp.testkit.RtmpSpec;
import org.nativertmp.testkit.ScriptContext;
import org.nativertmp.testkit.ServerMessage;
import org.nativertmp.testkit.ServerScript;

/** The corpus's scenarios in which the client publishes. */
final class PublishScenarios {
    /** A timestamp that needs the extended field: 0x1000000 ms, about 4.66 hours. */
    private static final long EXTENDED = 0x100_0000L;
    private static final double CALL_TRANSACTION = 7;

    private final List<FlvTag> tags;
    private final List<Scenario> all = new ArrayList<>();

    private PublishScenarios(List<FlvTag> tags) {
        this.tags = tags;
    }

    static List<Scenario> of(List<FlvTag> tags) {
        PublishScenarios p = new PublishScenarios(tags);
        p.basics();
        p.chunking();
        p.timestamps();
        p.controlMessages();
        p.commands();
        p.amf0();
        return p.all;
    }

    private void add(String name, String description, String spec, ServerScript script, SpecCheck check) {
        add(name, description, spec, script, tags, check);
    }

    private void add(String name, String description, String spec, ServerScript script, List<FlvTag> published,
            SpecCheck check) {
        all.add(Scenario.publish(name, description, spec, script, published).checking(check));
    }

    private void basics() {
        add("publish-baseline", "a well-behaved server: Window Acknowledgement Size and Set Peer Bandwidth 2,500,000"
                + " (dynamic), chunk size 4096, connect and createStream answered, NetStream.Publish.Start",
                "7.2.2.6 publish", ServerSteps.publish(), SpecCheck.NONE);
    }

    private void chunking() {
        add("publish-chunk-size-128", "the server sends no Set Chunk Size: its answers come in 128-byte chunks",
                "5.4.1 Set Chunk Size", withConnect(b -> connect(b, WINDOW, WINDOW, DYNAMIC, RtmpSpec.DEFAULT_CHUNK_SIZE)),
                SpecCheck.NONE);
        add("publish-chunk-size-1", "Set Chunk Size 1: every chunk from the server carries one byte",
                "5.4.1 Set Chunk Size", withConnect(b -> connect(b, WINDOW, WINDOW, DYNAMIC, 1)), SpecCheck.NONE);
        add("publish-chunk-size-16777215", "Set Chunk Size 0xFFFFFF, the largest message length: every message in one chunk",
                "5.4.1 Set Chunk Size", withConnect(b -> connect(b, WINDOW, WINDOW, DYNAMIC, RtmpSpec.MAX_MESSAGE_LENGTH)),
                SpecCheck.NONE);
        add("publish-chunk-size-change-inside-message", "the connect result's first 128-byte chunk, Set Chunk Size 32,"
                + " then the rest of the result in 32-byte chunks", "5.4.1 Set Chunk Size",
                withConnect(b -> b.awaitCommand("connect").step("send the connect result's first chunk, Set Chunk Size 32,"
                        + " then its other chunks", c -> {
                            ScriptContext.ChunkedSend result = c.begin(ServerSteps.connectResult(c.lastTransactionId()));
                            result.sendNextChunk();
                            c.send(ServerMessage.control(RtmpSpec.SET_CHUNK_SIZE, 32));
                            result.sendRest();
                        })), SpecCheck.NONE);
        ServerScript.Builder ids = script().awaitCommand("connect");
        ids.step("send the connect result on chunk stream 64", c -> c.send(ServerSteps.connectResult(c.lastTransactionId())
                .onChunkStream(64)));
        ids.awaitCommand("createStream").step("send the createStream result on chunk stream 320",
                c -> c.send(ServerMessage.command("_result", c.lastTransactionId(), null, (double) STREAM).onChunkStream(320)));
        ids.awaitCommand("publish").send(status("status", "NetStream.Publish.Start").onChunkStream(65_599));
        add("publish-chunk-stream-ids", "answers on chunk streams 64 (the first with a 2-byte basic header),"
                + " 320 (the first with a 3-byte one) and 65599 (the last)", "5.3.1.1 Chunk Basic Header",
                endOfPublish(ids).build(), SpecCheck.NONE);
        ServerScript.Builder compressed = script();
        connect(compressed).awaitCommand("createStream").step("send the createStream result with a type-1 header",
                c -> c.send(ServerMessage.command("_result", c.lastTransactionId(), null, (double) STREAM)
                        .at(20).withHeaderType(1)));
        compressed.awaitCommand("publish").send(ServerMessage.userControl(RtmpSpec.EVENT_PING_REQUEST, 1111),
                ServerMessage.userControl(RtmpSpec.EVENT_PING_REQUEST, 2222).at(40).withHeaderType(2),
                ServerMessage.userControl(RtmpSpec.EVENT_PING_REQUEST, 3333).withHeaderType(3),
                status("status", "NetStream.Publish.Start"));
        add("publish-compressed-headers", "the createStream result in a type-1 header, then Ping Requests in type-0,"
                + " type-2 and type-3 headers", "5.3.1.2 Chunk Message Header", endOfPublish(compressed).build(),
                Rules.answersPings(1111, 2222, 3333).and(Rules.startsChunkStreamsWithType0()));
        ServerScript.Builder abort = script();
        connect(abort, WINDOW, WINDOW, DYNAMIC, 16).awaitCommand("createStream").step("send the createStream result's"
                + " first 16-byte chunk, Abort Message for chunk stream 3, then the whole result", c -> {
                    ServerMessage result = ServerMessage.command("_result", c.lastTransactionId(), null, (double) STREAM);
                    c.begin(result).sendNextChunk();
                    c.send(ServerMessage.control(RtmpSpec.ABORT, RtmpSpec.CSID_COMMAND));
                    c.send(result);
                });
        publishStart(abort);
        add("publish-abort-message", "the createStream result's first chunk, Abort Message for its chunk stream,"
                + " then the whole result", "5.4.2 Abort Message", endOfPublish(abort).build(), SpecCheck.NONE);
    }

    private void timestamps() {
        add("publish-extended-timestamp-repeated", "the server's answers at timestamp 0x1000000 (an extended timestamp),"
                + " in 128-byte chunks whose type-3 headers repeat it", "5.3.1.3 Extended Timestamp",
                extendedAnswers(true), SpecCheck.NONE);
        add("publish-extended-timestamp-omitted", "the same answers, but their type-3 headers leave the extended"
                + " timestamp out (a server breaking 5.3.1.3, as some do)", "5.3.1.3 Extended Timestamp",
                extendedAnswers(false), SpecCheck.NONE);
        add("publish-timestamps-past-0xffffff", "the client publishes media whose timestamps start at 0xFFFF00 and"
                + " pass 0xFFFFFF", "5.3.1.3 Extended Timestamp", ServerSteps.publish(),
                ScorecardMedia.shifted(tags, 0xFF_FF00L), Rules.repeatsExtendedTimestamps());
        add("publish-timestamps-wrap-2-32", "the client publishes media whose timestamps start 1 s before 2^32 and"
                + " wrap to 0", "4 Time Format (32-bit timestamps wrap); 5.3.1.3 Extended Timestamp",
                ServerSteps.publish(), ScorecardMedia.shifted(tags, (1L << 32) - 1000), Rules.repeatsExtendedTimestamps());
    }

    /** connect, createStream and publish answered at timestamp 0x1000000, in 128-byte chunks. */
    private static ServerScript extendedAnswers(boolean repeat) {
        ServerScript.Builder b = script();
        b.awaitCommand("connect").send(ServerMessage.control(RtmpSpec.WINDOW_ACK_SIZE, WINDOW),
                ServerMessage.peerBandwidth(WINDOW, DYNAMIC));
        b.step("send the connect result at " + EXTENDED, c -> c.send(ServerSteps.connectResult(c.lastTransactionId())
                .at(EXTENDED).repeatingExtendedTimestamp(repeat)));
        b.awaitCommand("createStream").step("send the createStream result at " + EXTENDED, c -> c.send(ServerMessage
                .command("_result", c.lastTransactionId(), null, (double) STREAM).at(EXTENDED).repeatingExtendedTimestamp(repeat)));
        Map<String, Object> info = ServerMessage.status("status", "NetStream.Publish.Start",
                "A description long enough that this status takes two chunks of 128 bytes, so that its second chunk"
                        + " has a type-3 header after the extended timestamp.");
        b.awaitCommand("publish").send(ServerMessage.onStatus(STREAM, info).at(EXTENDED).repeatingExtendedTimestamp(repeat));
        return endOfPublish(b).build();
    }

    private void controlMessages() {
        add("publish-window-100", "Window Acknowledgement Size 100: the server expects an Acknowledgement for every"
                + " 100 bytes it sends", "5.4.4 Window Acknowledgement Size",
                withConnect(b -> connect(b, 100, WINDOW, DYNAMIC, ServerSteps.CHUNK_SIZE)), Rules.acknowledgesEvery(100));
        add("publish-peer-bandwidth-hard-1000", "Set Peer Bandwidth 1000, hard (limit type 0)", "5.4.5 Set Peer Bandwidth",
                withConnect(b -> connect(b, WINDOW, 1000, HARD, ServerSteps.CHUNK_SIZE)), Rules.answersPeerBandwidth(1000));
        add("publish-stream-begin-and-recorded", "Stream Begin and Stream Is Recorded for stream 1 before"
                + " NetStream.Publish.Start", "7.1.7 User Control Message Events",
                beforePublishStart(ServerMessage.userControl(RtmpSpec.EVENT_STREAM_BEGIN, STREAM),
                        ServerMessage.userControl(RtmpSpec.EVENT_STREAM_IS_RECORDED, STREAM)), SpecCheck.NONE);
    }

    private void commands() {
        ServerScript.Builder bw = script();
        connect(bw).send(ServerMessage.command("onBWDone", 0, (Object) null));
        createStream(bw);
        publishStart(bw);
        add("publish-onbwdone", "onBWDone after the connect result, as FMS and Red5 send it",
                "7.2.1.2 call (bandwidth detection)", endOfPublish(bw).build(), SpecCheck.NONE);
        add("publish-server-calls-method", "the server calls serverCall (transaction id 7) before"
                + " NetStream.Publish.Start", "7.2.1.2 call",
                beforePublishStart(ServerMessage.command("serverCall", CALL_TRANSACTION, null, "argument")),
                Rules.answersCall("serverCall", CALL_TRANSACTION));
        ServerScript.Builder close = script();
        connect(close);
        createStream(close);
        close.awaitCommand("publish").send(ServerMessage.command("close", 0, (Object) null));
        add("publish-server-invokes-close", "the server invokes close instead of answering publish", "7.2.1.2 call",
                close.pause(Duration.ofMillis(300)).build(), SpecCheck.NONE);
        ServerScript.Builder rejected = script();
        rejected.awaitCommand("connect").replyError(null, ServerMessage.status("error", "NetConnection.Connect.Rejected",
                "Connection rejected."));
        add("publish-connect-rejected", "connect answered with _error NetConnection.Connect.Rejected",
                "7.2.1.1 connect", rejected.pause(Duration.ofMillis(300)).build(), SpecCheck.NONE);
        ServerScript.Builder noStream = script();
        connect(noStream).awaitCommand("createStream").replyError(null, ServerMessage.status("error",
                "NetConnection.Call.Failed", "No stream for you."));
        add("publish-createstream-error", "createStream answered with _error", "7.2.1.3 createStream",
                noStream.pause(Duration.ofMillis(300)).build(), SpecCheck.NONE);
        ServerScript.Builder badName = script();
        connect(badName);
        createStream(badName);
        badName.awaitCommand("publish").send(status("error", "NetStream.Publish.BadName"));
        add("publish-bad-name", "publish answered with onStatus NetStream.Publish.BadName (level error)",
                "7.2.2.6 publish", badName.pause(Duration.ofMillis(300)).build(), SpecCheck.NONE);
        ServerScript.Builder late = script();
        connect(late);
        createStream(late);
        late.awaitCommand("publish").pause(Duration.ofMillis(500)).send(status("status", "NetStream.Publish.Start"));
        add("publish-start-late", "NetStream.Publish.Start 500 ms after publish", "7.2.2.6 publish",
                endOfPublish(late).build(), SpecCheck.NONE);
        ServerScript.Builder early = script();
        connect(early).awaitCommand("createStream").reply(null, (double) STREAM)
                .send(status("status", "NetStream.Publish.Start"));
        add("publish-start-before-publish", "NetStream.Publish.Start right after the createStream result, before the"
                + " client's publish", "7.2.2.6 publish", endOfPublish(early).build(), SpecCheck.NONE);
    }

    private void amf0() {
        Map<String, Object> info = new LinkedHashMap<>(ServerSteps.connectInformation());
        ServerScript.Builder ecma = script();
        ecma.awaitCommand("connect").send(ServerMessage.control(RtmpSpec.WINDOW_ACK_SIZE, WINDOW),
                ServerMessage.peerBandwidth(WINDOW, DYNAMIC)).setChunkSize(ServerSteps.CHUNK_SIZE)
                .reply(Amf0Payloads.ecmaArray(ServerSteps.connectProperties()), Amf0Payloads.ecmaArray(info));
        createStream(ecma);
        ecma.awaitCommand("publish").send(ServerMessage.command("onStatus", 0, null, Amf0Payloads.ecmaArray(
                ServerMessage.status("status", "NetStream.Publish.Start", "in an ECMA array")))
                .onStream(STREAM).onChunkStream(RtmpSpec.CSID_DATA));
        add("publish-statuses-in-ecma-arrays", "the connect result's properties and information, and"
                + " NetStream.Publish.Start, in ECMA arrays instead of objects", "AMF0 2.10 ECMA Array",
                endOfPublish(ecma).build(), SpecCheck.NONE);
        add("publish-status-without-object-end", "NetStream.Publish.Start in an object that lacks its end marker",
                "AMF0 2.5 Object, 2.11 Object End", replacedPublishStart(ServerMessage.of(RtmpSpec.COMMAND_AMF0,
                        Amf0Payloads.onStatusWithoutObjectEnd("NetStream.Publish.Start")).onStream(STREAM)
                        .onChunkStream(RtmpSpec.CSID_DATA)), SpecCheck.NONE);
        String longText = "x".repeat(70_000);
        add("publish-long-string", "NetStream.Publish.Start whose description is a long string of 70,000 characters",
                "AMF0 2.14 Long String", replacedPublishStart(ServerMessage.onStatus(STREAM,
                        ServerMessage.status("status", "NetStream.Publish.Start", longText))), SpecCheck.NONE);
    }

    /** The standard publish with another connect answer. */
    private static ServerScript withConnect(java.util.function.Consumer<ServerScript.Builder> connectAnswer) {
        ServerScript.Builder b = script();
        connectAnswer.accept(b);
        createStream(b);
        publishStart(b);
        return endOfPublish(b).build();
    }

    /** The standard publish with these messages sent just before NetStream.Publish.Start. */
    private static ServerScript beforePublishStart(ServerMessage... messages) {
        ServerScript.Builder b = script();
        connect(b);
        createStream(b);
        b.awaitCommand("publish").send(messages).send(status("status", "NetStream.Publish.Start"));
        return endOfPublish(b).build();
    }

    /** The standard publish, its NetStream.Publish.Start replaced by {@code start}. */
    private static ServerScript replacedPublishStart(ServerMessage start) {
        ServerScript.Builder b = script();
        connect(b);
        createStream(b);
        b.awaitCommand("publish").send(start);
        return endOfPublish(b).build();
    }
}
