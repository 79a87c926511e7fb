package org.nativertmp;

import org.nativertmp.internal.TraceListener;

/**
 * Hands what a connection's calls report to the user's {@link DebugHook} as {@link TraceEvent}s.
 * A hook that throws is reported once (System.Logger {@code org.nativertmp}) and never breaks the
 * call.
 */
final class HookDelivery implements TraceListener {
    private static final System.Logger LOGGER = System.getLogger("org.nativertmp");
    /** The shim's enum nrtmp_trace_kind by value: TraceEvent.Kind lists the same kinds first, in order. */
    private static final TraceEvent.Kind[] KINDS = TraceEvent.Kind.values();

    private final DebugHook hook;
    private final Object owner;
    private boolean failureReported;

    HookDelivery(DebugHook hook, Object owner) {
        this.hook = hook;
        this.owner = owner;
    }

    @Override
    public void onStep(int kind, String key, String value, String address, byte[] bytes) {
        String shown = value != null ? value : TraceEvent.cString(bytes == null ? new byte[0] : bytes);
        deliver(TraceEvent.step(KINDS[kind], key, shown, address));
    }

    @Override
    public void onLogLine(int level, String text) {
        deliver(TraceEvent.logLine(level, text));
    }

    private void deliver(TraceEvent event) {
        try {
            hook.onEvent(event);
        } catch (Throwable t) {
            if (!failureReported) {
                failureReported = true;
                LOGGER.log(System.Logger.Level.WARNING, "debug hook " + hook + " of " + owner
                        + " threw; the call goes on, and further failures of this hook are not reported", t);
            }
        }
    }
}
