package org.nativertmp.testkit.scorecard;

import java.nio.file.Path;
import java.util.function.Consumer;
import org.nativertmp.flv.FlvTag;

/**
 * The RTMP client under test, as the scorecard drives it: publish an FLV file to a URL, or play a
 * URL into FLV tags. Each call is one connection and returns when the client is done; throwing
 * means the client reported an error (a {@link ClientCrashedException}: it died). The scorecard
 * stops a call that takes longer than its time limit by interrupting the calling thread and closing
 * the server's side of the connection, so an implementation should return when either happens.
 *
 * <pre>{@code
 * ScorecardClient mine = new ScorecardClient() {
 *     public String name() { return "my-client"; }
 *     public void publish(Path flv, String url) throws Exception { MyClient.publish(flv, url); }
 *     public void play(String url, Consumer<FlvTag> delivered) throws Exception { MyClient.play(url, delivered); }
 * };
 * }</pre>
 */
public interface ScorecardClient {
    /** How reports name the client: "librtmp", "ffmpeg". */
    String name();

    /** Publishes the FLV file to {@code url} (rtmp://127.0.0.1:PORT/live/NAME) and closes. */
    void publish(Path flv, String url) throws Exception;

    /** Plays {@code url}, handing every FLV tag to {@code delivered} as it comes, until the stream ends. */
    void play(String url, Consumer<FlvTag> delivered) throws Exception;

    /** Whether the client takes this role at all; scenarios of other roles are not run. Default: both. */
    default boolean supports(Role role) {
        return true;
    }
}
