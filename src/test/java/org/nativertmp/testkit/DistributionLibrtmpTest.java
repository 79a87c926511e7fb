package org.nativertmp.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nativertmp.flv.FlvReader;
import org.nativertmp.flv.FlvTag;

/**
 * Our build of librtmp puts the same bytes on the wire as the distribution's own (Debian's
 * librtmp1, built with GnuTLS): publishing through nrtmp-ref.c compiled against {@code -lrtmp},
 * playing through the {@code rtmpdump} program.
 *
 * <p>What is compared: the whole client transcript (every message's chunk stream, header type,
 * timestamp, type, stream id and payload, then the raw chunk bytes), ignoring C1's time and
 * random bytes and C2. The rtmpdump program sets two things a bare {@code RTMP_SetupURL}
 * does not: {@code flashVer "LNX 10,0,32,18"} in connect (librtmp's default, which only
 * {@code RTMP_SetupStream} applies) and a buffer time of 36 000 000 ms (librtmp's default is
 * 30 000), sent in its SetBufferLength user control message. Our side gets the same two
 * settings as librtmp URL options ({@code flashver=LNX\2010,0,32,18 buffer=36000000}), so
 * the rest is compared whole.
 */
class DistributionLibrtmpTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    /** rtmpdump's own settings as librtmp URL options: its default flashVer and DEF_BUFTIME (10 hours). */
    private static final String RTMPDUMP_SETTINGS = " flashver=LNX\\2010,0,32,18 buffer=36000000";

    @TempDir
    Path dir;

    /** nrtmp-ref.c compiled against the system's librtmp; needs gcc and librtmp-dev. */
    static Path systemLinkedClient(Path dir) throws Exception {
        Path gcc = ExternalTools.require("gcc", "apt-get install gcc");
        if (!Files.exists(Path.of("/usr/include/librtmp/rtmp.h"))) {
            ExternalTools.missing("librtmp's headers are not installed (apt-get install librtmp-dev)");
        }
        Path source = Path.of("native/tools/nrtmp-ref.c").toAbsolutePath();
        Path exe = Path.of("target", "nrtmp-ref-system").toAbsolutePath();
        ExternalTools.runOk(dir.resolve("gcc.log"), ExternalTools.command(gcc, "-O2", "-Wall", "-I/usr/include/librtmp",
                "-o", exe, source, "-lrtmp"));
        return exe;
    }

    @Test
    void publishingWithTheDistributionsLibrtmpSendsExactlyWhatOurBuildSends() throws Exception {
        Path system = systemLinkedClient(dir);
        Path ours = ExternalTools.nrtmpRef();
        Path flv = TestMedia.generateFlv(dir);
        try (RtmpRecorderServer server = RtmpRecorderServer.start()) {
            ExternalTools.runOk(dir.resolve("system.log"), ExternalTools.command(system, "publish", flv, server.url("live", "x")));
            RecordedConnection debian = server.awaitConnection(TIMEOUT);
            ExternalTools.runOk(dir.resolve("ours.log"), ExternalTools.command(ours, "publish", flv, server.url("live", "x")));
            RecordedConnection ourBuild = server.awaitConnection(TIMEOUT);

            assertEquals(ByteExactnessTest.PUBLISH_COMMANDS, debian.transcript().commandNames());
            ByteExactnessTest.assertSameWire(debian.transcript(), ourBuild.transcript());
            assertEquals(FlvReader.readAll(flv), debian.published().get("x"));
        }
    }

    @Test
    void playingWithRtmpdumpSendsExactlyWhatOurBuildSendsWithRtmpdumpsSettings() throws Exception {
        Path rtmpdump = ExternalTools.require("rtmpdump", "apt-get install rtmpdump");
        Path ours = ExternalTools.nrtmpRef();
        List<FlvTag> playable = FlvReader.readAll(TestMedia.generateFlv(dir));
        Path dumped = dir.resolve("rtmpdump.flv");
        Path read = dir.resolve("ours.flv");
        try (RtmpRecorderServer server = RtmpRecorderServer.start()) {
            server.addPlayable("x", playable);
            int rc = ExternalTools.run(dir.resolve("rtmpdump.log"),
                    ExternalTools.command(rtmpdump, "-r", server.url("vod", "x"), "-o", dumped));
            // 2: rtmpdump's "download may be incomplete", its guess when the last timestamp is
            // short of the metadata's duration; the tags are compared below.
            assertTrue(rc == 0 || rc == 2, () -> "rtmpdump exited " + rc + ":\n" + ExternalTools.readQuietly(dir.resolve("rtmpdump.log")));
            WireTranscript debian = server.awaitTranscript(TIMEOUT);
            ExternalTools.runOk(dir.resolve("ours.log"),
                    ExternalTools.command(ours, "play", server.url("vod", "x") + RTMPDUMP_SETTINGS, read));
            WireTranscript ourBuild = server.awaitTranscript(TIMEOUT);

            assertEquals(ByteExactnessTest.PLAY_COMMANDS, debian.commandNames(), debian::toText);
            ByteExactnessTest.assertSameWire(debian, ourBuild);
        }
        assertEquals(playable, FlvReader.readAll(dumped));
        assertEquals(playable, FlvReader.readAll(read));
    }
}
