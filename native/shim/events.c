/* native-rtmp shim, messages beside the media: what librtmp handles and sends is observed
 * (native/patches/0019's m_packetObserver) for the statistics and, while Java asks for them,
 * kept in a bounded queue it takes from after each call; packets read, handled and sent on
 * Java's behalf; remote calls with librtmp's own transaction ids; pings. */
#include "shim.h"

#include <stdlib.h>
#include <string.h>

/* librtmp's invoke channel, as its own commands use it. */
#define INVOKE_CHUNK_STREAM 0x03
#define CONTROL_CHUNK_STREAM 0x02
#define USER_CONTROL_PING_REQUEST 6
#define USER_CONTROL_PING_RESPONSE 7
/* The event type (2 bytes) and the timestamp (4): 7.1.7. */
#define PING_REQUEST_SIZE 6

static void put32(unsigned char *p, unsigned int v)
{
  p[0] = (unsigned char)(v >> 24);
  p[1] = (unsigned char)(v >> 16);
  p[2] = (unsigned char)(v >> 8);
  p[3] = (unsigned char)v;
}

static unsigned int get32(const unsigned char *p)
{
  return ((unsigned int)p[0] << 24) | ((unsigned int)p[1] << 16) | ((unsigned int)p[2] << 8) | p[3];
}

static int is_media(int type)
{
  return type == RTMP_PACKET_TYPE_AUDIO || type == RTMP_PACKET_TYPE_VIDEO
      || type == RTMP_PACKET_TYPE_FLASH_VIDEO;
}

/* A packet as a record (nativertmp.h, NRTMP_RECORD_HEADER) at out, which has room for it. */
static void write_record(unsigned char *out, const RTMPPacket *p)
{
  out[0] = (unsigned char)p->m_packetType;
  out[1] = (unsigned char)p->m_headerType;
  out[2] = 0;
  out[3] = 0;
  put32(out + 4, (unsigned int)p->m_nChannel);
  put32(out + 8, p->m_nTimeStamp);
  put32(out + 12, (unsigned int)p->m_nInfoField2);
  put32(out + 16, p->m_nBodySize);
  if (p->m_nBodySize)
    memcpy(out + NRTMP_RECORD_HEADER, p->m_body, p->m_nBodySize);
}

static void keep(struct shim_messages *m, const RTMPPacket *p)
{
  size_t need = NRTMP_RECORD_HEADER + (size_t)p->m_nBodySize;
  if (m->len + need > NRTMP_MESSAGE_QUEUE_MAX)
    {
      m->dropped++;
      return;
    }
  if (m->len + need > m->cap)
    {
      size_t cap = m->cap ? m->cap : 4096;
      unsigned char *grown;
      while (cap < m->len + need)
        cap *= 2;
      grown = realloc(m->buf, cap);
      if (!grown)
        {
          m->dropped++;
          return;
        }
      m->buf = grown;
      m->cap = cap;
    }
  write_record(m->buf + m->len, p);
  m->len += need;
}

/* The answer to a remote call a pump waits for (nrtmp_process). */
static void look_for_answer(struct shim_conn *c, const RTMPPacket *p)
{
  AVal method;
  const char *body = p->m_body;
  unsigned int n = p->m_nBodySize;
  if (c->messages.awaited_txn <= 0 || p->m_packetType != RTMP_PACKET_TYPE_INVOKE || n < 3 || body[0] != 0x02)
    return;
  method.av_len = (int)(((unsigned char)body[1] << 8) | (unsigned char)body[2]);
  if ((unsigned int)method.av_len + 3 + 9 > n || body[3 + method.av_len] != 0x00)
    return;
  method.av_val = (char *)body + 3;
  if (((method.av_len == 7 && !memcmp(method.av_val, "_result", 7))
       || (method.av_len == 6 && !memcmp(method.av_val, "_error", 6)))
      && AMF_DecodeNumber(body + 4 + method.av_len) == c->messages.awaited_txn)
    c->messages.answered = 1;
}

