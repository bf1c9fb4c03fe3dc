/*
 * aw_png.c - PNG (bit depth 1, grayscale, stored deflate blocks) and PBM
 * P4 writers for 1-bit framebuffers, streaming into a sink.
 *
 * Stored blocks make every length known before the data, so there is no
 * output buffer: IDAT is one chunk whose length is computed from w and h,
 * and block headers are inserted as the row bytes cross 65,535-byte
 * boundaries. CRC-32 is the core's one (aw_crc32, aw_sha1.h).
 * Deliberately not done: compression (an 400x300 digest is 15 KB either
 * way), colour, interlacing, reading PNGs.
 */
#include "aw_png.h"
#include "aw_sha1.h" /* aw_crc32 */

#include <string.h>

uint32_t aw_png_adler32(uint32_t adler, const void *p, size_t n)
{
	const uint8_t *s = p;
	uint32_t a = adler & 0xffffu, b = adler >> 16;

	while (n) {
		size_t k = n < 5552 ? n : 5552; /* no 32-bit overflow before the mod */
		n -= k;
		while (k--) {
			a += *s++;
			b += a;
		}
		a %= 65521u;
		b %= 65521u;
	}
	return b << 16 | a;
}

static void be32(uint8_t *d, uint32_t v)
{
	d[0] = (uint8_t)(v >> 24);
	d[1] = (uint8_t)(v >> 16);
	d[2] = (uint8_t)(v >> 8);
	d[3] = (uint8_t)v;
}

/* bytes into the sink, counted in the open chunk's CRC */
static void out(aw_png_ctx *p, const uint8_t *d, size_t n)
{
	if (p->err || !n)
		return;
	p->crc = aw_crc32(p->crc, d, n);
	if (p->sink(p->user, (const char *)d, n))
		p->err = AW_ERR_ABORT;
}

/* chunk header: length (not in the CRC), type (in it) */
static void chunk_begin(aw_png_ctx *p, uint32_t len, const char *type)
{
	uint8_t h[4];
	be32(h, len);
	if (!p->err && p->sink(p->user, (const char *)h, 4))
		p->err = AW_ERR_ABORT;
	p->crc = 0;
	out(p, (const uint8_t *)type, 4);
}

static void chunk_end(aw_png_ctx *p)
{
	uint8_t c[4];
	be32(c, p->crc);
	if (!p->err && p->sink(p->user, (const char *)c, 4))
		p->err = AW_ERR_ABORT;
}

/* image data (zlib payload), with stored-block headers where needed */
static void raw(aw_png_ctx *p, const uint8_t *d, size_t n)
{
	while (n && !p->err) {
		size_t k;
		if (!p->block_left) {
			uint32_t len = p->raw_left < 65535u ? p->raw_left : 65535u;
			uint8_t h[5];
			h[0] = len == p->raw_left; /* BFINAL, BTYPE 00 */
			h[1] = (uint8_t)len;
			h[2] = (uint8_t)(len >> 8);
			h[3] = (uint8_t)~len;
			h[4] = (uint8_t)(~len >> 8);
			out(p, h, 5);
			p->block_left = len;
		}
		k = n < p->block_left ? n : p->block_left;
		out(p, d, k);
		p->a = aw_png_adler32(p->b << 16 | p->a, d, k);
		p->b = p->a >> 16;
		p->a &= 0xffffu;
		p->block_left -= (uint32_t)k;
		p->raw_left -= (uint32_t)k;
		d += k;
		n -= k;
	}
}

