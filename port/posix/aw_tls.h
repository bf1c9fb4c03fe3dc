/*
 * aw_tls.h - TLS client connections for the POSIX port (mbedTLS 2.28 over
 * aw_net). Certificate verification is always required: the chain must end
 * in a CA of the configured bundle, and the certificate must name the host
 * (DNS names through SNI and mbedTLS's check; IP literals against the
 * certificate's iPAddress entries). There is deliberately no way to turn
 * any of this off.
 */
#ifndef AW_TLS_H
#define AW_TLS_H

#include <stddef.h>

#define AW_TLS_DEFAULT_CA "/etc/ssl/certs/ca-certificates.crt"

typedef struct aw_tls aw_tls; /* one connection (heap, owned by this module) */

/*
 * Load the trust anchors from ca_file (NULL = AW_TLS_DEFAULT_CA) and seed
 * the random generator. Call once before aw_tls_open; calling again with
 * another file replaces the anchors. Returns 0, or -1 with a message.
 */
int aw_tls_init(const char *ca_file, char *err, size_t errcap);
void aw_tls_free(void);

/*
 * Connect to host:port and complete the handshake, every step bounded:
 * connect_ms for the TCP connect, io_ms for each wait for the peer.
 * Returns the connection, or NULL with a message in err naming the host
 * and the reason (refused, timed out, "certificate is not trusted",
 * "certificate does not name HOST", ...).
 */
aw_tls *aw_tls_open(const char *host, const char *port, int connect_ms, int io_ms, char *err,
		    size_t errcap);

/* Read up to n bytes: > 0 bytes, 0 end of stream (close_notify or TCP
 * close: the HTTP framing decides whether that was complete), -1 error
 * (message in err; "timed out" after io_ms without data). */
long aw_tls_read(aw_tls *t, void *p, size_t n, char *err, size_t errcap);

/* Write all n bytes. 0 or -1 with a message. */
int aw_tls_write(aw_tls *t, const void *p, size_t n, char *err, size_t errcap);

/* Send close_notify (best effort) and free the connection. NULL is fine. */
void aw_tls_close(aw_tls *t);

#endif
