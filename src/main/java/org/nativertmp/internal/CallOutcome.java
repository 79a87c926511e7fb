package org.nativertmp.internal;

/**
 * What an exception for a failed native call quotes: the URL, librtmp's first error line of the
 * call (null when it logged none), the timeouts in force, and the status an error answer carried.
 */
record CallOutcome(String url, String librtmpError, boolean everConnected, int connectTimeoutMillis,
        int sendTimeoutMillis, String statusCode, String statusDescription) {
}
