package org.nativertmp;

import java.time.Duration;
import java.util.Optional;

/**
 * One connection's counters ({@link NativeRtmp#statistics()}), as librtmp's calls on it left them
 * a moment ago. Messages are counted as librtmp hands them on: those the server sent when a call
 * handled them (a read, a stream setup, {@link NativeRtmp#call}, {@link NativeRtmp#ping}), those
 * of the client when {@code RTMP_SendPacket} sent them. Over rtmpt and rtmpts the byte counts
 * include the HTTP requests and responses that carry the RTMP bytes.
 *
 * @param bytesIn bytes received, the handshake included
 * @param bytesOut bytes handed to the socket (or the TLS pipe), the handshake included
 * @param messagesIn whole messages read from the server (librtmp passes over one with an empty
 *        body while it plays or sets up the stream, uncounted)
 * @param messagesOut messages sent
 * @param mediaIn of {@code messagesIn}, audio, video and aggregate messages, the small ones
 *        {@link NativeRtmp#read} skips included
 * @param mediaOut of {@code messagesOut}, audio and video messages
 * @param acknowledgements Acknowledgement messages the server sent
 * @param acknowledgedBytes the sequence number of the last one: how many bytes the server says it
 *        has received, modulo 2<sup>32</sup> (0 before the first)
 * @param serverWindow the server's Window Acknowledgement Size (0 before it sent one)
 * @param sendBuffered bytes in the library's send buffer, not yet handed to the socket
 * @param pingRoundTripMicros the round trip of the last answered {@link NativeRtmp#ping}, in
 *        microseconds; -1 before the first
 * @param streamTimeIn the timestamp of the last media message read, in milliseconds (of an
 *        aggregate message, its own: that of the first tag inside)
 * @param streamTimeOut the timestamp of the last media message sent, in milliseconds
 * @param pingsAnswered answers to {@link NativeRtmp#ping} handled so far
 * @param nativeBytes native memory the connection holds now, at the sizes the allocator gave its
 *        blocks: librtmp's {@code RTMP} struct with the library's state (about 19 KiB); every heap
 *        block librtmp keeps for it (packets, chunk stream tables, the URL's parts; counted as
 *        librtmp allocates and frees them); the send buffer while a call holds it (up to 64 KiB,
 *        {@link RtmpOptions.Builder#coalesceSends(boolean)}; freed when the call returns); on the
 *        engine (a virtual thread's calls, {@link AsyncRtmp}) the pages of its stack in use
 *        (resident ones on Linux, committed ones on Windows); and the native buffers of the Java
 *        side: the copies of the URL and the options, the buffer
 *        {@link NativeRtmp#read} and {@link NativeRtmp#write} copy through (64 KiB once used, or as
 *        large as the largest read; a larger write's is given back when it returns), and with an
 *        {@link NativeRtmp#setEventListener event listener} or a {@link NativeRtmp#call call} the
 *        buffer its messages come through. Not in it: an open {@link NativeRtmp#outputStream()}'s
 *        own 64 KiB, the allocator's bookkeeping, the socket's kernel buffers, Java's heap
 */
public record RtmpStatistics(long bytesIn, long bytesOut, long messagesIn, long messagesOut, long mediaIn,
                             long mediaOut, long acknowledgements, long acknowledgedBytes, long serverWindow,
                             long sendBuffered, long pingRoundTripMicros, long streamTimeIn, long streamTimeOut,
                             long pingsAnswered, long nativeBytes) {

    static RtmpStatistics of(long[] v) {
        return new RtmpStatistics(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11], v[12], v[13],
                v[14]);
    }

    /**
     * How far the server is behind, the congestion signal: bytes sent that its last
     * acknowledgement does not cover, plus {@link #sendBuffered()}. The count of bytes sent
     * includes the handshake's 3073, which servers such as nginx-rtmp leave out of their sequence
     * number, so it is an upper bound by that much. Empty until the server sent an
     * acknowledgement: it sends one per {@link #serverWindow()} bytes received, if at all
     * (nginx-rtmp sends a publisher none unless it announced a window of its own, a
     * {@link RtmpPacket#TYPE_WINDOW_ACK_SIZE} packet through {@link NativeRtmp#sendPacket}).
     *
     * <p>It is as fresh as the last call that handled the server's messages: a publisher's writes
     * read nothing, so between two {@link NativeRtmp#ping pings} (or calls) it grows by what was
     * written, however fast the server takes it. Read it right after a ping.
     */
    public Optional<Long> unacknowledgedBytes() {
        if (acknowledgements == 0) {
            return Optional.empty();
        }
        long behind = (bytesOut - acknowledgedBytes) & 0xFFFFFFFFL;
        return Optional.of(behind + sendBuffered);
    }

    /** {@link #pingRoundTripMicros()} as a Duration, or empty before the first answered ping. */
    public Optional<Duration> pingRoundTrip() {
        return pingRoundTripMicros < 0 ? Optional.empty() : Optional.of(Duration.ofNanos(pingRoundTripMicros * 1000));
    }
}
