package org.nativertmp.testkit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nativertmp.amf0.Amf0;
import org.nativertmp.amf0.MalformedAmf0Exception;

/**
 * A message as one comparison sees it: its place in its transcript, its payload after the
 * normalisation the options ask for ({@code @setDataFrame} removed) and, for AMF0 commands and
 * data, its decoded values.
 */
final class ComparedMessage {
    final int index;
    final RtmpMessage message;
    final byte[] payload;
    /** Decoded AMF0 values of a command or data message; null for other types or malformed AMF0. */
    final List<Object> values;
    final boolean setDataFrameRemoved;

    private ComparedMessage(int index, RtmpMessage message, CompareOptions options) {
        this.index = index;
        this.message = message;
        byte[] p = message.payloadView();
        boolean data = message.type() == RtmpSpec.DATA_AMF0;
        if (data && options.normalisesSetDataFrame()) {
            byte[] stripped = RecorderConnection.withoutSetDataFrame(p);
            setDataFrameRemoved = stripped.length != p.length;
            p = stripped;
        } else {
            setDataFrameRemoved = false;
        }
        this.payload = p;
        this.values = isCommand() || data ? decode(p) : null;
    }

    /** The messages of {@code t} that the options compare, in order. */
    static List<ComparedMessage> of(WireTranscript t, CompareOptions options) {
        List<ComparedMessage> list = new ArrayList<>();
        List<RtmpMessage> messages = t.messages();
        for (int i = 0; i < messages.size(); i++) {
            if (options.compares(messages.get(i).type())) {
                list.add(new ComparedMessage(i, messages.get(i), options));
            }
        }
        return list;
    }

    private static List<Object> decode(byte[] p) {
        try {
            return Amf0.decodeAll(p);
        } catch (MalformedAmf0Exception e) {
            return null;
        }
    }

    boolean isCommand() {
        return message.type() == RtmpSpec.COMMAND_AMF0;
    }

    /**
     * What must be equal for two messages to be paired: the command's name, a data message's
     * first value, a media message's type and timestamp, a user control event's type; for the
     * rest the message type.
     */
    String alignmentKey() {
        int type = message.type();
        if ((isCommand() || type == RtmpSpec.DATA_AMF0) && values != null && !values.isEmpty()) {
            return type + ":" + values.get(0);
        }
        if (type == RtmpSpec.AUDIO || type == RtmpSpec.VIDEO) {
            return type + "@" + message.timestamp();
        }
        if (type == RtmpSpec.USER_CONTROL && payload.length >= 2) {
            return type + ":" + ((payload[0] & 0xFF) << 8 | (payload[1] & 0xFF));
        }
        if (values == null && (isCommand() || type == RtmpSpec.DATA_AMF0)) {
            return type + ":" + Arrays.hashCode(payload);
        }
        return String.valueOf(type);
    }

    /** "command connect(1) {app:...}", shortened. */
    String headline() {
        return TranscriptComparator.shorten(RtmpSpec.typeName(message.type()) + " " + MessageText.describe(message.type(), payload));
    }

    /** "command connect", "data onMetaData", or the type and payload shortened for other messages. */
    String label() {
        return values != null && !values.isEmpty() && values.get(0) instanceof String name
                ? RtmpSpec.typeName(message.type()) + " " + name : headline();
    }

    /** The message's header and payload, in full. */
    String text() {
        return message + "  " + MessageText.describe(message.type(), payload);
    }
}
