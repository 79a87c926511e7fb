package org.nativertmp.testkit;

import java.util.Arrays;
import java.util.Objects;

/**
 * One RTMP message as it travelled: the chunk stream it came on, the chunk type (fmt 0-3) of
 * its first chunk, its absolute timestamp, message type id, message stream id and payload.
 * {@code offset} is where its first chunk started in the sender's byte stream.
 */
public final class RtmpMessage {
    private final int chunkStreamId;
    private final int headerType;
    private final long timestamp;
    private final int type;
    private final long streamId;
    private final byte[] payload;
    private final long offset;

    public RtmpMessage(int chunkStreamId, int headerType, long timestamp, int type, long streamId,
            byte[] payload, long offset) {
        this.chunkStreamId = chunkStreamId;
        this.headerType = headerType;
        this.timestamp = timestamp;
        this.type = type;
        this.streamId = streamId;
        this.payload = Objects.requireNonNull(payload, "payload").clone();
        this.offset = offset;
    }

    public int chunkStreamId() {
        return chunkStreamId;
    }

    public int headerType() {
        return headerType;
    }

    public long timestamp() {
        return timestamp;
    }

    public int type() {
        return type;
    }

    public long streamId() {
        return streamId;
    }

    public byte[] payload() {
        return payload.clone();
    }

    int length() {
        return payload.length;
    }

    byte[] payloadView() {
        return payload;
    }

    public long offset() {
        return offset;
    }

    /** The payload rendered for people: AMF0 commands and data decoded, control values named. */
    public String describe() {
        return MessageText.describe(type, payload);
    }

    @Override
    public String toString() {
        return "csid=" + chunkStreamId + " fmt=" + headerType + " ts=" + timestamp + " type=" + type
                + " (" + RtmpSpec.typeName(type) + ") stream=" + streamId + " len=" + payload.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RtmpMessage m && m.chunkStreamId == chunkStreamId && m.headerType == headerType
                && m.timestamp == timestamp && m.type == type && m.streamId == streamId
                && Arrays.equals(m.payload, payload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(chunkStreamId, headerType, timestamp, type, streamId, Arrays.hashCode(payload));
    }
}
