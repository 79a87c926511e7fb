package org.nativertmp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nativertmp.support.HandshakeServer;

/** RtmpOptions collects librtmp's options and NativeRtmp applies them where librtmp needs them. */
class RtmpOptionsTest {
    @Test
    void aTypedOptionReplacesItsEarlierValueWhileConnItemsAndRawOptionsAppend() {
        RtmpOptions options = RtmpOptions.builder().app("a").conn("S:one").app("b").conn("B:1").live(true)
                .option("flashVer", "x").live(false).build();
        assertEquals(List.of(Map.entry("conn", "S:one"), Map.entry("app", "b"), Map.entry("conn", "B:1"),
                Map.entry("flashVer", "x")), options.afterSetupUrl());
        assertTrue(options.beforeSetupUrl().isEmpty());
    }

    @Test
    void socksGoesBeforeSetupUrlAndEverythingElseAfterItInTheOrderSet() {
        RtmpOptions options = RtmpOptions.builder().playpath("p").socks("127.0.0.1:1080").tcUrl("rtmp://h/app").build();
        assertEquals(List.of(Map.entry("socks", "127.0.0.1:1080")), options.beforeSetupUrl());
        assertEquals(List.of(Map.entry("playpath", "p"), Map.entry("tcUrl", "rtmp://h/app")), options.afterSetupUrl());
    }

    @Test
    void aBooleanValueLibrtmpWouldReadAsFalseByAccidentIsRefused() {
        for (String maybe : List.of("maybe", "y", "enabled", " 1", "2")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> RtmpOptions.builder().option("live", maybe));
            assertTrue(e.getMessage().startsWith("option live=" + maybe + ": librtmp reads a boolean as true only from"
                    + " 1, on, yes or true"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> RtmpOptions.builder().option("SWFVFY", "sure"));
        for (String ok : List.of("1", "on", "YES", "True", "0", "off", "no", "FALSE")) {
            RtmpOptions.builder().option("live", ok).option("playlist", ok).build();
        }
        RtmpOptions.builder().option("app", "maybe").build(); // a string may be anything
    }

    @Test
    void anUnknownOptionIsRefusedNamingLibrtmpsOptionsNotPrintingItsUsageTable() {
        try (NativeRtmp rtmp = new NativeRtmp()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> rtmp.setupUrl("rtmp://127.0.0.1/live/x", RtmpOptions.builder().option("bogus", "1").build()));
            assertEquals("librtmp refused option bogus=1: Unknown option bogus (librtmp's options: socks, app, tcUrl,"
                    + " pageUrl, swfUrl, flashver, conn, playpath, playlist, live, subscribe, jtv, token, swfVfy, swfAge,"
                    + " start, stop, buffer, timeout, pubUser, pubPasswd)", e.getMessage());
        }
        try (NativeRtmp rtmp = new NativeRtmp()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> rtmp.setupUrl("rtmp://127.0.0.1/live/x", RtmpOptions.builder().conn("hello").build()));
            assertTrue(e.getMessage().startsWith("librtmp refused option conn=hello: not an AMF item in librtmp's"
                    + " syntax: B:0|1, S:text"), e.getMessage());
        }
    }

    @Test
    void timeoutsAreWholeMillisecondsAndNeverZeroForAPositiveDuration() {
        RtmpOptions options = RtmpOptions.builder().connectTimeout(Duration.ofNanos(1)).sendTimeout(Duration.ofMillis(1500))
                .receiveTimeout(Duration.ofMillis(1001)).build();
        assertEquals(1, options.connectTimeoutMillis());
        assertEquals(1500, options.sendTimeoutMillis());
        assertEquals(List.of(Map.entry("timeout", "2")), options.afterSetupUrl());
        assertEquals(0, RtmpOptions.builder().connectTimeout(Duration.ZERO).build().connectTimeoutMillis());
        assertEquals(-1, RtmpOptions.defaults().sendTimeoutMillis());
        assertThrows(IllegalArgumentException.class, () -> RtmpOptions.builder().sendTimeout(Duration.ofMillis(-1)));
        assertThrows(IllegalArgumentException.class, () -> RtmpOptions.builder().connectTimeout(Duration.ofDays(30)));
    }

    @Test
    void theAppOptionOverridesTheUrlsAppInTheConnectCommand() throws Exception {
        // Set before RTMP_SetupURL, the app would be overwritten by the one parsed from the URL.
        try (HandshakeServer server = HandshakeServer.start(false); NativeRtmp rtmp = new NativeRtmp()) {
            rtmp.setupUrl("rtmp://127.0.0.1:" + server.port() + "/fromurl/x",
                    RtmpOptions.builder().app("fromoptions").build());
            rtmp.connect();
            // AMF0 in the connect command: the key "app", a string marker (2), its 16-bit length, the value.
            assertTrue(server.awaitReceived("app\u0002\u0000\u000bfromoptions", Duration.ofSeconds(10)),
                    server.receivedText());
            // The tcUrl librtmp derived from the URL stays.
            assertTrue(server.receivedText().contains("rtmp://127.0.0.1:" + server.port() + "/fromurl"),
                    server.receivedText());
        }
    }
}
