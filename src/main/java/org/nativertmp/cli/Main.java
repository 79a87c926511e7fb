package org.nativertmp.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The runnable jar's entry point: {@code java -jar native-rtmp-cli.jar COMMAND ...}. */
@Command(name = "native-rtmp",
        mixinStandardHelpOptions = true,
        description = "Drive the real native librtmp from the command line.",
        subcommands = {
            VersionCommand.class,
        })
public final class Main implements Runnable {
    /** Exit code for a usage error, as picocli reports it. */
    public static final int EXIT_USAGE = 2;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs one command line and returns its exit code (0 ok, 1 RTMP error, 2 usage error). */
    public static int run(String... args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setExitCodeExceptionMapper(t -> 1);
        return cl.execute(args);
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.err);
    }
}
