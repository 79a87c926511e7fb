package org.nativertmp.support;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A SOCKS4 proxy on 127.0.0.1 for librtmp's {@code socks} option: reads the CONNECT request
 * (version 4, command 1, port, IPv4 address, NUL-terminated user id), connects, answers
 * "granted" (0, 90) and relays both ways. Only loopback destinations are allowed.
 */
public final class Socks4Proxy implements AutoCloseable {
    private static final int SOCKS_VERSION = 4;
    private static final int CMD_CONNECT = 1;
    private static final int REPLY_GRANTED = 90;
    private static final int REPLY_REJECTED = 91;

    private final LoopbackServer server;
    private final AtomicInteger granted = new AtomicInteger();

    private Socks4Proxy() throws IOException {
        this.server = new LoopbackServer(InetAddress.getByName("127.0.0.1"), "socks4-proxy", this::serve);
    }

    public static Socks4Proxy start() throws IOException {
        return new Socks4Proxy();
    }

    public int port() {
        return server.port();
    }

    /** How many CONNECT requests were granted. */
    public int granted() {
        return granted.get();
    }

    private void serve(Socket client) {
        try (client) {
            DataInputStream in = new DataInputStream(client.getInputStream());
            OutputStream out = client.getOutputStream();
            int version = in.readUnsignedByte();
            int command = in.readUnsignedByte();
            int port = in.readUnsignedShort();
            byte[] ip = new byte[4];
            in.readFully(ip);
            while (in.readUnsignedByte() != 0) {
                // user id, ignored
            }
            InetAddress target = InetAddress.getByAddress(ip);
            if (version != SOCKS_VERSION || command != CMD_CONNECT || !target.isLoopbackAddress()) {
                out.write(new byte[] {0, REPLY_REJECTED, 0, 0, 0, 0, 0, 0});
                return;
            }
            try (Socket upstream = new Socket(target, port)) {
                out.write(new byte[] {0, REPLY_GRANTED, 0, 0, 0, 0, 0, 0});
                out.flush();
                granted.incrementAndGet();
                Thread up = new Thread(() -> pump(in, upstreamOut(upstream)), "socks4-up");
                up.setDaemon(true);
                up.start();
                pump(upstream.getInputStream(), out);
            }
        } catch (IOException gone) {
            // a side left
        }
    }

    private static OutputStream upstreamOut(Socket s) {
        try {
            return s.getOutputStream();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void pump(InputStream from, OutputStream to) {
        byte[] b = new byte[8192];
        try {
            for (int n = from.read(b); n >= 0; n = from.read(b)) {
                to.write(b, 0, n);
                to.flush();
            }
        } catch (IOException gone) {
            // done
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
