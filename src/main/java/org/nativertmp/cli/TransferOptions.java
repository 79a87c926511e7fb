package org.nativertmp.cli;

import org.nativertmp.RtmpOptions;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options publish and play share: those of every connect, and quiet output. */
final class TransferOptions {
    @Mixin
    ConnectOptions connection;

    @Option(names = {"-q", "--quiet"}, description = "no progress and no summary on stderr")
    boolean quiet;

    /** A usage error's exit code, or null when the options are fine. */
    Integer check() {
        return connection.check();
    }

    /** The options given, as librtmp's. */
    RtmpOptions.Builder options() {
        return connection.options();
    }

    /** --timeout, or null. */
    Integer timeoutSeconds() {
        return connection.timeouts.receiveSeconds;
    }
}
