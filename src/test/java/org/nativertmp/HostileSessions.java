package org.nativertmp;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.nativertmp.flv.FlvFormat;
import org.nativertmp.flv.FlvTag;
import org.nativertmp.support.HostileRtmpServer;
import org.nativertmp.support.HostileRtmpServer.Behaviour;
import org.nativertmp.support.StalledRtmpServer;
import org.nativertmp.testkit.RtmpRecorderServer;

/**
 * Every hostile server of {@link HostileRtmpServer}, and one that stops reading mid-publish,
 * through play and publish, one after the other in this one JVM (HostileServerTest runs it as a
 * child JVM, so that a crash fails the test instead of ending the run). After each session:
 * close() must return, and a publish to a well-behaved server (the recorder) must work. Prints
 * one line per session:
 *
 * <pre>SESSION behaviour role outcome=ExceptionClass|none millis=N close=N next=ok|failed header=N :: message</pre>
 *
 * where millis counts from the session's last progress (connect, connectStream, a read or a
 * write that returned) to its end.
 */
public final class HostileSessions {
    /** The receive timeout the sessions run with: the suite asserts timeout + 2 s. */
    public static final Duration TIMEOUT = Duration.ofSeconds(1);
    /** Behaviours where the client only connects and must not fail: it is sent 100 MB. */
    static final String CONNECT_ONLY = Behaviour.FLOOD_100MB.name();
    static final String STOPS_READING = "STOPS_READING_MID_PUBLISH";

    enum Role { PLAY, PUBLISH }

    private HostileSessions() {
    }

    public static void main(String[] args) throws Exception {
        List<String> names = new ArrayList<>(List.of(args));
        if (names.isEmpty()) {
            for (Behaviour b : Behaviour.values()) {
                if (!b.deadlineCase()) {
                    names.add(b.name());
                }
            }
            names.add(STOPS_READING);
        }
        try (RtmpRecorderServer good = RtmpRecorderServer.start()) {
            for (String name : names) {
                for (Role role : Role.values()) {
                    System.out.println(session(name, role, good));
                    System.out.flush();
                }
            }
        }
        System.out.println("DONE");
    }

    private static String session(String name, Role role, RtmpRecorderServer good) throws Exception {
        if (name.equals(STOPS_READING)) {
            try (StalledRtmpServer server = new StalledRtmpServer()) {
                return session(name, role, server.url("live/stream"), good);
            }
        }
        try (HostileRtmpServer server = HostileRtmpServer.start(Behaviour.valueOf(name))) {
            String line = session(name, role, server.url(), good);
            return line.replace(" header=0 ", " header=" + server.longestRequestHeader() + " ");
        }
    }

    private static String session(String name, Role role, String url, RtmpRecorderServer good) {
        NativeRtmp rtmp = new NativeRtmp();
        Throwable thrown = null;
        long[] progress = {System.nanoTime()};
        try {
            rtmp.setupUrl(url, RtmpOptions.builder().receiveTimeout(TIMEOUT).build());
            if (role == Role.PUBLISH) {
                rtmp.enableWrite();
            }
            rtmp.connect();
            progress[0] = System.nanoTime();
            if (name.equals(CONNECT_ONLY)) {
                Thread.sleep(2000); // the server floods; this client reads nothing
            } else {
                rtmp.connectStream(0);
                progress[0] = System.nanoTime();
                exchangeMedia(rtmp, role, progress);
            }
        } catch (Throwable t) {
            thrown = t;
        }
        long millis = (System.nanoTime() - progress[0]) / 1_000_000;
        long closeStart = System.nanoTime();
        rtmp.close();
        long closeMillis = (System.nanoTime() - closeStart) / 1_000_000;
        String next = nextConnectionWorks(good);
        String message = thrown == null ? "" : String.valueOf(thrown.getMessage()).replace('\n', ' ');
        return "SESSION " + name + " " + role + " outcome=" + (thrown == null ? "none" : thrown.getClass().getSimpleName())
                + " millis=" + millis + " close=" + closeMillis + " next=" + next + " header=0 :: " + message;
    }

    private static void exchangeMedia(NativeRtmp rtmp, Role role, long[] progress) throws RtmpException {
        if (role == Role.PLAY) {
            byte[] buf = new byte[64 * 1024];
            for (int i = 0; i < 10_000; i++) { // bounded
                if (rtmp.read(buf, 0, buf.length) < 0) {
                    return;
                }
                progress[0] = System.nanoTime();
            }
        } else {
            byte[] tag = new FlvTag(FlvFormat.TAG_VIDEO, 0, new byte[1000]).encode();
            for (int i = 0; i < 100_000; i++) { // bounded: more than the socket buffers hold
                rtmp.write(tag, 0, tag.length);
                progress[0] = System.nanoTime();
            }
        }
    }

    /** A publish of one tag to the recorder, start to close: "ok", or what went wrong. */
    private static String nextConnectionWorks(RtmpRecorderServer good) {
        try (NativeRtmp rtmp = new NativeRtmp()) {
            rtmp.setupUrl(good.url("live", "after"), RtmpOptions.builder().receiveTimeout(Duration.ofSeconds(5)).build());
            rtmp.enableWrite();
            rtmp.connect();
            rtmp.connectStream(0);
            byte[] tag = new FlvTag(FlvFormat.TAG_VIDEO, 0, new byte[] {0x17, 1, 0, 0, 0}).encode();
            rtmp.write(tag, 0, tag.length);
            return "ok";
        } catch (Exception e) {
            return "failed(" + e.getMessage().replace(' ', '_') + ")";
        }
    }
}
