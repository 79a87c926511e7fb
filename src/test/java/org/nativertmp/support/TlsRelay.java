package org.nativertmp.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;

/**
 * TLS on 127.0.0.1 in front of a plain TCP server on 127.0.0.1, made by the JDK in this process
 * (no server process to start, so a test JVM can run one per case): each TLS connection is
 * carried to a new TCP connection to the backend, both ways, until either side closes. The
 * certificate is {@link TestCertificates}' for {@code localhost}.
 */
public final class TlsRelay implements AutoCloseable {
    private final LoopbackServer server;
    private final int backendPort;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();

    private TlsRelay(TestCertificates certificates, int backendPort) throws IOException, GeneralSecurityException {
        this.backendPort = backendPort;
        SSLContext context = serverContext(certificates);
        SSLServerSocket listening = (SSLServerSocket) context.getServerSocketFactory()
                .createServerSocket(0, 16, InetAddress.getLoopbackAddress());
        this.server = new LoopbackServer(listening, "tls-relay-" + backendPort, this::relay);
    }

    public static TlsRelay start(TestCertificates certificates, int backendPort) throws IOException {
        try {
            return new TlsRelay(certificates, backendPort);
        } catch (GeneralSecurityException e) {
            throw new IOException("no TLS server context from " + certificates.serverKeyStore(), e);
        }
    }

    public int port() {
        return server.port();
    }

    private static SSLContext serverContext(TestCertificates certificates) throws IOException, GeneralSecurityException {
        char[] password = TestCertificates.KEY_STORE_PASSWORD.toCharArray();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(certificates.serverKeyStore())) {
            keys.load(in, password);
        }
        KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        managers.init(keys, password);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(managers.getKeyManagers(), null, null);
        return context;
    }

    private void relay(Socket client) {
        Socket backend = null;
        open.add(client);
        try (client) {
            backend = new Socket(InetAddress.getLoopbackAddress(), backendPort);
            open.add(backend);
            backend.setTcpNoDelay(true);
            Socket to = backend;
            Thread up = new Thread(() -> copy(client, to), "tls-relay-up-" + client.getPort());
            up.setDaemon(true);
            up.start();
            copy(backend, client);
            up.join(5000);
        } catch (IOException | InterruptedException gone) {
            // either side left
        } finally {
            open.remove(client);
            if (backend != null) {
                open.remove(backend);
            }
        }
    }

    /** Copies until {@code from} ends, then ends {@code to} (both directions then stop). */
    private static void copy(Socket from, Socket to) {
        byte[] buf = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                out.write(buf, 0, n);
                out.flush();
            }
        } catch (IOException gone) {
            // closed
        } finally {
            try {
                from.close();
                to.close();
            } catch (IOException ignored) {
                // closing
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : open) {
            s.close();
        }
    }
}
