package org.nativertmp.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Media the tests generate with ffmpeg's synthetic sources; nothing is committed. */
final class TestMedia {
    private TestMedia() {
    }

    /**
     * Two seconds of 160x120 Sorenson H.263 video at 10 fps and 22.05 kHz MP3 audio: codecs
     * every FLV reader knows, small enough that no side sends an acknowledgement
     * (librtmp acknowledges every 250 000 bytes received).
     */
    static Path generateFlv(Path dir) throws IOException, InterruptedException {
        Path ffmpeg = ExternalTools.require("ffmpeg", "apt-get install ffmpeg");
        Path out = dir.resolve("generated.flv");
        if (!Files.exists(out)) {
            ExternalTools.runOk(dir.resolve("ffmpeg-generate.log"), ffmpeg.toString(), "-nostdin", "-y",
                    "-f", "lavfi", "-i", "testsrc=size=160x120:rate=10",
                    "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=22050",
                    "-t", "2", "-c:v", "flv1", "-b:v", "100k", "-c:a", "libmp3lame", "-ar", "22050", "-b:a", "32k",
                    "-f", "flv", out.toString());
        }
        return out;
    }
}
