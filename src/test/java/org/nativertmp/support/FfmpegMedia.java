package org.nativertmp.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Media made at test time by ffmpeg's lavfi sources (test pattern + sine) and counted by
 * ffprobe; no media is committed. Sorenson H.263 (flv1) and MP3, which Debian's ffmpeg encodes
 * and FLV carries.
 */
public final class FfmpegMedia {
    private FfmpegMedia() {
    }

    public static String ffmpeg() {
        return RealPeers.require("ffmpeg", "/usr/bin/ffmpeg");
    }

    public static String ffprobe() {
        return RealPeers.require("ffprobe", "/usr/bin/ffprobe");
    }

    /**
     * An FLV of {@code seconds} of 320x240 video at 25 fps (a key frame every second) and
     * 44.1 kHz audio, at {@code videoKbps}.
     */
    public static Path makeFlv(Path dir, String name, int seconds, int videoKbps) throws IOException, InterruptedException {
        Path out = dir.resolve(name);
        run(List.of(ffmpeg(), "-hide_banner", "-loglevel", "error", "-nostdin", "-y",
                "-f", "lavfi", "-i", "testsrc=size=320x240:rate=25",
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100",
                "-t", Integer.toString(seconds), "-c:v", "flv1", "-b:v", videoKbps + "k",
                "-g", "25", "-c:a", "libmp3lame", "-b:a", "64k",
                // a keyframe index in onMetaData: nginx-rtmp's vod seeks by it (else from the start)
                "-flvflags", "add_keyframe_index", "-f", "flv", out.toString()), 120);
        return out;
    }

    /** ffprobe -count_packets: codec name to packet count, e.g. {flv1=250, mp3=384}. */
    public static Map<String, Integer> packetCounts(Path file) throws IOException, InterruptedException {
        String csv = run(List.of(ffprobe(), "-v", "error", "-count_packets", "-show_entries",
                "stream=codec_name,nb_read_packets", "-of", "csv=p=0", file.toString()), 60);
        Map<String, Integer> counts = new TreeMap<>();
        for (String line : csv.strip().split("\\R")) {
            String[] f = line.split(",");
            if (f.length == 2) {
                counts.put(f[0], Integer.parseInt(f[1].trim()));
            }
        }
        return counts;
    }

    static String run(List<String> command, int timeoutSeconds) throws IOException, InterruptedException {
        Path log = Files.createTempFile("ffmpeg", ".log");
        try {
            Process p = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(command.get(0) + " did not finish within " + timeoutSeconds + " s");
            }
            String output = Files.readString(log);
            if (p.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " exited with " + p.exitValue() + ": " + output);
            }
            return output;
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
