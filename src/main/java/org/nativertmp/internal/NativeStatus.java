package org.nativertmp.internal;

import org.nativertmp.RtmpException;
import org.nativertmp.RtmpStatusException;

/**
 * The shim's {@code enum nrtmp_status} (native/shim/nativertmp.h), in its order: the constant at
 * index {@code n} is the C value {@code n}, and its name is what {@code nrtmp_status_name(n)}
 * returns (a test checks both). {@link #failure} is the one place where a status becomes an
 * exception.
 */
enum NativeStatus {
    OK, FAILED, REFUSED, NOT_CONNECTED, INTERRUPTED, CONNECT_TIMED_OUT, RECEIVE_TIMED_OUT,
    SEND_TIMED_OUT, ERROR_STATUS, END_OF_STREAM, STREAM_BROKEN, LINGER_EXPIRED, SYSTEM_ERROR, NO_MEMORY;

    private static final NativeStatus[] BY_CODE = values();

    static NativeStatus of(int code) {
        if (code < 0 || code >= BY_CODE.length) {
            throw new IllegalStateException("the native library returned an unknown status " + code);
        }
        return BY_CODE[code];
    }

    /** librtmp refused an argument ({@link #REFUSED}): what it was, with librtmp's reason. */
    static IllegalArgumentException refused(String what, String librtmpReason) {
        return new IllegalArgumentException(what + ": " + librtmpReason);
    }

    /**
     * What failed and why, for a call that came to this status. {@code what} names the operation
     * with its preposition ({@code "connect to"}, {@code "write to"}), {@code failed} carries the
     * call's URL, librtmp's first error line and the settings a message quotes.
     */
    RtmpException failure(String what, CallOutcome failed) {
        String url = failed.url();
        String librtmp = failed.librtmpError();
        String because = librtmp != null ? librtmp : "librtmp gave no reason";
        switch (this) {
            case INTERRUPTED:
                return new RtmpException(what + " " + url + " interrupted: closed by close() from another thread", librtmp);
            case NOT_CONNECTED:
                return new RtmpException(what + " " + url + ": not connected"
                        + (failed.everConnected() ? " (the connection was closed or lost)" : " (call connect first)"), librtmp);
            case CONNECT_TIMED_OUT:
                return new RtmpException(what + " " + url + " timed out after " + failed.connectTimeoutMillis()
                        + " ms (connect timeout): " + because, librtmp);
            case RECEIVE_TIMED_OUT:
                return new RtmpException(what + " " + url + " failed: timed out waiting for the server (receive timeout)"
                        + (librtmp != null ? "; librtmp: " + librtmp : ""), librtmp);
            case SEND_TIMED_OUT:
                String after = failed.sendTimeoutMillis() > 0 ? " for " + failed.sendTimeoutMillis() + " ms" : "";
                return new RtmpException(what + " " + url + " failed: the server stopped reading (nothing could be sent"
                        + after + ", the send timeout); librtmp: " + because, librtmp);
            case ERROR_STATUS:
                String d = failed.statusDescription();
                return new RtmpStatusException(what + " " + url + " failed: the server answered " + failed.statusCode()
                        + (d.isEmpty() ? "" : ": " + d), failed.statusCode(), d, librtmp);
            case STREAM_BROKEN:
                return new RtmpException(what + " " + url + " failed: the stream ended without Play.Complete or Play.Stop: "
                        + because, librtmp);
            case SYSTEM_ERROR:
                return new RtmpException(what + " " + url + " failed: a system call failed; " + because, librtmp);
            case NO_MEMORY:
                return new RtmpException(what + " " + url + " failed: out of native memory", librtmp);
            case REFUSED:
            case FAILED:
                return new RtmpException(what + " " + url + " failed: " + because, librtmp);
            default:
                throw new IllegalStateException(this + " is not a failure of " + what + " " + url);
        }
    }
}
