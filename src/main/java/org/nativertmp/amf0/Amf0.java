package org.nativertmp.amf0;

import java.util.List;

/**
 * AMF0 in one call: the values of a command or data message to bytes, and back. For values
 * read one at a time, or written piece by piece, use {@link Amf0Decoder} and
 * {@link Amf0Encoder}; the types and the decoder's rules are in the
 * {@linkplain org.nativertmp.amf0 package description}.
 *
 * <pre>{@code
 * byte[] b = Amf0.encode("onStatus", 0.0, null, Map.of("level", "status", "code", "NetStream.Play.Start"));
 * List<Object> v = Amf0.decodeAll(b);
 * if (v.get(3) instanceof Map<?, ?> info) {
 *     String code = (String) info.get("code");
 * }
 * }</pre>
 */
public final class Amf0 {
    private Amf0() {
    }

    /**
     * The values encoded one after another (what a command message's payload is).
     *
     * @param values the values; a {@code null} element is AMF0's null
     * @return their encoding
     * @throws IllegalArgumentException when a value has no AMF0 form (see
     *         {@link Amf0Encoder#write(Object)}), or {@code values} itself is null (to encode a
     *         single null, pass {@code (Object) null})
     */
    public static byte[] encode(Object... values) {
        if (values == null) {
            throw new IllegalArgumentException("values is null (for one AMF0 null, pass (Object) null)");
        }
        Amf0Encoder e = new Amf0Encoder();
        for (Object v : values) {
            e.write(v);
        }
        return e.toByteArray();
    }

    /**
     * Every value in {@code amf}, to its last byte.
     *
     * @param amf AMF0 values one after another
     * @return the values, in order; empty for an empty array
     * @throws MalformedAmf0Exception at the first byte that is not well-formed AMF0
     */
    public static List<Object> decodeAll(byte[] amf) throws MalformedAmf0Exception {
        return new Amf0Decoder(amf).readRemaining();
    }

    /**
     * Every value in {@code len} bytes from {@code amf[off]}.
     *
     * @param amf the bytes
     * @param off where the AMF0 starts
     * @param len how many bytes it has
     * @return the values, in order
     * @throws MalformedAmf0Exception at the first byte that is not well-formed AMF0, its offset
     *         counted from {@code off}
     * @throws IndexOutOfBoundsException when the slice does not fit the array
     */
    public static List<Object> decodeAll(byte[] amf, int off, int len) throws MalformedAmf0Exception {
        return new Amf0Decoder(amf, off, len).readRemaining();
    }

    /**
     * The one value {@code amf} holds.
     *
     * @param amf the encoding of one value
     * @return the value
     * @throws MalformedAmf0Exception when it is not one well-formed value, or bytes follow it
     */
    public static Object decode(byte[] amf) throws MalformedAmf0Exception {
        Amf0Decoder d = new Amf0Decoder(amf);
        Object v = d.readValue();
        if (d.hasRemaining()) {
            throw new MalformedAmf0Exception(d.remaining() + " bytes after the value", d.position());
        }
        return v;
    }
}
