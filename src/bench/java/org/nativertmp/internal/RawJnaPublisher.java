package org.nativertmp.internal;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import java.nio.charset.StandardCharsets;

/**
 * A publish through the raw binding alone, for the per-call benchmark: librtmp's own
 * RTMP_Connect and RTMP_ConnectStream, then RTMP_Write straight from JNA, with none of what
 * {@link RtmpPeer} adds. Benchmarks only; it lives in this package because LibRtmp is not public.
 */
public final class RawJnaPublisher implements AutoCloseable {
    private final RtmpHandle handle;
    private final Memory url;

    public RawJnaPublisher(String rtmpUrl) {
        byte[] u = rtmpUrl.getBytes(StandardCharsets.UTF_8);
        url = new Memory(u.length + 1L); // librtmp keeps pointers into the URL
        url.write(0, u, 0, u.length);
        url.setByte(u.length, (byte) 0);
        PointerByReference out = new PointerByReference();
        if (LibRtmp.nrtmp_alloc(out) != NativeStatus.OK.ordinal()) {
            throw new OutOfMemoryError("nrtmp_alloc");
        }
        handle = new RtmpHandle(out.getValue());
        if (LibRtmp.RTMP_SetupURL(handle, url) == 0) {
            throw new IllegalStateException("RTMP_SetupURL refused " + rtmpUrl);
        }
        LibRtmp.RTMP_EnableWrite(handle);
        if (LibRtmp.RTMP_Connect(handle, null) == 0 || LibRtmp.RTMP_ConnectStream(handle, 0) == 0) {
            throw new IllegalStateException("could not publish to " + rtmpUrl);
        }
    }

    /** RTMP_Write, as a C caller makes it. */
    public int write(Pointer buf, int size) {
        return LibRtmp.RTMP_Write(handle, buf, size);
    }

    /** nrtmp_write, the shim's write (coalesced sends), as NativeRtmp calls it but with none of RtmpPeer's work. */
    public int shimWrite(Pointer buf, int size) {
        return LibRtmp.nrtmp_write(handle, buf, size);
    }

    @Override
    public void close() {
        LibRtmp.nrtmp_free(handle, 1);
        url.close();
    }
}
