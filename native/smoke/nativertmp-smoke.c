/* Smoke test of the Windows build of native-rtmp's native library, for machines with no
 * Windows JDK: it loads nativertmp.dll the way JNA does (LoadLibrary + GetProcAddress) and
 * drives the same exports the Java side uses.
 *
 *   nativertmp-smoke version DLL
 *       prints nrtmp_version() and RTMP_LibVersion()
 *   nativertmp-smoke publish DLL rtmp://HOST:PORT/APP/STREAM [--shim-connect | --pipe | --loopback | --engine] [--no-startup]
 *       publishes a small FLV stream made here (known audio and video payloads) with
 *       RTMP_Write, one whole tag plus its 4-byte previous-tag-size per call; connects with
 *       RTMP_Connect, or with --shim-connect as the Java side does: nrtmp_connect and nrtmp_connect_stream with a
 *       time limit and the trace on (the shim's own non-blocking socket path); with --pipe
 *       through the shim's socket pair: nrtmp_attach_pipe, and a thread here carries the pipe's
 *       outer end to a TCP connection of its own (plain TCP where Java puts the JDK's TLS), so
 *       that the native half of that path runs: the loopback socket pair, librtmp connecting
 *       through it with RTMP_FEATURE_SSL masked (give an rtmps:// URL), nrtmp_pipe_*
 *       --loopback: as the Java side does for rtmps (TlsTunnel): a listener here on 127.0.0.1,
 *       nrtmp_attach_loopback connecting librtmp's end to it, the accepted connection checked to
 *       come from the port it reported, and a thread here carrying it to the server in plain TCP
 *       --engine: as the Java side does for a virtual thread: nrtmp_connect, nrtmp_connect_stream and
 *       nrtmp_write each submitted to an engine (nrtmp_engine_*: a fiber per connection, WSAPoll)
 *       whose loop runs on a thread here
 *   nativertmp-smoke check FILE.flv
 *       checks that a recorded FLV holds exactly the tags that publish sent, in order
 *
 * Exit status 0 means the step passed. Built with MinGW-w64 (native/smoke/CMakeLists.txt);
 * "check" is plain C and also builds on the host. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef _WIN32
#include <winsock2.h>
#include <windows.h>
#endif

#define N_FRAMES 5
#define FRAME_MS 40
#define PAYLOAD_LEN 32

/* The stream: for each frame a video tag (Sorenson H.263 key frame, codec id 2) and an audio
 * tag (MP3, 44 kHz, 16 bit, stereo); neither codec needs a sequence header, so a server
 * records the tags as they are. Payloads after the first byte are text that names the tag. */
static void make_payload(int type, int frame, unsigned char *out)
{
  memset(out, 0, PAYLOAD_LEN);
  out[0] = type == 9 ? 0x12 : 0x2F;
  snprintf((char *)out + 1, PAYLOAD_LEN - 1, "native-rtmp %s %d",
           type == 9 ? "video" : "audio", frame % 1000);
}

static unsigned get24(const unsigned char *p)
{
  return ((unsigned)p[0] << 16) | ((unsigned)p[1] << 8) | p[2];
}

#ifdef _WIN32
static void put24(unsigned char *p, unsigned v)
{
  p[0] = (unsigned char)(v >> 16); p[1] = (unsigned char)(v >> 8); p[2] = (unsigned char)v;
}

/* One FLV tag followed by its previous-tag-size; returns the length written. */
static int make_tag(int type, unsigned ts, const unsigned char *payload, int len, unsigned char *out)
{
  unsigned total = 11 + (unsigned)len;
  out[0] = (unsigned char)type;
  put24(out + 1, (unsigned)len);
  put24(out + 4, ts & 0xFFFFFF);
  out[7] = (unsigned char)(ts >> 24);
  put24(out + 8, 0);
  memcpy(out + 11, payload, (size_t)len);
  out[total] = (unsigned char)(total >> 24); out[total + 1] = (unsigned char)(total >> 16);
  out[total + 2] = (unsigned char)(total >> 8); out[total + 3] = (unsigned char)total;
  return (int)total + 4;
}
#endif

