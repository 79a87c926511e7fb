/* native-rtmp shim, the engine: the librtmp calls of many connections on a few threads.
 *
 * Each connection that uses the engine gets a fiber: a stack of its own (SHIM_FIBER_STACK bytes
 * under a guard page) and a saved context (switch.c; a Fiber on Windows). A call for the
 * connection (connect, connectStream, read, write...) runs on its fiber as the shim's ordinary
 * nrtmp_* function: started on the caller's own thread (nrtmp_engine_call, Linux) or queued to
 * the engine's thread (nrtmp_engine_submit). Where the call would wait for the network (io.c's
 * shim_io_wait and the waits it stands for: see io.h) and the socket is not ready already, the
 * fiber instead switches out (shim_fiber_wait) and its socket goes into the engine's epoll; the
 * loop runs other fibers and resumes this one, on the engine's thread, when its socket is ready
 * or its time is up. A call finished on the engine's thread leaves its status for
 * nrtmp_engine_finish and its id in the loop's completions, which nrtmp_engine_run hands to its
 * caller (a Java thread that then wakes whoever waits for it); one finished on its caller's
 * thread is simply done there.
 *
 * So librtmp's code is unchanged and never blocks a thread: a wait is a switch. What runs where:
 *   - a fiber runs on one thread at a time: its caller's until it first waits, then the engine's.
 *     Because it may continue on another thread than it began on, errno and the shim's
 *     thread-locals are read through functions the compiler never inlines (SHIM_FRESH, and the
 *     errno of shim.h and io_redirect.h), so that no thread's address is kept across a switch;
 *   - the shim's two thread-locals (io.c's scope, lifetime.c's watched connection) belong to the
 *     call, not to the thread: saved when a fiber switches out and put back when it switches in;
 *   - a fiber switched out on its caller's thread is handed to the loop (its socket, its timer)
 *     only once the switch is complete: the loop never resumes a fiber still switching out;
 *   - nothing on a fiber calls into Java: librtmp's log lines are kept per fiber
 *     (shim_fiber_log) and given to the log sink by nrtmp_engine_finish, on the caller's thread
 *     (the trace sink is not available: traced calls do not use the engine);
 *   - nrtmp_interrupt from any thread shuts the socket down, which epoll reports: the call wakes.
 *
 * Linux: fibers of switch.c and epoll. Windows: the system's Fibers and WSAPoll over the sockets
 * the fibers wait on, woken by a loopback socket pair; every call there is queued to the
 * engine's thread (a fiber would need its caller's thread converted to a fiber first).
 * Elsewhere nrtmp_engine_new returns NULL and the library waits on threads of its own. */
#include "shim.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#if defined(__linux__) || defined(_WIN32)
#define SHIM_HAS_ENGINE 1
#endif

#ifdef SHIM_HAS_ENGINE
#ifdef _WIN32
#include <windows.h>
#else
#include <poll.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/mman.h>
#include <unistd.h>
#endif

/* librtmp keeps a few kilobytes on the stack at most (SendConnectPacket's 4096-byte buffer,
 * RTMP_Log's 2048, the handshake's 1537-byte ones, AMF decoding bounded at 64 levels by
 * native/patches/0014); the pages are reserved, and only those touched are ever resident. */
#define SHIM_FIBER_STACK (256 * 1024)
/* What one call may log before its lines are handed over; more is dropped, and said so. */
#define SHIM_FIBER_LOG_MAX (1024 * 1024)
#define SHIM_ENGINE_EVENTS 256

struct shim_engine;

struct shim_fiber {
#ifdef _WIN32
  LPVOID handle;          /* CreateFiberEx's */
#else
  shim_context context;
  shim_context *back;     /* where it switches out to: the engine's loop, or a direct caller */
  char *stack;            /* mmap'd: a guard page, then SHIM_FIBER_STACK bytes */
  size_t mapped;
#endif
#ifdef _WIN32
  volatile size_t stack_committed; /* of its stack, as it last switched out (shim_fiber_bytes) */
#endif
  int direct;             /* running on its caller's thread (nrtmp_engine_call), not the loop's */
  unsigned wait_gen;      /* counts its waits */
  unsigned resumed_gen;   /* the last wait the loop ended (the loop's thread alone writes it) */
  /* a direct wait's timer on its way to the loop (engine->arrivals, under engine->lock) */
  struct shim_fiber *arrival_next;
  unsigned arrival_gen;
  int arrival_queued;
  struct shim_engine *engine;
  struct shim_conn *conn;
  /* the call (nrtmp_engine_submit) and its outcome */
  int op, a, b, id;
  void *buf;
  int status, out;
  int finished;
  /* the wait it is switched out in */
  int wait_fd;            /* -1: a wait for time alone */
  int wait_for_write;
  long long wait_until;   /* shim_now_ms(); 0: no time limit */
  int wait_result;        /* what shim_fiber_wait returns: 1 ready, 0 time up */
  int heap_index;         /* in engine->timers, or -1 */
  int poll_index;         /* Windows: in engine->waiters, or -1 */
  /* the call's thread-locals while switched out */
  struct shim_conn *scope, *watched;
  /* librtmp's log lines of the call: [int level][int length][text + NUL]... */
  char *log;
  size_t log_len, log_cap;
  int log_dropped;
  struct shim_fiber *next; /* in the submitted queue */
};

