package org.nativertmp;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.lang.ref.Cleaner;
import java.lang.ref.Reference;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.nativertmp.flv.FlvTagBoundaries;
import org.nativertmp.internal.LibRtmp;
import org.nativertmp.internal.LogBridge;
import org.nativertmp.internal.LogTarget;
import org.nativertmp.internal.RtmpHandle;
import org.nativertmp.internal.RtmpResources;
import org.nativertmp.internal.RtmpUrlCheck;

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
 * <p>Calls on one instance are serialized. {@link #close()} may come from any thread: a call
 * blocked in librtmp on another thread is woken (its socket is shut down) and ends in an
 * {@link RtmpException}; the native memory is freed when the last call has left. An instance that
 * is never closed is freed by a {@link Cleaner} once it is unreachable.
 *
 * <p>librtmp's log goes to {@link System.Logger} {@value LogBridge#LOGGER_NAME}, each line
 * attributed to the instance whose call produced it.
 */
public final class NativeRtmp implements AutoCloseable {
    private static final Cleaner CLEANER = Cleaner.create();
    private static final AtomicInteger IDS = new AtomicInteger();
    private static final System.Logger LOGGER = System.getLogger("org.nativertmp");

    static {
        LibRtmp.ensureLoaded();
    }

    private final int id = IDS.incrementAndGet();
    private final RtmpResources resources;
    private final Cleaner.Cleanable cleanable;
    private final CallLog callLog = new CallLog();
    /** Serializes calls into librtmp: one RTMP struct is not safe for two threads. */
    private final ReentrantLock callLock = new ReentrantLock();
    /** Guards {@link #closed} and {@link #callsInFlight}; never held across a native call. */
    private final Object lifecycle = new Object();
    private int callsInFlight;
    private boolean closed;
    private volatile String url;
    private boolean everConnected;
    /** Set by the first connect(): see requireFirstConnect. */
    private boolean connectAttempted;
    private volatile DebugHook debugHook;
    private boolean hookFailureReported;
    private int connectTimeoutMillis;

    /** {@code RTMP_Alloc} + {@code RTMP_Init}. */
    public NativeRtmp() {
        resources = new RtmpResources();
        cleanable = CLEANER.register(this, resources);
    }

    /** librtmp's {@code RTMP_LibVersion()}: 0x020300 for the bundled snapshot. */
    public static int libVersion() {
        return LibRtmp.RTMP_LibVersion();
    }

    /**
     * {@code RTMP_SetupURL}. librtmp parses the URL in place and keeps pointers into it, so a
     * native copy lives as long as this instance. The URL is data: a space (after which librtmp
     * would read options such as {@code socks=host:port}) is refused, see
     * {@link #setupUrlWithOptions(String)}.
     *
     * @throws IllegalArgumentException when the URL is null, empty, has no {@code ://}, an
     *         unknown scheme (librtmp would only warn), a scheme this build cannot honour
     *         ({@code rtmfp}; {@code rtmpe}, {@code rtmpte}, {@code rtmps}, {@code rtmpts}
     *         without crypto), no host, a port not in ASCII digits from 1 to 65535, a space or
     *         control character, a path too long for librtmp's command buffers, or librtmp
     *         refuses it
     */
    public void setupUrl(String url) {
        setupUrl(url, false);
    }

    /**
     * {@code RTMP_SetupURL} with librtmp's URL options: text after the first space is read as
     * {@code key=value} pairs separated by spaces (librtmp(3), e.g.
     * {@code "rtmp://host/app/stream live=1 buffer=2000"}). Only for URLs from a trusted source:
     * the options can redirect the session ({@code socks=}) or change what is sent. Otherwise
     * as {@link #setupUrl(String)}.
     */
    public void setupUrlWithOptions(String url) {
        setupUrl(url, true);
    }

    private void setupUrl(String url, boolean librtmpOptions) {
        RtmpUrlCheck.Authority authority =
                RtmpUrlCheck.check(url, librtmpOptions, LibRtmp.nrtmp_has_publisher_auth() != 0);
        LogTarget previous = enter();
        try {
            requireFirstConnect("setupUrl()");
            LogBridge.refreshLevel();
            Pointer urlCopy = resources.keep(url);
            if (LibRtmp.RTMP_SetupURL(handle(), urlCopy) == 0) {
                throw new IllegalArgumentException("invalid RTMP URL '" + url + "': librtmp refused it: "
                        + callLog.reason());
            }
            if (authority.bracketed()) {
                // librtmp splits the host at the first ':'; point it at the literal inside the
                // brackets. The tcUrl librtmp derived from the URL keeps the brackets.
                int start = utf8Length(url.substring(0, authority.hostStart()));
                int length = utf8Length(authority.host());
                // No port in the URL: keep the default librtmp chose for the scheme (1935, 80, 443).
                LibRtmp.nrtmp_set_host(handle(), urlCopy.share(start), length, authority.port());
            }
            this.url = url;
        } finally {
            exit(previous);
        }
    }

    /**
     * {@code RTMP_SetOpt}: one of librtmp's options ({@code live}, {@code buffer}, {@code timeout},
     * {@code app}, {@code playpath}, {@code conn}, ...; see librtmp(3)). librtmp keeps a pointer to
     * the value, so a native copy lives as long as this instance.
     *
     * @throws IllegalArgumentException for a key librtmp does not know, or a value it refuses
     */
    public void setOption(String key, String value) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("option key is null or empty");
        }
        if (value == null) {
            throw new IllegalArgumentException("value of option '" + key + "' is null");
        }
        LogTarget previous = enter();
        try {
            if (LibRtmp.nrtmp_set_opt(handle(), key, resources.keep(value)) == 0) {
                throw new IllegalArgumentException("librtmp refused option " + key + "=" + value + ": "
                        + callLog.firstError());
            }
        } finally {
            exit(previous);
        }
    }

    /** {@code RTMP_EnableWrite}: publish instead of play. Call before {@link #connect()}. */
    public void enableWrite() {
        LogTarget previous = enter();
        try {
            LibRtmp.RTMP_EnableWrite(handle());
        } finally {
            exit(previous);
        }
    }

    /**
     * {@code RTMP_Connect}, in librtmp's own steps: resolve the host, {@code RTMP_Connect0}
     * (socket, TCP connect, SOCKS, receive timeout, {@code TCP_NODELAY}), then
     * {@code RTMP_Connect1} (handshake and the {@code connect} command). Beyond librtmp, which
     * resolves IPv4 only and tries one address: IPv6 hosts ({@code rtmp://[::1]/app/stream}, or a
     * name that resolves only to IPv6) get a socket opened by the shim with librtmp's socket
     * options; every resolved address is tried in order; {@link #setConnectTimeout} limits the
     * TCP connect. Each step goes to the {@link DebugHook}, if one is set.
     *
     * @throws RtmpException with librtmp's own reason, e.g. {@code RTMP_Connect0, failed to
     *         connect socket. 111 (Connection refused)}, or saying that the connect timed out
     * <p>An instance connects once: after a failed connect, or once a connection has ended,
     * create a new {@code NativeRtmp} (librtmp frees parts of the parsed URL when it closes a
     * connection, so its struct cannot be reused safely).
     *
     * @throws IllegalStateException before {@link #setupUrl(String)}, on a second call, or after
     *         {@link #close()}
     */
    public void connect() throws RtmpException {
        LogTarget previous = enter();
        try {
            requireUrl("connect");
            requireFirstConnect("connect()");
            connectAttempted = true;
            LogBridge.refreshLevel();
            int result = LibRtmp.nrtmp_connect(handle(), connectTimeoutMillis, debugHook != null ? 1 : 0);
            if (result == LibRtmp.NRTMP_CONNECT_OK && closed) {
                throw new RtmpException("connect to " + url + " interrupted: closed by close() from another thread");
            }
            if (result == LibRtmp.NRTMP_CONNECT_TIMED_OUT && !closed) {
                throw new RtmpException("connect to " + url + " timed out after " + connectTimeoutMillis
                        + " ms (setConnectTimeout): " + callLog.firstError(), callLog.firstErrorOrNull());
            }
            if (result != LibRtmp.NRTMP_CONNECT_OK) {
                throw failure("connect to");
            }
            everConnected = true;
        } finally {
            exit(previous);
        }
    }

    /**
     * Limits how long the TCP connect may take, per {@link #connect()} (all addresses tried
     * together). librtmp itself sets no such limit: its {@code connect()} blocks until the
     * system gives up (minutes, for an address that never answers). Null or zero: no limit, as
     * librtmp. Connects through a SOCKS proxy ({@code socks} option) go through librtmp's own
     * path and are not limited.
     */
    public void setConnectTimeout(Duration timeout) {
        long millis = timeout == null ? 0 : timeout.toMillis();
        if (millis < 0 || millis > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("connect timeout out of range: " + timeout);
        }
        begin();
        try {
            connectTimeoutMillis = (int) millis;
        } finally {
            end();
        }
    }

    /**
     * Sends every step of the next connects, and librtmp's log lines (at least DEBUG while a
     * hook is set), to {@code hook}; null turns it off. Off, the data path does no extra work.
     */
    public void setDebugHook(DebugHook hook) {
        begin();
        try {
            synchronized (lifecycle) {
                resources.requireDebugLogging(hook != null);
                debugHook = hook;
                hookFailureReported = false;
            }
        } finally {
            end();
        }
    }

    /**
     * {@code RTMP_ConnectStream}: createStream and publish or play, waiting until the server
     * starts the stream. The shim runs librtmp's own loop ({@code RTMP_ReadPacket} +
     * {@code RTMP_ClientPacket}) and also ends it at an {@code onStatus} or {@code _error} whose
     * level is {@code error}, which librtmp would ignore until the receive timeout (e.g. nginx's
     * {@code NetStream.Publish.BadName}). Sets the send timeout on the socket first.
     *
     * @param seekMillis where play starts, in milliseconds (0 for the start or live)
     * @throws RtmpStatusException at once when the server answers with an error status,
     *         carrying its code and description
     */
    public void connectStream(int seekMillis) throws RtmpException {
        LogTarget previous = enter();
        try {
            requireConnected("connectStream");
            applySendTimeout();
            byte[] code = new byte[STATUS_TEXT_MAX];
            byte[] description = new byte[STATUS_TEXT_MAX];
            int rc = LibRtmp.nrtmp_connect_stream(handle(), seekMillis, code, code.length, description,
                    description.length);
            if (rc == LibRtmp.NRTMP_STREAM_ERROR_STATUS) {
                throw statusFailure(code, description);
            }
            if (rc == 0) {
                throw failure("connectStream on");
            }
        } finally {
            exit(previous);
        }
    }

    /**
     * {@code RTMP_Write}: sends whole FLV tags (optionally after the 13-byte FLV header), each
     * followed by its 4-byte previous-tag-size (the last one may omit it).
     *
     * @throws IllegalArgumentException when the slice does not end on a tag boundary: librtmp
     *         reads past the buffer then, so nothing is sent
     */
    public void write(byte[] flv, int off, int len) throws RtmpException {
        Objects.requireNonNull(flv, "flv");
        int tags = FlvTagBoundaries.countWholeTags(flv, off, len);
        // Header only: nothing to send, and RTMP_Write would read past the buffer.
        sendWholeTags(flv, off, len, tags > 0);
    }

    /**
     * {@code RTMP_Read}: the next bytes of the played stream as FLV (the header first).
     *
     * @return how many bytes were read, or -1 at the end of the stream: the server sent
     *         Play.Complete or Play.Stop (or UnpublishNotify for a live stream), or closed the
     *         connection between messages without an error
     * @throws RtmpException when the connection broke mid-message, or nothing arrived within
     *         the receive timeout: librtmp reports those as an end too, which would pass a
     *         truncated stream off as a whole one
     */
    public int read(byte[] buf, int off, int len) throws RtmpException {
        Objects.checkFromIndexSize(off, len, buf.length);
        if (len == 0) {
            return 0;
        }
        LogTarget previous = enter();
        try {
            requireUrl("read");
            if (LibRtmp.RTMP_IsConnected(handle()) == 0
                    && LibRtmp.nrtmp_read_status(handle()) == LibRtmp.RTMP_READ_COMPLETE) {
                return -1; // librtmp closed the connection itself at Play.Complete or Play.Stop
            }
            requireConnected("read");
            Memory mem = resources.scratch(len);
            int n = LibRtmp.RTMP_Read(handle(), mem, len);
            if (n < 0 || (n == 0 && closed)) {
                throw failure("read from");
            }
            if (n == 0) {
                return endOfStream();
            }
            mem.read(0, buf, off, n);
            return n;
        } finally {
            exit(previous);
        }
    }

    /**
     * RTMP_Read returned 0. librtmp reports both a clean end (Play.Complete or Play.Stop:
     * RTMP_READ_COMPLETE) and a broken connection (a reset, a truncated packet, the receive
     * timeout: RTMP_READ_EOF) this way; only the first is an end of stream.
     */
    private int endOfStream() throws RtmpException {
        if (LibRtmp.nrtmp_read_status(handle()) == LibRtmp.RTMP_READ_COMPLETE) {
            return -1;
        }
        if (callLog.firstError != null || LibRtmp.RTMP_IsTimedout(handle()) != 0) {
            throw failure("read from", "the stream ended without Play.Complete or Play.Stop");
        }
        return -1;
    }

    /** {@code RTMP_IsConnected}. Does not wait for a call running on another thread. */
    public boolean isConnected() {
        begin();
        try {
            return LibRtmp.RTMP_IsConnected(resources.handle()) != 0;
        } finally {
            end();
        }
    }

    /**
     * {@code RTMP_Close} + {@code RTMP_Free}. Idempotent; any other call afterwards throws
     * {@link IllegalStateException}. From another thread while a call runs, it wakes that call
     * (which then fails with {@link RtmpException}) and the memory is freed when it returns.
     */
    @Override
    public void close() {
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            closed = true;
            resources.closedByOwner();
            if (callsInFlight > 0) {
                LibRtmp.nrtmp_interrupt(resources.handle());
                return;
            }
        }
        cleanable.clean();
    }

    // ---- streams, options and play control ------------------------------------------------

    /** Room for a status code or description from the server (longer ones are truncated). */
    private static final int STATUS_TEXT_MAX = 512;
    private static final Pattern SEND_ERROR =
            Pattern.compile("RTMP send error (\\d+)");
    /** errno values of a send() that timed out: EAGAIN/EWOULDBLOCK (Linux 11, BSD 35), WSAETIMEDOUT. */
    private static final Set<Integer> SEND_TIMED_OUT = Set.of(11, 35, 10060);

    /** The send timeout asked for; null: the same as librtmp's receive timeout. */
    private volatile Duration sendTimeout;
    /** What SO_SNDTIMEO was set to, in milliseconds; -1 before it was set. */
    private int appliedSendTimeoutMillis = -1;
    private boolean liveSet;

    /**
     * An {@link java.io.OutputStream} that publishes an FLV byte stream written in slices of any
     * size, with or without the FLV header: librtmp only ever sees whole tags, one
     * {@code RTMP_Write} per tag and its previous-tag-size. Malformed input is an
     * {@link java.io.IOException} naming the byte offset, and none of it reaches librtmp. Closing
     * the stream sends a last tag written without its previous-tag-size and does not close this
     * connection. Use it after {@link #enableWrite()}, {@link #connect()} and
     * {@link #connectStream(int)}.
     */
    public RtmpOutputStream outputStream() {
        ensureNotClosed();
        return new RtmpOutputStream(this);
    }

    /**
     * An {@link java.io.InputStream} over {@code RTMP_Read}: the played stream as FLV, header
     * first; -1 at the end of the stream. Closing it does not close this connection.
     */
    public RtmpInputStream inputStream() {
        ensureNotClosed();
        return new RtmpInputStream(this);
    }

    /**
     * Option {@code live}: the stream is live, so play asks for a live stream (start -1000) and
     * no seeking or resuming is possible; with it librtmp also sends FCSubscribe for the
     * playpath. librtmp's default: not live. librtmp can set this flag but never clear it, so
     * {@code false} after {@code true} is refused.
     */
    public void setLive(boolean live) {
        if (live) {
            typedOption("live", "1");
            liveSet = true;
        } else if (liveSet) {
            throw new IllegalStateException("librtmp cannot clear the live flag once it is set");
        }
    }

    /**
     * Option {@code buffer}: the buffer time play asks the server for (User Control
     * SetBufferLength), whole milliseconds. librtmp's default: 30000 ms.
     */
    public void setBuffer(Duration buffer) {
        typedOption("buffer", Integer.toString(millisInt("buffer", buffer)));
    }

    /**
     * Option {@code timeout}: librtmp's receive timeout ({@code SO_RCVTIMEO}, set at connect),
     * in whole seconds, rounded up; zero means none. Unless {@link #setSendTimeout} says
     * otherwise it is also the send timeout. librtmp's default: 30 s (RTMP_Init; librtmp(3)
     * says 120, the code says 30).
     */
    public void setReceiveTimeout(Duration timeout) {
        long ms = nonNegativeMillis("receive timeout", timeout);
        long seconds = (ms + 999) / 1000;
        if (seconds > Integer.MAX_VALUE / 1000) {
            throw new IllegalArgumentException("receive timeout too large: " + timeout);
        }
        typedOption("timeout", Long.toString(seconds));
    }

    /**
     * The send timeout ({@code SO_SNDTIMEO}, which librtmp never sets, so a server that stops
     * reading would block {@code RTMP_Write} forever). Applied to the socket after the connect
     * (at {@link #connectStream(int)}, or at once when already connected); zero means none.
     * Default: the receive timeout. A write that cannot send for this long fails with an
     * {@link RtmpException} saying the server stopped reading. One {@code send()} waits at most
     * this long, and librtmp calls {@code send()} again after a partial one, so a stalled write
     * ends after at most twice this time (the connection is then closed: librtmp closes it after
     * a failed send, and the messages its close would send are not waited for).
     */
    public void setSendTimeout(Duration timeout) throws RtmpException {
        long ms = nonNegativeMillis("send timeout", timeout);
        if (ms > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("send timeout too large: " + timeout);
        }
        LogTarget previous = enter();
        try {
            sendTimeout = timeout;
            if (LibRtmp.RTMP_IsConnected(handle()) != 0) {
                applySendTimeout();
            }
        } finally {
            exit(previous);
        }
    }

    /**
     * Option {@code app}: the application name sent in connect, instead of the one parsed from
     * the URL. Default: from the URL. Call after {@link #setupUrl(String)}, which overwrites it.
     */
    public void setApp(String app) {
        requireUrlForOverride("app");
        typedOption("app", app);
    }

    /**
     * Option {@code playpath}: the stream name played or published, instead of the one parsed
     * from the URL. Default: from the URL. Call after {@link #setupUrl(String)}, which
     * overwrites it.
     */
    public void setPlaypath(String playpath) {
        requireUrlForOverride("playpath");
        typedOption("playpath", playpath);
    }

    /** Option {@code tcUrl}: the target URL sent in connect. Default: {@code rtmp://host[:port]/app}. */
    public void setTcUrl(String tcUrl) {
        typedOption("tcUrl", tcUrl);
    }

    /** Option {@code pageUrl}: the web page the media is embedded in. Default: none sent. */
    public void setPageUrl(String pageUrl) {
        typedOption("pageUrl", pageUrl);
    }

    /** Option {@code swfUrl}: the URL of the SWF player. Default: none sent. */
    public void setSwfUrl(String swfUrl) {
        typedOption("swfUrl", swfUrl);
    }

    /**
     * Option {@code flashver}: the Flash version string sent in connect. Default: none sent.
     * librtmp's {@code LNX 10,0,32,18} (which rtmpdump sends) is applied only by
     * {@code RTMP_SetupStream}, not by {@code RTMP_SetupURL}, which this class uses.
     */
    public void setFlashVer(String flashVer) {
        typedOption("flashver", flashVer);
    }

    /**
     * Option {@code conn}: appends one AMF item to the connect command, in librtmp's syntax:
     * {@code B:1}, {@code N:1.5}, {@code S:text}, {@code Z:} (null), {@code O:1} / {@code O:0}
     * (begin / end an object), named inside an object with an N prefix: {@code NS:name:text}.
     * Each call appends one item. Default: nothing appended.
     *
     * @throws IllegalArgumentException when librtmp cannot parse the item
     */
    public void addConn(String amfItem) {
        typedOption("conn", amfItem);
    }

    /** Option {@code token}: the key for a SecureToken challenge from the server. Default: none. */
    public void setToken(String token) {
        typedOption("token", token);
    }

    /**
     * Option {@code start}: where play starts, in milliseconds (librtmp(3) says seconds; rtmp.c
     * sends it as milliseconds). Ignored for live streams. Default: 0.
     */
    public void setStart(long millis) {
        typedOption("start", Integer.toString(intMillis("start", millis)));
    }

    /**
     * Option {@code stop}: where play stops, in milliseconds; librtmp sends {@code stop - start}
     * as the play command's duration, and the server ends the stream there (a live stream is
     * not cut by every server). Default: 0, play to the end.
     */
    public void setStop(long millis) {
        typedOption("stop", Integer.toString(intMillis("stop", millis)));
    }

    /** Option {@code subscribe}: the live stream to FCSubscribe to. Default: the playpath (when live). */
    public void setSubscribe(String streamName) {
        typedOption("subscribe", streamName);
    }

    /**
     * Options {@code pubUser} and {@code pubPasswd}: credentials for publisher authentication
     * (Adobe or Limelight challenge after a rejected connect). This snapshot's option table has
     * both, but the authentication itself (PublisherAuth in rtmp.c) only exists when librtmp is
     * built with crypto: the default build ({@code NO_CRYPTO}) would accept and silently ignore
     * them, so there it is refused. Default: none.
     *
     * @throws UnsupportedOperationException in a build without crypto (see {@link #supportsPublisherAuth()})
     */
    public void setPublisherCredentials(String user, String password) {
        if (!supportsPublisherAuth()) {
            throw new UnsupportedOperationException("publisher authentication (pubUser/pubPasswd) is compiled out of"
                    + " this librtmp (built with NO_CRYPTO): build with -DNRTMP_TLS=ON, or pass credentials the"
                    + " server accepts in the URL's stream name");
        }
        typedOption("pubUser", user);
        typedOption("pubPasswd", password);
    }

    /** True when this librtmp was built with crypto, so that pubUser/pubPasswd have an effect. */
    public static boolean supportsPublisherAuth() {
        return LibRtmp.nrtmp_has_publisher_auth() != 0;
    }

    /**
     * Option {@code socks}: connect through this SOCKS4 proxy, {@code host[:port]} (port 1080 by
     * default). Default: none. librtmp reads it in {@code RTMP_SetupURL}, so call it before
     * {@link #setupUrl(String)}.
     */
    public void setSocks(String hostAndPort) {
        if (url != null) {
            throw new IllegalStateException("socks must be set before setupUrl: librtmp reads it there");
        }
        typedOption("socks", hostAndPort);
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
        LogTarget previous = enter();
        try {
            requireConnected("setOutChunkSize");
            if (LibRtmp.nrtmp_set_out_chunk_size(handle(), size) == 0) {
                throw writeFailure("setOutChunkSize on");
            }
        } finally {
            exit(previous);
        }
    }

    /** librtmp's outgoing chunk size ({@code m_outChunkSize}): 128 unless {@link #setOutChunkSize} changed it. */
    public int outChunkSize() {
        begin();
        try {
            return LibRtmp.nrtmp_out_chunk_size(resources.handle());
        } finally {
            end();
        }
    }

    /** {@code RTMP_Pause}: pauses play (at the last media timestamp received) or resumes it. */
    public void pause(boolean pause) throws RtmpException {
        LogTarget previous = enter();
        try {
            requireConnected("pause");
            if (LibRtmp.RTMP_Pause(handle(), pause ? 1 : 0) == 0) {
                throw failure(pause ? "pause on" : "resume on");
            }
        } finally {
            exit(previous);
        }
    }

    /**
     * {@code RTMP_SendSeek}: asks the server to continue play at {@code millis}; librtmp drops
     * what it has buffered and resumes {@code RTMP_Read} with the new position.
     */
    public void seek(long millis) throws RtmpException {
        int ms = intMillis("seek", millis);
        LogTarget previous = enter();
        try {
            requireConnected("seek");
            if (LibRtmp.RTMP_SendSeek(handle(), ms) == 0) {
                throw failure("seek on");
            }
        } finally {
            exit(previous);
        }
    }

    /**
     * {@code RTMP_GetDuration}: the duration the played stream's onMetaData announced, or zero
     * when none came (yet: it arrives with the first reads).
     */
    public Duration duration() {
        begin();
        try {
            double seconds = LibRtmp.RTMP_GetDuration(resources.handle());
            return seconds > 0 ? Duration.ofNanos((long) (seconds * 1e9)) : Duration.ZERO;
        } finally {
            end();
        }
    }

    /**
     * Ends a publish so that the server has read everything: sends what {@link #close()} would
     * (FCUnpublish, deleteStream), shuts down the sending side of the connection, waits up to
     * {@code linger} for the server to close its side (reading and discarding what it sends),
     * then closes this instance. A plain {@code close()} may leave the server's messages unread
     * in the receive buffer, and closing such a socket sends a TCP reset, on which a server can
     * lose the tail it had not read yet (ffmpeg does).
     *
     * @return true when the server closed its side within {@code linger}
     */
    public boolean closeGracefully(Duration linger) {
        long ms = nonNegativeMillis("linger", linger);
        int rc = -1;
        synchronized (lifecycle) {
            if (closed) {
                return false;
            }
        }
        LogTarget previous = enter();
        try {
            if (LibRtmp.RTMP_IsConnected(handle()) != 0) {
                rc = LibRtmp.nrtmp_finish_publish(handle(), (int) Math.min(ms, Integer.MAX_VALUE));
            }
        } finally {
            exit(previous);
        }
        close();
        return rc == 1;
    }

    /** One whole tag and its previous-tag-size, already checked by the FLV framer. */
    void writeWholeTag(byte[] tag, int off, int len) throws RtmpException {
        sendWholeTags(tag, off, len, true);
    }

    /** One RTMP_Write of bytes already known to be whole tags (or a header alone: nothing sent). */
    private void sendWholeTags(byte[] b, int off, int len, boolean anyTag) throws RtmpException {
        LogTarget previous = enter();
        try {
            requireConnected("write");
            if (!anyTag) {
                return;
            }
            Memory buf = resources.scratch(len);
            buf.write(0, b, off, len);
            if (LibRtmp.RTMP_Write(handle(), buf, len) <= 0) {
                throw writeFailure("write to");
            }
        } finally {
            exit(previous);
        }
    }

    /**
     * Sees each librtmp error line as it is logged, on the calling thread, inside librtmp. After
     * a send timed out, librtmp's WriteN calls RTMP_Close, which sends FCUnpublish and
     * deleteStream into the same stalled socket, each waiting the send timeout again: shutting
     * the socket down here makes those fail at once.
     */
    private void onLibrtmpError(String text) {
        if (sendTimedOut(text)) {
            LibRtmp.nrtmp_interrupt(resources.handle());
        }
    }

    private static boolean sendTimedOut(String librtmpError) {
        Matcher m = librtmpError == null ? null : SEND_ERROR.matcher(librtmpError);
        return m != null && m.find() && SEND_TIMED_OUT.contains(Integer.parseInt(m.group(1)));
    }

    /** The stream setup answered with an error status: its code and description. */
    private RtmpException statusFailure(byte[] code, byte[] description) {
        String c = cString(code);
        String d = cString(description);
        return new RtmpStatusException("connectStream on " + url + " failed: the server answered " + c
                + (d.isEmpty() ? "" : ": " + d), c, d, callLog.firstErrorOrNull());
    }

    /** A send that failed: says so when it timed out because the server stopped reading. */
    private RtmpException writeFailure(String what) {
        String reason = callLog.firstErrorOrNull();
        if (!closed && sendTimedOut(reason)) {
            String after = appliedSendTimeoutMillis > 0 ? " for " + appliedSendTimeoutMillis + " ms" : "";
            return new RtmpException(what + " " + url + " failed: the server stopped reading (nothing could be sent"
                    + after + ", the send timeout); librtmp: " + reason, reason);
        }
        return failure(what);
    }

    /** SO_SNDTIMEO from {@link #sendTimeout}, or librtmp's receive timeout. Caller holds the call lock. */
    private void applySendTimeout() throws RtmpException {
        Duration t = sendTimeout;
        int applied = LibRtmp.nrtmp_set_send_timeout(handle(), t == null ? -1 : (int) t.toMillis());
        if (applied == -2) {
            throw new RtmpException("setting the send timeout (SO_SNDTIMEO) on " + url + " failed");
        }
        appliedSendTimeoutMillis = applied;
    }

    private void typedOption(String key, String value) {
        if (value == null) {
            throw new IllegalArgumentException("value of option '" + key + "' is null");
        }
        if (everConnected) {
            throw new IllegalStateException("option " + key + " must be set before connect()");
        }
        setOption(key, value);
    }

    private void requireUrlForOverride(String key) {
        if (url == null) {
            throw new IllegalStateException(key + " must be set after setupUrl, which sets it from the URL");
        }
    }

    private void ensureNotClosed() {
        synchronized (lifecycle) {
            if (closed) {
                throw new IllegalStateException(this + " is closed");
            }
        }
    }

    private static long nonNegativeMillis(String what, Duration d) {
        Objects.requireNonNull(d, what);
        if (d.isNegative()) {
            throw new IllegalArgumentException(what + " must not be negative: " + d);
        }
        return d.toMillis();
    }

    private static int millisInt(String what, Duration d) {
        return intMillis(what, nonNegativeMillis(what, d));
    }

    private static int intMillis(String what, long millis) {
        if (millis < 0 || millis > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(what + " must be 0 to " + Integer.MAX_VALUE + " ms, not " + millis);
        }
        return (int) millis;
    }

    private static String cString(byte[] b) {
        int n = 0;
        while (n < b.length && b[n] != 0) {
            n++;
        }
        return new String(b, 0, n, java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        String u = url;
        return "NativeRtmp#" + id + (u == null ? "" : " " + u);
    }

    // ---- call discipline -------------------------------------------------------------------

    private RtmpHandle handle() {
        return resources.handle();
    }

    /** Counts a call in, or refuses it after close(). */
    private void begin() {
        synchronized (lifecycle) {
            if (closed) {
                throw new IllegalStateException(this + " is closed");
            }
            callsInFlight++;
        }
    }

    private void end() {
        boolean free;
        synchronized (lifecycle) {
            free = --callsInFlight == 0 && closed;
        }
        if (free) {
            cleanable.clean();
        }
        Reference.reachabilityFence(this);
    }

    /** begin(), then the call lock, then this instance owns librtmp's log lines on this thread. */
    private LogTarget enter() {
        begin();
        callLock.lock();
        if (closed) {
            callLock.unlock();
            end();
            throw new IllegalStateException(this + " was closed while this call waited");
        }
        callLog.clear();
        return LogBridge.enter(callLog);
    }

    private void exit(LogTarget previous) {
        LogBridge.exit(previous);
        callLock.unlock();
        end();
    }

    private static int utf8Length(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    /** Hands an event to the hook; a hook that throws is reported once and never breaks the call. */
    private void deliver(TraceEvent event) {
        DebugHook hook = debugHook;
        if (hook == null) {
            return;
        }
        try {
            hook.onEvent(event);
        } catch (Throwable t) {
            if (!hookFailureReported) {
                hookFailureReported = true;
                LOGGER.log(System.Logger.Level.WARNING, "debug hook " + hook + " of " + this
                        + " threw; the call goes on, and further failures of this hook are not reported", t);
            }
        }
    }

    /**
     * An instance connects once. When a connect fails, or librtmp closes a connection itself (a
     * send error, a failed stream), RTMP_Close frees the playpath and any tcUrl it allocated while
     * the link still points at them: a second connect would send freed memory, or crash.
     */
    private void requireFirstConnect(String operation) {
        if (connectAttempted) {
            throw new IllegalStateException(operation + " after connect() on " + this
                    + ": a NativeRtmp connects once; create a new one to connect again");
        }
    }

    private void requireUrl(String operation) {
        if (url == null) {
            throw new IllegalStateException(operation + "(): no URL set, call setupUrl first");
        }
    }

    private void requireConnected(String operation) throws RtmpException {
        requireUrl(operation);
        if (LibRtmp.RTMP_IsConnected(handle()) == 0) {
            throw new RtmpException(operation + "() on " + url + ": not connected"
                    + (everConnected ? " (the connection was closed or lost)" : " (call connect first)"));
        }
    }

    private RtmpException failure(String what) {
        return failure(what, null);
    }

    /** What failed, on which URL, and why: librtmp's first error line, or what else is known. */
    private RtmpException failure(String what, String context) {
        if (closed) {
            return new RtmpException(what + " " + url + " interrupted: closed by close() from another thread",
                    callLog.firstErrorOrNull());
        }
        String reason = callLog.firstErrorOrNull();
        if (reason == null && LibRtmp.RTMP_IsTimedout(handle()) != 0) {
            reason = "timed out waiting for the server (receive timeout)";
        }
        return new RtmpException(what + " " + url + " failed: " + (context == null ? "" : context + ": ")
                + (reason == null ? "librtmp gave no reason" : reason), callLog.firstErrorOrNull());
    }

    /** The shim's NRTMP_TRACE_* numbers, by index. */
    private static final TraceEvent.Kind[] TRACE_KINDS = {
        TraceEvent.Kind.LOG, TraceEvent.Kind.RESOLVE, TraceEvent.Kind.ADDRINFO, TraceEvent.Kind.SOCKET,
        TraceEvent.Kind.LINK, TraceEvent.Kind.PROTOCOL,
    };

    /** librtmp's log lines during the current call, kept for error messages and the hook. */
    private final class CallLog implements LogTarget {
        private final StringBuilder errors = new StringBuilder();
        private String firstError;
        private String lastWarning;

        void clear() {
            errors.setLength(0);
            firstError = null;
            lastWarning = null;
        }

        String firstErrorOrNull() {
            return firstError != null ? firstError : lastWarning;
        }

        String firstError() {
            String e = firstErrorOrNull();
            return e == null ? "librtmp gave no reason" : e;
        }

        /** All error lines of the call, or the last warning. */
        String reason() {
            return errors.length() > 0 ? errors.toString() : firstError();
        }

        @Override
        public String label() {
            return NativeRtmp.this.toString();
        }

        @Override
        public void onLibrtmpLog(int level, String text) {
            if (level <= LibRtmp.RTMP_LOGERROR) {
                onLibrtmpError(text);
                if (firstError == null) {
                    firstError = text;
                }
                if (errors.length() > 0) {
                    errors.append("; ");
                }
                errors.append(text);
            } else if (level == LibRtmp.RTMP_LOGWARNING) {
                lastWarning = text;
            }
            deliver(TraceEvent.logLine(level, text));
        }

        @Override
        public void onTraceStep(int kind, String key, String value, String address, byte[] bytes) {
            if (debugHook == null) {
                return;
            }
            String shown = value != null ? value : TraceEvent.cString(bytes == null ? new byte[0] : bytes);
            deliver(TraceEvent.step(TRACE_KINDS[kind], key, shown, address));
        }
    }
}
