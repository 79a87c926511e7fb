package org.nativertmp.internal;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.lang.ref.Cleaner;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import org.nativertmp.RtmpException;

/**
 * The native peer of one connection: owns the {@code RTMP*} and every native buffer (URL and
 * option copies, the scratch buffer of the data path: {@link NativeResources}), serializes calls
 * into librtmp and counts them ({@link CallGate}), wakes them on {@link #close()} from another
 * thread, and frees the native side once (by {@code close()} after the last call, or by a
 * {@link Cleaner}). It offers Java-typed calls and turns every shim status into an exception
 * through {@link NativeStatus}; it holds no reference to the public class above it.
 *
 * <p>Near 500 lines, knowingly: one short method per native operation, each of the same
 * enter, call, check, exit shape; split up, the rules of a call would be spread over files.
 */
public final class RtmpPeer {
    private static final Cleaner CLEANER = Cleaner.create();
    private static final AtomicInteger IDS = new AtomicInteger();
    /** RTMP_Read's FLV header with its previous-tag-size, before any tag. */
    private static final int FLV_HEADER_SIZE = 13;
    /** Room for a status code or description from the server (longer ones are truncated). */
    private static final int STATUS_TEXT_MAX = 512;

    static {
        LibRtmp.ensureLoaded();
    }

    private final String name;
    private final NativeResources resources;
    /** Serializes calls into librtmp (one RTMP struct is not safe for two threads) and counts them. */
    private final CallGate gate;
    private final CallLog log = new CallLog(this);
    private volatile TraceListener traceListener;
    private volatile String url;
    /** The TLS being opened by connect(), for close() from another thread to abort. */
    private volatile TlsTunnel opening;
    // Guarded by the call lock:
    private boolean setupDone;
    private boolean writeEnabled;
    private boolean connectAttempted;
    private boolean everConnected;
    private Deadlines deadlines = Deadlines.NONE;
    private boolean streamReady;
    /** What read() returned so far: more than the FLV header means media had flowed. */
    private long bytesPlayed;
    /** librtmp's application and stream name, read at connect for the messages that name them. */
    private String app;
    private String streamName;
    private Transport transport;
    private RtmpUrlCheck.Authority authority;
    /** The engine of this connection's calls from virtual threads, from the first one on. */
    private Engine engine;
    /** The calls on messages beside the media, and where kept ones go ({@link PeerMessages}). */
    private final PeerMessages messages = new PeerMessages(this);
    /** nrtmp_read's count, reused: no allocation per read. */
    private final int[] nread = new int[1];

    /** {@code nrtmp_alloc}: {@code RTMP_Alloc} + {@code RTMP_Init}. {@code kind} names it in logs. */
    public RtmpPeer(String kind) {
        name = kind + "#" + IDS.incrementAndGet();
        resources = new NativeResources();
        gate = new CallGate(this, CLEANER.register(this, resources));
    }

    public static int libVersion() {
        return LibRtmp.RTMP_LibVersion();
    }

    public static boolean supportsPublisherAuth() {
        int[] yes = new int[1];
        LibRtmp.nrtmp_has_publisher_auth(yes);
        return yes[0] != 0;
    }

