package org.nativertmp.testkit;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An RTMP server on 127.0.0.1 that does what a {@link ServerScript} says on every connection,
 * and records both directions as {@link RtmpRecorderServer} does: the server for testing how a
 * client reacts to what a server does (odd chunk headers, control messages, statuses early or
 * late, methods invoked on the client). It speaks the plain handshake (5.2) and reads the
 * client's chunk stream with every header type, a chunk stream that starts with a type-1 to 3
 * header included (what it leaves out taken as zero, as nginx-rtmp does), and both forms of
 * type-3 extended timestamps ({@link WireTranscript#type3ExtendedTimestamps()}); everything after
 * the handshake is the script's. When the client has announced a Window Acknowledgement Size, the
 * server acknowledges what it received, a window at a time, while the script waits (5.4.3). Its
 * connection ends with a FIN, after which it reads on for a while: what a client sends when the
 * server goes away is in its transcript too.
 *
 * <p><b>Bounds.</b> Every wait of the script ({@link Builder#awaitTimeout}), the time the server
 * keeps reading after the script ({@link Builder#lingerIdle}, {@link Builder#lingerLimit}), the
 * silence it accepts ({@link Builder#idleTimeout}), message and connection sizes and the number
 * of connections ({@link Builder}) are limited.
 */
public final class ScriptedRtmpServer implements AutoCloseable {
    private final ServerScript script;
    private final Builder options;
    private final LoopbackAcceptor acceptor;
    private final List<ScriptedSession> finished = new CopyOnWriteArrayList<>();
    private final FinishedConnections<ScriptedSession> unclaimed = new FinishedConnections<>();

    private ScriptedRtmpServer(ServerScript script, Builder options) throws IOException {
        this.script = script;
        this.options = options;
        this.acceptor = new LoopbackAcceptor("rtmp-scripted", options.port, options.maxConnections, this::serve);
    }

    /** A server with default limits on an ephemeral port, already accepting connections. */
    public static ScriptedRtmpServer start(ServerScript script) throws IOException {
        return builder().start(script);
    }

    public static Builder builder() {
        return new Builder();
    }

    public int port() {
        return acceptor.port();
    }

    /** {@code rtmp://127.0.0.1:PORT/APP/STREAM}. */
    public String url(String app, String stream) {
        return "rtmp://127.0.0.1:" + port() + "/" + app + "/" + stream;
    }

    /** The script every connection runs. */
    public ServerScript script() {
        return script;
    }

    /**
     * Waits for the next connection to finish that no earlier call returned.
     *
     * @throws IllegalStateException when none finishes within {@code timeout}
     */
    public ScriptedSession awaitSession(Duration timeout) throws InterruptedException {
        return unclaimed.await(s -> true, "", timeout);
    }

    /** How many connections the server has accepted so far, finished or not. */
    public int acceptedConnections() {
        return acceptor.accepted();
    }

    /** Every finished connection so far, in the order they finished. */
    public List<ScriptedSession> sessions() {
        return List.copyOf(finished);
    }

    private void serve(int id, Socket s) {
        ScriptedSession session = new ScriptedConnection(s, options).run(id, script);
        finished.add(session);
        unclaimed.add(session);
    }

    /** Closes every open connection now (each finishes as a session); the server goes on accepting. */
    public void disconnectAll() {
        acceptor.closeConnections();
    }

    /** Stops accepting, closes every open connection and waits (briefly) for their threads. */
    @Override
    public void close() {
        acceptor.close();
    }

    /**
     * Times and the port; every value has a default fit for tests. The sizes are fixed: 4
     * connections at once, messages of up to 4 MiB, 64 MiB from one client.
     */
    public static final class Builder {
        final int maxConnections = 4;
        final int maxMessageSize = 4 << 20;
        final long maxConnectionBytes = 64L << 20;
        int port;
        Duration idleTimeout = Duration.ofSeconds(10);
        Duration awaitTimeout = Duration.ofSeconds(5);
        Duration lingerIdle = Duration.ofSeconds(1);
        Duration lingerLimit = Duration.ofSeconds(20);

        private Builder() {
        }

        /** 0 (the default): an ephemeral port. */
        public Builder port(int port) {
            if (port < 0 || port > 0xFFFF) {
                throw new IllegalArgumentException("port must be 0-65535, not " + port);
            }
            this.port = port;
            return this;
        }

        /** A client that sends nothing for this long, script or not, is disconnected. Default 10 s. */
        public Builder idleTimeout(Duration timeout) {
            this.idleTimeout = positive(timeout, "idleTimeout");
            return this;
        }

        /** How long one wait of the script waits for the client. Default 5 s. */
        public Builder awaitTimeout(Duration timeout) {
            this.awaitTimeout = positive(timeout, "awaitTimeout");
            return this;
        }

        /** After the script, the server closes once the client has sent nothing for this long. Default 1 s. */
        public Builder lingerIdle(Duration time) {
            this.lingerIdle = positive(time, "lingerIdle");
            return this;
        }

        /** After the script, the server closes after this long in any case. Default 20 s. */
        public Builder lingerLimit(Duration time) {
            this.lingerLimit = positive(time, "lingerLimit");
            return this;
        }

        public ScriptedRtmpServer start(ServerScript script) throws IOException {
            return new ScriptedRtmpServer(Objects.requireNonNull(script, "script"), this);
        }

        private static Duration positive(Duration d, String name) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive");
            }
            return d;
        }
    }
}
