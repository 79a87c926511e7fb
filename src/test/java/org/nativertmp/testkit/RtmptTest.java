package org.nativertmp.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nativertmp.NativeRtmp;
import org.nativertmp.RtmpOptions;
import org.nativertmp.cli.CaCertificates;
import org.nativertmp.flv.FlvReader;
import org.nativertmp.flv.FlvTag;
import org.nativertmp.support.TestCertificates;
import org.nativertmp.support.TlsFront;

/**
 * librtmp's HTTP tunnel for real: rtmpt:// through {@link RtmptEndpoint} to the recorder carries
 * exactly the RTMP stream that rtmp:// carries over TCP (the same tcUrl set on both, since it
 * names the scheme), and rtmpts:// does the same through the JDK's TLS in front of the endpoint.
 */
class RtmptTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    /** One tcUrl for both transports, so that the connect commands can be compared whole. */
    private static final RtmpOptions SAME_TC_URL = RtmpOptions.builder().tcUrl("rtmp://127.0.0.1/live").build();

    @TempDir
    Path dir;

    @Test
    void publishingOverRtmptSendsExactlyTheRtmpBytesOfAPlainPublish() throws Exception {
        byte[] flv = Files.readAllBytes(TestMedia.generateFlv(dir));
        try (RtmpRecorderServer server = RtmpRecorderServer.start(); RtmptEndpoint http = RtmptEndpoint.start(server.port())) {
            LibrtmpClients.publishWithNativeRtmp(flv, http.url("live", "t"), SAME_TC_URL);
            RecordedConnection tunnelled = server.awaitConnection(TIMEOUT);
            LibrtmpClients.publishWithNativeRtmp(flv, server.url("live", "t"), SAME_TC_URL);
            RecordedConnection plain = server.awaitConnection(TIMEOUT);

            assertEquals(ByteExactnessTest.PUBLISH_COMMANDS, tunnelled.transcript().commandNames(), tunnelled.transcript()::toText);
            ByteExactnessTest.assertSameWire(plain.transcript(), tunnelled.transcript());
            assertEquals(FlvReader.readAll(flv), tunnelled.published().get("t"));
        }
    }

    @Test
    void aRequestThatIsNotRtmptClosesOnlyItsOwnConnection() throws Exception {
        try (RtmpRecorderServer server = RtmpRecorderServer.start(); RtmptEndpoint http = RtmptEndpoint.start(server.port())) {
            for (String request : List.of("GET / HTTP/1.1\r\n\r\n", "POST /send/7/1 HTTP/1.1\r\nContent-Length: 1\r\n\r\nx")) {
                try (Socket s = new Socket(InetAddress.getLoopbackAddress(), http.port())) {
                    s.setSoTimeout(10_000);
                    s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
                    String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
                    assertTrue(answer.isEmpty() || answer.startsWith("HTTP/1.1 404"), answer);
                }
            }
            LibrtmpClients.publishWithNativeRtmp(Files.readAllBytes(TestMedia.generateFlv(dir)), http.url("live", "after"),
                    RtmpOptions.defaults());
            assertEquals(ByteExactnessTest.PUBLISH_COMMANDS, server.awaitConnection(TIMEOUT).transcript().commandNames());
        }
    }

    @Test
    void playingOverRtmptReadsTheServedStreamAndSendsWhatAPlainPlaySends() throws Exception {
        List<FlvTag> playable = FlvReader.readAll(TestMedia.generateFlv(dir));
        try (RtmpRecorderServer server = RtmpRecorderServer.start(); RtmptEndpoint http = RtmptEndpoint.start(server.port())) {
            server.addPlayable("p", playable);
            byte[] tunnelledFlv = play(http.url("vod", "p"));
            RecordedConnection tunnelled = server.awaitConnection(TIMEOUT);
            byte[] plainFlv = play(server.url("vod", "p"));
            RecordedConnection plain = server.awaitConnection(TIMEOUT);

            assertEquals(playable, FlvReader.readAll(tunnelledFlv));
            assertEquals(FlvReader.readAll(plainFlv), FlvReader.readAll(tunnelledFlv));
            ByteExactnessTest.assertSameWire(plain.transcript(), tunnelled.transcript());
        }
    }

    private static byte[] play(String url) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (NativeRtmp rtmp = new NativeRtmp()) {
            rtmp.setupUrl(url, SAME_TC_URL);
            rtmp.connect();
            rtmp.connectStream(0);
            rtmp.inputStream().transferTo(out);
        }
        return out.toByteArray();
    }

    @Test
    void publishingOverRtmptsGoesThroughTheJdksTlsAndTheTunnel() throws Exception {
        byte[] flv = Files.readAllBytes(TestMedia.generateFlv(dir));
        TestCertificates certificates = TestCertificates.make(dir.resolve("certs"));
        try (RtmpRecorderServer server = RtmpRecorderServer.start(); RtmptEndpoint http = RtmptEndpoint.start(server.port());
                TlsFront front = TlsFront.start(dir.resolve("front"), certificates, http.port())) {
            String url = "rtmpts://" + TestCertificates.NAME + ":" + front.port() + "/live/ts";
            LibrtmpClients.publishWithNativeRtmp(flv, url,
                    RtmpOptions.builder().sslContext(CaCertificates.sslContextTrusting(certificates.caPem())).build());
            RecordedConnection overTls = server.awaitConnection(TIMEOUT);

            assertEquals(ByteExactnessTest.PUBLISH_COMMANDS, overTls.transcript().commandNames(), overTls.transcript()::toText);
            assertEquals(FlvReader.readAll(flv), overTls.published().get("ts"));
            String wire = new String(overTls.transcript().raw(), StandardCharsets.ISO_8859_1);
            assertTrue(wire.contains("rtmpts://localhost:" + front.port() + "/live"), "tcUrl keeps rtmpts://");
        }
    }
}
