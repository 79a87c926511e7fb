package org.nativertmp;

import java.util.List;

/**
 * A data message from the server ({@link RtmpEventListener#onData}), AMF0-decoded.
 *
 * @param handler the first value: {@code onMetaData}, {@code onCuePoint}, {@code |RtmpSampleAccess}, ...
 * @param values the values after it (AMF0 null is null)
 * @param timestamp the message's timestamp in milliseconds
 * @param streamId the message stream it came on
 */
public record DataMessage(String handler, List<Object> values, long timestamp, int streamId) {
    public DataMessage {
        values = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(values));
    }
}
