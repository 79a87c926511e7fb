package org.nativertmp.nativebuild;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nativertmp.support.RealPeers;

/**
 * native/fetch-rtmpdump.sh against a fake apt archive: which source package revision it
 * takes, and what it says when none fits or its tools are missing.
 */
class FetchRtmpdumpTest {
    private static final Path SCRIPT = Path.of("native/fetch-rtmpdump.sh").toAbsolutePath();

    @TempDir
    Path dir;
    private RtmpdumpPin pin;

    @BeforeEach
    void needDebianTools() throws IOException {
        for (String tool : List.of("apt-get", "dpkg-source", "dpkg-scansources", "tar")) {
            RealPeers.require(tool);
        }
        pin = RtmpdumpPin.read();
    }

    @Test
    void takesAnotherRevisionWhoseOrigTarballHasThePinnedChecksum() throws Exception {
        FakeSourceArchive archive = new FakeSourceArchive(dir, pin.version(), "the 2build3 tree");
        archive.addRevision("2build3");

        ScriptRun run = fetch(archive, pin.withOrigSha256(archive.origSha256())).assertSucceeded();

        assertTrue(run.output().contains("taking " + pin.version() + "-2build3"), run.output());
        assertEquals("/* the 2build3 tree */\n", Files.readString(dir.resolve("dest/rtmpdump/librtmp/rtmp.c")));
        assertEquals(archive.origSha256() + "\n", Files.readString(dir.resolve("dest/rtmpdump.sha256")));
    }

    @Test
    void prefersThePinnedRevisionWhenTheArchiveOffersItToo() throws Exception {
        FakeSourceArchive archive = new FakeSourceArchive(dir, pin.version(), "shared orig");
        archive.addRevision(pin.debianRevision());
        archive.addRevision(pin.debianRevision() + "build9");

        ScriptRun run = fetch(archive, pin.withOrigSha256(archive.origSha256())).assertSucceeded();

        String pinned = pin.version() + "-" + pin.debianRevision();
        assertTrue(run.output().contains("rtmpdump " + pinned + " unpacked"), run.output());
        assertFalse(run.output().contains("taking"), run.output());
    }

    @Test
    void refusesAnOrigTarballWithAnotherChecksumNamingWhatIsOfferedAndWhatToPass() throws Exception {
        FakeSourceArchive archive = new FakeSourceArchive(dir, pin.version(), "not the pinned snapshot");
        archive.addRevision("2build3");

        ScriptRun run = fetch(archive, pin);

        assertEquals(1, run.exitCode(), run.output());
        String message = run.lines().get(run.lines().size() - 1);
        assertTrue(message.contains("SHA-256 " + pin.origSha256()), message);
        assertTrue(message.contains("offered: " + pin.version() + "-2build3"), message);
        assertTrue(message.contains("-Drtmpdump.source=DIR"), message);
        assertFalse(Files.exists(dir.resolve("dest/rtmpdump")), "nothing unpacked");
    }

    @Test
    void withoutAptGetSaysSoInOneLineNamingRtmpdumpSource() throws Exception {
        Path bin = ScriptRun.pathWithOnly(dir.resolve("bin"), "bash", "dirname", "awk");

        ScriptRun run = ScriptRun.run(dir, List.of(bin.resolve("bash").toString(), SCRIPT.toString(),
                dir.resolve("dest").toString()), Map.of("PATH", bin.toString()));

        assertEquals(1, run.exitCode(), run.output());
        assertEquals(1, run.lines().size(), run.output());
        assertTrue(run.output().contains("'apt-get' not found"), run.output());
        assertTrue(run.output().contains("-Drtmpdump.source=DIR"), run.output());
    }

    private ScriptRun fetch(FakeSourceArchive archive, RtmpdumpPin testPin) throws Exception {
        Path pinFile = testPin.writeTo(dir.resolve("rtmpdump.properties"));
        return ScriptRun.run(dir, List.of("bash", SCRIPT.toString(), dir.resolve("dest").toString()),
                Map.of("NRTMP_RTMPDUMP_PIN", pinFile.toString(), "NRTMP_APT_ETC", archive.aptEtc().toString()));
    }
}
