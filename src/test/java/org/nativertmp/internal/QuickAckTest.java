package org.nativertmp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nativertmp.flv.FlvFormat;
import org.nativertmp.flv.FlvTag;
import org.nativertmp.support.FlvAssertions;
import org.nativertmp.support.SharedNginx;
import org.nativertmp.support.TestFlv;

/**
 * Quick acknowledgements (native/shim/io.h, QUICK ACKS) against nginx-rtmp over TCP, observed by
 * the shim's own count of the times TCP_QUICKACK took on the socket: set while the connect and
 * the stream setup wait for nginx, never once the stream has started, never when turned off; the
 * stream works either way. Linux only, as the option (the tests run on Linux).
 */
class QuickAckTest {
    @RegisterExtension
    static final SharedNginx nginx = new SharedNginx();

    private static final int MEDIA_TAGS = 40;

    @Test
    void quickAcksAreSetWhileConnectAndStreamSetupWaitForNginxAndNotWhilePublishing() throws Exception {
        List<FlvTag> tags = TestFlv.tags(17, MEDIA_TAGS, 2000);
        RtmpPeer peer = open("rec/quickack-on", true);
        try {
            assertEquals(0, peer.quickAcks(), "before the connect");
            peer.connect(-1, -1, 0, false, true, true, new TlsSettings(null, false));
            long afterConnect = peer.quickAcks();
            assertTrue(afterConnect > 0, "TCP_QUICKACK set during the handshake and the wait for connect's answer");
            peer.connectStream(0, -1);
            long afterSetup = peer.quickAcks();
            assertTrue(afterSetup > afterConnect, "also while the stream setup waits: " + afterConnect + " then " + afterSetup);
            publish(peer, tags);
            assertEquals(afterSetup, peer.quickAcks(), "nothing set once the stream has started");
        } finally {
            peer.close();
        }
        assertRecorded("quickack-on", tags);
    }

    @Test
    void turnedOffNoneIsSetAndTheStreamStillWorks() throws Exception {
        List<FlvTag> tags = TestFlv.tags(18, MEDIA_TAGS, 2000);
        RtmpPeer peer = open("rec/quickack-off", true);
        try {
            peer.connect(-1, -1, 0, false, true, false, new TlsSettings(null, false));
            peer.connectStream(0, -1);
            publish(peer, tags);
            assertEquals(0, peer.quickAcks());
        } finally {
            peer.close();
        }
        assertRecorded("quickack-off", tags);
    }

    @Test
    void aPlayerSetsThemDuringSetupAndNotWhileReading() throws Exception {
        RtmpPeer publisher = open("live/quickack-play", true);
        RtmpPeer player = open("live/quickack-play", false);
        try {
            publisher.connect(-1, -1, 0, false, true, true, new TlsSettings(null, false));
            publisher.connectStream(0, -1);
            player.connect(-1, -1, 0, false, true, true, new TlsSettings(null, false));
            player.connectStream(0, -1);
            long afterSetup = player.quickAcks();
            assertTrue(afterSetup > 0, "set during the player's setup");
            publish(publisher, TestFlv.tags(19, MEDIA_TAGS, 2000));
            byte[] buf = new byte[64 * 1024];
            assertTrue(player.read(buf, 0, buf.length) > 0, "the player reads the published stream");
            assertEquals(afterSetup, player.quickAcks(), "nothing set while reading");
        } finally {
            player.close();
            publisher.close();
        }
    }

    /** Set up to publish, or to play live. */
    private static RtmpPeer open(String appAndStream, boolean publish) throws Exception {
        RtmpPeer peer = new RtmpPeer("QuickAckTest");
        try {
            peer.setup(nginx.url(appAndStream), false, List.of(), publish ? List.of() : List.of(Map.entry("live", "1")),
                    new byte[0], false);
            if (publish) {
                peer.enableWrite();
            }
            return peer;
        } catch (Exception | Error e) {
            peer.close();
            throw e;
        }
    }

    private static void publish(RtmpPeer peer, List<FlvTag> tags) throws Exception {
        for (FlvTag tag : tags) {
            byte[] b = tag.encode();
            peer.write(b, 0, b.length);
        }
    }

    private static void assertRecorded(String stream, List<FlvTag> tags) throws Exception {
        List<FlvTag> media = FlvAssertions.media(nginx.awaitRecording(stream, tags.size() - 1));
        long expected = tags.stream().filter(t -> t.type() != FlvFormat.TAG_SCRIPT).count();
        assertEquals(expected, media.size(), "media tags recorded; nginx log:\n" + nginx.errorLog());
    }
}
