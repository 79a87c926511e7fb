package org.nativertmp.bench;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Structure;

/**
 * Bytes the C heap (glibc malloc) has handed out and not taken back, read with mallinfo2():
 * librtmp's RTMP struct, the shim's send buffer and JNA's Memory are all malloc'd, and so is
 * what the JVM itself allocates natively for a thread. Thread stacks are not in it (mmap). -1
 * outside glibc.
 */
final class NativeHeap {
    /** struct mallinfo2 (glibc 2.33 and later): ten size_t fields. */
    @Structure.FieldOrder({"arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks",
            "fordblks", "keepcost"})
    public static final class MallInfo2 extends Structure implements Structure.ByValue {
        public long arena;
        public long ordblks;
        public long smblks;
        public long hblks;
        public long hblkhd;
        public long usmblks;
        public long fsmblks;
        public long uordblks;
        public long fordblks;
        public long keepcost;
    }

    interface LibC extends Library {
        MallInfo2 mallinfo2();
    }

    private static final LibC LIBC = Platform.isLinux() ? Native.load("c", LibC.class) : null;

    private NativeHeap() {
    }

    /** In-use bytes: small chunks (uordblks) and mmapped large ones (hblkhd). */
    static long inUse() {
        if (LIBC == null) {
            return -1;
        }
        try {
            MallInfo2 m = LIBC.mallinfo2();
            return m.uordblks + m.hblkhd;
        } catch (UnsatisfiedLinkError olderGlibc) {
            return -1;
        }
    }
}
