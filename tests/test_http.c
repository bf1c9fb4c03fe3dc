/*
 * test_http.c - the HTTP/1.1 client engine: request bytes, response
 * fixtures shaped like GitHub's answers (fixed length, chunked with
 * extensions and trailers, until-close, 304, 1xx, 429/503, redirects) fed
 * whole, byte by byte and split at every position (every 3-way split of
 * the small ones); truncation at every position; every error path; buffer
 * edges (exact / one short / guard bytes); URL resolution against the
 * examples of RFC 3986 section 5.4; back-off.
 */
#include "aw_http.h"
#include "aw_time.h"
#include "aw_test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- body collector ---- */
static char body[65536];
static size_t body_len;
static int body_calls, abort_body_at = -1;
static int hdr_calls, abort_hdr_at = -1;

static int on_body(void *user, const char *p, size_t n)
{
	(void)user;
	if (body_calls++ == abort_body_at)
		return 7;
	if (n == 0)
		return 99;                         /* never called empty */
	if (body_len + n <= sizeof body)
		memcpy(body + body_len, p, n);
	body_len += n;
	return 0;
}

static int on_header(void *user, const char *name, size_t nlen, const char *v, size_t vlen)
{
	(void)user; (void)name; (void)nlen; (void)v; (void)vlen;
	if (hdr_calls++ == abort_hdr_at)
		return 5;
	return 0;
}

/* parse s split at the given cut points; returns aw_http_end's result */
static int run(aw_http_ctx *h, const char *s, size_t n, const size_t *cuts, int ncuts, int head)
{
	size_t at = 0;
	int i, r = AW_OK;

	body_len = 0;
	body_calls = 0;
	hdr_calls = 0;
	aw_http_begin(h, head, on_body, on_header, NULL);
	for (i = 0; i <= ncuts && r == AW_OK; i++) {
		size_t to = i < ncuts ? cuts[i] : n;
		r = aw_http_feed(h, s + at, to - at);
		at = to;
	}
	if (r == AW_OK)
		r = aw_http_end(h);
	return r;
}

static int run1(aw_http_ctx *h, const char *s, int head)
{
	return run(h, s, strlen(s), NULL, 0, head);
}

/* ---- fixtures ---- */
struct fix {
	const char *name, *text, *body;
	int status, mode, head;
	const char *etag, *lm, *ctype, *loc;
	int64_t ra, ra_at, max_age, rl_rem, rl_reset, clen;
	int complete_without_close;
};

