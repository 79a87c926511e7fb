package org.nativertmp.bench;

import java.lang.reflect.Field;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.session.IoSession;
import org.nativertmp.flv.FlvFormat;
import org.nativertmp.flv.FlvTag;
import org.red5.client.net.rtmp.BaseRTMPClientHandler;
import org.red5.client.net.rtmp.RTMPClient;
import org.red5.server.messaging.OOBControlMessage;
import org.red5.server.net.rtmp.RTMPMinaConnection;
import org.red5.server.net.rtmp.event.AudioData;
import org.red5.server.net.rtmp.event.IRTMPEvent;
import org.red5.server.net.rtmp.event.Notify;
import org.red5.server.net.rtmp.event.VideoData;
import org.red5.server.stream.consumer.ConnectionConsumer;
import org.red5.server.stream.message.RTMPMessage;

/**
 * Red5's pure-Java RTMP client (Apache MINA) as a third publisher: connect, createStream,
 * publish, the chunk size, then every tag as a message. Timed like the others, from the first
 * message handed over until the last byte left its write queue for the socket: Red5 queues
 * writes and its disconnect() drops what is still queued, so the queue is waited for.
 */
final class Red5Publisher {
    private static final long STEP_TIMEOUT_SECONDS = 30;
    private static final long DRAIN_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(60);

    private Red5Publisher() {
    }

    /** Nanoseconds from the first message to an empty write queue. */
    static long publish(int port, String app, String stream, List<FlvTag> tags, int chunkSize) throws Exception {
        RTMPClient client = new RTMPClient();
        try {
            CompletableFuture<Object> connected = new CompletableFuture<>();
            client.connect("127.0.0.1", port, app, call -> connected.complete(call.getResult()));
            await(connected, "connect");
            CompletableFuture<Number> created = new CompletableFuture<>();
            client.createStream(call -> created.complete((Number) call.getResult()));
            Number streamId = await(created, "createStream");
            CompletableFuture<Void> publishing = new CompletableFuture<>();
            client.publish(streamId, stream, "live", notify -> {
                String text = String.valueOf(notify.getCall() != null ? List.of(notify.getCall().getArguments()) : notify);
                if (text.contains("NetStream.Publish.Start")) {
                    publishing.complete(null);
                }
            });
            await(publishing, "NetStream.Publish.Start");
            if (chunkSize > 0) {
                setChunkSize(client, streamId, chunkSize);
            }
            RTMPMinaConnection conn = (RTMPMinaConnection) client.getConnection();
            IoSession session = conn.getIoSession();
            // Messages of the connect stay counted as pending for good: only the media's are waited for.
            long pendingBefore = conn.getPendingMessages();
            // Every payload byte, and at least one chunk header byte per message, must have left.
            long mustWrite = session.getWrittenBytes() + tags.size();
            for (FlvTag t : tags) {
                mustWrite += t.payloadSize();
            }
            long started = System.nanoTime();
            for (FlvTag t : tags) {
                client.publishStreamData(streamId, RTMPMessage.build(event(t), (int) t.timestamp()));
            }
            awaitDrained(conn, pendingBefore, session, mustWrite, started);
            long elapsed = System.nanoTime() - started;
            // Red5's disconnect() closes at once: with nginx's own messages unread, the kernel
            // resets the connection and nginx loses what it had not read yet. nginx answers a
            // createStream only after reading everything sent before it (it does not answer
            // Red5's unpublish): one more round trip, outside the timed interval.
            client.unpublish(streamId);
            CompletableFuture<Object> roundTrip = new CompletableFuture<>();
            client.createStream(call -> roundTrip.complete(call.getResult()));
            await(roundTrip, "answer to a createStream after the media");
            return elapsed;
        } finally {
            client.disconnect();
        }
    }

    /**
     * Red5 sends Set Chunk Size for a published stream when its ConnectionConsumer gets the
     * out-of-band control message "chunkSize"; the client keeps that consumer in its private
     * per-stream data, reached here by reflection.
     */
    private static void setChunkSize(RTMPClient client, Number streamId, int chunkSize) throws ReflectiveOperationException {
        Field list = BaseRTMPClientHandler.class.getDeclaredField("streamDataList");
        list.setAccessible(true);
        for (Object data : (Set<?>) list.get(client)) {
            Field id = data.getClass().getDeclaredField("streamId");
            id.setAccessible(true);
            if (id.getInt(data) == streamId.intValue()) {
                Field consumer = data.getClass().getDeclaredField("connConsumer");
                consumer.setAccessible(true);
                OOBControlMessage message = new OOBControlMessage();
                message.setTarget("ConnectionConsumer");
                message.setServiceName("chunkSize");
                message.setServiceParamMap(Map.of("chunkSize", chunkSize));
                ((ConnectionConsumer) consumer.get(data)).onOOBControlMessage(null, null, message);
                return;
            }
        }
        throw new IllegalStateException("Red5's client has no data for stream " + streamId);
    }

    /**
     * Red5's own queue of messages not yet encoded and MINA's queue of encoded bytes both empty,
     * and at least {@code mustWrite} bytes written to the socket in all (the queues alone can look
     * empty between a message leaving one and reaching the other).
     */
    private static void awaitDrained(RTMPMinaConnection conn, long pendingBefore, IoSession session, long mustWrite,
            long started) throws TimeoutException {
        while (conn.getPendingMessages() > pendingBefore || session.getScheduledWriteBytes() > 0
                || session.getWrittenBytes() < mustWrite) {
            if (System.nanoTime() - started > DRAIN_TIMEOUT_NANOS) {
                throw new TimeoutException("Red5's write queue did not drain: " + conn.getPendingMessages()
                        + " messages, " + session.getScheduledWriteBytes() + " bytes, "
                        + session.getScheduledWriteMessages() + " scheduled writes, " + session.getWrittenBytes()
                        + " bytes written, " + session.getWrittenMessages() + " messages written");
            }
            LockSupport.parkNanos(50_000); // not a spin: the machine's cores are shared with MINA's thread
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
        } catch (TimeoutException e) {
            throw new IllegalStateException("Red5's client got no " + what + " within " + STEP_TIMEOUT_SECONDS + " s", e);
        }
    }
}
