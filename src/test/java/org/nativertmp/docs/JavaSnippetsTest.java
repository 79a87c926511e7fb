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
 * Every {@code java} block in README.md and docs/*.md compiles as a reader would paste it: into a
 * class with {@code main}, with the imports it shows and no others, its checked exceptions caught
 * ({@link JavaSnippet}), against the test class path ({@link SnippetCompiler}: each in a package
 * of its own, so it can use only the public API; deprecated API is an error). The README's
 * example is also run ({@link ReadmeExampleTest}).
 *
 * <p>A block that the line just before its opening fence marks with
 * {@code <!-- run by src/test/java/PATH.java -->} is also run by that test, which checks that the
 * page shows it (the file must exist and name the page). Use it for examples that need a real peer
 * or stand-ins the reader replaces (their own client, their own file).
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

    /** Problems by block: javac's errors and warnings, and what is wrong with a "run by" mark. */
    private static Map<FencedBlock, List<String>> compile(List<FencedBlock> blocks, Path classes)
            throws IOException {
        List<JavaSnippet> snippets = new ArrayList<>();
        for (FencedBlock block : blocks) {
            snippets.add(new JavaSnippet(block, snippets.size() + 1));
        }
        Map<FencedBlock, List<String>> found = new HashMap<>(SnippetCompiler.compile(snippets, classes));
        for (FencedBlock block : blocks) {
            String mark = block.commentBefore();
            if (mark != null && mark.startsWith(RUN_BY)) {
                String problem = runByProblem(block, Path.of(mark.substring(RUN_BY.length()).strip()));
                if (problem != null) {
                    found.computeIfAbsent(block, b -> new ArrayList<>()).add(problem);
                }
            }
        }
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
        MarkdownPage page = new MarkdownPage(Path.of("docs", "example.md"), List.of("# Example", "", "```java",
                "import org.nativertmp.NativeRtmp;", "NativeRtmp rtmp = new NativeRtmp();", "rtmp.noSuchMethod();",
                "```"));
        Map<FencedBlock, List<String>> found = compile(page.blocks(), classes);
        List<String> messages = found.get(page.blocks().get(0));
        assertNotNull(messages, "a call of a method that does not exist compiled");
        assertEquals(1, messages.size(), messages.toString());
        assertTrue(messages.get(0).startsWith("docs/example.md:6: cannot find symbol"), messages.get(0));
    }

    @Test
    void aSnippetMustShowItsImportsAndCatchItsCheckedExceptions() throws IOException {
        MarkdownPage page = new MarkdownPage(Path.of("docs", "example.md"), List.of("# Example", "", "```java",
                "try (NativeRtmp rtmp = new NativeRtmp()) {", "}", "```", "", "```java",
                "import org.nativertmp.NativeRtmp;", "try (NativeRtmp rtmp = new NativeRtmp()) {",
                "    rtmp.setupUrl(\"rtmp://127.0.0.1/live/x\");", "    rtmp.connect();", "}", "```"));
        // one at a time: javac checks exceptions only where every name resolved
        FencedBlock first = page.blocks().get(0);
        FencedBlock second = page.blocks().get(1);
        String withoutImport = String.join("\n", compile(List.of(first), classes).getOrDefault(first, List.of()));
        assertTrue(withoutImport.contains("docs/example.md:4: cannot find symbol"), withoutImport);
        String uncaught = String.join("\n", compile(List.of(second), classes).getOrDefault(second, List.of()));
        assertTrue(uncaught.contains("docs/example.md:12: unreported exception org.nativertmp.RtmpException"),
                uncaught);
    }
}