struct shim_engine {
  shim_mutex lock;         /* guards the submitted queue and the finished ids */
  struct shim_fiber *submitted, *submitted_tail;
  int *finished_ids;
  int finished_len, finished_cap;
  struct shim_fiber **timers; /* a binary min-heap on wait_until */
  int timers_len, timers_cap;
#ifdef _WIN32
  LPVOID loop;             /* the engine's thread, as a fiber */
  int wake[2];             /* [0] written by submit, [1] read by the loop */
  struct shim_fiber **waiters; /* the fibers waiting for a socket */
  int waiters_len, waiters_cap;
  WSAPOLLFD *polls;
  struct shim_fiber **ready;
  int polls_cap;
#else
  int epoll_fd, event_fd;
  shim_context loop;       /* the thread's own context, while a fiber runs */
  /* fibers whose waits began on a caller's thread, their timers not yet in the heap (under lock) */
  struct shim_fiber *arrivals;
#endif
};

/* ---- the fiber running on this thread */

#ifdef _WIN32
static DWORD running_slot = TLS_OUT_OF_INDEXES;
struct shim_fiber *shim_fiber_current(void)
{
  return running_slot == TLS_OUT_OF_INDEXES ? NULL : (struct shim_fiber *)TlsGetValue(running_slot);
}
static void set_running(struct shim_fiber *f)
{
  TlsSetValue(running_slot, f);
}
#else
static __thread struct shim_fiber *running;
SHIM_FRESH struct shim_fiber *shim_fiber_current(void)
{
  return running;
}
static SHIM_FRESH void set_running(struct shim_fiber *f)
{
  running = f;
}

SHIM_FRESH int *shim_errno_location(void)
{
  return __errno_location();
}
#endif

/* ---- the timer heap */

static void heap_set(struct shim_engine *e, int i, struct shim_fiber *f)
{
  e->timers[i] = f;
  f->heap_index = i;
}

static void heap_up(struct shim_engine *e, int i)
{
  struct shim_fiber *f = e->timers[i];
  while (i > 0)
    {
      int parent = (i - 1) / 2;
      if (e->timers[parent]->wait_until <= f->wait_until)
        break;
      heap_set(e, i, e->timers[parent]);
      i = parent;
    }
  heap_set(e, i, f);
}

static void heap_down(struct shim_engine *e, int i)
{
  struct shim_fiber *f = e->timers[i];
  for (;;)
    {
      int child = 2 * i + 1;
      if (child >= e->timers_len)
        break;
      if (child + 1 < e->timers_len && e->timers[child + 1]->wait_until < e->timers[child]->wait_until)
        child++;
      if (e->timers[child]->wait_until >= f->wait_until)
        break;
      heap_set(e, i, e->timers[child]);
      i = child;
    }
  heap_set(e, i, f);
}

static int grow(void **array, int *cap, size_t item)
{
  int wanted = *cap ? *cap * 2 : 64;
  void *grown = realloc(*array, (size_t)wanted * item);
  if (!grown)
    return -1;
  *array = grown;
  *cap = wanted;
  return 0;
}

static int heap_push(struct shim_engine *e, struct shim_fiber *f)
{
  if (e->timers_len == e->timers_cap && grow((void **)&e->timers, &e->timers_cap, sizeof *e->timers))
    return -1;
  heap_set(e, e->timers_len++, f);
  heap_up(e, f->heap_index);
  return 0;
}

