package org.nativertmp.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nativertmp.flv.FlvTag;

/** A transcript written as pcap is what Wireshark's own RTMP dissector reads back. */
class PcapExportTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void tsharkDecodesTheConnectCommandAndEveryMediaMessageOfAnExport() throws Exception {
        Path tshark = ExternalTools.require("tshark", "apt-get install tshark");
        List<FlvTag> tags = SampleFlv.tags(3, 40, 3000);
        Path flv = dir.resolve("in.flv");
        Files.write(flv, SampleFlv.file(tags));
        Path pcap = dir.resolve("publish.pcap");
        try (RtmpRecorderServer server = RtmpRecorderServer.start()) {
            LibrtmpClients.publishWithNativeRtmp(flv, server.url("live", "x"));
            WireTranscript t = server.awaitConnection("live", "x", TIMEOUT).transcript();
            t.writePcap(pcap);
        }
        Path out = dir.resolve("tshark.txt");
        ExternalTools.runOk(out, tshark.toString(), "-n", "-r", pcap.toString(), "-Y", "rtmpt", "-V");
        String text = Files.readString(out, StandardCharsets.UTF_8);
        assertTrue(text.contains("Transmission Control Protocol, Src Port: 1935"), "the server's side is on 1935");
        assertTrue(text.contains("String 'connect'"), () -> head(text));
        assertTrue(text.contains("String 'live'"), () -> head(text));
        assertTrue(text.contains("String 'publish'"), () -> head(text));
        assertTrue(text.contains("String 'NetStream.Publish.Start'"), "the server's side is decoded too");
        // Each media message once, with its header as the dissector reads it.
        assertEquals(20, count(text, "RTMP Header\\s+.*?Type ID: Video Data \\(0x09\\)"), () -> head(text));
        assertEquals(20, count(text, "RTMP Header\\s+.*?Type ID: Audio Data \\(0x08\\)"), () -> head(text));

        // Sequence and acknowledgement numbers as a real connection has them, and good checksums:
        // Wireshark flags nothing (no unseen segment acknowledged, no gap, no retransmission).
        Path flags = dir.resolve("tcp-analysis.txt");
        ExternalTools.runOk(flags, tshark.toString(), "-n", "-r", pcap.toString(), "-o", "tcp.check_checksum:TRUE",
                "-o", "ip.check_checksum:TRUE", "-Y", "tcp.analysis.flags || tcp.checksum.status == 0 || ip.checksum.status == 0");
        String flagged = Files.readString(flags, StandardCharsets.UTF_8);
        assertTrue(flagged.lines().noneMatch(l -> l.contains("TCP") || l.contains("RTMP")), flagged);
    }

    private static int count(String text, String regex) {
        Matcher m = Pattern.compile(regex, Pattern.DOTALL).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    private static String head(String text) {
        return text.length() > 4000 ? text.substring(0, 4000) : text;
    }
}
