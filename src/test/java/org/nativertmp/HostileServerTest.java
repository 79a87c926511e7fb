package org.nativertmp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.nativertmp.support.ChildJvm;
import org.nativertmp.support.HostileRtmpServer.Behaviour;

/**
 * Whatever a server sends, the result is an RtmpException within the timeout + 2 s, never a
 * crash or a hang; the instance closes and the next connection in the same JVM works. Every
 * behaviour of HostileRtmpServer (and a server that stops reading mid-publish) runs through play
 * and publish, all in one child JVM (HostileSessions), so that a crash fails this test.
 */
class HostileServerTest {
    private static final Pattern SESSION = Pattern.compile(
            "SESSION (\\S+) (\\S+) outcome=(\\S+) millis=(\\d+) close=(\\d+) next=(\\S+) header=(\\d+) :: (.*)");
    /** librtmp's HTTP_Post formats its request header into 512 bytes. */
    private static final int RTMPT_HEADER_BUFFER = 512;

    @TempDir
    Path dir;

    @TestFactory
    Stream<DynamicTest> everyHostileServerEndsInAnRtmpExceptionWithinTheTimeoutInOneJvm() throws Exception {
        ChildJvm.Result child = ChildJvm.run(dir, 600, List.of("-Xmx256m"), HostileSessions.class);
        System.out.println(child.stdout());
        List<DynamicTest> tests = new ArrayList<>();
        tests.add(DynamicTest.dynamicTest("the child JVM ran every session and did not crash", () -> {
            assertFalse(child.crashed(), child.toString());
            assertEquals(0, child.exit(), child.toString());
            assertTrue(child.stdout().contains("DONE"), child.toString());
        }));
        Map<String, Matcher> sessions = new TreeMap<>();
        for (String line : child.stdout().split("\n")) {
            Matcher m = SESSION.matcher(line);
            if (m.matches()) {
                sessions.put(m.group(1) + " " + m.group(2), m);
            }
        }
        List<String> expected = new ArrayList<>();
        for (Behaviour b : Behaviour.values()) {
            if (!b.deadlineCase()) {
                expected.add(b.name());
            }
        }
        expected.add(HostileSessions.STOPS_READING);
        long bound = HostileSessions.TIMEOUT.toMillis() + 2000;
        for (String name : expected) {
            for (HostileSessions.Role role : HostileSessions.Role.values()) {
                String key = name + " " + role;
                tests.add(DynamicTest.dynamicTest(key, () -> {
                    Matcher m = sessions.get(key);
                    assertTrue(m != null, "no result for " + key + ": " + child);
                    String line = m.group(0);
                    if (name.equals(HostileSessions.CONNECT_ONLY)) {
                        assertEquals("none", m.group(3), "connecting to a flooding server: " + line);
                    } else {
                        assertTrue(m.group(3).startsWith("Rtmp") && m.group(3).endsWith("Exception"),
                                "an RtmpException: " + line);
                        assertTrue(Long.parseLong(m.group(4)) <= bound, "within " + bound + " ms: " + line);
                    }
                    assertTrue(Long.parseLong(m.group(5)) <= 2000, "close() returned within 2 s: " + line);
                    assertEquals("ok", m.group(6), "the next connection works: " + line);
                    assertTrue(Integer.parseInt(m.group(7)) <= RTMPT_HEADER_BUFFER,
                            "no HTTP request header longer than librtmp's buffer: " + line);
                    if (name.equals(Behaviour.UNFINISHED_MESSAGES.name())) {
                        assertTrue(m.group(8).contains("would take the unfinished messages past"),
                                "librtmp closed at its bound, before the timeout: " + line);
                    }
                }));
            }
        }
        return tests.stream();
    }

    /** How a call that ran out of time says which deadline it was. */
    private static final Pattern DEADLINE_NAMED = Pattern.compile("timed out (after \\d+ ms \\(the (connect|stream setup|media)"
            + " timeout\\)|waiting for the server \\(the receive timeout)");
    private static final Pattern CASE = Pattern.compile(
            "CASE (\\S+) (\\S+) (\\S+) (\\S+) outcome=(\\S+) millis=(\\d+) bound=(\\d+) close=(\\d+) next=(\\S+)"
                    + " leaked=(\\d+),(\\d+) :: (.*)");

    /**
     * The deadlines: a server that talks but never answers connect, createStream or the start of
     * the stream; one that dribbles the RTMPT open or the TLS handshake, or keeps RTMPT idle; one
     * that only pings once the stream started: over rtmp, rtmpt, rtmps and rtmpts (each that
     * applies), through play and publish, the API and the CLI. Each call ends by its deadline +
     * 2 s in an RtmpException (the CLI: exit 1) that says which deadline it was, close() returns
     * at once, the next connection works, no thread or descriptor is left behind.
     */
    @TestFactory
    Stream<DynamicTest> everyCallEndsByItsDeadlineWhateverTheServerSendsOverEveryTransport() throws Exception {
        ChildJvm.Result child = ChildJvm.run(dir.resolve("deadlines"), 900,
                List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:-UseDynamicNumberOfCompilerThreads"), DeadlineSessions.class);
        System.out.println(child.stdout());
        List<DynamicTest> tests = new ArrayList<>();
        tests.add(DynamicTest.dynamicTest("the child JVM ran every case and did not crash", () -> {
            assertFalse(child.crashed(), child.toString());
            assertEquals(0, child.exit(), child.toString());
            assertTrue(child.stdout().contains("DONE"), child.toString());
        }));
        Map<String, Matcher> cases = new TreeMap<>();
        for (String line : child.stdout().split("\n")) {
            Matcher m = CASE.matcher(line);
            if (m.matches()) {
                cases.put(m.group(1) + " " + m.group(2) + " " + m.group(3) + " " + m.group(4), m);
            }
        }
        for (Behaviour b : Behaviour.values()) {
            if (!b.deadlineCase()) {
                continue;
            }
            for (DeadlineSessions.Transport t : DeadlineSessions.transports(b)) {
                for (DeadlineSessions.Role role : DeadlineSessions.Role.values()) {
                    for (DeadlineSessions.Via via : DeadlineSessions.Via.values()) {
                        String key = b + " " + t + " " + role + " " + via;
                        tests.add(DynamicTest.dynamicTest(key, () -> {
                            Matcher m = cases.get(key);
                            assertTrue(m != null, "no result for " + key + ": " + child);
                            String line = m.group(0);
                            String outcome = m.group(5);
                            if (via == DeadlineSessions.Via.API) {
                                assertTrue(outcome.startsWith("Rtmp") && outcome.endsWith("Exception"),
                                        "an RtmpException: " + line);
                            } else {
                                assertEquals("exit=1", outcome, "the CLI exits 1: " + line);
                            }
                            assertTrue(Long.parseLong(m.group(6)) <= Long.parseLong(m.group(7)),
                                    "ended by the deadline + 2 s: " + line);
                            assertTrue(DEADLINE_NAMED.matcher(m.group(12)).find(), "the message names the deadline: " + line);
                            assertTrue(Long.parseLong(m.group(8)) <= 2000, "close() returned within 2 s: " + line);
                            assertEquals("ok", m.group(9), "the next connection works: " + line);
                            assertEquals("0", m.group(10), "no thread left behind: " + line);
                            assertEquals("0", m.group(11), "no descriptor left behind: " + line);
                        }));
                    }
                }
            }
        }
        return tests.stream();
    }
}
