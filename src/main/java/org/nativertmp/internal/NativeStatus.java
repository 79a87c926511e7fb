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
    OK, FAILED, REFUSED, NOT_CONNECTED, INTERRUPTED, CONNECT_TIMED_OUT, SETUP_TIMED_OUT, MEDIA_TIMED_OUT,
    RECEIVE_TIMED_OUT, SEND_TIMED_OUT, ERROR_STATUS, END_OF_STREAM, STREAM_BROKEN, LINGER_EXPIRED, SYSTEM_ERROR, NO_MEMORY;

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
                return timedOut(what, failed, failed.deadlines().connectMillis(), "the connect timeout");
            case SETUP_TIMED_OUT:
                return timedOut(what, failed, failed.deadlines().streamSetupMillis(), "the stream setup timeout");
            case MEDIA_TIMED_OUT:
                return timedOut(what, failed, failed.deadlines().mediaMillis(), "the media timeout");
            case RECEIVE_TIMED_OUT:
                return new RtmpException(what + " " + url + " timed out waiting for the server (the receive timeout"
                        + receiveTimeout(failed) + ")" + waitedFor(failed) + (librtmp != null ? "; librtmp: " + librtmp : ""),
                        librtmp);
            case SEND_TIMED_OUT:
                String after = failed.deadlines().sendMillis() > 0 ? " for " + failed.deadlines().sendMillis() + " ms" : "";
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
            case FAILED:
                if (failed.report().step() == CallReport.Step.RTMPT_OPEN && librtmp == null) {
                    return new RtmpException(what + " " + url + " failed: the RTMPT server did not accept the tunnel's"
                            + " open request (no HTTP 200 answer with a body librtmp can read, or the connection"
                            + " closed)", librtmp);
                }
                if (closedBeforeConnectAnswer(failed)) {
                    return new RtmpException(what + " " + url + " failed: the server closed the connection before it"
                            + " answered connect (the application '" + failed.app() + "' may not exist on that server)"
                            + (librtmp != null ? "; librtmp: " + librtmp : ""), librtmp);
                }
                return new RtmpException(what + " " + url + " failed: " + because, librtmp);
            case REFUSED:
                return new RtmpException(what + " " + url + " failed: " + because, librtmp);
            default:
                throw new IllegalStateException(this + " is not a failure of " + what + " " + url);
        }
    }

    /** A deadline passed: which one, after how long, and what the call was waiting for then. */
    private static RtmpException timedOut(String what, CallOutcome failed, int millis, String deadline) {
        return new RtmpException(what + " " + failed.url() + " timed out after " + millis + " ms (" + deadline + "): "
                + failed.report().awaited(failed.publishing()), failed.librtmpError());
    }

    private static String receiveTimeout(CallOutcome failed) {
        int ms = failed.deadlines().receiveMillis();
        return ms > 0 ? " of " + ms + " ms" : "";
    }

    /** What a call that timed out on the receive timeout was waiting for, where the shim knows it. */
    private static String waitedFor(CallOutcome failed) {
        CallReport report = failed.report();
        return switch (report.step()) {
            case HANDSHAKE, RTMPT_OPEN, ANSWER, STREAM_START, SOCKS -> ": " + report.awaited(failed.publishing());
            default -> "";
        };
    }

    /**
     * The connection ended (the server closed it, or librtmp said nothing of why) while connect() waited for the
     * server's answer to the connect command (nginx-rtmp closes at once for an unknown application).
     */
    private static boolean closedBeforeConnectAnswer(CallOutcome failed) {
        CallReport report = failed.report();
        return report.step() == CallReport.Step.ANSWER && report.subject().equals("connect")
                && (failed.peerClosed() || failed.librtmpError() == null);
    }
}
