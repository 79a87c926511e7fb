package org.nativertmp.internal;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import java.nio.charset.StandardCharsets;

/**
 * The raw binding: librtmp's and the shim's C functions under their C names, by JNA direct
 * mapping: primitive, {@link Pointer} and typed-pointer arguments on the data path
 * ({@code nrtmp_read}, {@code nrtmp_write}), so calls stay close to JNI cost; {@code String},
 * {@code byte[]} and {@code int[]} out-parameters only on calls made once per connection, and on
 * the pipe calls of {@link TlsTunnel}'s threads (64 kB per call). Every
 * shim function returns an {@code enum nrtmp_status} ({@link NativeStatus}). Only
 * {@link RtmpPeer} calls it.
 */
final class LibRtmp {
    /** librtmp's log levels (RTMP_LogLevel in log.h). */
    static final int RTMP_LOGCRIT = 0;
    static final int RTMP_LOGERROR = 1;
    static final int RTMP_LOGWARNING = 2;
    static final int RTMP_LOGINFO = 3;
    static final int RTMP_LOGDEBUG = 4;
    static final int RTMP_LOGDEBUG2 = 5;

    static {
        NativeLibraryLoader.requireShim(NativeLibraryLoader.library());
        Native.register(LibRtmp.class, NativeLibraryLoader.library());
        NativeLibraryLoader.checkVersion(nrtmp_version());
        int[] systemError = new int[1];
        if (nrtmp_startup(systemError) != NativeStatus.OK.ordinal()) {
            throw new UnsatisfiedLinkError("nrtmp_startup failed with " + systemError[0] + " (WSAStartup on Windows)");
        }
        LogBridge.install();
    }

    private LibRtmp() {
    }

    /** Loads and checks the native library (idempotent); throws UnsatisfiedLinkError when it cannot. */
    static void ensureLoaded() {
        // Running this method runs the static initializer above.
    }

    // librtmp
    static native int RTMP_LibVersion();
    static native int RTMP_SetupURL(RtmpHandle r, Pointer url);
    static native void RTMP_EnableWrite(RtmpHandle r);
    static native int RTMP_IsConnected(RtmpHandle r);
    static native double RTMP_GetDuration(RtmpHandle r);
    static native void RTMP_LogSetLevel(int level);
    static native int RTMP_LogGetLevel();
    // librtmp's own connect and write, for the raw benchmark (src/bench): the peer uses the shim's
    static native int RTMP_Connect(RtmpHandle r, Pointer connectPacket);
    static native int RTMP_ConnectStream(RtmpHandle r, int seekTime);
    static native int RTMP_Write(RtmpHandle r, Pointer buf, int size);

    // the shim (native/shim/nativertmp.h): lifetime.c
    static native String nrtmp_version();
    static native String nrtmp_status_name(int status);
    static native int nrtmp_startup(int[] systemError);
    static native int nrtmp_set_log_sink(LogBridge.LogSink sink);
    static native int nrtmp_alloc(PointerByReference out);
    static native int nrtmp_interrupt(RtmpHandle r);
    static native int nrtmp_free(RtmpHandle r, int sayGoodbye);

    // report.c
    static native String nrtmp_step_name(int step);
    static native String nrtmp_seen_name(int kind);
    static native int nrtmp_call_report(RtmpHandle r, int[] step, byte[] subject, int subjectLen, long[] seen,
            int seenCount, byte[] commands, int commandsLen);

    // connect.c and trace.c
    static native int nrtmp_set_opt(RtmpHandle r, String key, Pointer value);
    static native int nrtmp_setup_url(RtmpHandle r, Pointer url);
    static native int nrtmp_set_host(RtmpHandle r, Pointer host, int hostLength, int port);
    static native int nrtmp_receive_timeout(RtmpHandle r, int[] seconds);
    static native int nrtmp_set_connect_properties(RtmpHandle r, Pointer amf, int size);
    static native int nrtmp_connect(RtmpHandle r, int timeoutMillis, int traced);
    static native String nrtmp_trace_kind_name(int kind);
    static native int nrtmp_set_trace_sink(LogBridge.TraceSink sink);

