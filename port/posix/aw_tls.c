/*
 * aw_tls.c - mbedTLS 2.28 client over aw_net's sockets. One shared
 * configuration (trust anchors parsed once, one CTR-DRBG), one ssl context
 * per connection. TLS 1.2 (the highest that Debian's 2.28 speaks),
 * VERIFY_REQUIRED, SNI + name check for host names, a verify callback that
 * checks iPAddress entries for IP literals (mbedTLS 2.28 compares only DNS
 * names). It does not cache sessions or offer any insecure mode.
 */
#define _GNU_SOURCE 1
#include "aw_tls.h"
#include "aw_net.h"

#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mbedtls/ctr_drbg.h>
#include <mbedtls/entropy.h>
#include <mbedtls/error.h>
#include <mbedtls/net_sockets.h>
#include <mbedtls/ssl.h>
#include <mbedtls/x509_crt.h>

struct aw_tls {
	mbedtls_ssl_context ssl;
	int fd;
	int io_ms;
	int timed_out;
	int ip_len;              /* IP literal: 4 or 16, else 0 */
	unsigned char ip[16];
};

static int ready;
static mbedtls_entropy_context entropy;
static mbedtls_ctr_drbg_context drbg;
static mbedtls_ssl_config conf;
static mbedtls_x509_crt cacert;

static void tls_msg(char *err, size_t cap, const char *what, int rc)
{
	char buf[160];
	mbedtls_strerror(rc, buf, sizeof buf);
	snprintf(err, cap, "%s: %s (-0x%04x)", what, buf, (unsigned)-rc);
}

void aw_tls_free(void)
{
	if (!ready)
		return;
	mbedtls_ssl_config_free(&conf);
	mbedtls_x509_crt_free(&cacert);
	mbedtls_ctr_drbg_free(&drbg);
	mbedtls_entropy_free(&entropy);
	ready = 0;
}

int aw_tls_init(const char *ca_file, char *err, size_t errcap)
{
	static const char pers[] = "awtrack";
	int rc;

	aw_tls_free();
	if (!ca_file || !*ca_file)
		ca_file = AW_TLS_DEFAULT_CA;
	mbedtls_entropy_init(&entropy);
	mbedtls_ctr_drbg_init(&drbg);
	mbedtls_x509_crt_init(&cacert);
	mbedtls_ssl_config_init(&conf);
	ready = 1;
	if ((rc = mbedtls_ctr_drbg_seed(&drbg, mbedtls_entropy_func, &entropy,
					(const unsigned char *)pers, sizeof pers - 1))) {
		tls_msg(err, errcap, "random generator", rc);
		goto fail;
	}
	rc = mbedtls_x509_crt_parse_file(&cacert, ca_file);
	if (rc < 0 || !cacert.version) {
		/* rc > 0: some certificates of a bundle did not parse; fine
		 * as long as one did */
		if (rc < 0)
			tls_msg(err, errcap, ca_file, rc);
		else
			snprintf(err, errcap, "%s: no usable CA certificate", ca_file);
		goto fail;
	}
	if ((rc = mbedtls_ssl_config_defaults(&conf, MBEDTLS_SSL_IS_CLIENT,
					      MBEDTLS_SSL_TRANSPORT_STREAM,
					      MBEDTLS_SSL_PRESET_DEFAULT))) {
		tls_msg(err, errcap, "TLS configuration", rc);
		goto fail;
	}
	mbedtls_ssl_conf_authmode(&conf, MBEDTLS_SSL_VERIFY_REQUIRED);
	mbedtls_ssl_conf_ca_chain(&conf, &cacert, NULL);
	mbedtls_ssl_conf_rng(&conf, mbedtls_ctr_drbg_random, &drbg);
	mbedtls_ssl_conf_min_version(&conf, MBEDTLS_SSL_MAJOR_VERSION_3, MBEDTLS_SSL_MINOR_VERSION_3);
	return 0;
fail:
	aw_tls_free();
	return -1;
}

static int bio_send(void *ctx, const unsigned char *p, size_t n)
{
	aw_tls *t = ctx;
	long r = aw_net_send(t->fd, p, n, t->io_ms);
	if (r >= 0)
		return (int)r;
	if (errno == ETIMEDOUT)
		t->timed_out = 1;
	return errno == EPIPE || errno == ECONNRESET ? MBEDTLS_ERR_NET_CONN_RESET
						     : MBEDTLS_ERR_NET_SEND_FAILED;
}

