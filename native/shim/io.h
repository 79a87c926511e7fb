/* native-rtmp shim, private: the one layer between librtmp and the network.
 *
 * REDIRECTION. rtmp.c, and only rtmp.c, is compiled with io_redirect.h forced in front of it
 * (CMakeLists.txt), which turns its socket calls (send() in RTMPSockBuf_Send, recv() in
 * RTMPSockBuf_Fill, closesocket() in RTMPSockBuf_Close, and the poll() -- select() on Windows --
 * that native/patches' read deadline waits with before a recv) into shim_io_send, shim_io_recv,
 * shim_io_close and shim_io_poll (shim_io_select); librtmp's source is not edited. Those act for the connection whose shim call
 * runs on the calling thread (between shim_io_begin and shim_io_end) and only on its socket.
 * Every other call (librtmp used directly, as nrtmp-ref and RTMP_Pause are; any other
 * descriptor) is the plain system call, so librtmp behaves exactly as built without this.
 *
 * COALESCING. For the connection in scope, what librtmp sends (one send() per chunk of at most
 * the chunk size, plus its header) is appended to the connection's send buffer, and the buffer
 * goes to the transport in one write at these flush points:
 *   - when it cannot take the next bytes (bytes larger than the buffer then go out directly,
 *     after what was buffered);
 *   - before every recv, and before the poll or select that waits for one: librtmp is about to
 *     wait for the server, so all it sent is out first (the handshake's C2, the connect
 *     command, a pong, an acknowledgement);
 *   - before close: RTMP_Close sends FCUnpublish and deleteStream and then closes;
 *   - at shim_io_end, the end of every shim call: nothing is held back between two calls.
 * So nothing sent ever waits on the network or on the caller, only (within one call) on
 * librtmp's own processing of bytes it already has. The bytes and their order are librtmp's;
 * only how they are grouped into system calls changes. Limit 0 turns coalescing off: every send
 * goes straight to the transport, as librtmp does.
 *
 * FAILURE. A failed write to the transport is sticky (shim_io.error keeps its code): what was
 * buffered is dropped, and every later send or recv in scope fails at once, so librtmp reacts as
 * to any failed send (WriteN logs the error and closes the connection) without waiting on the
 * stalled socket again. A send timeout also sets shim_conn.send_timed_out
 * (NRTMP_SEND_TIMED_OUT). A recv refused for a failed flush reports ECONNABORTED, never
 * librtmp's timeout code, so that it is not taken for a receive timeout.
 *
 * DEADLINES. A shim call may give its waits one deadline (shim_io_set_deadline): the connect as a
 * whole, the stream setup, a read or write bounded by the media timeout. Every wait of the call
 * in scope ends by it, whatever the server sends meanwhile: the read deadline's poll (select)
 * waits no longer than what is left; a recv, a send and a TCP connect first wait for the socket
 * (shim_io_wait) within it. A wait that reaches it reports what librtmp takes for a timeout (a
 * poll of 0, a recv failing with EWOULDBLOCK, a connect or send failing with ETIMEDOUT) and marks
 * the deadline passed, so that the call can say which deadline it was. Without a deadline nothing
 * waits beyond what librtmp itself does: the plain system calls, bounded by SO_RCVTIMEO and
 * SO_SNDTIMEO as before.
 *
 * QUICK ACKS. While a connect or a stream setup waits for the server (the steps from the SOCKS
 * answer to the start of the stream: enum nrtmp_step), TCP_QUICKACK is set on the socket before
 * every recv and before the poll (select) that waits for one. A server that sends its replies in
 * several small writes with Nagle's algorithm on (nginx-rtmp: its window size, bandwidth, chunk
 * size and _result) holds each one back until the client has acknowledged the one before; the
 * client's kernel delays that acknowledgement (40 ms on Linux) as it expects to answer with data.
 * The option makes the kernel send a pending acknowledgement at once and leave the mode in which
 * it delays them; it enters that mode again on its own as the client sends (the option is not
 * sticky), hence before every wait.
 * Not a byte of RTMP changes, and nothing is set once the stream has started (a read, a write).
 * A socket that refuses the option (the pipe to the TLS tunnel of rtmps and rtmpts, a descriptor
 * that is no TCP socket) is not asked again; the failure is no error. Windows has no
 * TCP_QUICKACK: nothing is set there (SIO_TCP_SET_ACK_FREQUENCY is per socket and permanent, not
 * the same thing). nrtmp_set_quick_ack turns it off; nrtmp_quick_acks counts the times it took.
 *
 * TRANSPORTS. The buffer writes through shim_io.transport, which follows the system calls'
 * conventions (-1 with the socket error code set, SetSockError). The default is the socket
 * itself (shim_socket_transport); another transport (TLS done elsewhere, for instance) plugs in
 * by pointing transport and transport_ctx at its own functions after nrtmp_alloc, and gets
 * coalescing, the flush points and the failure handling above for free. */
