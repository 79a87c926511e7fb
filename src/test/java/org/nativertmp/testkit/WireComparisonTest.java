package org.nativertmp.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nativertmp.amf0.Amf0;
import org.nativertmp.amf0.EcmaArray;
import org.nativertmp.testkit.WireComparison.Difference;
import org.nativertmp.testkit.WireComparison.Kind;

class WireComparisonTest {

    private static WireTranscript transcript(long seed, byte[]... commands) throws IOException {
        return WireTranscript.parse(WireTranscriptTest.clientBytes(seed, commands));
    }

    private static byte[] connect(Map<String, Object> properties) {
        return Amf0.encode("connect", 1.0, properties);
    }

    private static Map<String, Object> props(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    private static List<Kind> kinds(WireComparison c) {
        return c.differences().stream().map(Difference::kind).toList();
    }

    @Test
    void oneExtraCommandIsOneOnlyInActualEntryAndTheRestStillPairs() throws IOException {
        byte[] connect = connect(props("app", "live"));
        WireTranscript e = transcript(1, connect, Amf0.encode("createStream", 2.0, null),
                Amf0.encode("publish", 3.0, null, "x", "live"), Amf0.encode("deleteStream", 4.0, null, 1.0));
        WireTranscript a = transcript(2, connect, Amf0.encode("releaseStream", 2.0, null, "x"),
                Amf0.encode("createStream", 3.0, null), Amf0.encode("publish", 4.0, null, "x", "live"),
                Amf0.encode("deleteStream", 5.0, null, 1.0));

        WireComparison semantic = WireTranscript.compare(e, a, CompareOptions.semantic());
        assertEquals(List.of(Kind.ONLY_IN_ACTUAL), kinds(semantic), semantic::toString);
        assertEquals("only in actual: #1 command releaseStream(2) null, \"x\"", semantic.differences().get(0).description());
        assertEquals(5, semantic.rows().size());

        // Compared as bytes, the shifted transaction ids differ as well: one entry per command.
        WireComparison messages = WireTranscript.compare(e, a, CompareOptions.messages());
        assertEquals(List.of(Kind.ONLY_IN_ACTUAL, Kind.PAYLOAD, Kind.PAYLOAD, Kind.PAYLOAD), kinds(messages), messages::toString);
        assertTrue(WireTranscript.compare(e, a, CompareOptions.messages().ignoreTransactionIds(true)).differences().size() == 1);
    }

    @Test
    void semanticComparesObjectsAsUnorderedMapsAndNamesEveryProperty() throws IOException {
        WireTranscript e = transcript(1, connect(props("app", "live", "type", "nonprivate", "tcUrl", "rtmp://h/live")));
        WireTranscript a = transcript(1, connect(props("tcUrl", "rtmp://h/live", "app", "live", "flashVer", "WIN 11,2,202,235")));

        WireComparison c = WireTranscript.compare(e, a, CompareOptions.semantic());
        List<String> d = c.differences().stream().map(Difference::description).toList();
        assertEquals(2, d.size(), c::toString);
        assertTrue(d.get(0).endsWith("property type only in expected: \"nonprivate\""), d.get(0));
        assertTrue(d.get(1).endsWith("property flashVer only in actual: \"WIN 11,2,202,235\""), d.get(1));
        assertTrue(WireTranscript.compare(e, a, CompareOptions.semantic().ignoreProperties("type", "flashVer")).isIdentical());
    }

    @Test
    void setDataFrameIsRemovedAtTheSemanticLevelOnly() throws IOException {
        EcmaArray meta = new EcmaArray();
        meta.put("duration", 2.0);
        WireTranscript e = WireTranscript.parse(withData(Amf0.encode("@setDataFrame", "onMetaData", meta)));
        WireTranscript a = WireTranscript.parse(withData(Amf0.encode("onMetaData", meta)));

        WireComparison semantic = WireTranscript.compare(e, a, CompareOptions.semantic());
        assertTrue(semantic.isIdentical(), semantic::toString);
        assertTrue(semantic.toString().contains("note: @setDataFrame removed before comparing: from 1 expected and 0 actual"),
                semantic::toString);
        WireComparison messages = WireTranscript.compare(e, a, CompareOptions.messages());
        assertEquals(List.of(Kind.ONLY_IN_EXPECTED, Kind.ONLY_IN_ACTUAL), kinds(messages), messages::toString);
    }

    private static byte[] withData(byte[] data) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(WireTranscriptTest.clientBytes(1));
        new ChunkWriter(b).write(RtmpSpec.CSID_DATA, 0, RtmpSpec.DATA_AMF0, 1, data);
        return b.toByteArray();
    }

