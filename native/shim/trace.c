/* The connect, step by step as librtmp's RTMP_Connect does it (resolve, RTMP_Connect0,
 * m_bSendCounter, RTMP_Connect1), reporting each step to a trace sink, plus what librtmp cannot
 * do: IPv6 (RTMP_Connect0 opens only AF_INET sockets), trying every resolved address, and a
 * connect timeout (librtmp's connect() blocks without limit). */
#include "nativertmp.h"
#include "rtmp_sys.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef _WIN32
#define NRTMP_IN_PROGRESS(err) ((err) == WSAEWOULDBLOCK || (err) == WSAEINPROGRESS)
#else
#include <fcntl.h>
#include <poll.h>
#include <sys/time.h>
#define NRTMP_IN_PROGRESS(err) ((err) == EINPROGRESS)
#endif

static nrtmp_trace_sink trace_sink;

void nrtmp_set_trace_sink(nrtmp_trace_sink sink)
{
  trace_sink = sink;
}

struct tracer {
  int on;
};

static void trace(const struct tracer *t, int kind, const char *key, const char *value,
                  const char *address, const unsigned char *bytes, int nbytes)
{
  nrtmp_trace_sink sink = trace_sink;
  if (t->on && sink)
    sink(kind, key, value, address, bytes, nbytes);
}

static void trace_int(const struct tracer *t, int kind, const char *key, long value)
{
  char text[32];
  if (!t->on)
    return;
  snprintf(text, sizeof text, "%ld", value);
  trace(t, kind, key, text, NULL, NULL, 0);
}

/* "%p", except that NULL is "(null)" as the instrumented build printed it. */
static void trace_ptr(const struct tracer *t, int kind, const char *key, const void *p)
{
  char text[32];
  if (!t->on)
    return;
  if (p)
    snprintf(text, sizeof text, "%p", p);
  else
    snprintf(text, sizeof text, "(null)");
  trace(t, kind, key, text, NULL, NULL, 0);
}

static long long now_ms(void)
{
#ifdef _WIN32
  return (long long)GetTickCount64();
#else
  struct timeval tv;
  gettimeofday(&tv, NULL);
  return (long long)tv.tv_sec * 1000 + tv.tv_usec / 1000;
#endif
}

/* "192.168.0.12:1935" or "[::1]:1935". */
static void format_address(const struct sockaddr *sa, char *out, size_t size)
{
  char host[64] = "?";
  int port = 0;
  if (sa->sa_family == AF_INET) {
    const struct sockaddr_in *in = (const struct sockaddr_in *)sa;
    inet_ntop(AF_INET, (void *)&in->sin_addr, host, sizeof host);
    port = ntohs(in->sin_port);
    snprintf(out, size, "%s:%d", host, port);
  } else if (sa->sa_family == AF_INET6) {
    const struct sockaddr_in6 *in6 = (const struct sockaddr_in6 *)sa;
    inet_ntop(AF_INET6, (void *)&in6->sin6_addr, host, sizeof host);
    port = ntohs(in6->sin6_port);
    snprintf(out, size, "[%s]:%d", host, port);
  } else {
    snprintf(out, size, "(address family %d)", sa->sa_family);
  }
}

static void trace_addrinfo(const struct tracer *t, const struct addrinfo *ai, const char *address)
{
  if (!t->on)
    return;
  trace_int(t, NRTMP_TRACE_ADDRINFO, "addrinfo->ai_flags", ai->ai_flags);
  trace_int(t, NRTMP_TRACE_ADDRINFO, "addrinfo->ai_family", ai->ai_family);
  trace_int(t, NRTMP_TRACE_ADDRINFO, "addrinfo->ai_socktype", ai->ai_socktype);
  trace_int(t, NRTMP_TRACE_ADDRINFO, "addrinfo->ai_protocol", ai->ai_protocol);
  trace_int(t, NRTMP_TRACE_ADDRINFO, "addrinfo->ai_addrlen", (long)ai->ai_addrlen);
  trace_int(t, NRTMP_TRACE_ADDRINFO, "addrinfo->ai_addr->sa_family", ai->ai_addr->sa_family);
  /* The raw 14-byte sa_data; Java prints it as the C string it is (up to its first NUL). */
  trace(t, NRTMP_TRACE_ADDRINFO, "addrinfo->ai_addr->sa_data", NULL, address,
        (const unsigned char *)ai->ai_addr->sa_data, (int)sizeof ai->ai_addr->sa_data);
  trace(t, NRTMP_TRACE_ADDRINFO, "addrinfo->ai_canonname",
        ai->ai_canonname ? ai->ai_canonname : "(null)", NULL, NULL, 0);
  trace_ptr(t, NRTMP_TRACE_ADDRINFO, "addrinfo->ai_next", ai->ai_next);
}