static const char feed_body[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n</feed>\n";

static struct fix fixes[] = {
	{ "github-200",
	  "HTTP/1.1 200 OK\r\n"
	  "Server: GitHub.com\r\n"
	  "Date: Fri, 04 Dec 2026 12:00:00 GMT\r\n"
	  "Content-Type: application/atom+xml; charset=utf-8\r\n"
	  "ETag: W/\"5b1e0e4c2f1a8a7b9d3c\"\r\n"
	  "Last-Modified: Thu, 03 Dec 2026 09:15:00 GMT\r\n"
	  "Cache-Control: max-age=0, private, must-revalidate\r\n"
	  "Content-Length: 90\r\n"
	  "X-GitHub-Request-Id: ABCD:1234:5678\r\n"
	  "\r\n"
	  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n</feed>\n",
	  feed_body, 200, AW_HTTP_BODY_LENGTH, 0,
	  "W/\"5b1e0e4c2f1a8a7b9d3c\"", "Thu, 03 Dec 2026 09:15:00 GMT",
	  "application/atom+xml; charset=utf-8", "", -1, AW_HTTP_NONE, 0, -1, -1, 90, 1 },
	{ "chunked",
	  "HTTP/1.1 200 OK\r\n"
	  "transfer-encoding:   chunked  \r\n"
	  "content-type: text/plain\r\n"
	  "\r\n"
	  "5\r\nHello\r\n"
	  "1A;name=value;x=\"y\"\r\n, this chunk is 26 bytes!!\r\n"
	  "0000a \r\n0123456789\r\n"
	  "0\r\n"
	  "X-Trailer: skipped\r\n"
	  "Another: one\r\n"
	  "\r\n",
	  "Hello, this chunk is 26 bytes!!0123456789", 200, AW_HTTP_BODY_CHUNKED, 0,
	  "", "", "text/plain", "", -1, AW_HTTP_NONE, -1, -1, -1, -1, 1 },
	{ "chunked-lf-only",
	  "HTTP/1.1 200 OK\n"
	  "Transfer-Encoding: gzip, chunked\n"
	  "Content-Length: 3\n"
	  "\n"
	  "3\nabc\nF\n0123456789abcde\n0\n\n",
	  "abc0123456789abcde", 200, AW_HTTP_BODY_CHUNKED, 0,
	  "", "", "", "", -1, AW_HTTP_NONE, -1, -1, -1, 3, 1 },
	{ "until-close",
	  "HTTP/1.0 200 OK\r\n"
	  "Content-Type: application/rss+xml\r\n"
	  "\r\n"
	  "<rss version=\"2.0\"><channel></channel></rss>\n\r\n\r\nHTTP/1.1 200 not a header\r\n",
	  "<rss version=\"2.0\"><channel></channel></rss>\n\r\n\r\nHTTP/1.1 200 not a header\r\n",
	  200, AW_HTTP_BODY_CLOSE, 0,
	  "", "", "application/rss+xml", "", -1, AW_HTTP_NONE, -1, -1, -1, -1, 0 },
	{ "not-modified",
	  "HTTP/1.1 304 Not Modified\r\n"
	  "ETag: \"new-etag\"\r\n"
	  "Content-Length: 1234\r\n"
	  "Cache-Control: public, max-age=\"300\"\r\n"
	  "\r\n",
	  "", 304, AW_HTTP_BODY_NONE, 0,
	  "\"new-etag\"", "", "", "", -1, AW_HTTP_NONE, 300, -1, -1, 1234, 1 },
	{ "head",
	  "HTTP/1.1 200 OK\r\nContent-Length: 5000\r\n\r\n",
	  "", 200, AW_HTTP_BODY_NONE, 1,
	  "", "", "", "", -1, AW_HTTP_NONE, -1, -1, -1, 5000, 1 },
	{ "continue-then-200",
	  "HTTP/1.1 100 Continue\r\nX-Interim: 1\r\n\r\n"
	  "HTTP/1.1 103 Early Hints\r\nLink: </s.css>\r\n\r\n"
	  "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nETag: \"e\"\r\n\r\nok",
	  "ok", 200, AW_HTTP_BODY_LENGTH, 0,
	  "\"e\"", "", "", "", -1, AW_HTTP_NONE, -1, -1, -1, 2, 1 },
	{ "rate-limited",
	  "HTTP/1.1 429 Too Many Requests\r\n"
	  "Retry-After: 120\r\n"
	  "X-RateLimit-Remaining: 0\r\n"
	  "X-RateLimit-Reset: 1796385600\r\n"
	  "Content-Length: 0\r\n"
	  "\r\n",
	  "", 429, AW_HTTP_BODY_LENGTH, 0,
	  "", "", "", "", 120, AW_HTTP_NONE, -1, 0, 1796385600, 0, 1 },
	{ "unavailable-date",
	  "HTTP/1.1 503 Service Unavailable\r\n"
	  "Retry-After: Fri, 04 Dec 2026 12:30:00 GMT\r\n"
	  "Content-Length: 4\r\n"
	  "\r\n"
	  "busy",
	  "busy", 503, AW_HTTP_BODY_LENGTH, 0,
	  "", "", "", "", -1, 0 /* set in main */, -1, -1, -1, 4, 1 },
	{ "redirect",
	  "HTTP/1.1 301 Moved Permanently\r\n"
	  "Location: ../other/commits/main/README.md.atom?x=1#frag\r\n"
	  "Content-Length: 0\r\n"
	  "\r\n",
	  "", 301, AW_HTTP_BODY_LENGTH, 0,
	  "", "", "", "../other/commits/main/README.md.atom?x=1#frag", -1, AW_HTTP_NONE, -1, -1, -1, 0, 1 },
	{ "no-reason",
	  "HTTP/1.1 204\r\n\r\n",
	  "", 204, AW_HTTP_BODY_NONE, 0,
	  "", "", "", "", -1, AW_HTTP_NONE, -1, -1, -1, -1, 1 },
};
#define NFIX (sizeof fixes / sizeof fixes[0])

static int noisy;

static int check_fix(const struct fix *f, aw_http_ctx *h, int r)
{
	int ok = r == AW_OK && h->status == f->status && h->body_mode == f->mode &&
		 body_len == strlen(f->body) && !memcmp(body, f->body, body_len) &&
		 h->body_bytes == body_len &&
		 !strcmp(h->etag, f->etag) && !strcmp(h->last_modified, f->lm) &&
		 !strcmp(h->content_type, f->ctype) && !strcmp(h->location, f->loc) &&
		 h->retry_after == f->ra && h->retry_after_at == f->ra_at &&
		 h->max_age == f->max_age && h->ratelimit_remaining == f->rl_rem &&
		 h->ratelimit_reset == f->rl_reset && h->content_length == f->clen;
	if (!ok && noisy++ < 10)
		fprintf(stderr, "fixture %s: r=%d status=%d mode=%d body=%zu etag=%s\n",
			f->name, r, h->status, h->body_mode, body_len, h->etag);
	return ok;
}

static aw_http_ctx H;

static void test_fixtures(void)
{
	size_t k, i, j;

	fixes[8].ra_at = (aw_days_from_civil(2026, 12, 4) * 86400) + 12 * 3600 + 30 * 60;
	for (k = 0; k < NFIX; k++) {
		const struct fix *f = &fixes[k];
		size_t n = strlen(f->text);
		int all = 1, r;
		size_t *cuts = malloc(n * sizeof *cuts);

		/* whole */
		r = run(&H, f->text, n, NULL, 0, f->head);
		CHECK(check_fix(f, &H, r));
		/* byte by byte */
		for (i = 0; i + 1 < n; i++)
			cuts[i] = i + 1;
		r = run(&H, f->text, n, cuts, (int)(n - 1), f->head);
		CHECK(check_fix(f, &H, r));
		/* at every position */
		for (i = 0; i <= n; i++) {
			r = run(&H, f->text, n, &i, 1, f->head);
			if (!check_fix(f, &H, r))
				all = 0;
		}
		CHECK(all);
		/* every 3-way split of the short ones */
		if (n < 200) {
			all = 1;
			for (i = 0; i <= n; i++)
				for (j = i; j <= n; j++) {
					size_t c2[2] = { i, j };
					r = run(&H, f->text, n, c2, 2, f->head);
					if (!check_fix(f, &H, r))
						all = 0;
				}
			CHECK(all);
		}
		/* cut short at every position: an error at end, unless the
		 * message was complete there (until-close: once the headers are) */
		all = 1;
		for (i = 0; i < n; i++) {
			aw_http_begin(&H, f->head, on_body, NULL, NULL);
			body_len = 0;
			body_calls = 0;
			r = aw_http_feed(&H, f->text, i);
			if (r == AW_OK)
				r = aw_http_end(&H);
			if (f->mode == AW_HTTP_BODY_CLOSE) {
				size_t hdr = (size_t)(strstr(f->text, "\r\n\r\n") - f->text) + 4;
				if ((i >= hdr) != (r == AW_OK))
					all = 0;
			} else if (r != AW_ERR_SYNTAX) {
				all = 0;
				fprintf(stderr, "%s cut at %zu: %d\n", f->name, i, r);
			}
		}
		CHECK(all);
		/* completion is known without the close, except until-close */
		run(&H, f->text, n, NULL, 0, f->head);
		aw_http_begin(&H, f->head, on_body, NULL, NULL);
		aw_http_feed(&H, f->text, n);
		CHECK(aw_http_complete(&H) == f->complete_without_close);
		CHECK(aw_http_headers_done(&H));
		/* one more byte after a complete message is an error */
		if (f->complete_without_close) {
			aw_http_begin(&H, f->head, on_body, NULL, NULL);
			CHECK(aw_http_feed(&H, f->text, n) == AW_OK);
			CHECK(aw_http_feed(&H, "X", 1) == AW_ERR_SYNTAX);
			CHECK(aw_http_end(&H) == AW_ERR_SYNTAX);     /* sticky */
		}
		free(cuts);
	}
}

/* ---- errors ---- */
static void test_errors(void)
{
	static const struct { const char *text; int err; } bad[] = {
		{ "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort", AW_ERR_SYNTAX },
		{ "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nabc", AW_ERR_SYNTAX },
		{ "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nabcde\r\n", AW_ERR_SYNTAX },
		{ "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nTrailer: x\r\n", AW_ERR_SYNTAX },
		{ "HTTP/1.1 200 OK\r\nContent-Length: 1", AW_ERR_SYNTAX },
		{ "", AW_ERR_SYNTAX },
		{ "HTTP/2 200 OK\r\n\r\n", AW_ERR_SYNTAX },
		{ "HTTP/1.1 20 OK\r\n\r\n", AW_ERR_SYNTAX },
		{ "HTTP/1.1 099 OK\r\n\r\n", AW_ERR_SYNTAX },
		{ "HTTP/1.1 600 OK\r\n\r\n", AW_ERR_SYNTAX },
		{ "HTTP/1.1 200OK\r\n\r\n", AW_ERR_SYNTAX },
		{ "HTTP/1.1 2000 OK\r\n\r\n", AW_ERR_SYNTAX },
		{ "http/1.1 200 OK\r\n\r\n", AW_ERR_SYNTAX },
		{ "\r\nHTTP/1.1 200 OK\r\n\r\n", AW_ERR_SYNTAX },
		{ "HTTP/1.1 200 O\001K\r\n\r\n", AW_ERR_SYNTAX },
		{ "HTTP/1.1 101 Switching Protocols\r\n\r\n", AW_ERR_SYNTAX },
		{ "HTTP/1.1 200 OK\r\nNo colon here\r\n\r\n", AW_ERR_SYNTAX },
		{ "HTTP/1.1 200 OK\r\nName : space before colon\r\n\r\n", AW_ERR_SYNTAX },
		{ "HTTP/1.1 200 OK\r\n: empty name\r\n\r\n", AW_ERR_SYNTAX },
		{ "HTTP/1.1 200 OK\r\nA: b\r\n folded\r\n\r\n", AW_ERR_SYNTAX },
		{ "HTTP/1.1 200 OK\r\nA: b\001c\r\n\r\n", AW_ERR_SYNTAX },
		{ "HTTP/1.1 200 OK\r\nA: b\rc\r\n\r\n", AW_ERR_SYNTAX },
		{ "HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n", AW_ERR_SYNTAX },
		{ "HTTP/1.1 200 OK\r\nContent-Length: 1x\r\n\r\n", AW_ERR_SYNTAX },
		{ "HTTP/1.1 200 OK\r\nContent-Length: \r\n\r\n", AW_ERR_SYNTAX },
		{ "HTTP/1.1 200 OK\r\nContent-Length: 5, 5\r\n\r\n", AW_ERR_SYNTAX },
		{ "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n", AW_ERR_SYNTAX },
		{ "HTTP/1.1 200 OK\r\nContent-Length: 99999999999999999999\r\n\r\n", AW_ERR_SYNTAX },
		{ "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", AW_ERR_SYNTAX },
		{ "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n\r\n", AW_ERR_SYNTAX },
		{ "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n-1\r\n", AW_ERR_SYNTAX },
		{ "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5 x\r\n", AW_ERR_SYNTAX },
		{ "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n10000000000000000\r\n", AW_ERR_SYNTAX },
		{ "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nab\r\n", AW_ERR_SYNTAX },
		{ "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1\r\na\rX", AW_ERR_SYNTAX },
		{ "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n\r\n", AW_ERR_SYNTAX },
		{ "HTTP/1.1 200 OK\r\nA\0: b\r\n\r\n", AW_ERR_SYNTAX },
	};
	size_t k;

	for (k = 0; k < sizeof bad / sizeof bad[0]; k++) {
		size_t n = strlen(bad[k].text);
		int r;
		if (k == sizeof bad / sizeof bad[0] - 1)
			n = 24;                                  /* with the NUL */
		r = run(&H, bad[k].text, n, NULL, 0, 0);
		if (r != bad[k].err)
			fprintf(stderr, "bad[%zu]: got %d\n", k, r);
		CHECK(r == bad[k].err);
	}

	/* callbacks stop the parse */
	abort_body_at = 0;
	CHECK(run1(&H, fixes[0].text, 0) == AW_ERR_ABORT && H.cb_ret == 7);
	abort_body_at = 1;
	{
		size_t cut = strlen(fixes[1].text) - 40;
		CHECK(run(&H, fixes[1].text, strlen(fixes[1].text), &cut, 1, 0) == AW_ERR_ABORT);
	}
	abort_body_at = -1;
	abort_hdr_at = 2;
	CHECK(run1(&H, fixes[0].text, 0) == AW_ERR_ABORT && H.cb_ret == 5 && hdr_calls == 3);
	abort_hdr_at = -1;
	/* interim responses' headers are not reported */
	CHECK(run1(&H, fixes[6].text, 0) == AW_OK && hdr_calls == 2);
	CHECK(run1(&H, fixes[0].text, 0) == AW_OK && hdr_calls == 8);
	/* feed after an error stays an error */
	aw_http_begin(&H, 0, on_body, NULL, NULL);
	CHECK(aw_http_feed(&H, "XTTP/1.1 200 OK\r\n", 17) == AW_ERR_SYNTAX);
	CHECK(aw_http_feed(&H, "HTTP/1.1 200 OK\r\n", 17) == AW_ERR_SYNTAX);
}

/* ---- fixed buffers ---- */
static char big[3 * AW_HTTP_HEADERS_MAX];

static int line_of(size_t vlen, const char *name)
{
	size_t n = 0, nl = strlen(name);
	n += (size_t)sprintf(big, "HTTP/1.1 200 OK\r\n");
	memcpy(big + n, name, nl);
	n += nl;
	big[n++] = ':';
	big[n++] = ' ';
	memset(big + n, 'v', vlen);
	n += vlen;
	n += (size_t)sprintf(big + n, "\r\nContent-Length: 0\r\n\r\n");
	return run(&H, big, n, NULL, 0, 0);
}

static void test_buffers(void)
{
	size_t exact = AW_HTTP_LINE_MAX - 3;      /* "X: " + value */
	size_t n, i;
	int r;

	/* a header line of exactly AW_HTTP_LINE_MAX bytes, then one more */
	CHECK(line_of(exact, "X") == AW_OK);
	CHECK(line_of(exact + 1, "X") == AW_ERR_TOOBIG);
	CHECK(line_of(exact + 100000, "X") == AW_ERR_TOOBIG);
	/* same, with LF-only line ends */
	n = (size_t)sprintf(big, "HTTP/1.1 200 OK\nX: ");
	memset(big + n, 'v', exact);
	n += exact;
	n += (size_t)sprintf(big + n, "\nContent-Length: 0\n\n");
	CHECK(run(&H, big, n, NULL, 0, 0) == AW_OK);
	/* an over-long status line */
	n = (size_t)sprintf(big, "HTTP/1.1 200 ");
	memset(big + n, 'r', AW_HTTP_LINE_MAX);
	n += AW_HTTP_LINE_MAX;
	n += (size_t)sprintf(big + n, "\r\n\r\n");
	CHECK(run(&H, big, n, NULL, 0, 0) == AW_ERR_TOOBIG);
	/* byte by byte too */
	{
		int rr = AW_OK;
		aw_http_begin(&H, 0, on_body, NULL, NULL);
		for (i = 0; i < n && rr == AW_OK; i++)
			rr = aw_http_feed(&H, big + i, 1);
		CHECK(rr == AW_ERR_TOOBIG && i == AW_HTTP_LINE_MAX + 2);
	}
	/* over-long chunk-size line and trailer */
	n = (size_t)sprintf(big, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1;");
	memset(big + n, 'e', AW_HTTP_LINE_MAX);
	n += AW_HTTP_LINE_MAX;
	n += (size_t)sprintf(big + n, "\r\na\r\n0\r\n\r\n");
	CHECK(run(&H, big, n, NULL, 0, 0) == AW_ERR_TOOBIG);
	n = (size_t)sprintf(big, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nT: ");
	memset(big + n, 't', AW_HTTP_LINE_MAX);
	n += AW_HTTP_LINE_MAX;
	n += (size_t)sprintf(big + n, "\r\n\r\n");
	CHECK(run(&H, big, n, NULL, 0, 0) == AW_ERR_TOOBIG);
	/* the header section as a whole */
	n = (size_t)sprintf(big, "HTTP/1.1 200 OK\r\n");
	while (n < AW_HTTP_HEADERS_MAX + 100)
		n += (size_t)sprintf(big + n, "X-Filler: 0123456789012345678901234567890123456789\r\n");
	n += (size_t)sprintf(big + n, "\r\n");
	CHECK(run(&H, big, n, NULL, 0, 0) == AW_ERR_TOOBIG);

	/* ETag / Last-Modified / Location: exact fit kept, one more dropped */
	CHECK(line_of(AW_HTTP_ETAG_MAX - 1, "ETag") == AW_OK && strlen(H.etag) == AW_HTTP_ETAG_MAX - 1 &&
	      !H.etag_toolong);
	CHECK(line_of(AW_HTTP_ETAG_MAX, "ETag") == AW_OK && H.etag[0] == 0 && H.etag_toolong);
	CHECK(line_of(AW_HTTP_DATE_MAX, "Last-Modified") == AW_OK && H.last_modified[0] == 0 &&
	      H.last_modified_toolong);
	CHECK(line_of(AW_HTTP_URL_MAX - 1, "Location") == AW_OK && !H.location_toolong &&
	      strlen(H.location) == AW_HTTP_URL_MAX - 1);
	CHECK(line_of(AW_HTTP_URL_MAX, "Location") == AW_OK && H.location_toolong);
	/* Content-Type is cut with a flag */
	CHECK(line_of(AW_HTTP_CTYPE_MAX + 10, "Content-Type") == AW_OK && H.content_type_cut &&
	      strlen(H.content_type) == AW_HTTP_CTYPE_MAX - 1);
	CHECK(line_of(AW_HTTP_CTYPE_MAX - 1, "Content-Type") == AW_OK && !H.content_type_cut);

	/* guard bytes around the context: nothing written outside */
	{
		static struct { unsigned char pre[64]; aw_http_ctx h; unsigned char post[64]; } g;
		int ok = 1;
		memset(g.pre, 0xa5, sizeof g.pre);
		memset(g.post, 0x5a, sizeof g.post);
		for (n = 0; n < 3; n++) {
			size_t len = (size_t)sprintf(big, "HTTP/1.1 200 OK\r\nETag: ");
			memset(big + len, 'e', AW_HTTP_ETAG_MAX + n);
			len += AW_HTTP_ETAG_MAX + n;
			len += (size_t)sprintf(big + len, "\r\nLocation: ");
			memset(big + len, 'l', AW_HTTP_URL_MAX + n - 1);
			len += AW_HTTP_URL_MAX + n - 1;
			len += (size_t)sprintf(big + len, "\r\nX: ");
			memset(big + len, 'x', AW_HTTP_LINE_MAX - 3 + n);
			len += AW_HTTP_LINE_MAX - 3 + n;
			len += (size_t)sprintf(big + len, "\r\n\r\n");
			r = run(&g.h, big, len, NULL, 0, 0);
			if (r != (n ? AW_ERR_TOOBIG : AW_OK))
				ok = 0;
		}
		for (i = 0; i < 64; i++)
			if (g.pre[i] != 0xa5 || g.post[i] != 0x5a)
				ok = 0;
		CHECK(ok);
	}
}

/* ---- request writer ---- */
static void test_request(void)
{
	static const char want[] =
		"GET /Friz-zy/awesome-linux-containers/commits/master/README.md.atom HTTP/1.1\r\n"
		"Host: github.com\r\n"
		"User-Agent: awtrack/" AW_VERSION "\r\n"
		"Accept: application/atom+xml\r\n"
		"If-None-Match: W/\"abc\"\r\n"
		"If-Modified-Since: Thu, 03 Dec 2026 09:15:00 GMT\r\n"
		"Connection: close\r\n"
		"\r\n";
	static const char want_api[] =
		"HEAD /repos/o/r HTTP/1.1\r\n"
		"Host: 127.0.0.1:8443\r\n"
		"User-Agent: test-agent\r\n"
		"Authorization: Bearer ghp_secret\r\n"
		"Connection: close\r\n"
		"\r\n";
	char mem[1024 + 16];
	aw_buf b;
	aw_http_req rq;
	size_t n = sizeof want - 1, cap;
	int i, ok;

	memset(&rq, 0, sizeof rq);
	rq.host = "github.com";
	rq.path = "/Friz-zy/awesome-linux-containers/commits/master/README.md.atom";
	rq.accept = "application/atom+xml";
	rq.if_none_match = "W/\"abc\"";
	rq.if_modified_since = "Thu, 03 Dec 2026 09:15:00 GMT";
	aw_buf_init(&b, mem, 1024);
	CHECK(aw_http_write_request(&rq, &b) == AW_OK && b.len == n && !memcmp(mem, want, n));

	/* exact size fits; one short truncates, guard bytes untouched */
	ok = 1;
	for (cap = n - 3; cap <= n + 1; cap++) {
		memset(mem, 0x77, sizeof mem);
		aw_buf_init(&b, mem, cap);
		i = aw_http_write_request(&rq, &b);
		if (i != (cap >= n ? AW_OK : AW_ERR_FULL))
			ok = 0;
		for (i = (int)cap; i < (int)cap + 16; i++)
			if ((unsigned char)mem[i] != 0x77)
				ok = 0;
	}
	CHECK(ok);

	memset(&rq, 0, sizeof rq);
	rq.method = "HEAD";
	rq.host = "127.0.0.1:8443";
	rq.path = "/repos/o/r";
	rq.token = "ghp_secret";
	rq.user_agent = "test-agent";
	aw_buf_init(&b, mem, 1024);
	CHECK(aw_http_write_request(&rq, &b) == AW_OK && b.len == sizeof want_api - 1 &&
	      !memcmp(mem, want_api, b.len));

	/* header injection and bad arguments */
	{
		static const char *const evil[] = {
			"a\r\nX-Evil: 1", "a\nb", "a\rb", "a\001", "\x7f"
		};
		size_t k;
		for (k = 0; k < 5; k++) {
			aw_http_req q = rq;
			q.token = evil[k];
			aw_buf_init(&b, mem, 1024);
			CHECK(aw_http_write_request(&q, &b) == AW_ERR_ARG && b.len == 0);
			q = rq;
			q.if_none_match = evil[k];
			CHECK(aw_http_write_request(&q, &b) == AW_ERR_ARG);
			q = rq;
			q.path = evil[k];
			CHECK(aw_http_write_request(&q, &b) == AW_ERR_ARG);
		}
	}
	{
		aw_http_req q = rq;
		q.path = "/a b";
		CHECK(aw_http_write_request(&q, &b) == AW_ERR_ARG);
		q.path = "a";
		CHECK(aw_http_write_request(&q, &b) == AW_ERR_ARG);
		q.path = NULL;
		CHECK(aw_http_write_request(&q, &b) == AW_ERR_ARG);
		q = rq;
		q.host = "";
		CHECK(aw_http_write_request(&q, &b) == AW_ERR_ARG);
		q.host = "a b";
		CHECK(aw_http_write_request(&q, &b) == AW_ERR_ARG);
		q = rq;
		q.method = "GET X";
		CHECK(aw_http_write_request(&q, &b) == AW_ERR_ARG);
	}
}

/* ---- URLs ---- */
static const char *resolve(const char *base, const char *loc)
{
	static char mem[512];
	aw_buf b;
	int r;

	aw_buf_init(&b, mem, sizeof mem - 1);
	r = aw_http_resolve(base, strlen(base), loc, strlen(loc), &b);
	if (r != AW_OK)
		return r == AW_ERR_SYNTAX ? "SYNTAX" : "FULL";
	return aw_buf_cstr(&b);
}

static void test_urls(void)
{
	/* RFC 3986 5.4.1 and 5.4.2 (those an http base can express), base
	 * "http://a/b/c/d;p?q" */
	static const char *const ex[][2] = {
		{ "g", "http://a/b/c/g" }, { "./g", "http://a/b/c/g" },
		{ "g/", "http://a/b/c/g/" }, { "/g", "http://a/g" },
		{ "//g", "http://g" }, { "?y", "http://a/b/c/d;p?y" },
		{ "g?y", "http://a/b/c/g?y" }, { "#s", "http://a/b/c/d;p?q" },
		{ "g#s", "http://a/b/c/g" }, { "g?y#s", "http://a/b/c/g?y" },
		{ ";x", "http://a/b/c/;x" }, { "g;x", "http://a/b/c/g;x" },
		{ "g;x?y#s", "http://a/b/c/g;x?y" }, { "", "http://a/b/c/d;p?q" },
		{ ".", "http://a/b/c/" }, { "./", "http://a/b/c/" },
		{ "..", "http://a/b/" }, { "../", "http://a/b/" },
		{ "../g", "http://a/b/g" }, { "../..", "http://a/" },
		{ "../../", "http://a/" }, { "../../g", "http://a/g" },
		{ "../../../g", "http://a/g" }, { "../../../../g", "http://a/g" },
		{ "/./g", "http://a/g" }, { "/../g", "http://a/g" },
		{ "g.", "http://a/b/c/g." }, { ".g", "http://a/b/c/.g" },
		{ "g..", "http://a/b/c/g.." }, { "..g", "http://a/b/c/..g" },
		{ "./../g", "http://a/b/g" }, { "./g/.", "http://a/b/c/g/" },
		{ "g/./h", "http://a/b/c/g/h" }, { "g/../h", "http://a/b/c/h" },
		{ "g;x=1/./y", "http://a/b/c/g;x=1/y" }, { "g;x=1/../y", "http://a/b/c/y" },
		{ "g?y/./x", "http://a/b/c/g?y/./x" }, { "g?y/../x", "http://a/b/c/g?y/../x" },
		{ "g#s/./x", "http://a/b/c/g" }, { "g#s/../x", "http://a/b/c/g" },
		{ "HTTPS://Host:8443/x/../y", "https://Host:8443/y" },
		{ "mailto:x@y", "SYNTAX" }, { "ftp://a/b", "SYNTAX" },
		{ "http:", "SYNTAX" }, { "https:///path", "SYNTAX" },
		{ "a b", "SYNTAX" },
	};
	size_t k;
	aw_url u;
	const char *s;

	for (k = 0; k < sizeof ex / sizeof ex[0]; k++) {
		const char *got = resolve("http://a/b/c/d;p?q", ex[k][0]);
		if (strcmp(got, ex[k][1]))
			fprintf(stderr, "resolve %s: %s (want %s)\n", ex[k][0], got, ex[k][1]);
		CHECK(!strcmp(got, ex[k][1]));
	}
	CHECK(!strcmp(resolve("https://github.com", "x"), "https://github.com/x"));
	CHECK(!strcmp(resolve("https://github.com", "?q"), "https://github.com?q"));
	CHECK(!strcmp(resolve("https://github.com/o/r", "https://raw.githubusercontent.com/o/r/s/f.md"),
		      "https://raw.githubusercontent.com/o/r/s/f.md"));
	CHECK(!strcmp(resolve("relative/base", "/x"), "SYNTAX"));
	CHECK(!strcmp(resolve("ftp://h/a", "/x"), "SYNTAX"));
	CHECK(!strcmp(resolve("https://h/a\n", "/x"), "SYNTAX"));
	/* a result aw_url_split would refuse is refused (make fuzz found
	 * "http://w@" as a base): userinfo, an empty host, a bad port */
	CHECK(!strcmp(resolve("http://w@", "x"), "SYNTAX"));
	CHECK(!strcmp(resolve("http://a/b", "//u@h/x"), "SYNTAX"));
	CHECK(!strcmp(resolve("http://a/b", "//:80/x"), "SYNTAX"));
	CHECK(!strcmp(resolve("http://a/b", "//h:x/y"), "SYNTAX"));
	CHECK(!strcmp(resolve("http://a:8080/b", "c"), "http://a:8080/c"));
	/* output buffer: exact fit, one short (guard) */
	{
		char mem[32];
		aw_buf b;
		const char *want = "https://h/a/b";
		size_t n = strlen(want);
		memset(mem, 0x33, sizeof mem);
		aw_buf_init(&b, mem, n);
		CHECK(aw_http_resolve("https://h/a/x", 13, "b", 1, &b) == AW_OK && b.len == n &&
		      !memcmp(mem, want, n) && mem[n] == 0x33);
		aw_buf_init(&b, mem, n - 1);
		CHECK(aw_http_resolve("https://h/a/x", 13, "b", 1, &b) == AW_ERR_FULL && b.truncated &&
		      mem[n] == 0x33);
		memset(mem, 0x33, sizeof mem);
		aw_buf_init(&b, mem, 4);
		CHECK(aw_http_resolve("https://h/a/x", 13, "../../../b", 10, &b) == AW_ERR_FULL &&
		      mem[4] == 0x33);
	}

	s = "https://github.com/Friz-zy/awesome-linux-containers/commits/master/README.md.atom#x";
	CHECK(aw_url_split(s, strlen(s), &u) == AW_OK && u.is_https && u.port == 0 &&
	      u.host_len == 10 && !memcmp(u.host, "github.com", 10) &&
	      u.path_len == strlen(s) - 2 - 18 && u.path[0] == '/');
	s = "http://127.0.0.1:8080";
	CHECK(aw_url_split(s, strlen(s), &u) == AW_OK && !u.is_https && u.port == 8080 &&
	      u.host_len == 9 && u.path_len == 0);
	s = "HTTPS://[::1]:443/x?y";
	CHECK(aw_url_split(s, strlen(s), &u) == AW_OK && u.is_https && u.port == 443 &&
	      u.host_len == 5 && !memcmp(u.host, "[::1]", 5) && u.path_len == 4);
	{
		static const char *const bad[] = {
			"ftp://h/", "https:/h/", "https://", "https://:80/", "https://h:/",
			"https://h:0/", "https://h:65536/", "https://h:8x/", "https://u@h/",
			"https://h/a b", "//h/x", "https://h/\x01",
		};
		for (k = 0; k < sizeof bad / sizeof bad[0]; k++)
			CHECK(aw_url_split(bad[k], strlen(bad[k]), &u) == AW_ERR_SYNTAX);
	}
}

static void test_redirect(void)
{
	static const char base[] = "https://github.com/o/r/commits/main/README.md.atom";
	char mem[256];
	aw_buf b;
	unsigned count = 0;
	int k;

	CHECK(run1(&H, fixes[9].text, 0) == AW_OK);
	aw_buf_init(&b, mem, sizeof mem - 1);
	CHECK(aw_http_redirect(&H, base, sizeof base - 1, &count, 5, &b) == AW_OK && count == 1 &&
	      !strcmp(aw_buf_cstr(&b), "https://github.com/o/r/commits/other/commits/main/README.md.atom?x=1"));
	/* a loop ends at the bound */
	count = 0;
	for (k = 0; k < 10; k++) {
		aw_buf_reset(&b);
		if (aw_http_redirect(&H, base, sizeof base - 1, &count, 3, &b) != AW_OK)
			break;
	}
	CHECK(k == 3 && count == 3);
	aw_buf_reset(&b);
	CHECK(aw_http_redirect(&H, base, sizeof base - 1, &count, 3, &b) == AW_ERR_FULL);
	/* no redirect, no Location */
	CHECK(run1(&H, fixes[0].text, 0) == AW_OK);
	count = 0;
	CHECK(aw_http_redirect(&H, base, sizeof base - 1, &count, 3, &b) == AW_ERR_NOTFOUND);
	CHECK(run1(&H, "HTTP/1.1 302 Found\r\nContent-Length: 0\r\n\r\n", 0) == AW_OK);
	CHECK(aw_http_redirect(&H, base, sizeof base - 1, &count, 3, &b) == AW_ERR_SYNTAX);
	CHECK(run1(&H, "HTTP/1.1 308 P\r\nLocation: ftp://x/\r\nContent-Length: 0\r\n\r\n", 0) == AW_OK);
	CHECK(aw_http_redirect(&H, base, sizeof base - 1, &count, 3, &b) == AW_ERR_SYNTAX && count == 0);
	CHECK(aw_http_is_redirect(307) && aw_http_is_redirect(303) && !aw_http_is_redirect(304) &&
	      !aw_http_is_redirect(300));
}

static void test_types(void)
{
	CHECK(run1(&H, fixes[0].text, 0) == AW_OK && aw_http_type_is(&H, AW_HTTP_FEED_TYPES));
	CHECK(run1(&H, fixes[3].text, 0) == AW_OK && aw_http_type_is(&H, AW_HTTP_FEED_TYPES));
	CHECK(run1(&H, fixes[1].text, 0) == AW_OK && !aw_http_type_is(&H, AW_HTTP_FEED_TYPES) &&
	      aw_http_type_is(&H, "text/plain\0"));
	CHECK(run1(&H, "HTTP/1.1 200 OK\r\nContent-Type: Application/JSON ; charset=utf-8\r\n"
		   "Content-Length: 0\r\n\r\n", 0) == AW_OK &&
	      !aw_http_type_is(&H, AW_HTTP_FEED_TYPES) && aw_http_type_is(&H, "application/json\0"));
	CHECK(run1(&H, "HTTP/1.1 200 OK\r\nContent-Type: TEXT/XML\r\nContent-Length: 0\r\n\r\n", 0) ==
	      AW_OK && aw_http_type_is(&H, AW_HTTP_FEED_TYPES));
	CHECK(run1(&H, "HTTP/1.1 200 OK\r\nContent-Type: text/xmlx\r\nContent-Length: 0\r\n\r\n", 0) ==
	      AW_OK && !aw_http_type_is(&H, AW_HTTP_FEED_TYPES));
	CHECK(run1(&H, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", 0) == AW_OK &&
	      !aw_http_type_is(&H, AW_HTTP_FEED_TYPES));
}

static void test_backoff(void)
{
	int64_t now = 1796385000;

	/* 429 with Retry-After: 120 and a rate-limit reset 600 s ahead */
	CHECK(run1(&H, fixes[7].text, 0) == AW_OK);
	CHECK(aw_http_backoff(&H, now, 0, 60, 3600) == 600);
	CHECK(aw_http_backoff(&H, now + 590, 0, 60, 3600) == 120);
	CHECK(aw_http_backoff(&H, now + 590, 5, 60, 3600) == 1920);   /* 60 << 5 */
	CHECK(aw_http_backoff(&H, now + 700, 10, 60, 3600) == 3600);
	/* 503 with a date */
	CHECK(run1(&H, fixes[8].text, 0) == AW_OK);
	CHECK(aw_http_backoff(&H, H.retry_after_at - 90, 0, 60, 3600) == 90);
	CHECK(aw_http_backoff(&H, H.retry_after_at + 90, 0, 60, 3600) == 0);
	/* plain 500s: exponential with a cap */
	CHECK(run1(&H, "HTTP/1.1 500 Oops\r\nContent-Length: 0\r\n\r\n", 0) == AW_OK);
	CHECK(aw_http_backoff(&H, now, 0, 60, 3600) == 60);
	CHECK(aw_http_backoff(&H, now, 1, 60, 3600) == 120);
	CHECK(aw_http_backoff(&H, now, 3, 60, 3600) == 480);
	CHECK(aw_http_backoff(&H, now, 6, 60, 3600) == 3600);
	CHECK(aw_http_backoff(&H, now, 200, 60, 3600) == 3600);
	/* 429 without Retry-After */
	CHECK(run1(&H, "HTTP/1.1 429 Slow\r\nContent-Length: 0\r\n\r\n", 0) == AW_OK);
	CHECK(aw_http_backoff(&H, now, 2, 60, 3600) == 240);
	/* a huge Retry-After is bounded */
	CHECK(run1(&H, "HTTP/1.1 503 x\r\nRetry-After: 99999999999\r\nContent-Length: 0\r\n\r\n", 0) == AW_OK);
	CHECK(aw_http_backoff(&H, now, 0, 60, 3600) == AW_HTTP_WAIT_MAX);
	/* unparsable Retry-After is ignored */
	CHECK(run1(&H, "HTTP/1.1 503 x\r\nRetry-After: soon\r\nContent-Length: 0\r\n\r\n", 0) == AW_OK);
	CHECK(H.retry_after == -1 && H.retry_after_at == AW_HTTP_NONE);
	CHECK(aw_http_backoff(&H, now, 0, 60, 3600) == 60);
	/* success: max-age, or 0 */
	CHECK(run1(&H, fixes[4].text, 0) == AW_OK);
	CHECK(aw_http_backoff(&H, now, 0, 60, 3600) == 300);
	CHECK(run1(&H, fixes[0].text, 0) == AW_OK);
	CHECK(aw_http_backoff(&H, now, 0, 60, 3600) == 0);
	/* 403 of an exhausted API budget: until the reset */
	CHECK(run1(&H, "HTTP/1.1 403 Forbidden\r\nX-RateLimit-Remaining: 0\r\n"
		   "X-RateLimit-Reset: 1796386000\r\nContent-Length: 0\r\n\r\n", 0) == AW_OK);
	CHECK(aw_http_backoff(&H, now, 0, 60, 3600) == 1000);
}

static void test_dates(void)
{
	int64_t t, want = aw_days_from_civil(1994, 11, 6) * 86400 + 8 * 3600 + 49 * 60 + 37;
	static const char *const same[] = {
		"Sun, 06 Nov 1994 08:49:37 GMT", "Sunday, 06-Nov-94 08:49:37 GMT",
		"Sun Nov  6 08:49:37 1994", "6 Nov 1994 08:49:37 +0000", "Sun, 6 nov 1994 08:49:37 UT",
		"Sun, 06 Nov 1994 03:49:37 EST", "Sun, 06 Nov 1994 01:49:37 -0700",
		"Sun, 06 Nov 1994 00:49:37 PST", "Sun, 06 Nov 1994 09:19:37 +0030",
		"06 Nov 1994 08:49:37", "Sun, 06 Nov 1994 08:49:37 Z", "Sun, 06 Nov 1994 08:49:37 utc",
	};
	static const char *const bad[] = {
		"", "Sun, 06 Nov 1994", "Sun, 32 Nov 1994 08:49:37 GMT", "Sun, 31 Nov 1994 08:49:37 GMT",
		"Sun, 06 Foo 1994 08:49:37 GMT", "Sun, 06 Nov 1994 24:00:00 GMT",
		"Sun, 06 Nov 1994 08:60:00 GMT", "Sun, 06 Nov 1994 08:49:37 XYZ",
		"Sun, 06 Nov 1994 08:49:37 +2400", "Sun, 06 Nov 994 08:49:37 GMT",
		"Sun, 06 Nov 1994 08:49:37 GMT ", "Sun,06 Nov 1994 08:49:37 GMT",
		"29 Feb 2023 00:00:00 GMT", "Sun, 06 Nov 1994 8:49:37 GMT",
	};
	size_t k;

	for (k = 0; k < sizeof same / sizeof same[0]; k++) {
		int r = aw_time_parse_rfc822(same[k], strlen(same[k]), &t);
		if (r || t != want)
			fprintf(stderr, "rfc822 %s: %d %lld\n", same[k], r, (long long)t);
		CHECK(r == AW_OK && t == want);
	}
	for (k = 0; k < sizeof bad / sizeof bad[0]; k++)
		CHECK(aw_time_parse_rfc822(bad[k], strlen(bad[k]), &t) == AW_ERR_SYNTAX);
	CHECK(aw_time_parse_rfc822("29 Feb 2024 00:00 GMT", 21, &t) == AW_OK &&
	      t == aw_days_from_civil(2024, 2, 29) * 86400);
	CHECK(aw_time_parse_rfc822("Mon, 01 Jan 2001 00:00:00 CDT", 29, &t) == AW_OK &&
	      t == aw_days_from_civil(2001, 1, 1) * 86400 + 5 * 3600);

	want = aw_days_from_civil(2024, 3, 9) * 86400 + 14 * 3600 + 5 * 60 + 9;
	CHECK(aw_time_parse_rfc3339("2024-03-09T14:05:09Z", 20, &t) == AW_OK && t == want);
	CHECK(aw_time_parse_rfc3339("2024-03-09t14:05:09.123456z", 27, &t) == AW_OK && t == want);
	CHECK(aw_time_parse_rfc3339("2024-03-09 16:05:09+02:00", 25, &t) == AW_OK && t == want);
	CHECK(aw_time_parse_rfc3339("2024-03-09T07:05:09-07:00", 25, &t) == AW_OK && t == want);
	CHECK(aw_time_parse_rfc3339("1969-12-31T23:59:59Z", 20, &t) == AW_OK && t == -1);
	CHECK(aw_time_parse_rfc3339("2016-12-31T23:59:60Z", 20, &t) == AW_OK &&
	      t == aw_days_from_civil(2017, 1, 1) * 86400);
	{
		static const char *const b3[] = {
			"2024-03-09", "2024-03-09T14:05:09", "2024-03-09T14:05Z", "2024-13-09T14:05:09Z",
			"2024-02-30T14:05:09Z", "2024-03-09T14:05:09.Z", "2024-03-09T14:05:09+0200",
			"2024-03-09T14:05:09+24:00", "2024-03-09X14:05:09Z", "24-03-09T14:05:09Z",
			"2024-03-09T14:05:09Zx", " 2024-03-09T14:05:09Z", "0000-01-01T00:00:00+00:01",
		};
		for (k = 0; k < sizeof b3 / sizeof b3[0]; k++) {
			int r = aw_time_parse_rfc3339(b3[k], strlen(b3[k]), &t);
			if (r != AW_ERR_SYNTAX)
				fprintf(stderr, "rfc3339 %s accepted\n", b3[k]);
			CHECK(r == AW_ERR_SYNTAX);
		}
	}
}

int main(void)
{
	test_fixtures();
	test_errors();
	test_buffers();
	test_request();
	test_urls();
	test_redirect();
	test_backoff();
	test_types();
	test_dates();
	return aw_test_report("http");
}
