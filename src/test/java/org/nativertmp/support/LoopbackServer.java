package org.nativertmp.support;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.function.Consumer;

/**
 * A listening socket on a loopback address and an ephemeral port that hands every accepted
 * connection to a handler on a daemon thread of its own, until closed. The handler owns the
 * socket it gets (and closes it).
 */
final class LoopbackServer implements AutoCloseable {
    private static final int BACKLOG = 50;

    private final ServerSocket server;

    /** @param name the accepting thread's name; each connection's thread is named {@code name-client} */
    LoopbackServer(InetAddress address, String name, Consumer<Socket> handler) throws IOException {
        this(bound(address), name, handler);
    }

    /** The same on a listening socket made elsewhere (a TLS one, say), already bound to loopback. */
    LoopbackServer(ServerSocket listening, String name, Consumer<Socket> handler) {
        if (!listening.getInetAddress().isLoopbackAddress()) {
            throw new IllegalArgumentException("tests listen on loopback only: " + listening.getInetAddress());
        }
        server = listening;
        Thread acceptor = new Thread(() -> acceptLoop(name + "-client", handler), name);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private static ServerSocket bound(InetAddress address) throws IOException {
        if (!address.isLoopbackAddress()) {
            throw new IllegalArgumentException("tests listen on loopback only: " + address);
        }
        ServerSocket s = new ServerSocket();
        s.bind(new InetSocketAddress(address, 0), BACKLOG);
        return s;
    }

    int port() {
        return server.getLocalPort();
    }

    private void acceptLoop(String clientThreadName, Consumer<Socket> handler) {
        while (!server.isClosed()) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException closed) {
                return;
            }
            Thread t = new Thread(() -> handler.accept(client), clientThreadName);
            t.setDaemon(true);
            t.start();
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
