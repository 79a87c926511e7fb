package org.nativertmp.cli;

import java.time.Duration;
import org.nativertmp.RtmpOptions;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options publish and play share: the timeouts, quiet output, and the TLS of rtmps/rtmpts. */
final class TransferOptions {
    @Option(names = "--timeout", paramLabel = "S",
            description = "librtmp's receive timeout in seconds (default: 30), which also bounds the connect, the"
                    + " stream setup and each send unless set otherwise")
    Integer timeoutSeconds;

    @Option(names = "--connect-timeout", paramLabel = "S",
            description = "the whole connect (name lookup, TCP, TLS, handshake, the answer to connect) within S"
                    + " seconds (default: the --timeout)")
    Integer connectTimeoutSeconds;

    @Option(names = "--media-timeout", paramLabel = "S",
            description = "fail when no media arrives (play), or the server does not take what a write sends"
                    + " (publish), within S seconds (default: no limit; a live stream may be quiet)")
    Integer mediaTimeoutSeconds;

    @Option(names = "--quiet", description = "no progress and no summary on stderr")
    boolean quiet;

    @Mixin
    TlsOptions tls;

    /** A usage error's exit code, or null when the options are fine. */
    Integer check() {
        Integer usage = CliArguments.checkTimeout("--timeout", timeoutSeconds);
        if (usage == null) {
            usage = CliArguments.checkTimeout("--connect-timeout", connectTimeoutSeconds);
        }
        if (usage == null) {
            usage = CliArguments.checkTimeout("--media-timeout", mediaTimeoutSeconds);
        }
        return usage != null ? usage : tls.check();
    }

    /**
     * Options with librtmp's receive timeout (and so the stream setup and send timeouts, and the
     * connect timeout unless given), the connect timeout and the media timeout, when given.
     */
    RtmpOptions.Builder options() {
        RtmpOptions.Builder options = tls.applyTo(RtmpOptions.builder());
        if (timeoutSeconds != null) {
            options.receiveTimeout(Duration.ofSeconds(timeoutSeconds));
        }
        if (connectTimeoutSeconds != null) {
            options.connectTimeout(Duration.ofSeconds(connectTimeoutSeconds));
        }
        if (mediaTimeoutSeconds != null) {
            options.mediaTimeout(Duration.ofSeconds(mediaTimeoutSeconds));
        }
        return options;
    }
}
