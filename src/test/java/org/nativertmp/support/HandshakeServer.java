package org.nativertmp.support;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The least an RTMP server does for a connect to succeed: the plain handshake (S0 = version 3,
 * S1 = zero time and version then zeros, S2 = the client's C1 echoed), the answer to the connect
 * command ({@code _result} for transaction 1, sent as soon as the handshake is done), then it
 * reads what the client sends (keeping the first 64 KiB) and answers nothing more. One thread per
 * connection; loopback only.
 */
public final class HandshakeServer implements AutoCloseable {
    /** RTMP spec 5.2: C1/S1/C2/S2 are 1536 bytes. */
    public static final int HANDSHAKE_SIZE = 1536;

    private final LoopbackServer server;
    private final AtomicInteger handshakes = new AtomicInteger();
    /** What clients sent after the handshake, all connections together, the first 64 KiB. */
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private static final int RECEIVED_LIMIT = 64 * 1024;

    private HandshakeServer(InetAddress address) throws IOException {
        this.server = new LoopbackServer(address, "handshake-server", this::serve);
    }

    /** Listens on 127.0.0.1 (or ::1 with {@code ipv6}), on an ephemeral port. */
    public static HandshakeServer start(boolean ipv6) throws IOException {
        return startOn(ipv6 ? "::1" : "127.0.0.1");
    }

    /** Listens on a given loopback address (127.0.0.2, say), on an ephemeral port. */
    public static HandshakeServer startOn(String loopbackAddress) throws IOException {
        return new HandshakeServer(InetAddress.getByName(loopbackAddress));
    }

    public int port() {
        return server.port();
    }

    /** Waits up to {@code timeout} until {@code count} clients completed the handshake. */
    public boolean awaitHandshakes(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (handshakes.get() < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return handshakes.get() >= count;
    }

    private void serve(Socket client) {
        try (client) {
            client.setSoTimeout(30_000);
            DataInputStream in = new DataInputStream(client.getInputStream());
            answerHandshake(in, client.getOutputStream());
            client.getOutputStream().write(ServerMessages.connectResult());
            handshakes.incrementAndGet();
            drain(in);
        } catch (IOException gone) {
            // the client left
        }
    }

    /** The server's side of the plain handshake: reads C0 C1, sends S0 S1 S2 (S2 echoes C1), reads C2. */
    public static void answerHandshake(DataInputStream in, OutputStream out) throws IOException {
        byte[] c0c1 = new byte[1 + HANDSHAKE_SIZE];
        in.readFully(c0c1);
        byte[] reply = new byte[1 + 2 * HANDSHAKE_SIZE];
        reply[0] = 3;
        System.arraycopy(c0c1, 1, reply, 1 + HANDSHAKE_SIZE, HANDSHAKE_SIZE);
        out.write(reply);
        out.flush();
        in.readFully(new byte[HANDSHAKE_SIZE]);
    }

    private void drain(InputStream in) throws IOException {
        byte[] b = new byte[8192];
        for (int n = in.read(b); n >= 0; n = in.read(b)) {
            synchronized (received) {
                received.write(b, 0, Math.min(n, Math.max(0, RECEIVED_LIMIT - received.size())));
            }
        }
    }

    /** The bytes clients sent after their handshakes, read as ISO-8859-1 text (for searching). */
    public String receivedText() {
        synchronized (received) {
            return received.toString(StandardCharsets.ISO_8859_1);
        }
    }

    /** Waits up to {@code timeout} until the clients sent {@code text} after the handshake. */
    public boolean awaitReceived(String text, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (receivedText().contains(text)) {
                return true;
            }
            Thread.sleep(20);
        }
        return false;
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
