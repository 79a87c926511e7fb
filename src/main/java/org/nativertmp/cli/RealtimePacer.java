package org.nativertmp.cli;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.concurrent.TimeUnit;
import org.nativertmp.flv.FlvTagFramer;

/**
 * {@code publish --realtime}: hands an FLV stream on tag by tag, each once its timestamp is due,
 * counted from the first tag's (as ffmpeg's {@code -re} reads its input), instead of as fast as
 * the server takes it. A tag that is late goes at once: the pace never speeds up to catch up.
 */
final class RealtimePacer extends OutputStream {
    private final FlvTagFramer framer;
    private long firstTimestamp = -1;
    private long startNanos;

    /** {@code afterTag} runs after each tag has gone to {@code out} (the progress line). */
    RealtimePacer(OutputStream out, Runnable afterTag) {
        framer = new FlvTagFramer(new FlvTagFramer.Sink() {
            @Override
            public void header(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void tag(byte[] b, int off, int len, int type, long timestamp, long offset) throws IOException {
                awaitDue(timestamp);
                out.write(b, off, len);
                afterTag.run();
            }
        });
    }

    private void awaitDue(long timestamp) throws InterruptedIOException {
        if (firstTimestamp < 0) {
            firstTimestamp = timestamp;
            startNanos = System.nanoTime();
            return;
        }
        long due = startNanos + TimeUnit.MILLISECONDS.toNanos(timestamp - firstTimestamp);
        try {
            for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the tag at " + timestamp + " ms");
        }
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        framer.feed(b, off, len);
    }

    /** The end of the stream: a last tag without its previous-tag-size goes on completed; {@code out} stays open. */
    @Override
    public void close() throws IOException {
        framer.finish();
    }
}
