package org.nativertmp.bench;

import com.sun.jna.Platform;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.nativertmp.NativeRtmp;
import org.nativertmp.RtmpOptions;
import org.nativertmp.flv.FlvFormat;
import org.nativertmp.flv.FlvReader;
import org.nativertmp.flv.FlvTag;
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
 * native-rtmp's benchmark, in one run on one nginx-rtmp at 127.0.0.1 (application {@code live}:
 * relayed, never recorded, so the disk is not measured), printing the table of
 * docs/benchmarks.md:
 *
 * <ul>
 *   <li>publish throughput of one generated FLV by every {@link PublishThroughput.Publisher}
 *       (NativeRtmp's write and outputStream(), the same native build driven from C, plain
 *       librtmp, Red5's pure-Java client), at librtmp's chunk size 128 and at 4096; the runs of
 *       a round alternate in a rotating order, and medians and paired ratios are reported;
 *   <li>that every client's publish arrived whole: one more publish each to nginx's recording
 *       application, its recording compared tag for tag with the file;
 *   <li>play throughput of the same file from nginx's vod application: inputStream() against
 *       nrtmp-ref play;
 *   <li>how cost grows with connections: 1, 10, 100 and 500 publishers in this JVM
 *       ({@link ScalingRun});
 *   <li>optionally (bench.jmh=true) the cost of one call: JMH in Java, nrtmp-bench in C.
 * </ul>
 *
 * Settings (system properties): {@code bench.rounds} (10), {@code bench.flvMegabytes} (32),
 * {@code bench.scaling} (1,10,100,500; empty: none), {@code bench.play} (true),
 * {@code bench.playMegabytes} (128), {@code bench.players} (1,10,100,500: live players of one
 * publish, {@link LivePlayersRun}; empty: none),
 * {@code bench.tools} (the native build folder with nrtmp-ref and nrtmp-bench;
 * {@code target/native-build/{platform}}), {@code bench.jmh} (false).
 */
public final class NativeComparison {
    private static final int[] CHUNK_SIZES = {PublishThroughput.LIBRTMP_DEFAULT_CHUNK_SIZE, 4096};
    private static final long FLV_SEED = 20151223;
    /** SampleFlv payloads are 1 to this many bytes: about 8 KB per tag on average. */
    private static final int MAX_PAYLOAD = 16 * 1024;
    private static final long C_LIBVERSION_CALLS = 100_000_000;
    private static final long C_WRITE_CALLS = 300_000;
    private static final int C_CALL_RUNS = 8;
    /** rtmpdump's buffer time: the server sends as fast as it can instead of in real time. */
    private static final int PLAY_BUFFER_MILLIS = 36_000_000;
    /** Connections above the test's nginx default need more of them. */
    private static final int NGINX_WORKER_CONNECTIONS = 4096;

    private NativeComparison() {
    }

    public static void main(String[] args) throws Exception {
        // librtmp's INFO lines (a played file's metadata) are not what is measured.
        java.util.logging.Logger.getLogger("org.nativertmp.librtmp").setLevel(java.util.logging.Level.WARNING);
        int rounds = Integer.getInteger("bench.rounds", 10);
        int megabytes = Integer.getInteger("bench.flvMegabytes", 32);
        boolean jmh = Boolean.parseBoolean(System.getProperty("bench.jmh", "false"));
        boolean play = Boolean.parseBoolean(System.getProperty("bench.play", "true"));
        String scaling = System.getProperty("bench.scaling", "1,10,100,500");
        Path toolsDir = Path.of(System.getProperty("bench.tools", "target/native-build/{platform}")
                .replace("{platform}", Platform.RESOURCE_PREFIX));
        NativeTools tools = new NativeTools(toolsDir);
        ResultTable table = new ResultTable();
        ComparisonTable perCall = new ComparisonTable();

        Path dir = Files.createTempDirectory("nrtmp-bench-");
        try (NginxRtmpServer nginx = NginxRtmpServer.start(dir.resolve("nginx"), NGINX_WORKER_CONNECTIONS)) {
            System.out.printf(Locale.ROOT, "native librtmp %06x, %s; nginx-rtmp on 127.0.0.1:%d; %d cores; %s%n",
                    NativeRtmp.libVersion(), toolsDir, nginx.port(), Runtime.getRuntime().availableProcessors(),
                    System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
            int mediaTags = (int) ((long) megabytes * 1_000_000 / (MAX_PAYLOAD / 2 + 15));
            byte[] flv = SampleFlv.file(SampleFlv.tags(FLV_SEED, mediaTags, MAX_PAYLOAD));
            Path flvFile = dir.resolve("bench.flv");
            Files.write(flvFile, flv);
            PublishThroughput publish = new PublishThroughput(flv, flvFile, tools, nginx.port());
            publishThroughput(publish, rounds, table);
            verifyRecordings(nginx, publish, table);
            if (play) {
                // Larger than the publish file: a play lasts only tens of milliseconds otherwise,
                // and one delayed acknowledgement (40 ms) would decide the ratio.
                int playMegabytes = Integer.getInteger("bench.playMegabytes", 128);
                int playTags = (int) ((long) playMegabytes * 1_000_000 / (MAX_PAYLOAD / 2 + 15));
                Files.write(nginx.vodDir().resolve("bench.flv"),
                        SampleFlv.file(SampleFlv.tags(FLV_SEED + 1, playTags, MAX_PAYLOAD)));
                playThroughput(nginx, tools, rounds, table);
            }
            if (!scaling.isBlank()) {
                // Not reported: the first connections of a JVM also pay for its own first use.
                ScalingRun.run(nginx.url("live/scale-warm-up"), 2, 256 * 1024);
            }
            for (String n : scaling.split(",")) {
                if (!n.isBlank()) {
                    scaling(nginx, Integer.parseInt(n.trim()), table);
                }
            }
            for (String n : System.getProperty("bench.players", "1,10,100,500").split(",")) {
                if (!n.isBlank()) {
                    int players = Integer.parseInt(n.trim());
                    LivePlayersRun.Result r = LivePlayersRun.run(nginx.url("notify/fan-" + players), players, flv);
                    System.out.println(LivePlayersRun.describe(r));
                    table.add(players + " live players of one publish: aggregate read, inputStream()", "MB/s",
                            r.aggregateMBps());
                    table.add(players + " live players of one publish: bytes read per player", "MB",
                            r.bytesPerPlayer() / 1e6);
                }
            }
            if (jmh) {
                callOverhead(nginx, tools, perCall);
            }
        } finally {
            deleteTree(dir);
        }
        System.out.println();
        System.out.println("== results: medians of " + rounds + " alternating rounds, MB/s of FLV tag bytes"
                + " (the machine's cores are shared: compare ratios, not absolute numbers)");
        table.print(System.out);
        if (jmh) {
            System.out.println();
            perCall.print(System.out);
        }
        System.exit(0); // Red5's client leaves threads behind that would keep the JVM alive
    }

    private static void publishThroughput(PublishThroughput publish, int rounds, ResultTable table) throws Exception {
        double megabytesSent = publish.tagBytes() / 1e6;
        PublishThroughput.Publisher[] publishers = PublishThroughput.Publisher.values();
        System.out.printf(Locale.ROOT, "%n== publish throughput: %.1f MB of FLV tags (%d tags), %d rounds after"
                + " one warm-up round, each publisher once per round in a rotating order%n",
                megabytesSent, publish.tags().size(), rounds);
        int stream = 0;
        for (int chunk : CHUNK_SIZES) {
            double[][] mbps = new double[publishers.length][rounds];
            double[][] cpuMillis = new double[publishers.length][rounds];
            for (int round = -1; round < rounds; round++) {
                StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "chunk %4d %s", chunk,
                        round < 0 ? "warm-up " : "round " + (round + 1) + " "));
                for (int k = 0; k < publishers.length; k++) {
                    PublishThroughput.Publisher p = publishers[(k + Math.max(round, 0)) % publishers.length];
                    double rate = megabytesSent / (publish.run(p, "live", "bench-" + stream++, chunk) / 1e9);
                    if (round >= 0) {
                        mbps[p.ordinal()][round] = rate;
                        cpuMillis[p.ordinal()][round] = publish.lastCpuMillis();
                    }
                    line.append(String.format(Locale.ROOT, "  %s %.0f", p.name(), rate));
                }
                System.out.println(line.append(" MB/s"));
            }
            for (PublishThroughput.Publisher p : publishers) {
                table.add("publish, chunk " + chunk + ", " + p.label, "MB/s", mbps[p.ordinal()]);
            }
            double[] plainCpu = cpuMillis[PublishThroughput.Publisher.C_LIBRTMP.ordinal()];
            double[] coalescedCpu = cpuMillis[PublishThroughput.Publisher.C_SHIM_BATCHED.ordinal()];
            if (plainCpu[0] >= 0) {
                // nginx shares the cores: where it is what limits MB/s, the client's own CPU time
                // still shows what the client's work costs.
                table.add("publish, chunk " + chunk + ", client CPU, C librtmp RTMP_Write (plain)", "ms", plainCpu);
                table.add("publish, chunk " + chunk + ", client CPU, C nrtmp_write 64 KiB (coalesced)", "ms", coalescedCpu);
                table.ratio("chunk " + chunk + ": client CPU, plain librtmp / coalesced", plainCpu, coalescedCpu, 0);
            }
            double[] write = mbps[PublishThroughput.Publisher.JAVA_WRITE.ordinal()];
            double[] stream64 = mbps[PublishThroughput.Publisher.JAVA_STREAM.ordinal()];
            table.ratio("chunk " + chunk + ": NativeRtmp.write / C nrtmp_write, per tag", write,
                    mbps[PublishThroughput.Publisher.C_SHIM_PER_TAG.ordinal()], 0.95);
            table.ratio("chunk " + chunk + ": outputStream() / C nrtmp_write, 64 KiB", stream64,
                    mbps[PublishThroughput.Publisher.C_SHIM_BATCHED.ordinal()], 0.95);
            table.ratio("chunk " + chunk + ": outputStream() / plain librtmp", stream64,
                    mbps[PublishThroughput.Publisher.C_LIBRTMP.ordinal()], chunk == 128 ? 5 : 0);
            table.ratio("chunk " + chunk + ": NativeRtmp.write / plain librtmp", write,
                    mbps[PublishThroughput.Publisher.C_LIBRTMP.ordinal()], 0);
            table.ratio("chunk " + chunk + ": outputStream() / Red5", stream64,
                    mbps[PublishThroughput.Publisher.RED5.ordinal()], chunk == 4096 ? 1.5 : 0);
            table.ratio("chunk " + chunk + ": write, coalesced / not coalesced", write,
                    mbps[PublishThroughput.Publisher.JAVA_UNCOALESCED.ordinal()], 0);
        }
    }

    /** One more publish per client into nginx's recording application; each recording checked tag for tag. */
    private static void verifyRecordings(NginxRtmpServer nginx, PublishThroughput publish, ResultTable table)
            throws Exception {
        List<FlvTag> media = mediaTags(publish.tags());
        StringBuilder verdicts = new StringBuilder("recordings (nginx record all, chunk 4096), media tags against the file:");
        for (PublishThroughput.Publisher p : PublishThroughput.Publisher.values()) {
            String stream = "verify-" + p.name().toLowerCase(Locale.ROOT);
            publish.run(p, "rec", stream, 4096);
            List<FlvTag> recorded = mediaTags(awaitRecording(nginx.recordDir().resolve(stream + ".flv"), media.size()));
            String verdict = sameMedia(media, recorded);
            System.out.println("recording of " + p.label + ": " + verdict);
            verdicts.append(String.format(Locale.ROOT, "%n  %-48s %s", p.label, verdict));
        }
        table.note(verdicts.toString());
    }

    private static List<FlvTag> mediaTags(List<FlvTag> tags) {
        return tags.stream().filter(t -> t.type() != FlvFormat.TAG_SCRIPT).toList();
    }

    /** "identical", or what differs: the count, or the first tag whose type, payload or timestamp differs. */
    private static String sameMedia(List<FlvTag> expected, List<FlvTag> actual) {
        if (expected.size() != actual.size()) {
            return "DIFFERS: " + actual.size() + " media tags recorded, " + expected.size() + " sent";
        }
        for (int i = 0; i < expected.size(); i++) {
            FlvTag e = expected.get(i);
            FlvTag a = actual.get(i);
            if (e.type() != a.type() || !Arrays.equals(e.payload(), a.payload())) {
                return "DIFFERS at media tag " + i;
            }
            if (e.timestamp() != a.timestamp()) {
                return "DIFFERS: timestamp of media tag " + i + " is " + a.timestamp() + ", sent " + e.timestamp();
            }
        }
        return "identical (" + expected.size() + " media tags, payloads and timestamps)";
    }

    /** nginx closes the recording when the publisher is gone; read it once it holds every tag, or after 30 s. */
    private static List<FlvTag> awaitRecording(Path file, int mediaTags) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        List<FlvTag> tags = List.of();
        while (System.nanoTime() < deadline) {
            if (Files.exists(file)) {
                try {
                    tags = FlvReader.readAll(file);
                    if (mediaTags(tags).size() >= mediaTags) {
                        return tags;
                    }
                } catch (IOException stillBeingWritten) {
                    // a tag cut in the middle: read again
                }
            }
            Thread.sleep(100);
        }
        return tags;
    }

    private static void playThroughput(NginxRtmpServer nginx, NativeTools tools, int rounds, ResultTable table)
            throws Exception {
        System.out.printf(Locale.ROOT, "%n== play throughput: a file from nginx vod, buffer %d ms, timed from"
                + " the first read to the end of the stream%n", PLAY_BUFFER_MILLIS);
        String url = nginx.url("vod/bench.flv");
        double[] java = new double[rounds];
        double[] c = new double[rounds];
        for (int round = -1; round < rounds; round++) {
            double j;
            double n;
            if (round % 2 == 0) {
                j = javaPlay(url);
                n = cPlay(tools, url);
            } else {
                n = cPlay(tools, url);
                j = javaPlay(url);
            }
            if (round >= 0) {
                java[round] = j;
                c[round] = n;
            }
            System.out.printf(Locale.ROOT, "%s  inputStream() %.0f  nrtmp-ref play %.0f MB/s%n",
                    round < 0 ? "warm-up" : "round " + (round + 1), j, n);
        }
        table.add("play, NativeRtmp inputStream() 64 KiB reads", "MB/s", java);
        table.add("play, C nrtmp-ref play (RTMP_Read 64 KiB)", "MB/s", c);
        table.ratio("play: inputStream() / C RTMP_Read", java, c, 0.95);
    }

    private static double javaPlay(String url) throws Exception {
        try (NativeRtmp rtmp = new NativeRtmp()) {
            rtmp.setupUrl(url, RtmpOptions.builder().buffer(Duration.ofMillis(PLAY_BUFFER_MILLIS)).build());
            rtmp.connect();
            rtmp.connectStream(0);
            byte[] buf = new byte[64 * 1024];
            long total = 0;
            long started = System.nanoTime();
            try (InputStream in = rtmp.inputStream()) {
                for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                    total += n;
                }
            }
            return total / 1e6 / ((System.nanoTime() - started) / 1e9);
        }
    }

    private static double cPlay(NativeTools tools, String url) throws Exception {
        long[] bytesAndNanos = tools.play(url, PLAY_BUFFER_MILLIS);
        return bytesAndNanos[0] / 1e6 / (bytesAndNanos[1] / 1e9);
    }

    private static void scaling(NginxRtmpServer nginx, int connections, ResultTable table) throws Exception {
        int bytesEach = Math.max(256 * 1024, 64 * 1024 * 1024 / connections);
        ScalingRun.Result r = ScalingRun.run(nginx.url("live/scale-" + connections), connections, bytesEach);
        System.out.println(ScalingRun.describe(r));
        String n = connections + " publishers";
        table.add(n + ": aggregate publish, outputStream(), chunk 4096", "MB/s", r.aggregateMBps());
        table.add(n + ": JVM threads while connected", "threads", r.threads());
        table.add(n + ": native (malloc) per connection, connected", "KiB", r.nativeKiBPerConnection());
        table.add(n + ": native (malloc) per connection, after publishing", "KiB", r.nativeKiBPerPublisher());
        table.add(n + ": native held per connection, the library's count, connected", "KiB", r.countedKiBConnected());
        table.add(n + ": native held per connection, the library's count, after publishing", "KiB",
                r.countedKiBPublished());
        table.add(n + ": heap per connection", "KiB", r.heapKiBPerConnection());
        table.add(n + ": connect + connectStream p50", "ms", r.connectP50Millis());
        table.add(n + ": connect + connectStream p99", "ms", r.connectP99Millis());
    }

    private static void callOverhead(NginxRtmpServer nginx, NativeTools tools, ComparisonTable table)
            throws IOException, InterruptedException, RunnerException {
        boolean jmh = true;
        // Half of the C runs before JMH and half after, so that a slow or fast spell of the
        // machine (it has them: see docs/benchmarks.md) falls on both sides alike.
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
