package org.nativertmp.testkit.scorecard;

import java.io.IOException;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.nativertmp.support.RealPeers;

/**
 * ffmpeg (Debian's 5.1) through the whole corpus, as the external-command adapter runs it: each
 * row's verdict and every one of its differences from librtmp, as measured in the same run. The
 * tables in docs/comparing.md are this run's ({@link ScorecardTablesTest} checks their verdicts).
 */
class FfmpegScorecardTest {
    static final String PUBLISH = "-nostdin -loglevel error -i {flv} -c copy -copyts -f flv {url}";
    static final String PLAY = "-nostdin -loglevel error -y -i {url} -c copy -copyts -flvflags no_metadata -f flv {out}";

    /** What ffmpeg does otherwise than librtmp, scenario by scenario. */
    static final ExpectedRows EXPECTED = new ExpectedRows()
            // its own flashVer; the onMetaData its muxer writes instead of the file's script tag
            .differs("publish-baseline",
                    "sent: message #0 (command connect): property flashVer only in actual: \"FMLE/3.0 (compatible; Lavf*)\"",
                    "sent: message #* (data onMetaData): property *", "sent: * more differences")
            // its ping responses carry its clock as timestamp; librtmp's 0
            .differs("publish-compressed-headers",
                    "sent: message #* (user-control PingResponse *): timestamp differs: expected 0 but was *")
            // the onMetaData it makes is at 0, whatever the file's timestamps
            .differs("publish-timestamps-past-0xffffff",
                    "sent: message #* (data onMetaData): timestamp differs: expected 16776960 but was 0")
            // across the wrap at 2^32 it publishes other media than the file's, in another order
            .differs("publish-timestamps-wrap-2-32",
                    "sent: message #* (data onMetaData): timestamp differs: expected 4294966296 but was 0",
                    "sent: only in expected: #* video *", "sent: only in expected: #* audio *", "sent: * more differences")
            // it acknowledges by the announced window, librtmp by a tenth of the peer bandwidth
            .differs("publish-window-100", "sent: * Acknowledgements, librtmp 0")
            .differs("publish-peer-bandwidth-hard-1000", "sent: 0 Acknowledgements, librtmp *")
            // librtmp ends with FCUnpublish and deleteStream when the server closes or refuses; ffmpeg just goes
            .differs("publish-server-invokes-close", "sent: only in expected: #* command FCUnpublish(*) null, \"scorecard\"",
                    "sent: only in expected: #* command deleteStream(*) null, 1")
            .differs("publish-bad-name", "sent: only in expected: #* command FCUnpublish(*) null, \"scorecard\"",
                    "sent: only in expected: #* command deleteStream(*) null, 1")
            .differs("publish-statuses-in-ecma-arrays", "sent: only in expected: #* command FCUnpublish(*) null, \"scorecard\"",
                    "sent: only in expected: #* command deleteStream(*) null, 1")
            // another connect, getStreamLength, play from -2000, a 3 s buffer; no script data delivered
            .differs("play-baseline",
                    "sent: message #0 (command connect): property audioCodecs differs: expected 3191 but was 4071",
                    "sent: message #0 (command connect): property flashVer only in actual: \"LNX 9,0,124,2\"",
                    "sent: only in expected: #* user-control SetBufferLength 0 300",
                    "sent: only in actual: #* command getStreamLength(*) null, \"scorecard\"",
                    "sent: message #* (command play): argument 3 differs: expected 0 but was -2000",
                    "sent: message #* (user-control SetBufferLength 1 30000): timestamp differs: expected 0 but was *",
                    "sent: message #* (user-control SetBufferLength 1 30000): payload differs at byte 8: *",
                    "delivered script data: librtmp [onMetaData], ffmpeg []")
            // its muxer orders by timestamp; librtmp delivers in arrival order
            .differs("play-interleaved-chunks", "delivered the same media tags in another order *")
            // librtmp does not know Abort and stops at the message sent again (native-rtmp's patch closes there)
            .differs("play-abort-inside-message",
                    "outcome: librtmp error: * header type 0 on channel 6 while a message of * bytes is in progress there:"
                            + " closing; ffmpeg completed",
                    "server script: with librtmp stopped at step *; with ffmpeg every step ran",
                    "delivered 60 media tags, librtmp 59 *")
            // the tags of an aggregate get other timestamps from ffmpeg
            .differs("play-aggregate", "delivered media tag * (*): timestamp *, librtmp *", "delivered: * more media tags differ")
            .differs("play-aggregate-with-offset", "delivered media tag * (*): timestamp *, librtmp *",
                    "delivered: * more media tags differ")
            // librtmp reads the payload's first bytes as the timestamp it expects and loses the stream
            .differs("play-extended-timestamp-omitted", "outcome: librtmp error: *; ffmpeg completed",
                    "delivered media tag * (*): *")
            // past 2^32 ffmpeg's timestamps start again from 0
            .differs("play-timestamps-wrap-2-32", "delivered media tag * (*): timestamp *, librtmp 42949*",
                    "delivered: * more media tags differ")
            .differs("play-user-control-events",
                    "sent: message #* (user-control PingResponse *): timestamp differs: expected 0 but was *")
            // librtmp echoes the server's window as its own; ffmpeg announces 2,500,000 and acknowledges by 100
            .differs("play-window-100", "sent: message #* (window-ack-size 100): payload differs at byte 1: *",
                    "sent: * Acknowledgements, librtmp 0")
            // ffmpeg answers Set Peer Bandwidth 1000 with Window Acknowledgement Size 1000; librtmp acknowledges every 100 bytes
            .differs("play-peer-bandwidth-hard-1000",
                    "sent: message #* (window-ack-size 2500000): payload differs at byte 1: *",
                    "sent: 0 Acknowledgements, librtmp *")
            // librtmp knows Play.Complete only as an onStatus, and ends in an error when the server goes
            .differs("play-complete-as-onplaystatus",
                    "outcome: librtmp error: *the stream ended without Play.Complete or Play.Stop*; ffmpeg completed")
            // librtmp drops media before NetStream.Play.Start; ffmpeg keeps them
            .differs("play-media-before-start", "delivered 60 media tags, librtmp 51 *");

    @TestFactory
    Stream<DynamicTest> ffmpegAgainstLibrtmpRowByRow() throws IOException, InterruptedException {
        String ffmpeg = RealPeers.require("ffmpeg", "/usr/bin/ffmpeg");
        ScorecardResult r = ScorecardRuns.runAndKeep(CommandClient.of("ffmpeg", ffmpeg + " " + PUBLISH, ffmpeg + " " + PLAY));
        return EXPECTED.tests(r);
    }
}