static int check(const char *path)
{
  FILE *f = fopen(path, "rb");
  unsigned char header[13], th[11], payload[65536], expected[PAYLOAD_LEN];
  int seen[2] = {0, 0}; /* video, audio tags matched so far */
  int other = 0;
  if (!f) { fprintf(stderr, "check: cannot open %s\n", path); return 1; }
  if (fread(header, 1, 13, f) != 13 || memcmp(header, "FLV", 3) != 0) {
    fprintf(stderr, "check: %s is not an FLV file\n", path); fclose(f); return 1;
  }
  while (fread(th, 1, 11, f) == 11) {
    int type = th[0];
    unsigned len = get24(th + 1);
    unsigned ts = get24(th + 4) | ((unsigned)th[7] << 24);
    unsigned char prev[4];
    if (len > sizeof payload || fread(payload, 1, len, f) != len || fread(prev, 1, 4, f) != 4) {
      fprintf(stderr, "check: truncated tag in %s\n", path); fclose(f); return 1;
    }
    if (type == 9 || type == 8) {
      int *n = &seen[type == 9 ? 0 : 1];
      if (*n >= N_FRAMES) { fprintf(stderr, "check: more %s tags than published\n", type == 9 ? "video" : "audio"); fclose(f); return 1; }
      make_payload(type, *n, expected);
      if (len != PAYLOAD_LEN || memcmp(payload, expected, PAYLOAD_LEN) != 0) {
        fprintf(stderr, "check: %s tag %d differs from what was published\n", type == 9 ? "video" : "audio", *n);
        fclose(f); return 1;
      }
      printf("check: %s tag %d at %u ms, %u bytes: \"%s\"\n", type == 9 ? "video" : "audio", *n, ts, len, (char *)payload + 1);
      (*n)++;
    } else {
      printf("check: type %d tag, %u bytes (server's own)\n", type, len);
      other++;
    }
  }
  fclose(f);
  if (seen[0] != N_FRAMES || seen[1] != N_FRAMES) {
    fprintf(stderr, "check: found %d video and %d audio tags, published %d of each\n", seen[0], seen[1], N_FRAMES);
    return 1;
  }
  printf("check: OK, %d video and %d audio tags recorded as published\n", seen[0], seen[1]);
  return 0;
}

#ifdef _WIN32
typedef void *(__cdecl *alloc_fn)(void);
typedef void (__cdecl *rtmp_fn)(void *);
typedef int (__cdecl *setup_url_fn)(void *, char *);
typedef int (__cdecl *connect_fn)(void *, void *);
typedef int (__cdecl *shim_connect_fn)(void *, int, int);
typedef int (__cdecl *shim_alloc_fn)(void **);
typedef int (__cdecl *shim_free_fn)(void *, int);
typedef int (__cdecl *startup_fn)(int *);
typedef void (__cdecl *trace_sink)(int, const char *, const char *, const char *, const unsigned char *, int);
typedef int (__cdecl *set_trace_sink_fn)(trace_sink);
typedef int (__cdecl *connect_stream_fn)(void *, int);
typedef int (__cdecl *shim_connect_stream_fn)(void *, int, int);
typedef int (__cdecl *write_fn)(void *, const char *, int);
typedef int (__cdecl *int_fn)(void);
typedef int (__cdecl *attach_pipe_fn)(void *, int *, int *);
typedef int (__cdecl *attach_loopback_fn)(void *, int, int *, int *);
typedef int (__cdecl *pipe_read_fn)(int, char *, int, int *, int *);
typedef int (__cdecl *pipe_write_fn)(int, const char *, int, int *);
typedef int (__cdecl *pipe_fn)(int);
typedef const char *(__cdecl *str_fn)(void);
typedef void *(__cdecl *engine_new_fn)(int *);
typedef int (__cdecl *engine_submit_fn)(void *, void *, int, void *, int, int, int);
typedef int (__cdecl *engine_run_fn)(void *, int *, int, int);
typedef int (__cdecl *engine_finish_fn)(void *, int *, int *);
typedef int (__cdecl *statistics_fn)(void *, long long *, int);

static HMODULE dll;

/* void (*)(void) is C's generic function pointer: casts from it draw no warning. */
typedef void (*any_fn)(void);

static any_fn need(const char *name)
{
  FARPROC p = GetProcAddress(dll, name);
  if (!p) { fprintf(stderr, "GetProcAddress(%s) failed: %lu\n", name, GetLastError()); exit(1); }
  return (any_fn)p;
}

