package org.nativertmp.cli;

import java.util.logging.Level;
import java.util.logging.Logger;
import org.nativertmp.NativeRtmp;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParseResult;

/** The runnable jar's entry point: {@code java -jar native-rtmp-cli.jar COMMAND ...}. */
@Command(name = "native-rtmp",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Drive the real native librtmp from the command line.",
        subcommands = {
            VersionCommand.class,
            DemoCommand.class,
            TraceCommand.class,
            RecordCommand.class,
            DiffCommand.class,
            ScorecardCommand.class,
            PublishCommand.class,
            PlayCommand.class,
        })
public final class Main implements Runnable {
    /** Exit code for a usage error, as picocli reports it. */
    public static final int EXIT_USAGE = 2;

    /** Held so that java.util.logging keeps the level set on it. */
    private static final Logger LIBRTMP_LOG = Logger.getLogger("org.nativertmp.librtmp");

    /**
     * Runs one command line and exits the JVM with its exit code.
     *
     * @param args the command and its arguments
     */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /**
     * Runs one command line.
     *
     * @param args the command and its arguments
     * @return the exit code: 0 ok, 1 RTMP error, 2 usage error
     */
    public static int run(String... args) {
        Main main = new Main();
        CommandLine cl = new CommandLine(main);
        cl.setExitCodeExceptionMapper(t -> t instanceof CommandLine.ParameterException ? EXIT_USAGE : 1);
        // What a command did not handle itself (a native library that does not load, say) is
        // still one 'error:' line, not a stack trace; -v adds the trace.
        cl.setExecutionExceptionHandler((e, commandLine, parsed) -> reportError(e, verbose(parsed)));
        cl.setExecutionStrategy(parsed -> {
            // A command reports librtmp's error in its own 'error:' line; the log would repeat it.
            LIBRTMP_LOG.setLevel(verbose(parsed) ? Level.ALL : Level.OFF);
            try {
                return new CommandLine.RunLast().execute(parsed);
            } catch (LinkageError e) {
                // picocli passes Errors through; a library that does not load is still one line.
                return reportError(e, verbose(parsed));
            }
        });
        return cl.execute(args);
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.err);
    }

    /** Whether the command given (only those running librtmp have it) was given -v. */
    private static boolean verbose(ParseResult parsed) {
        for (ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption(LibrtmpLogOption.NAME)) {
                return true;
            }
        }
        return false;
    }

    private static int reportError(Throwable e, boolean verbose) {
        Throwable t = e instanceof ExceptionInInitializerError && e.getCause() != null ? e.getCause() : e;
        System.err.println("error: " + (t.getMessage() != null ? t.getMessage() : t.toString()));
        if (verbose) {
            t.printStackTrace();
        }
        return 1;
    }

    /** {@code --version}: the same text as the {@code version} command's first line. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"native-rtmp " + NativeRtmp.version()};
        }
    }
}
