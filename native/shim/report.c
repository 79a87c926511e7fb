/* native-rtmp shim, report: what a call was doing and what the server sent meanwhile, so that a
 * call whose deadline passed can say what it waited for ("no answer to createStream within 3 s;
 * the server sent 14 pings meanwhile"). The shim counts; the Java side words it. */
#include "shim.h"

#include <stdio.h>
#include <string.h>

/* RTMP 1.0 section 6.2 (User Control messages): the event type comes first, 2 bytes. */
#define USER_CONTROL_PING_REQUEST 6

static const char *const step_names[NRTMP_STEP_COUNT] = {
  "NONE", "RESOLVE", "TCP_CONNECT", "SOCKS", "RTMPT_OPEN", "HANDSHAKE", "ANSWER", "STREAM_START",
  "MEDIA", "SEND",
};

static const char *const seen_names[NRTMP_SEEN_COUNT] = {
  "BYTES", "MESSAGES", "PING", "USER_CONTROL", "CHUNK_SIZE", "ACKNOWLEDGEMENT", "WINDOW_SIZE",
  "PEER_BANDWIDTH", "COMMAND", "DATA", "MEDIA",
};

const char *nrtmp_step_name(int step)
{
  return step >= 0 && step < NRTMP_STEP_COUNT ? step_names[step] : NULL;
}

const char *nrtmp_seen_name(int kind)
{
  return kind >= 0 && kind < NRTMP_SEEN_COUNT ? seen_names[kind] : NULL;
}

void shim_report_begin(struct shim_conn *c, int step, int timeout_ms)
{
  memset(&c->report, 0, sizeof c->report);
  c->report.step = step;
  shim_io_set_deadline(&c->io, timeout_ms);
}

/* The command name at the start of an AMF0 command body ("" when there is none). */
static void command_name(const RTMPPacket *p, char *out, size_t size)
{
  const char *body = p->m_body;
  unsigned int n = p->m_nBodySize;
  unsigned int len;
  out[0] = '\0';
  if (p->m_packetType == RTMP_PACKET_TYPE_FLEX_MESSAGE && n > 0)
    {
      body++; /* AMF3 command message: a format byte, then AMF0 */
      n--;
    }
  if (n < 3 || body[0] != AMF_STRING)
    return;
  len = ((unsigned char)body[1] << 8) | (unsigned char)body[2];
  if (len > n - 3)
    return;
  snprintf(out, size, "%.*s", (int)len, body + 3);
}

static void note_command(struct shim_report *rep, const RTMPPacket *p)
{
  char name[SHIM_COMMAND_NAME_MAX];
  int i;
  command_name(p, name, sizeof name);
  if (!name[0])
    return;
  for (i = 0; i < SHIM_COMMAND_NAMES && rep->commands[i][0]; i++)
    if (!strcmp(rep->commands[i], name))
      return;
  if (i < SHIM_COMMAND_NAMES)
    memcpy(rep->commands[i], name, sizeof name);
}

static int seen_kind(const RTMPPacket *p)
{
  switch (p->m_packetType)
    {
    case RTMP_PACKET_TYPE_CHUNK_SIZE:
      return NRTMP_SEEN_CHUNK_SIZE;
    case RTMP_PACKET_TYPE_BYTES_READ_REPORT:
      return NRTMP_SEEN_ACKNOWLEDGEMENT;
    case RTMP_PACKET_TYPE_CONTROL:
      return p->m_nBodySize >= 2 && p->m_body[0] == 0 && p->m_body[1] == USER_CONTROL_PING_REQUEST
                 ? NRTMP_SEEN_PING : NRTMP_SEEN_USER_CONTROL;
    case RTMP_PACKET_TYPE_SERVER_BW:
      return NRTMP_SEEN_WINDOW_SIZE;
    case RTMP_PACKET_TYPE_CLIENT_BW:
      return NRTMP_SEEN_PEER_BANDWIDTH;
    case RTMP_PACKET_TYPE_INVOKE:
    case RTMP_PACKET_TYPE_FLEX_MESSAGE:
      return NRTMP_SEEN_COMMAND;
    case RTMP_PACKET_TYPE_INFO:
    case RTMP_PACKET_TYPE_FLEX_STREAM_SEND:
      return NRTMP_SEEN_DATA;
    case RTMP_PACKET_TYPE_AUDIO:
    case RTMP_PACKET_TYPE_VIDEO:
    case RTMP_PACKET_TYPE_FLASH_VIDEO:
      return NRTMP_SEEN_MEDIA;
    default:
      return -1;
    }
}

