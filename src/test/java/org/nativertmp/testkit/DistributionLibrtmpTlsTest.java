package org.nativertmp.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nativertmp.RtmpOptions;
import org.nativertmp.cli.CaCertificates;
import org.nativertmp.flv.FlvReader;
import org.nativertmp.support.TestCertificates;
import org.nativertmp.support.TlsFront;

/**
 * rtmps with Debian's own librtmp1 (its TLS is GnuTLS, inside librtmp) and with NativeRtmp (the
 * JDK's TLS, librtmp without crypto) through the same TLS front: behind it, the recorder sees the
 * same RTMP bytes from both, tcUrl included (apart from C1's time and random bytes and C2, as in
 * {@link DistributionLibrtmpTest}). Debian's librtmp checks no certificate and sends no SNI; the
 * difference is all in the TLS, none in the RTMP it carries. Debian's librtmp needs TLS 1.2 here:
 * after a TLS 1.3 handshake its RTMP handshake fails.
 */
class DistributionLibrtmpTlsTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void publishingOverRtmpsSendsTheSameRtmpBytesAsDebiansLibrtmpWithItsOwnTls() throws Exception {
        Path system = DistributionLibrtmpTest.systemLinkedClient(dir);
        Path flv = TestMedia.generateFlv(dir);
        TestCertificates certificates = TestCertificates.make(dir.resolve("certs"));
        try (RtmpRecorderServer server = RtmpRecorderServer.start();
                TlsFront front = TlsFront.start(dir.resolve("front"), certificates, server.port())) {
            // TLS 1.2: Debian's librtmp fails its RTMP handshake after a TLS 1.3 one (TlsFront.tls12OnlyPort)
            String url = "rtmps://" + TestCertificates.NAME + ":" + front.tls12OnlyPort() + "/live/x";
            ExternalTools.runOk(dir.resolve("system.log"), ExternalTools.command(system, "publish", flv, url));
            RecordedConnection debian = server.awaitConnection(TIMEOUT);

            LibrtmpClients.publishWithNativeRtmp(Files.readAllBytes(flv), url,
                    RtmpOptions.builder().sslContext(CaCertificates.sslContextTrusting(certificates.caPem())).build());
            RecordedConnection ours = server.awaitConnection(TIMEOUT);

            assertEquals(ByteExactnessTest.PUBLISH_COMMANDS, debian.transcript().commandNames(), debian.transcript()::toText);
            ByteExactnessTest.assertSameWire(debian.transcript(), ours.transcript());
            assertEquals(FlvReader.readAll(flv), ours.published().get("x"));
        }
    }
}
