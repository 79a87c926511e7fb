package org.nativertmp.testkit;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * What {@link WireTranscript#compare} looks at. Start from a level and refine it; every method
 * returns a new, immutable options object:
 *
 * <pre>{@code
 * CompareOptions.semantic().ignoreProperties("flashVer", "swfUrl").compareTimestamps(false)
 * }</pre>
 *
 * <ul>
 * <li>{@link #exact()}: byte for byte after the handshake's random fields (C1's time and random
 *     bytes, C2): every message's chunk stream id, header type (fmt), timestamp, type, stream id
 *     and payload, Set Chunk Size included, and the raw chunk bytes.</li>
 * <li>{@link #messages()}: chunking ignored (chunk stream ids, header types, chunk size, Set
 *     Chunk Size messages); messages compared by type, stream id, timestamp and payload.</li>
 * <li>{@link #semantic()}: messages, with commands compared decoded (name and arguments,
 *     objects as unordered maps, transaction ids ignored, commands' timestamps ignored), the
 *     handshake's bytes ignored (its kind is still reported), acknowledgement offsets ignored
 *     and {@code @setDataFrame} removed from data messages before they are compared.</li>
 * </ul>
 */
public final class CompareOptions {
    /** The three starting points. */
    public enum Level {
        EXACT, MESSAGES, SEMANTIC;

        /** The level for a command-line word: exact, messages or semantic. */
        public static Level of(String word) {
            for (Level l : values()) {
                if (l.name().equalsIgnoreCase(word)) {
                    return l;
                }
            }
            throw new IllegalArgumentException("unknown comparison level '" + word + "': exact, messages or semantic");
        }
    }

    /** The settings, copied for every change so that an options object never changes. */
    private static final class Settings implements Cloneable {
        Level level;
        boolean compareChunking;
        boolean compareHandshake;
        boolean decodeCommands;
        boolean ignoreTransactionIds;
        boolean compareCommandTimestamps;
        boolean compareTimestamps = true;
        boolean ignoreAcknowledgementOffsets;
        boolean normaliseSetDataFrame;
        Set<String> ignoredProperties = Set.of();
        Set<Integer> ignoredTypes = Set.of();

        @Override
        protected Settings clone() {
            try {
                return (Settings) super.clone();
            } catch (CloneNotSupportedException e) {
                throw new AssertionError(e);
            }
        }
    }

    private final Settings s;

    private CompareOptions(Settings s) {
        this.s = s;
    }

    private CompareOptions change(Consumer<Settings> change) {
        Settings copy = s.clone();
        change.accept(copy);
        return new CompareOptions(copy);
    }

    /** Byte for byte, as {@link WireTranscript#diff} compares. */
    public static CompareOptions exact() {
        return of(Level.EXACT);
    }

    /** Messages, not how they were cut into chunks. */
    public static CompareOptions messages() {
        return of(Level.MESSAGES);
    }

    /** What the messages mean: commands decoded, incidental fields ignored. */
    public static CompareOptions semantic() {
        return of(Level.SEMANTIC);
    }

    /** The options of a level. */
    public static CompareOptions of(Level level) {
        Settings s = new Settings();
        s.level = level;
        s.compareChunking = level == Level.EXACT;
        s.compareHandshake = level != Level.SEMANTIC;
        s.compareCommandTimestamps = level != Level.SEMANTIC;
        boolean semantic = level == Level.SEMANTIC;
        s.decodeCommands = semantic;
        s.ignoreTransactionIds = semantic;
        s.ignoreAcknowledgementOffsets = semantic;
        s.normaliseSetDataFrame = semantic;
        return new CompareOptions(s);
    }

    /** Chunk stream ids, header types, Set Chunk Size and the raw chunk bytes. */
    public CompareOptions compareChunking(boolean on) {
        return change(c -> c.compareChunking = on);
    }

    /** C0, C1 bytes 4-7 (the handshake's kind) and C2's length; never C1's time and random bytes. */
    public CompareOptions compareHandshake(boolean on) {
        return change(c -> c.compareHandshake = on);
    }

    /** Compare AMF0 commands and data decoded (objects as unordered maps) rather than as bytes. */
    public CompareOptions decodeCommands(boolean on) {
        return change(c -> c.decodeCommands = on);
    }

    /** Ignore a command's transaction id (its second value); implies decoded commands. */
    public CompareOptions ignoreTransactionIds(boolean on) {
        return change(c -> {
            c.ignoreTransactionIds = on;
            c.decodeCommands |= on;
        });
    }

    /** Compare the timestamps of command messages (media and data timestamps follow {@link #compareTimestamps}). */
    public CompareOptions compareCommandTimestamps(boolean on) {
        return change(c -> c.compareCommandTimestamps = on);
    }

    /** Compare message timestamps at all. */
    public CompareOptions compareTimestamps(boolean on) {
        return change(c -> {
            c.compareTimestamps = on;
            c.compareCommandTimestamps &= on;
        });
    }

    /** Acknowledgements (5.4.3) are paired by order; the byte counts they carry are not compared. */
    public CompareOptions ignoreAcknowledgementOffsets(boolean on) {
        return change(c -> c.ignoreAcknowledgementOffsets = on);
    }

    /** Remove a leading "@setDataFrame" from data messages before comparing them. */
    public CompareOptions normaliseSetDataFrame(boolean on) {
        return change(c -> c.normaliseSetDataFrame = on);
    }

    /** Object properties (in any command or data object, e.g. connect's "flashVer") left out; implies decoded commands. */
    public CompareOptions ignoreProperties(String... names) {
        Set<String> props = new TreeSet<>(s.ignoredProperties);
        props.addAll(Arrays.asList(names));
        return change(c -> {
            c.ignoredProperties = Set.copyOf(props);
            c.decodeCommands = true;
        });
    }

    /** Message types (RtmpSpec type ids) left out of the comparison altogether; still counted in the summary. */
    public CompareOptions ignoreMessageTypes(int... types) {
        Set<Integer> t = new TreeSet<>(s.ignoredTypes);
        for (int type : types) {
            t.add(type);
        }
        return change(c -> c.ignoredTypes = Set.copyOf(t));
    }

    public Level level() {
        return s.level;
    }

    public boolean comparesChunking() {
        return s.compareChunking;
    }

    public boolean comparesHandshake() {
        return s.compareHandshake;
    }

    public boolean decodesCommands() {
        return s.decodeCommands;
    }

    public boolean ignoresTransactionIds() {
        return s.ignoreTransactionIds;
    }

    public boolean comparesCommandTimestamps() {
        return s.compareCommandTimestamps;
    }

    public boolean comparesTimestamps() {
        return s.compareTimestamps;
    }

    public boolean ignoresAcknowledgementOffsets() {
        return s.ignoreAcknowledgementOffsets;
    }

    public boolean normalisesSetDataFrame() {
        return s.normaliseSetDataFrame;
    }

    public Set<String> ignoredProperties() {
        return s.ignoredProperties;
    }

    public Set<Integer> ignoredMessageTypes() {
        return s.ignoredTypes;
    }

    /** Which message types take part: Set Chunk Size only when chunking is compared. */
    boolean compares(int type) {
        if (s.ignoredTypes.contains(type)) {
            return false;
        }
        return s.compareChunking || (type != RtmpSpec.SET_CHUNK_SIZE && type != RtmpSpec.ABORT);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(s.level.name().toLowerCase(Locale.ROOT));
        CompareOptions base = of(s.level);
        if (s.compareChunking != base.s.compareChunking) {
            sb.append(", chunking ").append(s.compareChunking ? "compared" : "ignored");
        }
        if (s.compareHandshake != base.s.compareHandshake) {
            sb.append(", handshake ").append(s.compareHandshake ? "compared" : "ignored");
        }
        if (s.decodeCommands != base.s.decodeCommands) {
            sb.append(s.decodeCommands ? ", commands decoded" : ", commands as bytes");
        }
        if (s.ignoreTransactionIds != base.s.ignoreTransactionIds) {
            sb.append(", transaction ids ").append(s.ignoreTransactionIds ? "ignored" : "compared");
        }
        if (s.compareTimestamps != base.s.compareTimestamps) {
            sb.append(", timestamps ").append(s.compareTimestamps ? "compared" : "ignored");
        }
        if (s.compareCommandTimestamps != base.s.compareCommandTimestamps) {
            sb.append(", command timestamps ").append(s.compareCommandTimestamps ? "compared" : "ignored");
        }
        if (s.ignoreAcknowledgementOffsets != base.s.ignoreAcknowledgementOffsets) {
            sb.append(", ack offsets ").append(s.ignoreAcknowledgementOffsets ? "ignored" : "compared");
        }
        if (s.normaliseSetDataFrame != base.s.normaliseSetDataFrame) {
            sb.append(", @setDataFrame ").append(s.normaliseSetDataFrame ? "removed" : "kept");
        }
        if (!s.ignoredProperties.isEmpty()) {
            sb.append(", ignoring properties ").append(new TreeSet<>(s.ignoredProperties));
        }
        if (!s.ignoredTypes.isEmpty()) {
            sb.append(", ignoring types ").append(new TreeSet<>(s.ignoredTypes));
        }
        return sb.toString();
    }
}
