package org.nativertmp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nativertmp.support.RealPeers;

class CliErrorTest {
    @TempDir
    Path dir;

    @Test
    void aNativeLibraryThatCannotBeLoadedIsOneErrorLineNotAStackTrace() throws Exception {
        String text = cliStderr("-Dnativertmp.library.path=" + dir.resolve("missing"));
        assertTrue(text.startsWith("error: -Dnativertmp.library.path="), text);
        assertFalse(text.contains("\tat "), text);
    }

    @Test
    void aPlainLibrtmpGivenAsTheNativeLibraryIsCalledNoNativeRtmpBuild() throws Exception {
        Path debian = Stream.of("x86_64-linux-gnu", "aarch64-linux-gnu")
                .map(arch -> Path.of("/usr/lib", arch, "librtmp.so.1")).filter(Files::exists).findFirst().orElse(null);
        RealPeers.requireThat(debian != null, "Debian's librtmp1 is not installed (apt-get install librtmp-dev)");
        String text = cliStderr("-Dnativertmp.library.path=" + debian);
        assertTrue(text.startsWith("error: " + debian + " (from -Dnativertmp.library.path) is not a native-rtmp build:"
                + " it has no nrtmp_version"), text);
        assertFalse(text.contains("undefined symbol") || text.contains("\tat "), text);
    }

    /** stderr of 'version' in a JVM of its own with {@code jvmOption}, which must make it exit 1. */
    private String cliStderr(String jvmOption) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path err = dir.resolve("stderr");
        Process p = new ProcessBuilder(java, jvmOption, "-cp", System.getProperty("java.class.path"),
                "org.nativertmp.cli.Main", "version")
                .redirectError(err.toFile()).redirectOutput(dir.resolve("stdout").toFile()).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        String text = Files.readString(err);
        assertEquals(1, p.exitValue(), text);
        return text;
    }

    @Test
    void anUnknownCommandIsAUsageError() {
        String[] r = TraceCommandTest.runCli("no-such-command");
        assertEquals(String.valueOf(Main.EXIT_USAGE), r[0], r[2]);
    }
}
