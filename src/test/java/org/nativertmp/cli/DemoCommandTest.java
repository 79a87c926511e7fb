package org.nativertmp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DemoCommandTest {
    @Test
    void demoPublishesToTheInProcessRecorderAndShowsWhatItSaw() {
        String[] r = TraceCommandTest.runCli("demo", "--tags", "40");
        assertEquals("0", r[0], r[1] + r[2]);
        String out = r[1];
        assertTrue(out.contains("DEBUG: CCQ: RTMP_Connect1, r->Link.protocol:16"), out);
        assertTrue(out.contains("DEBUG: RTMP_Connect1, handshaked"), out);
        assertTrue(out.contains("C0+C1 1537 bytes\nS0+S1+S2 3073 bytes\nC2 1536 bytes"), out);
        for (String command : new String[] {"connect(1) {app:\"live\"", "createStream(", "publish(", "deleteStream("}) {
            assertTrue(out.contains(command), command + " in\n" + out);
        }
        assertTrue(out.contains("video    20 tags"), out);
        assertTrue(out.contains("recorded by the server: 41 tags, every payload identical to what was sent"), out);
    }
}
