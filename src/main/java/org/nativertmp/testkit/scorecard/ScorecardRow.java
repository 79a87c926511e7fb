package org.nativertmp.testkit.scorecard;

import java.util.List;
import java.util.Optional;

/**
 * One scenario's result: the verdict, each difference from librtmp in one line, and what the
 * scenario's rule of the specification says of librtmp and of the client.
 *
 * @param scenario            the scenario
 * @param verdict             same, differs or failed
 * @param differences         one line each: the outcome, the server's script, what was sent (the
 *                            kit's comparison), what was delivered; without those the role's
 *                            baseline row has too
 * @param baselineDifferences how many differences were left out because the baseline row has them
 * @param reference           what librtmp did
 * @param client              what the client under test did
 * @param referenceViolation  how librtmp broke the scenario's rule, if it did
 * @param clientViolation     how the client broke it, if it did
 */
public record ScorecardRow(Scenario scenario, Verdict verdict, List<String> differences, int baselineDifferences,
        Observation reference, Observation client, Optional<String> referenceViolation,
        Optional<String> clientViolation) {
    public ScorecardRow {
        differences = List.copyOf(differences);
    }

    public String name() {
        return scenario.name();
    }

    /**
     * The rule and who keeps it: "5.4.4: an Acknowledgement after every 100 bytes received;
     * librtmp breaks it (0 Acknowledgements for 4321 bytes received (42 or more due)), ffmpeg keeps
     * it"; empty when the scenario checks no rule.
     */
    public String specNote() {
        String rule = scenario.check().rule();
        if (rule.isEmpty()) {
            return "";
        }
        return rule + "; " + keeps(reference.client(), referenceViolation) + ", " + keeps(client.client(), clientViolation);
    }

    private static String keeps(String who, Optional<String> violation) {
        return violation.map(v -> who + " breaks it (" + v + ")").orElse(who + " keeps it");
    }

    /** Whether librtmp breaks the rule that the client keeps: the client is right by the specification here. */
    public boolean clientRightWhereLibrtmpIsNot() {
        return referenceViolation.isPresent() && clientViolation.isEmpty();
    }
}
