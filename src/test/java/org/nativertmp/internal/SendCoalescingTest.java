package org.nativertmp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nativertmp.flv.FlvFormat;
import org.nativertmp.flv.FlvTag;
import org.nativertmp.testkit.RecordedConnection;
import org.nativertmp.testkit.RtmpRecorderServer;
import org.nativertmp.testkit.SampleFlv;

/**
 * Coalesced sending (native/shim/io.h) changes how many send() calls carry librtmp's bytes, and
 * nothing else: the same publish, with and without it, puts the same messages on the wire, and
 * with it takes far fewer system calls (counted by the shim itself).
 */
class SendCoalescingTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** librtmp's outgoing chunk size, kept: one send() per 128 bytes without coalescing. */
    private static final int MEDIA_TAGS = 60;
    private static final int MAX_PAYLOAD = 4096;

    private record Publish(long sendCalls, RecordedConnection recording) {
    }

    @Test
    void coalescedSendsPutTheSameBytesOnTheWireInAFractionOfTheSendCalls() throws Exception {
        List<FlvTag> tags = SampleFlv.tags(12, MEDIA_TAGS, MAX_PAYLOAD);
        byte[] flv = SampleFlv.file(tags);
        try (RtmpRecorderServer server = RtmpRecorderServer.start()) {
            Publish plain = publish(server, "plain", flv, false);
            Publish coalesced = publish(server, "coalesced", flv, true);

            plain.recording().transcript().diff(coalesced.recording().transcript()).ifPresent(d -> {
                throw new AssertionError("the wire differs with coalescing: " + d);
            });
            assertEquals(tags, plain.recording().published().get("stream"));
            assertEquals(tags, coalesced.recording().published().get("stream"));

            int chunks = 0;
            for (FlvTag t : tags) {
                chunks += (t.payloadSize() + 127) / 128;
            }
            // Without: at least one send() per 128-byte chunk. With: about one per call (one per
            // tag here, plus the handshake's and the stream setup's few).
            assertTrue(plain.sendCalls() >= chunks, plain + " for " + chunks + " chunks");
            assertTrue(coalesced.sendCalls() <= tags.size() + 10, coalesced + " for " + tags.size() + " tags");
            assertTrue(coalesced.sendCalls() * 5 < plain.sendCalls(), coalesced + " against " + plain);
            System.getLogger(SendCoalescingTest.class.getName()).log(System.Logger.Level.INFO,
                    "send() calls for " + tags.size() + " tags at chunk size 128: " + plain.sendCalls()
                            + " plain, " + coalesced.sendCalls() + " coalesced");
        }
    }

    @Test
    void oneWriteOfManyTagsTakesAboutOneSendCallPer64KiB() throws Exception {
        byte[] flv = SampleFlv.file(SampleFlv.tags(13, MEDIA_TAGS, MAX_PAYLOAD));
        try (RtmpRecorderServer server = RtmpRecorderServer.start()) {
            RtmpPeer peer = open(server, "one-write", true);
            try {
                long before = peer.sendCalls();
                peer.write(flv, FlvFormat.HEADER_AND_FIRST_PREVIOUS_SIZE, flv.length - FlvFormat.HEADER_AND_FIRST_PREVIOUS_SIZE);
                long calls = peer.sendCalls() - before;
                assertTrue(calls >= 1 && calls <= flv.length / 65536 + 2, calls + " send() calls for " + flv.length + " bytes");
            } finally {
                peer.close();
            }
        }
    }

    @Test
    void aConnectionHoldsNoSendBufferBetweenCalls() throws Exception {
        // Thousands of idle publishers on an engine would each keep up to 64 KiB otherwise.
        List<FlvTag> tags = SampleFlv.tags(14, MEDIA_TAGS, MAX_PAYLOAD);
        byte[] flv = SampleFlv.file(tags);
        try (RtmpRecorderServer server = RtmpRecorderServer.start()) {
            RtmpPeer peer = open(server, "idle", true);
            try {
                assertEquals(0, peer.sendBufferHeld(), "after connect and stream setup");
                long before = peer.sendCalls();
                peer.write(flv, FlvFormat.HEADER_AND_FIRST_PREVIOUS_SIZE, flv.length - FlvFormat.HEADER_AND_FIRST_PREVIOUS_SIZE);
                assertTrue(peer.sendCalls() - before <= flv.length / 65536 + 2, "the write was coalesced");
                assertEquals(0, peer.sendBufferHeld(), "after a write of " + flv.length + " bytes");
                peer.write(flv, FlvFormat.HEADER_AND_FIRST_PREVIOUS_SIZE, flv.length - FlvFormat.HEADER_AND_FIRST_PREVIOUS_SIZE);
                assertEquals(0, peer.sendBufferHeld(), "after a second write");
            } finally {
                peer.close();
            }
            List<FlvTag> recorded = server.awaitConnection(TIMEOUT).published().get("stream");
            assertEquals(2 * tags.size(), recorded.size(), "both writes recorded whole");
            assertEquals(tags, recorded.subList(0, tags.size()));
        }
    }

    private static Publish publish(RtmpRecorderServer server, String name, byte[] flv, boolean coalesce) throws Exception {
        long sendCalls;
        RtmpPeer peer = open(server, name, coalesce);
        try {
            int pos = FlvFormat.HEADER_AND_FIRST_PREVIOUS_SIZE;
            while (pos < flv.length) {
                int size = FlvFormat.TAG_HEADER_SIZE + ((flv[pos + 1] & 0xFF) << 16 | (flv[pos + 2] & 0xFF) << 8
                        | flv[pos + 3] & 0xFF) + FlvFormat.PREVIOUS_TAG_SIZE;
                peer.write(flv, pos, size);
                pos += size;
            }
            sendCalls = peer.sendCalls();
        } finally {
            peer.close();
        }
        return new Publish(sendCalls, server.awaitConnection(TIMEOUT));
    }

    private static RtmpPeer open(RtmpRecorderServer server, String name, boolean coalesce) throws Exception {
        RtmpPeer peer = new RtmpPeer("SendCoalescingTest-" + name);
        try {
            peer.setup(server.url("live", "stream"), false, List.of(), List.of(), new byte[0], false);
            peer.enableWrite();
            peer.connect(-1, -1, 0, false, coalesce, true, new TlsSettings(null, false));
            peer.connectStream(0, -1);
            return peer;
        } catch (Exception | Error e) {
            peer.close();
            throw e;
        }
    }
}
