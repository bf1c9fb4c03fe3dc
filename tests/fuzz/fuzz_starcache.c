/*
 * fuzz_starcache.c - libFuzzer harness for the star cache record decoder
 * (aw_starcache): the first byte picks a chunk size (its high bit: first
 * put the right CRC into an end line "end N XXXXXXXX", so that the line
 * checks are reached past the checksum), the rest is the record. It is loaded whole, in chunks of that size and byte by byte:
 * the result and the table (as aw_starcache_save writes it) must be
 * identical. A record that loads is written, and what is written must
 * load and be written again byte for byte. Loading only some wanted
 * repositories must accept and refuse the same records. Any crash,
 * sanitizer report or abort() is a bug.
 */
#include "aw_starcache.h"
#include "aw_sha1.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static aw_starcache_ctx a, b;
static char in[1u << 16];
static char out_a[AW_STARCACHE_RECORD_MAX], out_b[AW_STARCACHE_RECORD_MAX];

static int load(aw_starcache_ctx *s, int mode, const char *p, size_t n, size_t step)
{
	size_t i;
	aw_starcache_init(s);
	if (mode == AW_STARCACHE_LOAD_WANTED) {
		aw_starcache_want(s, "ligurio", 7, "awesome-ci", 10);
		aw_starcache_want(s, "o", 1, "r", 1);
	}
	aw_starcache_load_begin(s, mode);
	for (i = 0; i < n; i += step)
		aw_starcache_load_feed(s, p + i, n - i < step ? n - i : step);
	return aw_starcache_load_end(s);
}

static size_t save(const aw_starcache_ctx *s, char *out)
{
	aw_buf buf;
	aw_sink k;
	aw_buf_init(&buf, out, AW_STARCACHE_RECORD_MAX);
	aw_sink_buf(&k, &buf);
	if (aw_starcache_save(s, &k))
		abort();                  /* a table always fits its record size */
	return buf.len;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *p;
	size_t step, na, nb;
	int ra, rb, rw;

	if (size < 1)
		return 0;
	step = data[0] & 0x7f ? data[0] & 0x7f : 1;
	p = (const char *)data + 1;
	size--;
	if ((data[0] & 0x80) && size >= 15 && size <= sizeof in) {
		/* the last end line: "\nend " ... " " 8 hex "\n" */
		size_t e = size - 10, k;
		memcpy(in, p, size);
		p = in;
		while (e > 4 && memcmp(in + e - 5, "\nend ", 5))
			e--;
		if (e > 4 && in[size - 10] == ' ' && in[size - 1] == '\n') {
			uint32_t crc = aw_crc32(0, in, e - 4);
			for (k = 0; k < 8; k++)
				in[size - 9 + k] = "0123456789abcdef"[crc >> (28 - 4 * k) & 15u];
		}
	}

	ra = load(&a, AW_STARCACHE_LOAD_ALL, p, size, size ? size : 1);
	na = save(&a, out_a);
	rb = load(&b, AW_STARCACHE_LOAD_ALL, p, size, step);
	nb = save(&b, out_b);
	if (ra != rb || a.n != b.n || na != nb || memcmp(out_a, out_b, na))
		abort();
	rb = load(&b, AW_STARCACHE_LOAD_ALL, p, size, 1);
	nb = save(&b, out_b);
	if (ra != rb || na != nb || memcmp(out_a, out_b, na))
		abort();
	if (ra != AW_OK && ra != AW_ERR_SYNTAX && ra != AW_ERR_FULL)
		abort();
	rw = load(&b, AW_STARCACHE_LOAD_WANTED, p, size, step);
	if ((ra == AW_OK && rw != AW_OK) || (ra == AW_ERR_SYNTAX && rw != AW_ERR_SYNTAX))
		abort();
	if (ra != AW_OK)
		return 0;
	/* what was loaded, written, loads and writes the same again */
	if (load(&b, AW_STARCACHE_LOAD_ALL, out_a, na, step) != AW_OK || b.n != a.n)
		abort();
	nb = save(&b, out_b);
	if (na != nb || memcmp(out_a, out_b, na))
		abort();
	return 0;
}
