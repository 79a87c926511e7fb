package org.nativertmp.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.nativertmp.flv.EnhancedFlv;
import org.nativertmp.flv.EnhancedHeader;
import org.nativertmp.flv.FlvTag;
import org.nativertmp.flv.FourCc;
import org.nativertmp.flv.MalformedFlvException;

/**
 * HEVC, AV1, VP9 and Opus made at test time by Debian's ffmpeg (libx265, libaom, libvpx,
 * libopus) into MP4, turned into enhanced FLV tags with the library's {@link EnhancedFlv}, and
 * back from tags into raw bitstreams that ffmpeg decodes (Annex B HEVC, AV1 OBUs, VP9 in IVF),
 * so that a test can show the frames survive. No media is committed.
 */
public final class EnhancedMedia {
    /** The video codecs: FourCC to ffmpeg's encoder options. */
    private static final Map<String, List<String>> ENCODERS = Map.of(
            FourCc.HEVC, List.of("-c:v", "libx265", "-preset", "ultrafast", "-x265-params",
                    "log-level=error:keyint=25:bframes=2", "-tag:v", "hvc1"),
            FourCc.AV1, List.of("-c:v", "libaom-av1", "-cpu-used", "8", "-g", "25", "-b:v", "200k"),
            FourCc.VP9, List.of("-c:v", "libvpx-vp9", "-deadline", "realtime", "-cpu-used", "8", "-g", "25",
                    "-b:v", "200k"));
    /** The sample entries ffmpeg writes for them. */
    private static final Map<String, String> FOURCC_OF_SAMPLE_ENTRY = Map.of("hvc1", FourCc.HEVC, "av01", FourCc.AV1,
            "vp09", FourCc.VP9);
    public static final int WIDTH = 320;
    public static final int HEIGHT = 240;

    private EnhancedMedia() {
    }

    /** Two seconds of 320x240 test pattern at 25 fps in {@code videoFourCc}, with Opus audio when asked. */
    public static Path makeMp4(Path dir, String videoFourCc, boolean opus) throws IOException, InterruptedException {
        Path out = dir.resolve(videoFourCc + (opus ? "-opus" : "") + ".mp4");
        List<String> command = new ArrayList<>(List.of(FfmpegMedia.ffmpeg(), "-hide_banner", "-loglevel", "error",
                "-nostdin", "-y", "-f", "lavfi", "-i", "testsrc=size=" + WIDTH + "x" + HEIGHT + ":rate=25"));
        if (opus) {
            command.addAll(List.of("-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000"));
        }
        command.addAll(List.of("-t", "2", "-pix_fmt", "yuv420p"));
        command.addAll(ENCODERS.get(videoFourCc));
        if (opus) {
            command.addAll(List.of("-c:a", "libopus", "-b:a", "48k"));
        }
        command.add(out.toString());
        FfmpegMedia.run(command, 120);
        return out;
    }

    /**
     * The MP4's tracks as enhanced FLV tags, in decoding order: each codec's sequence start at
     * 0, the frames (video before audio at equal times), the video's sequence end last.
     */
    public static List<FlvTag> enhancedTags(Path mp4) throws IOException {
        List<Mp4Track> tracks = Mp4Track.read(mp4);
        Mp4Track video = Mp4Track.of(tracks, "vide");
        String fourCc = FOURCC_OF_SAMPLE_ENTRY.get(video.sampleEntry());
        List<FlvTag> tags = new ArrayList<>();
        tags.add(EnhancedFlv.videoSequenceStart(fourCc, 0, video.configuration()));
        List<FlvTag> frames = new ArrayList<>();
        long end = 0;
        for (Mp4Track.Sample s : video.samples()) {
            long t = s.dtsMillis(video.timescale());
            frames.add(EnhancedFlv.videoCodedFrames(fourCc, t, s.sync(),
                    FourCc.HEVC.equals(fourCc) ? s.compositionMillis(video.timescale()) : 0, s.data()));
            end = Math.max(end, t);
        }
        for (Mp4Track audio : tracks) {
            if (audio.handler().equals("soun") && audio.sampleEntry().equals("Opus")) {
                tags.add(EnhancedFlv.opusSequenceStart(0, audio.configuration()));
                for (Mp4Track.Sample s : audio.samples()) {
                    frames.add(EnhancedFlv.audioCodedFrames(FourCc.OPUS, s.dtsMillis(audio.timescale()), s.data()));
                }
            }
        }
        // stable: within one time, video (added first) stays before audio
        frames.sort(Comparator.comparingLong(FlvTag::timestamp));
        tags.addAll(frames);
        tags.add(EnhancedFlv.videoSequenceEnd(fourCc, end));
        return tags;
    }

    /** The codec data of a tag: what follows its enhanced header. */
    static byte[] body(FlvTag tag) throws MalformedFlvException {
        byte[] p = tag.payload();
        return Arrays.copyOfRange(p, tag.enhancedHeader().size(), p.length);
    }

