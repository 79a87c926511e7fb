package org.nativertmp.internal;

import com.sun.jna.Callback;
import com.sun.jna.Pointer;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.function.IntSupplier;

/**
 * Routes librtmp's process-global log to {@link System.Logger} {@value #LOGGER_NAME}, attributed
 * to the connection whose call produced it. librtmp has no threads of its own, so a line belongs to
 * the {@link CallLog} that entered native code on the same thread ({@link #enter}). The sinks only
 * hand text to Java: they never call native code and never throw back into C.
 *
 * <p>What reaches the logger above DEBUG is what no exception says: an error or warning line that
 * the call's exception quotes is logged at DEBUG only, and the others at their own level when the
 * call ends ({@link #exit}). librtmp's INFO lines (the metadata of every played stream, among
 * others) are chatter: DEBUG. Lines outside any call come from the close of a connection's native
 * side, where nothing can act on them: DEBUG too.
 */
final class LogBridge {
    static final String LOGGER_NAME = "org.nativertmp.librtmp";

    /** Receives one formatted librtmp log line from the shim (nrtmp_log_sink). */
    public interface LogSink extends Callback {
        void invoke(int level, String text);
    }

    /** Receives one step of a traced connect from the shim (nrtmp_trace_sink). */
    public interface TraceSink extends Callback {
        void invoke(int kind, String key, String value, String address, Pointer bytes, int nbytes);
    }

    private static final Logger LOGGER = System.getLogger(LOGGER_NAME);
    private static final ThreadLocal<CallLog> CURRENT = new ThreadLocal<>();
    /** Held in a static field: the native side keeps only a raw pointer to it. */
    private static final LogSink SINK = LogBridge::onNativeLog;
    private static final TraceSink TRACE_SINK = LogBridge::onNativeTrace;
    private static volatile int extraDebugUsers;

    private LogBridge() {
    }

    /** Installs the sinks. Called once, right after the library is loaded. */
    static void install() {
        LibRtmp.nrtmp_set_log_sink(SINK);
        LibRtmp.nrtmp_set_trace_sink(TRACE_SINK);
        refreshLevel();
    }

    /** Marks {@code target} as the owner of log lines on this thread; returns the previous owner. */
    static CallLog enter(CallLog target) {
        CallLog previous = CURRENT.get();
        CURRENT.set(target);
        return previous;
    }

    /**
     * Logs the ending call's error and warning lines that no exception quoted, then gives the
     * thread's log lines back to {@code previous}. Set, never removed: a removed entry is
     * allocated anew by the next call's set, one allocation per call on the data path; a null
     * value holds on to nothing.
     */
    static void exit(CallLog previous) {
        CallLog ending = CURRENT.get();
        try {
            if (ending != null) {
                ending.releaseUnquoted((level, text) -> log(loggerLevel(level), ending.label(), text));
            }
        } catch (RuntimeException e) {
            // A failing logger must not keep the call from ending (its lock, its count).
        } finally {
            CURRENT.set(previous);
        }
    }

    /**
     * Runs {@code call} with its log lines and trace steps going to {@code log}, on a thread that
     * runs a call for another ({@link NativeWaits}): the caller's {@link #enter} and
     * {@link #exit} still frame the call on its own thread.
     */
    static int attributed(CallLog log, IntSupplier call) {
        CallLog previous = CURRENT.get();
        CURRENT.set(log);
        try {
            return call.getAsInt();
        } finally {
            CURRENT.set(previous);
        }
    }

    /** Someone (a debug hook) wants librtmp's DEBUG lines whatever the logger's level. */
    static synchronized void requireDebug(boolean on) {
        extraDebugUsers += on ? 1 : -1;
        refreshLevel();
    }

    /**
     * Sets librtmp's global level to what the logger or a debug hook wants, never below ERROR:
     * error lines are what exceptions quote, and the shim sees a failed send's error code on
     * librtmp's error line.
     */
    static void refreshLevel() {
        int level = LibRtmp.RTMP_LOGERROR;
        if (LOGGER.isLoggable(Level.TRACE)) {
            level = LibRtmp.RTMP_LOGDEBUG2;
        } else if (LOGGER.isLoggable(Level.DEBUG) || extraDebugUsers > 0) {
            level = LibRtmp.RTMP_LOGDEBUG;
        } else if (LOGGER.isLoggable(Level.WARNING)) {
            level = LibRtmp.RTMP_LOGWARNING;
        }
        if (extraDebugUsers > 0 && level < LibRtmp.RTMP_LOGDEBUG) {
            level = LibRtmp.RTMP_LOGDEBUG;
        }
        if (LibRtmp.RTMP_LogGetLevel() != level) {
            LibRtmp.RTMP_LogSetLevel(level);
        }
    }

    static Level loggerLevel(int level) {
        switch (level) {
            case LibRtmp.RTMP_LOGCRIT:
            case LibRtmp.RTMP_LOGERROR: return Level.ERROR;
            case LibRtmp.RTMP_LOGWARNING: return Level.WARNING;
            case LibRtmp.RTMP_LOGINFO:
            case LibRtmp.RTMP_LOGDEBUG: return Level.DEBUG;
            default: return Level.TRACE;
        }
    }

    /** A traced connect's step, for the instance whose connect runs on this thread. */
    private static void onNativeTrace(int kind, String key, String value, String address,
            Pointer bytes, int nbytes) {
        try {
            CallLog target = CURRENT.get();
            if (target != null) {
                byte[] raw = bytes == null || nbytes <= 0 ? null : bytes.getByteArray(0, nbytes);
                target.onTraceStep(kind, key, value, address, raw);
            }
        } catch (Throwable t) {
            // Nothing may unwind into the shim.
        }
    }

    /** Runs on the thread that called into librtmp; must never throw back into C. */
    private static void onNativeLog(int level, String text) {
        try {
            CallLog target = CURRENT.get();
            if (target == null) {
                log(Level.DEBUG, "librtmp", text);
                return;
            }
            // error and warning lines wait for the end of the call (exit), unless DEBUG shows all at once
            log(level <= LibRtmp.RTMP_LOGWARNING ? Level.DEBUG : loggerLevel(level), target.label(), text);
            target.onLibrtmpLog(level, text);
        } catch (Throwable t) {
            // Nothing may unwind into librtmp; a failing logger must not break a connect.
        }
    }

    private static void log(Level level, String who, String text) {
        if (LOGGER.isLoggable(level)) {
            LOGGER.log(level, who + ": " + text);
        }
    }
}
