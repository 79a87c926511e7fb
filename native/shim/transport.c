/* native-rtmp shim, transport: a connection that the caller carries. nrtmp_attach_pipe makes two
 * connected stream sockets; librtmp gets one as its connection at nrtmp_connect, the caller
 * drives the other (its "outer" end) with nrtmp_pipe_read and nrtmp_pipe_write.
 * nrtmp_attach_loopback connects librtmp's end to a listener of the caller's on 127.0.0.1
 * instead, whose accepted socket the caller drives with its own I/O. The Java side uses the
 * latter for rtmps and rtmpts: it carries the bytes through the JDK's TLS, so every RTMP (and
 * RTMPT) byte is still librtmp's own, and nothing in C does TLS.
 *
 * Why a socket and not calls into Java: librtmp's data path, its timeouts (SO_RCVTIMEO,
 * SO_SNDTIMEO), nrtmp_interrupt and anything layered over send/recv work on it unchanged, and
 * the shim calls no Java beyond its two sinks. */
#include "shim.h"

#include <errno.h>
#include <string.h>

#ifdef MSG_NOSIGNAL
#define NRTMP_SEND_FLAGS MSG_NOSIGNAL
#else
#define NRTMP_SEND_FLAGS 0
#endif

#ifdef _WIN32
/* Windows has no socketpair: two loopback TCP sockets, the accepted one checked to be connected
 * to the other (its peer address is the other's own address), so that no other local process
 * that connected to the listener in between can take librtmp's place. The listener lives only
 * for these calls, with a backlog of one. */
int shim_make_pair(int fds[2])
{
  struct sockaddr_in addr, peer, own;
  int len = sizeof addr, plen = sizeof peer, olen = sizeof own, on = 1;
  SOCKET listener, a = INVALID_SOCKET, b = INVALID_SOCKET;

  listener = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
  if (listener == INVALID_SOCKET)
    return -1;
  memset(&addr, 0, sizeof addr);
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  setsockopt(listener, SOL_SOCKET, SO_EXCLUSIVEADDRUSE, (char *)&on, sizeof on);
  if (bind(listener, (struct sockaddr *)&addr, sizeof addr) || listen(listener, 1)
      || getsockname(listener, (struct sockaddr *)&addr, &len))
    goto fail;
  a = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
  if (a == INVALID_SOCKET || connect(a, (struct sockaddr *)&addr, sizeof addr))
    goto fail;
  b = accept(listener, (struct sockaddr *)&peer, &plen);
  if (b == INVALID_SOCKET || getsockname(a, (struct sockaddr *)&own, &olen)
      || peer.sin_port != own.sin_port || peer.sin_addr.s_addr != own.sin_addr.s_addr)
    goto fail;
  closesocket(listener);
  setsockopt(a, IPPROTO_TCP, TCP_NODELAY, (char *)&on, sizeof on);
  setsockopt(b, IPPROTO_TCP, TCP_NODELAY, (char *)&on, sizeof on);
  fds[0] = (int)a;
  fds[1] = (int)b;
  return 0;
fail:
  if (b != INVALID_SOCKET)
    closesocket(b);
  if (a != INVALID_SOCKET)
    closesocket(a);
  closesocket(listener);
  return -1;
}
#else
int shim_make_pair(int fds[2])
{
  return socketpair(AF_UNIX, SOCK_STREAM, 0, fds);
}
#endif

nrtmp_status nrtmp_attach_pipe(RTMP *r, int *outer, int *system_error)
{
  struct shim_conn *c = shim_conn_of(r);
  int fds[2];
  *outer = -1;
  *system_error = 0;
  if (c->pipe_fd >= 0 || r->m_sb.sb_socket >= 0)
    return NRTMP_REFUSED;
  if (shim_make_pair(fds)) {
    *system_error = GetSockError();
    return NRTMP_SYSTEM_ERROR;
  }
  c->pipe_fd = fds[0];
  *outer = fds[1];
  return NRTMP_OK;
}

