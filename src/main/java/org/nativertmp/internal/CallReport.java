package org.nativertmp.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * What a call that failed was doing, and what the server sent meanwhile: the shim's
 * {@code nrtmp_call_report}, worded for an exception ("no answer to createStream; the server sent
 * 15 messages meanwhile: 5 ping requests, ...").
 *
 * @param step what the call was doing last (for a call whose deadline passed: what it waited for)
 * @param subject what the step is about: the name looked up, the address connected to, the
 *        command whose answer was awaited; "" for none
 * @param seen what the server sent during the call, indexed by {@link Seen#ordinal()}
 * @param commands the names of the first distinct commands the server sent
 */
record CallReport(Step step, String subject, long[] seen, List<String> commands) {
    /** The shim's {@code enum nrtmp_step}, in its order (a test checks the names). */
    enum Step { NONE, RESOLVE, TCP_CONNECT, SOCKS, RTMPT_OPEN, HANDSHAKE, ANSWER, STREAM_START, MEDIA, SEND }

    /** The shim's {@code enum nrtmp_seen}, in its order (a test checks the names). */
    enum Seen {
        BYTES("byte", "bytes"),
        MESSAGES("message", "messages"),
        PING("ping request", "ping requests"),
        USER_CONTROL("other User Control event", "other User Control events"),
        CHUNK_SIZE("Set Chunk Size", "Set Chunk Size"),
        ACKNOWLEDGEMENT("Acknowledgement", "Acknowledgements"),
        WINDOW_SIZE("Window Acknowledgement Size", "Window Acknowledgement Size"),
        PEER_BANDWIDTH("Set Peer Bandwidth", "Set Peer Bandwidth"),
        COMMAND("command", "commands"),
        DATA("data message", "data messages"),
        MEDIA("media message", "media messages");

        private final String one;
        private final String many;

        Seen(String one, String many) {
            this.one = one;
            this.many = many;
        }

        String count(long n) {
            return n + " " + (n == 1 ? one : many);
        }
    }

    private static final int TEXT_MAX = 256;
    static final CallReport NONE = new CallReport(Step.NONE, "", new long[Seen.values().length], List.of());

    /** The report of the last call on {@code r}. */
    static CallReport of(RtmpHandle r) {
        int[] step = new int[1];
        byte[] subject = new byte[TEXT_MAX];
        long[] seen = new long[Seen.values().length];
        byte[] commands = new byte[TEXT_MAX];
        LibRtmp.nrtmp_call_report(r, step, subject, subject.length, seen, seen.length, commands, commands.length);
        String names = LibRtmp.cString(commands);
        Step[] steps = Step.values();
        return new CallReport(step[0] >= 0 && step[0] < steps.length ? steps[step[0]] : Step.NONE, LibRtmp.cString(subject),
                seen, names.isEmpty() ? List.of() : List.of(names.split(",")));
    }

    long seen(Seen kind) {
        return seen[kind.ordinal()];
    }

    /**
     * What the call was waiting for when its time ran out, e.g. {@code no answer to createStream;
     * the server sent 15 messages meanwhile: ...}. {@code publishing} tells which start status
     * a stream setup waits for.
     */
    String awaited(boolean publishing) {
        return switch (step) {
            case RESOLVE -> "the name '" + subject + "' did not resolve";
            case TCP_CONNECT -> "no TCP connection to " + subject;
            case SOCKS -> "the SOCKS proxy did not answer; " + meanwhile();
            case RTMPT_OPEN -> "the RTMPT server did not answer the tunnel's open request; " + meanwhile();
            case HANDSHAKE -> "the server did not complete the RTMP handshake; " + meanwhile();
            case ANSWER -> "no answer to " + subject + "; " + meanwhile();
            case STREAM_START -> "the server did not start the stream (no NetStream." + (publishing ? "Publish" : "Play")
                    + ".Start); " + meanwhile();
            case MEDIA -> "no media arrived; " + meanwhile();
            case SEND -> "the server took none of the stream (it stopped reading)";
            case NONE -> meanwhile();
        };
    }

    /**
     * What the server sent during the call: {@code the server sent 15 messages meanwhile: 5 ping
     * requests, 5 Window Acknowledgement Size, 5 commands (onBWDone, _result)}; only its bytes
     * where the shim did not read the messages itself.
     */
    String meanwhile() {
        long messages = seen(Seen.MESSAGES);
        long bytes = seen(Seen.BYTES);
        if (messages == 0) {
            if (bytes == 0) {
                return "the server sent nothing meanwhile";
            }
            return "the server sent " + Seen.BYTES.count(bytes) + " meanwhile"
                    + (step == Step.MEDIA ? ", none of them media" : "");
        }
        List<String> kinds = new ArrayList<>();
        for (Seen kind : Seen.values()) {
            long n = seen(kind);
            if (kind.compareTo(Seen.PING) >= 0 && n > 0) {
                kinds.add(kind.count(n) + (kind == Seen.COMMAND && !commands.isEmpty()
                        ? " (" + String.join(", ", commands) + ")" : ""));
            }
        }
        return "the server sent " + Seen.MESSAGES.count(messages) + " meanwhile"
                + (kinds.isEmpty() ? "" : ": " + String.join(", ", kinds));
    }

    @Override
    public String toString() {
        return "CallReport[" + step + " " + subject + ", " + meanwhile() + "]";
    }
}
