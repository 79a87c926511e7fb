/* native-rtmp shim: the few things librtmp's public API cannot do for a Java caller.
 *
 * Every function that acts returns an enum nrtmp_status; what it reports beside goes through
 * out-parameters. Only the constant look-ups (nrtmp_version, nrtmp_status_name,
 * nrtmp_trace_kind_name) return their string. Two registered sinks call into Java: the log sink
 * (librtmp's log lines, formatted here) and the trace sink (the steps of a traced connect); the
 * shim calls nothing else outside C.
 *
 * The functions that take an RTMP* need one from nrtmp_alloc (it carries the shim's state for
 * the connection), freed by nrtmp_free. Files: lifetime.c (version, startup, log sink, alloc,
 * interrupt, free), connect.c (options, resolution, IPv6, the connect), trace.c (formatting the
 * connect's trace steps), stream.c (stream setup, send timeout, chunk size, finishing a publish),
 * data.c (RTMP_Write and RTMP_Read with their outcome told apart), io.c and sendbuf.c (how
 * librtmp's bytes reach the socket: coalesced sends, see io.h), transport.c (a connection the
 * caller carries: the pipe the Java side runs through the JDK's TLS), link.c (what librtmp
 * parsed from the URL, read back). */
#ifndef NATIVERTMP_H
#define NATIVERTMP_H

#include "rtmp.h"
#include "log.h"

/* What a shim call came to. The Java side mirrors this list by name (NativeStatus.java, checked
 * against nrtmp_status_name by a test) and turns each into one exception in one place. */
typedef enum nrtmp_status {
  NRTMP_OK = 0,
  NRTMP_FAILED,            /* librtmp failed; its reason is the first error line it logged */
  NRTMP_REFUSED,           /* librtmp refused an argument (an option's key or value) */
  NRTMP_NOT_CONNECTED,     /* no connection (never made, or closed by librtmp) */
  NRTMP_INTERRUPTED,       /* nrtmp_interrupt stopped or woke the call */
  NRTMP_CONNECT_TIMED_OUT, /* the connect did not finish within its timeout (nrtmp_call_report says where) */
  NRTMP_SETUP_TIMED_OUT,   /* the stream did not start within the stream setup timeout */
  NRTMP_MEDIA_TIMED_OUT,   /* no media arrived, or the server took nothing, within the media timeout */
  NRTMP_RECEIVE_TIMED_OUT, /* nothing arrived within librtmp's receive timeout (SO_RCVTIMEO) */
  NRTMP_SEND_TIMED_OUT,    /* a send made no progress within SO_SNDTIMEO: the server stopped reading */
  NRTMP_ERROR_STATUS,      /* the server answered onStatus or _error with level "error" */
  NRTMP_END_OF_STREAM,     /* play ended as the server meant it: Play.Complete, Play.Stop, UnpublishNotify */
  NRTMP_STREAM_BROKEN,     /* the played stream ended without any of those: the connection broke */
  NRTMP_LINGER_EXPIRED,    /* nrtmp_finish_publish: the server did not close within the linger time */
  NRTMP_SYSTEM_ERROR,      /* a system call failed (its code goes to an out-parameter or the log) */
  NRTMP_NO_MEMORY,
  NRTMP_STATUS_COUNT
} nrtmp_status;

/* "OK", "FAILED", ... (the enumerator without NRTMP_); NULL outside the enum. */
const char *nrtmp_status_name(int status);

/* What a call was doing last (nrtmp_call_report): for a call whose deadline passed, what it was
 * waiting for then. The Java side mirrors this list by position and name (CallReport.Step,
 * checked against nrtmp_step_name by a test). */
