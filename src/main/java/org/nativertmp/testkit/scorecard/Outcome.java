package org.nativertmp.testkit.scorecard;

/**
 * How one client run ended, as its application would see it.
 *
 * @param kind   completed, reported an error, hung or crashed
 * @param detail what the client said (an exception's message, an exit code and the last line it
 *               printed); empty when it completed
 */
public record Outcome(Kind kind, String detail) {
    /** The four ways a run ends. */
    public enum Kind {
        /** Returned normally (exit code 0). */
        COMPLETED,
        /** Reported an error itself (an exception, a non-zero exit code). */
        ERROR,
        /** Did not finish within the scenario's time limit and was stopped. */
        HUNG,
        /** Died: a JVM error, or a process killed by a signal. */
        CRASHED;

        /** "completed", "error", "hung", "crashed". */
        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public Outcome {
        detail = detail == null ? "" : detail;
    }

    public static Outcome completed() {
        return new Outcome(Kind.COMPLETED, "");
    }

    /** Hung or crashed: not a way a client may end, whatever the server did. */
    public boolean failed() {
        return kind == Kind.HUNG || kind == Kind.CRASHED;
    }

    /** "completed", or the kind and the detail: "error: exit 1: Connection reset by peer". */
    @Override
    public String toString() {
        return detail.isEmpty() ? kind.word() : kind.word() + ": " + detail;
    }
}
