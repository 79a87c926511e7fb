package org.nativertmp.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.nativertmp.amf0.Amf0;
import org.nativertmp.amf0.MalformedAmf0Exception;

/**
 * One client connection of {@link ScriptedRtmpServer}: the handshake, then the script on this
 * thread while a reader thread reads and records everything the client sends, then the linger
 * (until the client closes or falls silent), then the transcript.
 */
final class ScriptedConnection implements ScriptContext {
    private static final long READER_JOIN_MILLIS = 2_000;

    private final Socket socket;
    private final ScriptedRtmpServer.Builder limits;
    private final WireRecording recording;
    /** Every message the client sent, in order; guarded by itself, which is also the monitor waits use. */
    private final List<RtmpMessage> messages = new ArrayList<>();
    private ChunkWriter writer;
    /** The index in {@link #messages} where the next wait starts looking. */
    private int cursor;
    private double lastTransactionId;
    private long lastStreamId;
    /** The Window Acknowledgement Size the client announced last (0: none, so no acknowledgements). */
    private volatile long window;
    private long acknowledged;
    private volatile long received;
    private volatile boolean clientGone;
    private volatile String readerEnd = "";
    private volatile boolean serverClosing;
    private boolean closedByScript;

    ScriptedConnection(Socket socket, ScriptedRtmpServer.Builder limits) {
        this.socket = socket;
        this.limits = limits;
        this.recording = new WireRecording(limits.maxConnectionBytes);
    }

