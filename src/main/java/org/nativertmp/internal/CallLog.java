package org.nativertmp.internal;

/**
 * librtmp's log lines and trace steps during one call on one connection: its error lines are kept
 * for the exception, and everything goes to the connection's {@link TraceListener}, if any.
 */
final class CallLog {
    private final StringBuilder errors = new StringBuilder();
    private final RtmpPeer peer;
    private String firstError;
    private String lastWarning;

    CallLog(RtmpPeer peer) {
        this.peer = peer;
    }

    void clear() {
        errors.setLength(0);
        firstError = null;
        lastWarning = null;
    }

    /** librtmp's first error line of the call, else its last warning, else null. */
    String firstErrorOrNull() {
        return firstError != null ? firstError : lastWarning;
    }

    /** All error lines of the call, or the last warning, or a note that there was none. */
    String reason() {
        if (errors.length() > 0) {
            return errors.toString();
        }
        return lastWarning != null ? lastWarning : "librtmp gave no reason";
    }

    /** A short name for log records, e.g. {@code NativeRtmp#3 rtmp://host/app/stream}. */
    String label() {
        return peer.toString();
    }

    /** One librtmp log line; never throws. */
    void onLibrtmpLog(int level, String text) {
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