static void heap_remove(struct shim_engine *e, struct shim_fiber *f)
{
  int i = f->heap_index;
  struct shim_fiber *last;
  if (i < 0)
    return;
  f->heap_index = -1;
  last = e->timers[--e->timers_len];
  if (last == f)
    return;
  heap_set(e, i, last);
  heap_up(e, i);
  heap_down(e, last->heap_index);
}

/* ---- switching */

/* Runs f until it switches out, from back (the loop's context, or a direct caller's). */
#ifdef _WIN32
static void switch_in(struct shim_fiber *f)
#else
static void switch_in_from(struct shim_fiber *f, shim_context *back)
#endif
{
  set_running(f);
  shim_io_set_scope(f->scope);
  shim_set_watched(f->watched);
#ifdef _WIN32
  SwitchToFiber(f->handle);
#else
  f->back = back;
  shim_context_switch(back, &f->context);
#endif
  /* back on the loop: the call's thread-locals go with it */
  f->scope = shim_io_scope();
  f->watched = shim_watched();
  shim_io_set_scope(NULL);
  shim_set_watched(NULL);
  set_running(NULL);
}

#ifndef _WIN32
static void switch_in(struct shim_fiber *f)
{
  switch_in_from(f, &f->engine->loop);
}
#endif

static void switch_out(struct shim_fiber *f)
{
#ifdef _WIN32
  /* the stack's committed pages, from the thread's information block, which the system points
   * at the running fiber's stack: they are known only on the fiber itself */
  NT_TIB *tib = (NT_TIB *)NtCurrentTeb();
  f->stack_committed = (size_t)((char *)tib->StackBase - (char *)tib->StackLimit);
  SwitchToFiber(f->engine->loop);
#else
  shim_context_switch(&f->context, f->back);
#endif
}

static int run_call(struct shim_fiber *f)
{
  RTMP *r = &f->conn->rtmp;
  switch (f->op)
    {
    case NRTMP_OP_CONNECT: return nrtmp_connect(r, f->a, 0);
    case NRTMP_OP_CONNECT_STREAM: return nrtmp_connect_stream(r, f->a, f->b);
    case NRTMP_OP_WRITE: return nrtmp_write(r, f->buf, f->a);
    case NRTMP_OP_READ: return nrtmp_read(r, f->buf, f->a, &f->out);
    case NRTMP_OP_SET_OUT_CHUNK_SIZE: return nrtmp_set_out_chunk_size(r, f->a);
    case NRTMP_OP_PAUSE: return nrtmp_pause(r, f->a);
    case NRTMP_OP_SEEK: return nrtmp_seek(r, f->a);
    case NRTMP_OP_FINISH_PUBLISH: return nrtmp_finish_publish(r, f->a);
    default: return NRTMP_REFUSED;
    }
}

static void finish(struct shim_fiber *f)
{
  struct shim_engine *e = f->engine;
  shim_mutex_lock(&e->lock);
  f->finished = 1;
  if (f->direct)
    {
      /* its caller is still in nrtmp_engine_call and sees it there: no id to hand over */
      shim_mutex_unlock(&e->lock);
      return;
    }
  if (e->finished_len < e->finished_cap
      || !grow((void **)&e->finished_ids, &e->finished_cap, sizeof *e->finished_ids))
    e->finished_ids[e->finished_len++] = f->id;
  shim_mutex_unlock(&e->lock);
}

/* The fiber's whole life: one call per switch in, for as long as the connection lives. */
static void fiber_loop(struct shim_fiber *f)
{
  for (;;)
    {
      f->out = 0;
      f->status = run_call(f);
      finish(f);
      switch_out(f);
    }
}

#ifdef _WIN32
static VOID CALLBACK fiber_main(LPVOID arg)
{
  fiber_loop(arg);
}
#else
/* shim_context_make passes no argument: the fiber is found through the thread-local. */
static void fiber_main(void)
{
  fiber_loop(running);
}
#endif

/* ---- waiting for a socket: epoll, or the waiters WSAPoll looks at */

static int watch_socket(struct shim_engine *e, struct shim_fiber *f, int fd, int for_write)
{
#ifdef _WIN32
  if (e->waiters_len == e->waiters_cap && grow((void **)&e->waiters, &e->waiters_cap, sizeof *e->waiters))
    return -1;
  f->poll_index = e->waiters_len;
  e->waiters[e->waiters_len++] = f;
  (void)fd;
  (void)for_write;
  return 0;
#else
  struct epoll_event ev;
  memset(&ev, 0, sizeof ev);
  ev.events = (for_write ? EPOLLOUT : EPOLLIN) | EPOLLONESHOT;
  ev.data.ptr = f;
  if (epoll_ctl(e->epoll_fd, EPOLL_CTL_ADD, fd, &ev) < 0
      && (errno != EEXIST || epoll_ctl(e->epoll_fd, EPOLL_CTL_MOD, fd, &ev) < 0))
    return -1;
  return 0;
#endif
}

