package org.nativertmp.docs;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.nativertmp.docs.MarkdownPage.FencedBlock;

/**
 * Compiles {@link JavaSnippet}s with the JDK's compiler against the test class path, snippet
 * {@code n} (from 1) in package {@code snippetN}, so that each can use only the public API, as a
 * reader's code would. Deprecated API is an error ({@code -Xlint:deprecation -Werror}): the docs
 * show the API to use.
 */
final class SnippetCompiler {
    private SnippetCompiler() {
    }

    /** The package snippet {@code n} (from 1) is compiled into. */
    static String packageOf(int n) {
        return "snippet" + n;
    }

    /**
     * Compiles the snippets into {@code classes}.
     *
     * @return javac's errors and warnings by block, each as {@code page:LINE: message}; no entry
     *         for a block that compiled cleanly
     */
    static Map<FencedBlock, List<String>> compile(List<JavaSnippet> snippets, Path classes) {
        List<SnippetSource> sources = new ArrayList<>();
        for (JavaSnippet snippet : snippets) {
            sources.add(new SnippetSource(snippet, sources.size() + 1));
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertNotNull(javac, "no Java compiler: the tests need a JDK, not a JRE");
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        List<String> options = List.of("--release", "17", "-proc:none", "-Xlint:deprecation,removal", "-Werror",
                "-classpath", System.getProperty("java.class.path"), "-d", classes.toString());
        javac.getTask(null, null, diagnostics, options, null, sources).call();
        Map<FencedBlock, List<String>> found = new HashMap<>();
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            if (d.getKind() == Diagnostic.Kind.NOTE) {
                continue;
            }
            if (d.getSource() instanceof SnippetSource s) {
                found.computeIfAbsent(s.snippet.block(), b -> new ArrayList<>())
                        .add(s.snippet.where(d.getLineNumber()) + ": " + d.getMessage(Locale.ROOT));
            } else if (d.getKind() == Diagnostic.Kind.ERROR) {
                // -Werror's summary and the like: charged to every block, so that it is not lost
                for (SnippetSource s : sources) {
                    found.computeIfAbsent(s.snippet.block(), b -> new ArrayList<>()).add(d.getMessage(Locale.ROOT));
                }
            }
        }
        return found;
    }

    /** A snippet as a source file in a package of its own. */
    private static final class SnippetSource extends SimpleJavaFileObject {
        final JavaSnippet snippet;
        private final String text;

        SnippetSource(JavaSnippet snippet, int number) {
            super(URI.create("string:///" + packageOf(number) + "/" + snippet.className() + Kind.SOURCE.extension),
                    Kind.SOURCE);
            this.snippet = snippet;
            // the package declaration shares line 1 with the default imports
            this.text = "package " + packageOf(number) + "; " + snippet.source();
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return text;
        }
    }
}
