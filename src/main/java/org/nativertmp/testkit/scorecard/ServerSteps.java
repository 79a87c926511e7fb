package org.nativertmp.testkit.scorecard;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.nativertmp.flv.FlvTag;
import org.nativertmp.testkit.RtmpMessage;
import org.nativertmp.testkit.RtmpSpec;
import org.nativertmp.testkit.ServerMessage;
import org.nativertmp.testkit.ServerScript;

/**
 * The parts of a well-behaved server (as FMS, Red5 and nginx-rtmp answer), which the scenarios
 * put together and change one thing in.
 */
final class ServerSteps {
    /** The message stream id createStream answers. */
    static final long STREAM = 1;
    /** What FMS and nginx-rtmp announce as Window Acknowledgement Size and peer bandwidth. */
    static final long WINDOW = 2_500_000;
    static final int CHUNK_SIZE = 4096;
    /** 5.4.5 limit types. */
    static final int HARD = 0;
    static final int DYNAMIC = RtmpSpec.PEER_BANDWIDTH_DYNAMIC;

    private ServerSteps() {
    }

    static ServerScript.Builder script() {
        return ServerScript.builder();
    }

    /** connect answered: Window Ack Size and Set Peer Bandwidth 2,500,000 (dynamic), chunk size 4096, _result. */
    static ServerScript.Builder connect(ServerScript.Builder b) {
        return connect(b, WINDOW, WINDOW, DYNAMIC, CHUNK_SIZE);
    }

    /** connect answered with these announcements (a chunk size of 128 sends no Set Chunk Size). */
    static ServerScript.Builder connect(ServerScript.Builder b, long window, long bandwidth, int limitType, int chunkSize) {
        b.awaitCommand("connect").send(ServerMessage.control(RtmpSpec.WINDOW_ACK_SIZE, window),
                ServerMessage.peerBandwidth(bandwidth, limitType));
        if (chunkSize != RtmpSpec.DEFAULT_CHUNK_SIZE) {
            b.setChunkSize(chunkSize);
        }
        return b.reply(connectProperties(), connectInformation());
    }

    /** The connect _result, to send by hand: {@code _result(txn, properties, information)}. */
    static ServerMessage connectResult(double txn) {
        return ServerMessage.command("_result", txn, connectProperties(), connectInformation());
    }

    static Map<String, Object> connectProperties() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("fmsVer", "FMS/3,5,7,7009");
        p.put("capabilities", 31.0);
        p.put("mode", 1.0);
        return p;
    }

    static Map<String, Object> connectInformation() {
        Map<String, Object> i = ServerMessage.status("status", "NetConnection.Connect.Success", "Connection succeeded.");
        i.put("objectEncoding", 0.0);
        return i;
    }

    /** createStream answered with stream 1. */
    static ServerScript.Builder createStream(ServerScript.Builder b) {
        return b.awaitCommand("createStream").reply(null, (double) STREAM);
    }

    /** publish answered with NetStream.Publish.Start. */
    static ServerScript.Builder publishStart(ServerScript.Builder b) {
        return b.awaitCommand("publish").send(status("status", "NetStream.Publish.Start"));
    }

    /**
     * Waits for the client to end its publish, as clients do: FCUnpublish, closeStream,
     * deleteStream or publish(false); the last two are answered with NetStream.Unpublish.Success
     * (Red5's client waits for it).
     */
    static ServerScript.Builder endOfPublish(ServerScript.Builder b) {
        return b.step("await the end of the publish (FCUnpublish, deleteStream, closeStream or publish(false));"
                + " answer closeStream and publish(false) with NetStream.Unpublish.Success", c -> {
                    RtmpMessage m = c.await("the end of the publish", ServerSteps::endsPublish);
                    String name = Amf0Payloads.commandName(m);
                    if (name.equals("closeStream") || name.equals("publish")) {
                        c.send(status("status", "NetStream.Unpublish.Success"));
                    }
                });
    }

    private static boolean endsPublish(RtmpMessage m) {
        String name = Amf0Payloads.commandName(m);
        return name.equals("FCUnpublish") || name.equals("deleteStream") || name.equals("closeStream")
                || name.equals("publish") && !Amf0Payloads.namesStream(m);
    }

    /** The whole publish: connect, createStream, publish, the end of the publish. */
    static ServerScript publish() {
        ServerScript.Builder b = script();
        connect(b);
        createStream(b);
        publishStart(b);
        return endOfPublish(b).build();
    }

    /** play answered: Stream Begin, NetStream.Play.Reset, NetStream.Play.Start, |RtmpSampleAccess. */
    static ServerScript.Builder playStart(ServerScript.Builder b) {
        b.awaitCommand("play");
        return beginPlay(b);
    }

    /** What follows play's arrival: Stream Begin, Reset, Start, |RtmpSampleAccess. */
    static ServerScript.Builder beginPlay(ServerScript.Builder b) {
        return b.send(ServerMessage.userControl(RtmpSpec.EVENT_STREAM_BEGIN, STREAM),
                status("status", "NetStream.Play.Reset"), status("status", "NetStream.Play.Start"),
                ServerMessage.data("|RtmpSampleAccess", false, false).onStream(STREAM));
    }

    /** The tags as media messages, each whole. */
    static ServerScript.Builder stream(ServerScript.Builder b, List<FlvTag> tags) {
        return stream(b, tags, m -> m);
    }

    /** The tags as media messages, each shaped by {@code shape} (another chunk stream, header type...). */
    static ServerScript.Builder stream(ServerScript.Builder b, List<FlvTag> tags, Function<ServerMessage, ServerMessage> shape) {
        List<ServerMessage> messages = tags.stream().map(ServerMessage::media).map(shape).toList();
        return b.step("send " + tags.size() + " tags as messages", c -> {
            for (ServerMessage m : messages) {
                c.send(m);
            }
        });
    }

    /** The end of a recorded stream: Stream EOF, NetStream.Play.Stop. */
    static ServerScript.Builder playEnd(ServerScript.Builder b) {
        return b.send(ServerMessage.userControl(RtmpSpec.EVENT_STREAM_EOF, STREAM), status("status", "NetStream.Play.Stop"));
    }

    /** The whole play of {@code tags}: connect, createStream, play, the media, the end. */
    static ServerScript play(List<FlvTag> tags) {
        ServerScript.Builder b = script();
        connect(b);
        createStream(b);
        playStart(b);
        stream(b, tags);
        return playEnd(b).build();
    }

    /** {@code onStatus} on stream 1. */
    static ServerMessage status(String level, String code) {
        return ServerMessage.onStatus(STREAM, ServerMessage.status(level, code, code.substring(code.lastIndexOf('.') + 1)));
    }
}