/* Never a registration left behind: once the wait is over, the socket may be closed, its number
 * reused, this fiber freed. Called on the fiber before it runs on, while fd is still open (only
 * the fiber itself closes it). */
static void unwatch_socket(struct shim_engine *e, struct shim_fiber *f, int fd)
{
#ifdef _WIN32
  int i = f->poll_index;
  (void)fd;
  if (i < 0)
    return;
  f->poll_index = -1;
  e->waiters[i] = e->waiters[--e->waiters_len];
  if (i < e->waiters_len)
    e->waiters[i]->poll_index = i;
#else
  struct epoll_event ev;
  (void)f;
  memset(&ev, 0, sizeof ev);
  epoll_ctl(e->epoll_fd, EPOLL_CTL_DEL, fd, &ev);
#endif
}

/* ---- what io.c, resolve.c, stream.c and lifetime.c call on a fiber */

/* Whether fd is readable (writable) right now, or in an error state the next call reports:
 * a look, never a wait. io.c waits for bytes before every receive, and most receives find them
 * there (a send is tried first, and waits only when the socket took nothing). */
static int ready_now(int fd, int for_write)
{
#ifdef _WIN32
  WSAPOLLFD p;
  p.fd = (SOCKET)fd;
  p.events = for_write ? POLLWRNORM : POLLRDNORM;
  p.revents = 0;
  return WSAPoll(&p, 1, 0) > 0;
#else
  struct pollfd p;
  p.fd = fd;
  p.events = for_write ? POLLOUT : POLLIN;
  p.revents = 0;
  return poll(&p, 1, 0) > 0;
#endif
}

int shim_fiber_wait(int fd, int for_write, int timeout_ms)
{
  struct shim_fiber *f = shim_fiber_current();
  struct shim_engine *e = f->engine;
  if (timeout_ms == 0)
    return 0;
  if (fd >= 0 && ready_now(fd, for_write))
    return 1; /* no wait at all (the socket has room, or bytes): no switch, no registration */
  /* On the loop's thread the wait is registered here; on a direct caller's thread the caller
   * registers it once this fiber has switched out (nrtmp_engine_call), never before: the loop
   * must not resume a fiber that is still switching out. */
  if (!f->direct && fd >= 0 && watch_socket(e, f, fd, for_write) < 0)
    return -1;
  f->wait_fd = fd;
  f->wait_for_write = for_write;
  f->wait_result = 0;
  f->wait_gen++;
  f->wait_until = timeout_ms > 0 ? shim_now_ms() + timeout_ms : 0;
  if (!f->direct && f->wait_until && heap_push(e, f) < 0)
    f->wait_until = shim_now_ms(); /* no memory for the timer: an immediate time-out, not a hang */
  switch_out(f);
  if (fd >= 0)
    unwatch_socket(e, f, fd);
  return f->wait_result;
}

void shim_fiber_log(int level, const char *line)
{
  struct shim_fiber *f = shim_fiber_current();
  size_t n = strlen(line) + 1, need = 2 * sizeof(int) + n;
  int len = (int)n;
  if (f->log_len + need > SHIM_FIBER_LOG_MAX)
    {
      f->log_dropped++;
      return;
    }
  if (f->log_len + need > f->log_cap)
    {
      size_t cap = f->log_cap ? f->log_cap : 4096;
      char *grown;
      while (cap < f->log_len + need)
        cap *= 2;
      grown = realloc(f->log, cap);
      if (!grown)
        {
          f->log_dropped++;
          return;
        }
      f->log = grown;
      f->log_cap = cap;
    }
  memcpy(f->log + f->log_len, &level, sizeof level);
  memcpy(f->log + f->log_len + sizeof level, &len, sizeof len);
  memcpy(f->log + f->log_len + 2 * sizeof(int), line, n);
  f->log_len += need;
}

/* ---- the fiber of a connection */

