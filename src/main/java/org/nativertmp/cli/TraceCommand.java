package org.nativertmp.cli;

import java.time.Duration;
import java.util.concurrent.Callable;
import org.nativertmp.DebugHook;
import org.nativertmp.NativeRtmp;
import org.nativertmp.RtmpOptions;
import org.nativertmp.RtmpException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code trace URL}: connect with the printing debug hook on, then close. */
@Command(name = "trace",
        mixinStandardHelpOptions = true,
        description = {"Connect to URL, print every step of the connect and librtmp's log, then close.",
            "The steps are printed as the CCQ lines of an instrumented librtmp, followed by librtmp's own log lines.",
            "Exit 0 when the connect succeeded, 1 with 'error: <text>' on stderr otherwise."})
final class TraceCommand implements Callable<Integer> {
    @Mixin
    LibrtmpLogOption librtmpLog;

    @Parameters(index = "0", paramLabel = "URL", description = "rtmp://host[:port]/app/stream (also rtmpt, rtmps, rtmpts)")
    String url;

    @Option(names = "--write", description = "Connect to publish (RTMP_EnableWrite), as a publisher would.")
    boolean write;

    @Option(names = "--url-options", description = {"Read text after a space in URL as librtmp's own",
        "options (key=value ..., librtmp(3)). Only for URLs you trust: they can send the session",
        "through a proxy (socks=)."})
    boolean urlOptions;

    @Option(names = "--timeout", paramLabel = "SECONDS",
            description = "Give up the connect (name lookup, TCP, handshake, the answer to connect) after this"
                    + " many seconds (default: librtmp's receive timeout, 30 s).")
    Double timeoutSeconds;

    @Mixin
    TlsOptions tls;

    @Override
    public Integer call() {
        Integer usage = tls.check();
        if (usage != null) {
            return usage;
        }
        try (NativeRtmp rtmp = new NativeRtmp()) {
            RtmpOptions.Builder options = tls.applyTo(RtmpOptions.builder()).librtmpUrlOptions(urlOptions);
            if (timeoutSeconds != null) {
                options.connectTimeout(Duration.ofMillis(Math.round(timeoutSeconds * 1000)));
            }
            rtmp.setupUrl(url, options.build());
            if (write) {
                rtmp.enableWrite();
            }
            rtmp.setDebugHook(DebugHook.printingTo(System.out));
            rtmp.connect();
            rtmp.setDebugHook(null);
            return 0;
        } catch (RtmpException | IllegalArgumentException e) {
            System.out.flush();
            System.err.println("error: " + e.getMessage());
            return 1;
        }
    }
}
