package org.nativertmp;

import java.util.List;

/** Lets tests in other packages use the golden CCQ lines. */
public final class ConnectTraceTestAccess {
    private ConnectTraceTestAccess() {
    }

    public static List<String> expectedCcqLines(String hostAndRest, String host, int port, String saData,
            int protocol) {
        return ConnectTraceTest.expectedCcqLines(hostAndRest, host, port, saData, protocol);
    }

    public static String saDataOfLoopback(int port) {
        return ConnectTraceTest.saDataOfLoopback(port);
    }
}
