package org.nativertmp.testkit;

import java.util.List;
import java.util.Map;
import org.nativertmp.amf0.Amf0Date;
import org.nativertmp.amf0.EcmaArray;

/**
 * AMF0 values as the kit's transcripts and reports show them, on one line: a command
 * {@code connect(1) {app:"live", ...}}, an ECMA array {@code ecma[duration:0]}, a strict array
 * {@code [1, "two"]}, a date {@code date(0)}.
 */
public final class Amf0Text {
    private Amf0Text() {
    }

    /**
     * A command {@code name(txn) args} when the values start with a name and a transaction
     * number, else the values separated by commas.
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
            quoted(sb, s);
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
        } else if (v instanceof Amf0Date d) {
            sb.append("date(").append(number(d.epochMillis())).append(')');
        } else {
            sb.append(v);
        }
    }

    private static void quoted(StringBuilder sb, String s) {
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
    }

    private static String number(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }
}