    /**
     * The video of the tags as a raw bitstream file ffmpeg reads: Annex B for hvc1, OBUs with
     * temporal delimiters for av01, IVF for vp09.
     *
     * @return the file and ffmpeg's name for its format
     */
    public static RawVideo rawVideo(List<FlvTag> tags, Path dir) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String fourCc = null;
        byte[] config = null;
        List<FlvTag> frames = new ArrayList<>();
        for (FlvTag t : tags) {
            EnhancedHeader h = t.isEnhanced() && t.type() == 9 ? t.enhancedHeader() : null;
            if (h == null) {
                continue;
            }
            fourCc = h.fourCc();
            if (h.packetType() == EnhancedHeader.SEQUENCE_START) {
                config = body(t);
            } else if (h.packetType() == EnhancedHeader.CODED_FRAMES || h.packetType() == EnhancedHeader.CODED_FRAMES_X) {
                frames.add(t);
            }
        }
        if (config == null) {
            throw new IOException("no video sequence start among the tags");
        }
        switch (fourCc) {
            case FourCc.HEVC:
                annexB(config, frames, out);
                return write(dir.resolve("video.hevc"), out, "hevc");
            case FourCc.AV1:
                obus(config, frames, out);
                return write(dir.resolve("video.obu"), out, "obu");
            case FourCc.VP9:
                ivf(frames, out);
                return write(dir.resolve("video.ivf"), out, "ivf");
            default:
                throw new IOException("no raw format for " + fourCc);
        }
    }

    /** A raw video file and ffmpeg's name for its format. */
    public record RawVideo(Path file, String format) {
    }

    private static RawVideo write(Path file, ByteArrayOutputStream out, String format) throws IOException {
        Files.write(file, out.toByteArray());
        return new RawVideo(file, format);
    }

    /** hvcC's parameter sets (VPS, SPS, PPS, SEI arrays), then each frame's NAL units, all after start codes. */
    private static void annexB(byte[] hvcC, List<FlvTag> frames, ByteArrayOutputStream out) throws IOException {
        int lengthSize = (hvcC[21] & 3) + 1;
        int p = 23;
        for (int a = 0, arrays = hvcC[22] & 0xFF; a < arrays; a++) {
            int n = u16(hvcC, p + 1);
            p += 3;
            for (int i = 0; i < n; i++) {
                int len = u16(hvcC, p);
                out.write(new byte[] {0, 0, 0, 1});
                out.write(hvcC, p + 2, len);
                p += 2 + len;
            }
        }
        for (FlvTag t : frames) {
            byte[] f = body(t);
            for (int q = 0; q < f.length; ) {
                int len = 0;
                for (int i = 0; i < lengthSize; i++) {
                    len = len << 8 | (f[q + i] & 0xFF);
                }
                out.write(new byte[] {0, 0, 0, 1});
                out.write(f, q + lengthSize, len);
                q += lengthSize + len;
            }
        }
    }

    /** Each temporal unit after a temporal delimiter OBU; av1C's configuration OBUs (the sequence header) first. */
    private static void obus(byte[] av1C, List<FlvTag> frames, ByteArrayOutputStream out) throws IOException {
        byte[] temporalDelimiter = {0x12, 0x00};
        boolean first = true;
        for (FlvTag t : frames) {
            out.write(temporalDelimiter);
            if (first) {
                out.write(av1C, 4, av1C.length - 4);
                first = false;
            }
            out.write(body(t));
        }
    }

    /** IVF: a 32-byte file header, then each frame after its 12-byte header (size, time in ms). */
    private static void ivf(List<FlvTag> frames, ByteArrayOutputStream out) throws IOException {
        byte[] h = new byte[32];
        System.arraycopy("DKIF".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, h, 0, 4);
        le(h, 6, 32, 2);
        System.arraycopy("VP90".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, h, 8, 4);
        le(h, 12, WIDTH, 2);
        le(h, 14, HEIGHT, 2);
        le(h, 16, 1000, 4); // time base 1/1000: the tags' milliseconds
        le(h, 20, 1, 4);
        le(h, 24, frames.size(), 4);
        out.write(h);
        for (FlvTag t : frames) {
            byte[] f = body(t);
            byte[] fh = new byte[12];
            le(fh, 0, f.length, 4);
            le(fh, 4, t.timestamp(), 8);
            out.write(fh);
            out.write(f);
        }
    }

    /**
     * ffmpeg's MD5 of every decoded video frame, in output order: equal lists mean equal pictures.
     *
     * @param format ffmpeg's input format, or null to let it probe (an MP4)
     */
    public static List<String> frameMd5s(Path file, String format) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(FfmpegMedia.ffmpeg(), "-hide_banner", "-loglevel", "error",
                "-nostdin"));
        if (format != null) {
            command.addAll(List.of("-f", format));
        }
        command.addAll(List.of("-i", file.toString(), "-map", "0:v", "-f", "framemd5", "-"));
        List<String> md5s = new ArrayList<>();
        for (String line : FfmpegMedia.run(command, 120).split("\\R")) {
            if (!line.startsWith("#") && line.contains(",")) {
                md5s.add(line.substring(line.lastIndexOf(',') + 1).strip());
            }
        }
        return md5s;
    }

    private static int u16(byte[] b, int off) {
        return (b[off] & 0xFF) << 8 | (b[off + 1] & 0xFF);
    }

    private static void le(byte[] b, int off, long v, int n) {
        for (int i = 0; i < n; i++) {
            b[off + i] = (byte) (v >>> (8 * i));
        }
    }
}
