package org.nativertmp.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** A TCP server on 127.0.0.1 that reads every connection to its end, discards it, and closes it. */
final class RawSink implements AutoCloseable {
    private final ServerSocket server;

    private RawSink(ServerSocket server) {
        this.server = server;
    }

    static RawSink start() throws IOException {
        RawSink sink = new RawSink(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
        Thread t = new Thread(sink::accept, "raw-sink");
        t.setDaemon(true);
        t.start();
        return sink;
    }

    int port() {
        return server.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                Thread reader = new Thread(() -> discard(s), "raw-sink-reader");
                reader.setDaemon(true);
                reader.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private static void discard(Socket s) {
        byte[] buf = new byte[64 * 1024];
        try (s; InputStream in = s.getInputStream()) {
            while (in.read(buf) >= 0) {
                // discarded
            }
        } catch (IOException gone) {
            // the client went away: nothing to count
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
