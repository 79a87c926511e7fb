package org.nativertmp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.nativertmp.support.RealPeers;

/**
 * The libraries that ship are built hardened (CMakeLists.txt): read back from the built files
 * in target/native, for every platform built there.
 */
class NativeHardeningTest {
    private static final Path NATIVE = Path.of("target", "native");
    /** PE optional header DllCharacteristics bits (Microsoft PE format, "DLL Characteristics"). */
    private static final int DYNAMIC_BASE = 0x0040;
    private static final int NX_COMPAT = 0x0100;

    @Test
    void linuxLibrariesHaveRelroBindNowStackProtectorAndFortifiedCalls() throws Exception {
        List<Path> libraries = builtLibraries("linux-", "libnativertmp.so");
        RealPeers.requireThat(!libraries.isEmpty() || !isLinux(), "no Linux library in " + NATIVE);
        String readelf = RealPeers.require("readelf");
        for (Path so : libraries) {
            String segments = run(readelf, "-lW", so.toString());
            String dynamic = run(readelf, "-dW", so.toString());
            String symbols = run(readelf, "--dyn-syms", "-W", so.toString());
            assertTrue(segments.contains("GNU_RELRO"), so + ": no GNU_RELRO segment\n" + segments);
            assertTrue(dynamic.contains("BIND_NOW") || dynamic.contains("Flags: NOW"),
                    so + ": not linked with -z now\n" + dynamic);
            assertTrue(symbols.contains("__stack_chk_fail"), so + ": no stack protector");
            assertTrue(symbols.matches("(?s).*__\\w+_chk@.*"), so + ": no fortified libc call");
        }
    }

    @Test
    void windowsLibraryHasAslrAndDepAndNeedsNoLibssp() throws IOException {
        for (Path dll : builtLibraries("win32-", "nativertmp.dll")) {
            byte[] image = Files.readAllBytes(dll);
            ByteBuffer pe = ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN);
            int header = pe.getInt(0x3c);
            assertEquals(0x00004550, pe.getInt(header), dll + ": no PE signature");
            // COFF header (20 bytes) after the signature, then the optional header; its
            // DllCharacteristics field is at offset 70 for PE32 and PE32+ alike.
            int characteristics = pe.getShort(header + 4 + 20 + 70) & 0xffff;
            assertEquals(DYNAMIC_BASE | NX_COMPAT, characteristics & (DYNAMIC_BASE | NX_COMPAT),
                    dll + ": DllCharacteristics 0x" + Integer.toHexString(characteristics));
            String text = new String(image, StandardCharsets.ISO_8859_1).toLowerCase();
            assertFalse(text.contains("libssp-0.dll"), dll + " imports libssp-0.dll, which is not shipped");
        }
    }

    private static boolean isLinux() {
        return System.getProperty("os.name").toLowerCase().contains("linux");
    }

    private static List<Path> builtLibraries(String platformPrefix, String fileName) throws IOException {
        List<Path> found = new ArrayList<>();
        if (!Files.isDirectory(NATIVE)) {
            return found;
        }
        try (var platforms = Files.list(NATIVE)) {
            for (Path p : (Iterable<Path>) platforms::iterator) {
                Path library = p.resolve(fileName);
                if (p.getFileName().toString().startsWith(platformPrefix) && Files.isRegularFile(library)) {
                    found.add(library);
                }
            }
        }
        return found;
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), String.join(" ", command) + " did not finish");
        assertEquals(0, p.exitValue(), String.join(" ", command) + "\n" + out);
        return out;
    }
}