/* RTMP_Connect0 calls RTMP_Close when connect() fails, and RTMP_Close frees the tcUrl and app
 * that RTMP_SetupURL allocated and playpath0: a second address would then connect without
 * them. Hide them from RTMP_Close for the duration of the call. */
static int connect0_keeping_link(RTMP *r, struct sockaddr *service)
{
  int owned = r->Link.lFlags & (RTMP_LF_FTCU | RTMP_LF_FAPU);
  AVal playpath0 = r->Link.playpath0;
  int ok;
  r->Link.lFlags &= ~owned;
  r->Link.playpath0.av_val = NULL;
  r->Link.playpath0.av_len = 0;
  ok = RTMP_Connect0(r, service);
  r->Link.lFlags |= owned;
  r->Link.playpath0 = playpath0;
  return ok;
}

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

/* 0 connected, else an errno value; ETIMEDOUT when timeout_ms passed first. */
static int connect_within(int fd, const struct addrinfo *ai, int timeout_ms)
{
  int err = 0;
  socklen_t len = sizeof err;
  if (timeout_ms <= 0)
    return connect(fd, ai->ai_addr, ai->ai_addrlen) < 0 ? GetSockError() : 0;

  set_blocking(fd, 0);
  if (connect(fd, ai->ai_addr, ai->ai_addrlen) < 0) {
    err = GetSockError();
    if (NRTMP_IN_PROGRESS(err)) {
#ifdef _WIN32
      WSAPOLLFD p;
      int n;
      p.fd = fd;
      p.events = POLLOUT;
      p.revents = 0;
      n = WSAPoll(&p, 1, timeout_ms);
#else
      struct pollfd p;
      int n;
      p.fd = fd;
      p.events = POLLOUT;
      p.revents = 0;
      do {
        n = poll(&p, 1, timeout_ms);
      } while (n < 0 && errno == EINTR);
#endif
      if (n == 0) {
        err = ETIMEDOUT;
      } else if (n < 0) {
        err = GetSockError();
      } else {
        err = 0;
        getsockopt(fd, SOL_SOCKET, SO_ERROR, (char *)&err, &len);
      }
    }
  }
  set_blocking(fd, 1);
  return err;
}

/* What RTMP_Connect0 does, for an address of any family and with an optional time limit;
 * the socket options are librtmp's (SO_RCVTIMEO from Link.timeout, TCP_NODELAY). */
static int connect_socket(RTMP *r, const struct addrinfo *ai, const char *address, int timeout_ms,
                          int *timed_out)
{
  int on = 1, err, fd;
  r->m_sb.sb_timedout = FALSE;
  r->m_pausing = 0;
  r->m_fDuration = 0.0;

  fd = (int)socket(ai->ai_family, SOCK_STREAM, IPPROTO_TCP);
  if (fd < 0) {
    RTMP_Log(RTMP_LOGERROR, "nrtmp_connect, failed to create socket for %s. Error: %d", address,
             GetSockError());
    return FALSE;
  }
  /* Visible to nrtmp_interrupt while it connects, so that close() from another thread can
   * wake it. */
  r->m_sb.sb_socket = fd;
  err = connect_within(fd, ai, timeout_ms);
  if (err) {
    r->m_sb.sb_socket = -1;
    if (err == ETIMEDOUT && timeout_ms > 0) {
      *timed_out = 1;
      RTMP_Log(RTMP_LOGERROR, "nrtmp_connect, connecting to %s timed out after %d ms", address,
               timeout_ms);
    } else {
      RTMP_Log(RTMP_LOGERROR, "nrtmp_connect, failed to connect socket to %s. %d (%s)", address,
               err, strerror(err));
    }
    closesocket(fd);
    return FALSE;
  }
  {
    SET_RCVTIMEO(tv, r->Link.timeout);
    if (setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, (char *)&tv, sizeof(tv)))
      RTMP_Log(RTMP_LOGERROR, "nrtmp_connect, Setting socket timeout to %ds failed!", r->Link.timeout);
  }
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, (char *)&on, sizeof(on));
  return TRUE;
}

int nrtmp_set_host(RTMP *r, char *host, int host_len, int port)
{
  if (!host || host_len <= 0)
    return FALSE;
  r->Link.hostname.av_val = host;
  r->Link.hostname.av_len = host_len;
  if (port > 0)
    r->Link.port = (unsigned short)port;
  return TRUE;
}

