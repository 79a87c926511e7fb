package org.nativertmp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nativertmp.cli.PublishPlayCommandTest.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.nativertmp.cli.PublishPlayCommandTest.Run;
import org.nativertmp.flv.FlvReader;
import org.nativertmp.flv.FlvTag;
import org.nativertmp.support.FlvAssertions;
import org.nativertmp.support.SharedNginx;
import org.nativertmp.support.TestCertificates;
import org.nativertmp.support.TestFlv;
import org.nativertmp.support.TlsFront;

/** publish and play with rtmps URLs, through a TLS front before nginx-rtmp: --cacert, --insecure, and the refusals. */
class RtmpsCommandTest {
    @TempDir
    static Path work;

    @RegisterExtension
    static final SharedNginx nginx = new SharedNginx();
    private static TestCertificates certificates;
    private static TlsFront front;

    @BeforeAll
    static void startFront() throws Exception {
        certificates = TestCertificates.make(work.resolve("certs"));
        front = TlsFront.start(work.resolve("front"), certificates, nginx.port());
    }

    @AfterAll
    static void stopFront() throws Exception {
        if (front != null) {
            front.close();
        }
    }

    private static String rtmps(String host, String appAndStream) {
        return "rtmps://" + host + ":" + front.port() + "/" + appAndStream;
    }

    @Test
    void publishAndPlayOverRtmpsWithCacertRoundTripTheFileThroughNginx() throws Exception {
        List<FlvTag> input = TestFlv.tags(77L, 120, 4000);
        Path in = work.resolve("in.flv");
        Files.write(in, TestFlv.file(input));
        String ca = certificates.caPem().toString();
        Run publish = run("publish", in.toString(), rtmps("localhost", "rec/tls"), "--cacert", ca, "--timeout", "10");
        assertEquals(0, publish.exit(), publish.err());

        FlvAssertions.assertSameMedia(input, nginx.awaitRecording("tls", input.size() - 1),
                "nginx's recording of the rtmps publish");
        Files.copy(nginx.recordDir().resolve("tls.flv"), nginx.vodDir().resolve("tls.flv"));
        Path out = work.resolve("out.flv");
        Run play = run("play", rtmps("localhost", "vod/tls.flv"), out.toString(), "--cacert", ca, "--timeout", "10");
        assertEquals(0, play.exit(), play.err());
        FlvAssertions.assertSameMedia(input, FlvReader.readAll(out), "played over rtmps");
    }

    @Test
    void withoutTheCaThePublishFailsSayingTheCertificateIsNotTrusted() throws Exception {
        Path in = work.resolve("small.flv");
        Files.write(in, TestFlv.file(TestFlv.tags(5L, 4, 100)));
        Run r = run("publish", in.toString(), rtmps("localhost", "live/x"), "--quiet");
        assertEquals(1, r.exit(), r.err());
        assertTrue(r.err().contains("certificate is not trusted"), r.err());
    }

    @Test
    void insecureAcceptsTheCertificateForANameItDoesNotCarry() throws Exception {
        Path in = work.resolve("insecure.flv");
        Files.write(in, TestFlv.file(TestFlv.tags(6L, 10, 100)));
        Run r = run("publish", in.toString(), rtmps("127.0.0.1", "live/insecure"), "--insecure", "--quiet");
        assertEquals(0, r.exit(), r.err());
    }

    @Test
    void aMissingCacertFileOrBothOptionsAreUsageErrors() {
        Run missing = run("play", rtmps("localhost", "live/x"), "out.flv", "--cacert", work.resolve("none.pem").toString());
        assertEquals(2, missing.exit(), missing.err());
        assertTrue(missing.err().contains("--cacert"), missing.err());
        Run both = run("trace", rtmps("localhost", "live/x"), "--cacert", certificates.caPem().toString(), "--insecure");
        assertEquals(2, both.exit(), both.err());
    }
}
