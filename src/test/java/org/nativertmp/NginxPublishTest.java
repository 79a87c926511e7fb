package org.nativertmp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nativertmp.flv.FlvFormat;
import org.nativertmp.flv.FlvReader;
import org.nativertmp.flv.FlvTag;
import org.nativertmp.support.FlvAssertions;
import org.nativertmp.support.ProcessResources;
import org.nativertmp.support.SharedNginx;
import org.nativertmp.support.TestFlv;

class NginxPublishTest {
    @RegisterExtension
    static final SharedNginx nginx = new SharedNginx();

    @Test
    void publishedTagsAreRecordedByNginxWithIdenticalPayloads() throws Exception {
        List<FlvTag> input = TestFlv.tags(20261125L, 200, 3000);
        try (NativeRtmp rtmp = new NativeRtmp()) {
            rtmp.setupUrl(nginx.url("rec/core"));
            rtmp.enableWrite();
            rtmp.connect();
            rtmp.connectStream(0);
            assertTrue(rtmp.isConnected());
            for (FlvTag tag : input) {
                byte[] b = tag.encode();
                rtmp.write(b, 0, b.length);
            }
        }
        List<FlvTag> media = FlvAssertions.media(nginx.awaitRecording("core", input.size() - 1));
        List<FlvTag> expected = input.stream().filter(t -> t.type() != FlvFormat.TAG_SCRIPT)
                .collect(Collectors.toList());
        assertEquals(expected.size(), media.size(), "media tags recorded; nginx log:\n" + nginx.errorLog());
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i).type(), media.get(i).type(), "type of tag " + i);
            assertTrue(java.util.Arrays.equals(expected.get(i).payload(), media.get(i).payload()),
                    "payload of tag " + i + " differs");
        }
    }

    @Test
    void anUnknownApplicationIsNamedWhenNginxClosesTheConnectionAfterConnect() throws Exception {
        for (boolean publish : new boolean[] {true, false}) {
            try (NativeRtmp rtmp = new NativeRtmp()) {
                rtmp.setupUrl(nginx.url("nosuchapp/x"));
                if (publish) {
                    rtmp.enableWrite();
                }
                // nginx answers the handshake, then reads connect and closes: connect waits for its answer
                RtmpException e = assertThrows(RtmpException.class, rtmp::connect);
                assertTrue(e.getMessage().contains("the server closed the connection before it answered connect"
                        + " (the application 'nosuchapp' may not exist on that server)"), e.getMessage());
            }
        }
    }

    @Test
    void aPublishUrlWithoutAStreamNameIsRefusedBeforeAnythingIsSent() throws Exception {
        for (String url : List.of(nginx.url("live"), nginx.url("live/"))) {
            try (NativeRtmp rtmp = new NativeRtmp()) {
                rtmp.setupUrl(url);
                rtmp.enableWrite();
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, rtmp::connect);
                assertTrue(e.getMessage().contains("the URL names no stream"), e.getMessage());
                assertTrue(!rtmp.isConnected());
            }
        }
        assertTrue(!nginx.errorLog().contains("name=''"), nginx.errorLog());
        try (NativeRtmp rtmp = new NativeRtmp()) { // the playpath option names it instead
            rtmp.setupUrl(nginx.url("live"), RtmpOptions.builder().playpath("named").build());
            rtmp.enableWrite();
            rtmp.connect();
            rtmp.connectStream(0);
        }
        assertTrue(nginx.errorLog().contains("name='named'"), nginx.errorLog());
    }

    @Test
    void eachOpenConnectionHoldsOneDescriptor() throws Exception {
        int publishers = 32;
        try (NativeRtmp warmUp = new NativeRtmp()) { // the library's own descriptors (an engine's) opened first
            warmUp.setupUrl(nginx.url("live/fd-warm-up"));
            warmUp.enableWrite();
            warmUp.connect();
            warmUp.connectStream(0);
        }
        long before = ProcessResources.now().descriptors();
        List<NativeRtmp> open = new ArrayList<>();
        try {
            for (int i = 0; i < publishers; i++) {
                NativeRtmp rtmp = new NativeRtmp();
                open.add(rtmp);
                rtmp.setupUrl(nginx.url("live/fd-" + i));
                rtmp.enableWrite();
                rtmp.connect();
                rtmp.connectStream(0);
            }
            long held = ProcessResources.now().descriptors() - before;
            // one socket each; a few more the JVM may open meanwhile, never a second per connection
            assertTrue(held >= publishers && held <= publishers + 4,
                    publishers + " open publishers hold " + held + " descriptors");
        } finally {
            for (NativeRtmp rtmp : open) {
                rtmp.close();
            }
        }
    }
}
