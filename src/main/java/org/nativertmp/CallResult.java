package org.nativertmp;

import java.util.List;

/**
 * The server's answer to {@link NativeRtmp#call}: {@code _result} (or, in
 * {@link RemoteCallException}, {@code _error}) decoded from AMF0.
 *
 * @param commandObject the command object of the answer (often null, or server properties)
 * @param values the values after it (AMF0 null is null); the first is
 *        usually the information object or the return value
 * @param packet the message as it arrived
 */
public record CallResult(Object commandObject, List<Object> values, RtmpPacket packet) {
    public CallResult {
        values = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(values));
    }

    /** The first value after the command object, or null when there is none. */
    public Object value() {
        return values.isEmpty() ? null : values.get(0);
    }
}
