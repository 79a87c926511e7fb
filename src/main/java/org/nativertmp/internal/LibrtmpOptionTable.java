package org.nativertmp.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * librtmp's option table ({@code options[]} in rtmp.c of the bundled snapshot): each option's name
 * and type, in librtmp's order, for checks and messages that librtmp's own parser makes poorly. A
 * test compares it with the table librtmp prints for an unknown option.
 */
public final class LibrtmpOptionTable {
    /** How {@code RTMP_SetOpt} reads a value (optinfo[] in rtmp.c). */
    public enum Type { STRING, INTEGER, BOOLEAN, AMF }

    private static final Map<String, Type> OPTIONS = new LinkedHashMap<>();
    /** What RTMP_SetOpt takes as true (truth[] in rtmp.c, compared ignoring case); anything else leaves the flag. */
    private static final List<String> TRUE = List.of("1", "on", "yes", "true");
    private static final List<String> FALSE = List.of("0", "off", "no", "false");

    static {
        for (String s : List.of("socks", "app", "tcUrl", "pageUrl", "swfUrl", "flashver")) {
            OPTIONS.put(s, Type.STRING);
        }
        OPTIONS.put("conn", Type.AMF);
        OPTIONS.put("playpath", Type.STRING);
        OPTIONS.put("playlist", Type.BOOLEAN);
        OPTIONS.put("live", Type.BOOLEAN);
        OPTIONS.put("subscribe", Type.STRING);
        OPTIONS.put("jtv", Type.STRING);
        OPTIONS.put("token", Type.STRING);
        OPTIONS.put("swfVfy", Type.BOOLEAN);
        for (String s : List.of("swfAge", "start", "stop", "buffer", "timeout")) {
            OPTIONS.put(s, Type.INTEGER);
        }
        OPTIONS.put("pubUser", Type.STRING);
        OPTIONS.put("pubPasswd", Type.STRING);
    }

    private LibrtmpOptionTable() {
    }

    /** Every option by name and type, in librtmp's order. */
    public static Map<String, Type> options() {
        return Map.copyOf(OPTIONS);
    }

    /** librtmp's option names in its order, e.g. for a message. */
    public static List<String> names() {
        return List.copyOf(OPTIONS.keySet());
    }

    /** The type of option {@code key} (librtmp matches names ignoring case), or null for none of librtmp's. */
    public static Type typeOf(String key) {
        for (Map.Entry<String, Type> e : OPTIONS.entrySet()) {
            if (e.getKey().equalsIgnoreCase(key)) {
                return e.getValue();
            }
        }
        return null;
    }

    /**
     * Why librtmp would read {@code value} of a boolean option otherwise than meant, or null: it
     * takes only 1, on, yes and true as true, and silently reads anything else as false.
     */
    public static String booleanProblem(String key, String value) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        if (typeOf(key) != Type.BOOLEAN || TRUE.contains(value.toLowerCase(Locale.ROOT)) || FALSE.contains(v)) {
            return null;
        }
        return "option " + key + "=" + value + ": librtmp reads a boolean as true only from 1, on, yes or true, and"
                + " anything else as false; give one of those, or 0, off, no or false";
    }
}
