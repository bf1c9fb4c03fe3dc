/*
 * test_httpd.c - the HTTP/1.1 request parser (aw_httpd): well-formed
 * requests fed whole, byte by byte and in odd chunks give the same result;
 * every limit and syntax error gives its status; pipelined requests;
 * If-None-Match matching; the response head.
 */
#include <stdio.h>
#include <string.h>

#include "aw_httpd.h"
#include "aw_test.h"

static aw_httpd h;

/* feed `req` in chunks of `step` bytes; returns the final rc, *used_total */
static int run(const char *req, size_t len, size_t step, size_t *total)
{
	size_t off = 0;
	int rc = AW_HTTPD_MORE;

	aw_httpd_init(&h);
	*total = 0;
	while (off < len) {
		size_t n = len - off < step ? len - off : step, used = 0;
		rc = aw_httpd_feed(&h, req + off, n, &used);
		off += used;
		*total = off;
		if (rc != AW_HTTPD_MORE)
			return rc;
		if (used != n)
			return -100;
	}
	return rc;
}

static void expect_status(const char *name, const char *req, size_t len, int status)
{
	size_t steps[] = {1, 3, 7, 64, 100000}, i, t;
	for (i = 0; i < sizeof steps / sizeof steps[0]; i++) {
		int rc = run(req, len, steps[i], &t);
		if (status == 200) {
			CHECKM(rc == AW_HTTPD_DONE, "%s (step %zu): rc %d status %d", name, steps[i], rc,
			      h.status);
		} else {
			CHECKM(rc < 0 && h.status == status, "%s (step %zu): rc %d status %d, want %d",
			      name, steps[i], rc, h.status, status);
		}
	}
}

#define REQ(s) (s), sizeof(s) - 1

static char big[200000];

