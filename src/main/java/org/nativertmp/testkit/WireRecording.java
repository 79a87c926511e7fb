package org.nativertmp.testkit;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Both directions of one server-side connection as they travel: every byte the client sends (up
 * to a limit), every byte the server sends, and in which order the two sides' runs of bytes went.
 * The servers of this kit {@link #accept} a connection through it, and make the
 * {@link WireTranscript} at the end.
 */
final class WireRecording {
    private final long maxClientBytes;
    private final ByteArrayOutputStream raw = new ByteArrayOutputStream();
    private final ByteArrayOutputStream sent = new ByteArrayOutputStream();
    private final List<WireTranscript.Segment> segments = new ArrayList<>();
    private ChunkWriter writer;

    WireRecording(long maxClientBytes) {
        this.maxClientBytes = maxClientBytes;
    }

    /**
     * Sets the connection up (the idle timeout, TCP_NODELAY), records both directions from here
     * on and accepts the handshake ({@link #acceptHandshake}).
     *
     * @return the client's bytes after the handshake; what the server sends goes through {@link #writer()}
     */
    InputStream accept(Socket socket, Duration idleTimeout) throws IOException {
        socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, idleTimeout.toMillis()));
        socket.setTcpNoDelay(true);
        InputStream in = new RecordingInput(new BufferedInputStream(socket.getInputStream()));
        writer = new ChunkWriter(new BufferedOutputStream(new RecordingOutput(socket.getOutputStream())));
        acceptHandshake(in, writer);
        return in;
    }

    /** What the server sends with, once {@link #accept} has begun. */
    ChunkWriter writer() {
        return writer;
    }

    /** How many bytes the client has sent so far. */
    long clientBytes() {
        return raw.size();
    }

    /** How many bytes the server has sent so far. */
    long serverBytes() {
        return sent.size();
    }

    WireTranscript transcript(List<RtmpMessage> messages, String end, Socket socket) {
        synchronized (segments) {
            return new WireTranscript(raw.toByteArray(), sent.toByteArray(), messages, end,
                    String.valueOf(socket.getRemoteSocketAddress()), segments, socket.getPort(), socket.getLocalPort());
        }
    }

    /**
     * How a connection ended, in words, from what ended it: the client's silence, its close in the
     * middle of something, a protocol error or limit, another failure, or (a bug) any other
     * exception; {@code server} names the server ("recorder").
     */
    static String end(Exception e, Duration idleTimeout, String server) {
        if (e instanceof SocketTimeoutException) {
            return "idle for " + idleTimeout.toMillis() + " ms; the " + server + " closed the connection";
        } else if (e instanceof EOFException) {
            return "client closed the connection early: " + e.getMessage();
        } else if (e instanceof RtmpProtocolException) {
            return "protocol error, connection closed: " + e.getMessage();
        } else if (e instanceof IOException) {
            return "connection failed: " + e.getMessage();
        }
        // Whatever a client sends must end only its own connection.
        return server + " error, connection closed: " + e;
    }

    /** 5.2: C0+C1 in, S0+S1+S2 out, C2 in. S2 echoes C1; C2 is not checked (clients echo S1 or not). */
    static void acceptHandshake(InputStream in, ChunkWriter writer) throws IOException {
        byte[] c0c1 = readFully(in, WireTranscript.C0_C1_SIZE, "C0+C1");
        if (c0c1[0] != RtmpSpec.VERSION) {
            throw new RtmpProtocolException("C0 asks for RTMP version " + (c0c1[0] & 0xFF)
                    + "; the recorder speaks plain RTMP (version 3) only");
        }
        byte[] s = new byte[WireTranscript.S0_S1_S2_SIZE];
        s[0] = RtmpSpec.VERSION;
        // S1: time 0, four zero bytes, then random bytes (5.2.3).
        byte[] random = new byte[RtmpSpec.HANDSHAKE_SIZE - 8];
        new Random().nextBytes(random);
        System.arraycopy(random, 0, s, 1 + 8, random.length);
        System.arraycopy(c0c1, 1, s, 1 + RtmpSpec.HANDSHAKE_SIZE, RtmpSpec.HANDSHAKE_SIZE);
        writer.writeRaw(s);
        writer.flush();
        readFully(in, RtmpSpec.HANDSHAKE_SIZE, "C2");
    }

    private static byte[] readFully(InputStream in, int n, String what) throws IOException {
        byte[] b = in.readNBytes(n);
        if (b.length < n) {
            throw new EOFException("connection closed inside " + what + " (" + b.length + " of " + n + " bytes)");
        }
        return b;
    }

    /** Keeps every byte the client sends, up to the per-connection limit. */
    private final class RecordingInput extends FilterInputStream {
        RecordingInput(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                keep(1);
                raw.write(b);
                segment(true, 1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                keep(n);
                raw.write(b, off, n);
                segment(true, n);
            }
            return n;
        }

        private void keep(int n) throws RtmpProtocolException {
            if (raw.size() + (long) n > maxClientBytes) {
                throw new RtmpProtocolException("the client sent more than " + maxClientBytes + " bytes");
            }
        }
    }

    /** Keeps every byte the server sends, in the order of the whole conversation. */
    private final class RecordingOutput extends FilterOutputStream {
        RecordingOutput(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            sent.write(b);
            segment(false, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            sent.write(b, off, len);
            segment(false, len);
        }
    }

    /** Appends to the conversation's order, merging runs from the same side. */
    private void segment(boolean fromClient, int n) {
        synchronized (segments) {
            int last = segments.size() - 1;
            if (last >= 0 && segments.get(last).fromClient() == fromClient) {
                segments.set(last, new WireTranscript.Segment(fromClient, segments.get(last).length() + n));
            } else {
                segments.add(new WireTranscript.Segment(fromClient, n));
            }
        }
    }
}
