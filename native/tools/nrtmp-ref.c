/*
 * nrtmp-ref: a plain C client of librtmp, the "native" side of native-rtmp's comparisons and
 * benchmarks. It calls librtmp the way a C program would, nothing more:
 *
 *   nrtmp-ref [-v] [-b MS] [-c N] [-s BYTES] [-t] publish FILE URL
 *                                             SetupURL, EnableWrite, Connect, ConnectStream(0),
 *                                             RTMP_Write once per tag (with its previous-tag-size),
 *                                             Close
 *   nrtmp-ref [-v] [-b MS] [-t] play URL FILE SetupURL, Connect, ConnectStream(0), RTMP_Read to
 *                                             the end of the stream into FILE, Close
 *
 *   -b MS  RTMP_SetBufferMS before connecting (rtmpdump sets 36000000, librtmp's default is 30000)
 *   -c N   publish: Set Chunk Size N between Connect and ConnectStream, as NativeRtmp.setOutChunkSize
 *          does (the shim's nrtmp_set_out_chunk_size; only in the CMake build, which links the shim)
 *   -s BYTES publish through the shim's nrtmp_write instead of RTMP_Write, as NativeRtmp does: its
 *          sends coalesced (native/shim/io.h), whole tags of up to BYTES per call (0: one tag per
 *          call; a larger tag alone); CMake build only
 *   -t     print on stderr how long the writes (publish) or reads (play) took, from the first call
 *          to the return of the last one (monotonic clock; no process start, file read, connect
 *          or close), and for publish the CPU time the process spent meanwhile (-1 on Windows);
 *          before that, how long RTMP_Connect and RTMP_ConnectStream took together
 *   -v     librtmp's debug log on stderr
 *
 * Exit codes: 0 done, 1 an RTMP or file error (reason on stderr), 2 usage.
 *
 * The build links it with the same librtmp objects as the Java library; the tests also compile
 * this file against the system's librtmp (-lrtmp) to compare with the distribution's build.
 * Only librtmp's public functions are used (RTMP_Alloc, never the struct's layout), so both work;
 * -c and -s go through the shim (NRTMP_REF_WITH_SHIM), which only the CMake build links.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef _WIN32
#include <windows.h>
#else
#include <time.h>
#endif

#include "rtmp.h"
#include "log.h"

#ifdef NRTMP_REF_WITH_SHIM
#include "nativertmp.h"

/* The shim's functions need an RTMP* from nrtmp_alloc (its state for the connection lives beside
 * the struct); nrtmp_free closes and frees it. */
static RTMP *alloc_rtmp(void)
{
  RTMP *r;
  return nrtmp_alloc(&r) == NRTMP_OK ? r : NULL;
}

static void free_rtmp(RTMP *r)
{
  nrtmp_free(r, 1);
}
#else
static RTMP *alloc_rtmp(void)
{
  RTMP *r = RTMP_Alloc();
  if (r)
    RTMP_Init(r);
  return r;
}

static void free_rtmp(RTMP *r)
{
  RTMP_Close(r);
  RTMP_Free(r);
}
#endif

/* FLV file format (Adobe FLV specification, annex E): 9-byte header + PreviousTagSize0,
 * then tags of an 11-byte header, DataSize bytes and a 4-byte PreviousTagSize. */
#define FLV_HEADER_AND_FIRST_PREVIOUS_SIZE 13
#define FLV_TAG_HEADER_SIZE 11
#define FLV_PREVIOUS_TAG_SIZE 4
#define READ_BUFFER_SIZE (64 * 1024)

/* What the command line asked for besides the command itself. */
struct settings
{
  int buffer_ms;  /* -1: librtmp's default */
  int chunk_size; /* 0: librtmp's default (128) */
  int timed;
  int batch_bytes; /* -s: whole tags of up to this many bytes per nrtmp_write; -1: RTMP_Write per tag */
};

static int usage(void)
{
  fprintf(stderr, "usage: nrtmp-ref [-v] [-b MS] [-c N] [-s BYTES] [-t] publish FILE URL\n"
                  "       nrtmp-ref [-v] [-b MS] [-t] play URL FILE\n");
  return 2;
}

static double now_ms(void)
{
#ifdef _WIN32
  LARGE_INTEGER count, frequency;
  QueryPerformanceCounter(&count);
  QueryPerformanceFrequency(&frequency);
  return (double) count.QuadPart * 1000.0 / (double) frequency.QuadPart;
#else
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double) t.tv_sec * 1000.0 + (double) t.tv_nsec / 1e6;
#endif
}

