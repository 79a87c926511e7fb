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
        description = {"Compare two client transcripts saved by 'record' and print how they differ.",
            "EXPECTED and ACTUAL are connection-N.rtmp files (or the connection-N.txt beside them); "
                + "a connection-N.server.rtmp beside one adds what the server sent, for the handshake's echo check.",
            "Levels: exact compares byte for byte (only C1's time and random bytes and C2 are not compared); "
                + "messages ignores how messages were cut into chunks; semantic compares commands decoded "
                + "(unordered properties, no transaction ids, no handshake bytes, no acknowledgement offsets, "
                + "@setDataFrame removed).",
            "The report starts with a summary per message type, then lists the differences with the messages "
                + "aligned, so that one extra command is one entry.",
            "Exit code 0: identical at the level; 1: different; 2: usage error (a file that is missing or "
                + "not a transcript among them)."})
final class DiffCommand implements Callable<Integer> {
    /** C0 of a plain RTMP handshake, and of RTMPE's (RTMP 1.0, section 5.2.2). */
    private static final int RTMP_VERSION = 3;
    private static final int RTMPE_VERSION = 6;

    @Mixin
    HelpOption help;

    @Parameters(index = "0", paramLabel = "EXPECTED", description = "The reference transcript (e.g. librtmp's).")
    Path expected;

    @Parameters(index = "1", paramLabel = "ACTUAL", description = "The transcript to check against it.")
    Path actual;

    @Option(names = "--level", paramLabel = "LEVEL", defaultValue = "exact",
            description = "exact, messages or semantic. Default: ${DEFAULT-VALUE}.")
    String level;

    @Option(names = "--max-differences", paramLabel = "N", defaultValue = "20",
            description = "List at most N differences after the summary (0: all). Default: ${DEFAULT-VALUE}.")
    int maxDifferences;

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
        if (maxDifferences < 0) {
            return CliArguments.usage("--max-differences must not be negative, not " + maxDifferences);
        }
        WireTranscript e;
        WireTranscript a;
        try {
            e = load(expected);
            a = load(actual);
        } catch (NotATranscriptException notOne) {
            return CliArguments.usage(notOne.getMessage());
        }
        WireComparison c = WireTranscript.compare(e, a, options);
        if (html != null) {
            Files.writeString(html, c.toHtml(), StandardCharsets.UTF_8);
        }
        String at = " at level " + options.level().name().toLowerCase(java.util.Locale.ROOT);
        if (c.isIdentical()) {
            System.out.println("same: " + e.messages().size() + " messages, " + e.raw().length + " bytes, identical" + at);
        } else {
            int n = c.differences().size();
            System.out.println("differ: " + n + (n == 1 ? " difference" : " differences") + at + ", the first: "
                    + c.firstDifference().orElseThrow().description());
        }
        System.out.print(c.toString(maxDifferences));
        return c.isIdentical() ? 0 : 1;
    }

    /** A file that is not a client transcript: a usage error, not a difference. */
    static final class NotATranscriptException extends Exception {
        private static final long serialVersionUID = 1L;

        NotATranscriptException(String message) {
            super(message);
        }
    }

    /**
     * The client's raw bytes file (given the readable .txt, the .rtmp beside it), with the
     * server's bytes from the .server.rtmp beside it when there is one.
     */
    static WireTranscript load(Path p) throws IOException, NotATranscriptException {
        String name = p.getFileName().toString();
        String base = name.endsWith(".txt") || name.endsWith(".rtmp") ? name.substring(0, name.lastIndexOf('.')) : name;
        Path client = name.endsWith(".txt") ? p.resolveSibling(base + ".rtmp") : p;
        if (!Files.isRegularFile(client)) {
            throw new NotATranscriptException("no such file: " + client + (client.equals(p) ? ""
                    : " (the client's bytes that 'record' writes beside " + name + ")"));
        }
        byte[] clientBytes = Files.readAllBytes(client);
        String notOne = notATranscript(clientBytes);
        if (notOne != null) {
            throw new NotATranscriptException(client + " is not a transcript saved by 'record': " + notOne
                    + "; give a connection-N.rtmp (or the connection-N.txt beside it)");
        }
        Path server = p.resolveSibling(base + RecordCommand.SERVER_SUFFIX);
        byte[] serverBytes = Files.isRegularFile(server) ? Files.readAllBytes(server) : new byte[0];
        return WireTranscript.parse(clientBytes, serverBytes).named(client.getFileName().toString());
    }

    /**
     * Why these bytes cannot be what a client sent, or null: an RTMP client starts with C0, the
     * version byte, 3 (RTMP 1.0, section 5.2.2; 6 for RTMPE).
     */
    private static String notATranscript(byte[] b) {
        if (b.length == 0) {
            return "it is empty";
        }
        if (b.length >= 3 && b[0] == 'F' && b[1] == 'L' && b[2] == 'V') {
            return "it is an FLV file";
        }
        if (b[0] != RTMP_VERSION && b[0] != RTMPE_VERSION) {
            return String.format("a client's bytes start with the RTMP version 3, this file with 0x%02x", b[0] & 0xFF);
        }
        return null;
    }
}
