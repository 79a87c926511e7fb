package org.nativertmp.testkit.scorecard;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.nativertmp.flv.FlvReader;
import org.nativertmp.flv.FlvTag;

/**
 * A client that is a program: one command line to publish, one to play, with placeholders
 * {@code {url}} (the stream's URL), {@code {flv}} (the FLV file to publish) and {@code {out}} (the
 * FLV file a player writes). The command runs without a shell, its words split as a shell
 * would split them (quotes, backslashes; no expansions). Exit code 0 is success; another is the
 * client's error; death by a signal is a crash. ffmpeg, for example:
 *
 * <pre>{@code
 * CommandClient.of("ffmpeg",
 *         "ffmpeg -nostdin -loglevel error -i {flv} -c copy -copyts -f flv {url}",
 *         "ffmpeg -nostdin -loglevel error -y -i {url} -c copy -copyts -flvflags no_metadata -f flv {out}");
 * }</pre>
 *
 * ({@code -copyts} keeps the timestamps as they came; {@code -flvflags no_metadata} keeps ffmpeg
 * from writing an onMetaData of its own into what it delivers.)
 */
public final class CommandClient implements ScorecardClient {
    /** How many characters of the program's output an error message quotes. */
    private static final int QUOTED_OUTPUT = 200;
    /** Exit codes above this are 128 + a signal number, as the JDK reports a death by a signal. */
    private static final int SIGNAL_BASE = 128;
    private static final int LAST_SIGNAL = 64;

    private final String name;
    private final List<String> publish;
    private final List<String> play;

    private CommandClient(String name, List<String> publish, List<String> play) {
        this.name = Objects.requireNonNull(name, "name");
        this.publish = publish;
        this.play = play;
    }

    /**
     * A client from two command lines; either may be null (its role is then not run).
     *
     * @throws IllegalArgumentException when both are null, a command is empty, has an unclosed
     *         quote, or lacks the placeholders its role needs ({@code {url}} and {@code {flv}} to
     *         publish, {@code {url}} and {@code {out}} to play)
     */
    public static CommandClient of(String name, String publishCommand, String playCommand) {
        if (publishCommand == null && playCommand == null) {
            throw new IllegalArgumentException("give a publish command, a play command, or both");
        }
        return new CommandClient(name, words(publishCommand, "publish", "{url}", "{flv}"),
                words(playCommand, "play", "{url}", "{out}"));
    }

    /** A client named after the program the commands run: "ffmpeg" for "/usr/bin/ffmpeg -i ...". */
    public static CommandClient of(String publishCommand, String playCommand) {
        String first = publishCommand != null ? publishCommand : Objects.requireNonNull(playCommand, "playCommand");
        List<String> w = split(first);
        String program = w.isEmpty() ? "command" : Path.of(w.get(0)).getFileName().toString();
        return of(program, publishCommand, playCommand);
    }

    private static List<String> words(String command, String role, String... placeholders) {
        if (command == null) {
            return null;
        }
        List<String> w = split(command);
        if (w.isEmpty()) {
            throw new IllegalArgumentException("the " + role + " command is empty");
        }
        for (String p : placeholders) {
            if (w.stream().noneMatch(x -> x.contains(p))) {
                throw new IllegalArgumentException("the " + role + " command has no " + p + ": " + command);
            }
        }
        return List.copyOf(w);
    }

