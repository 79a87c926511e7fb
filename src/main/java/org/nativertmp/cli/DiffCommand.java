package org.nativertmp.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.nativertmp.testkit.CompareOptions;
import org.nativertmp.testkit.WireComparison;
import org.nativertmp.testkit.WireTranscript;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code diff}: compares two transcripts that {@code record} saved, at a chosen level. */
@Command(name = "diff",
        description = {"Compare two client transcripts saved by 'record' and print every difference.",
            "EXPECTED and ACTUAL are connection-N.rtmp files (or the connection-N.txt beside them); "
                + "a connection-N.server.rtmp beside one adds what the server sent, for the handshake's echo check.",
            "Levels: exact compares byte for byte (only C1's time and random bytes and C2 are not compared); "
                + "messages ignores how messages were cut into chunks; semantic compares commands decoded "
                + "(unordered properties, no transaction ids, no handshake bytes, no acknowledgement offsets, "
                + "@setDataFrame removed).",
            "The report starts with a summary per message type, then lists each difference with the messages "
                + "aligned, so that one extra command is one entry.",
            "Exit code 0: identical at the level; 1: different; 2: usage error."})
final class DiffCommand implements Callable<Integer> {
    @Mixin
    HelpOption help;

    @Parameters(index = "0", paramLabel = "EXPECTED", description = "The reference transcript (e.g. librtmp's).")
    Path expected;

    @Parameters(index = "1", paramLabel = "ACTUAL", description = "The transcript to check against it.")
    Path actual;

    @Option(names = "--level", paramLabel = "LEVEL", defaultValue = "exact",
            description = "exact, messages or semantic. Default: ${DEFAULT-VALUE}.")
    String level;

    @Option(names = "--html", paramLabel = "FILE",
            description = "Also write the report as one self-contained HTML page: the summary on top, "
                    + "then both transcripts side by side, aligned message by message, differences highlighted.")
    Path html;

    @Override
    public Integer call() throws IOException {
        CompareOptions options;
        try {
            options = CompareOptions.of(CompareOptions.Level.of(level));
        } catch (IllegalArgumentException e) {
            return CliArguments.usage("--level: " + e.getMessage());
        }
        WireTranscript e = load(expected);
        WireTranscript a = load(actual);
        WireComparison c = WireTranscript.compare(e, a, options);
        if (html != null) {
            Files.writeString(html, c.toHtml(), StandardCharsets.UTF_8);
        }
        if (c.isIdentical()) {
            System.out.println("same: " + e.messages().size() + " messages, " + e.raw().length
                    + " bytes, identical at level " + options.level().name().toLowerCase(java.util.Locale.ROOT));
        } else {
            System.out.println("differ: " + c.firstDifference().orElseThrow().description());
        }
        System.out.print(c);
        return c.isIdentical() ? 0 : 1;
    }

    /**
     * The client's raw bytes file (given the readable .txt, the .rtmp beside it), with the
     * server's bytes from the .server.rtmp beside it when there is one.
     */
    static WireTranscript load(Path p) throws IOException {
        String name = p.getFileName().toString();
        String base = name.endsWith(".txt") || name.endsWith(".rtmp") ? name.substring(0, name.lastIndexOf('.')) : name;
        Path client = name.endsWith(".txt") ? p.resolveSibling(base + ".rtmp") : p;
        Path server = p.resolveSibling(base + RecordCommand.SERVER_SUFFIX);
        byte[] serverBytes = Files.isRegularFile(server) ? Files.readAllBytes(server) : new byte[0];
        return WireTranscript.parse(Files.readAllBytes(client), serverBytes).named(client.getFileName().toString());
    }
}
