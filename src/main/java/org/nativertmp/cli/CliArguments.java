package org.nativertmp.cli;

import org.nativertmp.NativeRtmp;

/** Argument checks that picocli's types cannot express; each failure is a usage error (exit 2). */
final class CliArguments {
    /** Held so that the level set on it stays (java.util.logging keeps loggers weakly). */
    private static final java.util.logging.Logger LIBRTMP_LOG = java.util.logging.Logger.getLogger("org.nativertmp.librtmp");

    private CliArguments() {
    }

    /**
     * Keeps librtmp's log lines off the terminal: the commands print their own progress, and
     * an error line quotes librtmp's reason (error lines are collected whatever the level).
     */
    static void muteLibrtmpLog() {
        LIBRTMP_LOG.setLevel(java.util.logging.Level.OFF);
    }

    static Integer usage(String text) {
        System.err.println("error: " + text);
        return Main.EXIT_USAGE;
    }

    static Integer checkTimeout(Integer seconds) {
        if (seconds != null && seconds < 0) {
            return usage("--timeout must not be negative, not " + seconds);
        }
        return null;
    }

    /** setupUrl; false (after the error line) when the URL is not one librtmp can use. */
    static boolean setupUrl(NativeRtmp rtmp, String url) {
        try {
            rtmp.setupUrl(url);
            return true;
        } catch (IllegalArgumentException e) {
            usage(e.getMessage());
            return false;
        }
    }
}