int main(void)
{
	size_t t, l;
	const char *v;
	int rc, i;

	/* a plain GET, every chunking */
	expect_status("get", REQ("GET /a/b?x=1 HTTP/1.1\r\nHost: x\r\nIf-None-Match: \"ab\"\r\n\r\n"), 200);
	rc = run(REQ("GET /a/b?x=1 HTTP/1.1\r\nHost: x\r\nIf-None-Match:  \"ab\" \r\n\r\n"), 5, &t);
	v = aw_httpd_target(&h, &l);
	CHECKM(rc == AW_HTTPD_DONE && l == 8 && !memcmp(v, "/a/b?x=1", 8), "target");
	v = aw_httpd_method(&h, &l);
	CHECKM(l == 3 && !memcmp(v, "GET", 3), "method");
	v = aw_httpd_header(&h, "IF-NONE-MATCH", &l);
	CHECKM(v && l == 4 && !memcmp(v, "\"ab\"", 4), "header value trimmed: '%.*s'", (int)l, v ? v : "");
	CHECKM(h.keep_alive == 1 && h.version == 11 && !h.head_only, "keep-alive default 1.1");
	CHECKM(!aw_httpd_header(&h, "cookie", &l), "absent header");

	/* bare LF, HTTP/1.0 (no Host needed), HEAD, Connection */
	expect_status("lf", REQ("GET / HTTP/1.0\n\n"), 200);
	rc = run(REQ("HEAD / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"), 100, &t);
	CHECKM(rc == AW_HTTPD_DONE && h.head_only && h.keep_alive == 1, "1.0 keep-alive HEAD");
	rc = run(REQ("GET / HTTP/1.1\r\nHost: a\r\nConnection: foo, Close\r\n\r\n"), 100, &t);
	CHECKM(rc == AW_HTTPD_DONE && h.keep_alive == 0, "Connection: close in a list");
	expect_status("leading CRLF", REQ("\r\n\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n"), 200);
	expect_status("absolute-form", REQ("GET http://a/b HTTP/1.1\r\nHost: a\r\n\r\n"), 200);

	/* a body is skipped, and the next request starts right after it */
	{
		static const char two[] = "POST /x HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhello"
					  "GET /y HTTP/1.1\r\nHost: a\r\n\r\n";
		size_t used = 0, off;
		aw_httpd_init(&h);
		rc = aw_httpd_feed(&h, two, sizeof two - 1, &used);
		CHECKM(rc == AW_HTTPD_DONE && h.content_length == 5 &&
		      used == strlen("POST /x HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhello"),
		      "first of two: rc %d used %zu", rc, used);
		off = used;
		aw_httpd_reset(&h);
		CHECKM(aw_httpd_idle(&h), "idle after reset");
		rc = aw_httpd_feed(&h, two + off, sizeof two - 1 - off, &used);
		v = aw_httpd_target(&h, &l);
		CHECKM(rc == AW_HTTPD_DONE && l == 2 && !memcmp(v, "/y", 2), "second of two");
	}

	/* malformed: 400 */
	expect_status("no version", REQ("GET /\r\n\r\n"), 400);
	expect_status("two spaces", REQ("GET  / HTTP/1.1\r\nHost: a\r\n\r\n"), 400);
	expect_status("bad method char", REQ("G(T / HTTP/1.1\r\nHost: a\r\n\r\n"), 400);
	expect_status("relative target", REQ("GET a HTTP/1.1\r\nHost: a\r\n\r\n"), 400);
	expect_status("lowercase version", REQ("GET / http/1.1\r\nHost: a\r\n\r\n"), 400);
	expect_status("no host", REQ("GET / HTTP/1.1\r\n\r\n"), 400);
	expect_status("two hosts", REQ("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n"), 400);
	expect_status("space before colon", REQ("GET / HTTP/1.1\r\nHost : a\r\n\r\n"), 400);
	expect_status("obs-fold", REQ("GET / HTTP/1.1\r\nHost: a\r\nX: a\r\n b\r\n\r\n"), 400);
	expect_status("no colon", REQ("GET / HTTP/1.1\r\nHost: a\r\nX\r\n\r\n"), 400);
	expect_status("ctl in value", REQ("GET / HTTP/1.1\r\nHost: a\r\nX: a\001b\r\n\r\n"), 400);
	expect_status("bare CR", REQ("GET / HTTP/1.1\r\nHost: a\rX: b\r\n\r\n"), 400);
	expect_status("NUL", REQ("GET /\0 HTTP/1.1\r\nHost: a\r\n\r\n"), 400);
	expect_status("bad length", REQ("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 1x\r\n\r\n"), 400);
	expect_status("two lengths", REQ("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 1\r\n"
					 "Content-Length: 2\r\n\r\nab"), 400);
	expect_status("many empty lines", REQ("\r\n\r\n\r\n\r\n\r\n\r\nGET / HTTP/1.1\r\n\r\n"), 400);
	/* 501 / 505 */
	expect_status("chunked", REQ("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"), 501);
	expect_status("http/2", REQ("GET / HTTP/2.0\r\nHost: a\r\n\r\n"), 505);
	/* limits: 413, 414, 431 */
	expect_status("big body", REQ("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 65537\r\n\r\n"), 413);
	expect_status("huge length", REQ("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 99999999999999999999999\r\n\r\n"), 413);
	memcpy(big, "GET /", 5);
	memset(big + 5, 'a', AW_HTTPD_LINE_MAX);
	memcpy(big + 5 + AW_HTTPD_LINE_MAX, " HTTP/1.1\r\nHost: a\r\n\r\n", 23);
	expect_status("long target", big, 5 + AW_HTTPD_LINE_MAX + 23, 414);
	{
		size_t n = 0;
		n += (size_t)sprintf(big, "GET / HTTP/1.1\r\nHost: a\r\n");
		for (i = 0; i < AW_HTTPD_HEADERS_MAX + 1; i++)
			n += (size_t)sprintf(big + n, "X-%d: %d\r\n", i, i);
		n += (size_t)sprintf(big + n, "\r\n");
		expect_status("too many headers", big, n, 431);
		n = (size_t)sprintf(big, "GET / HTTP/1.1\r\nHost: a\r\nX: ");
		memset(big + n, 'v', AW_HTTPD_HEAD_MAX);
		n += AW_HTTPD_HEAD_MAX;
		n += (size_t)sprintf(big + n, "\r\n\r\n");
		expect_status("huge header", big, n, 431);
		/* exactly the limit of fields is fine */
		n = 0;
		n += (size_t)sprintf(big, "GET / HTTP/1.1\r\nHost: a\r\n");
		for (i = 0; i < AW_HTTPD_HEADERS_MAX - 1; i++)
			n += (size_t)sprintf(big + n, "X-%d: %d\r\n", i, i);
		n += (size_t)sprintf(big + n, "\r\n");
		expect_status("headers at the limit", big, n, 200);
	}
	/* after an error the parser stays in error */
	{
		size_t used;
		run(REQ("BAD\r\n"), 100, &t);
		rc = aw_httpd_feed(&h, "GET / HTTP/1.1\r\n\r\n", 18, &used);
		CHECKM(rc < 0 && h.status == 400, "sticky error");
	}

	/* If-None-Match */
	CHECKM(aw_httpd_etag_match("\"abc\"", 5, "\"abc\""), "etag equal");
	CHECKM(aw_httpd_etag_match("W/\"abc\"", 7, "\"abc\""), "etag weak");
	CHECKM(aw_httpd_etag_match("\"x\", \"abc\"", 10, "\"abc\""), "etag list");
	CHECKM(aw_httpd_etag_match("*", 1, "\"abc\""), "etag star");
	CHECKM(!aw_httpd_etag_match("\"abcd\"", 6, "\"abc\""), "etag longer");
	CHECKM(!aw_httpd_etag_match("abc", 3, "\"abc\""), "etag unquoted");
	CHECKM(!aw_httpd_etag_match("\"ab", 3, "\"ab\""), "etag unterminated");
	CHECKM(!aw_httpd_etag_match("", 0, "\"abc\""), "etag empty");

	/* response head */
	{
		static char out[1024];
		size_t n = 0;
		int sink(void *u, const char *p, size_t k);
		aw_sink so;
		(void)n;
		aw_sink_init(&so, sink, out);
		CHECKM(aw_httpd_response_head(99, NULL, 0, NULL, NULL, 1, &so) == AW_ERR_ARG,
		      "status range");
		out[0] = 0;
		CHECKM(aw_httpd_response_head(304, NULL, 0, "\"e\"", NULL, 0, &so) == AW_OK, "304");
		CHECKM(!strncmp(out, "HTTP/1.1 304 Not Modified\r\n", 27) && strstr(out, "ETag: \"e\"\r\n") &&
		      strstr(out, "Connection: close\r\n") && strstr(out, "\r\n\r\n"), "head: %s", out);
		CHECKM(!strcmp(aw_httpd_reason(431), "Request Header Fields Too Large"), "reason 431");
	}
	return aw_test_report("httpd");
}

int sink(void *u, const char *p, size_t k)
{
	char *out = u;
	size_t n = strlen(out);
	if (n + k >= 1024)
		return 1;
	memcpy(out + n, p, k);
	out[n + k] = 0;
	return 0;
}
