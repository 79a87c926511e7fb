package org.nativertmp.testkit.junit;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.nativertmp.testkit.RtmpRecorderServer;

/**
 * Hands a started {@link RtmpRecorderServer} (default limits, an ephemeral port on 127.0.0.1) to
 * every test method parameter of that type, and closes it when the test method has finished,
 * whatever its outcome.
 *
 * <pre>{@code
 * @ExtendWith(RtmpRecorderExtension.class)
 * class MyClientTest {
 *     @Test
 *     void publishesLikeLibrtmp(RtmpRecorderServer server) throws Exception { ... }
 * }
 * }</pre>
 *
 * Parameters of one method share one server.
 */
public final class RtmpRecorderExtension implements ParameterResolver, AfterEachCallback {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RtmpRecorderExtension.class);
    private static final String KEY = "server";

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == RtmpRecorderServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getStore(NAMESPACE).getOrComputeIfAbsent(KEY, key -> start(), RtmpRecorderServer.class);
    }

    private static RtmpRecorderServer start() {
        try {
            return RtmpRecorderServer.start();
        } catch (IOException e) {
            throw new ParameterResolutionException("the RTMP recorder did not start: " + e.getMessage(),
                    new UncheckedIOException(e));
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        RtmpRecorderServer server = context.getStore(NAMESPACE).remove(KEY, RtmpRecorderServer.class);
        if (server != null) {
            server.close();
        }
    }
}
