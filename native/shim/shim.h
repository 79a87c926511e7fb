/* native-rtmp shim, private: the state the shim keeps per connection and the functions its files
 * share. Not exported, not part of nativertmp.h. */
#ifndef NRTMP_SHIM_H
#define NRTMP_SHIM_H

#include "nativertmp.h"
#ifdef _WIN32
#include <errno.h>
/* rtmp_sys.h defines it as WSAETIMEDOUT over MinGW's errno value; undefined first, it does so
 * without a redefinition warning in every file. */
#undef EWOULDBLOCK
#endif
#include "rtmp_sys.h"
#include "io.h"

#include <errno.h>
#include <stddef.h>

#ifndef _WIN32
/* As in io_redirect.h: a call on the engine may continue on another thread than it began on, so
 * errno and the shim's thread-locals are read through functions that are never inlined. */
int *shim_errno_location(void);
#undef errno
#define errno (*shim_errno_location())
#define SHIM_FRESH __attribute__((noinline))
#else
#define SHIM_FRESH
#endif

#ifdef _WIN32
typedef CRITICAL_SECTION shim_mutex;
#define shim_mutex_init(m) InitializeCriticalSection(m)
#define shim_mutex_destroy(m) DeleteCriticalSection(m)
#define shim_mutex_lock(m) EnterCriticalSection(m)
#define shim_mutex_unlock(m) LeaveCriticalSection(m)
#define NRTMP_SHUT_BOTH SD_BOTH
#define NRTMP_SHUT_WRITE SD_SEND
/* A send that made no progress within SO_SNDTIMEO fails with this code. */
#define SHIM_SEND_TIMED_OUT_ERROR(err) ((err) == WSAETIMEDOUT)
#define SHIM_CONNECTION_ABORTED WSAECONNABORTED
/* What a wait that reached its limit reports (a connect, a send) */
#define SHIM_TIMED_OUT WSAETIMEDOUT
/* A send that would have to wait (the socket nonblocking for it) */
#define SHIM_WOULD_BLOCK(err) ((err) == WSAEWOULDBLOCK)
#else
#include <pthread.h>
typedef pthread_mutex_t shim_mutex;
#define shim_mutex_init(m) pthread_mutex_init((m), NULL)
#define shim_mutex_destroy(m) pthread_mutex_destroy(m)
#define shim_mutex_lock(m) pthread_mutex_lock(m)
#define shim_mutex_unlock(m) pthread_mutex_unlock(m)
#define NRTMP_SHUT_BOTH SHUT_RDWR
#define NRTMP_SHUT_WRITE SHUT_WR
#define SHIM_SEND_TIMED_OUT_ERROR(err) ((err) == EAGAIN || (err) == EWOULDBLOCK)
#define SHIM_CONNECTION_ABORTED ECONNABORTED
#define SHIM_TIMED_OUT ETIMEDOUT
#define SHIM_WOULD_BLOCK(err) ((err) == EAGAIN || (err) == EWOULDBLOCK)
#endif

/* gethostbyname's answer, kept per connection (resolve.c). */
struct shim_host_entry {
  struct hostent entry;
  char *aliases[1];
  char *addresses[2];
  struct in_addr address;
};

#define SHIM_COMMAND_NAMES 4
#define SHIM_COMMAND_NAME_MAX 32
#define NRTMP_STATUS_TEXT_MAX 512

/* nrtmp_call_report's content (nativertmp.h), kept up to date while a call runs. */
struct shim_report {
  int step;                  /* enum nrtmp_step */
  char subject[256]; /* what the step is about: the name looked up, the address connected to, the command awaited */
  long long seen[NRTMP_SEEN_COUNT];
  char commands[SHIM_COMMAND_NAMES][SHIM_COMMAND_NAME_MAX]; /* distinct command names seen */
};