enum nrtmp_step {
  NRTMP_STEP_NONE = 0,
  NRTMP_STEP_RESOLVE,      /* looking up the host name (of the server, a SOCKS proxy or its target) */
  NRTMP_STEP_TCP_CONNECT,  /* the TCP connect */
  NRTMP_STEP_SOCKS,        /* the SOCKS proxy's answer */
  NRTMP_STEP_RTMPT_OPEN,   /* the answer to RTMPT's open request */
  NRTMP_STEP_HANDSHAKE,    /* the server's part of the RTMP handshake */
  NRTMP_STEP_ANSWER,       /* the answer to a command: connect or createStream (the subject) */
  NRTMP_STEP_STREAM_START, /* NetStream.Publish.Start or NetStream.Play.Start */
  NRTMP_STEP_MEDIA,        /* media of the played stream (a read) */
  NRTMP_STEP_SEND,         /* the server taking what a publish sends (a write) */
  NRTMP_STEP_COUNT
};

/* "NONE", "RESOLVE", ...; NULL outside the enum. */
const char *nrtmp_step_name(int step);

/* What the server sent during a call, counted by kind (nrtmp_call_report). Messages are counted
 * where the shim reads them itself (the connect's answer and the stream setup); bytes always.
 * The Java side mirrors the list like enum nrtmp_step's. */
enum nrtmp_seen {
  NRTMP_SEEN_BYTES = 0,       /* bytes received */
  NRTMP_SEEN_MESSAGES,        /* complete messages */
  NRTMP_SEEN_PING,            /* User Control Ping Request (event 6) */
  NRTMP_SEEN_USER_CONTROL,    /* other User Control events (Stream Begin, ...) */
  NRTMP_SEEN_CHUNK_SIZE,      /* Set Chunk Size */
  NRTMP_SEEN_ACKNOWLEDGEMENT, /* Acknowledgement */
  NRTMP_SEEN_WINDOW_SIZE,     /* Window Acknowledgement Size */
  NRTMP_SEEN_PEER_BANDWIDTH,  /* Set Peer Bandwidth */
  NRTMP_SEEN_COMMAND,         /* command messages (AMF0 or AMF3) */
  NRTMP_SEEN_DATA,            /* data messages (onMetaData, ...) */
  NRTMP_SEEN_MEDIA,           /* audio, video and aggregate messages */
  NRTMP_SEEN_COUNT
};

/* "BYTES", "MESSAGES", ...; NULL outside the enum. */
const char *nrtmp_seen_name(int kind);

/* The project version this library was built as; the Java side refuses any other. */
const char *nrtmp_version(void);

/* ---- lifetime.c */

/* Receives one formatted librtmp log message (no trailing newline). Must not unwind. */
typedef void (*nrtmp_log_sink)(int level, const char *text);

/* Starts what librtmp needs from the system once per process (Winsock on Windows; nothing
 * elsewhere). NRTMP_SYSTEM_ERROR with the system's code in *system_error. */
nrtmp_status nrtmp_startup(int *system_error);

/* Routes librtmp's process-global log to sink; NULL drops it (never stderr). */
nrtmp_status nrtmp_set_log_sink(nrtmp_log_sink sink);

/* What the last call on r was doing (enum nrtmp_step: when its deadline passed, what it waited
 * for then), what that step was about (the host name looked up, the address connected to, the
 * command whose answer was awaited; else ""), and what the server sent during the call: seen[k]
 * for each enum nrtmp_seen k < seen_count, the names of the first four distinct commands,
 * comma-separated, in commands. Strings NUL-terminated and truncated to their buffers. */
nrtmp_status nrtmp_call_report(RTMP *r, int *step, char *subject, int subject_len, long long *seen,
                               int seen_count, char *commands, int commands_len);

/* The code and description of the onStatus or _error (level "error") that ended the last call
 * in NRTMP_ERROR_STATUS; "" otherwise. NUL-terminated, truncated to the buffers. */
nrtmp_status nrtmp_error_status(RTMP *r, char *code, int code_len, char *desc, int desc_len);

/* RTMP_Alloc + RTMP_Init, with the shim's state for the connection beside the RTMP struct. */
nrtmp_status nrtmp_alloc(RTMP **out);

/* Wakes a call blocked on r in another thread, and keeps r from starting another blocking step:
 * shuts down the connection's socket under the mutex that every close of it takes, so that it
 * can never hit a descriptor librtmp closed and the system reused. */
nrtmp_status nrtmp_interrupt(RTMP *r);