void shim_report_message(struct shim_conn *c, const RTMPPacket *packet)
{
  int kind = seen_kind(packet);
  c->report.seen[NRTMP_SEEN_MESSAGES]++;
  if (kind < 0)
    return;
  c->report.seen[kind]++;
  if (kind == NRTMP_SEEN_COMMAND)
    note_command(&c->report, packet);
}

/* During a stream setup: the first of connect and createStream still in librtmp's list of calls
 * awaiting an answer, else the start of the stream (publish or play is sent). */
static void refine_setup(struct shim_conn *c)
{
  RTMP *r = &c->rtmp;
  int i;
  for (i = 0; i < r->m_numCalls; i++)
    {
      const AVal *name = &r->m_methodCalls[i].name;
      if ((name->av_len == 7 && !memcmp(name->av_val, "connect", 7))
          || (name->av_len == 12 && !memcmp(name->av_val, "createStream", 12)))
        {
          c->report.step = NRTMP_STEP_ANSWER;
          snprintf(c->report.subject, sizeof c->report.subject, "%.*s", name->av_len, name->av_val);
          return;
        }
    }
  c->report.step = NRTMP_STEP_STREAM_START;
  c->report.subject[0] = '\0';
}

void shim_report_refine(struct shim_conn *c)
{
  RTMP *r = &c->rtmp;
  struct shim_report *rep = &c->report;
  if (rep->step == NRTMP_STEP_HANDSHAKE || rep->step == NRTMP_STEP_RTMPT_OPEN)
    rep->step = (r->Link.protocol & RTMP_FEATURE_HTTP) && !r->m_clientID.av_val ? NRTMP_STEP_RTMPT_OPEN
                                                                                  : NRTMP_STEP_HANDSHAKE;
  else if (rep->step == NRTMP_STEP_STREAM_START
           || (rep->step == NRTMP_STEP_ANSWER && strcmp(rep->subject, "connect") != 0))
    refine_setup(c);
}

nrtmp_status shim_deadline_status(struct shim_conn *c, nrtmp_status status, nrtmp_status timed_out)
{
  if (status == NRTMP_OK)
    return NRTMP_OK;
  if (shim_is_interrupted(c))
    return NRTMP_INTERRUPTED;
  return c->io.deadline.passed ? timed_out : status;
}

static void copy_text(char *dst, int dst_len, const char *src)
{
  if (dst_len > 0)
    snprintf(dst, (size_t)dst_len, "%s", src);
}

nrtmp_status nrtmp_call_report(RTMP *r, int *step, char *subject, int subject_len, long long *seen,
                               int seen_count, char *commands, int commands_len)
{
  struct shim_conn *c = shim_conn_of(r);
  const struct shim_report *rep = &c->report;
  char names[SHIM_COMMAND_NAMES * (SHIM_COMMAND_NAME_MAX + 1)] = "";
  int i;
  *step = rep->step;
  copy_text(subject, subject_len, rep->subject);
  for (i = 0; i < seen_count; i++)
    seen[i] = i < NRTMP_SEEN_COUNT ? rep->seen[i] : 0;
  if (seen_count > NRTMP_SEEN_BYTES)
    seen[NRTMP_SEEN_BYTES] = c->io.bytes_in;
  for (i = 0; i < SHIM_COMMAND_NAMES && rep->commands[i][0]; i++)
    {
      if (i > 0)
        strcat(names, ",");
      strcat(names, rep->commands[i]);
    }
  copy_text(commands, commands_len, names);
  return NRTMP_OK;
}
