/* native-rtmp shim, lifetime: version and status names, process startup, the log sink, and one
 * connection's life (alloc, interrupt from another thread, free). */
#include "shim.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef _WIN32
#include <time.h>
#endif

#ifndef NRTMP_VERSION
#define NRTMP_VERSION "0.0.0-dev"
#endif

/* librtmp formats into 2048 bytes itself (MAX_PRINT_LEN in log.c). */
#define NRTMP_LOG_LINE_MAX 2048

static nrtmp_log_sink log_sink;

static const char *const status_names[NRTMP_STATUS_COUNT] = {
  "OK", "FAILED", "REFUSED", "NOT_CONNECTED", "INTERRUPTED", "CONNECT_TIMED_OUT",
  "SETUP_TIMED_OUT", "MEDIA_TIMED_OUT", "RECEIVE_TIMED_OUT", "SEND_TIMED_OUT", "ERROR_STATUS", "END_OF_STREAM", "STREAM_BROKEN",
  "LINGER_EXPIRED", "SYSTEM_ERROR", "NO_MEMORY",
};

const char *nrtmp_status_name(int status)
{
  return status >= 0 && status < NRTMP_STATUS_COUNT ? status_names[status] : NULL;
}

const char *nrtmp_version(void)
{
  return NRTMP_VERSION;
}

/* ---- the connection whose watched call runs on this thread (see observe_error) */

#ifdef _WIN32
static DWORD watched_slot = TLS_OUT_OF_INDEXES;
struct shim_conn *shim_watched(void)
{
  return watched_slot == TLS_OUT_OF_INDEXES ? NULL : (struct shim_conn *)TlsGetValue(watched_slot);
}
void shim_set_watched(struct shim_conn *c)
{
  if (watched_slot != TLS_OUT_OF_INDEXES)
    TlsSetValue(watched_slot, c);
}
#else
static __thread struct shim_conn *watched_conn;
SHIM_FRESH struct shim_conn *shim_watched(void)
{
  return watched_conn;
}
SHIM_FRESH void shim_set_watched(struct shim_conn *c)
{
  watched_conn = c;
}
#endif

nrtmp_status nrtmp_startup(int *system_error)
{
  *system_error = 0;
#ifdef _WIN32
  {
    /* librtmp never starts Winsock (rtmpdump's main does); without this the first socket()
     * fails with WSANOTINITIALISED (10093) unless something else in the process started it. */
    WSADATA wsa;
    *system_error = WSAStartup(MAKEWORD(2, 2), &wsa);
    if (*system_error)
      return NRTMP_SYSTEM_ERROR;
    if (watched_slot == TLS_OUT_OF_INDEXES)
      watched_slot = TlsAlloc();
  }
#endif
  shim_io_startup();
  return NRTMP_OK;
}

/* librtmp logged an error line on this thread, during a call the shim watches (never text:
 * only the level, and the socket error code of the moment).
 *
 * During send-only calls (shim_watch_sends): a send that timed out shuts the socket down at once.
 * librtmp's WriteN calls RTMP_Close after a failed send, and RTMP_Close sends FCUnpublish and
 * deleteStream into the same stalled socket, each waiting the send timeout again. WriteN logs the
 * error between the two, with the send's error code still in errno (WSAGetLastError), read by
 * forward_log before anything can change it. Only there: a receive that timed out leaves the same
 * code behind, and its error line must not count as a send's.
 *
 * During RTMP_Connect0 (shim_watch_connect0): from here on librtmp may close its socket, so
 * nrtmp_interrupt stops touching it (the mutex orders the two). */
static void observe_error(int level, int err)
{
  struct shim_conn *c = shim_watched();
  if (!c || level > RTMP_LOGERROR)
    return;
  if (c->watching == SHIM_WATCH_CONNECT0) {
    shim_mutex_lock(&c->lock);
    c->connect0_closing = 1;
    shim_mutex_unlock(&c->lock);
  } else if (c->watching == SHIM_WATCH_SENDS && !c->send_timed_out && SHIM_SEND_TIMED_OUT_ERROR(err)) {
    c->send_timed_out = 1;
    shim_mutex_lock(&c->lock);
    if (c->wake_fd >= 0)
      shutdown(c->wake_fd, NRTMP_SHUT_BOTH);
    shim_mutex_unlock(&c->lock);
  }
}

