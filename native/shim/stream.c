/* native-rtmp shim, streams: the stream setup loop with fail-fast on error statuses, the send
 * timeout librtmp does not set, the outgoing chunk size, and a closing handshake for publishers. */
#include "shim.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>

#ifndef _WIN32
#include <poll.h>
#endif

/* RTMP 1.0 section 5.4.1: Set Chunk Size goes on chunk stream 2, message stream 0; its 31-bit
 * value must be between 1 and 0x7FFFFFFF (librtmp reads it into an int). */
#define NRTMP_CONTROL_CHUNK_STREAM 0x02
/* librtmp's invoke channel (SendFCUnpublish in rtmp.c uses it). */
#define NRTMP_INVOKE_CHUNK_STREAM 0x03

static const AVal av_onStatus = AVC("onStatus");
static const AVal av__error = AVC("_error");
static const AVal av__result = AVC("_result");
static const AVal av_connect = AVC("connect");
static const AVal av_level = AVC("level");
static const AVal av_error = AVC("error");
static const AVal av_code = AVC("code");
static const AVal av_description = AVC("description");
static const AVal av_FCUnpublish = AVC("FCUnpublish");

/* A packet on message stream 0 with timestamp 0, its body after room for the
 * chunk header that RTMP_SendPacket writes in front of it. */
static void init_packet(RTMPPacket *packet, int channel, int header_type, int type, char *pbuf)
{
  packet->m_nChannel = channel;
  packet->m_headerType = header_type;
  packet->m_packetType = type;
  packet->m_nTimeStamp = 0;
  packet->m_nInfoField2 = 0;
  packet->m_hasAbsTimestamp = 0;
  packet->m_body = pbuf + RTMP_MAX_HEADER_SIZE;
}

static void copy_aval(char *dst, int dst_len, const AVal *v)
{
  if (dst_len <= 0)
    return;
  snprintf(dst, (size_t)dst_len, "%.*s", v->av_len, v->av_val ? v->av_val : "");
}

/* What the stream setup looks at in a message: for a command, its name and transaction id, and
 * whether it is an onStatus or _error of level "error" (its code and description are then
 * copied to the connection's status texts). Uses librtmp's own AMF decoder. */
struct command_look {
  int is_command;
  int is_error_status;
  AVal method; /* valid only during inspect_command */
  double transaction;
};

static void inspect_command(struct shim_conn *c, const RTMPPacket *packet, struct command_look *look,
                            AVal *answers_name)
{
  const char *body = packet->m_body;
  unsigned int size = packet->m_nBodySize;
  AMFObject obj, info;
  AVal level, value;

  memset(look, 0, sizeof *look);
  answers_name->av_val = NULL;
  answers_name->av_len = 0;
  if (packet->m_packetType == RTMP_PACKET_TYPE_FLEX_MESSAGE)
    {
      /* AMF3 command message: one format byte, then AMF0 as librtmp's ClientPacket reads it */
      body++;
      size--;
    }
  else if (packet->m_packetType != RTMP_PACKET_TYPE_INVOKE)
    return;
  if (size == 0 || body[0] != AMF_STRING)
    return;
  /* AMF_Decode keeps what it decoded before a failure in obj: reset it on every path. */
  if (AMF_Decode(&obj, body, (int)size, FALSE) < 0)
    {
      AMF_Reset(&obj);
      return;
    }
  look->is_command = 1;
  AMFProp_GetString(AMF_GetProp(&obj, NULL, 0), &look->method);
  look->transaction = AMFProp_GetNumber(AMF_GetProp(&obj, NULL, 1));
  if (AVMATCH(&look->method, &av_onStatus) || AVMATCH(&look->method, &av__error))
    {
      AMFProp_GetObject(AMF_GetProp(&obj, NULL, 3), &info);
      AMFProp_GetString(AMF_GetProp(&info, &av_level, -1), &level);
      if (AVMATCH(&level, &av_error))
        {
          AMFProp_GetString(AMF_GetProp(&info, &av_code, -1), &value);
          copy_aval(c->status_code, sizeof c->status_code, &value);
          AMFProp_GetString(AMF_GetProp(&info, &av_description, -1), &value);
          copy_aval(c->status_description, sizeof c->status_description, &value);
          look->is_error_status = 1;
        }
    }
  if (AVMATCH(&look->method, &av__result) || AVMATCH(&look->method, &av__error))
    {
      int i;
      for (i = 0; i < c->rtmp.m_numCalls; i++)
        if (c->rtmp.m_methodCalls[i].num == look->transaction) /* as doubles: a server may send any number */
          *answers_name = c->rtmp.m_methodCalls[i].name;
    }
  AMF_Reset(&obj);
}

