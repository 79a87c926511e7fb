package org.nativertmp.testkit;

import java.util.Arrays;
import java.util.List;
import org.nativertmp.amf0.Amf0;
import org.nativertmp.amf0.MalformedAmf0Exception;

/** Renders message payloads and byte windows for transcripts and differences. */
final class MessageText {
    /** How many payload bytes a media message shows in hex. */
    private static final int MEDIA_PREVIEW = 16;

    private MessageText() {
    }

    static String describe(int type, byte[] p) {
        switch (type) {
            case RtmpSpec.SET_CHUNK_SIZE:
            case RtmpSpec.ACKNOWLEDGEMENT:
            case RtmpSpec.WINDOW_ACK_SIZE:
                return p.length >= 4 ? Long.toString(u32(p, 0)) : hex(p, 0, p.length);
            case RtmpSpec.ABORT:
                return p.length >= 4 ? "csid " + u32(p, 0) : hex(p, 0, p.length);
            case RtmpSpec.SET_PEER_BANDWIDTH:
                return p.length >= 5 ? u32(p, 0) + " limit " + (p[4] & 0xFF) : hex(p, 0, p.length);
            case RtmpSpec.USER_CONTROL: {
                if (p.length < 2) {
                    return hex(p, 0, p.length);
                }
                int event = (p[0] & 0xFF) << 8 | (p[1] & 0xFF);
                StringBuilder sb = new StringBuilder(RtmpSpec.eventName(event));
                for (int i = 2; i + 4 <= p.length; i += 4) {
                    sb.append(' ').append(u32(p, i));
                }
                return sb.toString();
            }
            case RtmpSpec.COMMAND_AMF0:
            case RtmpSpec.DATA_AMF0:
                return amf(p, 0);
            case RtmpSpec.COMMAND_AMF3:
            case RtmpSpec.DATA_AMF3:
                // An AMF3 command starts with one format byte, then (in practice) AMF0 values.
                return p.length > 0 ? amf(p, 1) : "";
            default:
                return hex(p, 0, Math.min(p.length, MEDIA_PREVIEW)) + (p.length > MEDIA_PREVIEW ? " ..." : "");
        }
    }

    private static String amf(byte[] p, int from) {
        try {
            List<Object> values = Amf0.decodeAll(Arrays.copyOfRange(p, from, p.length));
            return Amf0Text.render(values);
        } catch (MalformedAmf0Exception e) {
            return "(not AMF0: " + e.getMessage() + ") " + hex(p, 0, Math.min(p.length, 32));
        }
    }

    static long u32(byte[] p, int off) {
        return ((long) (p[off] & 0xFF) << 24) | (p[off + 1] & 0xFF) << 16 | (p[off + 2] & 0xFF) << 8 | (p[off + 3] & 0xFF);
    }

    static String hex(byte[] b, int from, int to) {
        StringBuilder sb = new StringBuilder();
        for (int i = from; i < to; i++) {
            sb.append(i > from ? " " : "").append(String.format("%02x", b[i] & 0xFF));
        }
        return sb.toString();
    }

    /** Up to 8 bytes either side of {@code at}, with the byte at {@code at} in brackets. */
    static String window(byte[] b, int at) {
        int from = Math.max(0, at - 8);
        int to = Math.min(b.length, at + 9);
        StringBuilder sb = new StringBuilder("@" + from + ": ");
        for (int i = from; i < to; i++) {
            String h = String.format("%02x", b[i] & 0xFF);
            sb.append(i > from ? " " : "").append(i == at ? "[" + h + "]" : h);
        }
        if (at >= b.length) {
            sb.append(" [end]");
        }
        return sb.toString();
    }
}
