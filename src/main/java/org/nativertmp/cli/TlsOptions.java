package org.nativertmp.cli;

import java.nio.file.Path;
import javax.net.ssl.SSLContext;
import org.nativertmp.RtmpOptions;
import picocli.CommandLine.Option;

/** {@code --cacert FILE} and {@code --insecure}, for rtmps and rtmpts URLs (publish, play, trace). */
final class TlsOptions {
    @Option(names = "--cacert", paramLabel = "FILE",
            description = "rtmps/rtmpts: trust the CA certificates in this PEM file instead of the JVM's default trust store")
    Path caCertificates;

    @Option(names = "--insecure",
            description = "rtmps/rtmpts: accept any certificate for any host name (anyone on the path can read the stream)")
    boolean insecure;

    private SSLContext context;

    /** A usage error's exit code, or null when the options are fine (the PEM file is read here). */
    Integer check() {
        if (caCertificates != null && insecure) {
            return CliArguments.usage("--cacert and --insecure exclude each other");
        }
        if (caCertificates != null) {
            try {
                context = CaCertificates.sslContextTrusting(caCertificates);
            } catch (IllegalArgumentException e) {
                return CliArguments.usage("--cacert: " + e.getMessage());
            }
        }
        return null;
    }

    /** Adds the TLS settings to {@code options}; after {@link #check()}. */
    RtmpOptions.Builder applyTo(RtmpOptions.Builder options) {
        if (context != null) {
            options.sslContext(context);
        }
        return options.insecureTls(insecure);
    }
}