static void forward_log(int level, const char *format, va_list args)
{
  int err = GetSockError(); /* first: the failed send's code, before formatting can change it */
  char line[NRTMP_LOG_LINE_MAX];
  nrtmp_log_sink sink = log_sink;
  int n;
  observe_error(level, err);
  if (!sink)
    return;
  n = vsnprintf(line, sizeof line, format, args);
  if (n < 0)
    return;
  n = (int)strlen(line);
  while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
    line[--n] = '\0';
  if (shim_fiber_current())
    shim_fiber_log(level, line); /* never into Java from a fiber's stack: handed over later */
  else
    sink(level, line);
}

void shim_log_to_sink(int level, const char *line)
{
  nrtmp_log_sink sink = log_sink;
  if (sink)
    sink(level, line);
}

nrtmp_status nrtmp_set_log_sink(nrtmp_log_sink sink)
{
  /* librtmp calls its callback unchecked, so it is never set to NULL: with no sink the
   * messages are dropped here instead of reaching librtmp's default stderr output. The level
   * stays at least RTMP_LOGERROR (the Java side never sets less): observe_error needs librtmp's
   * error lines. */
  log_sink = sink;
  RTMP_LogSetCallback(forward_log);
  return NRTMP_OK;
}

void shim_watch_sends(struct shim_conn *c)
{
  c->send_timed_out = 0;
  c->watching = SHIM_WATCH_SENDS;
  shim_set_watched(c);
}

void shim_unwatch_sends(struct shim_conn *c)
{
  c->watching = 0;
  shim_set_watched(NULL);
}

int shim_watch_connect0(struct shim_conn *c)
{
  int interrupted;
  shim_mutex_lock(&c->lock);
  interrupted = c->interrupted;
  c->in_connect0 = !interrupted && !c->rtmp.Link.socksport;
  c->connect0_closing = 0;
  shim_mutex_unlock(&c->lock);
  if (interrupted)
    return 1;
  c->watching = SHIM_WATCH_CONNECT0;
  shim_set_watched(c);
  return 0;
}

void shim_unwatch_connect0(struct shim_conn *c)
{
  c->watching = 0;
  shim_set_watched(NULL);
  shim_mutex_lock(&c->lock);
  c->in_connect0 = 0;
  shim_mutex_unlock(&c->lock);
}

nrtmp_status shim_send_failure(struct shim_conn *c)
{
  if (shim_is_interrupted(c))
    return NRTMP_INTERRUPTED;
  return c->send_timed_out || SHIM_SEND_TIMED_OUT_ERROR(c->io.error) ? NRTMP_SEND_TIMED_OUT : NRTMP_FAILED;
}

/* ---- time and error text */

long long shim_now_ms(void)
{
#ifdef _WIN32
  return (long long)GetTickCount64();
#else
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  return (long long)now.tv_sec * 1000 + now.tv_nsec / 1000000;
#endif
}

long long shim_now_us(void)
{
#ifdef _WIN32
  static LARGE_INTEGER frequency;
  LARGE_INTEGER now;
  if (!frequency.QuadPart)
    QueryPerformanceFrequency(&frequency);
  QueryPerformanceCounter(&now);
  return (long long)(now.QuadPart / frequency.QuadPart * 1000000
                     + now.QuadPart % frequency.QuadPart * 1000000 / frequency.QuadPart);
#else
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  return (long long)now.tv_sec * 1000000 + now.tv_nsec / 1000;
#endif
}

const char *shim_socket_error_text(int err, char *buf, size_t size)
{
#ifdef _WIN32
  DWORD n = FormatMessageA(FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS, NULL,
                           (DWORD)err, 0, buf, (DWORD)size, NULL);
  if (n == 0)
    snprintf(buf, size, "Winsock error");
  while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == '\r' || buf[n - 1] == '.'))
    buf[--n] = '\0';
  return buf;
#else
  snprintf(buf, size, "%s", strerror(err));
  return buf;
#endif
}

/* ---- one connection: alloc, the socket interrupts go to, interrupt, free */

nrtmp_status nrtmp_alloc(RTMP **out)
{
  struct shim_conn *c = calloc(1, sizeof *c);
  *out = NULL;
  if (!c)
    return NRTMP_NO_MEMORY;
  RTMP_Init(&c->rtmp);
  shim_mutex_init(&c->lock);
  c->wake_fd = -1;
  c->pipe_fd = -1;
  shim_io_init(&c->io);
  shim_messages_init(c);
  *out = &c->rtmp;
  return NRTMP_OK;
}

