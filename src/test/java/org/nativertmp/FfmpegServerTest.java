package org.nativertmp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nativertmp.support.FfmpegMedia;
import org.nativertmp.support.FreePort;

/** ffmpeg as the RTMP server ({@code -listen 1}), copying what it receives into an FLV. */
class FfmpegServerTest {
    @TempDir
    Path work;

    @Test
    void everyPacketPublishedToAnFfmpegServerReachesItsOutputWhenClosedGracefully() throws Exception {
        // 30 s at 1.5 Mbit/s: several megabytes, published at full speed (no -re), so a plain
        // close would overtake ffmpeg's reading.
        Path input = FfmpegMedia.makeFlv(work, "in.flv", 30, 1500);
        Map<String, Integer> expected = FfmpegMedia.packetCounts(input);
        Path output = work.resolve("out.flv");
        FfmpegListener listener = FfmpegListener.start(this, output);
        Process server = listener.process;
        try {
            boolean serverClosed;
            try (NativeRtmp rtmp = listener.publisher) {
                rtmp.connectStream(0);
                try (var out = rtmp.outputStream()) {
                    out.write(Files.readAllBytes(input));
                }
                serverClosed = rtmp.closeGracefully(Duration.ofSeconds(20));
            }
            assertTrue(serverClosed, "ffmpeg closed its side after reading everything");
            assertTrue(server.waitFor(30, TimeUnit.SECONDS), "ffmpeg ended");
            assertEquals(expected, FfmpegMedia.packetCounts(output), "ffprobe -count_packets, input vs output; ffmpeg said: "
                    + Files.readString(work.resolve("ffmpeg.log")));
        } finally {
            server.destroyForcibly();
            server.waitFor(5, TimeUnit.SECONDS);
        }
    }

    /**
     * ffmpeg listening on a port picked here, with a publisher connected to it. The port is free
     * when picked but may be taken before ffmpeg binds it: then ffmpeg exits and another port is
     * tried (at most 5). The publisher connects only while ffmpeg is alive, so its peer is ours.
     */
    private static final class FfmpegListener {
        private static final int ATTEMPTS = 5;
        final Process process;
        final NativeRtmp publisher;

        private FfmpegListener(Process process, NativeRtmp publisher) {
            this.process = process;
            this.publisher = publisher;
        }

        static FfmpegListener start(FfmpegServerTest test, Path output) throws Exception {
            for (int attempt = 1; ; attempt++) {
                int port = FreePort.pick();
                Process p = test.startFfmpegServer(port, output);
                NativeRtmp rtmp = connectWhileAlive(p, "rtmp://127.0.0.1:" + port + "/live/x");
                if (rtmp != null) {
                    return new FfmpegListener(p, rtmp);
                }
                p.waitFor(5, TimeUnit.SECONDS);
                String log = Files.readString(test.work.resolve("ffmpeg.log"));
                if (attempt == ATTEMPTS || !log.contains("Address already in use")) {
                    throw new AssertionError("ffmpeg -listen 1 on port " + port + " exited: " + log);
                }
            }
        }
    }

    private Process startFfmpegServer(int port, Path output) throws IOException {
        return new ProcessBuilder(FfmpegMedia.ffmpeg(), "-hide_banner", "-loglevel", "error", "-nostdin", "-y",
                "-listen", "1", "-i", "rtmp://127.0.0.1:" + port + "/live/x", "-c", "copy", "-f", "flv",
                output.toString())
                .redirectErrorStream(true).redirectOutput(work.resolve("ffmpeg.log").toFile()).start();
    }

    /**
     * ffmpeg listens a moment after it starts: retry for up to 10 s while it runs, with a new
     * publisher each time (an instance connects once). A probe connection would use up ffmpeg's
     * one accept. Null when ffmpeg exited (its port was taken).
     */
    private static NativeRtmp connectWhileAlive(Process ffmpeg, String url) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (ffmpeg.isAlive()) {
            NativeRtmp rtmp = new NativeRtmp();
            try {
                rtmp.setupUrl(url);
                rtmp.enableWrite();
                rtmp.connect();
                if (ffmpeg.isAlive()) {
                    return rtmp;
                }
                rtmp.close();
            } catch (RtmpException e) {
                rtmp.close();
                if (System.nanoTime() > deadline || !e.getMessage().contains("Connection refused")) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
        return null;
    }
}
