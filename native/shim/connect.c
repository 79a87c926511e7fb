/* native-rtmp shim, connect: options, then the connect step by step as librtmp's RTMP_Connect
 * does it (resolve, RTMP_Connect0, m_bSendCounter, RTMP_Connect1), each step reported to the
 * trace sink (trace.c), plus what librtmp cannot do: IPv6 (RTMP_Connect0 opens only AF_INET
 * sockets), trying every resolved address, one deadline for the whole connect (librtmp's
 * connect() and name lookup block without limit: io.c and resolve.c bound them), and the wait
 * for the server's answer to connect (stream.c). */
#include "shim.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


/* Both allocate in librtmp, outside r's other calls: what they allocate is counted for r all the
 * same (alloc.c counts for the connection in scope). */
nrtmp_status nrtmp_set_opt(RTMP *r, const char *key, char *value)
{
  AVal opt, arg;
  int ok;
  opt.av_val = (char *)key;
  opt.av_len = (int)strlen(key);
  arg.av_val = value;
  arg.av_len = (int)strlen(value);
  shim_io_set_scope(shim_conn_of(r));
  ok = RTMP_SetOpt(r, &opt, &arg);
  shim_io_set_scope(NULL);
  return ok ? NRTMP_OK : NRTMP_REFUSED;
}

nrtmp_status nrtmp_setup_url(RTMP *r, char *url)
{
  int ok;
  shim_io_set_scope(shim_conn_of(r));
  ok = RTMP_SetupURL(r, url);
  shim_io_set_scope(NULL);
  return ok ? NRTMP_OK : NRTMP_REFUSED;
}

nrtmp_status nrtmp_receive_timeout(RTMP *r, int *seconds)
{
  *seconds = r->Link.timeout;
  return NRTMP_OK;
}

nrtmp_status nrtmp_set_connect_properties(RTMP *r, char *amf, int size)
{
#ifdef NRTMP_HAVE_CONNECT_PROPERTIES
  if (size < 0 || (size > 0 && !amf))
    return NRTMP_REFUSED;
  r->m_connectProperties.av_val = size > 0 ? amf : NULL;
  r->m_connectProperties.av_len = size;
  return NRTMP_OK;
#else
  (void)r;
  (void)amf;
  /* librtmp built without native/patches: its connect packet has no room for them. */
  return size == 0 ? NRTMP_OK : NRTMP_REFUSED;
#endif
}

nrtmp_status nrtmp_set_host(RTMP *r, char *host, int host_len, int port)
{
  if (!host || host_len <= 0)
    return NRTMP_REFUSED;
  r->Link.hostname.av_val = host;
  r->Link.hostname.av_len = host_len;
  if (port > 0)
    r->Link.port = (unsigned short)port;
  return NRTMP_OK;
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

/* What RTMP_Connect0 does, for an address of any family (librtmp's opens AF_INET only), within
 * the connect's deadline; the socket options are librtmp's (SO_RCVTIMEO from Link.timeout,
 * TCP_NODELAY). */
static int connect_socket(struct shim_conn *c, const struct addrinfo *ai, const char *address)
{
  RTMP *r = &c->rtmp;
  int on = 1, err, fd;
  char text[256];
  r->m_sb.sb_timedout = FALSE;
  r->m_pausing = 0;
  r->m_fDuration = 0.0;

  fd = (int)socket(ai->ai_family, SOCK_STREAM, IPPROTO_TCP);
  if (fd < 0) {
    RTMP_Log(RTMP_LOGERROR, "nrtmp_connect, failed to create socket for %s. Error: %d", address,
             GetSockError());
    return FALSE;
  }
  /* Reachable by nrtmp_interrupt while it connects, so that close() from another thread can
   * wake it; the shim owns fd until librtmp gets it. */
  if (shim_watch_socket(c, fd)) {
    shim_forget_socket(c);
    closesocket(fd);
    return FALSE;
  }
  err = shim_io_connect_fd(&c->io, fd, ai->ai_addr, (int)ai->ai_addrlen) ? GetSockError() : 0;
  if (!err && shim_is_interrupted(c))
    err = SHIM_CONNECTION_ABORTED;
  if (err) {
    RTMP_Log(RTMP_LOGERROR, "nrtmp_connect, failed to connect socket to %s. %d (%s)", address,
             err, shim_socket_error_text(err, text, sizeof text));
    shim_forget_socket(c);
    closesocket(fd);
    return FALSE;
  }
  r->m_sb.sb_socket = fd;
  {
    SET_RCVTIMEO(tv, r->Link.timeout);
    if (setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, (char *)&tv, sizeof(tv)))
      RTMP_Log(RTMP_LOGERROR, "nrtmp_connect, Setting socket timeout to %ds failed!", r->Link.timeout);
  }
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, (char *)&on, sizeof(on));
  return TRUE;
}

