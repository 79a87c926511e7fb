package org.nativertmp.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.nativertmp.flv.FlvReader;
import org.nativertmp.flv.FlvTag;

/**
 * One nginx-rtmp for all tests of a class:
 * {@code @RegisterExtension static final SharedNginx nginx = new SharedNginx();}
 * It starts before the first test (failing on CI, skipping elsewhere, when nginx is missing) and
 * is stopped by its PID after the last; its folder is removed.
 */
public final class SharedNginx implements BeforeAllCallback, AfterAllCallback {
    private Path dir;
    private NginxRtmpServer server;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        dir = Files.createTempDirectory("nginx-rtmp-");
        server = NginxRtmpServer.start(dir);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (server != null) {
            server.close();
        }
        if (dir != null) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                    Files.deleteIfExists(p);
                }
            } catch (IOException leftBehind) {
                // a temp folder left behind is no test failure
            }
        }
    }

    public NginxRtmpServer server() {
        if (server == null) {
            throw new IllegalStateException("nginx is not running (used outside the test class?)");
        }
        return server;
    }

    public String url(String appAndStream) {
        return server().url(appAndStream);
    }

    public int port() {
        return server().port();
    }

    public Path recordDir() {
        return server().recordDir();
    }

    public Path vodDir() {
        return server().vodDir();
    }

    public String errorLog() {
        return server().errorLog();
    }

    /**
     * The tags nginx recorded for {@code stream} in the {@code rec} application, once the file
     * holds at least {@code mediaTags} media tags (or after 15 s, whatever it holds then). nginx
     * finishes the file after the publisher has left, and through a TLS front that is later still:
     * a recording read at once may be short.
     */
    public List<FlvTag> awaitRecording(String stream, int mediaTags) throws InterruptedException {
        Path file = recordDir().resolve(stream + ".flv");
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        List<FlvTag> tags = List.of();
        while (System.nanoTime() < deadline) {
            if (Files.exists(file)) {
                try {
                    tags = FlvReader.readAll(file);
                    if (FlvAssertions.media(tags).size() >= mediaTags) {
                        return tags;
                    }
                } catch (IOException stillBeingWritten) {
                    // a tag is half written; read again
                }
            }
            Thread.sleep(100);
        }
        return tags;
    }
}
