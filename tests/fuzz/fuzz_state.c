/*
 * fuzz_state.c - libFuzzer harness for the state decoder: the first byte
 * picks the chunk size (low 7 bits) and whether the last 4 bytes are
 * replaced by the CRC-32 of the rest (high bit: lets mutations reach the
 * structure checks behind the checksum); the rest is a state file. A file that decodes is
 * encoded again from its records (the re-encoding must decode, and
 * encoding that again must give the same bytes), and whole vs chunked
 * decoding must agree. Any crash, sanitizer report or abort() is a bug.
 */
#include "aw_state.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static aw_state_dec d;
static aw_state_enc e;
static uint8_t out[2][1 << 20];
static size_t outlen[2];
static int which, over;
static uint8_t fixed[1 << 16];

static int wr(void *user, const void *p, size_t n)
{
	(void)user;
	if (n > sizeof out[which] - outlen[which]) {
		over = 1;
		return 1;
	}
	memcpy(out[which] + outlen[which], p, n);
	outlen[which] += n;
	return 0;
}

static int on_source(void *u, const aw_state_source *s)
{
	(void)u;
	if (aw_state_enc_source(&e, s) != AW_OK && !over)
		abort();
	return 0;
}

static int on_item(void *u, const aw_state_item *it)
{
	(void)u;
	if (aw_state_enc_item(&e, it) != AW_OK && !over)
		abort();
	return 0;
}

static int on_entry(void *u, const aw_state_entry *en)
{
	(void)u;
	if (aw_state_enc_entry(&e, en) != AW_OK && !over)
		abort();
	return 0;
}

static const aw_state_dec_fns fns = { on_source, on_item, on_entry };

static int decode(const uint8_t *p, size_t n, size_t chunk, int enc_to)
{
	size_t at = 0;
	int r = AW_OK;

	which = enc_to;
	outlen[which] = 0;
	over = 0;
	aw_state_enc_begin(&e, wr, NULL);
	aw_state_dec_init(&d, &fns, NULL);
	while (at < n && r == AW_OK) {
		size_t m = n - at < chunk ? n - at : chunk;
		r = aw_state_dec_feed(&d, p + at, m);
		at += m;
	}
	if (r == AW_OK)
		r = aw_state_dec_end(&d);
	if (r == AW_OK && aw_state_enc_end(&e) != AW_OK && !over)
		abort();                          /* decoded records must encode */
	return r;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *p = data + 1;
	size_t n;
	int r1, r2, why1;

	if (size < 1)
		return 0;
	n = size - 1;
	if ((data[0] & 0x80) && n >= 4 && n <= sizeof fixed) {
		uint32_t crc = aw_crc32(0, p, n - 4);
		memcpy(fixed, p, n - 4);
		fixed[n - 4] = (uint8_t)crc;
		fixed[n - 3] = (uint8_t)(crc >> 8);
		fixed[n - 2] = (uint8_t)(crc >> 16);
		fixed[n - 1] = (uint8_t)(crc >> 24);
		p = fixed;
	}
	r1 = decode(p, n, n ? n : 1, 0);
	why1 = d.why;
	r2 = decode(p, n, (size_t)(data[0] & 0x7f) + 1, 1);
	if (r1 != r2 || why1 != d.why)
		abort();
	if (r1 == AW_OK && !over) {
		static uint8_t copy[1 << 20];
		size_t cn = outlen[0];
		memcpy(copy, out[0], cn);
		if (decode(copy, cn, 7, 1) != AW_OK)
			abort();                  /* the re-encoding decodes */
		if (!over && (outlen[1] != cn || memcmp(out[1], copy, cn)))
			abort();                  /* and encodes to the same bytes */
	}
	return 0;
}
