package org.nativertmp.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.nativertmp.testkit.WireTranscript;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code diff}: compares two transcripts that {@code record} saved. */
@Command(name = "diff",
        description = {"Compare two client transcripts saved by 'record' (connection-N.rtmp, or the .txt next to it).",
            "Ignores only C1's time and random bytes and C2 (the echo of the server's S1). "
                + "Exit code 0: the same; 1: they differ (the first difference is printed)."})
final class DiffCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "EXPECTED")
    Path expected;

    @Parameters(index = "1", paramLabel = "ACTUAL")
    Path actual;

    @Override
    public Integer call() throws IOException {
        WireTranscript e = load(expected);
        WireTranscript a = load(actual);
        Optional<String> d = e.diff(a);
        if (d.isEmpty()) {
            System.out.println("same: " + e.messages().size() + " messages, " + e.raw().length
                    + " bytes (C1's time and random bytes and C2 not compared)");
            return 0;
        }
        System.out.println("differ: " + d.get());
        return 1;
    }

    /** The raw bytes file; given the readable .txt, the .rtmp beside it. */
    static WireTranscript load(Path p) throws IOException {
        String name = p.getFileName().toString();
        if (name.endsWith(".txt")) {
            p = p.resolveSibling(name.substring(0, name.length() - 4) + ".rtmp");
        }
        return WireTranscript.parse(Files.readAllBytes(p));
    }
}
