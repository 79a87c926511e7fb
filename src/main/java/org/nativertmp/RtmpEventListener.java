package org.nativertmp;

/**
 * What the server sends beside the media, as librtmp handles it
 * ({@link NativeRtmp#setEventListener}). librtmp still handles every message as it always does
 * (answering pings, acknowledging, ending a play at Play.Complete); the listener observes, and may
 * answer commands.
 *
 * <p>Delivery: in the order librtmp handled the messages, one at a time per connection, on a
 * thread of the library (a virtual thread on Java 21 and later), never on the thread of the call
 * that read them, so a slow listener does not stall reads or writes. Messages are handed over when
 * the connection's call that read them returns: during play, each {@code read()}; otherwise
 * {@code connect}, {@code connectStream}, {@code call}, {@code readPacket}/{@code handlePacket}.
 * A listener that throws is reported once (System.Logger {@code org.nativertmp}); delivery goes on.
 *
 * <p>Every method has an empty default: implement what you need.
 */
public interface RtmpEventListener {
    /**
     * A command the server sent that is neither an {@code onStatus} nor the answer to one of
     * {@link NativeRtmp#call}'s calls: a method it invokes on the client ({@code onBWDone},
     * {@code onFCPublish}, a custom one), or the answer to one of librtmp's own commands
     * ({@code _result} of connect or createStream). {@link ServerCommand#respond} answers it.
     */
    default void onCommand(ServerCommand command) {
    }

    /** An {@code onStatus} command: {@code NetStream.Play.Start}, {@code Play.Reset}, {@code UnpublishNotify}, ... */
    default void onStatus(ServerStatus status) {
    }

    /** A data message: {@code onMetaData}, {@code onCuePoint}, {@code |RtmpSampleAccess}, ... */
    default void onData(DataMessage message) {
    }

    /** A protocol control or user control message: Stream Begin/EOF/Dry, ping, acknowledgement, window, bandwidth, chunk size. */
    default void onControl(ControlEvent event) {
    }

    /** Every message beside the media, as it arrived, before the typed method above (AMF3 ones only here). */
    default void onPacket(RtmpPacket packet) {
    }

    /** {@code count} messages were not kept because the library's queue (4 MiB) was full: delivery fell that far behind. */
    default void onMessagesLost(long count) {
    }
}
