package org.nativertmp.amf0;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads AMF0 values one after another from a slice of a byte array, strictly (the rules are in
 * the {@linkplain org.nativertmp.amf0 package description}). Offsets, {@link #position()}'s and
 * those of {@link MalformedAmf0Exception}, count from the first byte of the slice.
 *
 * <pre>{@code
 * Amf0Decoder d = new Amf0Decoder(payload);
 * if (d.readValue() instanceof String name && name.equals("@setDataFrame")) {
 *     byte[] rest = Arrays.copyOfRange(payload, d.position(), payload.length);
 * }
 * }</pre>
 *
 * <p>The array is not copied: it must not change while it is read. After a
 * {@code MalformedAmf0Exception} every read throws it again. Not for use by two threads at once.
 */
public final class Amf0Decoder {
    /** The deepest nesting of objects and arrays decoded; deeper input is malformed. */
    public static final int MAX_DEPTH = 64;

    private final byte[] b;
    private final int start;
    private final int end;
    private int p;
    private MalformedAmf0Exception failure;
    private CharsetDecoder utf8;

    /**
     * A decoder of the whole array.
     *
     * @param amf the bytes
     */
    public Amf0Decoder(byte[] amf) {
        this(amf, 0, Objects.requireNonNull(amf, "amf").length);
    }

    /**
     * A decoder of {@code len} bytes from {@code amf[off]}.
     *
     * @param amf the bytes
     * @param off where the AMF0 starts
     * @param len how many bytes it has
     * @throws IndexOutOfBoundsException when the slice does not fit the array
     */
    public Amf0Decoder(byte[] amf, int off, int len) {
        Objects.checkFromIndexSize(off, len, Objects.requireNonNull(amf, "amf").length);
        this.b = amf;
        this.start = off;
        this.end = off + len;
        this.p = off;
    }

    /** @return whether bytes are left to read */
    public boolean hasRemaining() {
        return p < end;
    }

    /** @return how many bytes are left to read */
    public int remaining() {
        return end - p;
    }

    /** @return the offset of the next byte to read, counted from the first byte of the slice */
    public int position() {
        return p - start;
    }

    /**
     * Reads the next value.
     *
     * @return the value, as the {@linkplain org.nativertmp.amf0 package description} maps it
     * @throws MalformedAmf0Exception when the bytes there are not one well-formed value (also
     *         when none is left)
     */
    public Object readValue() throws MalformedAmf0Exception {
        if (failure != null) {
            throw failure;
        }
        try {
            return value(0);
        } catch (MalformedAmf0Exception e) {
            failure = e;
            throw e;
        }
    }

    /**
     * Reads every value left.
     *
     * @return the values, in order; empty when nothing is left
     * @throws MalformedAmf0Exception at the first byte that is not well-formed AMF0
     */
    public List<Object> readRemaining() throws MalformedAmf0Exception {
        List<Object> values = new ArrayList<>();
        while (hasRemaining()) {
            values.add(readValue());
        }
        return values;
    }

    private Object value(int depth) throws MalformedAmf0Exception {
        int at = p;
        if (at >= end) {
            throw fail("no AMF0 value: the input ends", at);
        }
        int marker = b[p++] & 0xFF;
        switch (marker) {
            case Amf0Marker.NUMBER:
                return Double.longBitsToDouble(fixed(at, "number", 8));
            case Amf0Marker.BOOLEAN:
                return fixed(at, "boolean", 1) != 0;
            case Amf0Marker.STRING:
                return string(at, "string", fixed(at, "string", 2));
            case Amf0Marker.LONG_STRING:
                return string(at, "long string", fixed(at, "long string", 4));
            case Amf0Marker.NULL:
                return null;
            case Amf0Marker.UNDEFINED:
                return Undefined.UNDEFINED;
            case Amf0Marker.DATE: {
                double millis = Double.longBitsToDouble(fixed(at, "date", 8));
                return new Amf0Date(millis, (short) fixed(at, "date", 2));
            }
            case Amf0Marker.OBJECT:
                return properties(new LinkedHashMap<>(), at, "object", depth);
            case Amf0Marker.ECMA_ARRAY:
                fixed(at, "ECMA array", 4); // a count the specification calls a hint: the end marker ends it
                return properties(new EcmaArray(), at, "ECMA array", depth);
            case Amf0Marker.STRICT_ARRAY:
                return strictArray(at, depth);
            case Amf0Marker.OBJECT_END:
                throw fail("object end marker 0x09 where a value belongs", at);
            default:
                throw fail("AMF0 " + Amf0Marker.describe(marker) + " is not decoded by this package", at);
        }
    }

    private List<Object> strictArray(int at, int depth) throws MalformedAmf0Exception {
        long count = fixed(at, "strict array", 4);
        // Every item takes one byte at least: a larger count cannot be honest, and is not allocated.
        if (count > remaining()) {
            throw fail("strict array of " + count + " items, but only " + remaining() + " bytes are left", at);
        }
        nest(at, depth);
        List<Object> items = new ArrayList<>((int) count);
        for (long i = 0; i < count; i++) {
            items.add(value(depth + 1));
        }
        return items;
    }

    private Map<String, Object> properties(Map<String, Object> m, int at, String what, int depth)
            throws MalformedAmf0Exception {
        nest(at, depth);
        while (true) {
            int keyAt = p;
            if (remaining() < 2) {
                throw fail(what + " without its end marker: the input ends at byte " + (end - start), at);
            }
            String key = string(keyAt, "property name", fixed(keyAt, "property name", 2));
            if (key.isEmpty() && p < end && (b[p] & 0xFF) == Amf0Marker.OBJECT_END) {
                p++;
                return m;
            }
            if (m.containsKey(key)) {
                throw fail(what + " has the key \"" + key + "\" twice", keyAt);
            }
            if (p >= end) {
                throw fail(what + " without its end marker: the input ends at byte " + (end - start), at);
            }
            m.put(key, value(depth + 1));
        }
    }

    private void nest(int at, int depth) throws MalformedAmf0Exception {
        if (depth >= MAX_DEPTH) {
            throw fail("AMF0 nested deeper than " + MAX_DEPTH + " levels", at);
        }
    }

    /** The next n bytes (1 to 8) as a big-endian unsigned number; the value at {@code at} is cut short otherwise. */
    private long fixed(int at, String what, int n) throws MalformedAmf0Exception {
        if (remaining() < n) {
            throw fail(what + " cut short: it needs " + n + " more bytes at byte " + (p - start) + ", " + remaining()
                    + " are left", at);
        }
        long v = 0;
        for (int i = 0; i < n; i++) {
            v = v << 8 | (b[p++] & 0xFF);
        }
        return v;
    }

    private String string(int at, String what, long length) throws MalformedAmf0Exception {
        if (length > remaining()) {
            throw fail(what + " of " + length + " bytes, but only " + remaining() + " are left", at);
        }
        int n = (int) length;
        int from = p;
        p += n;
        if (isAscii(from, n)) {
            return new String(b, from, n, StandardCharsets.US_ASCII);
        }
        return utf8(from, n, what);
    }

    private boolean isAscii(int from, int n) {
        for (int i = from; i < from + n; i++) {
            if (b[i] < 0) {
                return false;
            }
        }
        return true;
    }

    private String utf8(int from, int n, String what) throws MalformedAmf0Exception {
        if (utf8 == null) {
            utf8 = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
        }
        ByteBuffer in = ByteBuffer.wrap(b, from, n);
        CharBuffer out = CharBuffer.allocate(n);
        utf8.reset();
        CoderResult r = utf8.decode(in, out, true);
        if (r.isUnderflow()) {
            r = utf8.flush(out);
        }
        if (r.isError()) {
            // wrap() keeps the array's indexes: the position is the first malformed byte's
            throw fail(what + " is not well-formed UTF-8", in.position());
        }
        return out.flip().toString(); // never more chars than bytes: the buffer cannot overflow
    }

    private MalformedAmf0Exception fail(String what, int at) {
        return new MalformedAmf0Exception(what, at - start);
    }
}