static void observe(RTMP *r, const RTMPPacket *p, int sent)
{
  struct shim_conn *c = shim_conn_of(r);
  struct shim_stats *s = &c->stats;
  const unsigned char *body = (const unsigned char *)p->m_body;
  unsigned int n = p->m_nBodySize;
  if (sent)
    {
      s->messages_out++;
      if (is_media(p->m_packetType))
        {
          s->media_out++;
          s->stream_time_out = p->m_nTimeStamp;
        }
      return;
    }
  if (!c->messages.from_java)
    s->messages_in++;
  if (is_media(p->m_packetType))
    {
      s->media_in++;
      s->stream_time_in = p->m_nTimeStamp;
      return;
    }
  if (p->m_packetType == RTMP_PACKET_TYPE_BYTES_READ_REPORT && n >= 4)
    {
      s->acks_in++;
      s->acked_bytes = get32(body);
    }
  else if (p->m_packetType == RTMP_PACKET_TYPE_CONTROL && n >= 6
           && ((body[0] << 8) | body[1]) == USER_CONTROL_PING_RESPONSE && s->ping_sent_us
           && get32(body + 2) == s->ping_sent_stamp)
    {
      s->ping_rtt_us = shim_now_us() - s->ping_sent_us;
      s->ping_sent_us = 0;
      s->pings_answered++;
      if (c->messages.awaited_txn == NRTMP_AWAIT_PING)
        c->messages.answered = 1;
    }
  look_for_answer(c, p);
  if (c->messages.keeping)
    keep(&c->messages, p);
}

void shim_messages_init(struct shim_conn *c)
{
#ifdef NRTMP_HAVE_PACKET_OBSERVER
  c->rtmp.m_packetObserver = observe;
#else
  (void)observe;
#endif
  c->stats.ping_rtt_us = -1;
}

void shim_messages_release(struct shim_conn *c)
{
  free(c->messages.buf);
  c->messages.buf = NULL;
  RTMPPacket_Free(&c->messages.read);
  c->messages.has_read = 0;
  c->messages.len = c->messages.cap = 0;
}

nrtmp_status nrtmp_keep_messages(RTMP *r, int on)
{
#ifdef NRTMP_HAVE_PACKET_OBSERVER
  shim_conn_of(r)->messages.keeping = on != 0;
  return NRTMP_OK;
#else
  (void)r;
  return on ? NRTMP_REFUSED : NRTMP_OK;
#endif
}

nrtmp_status nrtmp_take_messages(RTMP *r, char *buf, int size, int *taken, int *next_size,
                                 long long *dropped)
{
  struct shim_messages *m = &shim_conn_of(r)->messages;
  size_t used = 0;
  while (used < m->len)
    {
      size_t record = NRTMP_RECORD_HEADER + get32(m->buf + used + 16);
      if (used + record > (size_t)size)
        break;
      used += record;
    }
  memcpy(buf, m->buf, used);
  memmove(m->buf, m->buf + used, m->len - used);
  m->len -= used;
  *taken = (int)used;
  *next_size = m->len ? (int)(NRTMP_RECORD_HEADER + get32(m->buf + 16)) : 0;
  *dropped = m->dropped;
  m->dropped = 0;
  return NRTMP_OK;
}

/* A record from Java as a packet whose body librtmp may keep (RTMPPacket_Alloc'ed). 0 when the
 * record is malformed or memory ran out. */
static int packet_of(const char *record, int len, RTMPPacket *p)
{
  const unsigned char *h = (const unsigned char *)record;
  unsigned int size;
  memset(p, 0, sizeof *p);
  if (len < NRTMP_RECORD_HEADER)
    return 0;
  size = get32(h + 16);
  if (size != (unsigned int)(len - NRTMP_RECORD_HEADER) || h[1] > RTMP_PACKET_SIZE_MINIMUM
      || get32(h + 4) > 65599 || get32(h + 4) < 2)
    return 0;
  if (!RTMPPacket_Alloc(p, size))
    return 0;
  p->m_packetType = h[0];
  p->m_headerType = h[1];
  p->m_nChannel = (int)get32(h + 4);
  p->m_nTimeStamp = get32(h + 8);
  p->m_nInfoField2 = (int32_t)get32(h + 12);
  p->m_nBodySize = size;
  p->m_nBytesRead = size;
  memcpy(p->m_body, record + NRTMP_RECORD_HEADER, size);
  return 1;
}

/* A body allocated or freed outside c's calls, counted for c all the same (alloc.c counts what
 * librtmp allocates for the connection in scope): packet_of, RTMPPacket_Alloc, RTMPPacket_Free. */
