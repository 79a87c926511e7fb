package org.nativertmp.support;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;

/**
 * A port on 127.0.0.1 where a TCP connect never completes while this is open: a listener with a
 * backlog of one whose accept queue is filled, so the kernel drops further SYNs.
 */
public final class UnansweredPort implements AutoCloseable {
    private final ServerSocket full = new ServerSocket();
    private final List<Socket> queued = new ArrayList<>();

    public UnansweredPort() throws IOException {
        full.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 1);
        for (int i = 0; i < 64; i++) {
            Socket s = new Socket();
            try {
                s.connect(new InetSocketAddress("127.0.0.1", port()), 300);
                queued.add(s);
            } catch (SocketTimeoutException filled) {
                s.close();
                return;
            }
        }
        close();
        throw new AssertionError("the accept queue never filled up");
    }

    public int port() {
        return full.getLocalPort();
    }

    @Override
    public void close() throws IOException {
        for (Socket s : queued) {
            s.close();
        }
        full.close();
    }
}
