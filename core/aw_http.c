/*
 * aw_http.c - HTTP/1.1 client engine without I/O: writes GET/HEAD
 * requests into a caller buffer and parses responses byte by byte
 * (status line, headers, Content-Length / chunked / until-close bodies,
 * trailers skipped), resolves redirect targets and computes back-off.
 *
 * Deliberately not here: sockets, TLS, timeouts and clocks (the port's),
 * request bodies, keep-alive and pipelining (every request says
 * "Connection: close"), content codings (no Accept-Encoding is sent),
 * obsolete header folding (refused), and any policy about which
 * redirects to follow (the caller checks scheme and host).
 */
#include "aw_http.h"
#include "aw_time.h"

#include <string.h>

enum {
	ST_STATUS, ST_HEADER, ST_BODY_LEN, ST_CHUNK_SIZE, ST_CHUNK_DATA,
	ST_CHUNK_CR, ST_CHUNK_LF, ST_TRAILER, ST_CLOSE, ST_DONE
};

#define MAXNUM ((uint64_t)1 << 62)

static int lower(int c)
{
	return AW_IS_UPPER(c) ? c | 0x20 : c;
}

/* case-insensitive equality of s[0..n) and the lower-case literal w */
static int ieq(const char *s, size_t n, const char *w)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!w[i] || lower(s[i]) != w[i])
			return 0;
	return w[n] == 0;
}

/* ---- request writer ---- */

/* bytes a header value may hold: visible ASCII, space, tab, obs-text */
static int value_ok(const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if ((c < 0x20 && c != '\t') || c == 0x7f)
			return 0;
	}
	return 1;
}

/* method, host and path: no control bytes and no space */
static int token_ok(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c <= 0x20 || c == 0x7f)
			return 0;
	}
	return 1;
}

static void header(aw_buf *out, const char *name, const char *value)
{
	aw_buf_puts(out, name);
	aw_buf_puts(out, ": ");
	aw_buf_puts(out, value);
	aw_buf_puts(out, "\r\n");
}

int aw_http_write_request(const aw_http_req *rq, aw_buf *out)
{
	const char *method = rq->method ? rq->method : "GET";
	const char *opt[5];
	size_t i;

	if (!rq->host || !rq->path || rq->path[0] != '/' || !token_ok(method) ||
	    !token_ok(rq->host) || !token_ok(rq->path))
		return AW_ERR_ARG;
	opt[0] = rq->accept;
	opt[1] = rq->if_none_match;
	opt[2] = rq->if_modified_since;
	opt[3] = rq->token;
	opt[4] = rq->user_agent;
	for (i = 0; i < 5; i++)
		if (opt[i] && !value_ok(opt[i]))
			return AW_ERR_ARG;
	aw_buf_puts(out, method);
	aw_buf_putc(out, ' ');
	aw_buf_puts(out, rq->path);
	aw_buf_puts(out, " HTTP/1.1\r\n");
	header(out, "Host", rq->host);
	header(out, "User-Agent", rq->user_agent ? rq->user_agent : "awtrack/" AW_VERSION);
	if (rq->accept)
		header(out, "Accept", rq->accept);
	if (rq->if_none_match)
		header(out, "If-None-Match", rq->if_none_match);
	if (rq->if_modified_since)
		header(out, "If-Modified-Since", rq->if_modified_since);
	if (rq->token) {
		aw_buf_puts(out, "Authorization: Bearer ");
		aw_buf_puts(out, rq->token);
		aw_buf_puts(out, "\r\n");
	}
	aw_buf_puts(out, "Connection: close\r\n\r\n");
	return out->truncated ? AW_ERR_FULL : AW_OK;
}

/* ---- response parser ---- */

