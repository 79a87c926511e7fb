package org.nativertmp;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.nativertmp.internal.LibrtmpOptionTable;
import org.nativertmp.internal.TlsSettings;

/**
 * The settings of one connection, given to {@link NativeRtmp#setupUrl(String, RtmpOptions)}:
 * librtmp's options ({@code RTMP_SetOpt}) typed, any of them raw through
 * {@link Builder#option(String, String)}, and the deadlines librtmp does not have: the connect
 * as a whole, the stream setup as a whole, a media timeout, a send timeout. Immutable; made with
 * {@link #builder()}.
 *
 * <pre>{@code
 * RtmpOptions options = RtmpOptions.builder()
 *         .receiveTimeout(Duration.ofSeconds(10))
 *         .live(true)
 *         .build();
 * rtmp.setupUrl("rtmp://127.0.0.1:1935/live/stream", options);
 * }</pre>
 *
 * <p>{@code NativeRtmp} applies them in the order librtmp needs: {@code socks} before
 * {@code RTMP_SetupURL} (which reads it), every other option after it (it would overwrite
 * {@code app} and {@code playpath}), in the order they were set. A {@code null} argument is an
 * {@link IllegalArgumentException}, as everywhere in this library.
 */
public final class RtmpOptions {
    private static final RtmpOptions DEFAULTS = builder().build();
    /** librtmp reads this option in RTMP_SetupURL (SocksSetup), so it goes before it. */
    private static final String SOCKS = "socks";

    private final List<Map.Entry<String, String>> librtmpOptions;
    private final int connectTimeoutMillis;
    private final int streamSetupTimeoutMillis;
    private final int mediaTimeoutMillis;
    private final int sendTimeoutMillis;
    private final TlsSettings tls;
    private final boolean librtmpUrlOptions;
    private final boolean coalesceSends;
    private final boolean quickAck;
    private final byte[] connectProperties;
    private final String connectPropertyNames;
    private final boolean wrappedTimestampDeltas;

    private RtmpOptions(Builder b) {
        librtmpOptions = List.copyOf(b.librtmpOptions);
        librtmpUrlOptions = b.librtmpUrlOptions;
        connectTimeoutMillis = b.connectTimeoutMillis;
        streamSetupTimeoutMillis = b.streamSetupTimeoutMillis;
        mediaTimeoutMillis = b.mediaTimeoutMillis;
        sendTimeoutMillis = b.sendTimeoutMillis;
        tls = new TlsSettings(b.sslContext, b.insecureTls);
        coalesceSends = b.coalesceSends;
        quickAck = b.quickAck;
        connectProperties = b.connectProperties.encode();
        connectPropertyNames = String.join(", ", b.connectProperties.names());
        wrappedTimestampDeltas = b.wrappedTimestampDeltas;
    }

    /**
     * librtmp's defaults: no option set; the connect, the stream setup and the send timeout each
     * bounded by the receive timeout (librtmp's 30 s); no media timeout.
     */
    public static RtmpOptions defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The options librtmp reads in {@code RTMP_SetupURL}: set before it. */
    List<Map.Entry<String, String>> beforeSetupUrl() {
        return librtmpOptions.stream().filter(e -> e.getKey().equals(SOCKS)).toList();
    }

    /** Every other option, in the order set: after {@code RTMP_SetupURL}, which would overwrite some. */
    List<Map.Entry<String, String>> afterSetupUrl() {
        return librtmpOptions.stream().filter(e -> !e.getKey().equals(SOCKS)).toList();
    }

    /** Whether text after a space in the URL is librtmp's options. */
    boolean librtmpUrlOptions() {
        return librtmpUrlOptions;
    }

    /** The connect timeout in milliseconds; 0: none; -1: the receive timeout. */
    int connectTimeoutMillis() {
        return connectTimeoutMillis;
    }

    /** The stream setup timeout in milliseconds; 0: none; -1: the receive timeout. */
    int streamSetupTimeoutMillis() {
        return streamSetupTimeoutMillis;
    }

    /** The media timeout in milliseconds; 0: none. */
    int mediaTimeoutMillis() {
        return mediaTimeoutMillis;
    }

    /** The send timeout in milliseconds; 0: none; -1: the receive timeout. */
    int sendTimeoutMillis() {
        return sendTimeoutMillis;
    }

    /** How rtmps and rtmpts make their TLS. */
    TlsSettings tls() {
        return tls;
    }

