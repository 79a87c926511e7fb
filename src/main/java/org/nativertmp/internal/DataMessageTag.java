package org.nativertmp.internal;

import java.nio.charset.StandardCharsets;
import org.nativertmp.amf0.Amf0;
import org.nativertmp.flv.FlvFormat;
import org.nativertmp.flv.FlvTag;

/**
 * A data message from Java values, as the FLV script tag that librtmp's {@code RTMP_Write} turns
 * into it: {@code RTMP_Write} sends a script tag as a data message (type 0x12) with a large
 * header on chunk stream 4 and writes the AMF0 string {@code @setDataFrame} in front of the tag's
 * payload, so the payload is the handler and the values only.
 */
public final class DataMessageTag {
    /** The handler librtmp's RTMP_Write puts in front of every script tag it sends. */
    public static final String SET_DATA_FRAME = "@setDataFrame";
    /** AMF0 string {@code @setDataFrame}: marker, 16-bit length, 13 bytes (RTMP_Write adds 16 to the body size). */
    private static final int SET_DATA_FRAME_BYTES = 16;
    /** An AMF0 string's 16-bit length; a longer handler would go as a long string, which no server takes as a name. */
    private static final int MAX_HANDLER_BYTES = 0xFFFF;

    private DataMessageTag() {
    }

    /**
     * The whole FLV tag (header, payload, previous-tag-size) for {@code handler}({@code values}...).
     *
     * @param values the handler's arguments; {@code null} is one AMF0 null
     * @param timestamp the tag's timestamp in milliseconds
     * @throws IllegalArgumentException for {@code @setDataFrame} or an over-long handler, a value
     *         AMF0 cannot encode, or a message over the 24-bit RTMP and FLV size limit with
     *         librtmp's {@code @setDataFrame}
     */
    public static byte[] encode(String handler, Object[] values, long timestamp) {
        if (handler.equals(SET_DATA_FRAME)) {
            throw new IllegalArgumentException("handler @setDataFrame: librtmp puts it in front of every data message"
                    + " itself; pass the handler that follows it (onMetaData)");
        }
        int handlerBytes = handler.getBytes(StandardCharsets.UTF_8).length;
        if (handlerBytes > MAX_HANDLER_BYTES) {
            throw new IllegalArgumentException("data message handler of " + handlerBytes + " UTF-8 bytes: an AMF0"
                    + " string holds at most " + MAX_HANDLER_BYTES);
        }
        Object[] all = new Object[(values == null ? 1 : values.length) + 1];
        all[0] = handler;
        if (values != null) {
            System.arraycopy(values, 0, all, 1, values.length);
        }
        byte[] payload = Amf0.encode(all);
        if ((long) payload.length + SET_DATA_FRAME_BYTES > FlvFormat.MAX_DATA_SIZE) {
            throw new IllegalArgumentException("data message " + handler + " of " + payload.length + " bytes: with"
                    + " librtmp's @setDataFrame it exceeds the limit of " + FlvFormat.MAX_DATA_SIZE + " bytes");
        }
        return new FlvTag(FlvFormat.TAG_SCRIPT, timestamp, payload).encode();
    }
}
