/* Replays the server byte sequences of server_bytes.c against librtmp, under the sanitizers:
 *
 *   nrtmp-replay NAME            one case (CTest runs each as its own test)
 *   nrtmp-replay --list          the case names
 *   nrtmp-replay --write-seeds DIR   each case as a fuzzer input (role byte + server bytes)
 *
 * A sanitizer report makes the process fail; a clean run prints "NAME: ok". */
#include <stdio.h>
#include <string.h>

#include "server_bytes.h"
#include "session.h"

static const struct server_case *find_case(const char *name)
{
  const struct server_case *c;
  for (c = nrtmp_server_cases; c->name; c++)
    if (!strcmp(c->name, name))
      return c;
  return NULL;
}

static int write_seeds(const char *dir)
{
  const struct server_case *c;
  for (c = nrtmp_server_cases; c->name; c++)
    {
      struct server_bytes b = { 0 };
      char path[4096];
      FILE *f;
      unsigned char role = (unsigned char)c->role;
      c->build(&b);
      snprintf(path, sizeof path, "%s/%s", dir, c->name);
      f = fopen(path, "wb");
      if (!f || fwrite(&role, 1, 1, f) != 1 || fwrite(b.data, 1, b.size, f) != b.size)
        {
          perror(path);
          return 1;
        }
      fclose(f);
      server_bytes_free(&b);
    }
  return 0;
}

int main(int argc, char **argv)
{
  const struct server_case *c;
  struct server_bytes b = { 0 };

  if (argc == 2 && !strcmp(argv[1], "--list"))
    {
      for (c = nrtmp_server_cases; c->name; c++)
        puts(c->name);
      return 0;
    }
  if (argc == 3 && !strcmp(argv[1], "--write-seeds"))
    return write_seeds(argv[2]);
  if (argc != 2 || !(c = find_case(argv[1])))
    {
      fprintf(stderr, "usage: nrtmp-replay NAME | --list | --write-seeds DIR\n");
      return 2;
    }
  c->build(&b);
  nrtmp_fuzz_session(c->role, b.data, b.size);
  server_bytes_free(&b);
  printf("%s: ok\n", c->name);
  return 0;
}
