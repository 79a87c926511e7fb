/* The named server sequences: a well-behaved session, each hostile case, and each fuzzer
 * finding as a regression case. See server_cases.h. */
#include "server_cases.h"

#include <string.h>

#include "server_bytes.h"

/* ---- the session a well-behaved server sends ---- */

static void connect_result(struct server_bytes *b)
{
  struct server_bytes p = { 0 };
  amf_string(&p, "_result");
  amf_number(&p, 1); /* connect is librtmp's first transaction */
  put_byte(&p, AMF0_OBJECT);
  amf_named_string(&p, "fmsVer", "FMS/3,0,1,123");
  amf_object_end(&p);
  amf_status(&p, "status", "NetConnection.Connect.Success");
  message(b, CSID_COMMAND, TYPE_COMMAND_AMF0, 0, &p, DEFAULT_CHUNK_SIZE);
  server_bytes_free(&p);
}

/* createStream is transaction 2 when playing; publishing, releaseStream and FCPublish take 2
 * and 3 first. */
static void create_stream_result(struct server_bytes *b, double transaction)
{
  struct server_bytes p = { 0 };
  amf_string(&p, "_result");
  amf_number(&p, transaction);
  put_byte(&p, AMF0_NULL);
  amf_number(&p, 1);
  message(b, CSID_COMMAND, TYPE_COMMAND_AMF0, 0, &p, DEFAULT_CHUNK_SIZE);
  server_bytes_free(&p);
}

static void on_status(struct server_bytes *b, const char *level, const char *code)
{
  struct server_bytes p = { 0 };
  amf_string(&p, "onStatus");
  amf_number(&p, 0);
  put_byte(&p, AMF0_NULL);
  amf_status(&p, level, code);
  message(b, CSID_STREAM, TYPE_COMMAND_AMF0, 1, &p, DEFAULT_CHUNK_SIZE);
  server_bytes_free(&p);
}

static void session_start(struct server_bytes *b)
{
  control(b, TYPE_WINDOW_ACK_SIZE, 2500000, -1);
  control(b, TYPE_SET_PEER_BANDWIDTH, 2500000, 2);
  connect_result(b);
}

static void media(struct server_bytes *b)
{
  struct server_bytes p = { 0 };
  int i;
  amf_string(&p, "onMetaData");
  put_byte(&p, AMF0_OBJECT);
  put_be(&p, 8, 2);
  put(&p, "duration", 8);
  amf_number(&p, 2.0);
  amf_object_end(&p);
  message(b, CSID_STREAM, TYPE_DATA_AMF0, 1, &p, DEFAULT_CHUNK_SIZE);
  for (i = 0; i < 3; i++)
    {
      p.size = 0;
      put(&p, "\x17\x01\x00\x00\x00", 5);
      filler(&p, 300); /* longer than a chunk */
      message(b, 6, TYPE_VIDEO, 1, &p, DEFAULT_CHUNK_SIZE);
      p.size = 0;
      put(&p, "\xaf\x01", 2);
      filler(&p, 20);
      message(b, 4, TYPE_AUDIO, 1, &p, DEFAULT_CHUNK_SIZE);
    }
  server_bytes_free(&p);
}

static void normal_play(struct server_bytes *b)
{
  session_start(b);
  create_stream_result(b, 2);
  on_status(b, "status", "NetStream.Play.Reset");
  on_status(b, "status", "NetStream.Play.Start");
  media(b);
}

static void normal_publish(struct server_bytes *b)
{
  session_start(b);
  create_stream_result(b, 4);
  on_status(b, "status", "NetStream.Publish.Start");
}

/* Enhanced RTMP media (Veovera's v2): hvc1 video with a sequence start, coded frames with and
 * without a composition time, a ModEx prefix, a command frame and the 5-byte sequence end that
 * native/patches/0018 lets through RTMP_Read; Opus audio. */