static int bio_recv(void *ctx, unsigned char *p, size_t n)
{
	aw_tls *t = ctx;
	long r = aw_net_recv(t->fd, p, n, t->io_ms);
	if (r >= 0)
		return (int)r;
	if (errno == ETIMEDOUT)
		t->timed_out = 1;
	return errno == ECONNRESET ? MBEDTLS_ERR_NET_CONN_RESET : MBEDTLS_ERR_NET_RECV_FAILED;
}

/*
 * Walk the leaf's extensions (DER) to subjectAltName and look for an
 * iPAddress ([7], 4 or 16 bytes) equal to the connected address: mbedTLS
 * 2.28 compares DNS names only and does not keep iPAddress entries.
 */
static int san_has_ip(const mbedtls_x509_crt *crt, const unsigned char *ip, int ip_len)
{
	static const unsigned char oid_san[] = {0x55, 0x1d, 0x11}; /* 2.5.29.17 */
	unsigned char *p = crt->v3_ext.p, *end = p + crt->v3_ext.len, *eend, *e;
	size_t len;
	int crit;

	if (!p || mbedtls_asn1_get_tag(&p, end, &len, MBEDTLS_ASN1_CONSTRUCTED | MBEDTLS_ASN1_SEQUENCE))
		return 0;
	end = p + len;
	while (p < end) {
		if (mbedtls_asn1_get_tag(&p, end, &len, MBEDTLS_ASN1_CONSTRUCTED | MBEDTLS_ASN1_SEQUENCE))
			return 0;
		eend = p + len;
		if (mbedtls_asn1_get_tag(&p, eend, &len, MBEDTLS_ASN1_OID))
			return 0;
		if (len != sizeof oid_san || memcmp(p, oid_san, len)) {
			p = eend;
			continue;
		}
		p += len;
		if (p < eend && *p == MBEDTLS_ASN1_BOOLEAN && mbedtls_asn1_get_bool(&p, eend, &crit))
			return 0;
		if (mbedtls_asn1_get_tag(&p, eend, &len, MBEDTLS_ASN1_OCTET_STRING) ||
		    mbedtls_asn1_get_tag(&p, eend, &len, MBEDTLS_ASN1_CONSTRUCTED | MBEDTLS_ASN1_SEQUENCE))
			return 0;
		e = p + len;
		while (p < e) {
			unsigned char tag = *p++;
			if (mbedtls_asn1_get_len(&p, e, &len))
				return 0;
			if (tag == (MBEDTLS_ASN1_CONTEXT_SPECIFIC | 7) && (int)len == ip_len &&
			    !memcmp(p, ip, len))
				return 1;
			p += len;
		}
		return 0;
	}
	return 0;
}

static int verify_ip(void *ctx, mbedtls_x509_crt *crt, int depth, uint32_t *flags)
{
	aw_tls *t = ctx;
	if (depth == 0 && t->ip_len && !san_has_ip(crt, t->ip, t->ip_len))
		*flags |= MBEDTLS_X509_BADCERT_CN_MISMATCH;
	return 0;
}

static void handshake_msg(aw_tls *t, const char *host, int rc, char *err, size_t cap)
{
	uint32_t fl = mbedtls_ssl_get_verify_result(&t->ssl);
	if (t->timed_out) {
		snprintf(err, cap, "%s: TLS handshake timed out", host);
	} else if (rc == MBEDTLS_ERR_X509_CERT_VERIFY_FAILED && fl) {
		const char *why = "certificate verification failed";
		if (fl & MBEDTLS_X509_BADCERT_NOT_TRUSTED)
			why = "certificate is not trusted (no CA of ca_file signed it)";
		else if (fl & MBEDTLS_X509_BADCERT_CN_MISMATCH)
			why = "certificate does not name this host";
		else if (fl & MBEDTLS_X509_BADCERT_EXPIRED)
			why = "certificate has expired";
		else if (fl & MBEDTLS_X509_BADCERT_FUTURE)
			why = "certificate is not valid yet (check the clock)";
		snprintf(err, cap, "%s: %s (flags 0x%x)", host, why, (unsigned)fl);
	} else {
		char what[300];
		snprintf(what, sizeof what, "%s: TLS handshake", host);
		tls_msg(err, cap, what, rc);
	}
}

