package org.nativertmp;

import java.util.Map;

/**
 * An {@code onStatus} command from the server ({@link RtmpEventListener#onStatus}).
 *
 * @param code the info object's {@code code} ({@code NetStream.Play.Start}, ...), or "" when it has none
 * @param level {@code status}, {@code warning} or {@code error}, or ""
 * @param description the info object's {@code description}, or ""
 * @param info the whole info object, in order (empty when the server sent none)
 * @param streamId the message stream it came on
 */
public record ServerStatus(String code, String level, String description, Map<String, Object> info, int streamId) {
    public ServerStatus {
        info = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(info));
    }
}
