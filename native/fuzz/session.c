/* See session.h. */
#include "session.h"

#include <fcntl.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

#include "log.h"
#include "nativertmp.h"
#include "rtmp.h"

/* RTMP 1.0 section 5.2: S0 is the version byte, S1 and S2 are 1536 bytes each. librtmp's
 * plain handshake accepts any S1 and only warns when S2 does not echo C1. */
#define HANDSHAKE_VERSION 0x03
#define HANDSHAKE_SIZE 1536
#define HANDSHAKE_BYTES (1 + 2 * HANDSHAKE_SIZE)

static const uint8_t *server_bytes;
static size_t server_size;
static size_t position; /* in the handshake, then in server_bytes */
static int one_response_per_recv; /* RTMPT: a server answers one request at a time */

/* How many bytes from `at` up to the start of the next HTTP response (or the end). */
static size_t up_to_next_response(size_t at)
{
  static const char start[] = "HTTP/1.1 ";
  size_t i;
  for (i = at + 1; i + sizeof start - 1 <= server_size; i++)
    if (!memcmp(server_bytes + i, start, sizeof start - 1))
      return i - at;
  return server_size - at;
}

ssize_t nrtmp_fuzz_recv(int fd, void *buf, size_t len, int flags)
{
  size_t n;
  (void)fd;
  (void)flags;
  if (position < HANDSHAKE_BYTES)
    {
      n = HANDSHAKE_BYTES - position;
      if (n > len)
        n = len;
      memset(buf, 0, n);
      if (position == 0 && n > 0)
        ((uint8_t *)buf)[0] = HANDSHAKE_VERSION;
      position += n;
      return (ssize_t)n;
    }
  n = server_size - (position - HANDSHAKE_BYTES);
  if (one_response_per_recv && n > 0)
    n = up_to_next_response(position - HANDSHAKE_BYTES);
  if (n > len)
    n = len;
  if (n == 0)
    return 0; /* the peer closed */
  memcpy(buf, server_bytes + (position - HANDSHAKE_BYTES), n);
  position += n;
  return (ssize_t)n;
}

/* Reads every byte it is given, as the kernel would: sending memory that is not the caller's
 * is then a report. */
ssize_t nrtmp_fuzz_send(int fd, const void *buf, size_t len, int flags)
{
  volatile uint8_t sum = 0;
  size_t i;
  (void)fd;
  (void)flags;
  for (i = 0; i < len; i++)
    sum ^= ((const uint8_t *)buf)[i];
  (void)sum;
  return (ssize_t)len;
}

int nrtmp_fuzz_poll(struct pollfd *fds, nfds_t nfds, int timeout)
{
  nfds_t i;
  (void)timeout;
  for (i = 0; i < nfds; i++)
    fds[i].revents = fds[i].events & POLLIN;
  return (int)nfds;
}

/* Every log line is formatted (so that the sanitizers see each format argument), and dropped
 * unless NRTMP_FUZZ_LOG is set (to look at what a case or a finding does). */
static void format_and_drop(int level, const char *format, va_list args)
{
  char line[2048];
  (void)level;
  vsnprintf(line, sizeof line, format, args);
  if (getenv("NRTMP_FUZZ_LOG"))
    fprintf(stderr, "%s\n", line);
}

/* FLV tags (type, 24-bit size, timestamp, stream id 0, data, previous tag size) for publishing. */
static int flv_tag(char *out, int type, const char *data, int size, uint32_t timestamp)
{
  char *p = out;
  *p++ = (char)type;
  *p++ = (char)(size >> 16);
  *p++ = (char)(size >> 8);
  *p++ = (char)size;
  *p++ = (char)(timestamp >> 16);
  *p++ = (char)(timestamp >> 8);
  *p++ = (char)timestamp;
  *p++ = (char)(timestamp >> 24);
  memset(p, 0, 3);
  p += 3;
  memcpy(p, data, (size_t)size);
  p += size;
  size += 11;
  *p++ = (char)(size >> 24);
  *p++ = (char)(size >> 16);
  *p++ = (char)(size >> 8);
  *p++ = (char)size;
  return (int)(p - out);
}

static void write_tag(RTMP *r, enum nrtmp_fuzz_loop loop, const char *tag, int size)
{
  if (loop == NRTMP_FUZZ_SHIM)
    nrtmp_write(r, tag, size);
  else
    RTMP_Write(r, tag, size);
}

