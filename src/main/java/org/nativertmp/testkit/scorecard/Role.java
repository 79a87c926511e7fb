package org.nativertmp.testkit.scorecard;

import java.util.Locale;

/** Which side of a stream the client under test takes in a scenario. */
public enum Role {
    /** The client publishes an FLV file to the server. */
    PUBLISH,
    /** The client plays a stream the server sends. */
    PLAY;

    /** "publish" or "play", as reports and JSON spell it. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