/* The messages beside the media (events.c), guarded by the call lock. */
struct shim_messages {
  int keeping;              /* nrtmp_keep_messages: the observer keeps what it is given */
  unsigned char *buf;       /* records (NRTMP_RECORD_HEADER) not yet taken */
  size_t len, cap;
  long long dropped;        /* records not kept since the last take: the queue was full */
  int from_java;            /* nrtmp_handle_packet runs: a message not counted as received */
  double awaited_txn;       /* nrtmp_process waits for the answer to this call, or 0 */
  int answered;
  RTMPPacket read;          /* nrtmp_read_packet's message until nrtmp_take_read_packet */
  int has_read;
};

/* Counters of one connection (nrtmp_statistics), written by its calls, read from any thread. */
struct shim_stats {
  volatile long long messages_in, messages_out, media_in, media_out, acks_in, acked_bytes;
  volatile long long ping_rtt_us;  /* -1 before the first answered ping */
  volatile long long stream_time_in, stream_time_out;
  volatile long long pings_answered;
  volatile long long librtmp_heap; /* librtmp's heap blocks for the connection (alloc.c) */
  long long ping_sent_us;          /* nrtmp_ping's time, until its answer; 0: none awaited */
  unsigned int ping_sent_stamp;
};

/* One connection. The RTMP struct comes first, so that the RTMP* handed out by nrtmp_alloc is
 * also a pointer to this (C11 6.7.2.1p15); librtmp's RTMP_Free frees the whole block. */
struct shim_conn {
  RTMP rtmp;
  shim_mutex lock;   /* guards wake_fd and interrupted, taken by the calling thread and by
                         nrtmp_interrupt from another one; never held across a blocking call */
  int wake_fd;        /* the connection's socket while open and watched, or -1 */
  int interrupted;    /* set by nrtmp_interrupt: no blocking step starts after it */
  int in_connect0;    /* librtmp's RTMP_Connect0 runs (see shim_watch_connect0) */
  int connect0_closing; /* ... and has logged an error: it may close its socket any moment */
  int watching;       /* what the log sink watches for on the calling thread: SHIM_WATCH_* */
  int send_timed_out; /* a send of the current write timed out (see shim_watch_sends, io.h) */
  struct shim_io io;  /* how librtmp's bytes reach the socket: io.h */
  int pipe_fd;        /* librtmp's end of nrtmp_attach_pipe's pair until nrtmp_connect, or -1 */
  struct shim_lookup *lookup; /* the name lookup a call waits for (resolve.c), under lock */
  struct shim_host_entry socks_target; /* what gethostbyname returned for the SOCKS target */
  RTMPPacket held;    /* the answer to connect, read by nrtmp_connect, handled by nrtmp_connect_stream */
  int media_timeout_ms; /* nrtmp_set_media_timeout */
  struct shim_report report; /* what the last call was doing and what the server sent meanwhile */
  char status_code[NRTMP_STATUS_TEXT_MAX];        /* of the last NRTMP_ERROR_STATUS */
  char status_description[NRTMP_STATUS_TEXT_MAX];
  struct shim_fiber *fiber; /* the connection's calls on an engine (engine.c), or NULL */
  struct shim_messages messages;
  struct shim_stats stats;
};

#define SHIM_WATCH_SENDS 1
#define SHIM_WATCH_CONNECT0 2

static inline struct shim_conn *shim_conn_of(RTMP *r)
{
  return (struct shim_conn *)r;
}

/* transport.c: two connected stream sockets (socketpair; on Windows two loopback TCP
 * sockets); 0, or -1 with the socket error code set. */
int shim_make_pair(int fds[2]);

/* engine.c */

/* The fiber whose call runs on this thread, or NULL (not on an engine). */
struct shim_fiber *shim_fiber_current(void);
/* On a fiber: waits until fd (-1: none) is readable (writable) or timeout_ms pass (-1: no limit)
 * by switching to the engine's loop. 1 ready, 0 time up, -1 with errno set. */
