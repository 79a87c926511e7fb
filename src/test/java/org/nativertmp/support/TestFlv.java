package org.nativertmp.support;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.nativertmp.flv.FlvFormat;
import org.nativertmp.flv.FlvTag;

/** FLV streams made up for tests: seeded, so a failure can be replayed. */
public final class TestFlv {
    private TestFlv() {
    }

    /**
     * An onMetaData script tag, then video (Sorenson H.263, first one a key frame) and audio
     * (MP3) tags with random payloads, 40 ms apart. Servers store such payloads as they are.
     */
    public static List<FlvTag> tags(long seed, int mediaTags, int maxPayload) {
        Random random = new Random(seed);
        List<FlvTag> tags = new ArrayList<>();
        tags.add(new FlvTag(FlvFormat.TAG_SCRIPT, 0, onMetaData()));
        for (int i = 0; i < mediaTags; i++) {
            boolean video = i % 2 == 0;
            byte[] payload = new byte[1 + random.nextInt(maxPayload)];
            random.nextBytes(payload);
            if (video) {
                payload[0] = (byte) (i == 0 || i % 20 == 0 ? 0x12 : 0x22); // key/inter frame, codec 2
            } else {
                payload[0] = 0x2F; // MP3, 44 kHz, 16-bit, stereo
            }
            tags.add(new FlvTag(video ? FlvFormat.TAG_VIDEO : FlvFormat.TAG_AUDIO, (i / 2) * 40L, payload));
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

    /** AMF0: "onMetaData", then an ECMA array {duration: 0, encoder: "native-rtmp tests"}. */
    static byte[] onMetaData() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        amfString(b, "onMetaData");
        b.write(0x08); // ECMA array
        b.writeBytes(new byte[] {0, 0, 0, 2});
        key(b, "duration");
        b.write(0x00); // number
        b.writeBytes(new byte[8]);
        key(b, "encoder");
        amfString(b, "native-rtmp tests");
        b.writeBytes(new byte[] {0, 0, 9}); // object end
        return b.toByteArray();
    }

    private static void amfString(ByteArrayOutputStream b, String s) {
        b.write(0x02);
        key(b, s);
    }

    private static void key(ByteArrayOutputStream b, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        b.write(bytes.length >> 8);
        b.write(bytes.length);
        b.writeBytes(bytes);
    }
}