    // stream.c
    static native int nrtmp_connect_stream(RtmpHandle r, int seekMillis, int timeoutMillis);
    static native int nrtmp_error_status(RtmpHandle r, byte[] code, int codeLen, byte[] description,
            int descriptionLen);
    static native int nrtmp_set_media_timeout(RtmpHandle r, int millis);
    static native int nrtmp_pause(RtmpHandle r, int pause);
    static native int nrtmp_seek(RtmpHandle r, int millis);
    static native int nrtmp_set_send_timeout(RtmpHandle r, int millis, int[] appliedMillis);
    static native int nrtmp_set_out_chunk_size(RtmpHandle r, int size);
    static native int nrtmp_out_chunk_size(RtmpHandle r, int[] size);
    static native int nrtmp_has_publisher_auth(int[] yes);
    static native int nrtmp_finish_publish(RtmpHandle r, int lingerMillis);

    // transport.c: librtmp's end of the loopback connection TlsTunnel carries through the JDK's TLS
    static native int nrtmp_attach_loopback(RtmpHandle r, int port, int[] localPort, int[] systemError);

    // data.c
    static native int nrtmp_write(RtmpHandle r, Pointer buf, int size);
    static native int nrtmp_set_backwards_timestamps(RtmpHandle r, int wrapped);
    static native int nrtmp_read(RtmpHandle r, Pointer buf, int size, int[] nread);

    // io.c
    static native int nrtmp_set_send_coalescing(RtmpHandle r, int limit);
    static native int nrtmp_send_calls(RtmpHandle r, long[] count);
    static native int nrtmp_send_buffer_held(RtmpHandle r, long[] bytes);
    static native int nrtmp_set_quick_ack(RtmpHandle r, int on);
    static native int nrtmp_quick_acks(RtmpHandle r, long[] count);
    static native int nrtmp_peer_closed(RtmpHandle r, int[] yes);

    // engine.c
    static native Pointer nrtmp_engine_new(int[] systemError);
    static native int nrtmp_engine_submit(Pointer engine, RtmpHandle r, int op, Pointer buf, int a, int b, int id);
    static native int nrtmp_engine_call(Pointer engine, RtmpHandle r, int op, Pointer buf, int a, int b, int id,
            int[] result);
    static native int nrtmp_engine_run(Pointer engine, int[] ids, int max, int timeoutMillis);
    static native int nrtmp_engine_finish(RtmpHandle r, int[] status, int[] out);

    // events.c: messages beside the media, packets, remote calls
    static final int NRTMP_RECORD_HEADER = 20;
    static native int nrtmp_keep_messages(RtmpHandle r, int on);
    static native int nrtmp_take_messages(RtmpHandle r, Pointer buf, int size, int[] taken, int[] nextSize,
            long[] dropped);
    static native int nrtmp_send_packet(RtmpHandle r, byte[] record, int len, int queue);
    static native int nrtmp_invoke(RtmpHandle r, byte[] method, int methodLen, byte[] args, int argsLen, int streamId,
            double[] txn);
    static native int nrtmp_read_packet(RtmpHandle r, int timeoutMillis, int[] recordLen);
    static native int nrtmp_take_read_packet(RtmpHandle r, byte[] buf, int size);
    static native int nrtmp_handle_packet(RtmpHandle r, byte[] record, int len, int[] media);
    static native int nrtmp_process(RtmpHandle r, int waitMillis, int timeoutMillis, double txn, int[] answered);
    static final double NRTMP_AWAIT_PING = -1.0;
    static native int nrtmp_ping(RtmpHandle r);
    static native int nrtmp_statistics(RtmpHandle r, long[] values, int count);

    // link.c
    static final int NRTMP_LINK_APP = 0;
    static final int NRTMP_LINK_PLAYPATH = 1;
    static native int nrtmp_link_text(RtmpHandle r, int field, byte[] buf, int size, int[] length);

    /** The C string a native call wrote into {@code b}: up to its NUL, as UTF-8. */
    static String cString(byte[] b) {
        int n = 0;
        while (n < b.length && b[n] != 0) {
            n++;
        }
        return new String(b, 0, n, StandardCharsets.UTF_8);
    }
}
