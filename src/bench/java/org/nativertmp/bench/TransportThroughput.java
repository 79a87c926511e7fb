package org.nativertmp.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
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
 * the TLS socket count). Prints medians in MB/s and the rtmps/rtmp ratio.
 *
 * <pre>native/bench/transports.sh [-Dbench.rounds=6] [-Dbench.flvMegabytes=32]</pre>
 */
public final class TransportThroughput {
    private TransportThroughput() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = Integer.getInteger("bench.rounds", 6);
        int megabytes = Integer.getInteger("bench.flvMegabytes", 32);
        byte[] flv = TestFlv.file(TestFlv.tags(7, megabytes * 64, 32 * 1024));
        Path dir = Files.createTempDirectory("nrtmp-transport-bench-");
        TestCertificates certificates = TestCertificates.make(dir.resolve("certs"));
        RtmpOptions tls = RtmpOptions.builder().sslContext(CaCertificates.sslContextTrusting(certificates.caPem())).build();
        try (NginxRtmpServer nginx = NginxRtmpServer.start(dir.resolve("nginx"));
                TlsFront front = TlsFront.start(dir.resolve("front"), certificates, nginx.port())) {
            String plainUrl = nginx.url("live/bench");
            String tlsUrl = "rtmps://" + TestCertificates.NAME + ":" + front.tls13OnlyPort() + "/live/bench";
            System.out.printf(Locale.ROOT, "%d bytes of FLV, %d rounds, medians%n", flv.length, rounds);
            System.out.printf(Locale.ROOT, "%-10s %12s %12s %8s%n", "chunk", "rtmp MB/s", "rtmps MB/s", "ratio");
            for (int chunkSize : new int[] {128, 4096}) {
                List<Double> plain = new ArrayList<>();
                List<Double> overTls = new ArrayList<>();
                publish(flv, plainUrl, RtmpOptions.defaults(), chunkSize); // warm-up, both paths
                publish(flv, tlsUrl, tls, chunkSize);
                for (int i = 0; i < rounds; i++) {
                    plain.add(flv.length / 1e6 / publish(flv, plainUrl, RtmpOptions.defaults(), chunkSize));
                    overTls.add(flv.length / 1e6 / publish(flv, tlsUrl, tls, chunkSize));
                }
                double p = median(plain);
                double t = median(overTls);
                System.out.printf(Locale.ROOT, "%-10d %12.1f %12.1f %8.2f%n", chunkSize, p, t, t / p);
            }
        }
    }

    /** Seconds from the first write to the server's close after closeGracefully. */
    private static double publish(byte[] flv, String url, RtmpOptions options, int chunkSize) throws Exception {
        try (NativeRtmp rtmp = new NativeRtmp()) {
            rtmp.setupUrl(url, options);
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
