package org.nativertmp.testkit.scorecard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.nativertmp.flv.FlvTag;
import org.nativertmp.testkit.junit.ScorecardTests;

/**
 * The scorecard example of docs/comparing.md, run: the page's Java block must be this class's
 * example, line for line. "Your client" is librtmp itself here (through NativeRtmp), so every
 * row must be "same": the proof that the whole corpus, librtmp against librtmp, comes out the
 * same on every run.
 */
class ScorecardGuideTest {
    private static final Path GUIDE = Path.of("docs", "comparing.md");
    private static final String MARK = "<!-- run by src/test/java/org/nativertmp/testkit/scorecard/ScorecardGuideTest.java -->";
    private static final Path THIS_FILE = Path.of("src", "test", "java", "org", "nativertmp", "testkit", "scorecard",
            "ScorecardGuideTest.java");

    /** Stands in for the reader's own client. */
    static final class MyRtmpClient {
        private static final LibrtmpClient LIBRTMP = new LibrtmpClient();

        static void publish(Path flv, String url) throws Exception {
            LIBRTMP.publish(flv, url);
        }

        static void play(String url, Consumer<FlvTag> delivered) throws Exception {
            LIBRTMP.play(url, delivered);
        }
    }

    // guide:begin
    static final class MyScorecardClient implements ScorecardClient {
        public String name() { return "my-client"; }
        public void publish(Path flv, String url) throws Exception { MyRtmpClient.publish(flv, url); }
        public void play(String url, Consumer<FlvTag> delivered) throws Exception { MyRtmpClient.play(url, delivered); }
    }

    @TestFactory
    Stream<DynamicTest> reactsToEveryServerAsLibrtmpDoes() {
        return ScorecardTests.dynamicTests(new MyScorecardClient());   // one test per scenario
    }
    // guide:end

    @Test
    void theGuideShowsThisExampleLineForLine() throws IOException {
        String source = Files.readString(THIS_FILE, StandardCharsets.UTF_8);
        List<String> example = lines(source.substring(source.indexOf("// guide:begin") + 15, source.indexOf("    // guide:end")));
        String guide = Files.readString(GUIDE, StandardCharsets.UTF_8);
        int from = guide.indexOf("```java\n", guide.indexOf(MARK)) + 8;
        List<String> shown = lines(guide.substring(from, guide.indexOf("```", from)));
        int start = shown.indexOf("    static final class MyScorecardClient implements ScorecardClient {");
        assertEquals(example, shown.subList(start, shown.lastIndexOf("}")));
    }

    private static List<String> lines(String block) {
        List<String> out = new ArrayList<>();
        for (String l : block.split("\n")) {
            if (!l.isBlank()) {
                out.add(l.stripTrailing());
            }
        }
        return out;
    }
}