static void reset_fields(aw_http_ctx *c)
{
	c->status = 0;
	c->minor = 0;
	c->body_mode = AW_HTTP_BODY_NONE;
	c->content_length = -1;
	c->body_bytes = 0;
	c->etag[0] = 0;
	c->last_modified[0] = 0;
	c->etag_toolong = c->last_modified_toolong = 0;
	c->content_type[0] = 0;
	c->content_type_cut = 0;
	c->location[0] = 0;
	c->location_toolong = 0;
	c->retry_after = -1;
	c->retry_after_at = AW_HTTP_NONE;
	c->max_age = -1;
	c->ratelimit_remaining = -1;
	c->ratelimit_reset = -1;
	c->te_seen = c->cl_seen = 0;
}

void aw_http_begin(aw_http_ctx *c, int head, aw_http_body_fn on_body,
		   aw_http_header_fn on_header, void *user)
{
	reset_fields(c);
	c->cb_ret = 0;
	c->on_body = on_body;
	c->on_header = on_header;
	c->user = user;
	c->head = head;
	c->st = ST_STATUS;
	c->err = AW_OK;
	c->remain = 0;
	c->hdr_total = 0;
	c->len = 0;
}

/* all of s[0..n) decimal digits, value <= 2^62 */
static int number(const char *s, size_t n, uint64_t *v)
{
	size_t i;

	*v = 0;
	if (!n)
		return 0;
	for (i = 0; i < n; i++) {
		if (!AW_IS_DIGIT(s[i]) || *v > MAXNUM / 10)
			return 0;
		*v = *v * 10 + (uint64_t)(s[i] - '0');
	}
	return *v <= MAXNUM;
}

static int status_line(aw_http_ctx *c, const char *s, size_t n)
{
	size_t i;

	/* "HTTP/1.x SP ddd [SP reason]" */
	if (n < 12 || memcmp(s, "HTTP/1.", 7) || !AW_IS_DIGIT(s[7]) || s[8] != ' ' ||
	    !AW_IS_DIGIT(s[9]) || !AW_IS_DIGIT(s[10]) || !AW_IS_DIGIT(s[11]))
		return AW_ERR_SYNTAX;
	if (n > 12 && s[12] != ' ')
		return AW_ERR_SYNTAX;
	for (i = 12; i < n; i++)
		if (((unsigned char)s[i] < 0x20 && s[i] != '\t') || s[i] == 0x7f)
			return AW_ERR_SYNTAX;
	c->minor = s[7] - '0';
	c->status = (s[9] - '0') * 100 + (s[10] - '0') * 10 + (s[11] - '0');
	if (c->status < 100 || c->status > 599)
		return AW_ERR_SYNTAX;
	return AW_OK;
}

static int tchar(unsigned char ch)
{
	return AW_IS_ALNUM(ch) || (ch && strchr("!#$%&'*+-.^_`|~", ch));
}

/* copy a value into a fixed field; 1 when it fit */
static int keep(char *dst, size_t cap, const char *v, size_t n)
{
	if (n >= cap) {
		dst[0] = 0;
		return 0;
	}
	memcpy(dst, v, n);
	dst[n] = 0;
	return 1;
}

/* "max-age=N" among the comma-separated Cache-Control directives */
static void cache_control(aw_http_ctx *c, const char *v, size_t n)
{
	size_t i = 0;

	while (i < n) {
		size_t e = i, a, b;
		uint64_t x;
		while (e < n && v[e] != ',')
			e++;
		a = i;
		b = e;
		while (a < b && (v[a] == ' ' || v[a] == '\t'))
			a++;
		while (b > a && (v[b - 1] == ' ' || v[b - 1] == '\t'))
			b--;
		if (b - a > 8 && ieq(v + a, 8, "max-age=")) {
			a += 8;
			if (a < b && v[a] == '"' && b - a >= 2 && v[b - 1] == '"') {
				a++;
				b--;
			}
			if (number(v + a, b - a, &x))
				c->max_age = (int64_t)x;
		}
		i = e + 1;
	}
}

