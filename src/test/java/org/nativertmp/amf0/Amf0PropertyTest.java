package org.nativertmp.amf0;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.statistics.Statistics;

/**
 * Round trips over generated values (every type, nested, strings from all of Unicode), and the
 * decoder's promise over generated garbage: values or a {@link MalformedAmf0Exception} with an
 * offset inside the input, nothing else.
 */
class Amf0PropertyTest {
    @Property(tries = 1000)
    void decodingWhatWasEncodedGivesTheSameValuesOfTheSameTypes(@ForAll("valueLists") List<Object> values)
            throws Exception {
        List<Object> back = Amf0.decodeAll(Amf0.encode(values.toArray()));
        assertEquals(values.size(), back.size());
        for (int i = 0; i < values.size(); i++) {
            assertSame(values.get(i), back.get(i), "value #" + i);
        }
    }

    @Property(tries = 1000)
    void encodingWhatWasDecodedGivesTheSameBytes(@ForAll("valueLists") List<Object> values) throws Exception {
        byte[] b = Amf0.encode(values.toArray());
        assertArrayEquals(b, Amf0.encode(Amf0.decodeAll(b).toArray()));
    }

    @Property(tries = 2000)
    void everyTruncationIsMalformedAtAnOffsetWithinTheInput(@ForAll("values") Object value,
                                                            @ForAll @IntRange(min = 1, max = 1000) int cut) {
        byte[] whole = Amf0.encode(value);
        byte[] part = Arrays.copyOf(whole, Math.max(0, whole.length - 1 - cut % whole.length));
        try {
            Amf0.decode(part);
            throw new AssertionError("a truncated value decoded: " + part.length + " of " + whole.length + " bytes");
        } catch (MalformedAmf0Exception e) {
            assertTrue(e.offset() >= 0 && e.offset() <= part.length, e.getMessage());
        }
    }

    @Property(tries = 5000)
    void anyBytesDecodeOrFailWithAnOffsetWithinThem(@ForAll @Size(max = 64) byte[] b) {
        decodesOrFailsWithin(b);
    }

    /** Valid encodings with one byte changed reach far deeper into the decoder than random bytes. */
    @Property(tries = 5000)
    void anEncodingWithOneByteChangedDecodesOrFailsWithAnOffsetWithinIt(@ForAll("values") Object value,
            @ForAll @IntRange(min = 0, max = 100_000) int where, @ForAll byte to) {
        byte[] b = Amf0.encode(value);
        b[where % b.length] = to;
        decodesOrFailsWithin(b);
    }

    private static void decodesOrFailsWithin(byte[] b) {
        try {
            Amf0.decodeAll(b);
            Statistics.collect("decoded");
        } catch (MalformedAmf0Exception e) {
            assertTrue(e.offset() >= 0 && e.offset() <= b.length, e.getMessage());
            Statistics.collect("malformed");
        }
    }

    /** Equal, and of the same AMF0 type: an ECMA array is not an object, whatever Map.equals says. */
    private static void assertSame(Object expected, Object actual, String where) {
        if (expected instanceof Map<?, ?> e) {
            assertEquals(e instanceof EcmaArray, actual instanceof EcmaArray, where + ": ECMA array or object");
            Map<?, ?> a = (Map<?, ?>) actual;
            assertEquals(List.copyOf(e.keySet()), List.copyOf(a.keySet()), where + ": keys in order");
            for (Object k : e.keySet()) {
                assertSame(e.get(k), a.get(k), where + "." + k);
            }
        } else if (expected instanceof List<?> e) {
            List<?> a = (List<?>) actual;
            assertEquals(e.size(), a.size(), where + ": size");
            for (int i = 0; i < e.size(); i++) {
                assertSame(e.get(i), a.get(i), where + "[" + i + "]");
            }
        } else {
            assertEquals(expected, actual, where);
        }
    }

    @Provide
    Arbitrary<List<Object>> valueLists() {
        return values().list().ofMaxSize(6);
    }

    @Provide
    Arbitrary<Object> values() {
        return value(3);
    }

    private static Arbitrary<Object> value(int depth) {
        Arbitrary<Object> scalar = Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.doubles().withSpecialValue(Double.NaN)
                        .withSpecialValue(Double.NEGATIVE_INFINITY).withSpecialValue(-0.0).map(d -> (Object) d)),
                Tuple.of(1, Arbitraries.longs().map(bits -> (Object) Double.longBitsToDouble(bits))),
                Tuple.of(2, Arbitraries.of(true, false).map(b -> (Object) b)),
                Tuple.of(5, text().map(s -> (Object) s)),
                Tuple.of(1, Arbitraries.just((Object) Undefined.UNDEFINED)),
                Tuple.of(1, date()),
                // beyond 65535 UTF-8 bytes: a long string
                Tuple.of(1, Arbitraries.strings().withChars('a', '\u00e9').ofLength(40_000).map(s -> (Object) s)));
        if (depth == 0) {
            return scalar.injectNull(0.05);
        }
        Arbitrary<Object> inner = Arbitraries.lazy(() -> value(depth - 1));
        Arbitrary<Object> list = inner.list().ofMaxSize(4).map(l -> (Object) new ArrayList<>(l));
        Arbitrary<Object> object = Arbitraries.maps(text(), inner).ofMaxSize(4)
                .map(m -> (Object) new LinkedHashMap<>(m));
        Arbitrary<Object> ecma = Arbitraries.maps(text(), inner).ofMaxSize(4).map(m -> (Object) new EcmaArray(m));
        return Arbitraries.frequencyOf(Tuple.of(6, scalar), Tuple.of(1, list), Tuple.of(1, object), Tuple.of(1, ecma))
                .injectNull(0.05);
    }

    private static Arbitrary<Object> date() {
        Arbitrary<Integer> zones = Arbitraries.integers().between(Short.MIN_VALUE, Short.MAX_VALUE);
        return Arbitraries.doubles().flatMap(ms -> zones.map(tz -> (Object) new Amf0Date(ms, tz)));
    }

    /** Valid Unicode of any plane (no lone surrogates, which have no UTF-8 form). */
    private static Arbitrary<String> text() {
        return Arbitraries.integers().between(0, Character.MAX_CODE_POINT)
                .filter(cp -> cp < Character.MIN_SURROGATE || cp > Character.MAX_SURROGATE)
                .list().ofMaxSize(12)
                .map(cps -> {
                    StringBuilder sb = new StringBuilder();
                    cps.forEach(sb::appendCodePoint);
                    return sb.toString();
                });
    }
}
