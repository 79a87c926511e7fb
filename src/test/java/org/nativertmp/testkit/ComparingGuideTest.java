package org.nativertmp.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.nativertmp.NativeRtmp;
import org.nativertmp.testkit.junit.RtmpAssertions;
import org.nativertmp.testkit.junit.RtmpRecorderExtension;

/**
 * The example of docs/comparing.md, run: the page's Java block (which JavaSnippetsTest compiles
 * as it stands, with the reader's stand-ins) must end with this class's
 * {@code publishesWhatLibrtmpPublishes}, line for line. "Your client" is nrtmp-ref here, the C
 * client on the same librtmp, so that the example passes; a failure names the two sides.
 */
@ExtendWith(RtmpRecorderExtension.class)
class ComparingGuideTest {
    private static final Path GUIDE = Path.of("docs", "comparing.md");
    private static final Path THIS_FILE = Path.of("src", "test", "java", "org", "nativertmp", "testkit",
            "ComparingGuideTest.java");

    /** Stands in for the reader's own client. */
    static final class MyRtmpClient {
        static void publish(Path flv, String url) throws IOException, InterruptedException {
            ExternalTools.runOk(flv.resolveSibling("my-client.log"),
                    ExternalTools.command(ExternalTools.nrtmpRef(), "publish", flv, url));
        }
    }

    @TempDir
    Path dir;

    private Path clip() throws IOException, InterruptedException {
        return TestMedia.generateFlv(dir);
    }

    // guide:begin
    @Test
    void publishesWhatLibrtmpPublishes(RtmpRecorderServer server) throws Exception {
        Path flv = clip();
        String url = server.url("live", "x");
        Duration wait = Duration.ofSeconds(30);

        try (NativeRtmp librtmp = new NativeRtmp()) {        // 1. librtmp publishes the file
            librtmp.setupUrl(url);
            librtmp.enableWrite();
            librtmp.connect();
            librtmp.connectStream(0);
            try (OutputStream out = librtmp.outputStream()) {
                Files.copy(flv, out);
            }
            librtmp.closeGracefully(Duration.ofSeconds(5));
        }
        WireTranscript expected = server.awaitConnection("live", "x", wait).transcript().named("librtmp");

        MyRtmpClient.publish(flv, url);                      // 2. your client publishes it
        WireTranscript actual = server.awaitConnection("live", "x", wait).transcript().named("my client");

        RtmpAssertions.assertSameWire(expected, actual,      // 3. same meaning on the wire?
                CompareOptions.semantic().ignoreProperties("flashVer"));
    }
    // guide:end

    @Test
    void theGuideShowsThisExampleLineForLine() throws IOException {
        String source = Files.readString(THIS_FILE, StandardCharsets.UTF_8);
        List<String> example = strip(source.substring(source.indexOf("// guide:begin") + 15, source.indexOf("    // guide:end")));
        String guide = Files.readString(GUIDE, StandardCharsets.UTF_8);
        int from = guide.indexOf("```java\n") + 8;
        List<String> shown = strip(guide.substring(from, guide.indexOf("```", from)));
        List<String> body = shown.subList(shown.indexOf("    @Test"), shown.lastIndexOf("}"));
        assertEquals(example, body);
    }

    private static List<String> strip(String block) {
        List<String> lines = new ArrayList<>();
        for (String l : block.split("\n")) {
            if (!l.isBlank()) {
                lines.add(l.stripTrailing());
            }
        }
        return lines;
    }
}
