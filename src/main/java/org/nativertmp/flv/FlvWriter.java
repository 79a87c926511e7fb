package org.nativertmp.flv;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/** Writes an FLV file: the 13-byte header, then whole tags (each with its previous-tag-size). */
public final class FlvWriter implements AutoCloseable {
    private final OutputStream out;

    /**
     * Writes the header at once.
     *
     * @param out where the file goes; {@link #close()} closes it
     * @param audio whether audio tags follow (the header's TypeFlagsAudio, E.2)
     * @param video whether video tags follow (TypeFlagsVideo)
     * @throws IOException when writing the header fails
     */
    public FlvWriter(OutputStream out, boolean audio, boolean video) throws IOException {
        this.out = out;
        out.write(FlvFormat.header(audio, video));
    }

    /**
     * Writes one tag with its previous-tag-size.
     *
     * @param tag the tag
     * @throws IOException when writing fails
     */
    public void write(FlvTag tag) throws IOException {
        out.write(tag.encode());
    }

    /**
     * A whole file in memory.
     *
     * @param tags the tags, in file order
     * @return the file's bytes, its header flags set from the tag types present
     */
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