/* RTMP_Close (which says goodbye on the wire: FCUnpublish, deleteStream), then RTMP_Free. With
 * say_goodbye == 0 the socket is shut down first, so that nothing waits on the server. No call on
 * r may run or follow. */
nrtmp_status nrtmp_free(RTMP *r, int say_goodbye);

/* ---- connect.c */

/* RTMP_SetOpt with C strings. librtmp keeps the value pointer: the caller keeps it alive until
 * nrtmp_free. NRTMP_REFUSED for an unknown key or a bad value (librtmp logs why). */
nrtmp_status nrtmp_set_opt(RTMP *r, const char *key, char *value);

/* RTMP_SetupURL, with what librtmp allocates for the URL counted for r (NRTMP_STAT_NATIVE_BYTES).
 * librtmp parses url in place and keeps pointers into it: the caller keeps it alive until
 * nrtmp_free. NRTMP_REFUSED where RTMP_SetupURL returns FALSE (librtmp logs why). */
nrtmp_status nrtmp_setup_url(RTMP *r, char *url);

/* librtmp's receive timeout as set up (option "timeout", from RTMP_SetOpt or the URL), seconds. */
nrtmp_status nrtmp_receive_timeout(RTMP *r, int *seconds);

/* The AMF0 name/value pairs (size bytes at amf, already encoded) that librtmp's connect puts
 * inside its command object, after its own properties (native/patches/0016); the caller keeps
 * the bytes alive until nrtmp_free. size 0 sends none, as librtmp. NRTMP_REFUSED for a negative
 * size, and for any properties when librtmp was built without native/patches. */
nrtmp_status nrtmp_set_connect_properties(RTMP *r, char *amf, int size);

/* Points Link.hostname at host (inside the URL buffer, for "[v6]" URLs that librtmp's parser
 * cannot split) and sets Link.port when port > 0. */
nrtmp_status nrtmp_set_host(RTMP *r, char *host, int host_len, int port);

/* RTMP_Connect in librtmp's steps: resolve with getaddrinfo (on a thread of its own for a host
 * name: resolve.c), RTMP_Connect0 (the shim's own socket for IPv6), m_bSendCounter = TRUE,
 * RTMP_Connect1; then it reads until the server answers the connect command, handling every
 * other message as librtmp's stream setup would, and keeps the answer for
 * nrtmp_connect_stream, which hands it to librtmp first: librtmp sends what it sends in reply
 * (createStream, ...) at the same point of the byte stream as without the wait. Tries every
 * resolved address in order. All of it within timeout_ms (<= 0: no limit of its own; librtmp's
 * receive timeout and read deadlines still bound each wait). traced != 0 reports every step to
 * the trace sink. NRTMP_OK, NRTMP_FAILED, NRTMP_CONNECT_TIMED_OUT (nrtmp_call_report says at
 * which step), NRTMP_ERROR_STATUS (the server refused the connect: nrtmp_error_status) or
 * NRTMP_INTERRUPTED.
 *
 * With a pipe attached (nrtmp_attach_pipe) librtmp's end is the connection instead of a TCP
 * socket, and RTMP_Connect1 runs with RTMP_FEATURE_SSL masked: the caller carries the TLS (the
 * trace still shows librtmp's own protocol flags). Without one, an rtmps/rtmpts URL fails in
 * RTMP_Connect1 of a build without crypto ("no SSL/TLS support"), never plain. NRTMP_REFUSED for
 * an RTMPE URL (rtmpe, rtmpte): a build without crypto would silently handshake in plain text,
 * and native-rtmp does not do RTMPE in any build. */
nrtmp_status nrtmp_connect(RTMP *r, int timeout_ms, int traced);

/* ---- transport.c */

/* Makes a pair of connected stream sockets (socketpair; on Windows two loopback TCP sockets,
 * checked to be each other's peer): one becomes librtmp's connection at nrtmp_connect, the other
 * goes to *outer, for the caller, who carries the bytes from and to the server and closes it
 * (nrtmp_pipe_close) once nothing reads or writes it any more. Before nrtmp_connect, once:
 * NRTMP_REFUSED otherwise; NRTMP_SYSTEM_ERROR with the system's code in *system_error. */
