/*
 * aw_httpd.c - HTTP/1.1 request parser and response head writer for a
 * small static server (RFC 9112 / 9110), fed in chunks of any size.
 *
 * Strict on purpose: one SP between the request-line parts, no whitespace
 * before a field's colon, no obs-fold, no control bytes in values, exactly
 * one Host in HTTP/1.1, one Content-Length value, no Transfer-Encoding
 * (501: a static server takes no request body it would have to de-chunk);
 * bare LF line ends are accepted, a bare CR is not. Bodies are skipped,
 * never stored. Not done here: chunked bodies, trailers, absolute-form
 * authority checks, pipelining policy (the caller decides).
 */
#include "aw_httpd.h"

#include <string.h>

enum { ST_LINE = 0, ST_HEADERS, ST_BODY, ST_DONE, ST_ERR };

void aw_httpd_reset(aw_httpd *h)
{
	h->state = ST_LINE;
	h->line_start = 0;
	h->empty_lines = 0;
	h->body_left = 0;
	h->status = 0;
	h->version = 0;
	h->keep_alive = 0;
	h->head_only = 0;
	h->method_off = h->method_len = h->target_off = h->target_len = 0;
	h->content_length = 0;
	h->n_fields = 0;
	h->head_len = 0;
}

void aw_httpd_init(aw_httpd *h)
{
	aw_httpd_reset(h);
}

int aw_httpd_idle(const aw_httpd *h)
{
	return h->state == ST_LINE && h->head_len == 0 && h->empty_lines == 0;
}

static int tchar(unsigned char c)
{
	return AW_IS_ALNUM(c) || (c && strchr("!#$%&'*+-.^_`|~", c) != NULL);
}

static int fail(aw_httpd *h, int status, int err)
{
	h->state = ST_ERR;
	h->status = status;
	h->keep_alive = 0;
	return err;
}

static int lower_eq(const char *a, size_t n, const char *lit)
{
	size_t i;
	if (strlen(lit) != n)
		return 0;
	for (i = 0; i < n; i++) {
		char c = a[i], d = lit[i];
		if (c >= 'A' && c <= 'Z')
			c = (char)(c + 32);
		if (d >= 'A' && d <= 'Z')
			d = (char)(d + 32);
		if (c != d)
			return 0;
	}
	return 1;
}

static int request_line(aw_httpd *h, uint32_t s, uint32_t e)
{
	const char *p = h->head;
	uint32_t i = s, m0, t0;

	for (m0 = i; i < e && tchar((unsigned char)p[i]); i++)
		;
	if (i == m0 || i >= e || p[i] != ' ' || i - m0 > 32)
		return fail(h, 400, AW_ERR_SYNTAX);
	h->method_off = (uint16_t)m0;
	h->method_len = (uint16_t)(i - m0);
	t0 = ++i;
	while (i < e && (unsigned char)p[i] > 0x20 && (unsigned char)p[i] < 0x7f)
		i++;
	if (i == t0 || i >= e || p[i] != ' ')
		return fail(h, 400, AW_ERR_SYNTAX);
	h->target_off = (uint16_t)t0;
	h->target_len = (uint16_t)(i - t0);
	if (!(p[t0] == '/' || (h->target_len == 1 && p[t0] == '*') ||
	      (h->target_len > 7 && lower_eq(p + t0, 7, "http://")) ||
	      (h->target_len > 8 && lower_eq(p + t0, 8, "https://"))))
		return fail(h, 400, AW_ERR_SYNTAX);
	i++;
	if (e - i != 8 || memcmp(p + i, "HTTP/", 5) || !AW_IS_DIGIT(p[i + 5]) || p[i + 6] != '.' ||
	    !AW_IS_DIGIT(p[i + 7]))
		return fail(h, 400, AW_ERR_SYNTAX);
	if (p[i + 5] != '1')
		return fail(h, 505, AW_ERR_SYNTAX);
	h->version = p[i + 7] == '0' ? 10 : 11;
	h->keep_alive = h->version == 11;
	h->head_only = h->method_len == 4 && !memcmp(p + m0, "HEAD", 4);
	return AW_OK;
}

/* comma-separated tokens of a Connection value */
static void connection(aw_httpd *h, const char *v, size_t n)
{
	size_t i = 0;
	while (i < n) {
		size_t a, b;
		while (i < n && (v[i] == ' ' || v[i] == '\t' || v[i] == ','))
			i++;
		a = i;
		while (i < n && v[i] != ',')
			i++;
		b = i;
		while (b > a && (v[b - 1] == ' ' || v[b - 1] == '\t'))
			b--;
		if (lower_eq(v + a, b - a, "close"))
			h->keep_alive = 0;
		else if (lower_eq(v + a, b - a, "keep-alive") && h->version == 10)
			h->keep_alive = 1;
	}
}

