/* native-rtmp shim: forced in front of every librtmp source (-include, CMakeLists.txt), so that
 * librtmp's heap blocks are counted for the connection whose call made them (alloc.c) without an
 * edit to librtmp's source. The system's headers come first, so that their declarations are left
 * alone; then the calls are mapped by function-like macros, which touch only calls. librtmp
 * frees only what it allocated itself, and the shim never frees a block of librtmp's, so every
 * block is counted in and out through the same functions. */
#ifndef NRTMP_ALLOC_REDIRECT_H
#define NRTMP_ALLOC_REDIRECT_H

#include <stdlib.h>
#include <string.h>

void *shim_malloc(size_t size);
void *shim_calloc(size_t count, size_t size);
void *shim_realloc(void *block, size_t size);
void shim_free(void *block);
char *shim_strdup(const char *text);

#define malloc(size) shim_malloc(size)
#define calloc(count, size) shim_calloc((count), (size))
#define realloc(block, size) shim_realloc((block), (size))
#define free(block) shim_free(block)
#define strdup(text) shim_strdup(text)

#endif
