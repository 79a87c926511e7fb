package org.nativertmp.support;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * nginx with Debian's libnginx-mod-rtmp on 127.0.0.1, in the foreground as one process
 * ({@code daemon off; master_process off;}), stopped by its PID. Applications: {@code live}
 * (live relay), {@code rec} (live + records every stream to {@link #recordDir()}), {@code vod}
 * (plays FLV files from {@link #vodDir()}).
 */
public final class NginxRtmpServer implements AutoCloseable {
    public static final String MODULE = "/usr/lib/nginx/modules/ngx_rtmp_module.so";

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
        String nginx = RealPeers.require("nginx", "/usr/sbin/nginx");
        RealPeers.requireThat(Files.exists(Path.of(MODULE)), MODULE + " is missing (Debian package libnginx-mod-rtmp)");
        Path dir = workDir.toAbsolutePath();
        Files.createDirectories(dir.resolve("logs"));
        Files.createDirectories(dir.resolve("rec"));
        Files.createDirectories(dir.resolve("vod"));
        int port = FreePort.pick();
        String conf = String.join("\n",
                "load_module " + MODULE + ";",
                "daemon off;",
                "master_process off;",
                "worker_processes 1;",
                "error_log " + dir.resolve("logs/error.log") + " info;",
                "pid " + dir.resolve("nginx.pid") + ";",
                "events { worker_connections 256; }",
                "rtmp {",
                "  server {",
                "    listen 127.0.0.1:" + port + ";",
                "    chunk_size 4096;",
                "    application live { live on; }",
                "    application rec { live on; record all; record_path " + dir.resolve("rec") + "; }",
                "    application vod { play " + dir.resolve("vod") + "; }",
                "  }",
                "}",
                "");
        Path confFile = dir.resolve("nginx.conf");
        Files.writeString(confFile, conf, StandardCharsets.UTF_8);
        Process p = new ProcessBuilder(nginx, "-p", dir.toString(), "-c", confFile.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("logs/stdout.log").toFile())
                .start();
        NginxRtmpServer server = new NginxRtmpServer(dir, port, p);
        server.awaitListening(Duration.ofSeconds(10));
        return server;
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

    private void awaitListening(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("nginx exited with " + process.exitValue() + ": "
                        + Files.readString(dir.resolve("logs/stdout.log")) + errorLog());
            }
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        close();
        throw new IOException("nginx did not listen on 127.0.0.1:" + port + " within " + timeout);
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
