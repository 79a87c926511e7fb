package org.nativertmp.testkit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.nativertmp.testkit.WireComparison.Difference;
import org.nativertmp.testkit.WireComparison.Kind;
import org.nativertmp.testkit.WireComparison.Row;
import org.nativertmp.testkit.WireComparison.TypeSummary;

/** Compares two transcripts at the level {@link CompareOptions} describes; see {@link WireTranscript#compare}. */
final class TranscriptComparator {
    /** 5.2.3: C1 bytes 4-7, zero in a plain handshake; the rest of C1 is time and random bytes. */
    private static final int C1_ZERO_FROM = 4;
    private static final int C1_ZERO_TO = 8;
    /** The length a rendering may take in a one-line description. */
    private static final int SHORT_TEXT = 90;

    private final WireTranscript expected;
    private final WireTranscript actual;
    private final CompareOptions options;
    private final List<Difference> differences = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    private TranscriptComparator(WireTranscript expected, WireTranscript actual, CompareOptions options) {
        this.expected = expected;
        this.actual = actual;
        this.options = options;
    }

    static WireComparison compare(WireTranscript expected, WireTranscript actual, CompareOptions options) {
        return new TranscriptComparator(expected, actual, options).run();
    }

    private WireComparison run() {
        if (options.comparesHandshake()) {
            compareHandshake();
        }
        List<ComparedMessage> e = ComparedMessage.of(expected, options);
        List<ComparedMessage> a = ComparedMessage.of(actual, options);
        noteNormalisation(e, a);
        List<MessageAlignment.Pair> pairs = MessageAlignment.align(keys(e), keys(a));
        List<Row> rows = new ArrayList<>();
        Map<String, int[]> pairedCounts = new LinkedHashMap<>();
        for (MessageAlignment.Pair p : pairs) {
            ComparedMessage em = p.expected() >= 0 ? e.get(p.expected()) : null;
            ComparedMessage am = p.actual() >= 0 ? a.get(p.actual()) : null;
            List<Difference> found = new ArrayList<>();
            if (em != null && am != null) {
                compareMessages(em, am, found);
                int[] c = pairedCounts.computeIfAbsent(RtmpSpec.typeName(em.message.type()), k -> new int[4]);
                c[0]++;
                c[1] += found.isEmpty() ? 1 : 0;
                c[2] += found.stream().anyMatch(d -> d.kind() == Kind.PAYLOAD || d.kind() == Kind.ARGUMENT
                        || d.kind() == Kind.PROPERTY) ? 1 : 0;
                c[3] += found.stream().anyMatch(d -> d.kind() == Kind.TIMESTAMP) ? 1 : 0;
            } else if (em != null) {
                found.add(new Difference(Kind.ONLY_IN_EXPECTED, em.index, -1, em.text(), "",
                        "only in expected: #" + em.index + " " + em.headline()));
            } else {
                found.add(new Difference(Kind.ONLY_IN_ACTUAL, -1, am.index, "", am.text(),
                        "only in actual: #" + am.index + " " + am.headline()));
            }
            differences.addAll(found);
            rows.add(new Row(em == null ? -1 : em.index, am == null ? -1 : am.index,
                    em == null ? "" : em.text(), am == null ? "" : am.text(), found));
        }
        if (options.comparesChunking() && differences.isEmpty()) {
            compareChunkBytes();
        }
        return new WireComparison(expected.label(), actual.label(), options, expected.handshake(),
                actual.handshake(), differences, rows, summary(pairedCounts), notes);
    }

    private void compareHandshake() {
        if (expected.c0() != actual.c0()) {
            handshake("C0 (version) differs: expected " + expected.c0() + " but was " + actual.c0(),
                    String.valueOf(expected.c0()), String.valueOf(actual.c0()));
        }
        byte[] e1 = expected.c1();
        byte[] a1 = actual.c1();
        if (e1.length != a1.length) {
            handshake("C1 length differs: expected " + e1.length + " bytes but was " + a1.length,
                    String.valueOf(e1.length), String.valueOf(a1.length));
        } else if (e1.length >= C1_ZERO_TO && !Arrays.equals(e1, C1_ZERO_FROM, C1_ZERO_TO, a1, C1_ZERO_FROM, C1_ZERO_TO)) {
            String ev = MessageText.hex(e1, C1_ZERO_FROM, C1_ZERO_TO);
            String av = MessageText.hex(a1, C1_ZERO_FROM, C1_ZERO_TO);
            handshake("C1 bytes 4-7 (zero in a plain handshake, 5.2.3) differ: expected " + ev + " but was " + av
                    + " (expected " + expected.handshake().kind().words() + ", actual "
                    + actual.handshake().kind().words() + ")", ev, av);
        }
        if (expected.c2().length != actual.c2().length) {
            handshake("C2 length differs: expected " + expected.c2().length + " bytes but was " + actual.c2().length,
                    String.valueOf(expected.c2().length), String.valueOf(actual.c2().length));
        }
    }

