/* native-rtmp shim, I/O: where librtmp's send, recv and closesocket land (io_redirect.h), the
 * per-thread scope that says which connection's call is running, and the socket transport.
 * The rules are in io.h. */
#include "shim.h"

#include <limits.h>

#ifdef _WIN32
typedef WSAPOLLFD shim_pollfd;
#define shim_poll(fds, n, ms) WSAPoll((fds), (n), (ms))
#define SHIM_CONNECT_IN_PROGRESS(err) ((err) == WSAEWOULDBLOCK || (err) == WSAEINPROGRESS)
#else
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
typedef struct pollfd shim_pollfd;
#define shim_poll(fds, n, ms) poll((fds), (n), (ms))
#define SHIM_CONNECT_IN_PROGRESS(err) ((err) == EINPROGRESS)
#endif

static void set_blocking(int fd, int blocking)
{
#ifdef _WIN32
  u_long nonblocking = blocking ? 0 : 1;
  ioctlsocket(fd, FIONBIO, &nonblocking);
#else
  int flags = fcntl(fd, F_GETFL, 0);
  fcntl(fd, F_SETFL, blocking ? (flags & ~O_NONBLOCK) : (flags | O_NONBLOCK));
#endif
}

/* ---- the socket transport: the system calls themselves */

/* ctx is the connection's shim_io. Under a deadline a send must not block past it (sendbuf.c
 * waits for room first and tries again when the socket takes nothing): it does not wait. Nor
 * on an engine's fiber, where a blocked send would stop every connection of the engine. */
static int socket_send(void *ctx, int fd, const char *buf, int len)
{
  const struct shim_io *io = ctx;
  int n;
  if (!io || (!io->deadline.at_ms && !shim_fiber_current()))
    return (int)send(fd, buf, len, 0);
#ifdef _WIN32
  set_blocking(fd, 0);
  n = (int)send(fd, buf, len, 0);
  {
    int err = GetSockError();
    set_blocking(fd, 1);
    SetSockError(err);
  }
#else
  n = (int)send(fd, buf, len, MSG_DONTWAIT);
#endif
  return n;
}

/* On a fiber the recv never blocks: shim_io_recv waited for the socket, and tries again. */
static int socket_recv(void *ctx, int fd, char *buf, int len)
{
  (void)ctx;
#ifdef MSG_DONTWAIT
  if (shim_fiber_current())
    return (int)recv(fd, buf, len, MSG_DONTWAIT);
#endif
  return (int)recv(fd, buf, len, 0);
}

static int socket_close(void *ctx, int fd)
{
  (void)ctx;
  return closesocket(fd);
}

const struct shim_transport shim_socket_transport = { socket_send, socket_recv, socket_close };

/* ---- the connection whose shim call runs on this thread */

#ifdef _WIN32
static DWORD scope_slot = TLS_OUT_OF_INDEXES;
static struct shim_conn *in_scope(void)
{
  return scope_slot == TLS_OUT_OF_INDEXES ? NULL : (struct shim_conn *)TlsGetValue(scope_slot);
}
static void set_scope(struct shim_conn *c)
{
  if (scope_slot != TLS_OUT_OF_INDEXES)
    TlsSetValue(scope_slot, c);
}
#else
static __thread struct shim_conn *scope_conn;
static SHIM_FRESH struct shim_conn *in_scope(void)
{
  return scope_conn;
}
static SHIM_FRESH void set_scope(struct shim_conn *c)
{
  scope_conn = c;
}
#endif

struct shim_conn *shim_io_scope(void)
{
  return in_scope();
}

void shim_io_set_scope(struct shim_conn *c)
{
  set_scope(c);
}

void shim_io_startup(void)
{
#ifdef _WIN32
  if (scope_slot == TLS_OUT_OF_INDEXES)
    scope_slot = TlsAlloc();
#endif
}

