/* A client session of librtmp against server bytes given in memory: the harness behind the
 * sanitizer replays (replay.c) and the fuzzer (fuzz_target.c). librtmp is compiled with recv,
 * send and poll renamed to the functions in session.c (see CMakeLists.txt), so it reads exactly
 * the given bytes, with no socket and no thread, and sees the end of them as a closed socket. */
#ifndef NRTMP_FUZZ_SESSION_H
#define NRTMP_FUZZ_SESSION_H

#include <stddef.h>
#include <stdint.h>

enum nrtmp_fuzz_role {
  NRTMP_FUZZ_PLAY,          /* connect, connect-stream loop, then RTMP_Read until the end */
  NRTMP_FUZZ_PUBLISH,       /* connect, connect-stream loop, then RTMP_Write of a few FLV tags */
  NRTMP_FUZZ_PUBLISH_SHORT_SCRIPT, /* as PUBLISH, with script tags of 0 and 1 data bytes */
  NRTMP_FUZZ_PLAY_RTMPT,    /* as PLAY over rtmpt://: the bytes are the HTTP responses, the
                             * handshake inside them (none is made here) */
  NRTMP_FUZZ_PUBLISH_ENHANCED, /* as PUBLISH with Enhanced RTMP: connect properties (fourCcList),
                                * enhanced tags, an audio tag earlier than the video before it */
  NRTMP_FUZZ_ROLES
};

/* Which stream-setup loop and data calls a session goes through. */
enum nrtmp_fuzz_loop {
  NRTMP_FUZZ_SHIM,    /* the shim's: nrtmp_connect_stream, nrtmp_read, nrtmp_write, nrtmp_free
                       * (what NativeRtmp runs) */
  NRTMP_FUZZ_LIBRTMP  /* librtmp's own: RTMP_ConnectStream, RTMP_Read, RTMP_Write */
};

/* Runs one session: a valid handshake (S0, S1, S2 made here, except over RTMPT), then `server`
 * as everything the server sends after it. */
void nrtmp_fuzz_session(enum nrtmp_fuzz_role role, enum nrtmp_fuzz_loop loop, const uint8_t *server,
                        size_t size);

#endif
