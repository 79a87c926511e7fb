/* native-rtmp shim: forced in front of librtmp's rtmp.c alone (-include, CMakeLists.txt), so
 * that its socket calls reach the shim's I/O layer (io.h) without an edit to librtmp's source:
 * send, recv, closesocket, the read deadline's poll (select), the TCP connect of RTMP_Connect0
 * (bounded by the connect's deadline) and the name lookup of a SOCKS target (resolve.c).
 *
 * The system's socket headers come first, so that their own declarations of send, recv, close
 * and poll are left alone (their include guards make rtmp.c's later includes no-ops); then the
 * calls rtmp.c makes are mapped by function-like macros, which touch only calls. On POSIX
 * rtmp_sys.h defines closesocket(s) as close(s) (after an #undef), so close is mapped there;
 * Winsock's closesocket is a real function, mapped directly. rtmp.c makes no other close()
 * call. The wait before a receive (poll, select on Windows: native/patches' read deadline) is
 * mapped too: librtmp is about to wait for the server there, as in recv. */
#ifndef NRTMP_IO_REDIRECT_H
#define NRTMP_IO_REDIRECT_H

#ifdef _WIN32
#include <winsock2.h>
#include <ws2tcpip.h>
#else
#include <sys/types.h>
#include <sys/socket.h>
#include <unistd.h>
#include <poll.h>
#include <netdb.h>
#endif

int shim_io_send(int fd, const char *buf, int len, int flags);
int shim_io_recv(int fd, char *buf, int len, int flags);
int shim_io_close(int fd);
int shim_io_connect(int fd, const struct sockaddr *addr, int addrlen);
struct hostent *shim_io_gethostbyname(const char *name);
#ifndef _WIN32
/* A call on the engine may start on its caller's thread and continue on the engine's (engine.c):
 * errno is read through a function the compiler cannot fold or hoist (glibc's
 * __errno_location is declared const, so the address of one thread's errno could be kept across
 * the switch). */
#include <errno.h>
int *shim_errno_location(void);
#undef errno
#define errno (*shim_errno_location())
#endif

#ifdef _WIN32
int shim_io_select(int nfds, fd_set *readable, fd_set *writable, fd_set *failed, const struct timeval *timeout);
#else
int shim_io_poll(struct pollfd *fds, nfds_t nfds, int timeout_ms);
#endif

#define send(fd, buf, len, flags) shim_io_send((int)(fd), (const char *)(buf), (int)(len), (flags))
#define recv(fd, buf, len, flags) shim_io_recv((int)(fd), (char *)(buf), (int)(len), (flags))
#define connect(fd, addr, len) shim_io_connect((int)(fd), (addr), (int)(len))
#define gethostbyname(name) shim_io_gethostbyname(name)
#ifdef _WIN32
#define closesocket(fd) shim_io_close((int)(fd))
#define select(nfds, readable, writable, failed, timeout) \
  shim_io_select((nfds), (readable), (writable), (failed), (timeout))
#else
#define close(fd) shim_io_close(fd)
#define poll(fds, nfds, timeout_ms) shim_io_poll((fds), (nfds), (timeout_ms))
#endif

#endif