/* Transfer-Encoding: chunked when the last coding is "chunked" */
static void transfer_encoding(aw_http_ctx *c, const char *v, size_t n)
{
	size_t a = n, b = n;

	while (b > 0 && (v[b - 1] == ' ' || v[b - 1] == '\t' || v[b - 1] == ','))
		b--;
	a = b;
	while (a > 0 && v[a - 1] != ',' && v[a - 1] != ' ' && v[a - 1] != '\t')
		a--;
	c->te_seen = 1;
	c->body_mode = ieq(v + a, b - a, "chunked") ? AW_HTTP_BODY_CHUNKED : AW_HTTP_BODY_CLOSE;
}

static int header_line(aw_http_ctx *c, const char *s, size_t n)
{
	size_t k = 0, a, b, i;
	const char *v;
	uint64_t x;

	if (s[0] == ' ' || s[0] == '\t')
		return AW_ERR_SYNTAX;        /* obsolete line folding */
	while (k < n && tchar((unsigned char)s[k]))
		k++;
	if (k == 0 || k >= n || s[k] != ':')
		return AW_ERR_SYNTAX;
	a = k + 1;
	b = n;
	while (a < b && (s[a] == ' ' || s[a] == '\t'))
		a++;
	while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t'))
		b--;
	for (i = a; i < b; i++)
		if (((unsigned char)s[i] < 0x20 && s[i] != '\t') || s[i] == 0x7f)
			return AW_ERR_SYNTAX;
	v = s + a;
	n = b - a;
	if (ieq(s, k, "content-length")) {
		if (!number(v, n, &x))
			return AW_ERR_SYNTAX;
		if (c->cl_seen && (uint64_t)c->content_length != x)
			return AW_ERR_SYNTAX;
		c->cl_seen = 1;
		c->content_length = (int64_t)x;
	} else if (ieq(s, k, "transfer-encoding")) {
		transfer_encoding(c, v, n);
	} else if (ieq(s, k, "etag")) {
		c->etag_toolong = !keep(c->etag, sizeof c->etag, v, n);
	} else if (ieq(s, k, "last-modified")) {
		c->last_modified_toolong = !keep(c->last_modified, sizeof c->last_modified, v, n);
	} else if (ieq(s, k, "content-type")) {
		size_t m = n < sizeof c->content_type ? n : sizeof c->content_type - 1;
		memcpy(c->content_type, v, m);
		c->content_type[m] = 0;
		c->content_type_cut = m < n;
	} else if (ieq(s, k, "location")) {
		c->location_toolong = !keep(c->location, sizeof c->location, v, n);
	} else if (ieq(s, k, "retry-after")) {
		int64_t t;
		if (number(v, n, &x)) {
			c->retry_after = (int64_t)x;
			c->retry_after_at = AW_HTTP_NONE;
		} else if (aw_time_parse_rfc822(v, n, &t) == AW_OK) {
			c->retry_after_at = t;
			c->retry_after = -1;
		}
	} else if (ieq(s, k, "cache-control")) {
		cache_control(c, v, n);
	} else if (ieq(s, k, "x-ratelimit-remaining")) {
		if (number(v, n, &x))
			c->ratelimit_remaining = (int64_t)x;
	} else if (ieq(s, k, "x-ratelimit-reset")) {
		if (number(v, n, &x))
			c->ratelimit_reset = (int64_t)x;
	}
	if (c->on_header && c->status >= 200 &&
	    (c->cb_ret = c->on_header(c->user, s, k, v, n)) != 0)
		return AW_ERR_ABORT;
	return AW_OK;
}