    /** Whether librtmp's sends are gathered into few system calls. */
    boolean coalesceSends() {
        return coalesceSends;
    }

    /** Whether TCP_QUICKACK is set while the connect and the stream setup wait for the server. */
    boolean quickAck() {
        return quickAck;
    }

    /** The connect command object's extra properties, AMF0-encoded name/value pairs; empty: none. */
    byte[] connectProperties() {
        return connectProperties.clone();
    }

    /** Whether a backwards timestamp goes out as librtmp's own wrapped delta. */
    boolean wrappedTimestampDeltas() {
        return wrappedTimestampDeltas;
    }

    @Override
    public String toString() {
        return "RtmpOptions" + librtmpOptions + ", connect timeout " + timeout(connectTimeoutMillis)
                + ", stream setup timeout " + timeout(streamSetupTimeoutMillis) + ", media timeout "
                + timeout(mediaTimeoutMillis) + ", send timeout " + timeout(sendTimeoutMillis)
                + (tls.insecure() ? ", TLS insecure" : tls.context() != null ? ", TLS context " + tls.context().getProtocol() : "")
                + (coalesceSends ? "" : ", sends not coalesced")
                + (quickAck ? "" : ", no quick acknowledgements")
                + (connectPropertyNames.isEmpty() ? "" : ", connect properties " + connectPropertyNames)
                + (wrappedTimestampDeltas ? ", backwards timestamps as librtmp's wrapped deltas" : "");
    }

    private static String timeout(int millis) {
        return millis < 0 ? "of the receive timeout" : millis == 0 ? "none" : millis + " ms";
    }

    /** Collects options; each typed setter replaces an earlier value of the same option. */
    public static final class Builder {
        private final List<Map.Entry<String, String>> librtmpOptions = new ArrayList<>();
        private int connectTimeoutMillis = -1;
        private int streamSetupTimeoutMillis = -1;
        private int mediaTimeoutMillis;
        private int sendTimeoutMillis = -1;
        private SSLContext sslContext;
        private boolean insecureTls;
        private boolean librtmpUrlOptions;
        private boolean coalesceSends = true;
        private boolean quickAck = true;
        private final ConnectProperties connectProperties = new ConnectProperties();
        private boolean wrappedTimestampDeltas;

        private Builder() {
        }

        /**
         * Whether {@code setupUrl} reads text after the first space in the URL as librtmp's URL
         * options, {@code key=value} pairs separated by spaces (librtmp(3), e.g.
         * {@code "rtmp://host/app/stream live=1 buffer=2000"}). Default: no, a space in the URL
         * is refused. Only for URLs from a trusted source: the options can send the session
         * through a proxy ({@code socks=}) or change what is sent.
         */
        public Builder librtmpUrlOptions(boolean read) {
            this.librtmpUrlOptions = read;
            return this;
        }

        public RtmpOptions build() {
            return new RtmpOptions(this);
        }

        /**
         * Any of librtmp's options by its name ({@code live}, {@code buffer}, {@code timeout},
         * {@code app}, {@code playpath}, {@code conn}, ...; see librtmp(3)), appended as given. An
         * unknown key or a value librtmp refuses is an {@link IllegalArgumentException} from
         * {@code setupUrl}. A boolean option ({@code live}, {@code playlist}, {@code swfVfy})
         * takes 1, on, yes or true, or 0, off, no or false; anything else is refused here, since
         * librtmp would silently read it as false (and a false value does not undo an earlier true
         * one: librtmp only ever sets the flag).
         *
         * @throws IllegalArgumentException for a null or empty key, a null value, or a boolean
         *         option's value that librtmp would read as false by accident
         */
        public Builder option(String key, String value) {
            if (key == null || key.isEmpty()) {
                throw new IllegalArgumentException("option key is null or empty");
            }
            String problem = LibrtmpOptionTable.booleanProblem(key, nonNull("value of option '" + key + "'", value));
            if (problem != null) {
                throw new IllegalArgumentException(problem);
            }
            librtmpOptions.add(Map.entry(key, value));
            return this;
        }

        /**
         * Option {@code live}: the stream is live, so play asks for a live stream (start -1000)
         * and no seeking or resuming is possible; with it librtmp also sends FCSubscribe for the
         * playpath. librtmp's default: not live.
         */
        public Builder live(boolean live) {
            librtmpOptions.removeIf(e -> e.getKey().equals("live"));
            return live ? option("live", "1") : this;
        }

