/*
 * aw_net.h - TCP for the POSIX port: connect with a timeout, read and
 * write with a timeout, byte counters (what went over the wire, for the
 * "bytes of a poll" numbers). IPv4 and IPv6 through getaddrinfo.
 */
#ifndef AW_NET_H
#define AW_NET_H

#include <stddef.h>

/* Bytes sent and received on every connection of this process. */
extern unsigned long long aw_net_bytes_out, aw_net_bytes_in;
extern unsigned long aw_net_connects;

/*
 * Connect to host:port (port as a decimal string). timeout_ms bounds the
 * whole connect (every address tried). Returns a socket descriptor >= 0,
 * or -1 with a message in err (e.g. "127.0.0.1:4433: Connection refused").
 */
int aw_net_connect(const char *host, const char *port, int timeout_ms, char *err, size_t errcap);

/*
 * Read at most n bytes, waiting at most timeout_ms for the first one.
 * Returns bytes read (> 0), 0 at end of stream, -1 on error (errno set;
 * ETIMEDOUT when nothing arrived in time).
 */
long aw_net_recv(int fd, void *p, size_t n, int timeout_ms);

/* Write up to n bytes, waiting at most timeout_ms for room. Returns bytes
 * written (> 0) or -1 (errno set, ETIMEDOUT on timeout). */
long aw_net_send(int fd, const void *p, size_t n, int timeout_ms);

void aw_net_close(int fd);

#endif