int nrtmp_connect(RTMP *r, int connect_timeout_ms, int traced)
{
  struct tracer t;
  AVal *host;
  int port, rc, connected = FALSE, timed_out = 0;
  char *hostname, portstr[16], address[96];
  struct addrinfo hints, *res = NULL, *ai;
  long long deadline = 0;

  t.on = traced;
  if (!r->Link.hostname.av_len)
    return NRTMP_CONNECT_FAILED;

  /* As RTMP_Connect: through a SOCKS proxy the address to connect to is the proxy's. */
  if (r->Link.socksport) {
    host = &r->Link.sockshost;
    port = r->Link.socksport;
  } else {
    host = &r->Link.hostname;
    port = r->Link.port;
  }

  /* As add_addr_info: copy the host when the AVal is not NUL-terminated where it ends. */
  trace(&t, NRTMP_TRACE_RESOLVE, "host->av_val", host->av_val, NULL, NULL, 0);
  if (host->av_val[host->av_len]) {
    hostname = malloc(host->av_len + 1);
    if (!hostname)
      return NRTMP_CONNECT_FAILED;
    memcpy(hostname, host->av_val, host->av_len);
    hostname[host->av_len] = '\0';
    trace(&t, NRTMP_TRACE_RESOLVE, "hostname", hostname, NULL, NULL, 0);
  } else {
    hostname = host->av_val;
    trace(&t, NRTMP_TRACE_RESOLVE, "hostname2", hostname, NULL, NULL, 0);
  }
  snprintf(portstr, sizeof portstr, "%d", port);
  trace(&t, NRTMP_TRACE_RESOLVE, "portNo", portstr, NULL, NULL, 0);

  memset(&hints, 0, sizeof hints);
  /* librtmp's SOCKS4 negotiation runs inside RTMP_Connect0, which is IPv4-only. */
  hints.ai_family = r->Link.socksport ? AF_INET : AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  rc = getaddrinfo(hostname, portstr, &hints, &res);
  if (rc != 0) {
    RTMP_Log(RTMP_LOGERROR, "Problem accessing the DNS. (addr: %s) %s", hostname, gai_strerror(rc));
    if (hostname != host->av_val)
      free(hostname);
    return NRTMP_CONNECT_FAILED;
  }

  if (connect_timeout_ms > 0)
    deadline = now_ms() + connect_timeout_ms;
  for (ai = res; ai && !connected; ai = ai->ai_next) {
    int remaining = 0;
    format_address(ai->ai_addr, address, sizeof address);
    trace_addrinfo(&t, ai, address);
    if (deadline) {
      remaining = (int)(deadline - now_ms());
      if (remaining <= 0) {
        timed_out = 1;
        RTMP_Log(RTMP_LOGERROR, "nrtmp_connect, connect timeout of %d ms spent before %s",
                 connect_timeout_ms, address);
        break;
      }
    }
    if (ai->ai_family == AF_INET && (!deadline || r->Link.socksport)) {
      /* librtmp's own step: socket, connect, SOCKS, SO_RCVTIMEO, TCP_NODELAY. */
      connected = connect0_keeping_link(r, ai->ai_addr);
    } else {
      trace(&t, NRTMP_TRACE_SOCKET, "socket", ai->ai_family == AF_INET6 ? "IPv6" : "with timeout",
            address, NULL, 0);
      connected = connect_socket(r, ai, address, remaining, &timed_out);
    }
    if (timed_out)
      break;
  }
  freeaddrinfo(res);
  if (hostname != host->av_val)
    free(hostname);
  if (!connected)
    return timed_out ? NRTMP_CONNECT_TIMED_OUT : NRTMP_CONNECT_FAILED;

  /* Read where RTMP_Connect0 uses them. */
  trace_int(&t, NRTMP_TRACE_LINK, "r->Link.socksport", r->Link.socksport);
  trace_int(&t, NRTMP_TRACE_LINK, "r->Link.timeout", r->Link.timeout);

  r->m_bSendCounter = TRUE;

  /* The checks at the top of RTMP_Connect1. */
  trace_int(&t, NRTMP_TRACE_PROTOCOL, "RTMP_Connect1, r->Link.protocol", r->Link.protocol);
  trace_int(&t, NRTMP_TRACE_PROTOCOL, "RTMP_Connect1, RTMP_FEATURE_SSL", RTMP_FEATURE_SSL);
  trace_int(&t, NRTMP_TRACE_PROTOCOL, "RTMP_Connect1, r->Link.protocol & RTMP_FEATURE_SSL",
            r->Link.protocol & RTMP_FEATURE_SSL);
  trace_int(&t, NRTMP_TRACE_PROTOCOL, "RTMP_Connect1, r->Link.protocol & RTMP_FEATURE_HTTP",
            r->Link.protocol & RTMP_FEATURE_HTTP);
  return RTMP_Connect1(r, NULL) ? NRTMP_CONNECT_OK : NRTMP_CONNECT_FAILED;
}
