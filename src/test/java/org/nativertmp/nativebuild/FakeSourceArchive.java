package org.nativertmp.nativebuild;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.nativertmp.support.RealPeers;

/**
 * A flat apt repository of rtmpdump source packages, as a distribution's archive offers them:
 * one orig tarball (holding {@code librtmp/rtmp.c} with a marker line) and a .dsc and
 * .debian.tar.xz per Debian revision, built by {@code dpkg-source -b} and indexed by
 * {@code dpkg-scansources}.
 */
final class FakeSourceArchive {
    private final Path repo;
    private final String upstreamVersion;
    private final Path tree;

    FakeSourceArchive(Path dir, String upstreamVersion, String marker) throws IOException, InterruptedException {
        this.repo = Files.createDirectories(dir.resolve("repo"));
        this.upstreamVersion = upstreamVersion;
        String treeName = "rtmpdump-" + upstreamVersion;
        this.tree = repo.resolve(treeName);
        Files.createDirectories(tree.resolve("librtmp"));
        Files.writeString(tree.resolve("librtmp/rtmp.c"), "/* " + marker + " */\n");
        ScriptRun.run(repo, List.of("tar", "-czf", origTarball().toString(), treeName), Map.of()).assertSucceeded();
    }

    Path origTarball() {
        return repo.resolve("rtmpdump_" + upstreamVersion + ".orig.tar.gz");
    }

    String origSha256() throws IOException {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(origTarball()));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    /** Adds the source package {@code rtmpdump <upstream version>-<revision>}. */
    void addRevision(String revision) throws IOException, InterruptedException {
        Path debian = Files.createDirectories(tree.resolve("debian/source"));
        Files.writeString(debian.resolve("format"), "3.0 (quilt)\n");
        Files.writeString(tree.resolve("debian/control"), String.join("\n",
                "Source: rtmpdump",
                "Maintainer: Test <test@example.org>",
                "",
                "Package: librtmp1",
                "Architecture: any",
                "Description: test package",
                " test package",
                ""));
        Files.writeString(tree.resolve("debian/changelog"), String.join("\n",
                "rtmpdump (" + upstreamVersion + "-" + revision + ") unstable; urgency=medium",
                "",
                "  * Test package.",
                "",
                " -- Test <test@example.org>  Mon, 30 Nov 2026 00:00:00 +0000",
                ""));
        ScriptRun.run(repo, List.of(RealPeers.require("dpkg-source"), "-b", tree.getFileName().toString()), Map.of())
                .assertSucceeded();
    }

    /**
     * Writes the archive's Sources index and a folder in the layout of /etc/apt whose
     * sources.list names the archive; returns that folder.
     */
    Path aptEtc() throws IOException, InterruptedException {
        ScriptRun.run(repo, List.of("bash", "-c", RealPeers.require("dpkg-scansources") + " . > Sources"), Map.of())
                .assertSucceeded();
        Path etc = Files.createDirectories(repo.resolveSibling("etc-apt"));
        Files.writeString(etc.resolve("sources.list"), "deb [trusted=yes] file:" + repo + " ./\n",
                StandardCharsets.UTF_8);
        return etc;
    }
}
