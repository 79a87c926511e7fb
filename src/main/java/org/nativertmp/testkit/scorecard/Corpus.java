package org.nativertmp.testkit.scorecard;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.nativertmp.flv.FlvTag;

/**
 * The scenarios the scorecard runs by default: what servers do that RTMP clients trip over,
 * for both roles. Each role has a baseline, {@code publish-baseline} and {@code play-baseline}: a
 * well-behaved server, whose differences every other row of that role leaves out (they are the
 * client's, not the scenario's). What librtmp does in each is not written here: the scorecard
 * measures it, through {@link LibrtmpClient}, every time it runs.
 */
public final class Corpus {
    private Corpus() {
    }

    /** Every scenario, with the media of {@link ScorecardMedia#tags()}. */
    public static List<Scenario> scenarios() {
        return scenarios(ScorecardMedia.tags());
    }

    /**
     * Every scenario, publishing and playing {@code media} (an onMetaData script tag first, then
     * audio and video; the media a probing client such as ffmpeg must be able to read).
     */
    public static List<Scenario> scenarios(List<FlvTag> media) {
        if (media.isEmpty()) {
            throw new IllegalArgumentException("the scenarios need media tags to publish and play");
        }
        List<Scenario> all = new ArrayList<>(PublishScenarios.of(media));
        all.addAll(PlayScenarios.of(media));
        return List.copyOf(all);
    }

    /** The name of a role's baseline: "publish-baseline", "play-baseline". */
    public static String baselineName(Role role) {
        return role.word() + "-baseline";
    }

    /** The baseline of {@code role} among {@code scenarios}, if they have one. */
    public static Optional<Scenario> baseline(List<Scenario> scenarios, Role role) {
        return scenarios.stream().filter(s -> s.role() == role && s.name().equals(baselineName(role))).findFirst();
    }
}