nrtmp_status nrtmp_attach_pipe(RTMP *r, int *outer, int *system_error);

/* As nrtmp_attach_pipe, but librtmp's end is a TCP socket connected to 127.0.0.1:port, a
 * listener of the caller's, whose accepted socket the caller carries with I/O of its own (the
 * JDK's sockets, which a virtual thread waits on without pinning its carrier). *local_port is
 * the port of librtmp's end: the caller accepts the one connection whose peer has that port on
 * 127.0.0.1, so that no other local process can take librtmp's place. NRTMP_REFUSED as there,
 * and for a port out of range; NRTMP_SYSTEM_ERROR with the system's code. */
nrtmp_status nrtmp_attach_loopback(RTMP *r, int port, int *local_port, int *system_error);

/* recv on the outer end: what librtmp sent, at most size bytes; *nread 0 once librtmp closed or
 * shut down its end (or nrtmp_pipe_shutdown woke the read). NRTMP_SYSTEM_ERROR with the code. */
nrtmp_status nrtmp_pipe_read(int outer, char *buf, int size, int *nread, int *system_error);

/* send of all size bytes to librtmp's end. NRTMP_SYSTEM_ERROR with the code (librtmp's end is
 * gone, or the pipe was shut down). */
nrtmp_status nrtmp_pipe_write(int outer, const char *buf, int size, int *system_error);

/* both == 0: librtmp reads the end of the stream after what was written; both != 0: also wakes a
 * nrtmp_pipe_read blocked on the outer end. */
nrtmp_status nrtmp_pipe_shutdown(int outer, int both);

nrtmp_status nrtmp_pipe_close(int outer);

/* ---- trace.c */

/* What a trace step reports. The Java side mirrors this list by position and name
 * (TraceEvent.Kind, checked against nrtmp_trace_kind_name by a test). */
enum nrtmp_trace_kind {
  NRTMP_TRACE_RESOLVE = 0, /* the host and port about to be resolved */
  NRTMP_TRACE_ADDRINFO,    /* a field of a struct addrinfo from getaddrinfo */
  NRTMP_TRACE_SOCKET,      /* a socket the shim opens itself */
  NRTMP_TRACE_LINK,        /* a field of r->Link read where RTMP_Connect0 uses it */
  NRTMP_TRACE_PROTOCOL,    /* a protocol flag checked at the top of RTMP_Connect1 */
  NRTMP_TRACE_KIND_COUNT
};

/* "RESOLVE", "ADDRINFO", ...; NULL outside the enum. */
const char *nrtmp_trace_kind_name(int kind);

/* One step of a traced connect: key and value as text, the decoded address where there is
 * one, raw bytes for sa_data (value is NULL then). Must not unwind. */
typedef void (*nrtmp_trace_sink)(int kind, const char *key, const char *value, const char *address,
                                 const unsigned char *bytes, int nbytes);

/* Process-global, like librtmp's log: events belong to the connect running on the thread. */
nrtmp_status nrtmp_set_trace_sink(nrtmp_trace_sink sink);

/* ---- stream.c */

/* RTMP_ConnectStream's loop (seek, m_bPlaying, RTMP_IsConnected, RTMP_ReadPacket +
 * RTMP_ClientPacket), after handing librtmp the answer to connect that nrtmp_connect kept; it
 * also ends at an onStatus or _error whose level is "error" (NRTMP_ERROR_STATUS: its code and
 * description from nrtmp_error_status), and within timeout_ms (<= 0: no limit of its own):
 * NRTMP_SETUP_TIMED_OUT, nrtmp_call_report saying what it waited for. Otherwise NRTMP_OK when
 * the stream started, NRTMP_RECEIVE_TIMED_OUT, NRTMP_INTERRUPTED or NRTMP_FAILED (librtmp's
 * reason is in its log). */
nrtmp_status nrtmp_connect_stream(RTMP *r, int seek_ms, int timeout_ms);