/* The connection's socket, as the one descriptor nrtmp_interrupt shuts down. librtmp closes it
 * whenever it likes (after a failed send or receive, inside RTMP_Connect0, at Play.Complete), but
 * every close of it goes through shim_io_close, which closes and forgets the number in one step
 * under the connection's mutex (shim_close_watched); nrtmp_interrupt shuts it down under the same
 * mutex. So a shutdown can never hit a number the system has since given to another file of the
 * application, and a connection costs one descriptor, not two. */
int shim_watch_socket(struct shim_conn *c, int fd)
{
  int interrupted;
  shim_mutex_lock(&c->lock);
  interrupted = c->interrupted;
  c->wake_fd = fd;
  if (interrupted && fd >= 0)
    shutdown(fd, NRTMP_SHUT_BOTH);
  shim_mutex_unlock(&c->lock);
  return interrupted;
}

void shim_forget_socket(struct shim_conn *c)
{
  shim_mutex_lock(&c->lock);
  c->wake_fd = -1;
  shim_mutex_unlock(&c->lock);
}

int shim_close_watched(struct shim_conn *c, int fd, int (*close_fn)(void *ctx, int fd), void *ctx)
{
  int rc;
  shim_mutex_lock(&c->lock);
  if (c->wake_fd == fd)
    c->wake_fd = -1;
  rc = close_fn(ctx, fd);
  shim_mutex_unlock(&c->lock);
  return rc;
}

nrtmp_status shim_settle(struct shim_conn *c, nrtmp_status status)
{
  if (!RTMP_IsConnected(&c->rtmp))
    shim_forget_socket(c);
  return status;
}

int shim_is_interrupted(struct shim_conn *c)
{
  int interrupted;
  shim_mutex_lock(&c->lock);
  interrupted = c->interrupted;
  shim_mutex_unlock(&c->lock);
  return interrupted;
}

/* Two cases, both under the connection's mutex:
 * - the shim watches the connection's socket (from the connect on, until it is closed): shut it
 *   down;
 * - librtmp's RTMP_Connect0 runs, its socket not yet watched: shut down that descriptor, but only while RTMP_Connect0 has logged no error. Without SOCKS, RTMP_Connect0
 *   closes that socket only after logging an error (connect() failed), and the log sink marks
 *   connect0_closing under this mutex first, so the shutdown here always comes before the close
 *   and can never hit a number the system has given to another file since. With SOCKS,
 *   librtmp's ReadN can close without an error line, so there only the flag is set, and the
 *   connect stops after RTMP_Connect0 returns. (sb_socket is written by librtmp without the
 *   mutex, once, from -1 to the new descriptor: an aligned int, read whole.) */
nrtmp_status nrtmp_interrupt(RTMP *r)
{
  struct shim_conn *c = shim_conn_of(r);
  shim_mutex_lock(&c->lock);
  c->interrupted = 1;
  shim_wake_lookup(c);
  if (c->wake_fd >= 0)
    shutdown(c->wake_fd, NRTMP_SHUT_BOTH);
  else if (c->in_connect0 && !c->connect0_closing && r->m_sb.sb_socket >= 0)
    shutdown(r->m_sb.sb_socket, NRTMP_SHUT_BOTH);
  shim_mutex_unlock(&c->lock);
  return NRTMP_OK;
}

nrtmp_status nrtmp_free(RTMP *r, int say_goodbye)
{
  struct shim_conn *c = shim_conn_of(r);
  if (!say_goodbye)
    nrtmp_interrupt(r);
  /* The goodbye within the send timeout as a whole; flushed before the socket closes
   * (shim_io_close). */
  shim_report_begin(c, NRTMP_STEP_SEND, c->io.send_timeout_ms);
  shim_io_begin(c);
  RTMP_Close(r);
  shim_io_finish(c);
  shim_io_release(&c->io);
  shim_messages_release(c);
  RTMPPacket_Free(&c->held); /* an answer to connect no stream setup took */
  shim_forget_socket(c);
  shim_close_unused_pipe(c);
  shim_mutex_destroy(&c->lock);
  shim_fiber_free(c);
  RTMP_Free(r); /* free(r): the whole nrtmp_conn */
  return NRTMP_OK;
}