    /**
     * The options in {@code beforeUrl} ({@code RTMP_SetOpt}), {@code RTMP_SetupURL}, then the
     * options in {@code afterUrl}: once per connection, before the connect. Then the connect
     * command object's extra properties ({@code connectProperties}, encoded AMF0 name/value
     * pairs; empty: none) and, with {@code wrappedTimestamps}, librtmp's own delta for a
     * backwards timestamp (native/patches 0016 and 0017).
     *
     * @throws IllegalArgumentException for a URL or option librtmp refuses
     * @throws IllegalStateException on a second call or after a connect attempt
     * @throws UnsupportedOperationException for connect properties when librtmp was built
     *         without native/patches
     */
    public void setup(String url, boolean librtmpUrlOptions, List<Map.Entry<String, String>> beforeUrl,
                      List<Map.Entry<String, String>> afterUrl, byte[] connectProperties, boolean wrappedTimestamps) {
        RtmpUrlCheck.Authority authority = RtmpUrlCheck.check(url, librtmpUrlOptions);
        Transport transport = Transport.of(url);
        if (transport == Transport.TLS && (beforeUrl.stream().anyMatch(e -> e.getKey().equals("socks"))
                || librtmpUrlOptions && url.contains(" socks="))) {
            throw new IllegalArgumentException("option socks with '" + url + "': rtmps and rtmpts do not go"
                    + " through a SOCKS proxy in this build");
        }
        CallLog previous = enter();
        try {
            requireNoConnectAttempt("setupUrl()");
            if (setupDone) {
                throw new IllegalStateException("setupUrl() twice on " + this + ": librtmp would keep the first URL's"
                        + " tcUrl and leak the second's playpath; create a new NativeRtmp for another URL");
            }
            setupDone = true;
            LogBridge.refreshLevel();
            setOptions(beforeUrl);
            Pointer urlCopy = resources.keep(url);
            // RTMP_SetupURL, with what librtmp allocates for the URL counted for this connection
            if (NativeStatus.of(LibRtmp.nrtmp_setup_url(handle(), urlCopy)) != NativeStatus.OK) {
                throw NativeStatus.refused("invalid RTMP URL '" + url + "': librtmp refused it", log.reason());
            }
            if (authority.bracketed()) {
                // librtmp splits the host at the first ':'; point it at the literal inside the
                // brackets (or at a copy as the system reads it, for a zone written %25). The
                // tcUrl librtmp derived from the URL keeps the brackets.
                Pointer host = authority.asWritten()
                        ? urlCopy.share(utf8Length(url.substring(0, authority.hostStart())))
                        : resources.keep(authority.host());
                // No port in the URL: keep the default librtmp chose for the scheme (1935, 80, 443).
                LibRtmp.nrtmp_set_host(handle(), host, utf8Length(authority.host()), authority.port());
            }
            setOptions(afterUrl);
            if (connectProperties.length > 0 && NativeStatus.of(LibRtmp.nrtmp_set_connect_properties(handle(),
                    resources.keep(connectProperties), connectProperties.length)) != NativeStatus.OK) {
                throw new UnsupportedOperationException("connect properties need native-rtmp's fixes to librtmp"
                        + " (native/patches/0016), and this librtmp was built without them");
            }
            if (wrappedTimestamps) {
                LibRtmp.nrtmp_set_backwards_timestamps(handle(), 1); // always possible: librtmp's own way
            }
            this.transport = transport;
            this.authority = authority;
            this.url = url; // only now: after a refusal the connection stays unusable
        } finally {
            exit(previous);
        }
    }

    private void setOptions(List<Map.Entry<String, String>> options) {
        for (Map.Entry<String, String> option : options) {
            log.clear();
            String key = option.getKey();
            String value = option.getValue();
            if (NativeStatus.of(LibRtmp.nrtmp_set_opt(handle(), key, resources.keep(value))) != NativeStatus.OK) {
                throw NativeStatus.refused("librtmp refused option " + key + "=" + value, refusal(key));
            }
        }
    }

    /**
     * Why librtmp refused an option: for an unknown key its first line and the names it knows (it
     * also logs its whole usage table); for a conn item that it cannot parse (it says nothing) its syntax.
     */
    private String refusal(String key) {
        LibrtmpOptionTable.Type type = LibrtmpOptionTable.typeOf(key);
        if (type == null) {
            String first = log.firstErrorOrNull();
            return (first != null ? first : "unknown option " + key) + " (librtmp's options: "
                    + String.join(", ", LibrtmpOptionTable.names()) + ")";
        }
        String reason = log.reason();
        return type == LibrtmpOptionTable.Type.AMF && log.firstErrorOrNull() == null
                ? "not an AMF item in librtmp's syntax: B:0|1, S:text, N:number, Z:, O:1 ... O:0, NB:name:0|1,"
                        + " NS:name:text, NN:name:number" : reason;
    }

    /** The native memory the Java side keeps for this connection (NativeResources). */
    long javaNativeBytes() {
        return resources.nativeBytes();
    }

