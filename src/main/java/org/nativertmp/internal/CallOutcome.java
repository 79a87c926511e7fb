package org.nativertmp.internal;

/**
 * What an exception for a failed native call quotes: the URL, the application librtmp parsed from it, librtmp's first error line of the
 * call (null when it logged none), the deadlines in force, the status an error answer carried,
 * and what the call was doing and the server sent meanwhile ({@link CallReport}), and whether the
 * server had closed its side of the connection.
 */
record CallOutcome(String url, String app, String librtmpError, boolean everConnected, Deadlines deadlines, String statusCode,
        String statusDescription, CallReport report, boolean publishing,
        boolean peerClosed) {
}
