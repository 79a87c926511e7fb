package org.nativertmp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * docs/cli.md shows every command's help exactly as the CLI prints it ({@link CliReference}).
 * After a change to the CLI, regenerate the page's help blocks with
 * {@code mvn -B test -Dtest=CliReferenceTest -Dsurefire.failIfNoSpecifiedTests=false -Dcli.reference.update=true}
 * and review the diff.
 */
class CliReferenceTest {
    private static final Path PAGE = Path.of("docs", "cli.md");
    private static final String REGENERATE = "mvn -B test -Dtest=CliReferenceTest"
            + " -Dsurefire.failIfNoSpecifiedTests=false -Dcli.reference.update=true";

    @Test
    void theCliPageShowsEveryCommandsHelpAsTheCliPrintsIt() throws IOException {
        List<String> page = Files.readAllLines(PAGE, StandardCharsets.UTF_8);
        List<String> rendered = CliReference.render(page);
        if (Boolean.getBoolean("cli.reference.update") && !rendered.equals(page)) {
            Files.write(PAGE, rendered, StandardCharsets.UTF_8);
            page = rendered;
        }
        int line = firstDifference(rendered, page);
        assertEquals(-1, line, () -> PAGE + ":" + (line + 1) + " differs from the CLI's help, which prints: \""
                + (line < rendered.size() ? rendered.get(line) : "(the end)") + "\"; regenerate its help blocks: "
                + REGENERATE);
    }

    private static int firstDifference(List<String> expected, List<String> actual) {
        for (int i = 0; i < Math.max(expected.size(), actual.size()); i++) {
            if (i >= expected.size() || i >= actual.size() || !expected.get(i).equals(actual.get(i))) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void aCommandThePageDoesNotShowGetsASectionOfItsOwn() {
        List<String> rendered = CliReference.render(List.of("# CLI", "", "<!-- cli-help publish -->", "```text",
                "stale", "```"));
        String text = String.join("\n", rendered);
        assertTrue(text.contains("<!-- cli-help publish -->\n```text\nUsage: native-rtmp publish"), text);
        assertTrue(text.contains("\n## play\n\n<!-- cli-help play -->\n```text\nUsage: native-rtmp play"), text);
        assertTrue(!text.contains("stale"), text);
    }
}
