package org.nativertmp.docs;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.nativertmp.docs.MarkdownPage.FencedBlock;

/**
 * A {@code java} block of the documentation as a compilation unit that javac can check, the way a
 * reader uses it: pasted into a class with {@code main}, with nothing imported that the block does
 * not import itself. The block's own lines stay on their own lines (from line 2), so that javac's
 * line numbers map back to the page; line 1 holds the package declaration.
 *
 * <ul>
 *   <li>A block that declares a top-level type ({@code class}, {@code record}, {@code interface},
 *       {@code enum}) is compiled as it is.</li>
 *   <li>Any other block is a sequence of statements: its {@code import} lines move to line 1 (a
 *       blank line stays in their place), and the rest becomes the body of
 *       {@code public static void main(String[] args)}, which declares no exception: a checked
 *       exception the block does not catch is an error, as in the reader's {@code main}.</li>
 * </ul>
 */
final class JavaSnippet {
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
            line1.append("public class ").append(className).append(" { public static void main(String[] args) {");
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
