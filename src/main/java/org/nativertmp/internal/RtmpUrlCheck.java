package org.nativertmp.internal;

import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * What {@code RTMP_SetupURL} would accept with only a warning, refused up front: librtmp goes on
 * with an unknown scheme or a bad port and fails later, far from the cause. And a URL is data,
 * not commands: librtmp reads text after a space as options ({@code socks=host:port} sends the
 * session through a proxy of the URL's choosing), so that is refused unless the caller asked for
 * librtmp's URL options, and a scheme this build cannot honour is refused instead of being
 * quietly downgraded.
 */
final class RtmpUrlCheck {
    /** The schemes librtmp's RTMP_ParseURL knows (parseurl.c). */
    private static final Set<String> SCHEMES =
            Set.of("rtmp", "rtmpt", "rtmpe", "rtmpte", "rtmps", "rtmpts", "rtmfp");
    /** parseurl.c ignores longer host names. */
    private static final int MAX_HOST_LENGTH = 255;
    /**
     * librtmp encodes the stream name into 1024-byte command buffers (SendPlay, SendPublish,
     * FCPublish, ... in rtmp.c) and fails there; what is after the host is kept below that,
     * with room for the rest of the command.
     */
    private static final int MAX_PATH_BYTES = 960;
    /**
     * RTMPE (RC4, obsolete, no server authentication): librtmp built without crypto ignores the
     * flag and handshakes in plain text, and no build of this library does it (docs/transports.md).
     * rtmps and rtmpts are honoured in every build, through the JDK's TLS ({@link Transport}).
     */
    private static final Set<String> RTMPE = Set.of("rtmpe", "rtmpte");

    private RtmpUrlCheck() {
    }

    /**
     * The URL's host: {@code hostStart} is its index in the URL, {@code port} is -1 when the URL
     * names none, {@code bracketed} marks an IPv6 literal ({@code [::1]}), which librtmp's URL
     * parser cannot split. For a literal with a zone ({@code [fe80::1%25eth0]}, RFC 6874),
     * {@code host} is the address as the system reads it ({@code fe80::1%eth0}), no longer the
     * URL's text ({@link #asWritten()} says which).
     */
    public record Authority(String host, int hostStart, int port, boolean bracketed, boolean asWritten) {
    }

    /**
     * Checks the URL and returns its host.
     *
     * @param librtmpOptions whether text after the first space is librtmp's URL options (the
     *        caller asked for them); otherwise a space is refused
     * @throws IllegalArgumentException naming the URL and what is wrong with it
     */
    public static Authority check(String url, boolean librtmpOptions) {
        if (url == null) {
            throw new IllegalArgumentException("RTMP URL is null");
        }
        if (url.isEmpty()) {
            throw new IllegalArgumentException("RTMP URL is empty");
        }
        for (int i = 0; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c == 0) {
                throw bad(url, "it contains a NUL character");
            }
            if (c == ' ' && !librtmpOptions) {
                throw bad(url, "it contains a space, after which librtmp would read options such as "
                        + "socks=host:port (RtmpOptions.librtmpUrlOptions(true) reads librtmp's URL options)");
            }
            if (c < 0x20 || c == 0x7f) {
                throw bad(url, "it contains the control character 0x" + Integer.toHexString(c));
            }
        }
        return checkAddress(librtmpOptions ? url.split(" ", 2)[0] : url, url);
    }

    private static Authority checkAddress(String address, String url) {
        int sep = address.indexOf("://");
        if (sep < 0) {
            throw bad(url, "it has no '://'");
        }
        String scheme = address.substring(0, sep).toLowerCase(Locale.ROOT);
        if (!SCHEMES.contains(scheme)) {
            throw bad(url, "unknown scheme '" + address.substring(0, sep) + "' (librtmp knows "
                    + String.join(", ", new TreeSet<>(SCHEMES)) + ")");
        }
        if (scheme.equals("rtmfp")) {
            throw bad(url, "librtmp has no RTMFP (it would send plain RTMP over TCP)");
        }
        if (RTMPE.contains(scheme)) {
            throw bad(url, "this build does not do RTMPE (" + scheme + "://: RC4, obsolete; librtmp without"
                    + " crypto would send it unencrypted): use rtmps:// (TLS) instead");
        }
        String rest = address.substring(sep + 3);
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
            throw bad(url, "the port '" + port + "' is not a number from 1 to 65535 in ASCII digits");
        }
        String written = host;
        if (bracketed && host.indexOf('%') >= 0) {
            host = withZone(host, url);
        }
        int pathBytes = end < 0 ? 0 : rest.substring(end).getBytes(StandardCharsets.UTF_8).length;
        if (pathBytes > MAX_PATH_BYTES) {
            throw bad(url, "the app and stream name take " + pathBytes + " bytes, more than the "
                    + MAX_PATH_BYTES + " that fit librtmp's command buffers");
        }
        return new Authority(host, hostStart, port == null ? -1 : Integer.parseInt(port), bracketed,
                host.equals(written));
    }

    /**
     * An IPv6 literal's zone, written {@code %25} in a URL (RFC 6874, section 2: {@code %} must
     * be percent-encoded), as the system reads it: {@code fe80::1%25eth0} is {@code fe80::1%eth0}.
     * The zone must name an interface of this machine (or be its index).
     */
    private static String withZone(String host, String url) {
        int percent = host.indexOf('%');
        if (!host.startsWith("%25", percent) || percent + 3 == host.length()) {
            throw bad(url, "an IPv6 zone is written %25 and the interface in a URL (RFC 6874), e.g. [fe80::1%25eth0]");
        }
        String zone = host.substring(percent + 3);
        if (!zone.chars().allMatch(Character::isDigit)) {
            try {
                if (NetworkInterface.getByName(zone) == null) {
                    throw bad(url, "the IPv6 zone '" + zone + "' is not a network interface of this machine");
                }
            } catch (SocketException e) {
                throw bad(url, "the network interfaces could not be listed to check the IPv6 zone '" + zone + "': "
                        + e.getMessage());
            }
        }
        return host.substring(0, percent) + "%" + zone;
    }

    private static boolean validPort(String port) {
        // ASCII only: Character.isDigit and Integer.parseInt take other scripts' digits, which
        // librtmp's atoi reads as 0 (and then connects to the default port).
        if (port.isEmpty() || port.length() > 5 || !port.chars().allMatch(c -> c >= '0' && c <= '9')) {
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
