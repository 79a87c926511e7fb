package org.nativertmp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nativertmp.support.RealPeers;

/** {@code scorecard}: usage errors, one scenario with its baseline, the files it writes, a command as the client. */
class ScorecardCommandTest {
    private static final String USAGE = String.valueOf(Main.EXIT_USAGE);

    @TempDir
    Path dir;

    @Test
    void everyWayOfNamingTheClientWronglyIsAUsageError() {
        String[][] wrong = {
            {"scorecard"},
            {"scorecard", "--client", "ffmpeg"},
            {"scorecard", "--client", "librtmp", "--play-command", "x {url} {out}"},
            {"scorecard", "--client", "librtmp", "--scenario", "no-such-scenario"},
            {"scorecard", "--publish-command", "ffmpeg -i {flv} out.flv"},
            {"scorecard", "--publish-command", "no-such-program-here {url} {flv}"},
            {"scorecard", "--client", "librtmp", "--timeout", "0"},
        };
        for (String[] args : wrong) {
            String[] r = TraceCommandTest.runCli(args);
            assertEquals(USAGE, r[0], String.join(" ", args) + ": " + r[2]);
            assertTrue(r[2].startsWith("error: "), r[2]);
        }
    }

    @Test
    void oneScenarioRunsWithItsBaselineAndTheTableGoesToHtmlAndJson() throws IOException {
        Path html = dir.resolve("s.html");
        Path json = dir.resolve("s.json");
        String[] r = TraceCommandTest.runCli("scorecard", "--client", "librtmp", "--scenario", "play-window-100",
                "--html", html.toString(), "--json", json.toString());
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].startsWith("scorecard: librtmp against librtmp: 2 scenarios, 2 same, 0 differ, 0 failed"), r[1]);
        assertTrue(r[1].contains("\nplay-baseline ") && r[1].contains("\nplay-window-100 "), r[1]);
        assertTrue(r[2].contains("play-window-100: same"), "progress on stderr: " + r[2]);
        assertTrue(Files.readString(html).contains("<td class=\"name\">play-window-100<span>"));
        String j = Files.readString(json);
        assertTrue(j.contains("\"name\": \"play-baseline\"") && j.contains("\"name\": \"play-window-100\""), j);
    }

    @Test
    void listNamesEveryScenarioWithItsRole() {
        String[] r = TraceCommandTest.runCli("scorecard", "--list");
        assertEquals("0", r[0], r[2]);
        String[] lines = r[1].strip().split("\n");
        assertTrue(lines.length >= 30, r[1]);
        assertTrue(lines[0].startsWith("publish-baseline  publish  a well-behaved server"), lines[0]);
    }

    @Test
    void aProgramIsTheClientThroughItsCommandLine() {
        String ffmpeg = RealPeers.require("ffmpeg", "/usr/bin/ffmpeg");
        String[] r = TraceCommandTest.runCli("scorecard", "--publish-command",
                ffmpeg + " -nostdin -loglevel error -i {flv} -c copy -f flv {url}", "--scenario", "publish-onbwdone");
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].startsWith("scorecard: ffmpeg against librtmp: 2 scenarios"), r[1]);
        assertTrue(r[1].contains("\npublish-onbwdone "), r[1]);
    }
}
