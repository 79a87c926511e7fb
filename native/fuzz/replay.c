/* Replays the server byte sequences of server_bytes.c against librtmp, under the sanitizers:
 *
 *   nrtmp-replay NAME            one case through the shim's loop (CTest runs each as a test)
 *   nrtmp-replay --librtmp NAME  one case through librtmp's own loop (RTMP_ConnectStream)
 *   nrtmp-replay --list          the case names
 *   nrtmp-replay --write-seeds DIR   each case as fuzzer inputs (role byte + server bytes), one
 *                                    for each loop
 *
 * A sanitizer report makes the process fail; a clean run prints "NAME: ok". */
#include <stdio.h>
#include <string.h>

#include "server_cases.h"
#include "session.h"

static const struct server_case *find_case(const char *name)
{
  const struct server_case *c;
  for (c = nrtmp_server_cases; c->name; c++)
    if (!strcmp(c->name, name))
      return c;
  return NULL;
}

/* One seed: the role byte (its top bit set for librtmp's own loop, as fuzz_target.c reads it). */
static int write_seed(const char *path, unsigned char role, const struct server_bytes *b)
{
  FILE *f = fopen(path, "wb");
  if (!f || fwrite(&role, 1, 1, f) != 1 || fwrite(b->data, 1, b->size, f) != b->size)
    {
      perror(path);
      if (f)
        fclose(f);
      return 1;
    }
  fclose(f);
  return 0;
}

static int write_seeds(const char *dir)
{
  const struct server_case *c;
  int failed = 0;
  for (c = nrtmp_server_cases; c->name; c++)
    {
      struct server_bytes b = { 0 };
      char path[4096];
      c->build(&b);
      snprintf(path, sizeof path, "%s/%s", dir, c->name);
      failed |= write_seed(path, (unsigned char)c->role, &b);
      snprintf(path, sizeof path, "%s/%s.own-loop", dir, c->name);
      failed |= write_seed(path, (unsigned char)(c->role | 0x80), &b);
      server_bytes_free(&b);
    }
  return failed;
}

int main(int argc, char **argv)
{
  const struct server_case *c;
  struct server_bytes b = { 0 };
  enum nrtmp_fuzz_loop loop = NRTMP_FUZZ_SHIM;

  if (argc == 2 && !strcmp(argv[1], "--list"))
    {
      for (c = nrtmp_server_cases; c->name; c++)
        puts(c->name);
      return 0;
    }
  if (argc == 3 && !strcmp(argv[1], "--write-seeds"))
    return write_seeds(argv[2]);
  if (argc == 3 && !strcmp(argv[1], "--librtmp"))
    {
      loop = NRTMP_FUZZ_LIBRTMP;
      argv++;
      argc--;
    }
  if (argc != 2 || !(c = find_case(argv[1])))
    {
      fprintf(stderr, "usage: nrtmp-replay [--librtmp] NAME | --list | --write-seeds DIR\n");
      return 2;
    }
  c->build(&b);
  nrtmp_fuzz_session(c->role, loop, b.data, b.size);
  server_bytes_free(&b);
  printf("%s: ok\n", c->name);
  return 0;
}
