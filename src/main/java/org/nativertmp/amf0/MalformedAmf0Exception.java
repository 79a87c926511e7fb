package org.nativertmp.amf0;

import java.io.IOException;

/** Bytes are not well-formed AMF0 (or not AMF0 this package decodes); {@link #offset()} says where. */
public final class MalformedAmf0Exception extends IOException {
    /** The version of the serialized form. */
    private static final long serialVersionUID = 1L;

    /** Where the input goes wrong, counted from the first byte given to the decoder. */
    private final int offset;

    /**
     * An exception whose message is {@code what} and the offset.
     *
     * @param what what is wrong
     * @param offset the offending byte, counted from the first byte given to the decoder
     */
    public MalformedAmf0Exception(String what, int offset) {
        super(what + " (at byte " + offset + ")");
        this.offset = offset;
    }

    /** @return the offset of the offending byte, counted from the first byte given to the decoder */
    public int offset() {
        return offset;
    }
}
