package org.nativertmp;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.nativertmp.support.HandshakeServer;
import org.nativertmp.support.HostileRtmpServer;
import org.nativertmp.support.HostileRtmpServer.Behaviour;
import org.nativertmp.support.StalledRtmpServer;

/**
 * The deadlines as options: what each one bounds, what it follows by default, what zero means,
 * and that close() from another thread ends a call whose deadline is far away (or absent).
 * HostileServerTest holds every hostile case over every transport; this is the rest.
 */
class DeadlineOptionsTest {
    private static final Duration SHORT = Duration.ofSeconds(1);
    private static final long SLACK_MILLIS = 2000;

    @Test
    void theConnectTimeoutFollowsTheReceiveTimeoutUnlessSet() throws Exception {
        try (HostileRtmpServer server = HostileRtmpServer.start(Behaviour.CHATTY_NO_CONNECT_ANSWER);
             NativeRtmp rtmp = new NativeRtmp()) {
            rtmp.setupUrl(server.url(), RtmpOptions.builder().receiveTimeout(SHORT).build());
            long millis = failureMillis(rtmp::connect, "timed out after 1000 ms (the connect timeout): no answer to connect");
            assertTrue(millis < SHORT.toMillis() + SLACK_MILLIS, "ended after " + millis + " ms");
        }
    }

    @Test
    void aStreamSetupTimeoutOfItsOwnBoundsConnectStreamAsAWhole() throws Exception {
        try (HostileRtmpServer server = HostileRtmpServer.start(Behaviour.CHATTY_NO_CREATE_STREAM_ANSWER);
             NativeRtmp rtmp = new NativeRtmp()) {
            rtmp.setupUrl(server.url(), RtmpOptions.builder().receiveTimeout(Duration.ofSeconds(30))
                    .streamSetupTimeout(SHORT).build());
            rtmp.connect();
            long millis = failureMillis(() -> rtmp.connectStream(0),
                    "timed out after 1000 ms (the stream setup timeout): no answer to createStream");
            assertTrue(millis < SHORT.toMillis() + SLACK_MILLIS, "ended after " + millis + " ms");
        }
    }

    @Test
    void aConnectTimeoutOfZeroIsNoLimitAndCloseFromAnotherThreadStillEndsTheConnect() throws Exception {
        // Without a deadline of its own only each message is bounded (by the receive timeout), so
        // a server that keeps talking keeps the connect going: as librtmp, by choice.
        try (HostileRtmpServer server = HostileRtmpServer.start(Behaviour.CHATTY_NO_CONNECT_ANSWER);
             NativeRtmp rtmp = new NativeRtmp()) {
            rtmp.setupUrl(server.url(), RtmpOptions.builder().receiveTimeout(SHORT).connectTimeout(Duration.ZERO).build());
            assertClosingEndsACallStillRunningAfter(rtmp, rtmp::connect, 2500);
        }
    }

    @Test
    void withoutAMediaTimeoutAQuietStreamIsNoErrorAndCloseEndsTheReadAtOnce() throws Exception {
        try (HostileRtmpServer server = HostileRtmpServer.start(Behaviour.PINGS_ONLY);
             NativeRtmp rtmp = new NativeRtmp()) {
            rtmp.setupUrl(server.url(), RtmpOptions.builder().receiveTimeout(SHORT).build());
            rtmp.connect();
            rtmp.connectStream(0);
            byte[] buf = new byte[4096];
            assertClosingEndsACallStillRunningAfter(rtmp, () -> {
                while (rtmp.read(buf, 0, buf.length) >= 0) {
                    // FLV header bytes only: the server sends no media
                }
            }, 2500);
        }
    }

    @Test
    void aMediaTimeoutEndsAReadThatGetsOnlyPings() throws Exception {
        try (HostileRtmpServer server = HostileRtmpServer.start(Behaviour.PINGS_ONLY);
             NativeRtmp rtmp = new NativeRtmp()) {
            rtmp.setupUrl(server.url(), RtmpOptions.builder().receiveTimeout(Duration.ofSeconds(30)).mediaTimeout(SHORT).build());
            rtmp.connect();
            rtmp.connectStream(0);
            byte[] buf = new byte[4096];
            long millis = failureMillis(() -> {
                for (int i = 0; i < 1000; i++) { // bounded
                    rtmp.read(buf, 0, buf.length);
                }
            }, "timed out after 1000 ms (the media timeout): no media arrived");
            assertTrue(millis < SHORT.toMillis() + SLACK_MILLIS, "ended after " + millis + " ms");
        }
    }

