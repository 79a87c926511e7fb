package org.nativertmp.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nativertmp.docs.MarkdownPage.Link;

/**
 * Every relative link in README.md and docs/*.md leads somewhere: the file exists (relative to
 * the page, as a code hosting site resolves it), and an anchor ({@code page.md#heading}) is one of
 * that page's headings. Links with a scheme ({@code https:}, {@code mailto:}) are not followed.
 */
class DocLinksTest {
    @Test
    void everyRelativeLinkPointsToAFileThatExistsAndAHeadingItHas() throws IOException {
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (MarkdownPage page : MarkdownPage.all()) {
            for (Link link : page.links()) {
                String problem = problemOf(page, link);
                if (problem != null) {
                    problems.add(page.file() + ":" + link.line() + ": " + link.target() + ": " + problem);
                }
                checked++;
            }
        }
        assertTrue(checked > 0, "no link found: the extraction is broken");
        assertEquals("", String.join("\n", problems));
    }

    @Test
    void aLinkToAMissingPageOrHeadingIsReported() throws IOException {
        MarkdownPage page = new MarkdownPage(Path.of("docs", "example.md"), List.of(
                "# Example", "## Seen here", "[a](missing.md) [b](#seen-here) [c](#not-here)",
                "[d](../README.md) [e](https://example.org/x) `[f](no.md)`"));
        List<String> problems = new ArrayList<>();
        for (Link link : page.links()) {
            String problem = problemOf(page, link);
            if (problem != null) {
                problems.add(link.target() + ": " + problem);
            }
        }
        assertEquals(List.of("missing.md: no such file", "#not-here: docs/example.md has no heading with this anchor"),
                problems);
    }

    private static String problemOf(MarkdownPage page, Link link) throws IOException {
        String target = link.target();
        if (target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
            return null;
        }
        int hash = target.indexOf('#');
        String file = hash < 0 ? target : target.substring(0, hash);
        String anchor = hash < 0 ? null : target.substring(hash + 1);
        Path parent = page.file().getParent() == null ? Path.of("") : page.file().getParent();
        Path resolved = file.isEmpty() ? page.file()
                : parent.resolve(URLDecoder.decode(file, StandardCharsets.UTF_8)).normalize();
        if (!Files.exists(resolved) && !resolved.equals(page.file())) {
            return "no such file";
        }
        if (anchor == null || !resolved.toString().endsWith(".md")) {
            return null;
        }
        MarkdownPage linked = resolved.equals(page.file()) ? page : MarkdownPage.read(resolved);
        return linked.anchors().contains(anchor) ? null : resolved + " has no heading with this anchor";
    }
}
