package org.nativertmp.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.nativertmp.flv.FlvTag;
import org.nativertmp.flv.FlvWriter;
import org.nativertmp.testkit.RecordedConnection;
import org.nativertmp.testkit.RtmpRecorderServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code record}: runs the recorder in the foreground. For every client connection it writes
 * {@code connection-N.txt} (the readable transcript), {@code connection-N.rtmp} (every byte the
 * client sent, for {@code diff}), {@code connection-N.server.rtmp} (every byte the recorder sent),
 * {@code connection-N-STREAM.flv} per published stream and, with {@code --pcap},
 * {@code connection-N.pcap}.
 */
@Command(name = "record",
        abbreviateSynopsis = true,
        description = {"Run an RTMP server on 127.0.0.1 that records what clients send, and serves FLV files to players.",
            "Each connection is written to --out: connection-N.txt (readable, AMF0 decoded), "
                + "connection-N.rtmp (the client's raw bytes, for 'diff'), what the server sent as "
                + "connection-N.server.rtmp, and connection-N-STREAM.flv per published stream. Ctrl-C stops it."})
final class RecordCommand implements Callable<Integer> {
    @Mixin
    HelpOption help;

    /** The server's bytes beside a connection's {@code .rtmp} file. */
    static final String SERVER_SUFFIX = ".server.rtmp";

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "1935", description = "Port on 127.0.0.1 (0: any free port). Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "rtmp-recordings", description = "Directory for the recordings. Default: ${DEFAULT-VALUE}.")
    Path out;

    @Option(names = "--play", paramLabel = "NAME=FILE.flv",
            description = "Serve FILE.flv to clients that play NAME (repeatable).")
    Map<String, Path> playables = Map.of();

    @Option(names = "--count", paramLabel = "N", defaultValue = "0",
            description = "Stop after N connections have finished (0: run until Ctrl-C).")
    int count;

    @Option(names = "--idle-timeout", paramLabel = "SECONDS", defaultValue = "30",
            description = "Close a connection that sends nothing for this long. Default: ${DEFAULT-VALUE}.")
    int idleSeconds;

    @Option(names = "--pcap",
            description = "Also write connection-N.pcap: both directions as TCP packets, the server on port 1935, "
                    + "for Wireshark or tshark (display filter rtmpt).")
    boolean pcap;

    @Option(names = "--chunk-size", paramLabel = "N", defaultValue = "4096",
            description = "The chunk size the server sends with (announced after connect; 128 sends no "
                    + "Set Chunk Size). Default: ${DEFAULT-VALUE}.")
    int chunkSize;

    @Option(names = "--window", paramLabel = "BYTES", defaultValue = "2500000",
            description = "Window Acknowledgement Size and peer bandwidth announced after connect. "
                    + "Default: ${DEFAULT-VALUE}.")
    int window;

    @Option(names = "--bw-done", description = "Send onBWDone after connect's result, as FMS and Red5 do.")
    boolean onBWDone;

    private final PrintStream stdout = System.out;

    @Override
    public Integer call() throws IOException, InterruptedException {
        RtmpRecorderServer.Builder builder;
        try {
            builder = RtmpRecorderServer.builder().port(port).idleTimeout(Duration.ofSeconds(Math.max(1, idleSeconds)))
                    .chunkSize(chunkSize).windowAckSize(window).peerBandwidth(window).onBWDone(onBWDone);
        } catch (IllegalArgumentException e) {
            return CliArguments.usage(e.getMessage());
        }
        Files.createDirectories(out);
        CountDownLatch done = new CountDownLatch(1);
        AtomicInteger finished = new AtomicInteger();
        RtmpRecorderServer server = builder.start();
        // Ctrl-C: close the server (open connections end and are saved), then let call() return.
        Thread hook = new Thread(() -> {
            server.close();
            done.countDown();
        }, "rtmp-recorder-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            for (Map.Entry<String, Path> p : playables.entrySet()) {
                server.addPlayable(p.getKey(), Files.readAllBytes(p.getValue()));
            }
            server.onConnectionFinished(c -> {
                save(c);
                if (count > 0 && finished.incrementAndGet() >= count) {
                    done.countDown();
                }
            });
            stdout.println("recording on rtmp://127.0.0.1:" + server.port() + "/APP/STREAM into " + out.toAbsolutePath());
            for (String name : playables.keySet()) {
                stdout.println("playable: " + server.url("APP", name));
            }
            stdout.println(count > 0 ? "stopping after " + count + " connection(s)" : "Ctrl-C stops");
            stdout.flush();
            done.await();
            return 0;
        } finally {
            server.close();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // already shutting down: the hook is running
            }
        }
    }

    private void save(RecordedConnection c) {
        String base = "connection-" + c.id();
        try {
            Files.writeString(out.resolve(base + ".txt"), c.transcript().toText(), StandardCharsets.UTF_8);
            Files.write(out.resolve(base + ".rtmp"), c.transcript().raw());
            Files.write(out.resolve(base + SERVER_SUFFIX), c.transcript().serverRaw());
            if (pcap) {
                c.transcript().writePcap(out.resolve(base + ".pcap"));
            }
            for (Map.Entry<String, List<FlvTag>> s : c.published().entrySet()) {
                Files.write(out.resolve(base + "-" + safe(s.getKey()) + ".flv"), FlvWriter.toBytes(s.getValue()));
            }
            stdout.println(base + " (" + c.transcript().label() + "): " + c.transcript().messages().size()
                    + " messages, " + c.transcript().commandNames()
                    + "; " + c.transcript().end());
        } catch (IOException e) {
            System.err.println(base + ": could not be saved: " + e.getMessage());
        }
    }

    /** A stream name as a file name part: letters, digits, '-', '_' and '.' kept, the rest '_'. */
    static String safe(String name) {
        String s = name.replaceAll("[^A-Za-z0-9._-]", "_");
        return s.isEmpty() || s.startsWith(".") ? "_" + s : s;
    }
}
