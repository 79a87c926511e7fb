package org.nativertmp.support;

import java.io.ByteArrayOutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nativertmp.testkit.Amf0;

/**
 * What the test servers send after the handshake, chunked as a server would at the default chunk
 * size: the answers of a session (connect, createStream, the start of the stream), status
 * messages, and the protocol control and user control messages of RTMP 1.0 (sections 5.4, 6.2,
 * 7.1).
 */
public final class ServerMessages {
    public static final int DEFAULT_CHUNK_SIZE = 128;
    // RTMP 1.0 sections 5.4 and 7.1: chunk streams and message types used by the servers.
    public static final int CSID_CONTROL = 2;
    public static final int CSID_COMMAND = 3;
    public static final int CSID_STREAM = 5;
    public static final int CSID_VIDEO = 6;
    public static final int SET_CHUNK_SIZE = 1;
    public static final int USER_CONTROL = 4;
    public static final int WINDOW_ACK_SIZE = 5;
    public static final int SET_PEER_BANDWIDTH = 6;
    public static final int VIDEO = 9;
    public static final int COMMAND_AMF0 = 20;
    /** User Control event 6 (section 6.2): the client must answer with a Ping Response. */
    public static final int PING_REQUEST = 6;

    private ServerMessages() {
    }

    /** connect's _result (transaction 1): NetConnection.Connect.Success. */
    public static byte[] connectResult() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("fmsVer", "FMS/3,0,1,123");
        properties.put("capabilities", 31.0);
        message(b, CSID_COMMAND, COMMAND_AMF0, 0, Amf0.encode("_result", 1.0, properties,
                status("status", "NetConnection.Connect.Success")));
        return b.toByteArray();
    }

    /**
     * createStream's _result for a player (transaction 2) and a publisher (4: librtmp numbers
     * releaseStream 2 and FCPublish 3 first).
     */
    public static byte[] createStreamResults() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        message(b, CSID_COMMAND, COMMAND_AMF0, 0, Amf0.encode("_result", 2.0, null, 1.0));
        message(b, CSID_COMMAND, COMMAND_AMF0, 0, Amf0.encode("_result", 4.0, null, 1.0));
        return b.toByteArray();
    }

    /** The onStatus that starts a play and the one that starts a publish, on stream 1. */
    public static byte[] streamStarts() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        message(b, CSID_STREAM, COMMAND_AMF0, 1, onStatus("status", "NetStream.Play.Start"));
        message(b, CSID_STREAM, COMMAND_AMF0, 1, onStatus("status", "NetStream.Publish.Start"));
        return b.toByteArray();
    }

    /** Every answer of a session, for play and publish alike, with or without the start of the stream. */
    public static byte[] sessionAnswers(boolean start) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(connectResult());
        b.writeBytes(createStreamResults());
        if (start) {
            b.writeBytes(streamStarts());
        }
        return b.toByteArray();
    }

    public static Map<String, Object> status(String level, String code) {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("level", level);
        info.put("code", code);
        info.put("description", code);
        return info;
    }

    public static byte[] onStatus(String level, String code) {
        return Amf0.encode("onStatus", 0.0, null, status(level, code));
    }

    /** A User Control message (section 6.2): the event type, then its data. */
    public static byte[] userControl(int event, int value) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        byte[] body = {(byte) (event >>> 8), (byte) event, (byte) (value >>> 24), (byte) (value >>> 16),
            (byte) (value >>> 8), (byte) value};
        message(b, CSID_CONTROL, USER_CONTROL, 0, body);
        return b.toByteArray();
    }

    /** A protocol control message with a 4-byte value (Window Acknowledgement Size, ...). */
    public static byte[] control(int type, int value) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        message(b, CSID_CONTROL, type, 0, int32(value));
        return b.toByteArray();
    }

    /** Set Peer Bandwidth (section 5.4.5): the window and the limit type (0 hard, 1 soft, 2 dynamic). */
    public static byte[] setPeerBandwidth(int window, int limitType) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        byte[] body = new byte[5];
        System.arraycopy(int32(window), 0, body, 0, 4);
        body[4] = (byte) limitType;
        message(b, CSID_CONTROL, SET_PEER_BANDWIDTH, 0, body);
        return b.toByteArray();
    }

    /** A command message on the command chunk stream, message stream 0. */
    public static byte[] command(Object... values) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        message(b, CSID_COMMAND, COMMAND_AMF0, 0, Amf0.encode(values));
        return b.toByteArray();
    }

    /** A message in 128-byte chunks: a type 0 header, then type 3 continuations. */
    public static void message(ByteArrayOutputStream b, int csid, int type, int stream, byte[] payload) {
        header0(b, csid, payload.length, type, stream);
        for (int off = 0; off < payload.length || off == 0; off += DEFAULT_CHUNK_SIZE) {
            if (off > 0) {
                b.write(3 << 6 | csid);
            }
            b.write(payload, off, Math.min(DEFAULT_CHUNK_SIZE, payload.length - off));
            if (payload.length == 0) {
                break;
            }
        }
    }

    public static void header0(ByteArrayOutputStream b, int csid, int length, int type, int stream) {
        b.write(csid); // fmt 0
        b.writeBytes(new byte[] {0, 0, 0}); // timestamp
        int24(b, length);
        b.write(type);
        b.write(stream); // message stream id, little-endian (5.3.1.2.1)
        b.writeBytes(new byte[] {0, 0, 0});
    }

    public static void int24(ByteArrayOutputStream b, int v) {
        b.write(v >>> 16);
        b.write(v >>> 8);
        b.write(v);
    }

    public static byte[] int32(int v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }
}
