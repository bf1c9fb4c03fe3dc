/*
 * aw_http.h - sans-I/O HTTP/1.1 client engine: request writer, streaming
 * response parser, URL split and redirect resolution, back-off.
 *
 * The caller owns the socket/TLS: it writes the bytes of
 * aw_http_write_request, then pushes every received byte, in chunks of
 * any size, into aw_http_feed, and calls aw_http_end when the peer closed
 * the connection (requests always say "Connection: close"). The body is
 * delivered through a callback, already de-chunked; the parser never
 * buffers it. Status line and header lines are kept in a fixed buffer of
 * AW_HTTP_LINE_MAX bytes: a longer line is AW_ERR_TOOBIG.
 *
 * Typical use:
 *
 *   aw_http_req rq = { "GET", "github.com", "/o/r/commits/main/README.md.atom" };
 *   rq.accept = "application/atom+xml"; rq.if_none_match = etag;
 *   aw_http_write_request(&rq, &out);           -> send out.p[0..out.len)
 *   aw_http_begin(&h, 0, on_body, NULL, user);
 *   while ((n = recv(...)) > 0) if ((r = aw_http_feed(&h, b, n))) break;
 *   if (!r) r = aw_http_end(&h);                -> h.status, h.etag, ...
 */
#ifndef AW_HTTP_H
#define AW_HTTP_H

#include "aw.h"

/*
 * Request. method (NULL: "GET"), host (as in the Host header: "name" or
 * "name:port") and path ("/..." with the query) are required; every other
 * field is optional (NULL: header not sent). token: sent as
 * "Authorization: Bearer <token>" only when non-NULL: the caller passes
 * it only for the API host. user_agent NULL: "awtrack/" AW_VERSION.
 * No field may contain CR, LF or other control bytes (header injection):
 * AW_ERR_ARG.
 */
typedef struct aw_http_req {
	const char *method;
	const char *host;
	const char *path;
	const char *accept;
	const char *if_none_match;      /* ETag exactly as received */
	const char *if_modified_since;  /* Last-Modified exactly as received */
	const char *token;
	const char *user_agent;
} aw_http_req;

/*
 * Append the request (request line, Host, User-Agent, Accept,
 * If-None-Match, If-Modified-Since, Authorization, Connection: close,
 * empty line) to `out`. Returns AW_OK, AW_ERR_ARG (missing host/path, a
 * path not starting with '/', a control byte or space in method/host/path,
 * a control byte in a value), or AW_ERR_FULL when `out` truncated (the
 * partial request must not be sent).
 */
int aw_http_write_request(const aw_http_req *rq, aw_buf *out);

/*
 * Body bytes, in order, de-chunked; a non-zero return stops the parse
 * (AW_ERR_ABORT) and is kept in ctx->cb_ret.
 */
typedef int (*aw_http_body_fn)(void *user, const char *p, size_t n);
/*
 * Optional: every header of the final response (name and value, value
 * trimmed; neither NUL-terminated), before the body starts. Non-zero
 * return: AW_ERR_ABORT.
 */
typedef int (*aw_http_header_fn)(void *user, const char *name, size_t nlen,
				 const char *value, size_t vlen);

/* Body framing chosen after the headers. */
enum {
	AW_HTTP_BODY_NONE,      /* HEAD, 1xx, 204, 304 */
	AW_HTTP_BODY_LENGTH,    /* Content-Length */
	AW_HTTP_BODY_CHUNKED,   /* Transfer-Encoding: ... chunked */
	AW_HTTP_BODY_CLOSE      /* read until the connection closes */
};

typedef struct aw_http_ctx {
	/* ---- results, valid once the headers are complete (aw_http_headers_done) ---- */
	int status;                     /* 100..599 of the final response */
	int minor;                      /* HTTP/1.<minor> */
	int body_mode;                  /* AW_HTTP_BODY_* */
	int64_t content_length;         /* -1: none */
	uint64_t body_bytes;            /* body bytes delivered so far */
	/* ETag and Last-Modified exactly as received (NUL-terminated, len 0:
	 * absent). A value longer than the buffer is dropped (left empty) and
	 * its *_toolong flag set: a cut validator would be wrong. */
	char etag[AW_HTTP_ETAG_MAX];
	char last_modified[AW_HTTP_DATE_MAX];
	int etag_toolong, last_modified_toolong;
	/* Content-Type (NUL-terminated; cut to fit with content_type_cut set)
	 * and Location (dropped when too long: location_toolong). */
	char content_type[AW_HTTP_CTYPE_MAX];
	int content_type_cut;
	char location[AW_HTTP_URL_MAX];
	int location_toolong;
	/* Retry-After: delay seconds (-1: none or a date) or the date as Unix
	 * time (AW_HTTP_NONE: none or a delay); Cache-Control max-age (-1);
	 * X-RateLimit-Remaining (-1) and X-RateLimit-Reset (Unix time, -1).
	 * Unparsable values are ignored (stay "none"). */
	int64_t retry_after;
	int64_t retry_after_at;
	int64_t max_age;
	int64_t ratelimit_remaining;
	int64_t ratelimit_reset;
	int cb_ret;                     /* callback's non-zero return */

	/* ---- private ---- */
	aw_http_body_fn on_body;
	aw_http_header_fn on_header;
	void *user;
	int head;                       /* the request was HEAD */
	int st;                         /* parser state */
	int err;                        /* sticky result */
	int te_seen, cl_seen;
	uint64_t remain;                /* of the body / current chunk */
	size_t hdr_total;               /* bytes of the header section */
	size_t len;                     /* bytes in line */
	char line[AW_HTTP_LINE_MAX + 1];   /* + the CR */
} aw_http_ctx;

