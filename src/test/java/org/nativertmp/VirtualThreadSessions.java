package org.nativertmp;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.nativertmp.flv.FlvReader;
import org.nativertmp.flv.FlvTag;
import org.nativertmp.support.FlvAssertions;
import org.nativertmp.support.TestFlv;

/**
 * Run by VirtualThreadTest in a JVM of 21 or later (compiled for 17: virtual threads through a
 * method handle). Virtual-thread players of a live stream that has not started yet wait in
 * {@code read()}, an unrelated virtual thread ticks every 100 ms meanwhile, then a virtual-thread
 * publisher sends the stream and every player reads it to its end. Prints one {@code key=value}
 * line per measurement, then one line per player.
 *
 * <p>Arguments: the stream's URL, the number of players, how long they wait (ms) before the
 * publisher starts, the players' receive timeout (s).
 */
public final class VirtualThreadSessions {
    static final int MEDIA_TAGS = 200;

    public static void main(String[] args) throws Exception {
        session(args[0], Integer.parseInt(args[1]), Long.parseLong(args[2]),
                Duration.ofSeconds(Long.parseLong(args[3])), args.length > 4 && args[4].equals("async"), System.out);
        System.exit(0);
    }

    /**
     * The session: {@code players} virtual-thread players of {@code url} wait {@code waitMillis},
     * then a virtual-thread publisher sends {@value #MEDIA_TAGS} media tags; the measurements go
     * to {@code out}, one {@code key=value} line each, then one line per player.
     */
    public static void session(String url, int players, long waitMillis, Duration receiveTimeout, boolean async,
            PrintStream out) throws Exception {
        ExecutorService virtual = virtualThreadPerTask();
        Ticker ticker = new Ticker();
        virtual.submit(ticker);
        CountDownLatch ready = new CountDownLatch(players);
        List<Future<String>> played = new ArrayList<>();
        for (int i = 0; i < players; i++) {
            played.add(async ? playAsync(url, receiveTimeout, ready)
                    : virtual.submit(() -> play(url, receiveTimeout, ready)));
        }
        boolean allReady = ready.await(120, TimeUnit.SECONDS);
        println(out, "players-ready=" + (players - ready.getCount()) + (allReady ? "" : " (not all within 120 s)"));

        long ticksBefore = ticker.ticks.get();
        ticker.maxLateMillis.set(0);
        Thread.sleep(waitMillis);
        println(out, "ticks-while-waiting=" + (ticker.ticks.get() - ticksBefore) + " of " + waitMillis / Ticker.PERIOD_MS);
        println(out, "ticker-max-late-ms=" + ticker.maxLateMillis.get());
        println(out, "platform-threads-while-waiting="
                + java.lang.management.ManagementFactory.getThreadMXBean().getThreadCount());

        long submitted = System.nanoTime();
        AtomicLong started = new AtomicLong();
        Future<String> published = virtual.submit(() -> {
            started.set(System.nanoTime());
            return publish(url);
        });
        println(out, "publish=" + published.get(90, TimeUnit.SECONDS));
        println(out, "publisher-start-ms=" + (started.get() - submitted) / 1_000_000);
        for (int i = 0; i < players; i++) {
            println(out, "player " + i + ": " + played.get(i).get(90, TimeUnit.SECONDS));
        }
        println(out, "ticker-max-late-ms-wait-to-end=" + ticker.maxLateMillis.get());
        ticker.stop = true;
        virtual.shutdown();
    }