static int field_line(aw_httpd *h, uint32_t s, uint32_t e)
{
	const char *p = h->head;
	uint32_t i = s, v0, v1;
	aw_httpd_field *f;

	if (p[s] == ' ' || p[s] == '\t')
		return fail(h, 400, AW_ERR_SYNTAX);   /* obs-fold */
	while (i < e && tchar((unsigned char)p[i]))
		i++;
	if (i == s || i >= e || p[i] != ':')
		return fail(h, 400, AW_ERR_SYNTAX);
	if (h->n_fields == AW_HTTPD_HEADERS_MAX)
		return fail(h, 431, AW_ERR_TOOBIG);
	f = &h->field[h->n_fields++];
	f->name_off = (uint16_t)s;
	f->name_len = (uint16_t)(i - s);
	v0 = i + 1;
	while (v0 < e && (p[v0] == ' ' || p[v0] == '\t'))
		v0++;
	v1 = e;
	while (v1 > v0 && (p[v1 - 1] == ' ' || p[v1 - 1] == '\t'))
		v1--;
	for (i = v0; i < v1; i++) {
		unsigned char c = (unsigned char)p[i];
		if ((c < 0x20 && c != '\t') || c == 0x7f)
			return fail(h, 400, AW_ERR_SYNTAX);
	}
	f->val_off = (uint16_t)v0;
	f->val_len = (uint16_t)(v1 - v0);
	return AW_OK;
}

/* the header section is complete: check it as a whole */
static int end_of_head(aw_httpd *h)
{
	uint32_t k, hosts = 0, cls = 0;
	const char *p = h->head;

	for (k = 0; k < h->n_fields; k++) {
		const aw_httpd_field *f = &h->field[k];
		const char *name = p + f->name_off, *v = p + f->val_off;
		if (lower_eq(name, f->name_len, "host")) {
			hosts++;
		} else if (lower_eq(name, f->name_len, "transfer-encoding")) {
			return fail(h, 501, AW_ERR_SYNTAX);
		} else if (lower_eq(name, f->name_len, "content-length")) {
			unsigned long long x = 0;
			uint32_t i;
			if (!f->val_len || f->val_len > 19)
				return fail(h, f->val_len > 19 ? 413 : 400,
					    f->val_len > 19 ? AW_ERR_TOOBIG : AW_ERR_SYNTAX);
			for (i = 0; i < f->val_len; i++) {
				if (!AW_IS_DIGIT(v[i]))
					return fail(h, 400, AW_ERR_SYNTAX);
				x = x * 10 + (unsigned)(v[i] - '0');
			}
			if (cls++ && x != h->content_length)
				return fail(h, 400, AW_ERR_SYNTAX);
			h->content_length = x;
		} else if (lower_eq(name, f->name_len, "connection")) {
			connection(h, v, f->val_len);
		}
	}
	if (h->version == 11 && hosts != 1)
		return fail(h, 400, AW_ERR_SYNTAX);
	if (hosts > 1)
		return fail(h, 400, AW_ERR_SYNTAX);
	if (h->content_length > AW_HTTPD_BODY_MAX)
		return fail(h, 413, AW_ERR_TOOBIG);
	h->body_left = h->content_length;
	h->state = h->body_left ? ST_BODY : ST_DONE;
	return AW_OK;
}

/* one complete line head[s..e) (its LF at e, CR already removed from e) */
static int line(aw_httpd *h, uint32_t s, uint32_t e)
{
	uint32_t i;

	for (i = s; i < e; i++)
		if (h->head[i] == '\r' || h->head[i] == 0)
			return fail(h, 400, AW_ERR_SYNTAX);
	if (h->state == ST_LINE) {
		if (s == e) {
			/* empty lines before a request are ignored, a few of them */
			if (++h->empty_lines > AW_HTTPD_EMPTY_LINES_MAX)
				return fail(h, 400, AW_ERR_SYNTAX);
			h->head_len = 0;
			return AW_OK;
		}
		if (request_line(h, s, e))
			return h->state == ST_ERR ? -1 : 0;
		h->state = ST_HEADERS;
		return AW_OK;
	}
	if (s == e)
		return end_of_head(h);
	return field_line(h, s, e);
}

int aw_httpd_feed(aw_httpd *h, const char *p, size_t n, size_t *used)
{
	size_t i = 0;

	*used = 0;
	if (h->state == ST_ERR)
		return h->status == 400 || h->status == 501 || h->status == 505 ? AW_ERR_SYNTAX
										  : AW_ERR_TOOBIG;
	if (h->state == ST_DONE)
		return AW_HTTPD_DONE;
	while (i < n) {
		if (h->state == ST_BODY) {
			size_t k = n - i;
			if (k > h->body_left)
				k = (size_t)h->body_left;
			h->body_left -= k;
			i += k;
			if (!h->body_left) {
				h->state = ST_DONE;
				*used = i;
				return AW_HTTPD_DONE;
			}
			continue;
		} else {
			const char *nl = memchr(p + i, '\n', n - i);
			size_t k = nl ? (size_t)(nl - (p + i)) + 1 : n - i;
			size_t room = AW_HTTPD_HEAD_MAX - h->head_len;
			uint32_t s, e;
			int rc;

			if (h->state == ST_LINE &&
			    h->head_len - h->line_start + k > AW_HTTPD_LINE_MAX + 2) {
				*used = i;
				return fail(h, 414, AW_ERR_TOOBIG);
			}
			if (k > room) {
				*used = i;
				return fail(h, h->state == ST_LINE ? 414 : 431, AW_ERR_TOOBIG);
			}
			memcpy(h->head + h->head_len, p + i, k);
			h->head_len += (uint32_t)k;
			i += k;
			if (!nl)
				break;
			s = h->line_start;
			e = h->head_len - 1;
			if (e > s && h->head[e - 1] == '\r')
				e--;
			rc = line(h, s, e);
			h->line_start = h->head_len;
			if (h->state == ST_ERR) {
				*used = i;
				return h->status == 400 || h->status == 501 || h->status == 505
					       ? AW_ERR_SYNTAX : AW_ERR_TOOBIG;
			}
			(void)rc;
			if (h->state == ST_DONE) {
				*used = i;
				return AW_HTTPD_DONE;
			}
		}
	}
	*used = n;
	return AW_HTTPD_MORE;
}

