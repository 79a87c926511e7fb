package org.nativertmp.testkit.scorecard;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A strict reader of the JSON the scorecard writes (RFC 8259): objects, arrays, strings, numbers, null. */
final class Json {
    private final String s;
    private int p;

    private Json(String s) {
        this.s = s;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> parseObject(String text) {
        Json j = new Json(text);
        Object v = j.value();
        j.space();
        if (j.p != text.length() || !(v instanceof Map)) {
            throw new IllegalArgumentException("not one JSON object: trailing text at " + j.p);
        }
        return (Map<String, Object>) v;
    }

    private Object value() {
        space();
        char c = s.charAt(p);
        if (c == '{') {
            Map<String, Object> m = new LinkedHashMap<>();
            p++;
            space();
            if (s.charAt(p) == '}') {
                p++;
                return m;
            }
            do {
                space();
                String key = string();
                expect(':');
                m.put(key, value());
                space();
            } while (s.charAt(p++) == ',');
            return closed(m, '}');
        }
        if (c == '[') {
            List<Object> l = new ArrayList<>();
            p++;
            space();
            if (s.charAt(p) == ']') {
                p++;
                return l;
            }
            do {
                l.add(value());
                space();
            } while (s.charAt(p++) == ',');
            return closed(l, ']');
        }
        if (c == '"') {
            return string();
        }
        if (s.startsWith("null", p)) {
            p += 4;
            return null;
        }
        int start = p;
        while (p < s.length() && "-+.eE0123456789".indexOf(s.charAt(p)) >= 0) {
            p++;
        }
        if (start == p) {
            throw new IllegalArgumentException("unexpected '" + c + "' at " + p);
        }
        return Double.parseDouble(s.substring(start, p));
    }

    private Object closed(Object v, char close) {
        if (s.charAt(p - 1) != close) {
            throw new IllegalArgumentException("expected '" + close + "' at " + (p - 1));
        }
        return v;
    }

    private String string() {
        expect('"');
        StringBuilder b = new StringBuilder();
        for (char c = s.charAt(p++); c != '"'; c = s.charAt(p++)) {
            if (c < 0x20) {
                throw new IllegalArgumentException("control character in a string at " + (p - 1));
            }
            if (c == '\\') {
                char e = s.charAt(p++);
                switch (e) {
                    case 'n': b.append('\n'); break;
                    case 't': b.append('\t'); break;
                    case 'r': b.append('\r'); break;
                    case 'u': b.append((char) Integer.parseInt(s.substring(p, p + 4), 16)); p += 4; break;
                    case '"': case '\\': case '/': b.append(e); break;
                    default: throw new IllegalArgumentException("bad escape \\" + e + " at " + (p - 1));
                }
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private void expect(char c) {
        space();
        if (s.charAt(p++) != c) {
            throw new IllegalArgumentException("expected '" + c + "' at " + (p - 1));
        }
    }

    private void space() {
        while (p < s.length() && Character.isWhitespace(s.charAt(p))) {
            p++;
        }
    }
}
