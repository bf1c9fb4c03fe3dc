/*
 * fuzz_httpd.c - libFuzzer harness for the HTTP/1.1 request parser
 * (aw_httpd): the first byte picks the chunk size, the rest is a stream of
 * requests fed in those chunks; after each complete request the parser is
 * reset and fed the rest (pipelining). Checked on the way: consumed bytes
 * never exceed what was fed, a complete request's method / target / field
 * values lie inside the parser's buffer, an error always names a 4xx/5xx
 * status, and the same stream fed whole gives the same sequence of
 * results. The If-None-Match matcher gets the same bytes. Run with
 * `make fuzz` (clang, ASan + UBSan).
 */
#include "aw_httpd.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static aw_httpd h;

/* results of one run: DONE count, final rc and status */
typedef struct res {
	unsigned done;
	int rc, status;
	unsigned long long sum;   /* of target lengths, a cheap fingerprint */
} res;

static void inside(const char *p, size_t n)
{
	if (n && (p < h.head || p + n > h.head + h.head_len))
		abort();
}

static res run(const uint8_t *d, size_t n, size_t step)
{
	res r = {0, AW_HTTPD_MORE, 0, 0};
	size_t off = 0;

	aw_httpd_init(&h);
	while (off < n) {
		size_t k = n - off < step ? n - off : step, used = 0;
		int rc = aw_httpd_feed(&h, (const char *)d + off, k, &used);
		if (used > k)
			abort();
		if (rc == AW_HTTPD_DONE) {
			size_t l, i;
			const char *p = aw_httpd_method(&h, &l);
			inside(p, l);
			p = aw_httpd_target(&h, &l);
			inside(p, l);
			r.sum += l;
			for (i = 0; i < h.n_fields; i++) {
				inside(h.head + h.field[i].name_off, h.field[i].name_len);
				inside(h.head + h.field[i].val_off, h.field[i].val_len);
			}
			p = aw_httpd_header(&h, "if-none-match", &l);
			if (p) {
				inside(p, l);
				(void)aw_httpd_etag_match(p, l, "\"abc\"");
			}
			r.done++;
			off += used;
			aw_httpd_reset(&h);
			continue;
		}
		if (rc < 0) {
			if (h.status < 400 || h.status > 599)
				abort();
			r.rc = rc;
			r.status = h.status;
			return r;
		}
		if (used != k)
			abort();
		off += used;
	}
	return r;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	res a, b;
	size_t step;

	if (size < 1)
		return 0;
	step = (size_t)data[0] % 64 + 1;
	a = run(data + 1, size - 1, step);
	b = run(data + 1, size - 1, size);
	if (a.done != b.done || a.rc != b.rc || a.status != b.status || a.sum != b.sum)
		abort();
	(void)aw_httpd_etag_match((const char *)data + 1, size - 1, "W/\"x\"");
	return 0;
}
