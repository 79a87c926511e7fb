package org.nativertmp.cli;

import java.time.Duration;
import org.nativertmp.RtmpOptions;
import picocli.CommandLine.Option;

/** The two timeouts, the same in trace, publish and play: librtmp's own (rtmpdump's -m), and the connect's. */
final class TimeoutOptions {
    @Option(names = {"-m", "--timeout"}, paramLabel = "S",
            description = "librtmp's receive timeout in seconds, also the send timeout, and the connect and stream"
                    + " setup timeouts unless set otherwise (librtmp's default: 30)")
    Integer receiveSeconds;

    @Option(names = "--connect-timeout", paramLabel = "S",
            description = "the whole connect (name lookup, TCP, TLS, handshake, the answer to connect) within S"
                    + " seconds, decimals allowed (default: the --timeout)")
    Double connectSeconds;

    /** A usage error's exit code, or null when the timeouts are fine. */
    Integer check() {
        if (receiveSeconds != null && receiveSeconds < 0) {
            return CliArguments.usage("--timeout must not be negative, not " + receiveSeconds);
        }
        if (connectSeconds != null && !(connectSeconds >= 0 && connectSeconds < Integer.MAX_VALUE / 1000)) {
            return CliArguments.usage("--connect-timeout must be 0 to " + Integer.MAX_VALUE / 1000 + " seconds, not "
                    + connectSeconds);
        }
        return null;
    }

    /** Adds the timeouts that were given to {@code options}; after {@link #check()}. */
    RtmpOptions.Builder applyTo(RtmpOptions.Builder options) {
        if (receiveSeconds != null) {
            options.receiveTimeout(Duration.ofSeconds(receiveSeconds));
        }
        if (connectSeconds != null) {
            options.connectTimeout(Duration.ofMillis(Math.round(connectSeconds * 1000)));
        }
        return options;
    }
}