/* librtmp's own step: socket, connect, SOCKS, SO_RCVTIMEO, TCP_NODELAY. librtmp opens and, on
 * failure, closes that socket itself; nrtmp_interrupt may wake it only while it cannot have been
 * closed (see there), and not at all through a SOCKS proxy, where the connect stops when this
 * step returns. Once connected, the shim watches the socket itself (shim_watch_socket). */
static int connect0_watched(struct shim_conn *c, struct sockaddr *service)
{
  int ok;
  if (shim_watch_connect0(c))
    return FALSE;
  ok = connect0_keeping_link(&c->rtmp, service);
  shim_unwatch_connect0(c);
  if (!ok)
    return FALSE;
  return shim_watch_socket(c, c->rtmp.m_sb.sb_socket) ? FALSE : TRUE;
}

/* As add_addr_info: a NUL-terminated copy of the host when the AVal does not end in a NUL. */
static char *terminated_host(const AVal *host, const struct shim_tracer *t)
{
  char *hostname;
  shim_trace(t, NRTMP_TRACE_RESOLVE, "host->av_val", host->av_val, NULL, NULL, 0);
  if (!host->av_val[host->av_len]) {
    shim_trace(t, NRTMP_TRACE_RESOLVE, "hostname2", host->av_val, NULL, NULL, 0);
    return host->av_val;
  }
  hostname = malloc(host->av_len + 1);
  if (!hostname)
    return NULL;
  memcpy(hostname, host->av_val, host->av_len);
  hostname[host->av_len] = '\0';
  shim_trace(t, NRTMP_TRACE_RESOLVE, "hostname", hostname, NULL, NULL, 0);
  return hostname;
}

/* Tries each address in turn until one connects, all within the connect's deadline; NRTMP_OK,
 * or why none did. */
static nrtmp_status connect_any(struct shim_conn *c, struct addrinfo *res, const struct shim_tracer *t)
{
  struct addrinfo *ai;
  char address[96];

  for (ai = res; ai; ai = ai->ai_next) {
    shim_format_address(ai->ai_addr, address, sizeof address);
    shim_trace_addrinfo(t, ai, address);
    if (shim_is_interrupted(c))
      return NRTMP_INTERRUPTED;
    if (shim_io_left_ms(&c->io) == 0)
      return NRTMP_CONNECT_TIMED_OUT;
    c->report.step = NRTMP_STEP_TCP_CONNECT;
    snprintf(c->report.subject, sizeof c->report.subject, "%s", address);
    if (ai->ai_family == AF_INET) {
      /* librtmp's own RTMP_Connect0; its connect() is bounded by the deadline (io.c) */
      if (connect0_watched(c, ai->ai_addr))
        return NRTMP_OK;
    } else {
      shim_trace(t, NRTMP_TRACE_SOCKET, "socket", "IPv6", address, NULL, 0);
      if (connect_socket(c, ai, address))
        return NRTMP_OK;
    }
    if (c->io.deadline.passed)
      return NRTMP_CONNECT_TIMED_OUT;
  }
  return shim_is_interrupted(c) ? NRTMP_INTERRUPTED : NRTMP_FAILED;
}

/* The lookup's outcome as a status, logged as librtmp logs a failed one. */
static nrtmp_status resolved(enum shim_resolution outcome, int rc, const char *hostname)
{
  switch (outcome) {
  case SHIM_RESOLVED:
    return NRTMP_OK;
  case SHIM_RESOLVE_FAILED:
    RTMP_Log(RTMP_LOGERROR, "Problem accessing the DNS. (addr: %s) %s", hostname, gai_strerror(rc));
    return NRTMP_FAILED;
  case SHIM_RESOLVE_TIMED_OUT:
    RTMP_Log(RTMP_LOGERROR, "nrtmp_connect, the name %s did not resolve within the connect timeout", hostname);
    return NRTMP_CONNECT_TIMED_OUT;
  case SHIM_RESOLVE_INTERRUPTED:
    return NRTMP_INTERRUPTED;
  default:
    return NRTMP_NO_MEMORY;
  }
}

/* Resolve, then connect to each address in turn (connect_any). */
static nrtmp_status connect_tcp(struct shim_conn *c, const struct shim_tracer *t)
{
  RTMP *r = &c->rtmp;
  AVal *host;
  int port, rc;
  nrtmp_status status;
  char *hostname, portstr[16];
  struct addrinfo hints, *res = NULL;

  /* As RTMP_Connect: through a SOCKS proxy the address to connect to is the proxy's. */
  if (r->Link.socksport) {
    host = &r->Link.sockshost;
    port = r->Link.socksport;
  } else {
    host = &r->Link.hostname;
    port = r->Link.port;
  }
  hostname = terminated_host(host, t);
  if (!hostname)
    return NRTMP_NO_MEMORY;
  snprintf(portstr, sizeof portstr, "%d", port);
  shim_trace(t, NRTMP_TRACE_RESOLVE, "portNo", portstr, NULL, NULL, 0);

  memset(&hints, 0, sizeof hints);
  /* librtmp's SOCKS4 negotiation runs inside RTMP_Connect0, which is IPv4-only. */
  hints.ai_family = r->Link.socksport ? AF_INET : AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  c->report.step = NRTMP_STEP_RESOLVE;
  snprintf(c->report.subject, sizeof c->report.subject, "%s", hostname);
  status = resolved(shim_resolve(c, hostname, portstr, &hints, &res, &rc), rc, hostname);
  if (status == NRTMP_OK) {
    status = connect_any(c, res, t);
    freeaddrinfo(res);
  }
  if (hostname != host->av_val)
    free(hostname);
  return status;
}

