package org.nativertmp.testkit.scorecard;

import static org.nativertmp.testkit.scorecard.ServerSteps.DYNAMIC;
import static org.nativertmp.testkit.scorecard.ServerSteps.HARD;
import static org.nativertmp.testkit.scorecard.ServerSteps.STREAM;
import static org.nativertmp.testkit.scorecard.ServerSteps.WINDOW;
import static org.nativertmp.testkit.scorecard.ServerSteps.connect;
import static org.nativertmp.testkit.scorecard.ServerSteps.createStream;
import static org.nativertmp.testkit.scorecard.ServerSteps.playEnd;
import static org.nativertmp.testkit.scorecard.ServerSteps.playStart;
import static org.nativertmp.testkit.scorecard.ServerSteps.script;
import static org.nativertmp.testkit.scorecard.ServerSteps.status;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.nativertmp.flv.FlvTag;
import org.nativertmp.testkit.RtmpSpec;
import org.nativertmp.testkit.ScriptContext;
import org.nativertmp.testkit.ServerMessage;
import org.nativertmp.testkit.ServerScript;

/** The corpus's scenarios in which the client plays. */
final class PlayScenarios {
    /** A timestamp jump that needs an extended delta: 0x1000000 ms, about 4.66 hours. */
    private static final long JUMP = 0x100_0000L;
    private static final double CALL_TRANSACTION = 7;
    private static final int AGGREGATED_TAGS = 10;
    private static final long AGGREGATE_OFFSET = 5000;

    private final List<FlvTag> tags;
    private final List<Scenario> all = new ArrayList<>();

    private PlayScenarios(List<FlvTag> tags) {
        this.tags = tags;
    }

    static List<Scenario> of(List<FlvTag> tags) {
        PlayScenarios p = new PlayScenarios(tags);
        p.basics();
        p.chunking();
        p.timestamps();
        p.controlMessages();
        p.statuses();
        return p.all;
    }

    private void add(String name, String description, String spec, ServerScript script, SpecCheck check) {
        all.add(Scenario.play(name, description, spec, script).checking(check));
    }

    private SpecCheck delivers(String section) {
        return Rules.deliversMedia(section, tags);
    }

    private void basics() {
        add("play-baseline", "a well-behaved server: the connect answered as for publish, Stream Begin,"
                + " NetStream.Play.Reset and Play.Start, |RtmpSampleAccess, the media, Stream EOF, NetStream.Play.Stop",
                "7.2.2.1 play", ServerSteps.play(tags), delivers("7.2.2.1"));
    }

    private void chunking() {
        add("play-chunk-size-128", "the server sends no Set Chunk Size: the media come in 128-byte chunks",
                "5.4.1 Set Chunk Size", play(b -> connect(b, WINDOW, WINDOW, DYNAMIC, RtmpSpec.DEFAULT_CHUNK_SIZE),
                        b -> ServerSteps.stream(b, tags)), delivers("5.4.1"));
        add("play-chunk-size-changes", "Set Chunk Size 64 after ten tags, 1 after the first chunk of the next video"
                + " longer than 64 bytes from tag 20 on, 0xFFFFFF before tag 40", "5.4.1 Set Chunk Size",
                play(ServerSteps::connect, b -> b.step("send the tags with Set Chunk Size 64, 1 (inside a video)"
                        + " and 0xFFFFFF between them", c -> changingChunkSizes(c, messages(tags)))), delivers("5.4.1"));
        add("play-chunk-stream-ids", "audio on chunk stream 64 (a 2-byte basic header), video on 320 (a 3-byte one),"
                + " script data on 65599 (the last)", "5.3.1.1 Chunk Basic Header", play(ServerSteps::connect,
                        b -> ServerSteps.stream(b, tags, m -> m.onChunkStream(m.type() == RtmpSpec.AUDIO ? 64
                                : m.type() == RtmpSpec.VIDEO ? 320 : 65_599))), delivers("5.3.1.1"));
        add("play-compressed-headers", "the media with type-1, type-2 and type-3 headers wherever they fit, as FMS"
                + " sends them", "5.3.1.2 Chunk Message Header", play(ServerSteps::connect,
                        b -> sendAll(b, "send the tags with the smallest headers that fit", compressed(messages(tags)))),
                delivers("5.3.1.2"));
        add("play-interleaved-chunks", "each video message's 128-byte chunks interleaved with the audio messages"
                + " after it", "5.3.1 Chunk Format (chunk streams interleave)",
                play(b -> connect(b, WINDOW, WINDOW, DYNAMIC, RtmpSpec.DEFAULT_CHUNK_SIZE), b -> b.step(
                        "send each video's chunks between the audio messages after it", c -> interleaved(c, messages(tags)))),
                delivers("5.3.1"));
        add("play-abort-inside-message", "chunk size 16; the last video message, sent after the others: its first"
                + " chunk, Abort Message for its chunk stream, then the whole message; 300 ms later the end", "5.4.2 Abort Message",
                endingWith(16, "send the tags, the last video aborted after its first chunk and sent again",
                        (c, m) -> {
                            c.begin(m).sendNextChunk();
                            c.send(ServerMessage.control(RtmpSpec.ABORT, m.chunkStreamId()));
                            c.send(m);
                        }, tags), delivers("5.4.2"));
        add("play-aggregate", "the media in Aggregate messages of ten tags each", "7.1.6 Aggregate Message",
                play(ServerSteps::connect, b -> sendAll(b, "send the tags in aggregates", aggregates(0))),
                delivers("7.1.6"));
        add("play-aggregate-with-offset", "Aggregate messages whose own timestamps are 5000 ms after their first"
                + " tag's: the tags' timestamps move by that offset", "7.1.6 Aggregate Message",
                play(ServerSteps::connect, b -> sendAll(b, "send the tags in aggregates 5000 ms ahead",
                        aggregates(AGGREGATE_OFFSET))),
                Rules.deliversMedia("7.1.6", ScorecardMedia.shifted(ScorecardMedia.media(tags), AGGREGATE_OFFSET)));
    }

