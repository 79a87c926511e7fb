package org.nativertmp.cli;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.nativertmp.flv.FlvReader;
import org.nativertmp.testkit.scorecard.CommandClient;
import org.nativertmp.testkit.scorecard.Corpus;
import org.nativertmp.testkit.scorecard.LibrtmpClient;
import org.nativertmp.testkit.scorecard.Scenario;
import org.nativertmp.testkit.scorecard.Scorecard;
import org.nativertmp.testkit.scorecard.ScorecardClient;
import org.nativertmp.testkit.scorecard.ScorecardResult;
import org.nativertmp.testkit.scorecard.ScorecardRow;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code scorecard}: runs a client through the corpus of server-driven scenarios, librtmp as the
 * reference, and prints one row per scenario; {@code --html} and {@code --json} write the same
 * table as a page and as data.
 */
@Command(name = "scorecard",
        description = {"Run an RTMP client through server-driven scenarios and compare it with librtmp in each.",
            "In each scenario the server does something clients trip over (odd chunking, extended timestamps, control "
                + "messages, statuses early or late, calls on the client); what the client sent, what it delivered and "
                + "how it ended are compared with what librtmp did there, measured in the same run.",
            "The client is librtmp itself (--client librtmp) or a program: --publish-command and --play-command, "
                + "with {url} (the stream's URL), {flv} (the FLV file to publish) and {out} (the FLV file a player "
                + "writes) in them, split into words as a shell would but run without one; exit code 0 is success.",
            "Each row says same, differs (one line per difference; those of the role's baseline row are left out) "
                + "or failed (the client hung or crashed), with the rule of the specification the scenario checks and "
                + "who keeps it.",
            "Exit code 0 when the scorecard ran, whatever the verdicts; 2 on a usage error."})
final class ScorecardCommand implements Callable<Integer> {
    @Mixin
    HelpOption help;

    @Option(names = "--client", paramLabel = "NAME", description = "A built-in client: librtmp (through NativeRtmp).")
    String client;

    @Option(names = "--publish-command", paramLabel = "COMMAND",
            description = "The command that publishes {flv} to {url}, e.g. 'ffmpeg -nostdin -loglevel error -i {flv} "
                    + "-c copy -copyts -f flv {url}'. Without it, no publish scenario runs.")
    String publishCommand;

    @Option(names = "--play-command", paramLabel = "COMMAND",
            description = "The command that plays {url} into the FLV file {out}, e.g. 'ffmpeg -nostdin -loglevel error "
                    + "-y -i {url} -c copy -copyts -flvflags no_metadata -f flv {out}'. Without it, no play scenario runs.")
    String playCommand;

    @Option(names = "--name", paramLabel = "NAME",
            description = "What the report calls the commands' client. Default: the program's file name.")
    String name;

    @Option(names = "--scenario", paramLabel = "NAME",
            description = "Run only this scenario (repeatable); its role's baseline runs too. Default: all.")
    List<String> scenarios = new ArrayList<>();

    @Option(names = "--list", description = "List the scenarios (name, role, description, specification) and exit.")
    boolean list;

    @Option(names = "--flv", paramLabel = "FILE",
            description = "Publish and play this FLV's tags (an onMetaData script tag first). Default: two seconds of "
                    + "generated Sorenson H.263 and PCM that ffmpeg can probe.")
    Path flv;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "20",
            description = "A client run that takes longer is stopped and counts as hung. Default: ${DEFAULT-VALUE}.")
    int timeoutSeconds;

    @Option(names = "--html", paramLabel = "FILE", description = "Also write the scorecard as one self-contained HTML page.")
    Path html;

    @Option(names = "--json", paramLabel = "FILE",
            description = "Also write it as JSON: {\"scenarios\": [{\"name\": …, \"role\": …, \"verdict\": …, "
                    + "\"differences\": […], …}]}.")
    Path json;

    @Mixin
    LibrtmpLogOption librtmpLog;

    @Override
    public Integer call() throws IOException, InterruptedException {
        List<Scenario> corpus;
        try {
            corpus = flv == null ? Corpus.scenarios() : Corpus.scenarios(FlvReader.readAll(flv));
        } catch (IOException | IllegalArgumentException e) {
            return CliArguments.usage("--flv " + flv + ": " + e.getMessage());
        }
        if (list) {
            for (Scenario s : corpus) {
                System.out.println(s.name() + "  " + s.role().word() + "  " + s.description() + " [" + s.spec() + "]");
            }
            return 0;
        }
        if (timeoutSeconds < 1) {
            return CliArguments.usage("--timeout must be at least 1 second, not " + timeoutSeconds);
        }
        ScorecardClient c;
        try {
            c = client();
        } catch (IllegalArgumentException e) {
            return CliArguments.usage(e.getMessage());
        }
        Scorecard.Builder builder = Scorecard.builder(c).scenarios(corpus).timeout(Duration.ofSeconds(timeoutSeconds))
                .progress(row -> System.err.println(progress(row)));
        Scorecard all = builder.build();
        List<Scenario> chosen;
        try {
            chosen = chosen(all);
        } catch (IllegalArgumentException e) {
            return CliArguments.usage(e.getMessage());
        }
        ScorecardResult result = (chosen.size() == all.scenarios().size() ? all : builder.scenarios(chosen).build()).run();
        System.out.print(result.toText());
        if (html != null) {
            Files.writeString(html, result.toHtml(), StandardCharsets.UTF_8);
        }
        if (json != null) {
            Files.writeString(json, result.toJson(), StandardCharsets.UTF_8);
        }
        return 0;
    }

    private ScorecardClient client() {
        boolean commands = publishCommand != null || playCommand != null;
        if (client == null && !commands) {
            throw new IllegalArgumentException("give --client librtmp, or --publish-command and/or --play-command");
        }
        if (client != null && commands) {
            throw new IllegalArgumentException("--client and the commands are two ways of naming the client: give one");
        }
        if (client != null) {
            if (!client.equals("librtmp")) {
                throw new IllegalArgumentException("--client: the built-in client is librtmp, not '" + client + "'");
            }
            return new LibrtmpClient();
        }
        CommandClient c = name != null ? CommandClient.of(name, publishCommand, playCommand)
                : CommandClient.of(publishCommand, playCommand);
        for (String program : c.programs()) {
            if (!runnable(program)) {
                throw new IllegalArgumentException("no program '" + program + "' (not a file, nor on PATH)");
            }
        }
        return c;
    }

    /** The scenarios asked for, each with its role's baseline before it, in the corpus's order. */
    private List<Scenario> chosen(Scorecard all) {
        if (scenarios.isEmpty()) {
            return all.scenarios();
        }
        List<String> wanted = new ArrayList<>();
        for (String n : scenarios) {
            Scenario s = all.scenario(n);
            wanted.add(n);
            Corpus.baseline(all.scenarios(), s.role()).ifPresent(b -> wanted.add(b.name()));
        }
        return all.scenarios().stream().filter(s -> wanted.contains(s.name())).toList();
    }

    private static boolean runnable(String program) {
        if (program.contains(File.separator)) {
            return Files.isExecutable(Path.of(program));
        }
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    private static String progress(ScorecardRow row) {
        return row.name() + ": " + row.verdict().word()
                + (row.differences().isEmpty() ? "" : " (" + row.differences().size() + " differences)");
    }
}
