package org.nativertmp.support;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Collectors;
import org.nativertmp.flv.FlvFormat;
import org.nativertmp.flv.FlvTag;

/** Compares FLV tags as servers keep them: media tags by type and payload (servers write their own metadata). */
public final class FlvAssertions {
    private FlvAssertions() {
    }

    public static List<FlvTag> media(List<FlvTag> tags) {
        return tags.stream().filter(t -> t.type() != FlvFormat.TAG_SCRIPT).collect(Collectors.toList());
    }

    public static void assertSameMedia(List<FlvTag> expected, List<FlvTag> actual, String context) {
        List<FlvTag> e = media(expected);
        List<FlvTag> a = media(actual);
        assertEquals(e.size(), a.size(), "media tags, " + context);
        for (int i = 0; i < e.size(); i++) {
            assertEquals(e.get(i).type(), a.get(i).type(), "type of media tag " + i + ", " + context);
            assertArrayEquals(e.get(i).payload(), a.get(i).payload(), "payload of media tag " + i + ", " + context);
        }
    }
}
