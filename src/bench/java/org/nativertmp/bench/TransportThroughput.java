package org.nativertmp.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import org.nativertmp.NativeRtmp;
import org.nativertmp.RtmpOptions;
import org.nativertmp.RtmpOutputStream;
import org.nativertmp.cli.CaCertificates;
import org.nativertmp.support.NginxRtmpServer;
import org.nativertmp.support.TestCertificates;
import org.nativertmp.support.TlsFront;
import org.nativertmp.support.TestFlv;

/**
 * What rtmps costs against rtmp, in one run on one machine: the same in-memory FLV published to
 * nginx-rtmp on 127.0.0.1 directly and through a TLS front (nginx's stream module, TLS 1.3) in
 * front of it, alternating, at librtmp's chunk size 128 and at 4096. Timed from the first write
 * to the server closing its side after closeGracefully (so that the bytes still in the pipe and in
 * the TLS socket count). Prints medians in MB/s and the rtmps/rtmp ratio, then the same count of
 * raw bytes over TCP and through a TLS front from a bare JDK SSLSocket: the ceiling of TLS here.
 *
 * <pre>native/bench/transports.sh [-Dbench.rounds=6] [-Dbench.flvMegabytes=32]</pre>
 */
public final class TransportThroughput {
    private static final AtomicInteger PUBLISHES = new AtomicInteger();

