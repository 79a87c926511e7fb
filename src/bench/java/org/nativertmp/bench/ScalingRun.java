package org.nativertmp.bench;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.nativertmp.NativeRtmp;
import org.nativertmp.RtmpOutputStream;
import org.nativertmp.testkit.SampleFlv;

/**
 * N publishers at once in this JVM, one thread each, to nginx-rtmp's live application: each
 * connects (timed: setupUrl to the end of connectStream), all wait until every one is connected
 * (then threads and memory are read), and then each publishes its FLV through outputStream() in
 * 64 KiB slices. Aggregate throughput is every byte over the time from the start signal to the
 * last publisher's last write.
 */
final class ScalingRun {
    private static final int CHUNK_SIZE = 4096;
    private static final long TIMEOUT_SECONDS = 180;

    record Result(int connections, double aggregateMBps, int threads, double nativeKiBPerConnection,
            double nativeKiBPerPublisher, double heapKiBPerConnection, double connectP50Millis,
            double connectP99Millis, double residentKiBPerConnection, double countedKiBConnected,
            double countedKiBPublished) {
    }

    private ScalingRun() {
    }

    /** Every publisher sends the same FLV of about {@code bytesEach} bytes. */
    static Result run(String urlPrefix, int connections, int bytesEach) throws Exception {
        return run(urlPrefix, connections, bytesEach, false);
    }

    /** As above; {@code virtual}: one virtual thread per publisher instead (Java 21+). */
    static Result run(String urlPrefix, int connections, int bytesEach, boolean virtual) throws Exception {
        byte[] flv = SampleFlv.file(SampleFlv.tags(connections, Math.max(4, bytesEach / 8200), 16 * 1024));
        CountDownLatch connected = new CountDownLatch(connections);
        CountDownLatch start = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(connections);
        CountDownLatch measured = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        double[] connectMillis = new double[connections];
        long[] finished = new long[connections];
        NativeRtmp[] open = new NativeRtmp[connections];
        System.gc();
        long mallocBefore = NativeHeap.inUse();
        long residentBefore = BenchThreads.residentBytes();
        long heapBefore = heapUsed();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            int id = i;
            Thread t = BenchThreads.newThread(virtual, "publisher-" + i, () -> {
                NativeRtmp rtmp = null;
                try {
                    long t0 = System.nanoTime();
                    rtmp = PublishThroughput.open(urlPrefix + "-" + id, CHUNK_SIZE, true);
                    connectMillis[id] = (System.nanoTime() - t0) / 1e6;
                    open[id] = rtmp;
                    connected.countDown();
                    start.await();
                    RtmpOutputStream out = rtmp.outputStream();
                    for (int off = 0; off < flv.length; off += PublishThroughput.STREAM_SLICE) {
                        out.write(flv, off, Math.min(PublishThroughput.STREAM_SLICE, flv.length - off));
                    }
                    out.close();
                    finished[id] = System.nanoTime();
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                    connected.countDown();
                } finally {
                    done.countDown();
                    if (rtmp != null) {
                        try {
                            measured.await(); // open until the memory of publishing connections is read
                        } catch (InterruptedException ignored) {
                            Thread.currentThread().interrupt();
                        }
                        rtmp.closeGracefully(Duration.ofSeconds(5));
                    }
                }
            });
            threads.add(t);
            t.start();
        }
        if (!connected.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            throw new IllegalStateException(connections + " publishers did not connect within " + TIMEOUT_SECONDS + " s");
        }
        int threadCount = ManagementFactory.getThreadMXBean().getThreadCount();
        long residentConnected = BenchThreads.residentBytes();
        System.gc();
        long heapConnected = heapUsed();
        long mallocConnected = NativeHeap.inUse();
        double countedConnected = countedKiB(open);
        long started = System.nanoTime();
        start.countDown();
        boolean finishedInTime = done.await(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        long mallocPublished = NativeHeap.inUse();
        double countedPublished = finishedInTime ? countedKiB(open) : Double.NaN;
        measured.countDown();
        if (!finishedInTime) {
            throw new IllegalStateException(connections + " publishers did not finish within " + TIMEOUT_SECONDS + " s");
        }
        for (Thread t : threads) {
            t.join(TimeUnit.SECONDS.toMillis(30));
        }
        if (failure.get() != null) {
            throw new IllegalStateException("a publisher of " + connections + " failed", failure.get());
        }
        long last = Arrays.stream(finished).max().orElse(started);
        double seconds = (last - started) / 1e9;
        double heapPer = (heapConnected - heapBefore) / 1024.0 / connections;
        // malloc'd bytes while connected (the send buffer has not grown yet: it does so with the
        // first writes, up to 64 KiB, as does the stream's 64 KiB batch).
        double nativePer = (mallocConnected - mallocBefore) / 1024.0 / connections;
        double[] sorted = connectMillis.clone();
        Arrays.sort(sorted);
        // ... and once they have published: the send buffer grown to 64 KiB, the stream's batch.
        double publishedPer = (mallocPublished - mallocBefore) / 1024.0 / connections;
        return new Result(connections, (double) flv.length * connections / 1e6 / seconds, threadCount, nativePer,
                publishedPer, heapPer, percentile(sorted, 0.50), percentile(sorted, 0.99),
                (residentConnected - residentBefore) / 1024.0 / connections, countedConnected, countedPublished);
    }

    /**
     * What the library counts the connections hold ({@link org.nativertmp.RtmpStatistics#nativeBytes()}),
     * KiB per connection: unlike the process-wide malloc figure, the JVM's own native memory is not in it.
     */
    static double countedKiB(NativeRtmp[] open) {
        long sum = 0;
        int n = 0;
        for (NativeRtmp rtmp : open) {
            if (rtmp != null) {
                sum += rtmp.statistics().nativeBytes();
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / 1024.0 / n;
    }

    static String describe(Result r) {
        return String.format(Locale.ROOT, "%4d publishers: %7.1f MB/s aggregate, %4d threads, %6.1f KiB malloc"
                + " connected (%6.1f KiB after publishing) and %5.1f KiB heap per connection, connect p50 %.1f ms"
                + " p99 %.1f ms, resident +%.1f KiB per connection; the library counts %.1f KiB held per connection"
                + " connected (%.1f KiB after publishing)", r.connections(), r.aggregateMBps(), r.threads(),
                r.nativeKiBPerConnection(), r.nativeKiBPerPublisher(), r.heapKiBPerConnection(), r.connectP50Millis(),
                r.connectP99Millis(), r.residentKiBPerConnection(), r.countedKiBConnected(), r.countedKiBPublished());
    }

    static double percentile(double[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    /** Heap in use after two full collections (one can leave garbage a second one finds). */
    private static long heapUsed() {
        System.gc();
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

}
