package org.nativertmp.cli;

import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;

/**
 * Whether stderr is a terminal, where publish and play draw their progress line. Java 17 cannot
 * tell: {@link System#console()} is there only when stdin and stdout are terminals too, so a
 * pipe into publish ({@code ffmpeg ... | publish - URL}) would show nothing. The C library's
 * {@code isatty(2)} ({@code _isatty} on Windows) can, through JNA, which the CLI carries anyway.
 */
final class StderrTerminal {
    private static final int STDERR = 2;

    private StderrTerminal() {
    }

    static boolean isTerminal() {
        try {
            NativeLibrary c = NativeLibrary.getInstance(Platform.isWindows() ? "msvcrt" : Platform.C_LIBRARY_NAME);
            return c.getFunction(Platform.isWindows() ? "_isatty" : "isatty").invokeInt(new Object[] {STDERR}) != 0;
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            return System.console() != null; // no C library to ask: at least the old answer
        }
    }
}
