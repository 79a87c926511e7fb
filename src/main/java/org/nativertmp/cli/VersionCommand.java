package org.nativertmp.cli;

import java.util.concurrent.Callable;
import org.nativertmp.NativeLibraryInfo;
import org.nativertmp.NativeRtmp;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code version}: our version, librtmp's, and which native file was loaded. */
@Command(name = "version", description = "Print native-rtmp's and librtmp's versions and the native library loaded.")
final class VersionCommand implements Callable<Integer> {
    @Mixin
    HelpOption help;

    @Mixin
    LibrtmpLogOption librtmpLog;

    @Override
    public Integer call() {
        NativeLibraryInfo info = NativeRtmp.nativeLibraryInfo();
        System.out.println("native-rtmp " + info.version());
        System.out.println(librtmp(info));
        System.out.println("platform " + info.platform());
        System.out.println("native library " + info.loadedFrom());
        return 0;
    }

    /**
     * librtmp's version as it reports it (2.3: the snapshot never bumped it) and the snapshot it
     * was built from: {@code librtmp 2.3 (RTMP_LibVersion 0x020300), rtmpdump 2.4+20151223...}.
     */
    static String librtmp(NativeLibraryInfo info) {
        int v = info.librtmpVersion();
        return String.format("librtmp %d.%d (RTMP_LibVersion 0x%06x), %s", v >> 16, (v >> 8) & 0xFF, v,
                info.librtmpSource());
    }
}
