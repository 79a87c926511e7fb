#include "nativertmp.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#ifdef _WIN32
#include <winsock2.h>
#define NRTMP_SHUT_BOTH SD_BOTH
#else
#include <sys/socket.h>
#define NRTMP_SHUT_BOTH SHUT_RDWR
#endif

#ifndef NRTMP_VERSION
#define NRTMP_VERSION "0.0.0-dev"
#endif

/* librtmp formats into 2048 bytes itself (MAX_PRINT_LEN in log.c). */
#define NRTMP_LOG_LINE_MAX 2048

static nrtmp_log_sink log_sink;

const char *nrtmp_version(void)
{
  return NRTMP_VERSION;
}

int nrtmp_startup(void)
{
#ifdef _WIN32
  /* librtmp never starts Winsock (rtmpdump's main does); without this the first socket()
   * fails with WSANOTINITIALISED (10093) unless something else in the process started it. */
  WSADATA wsa;
  return WSAStartup(MAKEWORD(2, 2), &wsa);
#else
  return 0;
#endif
}

static void forward_log(int level, const char *format, va_list args)
{
  char line[NRTMP_LOG_LINE_MAX];
  nrtmp_log_sink sink = log_sink;
  int n;
  if (!sink)
    return;
  n = vsnprintf(line, sizeof line, format, args);
  if (n < 0)
    return;
  n = (int)strlen(line);
  while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
    line[--n] = '\0';
  sink(level, line);
}

void nrtmp_set_log_sink(nrtmp_log_sink sink)
{
  /* librtmp calls its callback unchecked, so it is never set to NULL: with no sink the
   * messages are dropped here instead of reaching librtmp's default stderr output. */
  log_sink = sink;
  RTMP_LogSetCallback(forward_log);
}

int nrtmp_set_opt(RTMP *r, const char *key, char *value)
{
  AVal opt, arg;
  opt.av_val = (char *)key;
  opt.av_len = (int)strlen(key);
  arg.av_val = value;
  arg.av_len = (int)strlen(value);
  return RTMP_SetOpt(r, &opt, &arg);
}

int nrtmp_read_status(RTMP *r)
{
  return r->m_read.status;
}

int nrtmp_interrupt(RTMP *r)
{
  int fd = RTMP_Socket(r);
  if (fd < 0)
    return -1;
  shutdown(fd, NRTMP_SHUT_BOTH);
  return 0;
}
