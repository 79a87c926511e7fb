package org.nativertmp.bench;

import com.sun.jna.Platform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;
import org.nativertmp.NativeRtmp;
import org.nativertmp.support.NginxRtmpServer;
import org.nativertmp.testkit.SampleFlv;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * The Java path against a C client on the same librtmp build, in one run, on one nginx-rtmp on
 * 127.0.0.1 (application {@code live}: relayed, never recorded, so the disk is not measured):
 *
 * <ul>
 *   <li>publish throughput of one generated FLV: NativeRtmp.write per tag, outputStream() in
 *       64 KiB slices, and nrtmp-ref publish (C), at librtmp's chunk size 128 and at 4096; the
 *       runs of a round alternate, and each variant's median over the rounds is reported;
 *   <li>the cost of one call: RTMP_Write of a small tag and RTMP_LibVersion, JMH in Java,
 *       nrtmp-bench's loops in C.
 * </ul>
 *
 * Settings (system properties): {@code bench.rounds} (10), {@code bench.flvMegabytes} (32),
 * {@code bench.tools} (the native build folder with nrtmp-ref and nrtmp-bench;
 * {@code target/native-build/{platform}}), {@code bench.jmh} (true).
 */
public final class NativeComparison {
    private static final int[] CHUNK_SIZES = {PublishThroughput.LIBRTMP_DEFAULT_CHUNK_SIZE, 4096};
    private static final long FLV_SEED = 20151223;
    /** SampleFlv payloads are 1 to this many bytes: about 8 KB per tag on average. */
    private static final int MAX_PAYLOAD = 16 * 1024;
    private static final long C_LIBVERSION_CALLS = 100_000_000;
    private static final long C_WRITE_CALLS = 300_000;
    private static final int C_CALL_RUNS = 8;

    private NativeComparison() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = Integer.getInteger("bench.rounds", 10);
        int megabytes = Integer.getInteger("bench.flvMegabytes", 32);
        boolean jmh = Boolean.parseBoolean(System.getProperty("bench.jmh", "true"));
        Path toolsDir = Path.of(System.getProperty("bench.tools", "target/native-build/{platform}")
                .replace("{platform}", Platform.RESOURCE_PREFIX));
        NativeTools tools = new NativeTools(toolsDir);
        ComparisonTable table = new ComparisonTable();