    private TransportThroughput() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = Integer.getInteger("bench.rounds", 6);
        int megabytes = Integer.getInteger("bench.flvMegabytes", 32);
        byte[] flv = TestFlv.file(TestFlv.tags(7, megabytes * 64, 32 * 1024));
        Path dir = Files.createTempDirectory("nrtmp-transport-bench-");
        TestCertificates certificates = TestCertificates.make(dir.resolve("certs"));
        SSLContext trusting = CaCertificates.sslContextTrusting(certificates.caPem());
        RtmpOptions tls = RtmpOptions.builder().sslContext(trusting).build();
        try (NginxRtmpServer nginx = NginxRtmpServer.start(dir.resolve("nginx"));
                TlsFront front = TlsFront.start(dir.resolve("front"), certificates, nginx.port());
                RawSink sink = RawSink.start();
                TlsFront sinkFront = TlsFront.start(dir.resolve("sink-front"), certificates, sink.port())) {
            String plainUrl = nginx.url("live/bench");
            String tlsUrl = "rtmps://" + TestCertificates.NAME + ":" + front.tls13OnlyPort() + "/live/bench";
            System.out.printf(Locale.ROOT, "%d bytes of FLV, %d rounds, medians%n", flv.length, rounds);
            ExecutorService virtual = Runtime.version().feature() >= 21
                    ? org.nativertmp.VirtualThreadSessions.virtualThreadPerTask() : null;
            System.out.printf(Locale.ROOT, "%-10s %12s %12s %8s%s%n", "chunk", "rtmp MB/s", "rtmps MB/s", "ratio",
                    virtual == null ? "" : "   rtmps MB/s from a virtual thread (virtual copiers), ratio");
            for (int chunkSize : new int[] {128, 4096}) {
                List<Double> plain = new ArrayList<>();
                List<Double> overTls = new ArrayList<>();
                List<Double> overTlsVirtual = new ArrayList<>();
                publish(flv, plainUrl, RtmpOptions.defaults(), chunkSize); // warm-up, both paths
                publish(flv, tlsUrl, tls, chunkSize);
                for (int i = 0; i < rounds; i++) {
                    plain.add(flv.length / 1e6 / publish(flv, plainUrl, RtmpOptions.defaults(), chunkSize));
                    overTls.add(flv.length / 1e6 / publish(flv, tlsUrl, tls, chunkSize));
                    if (virtual != null) {
                        overTlsVirtual.add(flv.length / 1e6 / virtual.submit(() -> publish(flv, tlsUrl, tls, chunkSize))
                                .get(5, TimeUnit.MINUTES));
                    }
                }
                double p = median(plain);
                double t = median(overTls);
                System.out.printf(Locale.ROOT, "%-10d %12.1f %12.1f %8.2f%s%n", chunkSize, p, t, t / p,
                        virtual == null ? "" : String.format(Locale.ROOT, "   %12.1f %8.2f", median(overTlsVirtual),
                                median(overTlsVirtual) / p));
            }
            if (virtual != null) {
                virtual.shutdown();
            }
            rawBytes(flv.length, rounds, sink, sinkFront, trusting);
        }
    }

    /**
     * The ceiling of the TLS path on this machine, without RTMP and without the library: the same
     * number of bytes in 64 KiB writes to a server that discards them, over plain TCP and through
     * the same kind of TLS front from a bare JDK {@code SSLSocket}, alternating.
     */
    private static void rawBytes(int bytes, int rounds, RawSink sink, TlsFront front, SSLContext tls)
            throws Exception {
        SSLSocketFactory factory = tls.getSocketFactory();
        List<Double> plain = new ArrayList<>();
        List<Double> overTls = new ArrayList<>();
        push(bytes, new Socket(InetAddress.getLoopbackAddress(), sink.port())); // warm-up
        push(bytes, factory.createSocket(TestCertificates.NAME, front.tls13OnlyPort()));
        for (int i = 0; i < rounds; i++) {
            plain.add(bytes / 1e6 / push(bytes, new Socket(InetAddress.getLoopbackAddress(), sink.port())));
            overTls.add(bytes / 1e6 / push(bytes, factory.createSocket(TestCertificates.NAME, front.tls13OnlyPort())));
        }
        double p = median(plain);
        double t = median(overTls);
        System.out.printf(Locale.ROOT, "%-10s %12.1f %12.1f %8.2f   (raw bytes: TCP, and a JDK SSLSocket through the"
                + " front; no RTMP, no library)%n", "raw", p, t, t / p);
    }

    /** Seconds to write {@code bytes} and see the far side close after the sending side's shutdown. */
    private static double push(int bytes, Socket socket) throws IOException {
        byte[] block = new byte[64 * 1024];
        new Random(11).nextBytes(block);
        try (socket) {
            socket.setTcpNoDelay(true);
            long started = System.nanoTime();
            OutputStream out = socket.getOutputStream();
            for (int sent = 0; sent < bytes; sent += block.length) {
                out.write(block, 0, Math.min(block.length, bytes - sent));
            }
            out.flush();
            socket.shutdownOutput(); // TLS close_notify, or a FIN
            while (socket.getInputStream().read() >= 0) {
                // until the far side closes
            }
            return (System.nanoTime() - started) / 1e9;
        }
    }

    /**
     * Seconds from the first write to the server's close after closeGracefully. Each publish has a
     * stream of its own: through the front, nginx may still hold the last one's for a moment after
     * the front closed the client's side ("Already publishing").
     */
    private static double publish(byte[] flv, String url, RtmpOptions options, int chunkSize) throws Exception {
        try (NativeRtmp rtmp = new NativeRtmp()) {
            rtmp.setupUrl(url + "-" + PUBLISHES.incrementAndGet(), options);
            rtmp.enableWrite();
            rtmp.connect();
            if (chunkSize != 128) {
                rtmp.setOutChunkSize(chunkSize);
            }
            rtmp.connectStream(0);
            long started = System.nanoTime();
            RtmpOutputStream out = rtmp.outputStream();
            for (int off = 0; off < flv.length; off += 64 * 1024) {
                out.write(flv, off, Math.min(64 * 1024, flv.length - off));
            }
            out.close();
            if (!rtmp.closeGracefully(Duration.ofSeconds(30))) {
                throw new IllegalStateException("the server did not close within 30 s: " + url);
            }
            return (System.nanoTime() - started) / 1e9;
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