/* the empty line after the headers: choose the body framing */
static int headers_end(aw_http_ctx *c)
{
	if (c->status < 200) {
		if (c->status == 101)
			return AW_ERR_SYNTAX;       /* never asked to switch protocols */
		reset_fields(c);                /* interim response: the real one follows */
		c->st = ST_STATUS;
		return AW_OK;
	}
	if (c->head || c->status == 204 || c->status == 304) {
		c->body_mode = AW_HTTP_BODY_NONE;
		c->st = ST_DONE;
	} else if (c->te_seen) {
		c->st = c->body_mode == AW_HTTP_BODY_CHUNKED ? ST_CHUNK_SIZE : ST_CLOSE;
	} else if (c->cl_seen) {
		c->body_mode = AW_HTTP_BODY_LENGTH;
		c->remain = (uint64_t)c->content_length;
		c->st = c->remain ? ST_BODY_LEN : ST_DONE;
	} else {
		c->body_mode = AW_HTTP_BODY_CLOSE;
		c->st = ST_CLOSE;
	}
	return AW_OK;
}

static int chunk_size(aw_http_ctx *c, const char *s, size_t n)
{
	size_t i = 0;
	uint64_t v = 0;

	while (i < n) {
		unsigned char ch = (unsigned char)s[i];
		unsigned d;
		if (AW_IS_DIGIT(ch))
			d = ch - '0';
		else if ((ch | 0x20) >= 'a' && (ch | 0x20) <= 'f')
			d = (ch | 0x20) - 'a' + 10;
		else
			break;
		if (v > (MAXNUM >> 4))
			return AW_ERR_SYNTAX;
		v = v << 4 | d;
		i++;
	}
	if (i == 0)
		return AW_ERR_SYNTAX;
	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	if (i < n && s[i] != ';')
		return AW_ERR_SYNTAX;        /* chunk extensions after ';' are skipped */
	c->remain = v;
	c->st = v ? ST_CHUNK_DATA : ST_TRAILER;
	return AW_OK;
}

/* a complete line (CR stripped) in c->line[0..c->len) */
static int line_done(aw_http_ctx *c)
{
	const char *s = c->line;
	size_t n = c->len, i;

	for (i = 0; i < n; i++)
		if (s[i] == '\r' || s[i] == 0)
			return AW_ERR_SYNTAX;        /* bare CR or NUL inside a line */
	switch (c->st) {
	case ST_STATUS:
		return status_line(c, s, n);
	case ST_HEADER:
		if (!n)
			return headers_end(c);
		return header_line(c, s, n);
	case ST_CHUNK_SIZE:
		return chunk_size(c, s, n);
	default: /* ST_TRAILER */
		if (!n) {
			c->st = ST_DONE;
			return AW_OK;
		}
		return AW_OK;                    /* trailer fields are skipped */
	}
}

static int body(aw_http_ctx *c, const char *p, size_t n)
{
	if (!n)
		return AW_OK;
	c->body_bytes += n;
	if ((c->cb_ret = c->on_body(c->user, p, n)) != 0)
		return AW_ERR_ABORT;
	return AW_OK;
}

