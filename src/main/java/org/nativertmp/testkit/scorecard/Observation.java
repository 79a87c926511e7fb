package org.nativertmp.testkit.scorecard;

import java.time.Duration;
import java.util.List;
import org.nativertmp.flv.FlvTag;
import org.nativertmp.testkit.ScriptedSession;
import org.nativertmp.testkit.WireTranscript;

/**
 * What one client did in one scenario: how it ended, what it sent (the server's transcript, both
 * directions), what it handed to its application (a player's FLV tags; nothing for a publisher),
 * how far the server's script got, and how long it took.
 *
 * @param client    the client's name
 * @param outcome   how the run ended
 * @param session   the server's side: transcript and script end; null when the client never connected
 * @param delivered the FLV tags a player delivered, in order
 * @param elapsed   from the start of the run to its end
 */
public record Observation(String client, Outcome outcome, ScriptedSession session, List<FlvTag> delivered,
        Duration elapsed) {
    public Observation {
        delivered = List.copyOf(delivered);
    }

    /** The transcript of the client's connection; an empty one when it never connected. */
    public WireTranscript transcript() {
        return session != null ? session.transcript() : WireTranscript.parse(new byte[0]);
    }

    /** The audio and video tags delivered, without script data. */
    public List<FlvTag> deliveredMedia() {
        return delivered.stream().filter(t -> t.type() != org.nativertmp.flv.FlvFormat.TAG_SCRIPT).toList();
    }
}
