package org.nativertmp.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** {@code --cacert FILE}: an SSLContext that trusts exactly the certificates of a PEM file (as curl's option). */
public final class CaCertificates {
    private CaCertificates() {
    }

    /**
     * A TLS context whose trust store holds exactly the certificates of a PEM file.
     *
     * @param pem one or more PEM certificates (CAs, or the server's own)
     * @return a context for {@code RtmpOptions.Builder.sslContext}
     * @throws IllegalArgumentException when the file cannot be read or holds no certificate
     */
    public static SSLContext sslContextTrusting(Path pem) {
        try (InputStream in = Files.newInputStream(pem)) {
            Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certificates.isEmpty()) {
                throw new IllegalArgumentException("no certificate in " + pem);
            }
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (Certificate c : certificates) {
                store.setCertificateEntry("ca-" + i++, c);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot read CA certificates from " + pem + ": " + e.getMessage(), e);
        }
    }
}
