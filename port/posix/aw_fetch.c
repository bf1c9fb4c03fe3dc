/*
 * aw_fetch.c - HTTPS GET over aw_tls with the core's HTTP engine: writes
 * the request, pushes the received bytes into aw_http, follows at most
 * max_redirects redirects (https only), enforces the body limit, and sends
 * the token only to the API base. No keep-alive (every request says
 * "Connection: close"), no plain http, no proxies.
 */
#define _GNU_SOURCE 1
#include "aw_fetch.h"
#include "aw_tls.h"

#include <stdio.h>
#include <string.h>

struct body_ctx {
	aw_http_body_fn fn;
	void *user;
	uint64_t max, got;
	int toobig;
	int deliver;
};

static int on_body(void *user, const char *p, size_t n)
{
	struct body_ctx *b = user;
	b->got += n;
	if (b->max && b->got > b->max) {
		b->toobig = 1;
		return 1;
	}
	return b->deliver ? b->fn(b->user, p, n) : 0;
}

/* same scheme, host and port, and the path starts with base's path */
static int under(const char *url, const char *base)
{
	size_t n;
	if (!base || !*base)
		return 0;
	n = strlen(base);
	while (n && base[n - 1] == '/')
		n--;
	return !strncmp(url, base, n) && (url[n] == '/' || url[n] == 0 || url[n] == '?');
}

int aw_fetch(const char *url0, const aw_fetch_opts *o, aw_http_ctx *h, aw_http_body_fn fn,
	     void *user, char *err, size_t errcap)
{
	static char urlbuf[2][AW_HTTP_URL_MAX];
	static char reqbuf[AW_HTTP_URL_MAX + 4096];
	const char *url = url0;
	unsigned redirects = 0;
	int cur = 0;

	for (;;) {
		aw_url u;
		aw_http_req rq;
		aw_buf out;
		aw_tls *t;
		char host[300], hostport[320], port[16], path[AW_HTTP_URL_MAX], rerr[300];
		char buf[16384];
		struct body_ctx b;
		long n;
		int rc;

		if (aw_url_split(url, strlen(url), &u) || !u.is_https || !u.host_len ||
		    u.host_len >= sizeof host || u.path_len >= sizeof path - 1) {
			snprintf(err, errcap, "%s: not an https:// URL awtrack can fetch", url);
			return AW_FETCH_NET;
		}
		memcpy(host, u.host, u.host_len);
		host[u.host_len] = 0;
		if (host[0] == '[') { /* [v6] */
			memmove(host, host + 1, u.host_len);
			host[strcspn(host, "]")] = 0;
		}
		snprintf(port, sizeof port, "%u", u.port ? u.port : 443);
		if (u.port)
			snprintf(hostport, sizeof hostport, "%.*s:%u", (int)u.host_len, u.host, u.port);
		else
			snprintf(hostport, sizeof hostport, "%.*s", (int)u.host_len, u.host);
		if (u.path_len)
			snprintf(path, sizeof path, "%.*s", (int)u.path_len, u.path);
		else
			snprintf(path, sizeof path, "/");

		memset(&rq, 0, sizeof rq);
		rq.method = "GET";
		rq.host = hostport;
		rq.path = path;
		rq.accept = o->accept;
		/* validators belong to the URL asked for, not to a redirect target */
		if (url == url0) {
			rq.if_none_match = o->if_none_match && *o->if_none_match ? o->if_none_match : NULL;
			rq.if_modified_since =
				o->if_modified_since && *o->if_modified_since ? o->if_modified_since : NULL;
		}
		rq.token = o->token && *o->token && under(url, o->token_base) ? o->token : NULL;
		aw_buf_init(&out, reqbuf, sizeof reqbuf);
		if ((rc = aw_http_write_request(&rq, &out))) {
			snprintf(err, errcap, "%s: cannot form the request (%s)", url, aw_strerror(rc));
			return AW_FETCH_NET;
		}

		t = aw_tls_open(host, port, o->connect_ms, o->io_ms, rerr, sizeof rerr);
		if (!t) {
			snprintf(err, errcap, "%s", rerr);
			return AW_FETCH_NET;
		}
		if (aw_tls_write(t, out.p, out.len, rerr, sizeof rerr)) {
			snprintf(err, errcap, "%s: %s", host, rerr);
			aw_tls_close(t);
			return AW_FETCH_NET;
		}
		memset(&b, 0, sizeof b);
		b.fn = fn;
		b.user = user;
		b.max = o->max_body;
		b.deliver = 1;
		aw_http_begin(h, 0, on_body, NULL, &b);
		rc = AW_OK;
		for (;;) {
			/* a redirect's body is not the caller's */
			if (aw_http_headers_done(h) && aw_http_is_redirect(h->status))
				b.deliver = 0;
			n = aw_tls_read(t, buf, sizeof buf, rerr, sizeof rerr);
			if (n < 0) {
				snprintf(err, errcap, "%s: %s", url, rerr);
				aw_tls_close(t);
				return AW_FETCH_NET;
			}
			if (n == 0) {
				rc = aw_http_end(h);
				break;
			}
			if ((rc = aw_http_feed(h, buf, (size_t)n)))
				break;
			if (aw_http_complete(h))
				break;
		}
		aw_tls_close(t);
		if (b.toobig) {
			snprintf(err, errcap, "%s: body larger than the limit of %llu bytes", url,
				 (unsigned long long)o->max_body);
			return AW_FETCH_TOOBIG;
		}
		if (rc == AW_ERR_ABORT) {
			snprintf(err, errcap, "%s: stopped by the reader", url);
			return AW_FETCH_ABORT;
		}
		if (rc) {
			snprintf(err, errcap, "%s: %s", url,
				 rc == AW_ERR_SYNTAX ? "response cut short or malformed (HTTP)"
						     : aw_strerror(rc));
			return AW_FETCH_NET;
		}
		if (!aw_http_is_redirect(h->status))
			return AW_FETCH_OK;
		{
			aw_buf nb;
			aw_buf_init(&nb, urlbuf[cur], sizeof urlbuf[cur] - 1);
			rc = aw_http_redirect(h, url, strlen(url), &redirects, o->max_redirects, &nb);
			if (rc == AW_ERR_FULL && !nb.truncated) {
				snprintf(err, errcap, "%s: more than %u redirects (a redirect loop?)",
					 url0, o->max_redirects);
				return AW_FETCH_REDIRECTS;
			}
			if (rc) {
				snprintf(err, errcap, "%s: unusable redirect (%s)", url, aw_strerror(rc));
				return AW_FETCH_NET;
			}
			aw_buf_cstr(&nb);
			url = urlbuf[cur];
			cur ^= 1;
		}
	}
}
