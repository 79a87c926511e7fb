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
        // librtmp reports 2.3 for the 2.4 snapshot: both are named, as 'version' names them
        String librtmp = TraceCommandTest.runCli("version")[1].lines().toList().get(1);
        assertTrue(librtmp.startsWith("librtmp 2.3 (RTMP_LibVersion 0x020300), rtmpdump 2.4+20151223."), librtmp);
        assertTrue(out.startsWith("== native " + librtmp + "\n== publishes 41 FLV tags to rtmp://127.0.0.1:"), out);
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
