package org.nativertmp.cli;

import org.nativertmp.NativeRtmp;
import org.nativertmp.RtmpOptions;

/** Argument checks that picocli's types cannot express; each failure is a usage error (exit 2). */
final class CliArguments {
    private CliArguments() {
    }

    static Integer usage(String text) {
        System.err.println("error: " + text);
        return Main.EXIT_USAGE;
    }

    static Integer checkTimeout(String option, Integer seconds) {
        if (seconds != null && seconds < 0) {
            return usage(option + " must not be negative, not " + seconds);
        }
        return null;
    }

    /** setupUrl; false (after the error line) when the URL or an option is not one librtmp can use. */
    static boolean setupUrl(NativeRtmp rtmp, String url, RtmpOptions options) {
        try {
            rtmp.setupUrl(url, options);
            return true;
        } catch (IllegalArgumentException e) {
            usage(e.getMessage());
            return false;
        }
    }
}
