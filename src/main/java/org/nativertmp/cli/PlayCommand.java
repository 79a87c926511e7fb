package org.nativertmp.cli;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.nativertmp.NativeRtmp;
import org.nativertmp.RtmpOptions;
import org.nativertmp.RtmpInputStream;
import org.nativertmp.flv.EnhancedHeader;
import org.nativertmp.flv.FlvFormat;
import org.nativertmp.flv.FlvTagFramer;
import org.nativertmp.flv.MalformedFlvException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code play URL FILE|-}: plays a stream through librtmp into an FLV file or stdout. */
@Command(name = "play",
        abbreviateSynopsis = true,
        description = "Play an RTMP stream into an FLV file, or to stdout (-).")
final class PlayCommand implements Callable<Integer> {
    @Mixin
    HelpOption help;

    @Mixin
    LibrtmpLogOption librtmpLog;

    @Parameters(index = "0", paramLabel = "URL", description = "rtmp://host[:port]/app/stream (also rtmpt, rtmps, rtmpts)")
    String url;

    @Parameters(index = "1", paramLabel = "FILE|-", description = "FLV file to write, - for stdout")
    String target;

    @Option(names = {"-v", "--live"}, description = "the stream is live (librtmp's live option)")
    boolean live;

    @Option(names = {"-b", "--buffer"}, paramLabel = "MS",
            description = "buffer time asked of the server, in milliseconds (buffer; librtmp's default: 30000)")
    Integer bufferMillis;

    @Option(names = {"-A", "--start"}, paramLabel = "S",
            description = "start S seconds into the stream, decimals allowed (start; not for live streams)")
    Double startSeconds;

    @Option(names = {"-d", "--subscribe"}, paramLabel = "NAME",
            description = "stream to FCSubscribe to (subscribe; default: the stream name, when live)")
    String subscribe;

    @Option(names = {"-Y", "--playlist"}, description = "set a playlist before play (playlist)")
    boolean playlist;

    @Option(names = "--stop", paramLabel = "S",
            description = "stop after S seconds of media, counted from the first media tag received"
                    + " (also sent to the server as the play length, unless --live)")
    Integer stopSeconds;

    @Option(names = "--enhanced", arity = "0..1", fallbackValue = "*", paramLabel = "FOURCCS",
            description = "announce in the connect that Enhanced RTMP codecs are welcome (fourCcList): these,"
                    + " e.g. --enhanced=hvc1,av01, or without a list any (*). Enhanced tags are played either way;"
                    + " the summary names their codecs")
    String enhanced;

    @Mixin
    TransferOptions transfer;

    /** The FourCCs of the enhanced tags played, in the order they came. */
    private final Set<String> codecsPlayed = new LinkedHashSet<>();


    private long mediaMillis = -1;
    /** Timestamp of the first media tag: a live stream joined late starts well after 0. */
    private long firstMediaMillis = -1;
    private long tags;
    private boolean stopReached;

