package org.nativertmp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.nativertmp.support.RealPeers;

/**
 * The name lookup counts inside the connect's deadline, for rtmp, rtmpt and rtmps alike: with a
 * resolver that never answers or answers after 8 s, connect() ends by its timeout saying the name
 * did not resolve; close() from another thread ends it at once; a lookup answered in time
 * connects (so the lookups really go to that resolver); the lookups' threads end once the
 * resolver gives up. ResolveSessions runs in a child JVM in a private mount namespace
 * ({@code unshare -m}, as root) whose resolv.conf names a DNS server of the test's own on
 * 127.0.0.59; the network is shared.
 */
class NameResolutionDeadlineTest {
    private static final Pattern LINE = Pattern.compile(
            "RESOLVE (\\S+) (\\S+) outcome=(\\S+) millis=(\\d+) :: (.*)");
    private static final Pattern RESOURCES = Pattern.compile("RESOURCES leaked=(\\d+),(\\d+)");
    private static final long SLACK_MILLIS = 2000;

    @TempDir
    Path dir;

    @TestFactory
    Stream<DynamicTest> aLookupEndsWithTheConnectTimeoutOrClose() throws Exception {
        String output = runChild();
        Map<String, Matcher> lines = new TreeMap<>();
        for (String line : output.split("\n")) {
            Matcher m = LINE.matcher(line);
            if (m.matches()) {
                lines.put(m.group(1) + " " + m.group(2), m);
            }
        }
        List<DynamicTest> tests = new ArrayList<>();
        tests.add(DynamicTest.dynamicTest("the child ran every case", () -> assertTrue(output.contains("DONE"), output)));
        for (String scheme : List.of("rtmp", "rtmpt", "rtmps")) {
            for (ResolveSessions.Case c : ResolveSessions.Case.values()) {
                String key = scheme + " " + c;
                tests.add(DynamicTest.dynamicTest(key, () -> {
                    Matcher m = lines.get(key);
                    assertTrue(m != null, "no result for " + key + ":\n" + output);
                    String line = m.group(0);
                    long millis = Long.parseLong(m.group(4));
                    String message = m.group(5);
                    switch (c) {
                        case NEVER_ANSWERS, ANSWERS_AFTER_8_S -> {
                            assertEquals("RtmpException", m.group(3), line);
                            assertTrue(millis <= ResolveSessions.CONNECT_TIMEOUT.toMillis() + SLACK_MILLIS, line);
                            assertTrue(message.contains("did not resolve"), line);
                            assertTrue(message.contains("timed out after " + ResolveSessions.CONNECT_TIMEOUT.toMillis()), line);
                        }
                        case CLOSED_WHILE_LOOKING_UP -> {
                            assertEquals("RtmpException", m.group(3), line);
                            assertTrue(millis <= ResolveSessions.CLOSE_AFTER_MILLIS + 1000, "ended at the close: " + line);
                            assertTrue(message.contains("interrupted"), line);
                        }
                        case ANSWERS_IN_TIME -> {
                            assertEquals("none", m.group(3), "connected and published: " + line);
                            assertTrue(millis >= ResolveSessions.PROMPT_ANSWER_MILLIS, "the answer's delay shows: " + line);
                        }
                    }
                }));
            }
        }
        tests.add(DynamicTest.dynamicTest("no thread or descriptor is left once the lookups ended", () -> {
            Matcher m = RESOURCES.matcher(output);
            assertTrue(m.find(), output);
            assertEquals("0", m.group(1), "threads: " + m.group(0));
            assertEquals("0", m.group(2), "descriptors: " + m.group(0));
        }));
        return tests.stream();
    }

    /** ResolveSessions under unshare -m, with resolv.conf (and the hosts line of nsswitch.conf) of the test's own. */
    private String runChild() throws Exception {
        String unshare = RealPeers.require("unshare", "/usr/bin/unshare");
        Path resolv = dir.resolve("resolv.conf");
        Files.writeString(resolv, "nameserver " + ResolveSessions.DNS.getHostAddress() + "\noptions timeout:"
                + ResolveSessions.RESOLVER_TIMEOUT_SECONDS + " attempts:1\n", StandardCharsets.US_ASCII);
        Path nsswitch = dir.resolve("nsswitch.conf");
        Files.writeString(nsswitch, "hosts: files dns\n", StandardCharsets.US_ASCII);
        Path work = Files.createDirectories(dir.resolve("child"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String script = "mount --bind \"$1\" /etc/resolv.conf && mount --bind \"$2\" /etc/nsswitch.conf"
                + " && shift 2 && exec \"$@\"";
        List<String> command = new ArrayList<>(List.of(unshare, "-m", "sh", "-c", script, "sh", resolv.toString(),
                nsswitch.toString(), java, "-Xmx256m", "-XX:+UseSerialGC", "-XX:-UseDynamicNumberOfCompilerThreads",
                "-cp", System.getProperty("java.class.path"), ResolveSessions.class.getName()));
        Path out = dir.resolve("stdout");
        Path err = dir.resolve("stderr");
        Process p = new ProcessBuilder(command).directory(work.toFile()).redirectOutput(out.toFile())
                .redirectError(err.toFile()).start();
        boolean ended = p.waitFor(600, TimeUnit.SECONDS);
        if (!ended) {
            p.destroyForcibly();
        }
        String stdout = Files.readString(out);
        String stderr = Files.readString(err);
        RealPeers.requireThat(!stderr.contains("unshare failed") && !stderr.contains("mount:"),
                "a private mount namespace is available (unshare -m, as root): " + stderr);
        assertTrue(ended, "the child ended:\n" + stdout + "\n" + stderr);
        assertFalse(stderr.contains("SIGSEGV"), stderr);
        System.out.println(stdout);
        return stdout + "\n--- stderr\n" + stderr;
    }
}
