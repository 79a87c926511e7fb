package org.nativertmp;

import java.util.Arrays;

/**
 * One RTMP message as librtmp reads and sends it ({@code RTMPPacket} without its pointers): the
 * message type, the chunk stream it travels on, the chunk header type librtmp starts it with, its
 * timestamp, message stream id and body. Immutable; the body is copied in and out.
 *
 * @param type the message type, one of the {@code TYPE_} constants (0 to 255)
 * @param chunkStream the chunk stream id, 2 to 65599 (librtmp sends commands on 3, control on 2)
 * @param headerType {@link #HEADER_LARGE} to {@link #HEADER_MINIMUM}: librtmp sends a smaller
 *        header only where the previous message on the chunk stream allows it
 * @param timestamp milliseconds, 0 to 2<sup>32</sup>-1
 * @param streamId the message stream id (0 for the connection, the stream's for stream commands)
 * @param body the message body
 */
public record RtmpPacket(int type, int chunkStream, int headerType, long timestamp, int streamId, byte[] body) {
    public static final int TYPE_CHUNK_SIZE = 0x01;
    public static final int TYPE_ABORT = 0x02;
    public static final int TYPE_ACKNOWLEDGEMENT = 0x03;
    public static final int TYPE_USER_CONTROL = 0x04;
    public static final int TYPE_WINDOW_ACK_SIZE = 0x05;
    public static final int TYPE_PEER_BANDWIDTH = 0x06;
    public static final int TYPE_AUDIO = 0x08;
    public static final int TYPE_VIDEO = 0x09;
    public static final int TYPE_DATA_AMF3 = 0x0F;
    public static final int TYPE_SHARED_OBJECT_AMF3 = 0x10;
    public static final int TYPE_COMMAND_AMF3 = 0x11;
    public static final int TYPE_DATA = 0x12;
    public static final int TYPE_SHARED_OBJECT = 0x13;
    public static final int TYPE_COMMAND = 0x14;
    public static final int TYPE_AGGREGATE = 0x16;

    public static final int HEADER_LARGE = 0;
    public static final int HEADER_MEDIUM = 1;
    public static final int HEADER_SMALL = 2;
    public static final int HEADER_MINIMUM = 3;

    /** librtmp's chunk stream for commands (RTMP_SendPacket of its own invokes). */
    public static final int COMMAND_CHUNK_STREAM = 3;

    /** @throws IllegalArgumentException for a value out of its range, or a null body */
    public RtmpPacket {
        if (type < 0 || type > 0xFF) {
            throw new IllegalArgumentException("message type " + type + ": 0 to 255");
        }
        if (chunkStream < 2 || chunkStream > 65599) {
            throw new IllegalArgumentException("chunk stream " + chunkStream + ": 2 to 65599");
        }
        if (headerType < HEADER_LARGE || headerType > HEADER_MINIMUM) {
            throw new IllegalArgumentException("header type " + headerType + ": 0 (large) to 3 (minimum)");
        }
        if (timestamp < 0 || timestamp > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("timestamp " + timestamp + ": 0 to 4294967295");
        }
        if (body == null) {
            throw new IllegalArgumentException("body is null");
        }
        body = body.clone();
    }

    /**
     * A command message ({@link #TYPE_COMMAND}) on librtmp's command chunk stream with a medium
     * header and timestamp 0, as librtmp sends its own.
     */
    public static RtmpPacket command(int streamId, byte[] amf0Body) {
        return new RtmpPacket(TYPE_COMMAND, COMMAND_CHUNK_STREAM, HEADER_MEDIUM, 0, streamId, amf0Body);
    }

    /** A copy of the body. */
    @Override
    public byte[] body() {
        return body.clone();
    }

    /** The body's size, without copying it. */
    public int size() {
        return body.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RtmpPacket p && p.type == type && p.chunkStream == chunkStream
                && p.headerType == headerType && p.timestamp == timestamp && p.streamId == streamId
                && Arrays.equals(p.body, body);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * type + chunkStream) + Arrays.hashCode(body) + Long.hashCode(timestamp) + streamId;
    }

    @Override
    public String toString() {
        return "RtmpPacket[type=0x" + Integer.toHexString(type) + ", chunkStream=" + chunkStream + ", headerType="
                + headerType + ", timestamp=" + timestamp + ", streamId=" + streamId + ", " + body.length + " bytes]";
    }
}
