package org.nativertmp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nativertmp.support.HandshakeServer;
import org.nativertmp.support.RealPeers;

/**
 * Host names that resolve to IPv6 only, or to several addresses. The machine's own hosts file
 * has neither, so the CLI's {@code trace} runs in a child JVM in a private mount namespace
 * ({@code unshare -m}, as root) whose /etc/hosts is the test's own; the network is shared.
 */
class HostResolutionTest {
    @TempDir
    Path dir;

    @Test
    void aHostNameThatResolvesOnlyToIpv6Connects() throws Exception {
        try (HandshakeServer server = HandshakeServer.start(true)) {
            Result r = traceWithHosts("::1 v6only.nrtmp.test\n",
                    "rtmp://v6only.nrtmp.test:" + server.port() + "/live/x");
            assertEquals(0, r.exit, r.toString());
            assertTrue(r.stdout.contains("DEBUG: CCQ: addrinfo->ai_addrlen:28"), r.toString());
            assertTrue(r.stdout.contains("DEBUG: RTMP_Connect1, handshaked"), r.toString());
        }
    }

    @Test
    void everyResolvedAddressIsTriedInOrderAndTraced() throws Exception {
        // ::1 comes first (RFC 6724 order); the server listens on 127.0.0.1 only, so the first
        // address is refused and the second one connects.
        try (HandshakeServer server = HandshakeServer.start(false)) {
            Result r = traceWithHosts("::1 dual.nrtmp.test\n127.0.0.1 dual.nrtmp.test\n",
                    "rtmp://dual.nrtmp.test:" + server.port() + "/live/x");
            assertEquals(0, r.exit, r.toString());
            List<String> families = new ArrayList<>();
            for (String line : r.stdout.split("\n")) {
                if (line.startsWith("DEBUG: CCQ: addrinfo->ai_addr->sa_family:")) {
                    families.add(line.substring(line.lastIndexOf(':') + 1));
                }
            }
            assertEquals(2, families.size(), r.toString());
            assertTrue(r.stdout.contains("Connection refused"), r.toString());
            assertTrue(r.stdout.indexOf("Connection refused") < r.stdout.lastIndexOf("sa_family:2"), r.toString());
            assertTrue(r.stdout.contains("DEBUG: RTMP_Connect1, handshaked"), r.toString());
        }
    }

    @Test
    void aSecondIpv4AddressAfterARefusedOneStillSendsTheTcUrl() throws Exception {
        // librtmp's RTMP_Connect0 calls RTMP_Close on a refused connect, which frees the tcUrl
        // RTMP_SetupURL allocated (it does when the app comes from an option, as here) and the
        // playpath; the next address must still send them, not read freed memory.
        try (HandshakeServer server = HandshakeServer.startOn("127.0.0.2")) {
            String url = "rtmp://pair.nrtmp.test:" + server.port() + "/live/x app=other";
            Result r = traceWithHosts("127.0.0.1 pair.nrtmp.test\n127.0.0.2 pair.nrtmp.test\n", "--url-options", url);
            assertEquals(0, r.exit, r.toString());
            assertTrue(r.stdout.contains("ERROR: RTMP_Connect0, failed to connect socket. 111 (Connection refused)"),
                    r.toString());
            assertTrue(server.awaitReceived("rtmp://pair.nrtmp.test:" + server.port() + "/other",
                    java.time.Duration.ofSeconds(10)), "tcUrl sent; got " + server.receivedText());
        }
    }

    private static final class Result {
        int exit;
        String stdout;
        String stderr;

        @Override
        public String toString() {
            return "exit " + exit + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr;
        }
    }

    private Result traceWithHosts(String hosts, String... traceArguments) throws IOException, InterruptedException {
        String unshare = RealPeers.require("unshare", "/usr/bin/unshare");
        Path hostsFile = dir.resolve("hosts");
        Files.writeString(hostsFile, "127.0.0.1 localhost\n" + hosts, StandardCharsets.US_ASCII);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String script = "mount --bind \"$1\" /etc/hosts && shift && exec \"$@\"";
        List<String> command = new ArrayList<>(List.of(unshare, "-m", "sh", "-c", script, "sh",
                hostsFile.toString(), java, "-cp", System.getProperty("java.class.path"),
                "org.nativertmp.cli.Main", "trace"));
        command.addAll(List.of(traceArguments));
        Path out = dir.resolve("stdout");
        Path err = dir.resolve("stderr");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "child JVM finished");
        Result r = new Result();
        r.exit = p.exitValue();
        r.stdout = Files.readString(out);
        r.stderr = Files.readString(err);
        RealPeers.requireThat(!r.stderr.contains("unshare failed") && !r.stderr.contains("mount:"),
                "a private mount namespace is available (unshare -m, as root): " + r.stderr);
        return r;
    }
}
