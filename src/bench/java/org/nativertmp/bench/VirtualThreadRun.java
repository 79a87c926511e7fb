package org.nativertmp.bench;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.nativertmp.VirtualThreadSessions;
import org.nativertmp.bench.PublishThroughput.Publisher;
import org.nativertmp.support.NginxRtmpServer;
import org.nativertmp.testkit.SampleFlv;

/**
 * Virtual threads (docs/benchmarks.md, Virtual threads), run by native/bench/virtual-threads.sh
 * in a JDK of 21 or later: one publish per round from a platform thread and from a virtual
 * thread, alternating, write per tag and outputStream(), chunk sizes 4096 and 128; then
 * {@code bench.vtPlayers} (1000) virtual-thread players waiting {@code bench.vtWaitMillis} (10 s)
 * for a live stream while a virtual thread ticks every 100 ms, as VirtualThreadTest does with 50.
 */
public final class VirtualThreadRun {
    private static final long FLV_SEED = 20261203L;
    private static final int MAX_PAYLOAD = 16_000;
    private static final String VT_SCALING = "500,1000,5000";
    private static final String PT_SCALING = "500,1000";

    private VirtualThreadRun() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = Integer.getInteger("bench.rounds", 8);
        int megabytes = Integer.getInteger("bench.flvMegabytes", 32);
        int players = Integer.getInteger("bench.vtPlayers", 1000);
        long waitMillis = Long.getLong("bench.vtWaitMillis", 10_000);
        Path dir = Files.createTempDirectory("nrtmp-vt-bench");
        byte[] flv = SampleFlv.file(SampleFlv.tags(FLV_SEED, megabytes * 1024 * 1024 / (MAX_PAYLOAD / 2), MAX_PAYLOAD));
        Path flvFile = Files.write(dir.resolve("bench.flv"), flv);
        ResultTable table = new ResultTable();
        table.note("Java " + Runtime.version() + ", virtual-thread parallelism "
                + System.getProperty("jdk.virtualThreadScheduler.parallelism", "default (cores)"));
        ExecutorService virtual = VirtualThreadSessions.virtualThreadPerTask();
        try (NginxRtmpServer nginx = NginxRtmpServer.start(dir.resolve("nginx"),
                Math.max(players, largestScaling()) + 200)) {
            NativeTools tools = new NativeTools(Path.of(System.getProperty("bench.tools",
                    "target/native-build/" + com.sun.jna.Platform.RESOURCE_PREFIX)));
            PublishThroughput publish = new PublishThroughput(flv, flvFile, tools, nginx.port());
            double mb = publish.tagBytes() / 1e6;
            for (int chunk : new int[] {4096, PublishThroughput.LIBRTMP_DEFAULT_CHUNK_SIZE}) {
                for (Publisher p : new Publisher[] {Publisher.JAVA_WRITE, Publisher.JAVA_STREAM}) {
                    Publisher c = p == Publisher.JAVA_WRITE ? Publisher.C_SHIM_PER_TAG : Publisher.C_SHIM_BATCHED;
                    double[] platform = new double[rounds];
                    double[] onVirtual = new double[rounds];
                    double[] fromC = new double[rounds];
                    for (int r = 0; r < rounds; r++) {
                        String stream = "vt" + chunk + p.ordinal() + "r" + r;
                        platform[r] = mb / (publish.run(p, "live", stream + "p", chunk) / 1e9);
                        onVirtual[r] = mb / (virtual.submit(() -> publish.run(p, "live", stream + "v", chunk))
                                .get(5, TimeUnit.MINUTES) / 1e9);
                        fromC[r] = mb / (publish.run(c, "live", stream + "c", chunk) / 1e9);
                    }
                    String name = "publish, chunk " + chunk + ", " + p.label;
                    table.add(name + ", platform thread", "MB/s", platform);
                    table.add(name + ", virtual thread", "MB/s", onVirtual);
                    table.add("publish, chunk " + chunk + ", " + c.label, "MB/s", fromC);
                    table.ratio("virtual/platform thread, " + name, onVirtual, platform, 0.95);
                    table.ratio("virtual thread/C, " + name, onVirtual, fromC, 0);
                }
            }
            connectLatency(nginx, virtual, Integer.getInteger("bench.connects", 200), table);
            scaling(nginx, table);
            if (players > 0) { // -Dbench.vtPlayers=0: without the waiting players
                ByteArrayOutputStream lines = new ByteArrayOutputStream();
                VirtualThreadSessions.session(nginx.url("notify/vtbench"), players, waitMillis, Duration.ofSeconds(60),
                        false, new PrintStream(lines, true, StandardCharsets.UTF_8));
                summarizePlayers(lines.toString(StandardCharsets.UTF_8), players, waitMillis, table);
            }
        } finally {
            virtual.shutdown();
        }
        table.print(System.out);
        System.exit(0); // nginx is stopped by now; the virtual threads of the players may linger
    }

    /** connect + connectStream of a publisher, one at a time, alternating platform and virtual threads. */
    private static void connectLatency(NginxRtmpServer nginx, ExecutorService virtual, int rounds, ResultTable table)
            throws Exception {
        double[] platform = new double[rounds];
        double[] onVirtual = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            String url = nginx.url("live/latency-" + i);
            platform[i] = connectOnce(url);
            onVirtual[i] = virtual.submit(() -> connectOnce(url + "v")).get(30, TimeUnit.SECONDS);
        }
        table.add("connect + connectStream, one at a time, platform thread", "ms", platform);
        table.add("connect + connectStream, one at a time, virtual thread", "ms", onVirtual);
        java.util.Arrays.sort(platform);
        java.util.Arrays.sort(onVirtual);
        table.note("connect + connectStream p99: platform thread " + platform[(int) Math.ceil(0.99 * rounds) - 1]
                + " ms, virtual thread " + onVirtual[(int) Math.ceil(0.99 * rounds) - 1] + " ms");
    }

    private static double connectOnce(String url) throws Exception {
        long t0 = System.nanoTime();
        try (org.nativertmp.NativeRtmp rtmp = PublishThroughput.open(url, PublishThroughput.LIBRTMP_DEFAULT_CHUNK_SIZE,
                true)) {
            return (System.nanoTime() - t0) / 1e6;
        }
    }

    /**
     * Publishers and live players at once, on platform threads (one each, as before) and on
     * virtual threads (the engine), for {@code bench.vtScaling} connections (500,1000,5000) and,
     * on platform threads, {@code bench.ptScaling} (500,1000).
     */
    private static void scaling(NginxRtmpServer nginx, ResultTable table) throws Exception {
        int bytesEach = Integer.getInteger("bench.scalingBytes", 256 * 1024);
        byte[] live = SampleFlv.file(SampleFlv.tags(FLV_SEED + 7, 400, 4000));
        for (String kind : new String[] {"platform", "virtual"}) {
            boolean virtual = kind.equals("virtual");
            String counts = virtual ? System.getProperty("bench.vtScaling", VT_SCALING)
                    : System.getProperty("bench.ptScaling", PT_SCALING);
            for (String c : counts.split(",")) {
                if (c.isBlank()) {
                    continue;
                }
                int n = Integer.parseInt(c.trim());
                ScalingRun.Result r = ScalingRun.run(nginx.url("live/scale-" + kind + n), n, bytesEach, virtual);
                table.note(kind + " threads: " + ScalingRun.describe(r));
                LivePlayersRun.Result p = LivePlayersRun.run(nginx.url("notify/players-" + kind + n), n, live, virtual);
                table.note(kind + " threads: " + LivePlayersRun.describe(p));
            }
        }
    }

    /** The most connections one scaling run holds at once: nginx needs as many {@code worker_connections}. */
    private static int largestScaling() {
        return java.util.stream.Stream.of(System.getProperty("bench.vtScaling", VT_SCALING),
                        System.getProperty("bench.ptScaling", PT_SCALING))
                .flatMap(counts -> java.util.Arrays.stream(counts.split(",")))
                .filter(c -> !c.isBlank()).mapToInt(c -> Integer.parseInt(c.trim())).max().orElse(0);
    }

    private static void summarizePlayers(String lines, int players, long waitMillis, ResultTable table) {
        long ended = lines.lines().filter(l -> l.startsWith("player ") && l.endsWith(" end=eos")).count();
        String prefix = players + " virtual-thread players waiting " + waitMillis / 1000 + " s: ";
        for (String line : lines.split("\n")) {
            if (line.startsWith("player ")) {
                continue;
            }
            table.note(prefix + line);
        }
        table.note(prefix + ended + " of " + players + " read the stream to its end");
        table.note("resident memory at the end: " + residentKib() + " KiB");
    }

    private static long residentKib() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmRSS:"))
                    .mapToLong(l -> Long.parseLong(l.replaceAll("[^0-9]", ""))).findFirst().orElse(-1);
        } catch (java.io.IOException e) {
            return -1;
        }
    }
}
