package org.nativertmp.testkit.scorecard;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;
import org.nativertmp.NativeRtmp;
import org.nativertmp.RtmpOptions;
import org.nativertmp.flv.FlvReader;
import org.nativertmp.flv.FlvTag;

/**
 * librtmp through {@link NativeRtmp}, as an application uses it: the scorecard's reference.
 * Publish: setupUrl, enableWrite, connect, connectStream(0), the file through
 * {@code outputStream()}, then {@code closeGracefully} (librtmp's close: FCUnpublish and
 * deleteStream). Play: setupUrl, connect, connectStream(0), the FLV of {@code inputStream()} tag by
 * tag until its end. librtmp's own defaults apply, but for the receive timeout.
 */
public final class LibrtmpClient implements ScorecardClient {
    private static final Duration CLOSE_LINGER = Duration.ofSeconds(2);
    private final RtmpOptions options;

    /** librtmp with a receive timeout of 10 s, so that a silent server ends a run within the scorecard's limit. */
    public LibrtmpClient() {
        this(RtmpOptions.builder().receiveTimeout(Duration.ofSeconds(10)).build());
    }

    /** librtmp with these options (a timeout, a flashVer...). */
    public LibrtmpClient(RtmpOptions options) {
        this.options = options;
    }

    @Override
    public String name() {
        return "librtmp";
    }

    @Override
    public void publish(Path flv, String url) throws Exception {
        try (NativeRtmp rtmp = new NativeRtmp()) {
            rtmp.setupUrl(url, options);
            rtmp.enableWrite();
            rtmp.connect();
            rtmp.connectStream(0);
            try (OutputStream out = rtmp.outputStream()) {
                Files.copy(flv, out);
            }
            rtmp.closeGracefully(CLOSE_LINGER);
        }
    }

    @Override
    public void play(String url, Consumer<FlvTag> delivered) throws Exception {
        try (NativeRtmp rtmp = new NativeRtmp()) {
            rtmp.setupUrl(url, options);
            rtmp.connect();
            rtmp.connectStream(0);
            FlvReader flv = new FlvReader(rtmp.inputStream());
            for (FlvTag t = flv.next(); t != null; t = flv.next()) {
                delivered.accept(t);
            }
        }
    }
}
