package org.nativertmp;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.nativertmp.amf0.EcmaArray;
import org.nativertmp.flv.FlvTagBoundaries;
import org.nativertmp.internal.DataMessageTag;
import org.nativertmp.internal.NativeLibraryLoader;
import org.nativertmp.internal.RtmpPeer;

/**
 * One librtmp client connection ({@code RTMP*}), driven through the real native librtmp.
 *
 * <pre>{@code
 * try (NativeRtmp rtmp = new NativeRtmp()) {
 *     rtmp.setupUrl("rtmp://127.0.0.1:1935/live/stream");
 *     rtmp.enableWrite();
 *     rtmp.connect();
 *     rtmp.connectStream(0);
 *     rtmp.write(flvTags, 0, flvTags.length);   // whole FLV tags only
 * }
 * }</pre>
 *
 * <p>Threads: calls on one instance are serialized, each waiting for the one before it to
 * return. {@link #close()} may come from any thread at any time: a call blocked in librtmp on
 * another thread is woken and ends in an {@link RtmpException}, every later call throws
 * {@link IllegalStateException}, and the native memory is freed once the last call has left (or by
 * a {@link java.lang.ref.Cleaner} for an instance never closed). {@link #isConnected()},
 * {@link #outChunkSize()} and {@link #duration()} do not wait for a running call.
 *
 * <p>Virtual threads (Java 21+): a call that waits for the server never pins the virtual
 * thread's carrier; librtmp runs it on a platform thread of the library's while the virtual
 * thread parks (docs/using.md, Virtual threads). From a platform thread a call runs on that
 * thread.
 *
 * <p>Rules for every method: a {@code null} argument is an {@link IllegalArgumentException}; any
 * call after {@code close()} is an {@link IllegalStateException}, whatever its arguments; a call
 * out of order (a second {@code setupUrl}, anything that sets up the connection after the first
 * {@code connect()}, {@code write} before {@code connectStream} or on a connection made for play)
 * is an {@link IllegalStateException}. An instance connects once: after a failed connect, or once a
 * connection has ended, create a new one (librtmp frees parts of the parsed URL when it closes a
 * connection, so its struct cannot be reused safely).
 *
 * <p>librtmp's log goes to {@link System.Logger} {@code org.nativertmp.librtmp}, each line
 * attributed to the instance whose call produced it; a line that an exception quotes, and
 * librtmp's INFO chatter, are logged at DEBUG only (docs/using.md, Logging).
 */
public final class NativeRtmp implements AutoCloseable {
    private final RtmpPeer peer = new RtmpPeer("NativeRtmp");
    /** Made by the first setEventListener or call. */
    private MessageRouter router;
    private volatile RtmpOptions options = RtmpOptions.defaults();
    private volatile boolean traced;
    /** The one asynchronous view: its one-call-at-a-time rule holds for the connection. */
    private final AsyncRtmp async = new AsyncRtmp(this);

    /** {@code RTMP_Alloc} + {@code RTMP_Init}. */
    public NativeRtmp() {
    }

    /** librtmp's {@code RTMP_LibVersion()}: 0x020300 for the bundled snapshot. */
    public static int libVersion() {
        return RtmpPeer.libVersion();
    }

    /** This library's version (the jar's), read without loading the native library. */
    public static String version() {
        return NativeLibraryLoader.version();
    }

    /** Which native library this process loaded, and the versions it was built from. */
    public static NativeLibraryInfo nativeLibraryInfo() {
        return new NativeLibraryInfo(NativeLibraryLoader.version(), libVersion(), NativeLibraryLoader.librtmpSource(),
                NativeLibraryLoader.platform(), NativeLibraryLoader.loadedFrom());
    }

    /** True when this librtmp was built with crypto, so that pubUser/pubPasswd have an effect. */
    public static boolean supportsPublisherAuth() {
        return RtmpPeer.supportsPublisherAuth();
    }

    /** {@link #setupUrl(String, RtmpOptions)} with librtmp's defaults. */
    public void setupUrl(String url) {
        setupUrl(url, RtmpOptions.defaults());
    }