    /** {@code RTMP_EnableWrite}: publish instead of play; before the connect. */
    public void enableWrite() {
        CallLog previous = enter();
        try {
            requireNoConnectAttempt("enableWrite()");
            LibRtmp.RTMP_EnableWrite(handle());
            writeEnabled = true;
        } finally {
            exit(previous);
        }
    }

    /**
     * {@code nrtmp_set_send_coalescing} (off, or the shim's default limit), {@code nrtmp_set_quick_ack}, then
     * {@code nrtmp_connect}; once per connection. Each timeout in milliseconds: 0 none, -1 the
     * receive timeout (librtmp's, as set up). {@code connectMillis} bounds the whole connect:
     * for rtmps and rtmpts the JDK's TLS connection comes first ({@link TlsTunnel}, made with
     * {@code tls}), and librtmp then connects to it over a loopback connection, in what is left.
     * {@code streamSetupMillis} is kept for {@link #connectStream}, {@code mediaMillis} for every
     * read and write.
     */
    public void connect(int connectMillis, int streamSetupMillis, int mediaMillis, boolean traced,
            boolean coalesceSends, boolean quickAck, TlsSettings tls) throws RtmpException {
        CallLog previous = enter();
        try {
            requireUrl("connect");
            requireNoConnectAttempt("connect()");
            requireStreamNameToPublish();
            connectAttempted = true;
            int receive = receiveTimeoutMillis();
            deadlines = new Deadlines(Deadlines.orReceive(connectMillis, receive),
                    Deadlines.orReceive(streamSetupMillis, receive), mediaMillis, receive, -1);
            app = linkText(LibRtmp.NRTMP_LINK_APP); // read now: RTMP_Close may free it
            streamName = linkText(LibRtmp.NRTMP_LINK_PLAYPATH);
            LogBridge.refreshLevel();
            long start = System.nanoTime();
            int limit = deadlines.connectMillis();
            int left = limit;
            if (transport == Transport.TLS) {
                // Without a connect timeout the TLS handshake still gets one deadline, as librtmp's
                // RTMP handshake does: the receive timeout.
                openTls(tls, limit > 0 ? limit : receive, limit > 0);
                if (limit > 0) {
                    left = (int) Math.max(1, limit - (System.nanoTime() - start) / 1_000_000);
                }
            }
            check(LibRtmp.nrtmp_set_send_coalescing(handle(), coalesceSends ? -1 : 0), "connect to");
            check(LibRtmp.nrtmp_set_quick_ack(handle(), quickAck ? 1 : 0), "connect to");
            check(LibRtmp.nrtmp_set_media_timeout(handle(), mediaMillis), "connect to");
            int l = left;
            check(waiting(traced ? 0 : Engine.OP_CONNECT, null, l, 0, null,
                    () -> LibRtmp.nrtmp_connect(handle(), l, traced ? 1 : 0)), "connect to");
            everConnected = true;
        } finally {
            exit(previous);
        }
    }

    /** librtmp's receive timeout (option {@code timeout}) as set up, in milliseconds; 0: none. */
    private int receiveTimeoutMillis() {
        int[] seconds = new int[1];
        LibRtmp.nrtmp_receive_timeout(handle(), seconds);
        return seconds[0] > 0 && seconds[0] < Integer.MAX_VALUE / 1000 ? seconds[0] * 1000 : 0;
    }

    /**
     * The TLS connection (name lookup, TCP connect and TLS handshake within {@code millis}; 0: no
     * limit), then librtmp's loopback connection to it; the tunnel is freed with the native side.
     * {@code connectTimeout} says whether {@code millis} is the connect timeout (else the receive
     * timeout, bounding the handshake alone).
     */
    private void openTls(TlsSettings tls, int millis, boolean connectTimeout) throws RtmpException {
        int port = authority.port() > 0 ? authority.port() : TlsTunnel.DEFAULT_PORT;
        TlsTunnel tunnel = new TlsTunnel(url, authority.host(), port, tls);
        opening = tunnel;
        try {
            if (gate.isClosed()) {
                throw failure(NativeStatus.INTERRUPTED, "connect to");
            }
            tunnel.open(millis, connectTimeout);
        } finally {
            opening = null;
        }
        resources.keep(tunnel);
        // copying on virtual threads where the caller is one: an rtmps connection then holds no OS thread
        tunnel.attach(handle(), NativeWaits.onVirtualThread());
    }

