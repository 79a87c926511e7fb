package org.nativertmp.support;

import org.nativertmp.NativeRtmp;
import org.nativertmp.RtmpException;

/** Connections set up to publish, for tests whose subject comes after the stream setup. */
public final class Publishers {
    private Publishers() {
    }

    /** A connection publishing to {@code url}, its stream set up; closed again when a step fails. */
    public static NativeRtmp publisher(String url) throws RtmpException {
        NativeRtmp rtmp = new NativeRtmp();
        try {
            rtmp.setupUrl(url);
            rtmp.enableWrite();
            rtmp.connect();
            rtmp.connectStream(0);
            return rtmp;
        } catch (RtmpException | RuntimeException e) {
            rtmp.close();
            throw e;
        }
    }
}
