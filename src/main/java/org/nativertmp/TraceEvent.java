package org.nativertmp;

import java.util.Objects;
import java.util.Optional;

/**
 * One step of a traced connect, or one librtmp log line, as a {@link DebugHook} receives it.
 * {@link #ccqLine()} is the line an instrumented librtmp prints for the same step, e.g.
 * {@code DEBUG: CCQ: addrinfo->ai_family:2}, so runs can be diffed against such logs.
 */
public final class TraceEvent {
    /**
     * What kind of step an event reports. All but {@link #LOG} mirror the shim's
     * {@code enum nrtmp_trace_kind} (native/shim/nativertmp.h) in its order, which a test checks.
     */
    public enum Kind {
        /** The host and port about to be resolved ({@code host->av_val}, {@code hostname}, {@code portNo}). */
        RESOLVE,
        /** One field of a {@code struct addrinfo} that {@code getaddrinfo} returned. */
        ADDRINFO,
        /** A socket the shim opens itself (IPv6, or with a connect timeout), where librtmp cannot. */
        SOCKET,
        /** A field of {@code r->Link} read where {@code RTMP_Connect0} uses it. */
        LINK,
        /** A protocol flag checked at the top of {@code RTMP_Connect1}. */
        PROTOCOL,
        /** One of librtmp's own log lines. */
        LOG
    }

    /** librtmp's log levels (log.h), for {@link #level()}. */
    public static final int LEVEL_CRIT = 0;
    public static final int LEVEL_ERROR = 1;
    public static final int LEVEL_WARNING = 2;
    public static final int LEVEL_INFO = 3;
    public static final int LEVEL_DEBUG = 4;
    public static final int LEVEL_DEBUG2 = 5;

    private static final String[] LEVEL_WORDS = {"CRIT", "ERROR", "WARNING", "INFO", "DEBUG", "DEBUG2"};

    private final Kind kind;
    private final String key;
    private final String value;
    private final String address;
    private final int level;

    private TraceEvent(Kind kind, String key, String value, String address, int level) {
        this.kind = Objects.requireNonNull(kind);
        this.key = Objects.requireNonNull(key);
        this.value = Objects.requireNonNull(value);
        this.address = address;
        this.level = level;
    }

    /** A connect step; its line is {@code DEBUG: CCQ: key:value}. */
    static TraceEvent step(Kind kind, String key, String value, String address) {
        if (kind == Kind.LOG) {
            throw new IllegalArgumentException("a log line is made with logLine()");
        }
        return new TraceEvent(kind, key, value, address, LEVEL_DEBUG);
    }

    /** One of librtmp's log lines at its level; its line is {@code LEVEL: text}. */
    static TraceEvent logLine(int level, String text) {
        return new TraceEvent(Kind.LOG, levelWord(level), text, null, level);
    }

    public Kind kind() {
        return kind;
    }

    /** A stable key: {@code addrinfo->ai_family}, {@code portNo}; for a log line its level word. */
    public String key() {
        return key;
    }

    /**
     * The value as the instrumented build prints it: decimal numbers, C strings, {@code (null)}
     * for a NULL pointer; {@code sa_data} up to its first NUL byte with every byte outside
     * printable ASCII as a 3-digit octal escape ({@code K\226\177}). For a log line, its text.
     */
    public String value() {
        return value;
    }

    /** The decoded address of an addrinfo or socket step ({@code 192.168.0.12:1935}, {@code [::1]:1935}). */
    public Optional<String> address() {
        return Optional.ofNullable(address);
    }

    /** librtmp's log level: {@link #LEVEL_DEBUG} for connect steps. */
    public int level() {
        return level;
    }

    /** The line an instrumented librtmp prints for this step. */
    public String ccqLine() {
        return kind == Kind.LOG ? key + ": " + value : "DEBUG: CCQ: " + key + ":" + value;
    }

    @Override
    public String toString() {
        return ccqLine();
    }

    /** librtmp's word for a level, as its default logger prints it. */
    static String levelWord(int level) {
        return level >= 0 && level < LEVEL_WORDS.length ? LEVEL_WORDS[level] : "DEBUG2";
    }

    /**
     * Bytes printed as a C string: up to the first NUL, printable ASCII as is, every other byte
     * as a backslash and three octal digits.
     */
    static String cString(byte[] bytes) {
        StringBuilder s = new StringBuilder();
        for (byte b : bytes) {
            int c = b & 0xFF;
            if (c == 0) {
                break;
            }
            if (c >= 0x20 && c < 0x7F) {
                s.append((char) c);
            } else {
                s.append('\\').append((char) ('0' + (c >> 6))).append((char) ('0' + ((c >> 3) & 7)))
                        .append((char) ('0' + (c & 7)));
            }
        }
        return s.toString();
    }
}
