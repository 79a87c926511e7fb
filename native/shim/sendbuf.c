/* native-rtmp shim, the send buffer: a connection's outgoing bytes gathered into few writes to
 * its transport (the flush points and failure rules are in io.h). */
#include "shim.h"

#include <stdlib.h>
#include <string.h>

/* What a send that timed out fails with: SO_SNDTIMEO's own code. */
#ifdef _WIN32
#define SEND_TIMED_OUT_CODE WSAETIMEDOUT
#else
#define SEND_TIMED_OUT_CODE EAGAIN
#endif

/* Under a deadline (io.h, DEADLINES): waits for room in the socket, no longer than the deadline
 * and the send timeout (the longest the server may take nothing, as SO_SNDTIMEO bounds a send
 * without a deadline). 0 when there is room, else the code of a send that timed out. */
static int wait_for_room(struct shim_io *io, int fd)
{
  int ready = shim_io_wait(io, fd, 1, io->send_timeout_ms > 0 ? io->send_timeout_ms : -1);
  if (ready > 0)
    return 0;
  return ready == 0 ? SEND_TIMED_OUT_CODE : GetSockError();
}

/* Writes all of buf to the transport, resuming after partial writes and signals (as librtmp's
 * WriteN does). 0, or the socket error code; each write that took bytes or failed counts as one
 * send call. */
static int write_all(struct shim_io *io, int fd, const char *buf, int len)
{
  while (len > 0)
    {
      int n, err;
      /* Under a deadline, or on an engine's fiber, the send does not wait: it is tried, and
       * wait_for_room waits where the socket took nothing. Trying first spares the look for room
       * (a system call) that most sends would find; a deadline already passed ends the call as
       * the wait would have. */
      int no_wait = io->deadline.at_ms || shim_fiber_current();
      if (no_wait && shim_io_left_ms(io) == 0)
        return SEND_TIMED_OUT_CODE;
      n = io->transport->send(io->transport_ctx, fd, buf, len);
      if (n < 0)
        {
          err = GetSockError();
          if (err == EINTR)
            continue;
          if (no_wait && SHIM_WOULD_BLOCK(err))
            {
              /* a try that found the socket full is not counted: it carried nothing */
              if ((err = wait_for_room(io, fd)) != 0)
                return err;
              continue;
            }
          io->send_calls++;
          return err ? err : SHIM_CONNECTION_ABORTED;
        }
      io->send_calls++;
      io->total_out += n;
      if (n == 0)
        return SHIM_CONNECTION_ABORTED; /* a send of nothing would loop forever */
      buf += n;
      len -= n;
    }
  return 0;
}

/* The error is kept and the unsent bytes dropped: nothing after a gap may reach the peer. */
static int fail(struct shim_io *io, int err)
{
  io->error = err;
  io->out.len = 0;
  return err;
}

/* Room for len more bytes, growing up to the limit; 0 when there is none (flush first). */
static int make_room(struct shim_sendbuf *b, int len)
{
  int wanted = b->len + len, capacity;
  char *bytes;
  if (wanted <= b->capacity)
    return 1;
  if (wanted > b->limit)
    return 0;
  if (b->capacity)
    capacity = b->capacity;
  else
    capacity = b->last_capacity > SHIM_SENDBUF_INITIAL ? b->last_capacity : SHIM_SENDBUF_INITIAL;
  while (capacity < wanted)
    capacity *= 2;
  if (capacity > b->limit)
    capacity = b->limit;
  bytes = realloc(b->bytes, (size_t)capacity);
  if (!bytes)
    return 0; /* no memory to coalesce into: the bytes go out unbuffered instead */
  b->bytes = bytes;
  b->capacity = capacity;
  return 1;
}

int shim_sendbuf_flush(struct shim_io *io, int fd)
{
  int n = io->out.len, err;
  if (io->error)
    return io->error;
  if (n == 0)
    return 0;
  io->out.len = 0;
  err = write_all(io, fd, io->out.bytes, n);
  return err ? fail(io, err) : 0;
}

int shim_sendbuf_send(struct shim_io *io, int fd, const char *buf, int len)
{
  int err = 0;
  if (io->error)
    {
      SetSockError(io->error);
      return -1;
    }
  if (len <= 0)
    return 0;
  if (io->out.limit == 0)
    err = write_all(io, fd, buf, len); /* coalescing off: one write per send, as librtmp */
  else if (make_room(&io->out, len) || (!(err = shim_sendbuf_flush(io, fd)) && make_room(&io->out, len)))
    {
      memcpy(io->out.bytes + io->out.len, buf, (size_t)len);
      io->out.len += len;
    }
  else if (!err)
    err = write_all(io, fd, buf, len); /* larger than the buffer: directly, after what it held */
  if (err)
    {
      fail(io, err);
      SetSockError(err);
      return -1;
    }
  return len;
}

void shim_sendbuf_release(struct shim_sendbuf *b)
{
  free(b->bytes);
  b->bytes = NULL;
  b->len = 0;
  b->capacity = 0;
  b->last_capacity = 0;
}

void shim_sendbuf_idle(struct shim_sendbuf *b)
{
  if (b->len > 0 || !b->bytes)
    return;
  free(b->bytes);
  b->bytes = NULL;
  b->last_capacity = b->capacity;
  b->capacity = 0;
}