static void enhanced_media(struct server_bytes *b)
{
  struct server_bytes p = { 0 };
  static const struct { const char *bytes; int n; int type; int filler; } tags[] = {
    { "\x90hvc1", 5, TYPE_VIDEO, 23 },             /* SequenceStart: an hvcC record */
    { "\x90Opus", 5, TYPE_AUDIO, 19 },             /* SequenceStart: OpusHead */
    { "\x91hvc1\x00\x00\x50", 8, TYPE_VIDEO, 300 }, /* CodedFrames, key, 80 ms offset */
    { "\x91Opus", 5, TYPE_AUDIO, 40 },             /* CodedFrames */
    { "\xa3hvc1", 5, TYPE_VIDEO, 200 },            /* CodedFramesX, inter */
    { "\xa7\x02\x00\x01\x02\x03hvc1", 10, TYPE_VIDEO, 50 }, /* ModEx (nano offset), then CodedFramesX */
    { "\xd1\x00", 2, TYPE_VIDEO, 0 },             /* a command frame */
    { "\x92hvc1", 5, TYPE_VIDEO, 0 },              /* SequenceEnd */
  };
  size_t i;
  for (i = 0; i < sizeof tags / sizeof tags[0]; i++)
    {
      p.size = 0;
      put(&p, tags[i].bytes, (size_t)tags[i].n);
      filler(&p, (size_t)tags[i].filler);
      message(b, tags[i].type == TYPE_VIDEO ? 6 : 4, tags[i].type, 1, &p, DEFAULT_CHUNK_SIZE);
    }
  server_bytes_free(&p);
}

static void enhanced_play(struct server_bytes *b)
{
  session_start(b);
  create_stream_result(b, 2);
  on_status(b, "status", "NetStream.Play.Start");
  enhanced_media(b);
}

/* ---- hostile ---- */

static void garbage_after_handshake(struct server_bytes *b)
{
  uint32_t x = 12345;
  int i;
  for (i = 0; i < 65536; i++)
    {
      x = x * 1103515245u + 12345u; /* deterministic, so a failure replays */
      put_byte(b, (int)(x >> 16));
    }
}

/* The header of a 0xFFFFFF-byte message, 100 bytes of it, then the end. */
static void body_cut_short(struct server_bytes *b)
{
  session_start(b);
  header0(b, CSID_STREAM, 0xFFFFFF, TYPE_VIDEO, 1);
  filler(b, 100);
}

/* A connect _result whose fmsVer string claims more bytes than the message holds. */
static void overrunning_result(struct server_bytes *b)
{
  struct server_bytes p = { 0 };
  control(b, TYPE_WINDOW_ACK_SIZE, 2500000, -1);
  amf_string(&p, "_result");
  amf_number(&p, 1);
  put_byte(&p, AMF0_OBJECT);
  amf_named_string(&p, "capabilities", "31");
  put_be(&p, 6, 2);
  put(&p, "fmsVer", 6);
  put_byte(&p, AMF0_STRING);
  put_be(&p, 0x7000, 2);
  filler(&p, 40);
  message(b, CSID_COMMAND, TYPE_COMMAND_AMF0, 0, &p, DEFAULT_CHUNK_SIZE);
  server_bytes_free(&p);
  normal_play(b);
}

/* The first 128-byte chunk of a 200-byte message, then on the same chunk stream a type 1
 * header that makes it 1000 bytes, then continuation chunks up to 1000. */
static void length_change_longer(struct server_bytes *b)
{
  int i;
  session_start(b);
  header0(b, CSID_COMMAND, 200, TYPE_COMMAND_AMF0, 0);
  filler(b, DEFAULT_CHUNK_SIZE);
  header1(b, CSID_COMMAND, 1000, TYPE_COMMAND_AMF0);
  filler(b, DEFAULT_CHUNK_SIZE);
  for (i = 1; i * DEFAULT_CHUNK_SIZE < 1000; i++)
    {
      basic_header(b, 3, CSID_COMMAND);
      filler(b, 1000 - i * DEFAULT_CHUNK_SIZE < DEFAULT_CHUNK_SIZE
                    ? 1000 - i * DEFAULT_CHUNK_SIZE : DEFAULT_CHUNK_SIZE);
    }
}

