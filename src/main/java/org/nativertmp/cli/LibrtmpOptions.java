package org.nativertmp.cli;

import java.util.List;
import java.util.function.Consumer;
import org.nativertmp.RtmpOptions;
import picocli.CommandLine.Option;

/**
 * librtmp's connection options for trace, publish and play, under rtmpdump's short and long
 * names where they mean the same (librtmp's option in brackets), any other by librtmp's own name
 * ({@code --option key=value}), and {@code --url-options}.
 */
final class LibrtmpOptions {
    @Option(names = {"-a", "--app"}, paramLabel = "APP",
            description = "application name sent in connect, instead of the URL's (app)")
    String app;

    @Option(names = {"-y", "--playpath"}, paramLabel = "NAME",
            description = "stream name published or played, instead of the URL's (playpath)")
    String playpath;

    @Option(names = {"-f", "--flashVer"}, paramLabel = "TEXT",
            description = "Flash version string sent in connect, e.g. \"LNX 10,0,32,18\" (flashver; none by default)")
    String flashVer;

    @Option(names = {"-C", "--conn"}, paramLabel = "TYPE:DATA",
            description = "one AMF item appended to connect (conn; repeatable), as rtmpdump's: a boolean"
                    + " B:0|1, a string S:text, a number N:1.5, a null Z:, an object from O:1 to O:0, and"
                    + " inside it named items NB:name:0|1 NS:name:text NN:name:1.5")
    List<String> conn = List.of();

    @Option(names = {"-t", "--tcUrl"}, paramLabel = "URL",
            description = "URL sent in connect (tcUrl); default: the URL up to the application")
    String tcUrl;

    @Option(names = {"-p", "--pageUrl"}, paramLabel = "URL", description = "web page of the media (pageUrl)")
    String pageUrl;

    @Option(names = {"-s", "--swfUrl"}, paramLabel = "URL", description = "URL of the player SWF (swfUrl)")
    String swfUrl;

    @Option(names = {"-T", "--token"}, paramLabel = "KEY", description = "key for a SecureToken response (token)")
    String token;

    @Option(names = {"-S", "--socks"}, paramLabel = "HOST:PORT",
            description = "connect through this SOCKS4 proxy (socks; not with rtmps, rtmpts)")
    String socks;

    @Option(names = "--option", paramLabel = "KEY=VALUE",
            description = "any librtmp option by its own name (librtmp(3)), such as jtv=TOKEN; repeatable")
    List<String> options = List.of();

    @Option(names = "--url-options",
            description = "read text after a space in URL as librtmp's own options (key=value ..., librtmp(3));"
                    + " only for URLs you trust: they can send the session through a proxy (socks=)")
    boolean urlOptions;

    /** A usage error's exit code, or null when the options are well formed (librtmp judges them at setupUrl). */
    Integer check() {
        for (String option : options) {
            if (option.indexOf('=') < 1) {
                return CliArguments.usage("--option " + option + ": give KEY=VALUE, e.g. --option jtv=TOKEN");
            }
        }
        return null;
    }

    /** Adds the options that were given to {@code b}, in librtmp's terms; after {@link #check()}. */
    RtmpOptions.Builder applyTo(RtmpOptions.Builder b) {
        b.librtmpUrlOptions(urlOptions);
        ifGiven(app, b::app);
        ifGiven(playpath, b::playpath);
        ifGiven(flashVer, b::flashVer);
        conn.forEach(b::conn);
        ifGiven(tcUrl, b::tcUrl);
        ifGiven(pageUrl, b::pageUrl);
        ifGiven(swfUrl, b::swfUrl);
        ifGiven(token, b::token);
        ifGiven(socks, b::socks);
        for (String option : options) {
            int eq = option.indexOf('=');
            b.option(option.substring(0, eq), option.substring(eq + 1));
        }
        return b;
    }

    private static void ifGiven(String value, Consumer<String> setter) {
        if (value != null) {
            setter.accept(value);
        }
    }
}