    @Test
    void closeGracefullyEndsAtItsLingerWhenTheServerNeverCloses() throws Exception {
        try (StalledRtmpServer server = new StalledRtmpServer(); NativeRtmp rtmp = new NativeRtmp()) {
            rtmp.setupUrl(server.url("live/lingered"), RtmpOptions.builder().receiveTimeout(SHORT).build());
            rtmp.enableWrite();
            rtmp.connect();
            rtmp.connectStream(0);
            long start = System.nanoTime();
            boolean closed = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> rtmp.closeGracefully(Duration.ofMillis(500)));
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertFalse(closed, "the server never closes its side");
            assertTrue(millis < 500 + SLACK_MILLIS, "ended after " + millis + " ms");
        }
    }

    @Test
    void anIpv6ZoneWrittenAsInAUrlReachesTheSystemAsAZone() throws Exception {
        // RFC 6874: the zone's % is written %25 in a URL; librtmp would pass "%25" on as it is.
        // (The system takes a zone for ::1 by number only: interface names are for link-local
        // addresses.)
        int loopback = NetworkInterface.getByInetAddress(InetAddress.getByName("::1")).getIndex();
        CollectingDebugHook hook = DebugHook.collecting();
        try (HandshakeServer server = HandshakeServer.start(true); NativeRtmp rtmp = new NativeRtmp()) {
            rtmp.setupUrl("rtmp://[::1%25" + loopback + "]:" + server.port() + "/live/zoned");
            rtmp.setDebugHook(hook);
            rtmp.connect();
            assertTrue(rtmp.isConnected());
        }
        String looked = hook.ccqLines().stream().filter(l -> l.startsWith("DEBUG: CCQ: hostname")).findFirst().orElse("");
        assertTrue(looked.endsWith(":::1%" + loopback), "the name looked up: " + hook.ccqLines());
    }

    @Test
    void anIpv6ZoneThatIsNoInterfaceOrIsNotPercentEncodedIsRefusedAtSetup() {
        try (NativeRtmp a = new NativeRtmp(); NativeRtmp b = new NativeRtmp()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> a.setupUrl("rtmp://[fe80::1%25nosuch0]:1935/live/x"));
            assertTrue(e.getMessage().contains("'nosuch0' is not a network interface"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> b.setupUrl("rtmp://[fe80::1%lo]:1935/live/x"));
            assertTrue(e.getMessage().contains("%25"), e.getMessage());
        }
    }

    @Test
    void negativeTimeoutsAreRefused() {
        RtmpOptions.Builder b = RtmpOptions.builder();
        Duration negative = Duration.ofMillis(-1);
        for (Runnable set : new Runnable[] {() -> b.connectTimeout(negative), () -> b.streamSetupTimeout(negative),
            () -> b.mediaTimeout(negative)}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, set::run);
            assertTrue(e.getMessage().contains("must not be negative"), e.getMessage());
        }
    }

    private interface Call {
        void run() throws Exception;
    }

    /** How long {@code call} took to fail with an RtmpException whose message contains {@code text}. */
    private static long failureMillis(Call call, String text) {
        long start = System.nanoTime();
        RtmpException e = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> assertThrows(RtmpException.class, call::run));
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(e.getMessage().contains(text), e.getMessage());
        return millis;
    }

    /** {@code call} on another thread is still running after {@code millis}; close() then ends it at once. */
    private static void assertClosingEndsACallStillRunningAfter(NativeRtmp rtmp, Call call, long millis) throws Exception {
        CompletableFuture<Throwable> ended = CompletableFuture.supplyAsync(() -> {
            try {
                call.run();
                return null;
            } catch (Throwable t) {
                return t;
            }
        });
        Thread.sleep(millis);
        assertFalse(ended.isDone(), "still waiting after " + millis + " ms: " + (ended.isDone() ? ended.get() : ""));
        long start = System.nanoTime();
        rtmp.close();
        Throwable t = ended.get(5, TimeUnit.SECONDS);
        long closeMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(t instanceof RtmpException, "an RtmpException: " + t);
        assertTrue(t.getMessage().contains("close() from another thread"), t.getMessage());
        assertTrue(closeMillis < 1000, "ended " + closeMillis + " ms after close()");
    }
}
