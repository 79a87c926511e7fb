package org.nativertmp.internal;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * What {@code RTMP_SetupURL} would accept with only a warning, refused up front: librtmp goes on
 * with an unknown scheme or a bad port and fails later, far from the cause.
 */
final class RtmpUrlCheck {
    /** The schemes librtmp's RTMP_ParseURL knows (parseurl.c). */
    private static final Set<String> SCHEMES =
            Set.of("rtmp", "rtmpt", "rtmpe", "rtmpte", "rtmps", "rtmpts", "rtmfp");
    /** parseurl.c ignores longer host names. */
    private static final int MAX_HOST_LENGTH = 255;

    private RtmpUrlCheck() {
    }

    /**
     * The URL's host: {@code hostStart} is its index in the URL, {@code port} is -1 when the URL
     * names none, {@code bracketed} marks an IPv6 literal ({@code [::1]}), which librtmp's URL
     * parser cannot split.
     */
    public record Authority(String host, int hostStart, int port, boolean bracketed) {
    }

    /**
     * Checks the URL and returns its host.
     *
     * @throws IllegalArgumentException naming the URL and what is wrong with it
     */
    public static Authority check(String url) {
        if (url == null) {
            throw new IllegalArgumentException("RTMP URL is null");
        }
        if (url.isEmpty()) {
            throw new IllegalArgumentException("RTMP URL is empty");
        }
        int sep = url.indexOf("://");
        if (sep < 0) {
            throw bad(url, "it has no '://'");
        }
        String scheme = url.substring(0, sep).toLowerCase(Locale.ROOT);
        if (!SCHEMES.contains(scheme)) {
            throw bad(url, "unknown scheme '" + url.substring(0, sep) + "' (librtmp knows "
                    + String.join(", ", new TreeSet<>(SCHEMES)) + ")");
        }
        String rest = url.substring(sep + 3);
        int end = indexOfAny(rest, "/?");
        String authority = end < 0 ? rest : rest.substring(0, end);
        String host = authority;
        String port = null;
        boolean bracketed = authority.startsWith("[");
        int hostStart = sep + 3 + (bracketed ? 1 : 0);
        if (bracketed) {
            int close = authority.indexOf(']');
            if (close < 0) {
                throw bad(url, "an IPv6 host needs a closing ']'");
            }
            host = authority.substring(1, close);
            String after = authority.substring(close + 1);
            if (after.startsWith(":")) {
                port = after.substring(1);
            } else if (!after.isEmpty()) {
                throw bad(url, "unexpected '" + after + "' after the IPv6 host");
            }
        } else {
            int colon = authority.indexOf(':');
            if (colon >= 0) {
                host = authority.substring(0, colon);
                port = authority.substring(colon + 1);
            }
        }
        if (host.isEmpty()) {
            throw bad(url, "it has no host");
        }
        if (host.length() > MAX_HOST_LENGTH) {
            throw bad(url, "the host is longer than " + MAX_HOST_LENGTH + " characters");
        }
        if (port != null && !validPort(port)) {
            throw bad(url, "the port '" + port + "' is not a number from 1 to 65535");
        }
        for (int i = 0; i < url.length(); i++) {
            if (url.charAt(i) == 0) {
                throw bad(url, "it contains a NUL character");
            }
        }
        return new Authority(host, hostStart, port == null ? -1 : Integer.parseInt(port), bracketed);
    }

    private static boolean validPort(String port) {
        if (port.isEmpty() || port.length() > 5 || !port.chars().allMatch(Character::isDigit)) {
            return false;
        }
        int p = Integer.parseInt(port);
        return p >= 1 && p <= 65535;
    }

    private static int indexOfAny(String s, String chars) {
        for (int i = 0; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    private static IllegalArgumentException bad(String url, String why) {
        return new IllegalArgumentException("invalid RTMP URL '" + url + "': " + why);
    }
}
