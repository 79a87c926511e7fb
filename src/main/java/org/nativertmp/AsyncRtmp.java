package org.nativertmp;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.nativertmp.internal.NativeWaits;

/**
 * A {@link NativeRtmp}'s calls that wait for the server, as {@link CompletionStage}s, for code
 * that must never block a thread (Netty, Vert.x, reactive streams): {@link NativeRtmp#async()}.
 * Each method returns at once; its stage completes when the call has, with what the blocking
 * call would return, or exceptionally with what it would throw ({@link RtmpException},
 * {@link IllegalStateException}, {@link IllegalArgumentException}).
 *
 * <p><b>One call at a time.</b> A call made while the stage of the one before has not completed
 * fails at once with an {@link IllegalStateException}: chain the next call on the stage of the
 * last ({@code thenCompose}). That is the back-pressure: a publisher that writes faster than the
 * server takes the bytes waits for each {@link #write} stage, which completes when librtmp has
 * handed the bytes to the connection; nothing queues up behind it.
 *
 * <pre>{@code
 * AsyncRtmp rtmp = connection.async();
 * rtmp.connect()
 *     .thenCompose(ok -> rtmp.connectStream(0))
 *     .thenCompose(ok -> rtmp.write(flvTags, 0, flvTags.length))
 *     .thenCompose(ok -> rtmp.closeGracefully(Duration.ofSeconds(5)));
 * }</pre>
 *
 * <p>Where calls run: on Java 21 and later each runs on a virtual thread, which waits on the
 * library's engine (docs/using.md, Virtual threads) and holds no platform thread while the
 * server is silent; on Java 17 on a platform thread of the library's ({@code nativertmp-wait-N}),
 * one per call running. Stages complete on that thread: a dependent stage that blocks holds
 * it, so use the {@code *Async} forms of {@link CompletionStage} for slow work. Set up the
 * connection ({@link NativeRtmp#setupUrl}, {@link NativeRtmp#enableWrite}, the debug hook) on the
 * {@code NativeRtmp} before the first call here; {@link #close()} or the connection's own
 * {@code close()} may come at any time, from any thread, and a running call's stage then fails
 * with {@link RtmpException}. The arrays passed to {@link #write} and {@link #read}, and the values
 * passed to {@link #sendMetadata} and {@link #sendDataMessage}, belong to the call until its stage
 * completes.
 */
public final class AsyncRtmp {
    private final NativeRtmp rtmp;
    private final AtomicBoolean running = new AtomicBoolean();

    AsyncRtmp(NativeRtmp rtmp) {
        this.rtmp = rtmp;
    }

    /** {@link NativeRtmp#connect()}. */
    public CompletionStage<Void> connect() {
        return run("connect()", () -> {
            rtmp.connect();
            return null;
        });
    }

    /** {@link NativeRtmp#connectStream(int)}. */
    public CompletionStage<Void> connectStream(int seekMillis) {
        return run("connectStream()", () -> {
            rtmp.connectStream(seekMillis);
            return null;
        });
    }

    /** {@link NativeRtmp#write(byte[], int, int)}: completes when librtmp has taken the tags. */
    public CompletionStage<Void> write(byte[] flv, int off, int len) {
        return run("write()", () -> {
            rtmp.write(flv, off, len);
            return null;
        });
    }

    /** {@link NativeRtmp#sendMetadata(Map)}: completes when librtmp has taken the message. */
    public CompletionStage<Void> sendMetadata(Map<String, ?> metadata) {
        return run("sendMetadata()", () -> {
            rtmp.sendMetadata(metadata);
            return null;
        });
    }

    /** {@link NativeRtmp#sendDataMessage(String, Object...)}: completes when librtmp has taken the message. */
    public CompletionStage<Void> sendDataMessage(String handler, Object... values) {
        return run("sendDataMessage()", () -> {
            rtmp.sendDataMessage(handler, values);
            return null;
        });
    }

    /** {@link NativeRtmp#read(byte[], int, int)}: the bytes read, or -1 at the end of the stream. */
    public CompletionStage<Integer> read(byte[] buf, int off, int len) {
        return run("read()", () -> rtmp.read(buf, off, len));
    }

    /** {@link NativeRtmp#closeGracefully(Duration)}. */
    public CompletionStage<Boolean> closeGracefully(Duration linger) {
        return run("closeGracefully()", () -> rtmp.closeGracefully(linger));
    }

    /** {@link NativeRtmp#close()}: never waits; a running call's stage fails. */
    public void close() {
        rtmp.close();
    }

    /** The connection these calls are made on. */
    public NativeRtmp connection() {
        return rtmp;
    }

    @Override
    public String toString() {
        return "async " + rtmp;
    }

    private <T> CompletionStage<T> run(String what, Callable<T> call) {
        CompletableFuture<T> stage = new CompletableFuture<>();
        if (!running.compareAndSet(false, true)) {
            stage.completeExceptionally(new IllegalStateException(what + " on " + rtmp + " while its last call"
                    + " has not completed: one call at a time (chain the next on the last call's stage)"));
            return stage;
        }
        Runnable task = () -> {
            T result = null;
            Throwable failure = null;
            try {
                result = call.call();
            } catch (Throwable t) {
                failure = t;
            }
            running.set(false); // first: a stage that depends on this one may make the next call
            if (failure != null) {
                stage.completeExceptionally(failure);
            } else {
                stage.complete(result);
            }
        };
        try {
            NativeWaits.runAsync(task);
        } catch (RejectedExecutionException | OutOfMemoryError noThread) {
            running.set(false);
            stage.completeExceptionally(new RtmpException(what + " on " + rtmp + " could not start: no thread to run"
                    + " it on (" + noThread + ")"));
        }
        return stage;
    }
}