    @Test
    void chunkingCountsAtTheExactLevelAndNotAtTheMessagesLevel() throws IOException {
        byte[] big = Amf0.encode("connect", 1.0, props("app", "live", "tcUrl", "rtmp://127.0.0.1:1935/live/with/a/long/path/beyond/128/bytes/of/payload/in/one/message"));
        WireTranscript e = transcript(1, big);
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(WireTranscriptTest.clientBytes(1));
        ChunkWriter w = new ChunkWriter(b);
        w.setChunkSize(4096);
        w.write(RtmpSpec.CSID_COMMAND, 0, RtmpSpec.COMMAND_AMF0, 0, big);
        WireTranscript a = WireTranscript.parse(b.toByteArray());

        WireComparison exact = WireTranscript.compare(e, a, CompareOptions.exact());
        assertEquals(List.of(Kind.ONLY_IN_ACTUAL), kinds(exact), exact::toString);
        assertTrue(exact.differences().get(0).description().contains("set-chunk-size 4096"), exact::toString);
        WireComparison messages = WireTranscript.compare(e, a, CompareOptions.messages());
        assertTrue(messages.isIdentical(), messages::toString);
        assertTrue(messages.toString().contains("chunk size 128 throughout expected, 128, then Set Chunk Size 4096 actual"),
                messages::toString);
        assertTrue(messages.toString().contains("set-chunk-size              0        1  not compared at this level"),
                messages::toString);
    }

    @Test
    void theHandshakeKindIsRecognisedAndComparedOnlyWhereItCounts() throws IOException {
        byte[] plain = WireTranscriptTest.clientBytes(1, connect(props("app", "live")));
        byte[] scheme0 = withDigest(plain, 0);
        byte[] scheme1 = withDigest(plain, 1);
        byte[] unsigned = plain.clone();
        unsigned[1 + 4] = 9;

        assertEquals(HandshakeKind.PLAIN, WireTranscript.parse(plain).handshake().kind());
        assertEquals(HandshakeKind.DIGEST_SCHEME_0, WireTranscript.parse(scheme0).handshake().kind());
        assertEquals(HandshakeKind.DIGEST_SCHEME_1, WireTranscript.parse(scheme1).handshake().kind());
        assertEquals(HandshakeKind.VERSIONED_WITHOUT_VALID_DIGEST, WireTranscript.parse(unsigned).handshake().kind());

        WireComparison exact = WireTranscript.compare(WireTranscript.parse(plain), WireTranscript.parse(scheme1), CompareOptions.exact());
        assertEquals(List.of(Kind.HANDSHAKE), kinds(exact));
        assertTrue(exact.differences().get(0).description().endsWith("(expected plain, actual digest, scheme 1)"), exact::toString);
        assertTrue(WireTranscript.compare(WireTranscript.parse(plain), WireTranscript.parse(scheme1), CompareOptions.semantic()).isIdentical());
    }

    /** A Flash Player 9 style C1: a version in bytes 4-7 and the digest of the given scheme. */
    private static byte[] withDigest(byte[] clientBytes, int scheme) {
        byte[] b = clientBytes.clone();
        byte[] c1 = java.util.Arrays.copyOfRange(b, 1, WireTranscript.C0_C1_SIZE);
        c1[4] = 9;
        c1[6] = 0x7c;
        c1[7] = 2;
        FlashDigest.sign(c1, scheme);
        System.arraycopy(c1, 0, b, 1, c1.length);
        return b;
    }

    @Test
    void theReportStartsWithTheSummaryPerTypeAndListsEveryDifference() throws IOException {
        WireTranscript e = transcript(1, connect(props("app", "live")), Amf0.encode("createStream", 2.0, null));
        WireTranscript a = transcript(3, connect(props("app", "vod")), Amf0.encode("createStream", 2.0, null),
                Amf0.encode("_checkbw", 3.0, null));
        WireComparison c = WireTranscript.compare(e, a, CompareOptions.semantic());
        String report = c.toString();
        assertFalse(c.isIdentical());
        assertTrue(report.indexOf("messages by type:") < report.indexOf("2 differences:"), report);
        assertTrue(report.contains("  command                     2        3        2         1"), report);
        assertTrue(report.contains("property app differs: expected \"live\" but was \"vod\""), report);
        assertTrue(report.contains("only in actual: #2 command _checkbw(3) null"), report);
    }

    @Test
    void twoRunsOfTheSameClientAreIdenticalAtEveryLevel() throws IOException {
        Random r = new Random(5);
        byte[] payload = new byte[300];
        r.nextBytes(payload);
        WireTranscript e = transcript(1, connect(props("app", "live")), payload);
        WireTranscript a = transcript(2, connect(props("app", "live")), payload);
        for (CompareOptions o : List.of(CompareOptions.exact(), CompareOptions.messages(), CompareOptions.semantic())) {
            assertTrue(WireTranscript.compare(e, a, o).isIdentical(), () -> WireTranscript.compare(e, a, o).toString());
        }
        assertTrue(e.diff(a).isEmpty());
    }
}