void shim_io_init(struct shim_io *io)
{
  io->transport = &shim_socket_transport;
  io->transport_ctx = io;
  io->out.bytes = NULL;
  io->out.len = 0;
  io->out.capacity = 0;
  io->out.last_capacity = 0;
  io->out.limit = SHIM_SENDBUF_DEFAULT_LIMIT;
  io->error = 0;
  io->send_calls = 0;
  io->send_timeout_ms = 0;
  io->deadline.at_ms = 0;
  io->deadline.passed = 0;
  io->bytes_in = 0;
  io->peer_closed = 0;
  io->quick_ack = SHIM_QUICK_ACK_ON;
  io->quick_acks = 0;
}

void shim_io_release(struct shim_io *io)
{
  shim_sendbuf_release(&io->out);
}

/* ---- deadlines (io.h, DEADLINES) */

void shim_io_set_deadline(struct shim_io *io, int timeout_ms)
{
  io->deadline.at_ms = timeout_ms > 0 ? shim_now_ms() + timeout_ms : 0;
  io->deadline.passed = 0;
  io->bytes_in = 0;
}

void shim_io_end_deadline(struct shim_io *io)
{
  io->deadline.at_ms = 0;
}

/* The deadline passed: the call's report says what it was waiting for, before librtmp reacts
 * to the timeout (closing may forget what that was). */
static void mark_passed(struct shim_io *io)
{
  struct shim_conn *c = in_scope();
  if (io->deadline.passed)
    return;
  io->deadline.passed = 1;
  if (c && &c->io == io)
    shim_report_refine(c);
}

int shim_io_left_ms(struct shim_io *io)
{
  long long left;
  if (!io->deadline.at_ms)
    return -1;
  left = io->deadline.at_ms - shim_now_ms();
  if (left <= 0)
    {
      mark_passed(io);
      return 0;
    }
  return left > INT_MAX ? INT_MAX : (int)left;
}

/* The shorter of a wait of its own (-1: none) and what is left of the deadline (-1: none); 0
 * when the deadline has passed. */
static int bounded_wait_ms(struct shim_io *io, int own_ms)
{
  int left = shim_io_left_ms(io);
  if (left < 0)
    return own_ms;
  return own_ms >= 0 && own_ms < left ? own_ms : left;
}

int shim_io_wait(struct shim_io *io, int fd, int for_write, int timeout_ms)
{
  long long until = timeout_ms >= 0 ? shim_now_ms() + timeout_ms : 0;
  for (;;)
    {
      shim_pollfd p;
      int left = shim_io_left_ms(io), own = -1, wait, n;
      /* The deadline first: where both limits end together, the call's own deadline is the one
       * that passed (a write's media timeout and its send timeout, say). */
      if (left == 0)
        return 0;
      if (timeout_ms >= 0)
        {
          long long rest = until - shim_now_ms();
          if (rest <= 0)
            return 0;
          own = rest > INT_MAX ? INT_MAX : (int)rest;
        }
      wait = left < 0 ? own : own >= 0 && own < left ? own : left;
      if (shim_fiber_current())
        n = shim_fiber_wait(fd, for_write, wait); /* the engine's loop waits, for many */
      else
        {
          p.fd = fd;
          p.events = for_write ? POLLOUT : POLLIN;
          p.revents = 0;
          n = shim_poll(&p, 1, wait);
        }
      if (n > 0)
        return 1;
      if (n < 0 && GetSockError() != EINTR)
        return -1;
      /* timed out or interrupted by a signal: the checks above say which limit, if any, passed */
    }
}

int shim_io_connect_fd(struct shim_io *io, int fd, const struct sockaddr *addr, int addrlen)
{
  int err = 0, ready;
  socklen_t len = sizeof err;
  if (!io->deadline.at_ms && !shim_fiber_current())
    return connect(fd, addr, addrlen);
  if (io->deadline.at_ms && shim_io_left_ms(io) == 0)
    {
      SetSockError(SHIM_TIMED_OUT);
      return -1;
    }
  set_blocking(fd, 0);
  if (connect(fd, addr, addrlen) < 0)
    {
      err = GetSockError();
      if (SHIM_CONNECT_IN_PROGRESS(err))
        {
          ready = shim_io_wait(io, fd, 1, -1);
          if (ready == 0)
            err = SHIM_TIMED_OUT;
          else if (ready < 0)
            err = GetSockError();
          else if (getsockopt(fd, SOL_SOCKET, SO_ERROR, (char *)&err, &len))
            err = GetSockError();
        }
    }
  set_blocking(fd, 1);
  if (err)
    {
      SetSockError(err);
      return -1;
    }
  return 0;
}

