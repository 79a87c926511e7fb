package org.nativertmp;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.nativertmp.cli.CaCertificates;
import org.nativertmp.support.TestFlv;

/**
 * Run by VirtualThreadTest in a JVM of 21 or later: rtmps publishers on virtual threads, all
 * connected at once, then each publishing its tags and closing gracefully. Prints
 * {@code platform-threads-while-connected=N} and one {@code publisher I ...} line each.
 *
 * <p>Arguments: the rtmps URL prefix (a stream number is appended), the test CA's PEM file, the
 * number of publishers.
 */
public final class VirtualThreadTlsSession {
    static final int TAGS = 40;

    private VirtualThreadTlsSession() {
    }

    public static void main(String[] args) throws Exception {
        String urlPrefix = args[0];
        RtmpOptions options = RtmpOptions.builder().sslContext(CaCertificates.sslContextTrusting(Path.of(args[1])))
                .connectTimeout(Duration.ofSeconds(20)).build();
        int publishers = Integer.parseInt(args[2]);
        byte[] flv = TestFlv.file(TestFlv.tags(17, TAGS, 8000));
        ExecutorService virtual = VirtualThreadSessions.virtualThreadPerTask();
        CountDownLatch connected = new CountDownLatch(publishers);
        CountDownLatch counted = new CountDownLatch(1);
        List<Future<String>> results = new ArrayList<>();
        for (int i = 0; i < publishers; i++) {
            String url = urlPrefix + i;
            results.add(virtual.submit(() -> {
                try (NativeRtmp rtmp = new NativeRtmp()) {
                    rtmp.setupUrl(url, options);
                    rtmp.enableWrite();
                    rtmp.connect();
                    rtmp.connectStream(0);
                    connected.countDown();
                    counted.await();
                    rtmp.write(flv, 0, flv.length);
                    return "closed-gracefully=" + rtmp.closeGracefully(Duration.ofSeconds(10));
                } catch (Exception e) {
                    connected.countDown();
                    return "failed " + e;
                }
            }));
        }
        System.out.println("all-connected=" + connected.await(60, TimeUnit.SECONDS));
        System.out.println("platform-threads-while-connected=" + ManagementFactory.getThreadMXBean().getThreadCount());
        counted.countDown();
        for (int i = 0; i < publishers; i++) {
            System.out.println("publisher " + i + " " + results.get(i).get(60, TimeUnit.SECONDS));
        }
        virtual.shutdown();
        System.exit(0);
    }
}
