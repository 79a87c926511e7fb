package org.nativertmp.support;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.nativertmp.NativeRtmp;
import org.nativertmp.flv.FlvFormat;
import org.nativertmp.flv.FlvTag;

/**
 * An RTMP server on 127.0.0.1 that lets one client publish and then stops reading: it does the
 * handshake, answers connect, createStream and publish with canned messages (librtmp numbers its
 * commands connect 1, releaseStream 2, FCPublish 3, createStream 4, publish 5), and never reads
 * again, so the client's sends fill the socket buffers and block. Or, made with a trickle, it
 * reads that many bytes every half second: just often enough that a send timeout of a second
 * never sees a send make no progress, while the client's writes crawl.
 */
public final class StalledRtmpServer implements AutoCloseable {
    private static final int RCVBUF = 4096;
    private static final long TRICKLE_MILLIS = 500;

    private final ServerSocket server;
    private final Thread thread;
    private final CountDownLatch answered = new CountDownLatch(1);
    private volatile Socket client;
    private volatile Throwable failure;
    private final int trickleBytes;

    public StalledRtmpServer() throws IOException {
        this(0);
    }

    /** After the answers, reads {@code trickleBytes} bytes every half second (0: nothing, ever). */
    public StalledRtmpServer(int trickleBytes) throws IOException {
        this.trickleBytes = trickleBytes;
        server = new ServerSocket();
        server.setReceiveBufferSize(RCVBUF); // inherited by the accepted socket: fills sooner
        server.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1);
        thread = new Thread(this::serveOne, "stalled-rtmp-server");
        thread.setDaemon(true);
        thread.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    public String url(String appAndStream) {
        return "rtmp://127.0.0.1:" + server.getLocalPort() + "/" + appAndStream;
    }

    /** True once the publish was answered (the server reads nothing after that). */
    public boolean awaitAnswered(long seconds) throws InterruptedException {
        return answered.await(seconds, TimeUnit.SECONDS);
    }

    public Throwable failure() {
        return failure;
    }

    /**
     * Writes 64 KiB video tags through {@code rtmp} (published to this server, the publish
     * answered) on another thread until a write has blocked for half a second (within 30 s);
     * the future holds what ended the writes then (null: it never blocked, a bounded 100,000
     * writes later).
     */
    public static CompletableFuture<Throwable> writeUntilBlocked(NativeRtmp rtmp) throws InterruptedException {
        byte[] tag = new FlvTag(FlvFormat.TAG_VIDEO, 0, new byte[64 * 1024]).encode();
        AtomicLong lastWrite = new AtomicLong(System.nanoTime());
        CompletableFuture<Throwable> writer = CompletableFuture.supplyAsync(() -> {
            try {
                for (int i = 0; i < 100_000; i++) { // bounded: far more than loopback buffers hold
                    rtmp.write(tag, 0, tag.length);
                    lastWrite.set(System.nanoTime());
                }
                return null;
            } catch (Throwable t) {
                return t;
            }
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() - lastWrite.get() < TimeUnit.MILLISECONDS.toNanos(500) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        return writer;
    }

    private void serveOne() {
        try {
            Socket s = server.accept();
            client = s;
            DataInputStream in = new DataInputStream(s.getInputStream());
            OutputStream out = s.getOutputStream();
            HandshakeServer.answerHandshake(in, out);
            ByteArrayOutputStream replies = new ByteArrayOutputStream();
            replies.writeBytes(command(result(1, null)));
            replies.writeBytes(command(result(4, 1.0)));
            replies.writeBytes(command(onStatusPublishStart()));
            out.write(replies.toByteArray());
            out.flush();
            answered.countDown();
            byte[] trickle = new byte[trickleBytes];
            while (trickleBytes > 0 && in.read(trickle) >= 0) {
                Thread.sleep(TRICKLE_MILLIS);
            }
            // and now read nothing, ever
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            if (!server.isClosed()) {
                failure = e;
            }
        }
    }

    /** One command message (type 20, AMF0) on chunk stream 3, stream 1, in one chunk (< 128 bytes). */
    private static byte[] command(byte[] body) {
        if (body.length > 128) {
            throw new IllegalArgumentException("body exceeds one 128-byte chunk");
        }
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(0x03); // fmt 0, chunk stream 3
        b.writeBytes(new byte[] {0, 0, 0}); // timestamp
        b.writeBytes(new byte[] {0, 0, (byte) body.length});
        b.write(0x14);
        b.writeBytes(new byte[] {0, 0, 0, 0}); // message stream id 0 (little endian)
        b.writeBytes(body);
        return b.toByteArray();
    }

    private static byte[] result(int transaction, Double value) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        string(b, "_result");
        number(b, transaction);
        b.write(0x05); // null
        if (value == null) {
            b.write(0x05);
        } else {
            number(b, value);
        }
        return b.toByteArray();
    }

    private static byte[] onStatusPublishStart() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        string(b, "onStatus");
        number(b, 0);
        b.write(0x05);
        b.write(0x03); // object
        key(b, "level");
        string(b, "status");
        key(b, "code");
        string(b, "NetStream.Publish.Start");
        b.writeBytes(new byte[] {0, 0, 9});
        return b.toByteArray();
    }

    private static void string(ByteArrayOutputStream b, String s) {
        b.write(0x02);
        key(b, s);
    }

    private static void key(ByteArrayOutputStream b, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        b.write(bytes.length >> 8);
        b.write(bytes.length);
        b.writeBytes(bytes);
    }

    private static void number(ByteArrayOutputStream b, double v) {
        b.write(0x00); // AMF0 number
        long bits = Double.doubleToLongBits(v);
        for (int i = 7; i >= 0; i--) {
            b.write((int) (bits >>> (8 * i)));
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        server.close();
        Socket s = client;
        if (s != null) {
            s.close();
        }
        thread.join(5000);
    }
}
