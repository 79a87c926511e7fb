package org.nativertmp.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nativertmp.docs.MarkdownPage.FencedBlock;
import org.nativertmp.flv.FlvTag;
import org.nativertmp.support.FlvAssertions;
import org.nativertmp.testkit.RecordedConnection;
import org.nativertmp.testkit.RtmpRecorderServer;
import org.nativertmp.testkit.SampleFlv;

/**
 * The README's Java example, run as written but for its URL and file name: it publishes a sample
 * FLV to the project's recorder on 127.0.0.1, which must receive every tag. The example's own
 * {@code catch} only prints, so the proof is what the server received.
 */
class ReadmeExampleTest {
    private static final String URL = "rtmp://127.0.0.1:1935/live/stream";
    private static final String FILE = "\"in.flv\"";

    @TempDir
    Path dir;

    @Test
    void theReadmeExamplePublishesTheWholeFileToAServer() throws Exception {
        FencedBlock example = MarkdownPage.read(MarkdownPage.README).blocks().stream()
                .filter(b -> b.language().equals("java")).findFirst().orElseThrow();
        String text = String.join("\n", example.lines());
        assertTrue(text.contains(URL) && text.contains(FILE),
                "the README's example no longer publishes " + FILE + " to " + URL + ": adapt this test");
        List<FlvTag> tags = SampleFlv.tags(14, 40, 3000);
        Path flv = dir.resolve("in.flv");
        Files.write(flv, SampleFlv.file(tags));
        try (RtmpRecorderServer server = RtmpRecorderServer.start()) {
            String url = server.url("live", "stream");
            List<String> lines = example.lines().stream()
                    .map(l -> l.replace(URL, url).replace(FILE, "\"" + flv.toString().replace("\\", "\\\\") + "\""))
                    .toList();
            run(new FencedBlock(example.page(), example.language(), example.firstLine(), lines));
            RecordedConnection connection = server.awaitConnection(Duration.ofSeconds(30));
            List<FlvTag> received = connection.published().get("stream");
            assertNotNull(received, "the README's example published nothing (its catch prints why on stderr)");
            FlvAssertions.assertSameMedia(tags, received, "the README's example");
        }
    }

    private void run(FencedBlock block) throws Exception {
        JavaSnippet snippet = new JavaSnippet(block, 1);
        Path classes = Files.createDirectories(dir.resolve("classes"));
        Map<FencedBlock, List<String>> problems = SnippetCompiler.compile(List.of(snippet), classes);
        assertEquals(Map.of(), problems);
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                getClass().getClassLoader())) {
            Class<?> type = loader.loadClass(SnippetCompiler.packageOf(1) + "." + snippet.className());
            Method main = type.getMethod("main", String[].class);
            main.invoke(null, (Object) new String[0]);
        }
    }
}
