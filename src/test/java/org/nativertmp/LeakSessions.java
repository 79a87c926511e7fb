package org.nativertmp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Many sessions in this one JVM, printing the process's resident set size as it goes (LeakTest
 * runs it as a child JVM with a fixed heap, so that what grows is native memory):
 *
 * <pre>RSS phase sessions kilobytes</pre>
 *
 * Arguments: the URL of a well-behaved server (connect and close, {@code cycles} times), the URL
 * of a server that sends garbage after the handshake (connect and connectStream, {@code garbage}
 * times), the two counts, and how often to print.
 */
public final class LeakSessions {
    private LeakSessions() {
    }

    public static void main(String[] args) throws Exception {
        String goodUrl = args[0];
        String garbageUrl = args[1];
        int cycles = Integer.parseInt(args[2]);
        int garbage = Integer.parseInt(args[3]);
        int every = Integer.parseInt(args[4]);
        int failures = 0;
        for (int i = 1; i <= cycles; i++) {
            try (NativeRtmp rtmp = new NativeRtmp()) {
                rtmp.setupUrl(goodUrl);
                rtmp.connect();
            } catch (RtmpException e) {
                failures++;
            }
            report("connect-close", i, every);
        }
        System.out.println("FAILED connect-close " + failures);
        int exceptions = 0;
        for (int i = 1; i <= garbage; i++) {
            try (NativeRtmp rtmp = new NativeRtmp()) {
                rtmp.setupUrl(garbageUrl, RtmpOptions.builder().receiveTimeout(Duration.ofSeconds(2)).build());
                rtmp.connect();
                rtmp.connectStream(0);
            } catch (RtmpException expected) {
                exceptions++;
            }
            report("garbage", i, every);
        }
        System.out.println("EXCEPTIONS garbage " + exceptions);
    }

    private static void report(String phase, int i, int every) throws IOException, InterruptedException {
        if (i % every != 0) {
            return;
        }
        System.gc(); // the Cleaner frees what close() left, and JNA's memory goes with the objects
        Thread.sleep(50);
        System.out.println("RSS " + phase + " " + i + " " + residentKilobytes());
        System.out.flush();
    }

    private static long residentKilobytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IOException("no VmRSS in /proc/self/status");
    }
}
