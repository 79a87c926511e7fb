package org.nativertmp.testkit;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.nativertmp.amf0.Amf0;
import org.nativertmp.flv.FlvFormat;
import org.nativertmp.flv.FlvTag;

/**
 * One message a {@link ScriptedRtmpServer} sends, with the chunk header it is sent with: the
 * chunk stream id (2 to 65,599: ids from 64 take a 2-byte basic header, from 320 a 3-byte one,
 * 5.3.1.1), the header type of its first chunk (0 to 3; 1 to 3 leave out what the chunk stream's
 * last header said, 5.3.1.2), its timestamp (absolute; the header carries a delta for types 1 and
 * 2, and type 3 implies the last delta again), and whether its type-3 chunks repeat an extended
 * timestamp (5.3.1.3 says they do; some senders leave it out). Immutable: every {@code with}
 * method returns a new message.
 *
 * <pre>{@code
 * ServerMessage.command("onStatus", 0, null, ServerMessage.status("status", "NetStream.Play.Start", "go"))
 *         .onStream(1).onChunkStream(400);
 * }</pre>
 */
public final class ServerMessage {
    private final int chunkStreamId;
    private final int headerType;
    private final long timestamp;
    private final int type;
    private final long streamId;
    private final byte[] payload;
    private final boolean repeatsExtendedTimestamp;

    ServerMessage(int chunkStreamId, int headerType, long timestamp, int type, long streamId, byte[] payload,
            boolean repeatsExtendedTimestamp) {
        if (chunkStreamId < RtmpSpec.CSID_PROTOCOL_CONTROL || chunkStreamId > ChunkWriter.MAX_CHUNK_STREAM_ID) {
            throw new IllegalArgumentException("chunk stream id must be 2 to " + ChunkWriter.MAX_CHUNK_STREAM_ID
                    + ", not " + chunkStreamId);
        }
        if (headerType < 0 || headerType > 3) {
            throw new IllegalArgumentException("header type must be 0 to 3, not " + headerType);
        }
        if (payload.length > RtmpSpec.MAX_MESSAGE_LENGTH) {
            throw new IllegalArgumentException("a message holds at most " + RtmpSpec.MAX_MESSAGE_LENGTH + " bytes");
        }
        this.chunkStreamId = chunkStreamId;
        this.headerType = headerType;
        this.timestamp = timestamp & 0xFFFF_FFFFL;
        this.type = type;
        this.streamId = streamId & 0xFFFF_FFFFL;
        this.payload = payload;
        this.repeatsExtendedTimestamp = repeatsExtendedTimestamp;
    }

    /** A message of any type on chunk stream 3, stream 0, timestamp 0, type-0 header. */
    public static ServerMessage of(int type, byte[] payload) {
        return new ServerMessage(RtmpSpec.CSID_COMMAND, 0, 0, type, 0, payload.clone(), true);
    }

    /** An AMF0 command (7.1.1): name, transaction id, then the arguments, on chunk stream 3. */
    public static ServerMessage command(String name, double transactionId, Object... arguments) {
        Object[] all = new Object[arguments.length + 2];
        all[0] = name;
        all[1] = transactionId;
        System.arraycopy(arguments, 0, all, 2, arguments.length);
        return new ServerMessage(RtmpSpec.CSID_COMMAND, 0, 0, RtmpSpec.COMMAND_AMF0, 0, Amf0.encode(all), true);
    }

    /** An AMF0 data message (7.1.2), e.g. {@code "onMetaData", ecmaArray}, on chunk stream 5. */
    public static ServerMessage data(Object... values) {
        return new ServerMessage(RtmpSpec.CSID_DATA, 0, 0, RtmpSpec.DATA_AMF0, 0, Amf0.encode(values), true);
    }

    /** {@code onStatus(0, null, info)} on message stream {@code streamId} (7.2.2). */
    public static ServerMessage onStatus(long streamId, Map<String, Object> info) {
        return command("onStatus", 0, null, info).onStream(streamId).onChunkStream(RtmpSpec.CSID_DATA);
    }