        /**
         * Option {@code buffer}: the buffer time play asks the server for (User Control
         * SetBufferLength), whole milliseconds. librtmp's default: 30000 ms.
         */
        public Builder buffer(Duration buffer) {
            return typed("buffer", Integer.toString(intMillis("buffer", millis("buffer", buffer))));
        }

        /**
         * Option {@code timeout}: librtmp's receive timeout ({@code SO_RCVTIMEO}, set at connect),
         * in whole seconds, rounded up; zero means none. librtmp's RTMP handshake and each message
         * must arrive within it (from its first byte until it is complete). Unless set otherwise it
         * is also the connect timeout, the stream setup timeout and the send timeout. librtmp's
         * default: 30 s (RTMP_Init; librtmp(3) says 120, the code says 30).
         */
        public Builder receiveTimeout(Duration timeout) {
            long seconds = (millis("receive timeout", timeout) + 999) / 1000;
            if (seconds > Integer.MAX_VALUE / 1000) {
                throw new IllegalArgumentException("receive timeout too large: " + timeout);
            }
            return typed("timeout", Long.toString(seconds));
        }

        /**
         * How long {@link NativeRtmp#connectStream(int)} may take as a whole, from the call until
         * the server has started the stream (createStream answered, then
         * {@code NetStream.Publish.Start} or {@code NetStream.Play.Start}), whatever the server
         * sends meanwhile: a server that keeps sending pings or other small valid messages but
         * never starts the stream ends the call in an {@link RtmpException} saying what was
         * awaited and what the server sent. Default: the receive timeout. Zero: no limit of its
         * own (each message is still bounded by the receive timeout, so a talkative server can
         * then keep the setup going). Below 1 ms (but not zero): 1 ms.
         */
        public Builder streamSetupTimeout(Duration timeout) {
            streamSetupTimeoutMillis = intMillis("stream setup timeout", roundedUpMillis("stream setup timeout", timeout));
            return this;
        }

        /**
         * How long the media may stall: {@link NativeRtmp#read} fails with an
         * {@link RtmpException} when no media (audio, video or data) arrives within this time,
         * whatever else the server sends (pings keep a connection alive, not a stream); and each
         * {@code RTMP_Write} ({@link NativeRtmp#write}, or a batch of up to 64 KiB of whole tags
         * from {@link NativeRtmp#outputStream()}) fails when the server has not taken all of it
         * within this time, so that a server reading a little now and then cannot stretch a
         * write (the send timeout only bounds how long a write may make no progress). Default:
         * none, since a live stream may be quiet for any length of time; set it when quiet means
         * broken to you (as ffmpeg's {@code -rw_timeout}). {@link NativeRtmp#close()} from another
         * thread ends a waiting read or write at once either way. After a read has timed out, the
         * played stream cannot be read further (librtmp marks it ended). Below 1 ms (but not
         * zero): 1 ms.
         */
        public Builder mediaTimeout(Duration timeout) {
            mediaTimeoutMillis = intMillis("media timeout", roundedUpMillis("media timeout", timeout));
            return this;
        }

        /**
         * The send timeout ({@code SO_SNDTIMEO}, which librtmp never sets, so a server that stops
         * reading would block {@code RTMP_Write} forever), applied to the socket at
         * {@link NativeRtmp#connectStream(int)}; zero means none. Default: the receive timeout. A
         * write that cannot send for this long fails with an {@link RtmpException} saying the
         * server stopped reading. One {@code send()} waits at most this long, and librtmp calls
         * {@code send()} again after a partial one, so a stalled write ends after at most twice
         * this time (the connection is then closed: librtmp closes it after a failed send, and the
         * messages its close would send are not waited for). Below 1 ms (but not zero): 1 ms.
         */
        public Builder sendTimeout(Duration timeout) {
            sendTimeoutMillis = intMillis("send timeout", roundedUpMillis("send timeout", timeout));
            return this;
        }

        /**
         * Whether the bytes librtmp sends go to the socket in as few {@code send()} calls as
         * possible: gathered per call into writes of up to 64 KiB, and always written out before
         * librtmp waits for the server, before the connection closes and before the call returns.
         * The bytes and their order are exactly librtmp's; only how many system calls carry them
         * changes (librtmp alone makes one per chunk: at its default chunk size of 128, about
         * one per 128 bytes). The buffer exists only during a call and is freed when the call
         * returns, so an idle connection holds none. Default: on. Off, every send of librtmp is
         * one {@code send()}, as without this library.
         */
        public Builder coalesceSends(boolean on) {
            coalesceSends = on;
            return this;
        }