static int load(const char *path)
{
  dll = LoadLibraryA(path);
  if (!dll) { fprintf(stderr, "LoadLibrary(%s) failed: %lu\n", path, GetLastError()); return 0; }
  printf("loaded %s\n", path);
  return 1;
}

static int version(void)
{
  int v = ((int_fn)need("RTMP_LibVersion"))();
  printf("nrtmp_version: %s\n", ((str_fn)need("nrtmp_version"))());
  printf("RTMP_LibVersion: 0x%06x\n", v);
  /* Must not be exported: a MinGW or C runtime symbol would show the export list leaked. */
  if (GetProcAddress(dll, "forward_log") || GetProcAddress(dll, "DllMain")
      || GetProcAddress(dll, "RTMPSockBuf_Fill") == NULL) {
    fprintf(stderr, "unexpected export list\n"); return 1;
  }
  return 0;
}

static int trace_events;

static void __cdecl count_trace(int kind, const char *key, const char *value, const char *address,
                                const unsigned char *bytes, int nbytes)
{
  (void)kind; (void)key; (void)value; (void)address; (void)bytes; (void)nbytes;
  trace_events++;
}

/* --pipe and --loopback: what TlsTunnel's copiers do, in one thread with select(), and plain
 * TCP. librtmp's end is reached through nrtmp_pipe_* (--pipe) or is a plain accepted socket. */
struct pump {
  int outer;       /* --pipe: the pair's outer end, or -1 */
  SOCKET accepted; /* --loopback: the connection from librtmp's end, or INVALID_SOCKET */
  SOCKET tcp;
};

/* From librtmp's end: bytes read, 0 when it closed, < 0 on an error. */
static int from_librtmp(struct pump *p, char *buf, int size)
{
  int n = 0, err;
  if (p->outer < 0)
    return recv(p->accepted, buf, size, 0);
  return ((pipe_read_fn)need("nrtmp_pipe_read"))(p->outer, buf, size, &n, &err) != 0 ? -1 : n;
}

/* To librtmp's end: 0 when all went, else -1. */
static int to_librtmp(struct pump *p, const char *buf, int n)
{
  int err;
  if (p->outer < 0)
    return send(p->accepted, buf, n, 0) == n ? 0 : -1;
  return ((pipe_write_fn)need("nrtmp_pipe_write"))(p->outer, buf, n, &err) != 0 ? -1 : 0;
}

static DWORD WINAPI pump_run(LPVOID arg)
{
  struct pump *p = (struct pump *)arg;
  SOCKET inner = p->outer < 0 ? p->accepted : (SOCKET)p->outer;
  static char buf[65536];
  int n, total_out = 0, total_in = 0;
  for (;;) {
    fd_set fds;
    FD_ZERO(&fds);
    FD_SET(inner, &fds);
    FD_SET(p->tcp, &fds);
    if (select(0, &fds, NULL, NULL, NULL) <= 0)
      break;
    if (FD_ISSET(inner, &fds)) {
      if ((n = from_librtmp(p, buf, sizeof buf)) <= 0)
        break; /* librtmp closed its end */
      if (send(p->tcp, buf, n, 0) != n)
        break;
      total_out += n;
    }
    if (FD_ISSET(p->tcp, &fds)) {
      n = recv(p->tcp, buf, sizeof buf, 0);
      if (n <= 0 || to_librtmp(p, buf, n) != 0)
        break;
      total_in += n;
    }
  }
  shutdown(p->tcp, SD_SEND);
  printf("%s: %d bytes from librtmp to the server, %d back\n", p->outer < 0 ? "loopback" : "pipe",
         total_out, total_in);
  return 0;
}

/* A listener on 127.0.0.1, nrtmp_attach_loopback to it, and the one connection accepted: the
 * one from the port nrtmp_attach_loopback reported, as TlsTunnel accepts. INVALID_SOCKET on
 * failure, said on stderr. */
