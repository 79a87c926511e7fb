package org.nativertmp.testkit;

import java.util.Arrays;
import java.util.List;
import org.nativertmp.flv.EnhancedHeader;
import org.nativertmp.flv.MalformedFlvException;
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
            case RtmpSpec.AUDIO:
            case RtmpSpec.VIDEO:
                return enhanced(type, p) + preview(p);
            default:
                return preview(p);
        }
    }

    private static String preview(byte[] p) {
        return hex(p, 0, Math.min(p.length, MEDIA_PREVIEW)) + (p.length > MEDIA_PREVIEW ? " ..." : "");
    }

    /**
     * An Enhanced RTMP tag's header in words, in front of its bytes: {@code hvc1 CodedFrames
     * key frame, composition time 80 ms | 91 68 76 63 31 ...}; nothing for a legacy tag.
     */
    static String enhanced(int type, byte[] p) {
        if (!EnhancedHeader.isEnhanced(type, p, 0, p.length)) {
            return "";
        }
        try {
            EnhancedHeader h = EnhancedHeader.read(type, p, 0, p.length, 0);
            StringBuilder sb = new StringBuilder();
            sb.append(h.fourCc() == null ? "(no FourCC)" : h.fourCc()).append(' ').append(packetTypeName(type, h));
            if (h.multitrack()) {
                sb.append(" multitrack");
            }
            if (type == RtmpSpec.VIDEO) {
                sb.append(' ').append(FRAME_TYPES[Math.min(h.frameType(), FRAME_TYPES.length - 1)]);
            }
            if (h.compositionTime() != 0) {
                sb.append(", composition time ").append(h.compositionTime()).append(" ms");
            }
            return sb.append(" | ").toString();
        } catch (MalformedFlvException e) {
            return "(malformed enhanced header: " + e.getMessage() + ") | ";
        }
    }

    private static final String[] VIDEO_PACKET_TYPES = {"SequenceStart", "CodedFrames", "SequenceEnd",
        "CodedFramesX", "Metadata", "MPEG2TSSequenceStart", "Multitrack", "ModEx"};
    private static final String[] AUDIO_PACKET_TYPES = {"SequenceStart", "CodedFrames", "SequenceEnd", "3",
        "MultichannelConfig", "Multitrack", "6", "ModEx"};
    private static final String[] FRAME_TYPES = {"frame type 0", "key frame", "inter frame", "disposable inter frame",
        "generated key frame", "command frame", "frame type 6", "frame type 7"};

    private static String packetTypeName(int type, EnhancedHeader h) {
        String[] names = type == RtmpSpec.VIDEO ? VIDEO_PACKET_TYPES : AUDIO_PACKET_TYPES;
        return h.packetType() < names.length ? names[h.packetType()] : "packet type " + h.packetType();
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
