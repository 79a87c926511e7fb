package org.nativertmp.testkit;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Everything one client sent on one connection, in order: the handshake's C0, C1 and C2, then
 * every message, plus the raw bytes themselves. Two transcripts can be compared with
 * {@link #diff}, which ignores only what the RTMP specification makes random: C1's time
 * (5.2.3, bytes 0-3), C1's random bytes (bytes 8-1535) and C2, which echoes the server's S1.
 *
 * <p>A transcript can always be rebuilt from its raw bytes ({@link #parse}), because the
 * framing of a client's stream depends only on what the client itself sent.
 */
public final class WireTranscript {
    /** C0 (1 byte) and C1 (1536 bytes). */
    public static final int C0_C1_SIZE = 1 + RtmpSpec.HANDSHAKE_SIZE;
    /** S0, S1 and S2, as this recorder sends them. */
    public static final int S0_S1_S2_SIZE = 1 + 2 * RtmpSpec.HANDSHAKE_SIZE;
    /** Where the chunk stream starts in a client's bytes: after C0, C1 and C2. */
    public static final int HANDSHAKE_END = C0_C1_SIZE + RtmpSpec.HANDSHAKE_SIZE;
    /** 5.2.3: C1 bytes 4-7 must be zero; the only part of C1 that is not time or random. */
    private static final int C1_ZERO_FROM = 4;
    private static final int C1_ZERO_TO = 8;
    /** The messages {@link #toText} and differences show around a point of interest. */
    private static final int DIFF_CONTEXT_MESSAGES = 2;

    private final byte[] raw;
    private final List<RtmpMessage> messages;
    private final String end;
    private final String peer;

    WireTranscript(byte[] raw, List<RtmpMessage> messages, String end, String peer) {
        this.raw = raw.clone();
        this.messages = List.copyOf(messages);
        this.end = end;
        this.peer = peer;
    }

    /** Rebuilds a transcript from the raw bytes a client sent (as {@link #raw()} returns them). */
    public static WireTranscript parse(byte[] raw) {
        List<RtmpMessage> messages = new ArrayList<>();
        String end = "end of the bytes";
        if (raw.length > HANDSHAKE_END) {
            ByteArrayInputStream in = new ByteArrayInputStream(raw, HANDSHAKE_END, raw.length - HANDSHAKE_END);
            // The bytes are in memory already: unfinished messages can hold no more than they.
            ChunkReader reader = new ChunkReader(in, RtmpSpec.MAX_MESSAGE_LENGTH, raw.length, HANDSHAKE_END);
            try {
                for (RtmpMessage m = reader.next(); m != null; m = reader.next()) {
                    messages.add(m);
                }
            } catch (IOException e) {
                end = e.getMessage();
            }
        } else {
            end = "the handshake is incomplete (" + raw.length + " of " + HANDSHAKE_END + " bytes)";
        }
        return new WireTranscript(raw, messages, end, "");
    }

    /** Every byte the client sent, handshake included. */
    public byte[] raw() {
        return raw.clone();
    }

    public int c0() {
        return raw.length > 0 ? raw[0] & 0xFF : -1;
    }

    public byte[] c1() {
        return Arrays.copyOfRange(raw, Math.min(1, raw.length), Math.min(C0_C1_SIZE, raw.length));
    }

    public byte[] c2() {
        return Arrays.copyOfRange(raw, Math.min(C0_C1_SIZE, raw.length), Math.min(HANDSHAKE_END, raw.length));
    }

    public List<RtmpMessage> messages() {
        return messages;
    }

    /** How the connection ended, in words ("client closed the connection", a protocol error, ...). */
    public String end() {
        return end;
    }

    /** The messages with the given type id, in order. */
    public List<RtmpMessage> messagesOfType(int type) {
        return messages.stream().filter(m -> m.type() == type).toList();
    }

    /** The names of the AMF0 commands the client sent, in order. */
    public List<String> commandNames() {
        List<String> names = new ArrayList<>();
        for (RtmpMessage m : messages) {
            if (m.type() == RtmpSpec.COMMAND_AMF0) {
                try {
                    List<Object> v = Amf0.decodeAll(m.payloadView());
                    names.add(v.isEmpty() ? "" : String.valueOf(v.get(0)));
                } catch (Amf0.MalformedAmfException e) {
                    names.add("(malformed)");
                }
            }
        }
        return names;
    }

    /** The server's view of the handshake: what it received and what it sent. */
    public String handshakeSummary() {
        return "C0+C1 " + Math.min(raw.length, C0_C1_SIZE) + " bytes, S0+S1+S2 " + S0_S1_S2_SIZE
                + " bytes, C2 " + c2().length + " bytes";
    }

    /**
     * The first difference between this (expected) transcript and {@code actual}, in words, or
     * empty when they are the same apart from the random handshake fields.
     */
    public Optional<String> diff(WireTranscript actual) {
        if (c0() != actual.c0()) {
            return Optional.of("C0 (version) differs: expected " + c0() + " but was " + actual.c0());
        }
        byte[] e1 = c1();
        byte[] a1 = actual.c1();
        if (e1.length != a1.length) {
            return Optional.of("C1 length differs: expected " + e1.length + " bytes but was " + a1.length);
        }
        for (int i = C1_ZERO_FROM; i < Math.min(C1_ZERO_TO, e1.length); i++) {
            if (e1[i] != a1[i]) {
                return Optional.of("C1 bytes 4-7 (zero in a plain handshake, 5.2.3) differ: expected "
                        + MessageText.hex(e1, C1_ZERO_FROM, C1_ZERO_TO) + " but was "
                        + MessageText.hex(a1, C1_ZERO_FROM, C1_ZERO_TO));
            }
        }
        if (c2().length != actual.c2().length) {
            return Optional.of("C2 length differs: expected " + c2().length + " bytes but was " + actual.c2().length);
        }
        int n = Math.min(messages.size(), actual.messages.size());
        for (int i = 0; i < n; i++) {
            Optional<String> d = diff(i, messages.get(i), actual.messages.get(i));
            if (d.isPresent()) {
                return Optional.of(d.get() + "\n" + context(i, actual));
            }
        }
        if (messages.size() != actual.messages.size()) {
            List<RtmpMessage> longer = messages.size() > n ? messages : actual.messages;
            RtmpMessage extra = longer.get(n);
            return Optional.of("expected " + messages.size() + " messages but there were " + actual.messages.size()
                    + "; the first " + (messages.size() > n ? "missing" : "extra") + " one is #" + n + ": "
                    + extra + " " + extra.describe());
        }
        // Same messages; the chunking (type 3 vs. other headers, chunk sizes) may still differ.
        int from = Math.min(HANDSHAKE_END, raw.length);
        int max = Math.min(raw.length, actual.raw.length);
        for (int i = from; i < max; i++) {
            if (raw[i] != actual.raw[i]) {
                return Optional.of("same messages, but the chunk stream bytes differ at byte " + i + ": expected "
                        + MessageText.window(raw, i) + " but was " + MessageText.window(actual.raw, i));
            }
        }
        if (raw.length != actual.raw.length) {
            return Optional.of("same messages, but " + raw.length + " bytes were expected and " + actual.raw.length
                    + " were sent");
        }
        return Optional.empty();
    }

    private static Optional<String> diff(int i, RtmpMessage e, RtmpMessage a) {
        String at = "message #" + i + " (" + RtmpSpec.typeName(e.type()) + " " + shorten(e.describe()) + "): ";
        if (e.chunkStreamId() != a.chunkStreamId()) {
            return field(at, "chunk stream id", e.chunkStreamId(), a.chunkStreamId());
        }
        if (e.headerType() != a.headerType()) {
            return field(at, "header type (fmt)", e.headerType(), a.headerType());
        }
        if (e.type() != a.type()) {
            return field(at, "message type", e.type() + " " + RtmpSpec.typeName(e.type()),
                    a.type() + " " + RtmpSpec.typeName(a.type()));
        }
        if (e.timestamp() != a.timestamp()) {
            return field(at, "timestamp", e.timestamp(), a.timestamp());
        }
        if (e.streamId() != a.streamId()) {
            return field(at, "message stream id", e.streamId(), a.streamId());
        }
        byte[] ep = e.payloadView();
        byte[] ap = a.payloadView();
        int n = Math.min(ep.length, ap.length);
        for (int k = 0; k < n; k++) {
            if (ep[k] != ap[k]) {
                return Optional.of(at + "payload differs at byte " + k + ": expected "
                        + MessageText.window(ep, k) + " but was " + MessageText.window(ap, k)
                        + "\n  expected: " + e.describe() + "\n  actual:   " + a.describe());
            }
        }
        if (ep.length != ap.length) {
            return Optional.of(at + "payload length differs: expected " + ep.length + " but was " + ap.length
                    + "\n  expected: " + e.describe() + "\n  actual:   " + a.describe());
        }
        return Optional.empty();
    }

    private static Optional<String> field(String at, String name, Object expected, Object actual) {
        return Optional.of(at + name + " differs: expected " + expected + " but was " + actual);
    }

    private static String shorten(String s) {
        return s.length() > 80 ? s.substring(0, 77) + "..." : s;
    }

    private static String context(int i, WireTranscript actual) {
        StringBuilder sb = new StringBuilder("  actual messages around it:");
        for (int k = Math.max(0, i - DIFF_CONTEXT_MESSAGES); k <= Math.min(actual.messages.size() - 1, i + DIFF_CONTEXT_MESSAGES); k++) {
            sb.append("\n    ").append(k == i ? "> " : "  ").append(line(k, actual.messages.get(k)));
        }
        return sb.toString();
    }

    private static String line(int i, RtmpMessage m) {
        return "#" + i + " " + m + "  " + m.describe();
    }

    /** The whole transcript for people: one line per handshake part and per message. */
    public String toText() {
        StringBuilder sb = new StringBuilder();
        sb.append("# RTMP client transcript").append(peer.isEmpty() ? "" : " from " + peer).append('\n');
        sb.append("# handshake (server's view): ").append(handshakeSummary()).append('\n');
        sb.append("# ").append(raw.length).append(" bytes in all; ").append(messages.size()).append(" messages\n");
        sb.append("C0 version ").append(c0()).append('\n');
        byte[] c1 = c1();
        if (c1.length >= C1_ZERO_TO) {
            sb.append("C1 time ").append(MessageText.u32(c1, 0)).append(", bytes 4-7 ")
                    .append(MessageText.hex(c1, C1_ZERO_FROM, C1_ZERO_TO)).append(", ")
                    .append(c1.length - C1_ZERO_TO).append(" random bytes\n");
        }
        sb.append("C2 ").append(c2().length).append(" bytes (echo of S1)\n");
        for (int i = 0; i < messages.size(); i++) {
            sb.append(line(i, messages.get(i))).append('\n');
        }
        sb.append("end: ").append(end).append('\n');
        return sb.toString();
    }

    @Override
    public String toString() {
        return "WireTranscript[" + messages.size() + " messages, " + raw.length + " bytes, " + end + "]";
    }
}