    private void timestamps() {
        List<FlvTag> past = ScorecardMedia.shifted(tags, 0xFF_FF00L);
        add("play-timestamps-past-0xffffff", "media from 0xFFFF00 on, past 0xFFFFFF, in type-0 headers and 128-byte"
                + " chunks whose type-3 headers repeat the extended timestamp", "5.3.1.3 Extended Timestamp",
                play(b -> connect(b, WINDOW, WINDOW, DYNAMIC, RtmpSpec.DEFAULT_CHUNK_SIZE), b -> ServerSteps.stream(b, past)),
                Rules.deliversMedia("5.3.1.3", past));
        add("play-extended-timestamp-omitted", "the same from 0xFFFF00 on in 16-byte chunks, but the last video, sent"
                + " after the others, has type-3 headers without the extended timestamp (a server breaking 5.3.1.3,"
                + " as some do); 300 ms later the end", "5.3.1.3 Extended Timestamp", endingWith(16, "send the tags, the last video's"
                        + " type-3 headers without the extended timestamp", (c, m) -> c.send(m.repeatingExtendedTimestamp(false)),
                        past), SpecCheck.NONE);
        add("play-timestamps-past-0xffffff-as-deltas", "media from 0xFFFF00 on in type-1, -2 and -3 headers: one"
                + " extended absolute timestamp per chunk stream, then small deltas", "5.3.1.3 Extended Timestamp",
                play(b -> connect(b, WINDOW, WINDOW, DYNAMIC, RtmpSpec.DEFAULT_CHUNK_SIZE),
                        b -> sendAll(b, "send the tags with delta headers", compressed(messages(past)))),
                Rules.deliversMedia("5.3.1.3", past));
        List<FlvTag> wrapping = ScorecardMedia.shifted(tags, (1L << 32) - 1000);
        add("play-timestamps-wrap-2-32", "media from 1 s before 2^32, wrapping to 0, in delta headers",
                "4 Time Format (32-bit timestamps wrap)", play(ServerSteps::connect,
                        b -> sendAll(b, "send the tags with delta headers", compressed(messages(wrapping)))),
                Rules.deliversMedia("4 Time Format", wrapping));
        List<FlvTag> jumping = jumped(tags, 10, JUMP);
        add("play-timestamp-jump-extended-delta", "after ten tags the timestamps jump by 0x1000000 ms (4.66 hours):"
                + " a type-1 header with an extended delta", "5.3.1.3 Extended Timestamp", play(ServerSteps::connect,
                        b -> sendAll(b, "send the tags with delta headers", compressed(messages(jumping)))),
                Rules.deliversMedia("5.3.1.3", jumping));
    }

