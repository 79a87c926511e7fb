package org.nativertmp.support;

import static org.nativertmp.support.ServerMessages.COMMAND_AMF0;
import static org.nativertmp.support.ServerMessages.CSID_COMMAND;
import static org.nativertmp.support.ServerMessages.CSID_CONTROL;
import static org.nativertmp.support.ServerMessages.CSID_STREAM;
import static org.nativertmp.support.ServerMessages.CSID_VIDEO;
import static org.nativertmp.support.ServerMessages.DEFAULT_CHUNK_SIZE;
import static org.nativertmp.support.ServerMessages.SET_CHUNK_SIZE;
import static org.nativertmp.support.ServerMessages.VIDEO;
import static org.nativertmp.support.ServerMessages.header0;
import static org.nativertmp.support.ServerMessages.int24;
import static org.nativertmp.support.ServerMessages.int32;
import static org.nativertmp.support.ServerMessages.message;
import static org.nativertmp.support.ServerMessages.onStatus;
import static org.nativertmp.support.ServerMessages.sessionAnswers;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.nativertmp.testkit.Amf0;

/**
 * An RTMP server on 127.0.0.1 that misbehaves in one chosen way, for every connection (one
 * thread each, ended with the connection or by {@link #close()}). What it sends is fixed by the
 * behaviour, never by what the client sends, so a run can be repeated.
 */
public final class HostileRtmpServer implements AutoCloseable {
    private static final int HANDSHAKE_SIZE = HandshakeServer.HANDSHAKE_SIZE;
    private static final long FLOOD_BYTES = 100L << 20;
    private static final long DRIBBLE_MILLIS = 100;
    private static final long CHAT_MILLIS = 200;

    /** How the server misbehaves. */
    public enum Behaviour {
        NEVER_ANSWERS,
        CLOSES_ON_ACCEPT,
        RST_DURING_HANDSHAKE,
        GARBAGE_S0_S1,
        S1_DRIBBLED,
        HANDSHAKE_THEN_GARBAGE,
        /** The header of a 0xFFFFFF-byte message, 1000 bytes of it, then silence. */
        HUGE_MESSAGE,
        /** 0xFFFFFF-byte messages begun on 40 chunk streams, one chunk of each, then silence. */
        UNFINISHED_MESSAGES,
        CHUNK_SIZE_ZERO,
        CHUNK_SIZE_2G,
        /** A connect _result whose fmsVer string claims more bytes than the message holds. */
        OVERRUNNING_RESULT,
        /** The first chunk of a 200-byte message, then a type 1 header making it 1000 bytes. */
        LENGTH_CHANGE,
        /** A valid connect _result sent a byte every 100 ms. */
        DRIBBLED_MESSAGE,
        /** connect's _result: an object nested 1,000,000 deep, in one 4 MB chunk. */
        DEEPLY_NESTED_VALUES,
        /** connect and createStream answered, then onStatus errors for play and publish. */
        STATUS_ERRORS,
        /** A session's answers, then 100 MB of video messages as fast as the client takes them. */
        FLOOD_100MB,
        /** rtmpt: closes as soon as the tunnel's first request arrives. */
        RTMPT_CLOSES,
        /** rtmpt: answers the tunnel's open with an empty body. */
        RTMPT_EMPTY_OPEN,
        /** rtmpt: hands out a 2000-byte client id, which the next request header must carry. */
        RTMPT_LONG_CLIENT_ID,
        // The deadlines' cases (DeadlineSessions runs them over every transport):
        /** Never answers connect; a small valid message every 200 ms (see {@link #chat}). */
        CHATTY_NO_CONNECT_ANSWER,
        /** Answers connect, never createStream; chatty. */
        CHATTY_NO_CREATE_STREAM_ANSWER,
        /** Answers connect and createStream, never starts the stream; chatty. */
        CHATTY_NO_STREAM_START,
        /** Every answer, the stream started, then only ping requests every 200 ms; reads nothing more. */
        PINGS_ONLY,
        /** rtmpt: the answer to the tunnel's open, a byte every 100 ms. */
        RTMPT_DRIBBLED_OPEN,
        /** rtmpt: the tunnel opened, then every request answered with nothing, forever. */
        RTMPT_IDLE_FOREVER,
        /** rtmps: reads the TLS ClientHello, then sends a TLS record a byte every 100 ms. */
        TLS_DRIBBLED_HANDSHAKE;

