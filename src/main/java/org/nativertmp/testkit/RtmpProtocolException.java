package org.nativertmp.testkit;

import java.io.IOException;

/** A peer broke the RTMP protocol or one of the recorder's limits; its connection is closed. */
public final class RtmpProtocolException extends IOException {
    private static final long serialVersionUID = 1L;

    public RtmpProtocolException(String message) {
        super(message);
    }
}