    private void controlMessages() {
        add("play-user-control-events", "Stream Is Recorded and a Ping Request after ten tags, Stream Dry and another"
                + " Ping Request ten tags later", "7.1.7 User Control Message Events", play(ServerSteps::connect,
                        b -> sendAll(b, "send the tags and the events", inserted(messages(tags), Map.of(
                                10, List.of(ServerMessage.userControl(RtmpSpec.EVENT_STREAM_IS_RECORDED, STREAM),
                                        ServerMessage.userControl(RtmpSpec.EVENT_PING_REQUEST, 1111)),
                                20, List.of(ServerMessage.userControl(RtmpSpec.EVENT_STREAM_DRY, STREAM),
                                        ServerMessage.userControl(RtmpSpec.EVENT_PING_REQUEST, 2222)))))),
                Rules.answersPings(1111, 2222));
        add("play-window-100", "Window Acknowledgement Size 100: the server expects an Acknowledgement for every"
                + " 100 bytes it sends", "5.4.4 Window Acknowledgement Size",
                play(b -> connect(b, 100, WINDOW, DYNAMIC, ServerSteps.CHUNK_SIZE), b -> ServerSteps.stream(b, tags)),
                Rules.acknowledgesEvery(100));
        add("play-peer-bandwidth-hard-1000", "Set Peer Bandwidth 1000, hard (limit type 0)", "5.4.5 Set Peer Bandwidth",
                play(b -> connect(b, WINDOW, 1000, HARD, ServerSteps.CHUNK_SIZE), b -> ServerSteps.stream(b, tags)),
                Rules.answersPeerBandwidth(1000));
        add("play-server-calls-method", "the server calls serverCall (transaction id 7) after ten tags",
                "7.2.1.2 call", play(ServerSteps::connect, b -> sendAll(b, "send the tags and the call", inserted(
                        messages(tags), Map.of(10, List.of(ServerMessage.command("serverCall", CALL_TRANSACTION, null,
                                "argument")))))), Rules.answersCall("serverCall", CALL_TRANSACTION));
    }

    private void statuses() {
        Map<String, Object> cue = new LinkedHashMap<>();
        cue.put("name", "cue");
        cue.put("time", 1.0);
        cue.put("type", "event");
        cue.put("parameters", new LinkedHashMap<>(Map.of("id", "1")));
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("duration", 2.0);
        meta.put("keyframes", List.of(0.0, 1.0));
        meta.put("comment", "y".repeat(70_000));
        List<ServerMessage> withCues = messages(tags);
        ServerMessage metadata = ServerMessage.data("onMetaData", Amf0Payloads.ecmaArray(meta)).onStream(STREAM);
        if (withCues.get(0).type() == RtmpSpec.DATA_AMF0) {
            withCues.set(0, metadata);
        } else {
            withCues.add(0, metadata);
        }
        add("play-metadata-and-cue-points", "onMetaData with a strict array and a 70,000-character long string, and"
                + " onCuePoint data messages among the media", "7.1.2 Data Message; AMF0 2.12 Strict Array, 2.14 Long String",
                play(ServerSteps::connect, b -> sendAll(b, "send the tags and the cue points", inserted(withCues, Map.of(
                        10, List.of(ServerMessage.data("onCuePoint", cue).onStream(STREAM).at(300)),
                        30, List.of(ServerMessage.data("onCuePoint", cue).onStream(STREAM).at(900)))))),
                delivers("7.1.2"));
        add("play-switch", "NetStream.Play.Switch (an onStatus and an onPlayStatus) in the middle of the stream, as a"
                + " server switching playlist items sends them", "7.2.2.1 play", play(ServerSteps::connect,
                        b -> sendAll(b, "send the tags and the switch", inserted(messages(tags), Map.of(30, List.of(
                                status("status", "NetStream.Play.Switch"), onPlayStatus("NetStream.Play.Switch")))))),
                delivers("7.2.2.1"));
        ServerScript.Builder complete = script();
        connect(complete);
        createStream(complete);
        playStart(complete);
        ServerSteps.stream(complete, tags).send(ServerMessage.userControl(RtmpSpec.EVENT_STREAM_EOF, STREAM),
                onPlayStatus("NetStream.Play.Complete"));
        add("play-complete-as-onplaystatus", "the stream ends with Stream EOF and onPlayStatus NetStream.Play.Complete"
                + " (a data message, as FMS sends it), without NetStream.Play.Stop", "7.2.2.1 play", complete.build(),
                delivers("7.2.2.1"));
        ServerScript.Builder unpublished = script();
        connect(unpublished);
        createStream(unpublished);
        playStart(unpublished);
        ServerSteps.stream(unpublished, tags).send(status("status", "NetStream.Play.UnpublishNotify"));
        add("play-unpublish-notify", "a live stream's end: NetStream.Play.UnpublishNotify instead of Stream EOF and"
                + " Play.Stop", "7.2.2.1 play", unpublished.build(), delivers("7.2.2.1"));
        ServerScript.Builder notFound = script();
        connect(notFound);
        createStream(notFound);
        notFound.awaitCommand("play").send(status("error", "NetStream.Play.StreamNotFound"));
        add("play-stream-not-found", "play answered with NetStream.Play.StreamNotFound (level error)", "7.2.2.1 play",
                notFound.pause(Duration.ofMillis(300)).build(), SpecCheck.NONE);
        List<ServerMessage> media = messages(tags);
        ServerScript.Builder early = script();
        connect(early);
        createStream(early);
        early.awaitCommand("play").send(ServerMessage.userControl(RtmpSpec.EVENT_STREAM_BEGIN, STREAM));
        sendAll(early, "send the first ten tags", media.subList(0, 10));
        early.send(status("status", "NetStream.Play.Reset"), status("status", "NetStream.Play.Start"));
        sendAll(early, "send the other tags", media.subList(10, media.size()));
        add("play-media-before-start", "the first ten tags before NetStream.Play.Start", "7.2.2.1 play",
                playEnd(early).build(), SpecCheck.NONE);
    }

