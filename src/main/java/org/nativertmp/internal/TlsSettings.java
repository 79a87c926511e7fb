package org.nativertmp.internal;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * How an rtmps or rtmpts connection makes its TLS: the user's {@link SSLContext} or, with
 * {@code context} null, the JVM's default one (its default trust store); {@code insecure} trusts
 * any certificate for any name, on the user's explicit request only.
 */
public record TlsSettings(SSLContext context, boolean insecure) {
    /** The context to make the TLS socket from. */
    SSLContext effectiveContext() throws GeneralSecurityException {
        if (insecure) {
            SSLContext trustAll = SSLContext.getInstance("TLS");
            trustAll.init(null, new TrustManager[] {new TrustingEveryone()}, null);
            return trustAll;
        }
        return context != null ? context : SSLContext.getDefault();
    }

    /** Accepts every chain: the insecure mode, which also turns off the host-name check. */
    private static final class TrustingEveryone extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
