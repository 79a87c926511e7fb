package org.nativertmp.cli;

import org.nativertmp.NativeRtmp;
import org.nativertmp.RtmpStatistics;

import java.io.PrintStream;
import java.util.Locale;

/**
 * What publish and play report on stderr: a progress line, rewritten in place, while stderr is
 * a terminal, and one summary line at the end; with {@code --quiet}, only warnings and errors.
 */
final class TransferProgress {
    private static final long REFRESH_NANOS = 500_000_000L;

    private final PrintStream err;
    private final boolean quiet;
    private final boolean live;
    private final long startNanos = System.nanoTime();
    private long lastNanos;
    private boolean drawn;
    private NativeRtmp rtmp;

    TransferProgress(PrintStream err, boolean quiet) {
        this.err = err;
        this.quiet = quiet;
        this.live = !quiet && StderrTerminal.isTerminal();
    }

    /** The connection whose messages the progress line counts too. */
    void watch(NativeRtmp rtmp) {
        this.rtmp = rtmp;
    }

    /** Redraws the progress line if stderr is a terminal and half a second has passed. */
    void update(long bytes, long tags, long mediaMillis) {
        if (!live) {
            return;
        }
        long now = System.nanoTime();
        if (now - lastNanos < REFRESH_NANOS) {
            return;
        }
        lastNanos = now;
        err.print("\r" + figures(bytes, tags, mediaMillis, now) + "   ");
        err.flush();
        drawn = true;
    }

    /** The one-line summary, e.g. {@code published 1048576 bytes, 500 tags, media 0:10.000 in 2.1 s (487.6 KiB/s) to URL}. */
    void summary(String verb, long bytes, long tags, long mediaMillis, String where) {
        if (quiet) {
            return;
        }
        if (drawn) {
            err.print("\r");
        }
        long now = System.nanoTime();
        err.println(verb + " " + bytes + " bytes, " + tags + " tags, media " + mediaTime(mediaMillis) + " in "
                + String.format(Locale.ROOT, "%.1f s", seconds(now)) + " (" + rate(bytes, now) + ") " + where);
    }

    /** A warning line; printed even with --quiet. */
    void warning(String text) {
        endProgressLine();
        err.println("warning: " + text);
    }

    /** An error line; printed even with --quiet. */
    void error(String text) {
        endProgressLine();
        err.println("error: " + text);
    }

    private void endProgressLine() {
        if (drawn) {
            err.println();
            drawn = false;
        }
    }

    private String figures(long bytes, long tags, long mediaMillis, long now) {
        String line = String.format(Locale.ROOT, "%,d bytes  %d tags  %s  media %s", bytes, tags, rate(bytes, now),
                mediaTime(mediaMillis));
        NativeRtmp r = rtmp;
        if (r == null) {
            return line;
        }
        try {
            RtmpStatistics s = r.statistics();
            return line + String.format(Locale.ROOT, "  messages %,d in %,d out", s.messagesIn(), s.messagesOut())
                    + s.unacknowledgedBytes().map(b -> String.format(Locale.ROOT, "  behind %,d bytes", b)).orElse("");
        } catch (IllegalStateException closed) {
            return line;
        }
    }

    /** With --stats: the connection's statistics, one line after the summary. */
    void statistics(RtmpStatistics s) {
        if (quiet) {
            return;
        }
        endProgressLine();
        err.println(statisticsLine(s));
    }

    static String statisticsLine(RtmpStatistics s) {
        return String.format(Locale.ROOT, "statistics: in %,d bytes, %,d messages (%,d media); out %,d bytes, %,d"
                        + " messages (%,d media); acknowledgements %,d (last %,d, server window %,d%s); send buffer %,d"
                        + " bytes; ping %s; stream time in %s, out %s; native memory held %,d bytes",
                s.bytesIn(), s.messagesIn(), s.mediaIn(), s.bytesOut(), s.messagesOut(), s.mediaOut(),
                s.acknowledgements(), s.acknowledgedBytes(), s.serverWindow(),
                s.unacknowledgedBytes().map(b -> String.format(Locale.ROOT, ", behind %,d bytes", b)).orElse(""),
                s.sendBuffered(), s.pingRoundTrip().map(d -> String.format(Locale.ROOT, "%.1f ms", d.toNanos() / 1e6))
                        .orElse("none"), mediaTime(s.streamTimeIn()), mediaTime(s.streamTimeOut()), s.nativeBytes());
    }

    private double seconds(long now) {
        return (now - startNanos) / 1e9;
    }

    private String rate(long bytes, long now) {
        double s = Math.max(seconds(now), 1e-3);
        return String.format(Locale.ROOT, "%.1f KiB/s", bytes / 1024.0 / s);
    }

    static String mediaTime(long millis) {
        if (millis < 0) {
            millis = 0;
        }
        long minutes = millis / 60_000;
        return String.format(Locale.ROOT, "%d:%02d.%03d", minutes, (millis / 1000) % 60, millis % 1000);
    }
}
