package org.nativertmp.cli;

import org.nativertmp.RtmpOptions;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * What every command that connects takes (trace, publish, play): the timeouts, librtmp's options,
 * TLS, quick acknowledgements.
 */
final class ConnectOptions {
    @Mixin
    TimeoutOptions timeouts;

    @Mixin
    LibrtmpOptions librtmp;

    @Mixin
    TlsOptions tls;

    @Option(names = "--no-quick-ack",
            description = "do not set TCP_QUICKACK while the connect and the stream setup wait for the server"
                    + " (set by default on Linux over TCP: nginx-rtmp's replies are otherwise held back until the"
                    + " client's delayed acknowledgement, 40 ms)")
    boolean noQuickAck;

    /** A usage error's exit code, or null when the options are fine. */
    Integer check() {
        Integer usage = timeouts.check();
        usage = usage != null ? usage : librtmp.check();
        return usage != null ? usage : tls.check();
    }

    /** The options given, as librtmp's; after {@link #check()}. */
    RtmpOptions.Builder options() {
        return librtmp.applyTo(timeouts.applyTo(tls.applyTo(RtmpOptions.builder().quickAck(!noQuickAck))));
    }
}