/* RTMP_Pause and RTMP_SendSeek, within the send timeout as a whole; as nrtmp_write otherwise
 * (NRTMP_SEND_TIMED_OUT, NRTMP_FAILED, NRTMP_NOT_CONNECTED). */
nrtmp_status nrtmp_pause(RTMP *r, int pause);
nrtmp_status nrtmp_seek(RTMP *r, int millis);

/* How long a later nrtmp_read may wait for media, and a later nrtmp_write for the server to take
 * all of its bytes (NRTMP_MEDIA_TIMED_OUT); <= 0: no limit of its own (the default). */
nrtmp_status nrtmp_set_media_timeout(RTMP *r, int millis);

/* SO_SNDTIMEO on librtmp's socket (librtmp sets only SO_RCVTIMEO); millis < 0 takes librtmp's
 * receive timeout (option "timeout", seconds), 0 means none; the value set goes to *applied_ms.
 * NRTMP_NOT_CONNECTED without a socket, NRTMP_SYSTEM_ERROR when setsockopt failed. */
nrtmp_status nrtmp_set_send_timeout(RTMP *r, int millis, int *applied_ms);

/* Sends Set Chunk Size (type 1, chunk stream 2) and, once sent, uses the size for what follows
 * (r->m_outChunkSize), within the send timeout as a whole. NRTMP_REFUSED when size < 1; a failed
 * send as nrtmp_write's. */
nrtmp_status nrtmp_set_out_chunk_size(RTMP *r, int size);

/* r->m_outChunkSize: librtmp's outgoing chunk size (128 until changed). */
nrtmp_status nrtmp_out_chunk_size(RTMP *r, int *size);

/* *yes = 1 when librtmp was built with crypto, so that its publisher authentication (pubUser,
 * pubPasswd) exists; 0 in a NO_CRYPTO build, where those options are accepted and ignored. */
nrtmp_status nrtmp_has_publisher_auth(int *yes);

/* Ends a publish the way RTMP_Close does (FCUnpublish, deleteStream), then half-closes the
 * socket and reads (discarding) until the server closes its side or linger_ms pass. The caller
 * then frees r. NRTMP_OK when the server closed, NRTMP_LINGER_EXPIRED, NRTMP_SYSTEM_ERROR,
 * NRTMP_INTERRUPTED, or NRTMP_NOT_CONNECTED. */
nrtmp_status nrtmp_finish_publish(RTMP *r, int linger_ms);

/* ---- data.c */

/* How a media message whose timestamp is lower than the previous one on its chunk stream goes
 * out: wrapped == 0 with a type-0 header and its absolute timestamp (native/patches/0017, the
 * default after RTMP_Init), wrapped != 0 as librtmp's unsigned delta (about 2^32).
 * NRTMP_REFUSED for wrapped == 0 when librtmp was built without native/patches, which always
 * wraps. */
nrtmp_status nrtmp_set_backwards_timestamps(RTMP *r, int wrapped);

/* RTMP_Write of buf (whole FLV tags: librtmp reads past a buffer that ends inside one).
 * NRTMP_OK, NRTMP_NOT_CONNECTED, NRTMP_SEND_TIMED_OUT (told from the send's own error code),
 * NRTMP_MEDIA_TIMED_OUT (the server did not take it all within the media timeout), NRTMP_INTERRUPTED or
 * NRTMP_FAILED. librtmp closes the connection after a failed send. */
nrtmp_status nrtmp_write(RTMP *r, const char *buf, int size);

/* RTMP_Read: FLV bytes into buf, their count into *nread. NRTMP_END_OF_STREAM at Play.Complete,
 * Play.Stop or UnpublishNotify (RTMP_Read returns 0 for those and for a broken connection
 * alike); NRTMP_MEDIA_TIMED_OUT when no media arrived within the media timeout;
 * NRTMP_STREAM_BROKEN, NRTMP_RECEIVE_TIMED_OUT, NRTMP_INTERRUPTED, NRTMP_NOT_CONNECTED or
 * NRTMP_FAILED otherwise. */
nrtmp_status nrtmp_read(RTMP *r, char *buf, int size, int *nread);

/* ---- io.c (the rules are in io.h) */

