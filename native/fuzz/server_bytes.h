/* Writing what a server sends: RTMP chunks (RTMP 1.0 section 5.3), AMF0 values (AMF0
 * specification) and RTMPT's HTTP responses, into a growing buffer, the way a server sends
 * them or deliberately not. The named sequences built with them are in server_cases.c. */
#ifndef NRTMP_FUZZ_SERVER_BYTES_H
#define NRTMP_FUZZ_SERVER_BYTES_H

#include <stddef.h>
#include <stdint.h>

/* RTMP 1.0: chunk stream ids and message types used here. */
#define CSID_CONTROL 2
#define CSID_COMMAND 3
#define CSID_STREAM 5
#define TYPE_SET_CHUNK_SIZE 1
#define TYPE_WINDOW_ACK_SIZE 5
#define TYPE_SET_PEER_BANDWIDTH 6
#define TYPE_AUDIO 8
#define TYPE_VIDEO 9
#define TYPE_DATA_AMF0 18
#define TYPE_COMMAND_AMF0 20
#define TYPE_COMMAND_AMF3 17
#define TYPE_AGGREGATE 22
#define DEFAULT_CHUNK_SIZE 128
/* AMF0 markers (AMF0 specification section 2.1). */
#define AMF0_NUMBER 0x00
#define AMF0_STRING 0x02
#define AMF0_OBJECT 0x03
#define AMF0_NULL 0x05

struct server_bytes {
  uint8_t *data;
  size_t size, capacity;
};

void server_bytes_free(struct server_bytes *b);

/* Raw bytes; put_be writes `bytes` bytes of v, big-endian. */
void put(struct server_bytes *b, const void *data, size_t n);
void put_byte(struct server_bytes *b, int v);
void put_be(struct server_bytes *b, uint32_t v, int bytes);
/* n bytes of payload that mean nothing. */
void filler(struct server_bytes *b, size_t n);

/* AMF0 values: a number, a string (marker and 16-bit length), a string without its marker (an
 * object key), a key and string value, an object's end marker, and a status info object
 * { level, code, description } (RTMP 1.0 section 7.2.2). */
void amf_number(struct server_bytes *b, double v);
void amf_string(struct server_bytes *b, const char *s);
void amf_raw_string(struct server_bytes *b, const char *s);
void amf_named_string(struct server_bytes *b, const char *name, const char *value);
void amf_object_end(struct server_bytes *b);
void amf_status(struct server_bytes *b, const char *level, const char *code);

/* Chunks: a basic header, a type 0 message header (all of it), a type 1 one (timestamp delta,
 * length, type), a whole message cut into chunks of `chunk` bytes (type 0, then type 3), and a
 * protocol control message of a 4-byte value (and an extra byte when extra_byte >= 0). */
void basic_header(struct server_bytes *b, int fmt, int csid);
void header0(struct server_bytes *b, int csid, uint32_t length, int type, uint32_t stream);
void header1(struct server_bytes *b, int csid, uint32_t length, int type);
void message(struct server_bytes *b, int csid, int type, uint32_t stream,
             const struct server_bytes *payload, size_t chunk);
void control(struct server_bytes *b, int type, uint32_t value, int extra_byte);

/* RTMPT: an HTTP 200 response with this body; the tunnel's open answered with a client id; RTMP
 * bytes in responses of a polling byte and up to 1000 bytes of data each. */
void http_response(struct server_bytes *b, const uint8_t *body, size_t size);
void rtmpt_open(struct server_bytes *b, const char *client_id);
void rtmpt_data(struct server_bytes *b, const uint8_t *data, size_t size);

#endif
