package org.nativertmp.testkit;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.nativertmp.amf0.Amf0;
import org.nativertmp.amf0.EcmaArray;
import org.nativertmp.flv.FlvFormat;
import org.nativertmp.flv.FlvTag;

/**
 * FLV streams made up in memory, seeded so that a run can be repeated: an onMetaData script
 * tag, then video (Sorenson H.263, a key frame every 20 tags) and audio (MP3) tags, 40 ms apart,
 * with random payloads behind a valid codec byte. Servers store and relay such payloads as they
 * are, so what comes back can be compared byte for byte.
 */
public final class SampleFlv {
    /** FLV video tag, E.4.3.1: frame type 1 (key) or 2 (inter) in the high nibble, codec 2 (H.263). */
    private static final int H263_KEY_FRAME = 0x12;
    private static final int H263_INTER_FRAME = 0x22;
    /** FLV audio tag, E.4.2.1: format 2 (MP3), 44 kHz, 16-bit, stereo. */
    private static final int MP3_44K_16BIT_STEREO = 0x2F;
    private static final int KEY_FRAME_INTERVAL = 20;
    private static final long TAG_INTERVAL_MS = 40;

    private SampleFlv() {
    }

    /** The script tag, then {@code mediaTags} media tags with payloads of 1 to {@code maxPayload} bytes. */
    public static List<FlvTag> tags(long seed, int mediaTags, int maxPayload) {
        Random random = new Random(seed);
        List<FlvTag> tags = new ArrayList<>();
        tags.add(new FlvTag(FlvFormat.TAG_SCRIPT, 0, onMetaData()));
        for (int i = 0; i < mediaTags; i++) {
            boolean video = i % 2 == 0;
            byte[] payload = new byte[1 + random.nextInt(maxPayload)];
            random.nextBytes(payload);
            if (video) {
                payload[0] = (byte) (i % KEY_FRAME_INTERVAL == 0 ? H263_KEY_FRAME : H263_INTER_FRAME);
            } else {
                payload[0] = (byte) MP3_44K_16BIT_STEREO;
            }
            tags.add(new FlvTag(video ? FlvFormat.TAG_VIDEO : FlvFormat.TAG_AUDIO, (i / 2) * TAG_INTERVAL_MS, payload));
        }
        return tags;
    }

    /** The FLV file: header, PreviousTagSize0, then every tag with its previous-tag-size. */
    public static byte[] file(List<FlvTag> tags) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(FlvFormat.header(true, true));
        for (FlvTag t : tags) {
            out.writeBytes(t.encode());
        }
        return out.toByteArray();
    }

    /** AMF0: "onMetaData", then an ECMA array {duration: 0, encoder: "native-rtmp"}. */
    static byte[] onMetaData() {
        EcmaArray metadata = new EcmaArray();
        metadata.put("duration", 0.0);
        metadata.put("encoder", "native-rtmp");
        return Amf0.encode("onMetaData", metadata);
    }
}
