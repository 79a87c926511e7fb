/* See server_bytes.h. The AMF values are encoded by hand (not with librtmp's encoder) so that
 * a case can break them on purpose. */
#include "server_bytes.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void put(struct server_bytes *b, const void *data, size_t n)
{
  if (b->size + n > b->capacity)
    {
      size_t capacity = (b->size + n) * 2 + 64;
      uint8_t *grown = realloc(b->data, capacity);
      if (!grown)
        abort();
      b->data = grown;
      b->capacity = capacity;
    }
  memcpy(b->data + b->size, data, n);
  b->size += n;
}

void put_byte(struct server_bytes *b, int v)
{
  uint8_t c = (uint8_t)v;
  put(b, &c, 1);
}

void put_be(struct server_bytes *b, uint32_t v, int bytes)
{
  while (bytes--)
    put_byte(b, (int)(v >> (8 * bytes)));
}

void server_bytes_free(struct server_bytes *b)
{
  free(b->data);
  memset(b, 0, sizeof *b);
}

/* ---- AMF0 ---- */

void amf_number(struct server_bytes *b, double v)
{
  uint64_t bits;
  memcpy(&bits, &v, sizeof bits);
  put_byte(b, AMF0_NUMBER);
  put_be(b, (uint32_t)(bits >> 32), 4);
  put_be(b, (uint32_t)bits, 4);
}

void amf_raw_string(struct server_bytes *b, const char *s)
{
  put_be(b, (uint32_t)strlen(s), 2);
  put(b, s, strlen(s));
}

void amf_string(struct server_bytes *b, const char *s)
{
  put_byte(b, AMF0_STRING);
  amf_raw_string(b, s);
}

void amf_named_string(struct server_bytes *b, const char *name, const char *value)
{
  amf_raw_string(b, name);
  amf_string(b, value);
}

void amf_object_end(struct server_bytes *b)
{
  put_be(b, 0x000009, 3);
}

/* A status info object: { level, code, description } (section 7.2.2). */
void amf_status(struct server_bytes *b, const char *level, const char *code)
{
  put_byte(b, AMF0_OBJECT);
  amf_named_string(b, "level", level);
  amf_named_string(b, "code", code);
  amf_named_string(b, "description", code);
  amf_object_end(b);
}

/* ---- chunks ---- */

void basic_header(struct server_bytes *b, int fmt, int csid)
{
  put_byte(b, fmt << 6 | csid);
}

/* Type 0 header (11 bytes of message header). */
void header0(struct server_bytes *b, int csid, uint32_t length, int type, uint32_t stream)
{
  basic_header(b, 0, csid);
  put_be(b, 0, 3);
  put_be(b, length, 3);
  put_byte(b, type);
  put_byte(b, (int)stream); /* message stream id: little-endian (5.3.1.2.1) */
  put_be(b, 0, 3);
}

/* Type 1 header: timestamp delta, length, type; same message stream. */
void header1(struct server_bytes *b, int csid, uint32_t length, int type)
{
  basic_header(b, 1, csid);
  put_be(b, 0, 3);
  put_be(b, length, 3);
  put_byte(b, type);
}

void filler(struct server_bytes *b, size_t n)
{
  while (n--)
    put_byte(b, 'x');
}

/* One message in chunks of `chunk` bytes: a type 0 header, then type 3 continuations. */
void message(struct server_bytes *b, int csid, int type, uint32_t stream,
                    const struct server_bytes *payload, size_t chunk)
{
  size_t off = 0;
  header0(b, csid, (uint32_t)payload->size, type, stream);
  do
    {
      size_t n = payload->size - off < chunk ? payload->size - off : chunk;
      if (off > 0)
        basic_header(b, 3, csid);
      put(b, payload->data + off, n);
      off += n;
    }
  while (off < payload->size);
}

void control(struct server_bytes *b, int type, uint32_t value, int extra_byte)
{
  struct server_bytes p = { 0 };
  put_be(&p, value, 4);
  if (extra_byte >= 0)
    put_byte(&p, extra_byte);
  message(b, CSID_CONTROL, type, 0, &p, DEFAULT_CHUNK_SIZE);
  server_bytes_free(&p);
}

/* ---- RTMPT (the HTTP tunnel): each response's body is a polling byte, then data ---- */

void http_response(struct server_bytes *b, const uint8_t *body, size_t size)
{
  char header[128];
  int n = snprintf(header, sizeof header,
                   "HTTP/1.1 200 OK\r\nContent-Type: application/x-fcs\r\nContent-Length: %u\r\n\r\n",
                   (unsigned)size);
  put(b, header, (size_t)n);
  put(b, body, size);
}

void rtmpt_open(struct server_bytes *b, const char *client_id)
{
  http_response(b, (const uint8_t *)client_id, strlen(client_id));
}

/* The RTMP bytes in responses of up to 1000 bytes of data each. */
void rtmpt_data(struct server_bytes *b, const uint8_t *data, size_t size)
{
  struct server_bytes body = { 0 };
  size_t off = 0;
  while (off < size)
    {
      size_t n = size - off < 1000 ? size - off : 1000;
      body.size = 0;
      put_byte(&body, 1); /* polling interval */
      put(&body, data + off, n);
      http_response(b, body.data, body.size);
      off += n;
    }
  server_bytes_free(&body);
}
