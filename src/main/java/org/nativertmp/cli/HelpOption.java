package org.nativertmp.cli;

import picocli.CommandLine.Option;

/**
 * {@code -h}/{@code --help} for a subcommand. Not picocli's standard pair, which adds
 * {@code -V}/{@code --version}: a subcommand has no version of its own (it printed nothing), and
 * {@code -V} is rtmpdump's verbose ({@link LibrtmpLogOption}). The version is
 * {@code native-rtmp --version}, or the {@code version} command.
 */
final class HelpOption {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;
}
