package org.nativertmp.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A DNS server on a loopback address, port 53 (so it needs root), that answers as slowly as the
 * name asks: {@code never-anything.test} is never answered; {@code after-8000-anything.test}
 * after 8000 ms; A queries with 127.0.0.1, every other type with no record. Just enough of RFC
 * 1035 (section 4.1) for the system's resolver, pointed here by a resolv.conf of the test's own.
 */
public final class SlowDnsServer implements AutoCloseable {
    public static final int PORT = 53;
    private static final int TYPE_A = 1;

    private final DatagramSocket socket;
    private final ScheduledExecutorService answers = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "slow-dns-answers");
        t.setDaemon(true);
        return t;
    });

    private SlowDnsServer(InetAddress address) throws IOException {
        if (!address.isLoopbackAddress()) {
            throw new IllegalArgumentException("tests listen on loopback only: " + address);
        }
        socket = new DatagramSocket(new InetSocketAddress(address, PORT));
        Thread t = new Thread(this::serve, "slow-dns");
        t.setDaemon(true);
        t.start();
    }

    public static SlowDnsServer start(InetAddress address) throws IOException {
        return new SlowDnsServer(address);
    }

    private void serve() {
        byte[] buf = new byte[512];
        while (!socket.isClosed()) {
            DatagramPacket query = new DatagramPacket(buf, buf.length);
            try {
                socket.receive(query);
            } catch (IOException closed) {
                return;
            }
            byte[] q = java.util.Arrays.copyOf(query.getData(), query.getLength());
            SocketAddress from = query.getSocketAddress();
            String name = questionName(q);
            long delay = delayOf(name);
            if (delay >= 0) {
                answers.schedule(() -> send(answer(q), from), delay, TimeUnit.MILLISECONDS);
            }
        }
    }

    /** -1 for never. */
    static long delayOf(String name) {
        if (name.startsWith("never-")) {
            return -1;
        }
        if (name.startsWith("after-")) {
            int end = name.indexOf('-', 6);
            return Long.parseLong(name.substring(6, end));
        }
        return 0;
    }

    private void send(byte[] answer, SocketAddress to) {
        try {
            socket.send(new DatagramPacket(answer, answer.length, to));
        } catch (IOException closed) {
            // the server was closed meanwhile
        }
    }

    private static String questionName(byte[] q) {
        StringBuilder name = new StringBuilder();
        for (int i = 12; i < q.length && q[i] != 0; i += 1 + q[i]) {
            if (name.length() > 0) {
                name.append('.');
            }
            name.append(new String(q, i + 1, q[i], StandardCharsets.US_ASCII));
        }
        return name.toString();
    }

    /** The query made an answer: the same id and question; for A, one record of 127.0.0.1. */
    private static byte[] answer(byte[] q) {
        int end = 12;
        while (q[end] != 0) {
            end += 1 + q[end];
        }
        end += 5; // the root label, QTYPE, QCLASS
        int type = (q[end - 4] & 0xff) << 8 | q[end - 3] & 0xff;
        boolean a = type == TYPE_A;
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(q[0]);
        b.write(q[1]);
        b.writeBytes(new byte[] {(byte) 0x81, (byte) 0x80}); // a response, recursion desired and available
        b.writeBytes(new byte[] {0, 1, 0, (byte) (a ? 1 : 0), 0, 0, 0, 0});
        b.write(q, 12, end - 12);
        if (a) {
            b.writeBytes(new byte[] {(byte) 0xc0, 12, 0, TYPE_A, 0, 1, 0, 0, 0, 5, 0, 4, 127, 0, 0, 1});
        }
        return b.toByteArray();
    }

    @Override
    public void close() {
        socket.close();
        answers.shutdownNow();
    }
}
