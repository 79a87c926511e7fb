package org.nativertmp.testkit.scorecard;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.nativertmp.flv.FlvTag;
import org.nativertmp.testkit.RtmpMessage;
import org.nativertmp.testkit.RtmpSpec;
import org.nativertmp.testkit.WireTranscript;

/** The rules of the specification the corpus checks, each measured on what a client did. */
final class Rules {
    private Rules() {
    }

    /**
     * 5.4.4: the peer announced a window, so the client acknowledges every window of bytes it
     * receives. Allows one acknowledgement short: the last window may fill just before the end.
     */
    static SpecCheck acknowledgesEvery(long window) {
        return SpecCheck.of("5.4.4: an Acknowledgement after every " + window + " bytes received", o -> {
            WireTranscript t = o.transcript();
            long received = Math.max(0, t.serverRaw().length - WireTranscript.S0_S1_S2_SIZE);
            long due = received / window - 1;
            int sent = t.messagesOfType(RtmpSpec.ACKNOWLEDGEMENT).size();
            return sent >= due ? Optional.empty()
                    : Optional.of(sent + " Acknowledgements for " + received + " bytes received (" + due + " or more due)");
        });
    }

    /** 5.4.5: a Set Peer Bandwidth of a window the client has not announced is answered with Window Acknowledgement Size. */
    static SpecCheck answersPeerBandwidth(long window) {
        return SpecCheck.of("5.4.5: a Window Acknowledgement Size of " + window + " answers Set Peer Bandwidth " + window, o -> {
            List<Long> sizes = o.transcript().messagesOfType(RtmpSpec.WINDOW_ACK_SIZE).stream()
                    .map(m -> u32(m.payload(), 0)).toList();
            return sizes.contains(window) ? Optional.empty()
                    : Optional.of(sizes.isEmpty() ? "no Window Acknowledgement Size" : "Window Acknowledgement Size " + sizes);
        });
    }

    /** 7.1.7: a Ping Request is answered with a Ping Response carrying its timestamp. */
    static SpecCheck answersPings(long... timestamps) {
        return SpecCheck.of("7.1.7: a PingResponse with the timestamp of every PingRequest", o -> {
            List<Long> answered = new ArrayList<>();
            for (RtmpMessage m : o.transcript().messagesOfType(RtmpSpec.USER_CONTROL)) {
                byte[] p = m.payload();
                if (p.length >= 6 && ((p[0] & 0xFF) << 8 | (p[1] & 0xFF)) == RtmpSpec.EVENT_PING_RESPONSE) {
                    answered.add(u32(p, 2));
                }
            }
            List<Long> missing = new ArrayList<>();
            for (long t : timestamps) {
                if (!answered.contains(t)) {
                    missing.add(t);
                }
            }
            return missing.isEmpty() ? Optional.empty() : Optional.of("no PingResponse for " + missing);
        });
    }

    /** 7.2.1.2: a call with a transaction id is answered with _result or _error of that id. */
    static SpecCheck answersCall(String method, double transactionId) {
        return SpecCheck.of("7.2.1.2: a call (" + method + ") is answered with _result or _error", o -> {
            for (RtmpMessage m : o.transcript().messagesOfType(RtmpSpec.COMMAND_AMF0)) {
                String name = Amf0Payloads.commandName(m);
                if ((name.equals("_result") || name.equals("_error")) && Amf0Payloads.transactionId(m) == transactionId) {
                    return Optional.empty();
                }
            }
            return Optional.of("no _result or _error for transaction " + (long) transactionId);
        });
    }

    /** 5.3.1.2.1: every chunk stream starts with a type-0 header. */
    static SpecCheck startsChunkStreamsWithType0() {
        return SpecCheck.of("5.3.1.2.1: each chunk stream starts with a type-0 header", o -> {
            java.util.Set<Integer> seen = new java.util.HashSet<>();
            for (RtmpMessage m : o.transcript().messages()) {
                if (seen.add(m.chunkStreamId()) && m.headerType() != 0) {
                    return Optional.of("chunk stream " + m.chunkStreamId() + " starts with a type-" + m.headerType()
                            + " header (" + RtmpSpec.typeName(m.type()) + ")");
                }
            }
            return Optional.empty();
        });
    }

    /** 5.3.1.3: a type-3 chunk after an extended timestamp repeats it. */
    static SpecCheck repeatsExtendedTimestamps() {
        return SpecCheck.of("5.3.1.3: type-3 chunks repeat the extended timestamp", o -> {
            WireTranscript.Type3ExtendedTimestamps t = o.transcript().type3ExtendedTimestamps();
            return t.omitted() == 0 ? Optional.empty()
                    : Optional.of(t.omitted() + " type-3 chunks without it, " + t.repeated() + " with it");
        });
    }

    /**
     * What a player delivers are the media messages the server sent (in any order): type,
     * timestamp and payload of each.
     */
    static SpecCheck deliversMedia(String section, List<FlvTag> sent) {
        List<FlvTag> expected = sorted(ScorecardMedia.media(sent));
        return SpecCheck.of(section + ": every media message delivered as sent", o -> {
            List<FlvTag> got = sorted(o.deliveredMedia());
            if (got.equals(expected)) {
                return Optional.empty();
            }
            if (got.size() != expected.size()) {
                return Optional.of(got.size() + " media tags delivered of " + expected.size() + " sent");
            }
            for (int i = 0; i < got.size(); i++) {
                FlvTag g = got.get(i);
                FlvTag e = expected.get(i);
                if (!g.equals(e)) {
                    return Optional.of("the " + e.typeName() + " tag sent at " + e.timestamp() + " delivered "
                            + (g.timestamp() != e.timestamp() ? "at " + g.timestamp() : "with another payload"));
                }
            }
            return Optional.empty();
        });
    }

    static List<FlvTag> sorted(List<FlvTag> tags) {
        List<FlvTag> s = new ArrayList<>(tags);
        s.sort(Comparator.comparingLong(FlvTag::timestamp).thenComparingInt(FlvTag::type)
                .thenComparingInt(t -> java.util.Arrays.hashCode(t.payload())));
        return s;
    }

    static long u32(byte[] p, int off) {
        return p.length < off + 4 ? -1 : ((long) (p[off] & 0xFF) << 24) | (p[off + 1] & 0xFF) << 16
                | (p[off + 2] & 0xFF) << 8 | (p[off + 3] & 0xFF);
    }
}
