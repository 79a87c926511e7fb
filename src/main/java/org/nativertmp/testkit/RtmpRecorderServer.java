package org.nativertmp.testkit;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.nativertmp.flv.FlvReader;
import org.nativertmp.flv.FlvTag;

/**
 * A small RTMP server on 127.0.0.1 that records what clients send and plays back given FLVs:
 * the other end for comparing RTMP clients byte for byte.
 *
 * <p>It speaks the plain handshake (5.2), chunking with all four header types (5.3), the
 * protocol control messages (5.4) and the AMF0 commands a publishing or playing client sends
 * ({@code connect}, {@code releaseStream}, {@code FCPublish}, {@code createStream},
 * {@code publish}, {@code play}, {@code FCUnpublish}, {@code closeStream}, {@code deleteStream}),
 * answering as common servers do: {@code publish(null)} or {@code publish(false)} (how Flash
 * Player and Red5 unpublish) and {@code closeStream} end a publish with
 * {@code NetStream.Unpublish.Success}; {@code FCUnpublish} and {@code deleteStream} end it
 * silently; a played stream ends with Stream EOF and {@code NetStream.Play.Stop}, after which
 * the client closes when it likes. It acknowledges every window of bytes received (5.4.3) and
 * answers a Ping Request with a Ping Response carrying the same timestamp (7.1.7), as nginx-rtmp
 * does. For every connection it keeps a {@link WireTranscript}
 * (both directions); for every published stream the FLV tags. What it announces after connect
 * (window acknowledgement size, peer bandwidth, its chunk size, {@code onBWDone}) is set on the
 * {@link Builder}.
 *
 * <p><b>Script data.</b> librtmp's {@code RTMP_Write} (and ffmpeg) send an FLV script tag as
 * a data message whose first value is the string {@code "@setDataFrame"}, a command to the
 * server to store the rest (e.g. {@code onMetaData} and its array). Like media servers do,
 * the recorder strips that first value, so the recorded script tag is the one the client's
 * file held. The transcript keeps the message as it travelled.
 *
 * <p><b>Bounds.</b> Connection count, message size, bytes held in unfinished messages, bytes per
 * connection and idle time are limited ({@link Builder}); memory for a message is taken as its
 * bytes arrive, not when its header announces a length. A client that breaks the protocol or a limit has its connection
 * closed; other connections are not affected.
 */
public final class RtmpRecorderServer implements AutoCloseable {
    private final Builder options;
    private final LoopbackAcceptor acceptor;
    private final Map<String, List<FlvTag>> playables = new ConcurrentHashMap<>();
    private final Map<String, List<FlvTag>> published = new ConcurrentHashMap<>();
    private final List<RecordedConnection> finished = new CopyOnWriteArrayList<>();
    private final FinishedConnections<RecordedConnection> unclaimed = new FinishedConnections<>();
    private final List<Consumer<RecordedConnection>> listeners = new CopyOnWriteArrayList<>();

    /** A server with default limits on an ephemeral port, already accepting connections. */
    public static RtmpRecorderServer start() throws IOException {
        return builder().start();
    }

    public static Builder builder() {
        return new Builder();
    }

    private RtmpRecorderServer(Builder options) throws IOException {
        this.options = options;
        this.acceptor = new LoopbackAcceptor("rtmp-recorder", options.port, options.maxConnections, this::serve);
    }

    /** The port the server listens on (127.0.0.1). */
    public int port() {
        return acceptor.port();
    }

    /** {@code rtmp://127.0.0.1:PORT/APP/STREAM}. */
    public String url(String app, String stream) {
        return "rtmp://127.0.0.1:" + port() + "/" + app + "/" + stream;
    }

    /** Makes {@code play(name)} stream these tags (in this order, as fast as the socket takes them). */
    public RtmpRecorderServer addPlayable(String name, List<FlvTag> tags) {
        playables.put(name, List.copyOf(tags));
        return this;
    }

    /** Makes {@code play(name)} stream the tags of this FLV file's bytes. */
    public RtmpRecorderServer addPlayable(String name, byte[] flv) throws IOException {
        return addPlayable(name, FlvReader.readAll(flv));
    }

    /** The tags most recently published under {@code name}, once that publisher has finished. */
    public Optional<List<FlvTag>> published(String name) {
        return Optional.ofNullable(published.get(name));
    }

    /** Every finished connection so far, in the order they finished. */
    public List<RecordedConnection> connections() {
        return List.copyOf(finished);
    }

    /** The transcripts of every finished connection so far. */
    public List<WireTranscript> transcripts() {
        List<WireTranscript> t = new ArrayList<>();
        for (RecordedConnection c : finished) {
            t.add(c.transcript());
        }
        return t;
    }

    /**
     * Waits for the next connection to finish that no earlier call returned, and returns it.
     *
     * @throws IllegalStateException when none finishes within {@code timeout}
     */
    public RecordedConnection awaitConnection(Duration timeout) throws InterruptedException {
        return awaitConnection(c -> true, "", timeout);
    }

    /**
     * Waits for the next connection to finish that connected to {@code app} and published or
     * played {@code stream} (see {@link WireTranscript#app()} and {@link WireTranscript#stream()})
     * and that no earlier call returned, and returns it. Connections to other streams are left
     * for other calls, so clients may run at the same time.
     *
     * @throws IllegalStateException when none finishes within {@code timeout}
     */
    public RecordedConnection awaitConnection(String app, String stream, Duration timeout) throws InterruptedException {
        return awaitConnection(c -> c.transcript().app().equals(app) && c.transcript().stream().equals(stream),
                " for " + app + "/" + stream, timeout);
    }