#define AW_HTTP_NONE INT64_MIN

/*
 * Start parsing one response. head: the request was HEAD (no body).
 * on_body must not be NULL; on_header may be.
 */
void aw_http_begin(aw_http_ctx *c, int head, aw_http_body_fn on_body,
		   aw_http_header_fn on_header, void *user);
/*
 * Feed received bytes. Returns AW_OK; AW_ERR_SYNTAX on malformed input
 * (status line, header syntax, obsolete line folding, bad or conflicting
 * Content-Length, bad chunk size, bytes after a complete message);
 * AW_ERR_TOOBIG when a status, header, chunk-size or trailer line exceeds
 * AW_HTTP_LINE_MAX or the header section AW_HTTP_HEADERS_MAX;
 * AW_ERR_ABORT when a callback stopped it. Errors are sticky.
 */
int aw_http_feed(aw_http_ctx *c, const char *p, size_t n);
/*
 * The connection closed. AW_OK when a complete response was parsed (for
 * read-until-close bodies, whatever arrived); AW_ERR_SYNTAX when it was
 * cut short (inside the status line or headers, before the declared
 * Content-Length, inside a chunked body or its trailers); or the sticky
 * error.
 */
int aw_http_end(aw_http_ctx *c);
/* Non-zero once the header section of the final response is complete. */
int aw_http_headers_done(const aw_http_ctx *c);
/* Non-zero once the message is complete without needing the close
 * (Content-Length reached, last chunk and trailers read, or no body). */
int aw_http_complete(const aw_http_ctx *c);

/*
 * URL split: "scheme://host[:port]/path?query#frag". Fields point into
 * the caller's string (not NUL-terminated). port is 0 when absent; the
 * path starts at the first '/', '?' or '#' after the authority ("" when
 * none: request "/"); the fragment is excluded from path_len. Only
 * http and https are accepted (case-insensitive; is_https says which),
 * userinfo ('@') is refused. Returns AW_OK or AW_ERR_SYNTAX.
 */
typedef struct aw_url {
	int is_https;
	const char *host;
	size_t host_len;
	unsigned port;                   /* 0: absent */
	const char *path;
	size_t path_len;
} aw_url;
int aw_url_split(const char *url, size_t len, aw_url *u);

/*
 * Resolve a Location value (absolute, "//host/...", "/path", "rel/path",
 * "?query") against the URL of the request that answered it (RFC 3986
 * 5.2, dot segments removed, the fragment dropped) and append the
 * absolute URL to `out`. The caller decides whether the result (its
 * scheme, its host) is acceptable. Returns AW_OK, AW_ERR_SYNTAX (base
 * not an absolute http(s) URL, result not http(s) or not one that
 * aw_url_split accepts: userinfo, an empty host, a bad port), AW_ERR_FULL
 * (out).
 */
int aw_http_resolve(const char *base, size_t blen, const char *loc, size_t llen,
		    aw_buf *out);

/*
 * Non-zero when the response's media type (Content-Type without its
 * parameters, any case) is one of the NUL-separated, double-NUL-ended
 * list `types`, e.g. AW_HTTP_FEED_TYPES. GitHub has answered .atom URLs
 * with JSON (network notes): check before handing a body to aw_feed.
 */
#define AW_HTTP_FEED_TYPES "application/atom+xml\0application/rss+xml\0" \
	"application/xml\0text/xml\0application/rdf+xml\0"
int aw_http_type_is(const aw_http_ctx *c, const char *types);

/* Non-zero for the redirect statuses 301, 302, 303, 307, 308. */
int aw_http_is_redirect(int status);
/*
 * One redirect step: when c->status is a redirect, check *count against
 * max (the count of redirects already followed), resolve c->location
 * against base into `out`, and increment *count. Returns AW_OK (out holds
 * the next URL), AW_ERR_NOTFOUND (not a redirect: nothing to do),
 * AW_ERR_FULL (*count already reached max: a loop or too long a chain),
 * AW_ERR_SYNTAX (no or an overlong Location, or an unusable one), or
 * aw_http_resolve's AW_ERR_FULL when `out` is too small (check
 * out->truncated to tell the two apart).
 */
int aw_http_redirect(const aw_http_ctx *c, const char *base, size_t blen,
		     unsigned *count, unsigned max, aw_buf *out);

/*
 * Seconds to wait before asking this source again after response `c`
 * seen at `now`, given `failures` consecutive failed attempts before this
 * one (0 for the first):
 *  - 429 or 503 with Retry-After: that delay, or the date minus now (at
 *    least 0), but at least the exponential delay below when failures > 0;
 *  - 429 without Retry-After, 5xx: base << failures, capped at cap;
 *  - any status with X-RateLimit-Remaining: 0 and a later Reset: until then;
 *  - otherwise (success, 304, other 4xx): Cache-Control max-age, or 0.
 * The result never exceeds max(cap, the server's own Retry-After/Reset
 * bound by AW_HTTP_WAIT_MAX).
 */
int64_t aw_http_backoff(const aw_http_ctx *c, int64_t now, unsigned failures,
			int64_t base, int64_t cap);

#endif /* AW_HTTP_H */