/* After RTMP_ReadPacket failed: a body it allocated for a message's first chunk (nothing of it
 * read yet) is ours to free, as RTMP_ConnectStream never does. A body with bytes read belongs to
 * librtmp's channel table, which RTMP_Close frees (or already freed): freeing it here too would be
 * a double free. */
static void free_unread_body(RTMPPacket *packet)
{
  if (packet->m_body && packet->m_nBytesRead == 0)
    RTMPPacket_Free(packet);
}

enum setup_goal { SETUP_CONNECT_ANSWER, SETUP_STREAM_STARTED };

/* RTMP_ConnectStream's loop (rtmp.c), step for step, plus one look at each command message:
 * until goal (the answer to connect, which is kept in c->held, not handed to librtmp; or the
 * start of the stream), an error status, or a failed read. 1 when the goal was reached, 0
 * otherwise; *error_status set for an error status. */
static int setup_loop(struct shim_conn *c, enum setup_goal goal, int *error_status)
{
  RTMP *r = &c->rtmp;
  RTMPPacket packet = { 0 };
  int answered = 0;
  *error_status = 0;
  while (!(goal == SETUP_STREAM_STARTED ? r->m_bPlaying : answered) && !*error_status
         && RTMP_IsConnected(r) && RTMP_ReadPacket(r, &packet))
    {
      struct command_look look;
      AVal answers;
      if (!RTMPPacket_IsReady(&packet))
        continue;
      shim_report_message(c, &packet);
      if (!packet.m_nBodySize)
        continue;
      if ((packet.m_packetType == RTMP_PACKET_TYPE_AUDIO) ||
          (packet.m_packetType == RTMP_PACKET_TYPE_VIDEO) ||
          (packet.m_packetType == RTMP_PACKET_TYPE_INFO))
        {
          RTMP_Log(RTMP_LOGWARNING, "Received FLV packet before play()! Ignoring.");
          RTMPPacket_Free(&packet);
          continue;
        }

      inspect_command(c, &packet, &look, &answers);
      *error_status = look.is_error_status;
      if (goal == SETUP_CONNECT_ANSWER && !*error_status && AVMATCH(&answers, &av_connect))
        {
          c->held = packet; /* its body is ours now; nrtmp_connect_stream hands it to librtmp */
          memset(&packet, 0, sizeof packet);
          answered = 1;
          continue;
        }
      /* librtmp still handles it: for the codes it knows it closes the connection. */
      RTMP_ClientPacket(r, &packet);
      RTMPPacket_Free(&packet);
      if (goal == SETUP_STREAM_STARTED)
        shim_report_refine(c);
    }
  free_unread_body(&packet);
  return goal == SETUP_STREAM_STARTED ? r->m_bPlaying : answered;
}

/* What a setup loop that did not reach its goal came to. */
static nrtmp_status setup_failure(struct shim_conn *c, int error_status, nrtmp_status timed_out)
{
  RTMP *r = &c->rtmp;
  if (error_status)
    return NRTMP_ERROR_STATUS;
  if (shim_is_interrupted(c))
    return NRTMP_INTERRUPTED;
  if (c->io.deadline.passed)
    return timed_out;
  if (c->io.error)
    return shim_send_failure(c);
  return RTMP_IsTimedout(r) ? NRTMP_RECEIVE_TIMED_OUT : NRTMP_FAILED;
}

nrtmp_status shim_await_connect_answer(struct shim_conn *c)
{
  int error_status;
  c->report.step = NRTMP_STEP_ANSWER;
  snprintf(c->report.subject, sizeof c->report.subject, "connect");
  if (setup_loop(c, SETUP_CONNECT_ANSWER, &error_status))
    return NRTMP_OK;
  return setup_failure(c, error_status, NRTMP_CONNECT_TIMED_OUT);
}

void shim_clear_status_texts(struct shim_conn *c)
{
  c->status_code[0] = '\0';
  c->status_description[0] = '\0';
}

nrtmp_status nrtmp_error_status(RTMP *r, char *code, int code_len, char *desc, int desc_len)
{
  struct shim_conn *c = shim_conn_of(r);
  if (code_len > 0)
    snprintf(code, (size_t)code_len, "%s", c->status_code);
  if (desc_len > 0)
    snprintf(desc, (size_t)desc_len, "%s", c->status_description);
  return NRTMP_OK;
}

/* The answer to connect that nrtmp_connect read, to librtmp now: it sends what it sends in reply
 * (releaseStream, FCPublish, createStream; or the server bandwidth, the buffer length,
 * createStream and FCSubscribe) at the same point of the byte stream as if it had just read it. */
static void hand_over_connect_answer(struct shim_conn *c)
{
  if (!c->held.m_body)
    return;
  RTMP_ClientPacket(&c->rtmp, &c->held);
  RTMPPacket_Free(&c->held);
  memset(&c->held, 0, sizeof c->held);
}