    /**
     * {@code nrtmp_set_send_timeout} ({@code millis} -1: the receive timeout), then
     * {@code nrtmp_connect_stream} within the stream setup timeout given to {@link #connect}.
     */
    public void connectStream(int seekMillis, int sendTimeoutMillis) throws RtmpException {
        CallLog previous = enter();
        try {
            requireUrl("connectStream");
            int[] applied = new int[1];
            check(LibRtmp.nrtmp_set_send_timeout(handle(), sendTimeoutMillis, applied), "connectStream on");
            deadlines = deadlines.withSend(applied[0]);
            int setupMillis = deadlines.streamSetupMillis();
            NativeStatus status = NativeStatus.of(waiting(Engine.OP_CONNECT_STREAM, null, seekMillis, setupMillis, null,
                    () -> LibRtmp.nrtmp_connect_stream(handle(), seekMillis, setupMillis)));
            if (status == NativeStatus.FAILED && !gate.isClosed() && peerClosed()) {
                throw closedBeforeTheStream();
            }
            if (status != NativeStatus.OK) {
                throw failure(status, "connectStream on");
            }
            streamReady = true;
        } finally {
            exit(previous);
        }
    }

    /**
     * {@code nrtmp_write} of bytes already known to be whole FLV tags; {@code len} 0 checks the
     * connection only.
     *
     * @throws IllegalStateException on a connection made for play, or before connectStream succeeded
     */
    public void write(byte[] b, int off, int len) throws RtmpException {
        CallLog previous = enter();
        try {
            requireUrl("write");
            requireWriteEnabled();
            requireStream();
            if (len == 0) {
                if (LibRtmp.RTMP_IsConnected(handle()) == 0) {
                    throw failure(NativeStatus.NOT_CONNECTED, "write to");
                }
                return;
            }
            Memory buf = resources.scratch(len);
            buf.write(0, b, off, len);
            check(waiting(Engine.OP_WRITE, buf, len, 0, null, () -> LibRtmp.nrtmp_write(handle(), buf, len)), "write to");
        } finally {
            resources.endOfCall();
            exit(previous);
        }
    }

    /**
     * {@code nrtmp_write} of a batch of whole tags, in one call (its sends coalesced by the shim);
     * the batch is emptied whether or not the write succeeds.
     *
     * @throws IllegalStateException on a connection made for play, or before connectStream succeeded
     */
    public void write(TagBatch batch) throws RtmpException {
        CallLog previous = enter();
        try {
            requireUrl("write");
            requireWriteEnabled();
            requireStream();
            check(waiting(Engine.OP_WRITE, batch.memory(), batch.size(), 0, null,
                    () -> LibRtmp.nrtmp_write(handle(), batch.memory(), batch.size())), "write to");
        } finally {
            batch.clear();
            exit(previous);
        }
    }

    /** {@code nrtmp_read}: bytes read, or -1 at the end of the stream. */
    public int read(byte[] b, int off, int len) throws RtmpException {
        CallLog previous = enter();
        try {
            if (len == 0) {
                return 0;
            }
            requireUrl("read");
            Memory mem = resources.scratch(len);
            int[] n = nread;
            NativeStatus status = NativeStatus.of(waiting(Engine.OP_READ, mem, len, 0, n,
                    () -> LibRtmp.nrtmp_read(handle(), mem, len, n)));
            if (status == NativeStatus.END_OF_STREAM) {
                return -1;
            }
            if (status != NativeStatus.OK) {
                throw status == NativeStatus.RECEIVE_TIMED_OUT && bytesPlayed > FLV_HEADER_SIZE && !gate.isClosed()
                        ? stoppedAfterMedia(failure(status, "read from")) : failure(status, "read from");
            }
            mem.read(0, b, off, n[0]);
            bytesPlayed += n[0];
            return n[0];
        } finally {
            exit(previous);
        }
    }

