package org.nativertmp.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.nativertmp.RtmpException;

/**
 * The TLS of one rtmps or rtmpts connection, made by the JDK: a TCP connection to the URL's host,
 * a TLS handshake with SNI and the HTTPS host-name check (unless insecure), then two threads that
 * copy bytes between the TLS socket and the outer end of the shim's pipe (nrtmp_attach_pipe),
 * whose other end is librtmp's connection. librtmp writes and reads every RTMP (or RTMPT) byte
 * itself, as over plain TCP; this class never looks at them.
 *
 * <p>Lifetime: {@link #abort()} (close() from another thread) ends a connect or handshake in
 * progress; {@link #close()} runs after librtmp has closed its end (nrtmp_free), lets what librtmp
 * sent last (FCUnpublish, deleteStream) reach the server for a short while, then closes the TCP
 * connection. The outer descriptor is closed by whoever leaves last (the two copying threads and
 * the owner), so no thread can be inside a native call on a number the system gave away.
 */
final class TlsTunnel implements AutoCloseable {
    private static final Logger LOGGER = System.getLogger("org.nativertmp");
    /** The default port of rtmps and rtmpts (librtmp's parseurl.c: 443 for RTMP_FEATURE_SSL). */
    static final int DEFAULT_PORT = 443;
    /** How long close() lets the last bytes librtmp sent reach a server that is slow to read them. */
    private static final long DRAIN_MILLIS = 2000;
    private static final int BUFFER_SIZE = 64 * 1024;
    private static final AtomicInteger IDS = new AtomicInteger();

    private final String url;
    private final String host;
    private final int port;
    private final TlsSettings settings;
    private final String name = "nrtmp-tls-" + IDS.incrementAndGet();
    private volatile Socket tcp = new Socket();
    private volatile SSLSocket tls;
    private volatile Thread toServer;
    private volatile Thread fromServer;
    private volatile boolean closing;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile int outer = -1;
    /** The owner and each started copying thread hold one; the last release closes {@link #outer}. */
    private final AtomicInteger holders = new AtomicInteger(1);

    TlsTunnel(String url, String host, int port, TlsSettings settings) {
        this.url = url;
        this.host = host;
        this.port = port;
        this.settings = settings;
    }

