package org.nativertmp.internal;

/**
 * What an exception for a failed native call quotes: the URL, librtmp's first error line of the
 * call (null when it logged none), the deadlines in force, the status an error answer carried,
 * and what the call was doing and the server sent meanwhile ({@link CallReport}).
 */
record CallOutcome(String url, String librtmpError, boolean everConnected, Deadlines deadlines, String statusCode,
        String statusDescription, CallReport report, boolean publishing) {
}
