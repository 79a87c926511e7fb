package org.nativertmp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.nativertmp.support.HandshakeServer;
import org.nativertmp.support.Socks4Proxy;
import org.nativertmp.support.UnansweredPort;

class ConnectTraceTest {
    /**
     * sa_data of 127.0.0.1:port as the instrumented build printed it, worked out here on its own:
     * port high byte, low byte, then 127 (octal 177); 0 ends the C string. Bytes outside
     * printable ASCII are octal escapes.
     */
    static String saDataOfLoopback(int port) {
        StringBuilder s = new StringBuilder();
        for (int b : new int[] {port >> 8, port & 0xFF, 127}) {
            if (b == 0) {
                break;
            }
            s.append(b >= 0x20 && b < 0x7F ? String.valueOf((char) b) : String.format("\\%03o", b));
        }
        return s.toString();
    }

    static List<String> expectedCcqLines(String hostAndRest, String host, int port, String saData, int protocol) {
        return List.of(
                "DEBUG: CCQ: host->av_val:" + hostAndRest,
                "DEBUG: CCQ: hostname:" + host,
                "DEBUG: CCQ: portNo:" + port,
                "DEBUG: CCQ: addrinfo->ai_flags:0",
                "DEBUG: CCQ: addrinfo->ai_family:2",
                "DEBUG: CCQ: addrinfo->ai_socktype:1",
                "DEBUG: CCQ: addrinfo->ai_protocol:6",
                "DEBUG: CCQ: addrinfo->ai_addrlen:16",
                "DEBUG: CCQ: addrinfo->ai_addr->sa_family:2",
                "DEBUG: CCQ: addrinfo->ai_addr->sa_data:" + saData,
                "DEBUG: CCQ: addrinfo->ai_canonname:(null)",
                "DEBUG: CCQ: addrinfo->ai_next:(null)",
                "DEBUG: CCQ: r->Link.socksport:0",
                "DEBUG: CCQ: r->Link.timeout:30",
                "DEBUG: CCQ: RTMP_Connect1, r->Link.protocol:" + protocol,
                "DEBUG: CCQ: RTMP_Connect1, RTMP_FEATURE_SSL:4",
                "DEBUG: CCQ: RTMP_Connect1, r->Link.protocol & RTMP_FEATURE_SSL:0",
                "DEBUG: CCQ: RTMP_Connect1, r->Link.protocol & RTMP_FEATURE_HTTP:0");
    }

    private static List<String> traceConnect(String url, boolean write) throws Exception {
        CollectingDebugHook hook = DebugHook.collecting();
        try (NativeRtmp rtmp = new NativeRtmp()) {
            rtmp.setupUrl(url);
            if (write) {
                rtmp.enableWrite();
            }
            rtmp.setDebugHook(hook);
            rtmp.connect();
        }
        return hook.ccqLines();
    }

    /** The CCQ lines, then librtmp's own handshake lines in librtmp's order. */
    private static void assertGolden(List<String> lines, List<String> ccq) {
        assertEquals(ccq, lines.subList(0, Math.min(ccq.size(), lines.size())), String.join("\n", lines));
        List<String> own = lines.subList(ccq.size(), lines.size());
        assertEquals("DEBUG: RTMP_Connect1, ... connected, handshaking", own.get(0), String.join("\n", own));
        int handshaked = own.indexOf("DEBUG: RTMP_Connect1, handshaked");
        assertTrue(handshaked > 1, String.join("\n", own));
        for (String line : own.subList(1, handshaked)) {
            assertTrue(line.startsWith("DEBUG: HandShake: "), line);
        }
        assertTrue(own.contains("DEBUG: HandShake: Type Answer   : 03"), String.join("\n", own));
    }

    @Test
    void loopbackPort19350PrintsAsTheIssueSpellsIt() {
        // 19350 = 0x4B96: 'K', octal 226, then 127 = octal 177, then the NUL of 127.0.0.1.
        assertEquals("K\\226\\177", saDataOfLoopback(19350));
        assertEquals("K\\226\\177", TraceEvent.cString(new byte[] {0x4B, (byte) 0x96, 127, 0, 0, 1, 0, 0}));
    }

    @Test
    void traceOfAPublishConnectIsTheInstrumentedLibrtmpsLines() throws Exception {
        try (HandshakeServer server = HandshakeServer.start(false)) {
            int port = server.port();
            List<String> lines = traceConnect("rtmp://127.0.0.1:" + port + "/live/stream", true);
            assertGolden(lines, expectedCcqLines("127.0.0.1:" + port + "/live/stream", "127.0.0.1", port,
                    saDataOfLoopback(port), 16));
        }
    }

    @Test
    void traceOfAPlayConnectReportsProtocolZero() throws Exception {
        try (HandshakeServer server = HandshakeServer.start(false)) {
            int port = server.port();
            List<String> lines = traceConnect("rtmp://127.0.0.1:" + port + "/live/stream", false);
            assertGolden(lines, expectedCcqLines("127.0.0.1:" + port + "/live/stream", "127.0.0.1", port,
                    saDataOfLoopback(port), 0));
        }
    }

    @Test
    void saDataIsPrintedAsTheCStringTheInstrumentedBuildPrinted() {
        // 192.168.0.12:1935 -> port 0x078F, address C0 A8 00 0C: the string stops at the NUL.
        byte[] saData = {0x07, (byte) 0x8F, (byte) 0xC0, (byte) 0xA8, 0x00, 0x0C, 0, 0, 0, 0, 0, 0, 0, 0};
        assertEquals("\\007\\217\\300\\250", TraceEvent.cString(saData));
    }

