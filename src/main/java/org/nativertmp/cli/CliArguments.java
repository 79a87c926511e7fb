package org.nativertmp.cli;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.nativertmp.NativeRtmp;
import org.nativertmp.RtmpOptions;

/** Argument checks that picocli's types cannot express; each failure is a usage error (exit 2). */
final class CliArguments {
    private CliArguments() {
    }

    static Integer usage(String text) {
        System.err.println("error: " + text);
        return Main.EXIT_USAGE;
    }

    /** A URL, not a file name: what a user who swapped the arguments gave as the file. */
    static boolean looksLikeUrl(String argument) {
        return argument.contains("://");
    }

    /** A file that cannot be read or written, in words: a usage error (exit 2). */
    static Integer fileProblem(FileSystemException e, boolean writing) {
        String file = e.getFile();
        if (e instanceof NoSuchFileException) {
            Path parent = Path.of(file).toAbsolutePath().getParent();
            return usage(writing ? "cannot write " + file + ": there is no folder " + parent : "no such file: " + file);
        }
        String verb = writing ? "cannot write " : "cannot read ";
        if (e instanceof AccessDeniedException) {
            return usage(verb + file + ": permission denied");
        }
        return usage(verb + file + (e.getReason() != null ? ": " + e.getReason() : ""));
    }

    /** setupUrl; false (after the error line) when the URL or an option is not one librtmp can use. */
    static boolean setupUrl(NativeRtmp rtmp, String url, RtmpOptions options) {
        try {
            rtmp.setupUrl(url, options);
            return true;
        } catch (IllegalArgumentException e) {
            usage(e.getMessage());
            return false;
        }
    }
}
