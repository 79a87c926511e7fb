package org.nativertmp.nativebuild;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** native/build.sh on a machine without apt-get and dpkg-source, and no rtmpdump tree given. */
class BuildWithoutAptToolsTest {
    @TempDir
    Path dir;

    @Test
    void saysInOneLineThatRtmpdumpSourceIsNeededBeforeRunningCmake() throws Exception {
        Path bin = ScriptRun.pathWithOnly(dir.resolve("bin"), "bash", "dirname", "uname", "tr");
        Path buildDir = dir.resolve("build");

        ScriptRun run = ScriptRun.run(dir, List.of(bin.resolve("bash").toString(),
                Path.of("native/build.sh").toAbsolutePath().toString(),
                "--out=" + dir.resolve("out"), "--build-dir=" + buildDir, "host"), Map.of("PATH", bin.toString()));

        assertEquals(2, run.exitCode(), run.output());
        assertEquals(1, run.lines().size(), run.output());
        assertTrue(run.output().startsWith("build.sh: no librtmp source"), run.output());
        assertTrue(run.output().contains("apt-get and dpkg-source"), run.output());
        assertTrue(run.output().contains("-Drtmpdump.source=DIR"), run.output());
        assertFalse(Files.exists(buildDir), "CMake never ran");
    }
}