    @Test
    void addrinfoEventsCarryTheDecodedAddress() throws Exception {
        try (HandshakeServer server = HandshakeServer.start(false)) {
            CollectingDebugHook hook = DebugHook.collecting();
            try (NativeRtmp rtmp = new NativeRtmp()) {
                rtmp.setupUrl("rtmp://127.0.0.1:" + server.port() + "/live/x");
                rtmp.setDebugHook(hook);
                rtmp.connect();
            }
            TraceEvent saData = hook.events().stream()
                    .filter(e -> e.key().equals("addrinfo->ai_addr->sa_data")).findFirst().orElseThrow();
            assertEquals(TraceEvent.Kind.ADDRINFO, saData.kind());
            assertEquals("127.0.0.1:" + server.port(), saData.address().orElseThrow());
        }
    }

    @Test
    void ipv6LiteralConnectsAndTheTcUrlKeepsItsBrackets() throws Exception {
        try (HandshakeServer server = HandshakeServer.start(true)) {
            CollectingDebugHook hook = DebugHook.collecting();
            String url = "rtmp://[::1]:" + server.port() + "/live/stream";
            try (NativeRtmp rtmp = new NativeRtmp()) {
                rtmp.setupUrl(url);
                rtmp.setDebugHook(hook);
                rtmp.connect();
                assertTrue(rtmp.isConnected());
                assertTrue(server.awaitReceived("rtmp://[::1]:" + server.port() + "/live", Duration.ofSeconds(10)),
                        "tcUrl with brackets in the connect command; got: " + server.receivedText());
            }
            List<String> lines = hook.ccqLines();
            assertTrue(lines.contains("DEBUG: CCQ: hostname:::1"), String.join("\n", lines));
            assertTrue(lines.contains("DEBUG: CCQ: addrinfo->ai_addrlen:28"), String.join("\n", lines));
            TraceEvent socket = hook.events().stream().filter(e -> e.kind() == TraceEvent.Kind.SOCKET)
                    .findFirst().orElseThrow();
            assertEquals("[::1]:" + server.port(), socket.address().orElseThrow());
        }
    }

    @Test
    void anIpv6UrlWithoutAPortKeepsTheSchemesDefaultPort() throws Exception {
        // rtmpt's default is 80; nothing listens there on ::1, so the connect is refused.
        CollectingDebugHook hook = DebugHook.collecting();
        try (NativeRtmp rtmp = new NativeRtmp()) {
            rtmp.setupUrl("rtmpt://[::1]/live/x", RtmpOptions.builder().connectTimeout(Duration.ofSeconds(5)).build());
            rtmp.setDebugHook(hook);
            assertThrows(RtmpException.class, rtmp::connect);
        }
        assertTrue(hook.ccqLines().contains("DEBUG: CCQ: portNo:80"), String.join("\n", hook.ccqLines()));
    }

    @Test
    void connectTimeoutEndsAConnectToAnAddressThatNeverAnswers() throws Exception {
        try (UnansweredPort port = new UnansweredPort(); NativeRtmp rtmp = new NativeRtmp()) {
            rtmp.setupUrl("rtmp://127.0.0.1:" + port.port() + "/live/x",
                    RtmpOptions.builder().connectTimeout(Duration.ofMillis(1500)).build());
            long start = System.nanoTime();
            RtmpException e = assertThrows(RtmpException.class, rtmp::connect);
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(millis < 1500 + 1000, "took " + millis + " ms");
            assertTrue(e.getMessage().contains("timed out after 1500 ms"), e.getMessage());
        }
    }

    @Test
    void socksConnectGoesThroughLibrtmpsOwnPathAndIsTraced() throws Exception {
        try (HandshakeServer server = HandshakeServer.start(false); Socks4Proxy proxy = Socks4Proxy.start()) {
            CollectingDebugHook hook = DebugHook.collecting();
            try (NativeRtmp rtmp = new NativeRtmp()) {
                rtmp.setupUrl("rtmp://127.0.0.1:" + server.port() + "/live/x",
                        RtmpOptions.builder().option("socks", "127.0.0.1:" + proxy.port()).build());
                rtmp.setDebugHook(hook);
                rtmp.connect();
                assertTrue(rtmp.isConnected());
            }
            assertEquals(1, proxy.granted());
            List<String> lines = hook.ccqLines();
            assertTrue(lines.contains("DEBUG: CCQ: portNo:" + proxy.port()), String.join("\n", lines));
            assertTrue(lines.contains("DEBUG: CCQ: r->Link.socksport:" + proxy.port()), String.join("\n", lines));
            assertTrue(lines.contains("DEBUG: RTMP_Connect0 ... SOCKS negotiation"), String.join("\n", lines));
            assertTrue(server.awaitHandshakes(1, Duration.ofSeconds(10)), "the server behind the proxy saw the handshake");
        }
    }

    @Test
    void aHookThatThrowsDoesNotBreakTheConnectAndIsReportedOnce() throws Exception {
        List<LogRecord> records = new ArrayList<>();
        Logger jul = Logger.getLogger("org.nativertmp");
        Handler capture = new Handler() {
            @Override
            public synchronized void publish(LogRecord r) {
                records.add(r);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        jul.addHandler(capture);
        try (HandshakeServer server = HandshakeServer.start(false); NativeRtmp rtmp = new NativeRtmp()) {
            rtmp.setupUrl("rtmp://127.0.0.1:" + server.port() + "/live/x");
            rtmp.setDebugHook(event -> {
                throw new IllegalStateException("hook failure for the test");
            });
            rtmp.connect();
            assertTrue(rtmp.isConnected());
        } finally {
            jul.removeHandler(capture);
        }
        long reports;
        synchronized (capture) {
            reports = records.stream().filter(r -> r.getThrown() instanceof IllegalStateException).count();
        }
        assertEquals(1, reports, "hook failures reported through the logger");
    }
}
