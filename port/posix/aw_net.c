/*
 * aw_net.c - TCP sockets with timeouts for the POSIX port: non-blocking
 * connect bounded by poll(), reads and writes that wait with poll() before
 * each call. It does not resolve proxies, retry, or keep connections: the
 * caller decides what a failure means.
 */
#define _GNU_SOURCE 1
#include "aw_net.h"

#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

unsigned long long aw_net_bytes_out, aw_net_bytes_in;
unsigned long aw_net_connects;

static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Wait for `ev` on fd; 1 ready, 0 timeout, -1 error. */
static int wait_fd(int fd, short ev, int timeout_ms)
{
	struct pollfd p;
	int r;
	p.fd = fd;
	p.events = ev;
	p.revents = 0;
	do
		r = poll(&p, 1, timeout_ms);
	while (r < 0 && errno == EINTR);
	return r;
}

int aw_net_connect(const char *host, const char *port, int timeout_ms, char *err, size_t errcap)
{
	struct addrinfo hints, *res = NULL, *ai;
	long long deadline = now_ms() + (timeout_ms > 0 ? timeout_ms : 10000);
	int fd = -1, rc, last = 0;

	memset(&hints, 0, sizeof hints);
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_ADDRCONFIG | AI_NUMERICSERV;
	rc = getaddrinfo(host, port, &hints, &res);
	if (rc) {
		snprintf(err, errcap, "%s: %s", host, gai_strerror(rc));
		return -1;
	}
	for (ai = res; ai; ai = ai->ai_next) {
		long long left = deadline - now_ms();
		int flags, one = 1;
		socklen_t sl = sizeof last;
		if (left <= 0) {
			last = ETIMEDOUT;
			break;
		}
		fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC, ai->ai_protocol);
		if (fd < 0) {
			last = errno;
			continue;
		}
		flags = fcntl(fd, F_GETFL);
		fcntl(fd, F_SETFL, flags | O_NONBLOCK);
		if (connect(fd, ai->ai_addr, ai->ai_addrlen) == 0) {
			last = 0;
		} else if (errno != EINPROGRESS) {
			last = errno;
		} else {
			rc = wait_fd(fd, POLLOUT, (int)left);
			if (rc == 0)
				last = ETIMEDOUT;
			else if (rc < 0)
				last = errno;
			else if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &last, &sl))
				last = errno;
		}
		if (!last) {
			setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
			freeaddrinfo(res);
			aw_net_connects++;
			return fd; /* stays non-blocking: every call waits with poll */
		}
		close(fd);
		fd = -1;
	}
	freeaddrinfo(res);
	snprintf(err, errcap, "%s:%s: %s", host, port,
		 last == ETIMEDOUT ? "connect timed out" : strerror(last ? last : EHOSTUNREACH));
	return -1;
}

long aw_net_recv(int fd, void *p, size_t n, int timeout_ms)
{
	for (;;) {
		ssize_t r = recv(fd, p, n, 0);
		if (r >= 0) {
			aw_net_bytes_in += (unsigned long long)r;
			return (long)r;
		}
		if (errno == EINTR)
			continue;
		if (errno != EAGAIN && errno != EWOULDBLOCK)
			return -1;
		r = wait_fd(fd, POLLIN, timeout_ms);
		if (r == 0) {
			errno = ETIMEDOUT;
			return -1;
		}
		if (r < 0)
			return -1;
	}
}

long aw_net_send(int fd, const void *p, size_t n, int timeout_ms)
{
	for (;;) {
		ssize_t r = send(fd, p, n, MSG_NOSIGNAL);
		if (r >= 0) {
			aw_net_bytes_out += (unsigned long long)r;
			return (long)r;
		}
		if (errno == EINTR)
			continue;
		if (errno != EAGAIN && errno != EWOULDBLOCK)
			return -1;
		r = wait_fd(fd, POLLOUT, timeout_ms);
		if (r == 0) {
			errno = ETIMEDOUT;
			return -1;
		}
		if (r < 0)
			return -1;
	}
}

void aw_net_close(int fd)
{
	if (fd >= 0)
		close(fd);
}