    @Override
    public Integer call() {
        TransferProgress progress = new TransferProgress(System.err, transfer.quiet);
        Integer usage = transfer.check();
        if (usage == null && stopSeconds != null && stopSeconds <= 0) {
            usage = CliArguments.usage("--stop must be at least 1 second, not " + stopSeconds);
        }
        if (usage == null && bufferMillis != null && bufferMillis < 0) {
            usage = CliArguments.usage("--buffer must not be negative, not " + bufferMillis);
        }
        if (usage == null && startSeconds != null && !(startSeconds >= 0 && startSeconds < Integer.MAX_VALUE / 1000)) {
            usage = CliArguments.usage("--start must be 0 to " + Integer.MAX_VALUE / 1000 + " seconds, not " + startSeconds);
        }
        if (usage == null && CliArguments.looksLikeUrl(target) && !CliArguments.looksLikeUrl(url)) {
            usage = CliArguments.usage("the URL comes first, then the file: play " + target + " " + url);
        }
        if (usage != null) {
            return usage;
        }
        long stopMillis = stopSeconds == null ? Long.MAX_VALUE : stopSeconds * 1000L;
        boolean toStdout = "-".equals(target);
        try (NativeRtmp rtmp = new NativeRtmp()) {
            RtmpOptions.Builder options = playOptions();
            if (enhanced != null) {
                List<String> codecs = EnhancedCodecs.parse(enhanced);
                if (codecs == null) {
                    return Main.EXIT_USAGE;
                }
                options.enhancedCodecs(codecs.toArray(String[]::new));
            }
            if (stopSeconds != null && !live) {
                options.stop(stopMillis);
            }
            if (!CliArguments.setupUrl(rtmp, url, options.build())) {
                return Main.EXIT_USAGE;
            }
            rtmp.connect();
            rtmp.connectStream(0);
            progress.watch(rtmp);
            long written;
            OutputStream file;
            try {
                file = open(toStdout);
            } catch (FileSystemException e) {
                return CliArguments.fileProblem(e, true);
            }
            try (OutputStream out = file) {
                written = copy(rtmp.inputStream(), out, stopMillis, progress);
            }
            progress.summary("played", written, tags, mediaMillis,
                    "from " + url + " to " + (toStdout ? "stdout" : target)
                    + (codecsPlayed.isEmpty() ? "" : " (enhanced: " + String.join(", ", codecsPlayed) + ")"));
            if (transfer.stats) {
                progress.statistics(rtmp.statistics());
            }
            return 0;
        } catch (IllegalArgumentException e) {
            return CliArguments.usage(e.getMessage()); // an option librtmp would misread
        } catch (IOException e) {
            progress.error(e.getMessage());
            return 1;
        }
    }

    /** The shared options, then play's own. */
    private RtmpOptions.Builder playOptions() {
        RtmpOptions.Builder options = transfer.options().live(live);
        if (bufferMillis != null) {
            options.buffer(Duration.ofMillis(bufferMillis));
        }
        if (startSeconds != null) {
            options.start(Math.round(startSeconds * 1000));
        }
        if (subscribe != null) {
            options.subscribe(subscribe);
        }
        if (playlist) {
            options.option("playlist", "1");
        }
        return options;
    }

    /** Copies whole tags (the FLV header first) until the end of the stream or the stop time. */
    private long copy(RtmpInputStream in, OutputStream out, long stopMillis, TransferProgress progress)
            throws IOException {
        long[] written = {0};
        FlvTagFramer framer = new FlvTagFramer(new FlvTagFramer.Sink() {
            @Override
            public void header(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
                written[0] += len;
            }

            @Override
            public void tag(byte[] b, int off, int len, int type, long timestamp, long offset) throws IOException {
                if (type != FlvFormat.TAG_SCRIPT && firstMediaMillis < 0) {
                    firstMediaMillis = timestamp;
                }
                if (stopReached || (firstMediaMillis >= 0 && timestamp - firstMediaMillis >= stopMillis)) {
                    stopReached = true;
                    return;
                }
                out.write(b, off, len);
                written[0] += len;
                tags++;
                noteCodec(b, off, len, type);
                if (firstMediaMillis >= 0) {
                    mediaMillis = Math.max(mediaMillis, timestamp - firstMediaMillis);
                }
            }
        });
        byte[] buf = new byte[64 * 1024];
        for (int n = in.read(buf); n >= 0 && !stopReached; n = in.read(buf)) {
            framer.feed(buf, 0, n);
            progress.update(written[0], tags, mediaMillis);
        }
        if (!stopReached) {
            framer.finish();
        }
        return written[0];
    }

    private void noteCodec(byte[] b, int off, int len, int type) {
        int data = off + FlvFormat.TAG_HEADER_SIZE;
        int size = len - FlvFormat.TAG_HEADER_SIZE - FlvFormat.PREVIOUS_TAG_SIZE;
        if (EnhancedHeader.isEnhanced(type, b, data, size)) {
            try {
                String fourCc = EnhancedHeader.read(type, b, data, size, 0).fourCc();
                if (fourCc != null) {
                    codecsPlayed.add(fourCc);
                }
            } catch (MalformedFlvException e) {
                // written as it came; the summary names only what it can read
            }
        }
    }

    private OutputStream open(boolean toStdout) throws IOException {
        OutputStream os = toStdout ? System.out : Files.newOutputStream(Path.of(target));
        return new BufferedOutputStream(os, 64 * 1024);
    }
}
