package org.nativertmp.bench;

import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.nativertmp.NativeRtmp;
import org.nativertmp.RtmpOptions;
import org.nativertmp.RtmpOutputStream;

/**
 * N players of one live stream in this JVM, one thread each, reading with inputStream() until
 * the stream ends; one publisher (outputStream(), chunk 4096) starts once every player is
 * playing. Aggregate throughput is every byte the players read over the time from the
 * publisher's first write to the last player's end of stream.
 */
final class LivePlayersRun {
    private static final long TIMEOUT_SECONDS = 120;

    record Result(int players, double aggregateMBps, long bytesPerPlayer, int threadsWhilePlaying,
            double countedKiBWaiting, double connectP50Millis, double connectP99Millis) {
    }

    private LivePlayersRun() {
    }

    static Result run(String url, int players, byte[] flv) throws Exception {
        return run(url, players, flv, false);
    }

    /** As above; {@code virtual}: one virtual thread per player instead (Java 21+). */
    static Result run(String url, int players, byte[] flv, boolean virtual) throws Exception {
        CountDownLatch playing = new CountDownLatch(players);
        CountDownLatch ended = new CountDownLatch(players);
        AtomicLong bytes = new AtomicLong();
        AtomicLong lastEnd = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        NativeRtmp[] open = new NativeRtmp[players];
        double[] connectMillis = new double[players];
        for (int i = 0; i < players; i++) {
            int id = i;
            Thread t = BenchThreads.newThread(virtual, "player-" + i, () -> {
                try (NativeRtmp rtmp = new NativeRtmp()) {
                    long t0 = System.nanoTime();
                    rtmp.setupUrl(url, RtmpOptions.builder().live(true).receiveTimeout(Duration.ofSeconds(60)).build());
                    rtmp.connect();
                    rtmp.connectStream(0);
                    connectMillis[id] = (System.nanoTime() - t0) / 1e6;
                    open[id] = rtmp;
                    playing.countDown();
                    byte[] buf = new byte[64 * 1024];
                    long n = 0;
                    try (InputStream in = rtmp.inputStream()) {
                        for (int r = in.read(buf); r >= 0; r = in.read(buf)) {
                            n += r;
                        }
                    }
                    bytes.addAndGet(n);
                    lastEnd.accumulateAndGet(System.nanoTime(), Math::max);
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                    playing.countDown();
                } finally {
                    ended.countDown();
                }
            });
            threads.add(t);
            t.start();
        }
        if (!playing.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            throw new IllegalStateException(players + " players did not start within " + TIMEOUT_SECONDS + " s");
        }
        if (failure.get() != null) {
            throw new IllegalStateException("a player failed to start", failure.get());
        }
        int threadsWhilePlaying = java.lang.management.ManagementFactory.getThreadMXBean().getThreadCount();
        // every player is in its first read, waiting for the stream: none closes before it ends
        double countedWaiting = ScalingRun.countedKiB(open);
        long started;
        try (NativeRtmp publisher = PublishThroughput.open(url, 4096, true)) {
            started = System.nanoTime();
            RtmpOutputStream out = publisher.outputStream();
            for (int off = 0; off < flv.length; off += PublishThroughput.STREAM_SLICE) {
                out.write(flv, off, Math.min(PublishThroughput.STREAM_SLICE, flv.length - off));
            }
            out.close();
            publisher.closeGracefully(Duration.ofSeconds(5));
        }
        if (!ended.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            throw new IllegalStateException(players + " players did not see the end within " + TIMEOUT_SECONDS + " s");
        }
        if (failure.get() != null) {
            throw new IllegalStateException("a player failed", failure.get());
        }
        double seconds = (lastEnd.get() - started) / 1e9;
        double[] sorted = connectMillis.clone();
        java.util.Arrays.sort(sorted);
        return new Result(players, bytes.get() / 1e6 / seconds, bytes.get() / players, threadsWhilePlaying,
                countedWaiting, ScalingRun.percentile(sorted, 0.50), ScalingRun.percentile(sorted, 0.99));
    }

    static String describe(Result r) {
        return String.format(Locale.ROOT, "%4d live players: %7.1f MB/s aggregate, %d bytes each, %d platform threads;"
                + " the library counts %.1f KiB held per player while they wait; connect + connectStream p50 %.1f ms"
                + " p99 %.1f ms", r.players(), r.aggregateMBps(), r.bytesPerPlayer(), r.threadsWhilePlaying(),
                r.countedKiBWaiting(), r.connectP50Millis(), r.connectP99Millis());
    }
}
