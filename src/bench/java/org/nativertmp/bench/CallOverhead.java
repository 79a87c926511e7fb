package org.nativertmp.bench;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.nativertmp.NativeRtmp;
import org.nativertmp.RtmpException;
import org.nativertmp.flv.FlvFormat;
import org.nativertmp.flv.FlvTag;
import org.nativertmp.internal.RawJnaPublisher;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The cost of one call from Java, to set beside nrtmp-bench's C loops over the same calls:
 * {@code RTMP_LibVersion} (nothing but the way in and out), and {@code RTMP_Write} of one small
 * audio tag to nginx-rtmp, through {@link NativeRtmp#write} and through the raw JNA binding
 * (the difference is what NativeRtmp adds: the tag check, the call lock, the copy into native
 * memory, the log routing).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CallOverhead {
    /** Body bytes of the tag written per call; with its headers the tag fits one 128-byte chunk. */
    public static final int PAYLOAD = 100;

    /** FLV E.4.2.1: format 2 (MP3), 44 kHz, 16-bit, stereo; nrtmp-bench sends the same tag. */
    private static final int MP3_44K_16BIT_STEREO = 0x2F;

    /** The tag nrtmp-bench writes: an audio tag at timestamp 0, body 0x2F 01 02 03 ..., with its previous-tag-size. */
    public static byte[] smallTag() {
        byte[] body = new byte[PAYLOAD];
        body[0] = (byte) MP3_44K_16BIT_STEREO;
        for (int i = 1; i < body.length; i++) {
            body[i] = (byte) i;
        }
        return new FlvTag(FlvFormat.TAG_AUDIO, 0, body).encode();
    }

    /** A publishing connection through the public API. */
    @State(Scope.Benchmark)
    public static class Publisher {
        /** nginx-rtmp's live application, e.g. rtmp://127.0.0.1:19350/live; the runner sets it. */
        @Param("rtmp://127.0.0.1:1935/live")
        public String app;

        NativeRtmp rtmp;
        final byte[] tag = smallTag();

        @Setup
        public void connect() throws RtmpException {
            rtmp = new NativeRtmp();
            rtmp.setupUrl(app + "/jmh-api-" + ProcessHandle.current().pid());
            rtmp.enableWrite();
            rtmp.connect();
            rtmp.connectStream(0);
        }

        @TearDown
        public void close() {
            rtmp.closeGracefully(Duration.ofSeconds(5));
        }
    }

    /** A publishing connection through the raw binding: what JNA alone costs per RTMP_Write. */
    @State(Scope.Benchmark)
    public static class RawPublisher {
        @Param("rtmp://127.0.0.1:1935/live")
        public String app;

        RawJnaPublisher raw;
        Pointer tag;
        int size;

        @Setup
        public void connect() {
            byte[] bytes = smallTag();
            Memory buffer = new Memory(bytes.length);
            buffer.write(0, bytes, 0, bytes.length);
            tag = buffer;
            size = bytes.length;
            raw = new RawJnaPublisher(app + "/jmh-raw-" + ProcessHandle.current().pid());
        }

        @TearDown
        public void close() {
            raw.close();
        }
    }

    @Benchmark
    public int libVersion() {
        return NativeRtmp.libVersion();
    }

    @Benchmark
    public void nativeRtmpWrite(Publisher p) throws RtmpException {
        p.rtmp.write(p.tag, 0, p.tag.length);
    }

    @Benchmark
    public int rawJnaWrite(RawPublisher p) {
        int n = p.raw.write(p.tag, p.size);
        if (n <= 0) {
            throw new IllegalStateException("RTMP_Write failed");
        }
        return n;
    }
}
