package org.nativertmp;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A command message from the server ({@link RtmpEventListener#onCommand}): its name,
 * transaction id, command object and arguments, decoded from AMF0.
 */
public final class ServerCommand {
    /** Sends an answer to the server: {@code _result} or {@code _error} for this command's transaction. */
    interface Responder {
        void respond(String name, double transactionId, Object[] values, int streamId) throws RtmpException;
    }

    private final String name;
    private final double transactionId;
    private final Object commandObject;
    private final List<Object> arguments;
    private final RtmpPacket packet;
    private final Responder responder;

    ServerCommand(String name, double transactionId, Object commandObject, List<Object> arguments, RtmpPacket packet,
                  Responder responder) {
        this.name = name;
        this.transactionId = transactionId;
        this.commandObject = commandObject;
        this.arguments = Collections.unmodifiableList(new ArrayList<>(arguments));
        this.packet = packet;
        this.responder = responder;
    }

    public String name() {
        return name;
    }

    /** 0 when the server expects no answer. */
    public double transactionId() {
        return transactionId;
    }

    /** The command object (usually null), decoded. */
    public Object commandObject() {
        return commandObject;
    }

    /** The values after the command object, as {@link org.nativertmp.amf0.Amf0} decodes them (AMF0 null is null). */
    public List<Object> arguments() {
        return arguments;
    }

    /** The message as it arrived. */
    public RtmpPacket packet() {
        return packet;
    }

    /**
     * Answers the command: {@code _result}(transaction id, null, values...), as python-librtmp's
     * invoke handlers do. It is sent when this connection's current call (a read waiting for
     * media, say) returns.
     *
     * @throws IllegalStateException when the server expects no answer (transaction id 0) or the
     *         command is itself an answer
     * @throws RtmpException when the connection broke
     */
    public void respond(Object... values) throws RtmpException {
        answer("_result", values);
    }

    /** Answers the command with {@code _error}(transaction id, null, values...); see {@link #respond}. */
    public void respondError(Object... values) throws RtmpException {
        answer("_error", values);
    }

    private void answer(String kind, Object[] values) throws RtmpException {
        if (transactionId == 0 || name.equals("_result") || name.equals("_error")) {
            throw new IllegalStateException("'" + name + "' (transaction " + transactionId + ") expects no answer");
        }
        responder.respond(kind, transactionId, values, packet.streamId());
    }

    @Override
    public String toString() {
        return "ServerCommand[" + name + ", transaction " + transactionId + ", " + arguments + "]";
    }
}
