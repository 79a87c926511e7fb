package org.nativertmp;

import java.io.IOException;
import java.io.OutputStream;
import org.nativertmp.flv.FlvTagFramer;
import org.nativertmp.flv.MalformedFlvException;
import org.nativertmp.internal.RtmpPeer;
import org.nativertmp.internal.TagBatch;

/**
 * Publishes an FLV byte stream written in slices of any size, with or without the 13-byte FLV
 * header: librtmp only ever gets whole tags, each with its 4-byte previous-tag-size. The tags a
 * {@code write} completes go to librtmp together before it returns, gathered in native memory
 * and handed over in one {@code RTMP_Write} per 64 KiB (a larger tag alone), so that a slice of
 * many tags costs one native call and, with coalesced sends, about one {@code send()}. A slice
 * that ends inside a tag leaves that part buffered here, never in librtmp.
 *
 * <p>Malformed input (a bad signature, an unknown tag type, a data size beyond the FLV limit, a
 * wrong previous-tag-size, a truncated tag at {@link #close()}) is a {@link MalformedFlvException}
 * naming the byte offset in this stream; nothing from the malformed tag on reaches librtmp.
 * Obtained from {@link NativeRtmp#outputStream()}; closing it does not close the connection.
 */
public final class RtmpOutputStream extends OutputStream {
    private final RtmpPeer rtmp;
    private final FlvTagFramer framer;
    private final TagBatch batch = new TagBatch();
    private final byte[] one = new byte[1];
    private long mediaTimestamp = -1;
    private long tagsSent;
    private boolean closed;

    RtmpOutputStream(RtmpPeer rtmp) {
        this.rtmp = rtmp;
        // The framer hands over one whole tag and its previous-tag-size at a time.
        this.framer = new FlvTagFramer((b, off, len, type, timestamp, offset) -> {
            if (!batch.fits(len)) {
                send();
            }
            batch.add(b, off, len, timestamp);
        });
    }

    @Override
    public void write(int b) throws IOException {
        one[0] = (byte) b;
        write(one, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        ensureOpen();
        try {
            framer.feed(b, off, len);
        } catch (MalformedFlvException e) {
            try {
                send(); // the whole tags before the malformed one go out, as they would one by one
            } catch (IOException failedToo) {
                e.addSuppressed(failedToo);
            }
            throw e;
        }
        send();
    }

    /** Every whole tag is already sent when write returns; a partial tag stays buffered here. */
    @Override
    public void flush() throws IOException {
        ensureOpen();
    }

    /**
     * Ends the FLV stream: a last tag written without its previous-tag-size is sent; a tag that
     * is not whole is a {@link MalformedFlvException}. The connection stays open.
     */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            framer.finish();
        } finally {
            try {
                send();
            } finally {
                batch.release(); // its 64 KiB of native memory, at once rather than when collected
            }
        }
    }

    /** Bytes written to this stream. */
    public long bytesWritten() {
        return framer.bytesFed();
    }

    /** Tags librtmp took: tags whose write failed are not counted. */
    public long tagsSent() {
        return tagsSent;
    }

    /** The highest tag timestamp sent, in milliseconds, or -1 before the first tag. */
    public long mediaTimestampMillis() {
        return mediaTimestamp;
    }

    /** The gathered tags to librtmp, in one RTMP_Write. */
    private void send() throws IOException {
        if (batch.isEmpty()) {
            return;
        }
        int tags = batch.tags();
        long timestamp = batch.maxTimestamp();
        rtmp.write(batch); // empties the batch, also when it fails
        tagsSent += tags;
        mediaTimestamp = Math.max(mediaTimestamp, timestamp);
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("the FLV output stream of " + rtmp + " is closed");
        }
    }
}
