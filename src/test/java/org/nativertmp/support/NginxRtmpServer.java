package org.nativertmp.support;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * nginx with Debian's libnginx-mod-rtmp on 127.0.0.1, in the foreground as one process
 * ({@code daemon off; master_process off;}), stopped by its PID. Applications: {@code live}
 * (live relay), {@code notify} (live relay that tells players when the publisher stops),
 * {@code rec} (live + records every stream to {@link #recordDir()}), {@code vod}
 * (plays FLV files from {@link #vodDir()}).
 */
public final class NginxRtmpServer implements AutoCloseable {
    public static final String MODULE = "/usr/lib/nginx/modules/ngx_rtmp_module.so";
    static final int START_ATTEMPTS = 5;

    private static final int DEFAULT_WORKER_CONNECTIONS = 256;

    private final Path dir;
    private final int port;
    private final Process process;

    private NginxRtmpServer(Path dir, int port, Process process) {
        this.dir = dir;
        this.port = port;
        this.process = process;
    }

    /** Starts nginx-rtmp; fails on CI and skips elsewhere when nginx or the module is missing. */
    public static NginxRtmpServer start(Path workDir) throws IOException, InterruptedException {
        return start(workDir, FreePort::pick);
    }

    /** As {@link #start(Path)}, for more than the default's 256 connections (the benchmark's 500 publishers). */
    public static NginxRtmpServer start(Path workDir, int workerConnections) throws IOException, InterruptedException {
        return start(workDir, FreePort::pick, workerConnections);
    }

    /**
     * A port that was free when picked may be taken before nginx binds it: then nginx's bind
     * fails, and it is started again on another port, up to {@link #START_ATTEMPTS} times.
     */
    static NginxRtmpServer start(Path workDir, IntSupplier ports) throws IOException, InterruptedException {
        return start(workDir, ports, DEFAULT_WORKER_CONNECTIONS);
    }

    private static NginxRtmpServer start(Path workDir, IntSupplier ports, int workerConnections)
            throws IOException, InterruptedException {
        String nginx = RealPeers.require("nginx", "/usr/sbin/nginx");
        RealPeers.requireThat(Files.exists(Path.of(MODULE)), MODULE + " is missing (Debian package libnginx-mod-rtmp)");
        Path dir = workDir.toAbsolutePath();
        Files.createDirectories(dir.resolve("logs"));
        Files.createDirectories(dir.resolve("rec"));
        Files.createDirectories(dir.resolve("vod"));
        List<String> taken = new ArrayList<>();
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            int port = ports.getAsInt();
            NginxRtmpServer server = launch(nginx, dir, port, workerConnections);
            if (server.awaitStarted(Duration.ofSeconds(10))) {
                return server;
            }
            taken.add(String.valueOf(port));
        }
        throw new IOException("nginx could not bind any of the ports " + String.join(", ", taken)
                + " on 127.0.0.1 (each was taken by another process in the meantime)");
    }

    private static NginxRtmpServer launch(String nginx, Path dir, int port, int workerConnections) throws IOException {
        String conf = String.join("\n",
                "load_module " + MODULE + ";",
                "daemon off;",
                "master_process off;",
                "worker_processes 1;",
                "error_log " + dir.resolve("logs/error.log") + " info;",
                "pid " + dir.resolve("nginx.pid") + ";",
                // nginx refuses more connections than its descriptor limit allows
                "worker_rlimit_nofile " + (2 * workerConnections + 64) + ";",
                "events { worker_connections " + workerConnections + "; }",
                "rtmp {",
                "  server {",
                "    listen 127.0.0.1:" + port + ";",
                "    chunk_size 4096;",
                "    application live { live on; }",
                // players are told when the publisher stops (UnpublishNotify), so they reach an end
                "    application notify { live on; publish_notify on; }",
                "    application rec { live on; record all; record_path " + dir.resolve("rec") + "; }",
                "    application vod { play " + dir.resolve("vod") + "; }",
                "  }",
                "}",
                "");
        Path confFile = dir.resolve("nginx.conf");
        Files.writeString(confFile, conf, StandardCharsets.UTF_8);
        // What an earlier attempt left must not be taken for this one's.
        Files.deleteIfExists(dir.resolve("nginx.pid"));
        Files.deleteIfExists(dir.resolve("logs/error.log"));
        Process p = new ProcessBuilder(nginx, "-p", dir.toString(), "-c", confFile.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("logs/stdout.log").toFile())
                .start();
        return new NginxRtmpServer(dir, port, p);
    }

    public int port() {
        return port;
    }

    public String url(String appAndStream) {
        return "rtmp://127.0.0.1:" + port + "/" + appAndStream;
    }

    public Path recordDir() {
        return dir.resolve("rec");
    }

    public Path vodDir() {
        return dir.resolve("vod");
    }

    /** nginx's error log, for assertion messages. */
    public String errorLog() {
        try {
            return Files.readString(dir.resolve("logs/error.log"));
        } catch (IOException e) {
            return "(no error log: " + e + ")";
        }
    }

    /**
     * True once this nginx listens on {@link #port}; false (nginx stopped) when its bind failed
     * because the port was taken. Only nginx itself says the port is its own: it writes its PID
     * file after it has bound its listening sockets, so a connect alone could reach whatever
     * else took the port.
     */
    private boolean awaitStarted(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            String output = output();
            if (output.contains("bind() to 127.0.0.1:" + port + " failed (98: Address already in use)")) {
                close();
                return false;
            }
            if (!process.isAlive()) {
                throw new IOException("nginx exited with " + process.exitValue() + ": " + output);
            }
            if (pidFileNamesThisProcess() && acceptsConnections() && process.isAlive()) {
                return true;
            }
            Thread.sleep(50);
        }
        close();
        throw new IOException("nginx did not listen on 127.0.0.1:" + port + " within " + timeout + ": " + output());
    }

    private boolean pidFileNamesThisProcess() throws IOException {
        try {
            return Files.readString(dir.resolve("nginx.pid")).strip().equals(String.valueOf(process.pid()));
        } catch (NoSuchFileException notYet) {
            return false;
        }
    }

    private boolean acceptsConnections() {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    /** What nginx printed and logged so far. */
    private String output() throws IOException {
        StringBuilder b = new StringBuilder();
        for (String log : List.of("logs/stdout.log", "logs/error.log")) {
            Path f = dir.resolve(log);
            if (Files.exists(f)) {
                b.append(Files.readString(f));
            }
        }
        return b.toString();
    }

    /** Stops nginx by its PID (SIGTERM, then SIGKILL after 5 s). */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }
}