        /**
         * Whether the client acknowledges the server's replies at once while
         * {@link NativeRtmp#connect()} and {@link NativeRtmp#connectStream(int)} wait for them
         * ({@code TCP_QUICKACK} before every wait, on Linux). A server that sends its replies in
         * several small writes with Nagle's algorithm on, as nginx-rtmp does, holds each back
         * until the one before is acknowledged, and the client's kernel delays that
         * acknowledgement by 40 ms: without this, connect and stream setup against nginx-rtmp
         * take about 44 ms on loopback, with it well under 2 ms (docs/benchmarks.md). No RTMP
         * byte changes, and nothing is set once the stream has started. It applies to
         * {@code rtmp} and {@code rtmpt} over TCP; for {@code rtmps} and {@code rtmpts} the TLS
         * connection is the JDK's and this does nothing; nor on Windows, which has no such
         * option. Default: on. Off, the client acknowledges as the system does by itself, as
         * librtmp alone.
         */
        public Builder quickAck(boolean on) {
            quickAck = on;
            return this;
        }

        /**
         * How long {@link NativeRtmp#connect()} may take as a whole, from the call on: the name
         * lookup, the TCP connect (all addresses tried together), the TLS handshake of rtmps and
         * rtmpts, the RTMP handshake (over RTMPT, the tunnel's HTTP exchanges too), and the wait
         * for the server's answer to the connect command, whatever the server sends meanwhile.
         * librtmp itself bounds none of it as a whole: its TCP connect blocks until the system
         * gives up (minutes, for an address that never answers), the name lookup as long as the
         * resolver retries, and a server that answers slowly, a byte or a message at a time,
         * never runs out of time. The {@link RtmpException} says which step the time ran out in.
         * Default: the receive timeout (librtmp's 30 s). Zero: no limit of its own, as librtmp
         * (each wait for the server is still bounded by the receive timeout). Below 1 ms (but not
         * zero): 1 ms.
         */
        public Builder connectTimeout(Duration timeout) {
            connectTimeoutMillis = intMillis("connect timeout", roundedUpMillis("connect timeout", timeout));
            return this;
        }

        /**
         * The TLS of rtmps and rtmpts URLs comes from this context (its trust managers decide which
         * certificates are trusted, its protocols which TLS versions are offered). The JDK makes the
         * TLS connection; SNI carries the URL's host, and the certificate must be valid for that
         * host (the HTTPS host-name check). Default: the JVM's default context
         * ({@link SSLContext#getDefault()}, the default trust store). Ignored for other schemes.
         */
        public Builder sslContext(SSLContext context) {
            if (context == null) {
                throw new IllegalArgumentException("SSLContext is null (leave it unset for the JVM's default)");
            }
            sslContext = context;
            return this;
        }

        /**
         * Insecure: rtmps and rtmpts accept any certificate for any host name, so anyone on the
         * path can read and change the stream. For test servers with self-made certificates only;
         * every connect made with it logs a WARNING to {@link System.Logger} {@code org.nativertmp}.
         * Default: off. Prefer {@link #sslContext} with the test CA.
         */
        public Builder insecureTls(boolean insecure) {
            insecureTls = insecure;
            return this;
        }

        /** Option {@code app}: the application name sent in connect, instead of the one parsed from the URL. */
        public Builder app(String app) {
            return typed("app", app);
        }

        /** Option {@code playpath}: the stream name played or published, instead of the one parsed from the URL. */
        public Builder playpath(String playpath) {
            return typed("playpath", playpath);
        }

        /** Option {@code tcUrl}: the target URL sent in connect. Default: {@code rtmp://host[:port]/app}. */
        public Builder tcUrl(String tcUrl) {
            return typed("tcUrl", tcUrl);
        }

        /** Option {@code pageUrl}: the web page the media is embedded in. Default: none sent. */
        public Builder pageUrl(String pageUrl) {
            return typed("pageUrl", pageUrl);
        }

        /** Option {@code swfUrl}: the URL of the SWF player. Default: none sent. */
        public Builder swfUrl(String swfUrl) {
            return typed("swfUrl", swfUrl);
        }