nrtmp_status nrtmp_attach_loopback(RTMP *r, int port, int *local_port, int *system_error)
{
  struct shim_conn *c = shim_conn_of(r);
  struct sockaddr_in addr, own;
  socklen_t len = sizeof own;
  int on = 1, fd;
  *local_port = 0;
  *system_error = 0;
  if (c->pipe_fd >= 0 || r->m_sb.sb_socket >= 0)
    return NRTMP_REFUSED;
  if (port <= 0 || port > 65535)
    return NRTMP_REFUSED;
  fd = (int)socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
  if (fd < 0) {
    *system_error = GetSockError();
    return NRTMP_SYSTEM_ERROR;
  }
  memset(&addr, 0, sizeof addr);
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons((unsigned short)port);
  /* a listener on 127.0.0.1 completes the connect from its backlog, before any accept */
  if (connect(fd, (struct sockaddr *)&addr, sizeof addr)
      || getsockname(fd, (struct sockaddr *)&own, &len)) {
    *system_error = GetSockError();
    closesocket(fd);
    return NRTMP_SYSTEM_ERROR;
  }
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, (char *)&on, sizeof on);
  c->pipe_fd = fd;
  *local_port = ntohs(own.sin_port);
  return NRTMP_OK;
}

nrtmp_status nrtmp_pipe_read(int outer, char *buf, int size, int *nread, int *system_error)
{
  int n;
  *nread = 0;
  *system_error = 0;
  do {
    n = recv(outer, buf, size, 0);
  } while (n < 0 && GetSockError() == EINTR);
  if (n < 0) {
    *system_error = GetSockError();
    return NRTMP_SYSTEM_ERROR;
  }
  *nread = n;
  return NRTMP_OK;
}

nrtmp_status nrtmp_pipe_write(int outer, const char *buf, int size, int *system_error)
{
  *system_error = 0;
  while (size > 0) {
    int n = send(outer, buf, size, NRTMP_SEND_FLAGS);
    if (n < 0 && GetSockError() == EINTR)
      continue;
    if (n <= 0) {
      *system_error = n < 0 ? GetSockError() : 0;
      return NRTMP_SYSTEM_ERROR;
    }
    buf += n;
    size -= n;
  }
  return NRTMP_OK;
}

nrtmp_status nrtmp_pipe_shutdown(int outer, int both)
{
  shutdown(outer, both ? NRTMP_SHUT_BOTH : NRTMP_SHUT_WRITE);
  return NRTMP_OK;
}

nrtmp_status nrtmp_pipe_close(int outer)
{
  closesocket(outer);
  return NRTMP_OK;
}

nrtmp_status shim_connect_pipe(struct shim_conn *c, const struct shim_tracer *t)
{
  RTMP *r = &c->rtmp;
  int fd = c->pipe_fd;
  shim_trace(t, NRTMP_TRACE_SOCKET, "socket", "pipe to the caller's transport", NULL, NULL, 0);
  c->pipe_fd = -1; /* librtmp's from here on: RTMP_Close closes it */
  r->m_sb.sb_socket = fd;
  r->m_sb.sb_timedout = FALSE;
  r->m_pausing = 0;
  r->m_fDuration = 0.0;
  {
    SET_RCVTIMEO(tv, r->Link.timeout);
    if (setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, (char *)&tv, sizeof(tv)))
      RTMP_Log(RTMP_LOGERROR, "nrtmp_connect, Setting socket timeout to %ds failed!", r->Link.timeout);
  }
  return shim_watch_socket(c, fd) ? NRTMP_INTERRUPTED : NRTMP_OK;
}

void shim_close_unused_pipe(struct shim_conn *c)
{
  if (c->pipe_fd >= 0) {
    closesocket(c->pipe_fd);
    c->pipe_fd = -1;
  }
}