int aw_http_feed(aw_http_ctx *c, const char *p, size_t n)
{
	size_t i = 0;

	while (i < n && c->err == AW_OK) {
		switch (c->st) {
		case ST_BODY_LEN:
		case ST_CHUNK_DATA: {
			size_t k = n - i;
			if ((uint64_t)k > c->remain)
				k = (size_t)c->remain;
			c->err = body(c, p + i, k);
			i += k;
			c->remain -= k;
			if (!c->remain)
				c->st = c->st == ST_BODY_LEN ? ST_DONE : ST_CHUNK_CR;
			break;
		}
		case ST_CLOSE:
			c->err = body(c, p + i, n - i);
			i = n;
			break;
		case ST_CHUNK_CR:
			if (p[i] == '\r')
				c->st = ST_CHUNK_LF;
			else if (p[i] == '\n')
				c->st = ST_CHUNK_SIZE;
			else
				c->err = AW_ERR_SYNTAX;
			i++;
			break;
		case ST_CHUNK_LF:
			if (p[i] == '\n')
				c->st = ST_CHUNK_SIZE;
			else
				c->err = AW_ERR_SYNTAX;
			i++;
			break;
		case ST_DONE:
			c->err = AW_ERR_SYNTAX;      /* bytes after a complete message */
			break;
		default: {
			/* line states: status, header, chunk size, trailer */
			const char *nl = memchr(p + i, '\n', n - i);
			size_t end = nl ? (size_t)(nl - p) : n, take = end - i;
			if (take > sizeof c->line - c->len) {
				c->err = AW_ERR_TOOBIG;
				break;
			}
			memcpy(c->line + c->len, p + i, take);
			c->len += take;
			if (c->st == ST_STATUS || c->st == ST_HEADER) {
				c->hdr_total += take + (nl != NULL);
				if (c->hdr_total > AW_HTTP_HEADERS_MAX) {
					c->err = AW_ERR_TOOBIG;
					break;
				}
			}
			i = end;
			if (!nl)
				break;
			i++;
			if (c->len && c->line[c->len - 1] == '\r')
				c->len--;
			if (c->len > AW_HTTP_LINE_MAX) {
				c->err = AW_ERR_TOOBIG;
				break;
			}
			c->err = line_done(c);
			c->len = 0;
			if (c->err == AW_OK && c->st == ST_STATUS)
				c->st = c->status ? ST_HEADER : ST_STATUS;
			break;
		}
		}
	}
	return c->err;
}

int aw_http_end(aw_http_ctx *c)
{
	if (c->err != AW_OK)
		return c->err;
	if (c->st == ST_CLOSE)
		c->st = ST_DONE;
	if (c->st != ST_DONE)
		c->err = AW_ERR_SYNTAX;          /* cut short */
	return c->err;
}

int aw_http_headers_done(const aw_http_ctx *c)
{
	return c->st != ST_STATUS && c->st != ST_HEADER;
}

int aw_http_complete(const aw_http_ctx *c)
{
	return c->st == ST_DONE;
}

/* ---- URLs ---- */

/* length of a scheme "alpha *(alpha / digit / + - .)" followed by ':' at s, or 0 */
static size_t scheme_len(const char *s, size_t n)
{
	size_t i = 0;

	if (!n || !AW_IS_ALPHA(s[0]))
		return 0;
	while (i < n && (AW_IS_ALNUM(s[i]) || s[i] == '+' || s[i] == '-' || s[i] == '.'))
		i++;
	return i < n && s[i] == ':' ? i : 0;
}

static int url_bytes_ok(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] <= 0x20 || s[i] == 0x7f)
			return 0;
	return 1;
}

int aw_url_split(const char *url, size_t len, aw_url *u)
{
	size_t sl = scheme_len(url, len), i, a, e, colon = 0;
	int bracket = 0;

	if (!url_bytes_ok(url, len))
		return AW_ERR_SYNTAX;
	if (sl == 5 && ieq(url, 5, "https"))
		u->is_https = 1;
	else if (sl == 4 && ieq(url, 4, "http"))
		u->is_https = 0;
	else
		return AW_ERR_SYNTAX;
	if (len < sl + 3 || url[sl + 1] != '/' || url[sl + 2] != '/')
		return AW_ERR_SYNTAX;
	a = sl + 3;
	for (e = a; e < len && url[e] != '/' && url[e] != '?' && url[e] != '#'; e++) {
		if (url[e] == '@')
			return AW_ERR_SYNTAX;
		if (url[e] == '[')
			bracket = 1;
		else if (url[e] == ']')
			bracket = 0;
		else if (url[e] == ':' && !bracket)
			colon = e;
	}
	u->host = url + a;
	u->host_len = (colon ? colon : e) - a;
	u->port = 0;
	if (colon) {
		unsigned long port = 0;
		if (colon + 1 == e)
			return AW_ERR_SYNTAX;
		for (i = colon + 1; i < e; i++) {
			if (!AW_IS_DIGIT(url[i]) || port > 65535)
				return AW_ERR_SYNTAX;
			port = port * 10 + (unsigned long)(url[i] - '0');
		}
		if (port == 0 || port > 65535)
			return AW_ERR_SYNTAX;
		u->port = (unsigned)port;
	}
	if (!u->host_len)
		return AW_ERR_SYNTAX;
	u->path = url + e;
	for (i = e; i < len && url[i] != '#'; i++)
		;
	u->path_len = i - e;
	return AW_OK;
}