static struct shim_fiber *new_fiber(struct shim_engine *e, struct shim_conn *c)
{
  struct shim_fiber *f = calloc(1, sizeof *f);
  if (!f)
    return NULL;
  f->engine = e;
  f->conn = c;
  f->heap_index = -1;
  f->poll_index = -1;
  f->wait_fd = -1;
#ifdef _WIN32
  /* the stack reserved, committed as it grows, with the system's guard page under it */
  f->handle = CreateFiberEx(16 * 1024, SHIM_FIBER_STACK, FIBER_FLAG_FLOAT_SWITCH, fiber_main, f);
  if (!f->handle)
    {
      free(f);
      return NULL;
    }
#else
  {
    long page = sysconf(_SC_PAGESIZE);
    f->mapped = SHIM_FIBER_STACK + (size_t)page;
    f->stack = mmap(NULL, f->mapped, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE
#ifdef MAP_STACK
                    | MAP_STACK
#endif
                    , -1, 0);
    if (f->stack == MAP_FAILED || mprotect(f->stack, (size_t)page, PROT_NONE) < 0)
      {
        if (f->stack != MAP_FAILED)
          munmap(f->stack, f->mapped);
        free(f);
        return NULL;
      }
    shim_context_make(&f->context, f->stack + page, SHIM_FIBER_STACK, fiber_main);
  }
#endif
  return f;
}

void shim_fiber_free(struct shim_conn *c)
{
  struct shim_fiber *f = c->fiber;
  if (!f)
    return;
  c->fiber = NULL;
#ifdef _WIN32
  DeleteFiber(f->handle);
#else
  {
    /* a timer of a direct wait the loop has not taken yet (the wait itself is over) */
    struct shim_engine *e = f->engine;
    struct shim_fiber **at;
    shim_mutex_lock(&e->lock);
    for (at = &e->arrivals; *at; at = &(*at)->arrival_next)
      if (*at == f)
        {
          *at = f->arrival_next;
          break;
        }
    shim_mutex_unlock(&e->lock);
  }
  munmap(f->stack, f->mapped);
#endif
  free(f->log);
  free(f);
}

/* What c's fiber holds: its struct, its log buffer, and the pages of its stack in use (resident
 * on Linux, committed on Windows). Reads plain counters and the stack's page table: safe beside
 * c's call on another thread, not beside nrtmp_free. */
long long shim_fiber_bytes(struct shim_conn *c)
{
  struct shim_fiber *f = c->fiber;
  long long n;
  if (!f)
    return 0;
  n = (long long)sizeof *f + (long long)f->log_cap;
#ifdef _WIN32
  n += (long long)f->stack_committed;
#else
  {
    long page = sysconf(_SC_PAGESIZE);
    unsigned char resident[SHIM_FIBER_STACK / 4096];
    size_t pages = SHIM_FIBER_STACK / (size_t)page, i;
    if (mincore(f->stack + page, SHIM_FIBER_STACK, resident) == 0)
      for (i = 0; i < pages; i++)
        if (resident[i] & 1)
          n += page;
  }
#endif
  return n;
}

/* ---- the exported engine */

#ifdef _WIN32
static int open_wake(struct shim_engine *e, int *system_error)
{
  u_long nonblocking = 1;
  if (running_slot == TLS_OUT_OF_INDEXES)
    running_slot = TlsAlloc(); /* engines are made one after the other, before any runs */
  if (running_slot == TLS_OUT_OF_INDEXES || shim_make_pair(e->wake))
    {
      *system_error = running_slot == TLS_OUT_OF_INDEXES ? (int)GetLastError() : WSAGetLastError();
      return -1;
    }
  ioctlsocket(e->wake[0], FIONBIO, &nonblocking);
  ioctlsocket(e->wake[1], FIONBIO, &nonblocking);
  return 0;
}
#else
static int open_wake(struct shim_engine *e, int *system_error)
{
  struct epoll_event ev;
  e->epoll_fd = epoll_create1(EPOLL_CLOEXEC);
  e->event_fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  memset(&ev, 0, sizeof ev);
  ev.events = EPOLLIN;
  ev.data.ptr = NULL; /* the event fd: submissions */
  if (e->epoll_fd < 0 || e->event_fd < 0 || epoll_ctl(e->epoll_fd, EPOLL_CTL_ADD, e->event_fd, &ev) < 0)
    {
      *system_error = errno;
      if (e->epoll_fd >= 0)
        close(e->epoll_fd);
      if (e->event_fd >= 0)
        close(e->event_fd);
      return -1;
    }
  return 0;
}
#endif