    private void handshake(String description, String e, String a) {
        differences.add(new Difference(Kind.HANDSHAKE, -1, -1, e, a, description));
    }

    private void noteNormalisation(List<ComparedMessage> e, List<ComparedMessage> a) {
        long es = e.stream().filter(m -> m.setDataFrameRemoved).count();
        long as = a.stream().filter(m -> m.setDataFrameRemoved).count();
        if (es + as > 0) {
            notes.add("@setDataFrame removed before comparing: from " + es + " expected and " + as
                    + " actual data message(s)");
        }
        if (!options.comparesChunking()) {
            notes.add("chunking not compared: chunk size " + chunkSizes(expected) + " expected, "
                    + chunkSizes(actual) + " actual; chunk stream ids and header types ignored");
        }
        if (options.ignoresAcknowledgementOffsets() && (!expected.messagesOfType(RtmpSpec.ACKNOWLEDGEMENT).isEmpty()
                || !actual.messagesOfType(RtmpSpec.ACKNOWLEDGEMENT).isEmpty())) {
            notes.add("acknowledgement offsets not compared");
        }
    }

    /** "128 throughout" or "128, then Set Chunk Size 1024". */
    private static String chunkSizes(WireTranscript t) {
        StringBuilder sb = new StringBuilder(String.valueOf(RtmpSpec.DEFAULT_CHUNK_SIZE));
        List<RtmpMessage> sets = t.messagesOfType(RtmpSpec.SET_CHUNK_SIZE);
        if (sets.isEmpty()) {
            return sb.append(" throughout").toString();
        }
        for (RtmpMessage m : sets) {
            sb.append(", then Set Chunk Size ").append(m.describe());
        }
        return sb.toString();
    }

    private static List<String> keys(List<ComparedMessage> messages) {
        List<String> keys = new ArrayList<>(messages.size());
        for (ComparedMessage m : messages) {
            keys.add(m.alignmentKey());
        }
        return keys;
    }

    private void compareMessages(ComparedMessage e, ComparedMessage a, List<Difference> found) {
        RtmpMessage em = e.message;
        RtmpMessage am = a.message;
        String at = at(e, a);
        if (options.comparesChunking()) {
            if (em.chunkStreamId() != am.chunkStreamId()) {
                field(found, Kind.CHUNKING, e, a, at, "chunk stream id", em.chunkStreamId(), am.chunkStreamId());
            }
            if (em.headerType() != am.headerType()) {
                field(found, Kind.CHUNKING, e, a, at, "header type (fmt)", em.headerType(), am.headerType());
            }
        }
        if (em.type() != am.type()) {
            field(found, Kind.PAYLOAD, e, a, at, "message type", em.type() + " " + RtmpSpec.typeName(em.type()),
                    am.type() + " " + RtmpSpec.typeName(am.type()));
        }
        boolean isCommand = e.isCommand();
        if (options.comparesTimestamps() && (!isCommand || options.comparesCommandTimestamps())
                && em.timestamp() != am.timestamp()) {
            field(found, Kind.TIMESTAMP, e, a, at, "timestamp", em.timestamp(), am.timestamp());
        }
        if (em.streamId() != am.streamId()) {
            field(found, Kind.MESSAGE_STREAM_ID, e, a, at, "message stream id", em.streamId(), am.streamId());
        }
        if (em.type() == RtmpSpec.ACKNOWLEDGEMENT && options.ignoresAcknowledgementOffsets()) {
            return;
        }
        if (e.values != null && a.values != null && options.decodesCommands()) {
            compareValues(e, a, at, found);
        } else {
            comparePayload(e, a, at, found);
        }
    }

