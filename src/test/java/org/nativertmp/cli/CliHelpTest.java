package org.nativertmp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CliHelpTest {
    private static final List<String> COMMANDS = List.of("version", "demo", "trace", "record", "diff", "scorecard", "publish", "play");
    private static final List<String> RUNNING_LIBRTMP = List.of("version", "demo", "trace", "scorecard", "publish", "play");

    @Test
    void everySubcommandAnswersHelpWithItsUsage() {
        for (String command : COMMANDS) {
            String[] r = TraceCommandTest.runCli(command, "--help");
            assertEquals("0", r[0], command + ": " + r[2]);
            assertTrue(r[1].startsWith("Usage: native-rtmp " + command), command + ":\n" + r[1]);
        }
    }

    @Test
    void theTopLevelHelpListsEveryCommandWithAWholeSentence() {
        String[] r = TraceCommandTest.runCli("--help");
        assertEquals("0", r[0]);
        String commands = r[1].substring(r[1].indexOf("Commands:"));
        for (String command : COMMANDS) {
            int at = commands.indexOf("\n  " + command + " ");
            assertTrue(at >= 0, command + " missing:\n" + commands);
            int next = commands.indexOf("\n  ", at + 1 + command.length() + 2);
            while (next >= 0 && commands.startsWith("\n   ", next)) {
                next = commands.indexOf("\n  ", next + 1);
            }
            String entry = commands.substring(at, next < 0 ? commands.length() : next).strip();
            assertTrue(entry.endsWith("."), "cut short: " + entry);
        }
    }

    @Test
    void librtmpsLogOptionIsOfferedOnlyByTheCommandsThatRunLibrtmp() {
        for (String command : COMMANDS) {
            String usage = TraceCommandTest.runCli(command, "--help")[1];
            assertEquals(RUNNING_LIBRTMP.contains(command), usage.contains("--verbose"), command + ":\n" + usage);
        }
        assertEquals(String.valueOf(Main.EXIT_USAGE), TraceCommandTest.runCli("diff", "-v", "a", "b")[0]);
        assertFalse(TraceCommandTest.runCli("record", "--help")[2].contains("Unknown option"));
    }
}
