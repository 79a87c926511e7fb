package org.nativertmp.docs;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.nativertmp.docs.MarkdownPage.FencedBlock;

/**
 * A {@code java} block of the documentation as a compilation unit that javac can check. The
 * block's own lines stay on their own lines (from line 2), so that javac's line numbers map
 * back to the page; line 1 holds the imports every snippet may use without writing them.
 *
 * <ul>
 *   <li>A block that declares a top-level type ({@code class}, {@code record}, {@code interface},
 *       {@code enum}) is compiled as it is, after those imports.</li>
 *   <li>Any other block is a sequence of statements: its {@code import} lines move to line 1 (a
 *       blank line stays in their place), and the rest becomes the body of a method that may
 *       throw any exception.</li>
 * </ul>
 */
final class JavaSnippet {
    /** What a reader of the docs can take as imported. */
    static final List<String> DEFAULT_IMPORTS = List.of(
            "java.io.*", "java.nio.file.*", "java.time.*", "java.util.*", "java.util.concurrent.*",
            "org.nativertmp.*");

    private static final Pattern TYPE_DECLARATION = Pattern.compile(
            "^(?:public\\s+|final\\s+|abstract\\s+)*(class|record|interface|enum)\\s+(\\w+)", Pattern.MULTILINE);
    private static final Pattern IMPORT = Pattern.compile("^\\s*import\\s+(static\\s+)?[\\w.*]+\\s*;\\s*$");

    private final FencedBlock block;
    private final String className;
    private final String source;

    JavaSnippet(FencedBlock block, int number) {
        this.block = block;
        String text = String.join("\n", block.lines());
        Matcher type = TYPE_DECLARATION.matcher(text);
        StringBuilder line1 = new StringBuilder();
        DEFAULT_IMPORTS.forEach(i -> line1.append("import ").append(i).append("; "));
        if (type.find()) {
            className = type.group(2);
            source = line1 + "\n" + text + "\n";
        } else {
            className = "Snippet" + number;
            List<String> body = new ArrayList<>();
            for (String line : block.lines()) {
                if (IMPORT.matcher(line).matches()) {
                    line1.append(line.strip()).append(' ');
                    body.add("");
                } else {
                    body.add(line);
                }
            }
            line1.append("final class ").append(className).append(" { void run() throws Exception {");
            source = line1 + "\n" + String.join("\n", body) + "\n}}\n";
        }
    }

    FencedBlock block() {
        return block;
    }

    /** The name of the class javac sees; the file must carry it when the class is public. */
    String className() {
        return className;
    }

    String source() {
        return source;
    }

    /** Where javac's line is in the page: {@code docs/using.md:42}. */
    String where(long javacLine) {
        long index = Math.max(0, Math.min(javacLine - 2, block.lines().size() - 1));
        return block.where((int) index);
    }
}
