package org.nativertmp.nativebuild;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.nativertmp.support.RealPeers;

/** One run of a program: its exit code and what it printed (stdout and stderr together). */
record ScriptRun(int exitCode, String output) {
    private static final long TIMEOUT_SECONDS = 120;

    /** Runs {@code command} in {@code dir} with {@code env} added to the environment. */
    static ScriptRun run(Path dir, List<String> command, Map<String, String> env)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        byte[] out;
        try (InputStream in = p.getInputStream()) {
            out = in.readAllBytes();
        }
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(command + " did not end within " + TIMEOUT_SECONDS + " s");
        }
        return new ScriptRun(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    /** Fails, showing the output, unless the run exited with 0. */
    ScriptRun assertSucceeded() {
        if (exitCode != 0) {
            throw new AssertionError("exit code " + exitCode + ":\n" + output);
        }
        return this;
    }

    /** The printed lines, without empty ones. */
    List<String> lines() {
        return output.lines().filter(l -> !l.isBlank()).toList();
    }

    /**
     * A folder to use as the whole PATH: links to the named programs only, so that a script
     * runs as on a machine without the others.
     */
    static Path pathWithOnly(Path dir, String... programs) throws IOException {
        Files.createDirectories(dir);
        for (String program : programs) {
            Files.createSymbolicLink(dir.resolve(program), Path.of(RealPeers.require(program)));
        }
        return dir;
    }
}
