package org.nativertmp.support;

import java.io.File;
import org.junit.jupiter.api.Assumptions;

/**
 * Tests against real peers (nginx-rtmp, ffmpeg, rtmpdump) run everywhere those peers are
 * installed. On CI ({@code CI=true}) a missing peer is a failure, never a skip.
 */
public final class RealPeers {
    private RealPeers() {
    }

    public static boolean onCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /** Returns the path of {@code program}, failing on CI and skipping elsewhere when it is missing. */
    public static String require(String program, String... candidates) {
        for (String c : candidates) {
            if (new File(c).canExecute()) {
                return c;
            }
        }
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                File f = new File(dir, program);
                if (f.canExecute()) {
                    return f.getPath();
                }
            }
        }
        requireThat(false, program + " is not installed (Debian package: see .ci/run)");
        return null;
    }

    /** A precondition on the machine: fails on CI, skips elsewhere. */
    public static void requireThat(boolean condition, String what) {
        if (condition) {
            return;
        }
        if (onCi()) {
            throw new AssertionError("CI=true and " + what);
        }
        Assumptions.assumeTrue(false, what);
    }
}
