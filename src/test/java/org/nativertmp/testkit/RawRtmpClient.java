package org.nativertmp.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.util.Map;
import org.nativertmp.amf0.Amf0;

/** A hand-driven RTMP client for tests: it sends exactly what a test tells it, malformed or not. */
final class RawRtmpClient implements AutoCloseable {
    final Socket socket;
    final InputStream in;
    final OutputStream out;
    final ChunkWriter writer;
    private ChunkReader reader;

    RawRtmpClient(int port) throws IOException {
        socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(30_000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
        writer = new ChunkWriter(out);
    }

    /** A plain handshake: C0+C1, read S0+S1+S2, C2 (the echo of S1). */
    RawRtmpClient handshake() throws IOException {
        byte[] c0c1 = new byte[WireTranscript.C0_C1_SIZE];
        c0c1[0] = RtmpSpec.VERSION;
        out.write(c0c1);
        byte[] s = in.readNBytes(WireTranscript.S0_S1_S2_SIZE);
        if (s.length != WireTranscript.S0_S1_S2_SIZE) {
            throw new IOException("server sent " + s.length + " handshake bytes");
        }
        out.write(s, 1, RtmpSpec.HANDSHAKE_SIZE);
        reader = new ChunkReader(in, RtmpSpec.MAX_MESSAGE_LENGTH, Long.MAX_VALUE, 0);
        return this;
    }

    void connect(String app) throws IOException {
        writer.write(RtmpSpec.CSID_COMMAND, 0, RtmpSpec.COMMAND_AMF0, 0,
                Amf0.encode("connect", 1.0, Map.of("app", app)));
        out.flush();
    }

    /** The server's next message, or null if it closed the connection. */
    RtmpMessage receive() throws IOException {
        return reader.next();
    }

    /** Reads until the server closes the connection; true if it did (false: it sent a message instead of closing). */
    boolean serverCloses() {
        try {
            return in.read() < 0;
        } catch (IOException e) {
            return true; // a reset is a close too
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
