package org.nativertmp;

/**
 * The native library this process loaded.
 *
 * @param version this library's version, which the native library reports too
 * @param librtmpVersion librtmp's {@code RTMP_LibVersion()} (0x020300 for 2.3)
 * @param librtmpSource which librtmp source the bundled library was built from
 * @param platform JNA's name for this machine's platform, e.g. {@code linux-x86-64}
 * @param loadedFrom the file loaded, and the jar resource or system property it came from
 */
public record NativeLibraryInfo(String version, int librtmpVersion, String librtmpSource, String platform,
        String loadedFrom) {
}
