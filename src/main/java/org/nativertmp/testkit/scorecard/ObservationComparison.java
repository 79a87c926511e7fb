package org.nativertmp.testkit.scorecard;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.nativertmp.flv.FlvTag;
import org.nativertmp.testkit.CompareOptions;
import org.nativertmp.testkit.RtmpSpec;
import org.nativertmp.testkit.ScriptedSession;
import org.nativertmp.testkit.WireComparison;
import org.nativertmp.testkit.WireTranscript;

/**
 * Every difference between librtmp's run and the client's in one scenario, one line each: how
 * the run ended, how far the server's script got, what the client sent (the kit's comparison at
 * the level given) and, for a player, what it delivered.
 */
final class ObservationComparison {
    /** A message's place ("#12", "(actual #14)") and a command's transaction id ("publish(5)") vary between scenarios. */
    private static final Pattern ACTUAL_INDEX = Pattern.compile(" \\(actual #\\d+\\)");
    private static final Pattern INDEX = Pattern.compile("#\\d+");
    private static final Pattern TRANSACTION = Pattern.compile("(\\w)\\(\\d+\\)");
    /** Some clients answer with their clock (Red5 pings back with its time): another value on every run. */
    private static final Pattern PING_RESPONSE = Pattern.compile("PingResponse \\d+");
    /** The server's port (in a URL, a tcUrl) is another on every run. */
    private static final Pattern PORT = Pattern.compile("127\\.0\\.0\\.1:\\d+");
    /** Acknowledgement counts this close (or within a tenth) count as the same, unless one side sends none. */
    private static final int ACKNOWLEDGEMENT_SLACK = 2;
    /** How a difference in what was sent begins. */
    static final String SENT = "sent: ";
    /** At most this many lines about delivered media tags; the rest are counted. */
    private static final int MEDIA_LINES = 3;
    /** How much of a script tag's values a line shows. */
    private static final int SHORT_TEXT = 90;

    /**
     * One difference.
     *
     * @param text what it is, for people
     * @param key  the text without what moves from one scenario to the next (message indexes,
     *             transaction ids), for telling the baseline's differences from a scenario's own
     */
    record Finding(String text, String key) {
        static Finding of(String text) {
            String shown = PORT.matcher(text).replaceAll("127.0.0.1:PORT");
            String key = INDEX.matcher(ACTUAL_INDEX.matcher(shown).replaceAll("")).replaceAll("#");
            key = PING_RESPONSE.matcher(key).replaceAll("PingResponse N");
            return new Finding(shown, TRANSACTION.matcher(key).replaceAll("$1(n)"));
        }
    }

    private final Observation reference;
    private final Observation client;
    private final List<Finding> findings = new ArrayList<>();

    private ObservationComparison(Observation reference, Observation client) {
        this.reference = reference;
        this.client = client;
    }

    static List<Finding> compare(Observation reference, Observation client, Role role, CompareOptions options) {
        ObservationComparison c = new ObservationComparison(reference, client);
        c.outcomes();
        c.scripts();
        c.sent(options);
        if (role == Role.PLAY) {
            c.delivered();
        }
        return c.findings;
    }

    private void add(String text) {
        findings.add(Finding.of(text));
    }

    private void outcomes() {
        Outcome r = reference.outcome();
        Outcome c = client.outcome();
        if (r.kind() != c.kind()) {
            add("outcome: " + reference.client() + " " + r + "; " + client.client() + " " + c);
        }
    }

    /**
     * Whether the server's script ran to its end: it waits for what the client sends, so a stop
     * says what the client did not do. Where two scripts stopped is not compared: when a client
     * leaves, the step the server is at is a matter of timing.
     */
    private void scripts() {
        ScriptedSession r = reference.session();
        ScriptedSession c = client.session();
        if (completed(r) != completed(c)) {
            add("server script: with " + reference.client() + " " + scriptEnd(r) + "; with " + client.client() + " "
                    + scriptEnd(c));
        }
    }

    private static boolean completed(ScriptedSession s) {
        return s != null && s.scriptCompleted();
    }

    private static String scriptEnd(ScriptedSession s) {
        if (s == null) {
            return "no connection";
        }
        if (s.scriptCompleted()) {
            return "every step ran";
        }
        String end = s.scriptEnd();
        int cut = end.indexOf("): ");
        // "step 7 (await command publish)": where it stopped; what followed names a timing
        return cut > 0 ? "stopped at " + end.substring(0, cut + 1) : end;
    }

