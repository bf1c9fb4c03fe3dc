/*
 * aw_png.h - 1-bit images out of a framebuffer (aw_font.h), streamed into
 * a sink: PNG (grayscale, bit depth 1, uncompressed "stored" deflate
 * blocks, CRC-32 and Adler-32 computed here) and PBM P4.
 *
 * Nothing is buffered beyond a few dozen bytes: the encoder knows every
 * length up front (stored blocks), so the rows are written as they come
 * and a board can send an image straight to a socket or a file.
 */
#ifndef AW_PNG_H
#define AW_PNG_H

#include "aw.h"
#include "aw_font.h"

typedef struct aw_png_ctx {
	aw_sink_fn sink;
	void *user;
	uint32_t w, h, stride;
	int invert;          /* flip every pixel bit */
	uint32_t crc;        /* CRC-32 of the open chunk */
	uint32_t a, b;       /* Adler-32 halves of the image data */
	uint32_t rows;       /* rows written */
	uint32_t block_left; /* bytes left in the open stored block */
	uint32_t raw_left;   /* image-data bytes still to come */
	int err;
} aw_png_ctx;

/*
 * Start a w x h PNG (1 <= w, h <= AW_FONT_FB_SIDE_MAX). Rows are given in the
 * aw_font_fb layout ((w + 7) / 8 bytes, bit 7 = leftmost, 1 = ink); the PNG
 * is grayscale where 0 is black, so invert = 1 gives black ink on white
 * (what aw_png_write_fb uses) and invert = 0 writes the bits as they
 * are. Writes the signature, IHDR and the IDAT chunk's header.
 * Returns AW_OK, AW_ERR_ARG (size, sink) or AW_ERR_ABORT (sink).
 */
int aw_png_begin(aw_png_ctx *p, unsigned w, unsigned h, int invert, aw_sink_fn sink,
		 void *user);
/* One row of `stride` bytes (padding bits are written as 0). Returns
 * AW_OK, AW_ERR_STATE (all h rows already written, or an earlier error)
 * or AW_ERR_ABORT. */
int aw_png_row(aw_png_ctx *p, const uint8_t *row);
/* Finish (Adler-32, IDAT CRC, IEND). AW_ERR_STATE when rows are
 * missing. */
int aw_png_end(aw_png_ctx *p);

/* The whole framebuffer as a PNG (ink black on white) / a PBM P4 (the
 * raster as it is: 1 = black). Same returns. */
int aw_png_write_fb(const aw_font_fb *fb, aw_sink_fn sink, void *user);
int aw_png_pbm_write_fb(const aw_font_fb *fb, aw_sink_fn sink, void *user);

/* Adler-32 (zlib), continued from adler (1 to start). CRC-32: aw_crc32
 * (aw_sha1.h). */
uint32_t aw_png_adler32(uint32_t adler, const void *p, size_t n);

#endif /* AW_PNG_H */
