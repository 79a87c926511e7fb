package org.nativertmp.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * RTMPT (RTMP tunnelled through HTTP/1.1 POSTs) on 127.0.0.1, in front of an RTMP server on
 * 127.0.0.1 (the {@link RtmpRecorderServer}, whose connection handling then sees the tunnel's RTMP
 * stream as if it had come over TCP, and records it). Each tunnel session is one TCP connection to
 * that server.
 *
 * <p>The requests, as librtmp (rtmp.c: HTTP_Post, HTTP_read) and Flash send them:
 * {@code POST /open/1} answers the session id and a newline; {@code POST /send/ID/SEQ} carries
 * client bytes; {@code POST /idle/ID/SEQ} polls; {@code POST /close/ID/SEQ} ends the session.
 * Every answer but open's is {@code HTTP/1.1 200} with {@code Content-Type: application/x-fcs}, a
 * body of one byte (the polling interval, which librtmp reads and ignores) followed by whatever
 * the server sent since the last answer. librtmp sends without waiting for answers, and
 * requires them in order on the same connection; it needs {@code Content-Length: } spelled with
 * one space ({@code atoi(ptr + 16)}).
 *
 * <p>Bounds: request bodies up to {@value #MAX_BODY} bytes, request heads up to
 * {@value #MAX_HEAD} bytes, a connection idle for {@value #IDLE_MILLIS} ms is closed.
 */
public final class RtmptEndpoint implements AutoCloseable {
    /** The largest request body accepted, and the most server bytes held for one session. */
    public static final int MAX_BODY = 16 << 20;
    /** The longest request line and headers accepted. */
    public static final int MAX_HEAD = 8192;
    /** A client connection that sends nothing for this long is closed. */
    public static final int IDLE_MILLIS = 30_000;
    /** An idle poll with nothing to answer waits this long for the server, so that librtmp does not spin. */
    private static final int IDLE_POLL_WAIT_MILLIS = 50;
    private static final byte POLL_INTERVAL = 0x01;

    private final int rtmpPort;
    private final ServerSocket listener;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger sessionIds = new AtomicInteger();
    private volatile boolean closed;

    private RtmptEndpoint(int rtmpPort) throws IOException {
        this.rtmpPort = rtmpPort;
        listener = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, "rtmpt-endpoint-" + listener.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** An RTMPT endpoint that forwards each session to the RTMP server on 127.0.0.1:{@code rtmpPort}. */
    public static RtmptEndpoint start(int rtmpPort) throws IOException {
        return new RtmptEndpoint(rtmpPort);
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** {@code rtmpt://127.0.0.1:PORT/APP/STREAM}. */
    public String url(String app, String stream) {
        return "rtmpt://127.0.0.1:" + port() + "/" + app + "/" + stream;
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = listener.accept();
                open.add(client);
                Thread t = new Thread(() -> serve(client), "rtmpt-session-" + client.getPort());
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                if (closed) {
                    return;
                }
            }
        }
    }

    private void serve(Socket client) {
        Session session = null;
        try (client) {
            client.setSoTimeout(IDLE_MILLIS);
            client.setTcpNoDelay(true);
            InputStream in = client.getInputStream();
            OutputStream out = client.getOutputStream();
            for (Request request = Request.read(in); request != null; request = Request.read(in)) {
                if (request.command.equals("open") && session == null) {
                    Socket server = new Socket(InetAddress.getLoopbackAddress(), rtmpPort);
                    open.add(server);
                    session = new Session(server, sessionIds.incrementAndGet(), client, out);
                    respond(out, (session.id + "\n").getBytes(StandardCharsets.US_ASCII), false);
                    continue;
                }
                if (session == null || !request.sessionId.equals(String.valueOf(session.id))) {
                    respondError(out, "404 Not Found");
                    return;
                }
                switch (request.command) {
                    case "send":
                        session.toServer(request.body);
                        session.await(false);
                        break;
                    case "idle":
                        session.await(true);
                        break;
                    case "close":
                        session.answerAll();
                        respond(out, new byte[0], true);
                        return;
                    default:
                        respondError(out, "400 Bad Request");
                        return;
                }
            }
        } catch (IOException e) {
            // the client went away or broke the protocol: its session ends
        } finally {
            open.remove(client);
            if (session != null) {
                open.remove(session.server);
                session.close();
            }
        }
    }

    private static void respond(OutputStream out, byte[] data, boolean withInterval) throws IOException {
        int length = data.length + (withInterval ? 1 : 0);
        String head = "HTTP/1.1 200 OK\r\nCache-Control: no-cache\r\nConnection: Keep-Alive\r\n"
                + "Content-Type: application/x-fcs\r\nContent-Length: " + length + "\r\n\r\n";
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        if (withInterval) {
            out.write(POLL_INTERVAL);
        }
        out.write(data);
        out.flush();
    }

    private static void respondError(OutputStream out, String status) throws IOException {
        out.write(("HTTP/1.1 " + status + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** Stops accepting and closes every session. */
    @Override
    public void close() {
        closed = true;
        try {
            listener.close();
        } catch (IOException ignored) {
            // closing
        }
        for (Socket s : open) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing
            }
        }
    }

    /** One POST: {@code /COMMAND[/ID[/SEQ]]} and its body. */
    private static final class Request {
        final String command;
        final String sessionId;
        final byte[] body;

        private Request(String command, String sessionId, byte[] body) {
            this.command = command;
            this.sessionId = sessionId;
            this.body = body;
        }

        /** The next request, or null at the end of the connection before one starts. */
        static Request read(InputStream in) throws IOException {
            String head = readHead(in);
            if (head == null) {
                return null;
            }
            String[] lines = head.split("\r\n");
            String[] requestLine = lines[0].split(" ");
            if (requestLine.length != 3 || !requestLine[0].equals("POST") || !requestLine[1].startsWith("/")) {
                throw new IOException("not an RTMPT request: " + lines[0]);
            }
            int length = 0;
            for (int i = 1; i < lines.length; i++) {
                String line = lines[i].toLowerCase(Locale.ROOT);
                if (line.startsWith("content-length:")) {
                    length = Integer.parseInt(line.substring("content-length:".length()).trim());
                }
            }
            if (length < 0 || length > MAX_BODY) {
                throw new IOException("request body of " + length + " bytes");
            }
            byte[] body = in.readNBytes(length);
            if (body.length != length) {
                throw new IOException("the connection ended inside a request body");
            }
            String[] path = requestLine[1].substring(1).split("/");
            return new Request(path[0], path.length > 1 ? path[1] : "", body);
        }

        private static String readHead(InputStream in) throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int matched = 0;
            while (matched < 4) {
                int b = in.read();
                if (b < 0) {
                    if (head.size() == 0) {
                        return null;
                    }
                    throw new IOException("the connection ended inside a request head");
                }
                head.write(b);
                if (head.size() > MAX_HEAD) {
                    throw new IOException("request head longer than " + MAX_HEAD + " bytes");
                }
                matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
            }
            return head.toString(StandardCharsets.ISO_8859_1);
        }
    }

    /**
     * One tunnel: the TCP connection to the RTMP server, what it sent that no answer has carried
     * yet, and the requests not answered yet. An answer goes out when the server has sent
     * something (or ended), or, for an idle poll, after {@value #IDLE_POLL_WAIT_MILLIS} ms: never
     * at once for a send. librtmp reads no answers while it only sends (a publish) and closes the
     * connection with the answers unread; its system then resets the connection, which discards
     * the requests this side has not read yet (FCUnpublish, deleteStream). Answers that wait are
     * not sent, so nothing is unread when librtmp closes.
     */
    private static final class Session {
        final Socket server;
        final int id;
        private final Socket client;
        private final OutputStream out;
        private final ByteArrayOutputStream fromServer = new ByteArrayOutputStream();
        /** Per unanswered request: the time an idle poll is answered even empty; Long.MAX_VALUE for a send. */
        private final Deque<Long> unanswered = new ArrayDeque<>();
        private boolean serverEnded;
        private boolean closed;

        Session(Socket server, int id, Socket client, OutputStream out) throws IOException {
            this.server = server;
            this.id = id;
            this.client = client;
            this.out = out;
            server.setTcpNoDelay(true);
            InputStream in = server.getInputStream();
            start("rtmpt-server-" + id, () -> readServer(in));
            start("rtmpt-answers-" + id, this::answerLoop);
        }

        private static void start(String name, Runnable r) {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            t.start();
        }

        private void readServer(InputStream in) {
            byte[] buf = new byte[64 * 1024];
            try {
                for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                    synchronized (this) {
                        while (fromServer.size() > MAX_BODY && !closed) {
                            wait(); // the client stopped asking: TCP pushes back on the server
                        }
                        fromServer.write(buf, 0, n);
                        notifyAll();
                    }
                }
            } catch (IOException | InterruptedException e) {
                // the session was closed
            }
            synchronized (this) {
                serverEnded = true;
                notifyAll();
            }
        }

        void toServer(byte[] data) throws IOException {
            server.getOutputStream().write(data);
            server.getOutputStream().flush();
        }

        /** A request to answer in turn. */
        synchronized void await(boolean idlePoll) {
            unanswered.add(idlePoll ? System.currentTimeMillis() + IDLE_POLL_WAIT_MILLIS : Long.MAX_VALUE);
            notifyAll();
        }

        private void answerLoop() {
            try {
                while (true) {
                    byte[] data;
                    synchronized (this) {
                        while (!closed && !answerable()) {
                            long head = unanswered.isEmpty() ? Long.MAX_VALUE : unanswered.peek();
                            long wait = head == Long.MAX_VALUE ? 0 : Math.max(1, head - System.currentTimeMillis());
                            wait(wait);
                        }
                        if (closed) {
                            return;
                        }
                        if (serverEnded && fromServer.size() == 0) {
                            client.close(); // the server ended the session: so does the tunnel
                            return;
                        }
                        unanswered.remove();
                        data = fromServer.toByteArray();
                        fromServer.reset();
                        notifyAll();
                        respond(out, data, true);
                    }
                }
            } catch (IOException | InterruptedException e) {
                // the client is gone
            }
        }

        private boolean answerable() {
            if (unanswered.isEmpty()) {
                return false;
            }
            return fromServer.size() > 0 || serverEnded || unanswered.peek() <= System.currentTimeMillis();
        }

        /** The client closes: every request still waiting is answered with what there is. */
        synchronized void answerAll() throws IOException {
            while (!unanswered.isEmpty()) {
                unanswered.remove();
                byte[] data = fromServer.toByteArray();
                fromServer.reset();
                respond(out, data, true);
            }
        }

        synchronized void close() {
            closed = true;
            notifyAll();
            try {
                server.close();
            } catch (IOException ignored) {
                // closing
            }
        }
    }
}
