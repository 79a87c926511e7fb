package org.nativertmp.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.nativertmp.docs.MarkdownPage.Link;

/**
 * The README stays a front page: short, with the two commands where CI reads them, a dependency
 * snippet that names this build's artifact, and a table of contents that reaches every page in
 * docs/.
 */
class ReadmeTest {
    /** Long enough for what the front page holds; everything else goes to a page in docs/. */
    private static final int MAX_LINES = 150;
    private static final Pattern POM_COORDINATE = Pattern.compile(
            "<project[^>]*>.*?<groupId>([^<]+)</groupId>\\s*<artifactId>([^<]+)</artifactId>\\s*<version>([^<]+)</version>",
            Pattern.DOTALL);

    @Test
    void theReadmeIsShort() throws IOException {
        int lines = MarkdownPage.read(MarkdownPage.README).lines().size();
        assertTrue(lines <= MAX_LINES, "README.md has " + lines + " lines; move detail to a page in docs/");
    }

    @Test
    void theMainAndTestCommandsFollowTheirMarkersAsOneShellLine() throws IOException {
        List<String> lines = MarkdownPage.read(MarkdownPage.README).lines();
        for (String marker : List.of("<!-- main-command -->", "<!-- test-command -->")) {
            int at = lines.indexOf(marker);
            assertTrue(at >= 0, "README.md lacks " + marker);
            assertEquals("```sh", lines.get(at + 1), "a ```sh block must follow " + marker);
            assertTrue(lines.get(at + 2).startsWith("mvn "), "the command after " + marker + " starts with mvn");
            assertEquals("```", lines.get(at + 3), "the command after " + marker + " is one line");
        }
    }

    @Test
    void theDependencySnippetNamesThisBuildsArtifact() throws IOException {
        Matcher pom = POM_COORDINATE.matcher(Files.readString(Path.of("pom.xml"), StandardCharsets.UTF_8));
        assertTrue(pom.find(), "no coordinates in pom.xml");
        String expected = "<dependency>\n  <groupId>" + pom.group(1) + "</groupId>\n  <artifactId>" + pom.group(2)
                + "</artifactId>\n  <version>" + pom.group(3) + "</version>\n</dependency>";
        String readme = Files.readString(MarkdownPage.README, StandardCharsets.UTF_8);
        assertTrue(readme.contains(expected), "README.md's dependency snippet should read:\n" + expected);
    }

    @Test
    void theContentsLinkEveryPageInDocs() throws IOException {
        List<String> linked = new ArrayList<>();
        for (Link link : MarkdownPage.read(MarkdownPage.README).links()) {
            linked.add(link.target().replaceFirst("#.*", ""));
        }
        List<String> unlinked = new ArrayList<>();
        for (Path page : MarkdownPage.docsPages()) {
            if (!linked.contains(page.toString().replace('\\', '/'))) {
                unlinked.add(page.toString());
            }
        }
        assertEquals(List.of(), unlinked, "pages in docs/ that README.md's contents do not link");
    }

    /** The README's comparison output is an excerpt of the report on docs/comparing.md, not a copy that can drift. */
    @Test
    void theComparisonExcerptIsTakenFromTheComparingPage() throws IOException {
        String readme = Files.readString(MarkdownPage.README, StandardCharsets.UTF_8);
        String guide = Files.readString(Path.of("docs", "comparing.md"), StandardCharsets.UTF_8);
        int start = readme.indexOf("```\nmessages by type:");
        assertTrue(start >= 0, "README.md shows no comparison report");
        int end = readme.indexOf("```", start + 3);
        List<String> missing = new ArrayList<>();
        for (String line : readme.substring(start + 4, end).split("\n")) {
            if (!line.isBlank() && !guide.contains(line + "\n")) {
                missing.add(line);
            }
        }
        assertEquals(List.of(), missing, "lines of README.md's comparison excerpt that docs/comparing.md's report lacks");
    }
}