/* The connection in scope when fd is its socket, else NULL (the plain system call). */
static struct shim_conn *owner_of(int fd)
{
  struct shim_conn *c = in_scope();
  return c && fd >= 0 && c->rtmp.m_sb.sb_socket == fd ? c : NULL;
}

/* A write to the transport failed with err: what the shim reports for it (io.h, FAILURE). */
static void note_send_failure(struct shim_conn *c, int err)
{
  if (SHIM_SEND_TIMED_OUT_ERROR(err))
    c->send_timed_out = 1;
}

/* A flush librtmp did not ask for failed: logged as WriteN logs a failed send, so the call's
 * error says why; the code stays the socket error for the log sink (observe_error). */
static int flush_or_log(struct shim_conn *c, int fd, const char *where)
{
  int pending = c->io.out.len;
  int err = shim_sendbuf_flush(&c->io, fd);
  if (err && pending > 0)
    {
      note_send_failure(c, err);
      SetSockError(err);
      RTMP_Log(RTMP_LOGERROR, "%s, RTMP send error %d (%d bytes)", where, err, pending);
    }
  return err;
}

/* ---- quick acknowledgements (io.h, QUICK ACKS) */

/* The steps of a connect or a stream setup in which librtmp waits for the server's reply to what
 * it has just sent. */
static int awaits_setup_reply(const struct shim_conn *c)
{
  switch (c->report.step)
    {
    case NRTMP_STEP_SOCKS:
    case NRTMP_STEP_RTMPT_OPEN:
    case NRTMP_STEP_HANDSHAKE:
    case NRTMP_STEP_ANSWER:
    case NRTMP_STEP_STREAM_START:
      return 1;
    default:
      return 0;
    }
}

/* Before a wait on fd, c's socket: the server's next reply is not held back for our delayed
 * acknowledgement. The socket error code is left as it was. */
static void quick_ack_before_wait(struct shim_conn *c, int fd)
{
#ifdef TCP_QUICKACK
  int on = 1, err;
  if (c->io.quick_ack != SHIM_QUICK_ACK_ON || !awaits_setup_reply(c))
    return;
  err = GetSockError();
  if (setsockopt(fd, IPPROTO_TCP, TCP_QUICKACK, &on, sizeof on) == 0)
    c->io.quick_acks++;
  else
    c->io.quick_ack = SHIM_QUICK_ACK_REFUSED;
  SetSockError(err);
#else
  (void)c;
  (void)fd;
#endif
}

void shim_io_begin(struct shim_conn *c)
{
  set_scope(c);
}

/* The end of a call's scope: its send buffer is empty now and not kept until the next call. */
static void end_scope(struct shim_conn *c)
{
  shim_sendbuf_idle(&c->io.out);
  set_scope(NULL);
}

int shim_io_finish(struct shim_conn *c)
{
  int err = 0, fd = c->rtmp.m_sb.sb_socket;
  if (fd >= 0)
    err = flush_or_log(c, fd, "nrtmp_flush");
  end_scope(c);
  return err;
}

nrtmp_status shim_io_end(struct shim_conn *c, nrtmp_status status)
{
  if (c->io.out.len == 0 || c->rtmp.m_sb.sb_socket < 0)
    {
      end_scope(c);
      return status;
    }
  if (!shim_io_finish(c) || status != NRTMP_OK)
    return status;
  /* As WriteN after a failed send: RTMP_Close, whose goodbye fails at once on the sticky error. */
  shim_io_begin(c);
  RTMP_Close(&c->rtmp);
  set_scope(NULL);
  return shim_send_failure(c);
}