    /** {@code nrtmp_set_out_chunk_size}. */
    public void setOutChunkSize(int size) throws RtmpException {
        CallLog previous = enter();
        try {
            requireUrl("setOutChunkSize");
            check(waiting(Engine.OP_SET_OUT_CHUNK_SIZE, null, size, 0, null,
                    () -> LibRtmp.nrtmp_set_out_chunk_size(handle(), size)), "setOutChunkSize on");
        } finally {
            exit(previous);
        }
    }

    /** {@code nrtmp_pause}: {@code RTMP_Pause} within the send timeout. */
    public void pause(boolean pause) throws RtmpException {
        CallLog previous = enter();
        try {
            requireConnected("pause", pause ? "pause on" : "resume on");
            check(waiting(Engine.OP_PAUSE, null, pause ? 1 : 0, 0, null, () -> LibRtmp.nrtmp_pause(handle(), pause ? 1 : 0)),
                    pause ? "pause on" : "resume on");
        } finally {
            exit(previous);
        }
    }

    /** {@code nrtmp_seek}: {@code RTMP_SendSeek} within the send timeout. */
    public void seek(int millis) throws RtmpException {
        CallLog previous = enter();
        try {
            requireConnected("seek", "seek on");
            check(waiting(Engine.OP_SEEK, null, millis, 0, null, () -> LibRtmp.nrtmp_seek(handle(), millis)), "seek on");
        } finally {
            exit(previous);
        }
    }

    /** {@code RTMP_IsConnected}; does not wait for a call running on another thread. */
    public boolean isConnected() {
        return withoutCallLock(() -> LibRtmp.RTMP_IsConnected(handle()) != 0);
    }

    /** {@code r->m_outChunkSize}; does not wait for a call running on another thread. */
    public int outChunkSize() {
        return withoutCallLock(() -> {
            int[] size = new int[1];
            LibRtmp.nrtmp_out_chunk_size(handle(), size);
            return size[0];
        });
    }

    /** {@code nrtmp_quick_acks}: how many times TCP_QUICKACK was set on this connection's socket. */
    public long quickAcks() {
        return withoutCallLock(() -> {
            long[] count = new long[1];
            LibRtmp.nrtmp_quick_acks(handle(), count);
            return count[0];
        });
    }

    /** {@code nrtmp_send_calls}: the send() system calls this connection's calls have made. */
    public long sendCalls() {
        return counter(LibRtmp::nrtmp_send_calls);
    }

    /** {@code nrtmp_send_buffer_held}: the memory this connection's send buffer holds (0 between calls). */
    public long sendBufferHeld() {
        return counter(LibRtmp::nrtmp_send_buffer_held);
    }

    /** One of the shim's counters of this connection, read under the call lock. */
    private long counter(BiConsumer<RtmpHandle, long[]> read) {
        CallLog previous = enter();
        try {
            long[] value = new long[1];
            read.accept(handle(), value);
            return value[0];
        } finally {
            exit(previous);
        }
    }

    /** {@code RTMP_GetDuration}, in seconds; does not wait for a call running on another thread. */
    public double durationSeconds() {
        return withoutCallLock(() -> LibRtmp.RTMP_GetDuration(handle()));
    }

    /** Where the next calls report their steps and log lines; null: nowhere. */
    public void setTraceListener(TraceListener listener) {
        gate.begin();
        try {
            resources.requireDebugLogging(listener != null);
            traceListener = listener;
        } finally {
            gate.end();
        }
    }

    TraceListener traceListener() {
        return traceListener;
    }

