package org.nativertmp.testkit;

import java.util.List;
import java.util.Map;
import org.nativertmp.flv.FlvTag;

/**
 * What the recorder kept of one finished client connection: its transcript and, for every
 * stream the client published, the FLV tags it meant to publish (script data without the
 * {@code @setDataFrame} wrapper; see {@link RtmpRecorderServer}).
 *
 * @param id        the connection's number, counting from 1 in accept order
 * @param transcript what the client sent
 * @param published stream name to tags, in publish order
 */
public record RecordedConnection(int id, WireTranscript transcript, Map<String, List<FlvTag>> published) {
    public RecordedConnection {
        published = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(published));
    }
}
