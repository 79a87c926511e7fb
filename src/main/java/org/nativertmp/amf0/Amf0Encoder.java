package org.nativertmp.amf0;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes AMF0 values one after another, as a command or data message holds them. Which Java
 * values become which AMF0 type is in the {@linkplain org.nativertmp.amf0 package
 * description}; anything else is an {@link IllegalArgumentException} that names it, and then
 * nothing of that value has been written.
 *
 * <pre>{@code
 * byte[] publish = new Amf0Encoder().write("publish").write(4.0).write(null).write("stream")
 *         .write("live").toByteArray();
 * }</pre>
 *
 * <p>Not for use by two threads at once.
 */
public final class Amf0Encoder {
    private byte[] buf = new byte[256];
    private int count;
    private CharsetEncoder utf8;
    /** The maps and lists being written, to refuse one that contains itself. */
    private final Map<Object, Boolean> open = new IdentityHashMap<>();

    /** An encoder with nothing written yet. */
    public Amf0Encoder() {
    }

    /**
     * Writes one value.
     *
     * @param value the value, {@code null} for AMF0's null
     * @return this encoder
     * @throws IllegalArgumentException when the value, or one inside it, has no AMF0 form here:
     *         a type not in the table, a map key that is not a string, a key longer than 65535
     *         UTF-8 bytes, a string that is not valid UTF-16 (a lone surrogate), a {@code long}
     *         a double cannot hold, a map or list that contains itself, or nesting deeper than
     *         {@value Amf0Decoder#MAX_DEPTH} levels
     */
    public Amf0Encoder write(Object value) {
        return wholly(() -> value(value, 0));
    }

    /**
     * Writes a name and a value as they stand inside an object or ECMA array (the name's 16-bit
     * UTF-8 length, the name, the value), without any marker around them: for adding properties
     * to an object encoded elsewhere, as librtmp's connect command object.
     *
     * @param name the property's name
     * @param value its value
     * @return this encoder
     * @throws IllegalArgumentException as {@link #write(Object)}, and for a null name
     */
    public Amf0Encoder writeProperty(String name, Object value) {
        if (name == null) {
            throw new IllegalArgumentException("AMF0 property name is null");
        }
        return wholly(() -> {
            key(name);
            value(value, 0);
        });
    }

    /** Runs a write; when it throws, what it wrote is taken back. */
    private Amf0Encoder wholly(Runnable write) {
        int mark = count;
        try {
            write.run();
        } catch (RuntimeException e) {
            count = mark;
            open.clear();
            throw e;
        }
        return this;
    }

    /** @return how many bytes have been written */
    public int size() {
        return count;
    }

    /** @return a copy of what has been written */
    public byte[] toByteArray() {
        return Arrays.copyOf(buf, count);
    }

    private void value(Object v, int depth) {
        if (v == null) {
            u8(Amf0Marker.NULL);
        } else if (v == Undefined.UNDEFINED) {
            u8(Amf0Marker.UNDEFINED);
        } else if (v instanceof Boolean bool) {
            u8(Amf0Marker.BOOLEAN);
            u8(bool ? 1 : 0);
        } else if (v instanceof Number n) {
            u8(Amf0Marker.NUMBER);
            u64(Double.doubleToRawLongBits(exactDouble(n)));
        } else if (v instanceof CharSequence s) {
            string(s);
        } else if (v instanceof Map<?, ?> m) {
            map(m, depth);
        } else if (v instanceof List<?> l) {
            list(l, depth);
        } else if (v instanceof Amf0Date d) {
            date(d);
        } else if (v instanceof Instant i) {
            date(Amf0Date.of(i));
        } else {
            throw new IllegalArgumentException("no AMF0 form for a " + v.getClass().getName() + ": " + v);
        }
    }

    private void string(CharSequence s) {
        byte[] u = utf8(s, "string");
        if (u.length > Amf0Marker.MAX_STRING_BYTES) {
            u8(Amf0Marker.LONG_STRING);
            u32(u.length);
        } else {
            u8(Amf0Marker.STRING);
            u16(u.length);
        }
        bytes(u);
    }

    private void map(Map<?, ?> m, int depth) {
        enter(m, depth);
        if (m instanceof EcmaArray) {
            u8(Amf0Marker.ECMA_ARRAY);
            u32(m.size());
        } else {
            u8(Amf0Marker.OBJECT);
        }
        for (Map.Entry<?, ?> e : m.entrySet()) {
            if (!(e.getKey() instanceof String key)) {
                throw new IllegalArgumentException("AMF0 object keys are strings, not " + (e.getKey() == null
                        ? "null" : "a " + e.getKey().getClass().getName() + " (" + e.getKey() + ")"));
            }
            key(key);
            value(e.getValue(), depth + 1);
        }
        u16(0);
        u8(Amf0Marker.OBJECT_END);
        open.remove(m);
    }

