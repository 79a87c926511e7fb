/* The named server sequences the replays run and the fuzzer starts from (server_cases.c). */
#ifndef NRTMP_FUZZ_SERVER_CASES_H
#define NRTMP_FUZZ_SERVER_CASES_H

#include "server_bytes.h"
#include "session.h"

struct server_case {
  const char *name;
  enum nrtmp_fuzz_role role;
  void (*build)(struct server_bytes *out);
};

/* Ends with an entry whose name is NULL. */
extern const struct server_case nrtmp_server_cases[];

#endif
