package org.nativertmp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliErrorTest {
    @TempDir
    Path dir;

    @Test
    void aNativeLibraryThatCannotBeLoadedIsOneErrorLineNotAStackTrace() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path err = dir.resolve("stderr");
        Process p = new ProcessBuilder(java, "-Dnativertmp.library.path=" + dir.resolve("missing"),
                "-cp", System.getProperty("java.class.path"), "org.nativertmp.cli.Main", "version")
                .redirectError(err.toFile()).redirectOutput(dir.resolve("stdout").toFile()).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        String text = Files.readString(err);
        assertEquals(1, p.exitValue(), text);
        assertTrue(text.startsWith("error: -Dnativertmp.library.path="), text);
        assertFalse(text.contains("\tat "), text);
    }

    @Test
    void anUnknownCommandIsAUsageError() {
        String[] r = TraceCommandTest.runCli("no-such-command");
        assertEquals(String.valueOf(Main.EXIT_USAGE), r[0], r[2]);
    }
}
