package org.nativertmp.docs;

import java.util.ArrayList;
import java.util.List;

/**
 * One simple command from a shell line of the docs: its words, quotes removed, with what it
 * came from. {@link #split(String)} cuts a line at {@code &&}, {@code ||}, {@code |}, {@code ;},
 * {@code &} and around {@code $(...)}, and drops redirections, leading {@code VAR=value}
 * assignments and {@code sudo}: enough for the commands the docs show, not a shell.
 *
 * @param words the command's words
 * @param where the page and line, as {@code docs/page.md:LINE}
 * @param line the line as written
 */
record ShellCommand(List<String> words, String where, String line) {
    /** The simple commands of one shell line. */
    static List<ShellCommand> split(String line, String where) {
        List<List<String>> commands = new ArrayList<>();
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else if (c == '\\' && quote == '"' && i + 1 < line.length()) {
                    word.append(line.charAt(++i));
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                word = word == null ? new StringBuilder() : word;
            } else if (c == '\\' && i + 1 < line.length()) {
                word = word == null ? new StringBuilder() : word;
                word.append(line.charAt(++i));
            } else if (c == '&' && i > 0 && (line.charAt(i - 1) == '>' || line.charAt(i - 1) == '<')) {
                word.append(c); // 2>&1 is a redirection, not a background job
            } else if (Character.isWhitespace(c) || c == '|' || c == '&' || c == ';' || c == ')'
                    || (c == '$' && i + 1 < line.length() && line.charAt(i + 1) == '(')) {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
                if (c == '$') {
                    i++; // "$(": what follows is a command of its own
                }
                if (!Character.isWhitespace(c)) {
                    commands.add(words);
                    words = new ArrayList<>();
                }
            } else {
                word = word == null ? new StringBuilder() : word;
                word.append(c);
            }
        }
        if (word != null) {
            words.add(word.toString());
        }
        commands.add(words);
        List<ShellCommand> result = new ArrayList<>();
        for (List<String> command : commands) {
            List<String> cleaned = withoutRedirections(command);
            while (!cleaned.isEmpty() && (cleaned.get(0).matches("\\w+=.*") || cleaned.get(0).equals("sudo"))) {
                cleaned.remove(0);
            }
            if (!cleaned.isEmpty()) {
                result.add(new ShellCommand(List.copyOf(cleaned), where, line));
            }
        }
        return result;
    }

    private static List<String> withoutRedirections(List<String> words) {
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            if (w.matches("\\d?[<>]{1,2}")) {
                i++; // the file belongs to the redirection
            } else if (!w.matches("\\d?[<>]{1,2}.*")) {
                kept.add(w);
            }
        }
        return kept;
    }

    String program() {
        return words.get(0);
    }

    /** The words after the program. */
    List<String> arguments() {
        return words.subList(1, words.size());
    }

    @Override
    public String toString() {
        return where + ": `" + String.join(" ", words) + "`";
    }
}
