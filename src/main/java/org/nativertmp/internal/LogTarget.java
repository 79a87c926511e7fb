package org.nativertmp.internal;

/** Who receives librtmp's log lines and trace steps produced while its call runs on this thread. */
public interface LogTarget {
    /** A short name for log records, e.g. {@code NativeRtmp#3 rtmp://host/app/stream}. */
    String label();

    /** One librtmp log line; must not throw. */
    void onLibrtmpLog(int level, String text);

    /**
     * One step of a traced connect (kinds: the shim's NRTMP_TRACE_* numbers); {@code value} is
     * null when {@code bytes} carries it. Must not throw.
     */
    void onTraceStep(int kind, String key, String value, String address, byte[] bytes);
}
