package org.nativertmp.bench;

import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.file.Files;
import java.nio.file.Path;

/** Threads for the scaling runs: platform daemons, or virtual threads on Java 21+ (found through a method handle). */
final class BenchThreads {
    private static final MethodHandle OF_VIRTUAL = ofVirtual();

    private BenchThreads() {
    }

    /** An unstarted thread running {@code task}. */
    static Thread newThread(boolean virtual, String name, Runnable task) {
        if (!virtual) {
            Thread t = new Thread(task, name);
            t.setDaemon(true);
            return t;
        }
        if (OF_VIRTUAL == null) {
            throw new IllegalStateException("virtual threads need Java 21 or later; this is " + Runtime.version());
        }
        try {
            Class<?> builderType = Class.forName("java.lang.Thread$Builder");
            Object builder = OF_VIRTUAL.invoke();
            Object named = builderType.getMethod("name", String.class).invoke(builder, name);
            return (Thread) builderType.getMethod("unstarted", Runnable.class).invoke(named, task);
        } catch (Throwable t) {
            throw new IllegalStateException("no virtual thread", t);
        }
    }

    static boolean virtualAvailable() {
        return OF_VIRTUAL != null;
    }

    /** The process's resident memory (VmRSS), bytes; -1 outside Linux. */
    static long residentBytes() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmRSS:"))
                    .mapToLong(l -> Long.parseLong(l.replaceAll("[^0-9]", "")) * 1024).findFirst().orElse(-1);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static MethodHandle ofVirtual() {
        try {
            return MethodHandles.publicLookup().findStatic(Thread.class, "ofVirtual",
                    MethodType.methodType(Class.forName("java.lang.Thread$Builder$OfVirtual")));
        } catch (ReflectiveOperationException beforeJava21) {
            return null;
        }
    }
}
