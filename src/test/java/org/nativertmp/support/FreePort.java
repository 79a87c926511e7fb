package org.nativertmp.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * A TCP port on 127.0.0.1 that nothing listened on when it was picked. It is released before
 * it is returned, so another process may take it before whoever it is handed to binds it: use
 * it only where that bind failing is detected and retried with another port
 * ({@link NginxRtmpServer#start}). For a port that must refuse connections, see
 * {@link RefusingPort}; a server in this JVM binds port 0 itself.
 */
public final class FreePort {
    private FreePort() {
    }

    public static int pick() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
