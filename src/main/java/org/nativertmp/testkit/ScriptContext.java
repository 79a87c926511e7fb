package org.nativertmp.testkit;

import java.io.IOException;
import java.time.Duration;
import java.util.function.Predicate;

/**
 * What a {@link ServerScript.Step} can do on its connection: send messages (whole, or chunk by
 * chunk so that other chunks go between), wait for what the client sends, pause, close. Every
 * wait is bounded ({@link ScriptedRtmpServer.Builder#awaitTimeout}); a wait that ends without
 * what it waited for stops the script with a {@link ScriptStoppedException} saying why.
 */
public interface ScriptContext {
    /**
     * Sends every chunk of {@code m} in one write. A Set Chunk Size changes how later chunks are
     * cut. Once the client has ended the connection, it stops the script instead.
     */
    void send(ServerMessage m) throws IOException;

    /** Starts {@code m} without sending anything yet: its chunks go out one by one. */
    ChunkedSend begin(ServerMessage m);

    /** The next message from the client that {@code wanted} accepts; earlier ones are passed over. */
    RtmpMessage await(String what, Predicate<RtmpMessage> wanted) throws IOException, InterruptedException;

    /**
     * The next AMF0 (or AMF3-wrapped) command named {@code name}; its transaction id becomes
     * {@link #lastTransactionId()} and its message stream id {@link #lastStreamId()}.
     */
    RtmpMessage awaitCommand(String name) throws IOException, InterruptedException;

    /** The transaction id of the command {@link #awaitCommand} returned last (0 before any). */
    double lastTransactionId();

    /** The message stream id of the command {@link #awaitCommand} returned last. */
    long lastStreamId();

    /** Waits, while the client's messages keep being read and recorded. */
    void pause(Duration time) throws IOException, InterruptedException;

    /** Closes the connection now; the steps after this one do not run. */
    void closeConnection() throws IOException;

    /** The chunk size this side sends with now. */
    int chunkSize();

    /** A message being sent chunk by chunk. */
    interface ChunkedSend {
        boolean hasNextChunk();

        /** Sends the next chunk (cut at the chunk size in force now) and flushes. */
        void sendNextChunk() throws IOException;

        /** Sends every chunk left. */
        default void sendRest() throws IOException {
            while (hasNextChunk()) {
                sendNextChunk();
            }
        }
    }
}