static int counted_packet_of(struct shim_conn *c, const char *record, int len, RTMPPacket *p)
{
  int ok;
  shim_io_set_scope(c);
  ok = packet_of(record, len, p);
  shim_io_set_scope(NULL);
  return ok;
}

static int counted_alloc(struct shim_conn *c, RTMPPacket *p, uint32_t size)
{
  int ok;
  shim_io_set_scope(c);
  ok = RTMPPacket_Alloc(p, size);
  shim_io_set_scope(NULL);
  return ok;
}

static void counted_free(struct shim_conn *c, RTMPPacket *p)
{
  shim_io_set_scope(c);
  RTMPPacket_Free(p);
  shim_io_set_scope(NULL);
}

nrtmp_status nrtmp_send_packet(RTMP *r, const char *record, int len, int queue)
{
  struct shim_conn *c = shim_conn_of(r);
  RTMPPacket p;
  int sent;
  if (!RTMP_IsConnected(r))
    return shim_settle(c, shim_is_interrupted(c) ? NRTMP_INTERRUPTED : NRTMP_NOT_CONNECTED);
  if (!counted_packet_of(c, record, len, &p))
    return NRTMP_REFUSED;
  shim_sending_begin(c, c->media_timeout_ms);
  sent = RTMP_SendPacket(r, &p, queue != 0);
  RTMPPacket_Free(&p);
  return shim_settle(c, shim_sending_end(c, sent, NRTMP_MEDIA_TIMED_OUT));
}

nrtmp_status nrtmp_invoke(RTMP *r, const char *method, int method_len, const char *args, int args_len,
                          int stream_id, double *txn)
{
  struct shim_conn *c = shim_conn_of(r);
  RTMPPacket p;
  char *enc, *end;
  AVal name;
  int sent;
  *txn = 0;
  if (method_len <= 0 || method_len > 0xFFFF || args_len < 0)
    return NRTMP_REFUSED;
  if (!RTMP_IsConnected(r))
    return shim_settle(c, shim_is_interrupted(c) ? NRTMP_INTERRUPTED : NRTMP_NOT_CONNECTED);
  memset(&p, 0, sizeof p);
  if (!counted_alloc(c, &p, (uint32_t)(3 + method_len + 9 + args_len)))
    return NRTMP_NO_MEMORY;
  name.av_val = (char *)method;
  name.av_len = method_len;
  enc = p.m_body;
  end = enc + 3 + method_len + 9;
  enc = AMF_EncodeString(enc, end, &name);
  *txn = ++r->m_numInvokes;
  enc = AMF_EncodeNumber(enc, end, *txn);
  memcpy(enc, args, (size_t)args_len);
  p.m_nChannel = INVOKE_CHUNK_STREAM;
  p.m_headerType = RTMP_PACKET_SIZE_MEDIUM;
  p.m_packetType = RTMP_PACKET_TYPE_INVOKE;
  p.m_nInfoField2 = stream_id;
  p.m_nBodySize = (uint32_t)(enc + args_len - p.m_body);
  shim_sending_begin(c, c->media_timeout_ms);
  sent = RTMP_SendPacket(r, &p, TRUE); /* kept in m_methodCalls until its answer */
  RTMPPacket_Free(&p);
  return shim_settle(c, shim_sending_end(c, sent, NRTMP_MEDIA_TIMED_OUT));
}

/* RTMP_SendCtrl's Ping Request, but with a type-0 header when nothing went out on the control
 * chunk stream yet: RTMP_SendCtrl always sends type 1, which refers to an earlier chunk on its
 * chunk stream (5.3.1.2.2). A player has one there (librtmp's Window Acknowledgement Size); a
 * publisher has none, and a server that checks, as the project's recorder does, closes. */
static int send_ping_request(RTMP *r, unsigned int stamp)
{
  RTMPPacket packet;
  char buf[RTMP_MAX_HEADER_SIZE + PING_REQUEST_SIZE];
  int started = r->m_channelsAllocatedOut > CONTROL_CHUNK_STREAM && r->m_vecChannelsOut[CONTROL_CHUNK_STREAM];
  memset(&packet, 0, sizeof packet);
  packet.m_nChannel = CONTROL_CHUNK_STREAM;
  packet.m_headerType = started ? RTMP_PACKET_SIZE_MEDIUM : RTMP_PACKET_SIZE_LARGE;
  packet.m_packetType = RTMP_PACKET_TYPE_CONTROL;
  packet.m_body = buf + RTMP_MAX_HEADER_SIZE;
  packet.m_nBodySize = PING_REQUEST_SIZE;
  packet.m_body[0] = 0;
  packet.m_body[1] = USER_CONTROL_PING_REQUEST;
  put32((unsigned char *)packet.m_body + 2, stamp);
  return RTMP_SendPacket(r, &packet, FALSE);
}

