package org.nativertmp.testkit;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.mina.core.buffer.IoBuffer;
import org.nativertmp.flv.FlvFormat;
import org.nativertmp.flv.FlvTag;
import org.red5.client.net.rtmp.RTMPClient;
import org.red5.server.api.service.IPendingServiceCallback;
import org.red5.server.net.rtmp.event.AudioData;
import org.red5.server.net.rtmp.event.IRTMPEvent;
import org.red5.server.net.rtmp.event.Notify;
import org.red5.server.net.rtmp.event.VideoData;
import org.red5.server.stream.message.RTMPMessage;

/**
 * Publishes FLV tags with Red5's RTMP client (pure Java, Apache MINA): connect, createStream,
 * publish, every tag as a message, then Red5's unpublish, waiting for each answer in turn.
 */
final class Red5Publisher {
    private static final long STEP_TIMEOUT_SECONDS = 30;

    private Red5Publisher() {
    }

    static void publish(int port, String app, String stream, List<FlvTag> tags) throws Exception {
        RTMPClient client = new RTMPClient();
        try {
            CompletableFuture<Object> connected = new CompletableFuture<>();
            client.connect("127.0.0.1", port, app, call -> connected.complete(call.getResult()));
            await(connected, "connect");
            CompletableFuture<Number> created = new CompletableFuture<>();
            IPendingServiceCallback onCreate = call -> created.complete((Number) call.getResult());
            client.createStream(onCreate);
            Number streamId = await(created, "createStream");
            CompletableFuture<Void> publishing = new CompletableFuture<>();
            CompletableFuture<Void> unpublished = new CompletableFuture<>();
            client.publish(streamId, stream, "live", notify -> {
                String text = String.valueOf(notify.getCall() != null ? List.of(notify.getCall().getArguments()) : notify);
                if (text.contains("NetStream.Publish.Start")) {
                    publishing.complete(null);
                } else if (text.contains("NetStream.Unpublish.Success")) {
                    unpublished.complete(null);
                }
            });
            await(publishing, "NetStream.Publish.Start");
            for (FlvTag t : tags) {
                client.publishStreamData(streamId, RTMPMessage.build(event(t), (int) t.timestamp()));
            }
            // The recorder answers the unpublish after it has read every message before it.
            client.unpublish(streamId);
            await(unpublished, "NetStream.Unpublish.Success");
        } finally {
            client.disconnect();
        }
    }

    private static IRTMPEvent event(FlvTag t) {
        IoBuffer data = IoBuffer.wrap(t.payload());
        switch (t.type()) {
            case FlvFormat.TAG_AUDIO: return new AudioData(data);
            case FlvFormat.TAG_VIDEO: return new VideoData(data);
            default: return new Notify(data);
        }
    }

    private static <T> T await(CompletableFuture<T> f, String what) throws Exception {
        try {
            return f.get(STEP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("Red5's client got no " + what + " within " + STEP_TIMEOUT_SECONDS + " s", e);
        }
    }
}
