package org.nativertmp.testkit;

import java.util.Arrays;

/**
 * What a client's handshake says about it (5.2): its version byte, how it built C1 and whether
 * its C2 echoes the server's S1 as 5.2.3 requires (time and random bytes; bytes 4-7 may hold the
 * time the client read S1).
 *
 * @param version      C0, or -1 when nothing arrived
 * @param kind         plain or Flash Player 9 digest (and which scheme)
 * @param c1Version    C1 bytes 4-7 in hex ("00 00 00 00" in a plain handshake)
 * @param c2EchoesS1   true when C2 echoes S1, false when not, null when S1 or C2 is not known
 */
public record ClientHandshake(int version, HandshakeKind kind, String c1Version, Boolean c2EchoesS1) {
    private static final int C1_VERSION_FROM = 4;
    private static final int C1_VERSION_TO = 8;

    /** Reads the handshake from a client's bytes and, when known, the server's S0+S1+S2. */
    static ClientHandshake of(WireTranscript t) {
        byte[] c1 = t.c1();
        if (c1.length < RtmpSpec.HANDSHAKE_SIZE) {
            return new ClientHandshake(t.c0(), HandshakeKind.INCOMPLETE, "", null);
        }
        return new ClientHandshake(t.c0(), kindOf(c1), MessageText.hex(c1, C1_VERSION_FROM, C1_VERSION_TO), echoes(t));
    }

    private static HandshakeKind kindOf(byte[] c1) {
        boolean zero = c1[4] == 0 && c1[5] == 0 && c1[6] == 0 && c1[7] == 0;
        if (zero) {
            return HandshakeKind.PLAIN;
        }
        switch (FlashDigest.validScheme(c1)) {
            case 0: return HandshakeKind.DIGEST_SCHEME_0;
            case 1: return HandshakeKind.DIGEST_SCHEME_1;
            default: return HandshakeKind.VERSIONED_WITHOUT_VALID_DIGEST;
        }
    }

    private static Boolean echoes(WireTranscript t) {
        byte[] s1 = t.s1();
        byte[] c2 = t.c2();
        if (s1.length < RtmpSpec.HANDSHAKE_SIZE || c2.length < RtmpSpec.HANDSHAKE_SIZE) {
            return null;
        }
        return Arrays.equals(s1, 0, C1_VERSION_FROM, c2, 0, C1_VERSION_FROM)
                && Arrays.equals(s1, C1_VERSION_TO, s1.length, c2, C1_VERSION_TO, c2.length);
    }

    /** One line: "version 3, plain (C1 bytes 4-7 00 00 00 00), C2 echoes S1". */
    public String describe() {
        String echo = c2EchoesS1 == null ? "S1 not recorded" : c2EchoesS1 ? "C2 echoes S1" : "C2 does not echo S1";
        return "version " + version + ", " + kind.words() + " (C1 bytes 4-7 " + c1Version + "), " + echo;
    }
}