    /**
     * {@code RTMP_SetupURL}, with the options applied where librtmp needs them ({@code socks}
     * before, the rest after). librtmp parses the URL in place and keeps pointers into it and into
     * option values, so native copies live as long as this instance. Once per instance, before
     * {@link #connect()}.
     *
     * @throws IllegalArgumentException when the URL is null, empty, has no {@code ://}, an
     *         unknown scheme (librtmp would only warn), a scheme this build cannot honour
     *         ({@code rtmfp}; {@code rtmpe} and {@code rtmpte}: this build does not do RTMPE, and
     *         librtmp would connect without encryption), no host, a port not in ASCII digits from 1
     *         to 65535, a control character, a space (after which librtmp would read options such as
     *         {@code socks=host:port}; see {@link RtmpOptions.Builder#librtmpUrlOptions}), a path
     *         too long for librtmp's command buffers, rtmps/rtmpts with the {@code socks} option, or
     *         librtmp refuses it or an option (an unknown key, a value it cannot parse)
     * @throws IllegalStateException on a second call, or after {@code connect()}
     * @throws UnsupportedOperationException for {@linkplain RtmpOptions.Builder#connectProperty
     *         connect properties} when this librtmp was built without native-rtmp's fixes
     */
    public void setupUrl(String url, RtmpOptions options) {
        if (options == null) {
            throw new IllegalArgumentException("options are null (RtmpOptions.defaults() for none)");
        }
        peer.setup(url, options.librtmpUrlOptions(), options.beforeSetupUrl(), options.afterSetupUrl(),
                options.connectProperties(), options.wrappedTimestampDeltas());
        this.options = options;
    }

    /** {@code RTMP_EnableWrite}: publish instead of play. Call before {@link #connect()}. */
    public void enableWrite() {
        peer.enableWrite();
    }

    /**
     * {@code RTMP_Connect}, in librtmp's own steps: resolve the host, {@code RTMP_Connect0}
     * (socket, TCP connect, SOCKS, receive timeout, {@code TCP_NODELAY}), then
     * {@code RTMP_Connect1} (handshake and the {@code connect} command); then it waits for the
     * server's answer to {@code connect}, handling whatever else the server sends as librtmp's
     * stream setup would, and keeps the answer for {@link #connectStream(int)}, which hands it to
     * librtmp first (so librtmp's replies to it, {@code createStream} and the rest, go out at the
     * same point of the byte stream as without the wait). Beyond librtmp, which resolves IPv4 only
     * and tries one address: IPv6 hosts ({@code rtmp://[::1]/app/stream}, or a name that
     * resolves only to IPv6) get a socket opened by the shim with librtmp's socket options; every
     * resolved address is tried in order; all of it ends within
     * {@link RtmpOptions.Builder#connectTimeout} (by default the receive timeout), whatever the
     * server sends meanwhile, the name lookup included. Each step goes to the {@link DebugHook},
     * if one is set. {@link #close()} from another thread wakes it, except through a SOCKS
     * proxy, where librtmp's TCP connect and SOCKS exchange end first (within the connect
     * timeout).
     *
     * <p>{@code rtmps://} and {@code rtmpts://}: the JDK makes the TLS connection first (SNI,
     * host-name check, the trust of {@link RtmpOptions.Builder#sslContext}, or the JVM's default),
     * within the connect timeout, and librtmp then connects through it, writing every RTMP (or
     * RTMPT) byte itself as over TCP; its {@code tcUrl} keeps the URL's scheme. See
     * docs/transports.md.
     *
     * @throws RtmpException with librtmp's own reason, e.g. {@code RTMP_Connect0, failed to
     *         connect socket. 111 (Connection refused)}; or saying that the connect timed out and
     *         in which step (the name lookup, the TCP connect, the handshake, the answer to
     *         {@code connect}, with what the server sent meanwhile); for TLS, saying which
     *         failure: an untrusted certificate, a certificate for another host name, no TLS
     *         version in common, another handshake failure, a timeout
     * @throws RtmpStatusException when the server refused the connect with an error status
     *         ({@code _error}, e.g. {@code NetConnection.Connect.Rejected})
     * @throws IllegalArgumentException to publish ({@link #enableWrite()}) when neither the URL
     *         nor the {@code playpath} option names a stream: librtmp would publish under an
     *         empty name, which servers such as nginx-rtmp accept
     * @throws IllegalStateException before {@link #setupUrl(String)}, or on a second call
     */
    public void connect() throws RtmpException {
        RtmpOptions o = options;
        peer.connect(o.connectTimeoutMillis(), o.streamSetupTimeoutMillis(), o.mediaTimeoutMillis(), traced,
                o.coalesceSends(), o.quickAck(), o.tls());
    }

