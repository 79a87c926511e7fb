package org.nativertmp.cli;

import java.time.Duration;
import org.nativertmp.RtmpOptions;
import picocli.CommandLine.Option;

/** The options publish and play share: the timeout and quiet output. */
final class TransferOptions {
    @Option(names = "--timeout", paramLabel = "S",
            description = "receive and send timeout in seconds (librtmp's default: 30)")
    Integer timeoutSeconds;

    @Option(names = "--quiet", description = "no progress and no summary on stderr")
    boolean quiet;

    /** A usage error's exit code, or null when the options are fine. */
    Integer check() {
        return CliArguments.checkTimeout(timeoutSeconds);
    }

    /** Options with librtmp's receive timeout (and so the send timeout), when one was given. */
    RtmpOptions.Builder options() {
        RtmpOptions.Builder options = RtmpOptions.builder();
        if (timeoutSeconds != null) {
            options.receiveTimeout(Duration.ofSeconds(timeoutSeconds));
        }
        return options;
    }
}
