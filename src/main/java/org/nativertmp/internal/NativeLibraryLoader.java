package org.nativertmp.internal;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Properties;

/**
 * Finds the native library: the file or folder named by the system property
 * {@value #PATH_PROPERTY}, else the copy inside the jar under JNA's resource prefix
 * ({@code linux-x86-64/libnativertmp.so} and so on). Refuses a library built as another version.
 * Public for {@code NativeRtmp.version()} and {@code nativeLibraryInfo()} alone: its facts are
 * read without loading the native library, which any use of {@link RtmpPeer} does.
 */
public final class NativeLibraryLoader {
    static final String PATH_PROPERTY = "nativertmp.library.path";
    static final String LIBRARY_NAME = "nativertmp";

    private static final Properties BUILD = readBuildProperties();
    private static final String VERSION = BUILD.getProperty("version");
    private static String loadedFrom;
    private static NativeLibrary library;

    private NativeLibraryLoader() {
    }

    /** This jar's version, which the native library must report too. */
    public static String version() {
        return VERSION;
    }

    /** Where the library was found: the override path, or the jar resource and its extracted file. */
    public static synchronized String loadedFrom() {
        library();
        return loadedFrom;
    }

    /** JNA's name for this machine's platform, e.g. {@code linux-x86-64}. */
    public static String platform() {
        return Platform.RESOURCE_PREFIX;
    }

    static synchronized NativeLibrary library() {
        if (library == null) {
            File file = locate();
            NativeLibrary lib = NativeLibrary.getInstance(file.getAbsolutePath());
            library = lib;
        }
        return library;
    }

    /**
     * Before the functions are registered: a library without the shim (a plain librtmp, such as
     * Debian's librtmp.so.1) is refused in words, not with JNA's "undefined symbol" for whichever
     * function it registers first.
     */
    static void requireShim(NativeLibrary lib) {
        try {
            lib.getFunction("nrtmp_version");
        } catch (UnsatisfiedLinkError e) {
            throw new UnsatisfiedLinkError(loadedFrom + " is not a native-rtmp build: it has no nrtmp_version, the"
                    + " shim native-rtmp drives librtmp through (a plain librtmp, such as Debian's librtmp.so.1, has"
                    + " none); point -D" + PATH_PROPERTY + " at a libnativertmp built for this jar (native/build.sh),"
                    + " or leave it unset for the one inside the jar");
        }
    }

    /** Called once the functions are registered: a library of another version is refused. */
    static void checkVersion(String nativeVersion) {
        if (!VERSION.equals(nativeVersion)) {
            throw new UnsatisfiedLinkError("native library " + loadedFrom + " is version " + nativeVersion
                    + " but this jar is version " + VERSION + ": use the library built with this jar,"
                    + " or point -D" + PATH_PROPERTY + " at a matching build");
        }
    }

    private static File locate() {
        String override = System.getProperty(PATH_PROPERTY, "").trim();
        if (!override.isEmpty()) {
            File f = new File(override);
            if (f.isDirectory()) {
                f = new File(f, System.mapLibraryName(LIBRARY_NAME));
            }
            if (!f.isFile()) {
                throw new UnsatisfiedLinkError("-D" + PATH_PROPERTY + "=" + override + ": no library file "
                        + f + " (give the file, or a folder holding " + System.mapLibraryName(LIBRARY_NAME) + ")");
            }
            loadedFrom = f.getAbsolutePath() + " (from -D" + PATH_PROPERTY + ")";
            return f;
        }
        String resource = Platform.RESOURCE_PREFIX + "/" + System.mapLibraryName(LIBRARY_NAME);
        ClassLoader loader = NativeLibraryLoader.class.getClassLoader();
        URL url = loader.getResource(resource);
        if (url == null) {
            throw new UnsatisfiedLinkError("this jar holds no native library for " + Platform.RESOURCE_PREFIX
                    + " (no resource " + resource + "); build one with native/build.sh for this platform,"
                    + " or point -D" + PATH_PROPERTY + " at a build");
        }
        try {
            File f = Native.extractFromResourcePath(resource, loader);
            loadedFrom = f.getAbsolutePath() + " (from " + url + ")";
            return f;
        } catch (IOException e) {
            throw (UnsatisfiedLinkError) new UnsatisfiedLinkError("cannot extract " + url + ": " + e.getMessage())
                    .initCause(e);
        }
    }

    /** Which librtmp source the bundled library was built from, and whether native-rtmp's fixes are in. */
    public static String librtmpSource() {
        boolean patched = !"false".equals(BUILD.getProperty("librtmp.patches"));
        return BUILD.getProperty("librtmp.version")
                + (patched ? ", with native-rtmp's fixes (native/patches)" : ", without native-rtmp's fixes");
    }

    private static Properties readBuildProperties() {
        try (InputStream in = NativeLibraryLoader.class.getResourceAsStream("/org/nativertmp/native-rtmp.properties")) {
            if (in == null) {
                throw new IllegalStateException("org/nativertmp/native-rtmp.properties is missing from the jar");
            }
            Properties p = new Properties();
            p.load(in);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