nrtmp_status nrtmp_ping(RTMP *r)
{
  struct shim_conn *c = shim_conn_of(r);
  unsigned int stamp;
  int sent;
  if (!RTMP_IsConnected(r))
    return shim_settle(c, shim_is_interrupted(c) ? NRTMP_INTERRUPTED : NRTMP_NOT_CONNECTED);
  stamp = (unsigned int)RTMP_GetTime();
  shim_sending_begin(c, c->media_timeout_ms);
  c->stats.ping_sent_stamp = stamp;
  c->stats.ping_sent_us = shim_now_us();
  sent = send_ping_request(r, stamp);
  return shim_settle(c, shim_sending_end(c, sent, NRTMP_MEDIA_TIMED_OUT));
}

/* One whole message read into *p (a failed read's partial body freed as stream.c does). */
static nrtmp_status read_message(struct shim_conn *c, RTMPPacket *p)
{
  RTMP *r = &c->rtmp;
  memset(p, 0, sizeof *p);
  while (RTMP_IsConnected(r) && RTMP_ReadPacket(r, p))
    {
      if (RTMPPacket_IsReady(p))
        {
          shim_report_message(c, p);
          return NRTMP_OK;
        }
    }
  if (p->m_body && p->m_nBytesRead == 0)
    RTMPPacket_Free(p);
  memset(p, 0, sizeof *p);
  if (shim_is_interrupted(c))
    return NRTMP_INTERRUPTED;
  if (c->io.deadline.passed)
    return NRTMP_MEDIA_TIMED_OUT;
  if (RTMP_IsTimedout(r))
    return NRTMP_RECEIVE_TIMED_OUT;
  return RTMP_IsConnected(r) ? NRTMP_FAILED : NRTMP_NOT_CONNECTED;
}

nrtmp_status nrtmp_read_packet(RTMP *r, int timeout_ms, int *record_len)
{
  struct shim_conn *c = shim_conn_of(r);
  nrtmp_status status;
  *record_len = 0;
  counted_free(c, &c->messages.read);
  c->messages.has_read = 0;
  if (!RTMP_IsConnected(r))
    return shim_settle(c, shim_is_interrupted(c) ? NRTMP_INTERRUPTED : NRTMP_NOT_CONNECTED);
  shim_report_begin(c, NRTMP_STEP_MEDIA, timeout_ms);
  shim_io_begin(c);
  status = read_message(c, &c->messages.read);
  shim_io_finish(c);
  shim_io_end_deadline(&c->io);
  if (status == NRTMP_OK)
    {
      c->stats.messages_in++;
      c->messages.has_read = 1;
      *record_len = NRTMP_RECORD_HEADER + (int)c->messages.read.m_nBodySize;
    }
  return shim_settle(c, status);
}

nrtmp_status nrtmp_take_read_packet(RTMP *r, char *buf, int size)
{
  struct shim_conn *c = shim_conn_of(r);
  RTMPPacket *p = &c->messages.read;
  if (!c->messages.has_read || size < NRTMP_RECORD_HEADER + (int)p->m_nBodySize)
    return NRTMP_REFUSED;
  write_record((unsigned char *)buf, p);
  counted_free(c, p);
  c->messages.has_read = 0;
  return NRTMP_OK;
}

nrtmp_status nrtmp_handle_packet(RTMP *r, const char *record, int len, int *media)
{
  struct shim_conn *c = shim_conn_of(r);
  RTMPPacket p;
  *media = 0;
  if (!counted_packet_of(c, record, len, &p))
    return NRTMP_REFUSED;
  if (!RTMP_IsConnected(r))
    {
      counted_free(c, &p);
      return shim_settle(c, shim_is_interrupted(c) ? NRTMP_INTERRUPTED : NRTMP_NOT_CONNECTED);
    }
  shim_report_begin(c, NRTMP_STEP_MEDIA, c->media_timeout_ms);
  shim_io_begin(c);
  c->messages.from_java = 1;
  *media = RTMP_ClientPacket(r, &p);
  c->messages.from_java = 0;
  RTMPPacket_Free(&p);
  shim_io_finish(c);
  shim_io_end_deadline(&c->io);
  return shim_settle(c, RTMP_IsConnected(r) || shim_is_interrupted(c) ? NRTMP_OK : NRTMP_NOT_CONNECTED);
}