/* CPU time of this process (user and system), in ms; -1 where not measured. */
static double cpu_ms(void)
{
#ifdef _WIN32
  return -1;
#else
  struct timespec t;
  if (clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t) != 0)
    return -1;
  return (double) t.tv_sec * 1000.0 + (double) t.tv_nsec / 1e6;
#endif
}

static unsigned char *read_file(const char *path, long *size)
{
  FILE *f = fopen(path, "rb");
  unsigned char *data;
  if (!f)
    return NULL;
  if (fseek(f, 0, SEEK_END) != 0 || (*size = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0)
    {
      fclose(f);
      return NULL;
    }
  data = malloc(*size > 0 ? *size : 1);
  if (data && fread(data, 1, *size, f) != (size_t) *size)
    {
      free(data);
      data = NULL;
    }
  fclose(f);
  return data;
}

static RTMP *open_stream(char *url, int write, const struct settings *set)
{
  RTMP *r = alloc_rtmp();
  double started = set->timed ? now_ms() : 0;
  if (!r)
    return NULL;
  if (!RTMP_SetupURL(r, url))
    {
      fprintf(stderr, "nrtmp-ref: RTMP_SetupURL refused %s\n", url);
      free_rtmp(r);
      return NULL;
    }
  if (write)
    RTMP_EnableWrite(r);
  if (set->buffer_ms >= 0)
    RTMP_SetBufferMS(r, set->buffer_ms);
  if (!RTMP_Connect(r, NULL))
    {
      fprintf(stderr, "nrtmp-ref: RTMP_Connect failed\n");
      free_rtmp(r);
      return NULL;
    }
#ifdef NRTMP_REF_WITH_SHIM
  if (set->chunk_size > 0 && nrtmp_set_out_chunk_size(r, set->chunk_size) != NRTMP_OK)
    {
      fprintf(stderr, "nrtmp-ref: Set Chunk Size %d failed\n", set->chunk_size);
      free_rtmp(r);
      return NULL;
    }
#endif
  if (!RTMP_ConnectStream(r, 0))
    {
      fprintf(stderr, "nrtmp-ref: RTMP_ConnectStream failed\n");
      free_rtmp(r);
      return NULL;
    }
  if (set->timed)
    fprintf(stderr, "nrtmp-ref: connected and set up the stream in %.3f ms\n", now_ms() - started);
  return r;
}

/* Whole tags to librtmp: RTMP_Write, or with -s the shim's nrtmp_write (coalesced sends). */
static int write_tags(RTMP *r, const unsigned char *tags, long len, const struct settings *set)
{
#ifdef NRTMP_REF_WITH_SHIM
  if (set->batch_bytes >= 0)
    return nrtmp_write(r, (const char *) tags, (int) len) == NRTMP_OK;
#else
  (void) set;
#endif
  return RTMP_Write(r, (const char *) tags, (int) len) > 0;
}

static int publish(const char *path, char *url, const struct settings *set)
{
  long size, pos = FLV_HEADER_AND_FIRST_PREVIOUS_SIZE, tags = 0, batch = pos;
  int rc = 0;
  double started, cpu_started;
  unsigned char *flv = read_file(path, &size);
  RTMP *r;

  if (!flv || size < FLV_HEADER_AND_FIRST_PREVIOUS_SIZE || memcmp(flv, "FLV", 3) != 0)
    {
      fprintf(stderr, "nrtmp-ref: %s is not a readable FLV file\n", path);
      free(flv);
      return 1;
    }
  r = open_stream(url, 1, set);
  if (!r)
    {
      free(flv);
      return 1;
    }
  started = set->timed ? now_ms() : 0;
  cpu_started = set->timed ? cpu_ms() : 0;
  while (pos + FLV_TAG_HEADER_SIZE <= size)
    {
      long data_size = (long) flv[pos + 1] << 16 | flv[pos + 2] << 8 | flv[pos + 3];
      long tag_size = FLV_TAG_HEADER_SIZE + data_size + FLV_PREVIOUS_TAG_SIZE;
      if (pos + tag_size > size)
        {
          fprintf(stderr, "nrtmp-ref: %s ends inside the tag at byte %ld\n", path, pos);
          rc = 1;
          break;
        }
      /* the tags before this one go out first when it would not fit in their batch */
      if (pos > batch && pos + tag_size - batch > set->batch_bytes)
        {
          if (!write_tags(r, flv + batch, pos - batch, set))
            {
              fprintf(stderr, "nrtmp-ref: writing failed at byte %ld\n", batch);
              rc = 1;
              break;
            }
          batch = pos;
        }
      pos += tag_size;
      tags++;
    }
  if (rc == 0 && pos > batch && !write_tags(r, flv + batch, pos - batch, set))
    {
      fprintf(stderr, "nrtmp-ref: writing failed at byte %ld\n", batch);
      rc = 1;
    }
  if (set->timed)
    fprintf(stderr, "nrtmp-ref: wrote %ld bytes in %ld tags in %.3f ms, cpu %.3f ms\n",
            pos - FLV_HEADER_AND_FIRST_PREVIOUS_SIZE, tags, now_ms() - started,
            cpu_started < 0 ? -1.0 : cpu_ms() - cpu_started);
  free_rtmp(r);
  free(flv);
  return rc;
}

static int play(char *url, const char *path, const struct settings *set)
{
  static char buf[READ_BUFFER_SIZE];
  int n, rc = 0;
  long total = 0;
  double started;
  FILE *out;
  RTMP *r = open_stream(url, 0, set);

  if (!r)
    return 1;
  out = fopen(path, "wb");
  if (!out)
    {
      fprintf(stderr, "nrtmp-ref: cannot write %s\n", path);
      free_rtmp(r);
      return 1;
    }
  started = set->timed ? now_ms() : 0;
  /* RTMP_Read returns 0 at the end of the stream and -1 on an error. */
  while ((n = RTMP_Read(r, buf, sizeof(buf))) > 0)
    {
      total += n;
      if (fwrite(buf, 1, n, out) != (size_t) n)
        {
          fprintf(stderr, "nrtmp-ref: cannot write %s\n", path);
          rc = 1;
          break;
        }
    }
  if (n < 0)
    {
      fprintf(stderr, "nrtmp-ref: RTMP_Read failed\n");
      rc = 1;
    }
  if (set->timed)
    fprintf(stderr, "nrtmp-ref: read %ld bytes in %.3f ms\n", total, now_ms() - started);
  if (fclose(out) != 0)
    rc = 1;
  free_rtmp(r);
  return rc;
}

int main(int argc, char **argv)
{
  int i = 1;
  struct settings set = { -1, 0, 0, -1 };

  RTMP_LogSetLevel(RTMP_LOGERROR);
  while (i < argc && argv[i][0] == '-')
    {
      if (strcmp(argv[i], "-v") == 0)
        {
          RTMP_LogSetLevel(RTMP_LOGDEBUG);
          i++;
        }
      else if (strcmp(argv[i], "-b") == 0 && i + 1 < argc)
        {
          set.buffer_ms = atoi(argv[i + 1]);
          i += 2;
        }
      else if (strcmp(argv[i], "-c") == 0 && i + 1 < argc)
        {
#ifdef NRTMP_REF_WITH_SHIM
          set.chunk_size = atoi(argv[i + 1]);
          if (set.chunk_size < 1)
            return usage();
          i += 2;
#else
          fprintf(stderr, "nrtmp-ref: -c needs the shim; this build has none (build with CMake)\n");
          return 2;
#endif
        }
      else if (strcmp(argv[i], "-s") == 0 && i + 1 < argc)
        {
#ifdef NRTMP_REF_WITH_SHIM
          set.batch_bytes = atoi(argv[i + 1]);
          if (set.batch_bytes < 0)
            return usage();
          i += 2;
#else
          fprintf(stderr, "nrtmp-ref: -s needs the shim; this build has none (build with CMake)\n");
          return 2;
#endif
        }
      else if (strcmp(argv[i], "-t") == 0)
        {
          set.timed = 1;
          i++;
        }
      else
        return usage();
    }
  if (argc - i != 3)
    return usage();
  if (strcmp(argv[i], "publish") == 0)
    return publish(argv[i + 1], argv[i + 2], &set);
  if (strcmp(argv[i], "play") == 0 && set.chunk_size == 0 && set.batch_bytes < 0)
    return play(argv[i + 1], argv[i + 2], &set);
  return usage();
}