    /**
     * What the clients sent, at the level given, but for acknowledgements, which are compared by
     * number: when librtmp acknowledges is decided per read into its 16 KiB buffer, and what one
     * read gets depends on how far the server is ahead, so the same librtmp sends a few more or
     * fewer from run to run.
     */
    private void sent(CompareOptions options) {
        WireTranscript r = reference.transcript().named(reference.client());
        WireTranscript c = client.transcript().named(client.client());
        WireComparison w = WireTranscript.compare(r, c, options.ignoreMessageTypes(RtmpSpec.ACKNOWLEDGEMENT));
        for (WireComparison.Difference d : w.differences()) {
            add(SENT + d.description());
        }
        int ra = r.messagesOfType(RtmpSpec.ACKNOWLEDGEMENT).size();
        int ca = c.messagesOfType(RtmpSpec.ACKNOWLEDGEMENT).size();
        boolean noneAgainstSome = Math.min(ra, ca) == 0 && Math.max(ra, ca) >= ACKNOWLEDGEMENT_SLACK;
        if (noneAgainstSome || Math.abs(ra - ca) > Math.max(ACKNOWLEDGEMENT_SLACK, Math.max(ra, ca) / 10)) {
            add(SENT + ca + " Acknowledgements, " + reference.client() + " " + ra);
        }
    }

    private void delivered() {
        List<FlvTag> rs = scripts(reference.delivered());
        List<FlvTag> cs = scripts(client.delivered());
        List<String> r = rs.stream().map(t -> Amf0Payloads.name(t.payload())).toList();
        List<String> c = cs.stream().map(t -> Amf0Payloads.name(t.payload())).toList();
        if (!r.equals(c)) {
            add("delivered script data: " + reference.client() + " " + r + ", " + client.client() + " " + c);
        } else {
            for (int i = 0; i < rs.size(); i++) {
                if (!java.util.Arrays.equals(rs.get(i).payload(), cs.get(i).payload())) {
                    add("delivered script data " + r.get(i) + " differs: " + client.client() + " "
                            + shorten(Amf0Payloads.render(cs.get(i).payload())) + ", " + reference.client()
                            + " " + shorten(Amf0Payloads.render(rs.get(i).payload())));
                }
            }
        }
        List<FlvTag> rm = reference.deliveredMedia();
        List<FlvTag> cm = client.deliveredMedia();
        if (!rm.equals(cm) && Rules.sorted(rm).equals(Rules.sorted(cm))) {
            add("delivered the same media tags in another order" + firstMissing(rm, cm));
            return;
        }
        if (rm.size() != cm.size()) {
            add("delivered " + cm.size() + " media tags, " + reference.client() + " " + rm.size() + firstMissing(rm, cm));
            return;
        }
        int lines = 0;
        int more = 0;
        for (int i = 0; i < rm.size(); i++) {
            String d = tagDifference(rm.get(i), cm.get(i));
            if (d.isEmpty()) {
                continue;
            }
            if (lines < MEDIA_LINES) {
                add("delivered media tag " + i + " (" + rm.get(i).typeName() + "): " + d);
                lines++;
            } else {
                more++;
            }
        }
        if (more > 0) {
            add("delivered: " + more + " more media tags differ");
        }
    }

    private String tagDifference(FlvTag r, FlvTag c) {
        List<String> parts = new ArrayList<>();
        if (r.type() != c.type()) {
            parts.add("type " + c.typeName() + ", " + reference.client() + " " + r.typeName());
        }
        if (r.timestamp() != c.timestamp()) {
            parts.add("timestamp " + c.timestamp() + ", " + reference.client() + " " + r.timestamp());
        }
        if (!java.util.Arrays.equals(r.payload(), c.payload())) {
            parts.add("payload of " + c.payloadSize() + " bytes differs from " + reference.client() + "'s "
                    + r.payloadSize());
        }
        return String.join("; ", parts);
    }

    /** Where the client's tags first part from the reference's. */
    private String firstMissing(List<FlvTag> rm, List<FlvTag> cm) {
        for (int i = 0; i < Math.min(rm.size(), cm.size()); i++) {
            if (!rm.get(i).equals(cm.get(i))) {
                return " (they part at tag " + i + ": " + describe(cm.get(i)) + ", " + reference.client() + " "
                        + describe(rm.get(i)) + ")";
            }
        }
        return rm.size() > cm.size() ? " (" + client.client() + "'s end after " + cm.size() + ")"
                : " (" + reference.client() + "'s end after " + rm.size() + ")";
    }

    private static String shorten(String s) {
        return s.length() > SHORT_TEXT ? s.substring(0, SHORT_TEXT - 3) + "..." : s;
    }

    private static String describe(FlvTag t) {
        return t.typeName() + " at " + t.timestamp();
    }

    private static List<FlvTag> scripts(List<FlvTag> tags) {
        return tags.stream().filter(t -> t.type() == org.nativertmp.flv.FlvFormat.TAG_SCRIPT).toList();
    }
}
