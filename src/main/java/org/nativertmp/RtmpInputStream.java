package org.nativertmp;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import org.nativertmp.internal.RtmpPeer;

/**
 * The played stream as FLV bytes (header first) over {@code RTMP_Read}; -1 once librtmp reports
 * the end (the server ended the stream, or {@code stop} was reached). Obtained from
 * {@link NativeRtmp#inputStream()}; closing it does not close the connection.
 */
public final class RtmpInputStream extends InputStream {
    private final RtmpPeer rtmp;
    private final byte[] one = new byte[1];
    private boolean ended;
    private boolean closed;
    private long bytesRead;

    RtmpInputStream(RtmpPeer rtmp) {
        this.rtmp = rtmp;
    }

    @Override
    public int read() throws IOException {
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (closed) {
            throw new IOException("the FLV input stream of " + rtmp + " is closed");
        }
        if (ended) {
            return -1;
        }
        if (len == 0) {
            return 0;
        }
        int n = rtmp.read(b, off, len);
        if (n < 0) {
            ended = true; // librtmp closed the connection at the end: no further RTMP_Read
            return -1;
        }
        bytesRead += n;
        return n;
    }

    /** Bytes read from this stream. */
    public long bytesRead() {
        return bytesRead;
    }

    /** Marks this stream closed; the connection stays open. */
    @Override
    public void close() {
        closed = true;
    }
}
