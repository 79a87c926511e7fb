package org.nativertmp.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.nativertmp.cli.CliReference;
import org.nativertmp.docs.MarkdownPage.FencedBlock;
import picocli.CommandLine;

/**
 * The shell commands in README.md and docs/*.md name things that exist. Which lines are
 * commands: every line of a {@code sh}, {@code bash} or {@code shell} block (comments dropped,
 * {@code \} continuations joined), every line starting with {@code $ } in any other block except
 * {@code java} (a terminal transcript), and inline code that starts with {@code java -jar} or
 * {@code mvn}. What is checked, per simple command ({@link ShellCommand}):
 *
 * <ul>
 *   <li>{@code java -jar target/native-rtmp-cli.jar ARGS}: picocli parses ARGS against the CLI's
 *       own specification: the subcommand, every option and the number of parameters must fit.
 *       (Another jar under target/ is build output and not checked.)</li>
 *   <li>{@code mvn}: every {@code -P} profile is declared in pom.xml, and every {@code -D}
 *       property of the project's own ({@code native.*}, {@code rtmpdump.*},
 *       {@code nativertmp.*}) is one pom.xml uses.</li>
 *   <li>{@code docker build}, {@code podman build} and {@code native/container/build-image.sh}:
 *       {@code --target NAME} is a stage of the Dockerfile.</li>
 *   <li>Every word that is a path into the repository (a relative path whose first part exists at
 *       the project's root; not under target/ or dist/, which builds make, and without shell
 *       expansions) exists: the scripts run and the files read.</li>
 * </ul>
 *
 * Other programs (ffmpeg, apt-get, shasum, your own client) are taken as written: what they do
 * is theirs to document. Nothing here is run: the commands that matter run in CI (the README's
 * test command) or in the tests of the features they show.
 */
class ShellSnippetsTest {
    private static final String CLI_JAR = "target/native-rtmp-cli.jar";
    private static final Set<String> SHELL_LANGUAGES = Set.of("sh", "bash", "shell");
    private static final Pattern INLINE_CODE = Pattern.compile("`([^`]+)`");
    private static final Pattern REPO_PATH = Pattern.compile("(?:\\./)?([\\w.+-]+)(?:/[\\w.+-]+)+/?");
    private static final Pattern PROJECT_PROPERTY = Pattern.compile("-D((?:native|rtmpdump|nativertmp)\\.[\\w.]+)(=.*)?");
    private static final Pattern STAGE = Pattern.compile("(?im)^FROM\\s+\\S+\\s+AS\\s+(\\S+)\\s*$");

    @Test
    void everyCommandInTheDocsNamesWhatExists() throws IOException {
        List<ShellCommand> commands = new ArrayList<>();
        for (MarkdownPage page : MarkdownPage.all()) {
            commands.addAll(commandsOf(page));
        }
        assertTrue(commands.stream().anyMatch(c -> c.words().contains(CLI_JAR)),
                "no CLI command found in the docs: the extraction is broken");
        List<String> problems = new ArrayList<>();
        for (ShellCommand command : commands) {
            problems.addAll(problemsOf(command));
        }
        assertEquals("", String.join("\n", problems));
    }

    @Test
    void aWrongCommandIsReportedWithItsPageAndLine() throws IOException {
        MarkdownPage page = new MarkdownPage(Path.of("docs", "example.md"), List.of(
                "```sh",
                "java -jar target/native-rtmp-cli.jar publsh in.flv rtmp://127.0.0.1/live/x",
                "java -jar target/native-rtmp-cli.jar play rtmp://127.0.0.1/live/x out.flv --no-such-option",
                "bash native/no-such-script.sh && mvn -B package -Pno-such-profile -Dnative.platfroms=all",
                "docker build --target no-such-stage .",
                "```",
                "Run `java -jar target/native-rtmp-cli.jar version --bad`."));
        List<String> problems = new ArrayList<>();
        for (ShellCommand command : commandsOf(page)) {
            problems.addAll(problemsOf(command));
        }
        String text = String.join("\n", problems);
        assertEquals(7, problems.size(), text);
        assertTrue(problems.get(0).startsWith("docs/example.md:2: "), text);
        assertTrue(text.contains("publsh"), text);
        assertTrue(text.contains("--no-such-option"), text);
        assertTrue(text.contains("native/no-such-script.sh"), text);
        assertTrue(text.contains("no-such-profile"), text);
        assertTrue(text.contains("native.platfroms"), text);
        assertTrue(text.contains("no-such-stage"), text);
        assertTrue(problems.get(6).startsWith("docs/example.md:7: "), text);
    }

    @Test
    void theCommandsOfALineAreSplitAsTheShellWould() {
        List<ShellCommand> commands = ShellCommand.split(
                "ffmpeg -i \"in file.flv\" -f flv - 2>&1 | X=1 java -jar a.jar publish - url && "
                        + "apt-get install $(bash native/container/ci-packages.sh verify) > log", "x:1");
        assertEquals(List.of(List.of("ffmpeg", "-i", "in file.flv", "-f", "flv", "-"),
                List.of("java", "-jar", "a.jar", "publish", "-", "url"),
                List.of("apt-get", "install"),
                List.of("bash", "native/container/ci-packages.sh", "verify")),
                commands.stream().map(ShellCommand::words).toList());
    }

