package org.nativertmp.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.nativertmp.RtmpException;

/**
 * The TLS of one rtmps or rtmpts connection, made by the JDK: a TCP connection to the URL's host,
 * a TLS handshake with SNI and the HTTPS host-name check (unless insecure), then two copying
 * tasks that move bytes between the TLS socket and the outer end of librtmp's connection: a
 * loopback TCP connection that librtmp's end made to a listener of this class
 * (nrtmp_attach_loopback). librtmp writes and reads every RTMP (or RTMPT) byte itself, as over
 * plain TCP; this class never looks at them. The copying uses the JDK's sockets alone, no native
 * call: for a connection opened on a virtual thread the two tasks are virtual threads too, which
 * hold no OS thread while they wait; otherwise they are platform threads, as fast as before.
 *
 * <p>Lifetime: {@link #abort()} (close() from another thread) ends a connect or handshake in
 * progress; {@link #close()} runs after librtmp has closed its end (nrtmp_free), lets what librtmp
 * sent last (FCUnpublish, deleteStream) reach the server for a short while, then closes both
 * sockets.
 */
final class TlsTunnel implements AutoCloseable {
    private static final Logger LOGGER = System.getLogger("org.nativertmp");
    /** The default port of rtmps and rtmpts (librtmp's parseurl.c: 443 for RTMP_FEATURE_SSL). */
    static final int DEFAULT_PORT = 443;
    /** How long close() lets the last bytes librtmp sent reach a server that is slow to read them. */
    private static final long DRAIN_MILLIS = 2000;
    /** ... unless the server takes nothing for this long: it stopped reading, waiting is in vain. */
    private static final long DRAIN_STALL_MILLIS = 250;
    private static final int BUFFER_SIZE = 64 * 1024;
    /** How long librtmp's end may take to reach the listener (a connect on 127.0.0.1: at once). */
    private static final long ACCEPT_MILLIS = 5000;
    /** Where librtmp's end connects to (nrtmp_attach_loopback: AF_INET, 127.0.0.1). */
    private static final InetAddress IPV4_LOOPBACK = ipv4Loopback();
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
    /** The to-server thread is inside a write to the TLS connection; when the last one returned. */
    private volatile boolean writing;
    private volatile long lastWrite = System.nanoTime();
    /** The deadline of open() ended it (not close() from another thread). */
    private volatile boolean timedOut;
    /** The name lookup open() waits for, for abort(). */
    private volatile CompletableFuture<InetAddress[]> lookup;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** The accepted end of librtmp's loopback connection; closed by {@link #close()}. */
    private volatile Socket outer;

    TlsTunnel(String url, String host, int port, TlsSettings settings) {
        this.url = url;
        this.host = host;
        this.port = port;
        this.settings = settings;
    }

