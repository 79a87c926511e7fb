package org.nativertmp.amf0;

/** The type markers of AMF0 (AMF0 specification, section 2.1), and their names for messages. */
final class Amf0Marker {
    static final int NUMBER = 0x00;
    static final int BOOLEAN = 0x01;
    static final int STRING = 0x02;
    static final int OBJECT = 0x03;
    static final int MOVIECLIP = 0x04;
    static final int NULL = 0x05;
    static final int UNDEFINED = 0x06;
    static final int REFERENCE = 0x07;
    static final int ECMA_ARRAY = 0x08;
    static final int OBJECT_END = 0x09;
    static final int STRICT_ARRAY = 0x0A;
    static final int DATE = 0x0B;
    static final int LONG_STRING = 0x0C;
    static final int UNSUPPORTED = 0x0D;
    static final int RECORDSET = 0x0E;
    static final int XML_DOCUMENT = 0x0F;
    static final int TYPED_OBJECT = 0x10;
    static final int AVMPLUS = 0x11;

    /** A string's length is a 16-bit field (section 2.4); a longer one is a long string. */
    static final int MAX_STRING_BYTES = 0xFFFF;

    private static final String[] NAMES = {
        "number", "boolean", "string", "object", "movie clip (reserved)", "null", "undefined",
        "reference", "ECMA array", "object end", "strict array", "date", "long string", "unsupported",
        "record set (reserved)", "XML document", "typed object", "AVM+ (switch to AMF3)",
    };

    private Amf0Marker() {
    }

    /** "string (0x02)", or "unknown marker 0x12". */
    static String describe(int marker) {
        String hex = String.format("0x%02x", marker);
        return marker < NAMES.length ? NAMES[marker] + " (" + hex + ")" : "unknown marker " + hex;
    }
}