        /** A case of the deadlines, run over each transport it applies to (DeadlineSessions). */
        public boolean deadlineCase() {
            return compareTo(CHATTY_NO_CONNECT_ANSWER) >= 0;
        }
    }

    private final Behaviour behaviour;
    private final LoopbackServer server;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile int longestRequestHeader;

    private HostileRtmpServer(Behaviour behaviour) throws IOException {
        this.behaviour = behaviour;
        this.server = new LoopbackServer(InetAddress.getLoopbackAddress(), "hostile-" + behaviour, this::serve);
    }

    public static HostileRtmpServer start(Behaviour behaviour) throws IOException {
        return new HostileRtmpServer(behaviour);
    }

    public int port() {
        return server.port();
    }

    public Behaviour behaviour() {
        return behaviour;
    }

    /** {@code rtmp://127.0.0.1:PORT/live/stream}, or rtmpt:// for the RTMPT behaviours. */
    public String url() {
        String scheme = behaviour.name().startsWith("RTMPT") ? "rtmpt" : "rtmp";
        return scheme + "://127.0.0.1:" + server.port() + "/live/stream";
    }

    /** The longest HTTP request header an RTMPT client sent (librtmp's buffer for it is 512 bytes). */
    public int longestRequestHeader() {
        return longestRequestHeader;
    }

