package org.nativertmp.internal;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.util.Locale;
import javax.net.ssl.SSLException;
import org.nativertmp.RtmpException;

/**
 * What went wrong while opening the TLS connection of an rtmps or rtmpts URL, in words a user can
 * act on: an untrusted certificate, a certificate for another name, no TLS version in common, a
 * handshake that failed otherwise, a timeout. The JDK tells these apart by exception type where
 * it can (the certificate path) and only by its message otherwise (the host-name check and the
 * protocol_version alert are plain {@link CertificateException} and {@link SSLException}); its
 * own text is always quoted.
 */
final class TlsFailure {
    enum Kind {
        UNTRUSTED_CERTIFICATE("the server's certificate is not trusted (no path to a trusted CA;"
                + " pass the CA in an SSLContext, or --cacert on the command line)"),
        HOST_NAME_MISMATCH("the server's certificate is not valid for the host name in the URL"),
        TLS_VERSION("the server and this JVM have no TLS version in common"),
        HANDSHAKE("the TLS handshake failed (is it a TLS port?)"),
        TIMED_OUT("timed out"),
        REFUSED("the TCP connection was refused"),
        UNKNOWN_HOST("the host name could not be resolved"),
        IO("the connection failed");

        final String words;

        Kind(String words) {
            this.words = words;
        }
    }

    private TlsFailure() {
    }

    static Kind classify(IOException e) {
        if (e instanceof SocketTimeoutException) {
            return Kind.TIMED_OUT;
        }
        if (e instanceof ConnectException) {
            return Kind.REFUSED;
        }
        if (e instanceof UnknownHostException) {
            return Kind.UNKNOWN_HOST;
        }
        if (!(e instanceof SSLException)) {
            return Kind.IO;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CertPathBuilderException || t instanceof CertPathValidatorException) {
                return Kind.UNTRUSTED_CERTIFICATE;
            }
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if (t instanceof CertificateException && (m.contains("no name matching") || m.contains("no subject alternative"))) {
                return Kind.HOST_NAME_MISMATCH;
            }
            if (m.contains("protocol_version") || m.contains("no appropriate protocol")) {
                return Kind.TLS_VERSION;
            }
        }
        return Kind.HANDSHAKE;
    }

    /**
     * The exception connect() throws: what failed, for which URL and address, and the JDK's words.
     * (A deadline that passed is worded by {@link TlsTunnel#open}, which knows the step.)
     */
    static RtmpException toException(IOException e, String url, String address) {
        return new RtmpException("connect to " + url + " failed: TLS to " + address + ": " + classify(e).words + "; "
                + e.getClass().getSimpleName() + ": " + e.getMessage(), null, e);
    }
}