void *nrtmp_engine_new(int *system_error)
{
  struct shim_engine *e = calloc(1, sizeof *e);
  *system_error = 0;
  if (!e)
    return NULL;
  if (open_wake(e, system_error))
    {
      free(e);
      return NULL;
    }
  shim_mutex_init(&e->lock);
  return e;
}

static int signal_wake(struct shim_engine *e)
{
#ifdef _WIN32
  char one = 1;
  /* a full pair means the loop has a wake-up pending already */
  return send(e->wake[0], &one, 1, 0) < 0 && WSAGetLastError() != WSAEWOULDBLOCK ? -1 : 0;
#else
  uint64_t one = 1;
  return write(e->event_fd, &one, sizeof one) < 0 && errno != EAGAIN ? -1 : 0;
#endif
}

static void drain_wake(struct shim_engine *e)
{
#ifdef _WIN32
  char sink[64];
  while (recv(e->wake[1], sink, sizeof sink, 0) > 0)
    ;
#else
  uint64_t count;
  while (read(e->event_fd, &count, sizeof count) > 0)
    ;
#endif
}

static struct shim_fiber *fiber_for(struct shim_engine *e, struct shim_conn *c, nrtmp_status *status)
{
  *status = NRTMP_OK;
  if (!c->fiber)
    {
      c->fiber = new_fiber(e, c);
      if (!c->fiber)
        {
          *status = NRTMP_NO_MEMORY;
          return NULL;
        }
    }
  if (c->fiber->engine != e)
    {
      *status = NRTMP_REFUSED; /* a connection stays on the engine it started on */
      return NULL;
    }
  return c->fiber;
}

nrtmp_status nrtmp_engine_submit(void *engine, RTMP *r, int op, void *buf, int a, int b, int id)
{
  struct shim_engine *e = engine;
  struct shim_conn *c = shim_conn_of(r);
  struct shim_fiber *f;
  nrtmp_status status;
  if (op <= 0 || op >= NRTMP_OP_COUNT)
    return NRTMP_REFUSED;
  f = fiber_for(e, c, &status);
  if (!f)
    return status;
  f->op = op;
  f->buf = buf;
  f->a = a;
  f->b = b;
  f->id = id;
  f->finished = 0;
  shim_mutex_lock(&e->lock);
  f->next = NULL;
  if (e->submitted_tail)
    e->submitted_tail->next = f;
  else
    e->submitted = f;
  e->submitted_tail = f;
  shim_mutex_unlock(&e->lock);
  return signal_wake(e) ? NRTMP_SYSTEM_ERROR : NRTMP_OK;
}

#ifndef _WIN32
/* The timers of waits begun on callers' threads, into the heap. One whose wait the loop has
 * ended already (its socket was ready first) is stale and dropped. resumed_gen, written by this
 * thread alone, says whether the loop ended that very wait; but the loop may have resumed the
 * fiber, which waited again on the loop's thread, was resumed once more and finished (its
 * connection may even be freed by now, were its timer kept): then resumed_gen is past the
 * arrival's wait, and so is wait_gen. Only a fiber still switched out in the arrival's own wait
 * (wait_gen unchanged; nothing else runs it then) gets the timer. */
static void take_arrivals(struct shim_engine *e)
{
  struct shim_fiber *f, *next;
  shim_mutex_lock(&e->lock);
  f = e->arrivals;
  e->arrivals = NULL;
  for (; f; f = next)
    {
      next = f->arrival_next;
      f->arrival_next = NULL;
      f->arrival_queued = 0;
      if (f->resumed_gen != f->arrival_gen && f->wait_gen == f->arrival_gen && f->heap_index < 0
          && heap_push(e, f) < 0)
        f->wait_until = shim_now_ms(); /* no memory: an immediate time-out */
    }
  shim_mutex_unlock(&e->lock);
}

/* After a direct run switched out in a wait: its socket into the epoll, then its timer to the
 * loop. The wait's number and time are read first, while nothing else can touch the fiber: once
 * its socket is in the epoll the loop may resume it. 0, or -1 when the socket cannot be watched
 * (errno set; nothing was handed over). */
static int hand_over(struct shim_engine *e, struct shim_fiber *f)
{
  unsigned gen = f->wait_gen;
  int timed = f->wait_until != 0;
  if (f->wait_fd >= 0 && watch_socket(e, f, f->wait_fd, f->wait_for_write) < 0)
    return -1;
  if (!timed)
    return 0;
  shim_mutex_lock(&e->lock);
  f->arrival_gen = gen; /* one node per fiber: a newer wait supersedes a stale one still queued */
  if (!f->arrival_queued)
    {
      f->arrival_next = e->arrivals;
      e->arrivals = f;
      f->arrival_queued = 1;
    }
  shim_mutex_unlock(&e->lock);
  return signal_wake(e);
}
#endif