    private void list(List<?> l, int depth) {
        enter(l, depth);
        u8(Amf0Marker.STRICT_ARRAY);
        u32(l.size());
        for (Object o : l) {
            value(o, depth + 1);
        }
        open.remove(l);
    }

    private void enter(Object container, int depth) {
        if (depth >= Amf0Decoder.MAX_DEPTH) {
            throw new IllegalArgumentException("AMF0 nested deeper than " + Amf0Decoder.MAX_DEPTH + " levels");
        }
        if (open.put(container, Boolean.TRUE) != null) {
            throw new IllegalArgumentException("a " + container.getClass().getName() + " that contains itself has no AMF0 form");
        }
    }

    private void date(Amf0Date d) {
        u8(Amf0Marker.DATE);
        u64(Double.doubleToRawLongBits(d.epochMillis()));
        u16(d.timeZone());
    }

    private void key(String k) {
        byte[] u = utf8(k, "object key");
        if (u.length > Amf0Marker.MAX_STRING_BYTES) {
            throw new IllegalArgumentException("AMF0 object key of " + u.length + " UTF-8 bytes: at most "
                    + Amf0Marker.MAX_STRING_BYTES + " fit its 16-bit length");
        }
        u16(u.length);
        bytes(u);
    }

    /** The number as a double, refused when an integral type holds more than a double can. */
    private static double exactDouble(Number n) {
        if (n instanceof Long || n instanceof AtomicLong) {
            long l = n.longValue();
            double d = l;
            if (d >= 0x1p63 || (long) d != l) {
                throw new IllegalArgumentException("the long " + l + " has no exact AMF0 number (a double)");
            }
            return d;
        }
        if (n instanceof BigInteger || n instanceof BigDecimal) {
            BigDecimal exact = n instanceof BigInteger bi ? new BigDecimal(bi) : (BigDecimal) n;
            double d = n.doubleValue();
            if (!Double.isFinite(d) || new BigDecimal(d).compareTo(exact) != 0) {
                throw new IllegalArgumentException("the number " + n + " has no exact AMF0 number (a double)");
            }
            return d;
        }
        return n.doubleValue();
    }

    private byte[] utf8(CharSequence s, String what) {
        boolean ascii = true;
        for (int i = 0; i < s.length() && ascii; i++) {
            ascii = s.charAt(i) < 0x80;
        }
        if (ascii) {
            return s.toString().getBytes(StandardCharsets.US_ASCII);
        }
        if (utf8 == null) {
            utf8 = StandardCharsets.UTF_8.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
        }
        try {
            ByteBuffer b = utf8.reset().encode(CharBuffer.wrap(s));
            byte[] u = new byte[b.remaining()];
            b.get(u);
            return u;
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("AMF0 " + what + " is not valid UTF-16 (a lone surrogate): "
                    + e.getMessage(), e);
        }
    }

    private void ensure(int n) {
        if (buf.length - count < n) {
            long wanted = Math.max((long) count + n, 2L * buf.length);
            if (wanted > Integer.MAX_VALUE - 8) {
                if ((long) count + n > Integer.MAX_VALUE - 8) {
                    throw new IllegalArgumentException("AMF0 encoding larger than a byte array can hold");
                }
                wanted = Integer.MAX_VALUE - 8;
            }
            buf = Arrays.copyOf(buf, (int) wanted);
        }
    }

    private void u8(int v) {
        ensure(1);
        buf[count++] = (byte) v;
    }

    private void u16(int v) {
        ensure(2);
        buf[count++] = (byte) (v >>> 8);
        buf[count++] = (byte) v;
    }

    private void u32(long v) {
        ensure(4);
        for (int shift = 24; shift >= 0; shift -= 8) {
            buf[count++] = (byte) (v >>> shift);
        }
    }

    private void u64(long v) {
        ensure(8);
        for (int shift = 56; shift >= 0; shift -= 8) {
            buf[count++] = (byte) (v >>> shift);
        }
    }

    private void bytes(byte[] u) {
        ensure(u.length);
        System.arraycopy(u, 0, buf, count, u.length);
        count += u.length;
    }
}