static SOCKET attach_loopback(void *r)
{
  struct sockaddr_in addr, peer;
  int len = sizeof addr, plen = sizeof peer, local_port = 0, err = 0, rc;
  SOCKET listener = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP), accepted;
  memset(&addr, 0, sizeof addr);
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (listener == INVALID_SOCKET || bind(listener, (struct sockaddr *)&addr, sizeof addr)
      || listen(listener, 1) || getsockname(listener, (struct sockaddr *)&addr, &len)) {
    fprintf(stderr, "cannot listen on 127.0.0.1: %d\n", WSAGetLastError());
    return INVALID_SOCKET;
  }
  rc = ((attach_loopback_fn)need("nrtmp_attach_loopback"))(r, ntohs(addr.sin_port), &local_port, &err);
  if (rc != 0) {
    fprintf(stderr, "nrtmp_attach_loopback failed: status %d, error %d\n", rc, err);
    closesocket(listener);
    return INVALID_SOCKET;
  }
  accepted = accept(listener, (struct sockaddr *)&peer, &plen);
  closesocket(listener);
  if (accepted == INVALID_SOCKET || ntohs(peer.sin_port) != local_port) {
    fprintf(stderr, "the accepted connection is not librtmp's (port %d, expected %d)\n",
            accepted == INVALID_SOCKET ? -1 : ntohs(peer.sin_port), local_port);
    if (accepted != INVALID_SOCKET) closesocket(accepted);
    return INVALID_SOCKET;
  }
  printf("nrtmp_attach_loopback: librtmp's end is 127.0.0.1:%d, accepted on port %d\n",
         local_port, ntohs(addr.sin_port));
  return accepted;
}

/* --engine: the engine's loop on a thread of its own, as internal.Engine runs it. */
static void *engine;
static volatile LONG engine_finished_id;

static DWORD WINAPI engine_loop(LPVOID arg)
{
  int ids[16], n, i;
  (void)arg;
  for (;;) {
    n = ((engine_run_fn)need("nrtmp_engine_run"))(engine, ids, 16, 1000);
    if (n < 0) { fprintf(stderr, "nrtmp_engine_run failed\n"); return 1; }
    for (i = 0; i < n; i++)
      InterlockedExchange(&engine_finished_id, ids[i]);
  }
}

/* One call on the engine (op as nrtmp_op in nativertmp.h), waited for: its status. */
static int engine_call(void *r, int op, void *buf, int a, int b)
{
  static int next_id;
  int id = ++next_id, status = -1, out = 0, rc, waited = 0;
  rc = ((engine_submit_fn)need("nrtmp_engine_submit"))(engine, r, op, buf, a, b, id);
  if (rc != 0) { fprintf(stderr, "nrtmp_engine_submit(op %d) failed: status %d\n", op, rc); return rc; }
  while (InterlockedCompareExchange(&engine_finished_id, 0, 0) != id) {
    if (++waited > 20000) { fprintf(stderr, "engine call (op %d) did not finish in 20 s\n", op); return -1; }
    Sleep(1);
  }
  rc = ((engine_finish_fn)need("nrtmp_engine_finish"))(r, &status, &out);
  return rc != 0 ? rc : status;
}

/* "rtmps://HOST:PORT/..." -> a TCP connection to HOST:PORT (IPv4 literal). */
static SOCKET connect_url(const char *url)
{
  char host[64];
  const char *h = strstr(url, "://"), *colon;
  struct sockaddr_in addr;
  SOCKET s;
  if (!h || !(colon = strchr(h + 3, ':')) || colon - (h + 3) >= (int)sizeof host)
    return INVALID_SOCKET;
  memcpy(host, h + 3, (size_t)(colon - (h + 3)));
  host[colon - (h + 3)] = '\0';
  memset(&addr, 0, sizeof addr);
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = inet_addr(host);
  addr.sin_port = htons((unsigned short)atoi(colon + 1));
  s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
  if (s != INVALID_SOCKET && connect(s, (struct sockaddr *)&addr, sizeof addr) != 0) {
    closesocket(s);
    s = INVALID_SOCKET;
  }
  return s;
}

