package org.nativertmp.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The C programs of the native build (nrtmp-ref, nrtmp-bench), run and their timings read. */
final class NativeTools {
    private static final long PROCESS_TIMEOUT_SECONDS = 120;
    /** nrtmp-ref -t: "nrtmp-ref: wrote B bytes in T tags in MS ms". */
    private static final Pattern WROTE = Pattern.compile("wrote (\\d+) bytes in \\d+ tags in ([0-9.]+) ms, cpu (-?[0-9.]+) ms");
    /** nrtmp-ref -t play: "nrtmp-ref: read B bytes in MS ms". */
    private static final Pattern READ = Pattern.compile("read (\\d+) bytes in ([0-9.]+) ms");
    /** nrtmp-ref -t: "nrtmp-ref: connected and set up the stream in MS ms". */
    private static final Pattern SET_UP = Pattern.compile("set up the stream in ([0-9.]+) ms");
    /** nrtmp-bench: "...: N calls in MS ms, NS ns/call". */
    private static final Pattern PER_CALL = Pattern.compile("([0-9.]+) ns/call");

    private final Path ref;
    /** The CPU time the last publish's write loop took in nrtmp-ref (-1: not measured). */
    private double lastCpuMillis = -1;
    private final Path bench;

    NativeTools(Path dir) {
        this.ref = dir.resolve("nrtmp-ref");
        this.bench = dir.resolve("nrtmp-bench");
        for (Path p : List.of(ref, bench)) {
            if (!Files.isExecutable(p)) {
                throw new IllegalStateException(p + " is missing: build with mvn -Pbench (the native build makes it)");
            }
        }
    }

    /**
     * nrtmp-ref -t [-c N] [-s BYTES] publish FILE URL: nanoseconds of its write loop; chunkSize 0
     * sends none; shimBatch &lt; 0: librtmp's RTMP_Write per tag, else the shim's nrtmp_write
     * (coalesced sends) with whole tags of up to that many bytes per call.
     */
    long publish(Path flv, String url, int chunkSize, int shimBatch) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(ref.toString(), "-t"));
        if (chunkSize > 0) {
            command.addAll(List.of("-c", Integer.toString(chunkSize)));
        }
        if (shimBatch >= 0) {
            command.addAll(List.of("-s", Integer.toString(shimBatch)));
        }
        command.addAll(List.of("publish", flv.toString(), url));
        Matcher m = WROTE.matcher(run(command));
        if (!m.find()) {
            throw new IOException(String.join(" ", command) + " printed no timing");
        }
        lastCpuMillis = Double.parseDouble(m.group(3));
        return Math.round(Double.parseDouble(m.group(2)) * 1e6);
    }

    /** nrtmp-ref -t publish FILE URL: nanoseconds of its RTMP_Connect and RTMP_ConnectStream (plain librtmp). */
    long connectAndSetUp(Path flv, String url) throws IOException, InterruptedException {
        List<String> command = List.of(ref.toString(), "-t", "publish", flv.toString(), url);
        Matcher m = SET_UP.matcher(run(command));
        if (!m.find()) {
            throw new IOException(String.join(" ", command) + " printed no connect timing");
        }
        return Math.round(Double.parseDouble(m.group(1)) * 1e6);
    }

    double lastCpuMillis() {
        return lastCpuMillis;
    }

    /** nrtmp-ref -t -b MS play URL /dev/null: {bytes, nanoseconds of its read loop}. */
    long[] play(String url, int bufferMillis) throws IOException, InterruptedException {
        List<String> command = List.of(ref.toString(), "-t", "-b", Integer.toString(bufferMillis), "play", url,
                "/dev/null");
        Matcher m = READ.matcher(run(command));
        if (!m.find()) {
            throw new IOException(String.join(" ", command) + " printed no timing");
        }
        return new long[] {Long.parseLong(m.group(1)), Math.round(Double.parseDouble(m.group(2)) * 1e6)};
    }

    /** nrtmp-bench libversion CALLS: nanoseconds per RTMP_LibVersion call. */
    double libVersion(long calls) throws IOException, InterruptedException {
        return perCall(List.of(bench.toString(), "libversion", Long.toString(calls)));
    }

    /** nrtmp-bench write URL CALLS PAYLOAD: nanoseconds per RTMP_Write of one small tag. */
    double write(String url, long calls, int payload) throws IOException, InterruptedException {
        return perCall(List.of(bench.toString(), "write", url, Long.toString(calls), Integer.toString(payload)));
    }

    private static double perCall(List<String> command) throws IOException, InterruptedException {
        Matcher m = PER_CALL.matcher(run(command));
        if (!m.find()) {
            throw new IOException(String.join(" ", command) + " printed no ns/call");
        }
        return Double.parseDouble(m.group(1));
    }

    /** Runs a command to its end; its stdout and stderr together, or an IOException naming it. */
    private static String run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        if (!p.waitFor(PROCESS_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", command) + " took more than " + PROCESS_TIMEOUT_SECONDS + " s");
        }
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " exited " + p.exitValue() + ": " + output);
        }
        return output;
    }
}
