package org.nativertmp.flv;

import java.io.IOException;

/** An FLV byte stream is not well formed; {@link #offset()} is the byte where it goes wrong. */
public final class MalformedFlvException extends IOException {
    private static final long serialVersionUID = 1L;

    private final long offset;

    public MalformedFlvException(String what, long offset) {
        super(what + " (at byte " + offset + ")");
        this.offset = offset;
    }

    /** Offset of the offending byte, counted from the first byte of the stream. */
    public long offset() {
        return offset;
    }
}
