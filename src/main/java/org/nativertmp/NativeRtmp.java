package org.nativertmp;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.lang.ref.Cleaner;
import java.lang.ref.Reference;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
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
    /** librtmp's port when the URL names none (RTMP_SetupURL). */
    private static final int DEFAULT_PORT = 1935;

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
     * native copy lives as long as this instance.
     *
     * @throws IllegalArgumentException when the URL is null, empty, has no {@code ://}, an
     *         unknown scheme (librtmp would only warn), no host, a bad port, or librtmp refuses it
     */
    public void setupUrl(String url) {
        RtmpUrlCheck.Authority authority = RtmpUrlCheck.check(url);
        LogTarget previous = enter();
        try {
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
                LibRtmp.nrtmp_set_host(handle(), urlCopy.share(start), length,
                        authority.port() > 0 ? authority.port() : DEFAULT_PORT);
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
     * @throws IllegalStateException before {@link #setupUrl(String)} or after {@link #close()}
     */
    public void connect() throws RtmpException {
        LogTarget previous = enter();
        try {
            requireUrl("connect");
            LogBridge.refreshLevel();
            int result = LibRtmp.nrtmp_connect(handle(), connectTimeoutMillis, debugHook != null ? 1 : 0);
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
                if ((debugHook == null) != (hook == null)) {
                    LogBridge.requireDebug(hook != null);
                }
                debugHook = hook;
                hookFailureReported = false;
            }
        } finally {
            end();
        }
    }

    /**
     * {@code RTMP_ConnectStream}: createStream and publish or play, waiting until the server
     * starts the stream.
     *
     * @param seekMillis where play starts, in milliseconds (0 for the start or live)
     */
    public void connectStream(int seekMillis) throws RtmpException {
        LogTarget previous = enter();
        try {
            requireConnected("connectStream");
            if (LibRtmp.RTMP_ConnectStream(handle(), seekMillis) == 0) {
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
        LogTarget previous = enter();
        try {
            requireConnected("write");
            if (tags == 0) {
                return; // header only: RTMP_Write would read past the buffer
            }
            Memory buf = resources.scratch(len);
            buf.write(0, flv, off, len);
            int written = LibRtmp.RTMP_Write(handle(), buf, len);
            if (written <= 0) {
                throw failure("write to");
            }
        } finally {
            exit(previous);
        }
    }

    /**
     * {@code RTMP_Read}: the next bytes of the played stream as FLV (the header first).
     *
     * @return how many bytes were read, or -1 at the end of the stream
     */
    public int read(byte[] buf, int off, int len) throws RtmpException {
        Objects.checkFromIndexSize(off, len, buf.length);
        if (len == 0) {
            return 0;
        }
        LogTarget previous = enter();
        try {
            requireConnected("read");
            Memory mem = resources.scratch(len);
            int n = LibRtmp.RTMP_Read(handle(), mem, len);
            if (n < 0 || (n == 0 && closed)) {
                throw failure("read from");
            }
            if (n == 0) {
                return -1; // RTMP_READ_EOF or RTMP_READ_COMPLETE
            }
            mem.read(0, buf, off, n);
            return n;
        } finally {
            exit(previous);
        }
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
            if (debugHook != null) {
                LogBridge.requireDebug(false);
            }
            if (callsInFlight > 0) {
                LibRtmp.nrtmp_interrupt(resources.handle());
                return;
            }
        }
        cleanable.clean();
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
        if (closed) {
            return new RtmpException(what + " " + url + " interrupted: closed by close() from another thread",
                    callLog.firstErrorOrNull());
        }
        String reason = callLog.firstErrorOrNull();
        if (reason == null && LibRtmp.RTMP_IsTimedout(handle()) != 0) {
            reason = "timed out waiting for the server (receive timeout)";
        }
        return new RtmpException(what + " " + url + " failed: " + (reason == null ? "librtmp gave no reason" : reason),
                callLog.firstErrorOrNull());
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
