package org.nativertmp.testkit;

/** How a client built its C1: the specification's plain handshake, or Flash Player 9's digest. */
public enum HandshakeKind {
    /** 5.2.3: C1 bytes 4-7 are zero; time and random bytes only. librtmp's no-crypto build. */
    PLAIN("plain"),
    /** Flash Player 9 digest at the offset that bytes 8-11 give (scheme 0; ffmpeg, librtmp with crypto). */
    DIGEST_SCHEME_0("digest, scheme 0"),
    /** Flash Player 9 digest at the offset that bytes 772-775 give (scheme 1). */
    DIGEST_SCHEME_1("digest, scheme 1"),
    /** Bytes 4-7 carry a version, but no digest in either place is valid with the published client key. */
    VERSIONED_WITHOUT_VALID_DIGEST("a version in bytes 4-7, but no valid digest"),
    /** Fewer than C0 and C1 arrived. */
    INCOMPLETE("incomplete");

    private final String words;

    HandshakeKind(String words) {
        this.words = words;
    }

    /** The kind in words, as reports print it. */
    public String words() {
        return words;
    }
}
