package org.nativertmp.testkit;

import java.io.IOException;

/** A {@link ServerScript} stopped before its end: what it waited for did not come, or the client left. */
public final class ScriptStoppedException extends IOException {
    private static final long serialVersionUID = 1L;

    public ScriptStoppedException(String message) {
        super(message);
    }
}
