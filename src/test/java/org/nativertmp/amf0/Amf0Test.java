package org.nativertmp.amf0;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The encoder's bytes, checked against the AMF0 specification's layout, and every refusal of the decoder with its offset. */
class Amf0Test {
    private static byte[] bytes(int... b) {
        byte[] out = new byte[b.length];
        for (int i = 0; i < b.length; i++) {
            out[i] = (byte) b[i];
        }
        return out;
    }

    private static MalformedAmf0Exception malformed(int... b) {
        return assertThrows(MalformedAmf0Exception.class, () -> Amf0.decodeAll(bytes(b)));
    }

    @Test
    void eachTypeIsEncodedAsTheSpecificationLaysItOut() {
        assertArrayEquals(bytes(0x00, 0x3F, 0xF8, 0, 0, 0, 0, 0, 0), Amf0.encode(1.5));
        assertArrayEquals(bytes(0x01, 0x01, 0x01, 0x00), Amf0.encode(true, false));
        assertArrayEquals(bytes(0x02, 0, 2, 'h', 'i'), Amf0.encode("hi"));
        assertArrayEquals(bytes(0x05, 0x06), Amf0.encode(null, Undefined.UNDEFINED));
        assertArrayEquals(bytes(0x03, 0, 1, 'a', 0x05, 0, 0, 0x09), Amf0.encode(single("a", null)));
        assertArrayEquals(bytes(0x08, 0, 0, 0, 1, 0, 1, 'a', 0x01, 1, 0, 0, 0x09),
                Amf0.encode(new EcmaArray(Map.of("a", true))));
        assertArrayEquals(bytes(0x0A, 0, 0, 0, 2, 0x05, 0x01, 0), Amf0.encode(Arrays.asList(null, false)));
        assertArrayEquals(bytes(0x0B, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xC4), Amf0.encode(new Amf0Date(0, -60)));
    }