const char *aw_httpd_method(const aw_httpd *h, size_t *len)
{
	*len = h->method_len;
	return h->head + h->method_off;
}

const char *aw_httpd_target(const aw_httpd *h, size_t *len)
{
	*len = h->target_len;
	return h->head + h->target_off;
}

const char *aw_httpd_header(const aw_httpd *h, const char *name, size_t *len)
{
	uint32_t k;
	for (k = 0; k < h->n_fields; k++) {
		const aw_httpd_field *f = &h->field[k];
		if (lower_eq(h->head + f->name_off, f->name_len, name)) {
			*len = f->val_len;
			return h->head + f->val_off;
		}
	}
	*len = 0;
	return NULL;
}

int aw_httpd_etag_match(const char *v, size_t n, const char *etag)
{
	size_t i = 0, el = strlen(etag);

	if (el >= 2 && etag[0] == 'W' && etag[1] == '/') {
		etag += 2;
		el -= 2;
	}
	while (i < n) {
		size_t a;
		while (i < n && (v[i] == ' ' || v[i] == '\t' || v[i] == ','))
			i++;
		if (i >= n)
			break;
		if (v[i] == '*')
			return 1;
		if (i + 1 < n && v[i] == 'W' && v[i + 1] == '/')
			i += 2;
		if (i >= n || v[i] != '"')
			return 0;
		a = i++;
		while (i < n && v[i] != '"')
			i++;
		if (i >= n)
			return 0;
		i++;
		if (i - a == el && !memcmp(v + a, etag, el))
			return 1;
	}
	return 0;
}

const char *aw_httpd_reason(int status)
{
	switch (status) {
	case 200: return "OK";
	case 204: return "No Content";
	case 304: return "Not Modified";
	case 400: return "Bad Request";
	case 403: return "Forbidden";
	case 404: return "Not Found";
	case 405: return "Method Not Allowed";
	case 408: return "Request Timeout";
	case 413: return "Content Too Large";
	case 414: return "URI Too Long";
	case 431: return "Request Header Fields Too Large";
	case 500: return "Internal Server Error";
	case 501: return "Not Implemented";
	case 503: return "Service Unavailable";
	case 505: return "HTTP Version Not Supported";
	default: return "";
	}
}

int aw_httpd_response_head(int status, const char *content_type,
			   unsigned long long content_length, const char *etag,
			   const char *extra, int keep_alive, aw_sink *out)
{
	char b[512];
	aw_buf o;
	const char *r = aw_httpd_reason(status);

	if (status < 100 || status > 599 || !out || !out->fn)
		return AW_ERR_ARG;
	aw_buf_init(&o, b, sizeof b);
	aw_buf_puts(&o, "HTTP/1.1 ");
	aw_buf_putu(&o, (unsigned long)status);
	aw_buf_putc(&o, ' ');
	aw_buf_puts(&o, r[0] ? r : "Status");
	aw_buf_puts(&o, "\r\n");
	if (content_type) {
		aw_buf_puts(&o, "Content-Type: ");
		aw_buf_puts(&o, content_type);
		aw_buf_puts(&o, "\r\n");
	}
	aw_buf_puts(&o, "Content-Length: ");
	aw_buf_putu(&o, (unsigned long)content_length);
	aw_buf_puts(&o, "\r\n");
	if (etag) {
		aw_buf_puts(&o, "ETag: ");
		aw_buf_puts(&o, etag);
		aw_buf_puts(&o, "\r\nCache-Control: no-cache\r\n");
	}
	/* explicit both ways: an HTTP/1.0 client keeps the connection only
	 * when told so */
	aw_buf_puts(&o, keep_alive ? "Connection: keep-alive\r\n" : "Connection: close\r\n");
	aw_buf_puts(&o, "X-Content-Type-Options: nosniff\r\n"
			"Content-Security-Policy: default-src 'none'; style-src 'unsafe-inline'\r\n"
			"Referrer-Policy: no-referrer\r\n");
	if (o.truncated)
		return AW_ERR_FULL;
	aw_sink_write(out, o.p, o.len);
	if (extra)
		aw_sink_puts(out, extra);
	return aw_sink_write(out, "\r\n", 2);
}
