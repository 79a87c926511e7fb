package org.nativertmp;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Run by VirtualThreadTest in a JVM of 21 or later: a virtual thread's read of a live stream
 * nobody publishes waits on the engine; close() from the main thread must end it at once, with
 * an RtmpException, and a later call must be refused. Prints {@code key=value} lines.
 *
 * <p>Argument: the stream's URL.
 */
public final class VirtualThreadCloseSession {
    private VirtualThreadCloseSession() {
    }

    public static void main(String[] args) throws Exception {
        ExecutorService virtual = VirtualThreadSessions.virtualThreadPerTask();
        NativeRtmp rtmp = new NativeRtmp();
        rtmp.setupUrl(args[0], RtmpOptions.builder().live(true).receiveTimeout(Duration.ofSeconds(60)).build());
        Future<String> read = virtual.submit(() -> {
            rtmp.connect();
            rtmp.connectStream(0);
            byte[] buf = new byte[4096];
            try {
                return "read returned " + rtmp.read(buf, 0, buf.length);
            } catch (RtmpException e) {
                return "RtmpException: " + e.getMessage();
            }
        });
        Thread.sleep(1500);
        System.out.println("waiting-after-1500-ms=" + !read.isDone());
        long closed = System.nanoTime();
        rtmp.close();
        String outcome = read.get(30, TimeUnit.SECONDS);
        System.out.println("ended-after-close-ms=" + (System.nanoTime() - closed) / 1_000_000);
        System.out.println("outcome=" + outcome);
        try {
            rtmp.read(new byte[1], 0, 1);
            System.out.println("after-close=no exception");
        } catch (IllegalStateException e) {
            System.out.println("after-close=IllegalStateException");
        }
        virtual.shutdown();
        System.exit(0);
    }
}