    /**
     * The name lookup, the TCP connect (every address of the host in turn, as the shim does for
     * plain RTMP) and the TLS handshake, all within {@code millis} from now (0: no limit),
     * whatever the server sends: a handshake dribbled a byte at a time is cut off at the
     * deadline, and a lookup that does not return in time is left to finish on its own thread.
     * {@code connectTimeout} says whether {@code millis} is the connect timeout; otherwise it is
     * the receive timeout and bounds the handshake alone (the lookup and the TCP connect wait as
     * the system lets them).
     *
     * @throws RtmpException saying which failure (untrusted certificate, name mismatch, TLS
     *         version, handshake, refused, unknown host), or which step the deadline ended
     */
    void open(int millis, boolean connectTimeout) throws RtmpException {
        long deadline = millis > 0 && connectTimeout ? System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis) : 0;
        String address = host + ":" + port;
        String step = "the name '" + host + "' did not resolve";
        try {
            if (settings.insecure()) {
                LOGGER.log(Level.WARNING, "{0}: TLS without any certificate or host-name check (insecure mode):"
                        + " anyone between here and {1} can read and change the stream", url, address);
            }
            InetAddress[] addresses = lookUp(deadline);
            for (int i = 0; tls == null; i++) {
                address = host + " (" + addresses[i].getHostAddress() + ":" + port + ")";
                step = "no TCP connection to " + address;
                try {
                    connectTcp(new InetSocketAddress(addresses[i], port), deadline);
                } catch (ConnectException e) {
                    if (i == addresses.length - 1 || closing) {
                        throw e;
                    }
                    continue; // the next address, as the shim's connect_any
                }
                SSLSocket s = (SSLSocket) settings.effectiveContext().getSocketFactory().createSocket(tcp, host, port, true);
                s.setSSLParameters(parameters(s.getSSLParameters()));
                tls = s;
            }
            step = "the TLS handshake with " + address + " did not finish";
            handshake(deadline != 0 ? deadline : millis > 0 ? System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis) : 0);
            String with = address;
            LOGGER.log(Level.DEBUG, () -> url + ": TLS up with " + with + ", " + tls.getSession().getProtocol() + " "
                    + tls.getSession().getCipherSuite() + (settings.insecure() ? "" : ", certificate of "
                    + principal()));
        } catch (IOException e) {
            closeQuietly();
            if (closing && !timedOut) {
                throw interrupted();
            }
            if (timedOut || e instanceof SocketTimeoutException) {
                throw new RtmpException("connect to " + url + " timed out after " + millis + " ms ("
                        + (connectTimeout ? "the connect timeout" : "the receive timeout") + "): " + step, null, e);
            }
            throw TlsFailure.toException(e, url, address);
        } catch (GeneralSecurityException e) {
            closeQuietly();
            throw new RtmpException("connect to " + url + " failed: no TLS context: " + e.getMessage(), null, e);
        }
    }

    /**
     * The host's addresses, looked up on a thread of its own for a name (an address literal needs
     * no lookup), waited for until {@code deadline} (0: no limit) or {@link #abort()}; a lookup
     * left behind ends on its thread.
     */
    private InetAddress[] lookUp(long deadline) throws IOException {
        if (isAddressLiteral(host)) {
            return InetAddress.getAllByName(host);
        }
        CompletableFuture<InetAddress[]> result = new CompletableFuture<>();
        lookup = result;
        Thread t = new Thread(() -> {
            try {
                result.complete(InetAddress.getAllByName(host));
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        }, name + "-resolve");
        t.setDaemon(true);
        t.start();
        if (closing) {
            result.cancel(false);
        }
        try {
            return deadline == 0 ? result.get() : result.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            timedOut = true;
            throw new SocketTimeoutException("the name lookup did not return in time");
        } catch (CancellationException e) {
            throw new SocketException("closed");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while looking up " + host);
        } finally {
            lookup = null;
        }
    }

    /** A new TCP socket for each address; abort() closes the one of the moment. */
    private void connectTcp(InetSocketAddress target, long deadline) throws IOException {
        Socket s = new Socket();
        tcp = s;
        if (closing) {
            throw new SocketException("closed");
        }
        s.setTcpNoDelay(true);
        s.connect(target, deadline != 0 ? remaining(deadline) : 0);
    }

    /**
     * The TLS handshake within {@code deadline} (0: none): each read waits at most what is left
     * ({@code SO_TIMEOUT}), and the socket is closed when the deadline passes, which ends a
     * handshake that a server keeps alive by sending a byte now and then.
     */
    private void handshake(long deadline) throws IOException {
        ScheduledFuture<?> cutoff = null;
        if (deadline != 0) {
            tcp.setSoTimeout(remaining(deadline));
            cutoff = Cutoffs.SCHEDULER.schedule(() -> {
                timedOut = true;
                closeQuietly();
            }, Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
        try {
            tls.startHandshake();
        } finally {
            if (cutoff != null) {
                cutoff.cancel(false);
            }
        }
        if (timedOut) {
            throw new SocketTimeoutException("the handshake ended as its deadline passed"); // the cutoff closed it
        }
        tcp.setSoTimeout(0); // from here on librtmp's receive timeout, on its end of the loopback connection, rules
    }

    /** The one thread that ends TLS handshakes at their deadline, started at the first one. */
    private static final class Cutoffs {
        static final ScheduledThreadPoolExecutor SCHEDULER = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "nrtmp-tls-deadlines");
            t.setDaemon(true);
            return t;
        });

        static {
            SCHEDULER.setRemoveOnCancelPolicy(true);
        }
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
            throw new SocketTimeoutException("the deadline passed");
        }
        return (int) Math.min(left, Integer.MAX_VALUE);
    }

    private RtmpException interrupted() {
        return new RtmpException("connect to " + url + " interrupted: closed by close() from another thread");
    }

    /**
     * Connects librtmp's end of {@code handle} to a listener of this tunnel on 127.0.0.1, accepts
     * it (only the connection whose peer is librtmp's end: no other local process takes its
     * place), and starts copying between it and the TLS connection, on virtual threads when
     * {@code virtualCopiers} and there are any (Java 21+).
     */
    void attach(RtmpHandle handle, boolean virtualCopiers) throws RtmpException {
        try (ServerSocket listener = new ServerSocket(0, 1, IPV4_LOOPBACK)) {
            int[] localPort = new int[1];
            int[] systemError = new int[1];
            NativeStatus status = NativeStatus.of(LibRtmp.nrtmp_attach_loopback(handle, listener.getLocalPort(),
                    localPort, systemError));
            if (status != NativeStatus.OK) {
                throw new RtmpException("connect to " + url + " failed: no connection to the TLS one (" + status
                        + ", system error " + systemError[0] + ")");
            }
            outer = acceptFrom(listener, localPort[0]);
            outer.setTcpNoDelay(true);
            InputStream in = tls.getInputStream();
            OutputStream out = tls.getOutputStream();
            InputStream fromLibrtmp = outer.getInputStream();
            OutputStream toLibrtmp = outer.getOutputStream();
            toServer = copier("to-server", () -> copyToServer(fromLibrtmp, out), virtualCopiers);
            fromServer = copier("from-server", () -> copyFromServer(in, toLibrtmp), virtualCopiers);
        } catch (IOException e) {
            throw TlsFailure.toException(e, url, host + ":" + port);
        }
        toServer.start();
        fromServer.start();
    }

    private static InetAddress ipv4Loopback() {
        try {
            return InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1});
        } catch (java.net.UnknownHostException impossible) { // four bytes are always an address
            throw new IllegalStateException(impossible);
        }
    }

    /** The connection from 127.0.0.1:{@code peerPort}, within {@value #ACCEPT_MILLIS} ms; others are closed. */
    private static Socket acceptFrom(ServerSocket listener, int peerPort) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ACCEPT_MILLIS);
        for (;;) {
            listener.setSoTimeout(remaining(deadline));
            Socket s = listener.accept();
            if (s.getPort() == peerPort && s.getInetAddress().equals(IPV4_LOOPBACK)) {
                return s;
            }
            s.close(); // another local process: not librtmp's end
        }
    }

    private Thread copier(String direction, Runnable task, boolean virtual) {
        Thread t = virtual ? NativeWaits.newVirtualThread(task) : null;
        if (t == null) {
            t = new Thread(task, name + "-" + direction);
            t.setDaemon(true);
        }
        return t;
    }

    /** What librtmp sends, to the server; at librtmp's end of stream, TLS close_notify. */
    private void copyToServer(InputStream fromLibrtmp, OutputStream out) {
        byte[] buf = new byte[BUFFER_SIZE];
        try {
            int n;
            while ((n = fromLibrtmp.read(buf)) > 0) {
                writing = true;
                out.write(buf, 0, n);
                out.flush();
                writing = false;
                lastWrite = System.nanoTime();
            }
            tls.shutdownOutput();
        } catch (IOException | UnsupportedOperationException e) {
            closeQuietly(); // the server is gone, or librtmp's end; librtmp's next read or write says so
        }
    }

    /** What the server sends, to librtmp; at the server's end of stream, librtmp reads its end too. */
    private void copyFromServer(InputStream in, OutputStream toLibrtmp) {
        byte[] buf = new byte[BUFFER_SIZE];
        try {
            int n;
            while ((n = in.read(buf)) > 0) {
                toLibrtmp.write(buf, 0, n);
            }
        } catch (IOException e) {
            // the TLS connection ended without close_notify, close() closed it, or librtmp's end is closed
        } finally {
            shutdownOuter();
        }
    }

    /** librtmp reads the end of the stream after what it was given. */
    private void shutdownOuter() {
        try {
            outer.shutdownOutput();
        } catch (IOException alreadyClosed) {
            // librtmp's end, or close(), was first
        }
    }

    /** close() from another thread: ends a name lookup, TCP connect or TLS handshake in progress at once. */
    void abort() {
        closing = true;
        CompletableFuture<InetAddress[]> l = lookup;
        if (l != null) {
            l.cancel(false);
        }
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
            drain(t);
        }
        closeQuietly();
        closeOuter();
    }

    /**
     * Waits for the to-server thread to hand librtmp's last bytes to the server: at most
     * {@value #DRAIN_MILLIS} ms, and no longer than {@value #DRAIN_STALL_MILLIS} ms once a write
     * makes no progress (a server that stopped reading would only make close() slow).
     */
    private void drain(Thread t) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DRAIN_MILLIS);
        try {
            while (t.isAlive() && System.nanoTime() < deadline) {
                t.join(50);
                if (writing && System.nanoTime() - lastWrite > TimeUnit.MILLISECONDS.toNanos(DRAIN_STALL_MILLIS)) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void closeOuter() {
        Socket s = outer;
        if (s != null) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing: nothing more to do
            }
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
