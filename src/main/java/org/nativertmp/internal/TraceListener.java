package org.nativertmp.internal;

/**
 * Receives what a connection's calls report while a debug hook is set: the steps of a traced
 * connect and librtmp's log lines, on the thread of the call. Implementations must not throw and
 * must not call back into the connection.
 */
public interface TraceListener {
    /**
     * One step of a traced connect. {@code kind} is the shim's {@code enum nrtmp_trace_kind}
     * value ({@code org.nativertmp.TraceEvent.Kind} mirrors it by position); {@code value} is null
     * when {@code bytes} carries it (sa_data).
     */
    void onStep(int kind, String key, String value, String address, byte[] bytes);

    /** One of librtmp's log lines at its level (RTMP_LogLevel). */
    void onLogLine(int level, String text);
}