    /**
     * {@code nrtmp_finish_publish}, then {@link #close()}. When a call of another thread holds the
     * connection (a write blocked on a server that stopped reading), that call is woken instead,
     * and the close is not graceful.
     *
     * @return true when the server closed its side within {@code lingerMillis}
     */
    public boolean closeGracefully(int lingerMillis) {
        if (!gate.beginUnlessClosed()) {
            return false;
        }
        boolean serverClosed = false;
        try {
            if (gate.tryLock()) {
                CallLog previous = LogBridge.enter(log);
                try {
                    log.clear();
                    serverClosed = !gate.isClosed()
                            && NativeStatus.of(waiting(Engine.OP_FINISH_PUBLISH, null, lingerMillis, 0, null,
                            () -> LibRtmp.nrtmp_finish_publish(handle(), lingerMillis))) == NativeStatus.OK;
                } finally {
                    LogBridge.exit(previous);
                    gate.unlock();
                }
            }
        } finally {
            gate.end();
        }
        close();
        return serverClosed;
    }

    /**
     * Idempotent. With no call running, frees the native side at once; otherwise wakes the calls
     * ({@code nrtmp_interrupt}, outside every lock, while counted as a call itself so that the
     * memory outlives it) and the last call to leave frees it.
     */
    public void close() {
        resources.closedByOwner();
        if (gate.close()) {
            TlsTunnel tunnel = opening;
            if (tunnel != null) {
                tunnel.abort();
            }
            LibRtmp.nrtmp_interrupt(handle());
            gate.end();
        }
    }

    public boolean isClosed() {
        return gate.isClosed();
    }

    @Override
    public String toString() {
        String u = url;
        return name + (u == null ? "" : " " + u);
    }

    // ---- call discipline -------------------------------------------------------------------

    RtmpHandle handle() {
        return resources.handle();
    }

    /** Remote calls, packets and the messages librtmp handles ({@link PeerMessages}). */
    public PeerMessages messages() {
        return messages;
    }

    /** After close() from another thread, what a failing call reports. */
    boolean closed() {
        return gate.isClosed();
    }

    String urlOrNull() {
        return url;
    }

    boolean playing() {
        return streamReady && !writeEnabled;
    }

    /** A read of one field that needs no call lock: counted in, so the memory stays, and refused after close(). */
    <T> T withoutCallLock(Supplier<T> read) {
        gate.begin();
        try {
            return read.get();
        } finally {
            gate.end();
        }
    }

    /** Into the call lock; then this connection owns librtmp's log lines on this thread. */
    CallLog enter() {
        gate.enter();
        log.clear();
        return LogBridge.enter(log);
    }

    /** Out of the call lock, after the messages librtmp handled in the call went to their sink. */
    void exit(CallLog previous) {
        try {
            messages.drain();
        } finally {
            LogBridge.exit(previous);
            gate.exit();
        }
    }

    /**
     * A native call that may wait for the network ({@code inline}, the shim's nrtmp_* function),
     * which never pins a virtual thread's carrier: from a virtual thread it runs as engine call
     * {@code op} (with {@code buf}, {@code a}, {@code b}; nrtmp_read's count into {@code out}) on
     * the connection's {@link Engine}, or where there is none (or for {@code op} 0: a traced
     * connect, whose trace steps go to Java as they happen; or when the engine could not take
     * the call) on a thread of {@link NativeWaits}.
     */
    int waiting(int op, Pointer buf, int a, int b, int[] out, IntSupplier inline) {
        if (!NativeWaits.mustNotPin()) {
            return inline.getAsInt();
        }
        if (op != 0 && NativeWaits.useEngine()) {
            if (engine == null) {
                engine = Engine.next();
            }
            if (engine != null) {
                int status = engine.call(handle(), op, buf, a, b, out);
                if (status != Engine.NOT_RUN) {
                    return status;
                }
            }
        }
        return NativeWaits.run(log, inline);
    }

    /**
     * A connection connects once. When a connect fails, or librtmp closes a connection itself (a
     * send error, a failed stream), RTMP_Close frees the playpath and any tcUrl it allocated while
     * the link still points at them: a second connect would send freed memory, or crash.
     */
    private void requireNoConnectAttempt(String operation) {
        if (connectAttempted) {
            throw new IllegalStateException(operation + " after connect() on " + this
                    + ": a NativeRtmp connects once; create a new one to connect again");
        }
    }

    private void requireWriteEnabled() {
        if (everConnected && !writeEnabled) {
            throw new IllegalStateException("write() on " + this + ", a play connection: call enableWrite()"
                    + " before connect() to publish");
        }
    }