        Path dir = Files.createTempDirectory("nrtmp-bench-");
        try (NginxRtmpServer nginx = NginxRtmpServer.start(dir.resolve("nginx"))) {
            System.out.printf(Locale.ROOT, "native librtmp %06x, %s; nginx-rtmp on 127.0.0.1:%d; %d cores%n",
                    NativeRtmp.libVersion(), toolsDir, nginx.port(), Runtime.getRuntime().availableProcessors());
            publishThroughput(nginx, dir, megabytes, rounds, tools, table);
            callOverhead(nginx, jmh, tools, table);
        } finally {
            deleteTree(dir);
        }
        System.out.println();
        System.out.println("== Java against C, same librtmp build, same run: medians (spread: min-max of the runs,"
                + " or JMH's 99.9% error)");
        table.print(System.out);
        System.out.println("Java/C: ratio of the medians; paired: median of each round's Java/C."
                + " MB/s below 1: Java is slower; ns/call above 1: Java is slower.");
    }

    private static void publishThroughput(NginxRtmpServer nginx, Path dir, int megabytes, int rounds,
            NativeTools tools, ComparisonTable table) throws Exception {
        int mediaTags = (int) ((long) megabytes * 1_000_000 / (MAX_PAYLOAD / 2 + 15));
        byte[] flv = SampleFlv.file(SampleFlv.tags(FLV_SEED, mediaTags, MAX_PAYLOAD));
        Path flvFile = dir.resolve("bench.flv");
        Files.write(flvFile, flv);
        PublishThroughput publish = new PublishThroughput(flv, flvFile, tools);
        double megabytesSent = publish.tagBytes() / 1e6;
        System.out.printf(Locale.ROOT, "%n== publish throughput: %.1f MB of FLV tags (%d tags), %d rounds after"
                + " one warm-up round; timed from the first write call to the return of the last%n",
                megabytesSent, mediaTags + 1, rounds);

        String[] variants = {"NativeRtmp.write per tag", "outputStream() 64 KiB slices", "nrtmp-ref publish (C)"};
        int stream = 0;
        for (int chunk : CHUNK_SIZES) {
            double[][] mbps = new double[variants.length][rounds];
            for (int round = -1; round < rounds; round++) {
                StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "chunk %4d %s", chunk,
                        round < 0 ? "warm-up " : "round " + (round + 1) + " "));
                // Rotate which variant goes first, so that none always follows the same one.
                for (int k = 0; k < variants.length; k++) {
                    int v = (k + Math.max(round, 0)) % variants.length;
                    String url = nginx.url("live/bench-" + stream++);
                    long nanos = switch (v) {
                        case 0 -> publish.javaWritePerTag(url, chunk);
                        case 1 -> publish.javaOutputStream(url, chunk);
                        default -> publish.cPublish(url, chunk);
                    };
                    double rate = megabytesSent / (nanos / 1e9);
                    if (round >= 0) {
                        mbps[v][round] = rate;
                    }
                    line.append(String.format(Locale.ROOT, "  %s %.0f", v == 2 ? "C" : v == 0 ? "write" : "stream", rate));
                }
                System.out.println(line.append(" MB/s"));
            }
            table.addRounds("publish, chunk " + chunk + ", " + variants[0], "MB/s", mbps[0], mbps[2]);
            table.addRounds("publish, chunk " + chunk + ", " + variants[1], "MB/s", mbps[1], mbps[2]);
        }
    }

    private static void callOverhead(NginxRtmpServer nginx, boolean jmh, NativeTools tools, ComparisonTable table)
            throws IOException, InterruptedException, RunnerException {
        // Half of the C runs before JMH and half after, so that a slow or fast spell of the
        // machine (it has them: see the caveats in the README) falls on both sides alike.
        double[] cWrite = new double[C_CALL_RUNS];
        double[] cVersion = new double[C_CALL_RUNS];
        int before = jmh ? C_CALL_RUNS / 2 : C_CALL_RUNS;
        cCallRuns(nginx, tools, cWrite, cVersion, 0, before);
        if (!jmh) {
            return;
        }
        System.out.printf(Locale.ROOT, "%n== per call, Java: JMH%n");
        Options options = new OptionsBuilder()
                .include(CallOverhead.class.getName())
                .param("app", nginx.url("live"))
                .forks(1)
                .warmupIterations(3)
                .warmupTime(TimeValue.seconds(1))
                .measurementIterations(5)
                .measurementTime(TimeValue.seconds(2))
                .build();
        Collection<RunResult> results = new Runner(options).run();
        cCallRuns(nginx, tools, cWrite, cVersion, before, C_CALL_RUNS);

        int tagSize = CallOverhead.smallTag().length;
        ComparisonTable.Measure c = ComparisonTable.Measure.ofRuns(cWrite);
        table.add("RTMP_Write " + tagSize + "-byte tag, NativeRtmp.write", "ns/call",
                score(results, "nativeRtmpWrite"), c);
        table.add("RTMP_Write " + tagSize + "-byte tag, raw JNA binding", "ns/call", score(results, "rawJnaWrite"), c);
        table.add("RTMP_LibVersion, NativeRtmp.libVersion()", "ns/call", score(results, "libVersion"),
                ComparisonTable.Measure.ofRuns(cVersion));
    }

    /** nrtmp-bench runs {@code from} to {@code to} (exclusive) of both loops, into the arrays. */
    private static void cCallRuns(NginxRtmpServer nginx, NativeTools tools, double[] cWrite, double[] cVersion,
            int from, int to) throws IOException, InterruptedException {
        System.out.printf(Locale.ROOT, "%n== per call, C: nrtmp-bench runs %d-%d of %d (RTMP_Write: %d calls to"
                + " nginx live; RTMP_LibVersion: %d calls)%n", from + 1, to, C_CALL_RUNS, C_WRITE_CALLS,
                C_LIBVERSION_CALLS);
        for (int i = from; i < to; i++) {
            cWrite[i] = tools.write(nginx.url("live/c-write-" + i), C_WRITE_CALLS, CallOverhead.PAYLOAD);
            cVersion[i] = tools.libVersion(C_LIBVERSION_CALLS);
            System.out.printf(Locale.ROOT, "run %d  RTMP_Write %.0f ns/call  RTMP_LibVersion %.2f ns/call%n",
                    i + 1, cWrite[i], cVersion[i]);
        }
    }

    private static ComparisonTable.Measure score(Collection<RunResult> results, String benchmark) {
        for (RunResult r : results) {
            if (r.getParams().getBenchmark().endsWith("." + benchmark)) {
                Result<?> primary = r.getPrimaryResult();
                return ComparisonTable.Measure.ofScore(primary.getScore(), primary.getScoreError());
            }
        }
        throw new IllegalStateException("JMH gave no result for " + benchmark);
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        } catch (IOException leftBehind) {
            System.err.println("could not remove " + dir + ": " + leftBehind);
        }
    }
}