        /**
         * Option {@code flashver}: the Flash version string sent in connect. Default: none sent.
         * librtmp's {@code LNX 10,0,32,18} (which rtmpdump sends) is applied only by
         * {@code RTMP_SetupStream}, not by {@code RTMP_SetupURL}, which {@code NativeRtmp} uses.
         */
        public Builder flashVer(String flashVer) {
            return typed("flashver", flashVer);
        }

        /**
         * Option {@code conn}: appends one AMF item to the connect command, in librtmp's syntax:
         * {@code B:1}, {@code N:1.5}, {@code S:text}, {@code Z:} (null), {@code O:1} /
         * {@code O:0} (begin / end an object), named inside an object with an N prefix:
         * {@code NS:name:text}. Each call appends one item. Default: nothing appended.
         */
        public Builder conn(String amfItem) {
            return option("conn", amfItem);
        }

        /**
         * A property of the connect command object, any AMF0 value
         * ({@linkplain org.nativertmp.amf0 the package's Java types}), encoded now and sent inside
         * the object after librtmp's own properties, in the order set; a later call with the same
         * name replaces the earlier one (and moves it last). librtmp's {@link #conn} items, by
         * contrast, follow the object. Default: none, and the connect is librtmp's to the byte.
         * Needs native-rtmp's fixes to librtmp (native/patches/0016): a librtmp built without
         * them refuses them at {@code setupUrl} ({@link UnsupportedOperationException}).
         * Everything in the connect packet must fit librtmp's 4096 bytes; what does not fails the
         * connect with librtmp's reason.
         *
         * <pre>{@code
         * RtmpOptions.builder().connectProperty("fourCcList", List.of("hvc1", "Opus")).build();
         * }</pre>
         *
         * @throws IllegalArgumentException for a null or empty name, a name librtmp writes itself
         *         ({@code app}, {@code type}, {@code flashVer}, {@code swfUrl}, {@code tcUrl},
         *         {@code fpad}, {@code capabilities}, {@code audioCodecs}, {@code videoCodecs},
         *         {@code videoFunction}, {@code pageUrl}, {@code objectEncoding}: set those through
         *         their options), or a value with no AMF0 form
         */
        public Builder connectProperty(String name, Object value) {
            connectProperties.put(name, value);
            return this;
        }

        /**
         * Enhanced RTMP's {@code fourCcList} connect property: the codecs this client sends (or,
         * playing, accepts), as a strict array of FourCCs ({@link org.nativertmp.flv.FourCc}, or
         * {@link EnhancedRtmp#ANY_CODEC}), e.g. {@code enhancedCodecs("hvc1", "av01", "Opus")}.
         * What servers that take HEVC or AV1 read (specification v1; v2 adds the info maps
         * below). A {@link #connectProperty}, with its rules.
         *
         * @throws IllegalArgumentException without a FourCC, or for one that is not four printable
         *         ASCII characters nor {@code "*"}
         */
        public Builder enhancedCodecs(String... fourCcs) {
            connectProperties.fourCcList(fourCcs);
            return this;
        }

        /**
         * Enhanced RTMP v2's {@code videoFourCcInfoMap} connect property: for each video FourCC
         * (or {@code "*"}), what this client can do with it, the {@link EnhancedRtmp#CAN_DECODE},
         * {@link EnhancedRtmp#CAN_ENCODE} and {@link EnhancedRtmp#CAN_FORWARD} flags or-ed
         * together; in the map's iteration order. A {@link #connectProperty}, with its rules.
         *
         * @throws IllegalArgumentException for a key that is no FourCC nor {@code "*"}, or negative flags
         */
        public Builder videoFourCcInfoMap(Map<String, Integer> flagsByFourCc) {
            connectProperties.infoMap("videoFourCcInfoMap", flagsByFourCc);
            return this;
        }

        /**
         * Enhanced RTMP v2's {@code audioFourCcInfoMap}: as {@link #videoFourCcInfoMap}, for audio
         * codecs.
         *
         * @throws IllegalArgumentException for a key that is no FourCC nor {@code "*"}, or negative flags
         */
        public Builder audioFourCcInfoMap(Map<String, Integer> flagsByFourCc) {
            connectProperties.infoMap("audioFourCcInfoMap", flagsByFourCc);
            return this;
        }

        /**
         * Enhanced RTMP v2's {@code capsEx} connect property: the extended capabilities, the
         * {@code EnhancedRtmp.CAPS_*} flags or-ed together. A {@link #connectProperty}.
         *
         * @throws IllegalArgumentException for negative flags
         */
        public Builder capsEx(int flags) {
            if (flags < 0) {
                throw new IllegalArgumentException("capsEx flags must be 0 or more, not " + flags);
            }
            return connectProperty("capsEx", (double) flags);
        }

