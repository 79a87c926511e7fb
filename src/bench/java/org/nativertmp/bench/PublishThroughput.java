package org.nativertmp.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.nativertmp.NativeRtmp;
import org.nativertmp.RtmpException;
import org.nativertmp.RtmpOptions;
import org.nativertmp.RtmpOutputStream;
import org.nativertmp.flv.FlvFormat;
import org.nativertmp.flv.FlvReader;
import org.nativertmp.flv.FlvTag;
import org.nativertmp.internal.TagBatch;

/**
 * One publish of an FLV held in memory, by each {@link Publisher}, each timed over the same
 * interval: from the first write call to the return of the last one (for Red5: until its write
 * queue is empty). Connecting, the stream setup and the close are outside it, and so are the C
 * process's start and its reading of the file.
 */
final class PublishThroughput {
    /** librtmp's own outgoing chunk size (RTMP_Init); not sent as a Set Chunk Size. */
    static final int LIBRTMP_DEFAULT_CHUNK_SIZE = 128;
    /** What outputStream() is fed per write call. */
    static final int STREAM_SLICE = 64 * 1024;
    private static final Duration LINGER = Duration.ofSeconds(5);

    /** The clients that publish, in the order of the tables. */
    enum Publisher {
        JAVA_WRITE("NativeRtmp.write per tag"),
        JAVA_STREAM("NativeRtmp outputStream() 64 KiB"),
        JAVA_UNCOALESCED("NativeRtmp.write per tag, coalesceSends(false)"),
        C_SHIM_PER_TAG("C nrtmp_write per tag (same build)"),
        C_SHIM_BATCHED("C nrtmp_write 64 KiB of tags (same build)"),
        C_LIBRTMP("C librtmp RTMP_Write per tag (plain)"),
        RED5("Red5 client 1.3.37 (pure Java)");

        final String label;

        Publisher(String label) {
            this.label = label;
        }
    }

    private final byte[] flv;
    private final Path flvFile;
    private final List<FlvTag> tags;
    private final NativeTools tools;
    private final int port;

    PublishThroughput(byte[] flv, Path flvFile, NativeTools tools, int port) throws IOException {
        this.flv = flv;
        this.flvFile = flvFile;
        this.tags = FlvReader.readAll(flv);
        this.tools = tools;
        this.port = port;
    }

    /** The bytes every variant hands over: the tags, without the FLV header. */
    long tagBytes() {
        return flv.length - FlvFormat.HEADER_AND_FIRST_PREVIOUS_SIZE;
    }

    /** CPU milliseconds of the last C publish's write loop (nrtmp-ref's own process). */
    double lastCpuMillis() {
        return tools.lastCpuMillis();
    }

    List<FlvTag> tags() {
        return tags;
    }

    /** Nanoseconds of one publish by {@code p} to {@code app/stream} on the bench's nginx. */
    long run(Publisher p, String app, String stream, int chunkSize) throws Exception {
        String url = "rtmp://127.0.0.1:" + port + "/" + app + "/" + stream;
        return switch (p) {
            case JAVA_WRITE -> javaWritePerTag(url, chunkSize, true);
            case JAVA_UNCOALESCED -> javaWritePerTag(url, chunkSize, false);
            case JAVA_STREAM -> javaOutputStream(url, chunkSize);
            case C_SHIM_PER_TAG -> tools.publish(flvFile, url, cChunk(chunkSize), 0);
            case C_SHIM_BATCHED -> tools.publish(flvFile, url, cChunk(chunkSize), TagBatch.CAPACITY);
            case C_LIBRTMP -> tools.publish(flvFile, url, cChunk(chunkSize), -1);
            case RED5 -> Red5Publisher.publish(port, app, stream, tags, chunkSize);
        };
    }

    /** NativeRtmp.write once per tag (with its previous-tag-size), as nrtmp-ref calls RTMP_Write. */
    private long javaWritePerTag(String url, int chunkSize, boolean coalesce) throws RtmpException {
        try (NativeRtmp rtmp = open(url, chunkSize, coalesce)) {
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
    private long javaOutputStream(String url, int chunkSize) throws RtmpException, IOException {
        try (NativeRtmp rtmp = open(url, chunkSize, true)) {
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

    private static int cChunk(int chunkSize) {
        return chunkSize == LIBRTMP_DEFAULT_CHUNK_SIZE ? 0 : chunkSize;
    }

    static NativeRtmp open(String url, int chunkSize, boolean coalesce) throws RtmpException {
        NativeRtmp rtmp = new NativeRtmp();
        try {
            rtmp.setupUrl(url, RtmpOptions.builder().coalesceSends(coalesce).build());
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