    /**
     * Sends every step of the next connects, and librtmp's log lines (at least DEBUG while a
     * hook is set), to {@code hook}; null turns it off. Off, the data path does no extra work.
     */
    public void setDebugHook(DebugHook hook) {
        peer.setTraceListener(hook == null ? null : new HookDelivery(hook, peer));
        traced = hook != null;
    }

    /**
     * {@code RTMP_ConnectStream}: createStream and publish or play, waiting until the server
     * starts the stream. The shim runs librtmp's own loop ({@code RTMP_ReadPacket} +
     * {@code RTMP_ClientPacket}) and also ends it at an {@code onStatus} or {@code _error} whose
     * level is {@code error}, which librtmp would ignore until the receive timeout (e.g. nginx's
     * {@code NetStream.Publish.BadName}); and it ends within
     * {@link RtmpOptions.Builder#streamSetupTimeout} (by default the receive timeout) as a whole,
     * whatever the server sends meanwhile. Sets the send timeout on the socket first.
     *
     * @param seekMillis where play starts, in milliseconds (0 for the start or live)
     * @throws RtmpStatusException at once when the server answers with an error status,
     *         carrying its code and description
     * @throws RtmpException when the stream did not start within the stream setup timeout,
     *         saying what was awaited (the answer to {@code createStream}, the start of the
     *         stream) and what the server sent meanwhile; when the server closed the connection
     *         before the stream was set up (nginx-rtmp does for an unknown application), saying so
     *         and naming the application and the stream; or with librtmp's reason
     */
    public void connectStream(int seekMillis) throws RtmpException {
        peer.connectStream(seekMillis, options.sendTimeoutMillis());
    }

    /**
     * {@code RTMP_Write}: sends whole FLV tags (optionally after the 13-byte FLV header), each
     * followed by its 4-byte previous-tag-size (the last one may omit it).
     *
     * @throws IllegalArgumentException when the slice does not end on a tag boundary: librtmp
     *         reads past the buffer then, so nothing is sent
     * @throws RtmpException when the connection broke, or the server took none of it within
     *         the send timeout or the {@link RtmpOptions.Builder#mediaTimeout media timeout}
     * @throws IllegalStateException after {@link #close()}, before {@link #connectStream(int)}
     *         succeeded (the server would have no stream for the tags), or on a connection made
     *         for play
     */
    public void write(byte[] flv, int off, int len) throws RtmpException {
        requireNonNull("flv", flv);
        requireOpen();
        int tags = FlvTagBoundaries.countWholeTags(flv, off, len);
        // Header only: nothing to send, and RTMP_Write would read past the buffer.
        peer.write(flv, off, tags > 0 ? len : 0);
    }

