package org.nativertmp.testkit.scorecard;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs a client through the whole corpus and leaves its reports in target/scorecard for people
 * to look at: NAME.txt, NAME.md, NAME.html, NAME.json.
 */
final class ScorecardRuns {
    static final Path REPORTS = Path.of("target", "scorecard");

    private ScorecardRuns() {
    }

    static ScorecardResult runAndKeep(ScorecardClient client) throws IOException, InterruptedException {
        ScorecardResult r = Scorecard.of(client).run();
        Files.createDirectories(REPORTS);
        Files.writeString(REPORTS.resolve(client.name() + ".txt"), r.toText(), StandardCharsets.UTF_8);
        Files.writeString(REPORTS.resolve(client.name() + ".md"), r.toMarkdown(), StandardCharsets.UTF_8);
        Files.writeString(REPORTS.resolve(client.name() + ".html"), r.toHtml(), StandardCharsets.UTF_8);
        Files.writeString(REPORTS.resolve(client.name() + ".json"), r.toJson(), StandardCharsets.UTF_8);
        return r;
    }
}
