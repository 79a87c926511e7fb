package org.nativertmp.cli;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.nativertmp.EnhancedRtmp;
import org.nativertmp.flv.EnhancedHeader;
import org.nativertmp.flv.FlvFormat;
import org.nativertmp.flv.FlvTagFramer;
import org.nativertmp.flv.FourCc;
import org.nativertmp.flv.MalformedFlvException;

/**
 * The Enhanced RTMP codecs of publish and play's {@code --enhanced}: a list the user gives, or
 * the FourCCs of the enhanced tags at the head of the FLV to publish, which an encoder writes
 * first (the sequence starts, before any frame).
 */
final class EnhancedCodecs {
    /** How far publish reads ahead for them, at most. */
    static final int LOOKAHEAD = 1 << 20;

    private EnhancedCodecs() {
    }

    /** {@code "hvc1,Opus"} as FourCCs; null (after the error line) when one is not a FourCC nor {@code *}. */
    static List<String> parse(String list) {
        List<String> fourCcs = new ArrayList<>();
        for (String f : list.split(",", -1)) {
            if (!FourCc.isValid(f) && !EnhancedRtmp.ANY_CODEC.equals(f)) {
                CliArguments.usage("--enhanced: \"" + f + "\" is not a FourCC (four characters, e.g. hvc1, av01,"
                        + " vp09, Opus) nor *");
                return null;
            }
            fourCcs.add(f);
        }
        return fourCcs;
    }

    /**
     * The FourCCs of the enhanced audio and video tags at the head of {@code in}, in the order they
     * come, up to the first media tag that is no sequence start (and at most {@link #LOOKAHEAD}
     * bytes); nothing is consumed ({@code in} is reset to where it was). Empty for a legacy FLV.
     * Malformed FLV ends the look: the publish itself reports it.
     */
    static List<String> atHeadOf(BufferedInputStream in) throws IOException {
        Set<String> found = new LinkedHashSet<>();
        in.mark(LOOKAHEAD);
        try {
            FlvTagFramer framer = new FlvTagFramer(new FlvTagFramer.Sink() {
                @Override
                public void tag(byte[] b, int off, int len, int type, long timestamp, long offset) throws IOException {
                    if (type == FlvFormat.TAG_SCRIPT) {
                        return;
                    }
                    int data = off + FlvFormat.TAG_HEADER_SIZE;
                    int size = len - FlvFormat.TAG_HEADER_SIZE - FlvFormat.PREVIOUS_TAG_SIZE;
                    if (!EnhancedHeader.isEnhanced(type, b, data, size)) {
                        throw new HeadSeen();
                    }
                    EnhancedHeader h = EnhancedHeader.read(type, b, data, size, 0);
                    if (h.fourCc() != null) {
                        found.add(h.fourCc());
                    }
                    if (h.packetType() != EnhancedHeader.SEQUENCE_START) {
                        throw new HeadSeen();
                    }
                }
            });
            byte[] buf = new byte[8192];
            int total = 0;
            for (int n = in.read(buf); n > 0 && total < LOOKAHEAD - buf.length; n = in.read(buf)) {
                total += n;
                framer.feed(buf, 0, n);
            }
        } catch (HeadSeen | MalformedFlvException seen) {
            // the head is over, or the FLV is broken there
        } finally {
            in.reset();
        }
        return List.copyOf(found);
    }

    /** Ends the look ahead: a media tag that is no sequence start. */
    private static final class HeadSeen extends IOException {
        private static final long serialVersionUID = 1L;

        HeadSeen() {
            super("the head of the FLV is over");
        }
    }
}