    /** librtmp would publish under an empty name, which nginx accepts (publish: name=''). */
    private void requireStreamNameToPublish() {
        if (writeEnabled && linkText(LibRtmp.NRTMP_LINK_PLAYPATH).isEmpty()) {
            throw new IllegalArgumentException("publish to '" + url + "': the URL names no stream"
                    + " (rtmp://host[:port]/app/STREAM, or the playpath option), and librtmp would publish under an"
                    + " empty name, which a server such as nginx-rtmp accepts");
        }
    }

    private String linkText(int field) {
        byte[] text = new byte[STATUS_TEXT_MAX];
        int[] length = new int[1];
        LibRtmp.nrtmp_link_text(handle(), field, text, text.length, length);
        return LibRtmp.cString(text);
    }

    private boolean peerClosed() {
        int[] yes = new int[1];
        LibRtmp.nrtmp_peer_closed(handle(), yes);
        return yes[0] != 0;
    }

    /**
     * A server that refuses the application or the stream without a word closes the connection:
     * nginx-rtmp does for an unknown application, and librtmp then only says it could not read.
     */
    private RtmpException closedBeforeTheStream() {
        String librtmp = log.firstErrorOrNull();
        return new RtmpException("connectStream on " + url + " failed: the server closed the connection after"
                + " connect, before the stream was set up (the application '" + app + "' may not exist, or the"
                + " server refused to " + (writeEnabled ? "publish" : "play") + " '" + streamName + "')"
                + (librtmp != null ? "; librtmp: " + librtmp : ""), librtmp);
    }

    /**
     * librtmp ends a live play only when the server says the publisher left (UnpublishNotify),
     * which nginx-rtmp sends only with publish_notify on: otherwise the play just stops.
     */
    private static RtmpException stoppedAfterMedia(RtmpException timedOut) {
        return new RtmpException(timedOut.getMessage() + "; media had been flowing and stopped: if the stream is"
                + " live, its publisher may have left without the server saying so (nginx-rtmp tells players only"
                + " with 'publish_notify on;')", timedOut.librtmpMessage());
    }

    /** Before connectStream, a server has no stream for the tags: nginx resets, and they are gone. */
    private void requireStream() {
        if (!streamReady) {
            throw new IllegalStateException("write() before connectStream() on " + this + ": the server has no"
                    + " stream to take the tags yet; call connect(), then connectStream(0)");
        }
    }

    private void requireUrl(String operation) {
        if (url == null) {
            throw new IllegalStateException(operation + "(): " + (setupDone
                    ? "setupUrl failed on " + this + "; create a new NativeRtmp"
                    : "no URL set, call setupUrl first"));
        }
    }

    void requireConnected(String operation, String what) throws RtmpException {
        requireUrl(operation);
        if (LibRtmp.RTMP_IsConnected(handle()) == 0) {
            throw failure(NativeStatus.NOT_CONNECTED, what);
        }
    }

    void check(int status, String what) throws RtmpException {
        NativeStatus s = NativeStatus.of(status);
        if (s != NativeStatus.OK) {
            throw failure(s, what);
        }
    }

    /**
     * After close() from another thread any failure is that close's doing. An error status
     * carries the server's code and description; every failure, what the call was doing.
     */
    RtmpException failure(NativeStatus status, String what) {
        NativeStatus s = gate.isClosed() ? NativeStatus.INTERRUPTED : status;
        String code = null;
        String description = null;
        if (s == NativeStatus.ERROR_STATUS) {
            byte[] c = new byte[STATUS_TEXT_MAX];
            byte[] d = new byte[STATUS_TEXT_MAX];
            LibRtmp.nrtmp_error_status(handle(), c, c.length, d, d.length);
            code = LibRtmp.cString(c);
            description = LibRtmp.cString(d);
        }
        return s.failure(what, new CallOutcome(url, app, log.firstErrorOrNull(), everConnected, deadlines, code,
                description, CallReport.of(handle()), writeEnabled, peerClosed()));
    }

    private static int utf8Length(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

}
