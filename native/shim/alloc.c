/* native-rtmp shim, alloc: librtmp's heap blocks, counted per connection (NRTMP_STAT_NATIVE_BYTES).
 *
 * Every malloc, calloc, realloc, free and strdup of librtmp's sources comes here
 * (alloc_redirect.h). A block is counted, at the size malloc really gave it, for the connection in
 * scope on the thread (io.c: the connection whose call runs), and taken off again when it is freed.
 * librtmp allocates and frees a connection's blocks only in that connection's calls (RTMP_SetupURL
 * and RTMP_SetOpt included: nrtmp_setup_url, nrtmp_set_opt), and where the shim has librtmp
 * allocate or free a packet outside a call (events.c) it puts the connection in scope for that, so
 * what librtmp holds for one connection stays on that connection's count (NativeMemoryTest checks
 * that it does not drift). Outside every scope nothing is counted: RTMP_Free of the whole
 * connection in nrtmp_free, after which nothing reads the count. */
#include "shim.h"

#include <stdlib.h>
#include <string.h>
#if defined(_WIN32) || defined(__GLIBC__)
#include <malloc.h>
#endif

static long long usable_size(void *block)
{
#ifdef _WIN32
  return (long long)_msize(block);
#elif defined(__GLIBC__)
  return (long long)malloc_usable_size(block);
#else
#error "alloc.c needs the usable size of a heap block on this system"
#endif
}

static void count(void *block, int sign)
{
  struct shim_conn *c;
  if (!block)
    return;
  c = shim_io_scope();
  if (c)
    c->stats.librtmp_heap += sign * usable_size(block);
}

void *shim_malloc(size_t size)
{
  void *block = malloc(size);
  count(block, 1);
  return block;
}

void *shim_calloc(size_t n, size_t size)
{
  void *block = calloc(n, size);
  count(block, 1);
  return block;
}

void *shim_realloc(void *block, size_t size)
{
  struct shim_conn *c = shim_io_scope();
  long long before = block ? usable_size(block) : 0;
  void *grown = realloc(block, size);
  if (c && grown)
    c->stats.librtmp_heap += usable_size(grown) - before;
  else if (c && size == 0)
    c->stats.librtmp_heap -= before; /* freed, as realloc(block, 0) does here */
  return grown;
}

void shim_free(void *block)
{
  count(block, -1);
  free(block);
}

char *shim_strdup(const char *text)
{
  char *copy = shim_malloc(strlen(text) + 1);
  return copy ? strcpy(copy, text) : NULL;
}

long long shim_native_bytes(struct shim_conn *c)
{
  return usable_size(c) + c->stats.librtmp_heap + c->io.out.capacity + (long long)c->messages.cap
         + shim_fiber_bytes(c);
}
