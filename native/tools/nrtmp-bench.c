/*
 * nrtmp-bench: the C side of native-rtmp's per-call benchmarks (native/bench/run.sh). It links
 * the very shared library the jar carries (libnativertmp), so a C call and a Java call run the
 * same machine code; only the way in differs (a PLT call here, JNA's direct mapping in Java).
 *
 *   nrtmp-bench libversion CALLS           CALLS x RTMP_LibVersion(), the cheapest call there is
 *   nrtmp-bench write URL CALLS PAYLOAD    publish to URL (SetupURL, EnableWrite, Connect,
 *                                          ConnectStream(0)), then CALLS x RTMP_Write of one audio
 *                                          tag with a PAYLOAD-byte body and its previous-tag-size,
 *                                          then Close
 *
 * Each prints one line on stdout: "<what>: <calls> calls in <ms> ms, <ns> ns/call". The timed
 * interval is the loop alone (monotonic clock), after an untimed tenth as many calls to warm
 * caches and the server's side of the connection.
 *
 * Exit codes: 0 done, 1 an RTMP error, 2 usage.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "rtmp.h"
#include "log.h"

/* FLV file format (Adobe FLV specification, annex E): an 11-byte tag header, the body, then a
 * 4-byte PreviousTagSize. */
#define FLV_TAG_HEADER_SIZE 11
#define FLV_PREVIOUS_TAG_SIZE 4
#define FLV_TAG_AUDIO 8
/* E.4.2.1: format 2 (MP3), 44 kHz, 16-bit, stereo; the benchmark in Java sends the same tag. */
#define MP3_44K_16BIT_STEREO 0x2F
#define MAX_PAYLOAD (1 << 20)

/* Where the result of every RTMP_LibVersion call goes, so that -O2 cannot drop the calls. */
volatile int nrtmp_bench_sink;

static int usage(void)
{
  fprintf(stderr, "usage: nrtmp-bench libversion CALLS\n"
                  "       nrtmp-bench write URL CALLS PAYLOAD\n");
  return 2;
}

static double now_ns(void)
{
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double) t.tv_sec * 1e9 + (double) t.tv_nsec;
}

static void report(const char *what, long calls, double elapsed_ns)
{
  printf("%s: %ld calls in %.3f ms, %.2f ns/call\n", what, calls, elapsed_ns / 1e6,
         elapsed_ns / (double) calls);
}

static int bench_libversion(long calls)
{
  long i;
  double started;
  int sum = 0;

  for (i = 0; i < calls / 10; i++)
    sum += RTMP_LibVersion();
  started = now_ns();
  for (i = 0; i < calls; i++)
    sum += RTMP_LibVersion();
  report("RTMP_LibVersion", calls, now_ns() - started);
  nrtmp_bench_sink = sum;
  return 0;
}

/* One audio tag at timestamp 0: header, body (format byte, then a fixed pattern), previous-tag-size. */
static unsigned char *audio_tag(int payload, int *size)
{
  int i, body = payload, total = FLV_TAG_HEADER_SIZE + payload + FLV_PREVIOUS_TAG_SIZE;
  unsigned char *tag = calloc(1, (size_t) total);
  if (!tag)
    return NULL;
  tag[0] = FLV_TAG_AUDIO;
  tag[1] = (unsigned char) (body >> 16);
  tag[2] = (unsigned char) (body >> 8);
  tag[3] = (unsigned char) body;
  /* bytes 4-10: timestamp, extended timestamp and stream id, all 0 */
  tag[FLV_TAG_HEADER_SIZE] = MP3_44K_16BIT_STEREO;
  for (i = 1; i < payload; i++)
    tag[FLV_TAG_HEADER_SIZE + i] = (unsigned char) i;
  i = FLV_TAG_HEADER_SIZE + payload;
  tag[i] = (unsigned char) ((total - FLV_PREVIOUS_TAG_SIZE) >> 24);
  tag[i + 1] = (unsigned char) ((total - FLV_PREVIOUS_TAG_SIZE) >> 16);
  tag[i + 2] = (unsigned char) ((total - FLV_PREVIOUS_TAG_SIZE) >> 8);
  tag[i + 3] = (unsigned char) (total - FLV_PREVIOUS_TAG_SIZE);
  *size = total;
  return tag;
}

static int bench_write(char *url, long calls, int payload)
{
  int size, rc = 0;
  long i;
  double started;
  unsigned char *tag = audio_tag(payload, &size);
  RTMP *r = RTMP_Alloc();

  if (!tag || !r)
    return 1;
  RTMP_Init(r);
  if (!RTMP_SetupURL(r, url))
    {
      fprintf(stderr, "nrtmp-bench: RTMP_SetupURL refused %s\n", url);
      return 1;
    }
  RTMP_EnableWrite(r);
  if (!RTMP_Connect(r, NULL) || !RTMP_ConnectStream(r, 0))
    {
      fprintf(stderr, "nrtmp-bench: could not publish to %s\n", url);
      RTMP_Free(r);
      free(tag);
      return 1;
    }
  for (i = 0; i < calls / 10 && rc == 0; i++)
    if (RTMP_Write(r, (const char *) tag, size) <= 0)
      rc = 1;
  started = now_ns();
  for (i = 0; i < calls && rc == 0; i++)
    if (RTMP_Write(r, (const char *) tag, size) <= 0)
      rc = 1;
  if (rc == 0)
    {
      char what[64];
      snprintf(what, sizeof what, "RTMP_Write of a %d-byte tag", size);
      report(what, calls, now_ns() - started);
    }
  else
    fprintf(stderr, "nrtmp-bench: RTMP_Write failed\n");
  RTMP_Close(r);
  RTMP_Free(r);
  free(tag);
  return rc;
}

int main(int argc, char **argv)
{
  RTMP_LogSetLevel(RTMP_LOGERROR);
  if (argc == 3 && strcmp(argv[1], "libversion") == 0 && atol(argv[2]) > 0)
    return bench_libversion(atol(argv[2]));
  if (argc == 5 && strcmp(argv[1], "write") == 0 && atol(argv[3]) > 0 && atoi(argv[4]) > 0
      && atoi(argv[4]) <= MAX_PAYLOAD)
    return bench_write(argv[2], atol(argv[3]), atoi(argv[4]));
  return usage();
}
