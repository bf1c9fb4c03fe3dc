/*
 * aw_httpd.h - HTTP/1.1 server side, sans-I/O: a request parser fed in
 * chunks of any size (RFC 9112 message syntax, RFC 9110 semantics of the
 * few headers a static server needs) and a response head writer.
 *
 * The parser keeps the request line and the header section in a fixed
 * buffer inside its context (AW_HTTPD_HEAD_MAX bytes) with an index of at
 * most AW_HTTPD_HEADERS_MAX fields; a body announced by Content-Length is
 * counted and skipped (a static server reads none), up to
 * AW_HTTPD_BODY_MAX bytes. Whatever breaks a limit or the syntax ends the
 * request with an error and the HTTP status to answer with; the
 * connection must then be closed (the parser does not resynchronise).
 *
 * Usage per connection:
 *   aw_httpd_init(&h);
 *   loop: rc = aw_httpd_feed(&h, buf, n, &used);
 *         AW_HTTPD_MORE: read more;  AW_HTTPD_DONE: answer the request,
 *         then aw_httpd_reset(&h) and feed the rest (buf + used);
 *         rc < 0: answer h.status (400, 413, 414, 431, 501, 505), close.
 */
#ifndef AW_HTTPD_H
#define AW_HTTPD_H

#include "aw.h"

/* limits: AW_HTTPD_* in aw_opt.h */

enum { AW_HTTPD_MORE = 0, AW_HTTPD_DONE = 1 };

typedef struct aw_httpd_field {
	uint16_t name_off, name_len;  /* in head[] */
	uint16_t val_off, val_len;    /* trimmed of OWS */
} aw_httpd_field;

typedef struct aw_httpd {
	/* private state */
	int state;
	uint32_t line_start;          /* offset of the current line in head[] */
	uint32_t empty_lines;
	unsigned long long body_left;
	/* results, valid after AW_HTTPD_DONE */
	int status;                   /* HTTP status of an error, else 0 */
	int version;                  /* 10 or 11 */
	int keep_alive;               /* 1: the connection may carry another request */
	int head_only;                /* method HEAD */
	uint16_t method_off, method_len, target_off, target_len;
	unsigned long long content_length;
	uint32_t n_fields;
	aw_httpd_field field[AW_HTTPD_HEADERS_MAX];
	uint32_t head_len;
	char head[AW_HTTPD_HEAD_MAX];
} aw_httpd;

/* Prepare for the first request of a connection. */
void aw_httpd_init(aw_httpd *h);
/* Prepare for the next request on the same connection (after DONE). */
void aw_httpd_reset(aw_httpd *h);
/* 1 when no byte of a request has been seen since init/reset (an idle
 * connection: a timeout closes it silently instead of answering 408). */
int aw_httpd_idle(const aw_httpd *h);

/*
 * Feed n bytes. *used gets the bytes consumed: all of them for MORE, up to
 * the end of the request for DONE (the rest belongs to the next request).
 * Returns AW_HTTPD_MORE, AW_HTTPD_DONE, or a negative aw_err with
 * h->status set: AW_ERR_SYNTAX (400 malformed, 501 Transfer-Encoding,
 * 505 version), AW_ERR_TOOBIG (414 request line, 431 header section,
 * 413 body). Feeding after an error returns the same error.
 */
int aw_httpd_feed(aw_httpd *h, const char *p, size_t n, size_t *used);

/* Method / request target (not NUL-terminated) of a parsed request. */
const char *aw_httpd_method(const aw_httpd *h, size_t *len);
const char *aw_httpd_target(const aw_httpd *h, size_t *len);
/* Value of the first field named `name` (case-insensitive), or NULL. */
const char *aw_httpd_header(const aw_httpd *h, const char *name, size_t *len);

/*
 * 1 when an If-None-Match value (v[0..n)) matches the entity tag `etag`
 * (with its quotes, e.g. "\"3f2a\""): "*", or any listed tag equal by the
 * weak comparison (W/ prefixes ignored). 0 otherwise (also when malformed).
 */
int aw_httpd_etag_match(const char *v, size_t n, const char *etag);

/* Reason phrase of a status code ("Not Found"); "" for unknown codes. */
const char *aw_httpd_reason(int status);

/*
 * Write a response head into `out`: status line, Content-Type (if
 * non-NULL), Content-Length, ETag (if non-NULL), `extra` header lines (if
 * non-NULL; each ending in CRLF, trusted), Connection: keep-alive or
 * close, fixed hardening headers, and the empty line.
 * Returns AW_OK, AW_ERR_ARG (status out of 100..599, no sink), AW_ERR_FULL
 * (the fixed headers do not fit the writer's line buffer) or the sink's
 * error (out->err).
 */
int aw_httpd_response_head(int status, const char *content_type,
			   unsigned long long content_length, const char *etag,
			   const char *extra, int keep_alive, aw_sink *out);

#endif /* AW_HTTPD_H */
