package org.nativertmp.testkit;

/**
 * Constants of the RTMP specification (Adobe's "Real-Time Messaging Protocol (RTMP)
 * specification" 1.0, 2012), named with the section that defines them.
 */
public final class RtmpSpec {
    /** 5.2.2: the version C0 and S0 carry; 3 is plain (unencrypted) RTMP. */
    public static final int VERSION = 3;
    /** 5.2.3: C1, S1, C2 and S2 are each 1536 bytes. */
    public static final int HANDSHAKE_SIZE = 1536;
    /** 5.4.1: both sides start with 128-byte chunks until a Set Chunk Size says otherwise. */
    public static final int DEFAULT_CHUNK_SIZE = 128;
    /** 5.4.1: a chunk size is 31 bits (the top bit must be zero). */
    public static final int MAX_CHUNK_SIZE = 0x7FFF_FFFF;
    /** 5.3.1.3: a 24-bit timestamp field of 0xFFFFFF means a 32-bit extended timestamp follows. */
    public static final int EXTENDED_TIMESTAMP_MARKER = 0xFF_FFFF;
    /** 5.3.1.2: the message length is 24 bits. */
    public static final int MAX_MESSAGE_LENGTH = 0xFF_FFFF;

    /** 5.3.1.2: message header sizes for chunk types (fmt) 0 to 3. */
    static final int[] MESSAGE_HEADER_SIZE = {11, 7, 3, 0};

    /** 5.3.1.1: chunk stream 2 is reserved for protocol control messages. */
    public static final int CSID_PROTOCOL_CONTROL = 2;
    /** Chunk streams servers commonly use for commands and media (not fixed by the spec). */
    public static final int CSID_COMMAND = 3;
    public static final int CSID_AUDIO = 4;
    public static final int CSID_VIDEO = 6;
    public static final int CSID_DATA = 5;

    // Message type ids.
    /** 5.4.1 */
    public static final int SET_CHUNK_SIZE = 1;
    /** 5.4.2 */
    public static final int ABORT = 2;
    /** 5.4.3 */
    public static final int ACKNOWLEDGEMENT = 3;
    /** 6.2 / 7.1.7 */
    public static final int USER_CONTROL = 4;
    /** 5.4.4 */
    public static final int WINDOW_ACK_SIZE = 5;
    /** 5.4.5 */
    public static final int SET_PEER_BANDWIDTH = 6;
    /** 7.1.5 */
    public static final int AUDIO = 8;
    /** 7.1.5 */
    public static final int VIDEO = 9;
    /** 7.1.2: data message, AMF3 */
    public static final int DATA_AMF3 = 15;
    /** 7.1.3: shared object, AMF3 */
    public static final int SHARED_OBJECT_AMF3 = 16;
    /** 7.1.1: command message, AMF3 */
    public static final int COMMAND_AMF3 = 17;
    /** 7.1.2: data message, AMF0 */
    public static final int DATA_AMF0 = 18;
    /** 7.1.3: shared object, AMF0 */
    public static final int SHARED_OBJECT_AMF0 = 19;
    /** 7.1.1: command message, AMF0 */
    public static final int COMMAND_AMF0 = 20;
    /** 7.1.6 */
    public static final int AGGREGATE = 22;

    // User control event types (7.1.7).
    public static final int EVENT_STREAM_BEGIN = 0;
    public static final int EVENT_STREAM_EOF = 1;
    public static final int EVENT_STREAM_DRY = 2;
    public static final int EVENT_SET_BUFFER_LENGTH = 3;
    public static final int EVENT_STREAM_IS_RECORDED = 4;
    public static final int EVENT_PING_REQUEST = 6;
    public static final int EVENT_PING_RESPONSE = 7;

    /** 5.4.5: the "dynamic" limit type of Set Peer Bandwidth. */
    public static final int PEER_BANDWIDTH_DYNAMIC = 2;

    private RtmpSpec() {
    }

    /** A short name for a message type id, as transcripts print it. */
    public static String typeName(int type) {
        switch (type) {
            case SET_CHUNK_SIZE: return "set-chunk-size";
            case ABORT: return "abort";
            case ACKNOWLEDGEMENT: return "ack";
            case USER_CONTROL: return "user-control";
            case WINDOW_ACK_SIZE: return "window-ack-size";
            case SET_PEER_BANDWIDTH: return "set-peer-bandwidth";
            case AUDIO: return "audio";
            case VIDEO: return "video";
            case DATA_AMF3: return "data-amf3";
            case SHARED_OBJECT_AMF3: return "shared-object-amf3";
            case COMMAND_AMF3: return "command-amf3";
            case DATA_AMF0: return "data";
            case SHARED_OBJECT_AMF0: return "shared-object";
            case COMMAND_AMF0: return "command";
            case AGGREGATE: return "aggregate";
            default: return "type-" + type;
        }
    }

    /** A short name for a user control event type. */
    public static String eventName(int event) {
        switch (event) {
            case EVENT_STREAM_BEGIN: return "StreamBegin";
            case EVENT_STREAM_EOF: return "StreamEOF";
            case EVENT_STREAM_DRY: return "StreamDry";
            case EVENT_SET_BUFFER_LENGTH: return "SetBufferLength";
            case EVENT_STREAM_IS_RECORDED: return "StreamIsRecorded";
            case EVENT_PING_REQUEST: return "PingRequest";
            case EVENT_PING_RESPONSE: return "PingResponse";
            default: return "event-" + event;
        }
    }
}
