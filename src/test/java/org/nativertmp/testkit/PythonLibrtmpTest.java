package org.nativertmp.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nativertmp.NativeRtmp;
import org.nativertmp.RtmpEventListener;
import org.nativertmp.RtmpException;
import org.nativertmp.RtmpPacket;
import org.nativertmp.ServerCommand;
import org.nativertmp.amf0.Amf0;

/**
 * The same session through Debian's python-librtmp (python3-librtmp, on the distribution's
 * librtmp1) and through NativeRtmp: a remote call, a method the server invokes answered by a
 * handler, a second call, a packet sent as given. Both get the same answers, and the scripted
 * server receives the same bytes from both (the whole transcript after the handshake's time and
 * random bytes: {@link ByteExactnessTest#assertSameWire}).
 */
class PythonLibrtmpTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    /** Debian's python3, where python3-librtmp is installed (another python3 on PATH may lack it). */
    private static final Path DEBIAN_PYTHON = Path.of("/usr/bin/python3");
    private static final Path SESSION = Path.of("native/test/python-librtmp-session.py");

    @TempDir
    Path dir;

    static ServerScript script() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("fmsVer", "FMS/3,5,7,7009");
        return ServerScript.builder().awaitCommand("connect")
                .send(ServerMessage.control(RtmpSpec.WINDOW_ACK_SIZE, 2_500_000))
                .reply(properties, ServerMessage.status("status", "NetConnection.Connect.Success", "ok"))
                .awaitCommand("getAnswer").reply(null, "forty-two")
                .awaitCommand("last")
                .send(ServerMessage.command("onCustom", 7.0, null, "hello"))
                .await("the answer to onCustom", m -> "_result".equals(name(m)))
                .reply(null, "done")
                .await("the client's own packet", m -> "fromJava".equals(name(m)))
                .build();
    }

    @Test
    void theSameCallsHandlerAndPacketPutTheSameBytesOnTheWireAsPythonLibrtmp() throws Exception {
        if (!Files.isExecutable(DEBIAN_PYTHON) || ExternalTools.run(dir.resolve("probe.log"),
                ExternalTools.command(DEBIAN_PYTHON, "-c", "import librtmp")) != 0) {
            ExternalTools.missing("python-librtmp is not installed (apt-get install python3-librtmp)");
        }
        try (ScriptedRtmpServer server = ScriptedRtmpServer.start(script())) {
            String url = server.url("app", "stream");
            Path log = dir.resolve("python.log");
            ExternalTools.runOk(log, ExternalTools.command(DEBIAN_PYTHON, SESSION.toAbsolutePath(), url));
            assertEquals(List.of("forty-two", "done"), Files.readAllLines(log).stream()
                    .filter(l -> !l.startsWith("DEBUG") && !l.isBlank()).toList(), ExternalTools.readQuietly(log));
            ScriptedSession python = server.awaitSession(WAIT);
            assertTrue(python.scriptCompleted(), python.scriptEnd());

            try (NativeRtmp rtmp = new NativeRtmp()) {
                rtmp.setupUrl(url);
                rtmp.setEventListener(new RtmpEventListener() {
                    @Override
                    public void onCommand(ServerCommand command) {
                        if (command.name().equals("onCustom")) {
                            try {
                                command.respond("hi back");
                            } catch (RtmpException e) {
                                throw new IllegalStateException(e);
                            }
                        }
                    }
                });
                rtmp.connect();
                assertEquals("forty-two", rtmp.call("getAnswer", WAIT, 1.0, "two").value());
                assertEquals("done", rtmp.call("last", WAIT).value());
                rtmp.sendPacket(RtmpPacket.command(0, Amf0.encode("fromJava", 0.0, null, 42.0)), false);
            }
            ScriptedSession java = server.awaitSession(WAIT);
            assertTrue(java.scriptCompleted(), java.scriptEnd());
            ByteExactnessTest.assertSameWire(python.transcript(), java.transcript());
        }
    }

    private static String name(RtmpMessage m) {
        try {
            List<Object> values = Amf0.decodeAll(m.payload());
            return values.isEmpty() ? null : String.valueOf(values.get(0));
        } catch (Exception e) {
            return null;
        }
    }
}
