package org.nativertmp.testkit;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * What a {@link ScriptedRtmpServer} does on each connection after the handshake: a list of steps
 * run in order, each with a description. Steps send {@link ServerMessage}s with the chunk headers
 * they ask for, wait for what the client sends, answer it, pause, close; a step is any
 * {@link Step}, so a script can do what the built-in steps do not. When the last step has run,
 * the server keeps reading until the client closes or falls silent, then closes.
 *
 * <pre>{@code
 * ServerScript script = ServerScript.builder()
 *         .awaitCommand("connect")
 *         .send(ServerMessage.control(RtmpSpec.WINDOW_ACK_SIZE, 2_500_000))
 *         .reply(Map.of("fmsVer", "FMS/3,0,1,123"), ServerMessage.status("status", "NetConnection.Connect.Success", ""))
 *         .awaitCommand("createStream").reply(null, 1.0)
 *         .awaitCommand("publish")
 *         .send(ServerMessage.onStatus(1, ServerMessage.status("status", "NetStream.Publish.Start", "")))
 *         .build();
 * }</pre>
 *
 * Immutable; a script serves any number of connections.
 */
public final class ServerScript {
    /** One step of a script. */
    @FunctionalInterface
    public interface Step {
        void run(ScriptContext context) throws IOException, InterruptedException;
    }

    /** A step and what it does, in words. */
    record Described(String description, Step step) {
    }

    private final List<Described> steps;

    private ServerScript(List<Described> steps) {
        this.steps = List.copyOf(steps);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** What each step does, in order. */
    public List<String> describe() {
        return steps.stream().map(Described::description).toList();
    }

    List<Described> steps() {
        return steps;
    }

    /** This script's steps, then {@code more}'s. */
    public ServerScript then(ServerScript more) {
        List<Described> all = new ArrayList<>(steps);
        all.addAll(more.steps);
        return new ServerScript(all);
    }

    @Override
    public String toString() {
        return String.join("; ", describe());
    }

    /** Collects steps. */
    public static final class Builder {
        private final List<Described> steps = new ArrayList<>();

        private Builder() {
        }

        /** Any step, with what it does in words. */
        public Builder step(String description, Step step) {
            steps.add(new Described(Objects.requireNonNull(description, "description"), Objects.requireNonNull(step, "step")));
            return this;
        }

        /** Every step of {@code script}, appended. */
        public Builder steps(ServerScript script) {
            steps.addAll(script.steps);
            return this;
        }

        /** Sends the messages, each whole, in order. */
        public Builder send(ServerMessage... messages) {
            for (ServerMessage m : messages) {
                step("send " + m, c -> c.send(m));
            }
            return this;
        }

        /** Sends Set Chunk Size (5.4.1) and cuts every later chunk at {@code size}. */
        public Builder setChunkSize(int size) {
            return send(ServerMessage.control(RtmpSpec.SET_CHUNK_SIZE, size));
        }

        /** Waits for the client's command {@code name}; {@link #reply} answers it. */
        public Builder awaitCommand(String name) {
            return step("await command " + name, c -> c.awaitCommand(name));
        }

        /** Waits for the next client message that {@code wanted} accepts. */
        public Builder await(String what, Predicate<RtmpMessage> wanted) {
            return step("await " + what, c -> c.await(what, wanted));
        }

        /** {@code _result} with the awaited command's transaction id, then {@code values}, on stream 0. */
        public Builder reply(Object... values) {
            return answer("_result", values);
        }

        /** {@code _error} with the awaited command's transaction id, then {@code values}. */
        public Builder replyError(Object... values) {
            return answer("_error", values);
        }

        private Builder answer(String name, Object[] values) {
            Object[] copy = values.clone();
            return step(name + " to the awaited command", c -> c.send(ServerMessage.command(name, c.lastTransactionId(), copy)));
        }

        /** Waits, still reading what the client sends. */
        public Builder pause(Duration time) {
            return step("pause " + time.toMillis() + " ms", c -> c.pause(time));
        }

        /** Closes the connection; later steps do not run. */
        public Builder closeConnection() {
            return step("close the connection", ScriptContext::closeConnection);
        }

        public ServerScript build() {
            return new ServerScript(steps);
        }
    }
}