/* While a shim call runs, the bytes librtmp sends on r's socket are gathered into writes of up
 * to limit bytes, flushed whenever librtmp is about to receive, before close and at the end of
 * the call: the same bytes in the same order, in far fewer send() calls (one per chunk
 * otherwise). limit < 0: the default (65536); 0: off, one send() per librtmp send as without
 * the shim. Set before the connect; calls into librtmp made directly, not through the shim,
 * never coalesce. NRTMP_REFUSED for a limit from 1 to 255. */
nrtmp_status nrtmp_set_send_coalescing(RTMP *r, int limit);

/* While r's connect and stream setup wait for the server, TCP_QUICKACK before every wait (io.h,
 * QUICK ACKS): the server's replies are not held back until the client's delayed
 * acknowledgement. on != 0: on (the default); 0: off, as librtmp. Set before the connect. Linux
 * only; nothing on other systems, nor on a socket that refuses it (the pipe of rtmps). */
nrtmp_status nrtmp_set_quick_ack(RTMP *r, int on);

/* How many times TCP_QUICKACK was set on r's socket so far. */
nrtmp_status nrtmp_quick_acks(RTMP *r, long long *count);

/* How many send() system calls the shim's calls on r have made so far. */
nrtmp_status nrtmp_send_calls(RTMP *r, long long *count);

/* The bytes of memory r's send buffer holds now: 0 between two calls, since a call's buffer is
 * freed when the call ends (io.h, struct shim_sendbuf). */
nrtmp_status nrtmp_send_buffer_held(RTMP *r, long long *bytes);

/* *yes = 1 once a receive on r's connection has found it closed by the server (recv returned 0),
 * which librtmp does not tell from a broken connection. */
nrtmp_status nrtmp_peer_closed(RTMP *r, int *yes);

/* ---- events.c: messages beside the media, packets, remote calls, statistics.
 *
 * A message crosses to Java as a record: byte 0 the message type, byte 1 the chunk header type
 * (RTMP_PACKET_SIZE_*), bytes 2-3 zero, then big-endian 32-bit fields: chunk stream (4), timestamp
 * (8), message stream id (12), body size (16); the body follows at NRTMP_RECORD_HEADER. */
#define NRTMP_RECORD_HEADER 20
/* What nrtmp_keep_messages keeps at most before it drops (and counts) further messages. */
#define NRTMP_MESSAGE_QUEUE_MAX (4 << 20)

/* on != 0: every message librtmp handles from now on (RTMP_ClientPacket, in any call: reads,
 * stream setup, nrtmp_process), audio, video and aggregates excepted, is kept for
 * nrtmp_take_messages. NRTMP_REFUSED when librtmp was built without native/patches (0019). */
nrtmp_status nrtmp_keep_messages(RTMP *r, int on);

/* Moves the oldest kept records that fit in size bytes to buf: *taken bytes of whole records;
 * *next_size the size of the next one left (0: none left), *dropped the messages not kept since
 * the last take because the queue was full. */
nrtmp_status nrtmp_take_messages(RTMP *r, char *buf, int size, int *taken, int *next_size,
                                 long long *dropped);

/* RTMP_SendPacket of one record (queue: librtmp remembers an invoke's transaction id for its
 * answer), within the media timeout as nrtmp_write. NRTMP_REFUSED for a malformed record
 * (body size, header type above 3, chunk stream outside 2..65599). */
nrtmp_status nrtmp_send_packet(RTMP *r, const char *record, int len, int queue);

/* A command message method(transaction id, args...) on librtmp's invoke channel (chunk stream 3,
 * medium header, timestamp 0) and message stream stream_id; the transaction id is librtmp's next
 * (++m_numInvokes, into *txn), and RTMP_SendPacket queues it so that librtmp matches the answer as
 * its own. args: the AMF0 values after the transaction id (the command object first). */
nrtmp_status nrtmp_invoke(RTMP *r, const char *method, int method_len, const char *args, int args_len,
                          int stream_id, double *txn);

