package org.nativertmp.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The Maven fragment of docs/comparing.md that sets up Red5's client is the one this build
 * resolves with: the same Red5 and MINA dependencies, versions and exclusions as pom.xml, whose
 * test classpath every build resolves (Red5's own pom asks for MINA bundles that exist nowhere).
 */
class Red5FragmentTest {
    private static final String MARKER = "<!-- checked against pom.xml by src/test/java/org/nativertmp/docs/Red5FragmentTest.java -->";

    @Test
    void theFragmentIsThePomsRed5Setup() throws Exception {
        String page = Files.readString(Path.of("docs", "comparing.md"));
        int marker = page.indexOf(MARKER);
        assertFalse(marker < 0, "docs/comparing.md lost its Red5 fragment");
        int start = page.indexOf("```xml\n", marker) + "```xml\n".length();
        String fragment = page.substring(start, page.indexOf("```", start));
        Map<String, String> documented = dependencies(parse("<dependencies>" + fragment + "</dependencies>"), Map.of());

        Element pom = parse(Files.readString(Path.of("pom.xml")));
        Map<String, String> properties = new TreeMap<>();
        Node props = pom.getElementsByTagName("properties").item(0);
        for (Node n = props.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                properties.put(e.getTagName(), e.getTextContent().trim());
            }
        }
        Map<String, String> built = dependencies(pom, properties);
        built.keySet().removeIf(key -> !key.startsWith("org.red5:") && !key.startsWith("org.apache.mina:"));
        assertEquals(built, documented);
    }

    private static Element parse(String xml) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8))).getDocumentElement();
    }

    /** group:artifact to "version scope [excluded group:artifact ...]", properties substituted. */
    private static Map<String, String> dependencies(Element root, Map<String, String> properties) {
        Map<String, String> found = new TreeMap<>();
        NodeList all = root.getElementsByTagName("dependency");
        for (int i = 0; i < all.getLength(); i++) {
            Element d = (Element) all.item(i);
            if (d.getParentNode().getNodeName().equals("dependencies")
                    && !d.getParentNode().getParentNode().getNodeName().equals("plugin")) {
                List<String> exclusions = new ArrayList<>();
                NodeList ex = d.getElementsByTagName("exclusion");
                for (int j = 0; j < ex.getLength(); j++) {
                    Element e = (Element) ex.item(j);
                    exclusions.add(child(e, "groupId") + ":" + child(e, "artifactId"));
                }
                String version = child(d, "version");
                if (version.startsWith("${")) {
                    version = properties.getOrDefault(version.substring(2, version.length() - 1), version);
                }
                found.put(child(d, "groupId") + ":" + child(d, "artifactId"),
                        version + " " + child(d, "scope") + " " + new TreeSet<>(exclusions));
            }
        }
        return found;
    }

    private static String child(Element e, String name) {
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c && c.getTagName().equals(name)) {
                return c.getTextContent().trim();
            }
        }
        return "";
    }
}
