package org.nativertmp.testkit;

import org.nativertmp.testkit.scorecard.ScorecardClient;

/** Red5's client for tests in other packages. */
public final class Red5Clients {
    private Red5Clients() {
    }

    public static ScorecardClient red5() {
        return new Red5Client();
    }
}