    ScriptedSession run(int id, ServerScript script) {
        String scriptEnd;
        boolean completed = false;
        Thread reader = null;
        try {
            InputStream in = recording.accept(socket, limits.idleTimeout);
            writer = recording.writer();
            reader = new Thread(() -> readAll(in), Thread.currentThread().getName() + "-reader");
            reader.setDaemon(true);
            reader.start();
            scriptEnd = runSteps(script);
            completed = scriptEnd == null;
            if (closedByScript) {
                scriptEnd = "every step ran; the script closed the connection";
            } else if (completed) {
                scriptEnd = "every step ran";
                linger();
            }
        } catch (IOException e) {
            scriptEnd = "the handshake failed: " + e.getMessage();
            readerEnd = WireRecording.end(e, limits.idleTimeout, "server");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            scriptEnd = "the server was stopped";
        }
        serverClosing = true;
        if (reader != null) {
            finishSending();
        }
        LoopbackAcceptor.closeQuietly(socket);
        if (reader != null) {
            try {
                reader.join(READER_JOIN_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        List<RtmpMessage> copy;
        synchronized (messages) {
            copy = List.copyOf(messages);
        }
        return new ScriptedSession(id, recording.transcript(copy, readerEnd, socket), completed, scriptEnd);
    }

    /** Null when every step ran; else why the script stopped. */
    private String runSteps(ServerScript script) throws InterruptedException {
        List<ServerScript.Described> steps = script.steps();
        for (int i = 0; i < steps.size(); i++) {
            ServerScript.Described s = steps.get(i);
            try {
                s.step().run(this);
            } catch (ClosedByScript e) {
                return null;
            } catch (ScriptStoppedException e) {
                return "step " + (i + 1) + " (" + s.description() + "): " + e.getMessage();
            } catch (IOException e) {
                return "step " + (i + 1) + " (" + s.description() + ") failed: " + e.getMessage();
            } catch (RuntimeException e) {
                return "step " + (i + 1) + " (" + s.description() + ") failed: " + e;
            }
        }
        return null;
    }

    /** After the script: read on until the client closes, is silent for the linger time, or the linger limit passes. */
    private void linger() throws InterruptedException {
        long deadline = System.nanoTime() + limits.lingerLimit.toNanos();
        long quietNanos = limits.lingerIdle.toNanos();
        long lastBytes = -1;
        long lastChange = System.nanoTime();
        while (!clientGone && System.nanoTime() < deadline) {
            long now = System.nanoTime();
            long bytes = recording.clientBytes();
            if (bytes != lastBytes) {
                lastBytes = bytes;
                lastChange = now;
            } else if (now - lastChange >= quietNanos) {
                readerEnd = "the client was silent for " + limits.lingerIdle.toMillis()
                        + " ms after the script; the server closed the connection";
                return;
            }
            try {
                acknowledgeIfDue();
            } catch (IOException e) {
                return; // the connection is gone; the reader says how
            }
            synchronized (messages) {
                messages.wait(Math.max(1, Math.min(50, TimeUnit.NANOSECONDS.toMillis(deadline - now))));
            }
        }
        if (!clientGone) {
            readerEnd = "the client kept sending for " + limits.lingerLimit.toSeconds()
                    + " s after the script; the server closed the connection";
        }
    }

    /**
     * Ends the server's side with a FIN (not a close, after which the client's answer to it would
     * be lost or not, as the timing has it), then reads on until the client closes too, for at most
     * {@link ScriptedRtmpServer.Builder#lingerIdle}: what a client sends when the server goes away
     * (librtmp's deleteStream, say) is part of its transcript.
     */
    private void finishSending() {
        if (clientGone) {
            return;
        }
        try {
            writer.flush();
            socket.shutdownOutput();
        } catch (IOException | RuntimeException e) {
            return; // the connection is gone already
        }
        long deadline = System.nanoTime() + limits.lingerIdle.toNanos();
        synchronized (messages) {
            try {
                for (long left = limits.lingerIdle.toNanos(); !clientGone && left > 0; left = deadline - System.nanoTime()) {
                    messages.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void readAll(InputStream in) {
        String end;
        try {
            ChunkReader reader = new ChunkReader(in, limits.maxMessageSize, 2L * limits.maxMessageSize,
                    WireTranscript.HANDSHAKE_END, true);
            for (RtmpMessage m = reader.next(); m != null; m = reader.next()) {
                received = reader.position();
                if (m.type() == RtmpSpec.WINDOW_ACK_SIZE && m.payloadView().length >= 4) {
                    window = MessageText.u32(m.payloadView(), 0);
                }
                synchronized (messages) {
                    messages.add(m);
                    messages.notifyAll();
                }
            }
            end = "client closed the connection";
        } catch (IOException | RuntimeException e) {
            end = WireRecording.end(e, limits.idleTimeout, "server");
        }
        if (readerEnd.isEmpty()) {
            readerEnd = serverClosing ? "the server closed the connection" : end;
        } else if (serverClosing && end.equals("client closed the connection")) {
            readerEnd += "; then the client closed it";
        }
        clientGone = true;
        synchronized (messages) {
            messages.notifyAll();
        }
    }

    /** Every chunk of {@code m}, then one flush: a message goes out in one write, as servers send it. */
    @Override
    public void send(ServerMessage m) throws IOException {
        ChunkWriter.Chunks chunks = writer.begin(m);
        while (chunks.hasNext()) {
            requireClient();
            chunks.writeNext();
        }
        writer.flush();
    }

    @Override
    public ChunkedSend begin(ServerMessage m) {
        ChunkWriter.Chunks chunks = writer.begin(m);
        return new ChunkedSend() {
            @Override
            public boolean hasNextChunk() {
                return chunks.hasNext();
            }

            @Override
            public void sendNextChunk() throws IOException {
                requireClient();
                chunks.writeNext();
                writer.flush();
            }
        };
    }

    /** Once the client is gone, whether a write still succeeds is a matter of timing: the script stops. */
    private void requireClient() throws ScriptStoppedException {
        if (clientGone) {
            throw new ScriptStoppedException("the client had ended the connection (" + readerEnd + ")");
        }
    }

    @Override
    public RtmpMessage await(String what, Predicate<RtmpMessage> wanted) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + limits.awaitTimeout.toNanos();
        while (true) {
            acknowledgeIfDue();
            synchronized (messages) {
                while (cursor < messages.size()) {
                    RtmpMessage m = messages.get(cursor++);
                    if (wanted.test(m)) {
                        return m;
                    }
                }
                if (clientGone) {
                    throw new ScriptStoppedException("the connection ended before the client sent " + what
                            + " (" + readerEnd + ")");
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new ScriptStoppedException("the client sent no " + what + " within "
                            + limits.awaitTimeout.toMillis() + " ms");
                }
                messages.wait(Math.max(1, Math.min(50, TimeUnit.NANOSECONDS.toMillis(left))));
            }
        }
    }

    @Override
    public RtmpMessage awaitCommand(String name) throws IOException, InterruptedException {
        RtmpMessage m = await(name, c -> name.equals(commandName(c)));
        List<Object> v = decode(m);
        lastTransactionId = v.size() > 1 && v.get(1) instanceof Double d ? d : 0;
        lastStreamId = m.streamId();
        return m;
    }

    /** The name an AMF0 command (or an AMF3 command with AMF0 inside) starts with, or null. */
    private static String commandName(RtmpMessage m) {
        List<Object> v = decode(m);
        return !v.isEmpty() && v.get(0) instanceof String s ? s : null;
    }

    private static List<Object> decode(RtmpMessage m) {
        byte[] p = m.payloadView();
        if (m.type() == RtmpSpec.COMMAND_AMF3 && p.length > 0) {
            p = Arrays.copyOfRange(p, 1, p.length);
        } else if (m.type() != RtmpSpec.COMMAND_AMF0) {
            return List.of();
        }
        try {
            return Amf0.decodeAll(p);
        } catch (MalformedAmf0Exception e) {
            return List.of();
        }
    }

    @Override
    public double lastTransactionId() {
        return lastTransactionId;
    }

    @Override
    public long lastStreamId() {
        return lastStreamId;
    }

    @Override
    public void pause(Duration time) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + time.toNanos();
        for (long left = time.toNanos(); left > 0; left = deadline - System.nanoTime()) {
            acknowledgeIfDue();
            Thread.sleep(Math.max(1, Math.min(20, TimeUnit.NANOSECONDS.toMillis(left))));
        }
    }

    @Override
    public void closeConnection() throws IOException {
        readerEnd = "the script closed the connection";
        closedByScript = true;
        throw new ClosedByScript();
    }

    @Override
    public int chunkSize() {
        return writer.chunkSize();
    }

    /**
     * 5.4.3 and 5.4.4: an acknowledgement for every window of bytes received, the window being the
     * one the client announced, as nginx-rtmp acknowledges.
     */
    private void acknowledgeIfDue() throws IOException {
        long position = received;
        if (window > 0 && position - acknowledged >= window) {
            acknowledged = position;
            send(ServerMessage.control(RtmpSpec.ACKNOWLEDGEMENT, position));
        }
    }

    /** How {@link #closeConnection()} ends the script. */
    private static final class ClosedByScript extends IOException {
        private static final long serialVersionUID = 1L;
    }
}
