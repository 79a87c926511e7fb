package org.nativertmp;

import java.io.ByteArrayOutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nativertmp.amf0.Amf0Encoder;
import org.nativertmp.flv.FourCc;

/**
 * The properties an {@link RtmpOptions} adds to librtmp's connect command object, each encoded
 * (AMF0 name and value) when it is set, in the order set; what librtmp's connect then copies in
 * after its own properties (native/patches/0016).
 */
final class ConnectProperties {
    /** What librtmp's SendConnectPacket writes itself (rtmp.c): set them through its options. */
    private static final Set<String> LIBRTMPS_OWN = Set.of("app", "type", "flashVer", "swfUrl", "tcUrl", "fpad",
            "capabilities", "audioCodecs", "videoCodecs", "videoFunction", "pageUrl", "objectEncoding");

    private final Map<String, byte[]> encoded = new LinkedHashMap<>();

    /** Sets one property; a later one of the same name replaces it, at the end. */
    void put(String name, Object value) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("connect property name is null or empty");
        }
        if (LIBRTMPS_OWN.contains(name)) {
            throw new IllegalArgumentException("connect property " + name + " is librtmp's own: set it with its"
                    + " librtmp option (RtmpOptions.Builder), or the object would hold it twice");
        }
        byte[] amf;
        try {
            amf = new Amf0Encoder().writeProperty(name, value).toByteArray();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("connect property " + name + ": " + e.getMessage(), e);
        }
        encoded.remove(name);
        encoded.put(name, amf);
    }

    /** fourCcList: the FourCCs, each one or the wildcard. */
    void fourCcList(String... fourCcs) {
        if (fourCcs == null || fourCcs.length == 0) {
            throw new IllegalArgumentException("enhancedCodecs needs at least one FourCC");
        }
        for (String f : fourCcs) {
            requireFourCc(f);
        }
        put("fourCcList", List.of(fourCcs));
    }

    /** videoFourCcInfoMap or audioFourCcInfoMap: FourCC to FourCcInfoMask flags. */
    void infoMap(String name, Map<String, Integer> flagsByFourCc) {
        if (flagsByFourCc == null) {
            throw new IllegalArgumentException(name + " is null");
        }
        Map<String, Object> map = new LinkedHashMap<>();
        flagsByFourCc.forEach((fourCc, flags) -> {
            requireFourCc(fourCc);
            if (flags == null || flags < 0) {
                throw new IllegalArgumentException(name + ": the flags of " + fourCc + " must be 0 or more, not " + flags);
            }
            map.put(fourCc, flags.doubleValue());
        });
        put(name, map);
    }

    private static void requireFourCc(String f) {
        if (!FourCc.isValid(f) && !EnhancedRtmp.ANY_CODEC.equals(f)) {
            throw new IllegalArgumentException("not a FourCC (four printable ASCII characters) nor \"*\": "
                    + (f == null ? "null" : "\"" + f + "\""));
        }
    }

    /** All of them, one after another: what goes into the object. */
    byte[] encode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        encoded.values().forEach(out::writeBytes);
        return out.toByteArray();
    }

    Set<String> names() {
        return encoded.keySet();
    }
}
