package org.nativertmp.docs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One Markdown page of the project's documentation (README.md or a page under docs/), read as
 * much as the documentation tests need: its fenced code blocks, its links and its headings'
 * anchors. Paths are relative to the project's root, where Maven runs the tests.
 *
 * @param file the page, relative to the project's root
 * @param lines its lines
 */
record MarkdownPage(Path file, List<String> lines) {
    static final Path README = Path.of("README.md");
    static final Path DOCS = Path.of("docs");

    private static final Pattern FENCE = Pattern.compile("^\\s*```\\s*([\\w+-]*)\\s*$");
    private static final Pattern LINK = Pattern.compile("\\[[^\\]]*\\]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");
    private static final Pattern INLINE_CODE = Pattern.compile("`[^`]*`");
    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.*?)\\s*#*\\s*$");
    private static final Pattern COMMENT = Pattern.compile("^\\s*<!--(.*)-->\\s*$");

    /** A fenced code block: its language word (empty when none) and its lines, numbered as in the page. */
    record FencedBlock(MarkdownPage page, String language, int firstLine, List<String> lines) {
        /** Where a line of this block is, as {@code docs/page.md:LINE}. */
        String where(int indexInBlock) {
            return page.file() + ":" + (firstLine + indexInBlock);
        }

        /** The text of the HTML comment on the line just before the opening fence, or null. */
        String commentBefore() {
            int fenceIndex = firstLine - 2; // 0-based index of the opening fence
            if (fenceIndex < 1) {
                return null;
            }
            Matcher m = COMMENT.matcher(page.lines().get(fenceIndex - 1));
            return m.matches() ? m.group(1).strip() : null;
        }
    }

    /** A link in the page's text (not in code), with the line it is on. */
    record Link(String target, int line) {
    }

    static MarkdownPage read(Path file) throws IOException {
        return new MarkdownPage(file, Files.readAllLines(file, StandardCharsets.UTF_8));
    }

    /** README.md and every page in docs/, in name order. */
    static List<MarkdownPage> all() throws IOException {
        List<MarkdownPage> pages = new ArrayList<>();
        pages.add(read(README));
        for (Path page : docsPages()) {
            pages.add(read(page));
        }
        return pages;
    }

    /** The pages in docs/, in name order. */
    static List<Path> docsPages() throws IOException {
        try (Stream<Path> files = Files.list(DOCS)) {
            return files.filter(f -> f.toString().endsWith(".md")).sorted().toList();
        }
    }

    List<FencedBlock> blocks() {
        List<FencedBlock> blocks = new ArrayList<>();
        String language = null;
        int first = 0;
        for (int i = 0; i < lines.size(); i++) {
            Matcher fence = FENCE.matcher(lines.get(i));
            if (!fence.matches()) {
                continue;
            }
            if (language == null) {
                language = fence.group(1).toLowerCase(Locale.ROOT);
                first = i + 1;
            } else if (fence.group(1).isEmpty()) {
                blocks.add(new FencedBlock(this, language, first + 1, List.copyOf(lines.subList(first, i))));
                language = null;
            }
        }
        if (language != null) {
            throw new IllegalStateException(file + ":" + first + ": a code block that is never closed");
        }
        return blocks;
    }

    /** The links in the text: not those in code blocks, inline code or HTML comments. */
    List<Link> links() {
        List<Link> links = new ArrayList<>();
        forEachTextLine((line, number) -> {
            Matcher m = LINK.matcher(INLINE_CODE.matcher(line).replaceAll(""));
            while (m.find()) {
                links.add(new Link(m.group(1), number));
            }
        });
        return links;
    }

    /** The anchors of the page's headings, as GitHub makes them ({@code ## Tracing a connect} -> {@code tracing-a-connect}). */
    Set<String> anchors() {
        Set<String> anchors = new LinkedHashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        forEachTextLine((line, number) -> {
            Matcher m = HEADING.matcher(line);
            if (m.matches()) {
                String slug = slug(m.group(1));
                int n = seen.merge(slug, 1, Integer::sum);
                anchors.add(n == 1 ? slug : slug + "-" + (n - 1));
            }
        });
        return anchors;
    }

    /** GitHub's heading anchor: lower case, punctuation dropped, spaces as hyphens. */
    static String slug(String heading) {
        String text = heading.replaceAll("\\[([^\\]]*)\\]\\([^)]*\\)", "$1").toLowerCase(Locale.ROOT);
        StringBuilder slug = new StringBuilder();
        text.codePoints().forEach(c -> {
            if (Character.isLetterOrDigit(c) || c == '-' || c == '_') {
                slug.appendCodePoint(c);
            } else if (c == ' ') {
                slug.append('-');
            }
        });
        return slug.toString();
    }

    interface LineVisitor {
        void visit(String line, int number);
    }

    /** Every line outside code blocks and HTML comments, with its 1-based number. */
    void forEachTextLine(LineVisitor visitor) {
        boolean inBlock = false;
        boolean inComment = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            Matcher fence = FENCE.matcher(line);
            if (fence.matches() && (!inBlock || fence.group(1).isEmpty())) {
                inBlock = !inBlock;
                continue;
            }
            if (inBlock) {
                continue;
            }
            String text = line;
            if (inComment) {
                int end = text.indexOf("-->");
                if (end < 0) {
                    continue;
                }
                text = text.substring(end + 3);
                inComment = false;
            }
            text = text.replaceAll("<!--.*?-->", "");
            int open = text.indexOf("<!--");
            if (open >= 0) {
                text = text.substring(0, open);
                inComment = true;
            }
            visitor.visit(text, i + 1);
        }
    }
}
