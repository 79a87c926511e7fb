package org.nativertmp.testkit.scorecard;

import java.io.IOException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.nativertmp.testkit.Red5Clients;

/**
 * Red5's pure-Java client (org.red5:red5-client 1.3.37, test scope) through the whole corpus, as
 * Red5Client drives it. Publishing, every row is the same on every run, each difference asserted.
 * Playing, Red5 loses media messages at random (how many, and which, changes from run to run;
 * sometimes NetStream.Play.Stop with them), so its play rows are checked for what they always
 * show and may show besides that loss.
 */
class Red5ScorecardTest {
    /** The same whole as the ffmpeg rows: publish scenarios name every difference. */
    private static final String CONNECT_RESULT_LOST = "outcome: librtmp completed; red5 error: the server closed the"
            + " connection before *";
    private static final String[] PUBLISH_LOST = {
        "server script: with librtmp every step ran; with red5 stopped at step *",
        "sent: only in expected: #* data \"onMetaData\"*",
        "sent: only in expected: #* video *", "sent: only in expected: #* audio *", "sent: * more differences"};

    static final ExpectedRows EXPECTED = withPublishRows(new ExpectedRows())
            // What Red5's player loses varies: counts, order, the end of the stream, script data.
            .noise("outcome: librtmp completed; red5 error: the server closed the connection before the end of the stream",
                    "delivered * media tags, librtmp *", "delivered media tag * (*): *", "delivered: * more media tags differ",
                    "delivered the same media tags in another order *", "delivered script data: librtmp [*], red5 [*]",
                    "sent: only in actual: #* user-control PingResponse *", "sent: * more differences")
            .varies("play-baseline", List.of(
                    "sent: message #0 (command connect): property flashVer only in actual: \"WIN 11,2,202,235\"",
                    "sent: only in expected: #* window-ack-size 2500000",
                    "sent: only in expected: #* user-control SetBufferLength 0 300"), "sent: message #0 (command connect): *",
                    "sent: *")
            .varies("play-chunk-size-128", List.of())
            // Red5 reads Set Chunk Size 1 racily: now and then it sends a message it framed as type 0
            .varies("play-chunk-size-changes", List.of(), "sent: only in actual: #* type-0*")
            .varies("play-chunk-stream-ids", List.of())
            .varies("play-compressed-headers", List.of())
            .varies("play-interleaved-chunks", List.of())
            // Red5 cannot read the connect result in 16-byte chunks: it never gets to createStream
            .varies("play-abort-inside-message", List.of("sent: only in expected: #* command createStream(*) null",
                    "sent: only in actual: #* command (not AMF0: *", "delivered 0 media tags, librtmp 59 *"),
                    "sent: only in expected: #* user-control SetBufferLength *", "server script: *")
            .varies("play-aggregate", List.of())
            // Red5 gives the tags of an aggregate their own timestamps, not moved by the aggregate's
            .varies("play-aggregate-with-offset", List.of("delivered media tag 0 (video): timestamp 0, librtmp 5000"))
            .varies("play-timestamps-past-0xffffff", List.of())
            .varies("play-extended-timestamp-omitted", List.of("sent: only in actual: #* command (not AMF0: *",
                    "delivered 0 media tags, librtmp 60 *"), "sent: only in expected: #* *", "server script: *")
            .varies("play-timestamps-past-0xffffff-as-deltas", List.of())
            .varies("play-timestamps-wrap-2-32", List.of())
            .varies("play-timestamp-jump-extended-delta", List.of())
            // Red5 answers a Ping Request with its own clock, not the request's timestamp
            .varies("play-user-control-events", List.of(
                    "sent: message #* (user-control PingResponse 1111): payload differs at byte 2: *"),
                    "sent: message #* (user-control PingResponse 2222): payload differs at byte 2: *")
            // Red5 answers Window Acknowledgement Size with Set Peer Bandwidth, where librtmp echoes the window
            .varies("play-window-100", List.of("sent: only in actual: #* set-peer-bandwidth 100 limit 2"),
                    "sent: only in expected: #* window-ack-size 100")
            .varies("play-peer-bandwidth-hard-1000", List.of("sent: 0 Acknowledgements, librtmp *"),
                    "sent: message #* (window-ack-size 2500000): payload differs at byte 1: *")
            .varies("play-server-calls-method", List.of())
            .varies("play-metadata-and-cue-points", List.of())
            .varies("play-switch", List.of())
            .varies("play-complete-as-onplaystatus", List.of(), "outcome: librtmp error: *; red5 *")
            .varies("play-unpublish-notify", List.of())
            // Red5 keeps the media sent before NetStream.Play.Start, which librtmp drops
            .varies("play-media-before-start", List.of("delivered * media tags, librtmp 51 *"));

