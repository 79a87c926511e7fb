/* native-rtmp shim, the engine: the librtmp calls of many connections on a few threads.
 *
 * Each connection that uses the engine gets a fiber: a stack of its own (SHIM_FIBER_STACK bytes
 * under a guard page) and a saved context (ucontext). A call submitted for the connection
 * (nrtmp_engine_submit: connect, connectStream, read, write...) runs on its fiber, on the engine's
 * thread, as the shim's ordinary nrtmp_* function. Where that call would wait for the network
 * (io.c's shim_io_wait and the waits it stands for: see io.h), the fiber instead registers the
 * socket with the engine's epoll and switches back to the loop (shim_fiber_wait); the loop runs
 * other fibers and resumes this one when its socket is ready or its time is up. A finished call
 * leaves its status for nrtmp_engine_finish and its id in the loop's completions, which
 * nrtmp_engine_run hands to its caller (a Java thread that then wakes whoever waits for it).
 *
 * So librtmp's code is unchanged and never blocks a thread: a wait is a switch. What runs where:
 *   - a fiber runs only on its engine's thread, so librtmp and the shim see one thread per call,
 *     as always; fibers never move between threads (errno and the thread-locals stay right);
 *   - the shim's two thread-locals (io.c's scope, lifetime.c's watched connection) belong to the
 *     call, not to the thread: saved when a fiber switches out and put back when it switches in;
 *   - nothing on a fiber calls into Java: librtmp's log lines are kept per fiber
 *     (shim_fiber_log) and given to the log sink by nrtmp_engine_finish, on the caller's thread
 *     (the trace sink is not available: traced calls do not use the engine);
 *   - nrtmp_interrupt from any thread shuts the socket down, which epoll reports: the call wakes.
 *
 * Linux only (epoll, ucontext); elsewhere nrtmp_engine_new returns NULL and the library waits on
 * threads of its own instead. */
#include "shim.h"

#include <stdlib.h>
#include <string.h>

#if defined(__linux__)
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/mman.h>
#include <ucontext.h>
#include <unistd.h>

/* librtmp keeps a few kilobytes on the stack at most (SendConnectPacket's 4096-byte buffer,
 * RTMP_Log's 2048, the handshake's 1537-byte ones, AMF decoding bounded at 64 levels by
 * native/patches/0014); the pages are reserved, and only those touched are ever resident. */
#define SHIM_FIBER_STACK (256 * 1024)
/* What one call may log before its lines are handed over; more is dropped, and said so. */
#define SHIM_FIBER_LOG_MAX (1024 * 1024)
#define SHIM_ENGINE_EVENTS 256

struct shim_engine;

struct shim_fiber {
  ucontext_t context;
  struct shim_engine *engine;
  struct shim_conn *conn;
  char *stack;            /* mmap'd: a guard page, then SHIM_FIBER_STACK bytes */
  size_t mapped;
  /* the call (nrtmp_engine_submit) and its outcome */
  int op, a, b, id;
  void *buf;
  int status, out;
  int finished;
  /* the wait it is switched out in */
  int wait_fd;            /* -1: a wait for time alone */
  long long wait_until;   /* shim_now_ms(); 0: no time limit */
  int wait_result;        /* what shim_fiber_wait returns: 1 ready, 0 time up */
  int heap_index;         /* in engine->timers, or -1 */
  /* the call's thread-locals while switched out */
  struct shim_conn *scope, *watched;
  /* librtmp's log lines of the call: [int level][int length][text + NUL]... */
  char *log;
  size_t log_len, log_cap;
  int log_dropped;
  struct shim_fiber *next; /* in the submitted queue */
};

struct shim_engine {
  int epoll_fd, event_fd;
  shim_mutex lock;         /* guards the submitted queue and the finished ids */
  struct shim_fiber *submitted, *submitted_tail;
  int *finished_ids;
  int finished_len, finished_cap;
  ucontext_t loop;         /* the thread's own context, while a fiber runs */
  struct shim_fiber **timers; /* a binary min-heap on wait_until */
  int timers_len, timers_cap;
};

static __thread struct shim_fiber *running;

struct shim_fiber *shim_fiber_current(void)
{
  return running;
}

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

