package org.nativertmp.cli;

import java.util.concurrent.Callable;
import org.nativertmp.DebugHook;
import org.nativertmp.NativeRtmp;
import org.nativertmp.RtmpException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code trace URL}: connect with the printing debug hook on, then close. */
@Command(name = "trace",
        abbreviateSynopsis = true,
        description = {"Connect to URL, print every step of the connect and librtmp's log, then close.",
            "The steps are printed as the CCQ lines of an instrumented librtmp, followed by librtmp's own log lines.",
            "Exit 0 when the connect succeeded, 1 with 'error: <text>' on stderr when it failed, "
                + "2 for a URL or option librtmp cannot use."})
final class TraceCommand implements Callable<Integer> {
    @Mixin
    HelpOption help;

    @Mixin
    LibrtmpLogOption librtmpLog;

    @Parameters(index = "0", paramLabel = "URL", description = "rtmp://host[:port]/app/stream (also rtmpt, rtmps, rtmpts)")
    String url;

    @Option(names = "--write", description = "Connect to publish (RTMP_EnableWrite), as a publisher would.")
    boolean write;

    @Mixin
    ConnectOptions connection;

    @Override
    public Integer call() {
        Integer usage = connection.check();
        if (usage != null) {
            return usage;
        }
        try (NativeRtmp rtmp = new NativeRtmp()) {
            if (!CliArguments.setupUrl(rtmp, url, connection.options().build())) {
                return Main.EXIT_USAGE;
            }
            if (write) {
                rtmp.enableWrite();
            }
            rtmp.setDebugHook(DebugHook.printingTo(System.out));
            rtmp.connect();
            rtmp.setDebugHook(null);
            return 0;
        } catch (IllegalArgumentException e) {
            return CliArguments.usage(e.getMessage()); // --write with a URL that names no stream
        } catch (RtmpException e) {
            System.out.flush();
            System.err.println("error: " + e.getMessage());
            return 1;
        }
    }
}