    public static ExecutorService virtualThreadPerTask() throws Exception {
        try {
            return (ExecutorService) MethodHandles.publicLookup()
                    .findStatic(java.util.concurrent.Executors.class, "newVirtualThreadPerTaskExecutor",
                            MethodType.methodType(ExecutorService.class)).invoke();
        } catch (Exception | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    private static String play(String url, Duration receiveTimeout, CountDownLatch ready) {
        ByteArrayOutputStream flv = new ByteArrayOutputStream();
        try (NativeRtmp rtmp = new NativeRtmp()) {
            rtmp.setupUrl(url, RtmpOptions.builder().live(true).receiveTimeout(receiveTimeout).build());
            rtmp.connect();
            rtmp.connectStream(0);
            ready.countDown();
            byte[] buf = new byte[64 * 1024];
            int n;
            while ((n = rtmp.read(buf, 0, buf.length)) >= 0) {
                flv.write(buf, 0, n);
            }
            List<FlvTag> tags = FlvReader.readAll(flv.toByteArray());
            return "media=" + FlvAssertions.media(tags).size() + " end=eos";
        } catch (Exception e) {
            ready.countDown();
            return "media=? bytes=" + flv.size() + " end=error " + e;
        }
    }

    /** The same player made of AsyncRtmp stages: no thread of the program waits for it. */
    private static java.util.concurrent.CompletableFuture<String> playAsync(String url, Duration receiveTimeout,
            CountDownLatch ready) {
        NativeRtmp rtmp = new NativeRtmp();
        rtmp.setupUrl(url, RtmpOptions.builder().live(true).receiveTimeout(receiveTimeout).build());
        AsyncRtmp in = rtmp.async();
        ByteArrayOutputStream flv = new ByteArrayOutputStream();
        byte[] buf = new byte[64 * 1024];
        return in.connect().thenCompose(ok -> in.connectStream(0))
                .thenCompose(ok -> {
                    ready.countDown();
                    return readAll(in, buf, flv);
                })
                .handle((ok, failure) -> {
                    rtmp.close();
                    if (failure != null) {
                        ready.countDown();
                        return "media=? bytes=" + flv.size() + " end=error " + failure;
                    }
                    try {
                        return "media=" + FlvAssertions.media(FlvReader.readAll(flv.toByteArray())).size() + " end=eos";
                    } catch (java.io.IOException e) {
                        return "media=? end=error " + e;
                    }
                }).toCompletableFuture();
    }

    private static java.util.concurrent.CompletionStage<Void> readAll(AsyncRtmp in, byte[] buf,
            ByteArrayOutputStream into) {
        return in.read(buf, 0, buf.length).thenCompose(n -> {
            if (n < 0) {
                return java.util.concurrent.CompletableFuture.completedFuture(null);
            }
            into.write(buf, 0, n);
            return readAll(in, buf, into);
        });
    }

    private static String publish(String url) {
        List<FlvTag> tags = TestFlv.tags(17L, MEDIA_TAGS, 2000);
        try (NativeRtmp rtmp = new NativeRtmp()) {
            rtmp.setupUrl(url);
            rtmp.enableWrite();
            rtmp.connect();
            rtmp.connectStream(0);
            for (FlvTag tag : tags) {
                byte[] b = tag.encode();
                rtmp.write(b, 0, b.length);
            }
            rtmp.closeGracefully(Duration.ofSeconds(5));
            return "ok media=" + MEDIA_TAGS;
        } catch (Exception e) {
            return "error " + e;
        }
    }

    private static synchronized void println(PrintStream out, String line) {
        out.println(line);
        out.flush();
    }

    /** Sleeps 100 ms at a time and notes how late each wake-up was. */
    static final class Ticker implements Runnable {
        static final long PERIOD_MS = 100;
        final AtomicLong ticks = new AtomicLong();
        final AtomicLong maxLateMillis = new AtomicLong();
        volatile boolean stop;

        @Override
        public void run() {
            long next = System.nanoTime() + PERIOD_MS * 1_000_000;
            while (!stop) {
                try {
                    Thread.sleep(Math.max(0, (next - System.nanoTime()) / 1_000_000));
                } catch (InterruptedException e) {
                    return;
                }
                long late = (System.nanoTime() - next) / 1_000_000;
                maxLateMillis.accumulateAndGet(late, Math::max);
                ticks.incrementAndGet();
                next += PERIOD_MS * 1_000_000;
            }
        }
    }
}
