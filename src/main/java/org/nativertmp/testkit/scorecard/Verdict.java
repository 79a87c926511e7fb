package org.nativertmp.testkit.scorecard;

import java.util.Locale;

/** A scorecard row's verdict on the client under test, librtmp being the reference. */
public enum Verdict {
    /** It reacts as librtmp does: no difference beyond those of its role's baseline. */
    SAME,
    /** It reacts otherwise: the row lists each difference. */
    DIFFERS,
    /** It hung or crashed (or librtmp did). */
    FAILED;

    /** "same", "differs", "failed", as reports and JSON spell it. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
