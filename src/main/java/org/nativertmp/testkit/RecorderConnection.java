package org.nativertmp.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.nativertmp.amf0.Amf0;
import org.nativertmp.amf0.Amf0Decoder;
import org.nativertmp.amf0.MalformedAmf0Exception;
import org.nativertmp.flv.FlvFormat;
import org.nativertmp.flv.FlvTag;

/** One client connection of {@link RtmpRecorderServer}: handshake, commands, recording, playback. */
final class RecorderConnection {
    /** The string librtmp and ffmpeg put before a script tag's values when publishing. */
    static final String SET_DATA_FRAME = "@setDataFrame";

    private final Socket socket;
    private final RtmpRecorderServer.Builder limits;
    private final Function<String, List<FlvTag>> playables;
    private final WireRecording recording;
    private final List<RtmpMessage> messages = new ArrayList<>();
    private final Map<Long, String> publishing = new HashMap<>();
    private final Map<String, List<FlvTag>> published = new LinkedHashMap<>();
    private ChunkWriter writer;
    private long nextStreamId = 1;
    private long bytesAcknowledged;

    RecorderConnection(Socket socket, RtmpRecorderServer.Builder limits, Function<String, List<FlvTag>> playables) {
        this.socket = socket;
        this.limits = limits;
        this.playables = playables;
        this.recording = new WireRecording(limits.maxConnectionBytes);
    }

    RecordedConnection run(int id) {
        String end;
        try {
            InputStream in = recording.accept(socket, limits.idleTimeout);
            writer = recording.writer();
            ChunkReader reader = new ChunkReader(in, limits.maxMessageSize, limits.unfinishedBytesLimit(),
                    WireTranscript.HANDSHAKE_END);
            for (RtmpMessage m = reader.next(); m != null; m = reader.next()) {
                messages.add(m);
                handle(m);
                acknowledge(reader.position());
            }
            end = "client closed the connection";
        } catch (IOException | RuntimeException e) {
            end = WireRecording.end(e, limits.idleTimeout, "recorder");
        }
        return new RecordedConnection(id, recording.transcript(messages, end, socket), published);
    }

    private void handle(RtmpMessage m) throws IOException {
        switch (m.type()) {
            case RtmpSpec.COMMAND_AMF0:
                command(m, m.payloadView());
                break;
            case RtmpSpec.COMMAND_AMF3:
                byte[] p = m.payloadView();
                if (p.length > 0) {
                    command(m, Arrays.copyOfRange(p, 1, p.length));
                }
                break;
            case RtmpSpec.AUDIO:
            case RtmpSpec.VIDEO:
            case RtmpSpec.DATA_AMF0:
                record(m.streamId(), m.type(), m.timestamp(), m.payloadView());
                break;
            case RtmpSpec.AGGREGATE:
                recordAggregate(m);
                break;
            case RtmpSpec.USER_CONTROL:
                answerPing(m.payloadView());
                break;
            default:
                // Control messages: the chunk reader applied what affects framing; the rest is only recorded.
                break;
        }
    }

    private void command(RtmpMessage m, byte[] amf) throws IOException {
        List<Object> v;
        try {
            v = Amf0.decodeAll(amf);
        } catch (MalformedAmf0Exception e) {
            throw new RtmpProtocolException("command message #" + (messages.size() - 1) + " is not AMF0: " + e.getMessage());
        }
        if (v.isEmpty() || !(v.get(0) instanceof String name)) {
            throw new RtmpProtocolException("command message #" + (messages.size() - 1) + " does not start with a name");
        }
        double txn = v.size() > 1 && v.get(1) instanceof Double d ? d : 0;
        switch (name) {
            case "connect":
                connect(txn);
                break;
            case "createStream":
                reply(txn, null, (double) nextStreamId++);
                break;
            case "publish":
                if (v.size() > 3 && v.get(3) instanceof String stream && !stream.isEmpty()) {
                    publish(m.streamId(), stream);
                } else {
                    // publish(null) or publish(false): how Flash Player and Red5 stop publishing.
                    unpublish(m.streamId(), true);
                }
                break;
            case "play":
                play(m.streamId(), stringArg(v, 3));
                break;
            case "FCUnpublish":
                // nginx-rtmp and ffmpeg's listener end the stream here without a reply.
                publishing.values().remove(stringArg(v, 3));
                break;
            case "closeStream":
                // Sent on the stream itself; a publishing stream ends as with publish(null).
                unpublish(m.streamId(), true);
                break;
            case "deleteStream":
                // 7.2.2.3: the server sends no reply; the stream id is the third value.
                unpublish(v.size() > 3 && v.get(3) instanceof Double d ? d.longValue() : m.streamId(), false);
                break;
            default:
                // releaseStream, FCPublish, _checkbw, ...: recorded, no reply needed by clients.
                break;
        }
        writer.flush();
    }

