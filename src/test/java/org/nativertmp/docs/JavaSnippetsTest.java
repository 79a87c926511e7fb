package org.nativertmp.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.nativertmp.docs.MarkdownPage.FencedBlock;

/**
 * Every {@code java} block in README.md and docs/*.md compiles against the test class path
 * ({@link SnippetCompiler}: each in a package of its own, so it can use only the public API, as a
 * reader's code would; deprecated API is an error). How a block becomes a compilation unit:
 * {@link JavaSnippet}. The README's example is also run ({@link ReadmeExampleTest}).
 *
 * <p>The one exception: a block that the line just before its opening fence marks with
 * {@code <!-- run by src/test/java/PATH.java -->} is an excerpt of that test, which runs it and
 * checks that the page shows it (the file must exist and name the page). Use it for examples that
 * need a real peer or stand-ins the reader would not write (their own client, their own file).
 */
class JavaSnippetsTest {
    private static final String RUN_BY = "run by ";

    @TempDir
    Path classes;

    @Test
    void theReadmeShowsJava() throws IOException {
        assertFalse(javaBlocks(List.of(MarkdownPage.read(MarkdownPage.README))).isEmpty(),
                "README.md has no java block");
    }

    @TestFactory
    Stream<DynamicTest> everyJavaBlockCompilesOrIsRunByTheTestItNames() throws IOException {
        List<FencedBlock> blocks = javaBlocks(MarkdownPage.all());
        Map<FencedBlock, List<String>> found = compile(blocks, classes);
        return blocks.stream().map(block -> DynamicTest.dynamicTest(block.where(-1), () -> {
            List<String> messages = found.getOrDefault(block, List.of());
            assertTrue(messages.isEmpty(), String.join("\n", messages));
        }));
    }

    private static List<FencedBlock> javaBlocks(List<MarkdownPage> pages) {
        List<FencedBlock> blocks = new ArrayList<>();
        for (MarkdownPage page : pages) {
            page.blocks().stream().filter(b -> b.language().equals("java")).forEach(blocks::add);
        }
        return blocks;
    }

    /** Problems by block: javac's errors and warnings, or what is wrong with a "run by" mark. */
    private static Map<FencedBlock, List<String>> compile(List<FencedBlock> blocks, Path classes)
            throws IOException {
        Map<FencedBlock, List<String>> found = new HashMap<>();
        List<JavaSnippet> snippets = new ArrayList<>();
        for (FencedBlock block : blocks) {
            String mark = block.commentBefore();
            if (mark != null && mark.startsWith(RUN_BY)) {
                String problem = runByProblem(block, Path.of(mark.substring(RUN_BY.length()).strip()));
                if (problem != null) {
                    found.put(block, List.of(problem));
                }
            } else {
                snippets.add(new JavaSnippet(block, snippets.size() + 1));
            }
        }
        found.putAll(SnippetCompiler.compile(snippets, classes));
        return found;
    }

    private static String runByProblem(FencedBlock block, Path test) throws IOException {
        String where = block.where(-1) + ": marked as run by " + test;
        if (!test.startsWith(Path.of("src", "test")) || !Files.isRegularFile(test)) {
            return where + ", which is no file under src/test";
        }
        String fileName = block.page().file().getFileName().toString();
        if (!Files.readString(test).contains(fileName)) {
            return where + ", which does not name " + fileName + " (it must check that the page shows it)";
        }
        return null;
    }

    @Test
    void aSnippetThatDoesNotCompileIsReportedAtItsLineInThePage() throws IOException {
        MarkdownPage page = new MarkdownPage(Path.of("docs", "example.md"),
                List.of("# Example", "", "```java", "NativeRtmp rtmp = new NativeRtmp();", "rtmp.noSuchMethod();",
                        "```"));
        Map<FencedBlock, List<String>> found = compile(page.blocks(), classes);
        List<String> messages = found.get(page.blocks().get(0));
        assertNotNull(messages, "a call of a method that does not exist compiled");
        assertEquals(1, messages.size(), messages.toString());
        assertTrue(messages.get(0).startsWith("docs/example.md:5: cannot find symbol"), messages.get(0));
    }
}
