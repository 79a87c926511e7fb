package org.nativertmp.testkit.scorecard;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.nativertmp.flv.FlvTag;
import org.nativertmp.testkit.ScriptedRtmpServer;
import org.nativertmp.testkit.ScriptedSession;

/**
 * Runs one client through one scenario: a scripted server of its own, the client's call on a
 * thread of its own, bounded in time, and what came of it.
 */
final class ClientRunner {
    /** What the server may take after the client's call returned: its script's wait, then its linger. */
    private static final Duration SESSION_END = Duration.ofSeconds(10);
    /** How long a stopped client (interrupted, its connection closed) has to return. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(5);
    static final Duration AWAIT_TIMEOUT = Duration.ofSeconds(3);
    static final Duration LINGER_IDLE = Duration.ofSeconds(1);

    private ClientRunner() {
    }

    /** A server for one scenario's runs: every client connects to the same URL, one after the other. */
    static ScriptedRtmpServer server(Scenario scenario) throws IOException {
        return ScriptedRtmpServer.builder().awaitTimeout(AWAIT_TIMEOUT).lingerIdle(LINGER_IDLE).start(scenario.script());
    }

    /** Runs {@code client} against {@code server}, which no other client is using now. */
    static Observation observe(ScriptedRtmpServer server, ScorecardClient client, Scenario scenario, Path flv,
            Duration limit) throws InterruptedException {
        List<FlvTag> delivered = Collections.synchronizedList(new ArrayList<>());
        Outcome[] outcome = new Outcome[1];
        int before = server.acceptedConnections();
        String url = server.url("live", "scorecard");
        long start = System.nanoTime();
        Thread run = new Thread(() -> outcome[0] = call(client, scenario, flv, url, delivered),
                "scorecard-" + client.name() + "-" + scenario.name());
        run.setDaemon(true);
        run.start();
        run.join(limit.toMillis());
        Outcome result;
        if (run.isAlive()) {
            run.interrupt();
            server.disconnectAll();
            run.join(STOP_GRACE.toMillis());
            result = new Outcome(Outcome.Kind.HUNG, "did not finish within " + limit.toSeconds() + " s"
                    + (run.isAlive() ? ", and did not stop when interrupted and disconnected" : ""));
        } else {
            result = outcome[0];
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        ScriptedSession session = server.acceptedConnections() > before ? session(server) : null;
        List<FlvTag> tags;
        synchronized (delivered) {
            tags = List.copyOf(delivered);
        }
        return new Observation(client.name(), result, session, tags, elapsed);
    }

    private static Outcome call(ScorecardClient client, Scenario scenario, Path flv, String url, List<FlvTag> delivered) {
        try {
            if (scenario.role() == Role.PUBLISH) {
                client.publish(flv, url);
            } else {
                client.play(url, delivered::add);
            }
            return Outcome.completed();
        } catch (ClientCrashedException e) {
            return new Outcome(Outcome.Kind.CRASHED, e.getMessage());
        } catch (InterruptedException e) {
            return new Outcome(Outcome.Kind.HUNG, "interrupted");
        } catch (Exception e) {
            return new Outcome(Outcome.Kind.ERROR, message(e));
        } catch (Error e) {
            // A client that takes the JVM's errors (a StackOverflowError, say) has crashed.
            return new Outcome(Outcome.Kind.CRASHED, e.toString());
        }
    }

    private static String message(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    /** The client's connection, once the server has finished it (disconnected when it does not finish in time). */
    private static ScriptedSession session(ScriptedRtmpServer server) throws InterruptedException {
        try {
            return server.awaitSession(SESSION_END);
        } catch (IllegalStateException e) {
            server.disconnectAll();
            return server.awaitSession(STOP_GRACE);
        }
    }
}
