package org.nativertmp.testkit;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.mina.core.buffer.IoBuffer;
import org.nativertmp.flv.FlvFormat;
import org.nativertmp.flv.FlvReader;
import org.nativertmp.flv.FlvTag;
import org.nativertmp.testkit.scorecard.ScorecardClient;
import org.red5.client.net.rtmp.RTMPClient;
import org.red5.server.api.event.IEvent;
import org.red5.server.net.rtmp.event.Aggregate;
import org.red5.server.net.rtmp.event.AudioData;
import org.red5.server.net.rtmp.event.IRTMPEvent;
import org.red5.server.net.rtmp.event.Invoke;
import org.red5.server.net.rtmp.event.Notify;
import org.red5.server.net.rtmp.event.VideoData;
import org.red5.server.stream.message.RTMPMessage;

/**
 * Red5's RTMP client (pure Java, Apache MINA) as an application drives it, step by step, each
 * step waiting for the server's answer: publish (connect, createStream, publish, every tag as a
 * message, Red5's unpublish, NetStream.Unpublish.Success) and play (connect, createStream, play,
 * every audio, video and data event as an FLV tag, until NetStream.Play.Stop, Complete or
 * UnpublishNotify). A status of level "error", a connection the server closed or a step that gets
 * no answer ends it with an exception. The client under test in the scorecard's Red5 row, and the
 * second client of the kit's proof test.
 */
final class Red5Client implements ScorecardClient {
    private static final long STEP_TIMEOUT_SECONDS = 5;
    /**
     * Red5 hands statuses and media to the application on threads of their own, so
     * NetStream.Play.Stop can come before the last media: the player waits until none has come for
     * this long before it disconnects.
     */
    private static final long DRAIN_QUIET_MILLIS = 300;
    private static final long DRAIN_LIMIT_MILLIS = 3000;
    /** How often a wait looks at the socket. */
    private static final long WATCH_MILLIS = 50;

    @Override
    public String name() {
        return "red5";
    }

    @Override
    public void publish(Path flv, String url) throws Exception {
        URI u = URI.create(url);
        publish(u.getPort(), app(u), stream(u), FlvReader.readAll(flv));
    }

    static void publish(int port, String app, String stream, List<FlvTag> tags) throws Exception {
        Session s = new Session();
        try {
            Number streamId = s.open(port, app);
            CompletableFuture<Void> publishing = new CompletableFuture<>();
            CompletableFuture<Void> unpublished = new CompletableFuture<>();
            s.client.publish(streamId, stream, "live", notify -> {
                String code = s.status(notify, publishing);
                if (code.equals("NetStream.Publish.Start")) {
                    publishing.complete(null);
                } else if (code.equals("NetStream.Unpublish.Success")) {
                    unpublished.complete(null);
                }
            });
            s.await(publishing, "NetStream.Publish.Start");
            for (FlvTag t : tags) {
                s.client.publishStreamData(streamId, RTMPMessage.build(event(t), (int) t.timestamp()));
            }
            // The server answers the unpublish after it has read every message before it.
            s.client.unpublish(streamId);
            s.await(unpublished, "NetStream.Unpublish.Success");
        } finally {
            s.client.disconnect();
        }
    }

    @Override
    public void play(String url, Consumer<FlvTag> delivered) throws Exception {
        URI u = URI.create(url);
        Session s = new Session();
        CompletableFuture<Void> ended = new CompletableFuture<>();
        AtomicLong lastEvent = new AtomicLong(System.nanoTime());
        s.client.setStreamEventDispatcher(event -> {
            lastEvent.set(System.nanoTime());
            deliver(event, delivered);
        });
        s.client.setStreamEventHandler(notify -> {
            String code = s.status(notify, ended);
            if (code.equals("NetStream.Play.Stop") || code.equals("NetStream.Play.Complete")
                    || code.equals("NetStream.Play.UnpublishNotify")) {
                ended.complete(null);
            }
        });
        try {
            Number streamId = s.open(u.getPort(), app(u));
            s.client.play(streamId, stream(u), 0, -1);
            s.await(ended, "the end of the stream");
            drain(lastEvent);
        } finally {
            s.client.disconnect();
        }
    }

