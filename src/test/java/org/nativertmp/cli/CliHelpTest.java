package org.nativertmp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

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
            assertEquals(RUNNING_LIBRTMP.contains(command), usage.contains("-V, --verbose"), command + ":\n" + usage);
        }
        assertEquals(String.valueOf(Main.EXIT_USAGE), TraceCommandTest.runCli("diff", "-V", "a", "b")[0]);
        assertFalse(TraceCommandTest.runCli("record", "--help")[2].contains("Unknown option"));
    }

    /** A subcommand's -V used to be picocli's --version, which printed nothing there. */
    @Test
    void onlyTheTopLevelCommandHasAVersionOption() {
        CommandLine root = CliReference.commandLine();
        assertTrue(root.getCommandSpec().findOption("--version") != null);
        assertEquals("native-rtmp " + org.nativertmp.NativeRtmp.version(), TraceCommandTest.runCli("-V")[1].strip());
        for (String command : COMMANDS) {
            assertNull(root.getSubcommands().get(command).getCommandSpec().findOption("--version"), command);
        }
    }

    @Test
    void publishAndPlayTakeRtmpdumpsNamesForLibrtmpsOptions() {
        for (String command : List.of("publish", "play")) {
            CommandSpec spec = CliReference.commandLine().getSubcommands().get(command).getCommandSpec();
            for (String[] names : new String[][] {{"-a", "--app"}, {"-y", "--playpath"}, {"-f", "--flashVer"},
                {"-C", "--conn"}, {"-t", "--tcUrl"}, {"-p", "--pageUrl"}, {"-s", "--swfUrl"}, {"-T", "--token"},
                {"-S", "--socks"}, {"-v", "--live"}, {"-m", "--timeout"}, {"-q", "--quiet"}, {"-V", "--verbose"}}) {
                OptionSpec option = spec.findOption(names[0]);
                assertTrue(option != null && List.of(option.names()).contains(names[1]),
                        command + " " + names[0] + " is " + names[1]);
            }
            assertTrue(spec.findOption("--option") != null && spec.findOption("--url-options") != null, command);
        }
        CommandSpec play = CliReference.commandLine().getSubcommands().get("play").getCommandSpec();
        for (String[] names : new String[][] {{"-b", "--buffer"}, {"-A", "--start"}, {"-d", "--subscribe"},
            {"-Y", "--playlist"}}) {
            assertTrue(List.of(play.findOption(names[0]).names()).contains(names[1]), "play " + names[0]);
        }
    }

    /**
     * picocli breaks lines where Java's line breaker may (after ':', '.', '-'), so the texts are
     * worded for it not to: each text, its spaces collapsed, appears whole in the help so collapsed.
     */
    @Test
    void noWordOfAHelpTextIsSplitAcrossLines() {
        List<String> split = new ArrayList<>();
        List<CommandLine> commands = new ArrayList<>(List.of(CliReference.commandLine()));
        commands.addAll(CliReference.commandLine().getSubcommands().values());
        for (CommandLine cl : commands) {
            CommandSpec spec = cl.getCommandSpec();
            String shown = cl.getUsageMessage(CommandLine.Help.Ansi.OFF).replaceAll("\\s+", " ");
            List<String> texts = new ArrayList<>(List.of(spec.usageMessage().description()));
            spec.options().forEach(o -> texts.add(String.join(" ", o.description())));
            spec.positionalParameters().forEach(p -> texts.add(String.join(" ", p.description())));
            for (String text : texts) {
                String collapsed = text.replaceAll("\\s+", " ").strip();
                if (!collapsed.contains("${") && !shown.contains(collapsed)) {
                    split.add(spec.qualifiedName() + ": " + collapsed);
                }
            }
        }
        assertEquals(List.of(), split);
    }
}