    /**
     * TCP connect (every address of the host in turn, as the shim does for plain RTMP) and TLS
     * handshake, both within {@code timeoutMillis} (0: the TCP connect as the system allows, the
     * handshake within {@code handshakeFallbackMillis}, librtmp's receive timeout; 0 there too:
     * no limit).
     *
     * @throws RtmpException saying which failure (untrusted certificate, name mismatch, TLS
     *         version, handshake, timeout, refused, unknown host)
     */
    void open(int timeoutMillis, int handshakeFallbackMillis) throws RtmpException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        String address = host + ":" + port;
        try {
            if (settings.insecure()) {
                LOGGER.log(Level.WARNING, "{0}: TLS without any certificate or host-name check (insecure mode):"
                        + " anyone between here and {1} can read and change the stream", url, address);
            }
            InetAddress[] addresses = InetAddress.getAllByName(host);
            for (int i = 0; tls == null; i++) {
                address = host + " (" + addresses[i].getHostAddress() + ":" + port + ")";
                try {
                    connectTcp(new InetSocketAddress(addresses[i], port), timeoutMillis, deadline);
                } catch (ConnectException e) {
                    if (i == addresses.length - 1 || closing) {
                        throw e;
                    }
                    continue; // the next address, as the shim's connect_any
                }
                tcp.setSoTimeout(timeoutMillis > 0 ? remaining(deadline) : handshakeFallbackMillis);
                SSLSocket s = (SSLSocket) settings.effectiveContext().getSocketFactory().createSocket(tcp, host, port, true);
                s.setSSLParameters(parameters(s.getSSLParameters()));
                tls = s;
            }
            tls.startHandshake();
            tcp.setSoTimeout(0); // from here on librtmp's receive timeout, on its end of the pipe, rules
            String with = address;
            LOGGER.log(Level.DEBUG, () -> url + ": TLS up with " + with + ", " + tls.getSession().getProtocol() + " "
                    + tls.getSession().getCipherSuite() + (settings.insecure() ? "" : ", certificate of "
                    + principal()));
        } catch (IOException e) {
            closeQuietly();
            int limit = timeoutMillis > 0 ? timeoutMillis : handshakeFallbackMillis;
            throw closing ? interrupted() : TlsFailure.toException(e, url, address, limit, timeoutMillis > 0);
        } catch (GeneralSecurityException e) {
            closeQuietly();
            throw new RtmpException("connect to " + url + " failed: no TLS context: " + e.getMessage(), null, e);
        }
    }

    /** A new TCP socket for each address; abort() closes the one of the moment. */
    private void connectTcp(InetSocketAddress target, int timeoutMillis, long deadline) throws IOException {
        Socket s = new Socket();
        tcp = s;
        if (closing) {
            throw new SocketException("closed");
        }
        s.setTcpNoDelay(true);
        s.connect(target, timeoutMillis > 0 ? remaining(deadline) : 0);
    }

    private String principal() {
        try {
            return tls.getSession().getPeerPrincipal().getName();
        } catch (IOException e) {
            return "(none)";
        }
    }

    private SSLParameters parameters(SSLParameters p) {
        if (!settings.insecure()) {
            p.setEndpointIdentificationAlgorithm("HTTPS");
        }
        if (!isAddressLiteral(host)) {
            p.setServerNames(List.of(new SNIHostName(host)));
        }
        return p;
    }

    /** SNI carries names only (RFC 6066, section 3). */
    private static boolean isAddressLiteral(String host) {
        return host.indexOf(':') >= 0 || host.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'));
    }

    private static int remaining(long deadline) throws SocketTimeoutException {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0) {
            throw new SocketTimeoutException("the connect timeout was spent before the TLS handshake");
        }
        return (int) Math.min(left, Integer.MAX_VALUE);
    }

    private RtmpException interrupted() {
        return new RtmpException("connect to " + url + " interrupted: closed by close() from another thread");
    }

    /** Starts copying between the TLS connection and {@code outerEnd}, which this tunnel now owns. */
    void start(int outerEnd) throws RtmpException {
        outer = outerEnd;
        try {
            InputStream in = tls.getInputStream();
            OutputStream out = tls.getOutputStream();
            toServer = copier("to-server", () -> copyToServer(out));
            fromServer = copier("from-server", () -> copyFromServer(in));
        } catch (IOException e) {
            throw TlsFailure.toException(e, url, host + ":" + port, 0, false);
        }
        toServer.start();
        fromServer.start();
    }

    private Thread copier(String direction, Runnable loop) {
        holders.incrementAndGet();
        Thread t = new Thread(() -> {
            try {
                loop.run();
            } finally {
                release();
            }
        }, name + "-" + direction);
        t.setDaemon(true);
        return t;
    }

    /** What librtmp sends, to the server; at librtmp's end of stream, TLS close_notify. */
    private void copyToServer(OutputStream out) {
        byte[] buf = new byte[BUFFER_SIZE];
        int[] n = new int[1];
        int[] err = new int[1];
        try {
            while (LibRtmp.nrtmp_pipe_read(outer, buf, buf.length, n, err) == NativeStatus.OK.ordinal() && n[0] > 0) {
                out.write(buf, 0, n[0]);
                out.flush();
            }
            tls.shutdownOutput();
        } catch (IOException | UnsupportedOperationException e) {
            closeQuietly(); // the server is gone; librtmp's next read or write says so
        }
    }

    /** What the server sends, to librtmp; at the server's end of stream, librtmp reads its end too. */
    private void copyFromServer(InputStream in) {
        byte[] buf = new byte[BUFFER_SIZE];
        int[] err = new int[1];
        try {
            int n;
            while ((n = in.read(buf)) > 0) {
                if (LibRtmp.nrtmp_pipe_write(outer, buf, n, err) != NativeStatus.OK.ordinal()) {
                    break; // librtmp's end is closed
                }
            }
        } catch (IOException e) {
            // the TLS connection ended without close_notify, or close() closed it
        } finally {
            LibRtmp.nrtmp_pipe_shutdown(outer, 0);
        }
    }

    /** close() from another thread: ends a TCP connect or TLS handshake in progress at once. */
    void abort() {
        closing = true;
        closeQuietly();
    }

    /**
     * After librtmp has closed its end: the last bytes it sent go to the server (for at most
     * {@value #DRAIN_MILLIS} ms, for a server that stopped reading), then the TCP connection
     * closes. Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        closing = true;
        Thread t = toServer;
        if (t != null && t != Thread.currentThread()) {
            try {
                t.join(DRAIN_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        closeQuietly();
        if (outer >= 0) {
            LibRtmp.nrtmp_pipe_shutdown(outer, 1);
        }
        release();
    }

    private void release() {
        if (holders.decrementAndGet() == 0 && outer >= 0) {
            LibRtmp.nrtmp_pipe_close(outer);
        }
    }

    private void closeQuietly() {
        try {
            tcp.close();
        } catch (IOException ignored) {
            // closing: nothing more to do
        }
    }

    @Override
    public String toString() {
        return name + " " + host + ":" + port;
    }
}