    private void serve(Socket socket) {
        open.add(socket);
        try (socket) {
            socket.setSoTimeout(60_000);
            DataInputStream in = new DataInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            switch (behaviour) {
                case NEVER_ANSWERS -> drain(in);
                case CLOSES_ON_ACCEPT -> { }
                case RST_DURING_HANDSHAKE -> {
                    in.readFully(new byte[100]);
                    socket.setSoLinger(true, 0); // close() sends RST
                }
                case GARBAGE_S0_S1 -> {
                    out.write(garbage(1 + 2 * HANDSHAKE_SIZE, 1));
                    drain(in);
                }
                case S1_DRIBBLED -> {
                    in.readFully(new byte[1 + HANDSHAKE_SIZE]);
                    out.write(3);
                    dribble(out, new byte[HANDSHAKE_SIZE]);
                }
                case HANDSHAKE_THEN_GARBAGE -> {
                    HandshakeServer.answerHandshake(in, out);
                    out.write(garbage(64 * 1024, 2));
                    drain(in);
                }
                case HUGE_MESSAGE -> {
                    HandshakeServer.answerHandshake(in, out);
                    ByteArrayOutputStream b = new ByteArrayOutputStream();
                    header0(b, CSID_COMMAND, 0xFFFFFF, COMMAND_AMF0, 0);
                    b.writeBytes(new byte[1000]);
                    out.write(b.toByteArray());
                    drain(in);
                }
                case UNFINISHED_MESSAGES -> {
                    HandshakeServer.answerHandshake(in, out);
                    ByteArrayOutputStream b = new ByteArrayOutputStream();
                    for (int csid = 10; csid < 50; csid++) {
                        header0(b, csid, 0xFFFFFF, VIDEO, 1);
                        b.writeBytes(new byte[DEFAULT_CHUNK_SIZE]);
                    }
                    out.write(b.toByteArray());
                    drain(in);
                }
                case CHUNK_SIZE_ZERO, CHUNK_SIZE_2G -> {
                    HandshakeServer.answerHandshake(in, out);
                    ByteArrayOutputStream b = new ByteArrayOutputStream();
                    int size = behaviour == Behaviour.CHUNK_SIZE_ZERO ? 0 : 0x80000000;
                    message(b, CSID_CONTROL, SET_CHUNK_SIZE, 0, int32(size));
                    b.writeBytes(sessionAnswers(true));
                    out.write(b.toByteArray());
                    drain(in);
                }
                case OVERRUNNING_RESULT -> {
                    HandshakeServer.answerHandshake(in, out);
                    ByteArrayOutputStream body = new ByteArrayOutputStream();
                    body.writeBytes(Amf0.encode("_result", 1.0));
                    body.write(0x03); // object
                    body.writeBytes(new byte[] {0, 6});
                    body.writeBytes("fmsVer".getBytes(StandardCharsets.US_ASCII));
                    body.writeBytes(new byte[] {0x02, 0x70, 0x00}); // a string of 0x7000 bytes...
                    body.writeBytes(new byte[40]); // ...of which 40 follow
                    ByteArrayOutputStream b = new ByteArrayOutputStream();
                    message(b, CSID_COMMAND, COMMAND_AMF0, 0, body.toByteArray());
                    out.write(b.toByteArray());
                    drain(in);
                }
                case LENGTH_CHANGE -> {
                    HandshakeServer.answerHandshake(in, out);
                    out.write(lengthChange());
                    drain(in);
                }
                case DEEPLY_NESTED_VALUES -> {
                    HandshakeServer.answerHandshake(in, out);
                    ByteArrayOutputStream body = new ByteArrayOutputStream();
                    body.writeBytes(Amf0.encode("_result", 1.0));
                    body.write(0x03); // an object...
                    for (int i = 0; i < 1_000_000; i++) {
                        body.writeBytes(new byte[] {0, 1, 'a', 0x03}); // ...whose property "a" is an object
                    }
                    ByteArrayOutputStream b = new ByteArrayOutputStream();
                    message(b, CSID_CONTROL, SET_CHUNK_SIZE, 0, int32(0xFFFFFF));
                    header0(b, CSID_COMMAND, body.size(), COMMAND_AMF0, 0);
                    b.writeBytes(body.toByteArray()); // one chunk at that size
                    out.write(b.toByteArray());
                    drain(in);
                }
                case DRIBBLED_MESSAGE -> {
                    HandshakeServer.answerHandshake(in, out);
                    dribble(out, sessionAnswers(true));
                }
                case STATUS_ERRORS -> {
                    HandshakeServer.answerHandshake(in, out);
                    ByteArrayOutputStream b = new ByteArrayOutputStream();
                    b.writeBytes(sessionAnswers(false));
                    message(b, CSID_STREAM, COMMAND_AMF0, 1, onStatus("error", "NetStream.Play.StreamNotFound"));
                    message(b, CSID_STREAM, COMMAND_AMF0, 1, onStatus("error", "NetStream.Publish.BadName"));
                    out.write(b.toByteArray());
                    drain(in);
                }
                case FLOOD_100MB -> {
                    HandshakeServer.answerHandshake(in, out);
                    out.write(sessionAnswers(true));
                    flood(out);
                }
                case RTMPT_CLOSES -> in.readFully(new byte[16]);
                case RTMPT_EMPTY_OPEN -> {
                    readRequest(in);
                    out.write(httpResponse(new byte[0]));
                    drain(in);
                }
                case RTMPT_LONG_CLIENT_ID -> {
                    readRequest(in);
                    byte[] id = new byte[2001];
                    java.util.Arrays.fill(id, (byte) 'a');
                    id[2000] = '\n';
                    out.write(httpResponse(id));
                    while (true) {
                        readRequest(in);
                        out.write(httpResponse(new byte[] {1}));
                    }
                }
                case CHATTY_NO_CONNECT_ANSWER -> {
                    HandshakeServer.answerHandshake(in, out);
                    chat(out);
                }
                case CHATTY_NO_CREATE_STREAM_ANSWER -> {
                    HandshakeServer.answerHandshake(in, out);
                    out.write(ServerMessages.connectResult());
                    chat(out);
                }
                case CHATTY_NO_STREAM_START -> {
                    HandshakeServer.answerHandshake(in, out);
                    out.write(sessionAnswers(false));
                    chat(out);
                }
                case PINGS_ONLY -> {
                    HandshakeServer.answerHandshake(in, out);
                    out.write(sessionAnswers(true));
                    for (int t = 0; ; t += (int) CHAT_MILLIS) {
                        out.write(ServerMessages.userControl(ServerMessages.PING_REQUEST, t));
                        Thread.sleep(CHAT_MILLIS);
                    }
                }
                case RTMPT_DRIBBLED_OPEN -> {
                    readRequest(in);
                    dribble(out, httpResponse("dribbled\n".getBytes(StandardCharsets.US_ASCII)));
                }
                case RTMPT_IDLE_FOREVER -> {
                    readRequest(in);
                    out.write(httpResponse("idle\n".getBytes(StandardCharsets.US_ASCII)));
                    while (true) {
                        readRequest(in);
                        out.write(httpResponse(new byte[] {1}));
                    }
                }
                case TLS_DRIBBLED_HANDSHAKE -> {
                    in.readFully(new byte[5]); // the ClientHello's record header; the rest stays unread
                    byte[] record = new byte[5 + 100];
                    record[0] = 0x16; // handshake (RFC 8446, section 5.1), TLS 1.2 on the wire, 100 bytes
                    record[1] = 3;
                    record[2] = 3;
                    record[4] = 100;
                    dribble(out, record);
                }
                default -> throw new AssertionError(behaviour);
            }
        } catch (IOException gone) {
            // the client left, or close() closed the socket
        } catch (InterruptedException stop) {
            Thread.currentThread().interrupt();
        } finally {
            open.remove(socket);
        }
    }