        /**
         * How a media message whose timestamp is lower than the one before it on its chunk stream
         * is sent. librtmp sends audio and video on one chunk stream and writes each timestamp as
         * an unsigned delta from the last, so a tag a few milliseconds earlier than the one before
         * (audio and video interleaved slightly out of order, as encoders write them) went out as
         * a delta near 2<sup>32</sup> ms: 49 days later, to a server that adds deltas without
         * wrapping them. Default: false, such a message gets a type-0 chunk header with its
         * absolute timestamp (native/patches/0017; a librtmp built without the patches always
         * wraps). True sends librtmp's own delta, for comparing byte for byte with plain librtmp.
         * Timestamps that never go back are sent alike either way.
         */
        public Builder wrappedTimestampDeltas(boolean wrapped) {
            wrappedTimestampDeltas = wrapped;
            return this;
        }

        /** Option {@code token}: the key for a SecureToken challenge from the server. Default: none. */
        public Builder token(String token) {
            return typed("token", token);
        }

        /**
         * Option {@code start}: where play starts, in milliseconds (librtmp(3) says seconds;
         * rtmp.c sends it as milliseconds). Ignored for live streams. Default: 0.
         */
        public Builder start(long millis) {
            return typed("start", Integer.toString(intMillis("start", millis)));
        }

        /**
         * Option {@code stop}: where play stops, in milliseconds; librtmp sends
         * {@code stop - start} as the play command's duration, and the server ends the stream
         * there (a live stream is not cut by every server). Default: 0, play to the end.
         */
        public Builder stop(long millis) {
            return typed("stop", Integer.toString(intMillis("stop", millis)));
        }

        /** Option {@code subscribe}: the live stream to FCSubscribe to. Default: the playpath (when live). */
        public Builder subscribe(String streamName) {
            return typed("subscribe", streamName);
        }

        /**
         * Option {@code socks}: connect through this SOCKS4 proxy, {@code host[:port]} (port 1080
         * by default). Default: none.
         */
        public Builder socks(String hostAndPort) {
            return typed(SOCKS, hostAndPort);
        }

        /**
         * Options {@code pubUser} and {@code pubPasswd}: credentials for publisher authentication
         * (Adobe or Limelight challenge after a rejected connect). This snapshot's option table
         * has both, but the authentication itself (PublisherAuth in rtmp.c) only exists when
         * librtmp is built with crypto: the default build ({@code NO_CRYPTO}) would accept and
         * silently ignore them, so there it is refused. Default: none.
         *
         * @throws UnsupportedOperationException in a build without crypto (see
         *         {@link NativeRtmp#supportsPublisherAuth()})
         */
        public Builder publisherCredentials(String user, String password) {
            nonNull("pubUser", user);
            nonNull("pubPasswd", password);
            if (!NativeRtmp.supportsPublisherAuth()) {
                throw new UnsupportedOperationException("publisher authentication (pubUser/pubPasswd) is compiled out"
                        + " of this librtmp (built with NO_CRYPTO): build with -DNRTMP_TLS=ON, or pass credentials"
                        + " the server accepts in the URL's stream name");
            }
            return typed("pubUser", user).typed("pubPasswd", password);
        }

        private Builder typed(String key, String value) {
            nonNull("value of option '" + key + "'", value);
            librtmpOptions.removeIf(e -> e.getKey().equals(key));
            return option(key, value);
        }

        private static String nonNull(String what, String value) {
            if (value == null) {
                throw new IllegalArgumentException(what + " is null");
            }
            return value;
        }

        private static long millis(String what, Duration d) {
            if (d == null) {
                throw new IllegalArgumentException(what + " is null");
            }
            if (d.isNegative()) {
                throw new IllegalArgumentException(what + " must not be negative: " + d);
            }
            return d.toMillis();
        }

        /** Whole milliseconds, a positive duration below one millisecond counting as one: never "no limit". */
        private static long roundedUpMillis(String what, Duration d) {
            long ms = millis(what, d);
            return ms == 0 && !d.isZero() ? 1 : ms;
        }

        private static int intMillis(String what, long millis) {
            if (millis < 0 || millis > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(what + " must be 0 to " + Integer.MAX_VALUE + " ms, not " + millis);
            }
            return (int) millis;
        }
    }
}
