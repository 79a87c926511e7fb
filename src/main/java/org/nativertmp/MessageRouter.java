package org.nativertmp;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.nativertmp.amf0.Amf0;
import org.nativertmp.amf0.MalformedAmf0Exception;
import org.nativertmp.internal.NativeWaits;
import org.nativertmp.internal.PeerMessages;

/**
 * Where the messages librtmp handled on one connection go: answers to {@link NativeRtmp#call}
 * complete their stage, everything else is decoded for the {@link RtmpEventListener}, delivered in
 * order on a library thread (one task at a time per connection), never on the reading thread.
 */
final class MessageRouter implements PeerMessages.Sink {
    private static final System.Logger LOGGER = System.getLogger("org.nativertmp");
    /** How long one nrtmp_process holds the call lock while call() waits: writers of other threads get their turn. */
    private static final long PROCESS_SLICE_MILLIS = 200;
    private static final Executor LIBRARY_THREADS = NativeWaits::runAsync;
    /** Indexes into PeerMessages.statistics() (the shim's enum nrtmp_stat). */
    private static final int PING_RTT_US = 10;
    private static final int PINGS_ANSWERED = 13;

    private final PeerMessages messages;
    private final Object owner;
    private final Map<Double, CompletableFuture<CallResult>> pending = new ConcurrentHashMap<>();
    private volatile RtmpEventListener listener;
    // Guarded by queue:
    private final ArrayDeque<Runnable> queue = new ArrayDeque<>();
    private boolean delivering;
    private boolean failureReported;

    MessageRouter(PeerMessages messages, Object owner) {
        this.messages = messages;
        this.owner = owner;
    }

    void setListener(RtmpEventListener listener) {
        this.listener = listener;
    }

    // ---- remote calls

    /** Sends method(null, args...) and returns the stage its answer completes. */
    CompletableFuture<CallResult> send(String method, Object[] args) throws RtmpException {
        Object[] values = new Object[args.length + 1];
        System.arraycopy(args, 0, values, 1, args.length);
        byte[] amf = Amf0.encode(values);
        CompletableFuture<CallResult> answer = new CompletableFuture<>();
        messages.invoke(method, amf, 0, txn -> {
            pending.put(txn, answer);
            answer.whenComplete((r, t) -> pending.remove(txn, answer));
        });
        return answer;
    }

