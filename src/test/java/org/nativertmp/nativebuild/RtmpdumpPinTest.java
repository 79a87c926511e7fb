package org.nativertmp.nativebuild;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.nativertmp.internal.NativeLibraryLoader;

/** What names the librtmp snapshot agrees with native/rtmpdump.properties. */
class RtmpdumpPinTest {
    @Test
    void theJarReportsThePinnedSnapshot() throws Exception {
        String source = NativeLibraryLoader.librtmpSource();
        assertTrue(source.startsWith("rtmpdump " + RtmpdumpPin.read().version() + " "), source);
    }

    @Test
    void noticeNamesThePinnedSnapshot() throws Exception {
        RtmpdumpPin pin = RtmpdumpPin.read();
        String notice = Files.readString(Path.of("NOTICE"));
        assertTrue(notice.contains("rtmpdump " + pin.version() + " "), "NOTICE names another snapshot");
    }

    @Test
    void theChecksumIsWrittenInThePinFileOnly() throws Exception {
        String sha256 = RtmpdumpPin.read().origSha256();
        assertEquals(64, sha256.length(), sha256);
        List<Path> holders;
        try (Stream<Path> files = Files.walk(Path.of("."))) {
            holders = files.filter(f -> Files.isRegularFile(f) && !isBuildOutput(f))
                    .filter(f -> contains(f, sha256))
                    .map(f -> Path.of(".").relativize(f))
                    .toList();
        }
        assertEquals(List.of(RtmpdumpPin.FILE), holders);
    }

    private static boolean isBuildOutput(Path file) {
        return file.startsWith("./target") || file.startsWith("./dist") || file.startsWith("./.git");
    }

    private static boolean contains(Path file, String text) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).contains(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
