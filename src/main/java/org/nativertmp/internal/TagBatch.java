package org.nativertmp.internal;

import com.sun.jna.Memory;

/**
 * Whole FLV tags gathered in native memory, to reach librtmp in one {@code nrtmp_write}
 * ({@link RtmpPeer#write(TagBatch)}): the caller's bytes are copied once, straight into memory
 * librtmp reads, and a slice of many tags costs one native call instead of one per tag. Used by
 * one thread at a time; the memory is its own, not the connection's, so that filling it needs no
 * call into the connection: taken with the first tag, given back by {@link #release()} (or by JNA
 * once the batch is unreachable).
 */
public final class TagBatch {
    /** What a batch holds before it is sent: sixteen 4 KiB chunks, the send buffer's size. */
    public static final int CAPACITY = 64 * 1024;

    private Memory memory;
    private int size;
    private int tags;
    private long maxTimestamp = -1;

    /** True when {@code len} more bytes fit (a batch always takes one tag, growing for a large one). */
    public boolean fits(int len) {
        return size == 0 || size + (long) len <= memory.size();
    }

    /** The native memory the batch holds: 0 before the first tag and after {@link #release()}. */
    public long memoryBytes() {
        return memory == null ? 0 : memory.size();
    }

    /** Appends one whole tag with its previous-tag-size. */
    public void add(byte[] b, int off, int len, long timestamp) {
        if (memory == null) {
            memory = new Memory(Math.max(CAPACITY, len));
        } else if (size + (long) len > memory.size()) {
            Memory larger = new Memory(Math.max((long) size + len, 2 * memory.size()));
            larger.write(0, memory.getByteArray(0, size), 0, size);
            memory.close();
            memory = larger;
        }
        memory.write(size, b, off, len);
        size += len;
        tags++;
        maxTimestamp = Math.max(maxTimestamp, timestamp);
    }

    public boolean isEmpty() {
        return size == 0;
    }

    public int tags() {
        return tags;
    }

    /** The highest timestamp of the tags in the batch, or -1 when empty. */
    public long maxTimestamp() {
        return maxTimestamp;
    }

    Memory memory() {
        return memory;
    }

    int size() {
        return size;
    }

    /** Empties the batch; a large tag's memory is given back. */
    public void clear() {
        size = 0;
        tags = 0;
        maxTimestamp = -1;
        if (memory != null && memory.size() > CAPACITY) {
            memory.close();
            memory = new Memory(CAPACITY);
        }
    }

    /** Empties the batch and gives its memory back; the next tag takes it again. */
    public void release() {
        clear();
        if (memory != null) {
            memory.close();
            memory = null;
        }
    }
}