/* parts of a reference: [scheme:][//authority]path[?query][#fragment] */
typedef struct ref {
	const char *s;
	size_t scheme, auth_at, auth_len, path_at, path_len, query_at, query_len;
	int has_auth, has_query;
} ref;

static void split_ref(const char *s, size_t n, ref *r)
{
	size_t i = scheme_len(s, n), e;

	r->s = s;
	r->scheme = i;
	if (i)
		i++;                             /* ':' */
	r->has_auth = n - i >= 2 && s[i] == '/' && s[i + 1] == '/';
	if (r->has_auth) {
		i += 2;
		for (e = i; e < n && s[e] != '/' && s[e] != '?' && s[e] != '#'; e++)
			;
		r->auth_at = i;
		r->auth_len = e - i;
		i = e;
	}
	for (e = i; e < n && s[e] != '?' && s[e] != '#'; e++)
		;
	r->path_at = i;
	r->path_len = e - i;
	i = e;
	r->has_query = i < n && s[i] == '?';
	if (r->has_query) {
		i++;
		for (e = i; e < n && s[e] != '#'; e++)
			;
		r->query_at = i;
		r->query_len = e - i;
	}
}

/* RFC 3986 5.2.4 in place on out->p[start..out->len) (a path from '/') */
static void remove_dots(aw_buf *out, size_t start)
{
	char *q = out->p;
	size_t r = start, w = start, end = out->len;

	while (r < end) {
		size_t e = r + 1, sl;
		while (e < end && q[e] != '/')
			e++;
		sl = e - r - 1;                  /* segment q[r+1..e) */
		if (sl == 1 && q[r + 1] == '.') {
			r = e;
			if (r == end)
				q[w++] = '/';
		} else if (sl == 2 && q[r + 1] == '.' && q[r + 2] == '.') {
			if (w > start) {
				w--;
				while (w > start && q[w] != '/')
					w--;
			}
			r = e;
			if (r == end)
				q[w++] = '/';
		} else {
			memmove(q + w, q + r, e - r);
			w += e - r;
			r = e;
		}
	}
	out->len = w;
}

int aw_http_resolve(const char *base, size_t blen, const char *loc, size_t llen,
		    aw_buf *out)
{
	ref b, r;
	const ref *sch, *auth;
	size_t pstart, start = out->len;
	aw_url u;

	if (!url_bytes_ok(base, blen) || !url_bytes_ok(loc, llen))
		return AW_ERR_SYNTAX;
	split_ref(base, blen, &b);
	split_ref(loc, llen, &r);
	if (!b.scheme || !b.has_auth)
		return AW_ERR_SYNTAX;
	sch = r.scheme ? &r : &b;
	auth = r.scheme || r.has_auth ? &r : &b;
	if (!auth->has_auth || !auth->auth_len)
		return AW_ERR_SYNTAX;
	if (!((sch->scheme == 5 && ieq(sch->s, 5, "https")) ||
	      (sch->scheme == 4 && ieq(sch->s, 4, "http"))))
		return AW_ERR_SYNTAX;
	/* scheme in lower case, authority as given */
	{
		size_t i;
		for (i = 0; i < sch->scheme; i++)
			aw_buf_putc(out, (char)lower(sch->s[i]));
	}
	aw_buf_puts(out, "://");
	aw_buf_put(out, auth->s + auth->auth_at, auth->auth_len);
	pstart = out->len;
	if (auth == &r) {
		aw_buf_put(out, r.s + r.path_at, r.path_len);
	} else if (!r.path_len) {
		aw_buf_put(out, b.s + b.path_at, b.path_len);
	} else if (r.s[r.path_at] == '/') {
		aw_buf_put(out, r.s + r.path_at, r.path_len);
	} else {
		/* merge: base path up to its last '/', or "/" */
		size_t k = b.path_len;
		while (k > 0 && b.s[b.path_at + k - 1] != '/')
			k--;
		if (!k)
			aw_buf_putc(out, '/');
		else
			aw_buf_put(out, b.s + b.path_at, k);
		aw_buf_put(out, r.s + r.path_at, r.path_len);
	}
	if (out->truncated)
		return AW_ERR_FULL;
	if (out->len > pstart && out->p[pstart] == '/')
		remove_dots(out, pstart);
	if (r.has_query) {
		aw_buf_putc(out, '?');
		aw_buf_put(out, r.s + r.query_at, r.query_len);
	} else if (auth == &b && !r.path_len && b.has_query) {
		aw_buf_putc(out, '?');
		aw_buf_put(out, b.s + b.query_at, b.query_len);
	}
	if (out->truncated)
		return AW_ERR_FULL;
	/* a URL the request side can use: no userinfo, a host, a valid port */
	return aw_url_split(out->p + start, out->len - start, &u) ? AW_ERR_SYNTAX : AW_OK;
}

