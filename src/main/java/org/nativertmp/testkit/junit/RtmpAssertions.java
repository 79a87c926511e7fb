package org.nativertmp.testkit.junit;

import org.nativertmp.testkit.CompareOptions;
import org.nativertmp.testkit.WireComparison;
import org.nativertmp.testkit.WireTranscript;
import org.opentest4j.AssertionFailedError;

/**
 * JUnit 5 assertions on what RTMP clients sent. A failure's message is the whole aligned report
 * ({@link WireComparison#toString()}); its expected and actual values are the two transcripts as
 * text, so that an IDE can show them side by side.
 *
 * <pre>{@code
 * RtmpAssertions.assertSameWire(librtmp, mine, CompareOptions.semantic().ignoreProperties("flashVer"));
 * }</pre>
 */
public final class RtmpAssertions {
    private RtmpAssertions() {
    }

    /** Fails unless the two transcripts are identical at the level {@code options} describes. */
    public static WireComparison assertSameWire(WireTranscript expected, WireTranscript actual, CompareOptions options) {
        WireComparison c = WireTranscript.compare(expected, actual, options);
        if (!c.isIdentical()) {
            throw new AssertionFailedError("the clients' wire differs\n" + c, expected.toText(), actual.toText());
        }
        return c;
    }

    /** {@link #assertSameWire(WireTranscript, WireTranscript, CompareOptions)} at the exact level. */
    public static WireComparison assertSameWire(WireTranscript expected, WireTranscript actual) {
        return assertSameWire(expected, actual, CompareOptions.exact());
    }
}
