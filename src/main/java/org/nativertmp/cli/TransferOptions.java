package org.nativertmp.cli;

import java.time.Duration;
import org.nativertmp.RtmpOptions;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options publish and play share: those of every connect, and quiet output. */
final class TransferOptions {
    @Mixin
    ConnectOptions connection;

    @Option(names = {"-q", "--quiet"}, description = "no progress and no summary on stderr")
    boolean quiet;

    @Option(names = "--stats", description = "after the summary, the connection's statistics: bytes and messages"
            + " each way, acknowledgements and the server's window, the send buffer, a ping's round trip (publish),"
            + " stream time, native memory held")
    boolean stats;

    @Option(names = "--media-timeout", paramLabel = "S",
            description = "fail when no media arrives (play), or the server does not take what a write sends"
                    + " (publish), within S seconds (default: no limit; a live stream may be quiet)")
    Integer mediaTimeoutSeconds;

    /** A usage error's exit code, or null when the options are fine. */
    Integer check() {
        if (mediaTimeoutSeconds != null && mediaTimeoutSeconds < 0) {
            return CliArguments.usage("--media-timeout must not be negative, not " + mediaTimeoutSeconds);
        }
        return connection.check();
    }

    /** The options given, as librtmp's; after {@link #check()}. */
    RtmpOptions.Builder options() {
        RtmpOptions.Builder options = connection.options();
        if (mediaTimeoutSeconds != null) {
            options.mediaTimeout(Duration.ofSeconds(mediaTimeoutSeconds));
        }
        return options;
    }

    /** --timeout, or null. */
    Integer timeoutSeconds() {
        return connection.timeouts.receiveSeconds;
    }
}