int shim_io_send(int fd, const char *buf, int len, int flags)
{
  struct shim_conn *c = owner_of(fd);
  int n;
  if (!c)
    return (int)send(fd, buf, len, flags);
  if (c->report.step == NRTMP_STEP_HANDSHAKE || c->report.step == NRTMP_STEP_RTMPT_OPEN)
    shim_report_refine(c); /* over RTMPT: the tunnel's open, or the handshake once it is open */
  n = shim_sendbuf_send(&c->io, fd, buf, len);
  if (n < 0)
    note_send_failure(c, c->io.error);
  return n;
}

/* librtmp's receive timeout (Link.timeout seconds, its SO_RCVTIMEO) in ms; -1: none. */
static int receive_timeout_ms(struct shim_conn *c)
{
  int seconds = c->rtmp.Link.timeout;
  return seconds > 0 && seconds < INT_MAX / 1000 ? seconds * 1000 : -1;
}

int shim_io_recv(int fd, char *buf, int len, int flags)
{
  struct shim_conn *c = owner_of(fd);
  int n;
  if (!c)
    return (int)recv(fd, buf, len, flags);
  if (c->io.error || flush_or_log(c, fd, "RTMPSockBuf_Fill"))
    {
      /* Never librtmp's timeout code (EWOULDBLOCK): this is no receive timeout. */
      SetSockError(SHIM_CONNECTION_ABORTED);
      return -1;
    }
  quick_ack_before_wait(c, fd);
  for (;;)
    {
      if (c->io.deadline.at_ms || shim_fiber_current())
        {
          /* Within the call's deadline; librtmp takes EWOULDBLOCK for its receive timeout. On
           * a fiber without a deadline, librtmp's receive timeout (SO_RCVTIMEO) is the limit. */
          n = shim_io_wait(&c->io, fd, 0, c->io.deadline.at_ms ? -1 : receive_timeout_ms(c));
          if (n <= 0)
            {
              if (n == 0)
                SetSockError(EWOULDBLOCK);
              return -1;
            }
        }
      n = c->io.transport->recv(c->io.transport_ctx, fd, buf, len);
      if (n < 0 && shim_fiber_current() && SHIM_WOULD_BLOCK(GetSockError()))
        continue; /* ready, and yet nothing to read: wait again */
      break;
    }
  if (n > 0)
    {
      c->io.bytes_in += n;
      c->io.total_in += n;
    }
  else if (n == 0 && len > 0)
    c->io.peer_closed = 1;
  return n;
}

/* Before librtmp waits for the server: what the connection in scope buffered goes out first,
 * and during a setup the reply is not held back for our acknowledgement. After a failed flush the wait reports the socket ready, so that the recv that follows reports
 * the failure at once. */
static int flush_before_wait(void)
{
  struct shim_conn *c = in_scope();
  int fd = c ? c->rtmp.m_sb.sb_socket : -1;
  if (fd < 0)
    return 0;
  if (c->io.error || flush_or_log(c, fd, "RTMPSockBuf_Fill"))
    return 1;
  quick_ack_before_wait(c, fd);
  return 0;
}

/* The read deadline's wait (timeout_ms, from native/patches), for the connection in scope: no
 * longer than its call's deadline; a wait cut short by that deadline marks it passed. */
static int wait_for_read_deadline(int fd, int timeout_ms)
{
  struct shim_conn *c = in_scope();
  int wait;
  if (!c || fd != c->rtmp.m_sb.sb_socket || !c->io.deadline.at_ms)
    return -2; /* not ours to bound */
  wait = bounded_wait_ms(&c->io, timeout_ms);
  if (wait == 0)
    return 0;
  if (shim_io_wait(&c->io, fd, 0, wait) == 0)
    {
      if (wait != timeout_ms)
        mark_passed(&c->io);
      return 0;
    }
  return 1;
}

