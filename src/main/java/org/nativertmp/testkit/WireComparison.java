package org.nativertmp.testkit;

import java.util.List;
import java.util.Optional;

/**
 * The result of {@link WireTranscript#compare}: every difference between two transcripts at the
 * chosen {@link CompareOptions level}, with the messages aligned so that a message only one side
 * sent is one {@link Kind#ONLY_IN_EXPECTED} or {@link Kind#ONLY_IN_ACTUAL} entry and the rest
 * still pair up. {@link #toString()} is the report people read: the handshakes, a summary per
 * message type, what was normalised, then each difference on one line.
 */
public final class WireComparison {
    /** What a difference is about. */
    public enum Kind {
        /** C0, C1 bytes 4-7 (plain or digest handshake), C1 or C2 length. */
        HANDSHAKE,
        /** A message the expected side sent and the actual side did not. */
        ONLY_IN_EXPECTED,
        /** A message the actual side sent and the expected side did not. */
        ONLY_IN_ACTUAL,
        /** Chunk stream id or chunk header type (fmt): only when chunking is compared. */
        CHUNKING,
        TIMESTAMP,
        MESSAGE_STREAM_ID,
        /** Payload bytes (media, control values, commands compared as bytes). */
        PAYLOAD,
        /** A decoded command's or data message's transaction id or positional argument. */
        ARGUMENT,
        /** A property of a decoded object (e.g. connect's command object), compared as an unordered map. */
        PROPERTY,
        /** Same messages, but cut into chunks differently (raw bytes after the handshake). */
        CHUNK_BYTES
    }

    /**
     * One difference.
     *
     * @param kind          what it is about
     * @param expectedIndex the message's index in the expected transcript, -1 when none
     * @param actualIndex   the message's index in the actual transcript, -1 when none
     * @param expected      the expected value in words ("" when the side has none)
     * @param actual        the actual value in words
     * @param description   one line that says it all
     */
    public record Difference(Kind kind, int expectedIndex, int actualIndex, String expected, String actual,
            String description) {
        @Override
        public String toString() {
            return description;
        }
    }

    /**
     * One row of the alignment: a message of each side, or of one side only, and the differences
     * found between them.
     *
     * @param expectedIndex -1 when only the actual side has the message
     * @param actualIndex   -1 when only the expected side has it
     */
    public record Row(int expectedIndex, int actualIndex, String expectedText, String actualText,
            List<Difference> differences) {
        public boolean paired() {
            return expectedIndex >= 0 && actualIndex >= 0;
        }
    }

    /**
     * Counts for one message type on both sides.
     *
     * @param compared         false when this level does not compare the type (Set Chunk Size at
     *                         the messages level, say); its messages are then only counted
     * @param identical        paired messages with no difference
     * @param payloadDiffers   paired messages whose payload (or decoded values) differ
     * @param timestampDiffers paired messages whose timestamps differ
     */
    public record TypeSummary(String type, int expected, int actual, boolean compared, int paired, int identical,
            int payloadDiffers, int timestampDiffers) {
        /** Both sides sent the same number, and every one of them pairs up without a difference. */
        public boolean allIdentical() {
            return compared && expected == actual && paired == expected && identical == paired;
        }

        String line() {
            String counts = String.format("  %-20s %8d %8d", type, expected, actual);
            if (!compared) {
                return counts + "  not compared at this level";
            }
            String unpaired = paired < Math.max(expected, actual) ? (expected - paired) + " only in expected, "
                    + (actual - paired) + " only in actual" : "";
            String verdict = allIdentical() ? "identical"
                    : paired == 0 ? unpaired
                    : (payloadDiffers == 0 ? "payloads equal"
                            : payloadDiffers + (payloadDiffers == 1 ? " payload differs" : " payloads differ"))
                    + (timestampDiffers == 0 ? ", timestamps equal" : ", " + timestampDiffers + " timestamps differ")
                    + (unpaired.isEmpty() ? "" : ", " + unpaired);
            return counts + String.format(" %8d %9d", paired, identical) + "  " + verdict;
        }
    }

    private final String expectedLabel;
    private final String actualLabel;
    private final CompareOptions options;
    private final ClientHandshake expectedHandshake;
    private final ClientHandshake actualHandshake;
    private final List<Difference> differences;
    private final List<Row> rows;
    private final List<TypeSummary> summary;
    private final List<String> notes;

