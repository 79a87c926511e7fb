/*
 * nrtmp-ref: a plain C client of librtmp, the "native" side of native-rtmp's comparisons and
 * benchmarks. It calls librtmp the way a C program would, nothing more:
 *
 *   nrtmp-ref [-v] [-b MS] publish FILE URL   SetupURL, EnableWrite, Connect, ConnectStream(0),
 *                                             RTMP_Write once per tag (with its previous-tag-size),
 *                                             Close
 *   nrtmp-ref [-v] [-b MS] play URL FILE      SetupURL, Connect, ConnectStream(0), RTMP_Read to
 *                                             the end of the stream into FILE, Close
 *
 *   -b MS  RTMP_SetBufferMS before connecting (rtmpdump sets 36000000, librtmp's default is 30000)
 *   -v     librtmp's debug log on stderr
 *
 * Exit codes: 0 done, 1 an RTMP or file error (reason on stderr), 2 usage.
 *
 * The build links it with the same librtmp objects as the Java library; the tests also compile
 * this file against the system's librtmp (-lrtmp) to compare with the distribution's build.
 * Only librtmp's public functions are used (RTMP_Alloc, never the struct's layout), so both work.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rtmp.h"
#include "log.h"

/* FLV file format (Adobe FLV specification, annex E): 9-byte header + PreviousTagSize0,
 * then tags of an 11-byte header, DataSize bytes and a 4-byte PreviousTagSize. */
#define FLV_HEADER_AND_FIRST_PREVIOUS_SIZE 13
#define FLV_TAG_HEADER_SIZE 11
#define FLV_PREVIOUS_TAG_SIZE 4
#define READ_BUFFER_SIZE (64 * 1024)

static int usage(void)
{
  fprintf(stderr, "usage: nrtmp-ref [-v] [-b MS] publish FILE URL\n"
                  "       nrtmp-ref [-v] [-b MS] play URL FILE\n");
  return 2;
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

static RTMP *open_stream(char *url, int write, int buffer_ms)
{
  RTMP *r = RTMP_Alloc();
  if (!r)
    return NULL;
  RTMP_Init(r);
  if (!RTMP_SetupURL(r, url))
    {
      fprintf(stderr, "nrtmp-ref: RTMP_SetupURL refused %s\n", url);
      RTMP_Free(r);
      return NULL;
    }
  if (write)
    RTMP_EnableWrite(r);
  if (buffer_ms >= 0)
    RTMP_SetBufferMS(r, buffer_ms);
  if (!RTMP_Connect(r, NULL))
    {
      fprintf(stderr, "nrtmp-ref: RTMP_Connect failed\n");
      RTMP_Free(r);
      return NULL;
    }
  if (!RTMP_ConnectStream(r, 0))
    {
      fprintf(stderr, "nrtmp-ref: RTMP_ConnectStream failed\n");
      RTMP_Close(r);
      RTMP_Free(r);
      return NULL;
    }
  return r;
}

static int publish(const char *path, char *url, int buffer_ms)
{
  long size, pos = FLV_HEADER_AND_FIRST_PREVIOUS_SIZE;
  int rc = 0;
  unsigned char *flv = read_file(path, &size);
  RTMP *r;

  if (!flv || size < FLV_HEADER_AND_FIRST_PREVIOUS_SIZE || memcmp(flv, "FLV", 3) != 0)
    {
      fprintf(stderr, "nrtmp-ref: %s is not a readable FLV file\n", path);
      free(flv);
      return 1;
    }
  r = open_stream(url, 1, buffer_ms);
  if (!r)
    {
      free(flv);
      return 1;
    }
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
      if (RTMP_Write(r, (const char *) flv + pos, (int) tag_size) <= 0)
        {
          fprintf(stderr, "nrtmp-ref: RTMP_Write failed at byte %ld\n", pos);
          rc = 1;
          break;
        }
      pos += tag_size;
    }
  RTMP_Close(r);
  RTMP_Free(r);
  free(flv);
  return rc;
}

static int play(char *url, const char *path, int buffer_ms)
{
  static char buf[READ_BUFFER_SIZE];
  int n, rc = 0;
  FILE *out;
  RTMP *r = open_stream(url, 0, buffer_ms);

  if (!r)
    return 1;
  out = fopen(path, "wb");
  if (!out)
    {
      fprintf(stderr, "nrtmp-ref: cannot write %s\n", path);
      RTMP_Close(r);
      RTMP_Free(r);
      return 1;
    }
  /* RTMP_Read returns 0 at the end of the stream and -1 on an error. */
  while ((n = RTMP_Read(r, buf, sizeof(buf))) > 0)
    {
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
  if (fclose(out) != 0)
    rc = 1;
  RTMP_Close(r);
  RTMP_Free(r);
  return rc;
}

int main(int argc, char **argv)
{
  int i = 1, buffer_ms = -1;

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
          buffer_ms = atoi(argv[i + 1]);
          i += 2;
        }
      else
        return usage();
    }
  if (argc - i != 3)
    return usage();
  if (strcmp(argv[i], "publish") == 0)
    return publish(argv[i + 1], argv[i + 2], buffer_ms);
  if (strcmp(argv[i], "play") == 0)
    return play(argv[i + 1], argv[i + 2], buffer_ms);
  return usage();
}
