package org.nativertmp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nativertmp.amf0.Amf0;
import org.nativertmp.amf0.EcmaArray;
import org.nativertmp.flv.FourCc;
import org.nativertmp.testkit.RtmpMessage;
import org.nativertmp.testkit.RtmpRecorderServer;
import org.nativertmp.testkit.RtmpSpec;
import org.nativertmp.testkit.WireTranscript;

/**
 * Properties of the connect command object from RtmpOptions (native/patches/0016): inside the
 * object, after librtmp's own, in the order set, as the recorder decodes them on the wire.
 */
class ConnectPropertiesTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** The first message: librtmp's connect, decoded. */
    private static List<Object> connect(WireTranscript t) throws Exception {
        RtmpMessage m = t.messages().stream().filter(x -> x.type() == RtmpSpec.COMMAND_AMF0).findFirst().orElseThrow();
        return Amf0.decodeAll(m.payload());
    }

    private static WireTranscript publishWith(RtmpRecorderServer server, RtmpOptions options) throws Exception {
        try (NativeRtmp rtmp = new NativeRtmp()) {
            rtmp.setupUrl(server.url("live", "x"), options);
            rtmp.enableWrite();
            rtmp.connect();
            rtmp.connectStream(0);
        }
        return server.awaitConnection("live", "x", TIMEOUT).transcript();
    }

    private static Map<String, Integer> map(String k1, int v1, String k2, int v2) {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put(k1, v1);
        m.put(k2, v2);
        return m;
    }

    @Test
    void enhancedRtmpsPropertiesGoInsideTheObjectAfterLibrtmpsOwnInTheOrderSet() throws Exception {
        RtmpOptions options = RtmpOptions.builder()
                .enhancedCodecs(FourCc.HEVC, FourCc.AV1, FourCc.OPUS)
                .videoFourCcInfoMap(map(FourCc.HEVC, EnhancedRtmp.CAN_ENCODE, EnhancedRtmp.ANY_CODEC, EnhancedRtmp.CAN_FORWARD))
                .audioFourCcInfoMap(Map.of(FourCc.OPUS, EnhancedRtmp.CAN_ENCODE))
                .capsEx(EnhancedRtmp.CAPS_RECONNECT | EnhancedRtmp.CAPS_MULTITRACK)
                .connectProperty("clientName", "native-rtmp test")
                .build();
        try (RtmpRecorderServer server = RtmpRecorderServer.start()) {
            List<Object> connect = connect(publishWith(server, options));
            Map<?, ?> object = assertInstanceOf(Map.class, connect.get(2));
            assertEquals(List.of("app", "type", "tcUrl", "fourCcList", "videoFourCcInfoMap", "audioFourCcInfoMap",
                    "capsEx", "clientName"), List.copyOf(object.keySet()));
            assertEquals(List.of("hvc1", "av01", "Opus"), object.get("fourCcList"));
            assertEquals(Map.of("hvc1", 2.0, "*", 4.0), object.get("videoFourCcInfoMap"));
            assertEquals(List.of("hvc1", "*"), List.copyOf(((Map<?, ?>) object.get("videoFourCcInfoMap")).keySet()));
            assertEquals(Map.of("Opus", 2.0), object.get("audioFourCcInfoMap"));
            assertEquals(3.0, object.get("capsEx"));
            assertEquals("native-rtmp test", object.get("clientName"));
            assertEquals(3, connect.size(), "nothing after the object");
        }
    }

    @Test
    void aPlayConnectGetsThemAfterLibrtmpsCapabilitiesAndBeforeConnItems() throws Exception {
        RtmpOptions options = RtmpOptions.builder().enhancedCodecs(EnhancedRtmp.ANY_CODEC).conn("S:after").build();
        try (RtmpRecorderServer server = RtmpRecorderServer.start()) {
            try (NativeRtmp rtmp = new NativeRtmp()) {
                rtmp.setupUrl(server.url("vod", "y"), options);
                rtmp.connect();
            }
            List<Object> connect = connect(server.awaitTranscript(TIMEOUT));
            Map<?, ?> object = assertInstanceOf(Map.class, connect.get(2));
            assertEquals(List.of("app", "tcUrl", "fpad", "capabilities", "audioCodecs", "videoCodecs", "videoFunction",
                    "fourCcList"), List.copyOf(object.keySet()));
            assertEquals(List.of("*"), object.get("fourCcList"));
            assertEquals("after", connect.get(3), "librtmp's conn items still follow the object");
        }
    }

    @Test
    void aLaterPropertyOfTheSameNameReplacesTheEarlierAndAnyAmf0ValueGoes() throws Exception {
        EcmaArray nested = new EcmaArray(Map.of("n", 1.0));
        RtmpOptions options = RtmpOptions.builder().connectProperty("a", 1).connectProperty("b", List.of(nested, true))
                .connectProperty("a", "two").build();
        try (RtmpRecorderServer server = RtmpRecorderServer.start()) {
            Map<?, ?> object = (Map<?, ?>) connect(publishWith(server, options)).get(2);
            assertEquals(List.of("app", "type", "tcUrl", "b", "a"), List.copyOf(object.keySet()));
            assertEquals("two", object.get("a"));
            assertInstanceOf(EcmaArray.class, ((List<?>) object.get("b")).get(0));
        }
    }

    @Test
    void withoutPropertiesTheConnectIsLibrtmpsToTheByte() throws Exception {
        try (RtmpRecorderServer server = RtmpRecorderServer.start()) {
            RtmpMessage plain = publishWith(server, RtmpOptions.defaults()).messages().get(0);
            RtmpMessage built = publishWith(server, RtmpOptions.builder().build()).messages().get(0);
            assertArrayEquals(plain.payload(), built.payload());
            assertEquals(List.of("app", "type", "tcUrl"), List.copyOf(((Map<?, ?>) Amf0.decodeAll(plain.payload()).get(2)).keySet()));
        }
    }

    @Test
    void propertiesBeyondTheConnectPacketFailTheConnectWithLibrtmpsReason() throws Exception {
        RtmpOptions options = RtmpOptions.builder().connectProperty("big", "x".repeat(5000)).build();
        try (RtmpRecorderServer server = RtmpRecorderServer.start();
             NativeRtmp rtmp = new NativeRtmp()) {
            rtmp.setupUrl(server.url("live", "x"), options);
            RtmpException e = assertThrows(RtmpException.class, rtmp::connect);
            assertTrue(e.getMessage().contains("bytes of connect properties do not fit the 4096-byte connect packet"),
                    e.getMessage());
        }
    }

    @Test
    void librtmpsOwnPropertiesAndWhatIsNoFourCcAreRefused() {
        RtmpOptions.Builder b = RtmpOptions.builder();
        assertTrue(assertThrows(IllegalArgumentException.class, () -> b.connectProperty("flashVer", "x"))
                .getMessage().contains("librtmp's own"));
        assertThrows(IllegalArgumentException.class, () -> b.connectProperty("", 1));
        assertThrows(IllegalArgumentException.class, () -> b.connectProperty("x", new Object()));
        assertThrows(IllegalArgumentException.class, () -> b.enhancedCodecs("hevc1"));
        assertThrows(IllegalArgumentException.class, () -> b.enhancedCodecs());
        assertThrows(IllegalArgumentException.class, () -> b.videoFourCcInfoMap(Map.of("hvc\u0001", 1)));
        assertThrows(IllegalArgumentException.class, () -> b.capsEx(-1));
        assertTrue(b.enhancedCodecs("hvc1").build().toString().contains("connect properties fourCcList"));
    }
}