int aw_http_type_is(const aw_http_ctx *c, const char *types)
{
	const char *t = c->content_type;
	size_t n = 0;

	while (t[n] && t[n] != ';')
		n++;
	while (n && (t[n - 1] == ' ' || t[n - 1] == '\t'))
		n--;
	if (!n || c->content_type_cut)
		return 0;
	for (; *types; types += strlen(types) + 1)
		if (ieq(t, n, types))
			return 1;
	return 0;
}

int aw_http_is_redirect(int status)
{
	return status == 301 || status == 302 || status == 303 || status == 307 ||
	       status == 308;
}

int aw_http_redirect(const aw_http_ctx *c, const char *base, size_t blen,
		     unsigned *count, unsigned max, aw_buf *out)
{
	int r;

	if (!aw_http_is_redirect(c->status))
		return AW_ERR_NOTFOUND;
	if (*count >= max)
		return AW_ERR_FULL;
	if (c->location_toolong || !c->location[0])
		return AW_ERR_SYNTAX;
	r = aw_http_resolve(base, blen, c->location, strlen(c->location), out);
	if (r == AW_OK)
		(*count)++;
	return r;
}

/* ---- back-off ---- */

int64_t aw_http_backoff(const aw_http_ctx *c, int64_t now, unsigned failures,
			int64_t base, int64_t cap)
{
	int64_t expo = base > 0 ? base : 1, d;
	unsigned i;

	for (i = 0; i < failures && expo < cap; i++)
		expo *= 2;
	if (expo > cap)
		expo = cap;
	if (expo < 0)
		expo = 0;
	if ((c->status == 429 || c->status == 503) &&
	    (c->retry_after >= 0 || c->retry_after_at != AW_HTTP_NONE)) {
		if (c->retry_after >= 0)
			d = c->retry_after;
		else
			d = c->retry_after_at > now ? c->retry_after_at - now : 0;
		if (d > AW_HTTP_WAIT_MAX)
			d = AW_HTTP_WAIT_MAX;
		if (failures > 0 && d < expo)
			d = expo;
	} else if (c->status == 429 || c->status >= 500) {
		d = expo;
	} else {
		d = c->max_age >= 0 ? c->max_age : 0;
		if (d > AW_HTTP_WAIT_MAX)
			d = AW_HTTP_WAIT_MAX;
	}
	if (c->ratelimit_remaining == 0 && c->ratelimit_reset > now) {
		int64_t w = c->ratelimit_reset - now;
		if (w > AW_HTTP_WAIT_MAX)
			w = AW_HTTP_WAIT_MAX;
		if (w > d)
			d = w;
	}
	return d;
}
