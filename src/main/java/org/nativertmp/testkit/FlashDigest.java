package org.nativertmp.testkit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The digest that Flash Player 9 and later put into C1: an HMAC-SHA256 over C1 without the 32
 * digest bytes, keyed with the first 30 bytes of the published client key ("Genuine Adobe Flash
 * Player 001"). The digest's place depends on the scheme: four bytes at 8-11 (scheme 0) or at
 * 772-775 (scheme 1) are summed, taken modulo 728 and added to 12 or 776.
 */
final class FlashDigest {
    static final int DIGEST_SIZE = 32;
    private static final byte[] CLIENT_KEY = "Genuine Adobe Flash Player 001".getBytes(StandardCharsets.US_ASCII);
    private static final int OFFSET_MODULUS = 728;
    /** Where the four offset bytes are and the base the offset is added to, per scheme. */
    private static final int[] OFFSET_BYTES = {8, 772};
    private static final int[] DIGEST_BASE = {12, 776};

    private FlashDigest() {
    }

    /** Which scheme's digest in {@code c1} (1536 bytes) is valid: 0, 1, or -1 for neither. */
    static int validScheme(byte[] c1) {
        for (int scheme = 0; scheme < OFFSET_BYTES.length; scheme++) {
            if (isValid(c1, scheme)) {
                return scheme;
            }
        }
        return -1;
    }

    static boolean isValid(byte[] c1, int scheme) {
        if (c1.length != RtmpSpec.HANDSHAKE_SIZE) {
            return false;
        }
        int at = digestOffset(c1, scheme);
        byte[] message = new byte[c1.length - DIGEST_SIZE];
        System.arraycopy(c1, 0, message, 0, at);
        System.arraycopy(c1, at + DIGEST_SIZE, message, at, c1.length - at - DIGEST_SIZE);
        return MessageDigest.isEqual(hmac(message), Arrays.copyOfRange(c1, at, at + DIGEST_SIZE));
    }

    static int digestOffset(byte[] c1, int scheme) {
        int from = OFFSET_BYTES[scheme];
        int sum = (c1[from] & 0xFF) + (c1[from + 1] & 0xFF) + (c1[from + 2] & 0xFF) + (c1[from + 3] & 0xFF);
        return sum % OFFSET_MODULUS + DIGEST_BASE[scheme];
    }

    /** Puts a valid digest of the given scheme into {@code c1}, as a Flash Player would. */
    static void sign(byte[] c1, int scheme) {
        int at = digestOffset(c1, scheme);
        byte[] message = new byte[c1.length - DIGEST_SIZE];
        System.arraycopy(c1, 0, message, 0, at);
        System.arraycopy(c1, at + DIGEST_SIZE, message, at, c1.length - at - DIGEST_SIZE);
        System.arraycopy(hmac(message), 0, c1, at, DIGEST_SIZE);
    }

    private static byte[] hmac(byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(CLIENT_KEY, "HmacSHA256"));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            // Every Java platform must provide HmacSHA256.
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
