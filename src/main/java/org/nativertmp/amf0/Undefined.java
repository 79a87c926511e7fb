package org.nativertmp.amf0;

/**
 * AMF0's undefined (marker 0x06), a value distinct from {@code null} (marker 0x05).
 */
public enum Undefined {
    /** The one undefined value. */
    UNDEFINED;

    /** @return {@code "undefined"} */
    @Override
    public String toString() {
        return "undefined";
    }
}
