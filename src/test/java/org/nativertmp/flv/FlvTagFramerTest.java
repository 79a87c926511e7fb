package org.nativertmp.flv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nativertmp.support.TestFlv;

class FlvTagFramerTest {
    /** Collects what a framer hands on: the header and each whole tag's bytes. */
    static final class Collected implements FlvTagFramer.Sink {
        final ByteArrayOutputStream header = new ByteArrayOutputStream();
        final List<byte[]> tags = new ArrayList<>();
        final List<Long> offsets = new ArrayList<>();

        @Override
        public void header(byte[] b, int off, int len) {
            header.write(b, off, len);
        }

        @Override
        public void tag(byte[] b, int off, int len, int type, long timestamp, long offset) {
            tags.add(Arrays.copyOfRange(b, off, off + len));
            offsets.add(offset);
        }
    }

    /** Feeds {@code data} in random slices of 1 byte to 64 KiB (seeded) and returns what came out. */
    static Collected frameInRandomSlices(byte[] data, long seed) throws IOException {
        Random random = new Random(seed);
        Collected out = new Collected();
        FlvTagFramer framer = new FlvTagFramer(out);
        int p = 0;
        while (p < data.length) {
            int bound = random.nextInt(4);
            int max = bound == 0 ? 1 : bound == 1 ? 1000 : bound == 2 ? 64 * 1024 : 17;
            int n = Math.min(data.length - p, 1 + random.nextInt(max));
            framer.feed(data, p, n);
            p += n;
        }
        framer.finish();
        assertEquals(data.length, framer.bytesFed());
        assertEquals(0, framer.pending());
        return out;
    }

    @Test
    void randomFlvsInRandomSlicesComeOutAsTheirExactTags() throws IOException {
        for (long seed = 1; seed <= 200; seed++) {
            List<FlvTag> tags = TestFlv.tags(seed, (int) (seed % 40), 1 + (int) (seed * 977 % 70_000));
            boolean withHeader = seed % 3 != 0;
            byte[] file = TestFlv.file(tags);
            byte[] data = withHeader ? file : Arrays.copyOfRange(file, FlvFormat.HEADER_AND_FIRST_PREVIOUS_SIZE, file.length);
            Collected out = frameInRandomSlices(data, seed * 31);
            String context = "seed " + seed + (withHeader ? " with" : " without") + " header";
            assertEquals(withHeader ? FlvFormat.HEADER_AND_FIRST_PREVIOUS_SIZE : 0, out.header.size(), context);
            assertEquals(tags.size(), out.tags.size(), context);
            long offset = withHeader ? FlvFormat.HEADER_AND_FIRST_PREVIOUS_SIZE : 0;
            for (int i = 0; i < tags.size(); i++) {
                assertArrayEquals(tags.get(i).encode(), out.tags.get(i), context + ", tag " + i);
                assertEquals(offset, out.offsets.get(i), context + ", offset of tag " + i);
                offset += tags.get(i).encodedSize();
            }
        }
    }

    @Test
    void oneByteSlicesHandOnEachTagWhenItsLastByteArrives() throws IOException {
        List<FlvTag> tags = TestFlv.tags(7, 5, 300);
        byte[] file = TestFlv.file(tags);
        Collected out = new Collected();
        FlvTagFramer framer = new FlvTagFramer(out);
        for (int i = 0; i < file.length; i++) {
            framer.feed(file, i, 1);
            int complete = out.tags.size();
            int expected = 0;
            int e = FlvFormat.HEADER_AND_FIRST_PREVIOUS_SIZE;
            for (FlvTag t : tags) {
                e += t.encodedSize();
                if (e <= i + 1) {
                    expected++;
                }
            }
            assertEquals(expected, complete, "after byte " + i);
        }
        framer.finish();
        assertEquals(tags.size(), out.tags.size());
    }