    static List<ShellCommand> commandsOf(MarkdownPage page) {
        List<ShellCommand> commands = new ArrayList<>();
        for (FencedBlock block : page.blocks()) {
            if (block.language().equals("java")) {
                continue;
            }
            boolean shell = SHELL_LANGUAGES.contains(block.language());
            StringBuilder joined = new StringBuilder();
            int start = -1;
            for (int i = 0; i < block.lines().size(); i++) {
                String line = block.lines().get(i);
                if (joined.isEmpty()) {
                    if (line.startsWith("$ ")) {
                        line = line.substring(2);
                    } else if (!shell || line.isBlank() || line.strip().startsWith("#")) {
                        continue;
                    }
                    start = i;
                }
                String withoutComment = line.replaceAll("(^|\\s)#.*$", "");
                if (withoutComment.endsWith("\\")) {
                    joined.append(withoutComment, 0, withoutComment.length() - 1).append(' ');
                    continue;
                }
                joined.append(withoutComment);
                commands.addAll(ShellCommand.split(joined.toString(), block.where(start)));
                joined.setLength(0);
            }
        }
        page.forEachTextLine((line, number) -> {
            Matcher code = INLINE_CODE.matcher(line);
            while (code.find()) {
                String text = code.group(1);
                if (text.startsWith("java -jar ") || text.startsWith("mvn ")) {
                    commands.addAll(ShellCommand.split(text, page.file() + ":" + number));
                }
            }
        });
        return commands;
    }

    static List<String> problemsOf(ShellCommand command) throws IOException {
        List<String> problems = new ArrayList<>();
        List<String> words = command.words();
        String program = command.program();
        int jar = words.indexOf("-jar");
        if (program.equals("java") && jar >= 0 && jar + 1 < words.size() && words.get(jar + 1).equals(CLI_JAR)) {
            String problem = cliProblem(words.subList(jar + 2, words.size()));
            if (problem != null) {
                problems.add(command + ": " + problem);
            }
        }
        if (program.equals("mvn")) {
            problems.addAll(mavenProblems(command));
        }
        boolean imageBuild = (program.equals("docker") || program.equals("podman")) && words.contains("build")
                || words.stream().anyMatch(w -> w.endsWith("native/container/build-image.sh"));
        int target = words.indexOf("--target");
        if (imageBuild && target >= 0 && target + 1 < words.size()
                && !dockerfileStages().contains(words.get(target + 1))) {
            problems.add(command + ": no stage " + words.get(target + 1) + " in the Dockerfile (" + dockerfileStages()
                    + ")");
        }
        for (String word : words) {
            Matcher path = REPO_PATH.matcher(word);
            if (path.matches() && !word.contains("$") && isRepositoryPart(path.group(1)) && !Files.exists(Path.of(word))) {
                problems.add(command + ": " + word + " does not exist");
            }
        }
        return problems;
    }

    private static boolean isRepositoryPart(String firstPart) {
        return !firstPart.equals("target") && !firstPart.equals("dist") && !firstPart.equals("..")
                && !firstPart.equals(".") && Files.exists(Path.of(firstPart));
    }

    /** What picocli finds wrong with the CLI arguments, or null. */
    private static String cliProblem(List<String> args) {
        try {
            CommandLine.ParseResult parsed = CliReference.commandLine().parseArgs(args.toArray(String[]::new));
            if (!parsed.hasSubcommand() && !parsed.isUsageHelpRequested() && !parsed.isVersionHelpRequested()) {
                return "no command given";
            }
            return null;
        } catch (CommandLine.ParameterException e) {
            return e.getMessage();
        }
    }

    private static List<String> mavenProblems(ShellCommand command) throws IOException {
        String pom = Files.readString(Path.of("pom.xml"), StandardCharsets.UTF_8);
        List<String> problems = new ArrayList<>();
        List<String> args = command.arguments();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String profiles = arg.equals("-P") && i + 1 < args.size() ? args.get(++i)
                    : arg.startsWith("-P") ? arg.substring(2) : null;
            if (profiles != null) {
                for (String profile : profiles.split(",")) {
                    String id = profile.replaceFirst("^[!-]", "");
                    if (!pom.contains("<id>" + id + "</id>")) {
                        problems.add(command + ": no profile " + id + " in pom.xml");
                    }
                }
            }
            Matcher property = PROJECT_PROPERTY.matcher(arg);
            if (property.matches() && !pom.contains("<" + property.group(1) + ">")
                    && !pom.contains("${" + property.group(1) + "}")) {
                problems.add(command + ": pom.xml knows no property " + property.group(1));
            }
        }
        return problems;
    }

    private static List<String> dockerfileStages() throws IOException {
        Matcher m = STAGE.matcher(Files.readString(Path.of("Dockerfile"), StandardCharsets.UTF_8));
        List<String> stages = new ArrayList<>();
        while (m.find()) {
            stages.add(m.group(1));
        }
        assertFalse(stages.isEmpty(), "no stage found in the Dockerfile");
        return stages;
    }
}
