package org.nativertmp.testkit.junit;

import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.nativertmp.testkit.scorecard.Scenario;
import org.nativertmp.testkit.scorecard.Scorecard;
import org.nativertmp.testkit.scorecard.ScorecardClient;
import org.nativertmp.testkit.scorecard.ScorecardRow;
import org.nativertmp.testkit.scorecard.Verdict;
import org.opentest4j.AssertionFailedError;

/**
 * The scorecard as JUnit 5 dynamic tests, one per scenario: each runs librtmp and the client
 * through its scenario and fails, with the row's differences, unless the client reacts as
 * librtmp does.
 *
 * <pre>{@code
 * @TestFactory
 * Stream<DynamicTest> reactsToServersAsLibrtmpDoes() {
 *     return ScorecardTests.dynamicTests(new MyScorecardClient());
 * }
 * }</pre>
 */
public final class ScorecardTests {
    private ScorecardTests() {
    }

    /** One test per scenario of the corpus, each failing unless its row is "same". */
    public static Stream<DynamicTest> dynamicTests(ScorecardClient client) {
        return dynamicTests(Scorecard.of(client), Set.of());
    }

    /**
     * One test per scenario of {@code scorecard}: a scenario named in {@code knownDifferences}
     * must differ (its test fails once the client reacts as librtmp does, so that the list stays
     * true), every other must be the same; a client that hangs or crashes fails either way.
     */
    public static Stream<DynamicTest> dynamicTests(Scorecard scorecard, Set<String> knownDifferences) {
        Set<String> unknown = new HashSet<>(knownDifferences);
        scorecard.scenarios().forEach(s -> unknown.remove(s.name()));
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("no such scenarios: " + unknown);
        }
        return scorecard.scenarios().stream().map(s -> DynamicTest.dynamicTest(s.name() + ": " + s.description(),
                () -> check(scorecard.run(s), knownDifferences.contains(s.name()))));
    }

    private static void check(ScorecardRow row, boolean knownToDiffer) {
        Verdict expected = knownToDiffer ? Verdict.DIFFERS : Verdict.SAME;
        if (row.verdict() != expected) {
            throw new AssertionFailedError(describe(row, expected), expected.word(), row.verdict().word());
        }
    }

    private static String describe(ScorecardRow row, Verdict expected) {
        Scenario s = row.scenario();
        StringBuilder sb = new StringBuilder(row.client().client()).append(" in ").append(s.name()).append(" (")
                .append(s.spec()).append("): ").append(row.verdict().word()).append(", expected ").append(expected.word());
        for (String d : row.differences()) {
            sb.append("\n  - ").append(d);
        }
        if (!row.specNote().isEmpty()) {
            sb.append("\n  rule ").append(row.specNote());
        }
        return sb.toString();
    }
}
