package org.nativertmp.testkit.scorecard;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nativertmp.amf0.Amf0;
import org.nativertmp.amf0.EcmaArray;
import org.nativertmp.amf0.MalformedAmf0Exception;
import org.nativertmp.testkit.Amf0Text;
import org.nativertmp.testkit.RtmpMessage;
import org.nativertmp.testkit.RtmpSpec;
import org.nativertmp.testkit.ServerMessage;

/**
 * Every AMF0 value and payload the scorecard makes or reads itself (the rest goes through
 * {@link ServerMessage}): ECMA arrays, the odd payloads some scenarios send, and the name a
 * script tag starts with.
 */
final class Amf0Payloads {
    /** AMF0 2.1 type markers the odd payloads are written with. */
    private static final int STRING = 0x02;
    private static final int OBJECT = 0x03;
    private static final int NULL = 0x05;
    private static final int NUMBER = 0x00;

    private Amf0Payloads() {
    }

    /** An AMF0 ECMA array (2.10) of these entries, in order. */
    static Object ecmaArray(Map<String, ?> entries) {
        return new EcmaArray(entries);
    }

    /** "onMetaData", then an ECMA array: duration, 160x120, Sorenson H.263 and PCM, the encoder's name. */
    static byte[] onMetaData(double seconds, String encoder) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("duration", seconds);
        m.put("width", 160.0);
        m.put("height", 120.0);
        m.put("videocodecid", 2.0);
        m.put("audiocodecid", 3.0);
        m.put("encoder", encoder);
        return ServerMessage.data("onMetaData", ecmaArray(m)).payload();
    }

    /** The first value of a script tag or data message when it is a string ("onMetaData"), else "(no name)". */
    static String name(byte[] payload) {
        try {
            List<Object> v = Amf0.decodeAll(payload);
            return !v.isEmpty() && v.get(0) instanceof String s ? s : "(no name)";
        } catch (MalformedAmf0Exception e) {
            return "(not AMF0)";
        }
    }

    /** The name of an AMF0 command from the client, or "" for other messages. */
    static String commandName(RtmpMessage m) {
        List<Object> v = command(m);
        return !v.isEmpty() && v.get(0) instanceof String s ? s : "";
    }

    /** Whether a publish or play command names a stream (its fourth value is a non-empty string). */
    static boolean namesStream(RtmpMessage m) {
        List<Object> v = command(m);
        return v.size() > 3 && v.get(3) instanceof String s && !s.isEmpty();
    }

    /** The transaction id of an AMF0 command, or -1. */
    static double transactionId(RtmpMessage m) {
        List<Object> v = command(m);
        return v.size() > 1 && v.get(1) instanceof Double d ? d : -1;
    }

    private static List<Object> command(RtmpMessage m) {
        if (m.type() != RtmpSpec.COMMAND_AMF0) {
            return List.of();
        }
        try {
            return Amf0.decodeAll(m.payload());
        } catch (MalformedAmf0Exception e) {
            return List.of();
        }
    }

    /** The values of a payload in one line, or what is wrong with it. */
    static String render(byte[] payload) {
        try {
            return Amf0Text.render(Amf0.decodeAll(payload));
        } catch (MalformedAmf0Exception e) {
            return "(not AMF0: " + e.getMessage() + ")";
        }
    }

    /**
     * {@code onStatus(0, null, {level, code, description})} whose object ends without its object
     * end marker (AMF0 2.5 and 2.11: an empty name and 0x09): the message stops after the last value.
     */
    static byte[] onStatusWithoutObjectEnd(String code) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        string(b, "onStatus");
        b.write(NUMBER);
        b.writeBytes(new byte[8]);
        b.write(NULL);
        b.write(OBJECT);
        property(b, "level", "status");
        property(b, "code", code);
        property(b, "description", "an object without its end marker");
        return b.toByteArray();
    }

    private static void property(ByteArrayOutputStream b, String name, String value) {
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        b.write(n.length >>> 8);
        b.write(n.length);
        b.writeBytes(n);
        string(b, value);
    }

    private static void string(ByteArrayOutputStream b, String s) {
        byte[] u = s.getBytes(StandardCharsets.UTF_8);
        b.write(STRING);
        b.write(u.length >>> 8);
        b.write(u.length);
        b.writeBytes(u);
    }
}
