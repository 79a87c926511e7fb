package org.nativertmp.testkit;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nativertmp.NativeRtmp;
import org.nativertmp.RtmpOptions;
import org.nativertmp.flv.EnhancedFlv;
import org.nativertmp.flv.FlvTag;
import org.nativertmp.flv.FlvWriter;
import org.nativertmp.flv.FourCc;

/** The kit's transcripts and reports decode Enhanced RTMP: the FourCCs in the connect, and enhanced tags' headers. */
class EnhancedRtmpReportTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private static WireTranscript publish(RtmpRecorderServer server, String fourCc, int compositionTime) throws Exception {
        List<FlvTag> tags = List.of(EnhancedFlv.videoSequenceStart(fourCc, 0, new byte[] {1, 2, 3}),
                EnhancedFlv.videoCodedFrames(fourCc, 40, true, compositionTime, new byte[] {0, 0, 0, 1, 0x26}),
                EnhancedFlv.videoSequenceEnd(fourCc, 80));
        byte[] flv = FlvWriter.toBytes(tags);
        try (NativeRtmp rtmp = new NativeRtmp()) {
            rtmp.setupUrl(server.url("live", "x"), RtmpOptions.builder().enhancedCodecs(fourCc).build());
            rtmp.enableWrite();
            rtmp.connect();
            rtmp.connectStream(0);
            rtmp.write(flv, 0, flv.length);
        }
        return server.awaitConnection("live", "x", TIMEOUT).transcript();
    }

    @Test
    void aTranscriptShowsTheConnectsFourCcListAndEachEnhancedTagInWords() throws Exception {
        try (RtmpRecorderServer server = RtmpRecorderServer.start()) {
            String text = publish(server, FourCc.HEVC, 80).toText();
            assertTrue(text.contains("fourCcList:[\"hvc1\"]"), text);
            assertTrue(text.contains("hvc1 SequenceStart key frame | 90 68 76 63 31 01 02 03"), text);
            assertTrue(text.contains("hvc1 CodedFrames key frame, composition time 80 ms | 91 68 76 63 31 00 00 50"), text);
            assertTrue(text.contains("hvc1 SequenceEnd key frame | 92 68 76 63 31"), text);
        }
    }

    @Test
    void aSemanticComparisonNamesTheEnhancedHeaderFieldThatDiffers() throws Exception {
        try (RtmpRecorderServer server = RtmpRecorderServer.start()) {
            WireTranscript hevc = publish(server, FourCc.HEVC, 80);
            WireTranscript later = publish(server, FourCc.HEVC, 120);
            WireTranscript av1 = publish(server, FourCc.AV1, 0);
            WireComparison c = WireTranscript.compare(hevc, later, CompareOptions.semantic());
            assertTrue(c.toString().contains("enhanced header differs: expected hvc1 CodedFrames key frame, composition"
                    + " time 80 ms but was hvc1 CodedFrames key frame, composition time 120 ms"), c.toString());
            String report = WireTranscript.compare(hevc, av1, CompareOptions.semantic()).toString();
            assertTrue(report.contains("property fourCcList differs: expected [\"hvc1\"] but was [\"av01\"]"), report);
            assertTrue(report.contains("expected hvc1 SequenceStart key frame but was av01 SequenceStart key frame"), report);
        }
    }
}
