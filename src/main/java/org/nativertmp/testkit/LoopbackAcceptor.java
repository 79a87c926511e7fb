package org.nativertmp.testkit;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The listening half of this kit's servers: a socket on 127.0.0.1, one daemon thread per accepted
 * connection (numbered from 1 in accept order), at most so many at once (more are closed right
 * after accept and counted), and a {@link #close()} that closes every open connection.
 */
final class LoopbackAcceptor implements AutoCloseable {
    /** What serves one connection; the socket is closed after it returns. */
    interface Handler {
        void serve(int id, Socket socket);
    }

    private final ServerSocket serverSocket;
    private final Semaphore slots;
    private final Handler handler;
    private final String name;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private final Thread acceptor;
    private volatile boolean closed;

    LoopbackAcceptor(String name, int port, int maxConnections, Handler handler) throws IOException {
        this.name = name;
        this.handler = handler;
        this.slots = new Semaphore(maxConnections);
        this.serverSocket = new ServerSocket();
        serverSocket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), maxConnections);
        this.acceptor = new Thread(this::acceptLoop, name + "-accept-" + port());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return serverSocket.getLocalPort();
    }

    int refused() {
        return refused.get();
    }

    /** Connections accepted and served (not refused) so far. */
    int accepted() {
        return ids.get();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket s;
            try {
                s = serverSocket.accept();
            } catch (IOException e) {
                if (closed) {
                    return;
                }
                continue; // a failed accept concerns that one client only
            }
            if (!slots.tryAcquire()) {
                refused.incrementAndGet();
                closeQuietly(s);
                continue;
            }
            int id = ids.incrementAndGet();
            open.add(s);
            Thread t = new Thread(() -> serve(id, s), name + "-conn-" + id);
            t.setDaemon(true);
            threads.removeIf(th -> !th.isAlive());
            threads.add(t);
            t.start();
        }
    }

    private void serve(int id, Socket s) {
        try {
            handler.serve(id, s);
        } finally {
            open.remove(s);
            closeQuietly(s);
            slots.release();
        }
    }

    /** Closes every open connection; new ones are still accepted. */
    void closeConnections() {
        for (Socket s : open) {
            closeQuietly(s);
        }
    }

    /** Stops accepting, closes every open connection and waits (briefly) for their threads. */
    @Override
    public void close() {
        closed = true;
        closeQuietly(serverSocket);
        closeConnections();
        try {
            acceptor.join(TimeUnit.SECONDS.toMillis(5));
            for (Thread t : threads) {
                t.join(TimeUnit.SECONDS.toMillis(5));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            // closing is best effort
        }
    }
}
