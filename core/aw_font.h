/*
 * aw_font.h - 1-bit framebuffers and the built-in bitmap fonts: what the
 * bitmap digest (aw_display.h) draws with, the same on a desktop and on a
 * board's e-paper or OLED buffer.
 *
 * Framebuffer layout (aw_font_fb): 1 bit per pixel, row-major, rows top to
 * bottom, each row `stride` = (w + 7) / 8 bytes, bit 7 of a byte = the
 * leftmost of its 8 pixels, bit set = ink (black on e-paper, lit on an
 * OLED). Padding bits at the end of a row stay 0. This is exactly the
 * raster of a PBM P4 image and of many SSD1675/IL0398 e-paper controllers
 * ("horizontal" addressing); a page-addressed SSD1306 needs a transpose.
 *
 * The buffer belongs to the caller; nothing here writes outside
 * [px, px + stride * h). Drawing clips at the edges.
 */
#ifndef AW_FONT_H
#define AW_FONT_H

#include "aw.h"

/* A fixed-cell font: glyph i (code point cp[i], ascending) is h bytes at
 * bits + i * h, one per row, bit 7 = leftmost pixel (w <= 8). */
typedef struct aw_font {
	uint8_t w, h;        /* cell size in pixels */
	uint8_t ascent;      /* baseline: rows above it */
	uint16_t n;          /* glyphs */
	const uint16_t *cp;  /* their code points, ascending */
	const uint8_t *bits;
} aw_font;

/* X.Org misc-fixed (public domain): ASCII, Latin-1, Latin Extended-A,
 * general punctuation, a few arrows and U+FFFD. */
extern const aw_font aw_font_6x10;
extern const aw_font aw_font_6x13;

/* Glyph rows of code point cp, or NULL when the font lacks it. */
const uint8_t *aw_font_glyph(const aw_font *f, uint32_t cp);

typedef struct aw_font_fb {
	uint8_t *px;       /* caller's storage */
	size_t stride;     /* bytes per row */
	uint16_t w, h;     /* pixels */
} aw_font_fb;

/* Bytes a w x h framebuffer needs ((w + 7) / 8 * h); 0 when w or h is 0
 * or larger than AW_FONT_FB_SIDE_MAX. */
size_t aw_font_fb_size(unsigned w, unsigned h);
/*
 * Attach `buf` (size bytes, caller-owned, must outlive fb) as a w x h
 * framebuffer and clear it. Returns AW_OK, AW_ERR_ARG (w or h 0 or above
 * AW_FONT_FB_SIDE_MAX, buf NULL) or AW_ERR_FULL (size < aw_font_fb_size(w, h));
 * fb is unusable (px NULL) after an error and buf is untouched.
 */
int aw_font_fb_init(aw_font_fb *fb, uint8_t *buf, size_t size, unsigned w, unsigned h);
/* Set every pixel to ink (1) or paper (0); padding bits stay 0. */
void aw_font_fb_clear(aw_font_fb *fb, int ink);
/* One pixel (clipped); 0/1 read-back. */
void aw_font_fb_set(aw_font_fb *fb, int x, int y, int ink);
int aw_font_fb_get(const aw_font_fb *fb, int x, int y);
/* A rectangle (clipped). */
void aw_font_fb_fill(aw_font_fb *fb, int x, int y, int w, int h, int ink);
/*
 * Draw the glyph of cp with its cell's top-left corner at (x, y): set
 * pixels get `ink`, the rest of the cell is left alone (so text on an
 * inked bar is drawn with ink 0). A code point the font lacks draws
 * U+FFFD (or nothing when the font has no U+FFFD either). Returns the
 * advance (f->w).
 */
int aw_font_draw(aw_font_fb *fb, const aw_font *f, int x, int y, uint32_t cp, int ink);

#endif /* AW_FONT_H */
