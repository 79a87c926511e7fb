package org.nativertmp.cli;

import picocli.CommandLine.Option;

/** {@code -V} (rtmpdump's letter): for the commands that run librtmp; {@link Main} reads it from the parse result. */
final class LibrtmpLogOption {
    static final String NAME = "--verbose";

    @Option(names = {"-V", NAME},
            description = "Also log librtmp's own messages to stderr (commands report errors themselves), "
                    + "and print the stack trace of an unexpected error.")
    boolean verbose;
}
