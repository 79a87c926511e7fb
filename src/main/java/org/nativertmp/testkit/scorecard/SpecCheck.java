package org.nativertmp.testkit.scorecard;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * A rule of the specification that a scenario tests, checked against what a client did: the
 * scorecard checks librtmp and the client under test alike, so that a row can say who is right
 * where they differ. librtmp is the reference for behaviour, not for correctness.
 */
public interface SpecCheck {
    /** No rule checked. */
    SpecCheck NONE = of("", o -> Optional.empty());

    /** The rule, with its section: "5.4.4: an Acknowledgement after every window of bytes received". */
    String rule();

    /** Empty when the client kept the rule; else how it broke it, in one line. */
    Optional<String> violation(Observation observation);

    /** This rule and {@code other}: kept when both are; broken as the first that is broken. */
    default SpecCheck and(SpecCheck other) {
        SpecCheck first = this;
        return of(rule() + "; " + other.rule(), o -> {
            Optional<String> v = first.violation(o);
            return v.isPresent() ? v : other.violation(o);
        });
    }

    static SpecCheck of(String rule, Function<Observation, Optional<String>> check) {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(check, "check");
        return new SpecCheck() {
            @Override
            public String rule() {
                return rule;
            }

            @Override
            public Optional<String> violation(Observation observation) {
                return check.apply(observation);
            }

            @Override
            public String toString() {
                return rule;
            }
        };
    }
}