    private static void drain(AtomicLong lastEvent) throws InterruptedException {
        long limit = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DRAIN_LIMIT_MILLIS);
        while (System.nanoTime() < limit
                && System.nanoTime() - lastEvent.get() < TimeUnit.MILLISECONDS.toNanos(DRAIN_QUIET_MILLIS)) {
            Thread.sleep(20);
        }
    }

    private static String app(URI u) {
        String path = u.getPath().substring(1);
        return path.substring(0, path.indexOf('/'));
    }

    private static String stream(URI u) {
        return u.getPath().substring(u.getPath().lastIndexOf('/') + 1);
    }

    private static IRTMPEvent event(FlvTag t) {
        IoBuffer data = IoBuffer.wrap(t.payload());
        switch (t.type()) {
            case FlvFormat.TAG_AUDIO: return new AudioData(data);
            case FlvFormat.TAG_VIDEO: return new VideoData(data);
            default: return new Notify(data);
        }
    }

    /** An audio, video or data event as the FLV tag it carries; an aggregate as its parts. */
    private static void deliver(IEvent event, Consumer<FlvTag> delivered) {
        if (event instanceof Aggregate a) {
            a.getParts().forEach(p -> deliver(p, delivered));
            return;
        }
        int type = event instanceof AudioData ? FlvFormat.TAG_AUDIO : event instanceof VideoData ? FlvFormat.TAG_VIDEO
                : event instanceof Notify && !(event instanceof Invoke) ? FlvFormat.TAG_SCRIPT : -1;
        if (type < 0) {
            return;
        }
        IRTMPEvent e = (IRTMPEvent) event;
        IoBuffer data = type == FlvFormat.TAG_AUDIO ? ((AudioData) e).getData()
                : type == FlvFormat.TAG_VIDEO ? ((VideoData) e).getData() : ((Notify) e).getData();
        byte[] payload = new byte[0];
        if (data != null) {
            IoBuffer d = data.duplicate();
            d.rewind();
            payload = new byte[d.remaining()];
            d.get(payload);
        }
        delivered.accept(new FlvTag(type, e.getTimestamp() & 0xFFFF_FFFFL, payload));
    }

    /** One client connection, with what ends every wait early: the server closing it, or an error. */
    private static final class Session {
        final WatchedClient client = new WatchedClient();
        final CompletableFuture<Void> gone = new CompletableFuture<>();

        Session() {
            client.setConnectionClosedHandler(() -> gone.completeExceptionally(new IOException("the server closed the connection")));
            client.setExceptionHandler(t -> gone.completeExceptionally(t));
        }

        /** connect and createStream, each answered; the stream's id. */
        Number open(int port, String app) throws Exception {
            CompletableFuture<Object> connected = new CompletableFuture<>();
            client.connect("127.0.0.1", port, app, call -> connected.complete(call.getResult()));
            Object result = await(connected, "connect's result");
            String code = result instanceof Map<?, ?> m ? String.valueOf(m.get("code")) : String.valueOf(result);
            if (!code.equals("NetConnection.Connect.Success")) {
                throw new IOException("connect failed: " + code);
            }
            CompletableFuture<Object> created = new CompletableFuture<>();
            client.createStream(call -> created.complete(call.getResult()));
            Object id = await(created, "createStream's result");
            if (!(id instanceof Number n)) {
                throw new IOException("createStream failed: " + id);
            }
            return n;
        }

        /** The status's code; a status of level error fails {@code step}. */
        String status(Notify notify, CompletableFuture<?> step) {
            Object[] args = notify.getCall() != null ? notify.getCall().getArguments() : new Object[0];
            for (Object a : args) {
                if (a instanceof Map<?, ?> m && m.get("code") != null) {
                    String code = String.valueOf(m.get("code"));
                    if ("error".equals(m.get("level"))) {
                        step.completeExceptionally(new IOException("the server answered " + code));
                    }
                    return code;
                }
            }
            return "";
        }

        /**
         * The step's result, once it comes; an exception when the server answered with an error,
         * closed the connection (Red5 does not always say so: the socket is watched too), or
         * nothing came in time.
         */
        <T> T await(CompletableFuture<T> step, String what) throws Exception {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(STEP_TIMEOUT_SECONDS);
            CompletableFuture<Object> either = CompletableFuture.anyOf(step, gone);
            while (true) {
                try {
                    either.get(WATCH_MILLIS, TimeUnit.MILLISECONDS);
                    return step.getNow(null);
                } catch (ExecutionException e) {
                    throw new IOException("while waiting for " + what + ": " + e.getCause().getMessage(), e.getCause());
                } catch (TimeoutException e) {
                    if (client.disconnected()) {
                        throw new IOException("the server closed the connection before " + what);
                    }
                    if (System.nanoTime() > deadline) {
                        throw new IOException("Red5's client got no " + what + " within " + STEP_TIMEOUT_SECONDS + " s", e);
                    }
                }
            }
        }
    }

    /** Red5's client, with a look at whether its socket is still open. */
    private static final class WatchedClient extends RTMPClient {
        boolean disconnected() {
            return session != null && !session.isConnected();
        }
    }
}