nrtmp_status nrtmp_engine_call(void *engine, RTMP *r, int op, void *buf, int a, int b, int id, int *result)
{
#ifdef _WIN32
  result[0] = 0;
  return nrtmp_engine_submit(engine, r, op, buf, a, b, id);
#else
  struct shim_engine *e = engine;
  struct shim_fiber *f;
  nrtmp_status status;
  shim_context back;
  result[0] = 0;
  if (op <= 0 || op >= NRTMP_OP_COUNT)
    return NRTMP_REFUSED;
  f = fiber_for(e, shim_conn_of(r), &status);
  if (!f)
    return status;
  f->op = op;
  f->buf = buf;
  f->a = a;
  f->b = b;
  f->id = id;
  f->finished = 0;
  for (;;)
    {
      f->direct = 1;
      switch_in_from(f, &back);
      f->direct = 0;
      if (f->finished)
        {
          result[0] = 1; /* and, on this thread, what nrtmp_engine_finish would do: one native call less */
          return nrtmp_engine_finish(r, &result[1], &result[2]);
        }
      if (hand_over(e, f) == 0)
        return NRTMP_OK; /* the loop resumes it when its socket is ready or its time is up */
      f->wait_result = -1; /* cannot be watched: the fiber sees its wait fail, at once */
    }
#endif
}

/* Hands over up to max finished ids; the rest stay for the next call. */
static int take_finished(struct shim_engine *e, int *ids, int max)
{
  int n;
  shim_mutex_lock(&e->lock);
  n = e->finished_len < max ? e->finished_len : max;
  memcpy(ids, e->finished_ids, (size_t)n * sizeof *ids);
  memmove(e->finished_ids, e->finished_ids + n, (size_t)(e->finished_len - n) * sizeof *ids);
  e->finished_len -= n;
  shim_mutex_unlock(&e->lock);
  return n;
}

static void start_submitted(struct shim_engine *e)
{
  struct shim_fiber *f;
  shim_mutex_lock(&e->lock);
  f = e->submitted;
  e->submitted = e->submitted_tail = NULL;
  shim_mutex_unlock(&e->lock);
  while (f)
    {
      struct shim_fiber *next = f->next;
      f->next = NULL;
      switch_in(f);
      f = next;
    }
}

static void resume(struct shim_engine *e, struct shim_fiber *f, int result)
{
  heap_remove(e, f);
  f->resumed_gen = f->wait_gen;
  f->wait_fd = -1;
  f->wait_result = result;
  switch_in(f);
}

/* Waits up to wait ms for a socket some fiber waits on, or a submission; resumes the ready. */
#ifdef _WIN32
static void wait_and_resume(struct shim_engine *e, int wait)
{
  int n = e->waiters_len + 1, i, ready = 0, rc;
  if (n > e->polls_cap)
    {
      int cap = e->polls_cap ? e->polls_cap : 64;
      WSAPOLLFD *polls;
      struct shim_fiber **list;
      while (cap < n)
        cap *= 2;
      polls = realloc(e->polls, (size_t)cap * sizeof *polls);
      if (polls)
        e->polls = polls;
      list = realloc(e->ready, (size_t)cap * sizeof *list);
      if (list)
        e->ready = list;
      if (!polls || !list)
        {
          Sleep(wait < 0 || wait > 10 ? 10 : (DWORD)wait); /* no memory: the timers still run */
          return;
        }
      e->polls_cap = cap;
    }
  e->polls[0].fd = (SOCKET)e->wake[1];
  e->polls[0].events = POLLRDNORM;
  e->polls[0].revents = 0;
  for (i = 1; i < n; i++)
    {
      struct shim_fiber *f = e->waiters[i - 1];
      e->polls[i].fd = (SOCKET)f->wait_fd;
      e->polls[i].events = f->wait_for_write ? POLLWRNORM : POLLRDNORM;
      e->polls[i].revents = 0;
    }
  rc = WSAPoll(e->polls, (ULONG)n, wait);
  if (rc <= 0)
    return;
  /* the list first: resuming a fiber changes the waiters */
  for (i = 1; i < n; i++)
    if (e->polls[i].revents)
      e->ready[ready++] = e->waiters[i - 1];
  if (e->polls[0].revents)
    {
      drain_wake(e);
      start_submitted(e);
    }
  for (i = 0; i < ready; i++)
    if (!e->ready[i]->finished && e->ready[i]->wait_fd >= 0)
      resume(e, e->ready[i], 1);
}
#else
static void wait_and_resume(struct shim_engine *e, int wait)
{
  struct epoll_event events[SHIM_ENGINE_EVENTS];
  int n = epoll_wait(e->epoll_fd, events, SHIM_ENGINE_EVENTS, wait), i;
  for (i = 0; i < n; i++)
    {
      struct shim_fiber *f = events[i].data.ptr;
      if (!f)
        {
          drain_wake(e);
          start_submitted(e);
        }
      else if (f->wait_fd >= 0 && !f->finished)
        resume(e, f, 1);
    }
}
#endif