/* A type 0 header in the middle of a message on the same chunk stream. */
static void length_change_type0(struct server_bytes *b)
{
  session_start(b);
  header0(b, CSID_COMMAND, 200, TYPE_COMMAND_AMF0, 0);
  filler(b, DEFAULT_CHUNK_SIZE);
  header0(b, CSID_COMMAND, 200, TYPE_COMMAND_AMF0, 0);
  filler(b, DEFAULT_CHUNK_SIZE);
  basic_header(b, 3, CSID_COMMAND);
  filler(b, 200 - DEFAULT_CHUNK_SIZE);
}

static void chunk_size_zero(struct server_bytes *b)
{
  control(b, TYPE_SET_CHUNK_SIZE, 0, -1);
  normal_play(b);
}

static void chunk_size_2g(struct server_bytes *b)
{
  control(b, TYPE_SET_CHUNK_SIZE, 0x80000000u, -1);
  normal_play(b);
}

/* An onStatus error whose info object ends right after its code's bytes (no end marker): the
 * code is the last thing in the message body and librtmp logs it when it closes. */
static void status_code_at_end(struct server_bytes *b)
{
  struct server_bytes p = { 0 };
  session_start(b);
  create_stream_result(b, 2);
  amf_string(&p, "onStatus");
  amf_number(&p, 0);
  put_byte(&p, AMF0_NULL);
  put_byte(&p, AMF0_OBJECT);
  amf_named_string(&p, "level", "error");
  amf_named_string(&p, "code", "NetStream.Play.StreamNotFound");
  message(b, CSID_STREAM, TYPE_COMMAND_AMF0, 1, &p, DEFAULT_CHUNK_SIZE);
  server_bytes_free(&p);
}

static void play_failed(struct server_bytes *b)
{
  session_start(b);
  create_stream_result(b, 2);
  on_status(b, "error", "NetStream.Play.Failed");
}

/* Found by the fuzzer: an onMetaData whose object overruns the message (leaked what was
 * decoded), and a createStream _result whose stream id is far out of int range. */
static void metadata_overrun(struct server_bytes *b)
{
  struct server_bytes p = { 0 };
  normal_play(b);
  amf_string(&p, "onMetaData");
  put_byte(&p, AMF0_OBJECT);
  amf_named_string(&p, "encoder", "x");
  put_be(&p, 8, 2);
  put(&p, "duration", 8);
  put_byte(&p, AMF0_NUMBER);
  put(&p, "\x40\x00", 2); /* 2 of the number's 8 bytes */
  message(b, CSID_STREAM, TYPE_DATA_AMF0, 1, &p, DEFAULT_CHUNK_SIZE);
  server_bytes_free(&p);
}

static void stream_id_out_of_range(struct server_bytes *b)
{
  session_start(b);
  create_stream_result(b, 2);
  b->size -= 8; /* the stream id's 8 bytes: replaced by 2.1e96 */
  put(b, "\x53\xf0\x00\x00\x00\x00\x00\x00", 8);
  on_status(b, "status", "NetStream.Play.Start");
}

/* Found by the fuzzer: a command message that ends right after a string marker (librtmp read
 * the string's length past the body). */
static void string_marker_at_end(struct server_bytes *b)
{
  struct server_bytes p = { 0 };
  session_start(b);
  amf_string(&p, "onStatus");
  amf_number(&p, 0);
  put_byte(&p, AMF0_STRING);
  message(b, CSID_COMMAND, TYPE_COMMAND_AMF0, 0, &p, DEFAULT_CHUNK_SIZE);
  server_bytes_free(&p);
}

/* Found by the fuzzer: control messages shorter than their 4-byte value, and a one-byte
 * AMF3 command (type 17). */
