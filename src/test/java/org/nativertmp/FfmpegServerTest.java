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
        int port = FreePort.pick();
        Path output = work.resolve("out.flv");
        Process server = startFfmpegServer(port, output);
        try {
            boolean serverClosed;
            try (NativeRtmp rtmp = connectWhenListening("rtmp://127.0.0.1:" + port + "/live/x")) {
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

    private Process startFfmpegServer(int port, Path output) throws IOException {
        return new ProcessBuilder(FfmpegMedia.ffmpeg(), "-hide_banner", "-loglevel", "error", "-nostdin", "-y",
                "-listen", "1", "-i", "rtmp://127.0.0.1:" + port + "/live/x", "-c", "copy", "-f", "flv",
                output.toString())
                .redirectErrorStream(true).redirectOutput(work.resolve("ffmpeg.log").toFile()).start();
    }

    /**
     * ffmpeg listens a moment after it starts: retry for up to 10 s, with a new publisher each
     * time (an instance connects once). A probe connection would use up ffmpeg's one accept.
     */
    private static NativeRtmp connectWhenListening(String url) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            NativeRtmp rtmp = new NativeRtmp();
            try {
                rtmp.setupUrl(url);
                rtmp.enableWrite();
                rtmp.connect();
                return rtmp;
            } catch (RtmpException e) {
                rtmp.close();
                if (System.nanoTime() > deadline || !e.getMessage().contains("Connection refused")) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

}