/* A User Control Ping Request with librtmp's clock; the answer's round trip goes into the
 * statistics (NRTMP_STAT_PING_RTT_US) when a later call handles it. */
nrtmp_status nrtmp_ping(RTMP *r);

/* RTMP_ReadPacket until one whole message, within timeout_ms (<= 0: librtmp's receive timeout
 * alone); librtmp does not handle it. *record_len: its record's size, for
 * nrtmp_take_read_packet. NRTMP_MEDIA_TIMED_OUT, NRTMP_RECEIVE_TIMED_OUT, NRTMP_FAILED ... */
nrtmp_status nrtmp_read_packet(RTMP *r, int timeout_ms, int *record_len);
/* The message nrtmp_read_packet read, as a record into buf; NRTMP_REFUSED when none or too small. */
nrtmp_status nrtmp_take_read_packet(RTMP *r, char *buf, int size);

/* RTMP_ClientPacket of one record: librtmp handles it as if read (and may answer the server);
 * *media as RTMP_ClientPacket returns (1: a media message). */
nrtmp_status nrtmp_handle_packet(RTMP *r, const char *record, int len, int *media);

/* Reads and handles messages (RTMP_ClientPacket; media ones are dropped) until the answer
 * (_result or _error) to transaction txn, or the Ping Response (NRTMP_AWAIT_PING) (*answered = 1), for a connection on which nothing else
 * reads. A new message is begun only within wait_ms; one begun is read to its end within
 * timeout_ms (<= 0: librtmp's receive timeout alone). NRTMP_OK when the wait ended unanswered. */
nrtmp_status nrtmp_process(RTMP *r, int wait_ms, int timeout_ms, double txn, int *answered);
/* nrtmp_process's txn for the answer to the last nrtmp_ping instead of a call's. */
#define NRTMP_AWAIT_PING (-1.0)

/* nrtmp_statistics' values, by index. */
enum nrtmp_stat {
  NRTMP_STAT_BYTES_IN = 0,     /* bytes received */
  NRTMP_STAT_BYTES_OUT,        /* bytes handed to the socket (or the TLS pipe) */
  NRTMP_STAT_MESSAGES_IN,      /* whole messages read */
  NRTMP_STAT_MESSAGES_OUT,     /* messages RTMP_SendPacket sent */
  NRTMP_STAT_MEDIA_IN,         /* of them audio, video, aggregate */
  NRTMP_STAT_MEDIA_OUT,
  NRTMP_STAT_ACKS_IN,          /* Acknowledgements from the server */
  NRTMP_STAT_ACKED_BYTES,      /* the sequence number of the last one (bytes it had received, mod 2^32) */
  NRTMP_STAT_SERVER_WINDOW,    /* the server's Window Acknowledgement Size */
  NRTMP_STAT_SEND_BUFFERED,    /* bytes in the shim's send buffer, not yet handed to the socket */
  NRTMP_STAT_PING_RTT_US,      /* the last nrtmp_ping's round trip in microseconds; -1: none yet */
  NRTMP_STAT_STREAM_TIME_IN,   /* timestamp of the last media message read, ms */
  NRTMP_STAT_STREAM_TIME_OUT,  /* ... sent */
  NRTMP_STAT_PINGS_ANSWERED,   /* Ping Responses to nrtmp_ping handled */
  NRTMP_STAT_NATIVE_BYTES,     /* native memory the connection holds: see nrtmp_statistics */
  NRTMP_STAT_COUNT
};

/* The first count statistics into values (enum nrtmp_stat; 0 past NRTMP_STAT_COUNT). Reads
 * counters only: safe beside a call of another thread on r (values may be a moment old).
 * NRTMP_STAT_NATIVE_BYTES adds up, at the sizes malloc gave the blocks: the connection's own
 * block (librtmp's RTMP struct and the shim's state), every heap block librtmp holds for it
 * (packets, channel tables, the URL's parts: counted as librtmp allocates and frees them), the
 * send buffer while a call holds it, the queue of kept messages, and on an engine its fiber (the
 * stack's pages in use: resident on Linux, committed on Windows). Not in it: malloc's own
 * bookkeeping, the socket's kernel buffers, and a name lookup's thread while it runs. */