nrtmp_status nrtmp_connect_stream(RTMP *r, int seek_ms, int timeout_ms)
{
  struct shim_conn *c = shim_conn_of(r);
  nrtmp_status status;
  int started, error_status = 0;

  shim_clear_status_texts(c);
  if (!RTMP_IsConnected(r))
    return NRTMP_NOT_CONNECTED;
  if (seek_ms > 0)
    r->Link.seekTime = seek_ms;

  r->m_mediaChannel = 0;

  shim_report_begin(c, NRTMP_STEP_STREAM_START, timeout_ms);
  shim_io_begin(c);
  hand_over_connect_answer(c);
  shim_report_refine(c);
  started = RTMP_IsConnected(r) && setup_loop(c, SETUP_STREAM_STARTED, &error_status);
  if (shim_io_finish(c) && started)
    status = shim_send_failure(c); /* the last commands did not go out */
  else
    status = started ? NRTMP_OK : setup_failure(c, error_status, NRTMP_SETUP_TIMED_OUT);
  shim_io_end_deadline(&c->io);
  return status == NRTMP_OK ? NRTMP_OK : shim_settle(c, status);
}

/* RTMP_Pause and RTMP_SendSeek only send; within the send timeout as a whole. */
nrtmp_status nrtmp_pause(RTMP *r, int pause)
{
  struct shim_conn *c = shim_conn_of(r);
  if (!RTMP_IsConnected(r))
    return NRTMP_NOT_CONNECTED;
  shim_sending_begin(c, c->io.send_timeout_ms);
  return shim_settle(c, shim_sending_end(c, RTMP_Pause(r, pause), NRTMP_SEND_TIMED_OUT));
}

nrtmp_status nrtmp_seek(RTMP *r, int millis)
{
  struct shim_conn *c = shim_conn_of(r);
  if (!RTMP_IsConnected(r))
    return NRTMP_NOT_CONNECTED;
  shim_sending_begin(c, c->io.send_timeout_ms);
  return shim_settle(c, shim_sending_end(c, RTMP_SendSeek(r, millis), NRTMP_SEND_TIMED_OUT));
}

nrtmp_status nrtmp_set_media_timeout(RTMP *r, int millis)
{
  shim_conn_of(r)->media_timeout_ms = millis > 0 ? millis : 0;
  return NRTMP_OK;
}

/* SO_SNDTIMEO takes a struct timeval on POSIX, a DWORD of milliseconds on Windows; the Java side
 * passes at most INT_MAX ms, and librtmp's timeout (seconds, an int) is clamped to that. */
nrtmp_status nrtmp_set_send_timeout(RTMP *r, int millis, int *applied_ms)
{
  int fd = RTMP_Socket(r);
  *applied_ms = -1;
  if (fd < 0)
    return NRTMP_NOT_CONNECTED;
  if (millis < 0)
    millis = r->Link.timeout <= 0 ? 0
             : r->Link.timeout >= INT_MAX / 1000 ? INT_MAX : r->Link.timeout * 1000;
#ifdef _WIN32
  {
    DWORD tv = (DWORD)millis;
    if (setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, (const char *)&tv, sizeof tv))
      return NRTMP_SYSTEM_ERROR;
  }
#else
  {
    struct timeval tv;
    tv.tv_sec = millis / 1000;
    tv.tv_usec = (millis % 1000) * 1000;
    if (setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv))
      return NRTMP_SYSTEM_ERROR;
  }
#endif
  *applied_ms = millis;
  shim_conn_of(r)->io.send_timeout_ms = millis;
  return NRTMP_OK;
}

nrtmp_status nrtmp_set_out_chunk_size(RTMP *r, int size)
{
  struct shim_conn *c = shim_conn_of(r);
  RTMPPacket packet;
  char pbuf[RTMP_MAX_HEADER_SIZE + 4];
  nrtmp_status status;
  int sent;

  if (size < 1)
    return NRTMP_REFUSED;
  if (!RTMP_IsConnected(r))
    return NRTMP_NOT_CONNECTED;
  init_packet(&packet, NRTMP_CONTROL_CHUNK_STREAM, RTMP_PACKET_SIZE_LARGE,
              RTMP_PACKET_TYPE_CHUNK_SIZE, pbuf);
  packet.m_nBodySize = 4;
  AMF_EncodeInt32(packet.m_body, pbuf + sizeof pbuf, (unsigned int)size);

  /* The size applies to what follows the message, so it changes only once the message is sent
   * (itself 4 bytes, one chunk at any size). Within the send timeout as a whole: a server that
   * reads a byte now and then cannot stretch it. */
  shim_sending_begin(c, c->io.send_timeout_ms);
  sent = RTMP_SendPacket(r, &packet, FALSE);
  status = shim_sending_end(c, sent, NRTMP_SEND_TIMED_OUT);
  if (status != NRTMP_OK)
    return shim_settle(c, status);
  r->m_outChunkSize = size;
  return NRTMP_OK;
}

