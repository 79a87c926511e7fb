/* native-rtmp shim, trace: formatting the steps of a traced connect (connect.c) as the lines an
 * instrumented librtmp prints, and handing them to the one trace sink. */
#include "shim.h"

#include <stdio.h>

static nrtmp_trace_sink trace_sink;

static const char *const kind_names[NRTMP_TRACE_KIND_COUNT] = {
  "RESOLVE", "ADDRINFO", "SOCKET", "LINK", "PROTOCOL",
};

const char *nrtmp_trace_kind_name(int kind)
{
  return kind >= 0 && kind < NRTMP_TRACE_KIND_COUNT ? kind_names[kind] : NULL;
}

nrtmp_status nrtmp_set_trace_sink(nrtmp_trace_sink sink)
{
  trace_sink = sink;
  return NRTMP_OK;
}

void shim_trace(const struct shim_tracer *t, int kind, const char *key, const char *value,
                 const char *address, const unsigned char *bytes, int nbytes)
{
  nrtmp_trace_sink sink = trace_sink;
  if (t->on && sink)
    sink(kind, key, value, address, bytes, nbytes);
}

void shim_trace_int(const struct shim_tracer *t, int kind, const char *key, long value)
{
  char text[32];
  if (!t->on)
    return;
  snprintf(text, sizeof text, "%ld", value);
  shim_trace(t, kind, key, text, NULL, NULL, 0);
}

/* "%p", except that NULL is "(null)" as the instrumented build printed it. */
static void trace_ptr(const struct shim_tracer *t, int kind, const char *key, const void *p)
{
  char text[32];
  if (!t->on)
    return;
  if (p)
    snprintf(text, sizeof text, "%p", p);
  else
    snprintf(text, sizeof text, "(null)");
  shim_trace(t, kind, key, text, NULL, NULL, 0);
}

void shim_format_address(const struct sockaddr *sa, char *out, size_t size)
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

void shim_trace_addrinfo(const struct shim_tracer *t, const struct addrinfo *ai,
                          const char *address)
{
  if (!t->on)
    return;
  shim_trace_int(t, NRTMP_TRACE_ADDRINFO, "addrinfo->ai_flags", ai->ai_flags);
  shim_trace_int(t, NRTMP_TRACE_ADDRINFO, "addrinfo->ai_family", ai->ai_family);
  shim_trace_int(t, NRTMP_TRACE_ADDRINFO, "addrinfo->ai_socktype", ai->ai_socktype);
  shim_trace_int(t, NRTMP_TRACE_ADDRINFO, "addrinfo->ai_protocol", ai->ai_protocol);
  shim_trace_int(t, NRTMP_TRACE_ADDRINFO, "addrinfo->ai_addrlen", (long)ai->ai_addrlen);
  shim_trace_int(t, NRTMP_TRACE_ADDRINFO, "addrinfo->ai_addr->sa_family", ai->ai_addr->sa_family);
  /* The raw 14-byte sa_data; Java prints it as the C string it is (up to its first NUL). */
  shim_trace(t, NRTMP_TRACE_ADDRINFO, "addrinfo->ai_addr->sa_data", NULL, address,
              (const unsigned char *)ai->ai_addr->sa_data, (int)sizeof ai->ai_addr->sa_data);
  shim_trace(t, NRTMP_TRACE_ADDRINFO, "addrinfo->ai_canonname",
              ai->ai_canonname ? ai->ai_canonname : "(null)", NULL, NULL, 0);
  trace_ptr(t, NRTMP_TRACE_ADDRINFO, "addrinfo->ai_next", ai->ai_next);
}
