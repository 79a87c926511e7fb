package org.nativertmp.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * node-media-server, an Enhanced RTMP server (its src/protocol/flv.js reads hvc1, av01 and vp09
 * tags, and it relays enhanced audio such as Opus as it came), run by Node.js on 127.0.0.1 with
 * only its RTMP port open, stopped by its PID. native/test/install-node-media-server.sh installs
 * it (.ci/run does) into the folder {@link #home()} names; without it the test is skipped here and
 * fails on CI.
 *
 * <p>What the tests rely on, read from its 4.4.3 sources: it relays every audio and video
 * message's payload unchanged with a type-0 header of its timestamp; a player that plays before
 * the publisher publishes gets every message; after the publisher leaves, the stream waits 30 s
 * for it to come back (so streams are named once per run) and the players get no end.
 */
public final class NodeMediaServer implements AutoCloseable {
    public static final String VERSION = "4.4.3";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final Process process;
    private final int port;
    private final Path log;

    private NodeMediaServer(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Where install-node-media-server.sh puts it: the same default, the same override. */
    public static Path home() {
        String override = System.getenv("NRTMP_NODE_MEDIA_SERVER");
        if (override != null && !override.isEmpty()) {
            return Path.of(override);
        }
        String cache = System.getenv("XDG_CACHE_HOME");
        Path base = cache != null && !cache.isEmpty() ? Path.of(cache) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("native-rtmp").resolve("node-media-server-" + VERSION);
    }

    /** Starts it with a configuration of its own in {@code dir} (data, records, log). */
    public static NodeMediaServer start(Path dir) throws IOException, InterruptedException {
        String node = RealPeers.require("node", "/usr/bin/node");
        Path app = home().resolve("node_modules/node-media-server/bin/app.js");
        Path packageJson = home().resolve("node_modules/node-media-server/package.json");
        RealPeers.requireThat(Files.isRegularFile(app) && Files.readString(packageJson).contains("\"version\": \"" + VERSION + "\""),
                "node-media-server " + VERSION + " is not installed in " + home() + ": run native/test/install-node-media-server.sh");
        for (int attempt = 1; ; attempt++) {
            NodeMediaServer s = launch(node, app, dir, FreePort.pick());
            if (s.awaitListening()) {
                return s;
            }
            s.close();
            if (attempt == 3) {
                throw new IOException("node-media-server did not start on 127.0.0.1:" + s.port + ": " + s.output());
            }
        }
    }

    private static NodeMediaServer launch(String node, Path app, Path dir, int port) throws IOException {
        Files.createDirectories(dir);
        Path config = dir.resolve("config.json");
        // Only RTMP, only on loopback: no http(s), no rtmps, no web console, no recording, no webhook.
        Files.writeString(config, "{\"bind\": \"127.0.0.1\", \"rtmp\": {\"port\": " + port + "},"
                + " \"store\": {\"path\": \"" + dir.resolve("data") + "\"},"
                + " \"record\": {\"auto\": false, \"path\": \"" + dir.resolve("record") + "\"},"
                + " \"notify\": {\"url\": \"\"}, \"webadmin\": {\"enable\": false}}\n", StandardCharsets.UTF_8);
        Path log = dir.resolve("node-media-server-" + port + ".log");
        Process p = new ProcessBuilder(node, app.toString(), "-c", config.toString(), "--no-admin")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new NodeMediaServer(p, port, log);
    }

    /** True once it says it listens on its port (its own line: not whatever else took the port); false when the port was taken. */
    private boolean awaitListening() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            String out = output();
            if (out.contains("Rtmp Server listening on port 127.0.0.1:" + port)) {
                return true;
            }
            if (!process.isAlive()) {
                return false;
            }
            Thread.sleep(50);
        }
        return false;
    }

    public String url(String app, String stream) {
        return "rtmp://127.0.0.1:" + port + "/" + app + "/" + stream;
    }

    /** What it logged so far. */
    public String output() throws IOException {
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