    /** Waits for the answer until timeout: reading for it itself, unless read() is the connection's data path. */
    CallResult await(CompletableFuture<CallResult> answer, String method, Duration timeout, String where)
            throws RtmpException {
        long end = System.nanoTime() + timeout.toNanos();
        boolean playing = messages.playing();
        String what = "call '" + method + "' on " + where;
        try {
            while (!answer.isDone()) {
                long left = TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime());
                if (left <= 0) {
                    break;
                }
                if (playing) {
                    return answer.get(left, TimeUnit.MILLISECONDS);
                }
                double txn = transactionOf(answer);
                if (messages.process((int) Math.min(left, PROCESS_SLICE_MILLIS), (int) Math.min(left, Integer.MAX_VALUE), txn,
                        what)) {
                    return answer.get(Math.max(left, 1), TimeUnit.MILLISECONDS);
                }
            }
            if (answer.isDone()) {
                return answer.get();
            }
        } catch (TimeoutException e) {
            // below
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            answer.cancel(false);
            throw new RtmpException(what + ": interrupted while waiting for the answer");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RtmpException r) {
                throw r;
            }
            throw new RtmpException(what + " failed: " + e.getCause(), null, e.getCause());
        }
        answer.cancel(false);
        throw new RtmpException(what + ": no answer within " + timeout.toMillis() + " ms" + (playing
                ? " (on a playing connection the answer arrives through read(): keep reading, on another thread"
                + " while call() waits)" : ""));
    }

    /** Sends a Ping Request and waits for its answer as {@link #await} waits for a call's. */
    Duration ping(Duration timeout, String where) throws RtmpException {
        long answered = messages.statistics()[PINGS_ANSWERED];
        messages.ping();
        long end = System.nanoTime() + timeout.toNanos();
        boolean playing = messages.playing();
        String what = "ping on " + where;
        try {
            while (true) {
                long[] now = messages.statistics();
                if (now[PINGS_ANSWERED] > answered) {
                    return Duration.ofNanos(now[PING_RTT_US] * 1000);
                }
                long left = TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime());
                if (left <= 0) {
                    break;
                }
                if (playing) {
                    Thread.sleep(Math.min(left, 10));
                } else {
                    messages.process((int) Math.min(left, PROCESS_SLICE_MILLIS), (int) Math.min(left, Integer.MAX_VALUE),
                            PeerMessages.AWAIT_PING, what);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RtmpException(what + ": interrupted while waiting for the Ping Response");
        }
        throw new RtmpException(what + ": no Ping Response within " + timeout.toMillis() + " ms" + (playing
                ? " (on a playing connection the answer arrives through read(): keep reading)" : ""));
    }

    private double transactionOf(CompletableFuture<CallResult> answer) {
        for (Map.Entry<Double, CompletableFuture<CallResult>> e : pending.entrySet()) {
            if (e.getValue() == answer) {
                return e.getKey();
            }
        }
        return 0;
    }

    // ---- records from the shim

    @Override
    public void onRecords(byte[] records, int length, long lost) {
        if (lost > 0) {
            LOGGER.log(System.Logger.Level.WARNING, owner + ": " + lost + " messages beside the media were not kept:"
                    + " the event listener fell 4 MiB behind");
            deliver(l -> l.onMessagesLost(lost));
        }
        ByteBuffer in = ByteBuffer.wrap(records, 0, length);
        while (in.remaining() >= PeerMessages.RECORD_HEADER) {
            RtmpPacket packet = fromRecord(in);
            try {
                route(packet);
            } catch (RuntimeException e) {
                // never into the call that read it: that call's own outcome stands
                LOGGER.log(System.Logger.Level.WARNING, owner + ": a message the server sent could not be routed: "
                        + packet, e);
            }
        }
    }

    static RtmpPacket fromRecord(ByteBuffer in) {
        int type = in.get() & 0xFF;
        int headerType = in.get() & 0xFF;
        in.getShort();
        int chunkStream = in.getInt();
        long timestamp = in.getInt() & 0xFFFFFFFFL;
        int streamId = in.getInt();
        byte[] body = new byte[in.getInt()];
        in.get(body);
        return new RtmpPacket(type, chunkStream, headerType, timestamp, streamId, body);
    }

    static byte[] toRecord(RtmpPacket p) {
        ByteBuffer out = ByteBuffer.allocate(PeerMessages.RECORD_HEADER + p.size());
        out.put((byte) p.type()).put((byte) p.headerType()).putShort((short) 0).putInt(p.chunkStream())
                .putInt((int) p.timestamp()).putInt(p.streamId()).putInt(p.size()).put(p.body());
        return out.array();
    }

    private void route(RtmpPacket packet) {
        deliver(l -> l.onPacket(packet));
        switch (packet.type()) {
            case RtmpPacket.TYPE_COMMAND -> command(packet, 0);
            case RtmpPacket.TYPE_COMMAND_AMF3 -> command(packet, 1); // a format byte, then AMF0 (librtmp too)
            case RtmpPacket.TYPE_DATA -> data(packet);
            default -> {
                ControlEvent event = ControlEvents.of(packet);
                if (event != null) {
                    deliver(l -> l.onControl(event));
                }
            }
        }
    }

    private void command(RtmpPacket packet, int skip) {
        byte[] body = packet.body();
        List<Object> values;
        try {
            values = body.length > skip ? Amf0.decodeAll(body, skip, body.length - skip) : List.of();
        } catch (MalformedAmf0Exception e) {
            LOGGER.log(System.Logger.Level.DEBUG, owner + ": a command the server sent is not AMF0: " + e.getMessage());
            return;
        }
        if (values.size() < 2 || !(values.get(0) instanceof String name) || !(values.get(1) instanceof Double txn)) {
            return;
        }
        Object commandObject = values.size() > 2 ? values.get(2) : null;
        List<Object> args = values.size() > 3 ? values.subList(3, values.size()) : List.of();
        CompletableFuture<CallResult> answer = name.equals("_result") || name.equals("_error") ? pending.get(txn) : null;
        if (answer != null) {
            CallResult result = new CallResult(commandObject, args, packet);
            if (name.equals("_result")) {
                answer.completeAsync(() -> result, LIBRARY_THREADS);
            } else {
                LIBRARY_THREADS.execute(() -> answer.completeExceptionally(new RemoteCallException(
                        "the server answered a call on " + owner + " with _error: " + args, result)));
            }
        } else if (name.equals("onStatus")) {
            Map<String, Object> info = args.isEmpty() || !(args.get(0) instanceof Map<?, ?> m) ? Map.of() : copy(m);
            ServerStatus status = new ServerStatus(text(info, "code"), text(info, "level"), text(info, "description"),
                    info, packet.streamId());
            deliver(l -> l.onStatus(status));
        } else {
            ServerCommand command = new ServerCommand(name, txn, commandObject, args, packet, this::respond);
            deliver(l -> l.onCommand(command));
        }
    }

    private void respond(String kind, double txn, Object[] values, int streamId) throws RtmpException {
        Object[] all = new Object[values.length + 3];
        all[0] = kind;
        all[1] = txn;
        System.arraycopy(values, 0, all, 3, values.length);
        messages.sendPacket(toRecord(RtmpPacket.command(streamId, Amf0.encode(all))), false);
    }

    private void data(RtmpPacket packet) {
        byte[] body = packet.body();
        try {
            List<Object> values = Amf0.decodeAll(body);
            if (!values.isEmpty() && values.get(0) instanceof String handler) {
                DataMessage message = new DataMessage(handler, values.subList(1, values.size()), packet.timestamp(),
                        packet.streamId());
                deliver(l -> l.onData(message));
            }
        } catch (MalformedAmf0Exception e) {
            LOGGER.log(System.Logger.Level.DEBUG, owner + ": a data message the server sent is not AMF0: " + e.getMessage());
        }
    }

    private static Map<String, Object> copy(Map<?, ?> m) {
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(String.valueOf(k), v));
        return Collections.unmodifiableMap(out);
    }

    private static String text(Map<String, Object> info, String key) {
        Object v = info.get(key);
        return v instanceof String s ? s : "";
    }

    // ---- delivery, in order, one at a time

    private interface Delivery {
        void to(RtmpEventListener listener);
    }

    private void deliver(Delivery delivery) {
        RtmpEventListener l = listener;
        if (l == null) {
            return;
        }
        boolean start;
        synchronized (queue) {
            queue.add(() -> run(l, delivery));
            start = !delivering;
            delivering = true;
        }
        if (start) {
            try {
                LIBRARY_THREADS.execute(this::drainQueue);
            } catch (RejectedExecutionException e) {
                synchronized (queue) {
                    delivering = false; // the next message tries again; nothing queued is lost
                }
                LOGGER.log(System.Logger.Level.WARNING, owner + ": no thread to deliver server events on", e);
            }
        }
    }

    private void drainQueue() {
        while (true) {
            Runnable next;
            synchronized (queue) {
                next = queue.poll();
                if (next == null) {
                    delivering = false;
                    return;
                }
            }
            next.run();
        }
    }

    private void run(RtmpEventListener l, Delivery delivery) {
        try {
            delivery.to(l);
        } catch (Throwable t) {
            boolean first;
            synchronized (queue) {
                first = !failureReported;
                failureReported = true;
            }
            if (first) {
                LOGGER.log(System.Logger.Level.WARNING, "event listener " + l + " of " + owner
                        + " threw; delivery goes on, and further failures of this listener are not reported", t);
            }
        }
    }
}
