package org.nativertmp.support;

import java.util.List;
import org.nativertmp.flv.FlvTag;
import org.nativertmp.testkit.SampleFlv;

/** FLV streams made up for tests: seeded, so a failure can be replayed ({@link SampleFlv}). */
public final class TestFlv {
    private TestFlv() {
    }

    public static List<FlvTag> tags(long seed, int mediaTags, int maxPayload) {
        return SampleFlv.tags(seed, mediaTags, maxPayload);
    }

    public static byte[] file(List<FlvTag> tags) {
        return SampleFlv.file(tags);
    }
}