static int publish(char *url, int shim_connect, int wsastartup, int piped, int looped, int on_engine)
{
  struct pump pump = {-1, INVALID_SOCKET, INVALID_SOCKET};
  HANDLE pump_thread = NULL;
  void *r;
  int frame, ok = 1;
  unsigned char payload[PAYLOAD_LEN], tag[64];
  /* As the Java side does once after loading; --no-startup shows what happens without it. */
  if (wsastartup) {
    int wsa_error = 0, rc = ((startup_fn)need("nrtmp_startup"))(&wsa_error);
    if (rc != 0) { fprintf(stderr, "nrtmp_startup failed: status %d, error %d\n", rc, wsa_error); return 1; }
  }
  /* The shim's functions need an RTMP* from nrtmp_alloc (its state lives beside the struct). */
  if (shim_connect) {
    if (((shim_alloc_fn)need("nrtmp_alloc"))(&r) != 0) { fprintf(stderr, "nrtmp_alloc failed\n"); return 1; }
  } else {
    r = ((alloc_fn)need("RTMP_Alloc"))();
    ((rtmp_fn)need("RTMP_Init"))(r);
  }
  if (!((setup_url_fn)need("RTMP_SetupURL"))(r, url)) { fprintf(stderr, "RTMP_SetupURL failed\n"); return 1; }
  ((rtmp_fn)need("RTMP_EnableWrite"))(r);
  if (piped) {
    int err = 0, rc = ((attach_pipe_fn)need("nrtmp_attach_pipe"))(r, &pump.outer, &err);
    if (rc != 0) { fprintf(stderr, "nrtmp_attach_pipe failed: status %d, error %d\n", rc, err); return 1; }
    pump.tcp = connect_url(url);
    if (pump.tcp == INVALID_SOCKET) { fprintf(stderr, "cannot connect to the server of %s\n", url); return 1; }
    pump_thread = CreateThread(NULL, 0, pump_run, &pump, 0, NULL);
    printf("pipe attached, carried to %s by a thread\n", url);
  }
  if (looped) {
    if ((pump.accepted = attach_loopback(r)) == INVALID_SOCKET) return 1;
    pump.tcp = connect_url(url);
    if (pump.tcp == INVALID_SOCKET) { fprintf(stderr, "cannot connect to the server of %s\n", url); return 1; }
    pump_thread = CreateThread(NULL, 0, pump_run, &pump, 0, NULL);
  }
  if (on_engine) {
    int err = 0, rc;
    engine = ((engine_new_fn)need("nrtmp_engine_new"))(&err);
    if (!engine) { fprintf(stderr, "nrtmp_engine_new failed: system error %d\n", err); return 1; }
    CreateThread(NULL, 0, engine_loop, NULL, 0, NULL);
    rc = engine_call(r, 1 /* NRTMP_OP_CONNECT */, NULL, 5000, 0);
    printf("nrtmp_connect on the engine: status %d\n", rc);
    if (rc != 0) ok = 0;
  } else if (shim_connect) {
    int rc;
    ((set_trace_sink_fn)need("nrtmp_set_trace_sink"))(count_trace);
    rc = ((shim_connect_fn)need("nrtmp_connect"))(r, 5000, 1);
    printf("nrtmp_connect: status %d, %d trace events\n", rc, trace_events);
    if (rc != 0 || trace_events == 0) { fprintf(stderr, "nrtmp_connect failed\n"); ok = 0; }
  } else if (!((connect_fn)need("RTMP_Connect"))(r, NULL)) { fprintf(stderr, "RTMP_Connect failed\n"); ok = 0; }
  /* nrtmp_connect keeps the server's answer to connect for nrtmp_connect_stream, which hands it
   * to librtmp first: after it, librtmp's own RTMP_ConnectStream would wait for it in vain. */
  if (ok && on_engine) {
    int rc = engine_call(r, 2 /* NRTMP_OP_CONNECT_STREAM */, NULL, 0, 5000);
    if (rc != 0) { fprintf(stderr, "nrtmp_connect_stream on the engine failed: status %d\n", rc); ok = 0; }
  } else if (ok && shim_connect) {
    int rc = ((shim_connect_stream_fn)need("nrtmp_connect_stream"))(r, 0, 5000);
    if (rc != 0) { fprintf(stderr, "nrtmp_connect_stream failed: status %d\n", rc); ok = 0; }
  } else if (ok && !((connect_stream_fn)need("RTMP_ConnectStream"))(r, 0)) { fprintf(stderr, "RTMP_ConnectStream failed\n"); ok = 0; }
  if (ok) printf("connected, publishing %s\n", url);
  for (frame = 0; ok && frame < N_FRAMES; frame++) {
    int type;
    for (type = 9; ok && type >= 8; type--) {
      int n, w;
      make_payload(type, frame, payload);
      n = make_tag(type, (unsigned)(frame * FRAME_MS), payload, PAYLOAD_LEN, tag);
      if (on_engine) {
        w = engine_call(r, 3 /* NRTMP_OP_WRITE */, tag, n, 0);
        if (w != 0) { fprintf(stderr, "nrtmp_write on the engine: status %d for a %d-byte tag\n", w, n); ok = 0; }
        else printf("nrtmp_write on the engine: %s tag %d, %d bytes\n", type == 9 ? "video" : "audio", frame, n);
        continue;
      }
      w = ((write_fn)need("RTMP_Write"))(r, (const char *)tag, n);
      if (w != n) { fprintf(stderr, "RTMP_Write returned %d for a %d-byte tag\n", w, n); ok = 0; }
      else printf("RTMP_Write: %s tag %d, %d bytes\n", type == 9 ? "video" : "audio", frame, n);
    }
  }
  if (ok && shim_connect) {
    /* NRTMP_STAT_NATIVE_BYTES (index 14, nativertmp.h): librtmp's RTMP struct alone is over 16 KiB;
     * on the engine the fiber's stack adds its committed pages, at least the 16 KiB that
     * CreateFiberEx commits (engine.c reads them from the thread information block; Wine commits
     * a fiber's whole stack at once, about 1 MiB, where Windows commits as the stack grows). */
    long long stats[15];
    long long least = on_engine ? 32 * 1024 : 16 * 1024;
    ((statistics_fn)need("nrtmp_statistics"))(r, stats, 15);
    printf("nrtmp_statistics: native memory held %lld bytes\n", stats[14]);
    if (stats[14] < least) { fprintf(stderr, "native memory held: %lld bytes, expected at least %lld\n", stats[14], least); ok = 0; }
  }
  if (shim_connect) {
    ((shim_free_fn)need("nrtmp_free"))(r, 1);
    if (pump_thread) {
      if (WaitForSingleObject(pump_thread, 10000) != WAIT_OBJECT_0) { fprintf(stderr, "the copying thread did not end\n"); ok = 0; }
      if (pump.outer >= 0) ((pipe_fn)need("nrtmp_pipe_close"))(pump.outer);
      else closesocket(pump.accepted);
      closesocket(pump.tcp);
    }
  } else {
    ((rtmp_fn)need("RTMP_Close"))(r);
    ((rtmp_fn)need("RTMP_Free"))(r);
  }
  if (ok) printf("published %d video and %d audio tags\n", N_FRAMES, N_FRAMES);
  return ok ? 0 : 1;
}
#endif