    /**
     * {@code RTMP_Read}: the next bytes of the played stream as FLV (the header first).
     *
     * <p>librtmp skips video messages of 5 bytes or fewer (H.264's end-of-sequence tag among
     * them) and audio messages of 1 byte or fewer.
     *
     * @return how many bytes were read, or -1 at the end of the stream: the server sent
     *         Play.Complete or Play.Stop (or UnpublishNotify for a live stream, which nginx-rtmp
     *         sends only with {@code publish_notify on;})
     * @throws RtmpException when the connection broke, nothing arrived within the receive
     *         timeout (librtmp reports those as an end too, which would pass a truncated stream
     *         off as a whole one), or no media arrived within the
     *         {@link RtmpOptions.Builder#mediaTimeout media timeout}, if one is set. After media
     *         had flowed, the message of a receive timeout says that the stream stopped, as a live
     *         stream whose publisher left without the server saying so does
     */
    public int read(byte[] buf, int off, int len) throws RtmpException {
        requireNonNull("buf", buf);
        requireOpen();
        Objects.checkFromIndexSize(off, len, buf.length);
        return peer.read(buf, off, len);
    }

    /** {@code RTMP_IsConnected}. Does not wait for a call running on another thread. */
    public boolean isConnected() {
        return peer.isConnected();
    }

    // ---- beside the media: events, remote calls, packets (docs/using.md "Server events")

    /**
     * Hands what the server sends beside the media to {@code listener} from now on: commands it
     * invokes, {@code onStatus}, data messages, control events ({@link RtmpEventListener} says
     * on which thread, and when). Set it before {@link #connect()} to see the connect's answers
     * too; null stops delivery.
     *
     * @throws UnsupportedOperationException when librtmp was built without native/patches
     */
    public void setEventListener(RtmpEventListener listener) {
        requireOpen();
        router().setListener(listener);
    }

    /**
     * Calls {@code method} on the server: a command message with librtmp's next transaction id,
     * a null command object and {@code args} (AMF0: see {@link org.nativertmp.amf0.Amf0}), sent
     * through {@code RTMP_SendPacket} so that librtmp knows the answer as that of its own call;
     * then waits for the {@code _result}. On a connection that does not play (before
     * {@link #connectStream}, or publishing) this call reads and handles what the server sends
     * until the answer; on a playing one the answer arrives through {@link #read}: keep reading
     * on another thread meanwhile.
     *
     * @throws RemoteCallException when the server answered with {@code _error}
     * @throws RtmpException when no answer came within {@code timeout}, or the connection broke
     * @throws IllegalArgumentException for a value AMF0 cannot encode, or an empty method name
     */
    public CallResult call(String method, Duration timeout, Object... args) throws RtmpException {
        requireNonNull("method", method);
        requireNonNull("timeout", timeout);
        requireOpen();
        MessageRouter router = router();
        return router.await(router.send(method, args == null ? new Object[] {null} : args), method, timeout,
                peer.toString());
    }

    /**
     * Sends the call as {@link #call} does and returns at once; the stage completes (on a library
     * thread) when a later call of this connection reads the answer: {@link #read} during play,
     * or any call that handles the server's messages. It completes exceptionally with
     * {@link RemoteCallException} for {@code _error}.
     */
    public CompletableFuture<CallResult> callAsync(String method, Object... args) throws RtmpException {
        requireNonNull("method", method);
        requireOpen();
        return router().send(method, args == null ? new Object[] {null} : args);
    }

    /**
     * {@code RTMP_ReadPacket} until one whole message, which librtmp does NOT handle: for code
     * that drives the protocol itself (pass it on with {@link #handlePacket}). Not together with
     * {@link #read} on the same connection, which would miss the messages read here.
     *
     * @throws RtmpException when nothing arrived within librtmp's receive timeout, or the connection broke
     */
    public RtmpPacket readPacket() throws RtmpException {
        requireOpen();
        return MessageRouter.fromRecord(java.nio.ByteBuffer.wrap(peer.messages().readPacket()));
    }

    /**
     * {@code RTMP_ClientPacket}: librtmp handles the message as if it had read it (answers a ping,
     * takes a chunk size, follows a stream's status), and the event listener sees it.
     *
     * @return true for a media message (audio, video, or data librtmp passes on as FLV)
     */
    public boolean handlePacket(RtmpPacket packet) throws RtmpException {
        requireNonNull("packet", packet);
        requireOpen();
        return peer.messages().handlePacket(MessageRouter.toRecord(packet));
    }

