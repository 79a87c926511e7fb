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

#endif