#ifndef NRTMP_SHIM_IO_H
#define NRTMP_SHIM_IO_H

#include "nativertmp.h"
#ifndef _WIN32
#include <poll.h>
#endif

struct shim_conn;

/* How bytes reach the peer; each function as its system call (send, recv, closesocket). close
 * runs under the connection's mutex (shim_close_watched): it must neither log nor wait. */
struct shim_transport {
  int (*send)(void *ctx, int fd, const char *buf, int len);
  int (*recv)(void *ctx, int fd, char *buf, int len);
  int (*close)(void *ctx, int fd);
};

extern const struct shim_transport shim_socket_transport;

/* A connection's outgoing bytes not yet written. It is empty between two calls (COALESCING
 * above), so it is allocated at a call's first send and freed when the call ends
 * (shim_sendbuf_idle): a connection holds none while it waits for its next call, which is what
 * thousands of idle publishers on an engine would otherwise keep. Within a call it grows (from
 * SHIM_SENDBUF_INITIAL, doubling) up to limit; the next call's first send allocates at once what
 * the last call grew to, so a steady publisher pays one malloc and one free per call, and a
 * connection that only plays and acknowledges a small one. */
struct shim_sendbuf {
  char *bytes;
  int len;
  int capacity;
  int last_capacity; /* what the last call grew to: the next call's first allocation */
  int limit;         /* 0: coalescing off */
};

#define SHIM_SENDBUF_INITIAL 4096
/* The default limit: sixteen 4096-byte chunks per system call, or about 500 at chunk size 128. */
#define SHIM_SENDBUF_DEFAULT_LIMIT 65536
/* Below one chunk with its largest header at librtmp's default chunk size, coalescing would
 * mostly write through. */
#define SHIM_SENDBUF_MIN_LIMIT 256

/* The deadline of the call in scope (DEADLINES above). */
struct shim_deadline {
  long long at_ms;     /* shim_now_ms() time; 0: none */
  int passed;          /* a wait of the call ended at at_ms */
};

/* One connection's I/O state, inside struct shim_conn. */
struct shim_io {
  const struct shim_transport *transport;
  void *transport_ctx;
  struct shim_sendbuf out;
  int error;             /* the socket error code of a failed write to the transport, or 0 */
  long long send_calls;  /* transport sends made in scope (nrtmp_send_calls) */
  int send_timeout_ms;   /* SO_SNDTIMEO as set (nrtmp_set_send_timeout), for sends under a deadline */
  struct shim_deadline deadline;
  long long bytes_in;    /* bytes received since the deadline was set (for the call's report) */
  long long total_in;    /* bytes received, ever (nrtmp_statistics) */
  long long total_out;   /* bytes handed to the transport, ever (nrtmp_statistics) */
  int peer_closed;       /* a recv in scope returned 0: the server closed its side (nrtmp_peer_closed) */
  int quick_ack;         /* QUICK ACKS above: SHIM_QUICK_ACK_* */
  long long quick_acks;  /* setsockopt(TCP_QUICKACK) calls that succeeded (nrtmp_quick_acks) */
};

