package org.nativertmp.internal;

import com.sun.jna.Callback;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

/**
 * The raw binding: librtmp's and the shim's C functions under their C names, by JNA direct
 * mapping: primitive, {@link Pointer} and typed-pointer arguments on the data path
 * ({@code RTMP_Read}, {@code RTMP_Write}), so calls stay close to JNI cost; {@code String} and
 * {@code byte[]} only on calls made once per connection.
 * Not public API: {@link org.nativertmp.NativeRtmp} is.
 */
public final class LibRtmp {
    /** librtmp's log levels (RTMP_LogLevel in log.h). */
    public static final int RTMP_LOGCRIT = 0;
    public static final int RTMP_LOGERROR = 1;
    public static final int RTMP_LOGWARNING = 2;
    public static final int RTMP_LOGINFO = 3;
    public static final int RTMP_LOGDEBUG = 4;
    public static final int RTMP_LOGDEBUG2 = 5;
    public static final int RTMP_LOGALL = 6;

    /** Receives one formatted librtmp log line from the shim. */
    public interface LogSink extends Callback {
        void invoke(int level, String text);
    }

    /** Receives one step of a traced connect from the shim (nrtmp_trace_sink). */
    public interface TraceSink extends Callback {
        void invoke(int kind, String key, String value, String address, Pointer bytes, int nbytes);
    }

    /** RTMP_Read's status when the server ended play with Play.Complete or Play.Stop (rtmp.h). */
    public static final int RTMP_READ_COMPLETE = -3;

    /** nrtmp_connect's results (NRTMP_CONNECT_* in nativertmp.h). */
    public static final int NRTMP_CONNECT_OK = 1;
    public static final int NRTMP_CONNECT_FAILED = 0;
    public static final int NRTMP_CONNECT_TIMED_OUT = -2;

    static {
        Native.register(LibRtmp.class, NativeLibraryLoader.library());
        NativeLibraryLoader.checkVersion(nrtmp_version());
        int startup = nrtmp_startup();
        if (startup != 0) {
            throw new UnsatisfiedLinkError("nrtmp_startup failed with " + startup + " (WSAStartup on Windows)");
        }
        LogBridge.install();
    }

    private LibRtmp() {
    }

    /** Loads and checks the native library (idempotent); throws UnsatisfiedLinkError when it cannot. */
    public static void ensureLoaded() {
        // Running this method runs the static initializer above.
    }

    // librtmp
    public static native int RTMP_LibVersion();
    public static native RtmpHandle RTMP_Alloc();
    public static native void RTMP_Init(RtmpHandle r);
    public static native void RTMP_Free(RtmpHandle r);
    public static native void RTMP_Close(RtmpHandle r);
    public static native int RTMP_SetupURL(RtmpHandle r, Pointer url);
    public static native void RTMP_EnableWrite(RtmpHandle r);
    public static native int RTMP_Connect(RtmpHandle r, Pointer connectPacket);
    public static native int RTMP_ConnectStream(RtmpHandle r, int seekTime);
    public static native int RTMP_IsConnected(RtmpHandle r);
    public static native int RTMP_IsTimedout(RtmpHandle r);
    public static native int RTMP_Read(RtmpHandle r, Pointer buf, int size);
    public static native int RTMP_Write(RtmpHandle r, Pointer buf, int size);
    public static native void RTMP_LogSetLevel(int level);
    public static native int RTMP_LogGetLevel();

    // the shim
    public static native String nrtmp_version();
    public static native int nrtmp_startup();
    public static native void nrtmp_set_log_sink(LogSink sink);
    public static native int nrtmp_set_opt(RtmpHandle r, String key, Pointer value);
    public static native int nrtmp_interrupt(RtmpHandle r);
    public static native int nrtmp_read_status(RtmpHandle r);
    public static native void nrtmp_set_trace_sink(TraceSink sink);
    public static native int nrtmp_connect(RtmpHandle r, int connectTimeoutMillis, int traced);
    public static native int nrtmp_set_host(RtmpHandle r, Pointer host, int hostLength, int port);

    // ---- streams, options and play control
    /** nrtmp_connect_stream's result when the server answered with an error status. */
    public static final int NRTMP_STREAM_ERROR_STATUS = 2;

    public static native int RTMP_Pause(RtmpHandle r, int doPause);
    public static native int RTMP_SendSeek(RtmpHandle r, int millis);
    public static native double RTMP_GetDuration(RtmpHandle r);
    public static native int nrtmp_connect_stream(RtmpHandle r, int seekMillis, byte[] code, int codeLen,
            byte[] description, int descriptionLen);
    public static native int nrtmp_set_send_timeout(RtmpHandle r, int millis);
    public static native int nrtmp_set_out_chunk_size(RtmpHandle r, int size);
    public static native int nrtmp_out_chunk_size(RtmpHandle r);
    public static native int nrtmp_has_publisher_auth();
    public static native int nrtmp_finish_publish(RtmpHandle r, int lingerMillis);
}
