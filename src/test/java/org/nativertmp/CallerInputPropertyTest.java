package org.nativertmp;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;
import org.nativertmp.support.HandshakeServer;

/**
 * Bad input from the caller: random and adversarial URLs and options give a Java exception or a
 * working object, never a crash. librtmp's fixed buffers (the 256-byte host name, the command
 * buffers its stream name and tcUrl go into) are guarded on the Java side before they are
 * reached; these tries are what would find a gap.
 */
class CallerInputPropertyTest {
    private static final List<String> SCHEMES =
            List.of("rtmp", "rtmpt", "rtmpe", "rtmpte", "rtmps", "rtmpts", "rtmfp", "RTMP", "http", "", "rtmp:");
    /** librtmp's option names (librtmp(3), the options table in rtmp.c), and some it does not know. */
    private static final List<String> OPTION_KEYS = List.of("socks", "app", "tcUrl", "pageUrl", "swfUrl",
            "flashver", "conn", "playpath", "playlist", "live", "subscribe", "jtv", "weeb", "token", "swfhash",
            "swfsize", "swfVfy", "swfAge", "start", "stop", "buffer", "timeout", "pubUser", "pubPasswd",
            "", "x", "TIMEOUT", "conn\u0000", "a=b");

    /** librtmp's log (LogBridge): tens of thousands of refusals would fill the report with noise. */
    private static final Logger LIBRTMP_LOG = Logger.getLogger("org.nativertmp.librtmp");
    private static HandshakeServer server;
    private static Level logLevel;

    @BeforeContainer
    static void startServer() throws IOException {
        server = HandshakeServer.start(false);
        logLevel = LIBRTMP_LOG.getLevel();
        LIBRTMP_LOG.setLevel(Level.OFF);
    }

    @AfterContainer
    static void stopServer() throws IOException {
        LIBRTMP_LOG.setLevel(logLevel);
        server.close();
    }

    @Property(tries = 10_000)
    void anyUrlIsRefusedWithAJavaExceptionOrAccepted(@ForAll("urls") String url) {
        try (NativeRtmp rtmp = new NativeRtmp()) {
            try {
                rtmp.setupUrl(url);
                Statistics.collect("accepted");
            } catch (IllegalArgumentException refused) {
                Statistics.collect("refused");
            }
        }
    }

    @Property(tries = 10_000)
    void anyOptionIsRefusedWithAJavaExceptionOrAccepted(@ForAll("optionKeys") String key,
                                                        @ForAll("nastyText") String value) {
        try (NativeRtmp rtmp = new NativeRtmp()) {
            try {
                rtmp.setupUrl("rtmp://127.0.0.1:1/live/x", RtmpOptions.builder().option(key, value).build());
                Statistics.collect("accepted");
            } catch (IllegalArgumentException | IllegalStateException refused) {
                Statistics.collect("refused");
            }
        }
    }

    /** What is accepted goes all the way through librtmp's connect: the connect command is built and sent. */
    @Property(tries = 300)
    void anAcceptedPathConnectsOrFailsWithAnRtmpException(@ForAll("paths") String path,
                                                          @ForAll("optionKeys") String key,
                                                          @ForAll("nastyText") String value) {
        try (NativeRtmp rtmp = new NativeRtmp()) {
            try {
                rtmp.setupUrl("rtmp://127.0.0.1:" + server.port() + "/" + path,
                        RtmpOptions.builder().receiveTimeout(Duration.ofSeconds(2)).option(key, value).build());
            } catch (IllegalArgumentException | IllegalStateException refused) {
                Statistics.collect("refused before connect");
                return;
            }
            try {
                rtmp.connect();
                Statistics.collect("connected");
            } catch (RtmpException failed) {
                Statistics.collect("connect failed");
            }
        }
    }

    @Provide
    Arbitrary<String> urls() {
        Arbitrary<String> scheme = Arbitraries.of(SCHEMES);
        Arbitrary<String> host = Arbitraries.oneOf(
                Arbitraries.of("127.0.0.1", "localhost", "[::1]", "[::1", "::1", "[]", "", "example.invalid"),
                Arbitraries.strings().withChars("ab.-0123456789").ofMinLength(200).ofMaxLength(70_000),
                nastyText());
        Arbitrary<String> port = Arbitraries.oneOf(
                Arbitraries.of("", ":0", ":65536", ":-1", ":1935", ":", ":\u0661\u0669\u0663\u0665", ":99999999999",
                        ": 1935", ":1935 "),
                Arbitraries.integers().between(-100, 70_000).map(p -> ":" + p));
        Arbitrary<String> path = Arbitraries.oneOf(paths(), Arbitraries.just(""));
        return Combinators.combine(scheme, host, port, path)
                .as((s, h, p, rest) -> s + "://" + h + p + (rest.isEmpty() ? "" : "/" + rest));
    }

    @Provide
    Arbitrary<String> paths() {
        return Arbitraries.oneOf(
                Arbitraries.of("live/x", "live", "app/inst/stream", "mp4:a.mp4", "live/x?token=1",
                        "live/x live=1", "live/x socks=127.0.0.1:1", "%s%n%x%%", "live/\u0000x", "a/b/c/d/e/f"),
                Arbitraries.strings().withChars("abc/%?&=:;[]").ofMaxLength(3000),
                Arbitraries.strings().ofMaxLength(200),
                Arbitraries.strings().withChars("x/").ofMinLength(900).ofMaxLength(70_000));
    }

    @Provide
    Arbitrary<String> optionKeys() {
        return Arbitraries.oneOf(Arbitraries.of(OPTION_KEYS), Arbitraries.strings().ofMaxLength(20));
    }

    @Provide
    Arbitrary<String> nastyText() {
        return Arbitraries.oneOf(
                Arbitraries.of("", "0", "1", "-1", "2147483648", "99999999999999999999", "%s%s%s%n", "\u0000",
                        "a\u0000b", "B:1", "N:1e308", "S:x", "O:1", "O:0", "NS:a:b", "Z:", "O:1 NN:x:1 O:0",
                        "127.0.0.1:99999", "[::1]:1080", ":", "host:", "\\\\\\", "\\5c\\", "%00%zz"),
                Arbitraries.strings().ofMaxLength(300),
                Arbitraries.strings().withChars("ONSBZ:01 \\").ofMaxLength(100),
                Arbitraries.strings().withChars("x").ofMinLength(4000).ofMaxLength(70_000));
    }
}