static void publish_tags(RTMP *r, enum nrtmp_fuzz_loop loop, int short_script)
{
  static const char metadata[] = "\x02\x00\x0aonMetaData\x08\x00\x00\x00\x00\x00\x00\x09";
  static const char audio[] = "\xaf\x01\x21\x10\x04\x60\x8c\x1c";
  static const char video[] = "\x17\x01\x00\x00\x00\x00\x00\x00\x10";
  char tag[64];
  int n;

  n = flv_tag(tag, RTMP_PACKET_TYPE_INFO, metadata, (int)sizeof metadata - 1, 0);
  write_tag(r, loop, tag, n);
  if (short_script)
    {
      n = flv_tag(tag, RTMP_PACKET_TYPE_INFO, "", 0, 0);
      write_tag(r, loop, tag, n);
      n = flv_tag(tag, RTMP_PACKET_TYPE_INFO, "\x05", 1, 0);
      write_tag(r, loop, tag, n);
    }
  n = flv_tag(tag, RTMP_PACKET_TYPE_VIDEO, video, (int)sizeof video - 1, 0);
  write_tag(r, loop, tag, n);
  n = flv_tag(tag, RTMP_PACKET_TYPE_AUDIO, audio, (int)sizeof audio - 1, 40);
  write_tag(r, loop, tag, n);
}

/* The stream-setup loop; true when the stream started. */
static int connect_stream(RTMP *r, enum nrtmp_fuzz_loop loop)
{
  char code[256], desc[256];
  int started;
  if (loop == NRTMP_FUZZ_LIBRTMP)
    return RTMP_ConnectStream(r, 0);
  started = nrtmp_connect_stream(r, 0, 0) == NRTMP_OK;
  nrtmp_error_status(r, code, sizeof code, desc, sizeof desc);
  return started;
}

/* Plays until the end: every read consumes input or ends. */
static void play(RTMP *r, enum nrtmp_fuzz_loop loop)
{
  char buf[4096];
  int i, n;
  for (i = 0; i < 100000 && RTMP_IsConnected(r); i++)
    {
      if (loop == NRTMP_FUZZ_LIBRTMP)
        n = RTMP_Read(r, buf, sizeof buf);
      else if (nrtmp_read(r, buf, sizeof buf, &n) != NRTMP_OK)
        n = 0;
      if (n <= 0)
        break;
    }
}

void nrtmp_fuzz_session(enum nrtmp_fuzz_role role, enum nrtmp_fuzz_loop loop, const uint8_t *server,
                        size_t size)
{
  /* RTMP_SetupURL keeps pointers into the URL, so it lives as long as the session. */
  char url[] = "rtmp://127.0.0.1/app/stream";
  char url_rtmpt[] = "rtmpt://127.0.0.1/app/stream";
  RTMP *r;

  RTMP_LogSetLevel(RTMP_LOGDEBUG);
  RTMP_LogSetCallback(format_and_drop);
  server_bytes = server;
  server_size = size;
  position = role == NRTMP_FUZZ_PLAY_RTMPT ? HANDSHAKE_BYTES : 0;
  one_response_per_recv = role == NRTMP_FUZZ_PLAY_RTMPT;

  if (nrtmp_alloc(&r) != NRTMP_OK)
    return;
  if (!RTMP_SetupURL(r, role == NRTMP_FUZZ_PLAY_RTMPT ? url_rtmpt : url))
    {
      nrtmp_free(r, 0);
      return;
    }
  if (role != NRTMP_FUZZ_PLAY)
    RTMP_EnableWrite(r);
  /* What RTMP_Connect0 would leave: an open socket (here one that RTMP_Close may close). */
  r->m_sb.sb_socket = open("/dev/null", O_RDWR);
  if (RTMP_Connect1(r, NULL) && connect_stream(r, loop))
    {
      if (role == NRTMP_FUZZ_PLAY || role == NRTMP_FUZZ_PLAY_RTMPT)
        play(r, loop);
      else
        publish_tags(r, loop, role == NRTMP_FUZZ_PUBLISH_SHORT_SCRIPT);
    }
  nrtmp_free(r, 1); /* RTMP_Close, RTMP_Free */
}
