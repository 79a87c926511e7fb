package org.nativertmp.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.nativertmp.NativeRtmp;
import org.nativertmp.RtmpException;
import org.nativertmp.RtmpOptions;
import org.nativertmp.flv.FlvFormat;

/** The publish and play runs the comparisons make, through NativeRtmp and through C programs. */
final class LibrtmpClients {
    private LibrtmpClients() {
    }

    /** The byte ranges of every tag of an FLV file, each with its previous-tag-size. */
    static List<int[]> tagSlices(byte[] flv) {
        List<int[]> slices = new ArrayList<>();
        int pos = FlvFormat.HEADER_AND_FIRST_PREVIOUS_SIZE;
        while (pos + FlvFormat.TAG_HEADER_SIZE <= flv.length) {
            int size = (flv[pos + 1] & 0xFF) << 16 | (flv[pos + 2] & 0xFF) << 8 | (flv[pos + 3] & 0xFF);
            int len = FlvFormat.TAG_HEADER_SIZE + size + FlvFormat.PREVIOUS_TAG_SIZE;
            slices.add(new int[] {pos, len});
            pos += len;
        }
        return slices;
    }

    /** setupUrl, enableWrite, connect, connectStream(0), one write per tag, close: what nrtmp-ref publish does. */
    static void publishWithNativeRtmp(Path flvFile, String url) throws IOException, RtmpException {
        publishWithNativeRtmp(Files.readAllBytes(flvFile), url, RtmpOptions.defaults());
    }

    /** The same with options (a tcUrl, an SSLContext). */
    static void publishWithNativeRtmp(byte[] flv, String url, RtmpOptions options) throws RtmpException {
        try (NativeRtmp rtmp = new NativeRtmp()) {
            rtmp.setupUrl(url, options);
            rtmp.enableWrite();
            rtmp.connect();
            rtmp.connectStream(0);
            for (int[] s : tagSlices(flv)) {
                rtmp.write(flv, s[0], s[1]);
            }
        }
    }

    /** setupUrl, connect, connectStream(0), read to the end, close: what nrtmp-ref play does. */
    static byte[] playWithNativeRtmp(String url) throws RtmpException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[64 * 1024];
        try (NativeRtmp rtmp = new NativeRtmp()) {
            rtmp.setupUrl(url);
            rtmp.connect();
            rtmp.connectStream(0);
            for (int n = rtmp.read(buf, 0, buf.length); n >= 0; n = rtmp.read(buf, 0, buf.length)) {
                out.write(buf, 0, n);
            }
        }
        return out.toByteArray();
    }
}
