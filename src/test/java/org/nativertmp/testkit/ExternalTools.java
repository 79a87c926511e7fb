package org.nativertmp.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.sun.jna.Platform;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.nativertmp.support.RealPeers;

/**
 * Programs the tests run (ffmpeg, rtmpdump, gcc, nrtmp-ref). Outside CI a missing program
 * skips the test; with {@code CI=true} it fails it ({@link RealPeers}).
 */
final class ExternalTools {
    /** Generous: the slowest run (ffmpeg -re over 2 s of media) takes a few seconds. */
    static final long PROCESS_TIMEOUT_SECONDS = 120;

    private ExternalTools() {
    }

    /** The program's path on PATH: a skip when it is missing, a failure in CI. */
    static Path require(String program, String installHint) {
        return Path.of(RealPeers.require(program));
    }

    static void missing(String why) {
        RealPeers.requireThat(false, why);
    }

    /** The nrtmp-ref client the native build made (pom.xml passes its path as nrtmp.ref.path). */
    static Path nrtmpRef() {
        String p = System.getProperty("nrtmp.ref.path", "").replace("{platform}", Platform.RESOURCE_PREFIX);
        if (p.isEmpty() || !Files.isExecutable(Path.of(p))) {
            missing("nrtmp-ref was not built (nrtmp.ref.path=" + p + "); run the native build");
        }
        return Path.of(p);
    }

    /** Runs a command to its end; its output goes to {@code log}. Returns the exit code. */
    static int run(Path log, List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(PROCESS_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail(String.join(" ", command) + " did not finish within " + PROCESS_TIMEOUT_SECONDS + " s; output:\n"
                    + Files.readString(log, StandardCharsets.UTF_8));
        }
        return p.exitValue();
    }

    /** Runs a command and fails the test, with its output, unless it exits 0. */
    static void runOk(Path log, String... command) throws IOException, InterruptedException {
        runOk(log, List.of(command));
    }

    static void runOk(Path log, List<String> command) throws IOException, InterruptedException {
        int rc = run(log, command);
        assertEquals(0, rc, () -> String.join(" ", command) + " exited " + rc + "; output:\n" + readQuietly(log));
    }

    static String readQuietly(Path log) {
        try {
            return Files.readString(log, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return "(no output: " + e + ")";
        }
    }

    static List<String> command(Object... parts) {
        List<String> c = new ArrayList<>();
        for (Object o : parts) {
            c.add(String.valueOf(o));
        }
        return c;
    }
}