    /** Splits a command line into words as a POSIX shell does, without expansions. */
    static List<String> split(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote == '\'') {
                if (c == '\'') {
                    quote = 0;
                } else {
                    w.append(c);
                }
            } else if (c == '\\' && i + 1 < line.length() && (quote == 0 || "\"\\$`".indexOf(line.charAt(i + 1)) >= 0)) {
                w.append(line.charAt(++i));
                inWord = true;
            } else if (quote == '"') {
                if (c == '"') {
                    quote = 0;
                } else {
                    w.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(w.toString());
                    w.setLength(0);
                    inWord = false;
                }
            } else {
                w.append(c);
                inWord = true;
            }
        }
        if (quote != 0) {
            throw new IllegalArgumentException("unclosed " + quote + " in: " + line);
        }
        if (inWord) {
            words.add(w.toString());
        }
        return words;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean supports(Role role) {
        return (role == Role.PUBLISH ? publish : play) != null;
    }

    /** The program both commands start with, as given (for a check that it exists). */
    public List<String> programs() {
        List<String> p = new ArrayList<>();
        if (publish != null) {
            p.add(publish.get(0));
        }
        if (play != null && !p.contains(play.get(0))) {
            p.add(play.get(0));
        }
        return p;
    }

    @Override
    public void publish(Path flv, String url) throws Exception {
        requireRole(publish, "publish");
        Path dir = Files.createTempDirectory("scorecard-publish");
        try {
            run(fill(publish, url, flv, null), dir);
        } finally {
            deleteQuietly(dir);
        }
    }

    @Override
    public void play(String url, Consumer<FlvTag> delivered) throws Exception {
        requireRole(play, "play");
        Path dir = Files.createTempDirectory("scorecard-play");
        Path out = dir.resolve("played.flv");
        try {
            Exception failed = null;
            try {
                run(fill(play, url, null, out), dir);
            } catch (IOException | ClientCrashedException e) {
                failed = e;
            }
            deliverWhatWasWritten(out, delivered);
            if (failed != null) {
                throw failed;
            }
        } finally {
            deleteQuietly(dir);
        }
    }

    private void requireRole(List<String> command, String role) {
        if (command == null) {
            throw new UnsupportedOperationException(name + " has no " + role + " command");
        }
    }

    /** The tags of the file up to where it stops being whole FLV: what the player delivered. */
    private static void deliverWhatWasWritten(Path out, Consumer<FlvTag> delivered) {
        if (!Files.isRegularFile(out)) {
            return;
        }
        try (FlvReader r = new FlvReader(Files.newInputStream(out))) {
            for (FlvTag t = r.next(); t != null; t = r.next()) {
                delivered.accept(t);
            }
        } catch (IOException e) {
            // a file cut short: the tags before the cut were delivered
        }
    }

    private static List<String> fill(List<String> words, String url, Path flv, Path out) {
        List<String> filled = new ArrayList<>();
        for (String w : words) {
            w = w.replace("{url}", url);
            if (flv != null) {
                w = w.replace("{flv}", flv.toString());
            }
            if (out != null) {
                w = w.replace("{out}", out.toString());
            }
            filled.add(w);
        }
        return filled;
    }

    /** Runs the command in {@code dir}; an interrupt kills it. */
    private static void run(List<String> command, Path dir) throws IOException, InterruptedException,
            ClientCrashedException {
        Path log = dir.resolve("output.log");
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(nullDevice())).start();
        int rc;
        try {
            rc = p.waitFor();
        } catch (InterruptedException e) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw e;
        }
        if (rc == 0) {
            return;
        }
        String output = lastLine(log);
        if (rc > SIGNAL_BASE && rc <= SIGNAL_BASE + LAST_SIGNAL) {
            throw new ClientCrashedException("killed by signal " + (rc - SIGNAL_BASE) + output);
        }
        throw new IOException("exit " + rc + output);
    }

    private static java.io.File nullDevice() {
        return new java.io.File(System.getProperty("os.name", "").startsWith("Windows") ? "NUL" : "/dev/null");
    }

    private static String lastLine(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.ISO_8859_1).stream()
                    .filter(l -> !l.isBlank()).toList();
            if (lines.isEmpty()) {
                return "";
            }
            String last = lines.get(lines.size() - 1).strip();
            return ": " + (last.length() > QUOTED_OUTPUT ? last.substring(0, QUOTED_OUTPUT) + "..." : last);
        } catch (IOException e) {
            return "";
        }
    }

    private static void deleteQuietly(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind
        }
    }

    @Override
    public String toString() {
        return name + " (publish: " + (publish == null ? "-" : String.join(" ", publish)) + "; play: "
                + (play == null ? "-" : String.join(" ", play)) + ")";
    }
}