    @Test
    void aTagTheSinkRefusesIsNotCounted() throws IOException {
        List<FlvTag> tags = TestFlv.tags(11, 3, 200);
        byte[] file = TestFlv.file(tags);
        Collected taken = new Collected();
        FlvTagFramer framer = new FlvTagFramer((b, off, len, type, timestamp, offset) -> {
            if (taken.tags.size() == 1) {
                throw new IOException("write failed");
            }
            taken.tag(b, off, len, type, timestamp, offset);
        });
        IOException e = assertThrows(IOException.class, () -> framer.feed(file, 0, file.length));
        assertEquals("write failed", e.getMessage());
        assertEquals(1, framer.tags());
    }

    @Test
    void aLastTagWithoutItsPreviousTagSizeIsCompletedAtFinish() throws IOException {
        FlvTag tag = new FlvTag(FlvFormat.TAG_AUDIO, 40, new byte[] {0x2F, 1, 2, 3});
        byte[] encoded = tag.encode();
        Collected out = new Collected();
        FlvTagFramer framer = new FlvTagFramer(out);
        framer.feed(encoded, 0, encoded.length - 4);
        assertEquals(0, out.tags.size());
        framer.finish();
        assertArrayEquals(encoded, out.tags.get(0));
    }

    @Test
    void aBadSignatureIsRejectedAtItsOffset() {
        byte[] data = "FLX\1\5\0\0\0\11\0\0\0\0".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        MalformedFlvException e = assertThrows(MalformedFlvException.class, () -> feedAll(data));
        assertEquals(2, e.offset());
        assertTrue(e.getMessage().contains("'FLV' signature") && e.getMessage().contains("at byte 2"), e.getMessage());
    }

    @Test
    void anUnknownTagTypeIsRejectedAtTheTagsOffset() {
        byte[] file = TestFlv.file(TestFlv.tags(3, 4, 100));
        int second = FlvFormat.HEADER_AND_FIRST_PREVIOUS_SIZE + FlvReaderSizes.first(file);
        file[second] = 0x07;
        Collected out = new Collected();
        MalformedFlvException e = assertThrows(MalformedFlvException.class, () -> feedAll(file, out));
        assertEquals(second, e.offset());
        assertTrue(e.getMessage().contains("tag type 7"), e.getMessage());
        assertEquals(1, out.tags.size(), "only the tag before it is handed on");
    }

    @Test
    void aStreamThatIsNoFlvAtAllIsCalledSoNotAnUnknownTagType() {
        byte[] passwd = "root:x:0:0:root:/root:/bin/bash\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        MalformedFlvException e = assertThrows(MalformedFlvException.class, () -> feedAll(passwd));
        assertEquals(0, e.offset());
        assertTrue(e.getMessage().startsWith("not an FLV stream: it starts neither with the FLV header ('FLV') nor with"
                + " an FLV tag (type 8, 9 or 18), but with 0x72 ('r')"), e.getMessage());
    }

    @Test
    void aDataSizeBeyondTheLimitIsRejectedBeforeItIsBuffered() {
        byte[] header = {FlvFormat.TAG_SCRIPT, (byte) 0xFF, (byte) 0xFF, (byte) 0xF5, 0, 0, 0, 0, 0, 0, 0};
        MalformedFlvException e = assertThrows(MalformedFlvException.class, () -> feedAll(header));
        assertEquals(1, e.offset());
        assertTrue(e.getMessage().contains("exceeds the limit of " + FlvTagFramer.MAX_SCRIPT_DATA_SIZE), e.getMessage());

        byte[] video = {FlvFormat.TAG_VIDEO, 0, 0x10, 0, 0, 0, 0, 0, 0, 0, 0};
        FlvTagFramer small = new FlvTagFramer(new Collected(), 1000);
        MalformedFlvException e2 = assertThrows(MalformedFlvException.class, () -> small.feed(video, 0, video.length));
        assertTrue(e2.getMessage().contains("data size 4096 exceeds the limit of 1000 bytes"), e2.getMessage());
    }

