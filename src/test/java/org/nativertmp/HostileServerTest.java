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
            expected.add(b.name());
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
}
