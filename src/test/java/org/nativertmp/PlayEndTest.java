package org.nativertmp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nativertmp.flv.FlvReader;
import org.nativertmp.flv.FlvTag;
import org.nativertmp.testkit.RtmpRecorderServer;
import org.nativertmp.testkit.SampleFlv;

/** The end of a played stream: a clean end is -1, a broken connection is an exception. */
class PlayEndTest {
    @Test
    void aStreamTheServerCompletesEndsWithMinusOne() throws Exception {
        List<FlvTag> tags = SampleFlv.tags(7, 60, 2000);
        try (RtmpRecorderServer server = RtmpRecorderServer.start()) {
            server.addPlayable("x", tags);
            try (NativeRtmp rtmp = player(server.url("vod", "x")); InputStream in = rtmp.inputStream()) {
                byte[] flv = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> in.readAllBytes());
                assertEquals(tags.size(), FlvReader.readAll(flv).size());
                assertEquals(-1, in.read());
            }
        }
    }

    @Test
    void aConnectionThatBreaksMidStreamIsAnExceptionNotAnEnd() throws Exception {
        // About 20 MB: far more than the socket buffers hold when the server goes away.
        List<FlvTag> tags = SampleFlv.tags(8, 2000, 20_000);
        try (RtmpRecorderServer server = RtmpRecorderServer.start()) {
            server.addPlayable("big", tags);
            try (NativeRtmp rtmp = player(server.url("vod", "big")); InputStream in = rtmp.inputStream()) {
                ByteArrayOutputStream got = new ByteArrayOutputStream();
                byte[] buf = new byte[64 * 1024];
                while (got.size() < 1_000_000) {
                    int n = in.read(buf);
                    assertTrue(n > 0, "the stream ended after " + got.size() + " bytes");
                    got.write(buf, 0, n);
                }
                server.close();
                IOException e = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> assertThrows(IOException.class, () -> {
                    while (in.read(buf) >= 0) {
                        // drain what was in flight
                    }
                }));
                assertTrue(e.getMessage().contains("ended without Play.Complete or Play.Stop"), e.getMessage());
            }
        }
    }

    private static NativeRtmp player(String url) throws RtmpException {
        NativeRtmp rtmp = new NativeRtmp();
        rtmp.setupUrl(url);
        rtmp.connect();
        rtmp.connectStream(0);
        return rtmp;
    }
}
