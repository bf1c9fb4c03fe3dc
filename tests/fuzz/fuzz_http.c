/*
 * fuzz_http.c - libFuzzer harness for the HTTP response parser: the first
 * byte picks the chunk size and HEAD, the rest is the response. The same
 * bytes are parsed whole and in chunks: status, framing, every kept header
 * value, the body bytes and the result must be identical (split
 * invariance). The tail of the input also goes through the URL resolver
 * and splitter. Any crash, sanitizer report or abort() is a bug.
 */
#include "aw_http.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static aw_http_ctx a, b;
static uint32_t sum[2];
static uint64_t nbody[2];

static int body(void *user, const char *p, size_t n)
{
	int k = user != NULL;
	size_t i;

	if (!n)
		abort();                          /* never called empty */
	for (i = 0; i < n; i++)
		sum[k] = sum[k] * 31 + (unsigned char)p[i];
	nbody[k] += n;
	return 0;
}

static int parse(aw_http_ctx *c, const char *p, size_t n, size_t chunk, int head, int k)
{
	size_t at = 0;
	int r = AW_OK;

	sum[k] = 0;
	nbody[k] = 0;
	aw_http_begin(c, head, body, NULL, k ? (void *)1 : NULL);
	while (at < n && r == AW_OK) {
		size_t m = n - at < chunk ? n - at : chunk;
		r = aw_http_feed(c, p + at, m);
		at += m;
	}
	if (r == AW_OK)
		r = aw_http_end(c);
	return r;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *p = (const char *)data + 1;
	size_t n, chunk;
	int head, r1, r2;

	if (size < 1)
		return 0;
	n = size - 1;
	chunk = (data[0] & 0x7f) + 1;
	head = data[0] >> 7;
	r1 = parse(&a, p, n, n ? n : 1, head, 0);
	r2 = parse(&b, p, n, chunk, head, 1);
	if (r1 != r2 || sum[0] != sum[1] || nbody[0] != nbody[1])
		abort();
	if (r1 == AW_OK || aw_http_headers_done(&a)) {
		if (a.status != b.status || a.body_mode != b.body_mode ||
		    a.content_length != b.content_length || strcmp(a.etag, b.etag) ||
		    strcmp(a.last_modified, b.last_modified) || strcmp(a.location, b.location) ||
		    strcmp(a.content_type, b.content_type) || a.retry_after != b.retry_after ||
		    a.retry_after_at != b.retry_after_at || a.max_age != b.max_age ||
		    a.ratelimit_remaining != b.ratelimit_remaining ||
		    a.ratelimit_reset != b.ratelimit_reset)
			abort();
		if (a.content_length >= 0 && a.body_mode == AW_HTTP_BODY_LENGTH && r1 == AW_OK &&
		    (int64_t)nbody[0] != a.content_length)
			abort();
		(void)aw_http_backoff(&a, 1700000000, data[0] & 15, 60, 3600);
	}
	/* resolver: base and reference from the input, split at the first NUL */
	{
		static char out[512];
		const char *z = memchr(p, 0, n);
		aw_buf o;
		aw_url u;
		if (z) {
			size_t bl = (size_t)(z - p);
			aw_buf_init(&o, out, sizeof out);
			if (aw_http_resolve(p, bl, z + 1, n - bl - 1, &o) == AW_OK) {
				if (o.len > sizeof out || aw_url_split(o.p, o.len, &u) != AW_OK)
					abort();          /* a resolved URL must split */
			}
			(void)aw_url_split(p, bl, &u);
		}
	}
	return 0;
}