int shim_fiber_wait(int fd, int for_write, int timeout_ms);
/* On a fiber: keeps a librtmp log line for nrtmp_engine_finish (nothing on a fiber calls Java). */
void shim_fiber_log(int level, const char *line);
/* nrtmp_free: the connection's fiber and its stack. */
void shim_fiber_free(struct shim_conn *c);
/* The bytes c's fiber holds (NRTMP_STAT_NATIVE_BYTES); 0 without one. */
long long shim_fiber_bytes(struct shim_conn *c);

/* alloc.c */

/* NRTMP_STAT_NATIVE_BYTES: what c holds now, from any thread (not beside nrtmp_free). */
long long shim_native_bytes(struct shim_conn *c);

/* switch.c (Linux): a fiber's saved context, made on a stack of its own and switched to. */
#ifdef __linux__
#if defined(__SANITIZE_ADDRESS__)
#define SHIM_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SHIM_ASAN 1
#endif
#endif
#if (defined(__x86_64__) || defined(__aarch64__)) && !defined(SHIM_ASAN)
#define SHIM_OWN_SWITCH 1
typedef struct { void *sp; } shim_context;
#else
#include <ucontext.h>
typedef ucontext_t shim_context;
#endif
/* c, to be switched to: entry (which never returns) starts on the stack [stack, stack + size). */
void shim_context_make(shim_context *c, char *stack, size_t size, void (*entry)(void));
/* Saves the running context into from and continues to (where it was saved, or made). */
void shim_context_switch(shim_context *from, shim_context *to);
#endif

/* lifetime.c */

/* The log sink, if any, with one line (nrtmp_engine_finish, on the caller's thread). */
void shim_log_to_sink(int level, const char *line);
/* The connection whose watched call runs on this thread (observe_error), and setting it: the
 * engine carries it with a call from fiber to fiber. */
struct shim_conn *shim_watched(void);
void shim_set_watched(struct shim_conn *c);

/* Milliseconds of a monotonic clock (never set back, unlike the time of day). */
long long shim_now_ms(void);
/* The same clock in microseconds. */
long long shim_now_us(void);

/* events.c: the packet observer set up (nrtmp_alloc), and its memory freed (nrtmp_free). */
void shim_messages_init(struct shim_conn *c);
void shim_messages_release(struct shim_conn *c);

/* A readable text for a socket error code: strerror for errno values, the system's message for
 * Winsock codes (which strerror does not know). */
const char *shim_socket_error_text(int err, char *buf, size_t size);

/* Makes fd (a socket the calling thread holds open) the one nrtmp_interrupt shuts down, until
 * shim_forget_socket or its close through shim_close_watched. Returns 1 when the connection was
 * already interrupted (the socket is then shut down at once), 0 otherwise. */
int shim_watch_socket(struct shim_conn *c, int fd);

/* nrtmp_interrupt no longer reaches the connection's socket; the caller closes it, if at all. */
void shim_forget_socket(struct shim_conn *c);

/* close_fn(ctx, fd) under the connection's mutex, forgetting fd first if it is the watched
 * socket: no nrtmp_interrupt can shut down the number once the system may reuse it. close_fn must
 * neither log nor wait. Returns what close_fn returned. */
int shim_close_watched(struct shim_conn *c, int fd, int (*close_fn)(void *ctx, int fd), void *ctx);

/* After a call: once librtmp has closed its socket itself (a failed send or receive,
 * Play.Complete), the shim watches no socket any more (shim_close_watched already forgot it; this
 * is the safety net). Returns status, for a tail call. */
nrtmp_status shim_settle(struct shim_conn *c, nrtmp_status status);

/* True once nrtmp_interrupt was called. */
int shim_is_interrupted(struct shim_conn *c);

/* Around calls that only send (RTMP_Write, RTMP_SendPacket): librtmp's WriteN logs the failed
 * send's error before it closes the connection, and the log sink sees the error code right then
 * (see forward_log). Sets c->send_timed_out for a send that timed out. */
void shim_watch_sends(struct shim_conn *c);
void shim_unwatch_sends(struct shim_conn *c);