    /**
     * {@code RTMP_SendPacket}: sends the message as librtmp frames it (chunked at the outgoing
     * chunk size, the header compressed against the chunk stream's previous message). With
     * {@code queue}, librtmp remembers a command's transaction id for its answer, as for its own.
     */
    public void sendPacket(RtmpPacket packet, boolean queue) throws RtmpException {
        requireNonNull("packet", packet);
        requireOpen();
        peer.messages().sendPacket(MessageRouter.toRecord(packet), queue);
    }

    /**
     * This connection's counters: bytes, messages, acknowledgements, the server's window, the
     * send buffer, the last ping's round trip, stream time ({@link RtmpStatistics}). Cheap, from any
     * thread: it never waits for a call of another thread.
     *
     * @throws IllegalStateException after {@link #close()}
     */
    public RtmpStatistics statistics() {
        return RtmpStatistics.of(peer.messages().statistics());
    }

    /**
     * Sends a User Control Ping Request and waits for the server's Ping Response, as {@link #call}
     * waits for an answer (reading for it itself, unless the connection plays). Also lets librtmp
     * handle what a publisher's server sent meanwhile (acknowledgements, pings).
     *
     * @return the round trip, also in {@link RtmpStatistics#pingRoundTrip()} from now on
     * @throws RtmpException when no answer came within {@code timeout}, or the connection broke
     */
    public Duration ping(Duration timeout) throws RtmpException {
        requireNonNull("timeout", timeout);
        requireOpen();
        return router().ping(timeout, peer.toString());
    }

    /**
     * Sends {@code onMetaData} with {@code metadata} as an ECMA array, in order: see
     * {@link #sendDataMessage}.
     */
    public void sendMetadata(Map<String, ?> metadata) throws RtmpException {
        requireNonNull("metadata", metadata);
        sendDataMessage("onMetaData", new EcmaArray(metadata));
    }

    /**
     * Sends a data message {@code handler}({@code values}...) on the published stream
     * ({@code onMetaData}, {@code onCuePoint}, {@code onTextData}), framed as librtmp frames a
     * script tag: {@code RTMP_Write} of an FLV script tag, to which librtmp adds
     * {@code @setDataFrame} in front, with a large header, at the timestamp of the last media
     * message sent (0 before any). Before media, between the {@link #write} calls of a running
     * publish, or between the writes of an {@link #outputStream()}: a tag that stream holds partly
     * written goes out after the data message, once its last bytes are written.
     *
     * @throws IllegalArgumentException for a value AMF0 cannot encode, a handler longer than an
     *         AMF0 string (65535 UTF-8 bytes), a message over the FLV limit, or
     *         {@code @setDataFrame} as the handler (librtmp adds it)
     * @throws IllegalStateException before {@link #connectStream}, or on a connection made for play
     * @throws RtmpException as {@link #write}
     */
    public void sendDataMessage(String handler, Object... values) throws RtmpException {
        requireNonNull("handler", handler);
        requireOpen();
        byte[] tag = DataMessageTag.encode(handler, values, statistics().streamTimeOut());
        peer.write(tag, 0, tag.length);
    }

    private synchronized MessageRouter router() {
        if (router == null) {
            MessageRouter r = new MessageRouter(peer.messages(), peer);
            peer.messages().keep(r);
            router = r;
        }
        return router;
    }

    /**
     * {@code RTMP_Close} + {@code RTMP_Free}. Idempotent; any other call afterwards throws
     * {@link IllegalStateException}. From another thread while a call runs, it wakes that call
     * (which then fails with {@link RtmpException}) and the memory is freed when it returns.
     */
    @Override
    public void close() {
        peer.close();
    }

