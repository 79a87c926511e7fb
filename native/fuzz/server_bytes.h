/* Server byte sequences for the replays and the fuzzer's seeds: RTMP chunks (RTMP 1.0 section
 * 5.3) and AMF0 command messages (section 7.1.1), built the way a server sends them, or
 * deliberately not. */
#ifndef NRTMP_FUZZ_SERVER_BYTES_H
#define NRTMP_FUZZ_SERVER_BYTES_H

#include <stddef.h>
#include <stdint.h>

#include "session.h"

struct server_bytes {
  uint8_t *data;
  size_t size, capacity;
};

struct server_case {
  const char *name;
  enum nrtmp_fuzz_role role;
  void (*build)(struct server_bytes *out);
};

extern const struct server_case nrtmp_server_cases[];

void server_bytes_free(struct server_bytes *b);

#endif
