package org.nativertmp.flv;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/** Writes an FLV file: the 13-byte header, then whole tags (each with its previous-tag-size). */
public final class FlvWriter implements AutoCloseable {
    private final OutputStream out;

    /** Writes the header at once; the flags say whether audio and/or video tags follow (E.2). */
    public FlvWriter(OutputStream out, boolean audio, boolean video) throws IOException {
        this.out = out;
        out.write(FlvFormat.header(audio, video));
    }

    public void write(FlvTag tag) throws IOException {
        out.write(tag.encode());
    }

    /** A whole file holding {@code tags}, its header flags set from the tag types present. */
    public static byte[] toBytes(List<FlvTag> tags) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        boolean audio = tags.stream().anyMatch(t -> t.type() == FlvFormat.TAG_AUDIO);
        boolean video = tags.stream().anyMatch(t -> t.type() == FlvFormat.TAG_VIDEO);
        try (FlvWriter w = new FlvWriter(b, audio, video)) {
            for (FlvTag t : tags) {
                w.write(t);
            }
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory cannot fail", e);
        }
        return b.toByteArray();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