/* Around librtmp's RTMP_Connect0 (without SOCKS): nrtmp_interrupt may shut down librtmp's own
 * socket until RTMP_Connect0 logs an error, which it does before every RTMP_Close of that socket
 * (see nrtmp_interrupt). Returns 1, watching nothing, when the connection was interrupted
 * already: RTMP_Connect0 must not start then. */
int shim_watch_connect0(struct shim_conn *c);
void shim_unwatch_connect0(struct shim_conn *c);

/* What a send-only call came to when librtmp reported failure. */
nrtmp_status shim_send_failure(struct shim_conn *c);

/* data.c: the frame of a call that only sends (a write, a control message, librtmp's goodbye):
 * its report and its deadline of timeout_ms (<= 0: none) begin, sends are watched (a send that
 * timed out is told apart) and coalesced. shim_sending_end: what the call came to (sent: librtmp
 * reported success), timed_out when its deadline passed. */
void shim_sending_begin(struct shim_conn *c, int timeout_ms);
nrtmp_status shim_sending_end(struct shim_conn *c, int sent, nrtmp_status timed_out);

/* stream.c: nrtmp_connect's last step, reading until the server answers connect (the answer is
 * kept for nrtmp_connect_stream). NRTMP_OK, or what the wait came to. */
nrtmp_status shim_await_connect_answer(struct shim_conn *c);

/* The error status texts (nrtmp_error_status) emptied, at the start of a call. */
void shim_clear_status_texts(struct shim_conn *c);

/* A call begins: its report starts empty at step, its waits end by timeout_ms from now (<= 0:
 * none). stream.c. */
void shim_report_begin(struct shim_conn *c, int step, int timeout_ms);

/* A message read during a call, counted in its report (stream.c). */
void shim_report_message(struct shim_conn *c, const RTMPPacket *packet);

/* The step as librtmp's state shows it now (an RTMPT open not yet answered, the command a
 * stream setup waits for); called when a deadline passes, before anything is closed. */
void shim_report_refine(struct shim_conn *c);

/* For a call that failed: the deadline's own status when its deadline passed (unless
 * interrupted), else status. */
nrtmp_status shim_deadline_status(struct shim_conn *c, nrtmp_status status, nrtmp_status timed_out);

/* resolve.c */

enum shim_resolution {
  SHIM_RESOLVED,
  SHIM_RESOLVE_FAILED,      /* getaddrinfo's code in *rc */
  SHIM_RESOLVE_TIMED_OUT,   /* the call's deadline passed first (marked passed) */
  SHIM_RESOLVE_INTERRUPTED,
  SHIM_RESOLVE_NO_MEMORY
};

/* getaddrinfo within the call's deadline, woken by nrtmp_interrupt; *res is the caller's to free. */
enum shim_resolution shim_resolve(struct shim_conn *c, const char *host, const char *port,
                                  const struct addrinfo *hints, struct addrinfo **res, int *rc);

/* nrtmp_interrupt, c->lock held: wakes a call waiting for a lookup. */
void shim_wake_lookup(struct shim_conn *c);

/* trace.c */

struct shim_tracer {
  int on;
};

void shim_trace(const struct shim_tracer *t, int kind, const char *key, const char *value,
                 const char *address, const unsigned char *bytes, int nbytes);
void shim_trace_int(const struct shim_tracer *t, int kind, const char *key, long value);
/* "192.168.0.12:1935" or "[::1]:1935". */
void shim_format_address(const struct sockaddr *sa, char *out, size_t size);
void shim_trace_addrinfo(const struct shim_tracer *t, const struct addrinfo *ai,
                          const char *address);

/* transport.c */

/* nrtmp_connect's first step for a connection with a pipe attached: librtmp's end becomes its
 * socket (with librtmp's receive timeout), no resolving, no TCP connect. */
nrtmp_status shim_connect_pipe(struct shim_conn *c, const struct shim_tracer *t);

/* nrtmp_free: closes librtmp's end when no connect took it. */
void shim_close_unused_pipe(struct shim_conn *c);

#endif
