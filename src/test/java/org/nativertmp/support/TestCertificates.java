package org.nativertmp.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A certificate authority and a server certificate for {@code localhost} (and nothing else: not
 * 127.0.0.1), made with openssl at test time in a folder: {@link #caPem()}, {@link #serverPem()},
 * {@link #serverKey()}, and the two in a PKCS#12 key store for a JDK server
 * ({@link #serverKeyStore()}, password {@link #KEY_STORE_PASSWORD}). EC P-256 keys, valid for
 * two days.
 */
public final class TestCertificates {
    public static final String NAME = "localhost";
    public static final String KEY_STORE_PASSWORD = "native-rtmp";
    private final Path dir;

    private TestCertificates(Path dir) {
        this.dir = dir;
    }

    /** Makes them; fails on CI and skips elsewhere when openssl is missing. */
    public static TestCertificates make(Path dir) throws IOException, InterruptedException {
        String openssl = RealPeers.require("openssl", "/usr/bin/openssl");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("server.ext"), "subjectAltName=DNS:" + NAME + "\n"
                + "basicConstraints=CA:FALSE\nkeyUsage=digitalSignature\nextendedKeyUsage=serverAuth\n",
                StandardCharsets.US_ASCII);
        List<String> ec = List.of("-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes");
        run(dir, openssl, with(List.of("req", "-x509", "-days", "2", "-subj", "/CN=native-rtmp test CA",
                "-keyout", "ca.key", "-out", "ca.pem"), ec));
        run(dir, openssl, with(List.of("req", "-subj", "/CN=" + NAME, "-keyout", "server.key", "-out", "server.csr"), ec));
        run(dir, openssl, List.of("x509", "-req", "-days", "2", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
                "-CAcreateserial", "-extfile", "server.ext", "-out", "server.pem"));
        run(dir, openssl, List.of("pkcs12", "-export", "-in", "server.pem", "-inkey", "server.key", "-name", NAME,
                "-passout", "pass:" + KEY_STORE_PASSWORD, "-out", "server.p12"));
        return new TestCertificates(dir);
    }

    private static List<String> with(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static void run(Path dir, String openssl, List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(openssl);
        command.addAll(args);
        Path log = dir.resolve("openssl.log");
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", command) + " failed: " + Files.readString(log));
        }
    }

    public Path caPem() {
        return dir.resolve("ca.pem");
    }

    public Path serverPem() {
        return dir.resolve("server.pem");
    }

    public Path serverKey() {
        return dir.resolve("server.key");
    }

    public Path serverKeyStore() {
        return dir.resolve("server.p12");
    }
}
