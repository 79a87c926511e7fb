package org.nativertmp.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * docs/cli.md's help texts, rendered from the CLI's own picocli specification so that the page
 * cannot drift from the code. The page is written by hand except for one block per command: a
 * {@code text} block right after a line {@code <!-- cli-help COMMAND -->} ({@code <!-- cli-help -->}
 * for the top-level command) holds exactly what {@code COMMAND --help} prints, at a fixed width
 * and without colours. {@link #render(List)} rewrites those blocks and appends a section for every
 * command the page does not show yet.
 */
public final class CliReference {
    /** The help's width: what fits a code block on a code hosting site without scrolling. */
    static final int WIDTH = 80;

    private static final Pattern MARKER = Pattern.compile("^<!-- cli-help( [\\w-]+)? -->$");
    private static final String FENCE = "```";

    private CliReference() {
    }

    /** The command line the CLI runs, for documentation tests that check commands shown in the docs. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setUsageHelpWidth(WIDTH);
        return cl;
    }

    /** Each command's help, the top-level command's under "" and then the subcommands' in the CLI's order. */
    static Map<String, String> helpByCommand() {
        CommandLine root = commandLine();
        Map<String, String> help = new LinkedHashMap<>();
        help.put("", usage(root));
        root.getSubcommands().forEach((name, sub) -> {
            if (sub.getCommandName().equals(name)) { // aliases only once
                help.put(name, usage(sub));
            }
        });
        return help;
    }

    private static String usage(CommandLine cl) {
        StringBuilder text = new StringBuilder();
        for (String line : cl.getUsageMessage(CommandLine.Help.Ansi.OFF).split("\n", -1)) {
            text.append(line.stripTrailing()).append('\n');
        }
        return text.toString().strip();
    }

    /**
     * The page with every marked block replaced by the help it names and a section appended for
     * each command not shown yet.
     *
     * @throws IllegalArgumentException when a marker names no command or is not followed by a block
     */
    static List<String> render(List<String> page) {
        Map<String, String> help = helpByCommand();
        Map<String, String> missing = new LinkedHashMap<>(help);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < page.size(); i++) {
            String line = page.get(i);
            out.add(line);
            Matcher m = MARKER.matcher(line);
            if (!m.matches()) {
                continue;
            }
            String command = m.group(1) == null ? "" : m.group(1).strip();
            if (!help.containsKey(command)) {
                throw new IllegalArgumentException("docs/cli.md:" + (i + 1) + ": no command '" + command
                        + "' in the CLI; remove its section");
            }
            if (i + 1 >= page.size() || !page.get(i + 1).equals(FENCE + "text")) {
                throw new IllegalArgumentException("docs/cli.md:" + (i + 1) + ": a ```text block must follow " + line);
            }
            int close = i + 2;
            while (close < page.size() && !page.get(close).equals(FENCE)) {
                close++;
            }
            out.add(FENCE + "text");
            out.addAll(help.get(command).lines().toList());
            out.add(FENCE);
            missing.remove(command);
            i = close;
        }
        missing.forEach((command, text) -> {
            out.add("");
            out.add("## " + (command.isEmpty() ? "native-rtmp" : command));
            out.add("");
            out.add(command.isEmpty() ? "<!-- cli-help -->" : "<!-- cli-help " + command + " -->");
            out.add(FENCE + "text");
            out.addAll(text.lines().toList());
            out.add(FENCE);
        });
        return out;
    }
}