    WireComparison(String expectedLabel, String actualLabel, CompareOptions options, ClientHandshake expectedHandshake,
            ClientHandshake actualHandshake, List<Difference> differences, List<Row> rows, List<TypeSummary> summary,
            List<String> notes) {
        this.expectedLabel = expectedLabel;
        this.actualLabel = actualLabel;
        this.options = options;
        this.expectedHandshake = expectedHandshake;
        this.actualHandshake = actualHandshake;
        this.differences = List.copyOf(differences);
        this.rows = List.copyOf(rows);
        this.summary = List.copyOf(summary);
        this.notes = List.copyOf(notes);
    }

    /** No difference at this level. */
    public boolean isIdentical() {
        return differences.isEmpty();
    }

    /** Every difference, handshake first, then in message order. */
    public List<Difference> differences() {
        return differences;
    }

    public Optional<Difference> firstDifference() {
        return differences.stream().findFirst();
    }

    /** The aligned messages, in order, with their differences (what the HTML report shows). */
    public List<Row> rows() {
        return rows;
    }

    /** Per message type: counts on each side, how many pair up, how many are identical. */
    public List<TypeSummary> summary() {
        return summary;
    }

    /** The summary line of one type ("video", "command", ...; see {@link RtmpSpec#typeName}). */
    public Optional<TypeSummary> summary(String type) {
        return summary.stream().filter(s -> s.type().equals(type)).findFirst();
    }

    /** Audio and video: as many on both sides, every one paired and identical at this level. */
    public boolean mediaIdentical() {
        boolean any = false;
        for (String type : List.of(RtmpSpec.typeName(RtmpSpec.AUDIO), RtmpSpec.typeName(RtmpSpec.VIDEO))) {
            Optional<TypeSummary> s = summary(type);
            if (s.isPresent()) {
                any = true;
                if (!s.get().allIdentical()) {
                    return false;
                }
            }
        }
        return any;
    }

    /** What was left out or normalised before comparing ("@setDataFrame removed ..."). */
    public List<String> notes() {
        return notes;
    }

    public CompareOptions options() {
        return options;
    }

    public ClientHandshake expectedHandshake() {
        return expectedHandshake;
    }

    public ClientHandshake actualHandshake() {
        return actualHandshake;
    }

    public String expectedLabel() {
        return expectedLabel;
    }

    public String actualLabel() {
        return actualLabel;
    }

    /** The column heads of {@link TypeSummary}'s lines. */
    static String summaryHeader() {
        return String.format("  %-20s %8s %8s %8s %9s", "type", "expected", "actual", "paired", "identical");
    }

    /** The whole report as one self-contained HTML page: summary on top, two aligned columns. */
    public String toHtml() {
        return HtmlReport.render(this);
    }

    @Override
    public String toString() {
        return toString(0);
    }

    /**
     * The report, as {@link #toString()}, listing at most {@code maxDifferences} differences
     * (0: all) and then how many more there are; the summary above them is whole.
     */
    public String toString(int maxDifferences) {
        if (maxDifferences < 0) {
            throw new IllegalArgumentException("maxDifferences must not be negative: " + maxDifferences);
        }
        StringBuilder sb = new StringBuilder();
        sb.append("compared at level ").append(options).append(": expected ").append(expectedLabel)
                .append(", actual ").append(actualLabel).append('\n');
        sb.append("handshake: expected ").append(expectedHandshake.describe()).append('\n');
        sb.append("           actual   ").append(actualHandshake.describe()).append('\n');
        sb.append("messages by type:\n").append(summaryHeader()).append('\n');
        for (TypeSummary s : summary) {
            sb.append(s.line()).append('\n');
        }
        for (String n : notes) {
            sb.append("note: ").append(n).append('\n');
        }
        if (differences.isEmpty()) {
            sb.append("identical at this level\n");
        } else {
            sb.append(differences.size()).append(differences.size() == 1 ? " difference:\n" : " differences:\n");
            int shown = maxDifferences == 0 ? differences.size() : Math.min(maxDifferences, differences.size());
            for (Difference d : differences.subList(0, shown)) {
                sb.append("  ").append(d.description()).append('\n');
            }
            if (shown < differences.size()) {
                sb.append("  ... and ").append(differences.size() - shown).append(" more\n");
            }
        }
        return sb.toString();
    }
}
