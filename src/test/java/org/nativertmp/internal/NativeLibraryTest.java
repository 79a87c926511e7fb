package org.nativertmp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Platform;
import org.junit.jupiter.api.Test;
import org.nativertmp.NativeLibraryInfo;
import org.nativertmp.NativeRtmp;

class NativeLibraryTest {
    @Test
    void bundledLibrtmpReportsVersion2_3() {
        assertEquals(0x020300, NativeRtmp.libVersion());
    }

    @Test
    void nativeLibraryIsTheOneBuiltWithThisJar() {
        assertEquals(NativeLibraryLoader.version(), LibRtmp.nrtmp_version());
    }

    @Test
    void libraryComesFromThisPlatformsResourceFolder() {
        String from = NativeLibraryLoader.loadedFrom();
        assertTrue(from.contains(Platform.RESOURCE_PREFIX + "/libnativertmp"), from);
    }

    @Test
    void thePublicLibraryInfoSaysWhatTheLoaderFound() {
        NativeLibraryInfo info = NativeRtmp.nativeLibraryInfo();
        assertEquals(NativeLibraryLoader.version(), info.version());
        assertEquals(NativeRtmp.version(), info.version());
        assertEquals(0x020300, info.librtmpVersion());
        assertEquals(Platform.RESOURCE_PREFIX, info.platform());
        assertEquals(NativeLibraryLoader.loadedFrom(), info.loadedFrom());
        assertTrue(info.librtmpSource().contains("rtmpdump"), info.librtmpSource());
        // The default build carries native/patches; the version line says so.
        assertTrue(info.librtmpSource().endsWith("with native-rtmp's fixes (native/patches)"), info.librtmpSource());
    }
}
