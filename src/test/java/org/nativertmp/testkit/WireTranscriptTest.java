package org.nativertmp.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

class WireTranscriptTest {

    /** A client's bytes: a handshake with random C1/C2 and the given commands on chunk stream 3. */
    static byte[] clientBytes(long seed, byte[]... commands) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        byte[] hs = new byte[WireTranscript.HANDSHAKE_END];
        new Random(seed).nextBytes(hs);
        hs[0] = RtmpSpec.VERSION;
        for (int i = 5; i < 9; i++) {
            hs[i] = 0; // C1 bytes 4-7
        }
        b.write(hs);
        ChunkWriter w = new ChunkWriter(b);
        for (byte[] c : commands) {
            w.write(RtmpSpec.CSID_COMMAND, 0, RtmpSpec.COMMAND_AMF0, 0, c);
        }
        return b.toByteArray();
    }

    private static byte[] connect(String flashVer) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("app", "live");
        o.put("flashVer", flashVer);
        o.put("tcUrl", "rtmp://127.0.0.1:1935/live");
        return Amf0.encode("connect", 1.0, o);
    }

    @Test
    void transcriptsThatDifferOnlyInTheRandomHandshakeFieldsAreEqual() throws IOException {
        WireTranscript a = WireTranscript.parse(clientBytes(1, connect("LNX 10,0,32,18"), Amf0.encode("createStream", 2.0, null)));
        WireTranscript b = WireTranscript.parse(clientBytes(2, connect("LNX 10,0,32,18"), Amf0.encode("createStream", 2.0, null)));
        assertEquals(List.of("connect", "createStream"), a.commandNames());
        assertTrue(a.diff(b).isEmpty(), () -> a.diff(b).get());
    }

    @Test
    void aDifferentCommandFieldIsReportedWithTheMessageIndexAndBothRenderings() throws IOException {
        WireTranscript a = WireTranscript.parse(clientBytes(1, Amf0.encode("createStream", 2.0, null), connect("LNX 10,0,32,18")));
        WireTranscript b = WireTranscript.parse(clientBytes(1, Amf0.encode("createStream", 2.0, null), connect("LNX 11,1,102,55")));
        String d = a.diff(b).orElseThrow();
        assertTrue(d.startsWith("message #1 (command connect): payload differs at byte"), d);
        assertTrue(d.contains("payload differs at byte"), d);
        assertTrue(d.contains("expected: connect(1) {app:\"live\", flashVer:\"LNX 10,0,32,18\""), d);
        assertTrue(d.contains("actual:   connect(1) {app:\"live\", flashVer:\"LNX 11,1,102,55\""), d);
    }

    @Test
    void aMissingMessageIsReported() throws IOException {
        WireTranscript a = WireTranscript.parse(clientBytes(1, connect("x"), Amf0.encode("createStream", 2.0, null)));
        WireTranscript b = WireTranscript.parse(clientBytes(1, connect("x")));
        String d = a.diff(b).orElseThrow();
        assertTrue(d.startsWith("only in expected: #1 command createStream(2) null"), d);
    }

    @Test
    void theTextFormShowsTheHandshakeSizesAndEveryMessage() throws IOException {
        String text = WireTranscript.parse(clientBytes(1, connect("LNX 10,0,32,18"))).toText();
        assertTrue(text.contains("C0+C1 1537 bytes, S0+S1+S2 3073 bytes, C2 1536 bytes"), text);
        assertTrue(text.contains("#0 csid=3 fmt=0 ts=0 type=20 (command) stream=0"), text);
        assertTrue(text.contains("connect(1) {app:\"live\", flashVer:\"LNX 10,0,32,18\", tcUrl:\"rtmp://127.0.0.1:1935/live\"}"), text);
    }

    @Test
    void messagesSplitAcrossChunksWithAllFourHeaderTypesAreReassembled() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(clientBytes(1));
        // fmt 0: ts 100, len 130, audio, stream 1; continues with a fmt 3 chunk after 128 bytes
        b.write(new byte[] {0x04, 0, 0, 100, 0, 0, (byte) 130, 8, 1, 0, 0, 0});
        b.write(new byte[128]);
        b.write(new byte[] {(byte) 0xC4, 7, 7});
        // fmt 1: delta 20, len 2, audio
        b.write(new byte[] {0x44, 0, 0, 20, 0, 0, 2, 8, 9, 9});
        // fmt 2: delta 20 (same length and type)
        b.write(new byte[] {(byte) 0x84, 0, 0, 20, 5, 5});
        // fmt 3 starting a message: same delta again
        b.write(new byte[] {(byte) 0xC4, 6, 6});
        // fmt 0 with an extended timestamp 0x01000000
        b.write(new byte[] {0x04, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0, 0, 1, 8, 1, 0, 0, 0, 1, 0, 0, 0, 42});
        List<RtmpMessage> m = WireTranscript.parse(b.toByteArray()).messages();
        assertEquals(5, m.size());
        assertEquals(List.of(100L, 120L, 140L, 160L, 0x0100_0000L), m.stream().map(RtmpMessage::timestamp).toList());
        assertEquals(List.of(130, 2, 2, 2, 1), m.stream().map(x -> x.payload().length).toList());
        assertEquals(List.of(0, 1, 2, 3, 0), m.stream().map(RtmpMessage::headerType).toList());
        assertEquals(1L, m.get(0).streamId());
    }

    @Test
    void amf0ValuesSurviveARoundTrip() throws Exception {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("n", 1.5);
        o.put("b", true);
        o.put("s", "x");
        o.put("nil", null);
        o.put("arr", new EcmaArray(Map.of("k", 2.0)));
        o.put("list", List.of(1.0, "two"));
        List<Object> back = Amf0.decodeAll(Amf0.encode("onMetaData", o));
        assertEquals(List.of("onMetaData", o), back);
        assertEquals("\"onMetaData\", {n:1.5, b:true, s:\"x\", nil:null, arr:ecma[k:2], list:[1, \"two\"]}", Amf0Text.render(back));
    }
}