nrtmp_status nrtmp_has_publisher_auth(int *yes)
{
#ifdef CRYPTO
  *yes = 1;
#else
  *yes = 0;
#endif
  return NRTMP_OK;
}

nrtmp_status nrtmp_out_chunk_size(RTMP *r, int *size)
{
  *size = r->m_outChunkSize;
  return NRTMP_OK;
}

static int send_fc_unpublish(RTMP *r)
{
  RTMPPacket packet;
  char pbuf[1024], *pend = pbuf + sizeof pbuf;
  char *enc;

  init_packet(&packet, NRTMP_INVOKE_CHUNK_STREAM, RTMP_PACKET_SIZE_MEDIUM, RTMP_PACKET_TYPE_INVOKE,
              pbuf);

  enc = packet.m_body;
  enc = AMF_EncodeString(enc, pend, &av_FCUnpublish);
  enc = AMF_EncodeNumber(enc, pend, ++r->m_numInvokes);
  if (!enc || enc >= pend)
    return FALSE;
  *enc++ = AMF_NULL;
  enc = AMF_EncodeString(enc, pend, &r->Link.playpath);
  if (!enc)
    return FALSE;
  packet.m_nBodySize = (uint32_t)(enc - packet.m_body);
  return RTMP_SendPacket(r, &packet, FALSE);
}

/* Reads and discards until the server closes (NRTMP_OK) or deadline_ms passes; each wait takes
 * what is left of the time, also after a signal interrupted it. */
static nrtmp_status drain_until_closed(int fd, long long deadline_ms)
{
  char sink[4096];
  for (;;)
    {
      long long left = deadline_ms - shim_now_ms();
      int n;
      if (left <= 0)
        return NRTMP_LINGER_EXPIRED;
#ifdef _WIN32
      {
        DWORD wait = (DWORD)left;
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, (const char *)&wait, sizeof wait);
        n = recv(fd, sink, sizeof sink, 0);
        if (n < 0)
          return WSAGetLastError() == WSAETIMEDOUT ? NRTMP_LINGER_EXPIRED : NRTMP_SYSTEM_ERROR;
      }
#else
      {
        struct pollfd p;
        int ready;
        p.fd = fd;
        p.events = POLLIN;
        p.revents = 0;
        ready = shim_fiber_current() ? shim_fiber_wait(fd, 0, left > INT_MAX ? INT_MAX : (int)left)
                                     : poll(&p, 1, left > INT_MAX ? INT_MAX : (int)left);
        if (ready < 0 && errno == EINTR)
          continue;
        if (ready == 0)
          continue; /* the loop's own check ends it */
        if (ready < 0)
          return NRTMP_SYSTEM_ERROR;
        n = (int)recv(fd, sink, sizeof sink, 0);
        if (n < 0 && errno == EINTR)
          continue;
        if (n < 0)
          return NRTMP_SYSTEM_ERROR;
      }
#endif
      if (n == 0)
        return NRTMP_OK; /* the server closed: it has read everything we sent */
    }
}

nrtmp_status nrtmp_finish_publish(RTMP *r, int linger_ms)
{
  struct shim_conn *c = shim_conn_of(r);
  int fd = RTMP_Socket(r);
  nrtmp_status sent = NRTMP_OK;
  long long deadline;
  if (fd < 0)
    return NRTMP_NOT_CONNECTED;

  /* What RTMP_Close sends for a publisher (FCUnpublish, deleteStream), then a half-close: the
   * server reads everything up to our FIN before it sees the end. Closing outright while the
   * server's own messages (acknowledgements, pings) sit unread in our receive buffer makes the
   * kernel send a reset, and a server may then lose the tail of what it had not read yet. */
  if (r->m_stream_id > 0)
    {
      shim_sending_begin(c, c->io.send_timeout_ms);
      if (r->Link.protocol & RTMP_FEATURE_WRITE)
        send_fc_unpublish(r);
      RTMP_DeleteStream(r);
      sent = shim_sending_end(c, 1, NRTMP_SEND_TIMED_OUT); /* out before the half-close below */
    }
  if (shim_is_interrupted(c))
    return NRTMP_INTERRUPTED;
  if (sent != NRTMP_OK)
    return sent;
  if (!RTMP_IsConnected(r))
    return NRTMP_NOT_CONNECTED;
  shutdown(fd, NRTMP_SHUT_WRITE);
  deadline = shim_now_ms() + (linger_ms < 0 ? 0 : linger_ms);
  return drain_until_closed(fd, deadline);
}