    private static Map<String, Object> single(String key, Object value) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(key, value);
        return m;
    }

    @Test
    void aStringBeyond65535Utf8BytesBecomesALongString() throws Exception {
        String s = "é".repeat(40_000); // 80,000 UTF-8 bytes
        byte[] b = Amf0.encode(s);
        assertEquals(0x0C, b[0]);
        assertEquals(80_000, (b[1] & 0xFF) << 24 | (b[2] & 0xFF) << 16 | (b[3] & 0xFF) << 8 | (b[4] & 0xFF));
        assertEquals(s, Amf0.decode(b));
        assertEquals(0x02, Amf0.encode("x".repeat(65_535))[0]);
    }

    @Test
    void objectsKeepTheirKeysInWireOrderAndEcmaArraysStayEcmaArrays() throws Exception {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("z", 1.0);
        o.put("a", new EcmaArray(single("k", "v")));
        o.put("m", List.of("x", 2.0));
        Object back = Amf0.decode(Amf0.encode(o));
        assertInstanceOf(LinkedHashMap.class, back);
        assertEquals(List.of("z", "a", "m"), List.copyOf(((Map<?, ?>) back).keySet()));
        assertInstanceOf(EcmaArray.class, ((Map<?, ?>) back).get("a"));
        assertEquals(o, back);
    }

    @Test
    void numbersAreDoublesAndALongADoubleCannotHoldIsRefused() throws Exception {
        assertEquals(3.0, Amf0.decode(Amf0.encode(3)));
        assertEquals(9.007199254740992E15, Amf0.decode(Amf0.encode(1L << 53)));
        assertEquals(0.25, Amf0.decode(Amf0.encode(new BigDecimal("0.25"))));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Amf0.encode((1L << 53) + 1));
        assertTrue(e.getMessage().contains("9007199254740993"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Amf0.encode(Long.MAX_VALUE));
        assertThrows(IllegalArgumentException.class, () -> Amf0.encode(new BigDecimal("0.1")));
    }

    @Test
    void whatHasNoAmf0FormIsRefusedAndNothingOfItIsWritten() {
        Amf0Encoder e = new Amf0Encoder().write("ok");
        int before = e.size();
        assertThrows(IllegalArgumentException.class, () -> e.write(List.of("fine", new Object())));
        assertEquals(before, e.size());
        Map<Object, Object> intKey = new HashMap<>();
        intKey.put(1, "x");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Amf0.encode(intKey)).getMessage()
                .contains("keys are strings"));
        assertThrows(IllegalArgumentException.class, () -> Amf0.encode("lone \uD800 surrogate"));
        assertThrows(IllegalArgumentException.class, () -> Amf0.encode(single("k".repeat(65_536), 1.0)));
        List<Object> self = new ArrayList<>();
        self.add(self);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Amf0.encode(self)).getMessage()
                .contains("contains itself"));
        assertThrows(IllegalArgumentException.class, () -> Amf0.encode((Object[]) null));
        assertArrayEquals(bytes(0x05), Amf0.encode((Object) null));
    }

    @Test
    void theSameListTwiceIsNoCycle() throws Exception {
        List<Object> shared = List.of(1.0);
        assertEquals(List.of(List.of(shared, shared)), Amf0.decodeAll(Amf0.encode(List.of(shared, shared))));
    }

    @Test
    void writePropertyWritesANameAndValueWithoutMarkers() {
        assertArrayEquals(bytes(0, 2, 'i', 'd', 0x01, 1), new Amf0Encoder().writeProperty("id", true).toByteArray());
    }

    @Test
    void aDateKeepsItsTimeZoneFieldAndConvertsToAnInstant() throws Exception {
        Amf0Date d = (Amf0Date) Amf0.decode(bytes(0x0B, 0x42, 0x78, 0xDB, 0xC7, 0xA0, 0x54, 0, 0, 0xFF, 0xC4));
        assertEquals(-60, d.timeZone());
        assertEquals(Instant.parse("2024-02-18T13:48:49.856Z"), d.toInstant());
        assertEquals(new Amf0Date(1708264129856.0, 0), Amf0Date.of(Instant.parse("2024-02-18T13:48:49.856Z")));
        assertThrows(ArithmeticException.class, () -> new Amf0Date(Double.NaN, 0).toInstant());
    }

    @Test
    void anUnknownOrUnsupportedMarkerIsNamedAtItsOffset() {
        MalformedAmf0Exception e = malformed(0x05, 0x07, 0, 1);
        assertEquals(1, e.offset());
        assertEquals("AMF0 reference (0x07) is not decoded by this package (at byte 1)", e.getMessage());
        assertEquals("AMF0 AVM+ (switch to AMF3) (0x11) is not decoded by this package (at byte 0)",
                malformed(0x11, 0x02).getMessage());
        assertEquals(0, malformed(0x12).offset());
        assertEquals(0, malformed(0x10, 0, 1, 'C').offset());
    }

    @Test
    void aTruncatedValueIsNamedAtItsStart() {
        MalformedAmf0Exception e = malformed(0x01, 1, 0x00, 0x3F, 0xF0);
        assertEquals(2, e.offset());
        assertEquals("number cut short: it needs 8 more bytes at byte 3, 2 are left (at byte 2)", e.getMessage());
        assertEquals("string of 5 bytes, but only 2 are left (at byte 0)", malformed(0x02, 0, 5, 'a', 'b').getMessage());
        assertEquals(0, malformed(0x0C, 0, 0, 1).offset());
    }

    @Test
    void anObjectMustEndWithItsEndMarker() {
        assertEquals("object without its end marker: the input ends at byte 7 (at byte 0)",
                malformed(0x03, 0, 1, 'a', 0x01, 1, 0).getMessage());
        assertEquals(0, malformed(0x03, 0, 0).offset());
        assertEquals(5, malformed(0x08, 0, 0, 0, 0, 0, 5, 'k').offset(), "a key cut short, at its length");
        assertEquals(0, malformed(0x03, 0, 1, 'a').offset(), "a key without its value");
    }

    @Test
    void anObjectEndMarkerWhereAValueBelongsIsRefused() {
        MalformedAmf0Exception e = malformed(0x03, 0, 1, 'a', 0x09);
        assertEquals(4, e.offset());
        assertEquals(0, malformed(0x09).offset());
    }

    @Test
    void aKeyTwiceIsRefusedAtTheSecond() {
        MalformedAmf0Exception e = malformed(0x03, 0, 1, 'a', 0x05, 0, 1, 'a', 0x06, 0, 0, 0x09);
        assertEquals(5, e.offset());
        assertEquals("object has the key \"a\" twice (at byte 5)", e.getMessage());
    }

    @Test
    void aStringThatIsNotUtf8IsRefusedAtItsFirstBadByte() {
        MalformedAmf0Exception e = malformed(0x02, 0, 4, 'o', 'k', 0xC3, 0x28);
        assertEquals(5, e.offset());
        assertEquals(3, malformed(0x02, 0, 1, 0xFF).offset());
    }

    @Test
    void aStrictArrayLongerThanTheInputIsRefusedBeforeAnythingIsAllocated() {
        MalformedAmf0Exception e = malformed(0x0A, 0x7F, 0xFF, 0xFF, 0xFF, 0x05);
        assertEquals(0, e.offset());
        assertEquals("strict array of 2147483647 items, but only 1 bytes are left (at byte 0)", e.getMessage());
    }

    @Test
    void nestingBeyondTheLimitIsRefusedOnBothSides() throws Exception {
        byte[] deep = new byte[5 * (Amf0Decoder.MAX_DEPTH + 1)];
        for (int i = 0; i < Amf0Decoder.MAX_DEPTH + 1; i++) {
            System.arraycopy(bytes(0x0A, 0, 0, 0, 1), 0, deep, 5 * i, 5);
        }
        assertEquals(5 * Amf0Decoder.MAX_DEPTH, assertThrows(MalformedAmf0Exception.class, () -> Amf0.decodeAll(deep)).offset());
        Object v = List.of();
        for (int i = 0; i < Amf0Decoder.MAX_DEPTH; i++) {
            v = List.of(v);
        }
        Object tooDeep = v;
        assertThrows(IllegalArgumentException.class, () -> Amf0.encode(tooDeep));
        Object deepest = ((List<?>) v).get(0);
        assertEquals(deepest, Amf0.decode(Amf0.encode(deepest)));
    }

    @Test
    void decodeWantsExactlyOneValue() {
        MalformedAmf0Exception e = assertThrows(MalformedAmf0Exception.class, () -> Amf0.decode(bytes(0x05, 0x05)));
        assertEquals(1, e.offset());
        assertEquals(0, assertThrows(MalformedAmf0Exception.class, () -> Amf0.decode(new byte[0])).offset());
    }

    @Test
    void offsetsCountFromTheSliceAndADecoderStaysBrokenAfterAnError() throws Exception {
        byte[] b = bytes(0xEE, 0xEE, 0x02, 0, 1, 'x', 0x07);
        Amf0Decoder d = new Amf0Decoder(b, 2, 5);
        assertEquals("x", d.readValue());
        assertEquals(4, d.position());
        MalformedAmf0Exception first = assertThrows(MalformedAmf0Exception.class, d::readValue);
        assertEquals(4, first.offset());
        assertEquals(first, assertThrows(MalformedAmf0Exception.class, d::readValue));
        assertEquals(List.of("x"), Amf0.decodeAll(b, 2, 4));
        assertThrows(IndexOutOfBoundsException.class, () -> Amf0.decodeAll(b, 5, 4));
    }
}