    /** What a scenario does to one message instead of sending it. */
    @FunctionalInterface
    private interface MessageTwist {
        void send(ScriptContext c, ServerMessage m) throws java.io.IOException;
    }

    /**
     * The play of {@code tags} at {@code chunkSize}, the last video message longer than a chunk
     * sent after all the others as {@code twist} says, then a pause before the end: a client that gives up at the twist has read all there
     * was by then, so that it closes cleanly (a close with unread bytes would be a TCP reset, which
     * can lose what the client sent last).
     */
    private static ServerScript endingWith(int chunkSize, String description, MessageTwist twist, List<FlvTag> tags) {
        List<ServerMessage> messages = messages(tags);
        int last = -1;
        for (int i = 0; i < messages.size(); i++) {
            if (messages.get(i).type() == RtmpSpec.VIDEO && messages.get(i).payload().length > chunkSize) {
                last = i;
            }
        }
        int twisted = last;
        ServerScript.Builder b = script();
        connect(b, WINDOW, WINDOW, DYNAMIC, chunkSize);
        createStream(b);
        playStart(b);
        b.step(description, c -> {
            for (int i = 0; i < messages.size(); i++) {
                if (i != twisted) {
                    c.send(messages.get(i));
                }
            }
            if (twisted >= 0) {
                twist.send(c, messages.get(twisted));
            }
        });
        return playEnd(b.pause(Duration.ofMillis(300))).build();
    }

    /** connect, createStream and play answered, then {@code media}, then the end of a recorded stream. */
    private static ServerScript play(Consumer<ServerScript.Builder> connectAnswer, Consumer<ServerScript.Builder> media) {
        ServerScript.Builder b = script();
        connectAnswer.accept(b);
        createStream(b);
        playStart(b);
        media.accept(b);
        return playEnd(b).build();
    }

    private static ServerScript.Builder sendAll(ServerScript.Builder b, String description, List<ServerMessage> messages) {
        List<ServerMessage> copy = List.copyOf(messages);
        return b.step(description, c -> {
            for (ServerMessage m : copy) {
                c.send(m);
            }
        });
    }

    private static List<ServerMessage> messages(List<FlvTag> tags) {
        List<ServerMessage> m = new ArrayList<>();
        for (FlvTag t : tags) {
            m.add(ServerMessage.media(t));
        }
        return m;
    }

