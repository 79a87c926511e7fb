package org.nativertmp.amf0;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An AMF0 ECMA array (marker 0x08): string keys and values in order, like an object, but
 * encoded with its own marker and a count. {@code onMetaData} is one. As a {@code Map} it equals
 * any map with the same entries, an object's among them; {@code instanceof EcmaArray} tells the
 * two apart.
 */
public final class EcmaArray extends LinkedHashMap<String, Object> {
    /** The version of the serialized form. */
    private static final long serialVersionUID = 1L;

    /** An empty array. */
    public EcmaArray() {
    }

    /**
     * An array with the entries of {@code entries}, in its iteration order.
     *
     * @param entries the keys and values
     */
    public EcmaArray(Map<String, ?> entries) {
        super(entries);
    }
}
