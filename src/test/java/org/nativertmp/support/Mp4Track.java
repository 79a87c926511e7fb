package org.nativertmp.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One track of an MP4 file (ISO/IEC 14496-12) as ffmpeg writes it: the sample entry's type
 * ({@code hvc1}, {@code av01}, {@code vp09}, {@code Opus}), its decoder configuration record
 * ({@code hvcC}, {@code av1C}, {@code vpcC}, {@code dOps}, without the box header) and the
 * samples with their times. Enough of the format to take ffmpeg's encodings into E-FLV; edit lists
 * are ignored (the times are the sample table's).
 */
public record Mp4Track(String handler, String sampleEntry, byte[] configuration, long timescale, List<Sample> samples) {
    private static final List<String> CONFIGURATIONS = List.of("hvcC", "avcC", "av1C", "vpcC", "dOps", "dfLa", "esds");

    /** One sample: decoding time and composition offset in the track's timescale, data, sync. */
    public record Sample(long dts, long compositionOffset, byte[] data, boolean sync) {
        public long dtsMillis(long timescale) {
            return Math.round(dts * 1000.0 / timescale);
        }

        /** Presentation minus decoding time in whole milliseconds, as FLV carries it. */
        public int compositionMillis(long timescale) {
            return (int) (Math.round((dts + compositionOffset) * 1000.0 / timescale) - dtsMillis(timescale));
        }
    }

    /** Every track of the file, in file order. */
    public static List<Mp4Track> read(Path file) throws IOException {
        byte[] b = Files.readAllBytes(file);
        Box moov = Box.child(b, 0, b.length, "moov");
        List<Mp4Track> tracks = new ArrayList<>();
        for (Box trak : Box.children(b, moov.body, moov.end, "trak")) {
            tracks.add(track(b, trak));
        }
        return tracks;
    }

    /** The track with this handler ({@code vide} or {@code soun}). */
    public static Mp4Track of(List<Mp4Track> tracks, String handler) {
        return tracks.stream().filter(t -> t.handler.equals(handler)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no " + handler + " track"));
    }

    private static Mp4Track track(byte[] b, Box trak) throws IOException {
        Box mdia = Box.child(b, trak.body, trak.end, "mdia");
        Box mdhd = Box.child(b, mdia.body, mdia.end, "mdhd");
        long timescale = b[mdhd.body] == 1 ? u32(b, mdhd.body + 4 + 16) : u32(b, mdhd.body + 4 + 8);
        Box hdlr = Box.child(b, mdia.body, mdia.end, "hdlr");
        String handler = new String(b, hdlr.body + 8, 4, StandardCharsets.US_ASCII);
        Box minf = Box.child(b, mdia.body, mdia.end, "minf");
        Box stbl = Box.child(b, minf.body, minf.end, "stbl");
        Box stsd = Box.child(b, stbl.body, stbl.end, "stsd");
        Box entry = Box.at(b, stsd.body + 8);
        // VisualSampleEntry has 78 bytes before its boxes, AudioSampleEntry 28 (version 0)
        int boxes = entry.body + (handler.equals("vide") ? 78 : 28);
        Box config = Box.children(b, boxes, entry.end, null).stream().filter(x -> CONFIGURATIONS.contains(x.type))
                .findFirst().orElseThrow(() -> new IOException("no decoder configuration in " + entry.type));
        byte[] configuration = Arrays.copyOfRange(b, config.body, config.end);
        return new Mp4Track(handler, entry.type, configuration, timescale, samples(b, stbl));
    }

    private static List<Sample> samples(byte[] b, Box stbl) throws IOException {
        Box stsz = Box.child(b, stbl.body, stbl.end, "stsz");
        int count = (int) u32(b, stsz.body + 8);
        long fixedSize = u32(b, stsz.body + 4);
        long[] sizes = new long[count];
        for (int i = 0; i < count; i++) {
            sizes[i] = fixedSize != 0 ? fixedSize : u32(b, stsz.body + 12 + 4 * i);
        }
        long[] offsets = sampleOffsets(b, stbl, sizes);
        long[] dts = expand(b, Box.child(b, stbl.body, stbl.end, "stts"), count, true);
        Box ctts = Box.optionalChild(b, stbl.body, stbl.end, "ctts");
        long[] cts = ctts == null ? new long[count] : expand(b, ctts, count, false);
        Box stss = Box.optionalChild(b, stbl.body, stbl.end, "stss");
        boolean[] sync = new boolean[count];
        if (stss == null) {
            Arrays.fill(sync, true);
        } else {
            for (int i = 0, n = (int) u32(b, stss.body + 4); i < n; i++) {
                sync[(int) u32(b, stss.body + 8 + 4 * i) - 1] = true;
            }
        }
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] data = Arrays.copyOfRange(b, (int) offsets[i], (int) (offsets[i] + sizes[i]));
            samples.add(new Sample(dts[i], cts[i], data, sync[i]));
        }
        return samples;
    }

    /** stsc and stco/co64: where each sample starts in the file. */
    private static long[] sampleOffsets(byte[] b, Box stbl, long[] sizes) throws IOException {
        Box stco = Box.optionalChild(b, stbl.body, stbl.end, "stco");
        Box co64 = stco == null ? Box.child(b, stbl.body, stbl.end, "co64") : null;
        Box chunkBox = stco != null ? stco : co64;
        int chunks = (int) u32(b, chunkBox.body + 4);
        long[] chunkOffsets = new long[chunks];
        for (int i = 0; i < chunks; i++) {
            chunkOffsets[i] = stco != null ? u32(b, stco.body + 8 + 4 * i)
                    : u32(b, co64.body + 8 + 8 * i) << 32 | u32(b, co64.body + 12 + 8 * i);
        }
        Box stsc = Box.child(b, stbl.body, stbl.end, "stsc");
        int entries = (int) u32(b, stsc.body + 4);
        long[] offsets = new long[sizes.length];
        int sample = 0;
        for (int e = 0; e < entries; e++) {
            int first = (int) u32(b, stsc.body + 8 + 12 * e) - 1;
            int next = e + 1 < entries ? (int) u32(b, stsc.body + 8 + 12 * (e + 1)) - 1 : chunks;
            long perChunk = u32(b, stsc.body + 12 + 12 * e);
            for (int c = first; c < next; c++) {
                long at = chunkOffsets[c];
                for (long s = 0; s < perChunk && sample < sizes.length; s++) {
                    offsets[sample] = at;
                    at += sizes[sample++];
                }
            }
        }
        return offsets;
    }

    /** stts (running sums of deltas) or ctts (signed offsets from version 1, as ffmpeg may write): per sample. */
    private static long[] expand(byte[] b, Box box, int count, boolean sum) {
        boolean signed = b[box.body] == 1;
        long[] out = new long[count];
        long t = 0;
        int i = 0;
        for (int e = 0, n = (int) u32(b, box.body + 4); e < n; e++) {
            long runs = u32(b, box.body + 8 + 8 * e);
            long value = u32(b, box.body + 12 + 8 * e);
            if (signed) {
                value = (int) value;
            }
            for (long r = 0; r < runs && i < count; r++) {
                out[i++] = sum ? t : value;
                t += value;
            }
        }
        return out;
    }

    static long u32(byte[] b, int off) {
        return ((long) (b[off] & 0xFF) << 24) | (b[off + 1] & 0xFF) << 16 | (b[off + 2] & 0xFF) << 8 | (b[off + 3] & 0xFF);
    }

    /** A box: its type, where its body starts, where it ends. */
    private record Box(String type, int body, int end) {
        static Box at(byte[] b, int off) {
            long size = u32(b, off);
            String type = new String(b, off + 4, 4, StandardCharsets.US_ASCII);
            int header = 8;
            if (size == 1) {
                size = u32(b, off + 8) << 32 | u32(b, off + 12);
                header = 16;
            } else if (size == 0) {
                size = b.length - off;
            }
            return new Box(type, off + header, (int) (off + size));
        }

        static List<Box> children(byte[] b, int from, int to, String type) {
            List<Box> found = new ArrayList<>();
            for (int p = from; p + 8 <= to; ) {
                Box box = at(b, p);
                if (type == null || box.type.equals(type)) {
                    found.add(box);
                }
                p = box.end;
            }
            return found;
        }

        static Box optionalChild(byte[] b, int from, int to, String type) {
            List<Box> found = children(b, from, to, type);
            return found.isEmpty() ? null : found.get(0);
        }

        static Box child(byte[] b, int from, int to, String type) throws IOException {
            Box box = optionalChild(b, from, to, type);
            if (box == null) {
                throw new IOException("MP4 without a " + type + " box where one belongs");
            }
            return box;
        }
    }
}
