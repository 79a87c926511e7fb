package org.nativertmp.cli;

import java.time.Duration;
import org.nativertmp.RtmpOptions;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options publish and play share: the timeout, quiet output, and the TLS of rtmps/rtmpts. */
final class TransferOptions {
    @Option(names = "--timeout", paramLabel = "S",
            description = "receive and send timeout in seconds (librtmp's default: 30)")
    Integer timeoutSeconds;

    @Option(names = "--quiet", description = "no progress and no summary on stderr")
    boolean quiet;

    @Mixin
    TlsOptions tls;

    /** A usage error's exit code, or null when the options are fine. */
    Integer check() {
        Integer usage = CliArguments.checkTimeout(timeoutSeconds);
        return usage != null ? usage : tls.check();
    }

    /** Options with librtmp's receive timeout (and so the send timeout), when one was given. */
    RtmpOptions.Builder options() {
        RtmpOptions.Builder options = tls.applyTo(RtmpOptions.builder());
        if (timeoutSeconds != null) {
            options.receiveTimeout(Duration.ofSeconds(timeoutSeconds));
        }
        return options;
    }
}
