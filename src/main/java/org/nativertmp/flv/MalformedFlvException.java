package org.nativertmp.flv;

import java.io.IOException;

/** An FLV byte stream is not well formed; {@link #offset()} is the byte where it goes wrong. */
public final class MalformedFlvException extends IOException {
    /** The version of the serialized form. */
    private static final long serialVersionUID = 1L;

    /** Where the stream goes wrong, counted from its first byte. */
    private final long offset;
    /** The message without the offset. */
    private final String what;

    /**
     * An exception whose message is {@code what} and the offset.
     *
     * @param what what is wrong
     * @param offset the offending byte, counted from the first byte of the stream
     */
    public MalformedFlvException(String what, long offset) {
        super(what + " (at byte " + offset + ")");
        this.offset = offset;
        this.what = what;
    }

    /** What is wrong, without the offset. */
    String what() {
        return what;
    }

    /** @return the offset of the offending byte, counted from the first byte of the stream */
    public long offset() {
        return offset;
    }
}
