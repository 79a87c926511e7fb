/* native-rtmp shim: the few things librtmp's public API cannot do for a Java caller.
 * Every function returns a status; none calls into Java except the one registered log sink. */
#ifndef NATIVERTMP_H
#define NATIVERTMP_H

#include "rtmp.h"
#include "log.h"

/* Receives one formatted librtmp log message (no trailing newline). Must not unwind. */
typedef void (*nrtmp_log_sink)(int level, const char *text);

/* The project version this library was built as; the Java side refuses any other. */
const char *nrtmp_version(void);

/* Starts what librtmp needs from the system once per process (Winsock on Windows; nothing
 * elsewhere). Returns 0, or the system's error code. */
int nrtmp_startup(void);

/* Routes librtmp's process-global log to sink; NULL drops it (never stderr). */
void nrtmp_set_log_sink(nrtmp_log_sink sink);

/* RTMP_SetOpt with C strings. librtmp keeps the value pointer: the caller keeps it alive
 * until RTMP_Free. Returns librtmp's result (FALSE for an unknown key or a bad value). */
int nrtmp_set_opt(RTMP *r, const char *key, char *value);

/* RTMP_Read's status (r->m_read.status): RTMP_READ_COMPLETE after Play.Complete or Play.Stop,
 * RTMP_READ_EOF after a broken connection or a timeout (RTMP_Read returns 0 for both). */
int nrtmp_read_status(RTMP *r);

/* Shuts the socket down (without closing it) so that a call blocked in another thread
 * returns; RTMP_Close still owns the descriptor. Returns 0, or -1 with no socket. */
int nrtmp_interrupt(RTMP *r);

/* trace: the connect in librtmp's steps (see trace.c) */

/* What a trace event reports; the Java side names the same numbers. */
#define NRTMP_TRACE_RESOLVE 1
#define NRTMP_TRACE_ADDRINFO 2
#define NRTMP_TRACE_SOCKET 3
#define NRTMP_TRACE_LINK 4
#define NRTMP_TRACE_PROTOCOL 5

/* One step of a traced connect: key and value as text, the decoded address where there is
 * one, raw bytes for sa_data (value is NULL then). Must not unwind. */
typedef void (*nrtmp_trace_sink)(int kind, const char *key, const char *value, const char *address,
                                 const unsigned char *bytes, int nbytes);

/* Process-global, like librtmp's log: events belong to the connect running on the thread. */
void nrtmp_set_trace_sink(nrtmp_trace_sink sink);

#define NRTMP_CONNECT_OK 1
#define NRTMP_CONNECT_FAILED 0
#define NRTMP_CONNECT_TIMED_OUT (-2)

/* RTMP_Connect in librtmp's steps: resolve with getaddrinfo, RTMP_Connect0 (the shim's own
 * socket for IPv6 or with a time limit), m_bSendCounter = TRUE, RTMP_Connect1. Tries every
 * resolved address in order. connect_timeout_ms <= 0: no limit (librtmp's behaviour).
 * traced != 0 reports every step to the trace sink. Returns an NRTMP_CONNECT_* value. */
int nrtmp_connect(RTMP *r, int connect_timeout_ms, int traced);

/* Points Link.hostname at host (inside the URL buffer, for "[v6]" URLs that librtmp's parser
 * cannot split) and sets Link.port when port > 0. */
int nrtmp_set_host(RTMP *r, char *host, int host_len, int port);

/* streams */

/* nrtmp_connect_stream's result when the server answered with an error status. */
#define NRTMP_STREAM_ERROR_STATUS 2

/* RTMP_ConnectStream's loop (seek, m_bPlaying, RTMP_IsConnected, RTMP_ReadPacket +
 * RTMP_ClientPacket), which also ends at an onStatus or _error whose level is "error", copying
 * its code and description (NUL-terminated, truncated to the buffers). Returns 1 when the
 * stream started, NRTMP_STREAM_ERROR_STATUS on an error status, 0 otherwise (librtmp's reason
 * is in its log; RTMP_IsTimedout tells a receive timeout). */
int nrtmp_connect_stream(RTMP *r, int seek_ms, char *code, int code_len, char *desc, int desc_len);

/* SO_SNDTIMEO on librtmp's socket (librtmp sets only SO_RCVTIMEO); millis < 0 takes librtmp's
 * receive timeout (option "timeout", seconds), 0 means none. Returns the milliseconds set, -1
 * without a socket, -2 when setsockopt failed. */
int nrtmp_set_send_timeout(RTMP *r, int millis);

/* Sends Set Chunk Size (type 1, chunk stream 2) and, once sent, uses the size for what
 * follows (r->m_outChunkSize). Returns TRUE, or FALSE when size < 1 or the send failed. */
int nrtmp_set_out_chunk_size(RTMP *r, int size);

/* 1 when librtmp was built with crypto, so that its publisher authentication (pubUser,
 * pubPasswd) exists; 0 in a NO_CRYPTO build, where those options are accepted and ignored. */
int nrtmp_has_publisher_auth(void);

/* r->m_outChunkSize: librtmp's outgoing chunk size (128 until changed). */
int nrtmp_out_chunk_size(RTMP *r);

/* Ends a publish the way RTMP_Close does (FCUnpublish, deleteStream), then half-closes the
 * socket and reads (discarding) until the server closes its side or linger_ms pass. The caller
 * then calls RTMP_Close. Returns 1 when the server closed, 2 when linger_ms passed, 3 on a
 * socket error, -1 when not connected. */
int nrtmp_finish_publish(RTMP *r, int linger_ms);

#endif