aw_tls *aw_tls_open(const char *host, const char *port, int connect_ms, int io_ms, char *err,
		    size_t errcap)
{
	aw_tls *t;
	int rc;

	if (!ready) {
		snprintf(err, errcap, "TLS not initialised");
		return NULL;
	}
	t = calloc(1, sizeof *t);
	if (!t) {
		snprintf(err, errcap, "out of memory");
		return NULL;
	}
	t->io_ms = io_ms > 0 ? io_ms : 30000;
	if (inet_pton(AF_INET, host, t->ip) == 1)
		t->ip_len = 4;
	else if (inet_pton(AF_INET6, host, t->ip) == 1)
		t->ip_len = 16;
	mbedtls_ssl_init(&t->ssl);
	t->fd = aw_net_connect(host, port, connect_ms, err, errcap);
	if (t->fd < 0)
		goto fail;
	if ((rc = mbedtls_ssl_setup(&t->ssl, &conf))) {
		tls_msg(err, errcap, "TLS setup", rc);
		goto fail;
	}
	/* SNI and the name check for host names; IP literals have no SNI
	 * (RFC 6066) and are checked by verify_ip */
	if (!t->ip_len && (rc = mbedtls_ssl_set_hostname(&t->ssl, host))) {
		tls_msg(err, errcap, host, rc);
		goto fail;
	}
	mbedtls_ssl_set_verify(&t->ssl, verify_ip, t);
	mbedtls_ssl_set_bio(&t->ssl, t, bio_send, bio_recv, NULL);
	while ((rc = mbedtls_ssl_handshake(&t->ssl))) {
		if (rc != MBEDTLS_ERR_SSL_WANT_READ && rc != MBEDTLS_ERR_SSL_WANT_WRITE) {
			handshake_msg(t, host, rc, err, errcap);
			goto fail;
		}
	}
	/* belt and braces: REQUIRED already failed the handshake otherwise */
	if (mbedtls_ssl_get_verify_result(&t->ssl)) {
		handshake_msg(t, host, MBEDTLS_ERR_X509_CERT_VERIFY_FAILED, err, errcap);
		goto fail;
	}
	return t;
fail:
	mbedtls_ssl_free(&t->ssl);
	aw_net_close(t->fd);
	free(t);
	return NULL;
}

long aw_tls_read(aw_tls *t, void *p, size_t n, char *err, size_t errcap)
{
	for (;;) {
		int rc = mbedtls_ssl_read(&t->ssl, p, n);
		if (rc > 0)
			return rc;
		if (rc == 0 || rc == MBEDTLS_ERR_SSL_PEER_CLOSE_NOTIFY || rc == MBEDTLS_ERR_SSL_CONN_EOF)
			return 0;
		if (rc == MBEDTLS_ERR_SSL_WANT_READ || rc == MBEDTLS_ERR_SSL_WANT_WRITE)
			continue;
		if (t->timed_out)
			snprintf(err, errcap, "timed out after %d ms without data", t->io_ms);
		else if (rc == MBEDTLS_ERR_NET_CONN_RESET)
			snprintf(err, errcap, "connection reset by peer");
		else
			tls_msg(err, errcap, "TLS read", rc);
		return -1;
	}
}

int aw_tls_write(aw_tls *t, const void *p, size_t n, char *err, size_t errcap)
{
	const unsigned char *s = p;
	while (n) {
		int rc = mbedtls_ssl_write(&t->ssl, s, n);
		if (rc > 0) {
			s += rc;
			n -= (size_t)rc;
			continue;
		}
		if (rc == MBEDTLS_ERR_SSL_WANT_READ || rc == MBEDTLS_ERR_SSL_WANT_WRITE)
			continue;
		if (t->timed_out)
			snprintf(err, errcap, "timed out after %d ms writing", t->io_ms);
		else
			tls_msg(err, errcap, "TLS write", rc);
		return -1;
	}
	return 0;
}

void aw_tls_close(aw_tls *t)
{
	if (!t)
		return;
	t->io_ms = 1000;
	mbedtls_ssl_close_notify(&t->ssl);
	mbedtls_ssl_free(&t->ssl);
	aw_net_close(t->fd);
	free(t);
}
