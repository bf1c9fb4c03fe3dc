/*
 * aw_sha1.c - SHA-1 per FIPS 180-4, byte-oriented and endian-neutral.
 * Small rather than fast: identities hash a few KB per commit. No
 * SHA-1 collision detection (not needed for identities).
 * Also CRC-32 (aw_crc32) by a 16-entry nibble table (64 bytes of
 * constants for small boards), shared by aw_state and aw_png.
 */
#include "aw_sha1.h"

#include <string.h>

#define ROL(x, n) (((x) << (n)) | ((x) >> (32 - (n))))

static void block(uint32_t h[5], const uint8_t *p)
{
	uint32_t w[16];
	uint32_t a, b, c, d, e, f, k, t;
	int i;

	for (i = 0; i < 16; i++)
		w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 |
		       (uint32_t)p[4 * i + 2] << 8 | (uint32_t)p[4 * i + 3];
	a = h[0]; b = h[1]; c = h[2]; d = h[3]; e = h[4];
	for (i = 0; i < 80; i++) {
		if (i >= 16) {
			/* 16-word ring instead of an 80-word schedule */
			t = w[(i + 13) & 15] ^ w[(i + 8) & 15] ^ w[(i + 2) & 15] ^ w[i & 15];
			w[i & 15] = ROL(t, 1);
		}
		if (i < 20) {
			f = (b & c) | (~b & d);
			k = 0x5a827999u;
		} else if (i < 40) {
			f = b ^ c ^ d;
			k = 0x6ed9eba1u;
		} else if (i < 60) {
			f = (b & c) | (b & d) | (c & d);
			k = 0x8f1bbcdcu;
		} else {
			f = b ^ c ^ d;
			k = 0xca62c1d6u;
		}
		t = ROL(a, 5) + f + e + k + w[i & 15];
		e = d;
		d = c;
		c = ROL(b, 30);
		b = a;
		a = t;
	}
	h[0] += a; h[1] += b; h[2] += c; h[3] += d; h[4] += e;
}

void aw_sha1_init(aw_sha1_ctx *ctx)
{
	ctx->h[0] = 0x67452301u;
	ctx->h[1] = 0xefcdab89u;
	ctx->h[2] = 0x98badcfeu;
	ctx->h[3] = 0x10325476u;
	ctx->h[4] = 0xc3d2e1f0u;
	ctx->count = 0;
}

void aw_sha1_update(aw_sha1_ctx *ctx, const void *data, size_t len)
{
	const uint8_t *p = (const uint8_t *)data;
	size_t fill = (size_t)(ctx->count & 63);

	ctx->count += len;
	if (fill) {
		size_t n = 64 - fill;
		if (n > len)
			n = len;
		memcpy(ctx->buf + fill, p, n);
		p += n;
		len -= n;
		if (fill + n < 64)
			return;
		block(ctx->h, ctx->buf);
	}
	while (len >= 64) {
		block(ctx->h, p);
		p += 64;
		len -= 64;
	}
	if (len)
		memcpy(ctx->buf, p, len);
}

void aw_sha1_final(aw_sha1_ctx *ctx, uint8_t out[20])
{
	uint64_t bits = ctx->count * 8;
	size_t fill = (size_t)(ctx->count & 63);
	int i;

	ctx->buf[fill++] = 0x80;
	if (fill > 56) {
		memset(ctx->buf + fill, 0, 64 - fill);
		block(ctx->h, ctx->buf);
		fill = 0;
	}
	memset(ctx->buf + fill, 0, 56 - fill);
	for (i = 0; i < 8; i++)
		ctx->buf[56 + i] = (uint8_t)(bits >> (56 - 8 * i));
	block(ctx->h, ctx->buf);
	for (i = 0; i < 20; i++)
		out[i] = (uint8_t)(ctx->h[i / 4] >> (24 - 8 * (i % 4)));
}

void aw_sha1_hex(const uint8_t d[20], char out[41])
{
	static const char hex[] = "0123456789abcdef";
	int i;

	for (i = 0; i < 20; i++) {
		out[2 * i] = hex[d[i] >> 4];
		out[2 * i + 1] = hex[d[i] & 15];
	}
	out[40] = '\0';
}

void aw_sha1(const void *data, size_t len, uint8_t out[20])
{
	aw_sha1_ctx c;

	aw_sha1_init(&c);
	aw_sha1_update(&c, data, len);
	aw_sha1_final(&c, out);
}

/* ---- CRC-32 ---- */

uint32_t aw_crc32(uint32_t crc, const void *p, size_t n)
{
	static const uint32_t t[16] = {
		0x00000000u, 0x1db71064u, 0x3b6e20c8u, 0x26d930acu,
		0x76dc4190u, 0x6b6b51f4u, 0x4db26158u, 0x5005713cu,
		0xedb88320u, 0xf00f9344u, 0xd6d6a3e8u, 0xcb61b38cu,
		0x9b64c2b0u, 0x86d3d2d4u, 0xa00ae278u, 0xbdbdf21cu
	};
	const uint8_t *b = p;

	crc = ~crc;
	while (n--) {
		crc ^= *b++;
		crc = (crc >> 4) ^ t[crc & 15];
		crc = (crc >> 4) ^ t[crc & 15];
	}
	return ~crc;
}
