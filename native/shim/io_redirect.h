/* native-rtmp shim: forced in front of librtmp's rtmp.c alone (-include, CMakeLists.txt), so
 * that its socket calls reach the shim's I/O layer (io.h) without an edit to librtmp's source.
 *
 * The system's socket headers come first, so that their own declarations of send, recv and
 * close are left alone (their include guards make rtmp.c's later includes no-ops); then the
 * three calls rtmp.c makes are mapped by function-like macros, which touch only calls. On
 * POSIX rtmp_sys.h defines closesocket(s) as close(s) (after an #undef), so close is mapped
 * there; Winsock's closesocket is a real function, mapped directly. rtmp.c makes no other
 * close() call. */
#ifndef NRTMP_IO_REDIRECT_H
#define NRTMP_IO_REDIRECT_H

#ifdef _WIN32
#include <winsock2.h>
#include <ws2tcpip.h>
#else
#include <sys/types.h>
#include <sys/socket.h>
#include <unistd.h>
#endif

int shim_io_send(int fd, const char *buf, int len, int flags);
int shim_io_recv(int fd, char *buf, int len, int flags);
int shim_io_close(int fd);

#define send(fd, buf, len, flags) shim_io_send((int)(fd), (const char *)(buf), (int)(len), (flags))
#define recv(fd, buf, len, flags) shim_io_recv((int)(fd), (char *)(buf), (int)(len), (flags))
#ifdef _WIN32
#define closesocket(fd) shim_io_close((int)(fd))
#else
#define close(fd) shim_io_close(fd)
#endif

#endif