    @Test
    void aScriptTagLibrtmpCannotSendIsRefusedByTheFramerAndTheBoundaryCheck() {
        for (int size = 0; size < FlvTagFramer.MIN_SCRIPT_DATA_SIZE; size++) {
            byte[] tag = new FlvTag(FlvFormat.TAG_SCRIPT, 0, new byte[size]).encode();
            MalformedFlvException e = assertThrows(MalformedFlvException.class, () -> feedAll(tag));
            assertEquals(1, e.offset());
            assertTrue(e.getMessage().contains("script tag with " + size + " data bytes"), e.getMessage());
            IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class,
                    () -> FlvTagBoundaries.countWholeTags(tag, 0, tag.length));
            assertTrue(e2.getMessage().contains("cannot send fewer than 2"), e2.getMessage());
        }
        byte[] two = new FlvTag(FlvFormat.TAG_SCRIPT, 0, new byte[] {5, 5}).encode();
        assertEquals(1, FlvTagBoundaries.countWholeTags(two, 0, two.length));
    }

    @Test
    void aWrongPreviousTagSizeIsRejectedAndNothingOfThatTagIsHandedOn() {
        byte[] tag = new FlvTag(FlvFormat.TAG_VIDEO, 0, new byte[] {0x12, 9, 9}).encode();
        tag[tag.length - 1]++;
        Collected out = new Collected();
        MalformedFlvException e = assertThrows(MalformedFlvException.class, () -> feedAll(tag, out));
        assertEquals(tag.length - 4, e.offset());
        assertTrue(e.getMessage().contains("previous-tag-size 15") && e.getMessage().contains("should be 14"), e.getMessage());
        assertEquals(0, out.tags.size());
    }

    @Test
    void aTruncatedTagAtFinishIsRejectedWithItsOffset() throws IOException {
        byte[] file = TestFlv.file(TestFlv.tags(11, 3, 500));
        Collected out = new Collected();
        FlvTagFramer framer = new FlvTagFramer(out);
        framer.feed(file, 0, file.length - 10);
        MalformedFlvException e = assertThrows(MalformedFlvException.class, framer::finish);
        assertTrue(e.getMessage().contains("ends inside the FLV tag at byte " + e.offset()), e.getMessage());
        assertEquals(3, out.tags.size(), "the metadata and the first two media tags");
    }

    @Test
    void aTruncatedHeaderAtFinishIsRejected() throws IOException {
        FlvTagFramer framer = new FlvTagFramer(new Collected());
        framer.feed(FlvFormat.header(true, true), 0, 7);
        MalformedFlvException e = assertThrows(MalformedFlvException.class, framer::finish);
        assertEquals(0, e.offset());
        assertTrue(e.getMessage().contains("inside the FLV header"), e.getMessage());
    }

    @Test
    void afterAnErrorEveryCallFailsAtTheSameOffset() {
        FlvTagFramer framer = new FlvTagFramer(new Collected());
        byte[] junk = {1, 2, 3};
        assertThrows(MalformedFlvException.class, () -> framer.feed(junk, 0, 3));
        MalformedFlvException again = assertThrows(MalformedFlvException.class,
                () -> framer.feed(new FlvTag(8, 0, new byte[1]).encode(), 0, 16));
        assertEquals(0, again.offset());
        assertTrue(again.getMessage().contains("already broken"), again.getMessage());
        assertThrows(MalformedFlvException.class, framer::finish);
    }

    private static void feedAll(byte[] data) throws IOException {
        feedAll(data, new Collected());
    }

    private static void feedAll(byte[] data, Collected out) throws IOException {
        FlvTagFramer framer = new FlvTagFramer(out);
        framer.feed(data, 0, data.length);
        framer.finish();
    }

    /** Sizes inside an encoded file. */
    static final class FlvReaderSizes {
        /** The encoded size of the first tag after the 13-byte header. */
        static int first(byte[] file) {
            int p = FlvFormat.HEADER_AND_FIRST_PREVIOUS_SIZE;
            return FlvFormat.TAG_HEADER_SIZE + FlvFormat.int24(file, p + 1) + FlvFormat.PREVIOUS_TAG_SIZE;
        }
    }
}
