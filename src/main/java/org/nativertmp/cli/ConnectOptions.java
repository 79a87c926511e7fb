package org.nativertmp.cli;

import org.nativertmp.RtmpOptions;
import picocli.CommandLine.Mixin;

/** What every command that connects takes (trace, publish, play): the timeouts, librtmp's options, TLS. */
final class ConnectOptions {
    @Mixin
    TimeoutOptions timeouts;

    @Mixin
    LibrtmpOptions librtmp;

    @Mixin
    TlsOptions tls;

    /** A usage error's exit code, or null when the options are fine. */
    Integer check() {
        Integer usage = timeouts.check();
        usage = usage != null ? usage : librtmp.check();
        return usage != null ? usage : tls.check();
    }

    /** The options given, as librtmp's; after {@link #check()}. */
    RtmpOptions.Builder options() {
        return librtmp.applyTo(timeouts.applyTo(tls.applyTo(RtmpOptions.builder())));
    }
}