    private static byte[] lengthChange() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        header0(b, CSID_COMMAND, 200, COMMAND_AMF0, 0);
        b.writeBytes(new byte[DEFAULT_CHUNK_SIZE]);
        b.write(1 << 6 | CSID_COMMAND); // type 1: timestamp delta, length, type
        b.writeBytes(new byte[] {0, 0, 0});
        int24(b, 1000);
        b.write(COMMAND_AMF0);
        for (int sent = 0; sent < 1000; sent += DEFAULT_CHUNK_SIZE) {
            if (sent > 0) {
                b.write(3 << 6 | CSID_COMMAND);
            }
            b.writeBytes(new byte[Math.min(DEFAULT_CHUNK_SIZE, 1000 - sent)]);
        }
        return b.toByteArray();
    }

    private static void flood(OutputStream out) throws IOException {
        byte[] payload = new byte[64 * 1024];
        payload[0] = 0x17; // AVC key frame
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        message(b, CSID_VIDEO, VIDEO, 1, payload);
        byte[] chunked = b.toByteArray();
        for (long sent = 0; sent < FLOOD_BYTES; sent += chunked.length) {
            out.write(chunked);
        }
    }

    /**
     * A talkative server that never gets anywhere: one small valid message every 200 ms, in turn a
     * ping request, Window Acknowledgement Size, Set Peer Bandwidth, onBWDone and a _result for a
     * transaction nobody started, until the client leaves.
     */
    private static void chat(OutputStream out) throws IOException, InterruptedException {
        for (int i = 0; ; i++) {
            byte[] message = switch (i % 5) {
                case 0 -> ServerMessages.userControl(ServerMessages.PING_REQUEST, i);
                case 1 -> ServerMessages.control(ServerMessages.WINDOW_ACK_SIZE, 2_500_000);
                case 2 -> ServerMessages.setPeerBandwidth(2_500_000, 2);
                case 3 -> ServerMessages.command("onBWDone", 0.0, null);
                default -> ServerMessages.command("_result", 99.0, null, 1.0);
            };
            out.write(message);
            out.flush();
            Thread.sleep(CHAT_MILLIS);
        }
    }

    private static void dribble(OutputStream out, byte[] bytes) throws IOException, InterruptedException {
        for (byte x : bytes) {
            out.write(x);
            out.flush();
            Thread.sleep(DRIBBLE_MILLIS);
        }
    }

    /** Reads one HTTP request (header and Content-Length body); records the header's length. */
    private void readRequest(DataInputStream in) throws IOException {
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        while (!header.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("client closed");
            }
            header.write(c);
        }
        longestRequestHeader = Math.max(longestRequestHeader, header.size());
        String text = header.toString(StandardCharsets.ISO_8859_1).toLowerCase();
        int at = text.indexOf("content-length:");
        int length = at < 0 ? 0 : Integer.parseInt(text.substring(at + 15, text.indexOf('\r', at)).trim());
        in.readFully(new byte[length]);
    }

    private static byte[] httpResponse(byte[] body) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(("HTTP/1.1 200 OK\r\nContent-Type: application/x-fcs\r\nContent-Length: "
                + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        b.writeBytes(body);
        return b.toByteArray();
    }

    private static void drain(InputStream in) throws IOException {
        byte[] sink = new byte[8192];
        while (in.read(sink) >= 0) {
            // read and forget
        }
    }

    private static byte[] garbage(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : open) {
            s.close();
        }
    }
}
