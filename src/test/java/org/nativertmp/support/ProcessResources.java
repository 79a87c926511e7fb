package org.nativertmp.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * This JVM's threads (every one the system runs for it, native ones included: /proc/self/task)
 * and its descriptors that are not files (sockets, pipes, event descriptors: /proc/self/fd), to
 * show that a session leaves none behind. Linux only.
 */
public record ProcessResources(long threads, long descriptors) {
    public static ProcessResources now() {
        return new ProcessResources(count(Path.of("/proc/self/task"), false), count(Path.of("/proc/self/fd"), true));
    }

    /**
     * Waits up to {@code millis} for the counts to come back to {@code baseline} or below (a lookup
     * or a copying thread may end a little after its session); the counts as they are then.
     */
    public static ProcessResources settleTo(ProcessResources baseline, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        ProcessResources now = now();
        while (!now.within(baseline) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            now = now();
        }
        return now;
    }

    public boolean within(ProcessResources baseline) {
        return threads <= baseline.threads && descriptors <= baseline.descriptors;
    }

    private static long count(Path dir, boolean notFiles) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(e -> !notFiles || !isFile(e)).count();
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + dir, e);
        }
    }

    /** A descriptor of a file (a jar, a library): its link is a path; sockets and pipes are "socket:[…]". */
    private static boolean isFile(Path fd) {
        try {
            return Files.readSymbolicLink(fd).toString().startsWith("/");
        } catch (IOException gone) {
            return true; // closed while listed: not a leak
        }
    }
}
