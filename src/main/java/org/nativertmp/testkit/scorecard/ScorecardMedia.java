package org.nativertmp.testkit.scorecard;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.nativertmp.flv.FlvFormat;
import org.nativertmp.flv.FlvTag;

/**
 * The media the corpus publishes and plays, made in memory and the same on every run: an
 * onMetaData script tag, then two seconds of Sorenson H.263 video (160x120, 10 frames a second, a
 * key frame every second) and 16-bit PCM audio (two tags per frame). The video frames are valid
 * bitstreams, so that clients that probe what they read (ffmpeg does) take them: key frames are
 * intra macroblocks with only DC coefficients, the others skip every macroblock. The audio
 * samples are random, which PCM allows.
 */
public final class ScorecardMedia {
    /** FLV video tag byte, E.4.3.1: frame type 1 (key) or 2 (inter), codec 2 (Sorenson H.263). */
    private static final int H263_KEY_FRAME = 0x12;
    private static final int H263_INTER_FRAME = 0x22;
    /** FLV audio tag byte, E.4.2.1: format 3 (PCM, little-endian), 44 kHz, 16-bit, stereo. */
    private static final int PCM_44K_16BIT_STEREO = 0x3F;
    private static final int FRAMES = 20;
    private static final int FRAME_INTERVAL_MS = 100;
    private static final int KEY_FRAME_INTERVAL = 10;
    private static final int AUDIO_TAGS_PER_FRAME = 2;
    private static final int AUDIO_BYTES = 400;
    /** 160x120 in 16x16 macroblocks: 10 by 8 (the last row cropped). */
    private static final int MACROBLOCKS = 10 * 8;
    private static final long SEED = 18;

    private ScorecardMedia() {
    }

    /** The script tag and 60 media tags, 0 to 1950 ms. */
    public static List<FlvTag> tags() {
        Random random = new Random(SEED);
        List<FlvTag> tags = new ArrayList<>();
        tags.add(new FlvTag(FlvFormat.TAG_SCRIPT, 0, Amf0Payloads.onMetaData(2, "native-rtmp scorecard")));
        for (int i = 0; i < FRAMES; i++) {
            long t = (long) i * FRAME_INTERVAL_MS;
            tags.add(new FlvTag(FlvFormat.TAG_VIDEO, t, frame(i % KEY_FRAME_INTERVAL == 0, i)));
            for (int k = 0; k < AUDIO_TAGS_PER_FRAME; k++) {
                byte[] pcm = new byte[1 + AUDIO_BYTES];
                random.nextBytes(pcm);
                pcm[0] = (byte) PCM_44K_16BIT_STEREO;
                tags.add(new FlvTag(FlvFormat.TAG_AUDIO, t + (long) k * FRAME_INTERVAL_MS / AUDIO_TAGS_PER_FRAME, pcm));
            }
        }
        return tags;
    }

    /** The tags with {@code offset} added to every timestamp, modulo 2^32 (FLV timestamps are 32 bits). */
    public static List<FlvTag> shifted(List<FlvTag> tags, long offset) {
        List<FlvTag> out = new ArrayList<>();
        for (FlvTag t : tags) {
            out.add(new FlvTag(t.type(), (t.timestamp() + offset) & 0xFFFF_FFFFL, t.payload()));
        }
        return out;
    }

    /** Only the audio and video tags. */
    public static List<FlvTag> media(List<FlvTag> tags) {
        return tags.stream().filter(t -> t.type() != FlvFormat.TAG_SCRIPT).toList();
    }

    /**
     * One Sorenson H.263 frame after the FLV video byte: the picture header (the FLV variant of
     * H.263: start code, version 0, temporal reference, size 6 = 160x120, type I or P, no
     * deblocking, quantizer 5, no extra information), then each macroblock: for I, MCBPC "1"
     * (intra, no chroma coefficients), CBPY "0011" (no luma coefficients) and six INTRADC bytes;
     * for P, COD "1" (not coded).
     */
    private static byte[] frame(boolean key, int number) {
        BitWriter b = new BitWriter();
        b.put(key ? H263_KEY_FRAME : H263_INTER_FRAME, 8);
        b.put(1, 17);
        b.put(0, 5);
        b.put(number & 0xFF, 8);
        b.put(6, 3);
        b.put(key ? 0 : 1, 2);
        b.put(0, 1);
        b.put(5, 5);
        b.put(0, 1);
        for (int mb = 0; mb < MACROBLOCKS; mb++) {
            if (key) {
                b.put(1, 1);
                b.put(3, 4);
                for (int block = 0; block < 6; block++) {
                    b.put(0x7F, 8);
                }
            } else {
                b.put(1, 1);
            }
        }
        return b.toByteArray();
    }

    /** Most significant bit first; the last byte padded with zeros. */
    private static final class BitWriter {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private int pending;
        private int count;

        void put(long value, int bits) {
            for (int i = bits - 1; i >= 0; i--) {
                pending = pending << 1 | (int) (value >>> i & 1);
                if (++count == 8) {
                    out.write(pending);
                    pending = 0;
                    count = 0;
                }
            }
        }

        byte[] toByteArray() {
            while (count != 0) {
                put(0, 1);
            }
            return out.toByteArray();
        }
    }
}