int main(int argc, char **argv)
{
  setvbuf(stdout, NULL, _IONBF, 0);
  if (argc == 3 && strcmp(argv[1], "check") == 0)
    return check(argv[2]);
#ifdef _WIN32
  if (argc == 3 && strcmp(argv[1], "version") == 0)
    return load(argv[2]) ? version() : 1;
  if (argc >= 4 && strcmp(argv[1], "publish") == 0) {
    int i, shim_connect = 0, wsastartup = 1, piped = 0, looped = 0, on_engine = 0;
    for (i = 4; i < argc; i++) {
      if (strcmp(argv[i], "--shim-connect") == 0) shim_connect = 1;
      else if (strcmp(argv[i], "--pipe") == 0) shim_connect = piped = 1;
      else if (strcmp(argv[i], "--loopback") == 0) shim_connect = looped = 1;
      else if (strcmp(argv[i], "--no-startup") == 0) wsastartup = 0;
      else if (strcmp(argv[i], "--engine") == 0) shim_connect = on_engine = 1;
      else { fprintf(stderr, "unknown option %s\n", argv[i]); return 2; }
    }
    return load(argv[2]) ? publish(argv[3], shim_connect, wsastartup, piped, looped, on_engine) : 1;
  }
#endif
  fprintf(stderr, "usage: %s version DLL | publish DLL URL [--shim-connect | --pipe | --loopback | --engine] [--no-startup] | check FILE.flv\n", argv[0]);
  return 2;
}
