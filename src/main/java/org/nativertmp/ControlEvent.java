package org.nativertmp;

/**
 * A protocol control or user control message from the server ({@link RtmpEventListener#onControl}).
 *
 * @param kind what it is
 * @param value the stream id (stream events, set buffer length), the timestamp (pings), the
 *        sequence number (acknowledgement), the size (window, bandwidth, chunk size) or the chunk
 *        stream (abort); for {@link Kind#USER_CONTROL} the event type
 * @param extra the buffer length in ms (set buffer length), the limit type (peer bandwidth), the
 *        first 4-byte value ({@link Kind#USER_CONTROL}), 0 otherwise
 */
public record ControlEvent(Kind kind, long value, long extra) {
    public enum Kind {
        STREAM_BEGIN, STREAM_EOF, STREAM_DRY, SET_BUFFER_LENGTH, STREAM_IS_RECORDED, PING_REQUEST, PING_RESPONSE,
        /** Another user control event: {@code value} is its type. */
        USER_CONTROL,
        CHUNK_SIZE, ABORT, ACKNOWLEDGEMENT, WINDOW_ACK_SIZE, PEER_BANDWIDTH
    }
}
