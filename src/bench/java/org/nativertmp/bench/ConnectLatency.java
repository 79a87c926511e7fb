package org.nativertmp.bench;

import com.sun.jna.Platform;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nativertmp.NativeRtmp;
import org.nativertmp.RtmpOptions;
import org.nativertmp.support.NginxRtmpServer;
import org.nativertmp.support.TestFlv;

/**
 * How long {@code connect()} + {@code connectStream(0)} take against nginx-rtmp on 127.0.0.1,
 * with {@code quickAck} on and off, publishing and playing, and plain librtmp's
 * {@code RTMP_Connect} + {@code RTMP_ConnectStream} (nrtmp-ref, which calls librtmp directly,
 * not through the shim), each once per round in one run, the order rotating from round to
 * round. Prints p50 and p99 in milliseconds.
 *
 * <pre>native/bench/latency.sh [-Dbench.connects=200]</pre>
 */
public final class ConnectLatency {
    private static final int WARM_UP = 10;

    private ConnectLatency() {
    }

    private interface Connect {
        long nanos(String stream) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        java.util.logging.Logger.getLogger("org.nativertmp.librtmp").setLevel(java.util.logging.Level.WARNING);
        int connects = Integer.getInteger("bench.connects", 200);
        Path toolsDir = Path.of(System.getProperty("bench.tools", "target/native-build/{platform}")
                .replace("{platform}", Platform.RESOURCE_PREFIX));
        NativeTools tools = new NativeTools(toolsDir);
        Path dir = Files.createTempDirectory("nrtmp-latency-bench-");
        Path flv = dir.resolve("one-tag.flv");
        Files.write(flv, TestFlv.file(TestFlv.tags(1, 1, 100)));
        RtmpOptions on = RtmpOptions.defaults();
        RtmpOptions off = RtmpOptions.builder().quickAck(false).build();
        RtmpOptions liveOn = RtmpOptions.builder().live(true).build();
        RtmpOptions liveOff = RtmpOptions.builder().live(true).quickAck(false).build();
        try (NginxRtmpServer nginx = NginxRtmpServer.start(dir.resolve("nginx"))) {
            Map<String, Connect> variants = new LinkedHashMap<>();
            variants.put("publish, NativeRtmp, quickAck on (default)", s -> java(nginx.url("live/" + s), on, true));
            variants.put("publish, NativeRtmp, quickAck(false)", s -> java(nginx.url("live/" + s), off, true));
            variants.put("play live, NativeRtmp, quickAck on (default)", s -> java(nginx.url("live/" + s), liveOn, false));
            variants.put("play live, NativeRtmp, quickAck(false)", s -> java(nginx.url("live/" + s), liveOff, false));
            variants.put("publish, C librtmp (nrtmp-ref, plain)", s -> tools.connectAndSetUp(flv, nginx.url("live/" + s)));
            List<String> names = new ArrayList<>(variants.keySet());
            Map<String, List<Long>> samples = new LinkedHashMap<>();
            names.forEach(n -> samples.put(n, new ArrayList<>()));
            System.out.printf(Locale.ROOT, "nginx-rtmp on 127.0.0.1:%d; %d connects per variant after %d warm-up rounds,"
                    + " alternating%n", nginx.port(), connects, WARM_UP);
            for (int round = -WARM_UP; round < connects; round++) {
                for (int k = 0; k < names.size(); k++) {
                    String name = names.get(Math.floorMod(round + k, names.size()));
                    long nanos = variants.get(name).nanos("latency-" + Math.floorMod(round + k, names.size()));
                    if (round >= 0) {
                        samples.get(name).add(nanos);
                    }
                }
            }
            System.out.printf(Locale.ROOT, "| %-46s | %8s | %8s |%n", "connect + connectStream", "p50 ms", "p99 ms");
            System.out.printf(Locale.ROOT, "| %-46s | %8s | %8s |%n", "-".repeat(46), "-------:", "-------:");
            for (String name : names) {
                List<Long> sorted = new ArrayList<>(samples.get(name));
                Collections.sort(sorted);
                System.out.printf(Locale.ROOT, "| %-46s | %8.2f | %8.2f |%n", name, percentile(sorted, 50) / 1e6,
                        percentile(sorted, 99) / 1e6);
            }
        }
    }

    /** Nanoseconds of connect() + connectStream(0); closed after (not timed). */
    private static long java(String url, RtmpOptions options, boolean publish) throws Exception {
        try (NativeRtmp rtmp = new NativeRtmp()) {
            rtmp.setupUrl(url, options);
            if (publish) {
                rtmp.enableWrite();
            }
            long started = System.nanoTime();
            rtmp.connect();
            rtmp.connectStream(0);
            return System.nanoTime() - started;
        }
    }

    /** The nearest-rank percentile of sorted values. */
    private static long percentile(List<Long> sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }
}
