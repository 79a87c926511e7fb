/* native-rtmp shim, I/O: where librtmp's send, recv and closesocket land (io_redirect.h), the
 * per-thread scope that says which connection's call is running, and the socket transport.
 * The rules are in io.h. */
#include "shim.h"

#ifndef _WIN32
#include <poll.h>
#endif

/* ---- the socket transport: the system calls themselves */

static int socket_send(void *ctx, int fd, const char *buf, int len)
{
  (void)ctx;
  return (int)send(fd, buf, len, 0);
}

static int socket_recv(void *ctx, int fd, char *buf, int len)
{
  (void)ctx;
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
static struct shim_conn *in_scope(void)
{
  return scope_conn;
}
static void set_scope(struct shim_conn *c)
{
  scope_conn = c;
}
#endif

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
  io->transport_ctx = NULL;
  io->out.bytes = NULL;
  io->out.len = 0;
  io->out.capacity = 0;
  io->out.limit = SHIM_SENDBUF_DEFAULT_LIMIT;
  io->error = 0;
  io->send_calls = 0;
  io->peer_closed = 0;
}

void shim_io_release(struct shim_io *io)
{
  shim_sendbuf_release(&io->out);
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

void shim_io_begin(struct shim_conn *c)
{
  set_scope(c);
}

int shim_io_finish(struct shim_conn *c)
{
  int err = 0, fd = c->rtmp.m_sb.sb_socket;
  if (fd >= 0)
    err = flush_or_log(c, fd, "nrtmp_flush");
  set_scope(NULL);
  return err;
}

nrtmp_status shim_io_end(struct shim_conn *c, nrtmp_status status)
{
  if (c->io.out.len == 0 || c->rtmp.m_sb.sb_socket < 0)
    {
      set_scope(NULL);
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
  n = shim_sendbuf_send(&c->io, fd, buf, len);
  if (n < 0)
    note_send_failure(c, c->io.error);
  return n;
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
  n = c->io.transport->recv(c->io.transport_ctx, fd, buf, len);
  if (n == 0 && len > 0)
    c->io.peer_closed = 1;
  return n;
}

/* Before librtmp waits for the server: what the connection in scope buffered goes out first.
 * After a failed flush the wait reports the socket ready, so that the recv that follows reports
 * the failure at once. */
static int flush_before_wait(void)
{
  struct shim_conn *c = in_scope();
  int fd = c ? c->rtmp.m_sb.sb_socket : -1;
  return fd >= 0 && (c->io.error || flush_or_log(c, fd, "RTMPSockBuf_Fill"));
}

#ifdef _WIN32
int shim_io_select(int nfds, fd_set *readable, fd_set *writable, fd_set *failed, const struct timeval *timeout)
{
  if (flush_before_wait())
    return 1;
  return select(nfds, readable, writable, failed, timeout);
}
#else
int shim_io_poll(struct pollfd *fds, nfds_t nfds, int timeout_ms)
{
  if (flush_before_wait())
    return 1;
  return poll(fds, nfds, timeout_ms);
}
#endif

int shim_io_close(int fd)
{
  struct shim_conn *c = owner_of(fd);
  if (!c)
    return closesocket(fd);
  flush_or_log(c, fd, "RTMPSockBuf_Close");
  shim_sendbuf_release(&c->io.out);
  return c->io.transport->close(c->io.transport_ctx, fd);
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

nrtmp_status nrtmp_send_calls(RTMP *r, long long *count)
{
  *count = shim_conn_of(r)->io.send_calls;
  return NRTMP_OK;
}

nrtmp_status nrtmp_peer_closed(RTMP *r, int *yes)
{
  *yes = shim_conn_of(r)->io.peer_closed;
  return NRTMP_OK;
}