    private void comparePayload(ComparedMessage e, ComparedMessage a, String at, List<Difference> found) {
        byte[] ep = e.payload;
        byte[] ap = a.payload;
        int type = e.message.type();
        String eh = MessageText.enhanced(type, ep);
        String ah = MessageText.enhanced(a.message.type(), ap);
        if (!eh.equals(ah)) {
            // Enhanced RTMP: say which header field differs before any byte does
            found.add(new Difference(Kind.PAYLOAD, e.index, a.index, e.text(), a.text(), at + "enhanced header differs:"
                    + " expected " + headerText(eh) + " but was " + headerText(ah)));
            return;
        }
        int n = Math.min(ep.length, ap.length);
        for (int k = 0; k < n; k++) {
            if (ep[k] != ap[k]) {
                found.add(new Difference(Kind.PAYLOAD, e.index, a.index, e.text(), a.text(), at + "payload differs at byte "
                        + k + ": expected " + MessageText.window(ep, k) + " but was " + MessageText.window(ap, k)));
                return;
            }
        }
        if (ep.length != ap.length) {
            found.add(new Difference(Kind.PAYLOAD, e.index, a.index, e.text(), a.text(),
                    at + "payload length differs: expected " + ep.length + " but was " + ap.length));
        }
    }

    private static String headerText(String enhanced) {
        return enhanced.isEmpty() ? "a legacy tag" : enhanced.substring(0, enhanced.length() - " | ".length());
    }

    /** Decoded AMF0: positional values, objects as unordered maps. */
    private void compareValues(ComparedMessage e, ComparedMessage a, String at, List<Difference> found) {
        List<Object> ev = e.values;
        List<Object> av = a.values;
        int from = 0;
        if (e.isCommand()) {
            // name (the alignment key made them equal or reports it below), then the transaction id
            if (!Objects.equals(first(ev), first(av))) {
                field(found, Kind.ARGUMENT, e, a, at, "command name", render(first(ev)), render(first(av)));
            }
            from = 1;
            if (!options.ignoresTransactionIds() && !Objects.equals(value(ev, 1), value(av, 1))) {
                field(found, Kind.ARGUMENT, e, a, at, "transaction id", render(value(ev, 1)), render(value(av, 1)));
            }
            from = 2;
        }
        int n = Math.max(ev.size(), av.size());
        for (int i = from; i < n; i++) {
            String name = "argument " + (i - from + 1);
            if (i >= ev.size()) {
                field(found, Kind.ARGUMENT, e, a, at, name + " only in actual", "(none)", render(av.get(i)));
            } else if (i >= av.size()) {
                field(found, Kind.ARGUMENT, e, a, at, name + " only in expected", render(ev.get(i)), "(none)");
            } else if (ev.get(i) instanceof Map<?, ?> em && av.get(i) instanceof Map<?, ?> am) {
                compareProperties(em, am, e, a, at, found);
            } else if (!sameValue(ev.get(i), av.get(i))) {
                field(found, Kind.ARGUMENT, e, a, at, name, render(ev.get(i)), render(av.get(i)));
            }
        }
    }

    private void compareProperties(Map<?, ?> em, Map<?, ?> am, ComparedMessage e, ComparedMessage a, String at,
            List<Difference> found) {
        Set<Object> keys = new LinkedHashSet<>(em.keySet());
        keys.addAll(am.keySet());
        for (Object k : keys) {
            if (options.ignoredProperties().contains(String.valueOf(k))) {
                continue;
            }
            if (!em.containsKey(k)) {
                found.add(new Difference(Kind.PROPERTY, e.index, a.index, "", k + ":" + render(am.get(k)),
                        at + "property " + k + " only in actual: " + shorten(render(am.get(k)))));
            } else if (!am.containsKey(k)) {
                found.add(new Difference(Kind.PROPERTY, e.index, a.index, k + ":" + render(em.get(k)), "",
                        at + "property " + k + " only in expected: " + shorten(render(em.get(k)))));
            } else if (!sameValue(em.get(k), am.get(k))) {
                field(found, Kind.PROPERTY, e, a, at, "property " + k, render(em.get(k)), render(am.get(k)));
            }
        }
    }