/* Whether a message begins within wait_ms: librtmp holds unread bytes, or its socket becomes
 * readable (the wait flushes what the connection buffered first). RTMPT asks the server itself
 * while it reads: it is not waited for here. */
static int message_begins(struct shim_conn *c, int wait_ms)
{
  RTMP *r = &c->rtmp;
  if (r->m_sb.sb_size > 0 || (r->Link.protocol & RTMP_FEATURE_HTTP))
    return 1;
  if (shim_io_finish(c))
    return 1; /* the failed flush fails the read that follows */
  shim_io_begin(c);
  return shim_io_wait(&c->io, r->m_sb.sb_socket, 0, wait_ms) != 0;
}

nrtmp_status nrtmp_process(RTMP *r, int wait_ms, int timeout_ms, double txn, int *answered)
{
  struct shim_conn *c = shim_conn_of(r);
  nrtmp_status status = NRTMP_OK;
  long long wait_end = shim_now_ms() + wait_ms;
  *answered = 0;
  if (!RTMP_IsConnected(r))
    return shim_settle(c, shim_is_interrupted(c) ? NRTMP_INTERRUPTED : NRTMP_NOT_CONNECTED);
  c->messages.awaited_txn = txn;
  c->messages.answered = 0;
  shim_report_begin(c, NRTMP_STEP_ANSWER, timeout_ms);
  shim_io_begin(c);
  while (!c->messages.answered)
    {
      RTMPPacket p;
      long long left = wait_end - shim_now_ms();
      /* Only between messages does the wait end: a read cut off inside one would leave the
       * rest of it unread, and librtmp out of step with the server. */
      if (left <= 0 || !message_begins(c, (int)left))
        break;
      status = read_message(c, &p);
      if (status != NRTMP_OK)
        break;
      RTMP_ClientPacket(r, &p);
      RTMPPacket_Free(&p);
    }
  shim_io_finish(c);
  shim_io_end_deadline(&c->io);
  *answered = c->messages.answered;
  c->messages.awaited_txn = 0;
  if (status == NRTMP_RECEIVE_TIMED_OUT && c->io.deadline.passed)
    status = NRTMP_MEDIA_TIMED_OUT;
  return shim_settle(c, status);
}

nrtmp_status nrtmp_statistics(RTMP *r, long long *values, int count)
{
  struct shim_conn *c = shim_conn_of(r);
  const struct shim_stats *s = &c->stats;
  long long all[NRTMP_STAT_COUNT];
  int i;
  all[NRTMP_STAT_BYTES_IN] = c->io.total_in;
  all[NRTMP_STAT_BYTES_OUT] = c->io.total_out;
  all[NRTMP_STAT_MESSAGES_IN] = s->messages_in;
  all[NRTMP_STAT_MESSAGES_OUT] = s->messages_out;
  all[NRTMP_STAT_MEDIA_IN] = s->media_in;
  all[NRTMP_STAT_MEDIA_OUT] = s->media_out;
  all[NRTMP_STAT_ACKS_IN] = s->acks_in;
  all[NRTMP_STAT_ACKED_BYTES] = s->acked_bytes;
  all[NRTMP_STAT_SERVER_WINDOW] = c->rtmp.m_nServerBW;
  all[NRTMP_STAT_SEND_BUFFERED] = c->io.out.len;
  all[NRTMP_STAT_PING_RTT_US] = s->ping_rtt_us;
  all[NRTMP_STAT_STREAM_TIME_IN] = s->stream_time_in;
  all[NRTMP_STAT_STREAM_TIME_OUT] = s->stream_time_out;
  all[NRTMP_STAT_PINGS_ANSWERED] = s->pings_answered;
  all[NRTMP_STAT_NATIVE_BYTES] = shim_native_bytes(c);
  for (i = 0; i < count; i++)
    values[i] = i < NRTMP_STAT_COUNT ? all[i] : 0;
  return NRTMP_OK;
}
