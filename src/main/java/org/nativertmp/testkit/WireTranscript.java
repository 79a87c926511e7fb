package org.nativertmp.testkit;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.nativertmp.amf0.Amf0;
import org.nativertmp.amf0.MalformedAmf0Exception;

/**
 * Everything one client sent on one connection, in order: the handshake's C0, C1 and C2, then
 * every message, plus the raw bytes themselves; and, when the recorder made it, what the server
 * sent back (S0, S1, S2 and the rest) and in which order the two sides' bytes went.
 *
 * <p>Two transcripts are compared with {@link #compare} at a level ({@link CompareOptions}):
 * byte for byte, message by message, or by what the messages mean. {@link #diff} is the exact
 * level's first difference; it ignores only what the RTMP specification makes random: C1's time
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
    /** The messages {@link #diff} shows around a difference. */
    private static final int DIFF_CONTEXT_MESSAGES = 2;

    /**
     * A run of bytes one side sent, in the order the server saw them: what {@link #writePcap}
     * turns into TCP segments.
     */
    record Segment(boolean fromClient, int length) {
    }

    private final byte[] raw;
    private final byte[] serverRaw;
    private final List<RtmpMessage> messages;
    private final String end;
    private final String peer;
    private final List<Segment> segments;
    private final int clientPort;
    private final int serverPort;
    private final String name;

    WireTranscript(byte[] raw, byte[] serverRaw, List<RtmpMessage> messages, String end, String peer,
            List<Segment> segments, int clientPort, int serverPort) {
        this(raw, serverRaw, messages, end, peer, segments, clientPort, serverPort, "");
    }

    private WireTranscript(byte[] raw, byte[] serverRaw, List<RtmpMessage> messages, String end, String peer,
            List<Segment> segments, int clientPort, int serverPort, String name) {
        this.raw = raw.clone();
        this.serverRaw = serverRaw.clone();
        this.messages = List.copyOf(messages);
        this.end = end;
        this.peer = peer;
        this.segments = List.copyOf(segments);
        this.clientPort = clientPort;
        this.serverPort = serverPort;
        this.name = name;
    }

    /** This transcript with a name for reports ("librtmp", a file name), shown before its app and stream. */
    public WireTranscript named(String name) {
        return new WireTranscript(raw, serverRaw, messages, end, peer, segments, clientPort, serverPort,
                Objects.requireNonNull(name, "name"));
    }

    /** Rebuilds a transcript from the raw bytes a client sent (as {@link #raw()} returns them). */
    public static WireTranscript parse(byte[] raw) {
        return parse(raw, new byte[0]);
    }

    /**
     * Rebuilds a transcript from the bytes a client sent and those the server sent back (as
     * {@link #raw()} and {@link #serverRaw()} return them; the server's may be empty).
     */
    public static WireTranscript parse(byte[] raw, byte[] serverRaw) {
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
        return new WireTranscript(raw, serverRaw, messages, end, "", defaultSegments(raw.length, serverRaw.length), 0, 0);
    }

    /** Without a recorded order: C0+C1, S0+S1+S2, C2, then the rest of each side. */
    private static List<Segment> defaultSegments(int client, int server) {
        List<Segment> s = new ArrayList<>();
        int c1 = Math.min(client, C0_C1_SIZE);
        int s012 = Math.min(server, S0_S1_S2_SIZE);
        addSegment(s, true, c1);
        addSegment(s, false, s012);
        addSegment(s, true, client - c1);
        addSegment(s, false, server - s012);
        return s;
    }

    private static void addSegment(List<Segment> s, boolean fromClient, int length) {
        if (length > 0) {
            s.add(new Segment(fromClient, length));
        }
    }

    /** Every byte the client sent, handshake included. */
    public byte[] raw() {
        return raw.clone();
    }

    /** Every byte the server sent (S0+S1+S2 first); empty when only the client's side was kept. */
    public byte[] serverRaw() {
        return serverRaw.clone();
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

    /** S0, or -1 when the server's bytes were not kept. */
    public int s0() {
        return serverRaw.length > 0 ? serverRaw[0] & 0xFF : -1;
    }

    /** S1 (empty when the server's bytes were not kept). */
    public byte[] s1() {
        return Arrays.copyOfRange(serverRaw, Math.min(1, serverRaw.length), Math.min(C0_C1_SIZE, serverRaw.length));
    }

    /** S2 (empty when the server's bytes were not kept). */
    public byte[] s2() {
        return Arrays.copyOfRange(serverRaw, Math.min(C0_C1_SIZE, serverRaw.length),
                Math.min(S0_S1_S2_SIZE, serverRaw.length));
    }

    /** What the handshake says about the client: plain or digest, and whether C2 echoes S1. */
    public ClientHandshake handshake() {
        return ClientHandshake.of(this);
    }

    public List<RtmpMessage> messages() {
        return messages;
    }

    /** How the connection ended, in words ("client closed the connection", a protocol error, ...). */
    public String end() {
        return end;
    }

    /** The client's address as the server saw it ("/127.0.0.1:40312"); empty for a parsed transcript. */
    public String peer() {
        return peer;
    }

    /** The client's TCP port, 0 when not recorded. */
    public int clientPort() {
        return clientPort;
    }

    /** The server's TCP port, 0 when not recorded. */
    public int serverPort() {
        return serverPort;
    }

    List<Segment> segments() {
        return segments;
    }

    /** The application the client connected to ({@code connect}'s "app"), or "" before a connect. */
    public String app() {
        for (RtmpMessage m : messages) {
            List<Object> v = decodedCommand(m);
            if (v.size() > 2 && "connect".equals(v.get(0)) && v.get(2) instanceof Map<?, ?> o
                    && o.get("app") instanceof String app) {
                return app;
            }
        }
        return "";
    }

    /** The first stream the client published or played (a non-empty name), or "". */
    public String stream() {
        for (RtmpMessage m : messages) {
            List<Object> v = decodedCommand(m);
            if (v.size() > 3 && ("publish".equals(v.get(0)) || "play".equals(v.get(0)))
                    && v.get(3) instanceof String name && !name.isEmpty()) {
                return name;
            }
        }
        return "";
    }

    /**
     * How reports name a transcript: "APP/STREAM" ("live/x"; "(no connect)" without a connect),
     * after the {@linkplain #named name} when it has one: "librtmp (live/x)".
     */
    public String label() {
        String app = app();
        String stream = stream();
        String where = app.isEmpty() && stream.isEmpty() ? "(no connect)" : app + "/" + stream;
        return name.isEmpty() ? where : name + " (" + where + ")";
    }

    private static List<Object> decodedCommand(RtmpMessage m) {
        if (m.type() != RtmpSpec.COMMAND_AMF0) {
            return List.of();
        }
        try {
            return Amf0.decodeAll(m.payloadView());
        } catch (MalformedAmf0Exception e) {
            return List.of();
        }
    }

    /**
     * How the client's type-3 chunks after an extended timestamp carried it (5.3.1.3 says they
     * repeat it): counted over the whole transcript, reading as {@link ChunkReader} does.
     *
     * @param repeated chunks that repeated the four bytes
     * @param omitted  chunks that left them out
     */
    public record Type3ExtendedTimestamps(int repeated, int omitted) {
    }

    /** {@link Type3ExtendedTimestamps} of what the client sent. */
    public Type3ExtendedTimestamps type3ExtendedTimestamps() {
        if (raw.length <= HANDSHAKE_END) {
            return new Type3ExtendedTimestamps(0, 0);
        }
        ByteArrayInputStream in = new ByteArrayInputStream(raw, HANDSHAKE_END, raw.length - HANDSHAKE_END);
        ChunkReader reader = new ChunkReader(in, RtmpSpec.MAX_MESSAGE_LENGTH, raw.length, HANDSHAKE_END, true);
        try {
            while (reader.next() != null) {
                // counting only
            }
        } catch (IOException e) {
            // the counts up to where the bytes stop making sense
        }
        return new Type3ExtendedTimestamps(reader.extendedTimestampRepeats(), reader.extendedTimestampOmissions());
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
                } catch (MalformedAmf0Exception e) {
                    names.add("(malformed)");
                }
            }
        }
        return names;
    }

    /** The server's view of the handshake: what it received and what it sent. */
    public String handshakeSummary() {
        int server = serverRaw.length > 0 ? Math.min(serverRaw.length, S0_S1_S2_SIZE) : S0_S1_S2_SIZE;
        return "C0+C1 " + Math.min(raw.length, C0_C1_SIZE) + " bytes, S0+S1+S2 " + server
                + " bytes, C2 " + c2().length + " bytes";
    }

    /**
     * Compares two transcripts at the level {@code options} gives, and returns every difference,
     * the messages aligned, and a summary per message type.
     */
    public static WireComparison compare(WireTranscript expected, WireTranscript actual, CompareOptions options) {
        return TranscriptComparator.compare(Objects.requireNonNull(expected, "expected"),
                Objects.requireNonNull(actual, "actual"), Objects.requireNonNull(options, "options"));
    }

    /**
     * The first difference between this (expected) transcript and {@code actual} at the
     * {@linkplain CompareOptions#exact() exact} level, in words, with both messages in full and
     * the actual messages around it; empty when they are the same apart from the random
     * handshake fields.
     */
    public Optional<String> diff(WireTranscript actual) {
        return compare(this, actual, CompareOptions.exact()).firstDifference().map(d -> explain(d, actual));
    }

    private String explain(WireComparison.Difference d, WireTranscript actual) {
        StringBuilder sb = new StringBuilder(d.description());
        if (d.expectedIndex() >= 0 && d.actualIndex() >= 0) {
            sb.append("\n  expected: ").append(messages.get(d.expectedIndex()).describe());
            sb.append("\n  actual:   ").append(actual.messages.get(d.actualIndex()).describe());
        }
        int around = d.actualIndex() >= 0 ? d.actualIndex() : d.expectedIndex();
        if (around >= 0 && !actual.messages.isEmpty()) {
            sb.append('\n').append(context(Math.min(around, actual.messages.size() - 1), actual));
        }
        return sb.toString();
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

    /**
     * Writes both directions as a classic pcap file (Ethernet, IPv4, TCP with synthetic headers,
     * sequence and acknowledgement numbers as a real connection has them), the server on port
     * 1935 so that Wireshark's RTMP dissector decodes it.
     */
    public void writePcap(Path file) throws IOException {
        PcapWriter.write(this, file);
    }

    /** The whole transcript for people: one line per handshake part and per message. */
    public String toText() {
        StringBuilder sb = new StringBuilder();
        sb.append("# RTMP client transcript").append(peer.isEmpty() ? "" : " from " + peer)
                .append(messages.isEmpty() ? "" : " (" + label() + ")").append('\n');
        sb.append("# handshake (server's view): ").append(handshakeSummary()).append('\n');
        sb.append("# ").append(raw.length).append(" bytes in all; ").append(messages.size()).append(" messages\n");
        sb.append("C0 version ").append(c0()).append('\n');
        byte[] c1 = c1();
        if (c1.length >= C1_ZERO_TO) {
            sb.append("C1 time ").append(MessageText.u32(c1, 0)).append(", bytes 4-7 ")
                    .append(MessageText.hex(c1, C1_ZERO_FROM, C1_ZERO_TO)).append(", ")
                    .append(c1.length - C1_ZERO_TO).append(" random bytes; ")
                    .append(handshake().kind().words()).append('\n');
        }
        if (serverRaw.length >= S0_S1_S2_SIZE) {
            byte[] s1 = s1();
            sb.append("S0 version ").append(s0()).append(", S1 time ").append(MessageText.u32(s1, 0))
                    .append(", bytes 4-7 ").append(MessageText.hex(s1, C1_ZERO_FROM, C1_ZERO_TO))
                    .append(", S2 ").append(Arrays.equals(s2(), c1) ? "echoes C1" : "does not echo C1").append('\n');
        }
        Boolean echo = handshake().c2EchoesS1();
        sb.append("C2 ").append(c2().length).append(" bytes (")
                .append(echo == null ? "echo of S1" : echo ? "echoes S1" : "does not echo S1").append(")\n");
        for (int i = 0; i < messages.size(); i++) {
            sb.append(line(i, messages.get(i))).append('\n');
        }
        sb.append("end: ").append(end).append('\n');
        return sb.toString();
    }

    @Override
    public String toString() {
        return "WireTranscript[" + label() + ", " + messages.size() + " messages, " + raw.length + " bytes, " + end + "]";
    }
}