    private RecordedConnection awaitConnection(Predicate<RecordedConnection> wanted, String what, Duration timeout)
            throws InterruptedException {
        return unclaimed.await(wanted, what, timeout);
    }

    /** {@link #awaitConnection}'s transcript. */
    public WireTranscript awaitTranscript(Duration timeout) throws InterruptedException {
        return awaitConnection(timeout).transcript();
    }

    /** Called (on the connection's thread) for every connection that finishes. */
    public void onConnectionFinished(Consumer<RecordedConnection> listener) {
        listeners.add(listener);
    }

    /** How many connections were turned away because {@link Builder#maxConnections} were open. */
    public int refusedConnections() {
        return acceptor.refused();
    }

    private void serve(int id, Socket s) {
        RecorderConnection connection = new RecorderConnection(s, options, playables::get);
        RecordedConnection result = connection.run(id);
        result.published().forEach(published::put);
        finished.add(result);
        unclaimed.add(result);
        for (Consumer<RecordedConnection> l : listeners) {
            try {
                l.accept(result);
            } catch (RuntimeException e) {
                // A listener's failure must not take the server down.
            }
        }
    }

    /** Stops accepting, closes every open connection and waits (briefly) for their threads. */
    @Override
    public void close() {
        acceptor.close();
    }

    /** Limits and the port; every value has a default fit for tests. */
    public static final class Builder {
        int port;
        int maxConnections = 16;
        int maxMessageSize = 4 << 20;
        long maxConnectionBytes = 256L << 20;
        /** 0: twice maxMessageSize. */
        long maxUnfinishedBytes;
        Duration idleTimeout = Duration.ofSeconds(30);
        int windowAckSize = 2_500_000;
        int peerBandwidth = 2_500_000;
        int chunkSize = 4096;
        boolean onBWDone;

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

        /** Connections served at once; more are closed right after accept. Default 16. */
        public Builder maxConnections(int n) {
            this.maxConnections = positive(n, "maxConnections");
            return this;
        }

        /** The largest message (and chunk) a client may send. Default 4 MiB. */
        public Builder maxMessageSize(int bytes) {
            this.maxMessageSize = positive(bytes, "maxMessageSize");
            return this;
        }

        /**
         * The most payload one connection may have sent of messages it has begun and not yet
         * finished, over all its chunk streams (a client may interleave messages on several).
         * Default: twice {@link #maxMessageSize}.
         */
        public Builder maxUnfinishedBytes(long bytes) {
            if (bytes <= 0) {
                throw new IllegalArgumentException("maxUnfinishedBytes must be positive, not " + bytes);
            }
            this.maxUnfinishedBytes = bytes;
            return this;
        }

        long unfinishedBytesLimit() {
            return maxUnfinishedBytes > 0 ? maxUnfinishedBytes : 2L * maxMessageSize;
        }

        /** The most bytes one connection may send (its transcript's size). Default 256 MiB. */
        public Builder maxConnectionBytes(long bytes) {
            if (bytes < WireTranscript.HANDSHAKE_END) {
                throw new IllegalArgumentException("maxConnectionBytes must hold at least the handshake");
            }
            this.maxConnectionBytes = bytes;
            return this;
        }

        /** A connection that sends nothing for this long is closed. Default 30 s. */
        public Builder idleTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("idleTimeout must be positive");
            }
            this.idleTimeout = timeout;
            return this;
        }

        /**
         * The Window Acknowledgement Size sent after connect (5.4.4), and how often the recorder
         * acknowledges what it received. Default 2,500,000, as FMS and nginx-rtmp send.
         */
        public Builder windowAckSize(int bytes) {
            this.windowAckSize = positive(bytes, "windowAckSize");
            return this;
        }

        /** The Set Peer Bandwidth (5.4.5, limit type dynamic) sent after connect. Default 2,500,000. */
        public Builder peerBandwidth(int bytes) {
            this.peerBandwidth = positive(bytes, "peerBandwidth");
            return this;
        }

        /**
         * The chunk size the recorder sends with, announced by Set Chunk Size right after connect
         * (5.4.1); 128, the default of the protocol, sends no Set Chunk Size. Default 4096.
         */
        public Builder chunkSize(int bytes) {
            if (bytes < 1 || bytes > RtmpSpec.MAX_CHUNK_SIZE) {
                throw new IllegalArgumentException("chunkSize must be 1.." + RtmpSpec.MAX_CHUNK_SIZE + ", not " + bytes);
            }
            this.chunkSize = bytes;
            return this;
        }

        /**
         * Whether to send {@code onBWDone} after connect's result, as FMS and Red5 do (librtmp
         * answers it with {@code _checkbw}). Default false.
         */
        public Builder onBWDone(boolean send) {
            this.onBWDone = send;
            return this;
        }

        public RtmpRecorderServer start() throws IOException {
            return new RtmpRecorderServer(this);
        }

        private static int positive(int n, String name) {
            if (n <= 0) {
                throw new IllegalArgumentException(name + " must be positive, not " + n);
            }
            return n;
        }
    }
}
