package org.nativertmp.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;

/**
 * Routes librtmp's process-global log to {@link System.Logger} {@value #LOGGER_NAME}, attributed
 * to the instance whose call produced it. librtmp has no threads of its own, so a line belongs to
 * the {@link LogTarget} that entered native code on the same thread ({@link #enter}).
 */
public final class LogBridge {
    public static final String LOGGER_NAME = "org.nativertmp.librtmp";

    private static final Logger LOGGER = System.getLogger(LOGGER_NAME);
    private static final ThreadLocal<LogTarget> CURRENT = new ThreadLocal<>();
    /** Held in a static field: the native side keeps only a raw pointer to it. */
    private static final LibRtmp.LogSink SINK = LogBridge::onNativeLog;
    private static final LibRtmp.TraceSink TRACE_SINK = LogBridge::onNativeTrace;
    private static volatile int extraDebugUsers;

    private LogBridge() {
    }

    /** Installs the sink. Called once, right after the library is loaded. */
    public static void install() {
        LibRtmp.nrtmp_set_log_sink(SINK);
        LibRtmp.nrtmp_set_trace_sink(TRACE_SINK);
        refreshLevel();
    }

    /** Marks {@code target} as the owner of log lines on this thread; returns the previous owner. */
    public static LogTarget enter(LogTarget target) {
        LogTarget previous = CURRENT.get();
        CURRENT.set(target);
        return previous;
    }

    public static void exit(LogTarget previous) {
        if (previous == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(previous);
        }
    }

    /** Someone (a debug hook) wants librtmp's DEBUG lines whatever the logger's level. */
    public static synchronized void requireDebug(boolean on) {
        extraDebugUsers += on ? 1 : -1;
        refreshLevel();
    }

    /**
     * Sets librtmp's global level to what the logger or a debug hook wants, never below ERROR:
     * error lines are what exceptions quote.
     */
    public static void refreshLevel() {
        int level = LibRtmp.RTMP_LOGERROR;
        if (LOGGER.isLoggable(Level.TRACE)) {
            level = LibRtmp.RTMP_LOGDEBUG2;
        } else if (LOGGER.isLoggable(Level.DEBUG) || extraDebugUsers > 0) {
            level = LibRtmp.RTMP_LOGDEBUG;
        } else if (LOGGER.isLoggable(Level.INFO)) {
            level = LibRtmp.RTMP_LOGINFO;
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
            case LibRtmp.RTMP_LOGINFO: return Level.INFO;
            case LibRtmp.RTMP_LOGDEBUG: return Level.DEBUG;
            default: return Level.TRACE;
        }
    }

    /** A traced connect's step, for the instance whose connect runs on this thread. */
    private static void onNativeTrace(int kind, String key, String value, String address,
            com.sun.jna.Pointer bytes, int nbytes) {
        try {
            LogTarget target = CURRENT.get();
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
            LogTarget target = CURRENT.get();
            Level l = loggerLevel(level);
            if (LOGGER.isLoggable(l)) {
                LOGGER.log(l, (target == null ? "librtmp" : target.label()) + ": " + text);
            }
            if (target != null) {
                target.onLibrtmpLog(level, text);
            }
        } catch (Throwable t) {
            // Nothing may unwind into librtmp; a failing logger must not break a connect.
        }
    }
}
