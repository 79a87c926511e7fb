/* native-rtmp shim, resolve: name lookups that end by the call's deadline and at nrtmp_interrupt.
 *
 * getaddrinfo can be neither bounded nor woken: a resolver that never answers holds it for as
 * long as the system's own retries last (glibc: 5 s per attempt, two attempts, from
 * resolv.conf), whatever the connect timeout. So a host name (an address literal needs no
 * lookup and is resolved in place) is looked up on a thread of its own, and the call waits for
 * it no longer than its deadline; nrtmp_interrupt wakes the wait at once. A lookup nobody waits
 * for any more finishes on its thread and is freed there: the two share one reference-counted
 * job, and whoever lets go of it last frees it. */
/* pthread_setname_np */
#define _GNU_SOURCE
#include "shim.h"

#include <stdlib.h>
#include <string.h>

#ifdef _WIN32
typedef CONDITION_VARIABLE shim_cond;
#else
#include <pthread.h>
#include <time.h>
typedef pthread_cond_t shim_cond;
#endif

struct shim_lookup {
  shim_mutex lock;
  shim_cond changed; /* done or woken */
  int refs;          /* the lookup's thread and the waiting call */
  int done;
  int woken;         /* nrtmp_interrupt */
  int rc;
  struct addrinfo *res;
  struct addrinfo hints;
  char *host;
  char *port;
};

static char *copy_text(const char *s)
{
  size_t n = strlen(s) + 1;
  char *copy = malloc(n);
  if (copy)
    memcpy(copy, s, n);
  return copy;
}

static void release(struct shim_lookup *l)
{
  int last;
  shim_mutex_lock(&l->lock);
  last = --l->refs == 0;
  shim_mutex_unlock(&l->lock);
  if (!last)
    return;
  if (l->res)
    freeaddrinfo(l->res);
  free(l->host);
  free(l->port);
  shim_mutex_destroy(&l->lock);
#ifndef _WIN32
  pthread_cond_destroy(&l->changed);
#endif
  free(l);
}

static void look_up(struct shim_lookup *l)
{
  struct addrinfo *res = NULL;
  int rc = getaddrinfo(l->host, l->port, &l->hints, &res);
  shim_mutex_lock(&l->lock);
  l->rc = rc;
  l->res = rc == 0 ? res : NULL;
  l->done = 1;
#ifdef _WIN32
  WakeAllConditionVariable(&l->changed);
#else
  pthread_cond_broadcast(&l->changed);
#endif
  shim_mutex_unlock(&l->lock);
  release(l);
}

#ifdef _WIN32
static DWORD WINAPI lookup_thread(LPVOID arg)
{
  look_up(arg);
  return 0;
}

static int start_thread(struct shim_lookup *l)
{
  HANDLE t = CreateThread(NULL, 0, lookup_thread, l, 0, NULL);
  if (!t)
    return -1;
  CloseHandle(t);
  return 0;
}

static int init_cond(shim_cond *cond)
{
  InitializeConditionVariable(cond);
  return 0;
}

/* Waits on l->changed (l->lock held) until deadline_ms (0: no limit); 0 when that passed. */
static int wait_changed(struct shim_lookup *l, long long deadline_ms)
{
  DWORD wait = INFINITE;
  if (deadline_ms)
    {
      long long left = deadline_ms - shim_now_ms();
      if (left <= 0)
        return 0;
      wait = (DWORD)left;
    }
  SleepConditionVariableCS(&l->changed, &l->lock, wait);
  return 1;
}
#else
static void *lookup_thread(void *arg)
{
#if defined(__GLIBC__)
  pthread_setname_np(pthread_self(), "nrtmp-resolve");
#endif
  look_up(arg);
  return NULL;
}

static int start_thread(struct shim_lookup *l)
{
  pthread_t t;
  pthread_attr_t attr;
  int rc;
  if (pthread_attr_init(&attr))
    return -1;
  pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
  rc = pthread_create(&t, &attr, lookup_thread, l);
  pthread_attr_destroy(&attr);
  return rc ? -1 : 0;
}

static int init_cond(shim_cond *cond)
{
  pthread_condattr_t attr;
  int rc;
  if (pthread_condattr_init(&attr))
    return -1;
  /* shim_now_ms's clock: a deadline is not moved by a change of the time of day */
  pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
  rc = pthread_cond_init(cond, &attr);
  pthread_condattr_destroy(&attr);
  return rc ? -1 : 0;
}

/* On an engine's fiber the lookup is not waited for on the condition variable, which would stop
 * the engine's thread: the fiber looks again every few milliseconds, from the engine's loop. */
#define FIBER_LOOKUP_POLL_MS 5

static int wait_changed(struct shim_lookup *l, long long deadline_ms)
{
  struct timespec at;
  if (shim_fiber_current())
    {
      long long left = deadline_ms ? deadline_ms - shim_now_ms() : FIBER_LOOKUP_POLL_MS;
      if (left <= 0)
        return 0;
      shim_mutex_unlock(&l->lock);
      shim_fiber_wait(-1, 0, left < FIBER_LOOKUP_POLL_MS ? (int)left : FIBER_LOOKUP_POLL_MS);
      shim_mutex_lock(&l->lock);
      return 1;
    }
  if (!deadline_ms)
    {
      pthread_cond_wait(&l->changed, &l->lock);
      return 1;
    }
  if (deadline_ms <= shim_now_ms())
    return 0;
  at.tv_sec = (time_t)(deadline_ms / 1000);
  at.tv_nsec = (long)(deadline_ms % 1000) * 1000000L;
  pthread_cond_timedwait(&l->changed, &l->lock, &at);
  return 1;
}
#endif