nrtmp_status nrtmp_statistics(RTMP *r, long long *values, int count);

/* ---- link.c */

/* What librtmp parsed from the URL and the options (r->Link), for messages that name it. */
typedef enum nrtmp_link_field {
  NRTMP_LINK_APP = 0,      /* the application, as sent in connect */
  NRTMP_LINK_PLAYPATH      /* the stream name published or played */
} nrtmp_link_field;

/* The field's text into buf (NUL-terminated, truncated to size), its whole length into *len (0
 * when unset). Valid from RTMP_SetupURL until the connection is first closed (RTMP_Close frees
 * the parsed playpath). NRTMP_REFUSED for an unknown field. */
nrtmp_status nrtmp_link_text(RTMP *r, int field, char *buf, int size, int *len);

/* ---- engine.c: many connections' calls on a few threads (see engine.c) */

/* The calls an engine runs, each as the nrtmp_* function of its name with (a, b, buf). */
typedef enum nrtmp_op {
  NRTMP_OP_CONNECT = 1,        /* nrtmp_connect(r, a = timeout_ms, untraced) */
  NRTMP_OP_CONNECT_STREAM,     /* nrtmp_connect_stream(r, a = seek_ms, b = timeout_ms) */
  NRTMP_OP_WRITE,              /* nrtmp_write(r, buf, a = size) */
  NRTMP_OP_READ,               /* nrtmp_read(r, buf, a = size, out = bytes read) */
  NRTMP_OP_SET_OUT_CHUNK_SIZE, /* nrtmp_set_out_chunk_size(r, a) */
  NRTMP_OP_PAUSE,              /* nrtmp_pause(r, a) */
  NRTMP_OP_SEEK,               /* nrtmp_seek(r, a) */
  NRTMP_OP_FINISH_PUBLISH,     /* nrtmp_finish_publish(r, a = linger_ms) */
  NRTMP_OP_COUNT
} nrtmp_op;

/* A new engine (its epoll and its wake-up descriptor), or NULL: *system_error says why, or is 0
 * where there is no engine (only Linux has one). Never freed: engines live as long as the
 * process. */
void *nrtmp_engine_new(int *system_error);

/* Queues call op on r's fiber (made at the first call: its stack is freed by nrtmp_free) and
 * wakes the engine; id comes back from nrtmp_engine_run when the call has finished. One call per
 * connection at a time, and a connection stays on the engine of its first call (NRTMP_REFUSED
 * otherwise, and for an unknown op). buf must stay valid until the call has finished. */
nrtmp_status nrtmp_engine_submit(void *engine, RTMP *r, int op, void *buf, int a, int b, int id);

/* As nrtmp_engine_submit, but the call starts on the calling thread, on r's fiber. result holds
 * three ints. When the call never has to wait (a write the socket takes, a read of bytes already
 * there) it finishes there, at once: result[0] = 1, and what nrtmp_engine_finish does is done
 * too (the log lines reach the sink on this thread; result[1] is the call's status, result[2]
 * its out value), and no id comes back. Where it must wait, the fiber is handed to the engine's
 * loop, which resumes it on its own thread, and result[0] = 0: id comes back from
 * nrtmp_engine_run as for a submitted call. Linux; elsewhere it submits. */
nrtmp_status nrtmp_engine_call(void *engine, RTMP *r, int op, void *buf, int a, int b, int id, int *result);

/* The engine's loop, on the one thread that runs it: starts what was submitted, waits up to
 * timeout_ms (-1: no limit) for a socket or a timer, resumes the calls whose wait is over, and
 * returns how many finished calls' ids it put into ids (at most max; the rest come next time). */
int nrtmp_engine_run(void *engine, int *ids, int max, int timeout_ms);

/* After r's call has finished (its id came back): hands the call's librtmp log lines to the log
 * sink, on the calling thread, and gives its status and out value (nrtmp_read's count).
 * NRTMP_REFUSED when no call of r has finished. */
nrtmp_status nrtmp_engine_finish(RTMP *r, int *status, int *out);

#endif
