package org.nativertmp.testkit.scorecard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.nativertmp.flv.FlvTag;
import org.nativertmp.support.RealPeers;

/**
 * How the scorecard judges a client that hangs, crashes, fails or plays something else than
 * librtmp does, with clients made up for the purpose; what the reports hold; how command lines
 * become a client.
 */
class ScorecardRunnerTest {
    private static final List<Scenario> CORPUS = Corpus.scenarios();

    /** A client that does what the test says, for both roles. */
    private record Fake(String name, Action action) implements ScorecardClient {
        interface Action {
            void run(Consumer<FlvTag> delivered) throws Exception;
        }

        @Override
        public void publish(Path flv, String url) throws Exception {
            action.run(t -> { });
        }

        @Override
        public void play(String url, Consumer<FlvTag> delivered) throws Exception {
            action.run(delivered);
        }
    }

    private static ScorecardResult run(ScorecardClient client, String... names) throws Exception {
        List<Scenario> chosen = CORPUS.stream().filter(s -> List.of(names).contains(s.name())).toList();
        return Scorecard.builder(client).scenarios(chosen).timeout(Duration.ofSeconds(2)).build().run();
    }

    @Test
    void aClientThatHangsFailsWithinTheTimeLimitAndOneThatCrashesFailsToo() throws Exception {
        long start = System.nanoTime();
        ScorecardRow hung = run(new Fake("sleeper", d -> Thread.sleep(60_000)), "publish-baseline").rows().get(0);
        assertEquals(Verdict.FAILED, hung.verdict());
        assertEquals(Outcome.Kind.HUNG, hung.client().outcome().kind());
        assertTrue(hung.differences().contains("outcome: librtmp completed; sleeper hung: did not finish within 2 s"),
                hung.differences().toString());
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 20);
        ScorecardRow crashed = run(new Fake("crasher", d -> {
            throw new ClientCrashedException("killed by signal 11");
        }), "publish-baseline").rows().get(0);
        assertEquals(Verdict.FAILED, crashed.verdict());
        assertTrue(crashed.differences().get(0).endsWith("crasher crashed: killed by signal 11"), crashed.differences().toString());
    }

    @Test
    void aPlayerThatDeliversOtherTagsDiffersInThoseTagsAndBreaksTheRule() throws Exception {
        List<FlvTag> media = ScorecardMedia.media(ScorecardMedia.tags());
        ScorecardResult r = run(new Fake("shifty", d -> {
            for (FlvTag t : media) {
                d.accept(new FlvTag(t.type(), t.timestamp() + 1, t.payload()));
            }
            throw new java.io.IOException("no connection made");
        }), "play-baseline");
        ScorecardRow row = r.rows().get(0);
        assertEquals(Verdict.DIFFERS, row.verdict());
        List<String> d = row.differences();
        assertEquals("outcome: librtmp completed; shifty error: no connection made", d.get(0));
        assertEquals("server script: with librtmp every step ran; with shifty no connection", d.get(1));
        assertTrue(d.contains("delivered script data: librtmp [onMetaData], shifty []"), d.toString());
        assertTrue(d.contains("delivered media tag 0 (video): timestamp 1, librtmp 0"), d.toString());
        assertTrue(d.contains("delivered: " + (media.size() - 3) + " more media tags differ"), String.join("\n", d));
        assertTrue(row.clientViolation().orElseThrow().startsWith("the audio tag sent at 0 delivered at 1"), row.clientViolation()::toString);
        assertTrue(row.referenceViolation().isEmpty());
    }

    @Test
    void theReportsHoldEveryRowAsTextMarkdownHtmlAndJson() throws Exception {
        ScorecardResult r = run(new LibrtmpClient(), "publish-baseline", "publish-window-100");
        assertEquals(2, r.count(Verdict.SAME), r.toText());
        String text = r.toText();
        assertTrue(text.startsWith("scorecard: librtmp against librtmp: 2 scenarios, 2 same, 0 differ, 0 failed"), text);
        assertTrue(text.contains("rule 5.4.4: an Acknowledgement after every 100 bytes received; librtmp breaks it"), text);
        assertTrue(r.toMarkdown().contains("| `publish-window-100` | publish | same |  | 5.4.4:"), r.toMarkdown());
        String html = r.toHtml();
        assertTrue(html.startsWith("<!DOCTYPE html>") && html.contains("<td class=\"v same\">SAME</td>"), html);
        assertFalse(html.contains("<script") || html.contains("http://") || html.contains("https://"), "self-contained");
        Map<String, Object> json = Json.parseObject(r.toJson());
        assertEquals("librtmp", json.get("client"));
        List<?> scenarios = (List<?>) json.get("scenarios");
        assertEquals(2, scenarios.size());
        Map<?, ?> window = (Map<?, ?>) scenarios.get(1);
        assertEquals("publish-window-100", window.get("name"));
        assertEquals("publish", window.get("role"));
        assertEquals("same", window.get("verdict"));
        assertEquals(List.of(), window.get("differences"));
        assertTrue(String.valueOf(window.get("referenceViolation")).startsWith("0 Acknowledgements for "), window.toString());
    }

    @Test
    void aCommandLineIsSplitAsAShellSplitsItAndNeedsItsPlaceholders() {
        assertEquals(List.of("ffmpeg", "-i", "{flv}", "a b", "it's", "x\"y", "{url}"),
                CommandClient.split("ffmpeg  -i {flv} 'a b' \"it's\" x\\\"y {url}"));
        assertThrows(IllegalArgumentException.class, () -> CommandClient.split("ffmpeg 'unclosed"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CommandClient.of("ffmpeg -i {flv} out.flv", null));
        assertEquals("the publish command has no {url}: ffmpeg -i {flv} out.flv", e.getMessage());
        CommandClient c = CommandClient.of(null, "/usr/bin/ffmpeg -i {url} {out}");
        assertEquals("ffmpeg", c.name());
        assertFalse(c.supports(Role.PUBLISH));
        assertTrue(c.supports(Role.PLAY));
    }

    @Test
    void aCommandKilledByASignalHasCrashedAndOneThatExitsNonZeroReportsTheError() throws Exception {
        String sh = RealPeers.require("sh", "/bin/sh");
        ScorecardResult r = run(CommandClient.of("crasher", sh + " -c 'kill -SEGV $$' {url} {flv}",
                sh + " -c 'echo cannot play >&2; exit 3' {url} {out}"), "publish-baseline", "play-baseline");
        assertEquals(Outcome.Kind.CRASHED, r.row("publish-baseline").orElseThrow().client().outcome().kind());
        assertEquals("killed by signal 11", r.row("publish-baseline").orElseThrow().client().outcome().detail());
        assertEquals("exit 3: cannot play", r.row("play-baseline").orElseThrow().client().outcome().detail());
        assertEquals(Verdict.DIFFERS, r.row("play-baseline").orElseThrow().verdict());
    }
}
