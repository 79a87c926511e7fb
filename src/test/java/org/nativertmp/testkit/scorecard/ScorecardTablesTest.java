package org.nativertmp.testkit.scorecard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The ffmpeg and Red5 tables of docs/comparing.md agree with what FfmpegScorecardTest and
 * Red5ScorecardTest assert: one row per scenario of the corpus, "differs" where a row is expected
 * to differ and "same" everywhere else (a Red5 play row that varies from run to run may show
 * either).
 */
class ScorecardTablesTest {
    private static final Path GUIDE = Path.of("docs", "comparing.md");
    private static final Pattern ROW = Pattern.compile("^\\| `([a-z0-9-]+)` \\| (publish|play) \\| (same|differs|failed) \\|",
            Pattern.MULTILINE);

    @Test
    void ffmpegsTableHasTheVerdictsItsTestAsserts() throws IOException {
        Map<String, String> rows = table("ffmpeg 5.1 with the commands shown above");
        assertEquals(corpus(), List.copyOf(rows.keySet()));
        rows.forEach((name, verdict) -> assertEquals(
                FfmpegScorecardTest.EXPECTED.differing().contains(name) ? "differs" : "same", verdict, name));
    }

    @Test
    void red5sTableHasTheVerdictsItsTestAsserts() throws IOException {
        Map<String, String> rows = table("Red5's pure-Java client");
        assertEquals(corpus(), List.copyOf(rows.keySet()));
        rows.forEach((name, verdict) -> {
            if (!Red5ScorecardTest.EXPECTED.differing().contains(name)) {
                assertEquals("same", verdict, name);
            } else {
                assertTrue(!verdict.equals("failed"), name + " failed");
            }
        });
    }

    /** The verdicts of the first table after {@code heading}, by scenario, in their order. */
    private static Map<String, String> table(String heading) throws IOException {
        String guide = Files.readString(GUIDE, StandardCharsets.UTF_8);
        int from = guide.indexOf(heading, guide.indexOf("## The scorecard"));
        assertTrue(from >= 0, "no \"" + heading + "\" in " + GUIDE);
        int start = guide.indexOf("\n| scenario |", from);
        int end = guide.indexOf("\n\n", start + 1);
        Map<String, String> rows = new LinkedHashMap<>();
        Matcher m = ROW.matcher(guide.substring(start + 1, end < 0 ? guide.length() : end));
        while (m.find()) {
            rows.put(m.group(1), m.group(3));
        }
        return rows;
    }

    private static List<String> corpus() {
        return Corpus.scenarios().stream().map(Scenario::name).toList();
    }
}