static struct shim_lookup *new_lookup(const char *host, const char *port, const struct addrinfo *hints)
{
  struct shim_lookup *l = calloc(1, sizeof *l);
  if (!l)
    return NULL;
  l->host = copy_text(host);
  l->port = copy_text(port);
  if (!l->host || !l->port || init_cond(&l->changed))
    {
      free(l->host);
      free(l->port);
      free(l);
      return NULL;
    }
  shim_mutex_init(&l->lock);
  l->hints = *hints;
  l->refs = 2;
  return l;
}

/* An address literal: resolved in place, with the hints as given (the trace shows what
 * getaddrinfo returns for them). Non-zero when host is one. */
static int is_literal(const char *host, const char *port, const struct addrinfo *hints)
{
  struct addrinfo numeric = *hints, *res = NULL;
  numeric.ai_flags |= AI_NUMERICHOST;
  if (getaddrinfo(host, port, &numeric, &res) != 0)
    return 0;
  freeaddrinfo(res);
  return 1;
}

/* Lets the call's wait go: nrtmp_interrupt no longer reaches it. */
static void forget_lookup(struct shim_conn *c, struct shim_lookup *l)
{
  shim_mutex_lock(&c->lock);
  c->lookup = NULL;
  shim_mutex_unlock(&c->lock);
  release(l);
}

enum shim_resolution shim_resolve(struct shim_conn *c, const char *host, const char *port,
                                  const struct addrinfo *hints, struct addrinfo **res, int *rc)
{
  long long deadline = c->io.deadline.at_ms;
  struct shim_lookup *l;
  enum shim_resolution outcome;
  int interrupted;

  *res = NULL;
  *rc = 0;
  if (shim_is_interrupted(c))
    return SHIM_RESOLVE_INTERRUPTED;
  if (is_literal(host, port, hints))
    {
      *rc = getaddrinfo(host, port, hints, res);
      return *rc ? SHIM_RESOLVE_FAILED : SHIM_RESOLVED;
    }
  l = new_lookup(host, port, hints);
  if (!l)
    return SHIM_RESOLVE_NO_MEMORY;
  shim_mutex_lock(&c->lock);
  interrupted = c->interrupted;
  if (!interrupted)
    c->lookup = l;
  shim_mutex_unlock(&c->lock);
  if (interrupted)
    {
      release(l); /* neither the thread nor the call will use it */
      release(l);
      return SHIM_RESOLVE_INTERRUPTED;
    }
  if (start_thread(l))
    {
      release(l); /* the thread's reference: it never started */
      forget_lookup(c, l);
      /* No thread to be had: the lookup in place, unbounded, as librtmp's own. */
      *rc = getaddrinfo(host, port, hints, res);
      return *rc ? SHIM_RESOLVE_FAILED : SHIM_RESOLVED;
    }

  shim_mutex_lock(&l->lock);
  while (!l->done && !l->woken && wait_changed(l, deadline))
    ;
  if (l->done)
    {
      *rc = l->rc;
      *res = l->res;
      l->res = NULL; /* the caller's now */
      outcome = l->rc ? SHIM_RESOLVE_FAILED : SHIM_RESOLVED;
    }
  else if (l->woken)
    outcome = SHIM_RESOLVE_INTERRUPTED;
  else
    {
      c->io.deadline.passed = 1;
      outcome = SHIM_RESOLVE_TIMED_OUT;
    }
  shim_mutex_unlock(&l->lock);
  forget_lookup(c, l);
  return outcome;
}

void shim_wake_lookup(struct shim_conn *c)
{
  struct shim_lookup *l = c->lookup; /* c->lock held: the waiting call keeps it alive */
  if (!l)
    return;
  shim_mutex_lock(&l->lock);
  l->woken = 1;
#ifdef _WIN32
  WakeAllConditionVariable(&l->changed);
#else
  pthread_cond_broadcast(&l->changed);
#endif
  shim_mutex_unlock(&l->lock);
}

/* librtmp's SOCKS negotiation looks up the target with gethostbyname (rtmp.c, add_addr_info);
 * for the connection in scope that lookup is bounded and woken like the others. The entry lives
 * in the connection until its next lookup, as gethostbyname's static one would. */
struct hostent *shim_io_gethostbyname(const char *name)
{
  struct shim_conn *c = shim_io_scope();
  struct addrinfo hints, *res = NULL;
  struct shim_host_entry *e;
  int rc;
  if (!c)
    return gethostbyname(name);
  memset(&hints, 0, sizeof hints);
  hints.ai_family = AF_INET;
  hints.ai_socktype = SOCK_STREAM;
  if (shim_resolve(c, name, "0", &hints, &res, &rc) != SHIM_RESOLVED)
    return NULL;
  e = &c->socks_target;
  memset(e, 0, sizeof *e);
  e->address = ((struct sockaddr_in *)res->ai_addr)->sin_addr;
  freeaddrinfo(res);
  e->addresses[0] = (char *)&e->address;
  e->entry.h_name = (char *)name;
  e->entry.h_aliases = e->aliases;
  e->entry.h_addrtype = AF_INET;
  e->entry.h_length = (int)sizeof e->address;
  e->entry.h_addr_list = e->addresses;
  return &e->entry;
}
