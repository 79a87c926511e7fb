package org.nativertmp.flv;

import java.nio.charset.StandardCharsets;

/**
 * The FourCCs that Enhanced RTMP (Veovera's specification, v2) defines for FLV's enhanced audio
 * and video tags, and for the {@code fourCcList} a client sends in its {@code connect}: four
 * characters of printable ASCII, case-sensitive ({@code "Opus"} and {@code "fLaC"} are mixed
 * case).
 */
public final class FourCc {
    /** HEVC / H.265. */
    public static final String HEVC = "hvc1";
    /** AV1. */
    public static final String AV1 = "av01";
    /** VP9. */
    public static final String VP9 = "vp09";
    /** VP8. */
    public static final String VP8 = "vp08";
    /** AVC / H.264 (in an enhanced tag; the legacy tag has codec id 7). */
    public static final String AVC = "avc1";
    /** VVC / H.266. */
    public static final String VVC = "vvc1";
    /** Opus. */
    public static final String OPUS = "Opus";
    /** FLAC. */
    public static final String FLAC = "fLaC";
    /** AC-3. */
    public static final String AC3 = "ac-3";
    /** E-AC-3. */
    public static final String EAC3 = "ec-3";
    /** MP3 (in an enhanced tag). */
    public static final String MP3 = ".mp3";
    /** AAC (in an enhanced tag; the legacy tag has sound format 10). */
    public static final String AAC = "mp4a";

    /** The size of a FourCC on the wire. */
    static final int SIZE = 4;

    private FourCc() {
    }

    /**
     * Whether {@code s} can be a FourCC: four characters from space to tilde.
     *
     * @param s a string, or null
     * @return true for four printable ASCII characters
     */
    public static boolean isValid(String s) {
        if (s == null || s.length() != SIZE) {
            return false;
        }
        for (int i = 0; i < SIZE; i++) {
            if (s.charAt(i) < 0x20 || s.charAt(i) > 0x7E) {
                return false;
            }
        }
        return true;
    }

    /** {@code s}, checked. */
    static String require(String s) {
        if (!isValid(s)) {
            throw new IllegalArgumentException("not a FourCC (four printable ASCII characters): "
                    + (s == null ? "null" : "\"" + s + "\""));
        }
        return s;
    }

    static String read(byte[] b, int off) {
        return new String(b, off, SIZE, StandardCharsets.ISO_8859_1);
    }

    static void write(String fourCc, byte[] b, int off) {
        for (int i = 0; i < SIZE; i++) {
            b[off + i] = (byte) fourCc.charAt(i);
        }
    }

    /** Whether coded frames of this video codec carry a composition time offset (SI24). */
    static boolean hasCompositionTime(String videoFourCc) {
        return AVC.equals(videoFourCc) || HEVC.equals(videoFourCc) || VVC.equals(videoFourCc);
    }
}
