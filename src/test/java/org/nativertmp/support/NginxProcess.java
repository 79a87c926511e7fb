package org.nativertmp.support;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One nginx on 127.0.0.1 in the foreground as one process ({@code daemon off; master_process
 * off;}), with the configuration its caller writes after {@link #head}, stopped by its PID. Used by
 * {@link NginxRtmpServer} (nginx-rtmp) and {@link TlsFront} (the stream module).
 */
final class NginxProcess implements AutoCloseable {
    private final Path dir;
    private final Process process;

    private NginxProcess(Path dir, Process process) {
        this.dir = dir;
        this.process = process;
    }

    /** nginx's own default. */
    static final int DEFAULT_WORKER_CONNECTIONS = 256;

    /** The lines every configuration starts with: the module, one foreground process, logs and PID file in {@code dir}. */
    static String head(String module, Path dir) {
        return head(module, dir, DEFAULT_WORKER_CONNECTIONS);
    }

    /** As {@link #head(String, Path)}, for {@code workerConnections} connections. */
    static String head(String module, Path dir, int workerConnections) {
        return String.join("\n",
                "load_module " + module + ";",
                "daemon off;",
                "master_process off;",
                "worker_processes 1;",
                "error_log " + dir.resolve("logs/error.log") + " info;",
                "pid " + dir.resolve("nginx.pid") + ";",
                // nginx refuses more connections than its descriptor limit allows
                "worker_rlimit_nofile " + (2 * workerConnections + 64) + ";",
                "events { worker_connections " + workerConnections + "; }",
                "");
    }

    /** Writes {@code conf} to dir/nginx.conf and starts nginx on it; what an earlier attempt left is removed first. */
    static NginxProcess launch(String nginx, Path dir, String conf) throws IOException {
        Files.createDirectories(dir.resolve("logs"));
        Path confFile = dir.resolve("nginx.conf");
        Files.writeString(confFile, conf, StandardCharsets.UTF_8);
        Files.deleteIfExists(dir.resolve("nginx.pid"));
        Files.deleteIfExists(dir.resolve("logs/error.log"));
        Process p = new ProcessBuilder(nginx, "-p", dir.toString(), "-c", confFile.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("logs/stdout.log").toFile())
                .start();
        return new NginxProcess(dir, p);
    }

    /**
     * True once nginx listens on every one of {@code ports}; false (nginx stopped) when a bind
     * failed because a port was taken. Only nginx itself says the ports are its own: it writes its
     * PID file after it has bound its listening sockets, so a connect alone could reach whatever
     * else took a port.
     */
    boolean awaitStarted(Duration timeout, int... ports) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            String output = output();
            if (output.contains("failed (98: Address already in use)")) {
                close();
                return false;
            }
            if (!process.isAlive()) {
                throw new IOException("nginx exited with " + process.exitValue() + ": " + output);
            }
            if (pidFileNamesThisProcess() && acceptAll(ports) && process.isAlive()) {
                return true;
            }
            Thread.sleep(50);
        }
        close();
        throw new IOException("nginx did not listen on 127.0.0.1 within " + timeout + ": " + output());
    }

    private boolean pidFileNamesThisProcess() throws IOException {
        try {
            return Files.readString(dir.resolve("nginx.pid")).strip().equals(String.valueOf(process.pid()));
        } catch (NoSuchFileException notYet) {
            return false;
        }
    }

    private static boolean acceptAll(int... ports) {
        for (int port : ports) {
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                // listening
            } catch (IOException notYet) {
                return false;
            }
        }
        return true;
    }

    /** A log file of this nginx (logs/NAME), empty when there is none yet. */
    String log(String name) throws IOException {
        Path f = dir.resolve("logs").resolve(name);
        return Files.exists(f) ? Files.readString(f) : "";
    }

    /** What nginx printed and logged so far. */
    String output() throws IOException {
        StringBuilder b = new StringBuilder();
        for (String log : List.of("stdout.log", "error.log")) {
            b.append(log(log));
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