    /** Equal as decoded values, with maps compared without regard to order and ignored properties left out. */
    private boolean sameValue(Object x, Object y) {
        if (x instanceof Map<?, ?> mx && y instanceof Map<?, ?> my) {
            Set<Object> keys = new LinkedHashSet<>(mx.keySet());
            keys.addAll(my.keySet());
            for (Object k : keys) {
                if (!options.ignoredProperties().contains(String.valueOf(k))
                        && (mx.containsKey(k) != my.containsKey(k) || !sameValue(mx.get(k), my.get(k)))) {
                    return false;
                }
            }
            return true;
        }
        if (x instanceof List<?> lx && y instanceof List<?> ly) {
            if (lx.size() != ly.size()) {
                return false;
            }
            for (int i = 0; i < lx.size(); i++) {
                if (!sameValue(lx.get(i), ly.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return Objects.equals(x, y);
    }

    private static Object first(List<Object> v) {
        return value(v, 0);
    }

    private static Object value(List<Object> v, int i) {
        return v.size() > i ? v.get(i) : null;
    }

    private static String render(Object v) {
        return Amf0Text.render(v);
    }

    private static void field(List<Difference> found, Kind kind, ComparedMessage e, ComparedMessage a, String at,
            String name, Object ev, Object av) {
        found.add(new Difference(kind, e.index, a.index, String.valueOf(ev), String.valueOf(av),
                at + name + " differs: expected " + shorten(String.valueOf(ev)) + " but was " + shorten(String.valueOf(av))));
    }

    /** "message #3 (command connect): ", with the actual index when it is another. */
    private static String at(ComparedMessage e, ComparedMessage a) {
        return "message #" + e.index + (a.index != e.index ? " (actual #" + a.index + ")" : "") + " ("
                + e.label() + "): ";
    }

    static String shorten(String s) {
        return s.length() > SHORT_TEXT ? s.substring(0, SHORT_TEXT - 3) + "..." : s;
    }

    /** Same messages; the chunking (type 3 vs. other headers, chunk sizes) may still differ. */
    private void compareChunkBytes() {
        byte[] er = expected.raw();
        byte[] ar = actual.raw();
        int from = Math.min(WireTranscript.HANDSHAKE_END, er.length);
        int max = Math.min(er.length, ar.length);
        for (int i = from; i < max; i++) {
            if (er[i] != ar[i]) {
                differences.add(new Difference(Kind.CHUNK_BYTES, -1, -1, MessageText.window(er, i),
                        MessageText.window(ar, i), "same messages, but the chunk stream bytes differ at byte " + i
                        + ": expected " + MessageText.window(er, i) + " but was " + MessageText.window(ar, i)));
                return;
            }
        }
        if (er.length != ar.length) {
            differences.add(new Difference(Kind.CHUNK_BYTES, -1, -1, String.valueOf(er.length),
                    String.valueOf(ar.length), "same messages, but " + er.length + " bytes were expected and "
                    + ar.length + " were sent"));
        }
    }

    private List<TypeSummary> summary(Map<String, int[]> pairedCounts) {
        Map<Integer, int[]> counts = new java.util.TreeMap<>();
        for (RtmpMessage m : expected.messages()) {
            counts.computeIfAbsent(m.type(), k -> new int[2])[0]++;
        }
        for (RtmpMessage m : actual.messages()) {
            counts.computeIfAbsent(m.type(), k -> new int[2])[1]++;
        }
        List<TypeSummary> lines = new ArrayList<>();
        // Commands first, then data, then media, then control: the order people read them in.
        List<Integer> order = new ArrayList<>(counts.keySet());
        order.sort((x, y) -> Integer.compare(readingOrder(x), readingOrder(y)));
        for (int type : order) {
            String name = RtmpSpec.typeName(type);
            int[] c = counts.get(type);
            int[] p = pairedCounts.getOrDefault(name, new int[4]);
            lines.add(new TypeSummary(name, c[0], c[1], options.compares(type), p[0], p[1], p[2], p[3]));
        }
        return lines;
    }

    private static int readingOrder(int type) {
        switch (type) {
            case RtmpSpec.COMMAND_AMF0: return 0;
            case RtmpSpec.COMMAND_AMF3: return 1;
            case RtmpSpec.DATA_AMF0: return 2;
            case RtmpSpec.DATA_AMF3: return 3;
            case RtmpSpec.VIDEO: return 4;
            case RtmpSpec.AUDIO: return 5;
            case RtmpSpec.AGGREGATE: return 6;
            default: return 10 + type;
        }
    }
}