    private static String stringArg(List<Object> v, int i) {
        return v.size() > i && v.get(i) instanceof String s ? s : "";
    }

    private void connect(double txn) throws IOException {
        writer.write(RtmpSpec.CSID_PROTOCOL_CONTROL, 0, RtmpSpec.WINDOW_ACK_SIZE, 0, ChunkWriter.int32(limits.windowAckSize));
        byte[] bandwidth = Arrays.copyOf(ChunkWriter.int32(limits.peerBandwidth), 5);
        bandwidth[4] = RtmpSpec.PEER_BANDWIDTH_DYNAMIC;
        writer.write(RtmpSpec.CSID_PROTOCOL_CONTROL, 0, RtmpSpec.SET_PEER_BANDWIDTH, 0, bandwidth);
        if (limits.chunkSize != RtmpSpec.DEFAULT_CHUNK_SIZE) {
            writer.setChunkSize(limits.chunkSize);
        }
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("fmsVer", "FMS/3,0,1,123");
        props.put("capabilities", 31.0);
        reply(txn, props, status("status", "NetConnection.Connect.Success", "Connection succeeded.", 0.0));
        if (limits.onBWDone) {
            // What FMS and Red5 send after connect; librtmp answers it with _checkbw.
            writer.write(RtmpSpec.CSID_COMMAND, 0, RtmpSpec.COMMAND_AMF0, 0, Amf0.encode("onBWDone", 0.0, null));
        }
    }

    private void publish(long streamId, String name) throws IOException {
        publishing.put(streamId, name);
        published.put(name, new ArrayList<>());
        // The last thing sent to a publisher: librtmp stops reading once it sees it.
        onStatus(streamId, status("status", "NetStream.Publish.Start", name + " is now published.", null));
    }

    /** The stream stops publishing; with {@code answer}, NetStream.Unpublish.Success says so. */
    private void unpublish(long streamId, boolean answer) throws IOException {
        String name = publishing.remove(streamId);
        if (name != null && answer) {
            onStatus(streamId, status("status", "NetStream.Unpublish.Success", name + " is now unpublished.", null));
        }
    }

    private void play(long streamId, String name) throws IOException {
        List<FlvTag> tags = playables.apply(name);
        if (tags == null && name.contains(".")) {
            tags = playables.apply(name.substring(0, name.lastIndexOf('.')));
        }
        if (tags == null) {
            onStatus(streamId, status("error", "NetStream.Play.StreamNotFound", "No such stream: " + name, null));
            return;
        }
        userControl(RtmpSpec.EVENT_STREAM_BEGIN, streamId);
        onStatus(streamId, status("status", "NetStream.Play.Reset", "Playing and resetting " + name + ".", null));
        onStatus(streamId, status("status", "NetStream.Play.Start", "Started playing " + name + ".", null));
        writer.write(RtmpSpec.CSID_DATA, 0, RtmpSpec.DATA_AMF0, streamId, Amf0.encode("|RtmpSampleAccess", false, false));
        for (FlvTag t : tags) {
            int csid = t.type() == FlvFormat.TAG_AUDIO ? RtmpSpec.CSID_AUDIO
                    : t.type() == FlvFormat.TAG_VIDEO ? RtmpSpec.CSID_VIDEO : RtmpSpec.CSID_DATA;
            writer.write(csid, t.timestamp(), t.type(), streamId, t.payload());
        }
        // As FMS and Red5 end a recorded stream: Stream EOF, then Play.Stop, the status on which
        // librtmp and ffmpeg end playing. Then the client closes, in its own time.
        userControl(RtmpSpec.EVENT_STREAM_EOF, streamId);
        onStatus(streamId, status("status", "NetStream.Play.Stop", "Stopped playing " + name + ".", null));
    }

    private void record(long streamId, int type, long timestamp, byte[] payload) throws RtmpProtocolException {
        String name = publishing.get(streamId);
        if (name == null) {
            return; // media on a stream nobody published: recorded in the transcript only
        }
        if (type == RtmpSpec.DATA_AMF0) {
            payload = withoutSetDataFrame(payload);
        }
        published.get(name).add(new FlvTag(type, timestamp & 0xFFFF_FFFFL, payload));
    }