static void short_control_messages(struct server_bytes *b)
{
  struct server_bytes p = { 0 };
  put_byte(&p, 0x01);
  message(b, CSID_CONTROL, TYPE_WINDOW_ACK_SIZE, 0, &p, DEFAULT_CHUNK_SIZE);
  message(b, CSID_CONTROL, TYPE_SET_PEER_BANDWIDTH, 0, &p, DEFAULT_CHUNK_SIZE);
  p.size = 0;
  put_byte(&p, 0x00);
  message(b, CSID_COMMAND, TYPE_COMMAND_AMF3, 0, &p, DEFAULT_CHUNK_SIZE);
  server_bytes_free(&p);
  normal_play(b);
}

/* Found by the fuzzer: an aggregate message (type 22) of 5 bytes while playing. */
static void short_aggregate(struct server_bytes *b)
{
  struct server_bytes p = { 0 };
  normal_play(b);
  put(&p, "\x09\x00\x00\x00\x00", 5);
  message(b, 6, TYPE_AGGREGATE, 1, &p, DEFAULT_CHUNK_SIZE);
  server_bytes_free(&p);
}

/* Found by the comparison kit's scorecard: an onMetaData holding a string longer than the
 * 256-byte buffer DumpMetaData prints it into (librtmp read as far past the buffer as the
 * string was long: 70,000 bytes left the stack). Four bytes over: UBSan reports the index. */
static void long_metadata_string(struct server_bytes *b)
{
  struct server_bytes p = { 0 };
  char value[261];
  memset(value, 'y', sizeof(value) - 1);
  value[sizeof(value) - 1] = 0;
  normal_play(b);
  amf_string(&p, "onMetaData");
  put_byte(&p, AMF0_OBJECT);
  amf_named_string(&p, "comment", value);
  amf_object_end(&p);
  message(b, CSID_STREAM, TYPE_DATA_AMF0, 1, &p, DEFAULT_CHUNK_SIZE);
  server_bytes_free(&p);
}

/* A 0xFFFFFF-byte message begun on each of 40 chunk streams, one chunk of each, none finished
 * (librtmp allocated 640 MiB for them; now it closes at the fifth). */
static void unfinished_messages(struct server_bytes *b)
{
  int csid;
  session_start(b);
  for (csid = 10; csid < 50; csid++)
    {
      header0(b, csid, 0xFFFFFF, TYPE_VIDEO, 1);
      filler(b, DEFAULT_CHUNK_SIZE);
    }
}

/* ---- RTMPT ---- */

static void rtmpt_play(struct server_bytes *b)
{
  struct server_bytes rtmp = { 0 };
  put_byte(&rtmp, 3);
  while (rtmp.size < 1 + 2 * 1536)
    put_byte(&rtmp, 0); /* S1 and S2: librtmp's plain handshake accepts them */
  normal_play(&rtmp);
  rtmpt_open(b, "1234567\n");
  rtmpt_data(b, rtmp.data, rtmp.size);
  server_bytes_free(&rtmp);
}

/* The tunnel's open answered with an empty body: librtmp copied hlen - 1 = SIZE_MAX bytes. */
static void rtmpt_empty_open(struct server_bytes *b)
{
  rtmpt_open(b, "");
}

/* A 2000-byte client id, which every later request header carries (librtmp's buffer: 512). */
static void rtmpt_long_client_id(struct server_bytes *b)
{
  struct server_bytes id = { 0 };
  while (id.size < 2000)
    put_byte(&id, 'a');
  put_byte(&id, '\n');
  put_byte(&id, 0);
  rtmpt_open(b, (const char *)id.data);
  server_bytes_free(&id);
}

/* Nothing at all: the server closed (librtmp's HTTP_read spun on the closed socket). */
/* connect's answer with an object nested 200,000 deep (four bytes a level), in one chunk: the
 * AMF decoder recursed once per level until the stack ran out. */
