package org.nativertmp.internal;

/** Who receives librtmp's log lines produced while its call runs on the current thread. */
public interface LogTarget {
    /** A short name for log records, e.g. {@code NativeRtmp#3 rtmp://host/app/stream}. */
    String label();

    /** One librtmp log line; must not throw. */
    void onLibrtmpLog(int level, String text);
}
