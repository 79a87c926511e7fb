package org.nativertmp;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** A {@link DebugHook} that keeps every event; safe to read from another thread. */
public final class CollectingDebugHook implements DebugHook {
    private final List<TraceEvent> events = new ArrayList<>();

    @Override
    public synchronized void onEvent(TraceEvent event) {
        events.add(event);
    }

    /** Every event so far, in order. */
    public synchronized List<TraceEvent> events() {
        return List.copyOf(events);
    }

    /** Every event's {@link TraceEvent#ccqLine()}, in order. */
    public synchronized List<String> ccqLines() {
        return events.stream().map(TraceEvent::ccqLine).collect(Collectors.toList());
    }

    public synchronized void clear() {
        events.clear();
    }
}
