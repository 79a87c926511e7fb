package org.nativertmp.testkit.scorecard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/**
 * What a client's scorecard must say, row by row: a row named here differs (or, for a client
 * whose behaviour varies from run to run, may), every other is the same; and every difference
 * line of a row matches one of its patterns, and every pattern one of its lines. A pattern is the
 * line with {@code *} for any text.
 */
final class ExpectedRows {
    private record Expected(boolean varies, List<String> patterns, List<String> required) {
    }

    private final Map<String, Expected> rows = new LinkedHashMap<>();
    private final List<String> everywhere = new ArrayList<>();

    /** The row differs in exactly these ways. */
    ExpectedRows differs(String scenario, String... patterns) {
        rows.put(scenario, new Expected(false, List.of(patterns), List.of(patterns)));
        return this;
    }

    /**
     * The row's differences vary from run to run: each matches one of {@code required} (each of
     * which some line must match), {@code allowed} or {@link #noise}; the verdict is not "failed".
     */
    ExpectedRows varies(String scenario, List<String> required, String... allowed) {
        List<String> all = new ArrayList<>(required);
        all.addAll(List.of(allowed));
        rows.put(scenario, new Expected(true, all, required));
        return this;
    }

    /** Lines any varying row may show (a client's random loss, say); none is required. */
    ExpectedRows noise(String... patterns) {
        everywhere.addAll(List.of(patterns));
        return this;
    }

    Set<String> differing() {
        return rows.keySet();
    }

    /** One test per row of {@code result}, and one that every row named here was run. */
    Stream<DynamicTest> tests(ScorecardResult result) {
        Stream<DynamicTest> named = Stream.of(DynamicTest.dynamicTest("every expected row was run", () -> {
            for (String n : rows.keySet()) {
                assertTrue(result.row(n).isPresent(), "no row " + n);
            }
        }));
        return Stream.concat(named, result.rows().stream().map(r -> DynamicTest.dynamicTest(r.name(), () -> check(r))));
    }

    private void check(ScorecardRow row) {
        Expected e = rows.get(row.name());
        String shown = row.name() + " " + row.verdict().word() + ":\n  " + String.join("\n  ", row.differences());
        if (e == null) {
            assertEquals(Verdict.SAME, row.verdict(), shown);
            return;
        }
        if (!e.varies()) {
            assertEquals(Verdict.DIFFERS, row.verdict(), shown);
        } else {
            assertTrue(row.verdict() != Verdict.FAILED, shown);
        }
        List<String> allowed = new ArrayList<>(e.patterns());
        if (e.varies()) {
            allowed.addAll(everywhere);
        }
        for (String line : row.differences()) {
            if (allowed.stream().noneMatch(p -> matches(p, line))) {
                fail("an unexpected difference: " + line + "\n" + shown);
            }
        }
        for (String p : e.required()) {
            assertTrue(row.differences().stream().anyMatch(line -> matches(p, line)), "no line like: " + p + "\n" + shown);
        }
    }

    static boolean matches(String pattern, String line) {
        StringBuilder regex = new StringBuilder();
        for (String part : pattern.split("\\*", -1)) {
            regex.append(regex.length() > 0 || pattern.startsWith("*") ? ".*" : "").append(Pattern.quote(part));
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL).matcher(line).matches();
    }
}
