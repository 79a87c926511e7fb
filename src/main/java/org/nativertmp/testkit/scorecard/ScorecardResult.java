package org.nativertmp.testkit.scorecard;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.nativertmp.testkit.CompareOptions;

/**
 * The scorecard of one client: one row per scenario, as text ({@link #toText()}), a Markdown
 * table ({@link #toMarkdown()}), one self-contained HTML page ({@link #toHtml()}) and JSON
 * ({@link #toJson()}: {@code {"scenarios":[{"name":…,"role":"publish"|"play",
 * "verdict":"same"|"differs"|"failed","differences":[…]}, …]}} and more fields).
 *
 * @param client    the client's name
 * @param reference the reference's name ("librtmp")
 * @param options   the level what was sent was compared at
 * @param rows      one per scenario, in the order run
 * @param elapsed   how long the run took
 */
public record ScorecardResult(String client, String reference, CompareOptions options, List<ScorecardRow> rows,
        Duration elapsed) {
    public ScorecardResult {
        rows = List.copyOf(rows);
    }

    /** The row of the scenario named {@code name}. */
    public Optional<ScorecardRow> row(String name) {
        return rows.stream().filter(r -> r.name().equals(name)).findFirst();
    }

    /** How many rows have this verdict. */
    public long count(Verdict verdict) {
        return rows.stream().filter(r -> r.verdict() == verdict).count();
    }

    /** "ffmpeg against librtmp: 48 scenarios, 20 same, 26 differ, 2 failed (semantic level, 95 s)". */
    public String summary() {
        return client + " against " + reference + ": " + rows.size() + " scenarios, " + count(Verdict.SAME) + " same, "
                + count(Verdict.DIFFERS) + " differ, " + count(Verdict.FAILED) + " failed (" + options.level().name()
                .toLowerCase(java.util.Locale.ROOT) + " level, " + Math.max(1, elapsed.toSeconds()) + " s)";
    }

    /** For people at a terminal: the summary, then each row with its differences and rule beneath it. */
    public String toText() {
        StringBuilder sb = new StringBuilder("scorecard: ").append(summary()).append('\n');
        sb.append("(a row leaves out the differences its role's baseline row shows)\n");
        int width = rows.stream().mapToInt(r -> r.name().length()).max().orElse(10);
        for (ScorecardRow r : rows) {
            sb.append('\n').append(String.format("%-" + width + "s  %-7s  %-7s", r.name(), r.scenario().role().word(),
                    r.verdict().word()));
            if (r.baselineDifferences() > 0) {
                sb.append("  (").append(r.baselineDifferences()).append(" as in the baseline)");
            }
            sb.append("\n    ").append(r.scenario().description()).append(" [").append(r.scenario().spec()).append("]\n");
            for (String d : r.differences()) {
                sb.append("    - ").append(d).append('\n');
            }
            if (!r.specNote().isEmpty()) {
                sb.append("    rule ").append(r.specNote()).append('\n');
            }
        }
        return sb.toString();
    }

    /** A Markdown table: scenario, role, verdict, differences (one per line), the rule and who keeps it. */
    public String toMarkdown() {
        StringBuilder sb = new StringBuilder("| scenario | role | verdict | differences from " + reference
                + " | rule of the specification |\n|---|---|---|---|---|\n");
        for (ScorecardRow r : rows) {
            sb.append("| `").append(r.name()).append("` | ").append(r.scenario().role().word()).append(" | ")
                    .append(r.verdict().word()).append(" | ").append(cell(r.differences())).append(" | ")
                    .append(markdown(r.specNote())).append(" |\n");
        }
        return sb.toString();
    }

    private static String cell(List<String> lines) {
        return String.join("<br>", lines.stream().map(ScorecardResult::markdown).toList());
    }

    private static String markdown(String s) {
        return s.replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** One self-contained HTML page (no script, no external resource). */
    public String toHtml() {
        return ScorecardHtml.render(this);
    }

    /** The whole result as JSON. */
    public String toJson() {
        return ScorecardJson.render(this);
    }
}
