package org.nativertmp.cli;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.nativertmp.NativeRtmp;
import org.nativertmp.RtmpException;
import org.nativertmp.RtmpOptions;
import org.nativertmp.RtmpOutputStream;
import org.nativertmp.RtmpStatistics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code publish FILE|- URL}: publishes an FLV file or stdin through librtmp. */
@Command(name = "publish",
        abbreviateSynopsis = true,
        description = {"Publish an FLV file, or FLV from stdin (-), to an RTMP URL.",
            "e.g. ffmpeg -re -i in.mp4 -c copy -f flv - | java -jar native-rtmp-cli.jar publish - rtmp://host/live/name"})
final class PublishCommand implements Callable<Integer> {
    @Mixin
    HelpOption help;

    @Mixin
    LibrtmpLogOption librtmpLog;

    /** How long the server gets, after the last tag, to read everything and close its side. */
    static final Duration DEFAULT_LINGER = Duration.ofSeconds(5);
    /** How long --stats waits for the server's answer to its ping at the end of the stream. */
    private static final Duration PING_TIMEOUT = Duration.ofSeconds(2);

    @Parameters(index = "0", paramLabel = "FILE|-", description = "FLV file to publish, - for stdin")
    String source;

    @Parameters(index = "1", paramLabel = "URL", description = "rtmp://host[:port]/app/stream (also rtmpt, rtmps, rtmpts)")
    String url;

    @Option(names = "--chunk-size", paramLabel = "N",
            description = "send Set Chunk Size N after the connect (librtmp's default: 128)")
    Integer chunkSize;

    @Mixin
    TransferOptions transfer;

    @Option(names = {"-v", "--live"}, description = "set librtmp's live option")
    boolean live;

    @Option(names = "--realtime",
            description = "send each tag when its timestamp is due, as ffmpeg's -re reads (default: as fast as the server takes them)")
    boolean realtime;

    @Option(names = "--enhanced", arity = "0..1", fallbackValue = "", paramLabel = "FOURCCS",
            description = {"announce Enhanced RTMP codecs in the connect (fourCcList): these, e.g."
                    + " --enhanced=hvc1,Opus, or without a list those of the FLV's first tags (an error when they are"
                    + " not enhanced).",
                "Without --enhanced the FLV's first tags are announced all the same when they are enhanced"
                    + " (HEVC, AV1, VP9, Opus...), and nothing when they are not."})
    String enhanced;


    @Override
    public Integer call() {
        TransferProgress progress = new TransferProgress(System.err, transfer.quiet);
        Integer usage = transfer.check();
        if (usage == null && chunkSize != null && chunkSize < 1) {
            usage = CliArguments.usage("--chunk-size must be at least 1, not " + chunkSize);
        }
        if (usage == null && CliArguments.looksLikeUrl(source) && !CliArguments.looksLikeUrl(url)) {
            usage = CliArguments.usage("the file comes first, then the URL: publish " + url + " " + source);
        }
        if (usage != null) {
            return usage;
        }
        try (BufferedInputStream in = open(); NativeRtmp rtmp = new NativeRtmp()) {
            List<String> codecs = enhanced == null || enhanced.isEmpty() ? EnhancedCodecs.atHeadOf(in)
                    : EnhancedCodecs.parse(enhanced);
            if (codecs == null) {
                return Main.EXIT_USAGE;
            }
            if (codecs.isEmpty() && enhanced != null) {
                return CliArguments.usage("--enhanced: the first tags of " + source + " are not enhanced; name the"
                        + " codecs, e.g. --enhanced=hvc1,Opus");
            }
            RtmpOptions.Builder builder = transfer.options().live(live);
            if (!codecs.isEmpty()) {
                builder.enhancedCodecs(codecs.toArray(String[]::new));
            }
            RtmpOptions options = builder.build();
            if (!CliArguments.setupUrl(rtmp, url, options)) {
                return Main.EXIT_USAGE;
            }
            rtmp.enableWrite();
            rtmp.connect();
            if (chunkSize != null) {
                rtmp.setOutChunkSize(chunkSize);
            }
            rtmp.connectStream(0);
            progress.watch(rtmp);
            RtmpOutputStream out = rtmp.outputStream();
            Runnable update = () -> progress.update(out.bytesWritten(), out.tagsSent(), out.mediaTimestampMillis());
            OutputStream sink = realtime ? new RealtimePacer(out, update) : out;
            byte[] buf = new byte[64 * 1024];
            for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                sink.write(buf, 0, n);
                update.run();
            }
            sink.close();
            out.close();
            RtmpStatistics stats = transfer.stats ? statisticsWithPing(rtmp, progress) : null;
            Integer timeout = transfer.timeoutSeconds();
            Duration linger = timeout != null ? Duration.ofSeconds(timeout) : DEFAULT_LINGER;
            if (!rtmp.closeGracefully(linger)) {
                // Every tag was accepted for sending; only the server's confirmation is missing.
                progress.warning("the server did not close the connection within " + linger.toSeconds()
                        + " s after the end of the stream, so it may not have read the last tags");
            }
            progress.summary("published", out.bytesWritten(), out.tagsSent(), out.mediaTimestampMillis(),
                    "from " + ("-".equals(source) ? "stdin" : source) + " to " + url
                    + (codecs.isEmpty() ? "" : " (announced " + String.join(", ", codecs) + ")"));
            if (stats != null) {
                progress.statistics(stats);
            }
            return 0;
        } catch (IllegalArgumentException e) {
            return CliArguments.usage(e.getMessage()); // a URL that names no stream, an option librtmp refuses
        } catch (FileSystemException e) {
            return CliArguments.fileProblem(e, false);
        } catch (IOException e) {
            progress.error(e.getMessage());
            return 1;
        }
    }

    /** The statistics at the end of the stream, after a ping (which also handles what the server sent meanwhile). */
    private static RtmpStatistics statisticsWithPing(NativeRtmp rtmp, TransferProgress progress) {
        try {
            rtmp.ping(PING_TIMEOUT);
        } catch (RtmpException e) {
            progress.warning("no ping round trip: " + e.getMessage());
        }
        return rtmp.statistics();
    }

    private BufferedInputStream open() throws IOException {
        return new BufferedInputStream("-".equals(source) ? System.in : Files.newInputStream(Path.of(source)),
                EnhancedCodecs.LOOKAHEAD);
    }
}