int nrtmp_engine_run(void *engine, int *ids, int max, int timeout_ms)
{
  struct shim_engine *e = engine;
  int wait = timeout_ms;
  long long now;
#ifdef _WIN32
  if (!e->loop)
    e->loop = IsThreadAFiber() ? GetCurrentFiber() : ConvertThreadToFiber(NULL);
  if (!e->loop)
    return -1;
#else
  take_arrivals(e);
#endif
  start_submitted(e);
  shim_mutex_lock(&e->lock);
  if (e->finished_len > 0)
    wait = 0;
  shim_mutex_unlock(&e->lock);
  if (wait != 0 && e->timers_len > 0)
    {
      long long left = e->timers[0]->wait_until - shim_now_ms();
      if (left < 0)
        left = 0;
      if (wait < 0 || left < wait)
        wait = (int)left;
    }
  wait_and_resume(e, wait);
  now = shim_now_ms();
  while (e->timers_len > 0 && e->timers[0]->wait_until <= now)
    resume(e, e->timers[0], 0);
  return take_finished(e, ids, max);
}

nrtmp_status nrtmp_engine_finish(RTMP *r, int *status, int *out)
{
  struct shim_conn *c = shim_conn_of(r);
  struct shim_fiber *f = c->fiber;
  size_t at = 0;
  if (!f || !f->finished)
    return NRTMP_REFUSED;
  while (at < f->log_len)
    {
      int level, len;
      memcpy(&level, f->log + at, sizeof level);
      memcpy(&len, f->log + at + sizeof level, sizeof len);
      shim_log_to_sink(level, f->log + at + 2 * sizeof(int));
      at += 2 * sizeof(int) + (size_t)len;
    }
  if (f->log_dropped)
    {
      char note[96];
      snprintf(note, sizeof note, "(%d more log lines of this call were dropped)", f->log_dropped);
      shim_log_to_sink(RTMP_LOGWARNING, note);
    }
  f->log_len = 0;
  f->log_dropped = 0;
  *status = f->status;
  *out = f->out;
  return NRTMP_OK;
}

#else /* no engine here */

struct shim_fiber *shim_fiber_current(void)
{
  return NULL;
}

int shim_fiber_wait(int fd, int for_write, int timeout_ms)
{
  (void)fd;
  (void)for_write;
  (void)timeout_ms;
  return -1;
}

void shim_fiber_log(int level, const char *line)
{
  (void)level;
  (void)line;
}

void shim_fiber_free(struct shim_conn *c)
{
  (void)c;
}

long long shim_fiber_bytes(struct shim_conn *c)
{
  (void)c;
  return 0;
}

void *nrtmp_engine_new(int *system_error)
{
  *system_error = 0;
  return NULL;
}

nrtmp_status nrtmp_engine_submit(void *engine, RTMP *r, int op, void *buf, int a, int b, int id)
{
  (void)engine; (void)r; (void)op; (void)buf; (void)a; (void)b; (void)id;
  return NRTMP_REFUSED;
}

nrtmp_status nrtmp_engine_call(void *engine, RTMP *r, int op, void *buf, int a, int b, int id, int *result)
{
  (void)engine; (void)r; (void)op; (void)buf; (void)a; (void)b; (void)id;
  result[0] = 0;
  return NRTMP_REFUSED;
}

int nrtmp_engine_run(void *engine, int *ids, int max, int timeout_ms)
{
  (void)engine; (void)ids; (void)max; (void)timeout_ms;
  return -1;
}

nrtmp_status nrtmp_engine_finish(RTMP *r, int *status, int *out)
{
  (void)r; (void)status; (void)out;
  return NRTMP_REFUSED;
}
#endif
