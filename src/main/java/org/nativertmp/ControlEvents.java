package org.nativertmp;

import java.nio.ByteBuffer;

/** Protocol control and user control messages as {@link ControlEvent}s (RTMP 1.0 sections 5.4 and 6.2). */
final class ControlEvents {
    private static final ControlEvent.Kind[] USER_KINDS = {
        ControlEvent.Kind.STREAM_BEGIN, ControlEvent.Kind.STREAM_EOF, ControlEvent.Kind.STREAM_DRY,
        ControlEvent.Kind.SET_BUFFER_LENGTH, ControlEvent.Kind.STREAM_IS_RECORDED, null,
        ControlEvent.Kind.PING_REQUEST, ControlEvent.Kind.PING_RESPONSE,
    };

    private ControlEvents() {
    }

    /** The event, or null for another message or one too short to say. */
    static ControlEvent of(RtmpPacket packet) {
        ByteBuffer b = ByteBuffer.wrap(packet.body());
        switch (packet.type()) {
            case RtmpPacket.TYPE_CHUNK_SIZE:
                return b.remaining() < 4 ? null : new ControlEvent(ControlEvent.Kind.CHUNK_SIZE, u32(b), 0);
            case RtmpPacket.TYPE_ABORT:
                return b.remaining() < 4 ? null : new ControlEvent(ControlEvent.Kind.ABORT, u32(b), 0);
            case RtmpPacket.TYPE_ACKNOWLEDGEMENT:
                return b.remaining() < 4 ? null : new ControlEvent(ControlEvent.Kind.ACKNOWLEDGEMENT, u32(b), 0);
            case RtmpPacket.TYPE_WINDOW_ACK_SIZE:
                return b.remaining() < 4 ? null : new ControlEvent(ControlEvent.Kind.WINDOW_ACK_SIZE, u32(b), 0);
            case RtmpPacket.TYPE_PEER_BANDWIDTH:
                return b.remaining() < 4 ? null
                        : new ControlEvent(ControlEvent.Kind.PEER_BANDWIDTH, u32(b), b.hasRemaining() ? b.get() & 0xFF : 0);
            case RtmpPacket.TYPE_USER_CONTROL:
                return userControl(b);
            default:
                return null;
        }
    }

    private static ControlEvent userControl(ByteBuffer b) {
        if (b.remaining() < 2) {
            return null;
        }
        int event = b.getShort() & 0xFFFF;
        long value = b.remaining() >= 4 ? u32(b) : 0;
        long extra = event == 3 && b.remaining() >= 4 ? u32(b) : 0;
        ControlEvent.Kind kind = event < USER_KINDS.length ? USER_KINDS[event] : null;
        return kind == null ? new ControlEvent(ControlEvent.Kind.USER_CONTROL, event, value)
                : new ControlEvent(kind, value, extra);
    }

    private static long u32(ByteBuffer b) {
        return b.getInt() & 0xFFFFFFFFL;
    }
}