    private static ExpectedRows withPublishRows(ExpectedRows e) {
        return e
                // its connect object: eleven properties, not librtmp's three
                .differs("publish-baseline", "sent: message #0 (command connect): property *", "sent: * more differences")
                // Red5 reads neither 1-byte chunks nor a Set Chunk Size inside a message: it never gets the result
                .differs("publish-chunk-size-1", concat(CONNECT_RESULT_LOST, PUBLISH_LOST,
                        "sent: only in expected: #* command createStream(*) null", "sent: only in expected: #* command *"))
                .differs("publish-chunk-size-change-inside-message", concat(CONNECT_RESULT_LOST, PUBLISH_LOST,
                        "sent: only in expected: #* command publish(*) null, \"scorecard\", \"live\""))
                .differs("publish-compressed-headers",
                        "sent: message #* (user-control PingResponse *): payload differs at byte 2: *")
                // after the Abort Red5 sends its createStream garbled (a cut command)
                .differs("publish-abort-message", "sent: only in expected: #* command createStream(*) null",
                        "sent: only in actual: #* command (not AMF0: *")
                // Red5 publishes timestamps past 2^31 wrapped at 2^31
                .differs("publish-timestamps-wrap-2-32",
                        "sent: message #* (data onMetaData): timestamp differs: expected 4294966296 but was 2147482648",
                        "sent: only in expected: #* video *", "sent: only in expected: #* audio *", "sent: * more differences")
                .differs("publish-window-100", "sent: only in actual: #* set-peer-bandwidth 100 limit 2")
                .differs("publish-peer-bandwidth-hard-1000", "sent: only in actual: #* window-ack-size 1000",
                        "sent: 0 Acknowledgements, librtmp *")
                // Red5 answers Stream Begin and Stream Is Recorded with a Ping Response
                .differs("publish-stream-begin-and-recorded", "sent: only in actual: #* user-control PingResponse *")
                // librtmp answers onBWDone with _checkbw
                .differs("publish-onbwdone", "sent: only in expected: #* command _checkbw(*) null")
                // after the server's call Red5 sends none of its media, and waits in vain for the end
                .differs("publish-server-calls-method", concat(CONNECT_RESULT_LOST, PUBLISH_LOST))
                // NetStream.Publish.Start before Red5's publish: Red5 takes it or not, as its threads have it
                .varies("publish-start-before-publish", List.of(), concat(CONNECT_RESULT_LOST, PUBLISH_LOST))
                // librtmp does not find NetStream.Publish.Start in an ECMA array; Red5 does
                .differs("publish-statuses-in-ecma-arrays", "outcome: librtmp error: *; red5 completed",
                        "server script: with librtmp stopped at step *; with red5 every step ran",
                        "sent: only in actual: #* *", "sent: * more differences")
                // librtmp takes the status without its object end; Red5 does not
                .differs("publish-status-without-object-end", concat(CONNECT_RESULT_LOST, PUBLISH_LOST));
    }

    private static String[] concat(String first, String[] rest, String... more) {
        List<String> all = new java.util.ArrayList<>(List.of(first));
        all.addAll(List.of(rest));
        all.addAll(List.of(more));
        return all.toArray(new String[0]);
    }

    @TestFactory
    Stream<DynamicTest> red5AgainstLibrtmpRowByRow() throws IOException, InterruptedException {
        return EXPECTED.tests(ScorecardRuns.runAndKeep(Red5Clients.red5()));
    }
}
