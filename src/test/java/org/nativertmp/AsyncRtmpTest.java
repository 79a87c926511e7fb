package org.nativertmp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nativertmp.flv.FlvReader;
import org.nativertmp.flv.FlvTag;
import org.nativertmp.support.FlvAssertions;
import org.nativertmp.support.SharedNginx;
import org.nativertmp.support.TestFlv;

/** The non-blocking calls: a publish and a play made of chained stages, and their rules. */
class AsyncRtmpTest {
    @RegisterExtension
    static final SharedNginx nginx = new SharedNginx();

    @Test
    void aPublishAndAPlayOfChainedStagesRoundTripTheTagsThroughNginx() throws Exception {
        List<FlvTag> input = TestFlv.tags(1203L, 80, 3000);
        NativeRtmp publisher = new NativeRtmp();
        publisher.setupUrl(nginx.url("rec/async"));
        publisher.enableWrite();
        AsyncRtmp out = publisher.async();
        CompletionStage<Void> chain = out.connect().thenCompose(ok -> out.connectStream(0));
        for (FlvTag tag : input) {
            byte[] b = tag.encode();
            chain = chain.thenCompose(ok -> out.write(b, 0, b.length));
        }
        boolean closedByServer = chain.thenCompose(ok -> out.closeGracefully(Duration.ofSeconds(5)))
                .toCompletableFuture().get(60, TimeUnit.SECONDS);
        assertTrue(closedByServer, "nginx closed its side after the graceful close");
        List<FlvTag> recorded = nginx.awaitRecording("async", input.size() - 1);
        FlvAssertions.assertSameMedia(input, recorded, "nginx's recording of the chained publish");

        Files.copy(nginx.recordDir().resolve("async.flv"), nginx.vodDir().resolve("async.flv"));
        try (NativeRtmp player = new NativeRtmp()) {
            player.setupUrl(nginx.url("vod/async.flv"));
            AsyncRtmp in = player.async();
            ByteArrayOutputStream played = new ByteArrayOutputStream();
            in.connect().thenCompose(ok -> in.connectStream(0))
                    .thenCompose(ok -> readToTheEnd(in, new byte[64 * 1024], played))
                    .toCompletableFuture().get(60, TimeUnit.SECONDS);
            FlvAssertions.assertSameMedia(input, FlvReader.readAll(played.toByteArray()), "the chained play");
        }
    }

    private static CompletionStage<Void> readToTheEnd(AsyncRtmp in, byte[] buf, ByteArrayOutputStream into) {
        return in.read(buf, 0, buf.length).thenCompose(n -> {
            if (n < 0) {
                return CompletableFuture.completedFuture(null);
            }
            into.write(buf, 0, n);
            return readToTheEnd(in, buf, into);
        });
    }

    @Test
    void aSecondCallBeforeTheFirstCompletedFailsAtOnceAndCloseEndsTheFirst() throws Exception {
        NativeRtmp player = new NativeRtmp();
        player.setupUrl(nginx.url("live/async-nobody"), RtmpOptions.builder().live(true).build());
        AsyncRtmp in = player.async();
        in.connect().thenCompose(ok -> in.connectStream(0)).toCompletableFuture().get(30, TimeUnit.SECONDS);
        byte[] buf = new byte[4096];
        CompletableFuture<Integer> waiting = in.read(buf, 0, buf.length).toCompletableFuture();
        assertSame(in, player.async(), "one asynchronous view per connection: the rule holds for all callers");
        CompletableFuture<Integer> second = player.async().read(buf, 0, buf.length).toCompletableFuture();
        ExecutionException refused = assertThrows(ExecutionException.class, () -> second.get(5, TimeUnit.SECONDS));
        assertInstanceOf(IllegalStateException.class, refused.getCause());
        assertTrue(refused.getCause().getMessage().contains("one call at a time"), refused.getCause().getMessage());
        Thread.sleep(1000); // librtmp's read waits for the first tag of a stream nobody publishes
        assertFalse(waiting.isDone(), "a read of a stream nobody publishes is still waiting");
        in.close();
        ExecutionException closed = assertThrows(ExecutionException.class, waiting::get);
        assertInstanceOf(RtmpException.class, closed.getCause());
        ExecutionException after = assertThrows(ExecutionException.class,
                () -> in.read(buf, 0, buf.length).toCompletableFuture().get(5, TimeUnit.SECONDS));
        assertInstanceOf(IllegalStateException.class, after.getCause());
        assertEquals(true, player.toString().contains("async-nobody"));
    }
}