    /** The messages with {@code extra} sent before the message of each index. */
    private static List<ServerMessage> inserted(List<ServerMessage> messages, Map<Integer, List<ServerMessage>> extra) {
        List<ServerMessage> out = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            out.addAll(extra.getOrDefault(i, List.of()));
            out.add(messages.get(i));
        }
        return out;
    }

    /** The smallest header each message can have after the one before it on its chunk stream (5.3.1.2). */
    static List<ServerMessage> compressed(List<ServerMessage> messages) {
        Map<Integer, ServerMessage> last = new LinkedHashMap<>();
        Map<Integer, Long> lastDelta = new LinkedHashMap<>();
        List<ServerMessage> out = new ArrayList<>();
        for (ServerMessage m : messages) {
            ServerMessage p = last.get(m.chunkStreamId());
            int fmt = 0;
            long delta = 0;
            if (p != null && p.streamId() == m.streamId()) {
                delta = (m.timestamp() - p.timestamp()) & 0xFFFF_FFFFL;
                boolean sameShape = p.type() == m.type() && p.payload().length == m.payload().length;
                fmt = !sameShape ? 1 : Long.valueOf(delta).equals(lastDelta.get(m.chunkStreamId())) ? 3 : 2;
            }
            out.add(m.withHeaderType(fmt));
            last.put(m.chunkStreamId(), m);
            lastDelta.put(m.chunkStreamId(), fmt == 0 ? null : delta);
        }
        return out;
    }

    /** Aggregate messages (7.1.6) of up to ten media tags, each at its first tag's time plus {@code offset}. */
    private List<ServerMessage> aggregates(long offset) {
        List<ServerMessage> out = new ArrayList<>();
        out.add(ServerMessage.media(tags.get(0)));
        List<FlvTag> media = ScorecardMedia.media(tags);
        for (int i = 0; i < media.size(); i += AGGREGATED_TAGS) {
            List<FlvTag> group = media.subList(i, Math.min(media.size(), i + AGGREGATED_TAGS));
            java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
            group.forEach(t -> body.writeBytes(t.encode()));
            out.add(ServerMessage.of(RtmpSpec.AGGREGATE, body.toByteArray()).onStream(STREAM)
                    .onChunkStream(RtmpSpec.CSID_VIDEO).at(group.get(0).timestamp() + offset));
        }
        return out;
    }

    /** The tags, every one from index {@code from} on {@code jump} ms later. */
    private static List<FlvTag> jumped(List<FlvTag> tags, int from, long jump) {
        List<FlvTag> out = new ArrayList<>();
        for (int i = 0; i < tags.size(); i++) {
            FlvTag t = tags.get(i);
            out.add(i < from ? t : new FlvTag(t.type(), (t.timestamp() + jump) & 0xFFFF_FFFFL, t.payload()));
        }
        return out;
    }

    private static ServerMessage onPlayStatus(String code) {
        return ServerMessage.data("onPlayStatus", ServerMessage.status("status", code, code)).onStream(STREAM);
    }

    private static void changingChunkSizes(ScriptContext c, List<ServerMessage> messages) throws java.io.IOException {
        boolean cut = false;
        for (int i = 0; i < messages.size(); i++) {
            ServerMessage m = messages.get(i);
            if (i == 10) {
                c.send(ServerMessage.control(RtmpSpec.SET_CHUNK_SIZE, 64));
            }
            if (i == 40) {
                c.send(ServerMessage.control(RtmpSpec.SET_CHUNK_SIZE, RtmpSpec.MAX_MESSAGE_LENGTH));
            }
            if (!cut && i >= 20 && i < 40 && m.type() == RtmpSpec.VIDEO && m.payload().length > 64) {
                cut = true;
                ScriptContext.ChunkedSend video = c.begin(messages.get(i));
                video.sendNextChunk();
                c.send(ServerMessage.control(RtmpSpec.SET_CHUNK_SIZE, 1));
                video.sendRest();
            } else {
                c.send(messages.get(i));
            }
        }
    }

    private static void interleaved(ScriptContext c, List<ServerMessage> messages) throws java.io.IOException {
        ScriptContext.ChunkedSend video = null;
        for (ServerMessage m : messages) {
            if (m.type() == RtmpSpec.VIDEO) {
                if (video != null) {
                    video.sendRest();
                }
                video = c.begin(m);
                video.sendNextChunk();
            } else {
                c.send(m);
                if (video != null && video.hasNextChunk()) {
                    video.sendNextChunk();
                }
            }
        }
        if (video != null) {
            video.sendRest();
        }
    }
}
