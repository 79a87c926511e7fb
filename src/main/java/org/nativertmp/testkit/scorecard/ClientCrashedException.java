package org.nativertmp.testkit.scorecard;

/** Thrown by a {@link ScorecardClient} whose client died rather than reporting an error (a signal, say). */
public final class ClientCrashedException extends Exception {
    private static final long serialVersionUID = 1L;

    public ClientCrashedException(String message) {
        super(message);
    }
}
