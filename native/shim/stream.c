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

/* True when packet is an onStatus or _error command whose info object has level "error";
 * its code and description are copied out. Uses librtmp's own AMF decoder. */
static int is_error_status(const RTMPPacket *packet, char *code, int code_len, char *desc,
                           int desc_len)
{
  const char *body = packet->m_body;
  unsigned int size = packet->m_nBodySize;
  AMFObject obj, info;
  AVal method, level, value;
  int found = 0;

  if (packet->m_packetType == RTMP_PACKET_TYPE_FLEX_MESSAGE)
    {
      /* AMF3 command message: one format byte, then AMF0 as librtmp's ClientPacket reads it */
      body++;
      size--;
    }
  else if (packet->m_packetType != RTMP_PACKET_TYPE_INVOKE)
    return 0;
  if (size == 0 || body[0] != AMF_STRING)
    return 0;
  /* AMF_Decode keeps what it decoded before a failure in obj: reset it on every path. */
  if (AMF_Decode(&obj, body, (int)size, FALSE) < 0)
    {
      AMF_Reset(&obj);
      return 0;
    }
  AMFProp_GetString(AMF_GetProp(&obj, NULL, 0), &method);
  if (AVMATCH(&method, &av_onStatus) || AVMATCH(&method, &av__error))
    {
      AMFProp_GetObject(AMF_GetProp(&obj, NULL, 3), &info);
      AMFProp_GetString(AMF_GetProp(&info, &av_level, -1), &level);
      if (AVMATCH(&level, &av_error))
        {
          AMFProp_GetString(AMF_GetProp(&info, &av_code, -1), &value);
          copy_aval(code, code_len, &value);
          AMFProp_GetString(AMF_GetProp(&info, &av_description, -1), &value);
          copy_aval(desc, desc_len, &value);
          found = 1;
        }
    }
  AMF_Reset(&obj);
  return found;
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

nrtmp_status nrtmp_connect_stream(RTMP *r, int seek_ms, char *code, int code_len, char *desc,
                                  int desc_len)
{
  /* RTMP_ConnectStream (rtmp.c), step for step, plus one look at each command message. */
  struct shim_conn *c = shim_conn_of(r);
  RTMPPacket packet = { 0 };
  int error_status = 0;

  if (code_len > 0)
    code[0] = '\0';
  if (desc_len > 0)
    desc[0] = '\0';
  if (!RTMP_IsConnected(r))
    return NRTMP_NOT_CONNECTED;
  if (seek_ms > 0)
    r->Link.seekTime = seek_ms;

  r->m_mediaChannel = 0;

  shim_io_begin(c);
  while (!r->m_bPlaying && !error_status && RTMP_IsConnected(r) && RTMP_ReadPacket(r, &packet))
    {
      if (RTMPPacket_IsReady(&packet))
        {
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

          error_status = is_error_status(&packet, code, code_len, desc, desc_len);
          /* librtmp still handles it: for the codes it knows it closes the connection. */
          RTMP_ClientPacket(r, &packet);
          RTMPPacket_Free(&packet);
        }
    }
  free_unread_body(&packet);
  if (shim_io_finish(c) && r->m_bPlaying)
    return shim_settle(c, shim_send_failure(c)); /* the last commands did not go out */

  if (error_status)
    return shim_settle(c, NRTMP_ERROR_STATUS);
  if (r->m_bPlaying)
    return NRTMP_OK;
  if (shim_is_interrupted(c))
    return shim_settle(c, NRTMP_INTERRUPTED);
  if (c->io.error)
    return shim_settle(c, shim_send_failure(c));
  return shim_settle(c, RTMP_IsTimedout(r) ? NRTMP_RECEIVE_TIMED_OUT : NRTMP_FAILED);
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
   * (itself 4 bytes, one chunk at any size). */
  shim_watch_sends(c);
  shim_io_begin(c);
  sent = RTMP_SendPacket(r, &packet, FALSE);
  status = shim_io_end(c, sent ? NRTMP_OK : shim_send_failure(c));
  shim_unwatch_sends(c);
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
        ready = poll(&p, 1, left > INT_MAX ? INT_MAX : (int)left);
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
      shim_watch_sends(c);
      shim_io_begin(c);
      if (r->Link.protocol & RTMP_FEATURE_WRITE)
        send_fc_unpublish(r);
      RTMP_DeleteStream(r);
      sent = shim_io_end(c, NRTMP_OK); /* out before the half-close below */
      shim_unwatch_sends(c);
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