    /**
     * Ends a publish so that the server has read everything: sends what {@link #close()} would
     * (FCUnpublish, deleteStream), shuts down the sending side of the connection, waits up to
     * {@code linger} for the server to close its side (reading and discarding what it sends),
     * then closes this instance. A plain {@code close()} may leave the server's messages unread
     * in the receive buffer, and closing such a socket sends a TCP reset, on which a server can
     * lose the tail it had not read yet (ffmpeg does). When a call on another thread is running
     * (a write blocked on a server that stopped reading), it is woken instead, as by
     * {@code close()}, and this returns false.
     *
     * @return true when the server closed its side within {@code linger}; false after
     *         {@code close()}
     */
    public boolean closeGracefully(Duration linger) {
        requireNonNull("linger", linger);
        if (linger.isNegative()) {
            throw new IllegalArgumentException("linger must not be negative: " + linger);
        }
        return peer.closeGracefully((int) Math.min(linger.toMillis(), Integer.MAX_VALUE));
    }

    /**
     * This connection's calls that wait for the server as {@link java.util.concurrent.CompletionStage}s,
     * one at a time, for code that must never block ({@link AsyncRtmp}); the same object on every
     * call. Set the connection up here first ({@link #setupUrl}, {@link #enableWrite()}, the debug
     * hook).
     */
    public AsyncRtmp async() {
        requireOpen();
        return async;
    }

    /**
     * An {@link java.io.OutputStream} that publishes an FLV byte stream written in slices of any
     * size, with or without the FLV header: librtmp only ever sees whole tags with their
     * previous-tag-sizes, the tags each {@code write} completes handed over together (one
     * {@code RTMP_Write} per 64 KiB) before it returns. Malformed input is an
     * {@link java.io.IOException} naming the byte offset, and none of it reaches librtmp. Closing
     * the stream sends a last tag written without its previous-tag-size and does not close this
     * connection. Use it after {@link #enableWrite()}, {@link #connect()} and
     * {@link #connectStream(int)}.
     */
    public RtmpOutputStream outputStream() {
        requireOpen();
        return new RtmpOutputStream(peer);
    }

    /**
     * An {@link java.io.InputStream} over {@code RTMP_Read}: the played stream as FLV, header
     * first; -1 at the end of the stream. Closing it does not close this connection.
     */
    public RtmpInputStream inputStream() {
        requireOpen();
        return new RtmpInputStream(peer);
    }

    /**
     * Sends Set Chunk Size (RTMP protocol control message type 1 on chunk stream 2) and uses
     * the size for every message after it. librtmp's default, kept until this is called: 128.
     *
     * @param size 1 to 0x7FFFFFFF (RTMP 1.0, section 5.4.1)
     */
    public void setOutChunkSize(int size) throws RtmpException {
        if (size < 1) {
            throw new IllegalArgumentException("chunk size must be 1 to 2147483647, not " + size);
        }
        peer.setOutChunkSize(size);
    }

    /** librtmp's outgoing chunk size ({@code m_outChunkSize}): 128 unless {@link #setOutChunkSize} changed it. */
    public int outChunkSize() {
        return peer.outChunkSize();
    }

    /** {@code RTMP_Pause}: pauses play (at the last media timestamp received) or resumes it. */
    public void pause(boolean pause) throws RtmpException {
        peer.pause(pause);
    }

    /**
     * {@code RTMP_SendSeek}: asks the server to continue play at {@code millis}; librtmp drops
     * what it has buffered and resumes {@code RTMP_Read} with the new position.
     */
    public void seek(long millis) throws RtmpException {
        if (millis < 0 || millis > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("seek must be 0 to " + Integer.MAX_VALUE + " ms, not " + millis);
        }
        peer.seek((int) millis);
    }

    /**
     * {@code RTMP_GetDuration}: the duration the played stream's onMetaData announced, or zero
     * when none came (yet: it arrives with the first reads).
     */
    public Duration duration() {
        double seconds = peer.durationSeconds();
        return seconds > 0 ? Duration.ofNanos((long) (seconds * 1e9)) : Duration.ZERO;
    }

    @Override
    public String toString() {
        return peer.toString();
    }

    private void requireOpen() {
        if (peer.isClosed()) {
            throw new IllegalStateException(this + " is closed");
        }
    }

    private static void requireNonNull(String what, Object value) {
        if (value == null) {
            throw new IllegalArgumentException(what + " is null");
        }
    }
}
