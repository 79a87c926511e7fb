package org.nativertmp.internal;

import java.util.Locale;

/**
 * How a URL's bytes travel, by its scheme: over librtmp's own TCP socket (rtmp, rtmpt), or
 * through the JDK's TLS ({@link TlsTunnel}: rtmps, rtmpts), where librtmp still writes every RTMP
 * byte. RTMPE (rtmpe, rtmpte) is refused: librtmp built without crypto ignores the flag and
 * handshakes in plain text, and its RC4 scheme protects nothing today. Nothing falls back to
 * plain text.
 */
enum Transport {
    TCP, TLS;

    /**
     * The transport of a URL that {@link RtmpUrlCheck} accepted.
     *
     * @throws IllegalArgumentException for rtmpe and rtmpte
     */
    static Transport of(String url) {
        int sep = url.indexOf("://");
        String scheme = sep < 0 ? "" : url.substring(0, sep).toLowerCase(Locale.ROOT);
        switch (scheme) {
            case "rtmps":
            case "rtmpts":
                return TLS;
            case "rtmpe":
            case "rtmpte":
                throw new IllegalArgumentException("invalid RTMP URL '" + url + "': this build does not do RTMPE ("
                        + scheme + "://, RC4, obsolete; librtmp without crypto would send it unencrypted):"
                        + " use rtmps:// (TLS) instead");
            default:
                return TCP;
        }
    }
}