#define SHIM_QUICK_ACK_OFF 0
#define SHIM_QUICK_ACK_ON 1
#define SHIM_QUICK_ACK_REFUSED 2 /* the socket refused it once: not asked again */

/* nrtmp_alloc: the socket transport, coalescing on at the default limit, quick acks on. */
void shim_io_init(struct shim_io *io);

/* nrtmp_free: the buffer's memory. */
void shim_io_release(struct shim_io *io);

/* nrtmp_startup: the per-thread scope on Windows (a TLS slot). */
void shim_io_startup(void);

/* The connection whose shim call runs on this thread (between shim_io_begin and its end), or NULL. */
struct shim_conn *shim_io_scope(void);
/* Sets it: the engine carries a call's scope from fiber to fiber (engine.c). */
void shim_io_set_scope(struct shim_conn *c);

/* Coalesces c's sends on this thread until shim_io_end (or shim_io_finish); every shim call
 * that may send or receive on c runs between the two. Calls do not nest. */
void shim_io_begin(struct shim_conn *c);

/* Flushes and ends the scope: 0, or the socket error code of a failed flush (sticky: the next
 * send or recv on the connection fails). */
int shim_io_finish(struct shim_conn *c);

/* shim_io_finish for a call whose success means its bytes went out: when the flush fails, a
 * status of NRTMP_OK becomes the send failure (shim_send_failure) and the connection is closed
 * as librtmp closes it after a failed send. Other statuses pass unchanged. */
nrtmp_status shim_io_end(struct shim_conn *c, nrtmp_status status);

/* The deadline of the next call: timeout_ms from now; <= 0: none. Clears passed and bytes_in. */
void shim_io_set_deadline(struct shim_io *io, int timeout_ms);

/* The end of a call's deadline: later waits are not bounded by it; passed and bytes_in stay for
 * the call's report. */
void shim_io_end_deadline(struct shim_io *io);

/* Milliseconds left of the deadline (at least 1 while it has not passed); -1: no deadline; 0:
 * passed (and marked so). */
int shim_io_left_ms(struct shim_io *io);

/* Waits until fd is readable (or writable) or timeout_ms pass (-1: no limit of its own), never
 * past the deadline; a signal does not end it early. 1 ready (or an error the next call will
 * report), 0 timed out, -1 with the socket error code set. */
int shim_io_wait(struct shim_io *io, int fd, int for_write, int timeout_ms);

/* connect() of fd within the deadline, woken early when fd is shut down (nrtmp_interrupt): 0,
 * or -1 with the socket error code set (ETIMEDOUT, WSAETIMEDOUT on Windows, at the deadline).
 * Without a deadline the plain blocking connect, as librtmp's. */
int shim_io_connect_fd(struct shim_io *io, int fd, const struct sockaddr *addr, int addrlen);

/* Where rtmp.c's send(), recv(), closesocket() and connect() land (io_redirect.h). */
int shim_io_connect(int fd, const struct sockaddr *addr, int addrlen);
int shim_io_send(int fd, const char *buf, int len, int flags);
int shim_io_recv(int fd, char *buf, int len, int flags);
int shim_io_close(int fd);
#ifdef _WIN32
int shim_io_select(int nfds, fd_set *readable, fd_set *writable, fd_set *failed, const struct timeval *timeout);
#else
int shim_io_poll(struct pollfd *fds, nfds_t nfds, int timeout_ms);
#endif

/* sendbuf.c, for io.c: the buffer in front of the transport. */

/* Appends (or writes through, see above); len, or -1 with the socket error code set. */
int shim_sendbuf_send(struct shim_io *io, int fd, const char *buf, int len);
/* Writes out what is buffered: 0, or the socket error code. */
int shim_sendbuf_flush(struct shim_io *io, int fd);
void shim_sendbuf_release(struct shim_sendbuf *b);
/* At the end of a call: frees the buffer when it is empty, remembering its size. */
void shim_sendbuf_idle(struct shim_sendbuf *b);

#endif
