package org.nativertmp;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SetupUrlTest {
    private static final RtmpOptions URL_OPTIONS = RtmpOptions.builder().librtmpUrlOptions(true).build();

    @Test
    void nullUrlIsRefused() {
        try (NativeRtmp rtmp = new NativeRtmp()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> rtmp.setupUrl(null));
            assertTrue(e.getMessage().contains("null"), e.getMessage());
        }
    }

    @Test
    void emptyUrlIsRefused() {
        try (NativeRtmp rtmp = new NativeRtmp()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> rtmp.setupUrl(""));
            assertTrue(e.getMessage().contains("empty"), e.getMessage());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "127.0.0.1:1935/live/x",          // no ://
        "rtmp:/127.0.0.1/live/x",         // no ://
        "http://127.0.0.1/live/x",        // unknown scheme: librtmp would only warn
        "rtmpx://127.0.0.1/live/x",       // unknown scheme
        "rtmp:///live/x",                 // no host
        "rtmp://",                        // no host
        "rtmp://:1935/live/x",            // no host
        "rtmp://127.0.0.1:99999/live/x",  // bad port
        "rtmp://127.0.0.1:abc/live/x",    // bad port
    })
    void malformedUrlIsRefusedNamingTheUrl(String url) {
        try (NativeRtmp rtmp = new NativeRtmp()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> rtmp.setupUrl(url));
            assertTrue(e.getMessage().contains(url), e.getMessage());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "rtmp://127.0.0.1/live/x",
        "rtmp://127.0.0.1:1935/live/x",
        "RTMP://example.invalid/app",
        "rtmpt://127.0.0.1:80/app/stream?token=1",
    })
    void wellFormedUrlIsAccepted(String url) {
        try (NativeRtmp rtmp = new NativeRtmp()) {
            rtmp.setupUrl(url);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "rtmp://127.0.0.1/live/x socks=127.0.0.1:1080", // librtmp would read socks= as an option
        "rtmp://127.0.0.1/live/x live=1",
        "rtmp://127.0.0.1/live/x\tlive=1",              // control character
        "rtmp://127.0.0.1:\u0661\u0669\u0663\u0665/live/x", // 1935 in Arabic-Indic digits: atoi reads 0
        "rtmp://127.0.0.1:\uff11\uff19\uff13\uff15/live/x", // 1935 in full-width digits
        "rtmfp://127.0.0.1/live/x",                     // librtmp has no RTMFP
    })
    void urlThatIsNotPlainDataIsRefused(String url) {
        try (NativeRtmp rtmp = new NativeRtmp()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> rtmp.setupUrl(url));
            assertTrue(e.getMessage().contains(url), e.getMessage());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"rtmpe", "rtmpte", "RTMPE"})
    void rtmpeIsRefusedInEveryBuildInsteadOfDowngraded(String scheme) {
        try (NativeRtmp rtmp = new NativeRtmp()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> rtmp.setupUrl(scheme + "://127.0.0.1/live/x"));
            assertTrue(e.getMessage().contains("this build does not do RTMPE"), e.getMessage());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"rtmps", "rtmpts"})
    void tlsSchemesAreAcceptedInEveryBuildSinceTheJdkDoesTheirTls(String scheme) {
        try (NativeRtmp rtmp = new NativeRtmp()) {
            rtmp.setupUrl(scheme + "://127.0.0.1/live/x");
        }
    }

    @Test
    void librtmpUrlOptionsWorkOnlyWhenAskedFor() {
        try (NativeRtmp rtmp = new NativeRtmp()) {
            rtmp.setupUrl("rtmp://127.0.0.1/live/x live=1 buffer=2000", URL_OPTIONS);
        }
        try (NativeRtmp rtmp = new NativeRtmp()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> rtmp.setupUrl("rtmp://127.0.0.1/live/x no-such-option=1", URL_OPTIONS));
            assertTrue(e.getMessage().contains("librtmp refused it"), e.getMessage());
        }
    }

    @Test
    void pathLongerThanLibrtmpsCommandBuffersIsRefused() {
        try (NativeRtmp rtmp = new NativeRtmp()) {
            String url = "rtmp://127.0.0.1/live/" + "x".repeat(2000);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> rtmp.setupUrl(url));
            assertTrue(e.getMessage().contains("command buffers"), e.getMessage());
        }
    }

    @Test
    void unknownOptionKeyIsRefusedWithLibrtmpsText() {
        try (NativeRtmp rtmp = new NativeRtmp()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> rtmp.setupUrl("rtmp://127.0.0.1/live/x", RtmpOptions.builder().option("no-such-option", "1").build()));
            assertTrue(e.getMessage().contains("Unknown option no-such-option"), e.getMessage());
        }
    }

    @Test
    void knownOptionsAreAccepted() {
        try (NativeRtmp rtmp = new NativeRtmp()) {
            rtmp.setupUrl("rtmp://127.0.0.1/live/x", RtmpOptions.builder().option("live", "1").option("timeout", "5")
                    .option("flashVer", "FMLE/3.0").build());
        }
    }
}
