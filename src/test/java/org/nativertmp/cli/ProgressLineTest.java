package org.nativertmp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nativertmp.support.RealPeers;
import org.nativertmp.testkit.RtmpRecorderServer;
import org.nativertmp.testkit.SampleFlv;

/**
 * publish's progress line is drawn whenever stderr is a terminal, also when stdin is a pipe and
 * stdout goes elsewhere ({@code ffmpeg ... | publish - URL}). The CLI runs in a child JVM under
 * util-linux's {@code script}, whose pseudo-terminal is the child's stderr only.
 */
class ProgressLineTest {
    @TempDir
    Path dir;

    @Test
    void aPublishFromStdinDrawsProgressWhenOnlyStderrIsATerminal() throws Exception {
        String script = RealPeers.require("script", "/usr/bin/script");
        Path flv = dir.resolve("in.flv");
        Files.write(flv, SampleFlv.file(SampleFlv.tags(9, 200, 2000)));
        try (RtmpRecorderServer server = RtmpRecorderServer.start()) {
            String publish = cli() + " publish - " + server.url("live", "tty") + " < " + quote(flv);
            String onTerminal = run(script, "-qec", publish + " > /dev/null", "/dev/null");
            assertTrue(onTerminal.contains("\r") && onTerminal.contains(" tags  ") && onTerminal.contains("media 0:"),
                    "a progress line, redrawn with \\r: " + onTerminal);
            assertTrue(onTerminal.contains("published "), onTerminal);
            server.awaitConnection(Duration.ofSeconds(30));

            String toFile = run("sh", "-c", publish + " > /dev/null 2> " + quote(dir.resolve("err.txt")));
            String err = Files.readString(dir.resolve("err.txt"), StandardCharsets.UTF_8);
            assertEquals("", toFile);
            assertFalse(err.contains("\r"), "no progress line when stderr is a file: " + err);
            assertTrue(err.startsWith("published "), err);
        }
    }

    /** The CLI on the test class path, as a shell command. */
    private static String cli() {
        return quote(Path.of(System.getProperty("java.home"), "bin", "java")) + " -cp "
                + quote(System.getProperty("java.class.path")) + " " + Main.class.getName();
    }

    private static String quote(Object word) {
        return "'" + word.toString().replace("'", "'\\''") + "'";
    }

    /** Runs the command with stdin from /dev/null; what it printed on stdout and stderr. */
    private String run(String... command) throws IOException, InterruptedException {
        Path out = dir.resolve("out.txt");
        Process p = new ProcessBuilder(List.of(command)).directory(dir.toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(out.toFile()).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the CLI did not end within 60 s");
        String printed = Files.readString(out, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), printed);
        return printed;
    }
}
