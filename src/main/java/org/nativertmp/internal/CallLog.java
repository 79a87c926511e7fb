package org.nativertmp.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * librtmp's log lines and trace steps during one call on one connection: its error lines are kept
 * for the exception, and everything goes to the connection's {@link TraceListener}, if any. Its
 * error and warning lines are held until the call ends: those an exception quoted are said
 * already, the others are {@linkplain #releaseUnquoted released} to the log at their own level.
 */
final class CallLog {
    private final StringBuilder errors = new StringBuilder();
    private final RtmpPeer peer;
    private String firstError;
    private String lastWarning;
    /** The call's error and warning lines, in order. */
    private final List<Line> held = new ArrayList<>();
    /** How many of {@link #held} an exception has quoted. */
    private int quoted;

    private record Line(int level, String text) {
    }

    CallLog(RtmpPeer peer) {
        this.peer = peer;
    }

    void clear() {
        errors.setLength(0);
        firstError = null;
        lastWarning = null;
    }

    /** librtmp's first error line of the call, else its last warning, else null; for an exception to quote. */
    String firstErrorOrNull() {
        quoted = held.size();
        return firstError != null ? firstError : lastWarning;
    }

    /** All error lines of the call, or the last warning, or a note that there was none; for an exception to quote. */
    String reason() {
        quoted = held.size();
        if (errors.length() > 0) {
            return errors.toString();
        }
        return lastWarning != null ? lastWarning : "librtmp gave no reason";
    }

    /** A short name for log records, e.g. {@code NativeRtmp#3 rtmp://host/app/stream}. */
    String label() {
        return peer.toString();
    }

    /**
     * At the end of the call: hands each error and warning line that no exception quoted to
     * {@code sink} (level, text), then forgets them all.
     */
    void releaseUnquoted(BiConsumer<Integer, String> sink) {
        for (int i = quoted; i < held.size(); i++) {
            sink.accept(held.get(i).level(), held.get(i).text());
        }
        held.clear();
        quoted = 0;
    }

    /** One librtmp log line; never throws. */
    void onLibrtmpLog(int level, String text) {
        if (level <= LibRtmp.RTMP_LOGWARNING) {
            held.add(new Line(level, text));
        }
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
        TraceListener listener = peer.traceListener();
        if (listener != null) {
            listener.onLogLine(level, text);
        }
    }

    /** One step of a traced connect; {@code value} is null when {@code bytes} carries it. */
    void onTraceStep(int kind, String key, String value, String address, byte[] bytes) {
        TraceListener listener = peer.traceListener();
        if (listener != null) {
            listener.onStep(kind, key, value, address, bytes);
        }
    }
}
