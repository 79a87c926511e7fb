package org.nativertmp.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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


    private final Path dir;
    private final int port;
    private final NginxProcess nginx;

    private NginxRtmpServer(Path dir, int port, NginxProcess nginx) {
        this.dir = dir;
        this.port = port;
        this.nginx = nginx;
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
        return start(workDir, ports, NginxProcess.DEFAULT_WORKER_CONNECTIONS);
    }

    private static NginxRtmpServer start(Path workDir, IntSupplier ports, int workerConnections)
            throws IOException, InterruptedException {
        String nginx = RealPeers.require("nginx", "/usr/sbin/nginx");
        RealPeers.requireThat(Files.exists(Path.of(MODULE)), MODULE + " is missing (Debian package libnginx-mod-rtmp)");
        Path dir = workDir.toAbsolutePath();
        Files.createDirectories(dir.resolve("rec"));
        Files.createDirectories(dir.resolve("vod"));
        List<String> taken = new ArrayList<>();
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            int port = ports.getAsInt();
            NginxProcess process = NginxProcess.launch(nginx, dir, config(dir, port, workerConnections));
            if (process.awaitStarted(Duration.ofSeconds(10), port)) {
                return new NginxRtmpServer(dir, port, process);
            }
            taken.add(String.valueOf(port));
        }
        throw new IOException("nginx could not bind any of the ports " + String.join(", ", taken)
                + " on 127.0.0.1 (each was taken by another process in the meantime)");
    }

    private static String config(Path dir, int port, int workerConnections) {
        return NginxProcess.head(MODULE, dir, workerConnections) + String.join("\n",
                "rtmp {",
                "  server {",
                "    listen 127.0.0.1:" + port + ";",
                "    chunk_size 4096;",
                "    application live { live on; }",
                // players are told when the publisher stops (UnpublishNotify), so they reach an end
                "    application notify { live on; publish_notify on; }",
                // ... and get the publisher's metadata as it was sent (server events)
                "    application events { live on; publish_notify on; meta copy; }",
                "    application rec { live on; record all; record_path " + dir.resolve("rec") + "; }",
                "    application vod { play " + dir.resolve("vod") + "; }",
                "  }",
                "}",
                "");
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
            return nginx.log("error.log");
        } catch (IOException e) {
            return "(no error log: " + e + ")";
        }
    }

    /** Stops nginx by its PID (SIGTERM, then SIGKILL after 5 s). */
    @Override
    public void close() throws InterruptedException {
        nginx.close();
    }
}