static void deep_nesting(struct server_bytes *b)
{
  struct server_bytes p = { 0 };
  int i;
  control(b, TYPE_SET_CHUNK_SIZE, 1u << 20, -1);
  amf_string(&p, "_result");
  amf_number(&p, 1);
  put_byte(&p, AMF0_OBJECT);
  for (i = 0; i < 200000; i++)
    put(&p, "\x00\x01\x61\x03", 4); /* property "a": an object */
  message(b, CSID_COMMAND, TYPE_COMMAND_AMF0, 0, &p, 1u << 20);
  server_bytes_free(&p);
}

/* A _result whose transaction id no int can hold (-1.6e10), in the stream setup: the shim
 * compared it with librtmp's call numbers through an out-of-range conversion (UBSan, found by
 * libFuzzer). */
static void huge_transaction_id(struct server_bytes *b)
{
  struct server_bytes p = { 0 };
  session_start(b);
  amf_string(&p, "_result");
  amf_number(&p, -1.6643e10);
  put_byte(&p, AMF0_NULL);
  amf_number(&p, 1);
  message(b, CSID_COMMAND, TYPE_COMMAND_AMF0, 0, &p, DEFAULT_CHUNK_SIZE);
  server_bytes_free(&p);
  create_stream_result(b, 2);
  on_status(b, "status", "NetStream.Play.Start");
}

static void nothing(struct server_bytes *b)
{
  (void)b;
}

const struct server_case nrtmp_server_cases[] = {
  { "normal-play", NRTMP_FUZZ_PLAY, normal_play },
  { "normal-publish", NRTMP_FUZZ_PUBLISH, normal_publish },
  { "enhanced-play", NRTMP_FUZZ_PLAY, enhanced_play },
  { "enhanced-publish", NRTMP_FUZZ_PUBLISH_ENHANCED, normal_publish },
  { "garbage-after-handshake", NRTMP_FUZZ_PLAY, garbage_after_handshake },
  { "body-cut-short", NRTMP_FUZZ_PLAY, body_cut_short },
  { "overrunning-result", NRTMP_FUZZ_PLAY, overrunning_result },
  { "length-change-longer", NRTMP_FUZZ_PLAY, length_change_longer },
  { "length-change-type0", NRTMP_FUZZ_PLAY, length_change_type0 },
  { "chunk-size-zero", NRTMP_FUZZ_PLAY, chunk_size_zero },
  { "chunk-size-2g", NRTMP_FUZZ_PLAY, chunk_size_2g },
  { "status-code-at-end", NRTMP_FUZZ_PLAY, status_code_at_end },
  { "play-failed", NRTMP_FUZZ_PLAY, play_failed },
  { "short-script-tag", NRTMP_FUZZ_PUBLISH_SHORT_SCRIPT, normal_publish },
  { "metadata-overrun", NRTMP_FUZZ_PLAY, metadata_overrun },
  { "stream-id-out-of-range", NRTMP_FUZZ_PLAY, stream_id_out_of_range },
  { "string-marker-at-end", NRTMP_FUZZ_PLAY, string_marker_at_end },
  { "short-control-messages", NRTMP_FUZZ_PLAY, short_control_messages },
  { "short-aggregate", NRTMP_FUZZ_PLAY, short_aggregate },
  { "unfinished-messages", NRTMP_FUZZ_PLAY, unfinished_messages },
  { "deep-nesting", NRTMP_FUZZ_PLAY, deep_nesting },
  { "huge-transaction-id", NRTMP_FUZZ_PLAY, huge_transaction_id },
  { "long-metadata-string", NRTMP_FUZZ_PLAY, long_metadata_string },
  { "rtmpt-play", NRTMP_FUZZ_PLAY_RTMPT, rtmpt_play },
  { "rtmpt-closes", NRTMP_FUZZ_PLAY_RTMPT, nothing },
  { "rtmpt-empty-open", NRTMP_FUZZ_PLAY_RTMPT, rtmpt_empty_open },
  { "rtmpt-long-client-id", NRTMP_FUZZ_PLAY_RTMPT, rtmpt_long_client_id },
  { NULL, 0, NULL }
};
