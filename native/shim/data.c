/* native-rtmp shim, data: RTMP_Write and RTMP_Read, with what librtmp reports alike told apart
 * (a send that timed out from another failure, the end of a played stream from a broken one). */
#include "shim.h"

void shim_sending_begin(struct shim_conn *c, int timeout_ms)
{
  shim_report_begin(c, NRTMP_STEP_SEND, timeout_ms);
  shim_watch_sends(c);
  shim_io_begin(c);
}

nrtmp_status shim_sending_end(struct shim_conn *c, int sent, nrtmp_status timed_out)
{
  nrtmp_status status = shim_io_end(c, sent ? NRTMP_OK : shim_send_failure(c));
  shim_unwatch_sends(c);
  status = shim_deadline_status(c, status, timed_out);
  shim_io_end_deadline(&c->io);
  return status;
}

nrtmp_status nrtmp_write(RTMP *r, const char *buf, int size)
{
  struct shim_conn *c = shim_conn_of(r);
  int n;
  if (!RTMP_IsConnected(r))
    return shim_settle(c, shim_is_interrupted(c) ? NRTMP_INTERRUPTED : NRTMP_NOT_CONNECTED);
  shim_sending_begin(c, c->media_timeout_ms);
  n = RTMP_Write(r, buf, size);
  return shim_settle(c, shim_sending_end(c, n > 0, NRTMP_MEDIA_TIMED_OUT));
}

/* What RTMP_Read's result n means. */
static nrtmp_status read_outcome(struct shim_conn *c, int n)
{
  RTMP *r = &c->rtmp;
  if (n > 0)
    return NRTMP_OK;
  if (shim_is_interrupted(c))
    return NRTMP_INTERRUPTED;
  /* RTMP_Read returns 0 both for a clean end (status RTMP_READ_COMPLETE) and for a connection
   * that broke or timed out (RTMP_READ_EOF): only the first is an end of stream. */
  if (n == 0 && r->m_read.status == RTMP_READ_COMPLETE)
    return NRTMP_END_OF_STREAM;
  if (c->io.deadline.passed)
    return NRTMP_MEDIA_TIMED_OUT;
  if (RTMP_IsTimedout(r))
    return NRTMP_RECEIVE_TIMED_OUT;
  return n < 0 ? NRTMP_FAILED : NRTMP_STREAM_BROKEN;
}

nrtmp_status nrtmp_read(RTMP *r, char *buf, int size, int *nread)
{
  struct shim_conn *c = shim_conn_of(r);
  int n;
  *nread = 0;
  /* librtmp closes the connection itself at Play.Complete or Play.Stop and keeps the status. */
  if (r->m_read.status == RTMP_READ_COMPLETE)
    return NRTMP_END_OF_STREAM;
  if (!RTMP_IsConnected(r))
    return shim_settle(c, shim_is_interrupted(c) ? NRTMP_INTERRUPTED : NRTMP_NOT_CONNECTED);
  shim_report_begin(c, NRTMP_STEP_MEDIA, c->media_timeout_ms);
  shim_io_begin(c);
  n = RTMP_Read(r, buf, size);
  /* A failed flush of what the read sent (acknowledgements, pongs) fails the next call: the
   * bytes read now are good. */
  shim_io_finish(c);
  shim_io_end_deadline(&c->io);
  *nread = n > 0 ? n : 0;
  return shim_settle(c, read_outcome(c, n));
}
