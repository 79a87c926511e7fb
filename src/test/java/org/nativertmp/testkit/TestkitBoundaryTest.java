package org.nativertmp.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The kit ships as its own jar beside the library (pom.xml): the library must not name it, the
 * kit must use only the library's public packages, and only its junit package may need JUnit.
 */
class TestkitBoundaryTest {
    private static final Path SOURCES = Path.of("src", "main", "java", "org", "nativertmp");

    private static List<String> filesUnder(Path dir, String mentioning, Path... except) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> Stream.of(except).noneMatch(p::startsWith))
                    .filter(p -> read(p).contains(mentioning))
                    .map(Path::toString).sorted().toList();
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void theLibraryNamesNoTestkitClass() throws IOException {
        assertEquals(List.of(), filesUnder(SOURCES, "org.nativertmp.testkit", SOURCES.resolve("testkit"), SOURCES.resolve("cli")));
    }

    @Test
    void theTestkitUsesNeitherTheLibrarysInternalsNorTheCli() throws IOException {
        assertEquals(List.of(), filesUnder(SOURCES.resolve("testkit"), "org.nativertmp.internal"));
        assertEquals(List.of(), filesUnder(SOURCES.resolve("testkit"), "org.nativertmp.cli"));
    }

    @Test
    void onlyTheJunitPackageNeedsJunit() throws IOException {
        Path junit = SOURCES.resolve("testkit").resolve("junit");
        assertEquals(List.of(), filesUnder(SOURCES.resolve("testkit"), "org.junit", junit));
        assertEquals(List.of(), filesUnder(SOURCES.resolve("testkit"), "org.opentest4j", junit));
    }
}