/* RTMP_Connect1 with RTMP_FEATURE_SSL masked when the caller carries the connection (it does the
 * TLS): librtmp would otherwise start its own TLS, or refuse in a build without crypto. Only
 * RTMP_Connect1 reads the flag after RTMP_SetupURL, which has put rtmps:// in tcUrl already. */
static int connect1(RTMP *r, int piped)
{
  int ssl = r->Link.protocol & RTMP_FEATURE_SSL;
  int ok;
  if (piped)
    r->Link.protocol &= ~RTMP_FEATURE_SSL;
  ok = RTMP_Connect1(r, NULL);
  r->Link.protocol |= ssl;
  return ok;
}

/* nrtmp_connect's steps; the connection's sends coalesced around them (io.h). */
static nrtmp_status connect_steps(struct shim_conn *c, int traced)
{
  RTMP *r = &c->rtmp;
  struct shim_tracer t;
  int piped = c->pipe_fd >= 0;
  nrtmp_status status;

  t.on = traced;
  if (!r->Link.hostname.av_len)
    return NRTMP_FAILED;
  if (r->Link.protocol & RTMP_FEATURE_ENC) {
    /* A build without crypto ignores the flag and handshakes in plain text. */
    RTMP_Log(RTMP_LOGERROR, "nrtmp_connect, RTMPE (rtmpe, rtmpte) is not done by native-rtmp: "
             "it would connect without encryption");
    return NRTMP_REFUSED;
  }
  status = piped ? shim_connect_pipe(c, &t) : connect_tcp(c, &t);
  if (status != NRTMP_OK)
    return status;

  /* Read where RTMP_Connect0 uses them. */
  shim_trace_int(&t, NRTMP_TRACE_LINK, "r->Link.socksport", r->Link.socksport);
  shim_trace_int(&t, NRTMP_TRACE_LINK, "r->Link.timeout", r->Link.timeout);

  r->m_bSendCounter = TRUE;

  /* The checks at the top of RTMP_Connect1. */
  shim_trace_int(&t, NRTMP_TRACE_PROTOCOL, "RTMP_Connect1, r->Link.protocol", r->Link.protocol);
  shim_trace_int(&t, NRTMP_TRACE_PROTOCOL, "RTMP_Connect1, RTMP_FEATURE_SSL", RTMP_FEATURE_SSL);
  shim_trace_int(&t, NRTMP_TRACE_PROTOCOL, "RTMP_Connect1, r->Link.protocol & RTMP_FEATURE_SSL",
                  r->Link.protocol & RTMP_FEATURE_SSL);
  shim_trace_int(&t, NRTMP_TRACE_PROTOCOL, "RTMP_Connect1, r->Link.protocol & RTMP_FEATURE_HTTP",
                  r->Link.protocol & RTMP_FEATURE_HTTP);
  c->report.step = NRTMP_STEP_HANDSHAKE;
  c->report.subject[0] = '\0';
  shim_report_refine(c);
  if (shim_is_interrupted(c))
    return NRTMP_INTERRUPTED;
  if (!connect1(r, piped))
    /* librtmp closed the connection; its read deadline (the receive timeout) may be why */
    return shim_is_interrupted(c) ? NRTMP_INTERRUPTED : RTMP_IsTimedout(r) ? NRTMP_RECEIVE_TIMED_OUT : NRTMP_FAILED;
  return shim_is_interrupted(c) ? NRTMP_INTERRUPTED : shim_await_connect_answer(c);
}

nrtmp_status nrtmp_connect(RTMP *r, int timeout_ms, int traced)
{
  struct shim_conn *c = shim_conn_of(r);
  nrtmp_status status;
  shim_clear_status_texts(c);
  shim_report_begin(c, NRTMP_STEP_NONE, timeout_ms);
  shim_io_begin(c);
  status = shim_io_end(c, connect_steps(c, traced));
  status = shim_deadline_status(c, status, NRTMP_CONNECT_TIMED_OUT);
  shim_io_end_deadline(&c->io);
  return status == NRTMP_OK ? NRTMP_OK : shim_settle(c, status);
}
