/*
 * fuzz_fsrc.c - libFuzzer harness for the feed source's record loader
 * (aw_fsrc_load_*, on the state decoder): byte 0 picks the chunk size (low
 * 7 bits) and whether the last 4 bytes are replaced by the CRC-32 of the
 * rest (high bit: reaches the checks behind the checksum), byte 1 the
 * `keep`; the rest is the record of "feed:fuzz". Whole and chunked loads
 * must agree; a record that loads is saved, and that must load and save
 * to the same bytes; rendering it into a store must succeed or say FULL.
 * Any crash, sanitizer report or abort() is a bug.
 */
#include "aw_fsrc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static aw_fsrc_ctx p;
static aw_state_dec d;
static aw_store_ctx st;
static uint8_t out[2][1 << 20];
static size_t outlen[2];
static int which;
static uint8_t fixed[1 << 16];

static int wr(void *user, const void *b, size_t n)
{
	(void)user;
	if (n > sizeof out[which] - outlen[which])
		return 1;
	memcpy(out[which] + outlen[which], b, n);
	outlen[which] += n;
	return 0;
}

static int load(const uint8_t *b, size_t n, size_t chunk, unsigned keep)
{
	size_t at = 0;
	int r = AW_OK;
	if (aw_fsrc_init(&p, "feed:fuzz", "https://fuzz.test/rss", keep, 1800000000))
		abort();
	aw_fsrc_load_begin(&p, &d);
	while (at < n && r == AW_OK) {
		size_t m = n - at < chunk ? n - at : chunk;
		r = aw_fsrc_load_feed(&p, b + at, m);
		at += m;
	}
	{
		int r2 = aw_fsrc_load_end(&p);
		return r ? r : r2;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *b = data + 2;
	size_t n;
	unsigned keep;
	int r1, r2;

	if (size < 2)
		return 0;
	n = size - 2;
	keep = (unsigned)data[1] % AW_FSRC_ENTRIES_MAX + 1;
	if ((data[0] & 0x80) && n >= 4 && n <= sizeof fixed) {
		uint32_t crc = aw_crc32(0, b, n - 4);
		memcpy(fixed, b, n - 4);
		fixed[n - 4] = (uint8_t)crc;
		fixed[n - 3] = (uint8_t)(crc >> 8);
		fixed[n - 2] = (uint8_t)(crc >> 16);
		fixed[n - 1] = (uint8_t)(crc >> 24);
		b = fixed;
	}
	r1 = load(b, n, n ? n : 1, keep);
	r2 = load(b, n, (size_t)(data[0] & 0x7f) + 1, keep);
	if (r1 != r2 || (r1 == AW_OK) != (p.have_state != 0))
		abort();
	if (r1 != AW_OK)
		return 0;
	aw_store_init(&st);
	r1 = aw_fsrc_render(&p, &st);
	if (r1 != AW_OK && r1 != AW_ERR_FULL)
		abort();
	which = 0;
	outlen[0] = 0;
	if (aw_fsrc_save(&p, wr, NULL))
		return 0; /* larger than the output buffer */
	if (load(out[0], outlen[0], 13, keep) != AW_OK)
		abort(); /* what is saved loads */
	which = 1;
	outlen[1] = 0;
	if (aw_fsrc_save(&p, wr, NULL) || outlen[1] != outlen[0] ||
	    memcmp(out[0], out[1], outlen[0]))
		abort(); /* and saves to the same bytes */
	return 0;
}