    /** Strips a leading AMF0 string "@setDataFrame": what is left is the script tag the client had. */
    static byte[] withoutSetDataFrame(byte[] payload) {
        Amf0Decoder d = new Amf0Decoder(payload);
        try {
            if (d.hasRemaining() && SET_DATA_FRAME.equals(d.readValue())) {
                return Arrays.copyOfRange(payload, d.position(), payload.length);
            }
        } catch (MalformedAmf0Exception e) {
            // not AMF0: keep it as it came
        }
        return payload;
    }

    /** 7.1.6: an aggregate message's body is FLV tags; their times are relative to the first. */
    private void recordAggregate(RtmpMessage m) throws RtmpProtocolException {
        byte[] p = m.payloadView();
        int pos = 0;
        long base = -1;
        while (p.length - pos >= FlvFormat.TAG_HEADER_SIZE) {
            int type = p[pos] & 0x1F;
            int size = (p[pos + 1] & 0xFF) << 16 | (p[pos + 2] & 0xFF) << 8 | (p[pos + 3] & 0xFF);
            long ts = ((long) (p[pos + 7] & 0xFF) << 24) | (p[pos + 4] & 0xFF) << 16 | (p[pos + 5] & 0xFF) << 8 | (p[pos + 6] & 0xFF);
            int end = pos + FlvFormat.TAG_HEADER_SIZE + size;
            if (end > p.length || (type != RtmpSpec.AUDIO && type != RtmpSpec.VIDEO && type != RtmpSpec.DATA_AMF0)) {
                throw new RtmpProtocolException("aggregate message #" + (messages.size() - 1) + " holds a malformed tag at byte " + pos);
            }
            if (base < 0) {
                base = ts;
            }
            record(m.streamId(), type, m.timestamp() + ts - base, Arrays.copyOfRange(p, pos + FlvFormat.TAG_HEADER_SIZE, end));
            pos = end + FlvFormat.PREVIOUS_TAG_SIZE;
        }
    }

    /** 5.4.3: acknowledge every window's worth of bytes received, as servers do. */
    private void acknowledge(long position) throws IOException {
        if (position - bytesAcknowledged >= limits.windowAckSize) {
            bytesAcknowledged = position;
            writer.write(RtmpSpec.CSID_PROTOCOL_CONTROL, 0, RtmpSpec.ACKNOWLEDGEMENT, 0, ChunkWriter.int32(position));
            writer.flush();
        }
    }

    private void reply(double txn, Object... values) throws IOException {
        Object[] all = new Object[values.length + 2];
        all[0] = "_result";
        all[1] = txn;
        System.arraycopy(values, 0, all, 2, values.length);
        writer.write(RtmpSpec.CSID_COMMAND, 0, RtmpSpec.COMMAND_AMF0, 0, Amf0.encode(all));
    }

    private void onStatus(long streamId, Map<String, Object> info) throws IOException {
        writer.write(RtmpSpec.CSID_DATA, 0, RtmpSpec.COMMAND_AMF0, streamId, Amf0.encode("onStatus", 0.0, null, info));
    }

    private void userControl(int event, long streamId) throws IOException {
        byte[] p = new byte[6];
        p[1] = (byte) event;
        System.arraycopy(ChunkWriter.int32(streamId), 0, p, 2, 4);
        writer.write(RtmpSpec.CSID_PROTOCOL_CONTROL, 0, RtmpSpec.USER_CONTROL, 0, p);
    }

    /** 7.1.7: a Ping Request is answered with a Ping Response carrying its timestamp, as nginx-rtmp answers. */
    private void answerPing(byte[] p) throws IOException {
        if (p.length >= 6 && ((p[0] & 0xFF) << 8 | (p[1] & 0xFF)) == RtmpSpec.EVENT_PING_REQUEST) {
            byte[] response = Arrays.copyOf(p, 6);
            response[0] = 0;
            response[1] = (byte) RtmpSpec.EVENT_PING_RESPONSE;
            writer.write(RtmpSpec.CSID_PROTOCOL_CONTROL, 0, RtmpSpec.USER_CONTROL, 0, response);
            writer.flush();
        }
    }

    private static Map<String, Object> status(String level, String code, String description, Double objectEncoding) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("level", level);
        m.put("code", code);
        m.put("description", description);
        if (objectEncoding != null) {
            m.put("objectEncoding", objectEncoding);
        }
        return m;
    }
}
