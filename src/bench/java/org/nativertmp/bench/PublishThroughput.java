package org.nativertmp.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.nativertmp.NativeRtmp;
import org.nativertmp.RtmpException;
import org.nativertmp.RtmpOutputStream;
import org.nativertmp.flv.FlvFormat;

/**
 * One publish of an FLV held in memory, three ways, each timed over the same interval: from the
 * first write call to the return of the last one. Connecting, the stream setup and the close are
 * outside it, and so are the C process's start and its reading of the file.
 */
final class PublishThroughput {
    /** librtmp's own outgoing chunk size (RTMP_Init); not sent as a Set Chunk Size. */
    static final int LIBRTMP_DEFAULT_CHUNK_SIZE = 128;
    /** What outputStream() is fed per write call. */
    static final int STREAM_SLICE = 64 * 1024;
    private static final Duration LINGER = Duration.ofSeconds(5);

    private final byte[] flv;
    private final Path flvFile;
    private final NativeTools tools;

    PublishThroughput(byte[] flv, Path flvFile, NativeTools tools) {
        this.flv = flv;
        this.flvFile = flvFile;
        this.tools = tools;
    }

    /** The bytes every variant hands to librtmp: the tags, without the FLV header. */
    long tagBytes() {
        return flv.length - FlvFormat.HEADER_AND_FIRST_PREVIOUS_SIZE;
    }

    /** NativeRtmp.write once per tag (with its previous-tag-size), as nrtmp-ref calls RTMP_Write. */
    long javaWritePerTag(String url, int chunkSize) throws RtmpException {
        try (NativeRtmp rtmp = open(url, chunkSize)) {
            long started = System.nanoTime();
            int pos = FlvFormat.HEADER_AND_FIRST_PREVIOUS_SIZE;
            while (pos + FlvFormat.TAG_HEADER_SIZE <= flv.length) {
                int dataSize = (flv[pos + 1] & 0xFF) << 16 | (flv[pos + 2] & 0xFF) << 8 | flv[pos + 3] & 0xFF;
                int tagSize = FlvFormat.TAG_HEADER_SIZE + dataSize + FlvFormat.PREVIOUS_TAG_SIZE;
                rtmp.write(flv, pos, tagSize);
                pos += tagSize;
            }
            long elapsed = System.nanoTime() - started;
            rtmp.closeGracefully(LINGER);
            return elapsed;
        }
    }

    /** The whole file, header included, into outputStream() in 64 KiB slices. */
    long javaOutputStream(String url, int chunkSize) throws RtmpException, IOException {
        try (NativeRtmp rtmp = open(url, chunkSize)) {
            long started = System.nanoTime();
            RtmpOutputStream out = rtmp.outputStream();
            for (int off = 0; off < flv.length; off += STREAM_SLICE) {
                out.write(flv, off, Math.min(STREAM_SLICE, flv.length - off));
            }
            out.close();
            long elapsed = System.nanoTime() - started;
            rtmp.closeGracefully(LINGER);
            return elapsed;
        }
    }

    /** nrtmp-ref -t [-c N] publish: the C client's own timing of its write loop. */
    long cPublish(String url, int chunkSize) throws IOException, InterruptedException {
        return tools.publish(flvFile, url, chunkSize == LIBRTMP_DEFAULT_CHUNK_SIZE ? 0 : chunkSize);
    }

    private static NativeRtmp open(String url, int chunkSize) throws RtmpException {
        NativeRtmp rtmp = new NativeRtmp();
        try {
            rtmp.setupUrl(url);
            rtmp.enableWrite();
            rtmp.connect();
            if (chunkSize != LIBRTMP_DEFAULT_CHUNK_SIZE) {
                rtmp.setOutChunkSize(chunkSize); // where nrtmp-ref -c sends it: before the stream setup
            }
            rtmp.connectStream(0);
            return rtmp;
        } catch (RtmpException | RuntimeException e) {
            rtmp.close();
            throw e;
        }
    }
}
