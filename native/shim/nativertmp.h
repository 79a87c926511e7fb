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

/* Routes librtmp's process-global log to sink; NULL drops it (never stderr). */
void nrtmp_set_log_sink(nrtmp_log_sink sink);

/* RTMP_SetOpt with C strings. librtmp keeps the value pointer: the caller keeps it alive
 * until RTMP_Free. Returns librtmp's result (FALSE for an unknown key or a bad value). */
int nrtmp_set_opt(RTMP *r, const char *key, char *value);

/* The socket librtmp uses, or -1. */
int nrtmp_socket(RTMP *r);

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

#endif