static int heap_push(struct shim_engine *e, struct shim_fiber *f)
{
  if (e->timers_len == e->timers_cap)
    {
      int cap = e->timers_cap ? e->timers_cap * 2 : 64;
      struct shim_fiber **grown = realloc(e->timers, (size_t)cap * sizeof *grown);
      if (!grown)
        return -1;
      e->timers = grown;
      e->timers_cap = cap;
    }
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

static void switch_in(struct shim_fiber *f)
{
  running = f;
  shim_io_set_scope(f->scope);
  shim_set_watched(f->watched);
  swapcontext(&f->engine->loop, &f->context);
  /* back on the loop: the call's thread-locals go with it */
  f->scope = shim_io_scope();
  f->watched = shim_watched();
  shim_io_set_scope(NULL);
  shim_set_watched(NULL);
  running = NULL;
}

static void switch_out(struct shim_fiber *f)
{
  swapcontext(&f->context, &f->engine->loop);
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
  if (e->finished_len == e->finished_cap)
    {
      int cap = e->finished_cap ? e->finished_cap * 2 : 64;
      int *grown = realloc(e->finished_ids, (size_t)cap * sizeof *grown);
      if (grown)
        {
          e->finished_ids = grown;
          e->finished_cap = cap;
        }
    }
  if (e->finished_len < e->finished_cap)
    e->finished_ids[e->finished_len++] = f->id;
  shim_mutex_unlock(&e->lock);
}

/* The fiber's whole life: one call per switch in, for as long as the connection lives. The
 * fiber is found through the thread-local: makecontext passes only ints. */
static void fiber_main(void)
{
  struct shim_fiber *f = running;
  for (;;)
    {
      f->out = 0;
      f->status = run_call(f);
      finish(f);
      switch_out(f);
    }
}

/* ---- what io.c, resolve.c, stream.c and lifetime.c call on a fiber */

int shim_fiber_wait(int fd, int for_write, int timeout_ms)
{
  struct shim_fiber *f = running;
  struct shim_engine *e = f->engine;
  struct epoll_event ev;
  if (timeout_ms == 0)
    return 0;
  if (fd >= 0)
    {
      memset(&ev, 0, sizeof ev);
      ev.events = (for_write ? EPOLLOUT : EPOLLIN) | EPOLLONESHOT;
      ev.data.ptr = f;
      if (epoll_ctl(e->epoll_fd, EPOLL_CTL_ADD, fd, &ev) < 0
          && (errno != EEXIST || epoll_ctl(e->epoll_fd, EPOLL_CTL_MOD, fd, &ev) < 0))
        return -1;
    }
  f->wait_fd = fd;
  f->wait_result = 0;
  f->wait_until = timeout_ms > 0 ? shim_now_ms() + timeout_ms : 0;
  if (f->wait_until && heap_push(e, f) < 0)
    f->wait_until = shim_now_ms(); /* no memory for the timer: an immediate time-out, not a hang */
  switch_out(f);
  /* Never a registration left behind: the socket may be closed, its number reused, this
   * fiber freed, while a duplicate (the shim's wake_fd) keeps the description open. */
  if (fd >= 0)
    epoll_ctl(e->epoll_fd, EPOLL_CTL_DEL, fd, &ev);
  return f->wait_result;
}

void shim_fiber_log(int level, const char *line)
{
  struct shim_fiber *f = running;
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
  long page = sysconf(_SC_PAGESIZE);
  struct shim_fiber *f = calloc(1, sizeof *f);
  if (!f)
    return NULL;
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
  getcontext(&f->context);
  f->context.uc_stack.ss_sp = f->stack + page;
  f->context.uc_stack.ss_size = SHIM_FIBER_STACK;
  f->context.uc_link = NULL; /* fiber_main never returns */
  makecontext(&f->context, fiber_main, 0);
  f->engine = e;
  f->conn = c;
  f->heap_index = -1;
  f->wait_fd = -1;
  return f;
}

void shim_fiber_free(struct shim_conn *c)
{
  struct shim_fiber *f = c->fiber;
  if (!f)
    return;
  c->fiber = NULL;
  munmap(f->stack, f->mapped);
  free(f->log);
  free(f);
}

/* ---- the exported engine */

void *nrtmp_engine_new(int *system_error)
{
  struct shim_engine *e = calloc(1, sizeof *e);
  struct epoll_event ev;
  *system_error = 0;
  if (!e)
    return NULL;
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
      free(e);
      return NULL;
    }
  shim_mutex_init(&e->lock);
  return e;
}

nrtmp_status nrtmp_engine_submit(void *engine, RTMP *r, int op, void *buf, int a, int b, int id)
{
  struct shim_engine *e = engine;
  struct shim_conn *c = shim_conn_of(r);
  struct shim_fiber *f;
  uint64_t one = 1;
  if (op <= 0 || op >= NRTMP_OP_COUNT)
    return NRTMP_REFUSED;
  if (!c->fiber)
    {
      c->fiber = new_fiber(e, c);
      if (!c->fiber)
        return NRTMP_NO_MEMORY;
    }
  f = c->fiber;
  if (f->engine != e)
    return NRTMP_REFUSED; /* a connection stays on the engine it started on */
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
  if (write(e->event_fd, &one, sizeof one) < 0 && errno != EAGAIN)
    return NRTMP_SYSTEM_ERROR;
  return NRTMP_OK;
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
  f->wait_result = result;
  switch_in(f);
}

int nrtmp_engine_run(void *engine, int *ids, int max, int timeout_ms)
{
  struct shim_engine *e = engine;
  struct epoll_event events[SHIM_ENGINE_EVENTS];
  int n, i, wait = timeout_ms;
  uint64_t count;
  long long now;
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
  n = epoll_wait(e->epoll_fd, events, SHIM_ENGINE_EVENTS, wait);
  for (i = 0; i < n; i++)
    {
      struct shim_fiber *f = events[i].data.ptr;
      if (!f)
        {
          while (read(e->event_fd, &count, sizeof count) > 0)
            ;
          start_submitted(e);
        }
      else if (f->wait_fd >= 0 && !f->finished)
        {
          f->wait_fd = -1;
          resume(e, f, 1);
        }
    }
  now = shim_now_ms();
  while (e->timers_len > 0 && e->timers[0]->wait_until <= now)
    {
      struct shim_fiber *f = e->timers[0];
      f->wait_fd = -1;
      resume(e, f, 0);
    }
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
