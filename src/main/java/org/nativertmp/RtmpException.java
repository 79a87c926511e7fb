package org.nativertmp;

import java.io.IOException;

/**
 * An RTMP operation failed. The message says which operation on which URL, and quotes what
 * librtmp itself logged as the reason ({@link #librtmpMessage()}), e.g.
 * {@code RTMP_Connect0, failed to connect socket. 111 (Connection refused)}.
 */
public class RtmpException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String librtmpMessage;

    public RtmpException(String message) {
        this(message, null, null);
    }

    public RtmpException(String message, String librtmpMessage) {
        this(message, librtmpMessage, null);
    }

    public RtmpException(String message, String librtmpMessage, Throwable cause) {
        super(message, cause);
        this.librtmpMessage = librtmpMessage;
    }

    /** librtmp's own error text for this failure, or null when librtmp logged none. */
    public String librtmpMessage() {
        return librtmpMessage;
    }
}