    /** The info object of a status: level ("status", "error", "warning"), code and description. */
    public static Map<String, Object> status(String level, String code, String description) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("level", level);
        m.put("code", code);
        m.put("description", description);
        return m;
    }

    /** A protocol control message (5.4) on chunk stream 2: Set Chunk Size, Abort, Acknowledgement, Window Acknowledgement Size. */
    public static ServerMessage control(int type, long value) {
        return new ServerMessage(RtmpSpec.CSID_PROTOCOL_CONTROL, 0, 0, type, 0, ChunkWriter.int32(value), true);
    }

    /** Set Peer Bandwidth (5.4.5): the window and the limit type (0 hard, 1 soft, 2 dynamic). */
    public static ServerMessage peerBandwidth(long window, int limitType) {
        byte[] p = Arrays.copyOf(ChunkWriter.int32(window), 5);
        p[4] = (byte) limitType;
        return new ServerMessage(RtmpSpec.CSID_PROTOCOL_CONTROL, 0, 0, RtmpSpec.SET_PEER_BANDWIDTH, 0, p, true);
    }

    /** A User Control event (7.1.7) with one 4-byte value (a stream id, or a ping's timestamp). */
    public static ServerMessage userControl(int event, long value) {
        byte[] p = new byte[6];
        p[0] = (byte) (event >>> 8);
        p[1] = (byte) event;
        System.arraycopy(ChunkWriter.int32(value), 0, p, 2, 4);
        return new ServerMessage(RtmpSpec.CSID_PROTOCOL_CONTROL, 0, 0, RtmpSpec.USER_CONTROL, 0, p, true);
    }

    /** An FLV tag as a message on stream 1: audio on chunk stream 4, video on 6, script data on 5. */
    public static ServerMessage media(FlvTag tag) {
        int csid = tag.type() == FlvFormat.TAG_AUDIO ? RtmpSpec.CSID_AUDIO
                : tag.type() == FlvFormat.TAG_VIDEO ? RtmpSpec.CSID_VIDEO : RtmpSpec.CSID_DATA;
        return new ServerMessage(csid, 0, tag.timestamp(), tag.type(), 1, tag.payload(), true);
    }

    /** The same message on another chunk stream. */
    public ServerMessage onChunkStream(int csid) {
        return new ServerMessage(csid, headerType, timestamp, type, streamId, payload, repeatsExtendedTimestamp);
    }

    /** The same message with another first header type (0 to 3). */
    public ServerMessage withHeaderType(int fmt) {
        return new ServerMessage(chunkStreamId, fmt, timestamp, type, streamId, payload, repeatsExtendedTimestamp);
    }

    /** The same message at another timestamp (milliseconds; 32 bits). */
    public ServerMessage at(long millis) {
        return new ServerMessage(chunkStreamId, headerType, millis, type, streamId, payload, repeatsExtendedTimestamp);
    }

    /** The same message on another message stream. */
    public ServerMessage onStream(long id) {
        return new ServerMessage(chunkStreamId, headerType, timestamp, type, id, payload, repeatsExtendedTimestamp);
    }

    /** Whether type-3 chunks after an extended timestamp repeat it (5.3.1.3; the default) or leave it out. */
    public ServerMessage repeatingExtendedTimestamp(boolean repeat) {
        return new ServerMessage(chunkStreamId, headerType, timestamp, type, streamId, payload, repeat);
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

    byte[] payloadView() {
        return payload;
    }

    public boolean repeatsExtendedTimestamp() {
        return repeatsExtendedTimestamp;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ServerMessage m && m.chunkStreamId == chunkStreamId && m.headerType == headerType
                && m.timestamp == timestamp && m.type == type && m.streamId == streamId
                && m.repeatsExtendedTimestamp == repeatsExtendedTimestamp && Arrays.equals(m.payload, payload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(chunkStreamId, headerType, timestamp, type, streamId, Arrays.hashCode(payload));
    }

    /** "csid=3 fmt=0 ts=0 command _result(1) ..." */
    @Override
    public String toString() {
        return "csid=" + chunkStreamId + " fmt=" + headerType + " ts=" + timestamp + " " + RtmpSpec.typeName(type)
                + " stream=" + streamId + " " + TranscriptComparator.shorten(MessageText.describe(type, payload));
    }
}
