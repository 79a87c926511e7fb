package org.nativertmp.internal;

import java.util.Locale;

/**
 * How a URL's bytes travel, by its scheme: over librtmp's own TCP socket (rtmp, rtmpt), or
 * through the JDK's TLS ({@link TlsTunnel}: rtmps, rtmpts), where librtmp still writes every RTMP
 * byte. RTMPE (rtmpe, rtmpte) never gets here: {@link RtmpUrlCheck} refuses it, and
 * {@code nrtmp_connect} again. Nothing falls back to plain text.
 */
enum Transport {
    TCP, TLS;

    /** The transport of a URL that {@link RtmpUrlCheck} accepted. */
    static Transport of(String url) {
        int sep = url.indexOf("://");
        String scheme = sep < 0 ? "" : url.substring(0, sep).toLowerCase(Locale.ROOT);
        return scheme.equals("rtmps") || scheme.equals("rtmpts") ? TLS : TCP;
    }
}
