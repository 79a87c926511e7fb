package org.nativertmp.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.nativertmp.DebugHook;
import org.nativertmp.NativeRtmp;
import org.nativertmp.RtmpException;
import org.nativertmp.flv.FlvFormat;
import org.nativertmp.flv.FlvTag;
import org.nativertmp.testkit.RecordedConnection;
import org.nativertmp.testkit.RtmpMessage;
import org.nativertmp.testkit.RtmpRecorderServer;
import org.nativertmp.testkit.SampleFlv;
import org.nativertmp.testkit.WireTranscript;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code demo}: the whole path on one machine with nothing installed. Starts the recorder on a
 * loopback port, publishes a generated FLV through NativeRtmp with the printing debug hook on,
 * then shows what the server saw.
 */
@Command(name = "demo",
        description = {"Publish a generated FLV through native librtmp to an in-process recorder and show what it saw.",
            "The recorder listens on 127.0.0.1; the demo prints the connect trace, the handshake and commands "
                + "the recorder saw, and the media that arrived. Needs nothing but the JDK."})
final class DemoCommand implements Callable<Integer> {
    @Mixin
    HelpOption help;

    @Mixin
    LibrtmpLogOption librtmpLog;

    /** AMF0 command message (RTMP spec 7.1.1). */
    private static final int COMMAND_AMF0 = 20;
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Option(names = "--tags", paramLabel = "N", description = "Media tags to publish (default: ${DEFAULT-VALUE}).")
    int mediaTags = 100;

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        List<FlvTag> input = SampleFlv.tags(1935, mediaTags, 1200);
        long start = System.nanoTime();
        try (RtmpRecorderServer recorder = RtmpRecorderServer.start()) {
            String url = recorder.url("live", "demo");
            out.println("== native " + VersionCommand.librtmp(NativeRtmp.nativeLibraryInfo()));
            out.println("== publishes " + input.size() + " FLV tags to " + url);
            out.println();
            out.println("-- connect, traced (DebugHook.printingTo(System.out))");
            long connectStart = System.nanoTime();
            long connected;
            try (NativeRtmp rtmp = new NativeRtmp()) {
                rtmp.setupUrl(url);
                rtmp.enableWrite();
                rtmp.setDebugHook(DebugHook.printingTo(out));
                rtmp.connect();
                rtmp.setDebugHook(null);
                connected = System.nanoTime();
                rtmp.connectStream(0);
                for (FlvTag tag : input) {
                    byte[] b = tag.encode();
                    rtmp.write(b, 0, b.length);
                }
            } catch (RtmpException e) {
                System.err.println("error: " + e.getMessage());
                return 1;
            }
            long published = System.nanoTime();
            RecordedConnection seen = recorder.awaitConnection(WAIT);
            printServerView(out, seen.transcript());
            printMedia(out, input, seen.published().get("demo"));
            out.println();
            out.printf("-- time: %d ms in all (connect %d ms, stream and publish %d ms)%n",
                    millis(published - start), millis(connected - connectStart), millis(published - connected));
        }
        return 0;
    }

    private static void printServerView(PrintStream out, WireTranscript t) {
        out.println();
        out.println("-- handshake, as the recorder saw it");
        out.println("C0+C1 " + (1 + t.c1().length) + " bytes");
        out.println("S0+S1+S2 " + WireTranscript.S0_S1_S2_SIZE + " bytes");
        out.println("C2 " + t.c2().length + " bytes");
        out.println();
        out.println("-- commands the client sent");
        for (RtmpMessage m : t.messages()) {
            if (m.type() == COMMAND_AMF0) {
                out.println(m.describe());
            }
        }
    }

    private static void printMedia(PrintStream out, List<FlvTag> sent, List<FlvTag> received) {
        out.println();
        out.println("-- media");
        for (int type : new int[] {FlvFormat.TAG_VIDEO, FlvFormat.TAG_AUDIO, FlvFormat.TAG_SCRIPT}) {
            List<FlvTag> of = sent.stream().filter(t -> t.type() == type).toList();
            long bytes = of.stream().mapToLong(FlvTag::payloadSize).sum();
            out.printf("%-6s %4d tags %8d bytes%n", of.isEmpty() ? "" : of.get(0).typeName(), of.size(), bytes);
        }
        boolean same = received != null && received.size() == sent.size();
        for (int i = 0; same && i < sent.size(); i++) {
            same = Arrays.equals(sent.get(i).payload(), received.get(i).payload());
        }
        out.println("recorded by the server: " + (received == null ? 0 : received.size()) + " tags, "
                + (same ? "every payload identical to what was sent" : "NOT identical to what was sent"));
    }

    private static long millis(long nanos) {
        return nanos / 1_000_000;
    }
}
