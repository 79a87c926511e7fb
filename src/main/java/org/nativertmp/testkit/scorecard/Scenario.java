package org.nativertmp.testkit.scorecard;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.nativertmp.flv.FlvTag;
import org.nativertmp.testkit.ServerScript;

/**
 * One thing a server does, and what the client under test does about it: a name
 * ({@code publish-window-100}), the role the client takes, a one-line description, the section
 * of the specification it concerns, the server's script, the FLV tags a publishing client
 * publishes, and the rule checked, if any. A value: write your own and run them with the corpus
 * ({@link Scorecard.Builder#scenarios}).
 *
 * @param name        lower case words joined by '-'
 * @param role        publish or play
 * @param description one line: what the server does
 * @param spec        the section concerned: "5.4.1 Set Chunk Size"
 * @param script      what the server does on the connection
 * @param publishTags what a publishing client publishes (empty for play)
 * @param check       the rule checked on every client, or {@link SpecCheck#NONE}
 */
public record Scenario(String name, Role role, String description, String spec, ServerScript script,
        List<FlvTag> publishTags, SpecCheck check) {
    private static final Pattern NAME = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    public Scenario {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a scenario name is lower case words joined by '-', not '" + name + "'");
        }
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(script, "script");
        publishTags = List.copyOf(publishTags);
        Objects.requireNonNull(check, "check");
        if (role == Role.PUBLISH && publishTags.isEmpty()) {
            throw new IllegalArgumentException(name + ": a publish scenario needs tags to publish");
        }
    }

    /** A scenario in which the client publishes {@code tags}. */
    public static Scenario publish(String name, String description, String spec, ServerScript script, List<FlvTag> tags) {
        return new Scenario(name, Role.PUBLISH, description, spec, script, tags, SpecCheck.NONE);
    }

    /** A scenario in which the client plays what the script sends. */
    public static Scenario play(String name, String description, String spec, ServerScript script) {
        return new Scenario(name, Role.PLAY, description, spec, script, List.of(), SpecCheck.NONE);
    }

    /** This scenario, checking {@code rule} on every client. */
    public Scenario checking(SpecCheck rule) {
        return new Scenario(name, role, description, spec, script, publishTags, rule);
    }

    @Override
    public String toString() {
        return name + " (" + role.word() + "): " + description;
    }
}
