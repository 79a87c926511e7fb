package org.nativertmp.testkit;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * AMF0 (Action Message Format, AMF0 specification 2.1) as RTMP commands and data messages use
 * it. Values map to Java as: number {@link Double}, boolean {@link Boolean}, string and long
 * string {@link String}, object {@link LinkedHashMap} (keys in wire order), ECMA array
 * {@link EcmaArray}, strict array {@link List}, null {@code null}, undefined {@link #UNDEFINED},
 * date {@link Date}. References, typed objects and AMF3 switches are rejected: RTMP clients
 * this kit talks to do not send them in commands.
 */
public final class Amf0 {
    // Type markers (AMF0 specification 2.1, section 2.1).
    static final int NUMBER = 0x00;
    static final int BOOLEAN = 0x01;
    static final int STRING = 0x02;
    static final int OBJECT = 0x03;
    static final int NULL = 0x05;
    static final int UNDEFINED_MARKER = 0x06;
    static final int ECMA_ARRAY = 0x08;
    static final int OBJECT_END = 0x09;
    static final int STRICT_ARRAY = 0x0A;
    static final int DATE = 0x0B;
    static final int LONG_STRING = 0x0C;
    /** Nesting deeper than this is treated as malformed instead of recursing without bound. */
    static final int MAX_DEPTH = 64;

    /** The AMF0 undefined value, distinct from null. */
    public static final Object UNDEFINED = new Object() {
        @Override
        public String toString() {
            return "undefined";
        }
    };

    /** An associative ("ECMA") array: an object that renders with its own marker. */
    public static final class EcmaArray extends LinkedHashMap<String, Object> {
        public EcmaArray() {
        }

        public EcmaArray(Map<String, ?> m) {
            super(m);
        }
    }

    /** An AMF0 date: milliseconds since the epoch and a time zone offset (in minutes). */
    public record Date(double millis, int timeZone) {
    }

    private Amf0() {
    }

    /** Decodes every value of {@code b}, as a command or data message payload holds them. */
    public static List<Object> decodeAll(byte[] b) throws MalformedAmfException {
        Reader r = new Reader(b);
        List<Object> values = new ArrayList<>();
        while (r.remaining() > 0) {
            values.add(r.value(0));
        }
        return values;
    }

    /** Encodes values one after another (what a command payload is). */
    public static byte[] encode(Object... values) {
        Writer w = new Writer();
        for (Object v : values) {
            w.value(v);
        }
        return w.toByteArray();
    }

    /**
     * A readable one-line form: a command {@code connect(1){app:"live", ...}} when the payload
     * starts with a name and a transaction number, else the values separated by commas.
     */
    public static String render(List<Object> values) {
        StringBuilder sb = new StringBuilder();
        int start = 0;
        if (values.size() >= 2 && values.get(0) instanceof String name && values.get(1) instanceof Double txn) {
            sb.append(name).append('(').append(number(txn)).append(')');
            start = 2;
        }
        for (int i = start; i < values.size(); i++) {
            sb.append(i == start ? (start > 0 ? " " : "") : ", ");
            render(sb, values.get(i));
        }
        return sb.toString();
    }

    public static String render(Object value) {
        StringBuilder sb = new StringBuilder();
        render(sb, value);
        return sb.toString();
    }

    private static void render(StringBuilder sb, Object v) {
        if (v == null) {
            sb.append("null");
        } else if (v instanceof String s) {
            sb.append('"');
            for (char c : s.toCharArray()) {
                if (c == '"' || c == '\\') {
                    sb.append('\\').append(c);
                } else if (c < 0x20) {
                    sb.append(String.format("\\u%04x", (int) c));
                } else {
                    sb.append(c);
                }
            }
            sb.append('"');
        } else if (v instanceof Double d) {
            sb.append(number(d));
        } else if (v instanceof Map<?, ?> m) {
            sb.append(v instanceof EcmaArray ? "ecma[" : "{");
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                sb.append(first ? "" : ", ").append(e.getKey()).append(':');
                render(sb, e.getValue());
                first = false;
            }
            sb.append(v instanceof EcmaArray ? "]" : "}");
        } else if (v instanceof List<?> l) {
            sb.append('[');
            for (int i = 0; i < l.size(); i++) {
                sb.append(i > 0 ? ", " : "");
                render(sb, l.get(i));
            }
            sb.append(']');
        } else if (v instanceof Date d) {
            sb.append("date(").append(number(d.millis())).append(')');
        } else {
            sb.append(v);
        }
    }

    private static String number(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }

    /** Input that is not well-formed AMF0. */
    public static final class MalformedAmfException extends Exception {
        private static final long serialVersionUID = 1L;

        MalformedAmfException(String message) {
            super(message);
        }
    }

    /** Reads AMF0 values from a byte array; every read is bounds-checked. */
    public static final class Reader {
        private final byte[] b;
        private int p;

        public Reader(byte[] b) {
            this.b = b;
        }

        public int remaining() {
            return b.length - p;
        }

        public int position() {
            return p;
        }

        public Object value(int depth) throws MalformedAmfException {
            if (depth > MAX_DEPTH) {
                throw new MalformedAmfException("AMF0 nesting deeper than " + MAX_DEPTH + " at byte " + p);
            }
            int at = p;
            int marker = u8();
            switch (marker) {
                case NUMBER:
                    return Double.longBitsToDouble(s64());
                case BOOLEAN:
                    return u8() != 0;
                case STRING:
                    return utf8(u16());
                case LONG_STRING:
                    return utf8(u32());
                case OBJECT:
                    return properties(new LinkedHashMap<>(), depth);
                case ECMA_ARRAY:
                    u32(); // the count is a hint only; the object-end marker ends the array
                    return properties(new EcmaArray(), depth);
                case STRICT_ARRAY: {
                    long n = u32();
                    if (n > remaining()) {
                        throw new MalformedAmfException("AMF0 strict array of " + n + " items at byte " + at
                                + " is longer than the " + remaining() + " bytes left");
                    }
                    List<Object> list = new ArrayList<>();
                    for (long i = 0; i < n; i++) {
                        list.add(value(depth + 1));
                    }
                    return list;
                }
                case DATE: {
                    double ms = Double.longBitsToDouble(s64());
                    return new Date(ms, (short) u16());
                }
                case NULL:
                    return null;
                case UNDEFINED_MARKER:
                    return UNDEFINED;
                default:
                    throw new MalformedAmfException("AMF0 type marker 0x" + Integer.toHexString(marker)
                            + " at byte " + at + " is not supported");
            }
        }

        private Map<String, Object> properties(Map<String, Object> m, int depth) throws MalformedAmfException {
            while (true) {
                String key = utf8(u16());
                if (key.isEmpty() && remaining() > 0 && (b[p] & 0xFF) == OBJECT_END) {
                    p++;
                    return m;
                }
                m.put(key, value(depth + 1));
            }
        }

        private void need(long n) throws MalformedAmfException {
            if (n > remaining()) {
                throw new MalformedAmfException("AMF0 value needs " + n + " bytes at byte " + p
                        + " but only " + remaining() + " are left");
            }
        }

        private int u8() throws MalformedAmfException {
            need(1);
            return b[p++] & 0xFF;
        }

        private int u16() throws MalformedAmfException {
            need(2);
            int v = (b[p] & 0xFF) << 8 | (b[p + 1] & 0xFF);
            p += 2;
            return v;
        }

        private long u32() throws MalformedAmfException {
            need(4);
            long v = ((long) (b[p] & 0xFF) << 24) | (b[p + 1] & 0xFF) << 16 | (b[p + 2] & 0xFF) << 8 | (b[p + 3] & 0xFF);
            p += 4;
            return v;
        }

        private long s64() throws MalformedAmfException {
            need(8);
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v = v << 8 | (b[p + i] & 0xFF);
            }
            p += 8;
            return v;
        }

        private String utf8(long len) throws MalformedAmfException {
            need(len);
            String s = new String(b, p, (int) len, StandardCharsets.UTF_8);
            p += (int) len;
            return s;
        }
    }

    /** Writes AMF0 values. */
    public static final class Writer {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        public Writer value(Object v) {
            if (v == null) {
                out.write(NULL);
            } else if (v == UNDEFINED) {
                out.write(UNDEFINED_MARKER);
            } else if (v instanceof Number n) {
                out.write(NUMBER);
                long bits = Double.doubleToLongBits(n.doubleValue());
                for (int i = 7; i >= 0; i--) {
                    out.write((int) (bits >>> (8 * i)));
                }
            } else if (v instanceof Boolean bool) {
                out.write(BOOLEAN);
                out.write(bool ? 1 : 0);
            } else if (v instanceof String s) {
                byte[] u = s.getBytes(StandardCharsets.UTF_8);
                if (u.length > 0xFFFF) {
                    out.write(LONG_STRING);
                    u32(u.length);
                } else {
                    out.write(STRING);
                    u16(u.length);
                }
                out.writeBytes(u);
            } else if (v instanceof Map<?, ?> m) {
                if (v instanceof EcmaArray) {
                    out.write(ECMA_ARRAY);
                    u32(m.size());
                } else {
                    out.write(OBJECT);
                }
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    key(String.valueOf(e.getKey()));
                    value(e.getValue());
                }
                u16(0);
                out.write(OBJECT_END);
            } else if (v instanceof List<?> l) {
                out.write(STRICT_ARRAY);
                u32(l.size());
                for (Object o : l) {
                    value(o);
                }
            } else {
                throw new IllegalArgumentException("no AMF0 form for " + v.getClass().getName());
            }
            return this;
        }

        private void key(String k) {
            byte[] u = k.getBytes(StandardCharsets.UTF_8);
            u16(u.length);
            out.writeBytes(u);
        }

        private void u16(int v) {
            out.write(v >>> 8);
            out.write(v);
        }

        private void u32(long v) {
            out.write((int) (v >>> 24));
            out.write((int) (v >>> 16));
            out.write((int) (v >>> 8));
            out.write((int) v);
        }

        public byte[] toByteArray() {
            return out.toByteArray();
        }
    }
}