int aw_png_begin(aw_png_ctx *p, unsigned w, unsigned h, int invert, aw_sink_fn sink,
		 void *user)
{
	static const uint8_t sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
	uint8_t ihdr[13];
	uint32_t rawn, blocks;

	memset(p, 0, sizeof *p);
	p->err = AW_ERR_STATE;
	if (!sink || !aw_font_fb_size(w, h))
		return AW_ERR_ARG;
	p->err = AW_OK;
	p->sink = sink;
	p->user = user;
	p->w = w;
	p->h = h;
	p->stride = (w + 7u) / 8u;
	p->invert = invert != 0;
	p->a = 1;
	rawn = h * (p->stride + 1u);          /* <= 4096 * 513: no overflow */
	blocks = (rawn + 65534u) / 65535u;
	p->raw_left = rawn;
	if (sink(user, (const char *)sig, 8))
		return p->err = AW_ERR_ABORT;
	be32(ihdr, w);
	be32(ihdr + 4, h);
	ihdr[8] = 1;  /* bit depth */
	ihdr[9] = 0;  /* grayscale */
	ihdr[10] = 0; /* deflate */
	ihdr[11] = 0; /* filter method 0 */
	ihdr[12] = 0; /* no interlace */
	chunk_begin(p, 13, "IHDR");
	out(p, ihdr, 13);
	chunk_end(p);
	/* zlib header (CM 8, 32K window, FCHECK: 0x7801 % 31 == 0) + blocks
	 * (5-byte headers) + data + Adler-32 */
	chunk_begin(p, 2u + 5u * blocks + rawn + 4u, "IDAT");
	out(p, (const uint8_t *)"\x78\x01", 2);
	return p->err;
}

int aw_png_row(aw_png_ctx *p, const uint8_t *row)
{
	uint8_t tmp[64];
	uint32_t i = 0;
	uint8_t last_mask = (uint8_t)(0xffu << ((8u - (p->w & 7u)) & 7u));

	if (p->err)
		return p->err;
	if (p->rows >= p->h)
		return p->err = AW_ERR_STATE;
	tmp[0] = 0; /* filter type None */
	raw(p, tmp, 1);
	while (i < p->stride) {
		uint32_t k = 0;
		for (; k < sizeof tmp && i < p->stride; k++, i++) {
			uint8_t v = p->invert ? (uint8_t)~row[i] : row[i];
			tmp[k] = i + 1 == p->stride ? (uint8_t)(v & last_mask) : v;
		}
		raw(p, tmp, k);
	}
	p->rows++;
	return p->err;
}

int aw_png_end(aw_png_ctx *p)
{
	uint8_t a[4];

	if (p->err)
		return p->err;
	if (p->rows != p->h)
		return p->err = AW_ERR_STATE;
	be32(a, p->b << 16 | p->a);
	out(p, a, 4);
	chunk_end(p);
	chunk_begin(p, 0, "IEND");
	chunk_end(p);
	if (p->err)
		return p->err;
	p->err = AW_ERR_STATE; /* finished: no more rows */
	return AW_OK;
}

int aw_png_write_fb(const aw_font_fb *fb, aw_sink_fn sink, void *user)
{
	aw_png_ctx p;
	int rc;
	unsigned y;

	if (!fb || !fb->px)
		return AW_ERR_ARG;
	if ((rc = aw_png_begin(&p, fb->w, fb->h, 1, sink, user)))
		return rc;
	for (y = 0; y < fb->h; y++)
		if ((rc = aw_png_row(&p, fb->px + (size_t)y * fb->stride)))
			return rc;
	return aw_png_end(&p);
}

int aw_png_pbm_write_fb(const aw_font_fb *fb, aw_sink_fn sink, void *user)
{
	char hdr[32];
	aw_buf b;
	unsigned y;

	if (!fb || !fb->px || !sink)
		return AW_ERR_ARG;
	aw_buf_init(&b, hdr, sizeof hdr);
	aw_buf_puts(&b, "P4\n");
	aw_buf_putu(&b, fb->w);
	aw_buf_putc(&b, ' ');
	aw_buf_putu(&b, fb->h);
	aw_buf_putc(&b, '\n');
	if (sink(user, b.p, b.len))
		return AW_ERR_ABORT;
	for (y = 0; y < fb->h; y++)
		if (sink(user, (const char *)fb->px + (size_t)y * fb->stride, fb->stride))
			return AW_ERR_ABORT;
	return AW_OK;
}
