package org.nativertmp.internal;

/**
 * The deadlines of one connection as they apply, in milliseconds, 0 for none: each
 * {@code RtmpOptions} setting that follows the receive timeout by default resolved against
 * librtmp's receive timeout as set up. The send timeout is the one applied to the socket, -1
 * before it is.
 */
record Deadlines(int connectMillis, int streamSetupMillis, int mediaMillis, int receiveMillis, int sendMillis) {
    static final Deadlines NONE = new Deadlines(0, 0, 0, 0, -1);

    /** {@code millis}, or the receive timeout for -1 ("follows the receive timeout"). */
    static int orReceive(int millis, int receiveMillis) {
        return millis < 0 ? receiveMillis : millis;
    }

    Deadlines withSend(int appliedMillis) {
        return new Deadlines(connectMillis, streamSetupMillis, mediaMillis, receiveMillis, appliedMillis);
    }
}
