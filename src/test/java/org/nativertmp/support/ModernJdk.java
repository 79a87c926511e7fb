package org.nativertmp.support;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * A JDK of 21 or later for the virtual-thread tests, while the build itself runs on 17:
 * {@code NRTMP_JDK21_HOME} when set (.ci/run sets it), else the newest JDK of 21 or later under
 * {@code /usr/lib/jvm}, as its {@code release} file says. On CI a machine without one fails the
 * tests that need it; elsewhere they are skipped.
 */
public final class ModernJdk {
    public static final String ENV = "NRTMP_JDK21_HOME";
    private static final Path SYSTEM_JDKS = Path.of("/usr/lib/jvm");

    private ModernJdk() {
    }

    /** The JDK's home folder; fails on CI, skips elsewhere, when there is none. */
    public static Path require() {
        Optional<Path> found = find();
        RealPeers.requireThat(found.isPresent(), "no JDK 21 or later: set " + ENV
                + " or install one under " + SYSTEM_JDKS + " (.ci/run looks there)");
        return found.get();
    }

    static Optional<Path> find() {
        String set = System.getenv(ENV);
        if (set != null && !set.isBlank()) {
            Path home = Path.of(set);
            if (feature(home) < 21) {
                throw new AssertionError(ENV + "=" + set + " is not a JDK of 21 or later (its release file says "
                        + feature(home) + ")");
            }
            return Optional.of(home);
        }
        if (!Files.isDirectory(SYSTEM_JDKS)) {
            return Optional.empty();
        }
        try (Stream<Path> homes = Files.list(SYSTEM_JDKS)) {
            return homes.filter(h -> !Files.isSymbolicLink(h) && feature(h) >= 21
                            && Files.isExecutable(h.resolve("bin").resolve("java")))
                    .max(Comparator.comparingInt(ModernJdk::feature));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The feature release (17, 21, 25...) in {@code home/release}, or 0 when unreadable. */
    static int feature(Path home) {
        Properties release = new Properties();
        try (InputStream in = Files.newInputStream(home.resolve("release"))) {
            release.load(in);
        } catch (IOException e) {
            return 0;
        }
        String version = release.getProperty("JAVA_VERSION", "").replace("\"", "");
        try {
            return Integer.parseInt(version.split("[.+-]")[0]);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
