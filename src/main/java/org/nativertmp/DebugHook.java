package org.nativertmp;

import java.io.PrintStream;
import java.util.Objects;

/**
 * Receives every step of a connect ({@link NativeRtmp#setDebugHook}): what was resolved, each
 * {@code struct addrinfo} field, the link fields and protocol checks librtmp reads, then
 * librtmp's own log lines (the handshake and beyond) for as long as the hook is set.
 *
 * <p>Runs inside the call, on the calling thread. For a caller on a virtual thread, the traced
 * connect runs on a platform thread of the library's while the caller waits, and the hook runs
 * there; librtmp's log lines of the virtual thread's other calls (made on the library's engine)
 * reach the hook on the virtual thread itself, in order, as each call returns. Keep it quick. A
 * hook that throws does not break the call; its first failure is logged, later ones are
 * ignored.
 */
@FunctionalInterface
public interface DebugHook {
    void onEvent(TraceEvent event);

    /** Prints each event's {@link TraceEvent#ccqLine()} to {@code out}, one per line. */
    static DebugHook printingTo(PrintStream out) {
        Objects.requireNonNull(out, "out");
        return event -> out.println(event.ccqLine());
    }

    /** Keeps every event, for tests and comparisons. */
    static CollectingDebugHook collecting() {
        return new CollectingDebugHook();
    }
}