#ifdef _WIN32
int shim_io_select(int nfds, fd_set *readable, fd_set *writable, fd_set *failed, const struct timeval *timeout)
{
  int rc;
  if (flush_before_wait())
    return 1;
  if (readable && readable->fd_count == 1 && !writable && !failed && timeout)
    {
      rc = wait_for_read_deadline((int)readable->fd_array[0],
                                  (int)(timeout->tv_sec * 1000 + timeout->tv_usec / 1000));
      if (rc != -2)
        return rc;
    }
  return select(nfds, readable, writable, failed, (struct timeval *)timeout);
}
#else
int shim_io_poll(struct pollfd *fds, nfds_t nfds, int timeout_ms)
{
  int rc;
  if (flush_before_wait())
    return 1;
  if (nfds == 1 && fds[0].events == POLLIN)
    {
      rc = wait_for_read_deadline(fds[0].fd, timeout_ms);
      if (rc != -2)
        {
          fds[0].revents = rc > 0 ? POLLIN : 0;
          return rc;
        }
      if (shim_fiber_current())
        {
          /* librtmp's own wait without a deadline of the call: on the engine's loop too */
          rc = shim_fiber_wait(fds[0].fd, 0, timeout_ms);
          fds[0].revents = rc > 0 ? POLLIN : 0;
          return rc;
        }
    }
  return poll(fds, nfds, timeout_ms);
}
#endif

int shim_io_connect(int fd, const struct sockaddr *addr, int addrlen)
{
  struct shim_conn *c = owner_of(fd);
  int rc;
  if (!c)
    return connect(fd, addr, addrlen);
  rc = shim_io_connect_fd(&c->io, fd, addr, addrlen);
  if (rc == 0 && shim_is_interrupted(c))
    {
      /* woken by nrtmp_interrupt's shutdown, which a socket still connecting may not report */
      SetSockError(SHIM_CONNECTION_ABORTED);
      return -1;
    }
  if (rc == 0 && c->rtmp.Link.socksport)
    c->report.step = NRTMP_STEP_SOCKS; /* RTMP_Connect0 negotiates with the proxy next */
  return rc;
}

int shim_io_close(int fd)
{
  struct shim_conn *c = owner_of(fd);
  if (!c)
    return closesocket(fd);
  flush_or_log(c, fd, "RTMPSockBuf_Close");
  shim_sendbuf_release(&c->io.out);
  return shim_close_watched(c, fd, c->io.transport->close, c->io.transport_ctx);
}

/* ---- the public settings (nativertmp.h) */

nrtmp_status nrtmp_set_send_coalescing(RTMP *r, int limit)
{
  struct shim_io *io = &shim_conn_of(r)->io;
  if (limit < 0)
    limit = SHIM_SENDBUF_DEFAULT_LIMIT;
  if (limit > 0 && limit < SHIM_SENDBUF_MIN_LIMIT)
    return NRTMP_REFUSED;
  shim_sendbuf_release(&io->out); /* empty between calls; reallocated up to the new limit */
  io->out.limit = limit;
  return NRTMP_OK;
}

nrtmp_status nrtmp_set_quick_ack(RTMP *r, int on)
{
  shim_conn_of(r)->io.quick_ack = on ? SHIM_QUICK_ACK_ON : SHIM_QUICK_ACK_OFF;
  return NRTMP_OK;
}

nrtmp_status nrtmp_quick_acks(RTMP *r, long long *count)
{
  *count = shim_conn_of(r)->io.quick_acks;
  return NRTMP_OK;
}

nrtmp_status nrtmp_send_calls(RTMP *r, long long *count)
{
  *count = shim_conn_of(r)->io.send_calls;
  return NRTMP_OK;
}

nrtmp_status nrtmp_send_buffer_held(RTMP *r, long long *bytes)
{
  *bytes = shim_conn_of(r)->io.out.capacity;
  return NRTMP_OK;
}

nrtmp_status nrtmp_peer_closed(RTMP *r, int *yes)
{
  *yes = shim_conn_of(r)->io.peer_closed;
  return NRTMP_OK;
}
