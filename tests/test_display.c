/*
 * test_display.c - the small-display digest (aw_display), the framebuffer
 * and fonts (aw_font) and the PNG / PBM writers (aw_png_ctx):
 *
 * - widths against glibc's wcwidth (an independent implementation) for
 *   every code point, with the documented differences;
 * - exact layouts (header forms, wrapping, ellipsis, wide characters at a
 *   row's edge, combining marks, invalid UTF-8, control bytes, bidi);
 * - every cols x rows combination in 8..48 x 1..12, with every item_lines
 *   setting, UTF-8 and ASCII: exactly `rows` lines of exactly `cols`
 *   columns, valid UTF-8, no control or format characters, ASCII only in
 *   ASCII mode; the same output when the titles are fed 1 byte at a time
 *   and in random chunks;
 * - framebuffer guard bytes for the display sizes and odd ones, too-small
 *   sizes rejected; CRC-32 / Adler-32 check values; the PNG's stored
 *   blocks decoded here and compared with the framebuffer.
 */
#define _XOPEN_SOURCE 700
#include "aw_display.h"
#include "aw_png.h"
#include "aw_sha1.h"
#include "aw_store.h"
#include "aw_test.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#ifndef CHECK
#endif

/* ---- output capture ---- */

static char out[1 << 17];
static size_t out_len;

static int cap_sink(void *user, const char *p, size_t n)
{
	(void)user;
	if (out_len + n > sizeof out)
		return 1;
	memcpy(out + out_len, p, n);
	out_len += n;
	return 0;
}

/* 2022-01-19 12:00 UTC: ISO week 2022-W03 (Jan 17 - Jan 23) */
#define T0 1642593600

typedef struct {
	const char *name;
	const char *const *items;
	size_t n_items;
	int chunk;            /* 0 whole, 1 one byte, -1 random chunks */
	unsigned seed;
	int older;            /* an older period after 2 items */
} spec;

static int render(const aw_disp_cfg *cfg, const spec *s)
{
	static aw_disp_ctx d;
	size_t i;
	int rc;

	out_len = 0;
	if ((rc = aw_disp_text_init(&d, cfg, cap_sink, NULL)))
		return rc;
	if ((rc = aw_disp_header(&d, s->name, strlen(s->name), AW_DISP_WEEK, T0,
				 (unsigned long)s->n_items)))
		return rc;
	for (i = 0; i < s->n_items; i++) {
		const char *t = s->items[i];
		size_t n = strlen(t), k = 0;
		if (s->older && i == 2 && (rc = aw_disp_period(&d, AW_DISP_WEEK, T0 - 7 * 86400, 5)))
			return rc;
		if (!s->chunk) {
			if ((rc = aw_disp_item(&d, t, n)))
				return rc;
			continue;
		}
		if ((rc = aw_disp_item_begin(&d)))
			return rc;
		while (k < n) {
			size_t c = 1;
			if (s->chunk < 0) {
				unsigned seed = s->seed * 1103515245u + 12345u + (unsigned)k;
				c = 1 + (seed >> 16) % 7;
			}
			if (c > n - k)
				c = n - k;
			if ((rc = aw_disp_item_feed(&d, t + k, c)))
				return rc;
			k += c;
		}
		if ((rc = aw_disp_item_end(&d)))
			return rc;
	}
	return aw_disp_end(&d);
}

/* ---- independent checks of the output ---- */

static int have_wcwidth;

/* strict UTF-8 decode; -1 on an invalid sequence */
static long dec(const unsigned char *s, size_t n, size_t *len)
{
	unsigned c = s[0];
	long cp;
	size_t need, i;
	if (c < 0x80) {
		*len = 1;
		return c;
	}
	if (c >= 0xc2 && c <= 0xdf) { need = 1; cp = c & 0x1f; }
	else if (c >= 0xe0 && c <= 0xef) { need = 2; cp = c & 0x0f; }
	else if (c >= 0xf0 && c <= 0xf4) { need = 3; cp = c & 0x07; }
	else return -1;
	if (n < need + 1)
		return -1;
	for (i = 1; i <= need; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return -1;
		cp = cp << 6 | (s[i] & 0x3f);
	}
	if ((need == 2 && cp < 0x800) || (need == 3 && (cp < 0x10000 || cp > 0x10ffff)) ||
	    (cp >= 0xd800 && cp <= 0xdfff))
		return -1;
	*len = need + 1;
	return cp;
}

static int cp_width(long cp)
{
	if (have_wcwidth) {
		int w = wcwidth((wchar_t)cp);
		return w < 0 ? 99 : w;
	}
	return (int)aw_disp_width((uint32_t)cp);
}

/* every line: valid UTF-8, no controls / format characters, exactly cols
 * columns; exactly rows lines; ASCII only when asked */
static int grid_ok(const aw_disp_cfg *cfg, int ascii, char *why, size_t whyn)
{
	size_t i = 0, lines = 0;

	while (i < out_len) {
		size_t e = i;
		int w = 0;
		while (e < out_len && out[e] != '\n')
			e++;
		if (e == out_len) {
			snprintf(why, whyn, "line %zu has no newline", lines);
			return 0;
		}
		while (i < e) {
			size_t l;
			long cp = dec((const unsigned char *)out + i, e - i, &l);
			if (cp < 0) {
				snprintf(why, whyn, "line %zu: invalid UTF-8", lines);
				return 0;
			}
			if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || (cp >= 0x202a && cp <= 0x202e) ||
			    (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200b || cp == 0x200d ||
			    cp == 0xfeff) {
				snprintf(why, whyn, "line %zu: control/format U+%04lX", lines, cp);
				return 0;
			}
			if (ascii && cp > 0x7e) {
				snprintf(why, whyn, "line %zu: non-ASCII in ASCII mode", lines);
				return 0;
			}
			w += cp_width(cp);
			i += l;
		}
		if (w != (int)cfg->cols) {
			snprintf(why, whyn, "line %zu: %d columns, not %u", lines, w, cfg->cols);
			return 0;
		}
		i = e + 1;
		lines++;
	}
	if (lines != cfg->rows) {
		snprintf(why, whyn, "%zu lines, not %u", lines, cfg->rows);
		return 0;
	}
	return 1;
}

static const char *const titles[] = {
	"Plain ASCII title that is quite long and needs wrapping across rows",
	"Caf\xc3\xa9 cr\xc3\xa8me br\xc3\xbbl\xc3\xa9\x65 \xe2\x80\x94 d\xc3\xa9j\xc3\xa0 vu",
	"\xe4\xb8\xad\xe6\x96\x87\xe5\xad\x97\xe7\xac\xa6\xe6\xb5\x8b\xe8\xaf\x95\xe6\xa0\x87"
	"\xe9\xa2\x98\xe5\xbe\x88\xe9\x95\xbf\xe5\xbe\x88\xe9\x95\xbf",
	"Emoji \xf0\x9f\x98\x80\xf0\x9f\x8e\x89 party (\xe2\xad\x90" "1.2k)",
	"e\xcc\x81\xcc\x81 combining marks n\xcc\x83 a\xcc\x8a\xcc\x8a\xcc\x8a",
	"bad \xff\xfe utf8 \xc3 \xe2\x82 end \xed\xa0\x80 \xf4\x90\x80\x80 \xc0\xaf",
	"ctl\x01\x1b[31m\t\r\nbreak\x7f\xc2\x85" "del",
	"bidi \xe2\x80\xae" "desrever \xe2\x80\xac zw\xe2\x80\x8bsp \xef\xbb\xbf bom",
	"Supercalifragilisticexpialidocious_without_any_spaces_at_all_in_it",
	"\xef\xbc\xa6\xef\xbd\x95\xef\xbd\x8c\xef\xbd\x8c\xef\xbd\x97\xef\xbd\x89\xef\xbd\x84"
	"\xef\xbd\x94\xef\xbd\x88 letters",
	"\xed\x95\x9c\xea\xb5\xad\xec\x96\xb4 \xec\xa0\x9c\xeb\xaa\xa9",
	"",
	"   leading and trailing spaces   ",
	"a\xe4\xb8\xad" "b\xe4\xb8\xad" "c\xe4\xb8\xad" "d\xe4\xb8\xad" "e\xe4\xb8\xad"
	"f\xe4\xb8\xad" "g\xe4\xb8\xad",
};
#define N_TITLES (sizeof titles / sizeof titles[0])
static const char name[] = "Awesome \xc3\x9cn\xc3\xaf" "c\xc3\xb6" "d\xc3\xa9 \xe4\xb8\xad\xe6\x96\x87 List";

static void test_grid(void)
{
	unsigned cols, rows, il, fl, bad = 0, runs = 0, split_bad = 0;
	char why[128], whole[1 << 17];
	size_t whole_len;
	spec s = {name, titles, N_TITLES, 0, 0, 0};

	for (cols = AW_DISP_MIN_COLS; cols <= 48; cols++)
		for (rows = 1; rows <= 12; rows++)
			for (il = 0; il <= 3; il++)
				for (fl = 0; fl < 4; fl++) {
					aw_disp_cfg cfg = {cols, rows, il, fl & 1 ? AW_DISP_ASCII : 0, 0};
					int rc;
					s.chunk = 0;
					s.older = (fl & 2) != 0;
					rc = render(&cfg, &s);
					runs++;
					if (rc || !grid_ok(&cfg, (int)(fl & 1), why, sizeof why)) {
						if (bad++ < 5)
							fprintf(stderr, "grid %ux%u lines %u flags %u: %s\n",
								cols, rows, il, fl, rc ? aw_strerror(rc) : why);
						continue;
					}
					memcpy(whole, out, out_len);
					whole_len = out_len;
					s.chunk = (cols + rows) % 2 ? 1 : -1;
					s.seed = cols * 131u + rows * 7u + il;
					rc = render(&cfg, &s);
					if (rc || out_len != whole_len || memcmp(out, whole, out_len)) {
						if (split_bad++ < 5)
							fprintf(stderr, "split %ux%u lines %u flags %u differs\n",
								cols, rows, il, fl);
					}
				}
	printf("grid: %u layouts (8..48 x 1..12 x item_lines 0..3 x UTF-8/ASCII x older period), "
	       "%u bad, %u split differences\n", runs, bad, split_bad);
	CHECK(bad == 0);
	CHECK(split_bad == 0);
}

/* ---- exact layouts ---- */

static void expect(const char *label, const aw_disp_cfg *cfg, const char *nm,
		   const char *const *items, size_t n, const char *want)
{
	spec s = {nm, items, n, 0, 0, 0};
	int rc = render(cfg, &s);
	int ok = !rc && out_len == strlen(want) && !memcmp(out, want, out_len);
	CHECK(ok);
	if (!ok)
		fprintf(stderr, "%s: rc %d, got:\n%.*s---- want:\n%s----\n", label, rc, (int)out_len,
			out, want);
	/* the same, fed one byte at a time */
	s.chunk = 1;
	rc = render(cfg, &s);
	CHECK(!rc && out_len == strlen(want) && !memcmp(out, want, out_len));
}

static void test_exact(void)
{
	aw_disp_cfg c20x4 = {20, 4, 0, 0, 0}, c16x2 = {16, 2, 0, 0, 0};
	aw_disp_cfg c12x6 = {12, 6, 2, 0, 0}, c8x3 = {8, 3, 1, 0, 0};
	aw_disp_cfg a12x4 = {12, 4, 1, AW_DISP_ASCII, 0};
	aw_disp_cfg a12x4q = {12, 4, 1, AW_DISP_ASCII, '?'};
	aw_disp_cfg c40x3 = {40, 3, 1, 0, 0};
	const char *two[] = {"hello wonderful world again", "x"};
	const char *wrap[] = {"hello wonderful world again and again"};
	const char *wide[] = {"\xe4\xb8\xad\xe6\x96\x87\xe5\xad\x97\xe7\xac\xa6"}; /* 4 x 2 cols */
	const char *mark[] = {"e\xcc\x81te\xcc\x81 caf\xc3\xa9"};
	const char *bad[] = {"a\xff" "b\xc3" "c\xed\xa0\x80" "d\xf0\x9f\x98"};
	const char *ctl[] = {"a\tb\nc\x1b[1md\x7f" "e\xc2\x85" "f  g"};
	const char *fold[] = {"\xc3\x86on \xc3\x9f \xe2\x80\x9cq\xe2\x80\x9d \xe4\xb8\xad!"};
	const char *bidi[] = {"ab\xe2\x80\xae" "cd\xe2\x80\x8b" "ef\xef\xbb\xbf"};

	/* 4 rows: name, status, then one row per item */
	expect("20x4", &c20x4, "Awesome Test", two, 2,
	       "Awesome Test        \n"
	       "2022-W03: 2 new     \n"
	       "- hello wonderful w\xe2\x80\xa6\n"
	       "- x                 \n");
	/* 2 rows: the name shares its row with the short status */
	expect("16x2", &c16x2, "Awesome Linux Containers", two, 2,
	       "Awesome\xe2\x80\xa6  W03 +2\n"
	       "- hello wonderf\xe2\x80\xa6\n");
	/* a long status falls back to shorter forms */
	expect("40x3", &c40x3, "List", two, 2,
	       "List                              W03 +2\n"
	       "- hello wonderful world again           \n"
	       "- x                                     \n");
	/* word wrap on two rows, then the ellipsis */
	expect("12x6 wrap", &c12x6, "L", wrap, 1,
	       "L           \n"
	       "W03 +1      \n"
	       "- hello     \n"
	       "  wonderful\xe2\x80\xa6\n"
	       "            \n"
	       "            \n");
	/* wide characters never straddle the edge: 2 + 3 x 2 = 8 columns,
	 * then the cut leaves room for the ellipsis; on 8 columns the name
	 * keeps 4 and the status is only the count */
	expect("8x3 wide", &c8x3, "N", wide, 1,
	       "N     +1\n"
	       "- \xe4\xb8\xad\xe6\x96\x87\xe2\x80\xa6 \n"
	       "        \n");
	/* combining marks stay with their letter and take no column */
	expect("12x4 marks", &c20x4, "N", mark, 1,
	       "N                   \n"
	       "2022-W03: 1 new     \n"
	       "- e\xcc\x81te\xcc\x81 caf\xc3\xa9          \n"
	       "                    \n");
	/* invalid UTF-8: one U+FFFD per maximal invalid part (WHATWG), and a
	 * sequence cut at the end of the item */
	expect("invalid", &c40x3, "N", bad, 1,
	       "N                                 W03 +1\n"
	       "- a\xef\xbf\xbd" "b\xef\xbf\xbd" "c\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"
	       "d\xef\xbf\xbd                            \n"
	       "                                        \n");
	/* controls are spaces, runs of spaces one */
	expect("controls", &c40x3, "N", ctl, 1,
	       "N                                 W03 +1\n"
	       "- a b c [1md e f g                      \n"
	       "                                        \n");
	/* bidi controls, zero-width space and BOM are dropped */
	expect("bidi", &c40x3, "N", bidi, 1,
	       "N                                 W03 +1\n"
	       "- abcdef                                \n"
	       "                                        \n");
	/* ASCII: folds, then the fallback character */
	expect("ascii", &a12x4, "N\xc3\xa9", fold, 1,
	       "Ne          \n"
	       "W03 +1      \n"
	       "- AEon ss.. \n"
	       "            \n");
	{
		aw_disp_cfg a40 = {40, 3, 1, AW_DISP_ASCII, 0};
		expect("ascii wide", &a40, "N", fold, 1,
		       "N                                 W03 +1\n"
		       "- AEon ss \"q\" *!                        \n"
		       "                                        \n");
		a40.fallback = '?';
		expect("ascii fallback", &a40, "N", fold, 1,
		       "N                                 W03 +1\n"
		       "- AEon ss \"q\" ?!                        \n"
		       "                                        \n");
	}
	(void)a12x4q;
}

static void test_api(void)
{
	static aw_disp_ctx d;
	aw_disp_cfg c = {7, 2, 0, 0, 0};
	const char *text;

	CHECK(aw_disp_text_init(&d, &c, cap_sink, NULL) == AW_ERR_ARG);
	c.cols = AW_DISP_COLS_MAX + 1;
	CHECK(aw_disp_text_init(&d, &c, cap_sink, NULL) == AW_ERR_ARG);
	c.cols = 8;
	c.rows = 0;
	CHECK(aw_disp_text_init(&d, &c, cap_sink, NULL) == AW_ERR_ARG);
	c.rows = 2;
	c.fallback = '\n';
	CHECK(aw_disp_text_init(&d, &c, cap_sink, NULL) == AW_ERR_ARG);
	c.fallback = 0;
	CHECK(aw_disp_text_init(&d, &c, NULL, NULL) == AW_ERR_ARG);
	CHECK(aw_disp_text_init(&d, &c, cap_sink, NULL) == AW_OK);
	CHECK(aw_disp_item(&d, "x", 1) == AW_ERR_STATE);        /* before the header */
	CHECK(aw_disp_header(&d, "n", 1, 7, 0, 0) == AW_ERR_ARG);
	out_len = 0;
	CHECK(aw_disp_header(&d, "n", 1, AW_DISP_NONE, 0, 0) == AW_OK);
	CHECK(aw_disp_header(&d, "n", 1, AW_DISP_NONE, 0, 0) == AW_ERR_STATE);
	CHECK(aw_disp_item_feed(&d, "x", 1) == AW_ERR_STATE);   /* no item open */
	CHECK(aw_disp_item(&d, "x", 1) == AW_OK);
	CHECK(aw_disp_full(&d));
	CHECK(aw_disp_item(&d, "more", 4) == AW_OK);             /* ignored */
	CHECK(aw_disp_end(&d) == AW_OK);
	CHECK(out_len == 18 && !memcmp(out, "n     +0\n- x     \n", 18));
	CHECK(aw_disp_end(&d) == AW_ERR_STATE);

	/* a failing sink aborts */
	{
		static aw_disp_ctx d2;
		aw_disp_cfg c2 = {8, 2, 0, 0, 0};
		out_len = sizeof out; /* cap_sink refuses */
		CHECK(aw_disp_text_init(&d2, &c2, cap_sink, NULL) == AW_OK);
		CHECK(aw_disp_header(&d2, "n", 1, AW_DISP_WEEK, T0, 1) == AW_ERR_ABORT);
		CHECK(aw_disp_item(&d2, "x", 1) == AW_ERR_ABORT);
	}

	/* widths and folds */
	CHECK(aw_disp_width('A') == 1);
	CHECK(aw_disp_width(0xe9) == 1);
	CHECK(aw_disp_width(0x301) == 0);
	CHECK(aw_disp_width(0x4e2d) == 2);
	CHECK(aw_disp_width(0x1f600) == 2);
	CHECK(aw_disp_width(0xff21) == 2);
	CHECK(aw_disp_width(0xac00) == 2);
	CHECK(aw_disp_width(0x1160) == 0);
	CHECK(aw_disp_width(0x200b) == 0);
	CHECK(aw_disp_width(0x20000) == 2);
	CHECK(aw_disp_width(0x2b50) == 2);
	CHECK(aw_disp_width(0x600) == 1);
	CHECK(aw_disp_fold(0xe9, &text) == 1 && text[0] == 'e');
	CHECK(aw_disp_fold(0xdf, &text) == 2 && !memcmp(text, "ss", 2));
	CHECK(aw_disp_fold(0x2019, &text) == 1 && text[0] == '\'');
	CHECK(aw_disp_fold(0x2026, &text) == 3 && !memcmp(text, "...", 3));
	CHECK(aw_disp_fold(0x4e2d, &text) == 0);
	CHECK(aw_disp_fold('~', &text) == 1 && text[0] == '~');
}

/* every code point against glibc's wcwidth (C.UTF-8); the differences
 * are deliberate: U+00AD is dropped as a format character, and we follow
 * UAX #11 where glibc widens U+3248..324F (East Asian Ambiguous) and the
 * Yijing hexagrams U+4DC0..4DFF (Neutral) */
static void test_wcwidth(void)
{
	unsigned long c, n = 0, bad = 0;

	if (!have_wcwidth) {
		printf("wcwidth: SKIPPED (no C.UTF-8 locale)\n");
		return;
	}
	for (c = 0x20; c < 0x110000; c++) {
		int g;
		if (c >= 0xd800 && c < 0xe000)
			continue;
		g = wcwidth((wchar_t)c);
		if (g < 0)
			continue;
		n++;
		if ((int)aw_disp_width((uint32_t)c) == g)
			continue;
		if (c == 0xad || (c >= 0x3248 && c <= 0x324f) || (c >= 0x4dc0 && c <= 0x4dff))
			continue;
		if (bad++ < 10)
			fprintf(stderr, "width U+%04lX: ours %u, glibc %d\n", c, aw_disp_width((uint32_t)c), g);
	}
	printf("wcwidth: %lu code points compared with glibc, %lu unexplained differences\n", n, bad);
	CHECK(n > 200000);
	CHECK(bad == 0);
}

/* ---- framebuffer and bitmap digest ---- */

#define GUARD 64
#define CANARY 0x5a

static void test_bitmap_guard(unsigned w, unsigned h)
{
	size_t need = aw_font_fb_size(w, h), i;
	uint8_t *mem = malloc(need + 2 * GUARD);
	static aw_disp_ctx d;
	aw_font_fb fb;
	int ok = 1, pad_ok = 1, ink = 0;
	unsigned k, y;

	memset(mem, CANARY, need + 2 * GUARD);
	CHECK(aw_font_fb_init(&fb, mem + GUARD, need, w, h) == AW_OK);
	CHECK(aw_disp_bitmap_init(&d, &fb, 0) == AW_OK);
	CHECK(aw_disp_header(&d, name, strlen(name), AW_DISP_WEEK, T0, 99) == AW_OK);
	for (k = 0; k < 40; k++) {
		CHECK(aw_disp_item(&d, titles[k % N_TITLES], strlen(titles[k % N_TITLES])) == AW_OK);
		if (k == 5)
			CHECK(aw_disp_period(&d, AW_DISP_WEEK, T0 - 7 * 86400, 3) == AW_OK);
	}
	CHECK(aw_disp_end(&d) == AW_OK);
	/* drawing far outside clips */
	aw_font_fb_fill(&fb, -100, -100, 100000, 5, 1);
	aw_font_fb_fill(&fb, (int)w - 3, (int)h - 3, 100, 100, 1);
	aw_font_draw(&fb, &aw_font_6x13, (int)w - 2, (int)h - 2, 'W', 1);
	aw_font_draw(&fb, &aw_font_6x13, -3, -5, 'W', 1);
	for (i = 0; i < GUARD; i++)
		if (mem[i] != CANARY || mem[GUARD + need + i] != CANARY)
			ok = 0;
	for (y = 0; y < h; y++) {
		uint8_t last = fb.px[(size_t)y * fb.stride + fb.stride - 1];
		if (w & 7u && (last & (0xffu >> (w & 7u))))
			pad_ok = 0;
		for (k = 0; k < fb.stride; k++)
			ink |= fb.px[(size_t)y * fb.stride + k] != 0;
	}
	if (!ok || !pad_ok)
		fprintf(stderr, "bitmap %ux%u: guard %d padding %d\n", w, h, ok, pad_ok);
	CHECK(ok);
	CHECK(pad_ok);
	CHECK(ink);
	free(mem);
}

static void test_bitmap(void)
{
	static const unsigned sizes[][2] = {
		{128, 64}, {296, 128}, {400, 300}, {64, 47}, {133, 70}, {250, 122},
		{200, 200}, {800, 480}, {1023, 61}, {239, 600},
	};
	size_t i;
	uint8_t buf[1024];
	aw_font_fb fb;
	static aw_disp_ctx d;

	for (i = 0; i < sizeof sizes / sizeof sizes[0]; i++)
		test_bitmap_guard(sizes[i][0], sizes[i][1]);
	/* sizes the digest cannot use: rejected, not drawn */
	memset(buf, CANARY, sizeof buf);
	CHECK(aw_font_fb_init(&fb, buf, sizeof buf, 63, 47) == AW_OK);
	CHECK(aw_disp_bitmap_init(&d, &fb, 0) == AW_ERR_ARG);
	CHECK(aw_font_fb_init(&fb, buf, sizeof buf, 64, 46) == AW_OK);
	CHECK(aw_disp_bitmap_init(&d, &fb, 0) == AW_ERR_ARG);
	CHECK(aw_disp_bitmap_init(&d, NULL, 0) == AW_ERR_ARG);
	/* a buffer one byte short, zero and oversized sides */
	memset(buf, CANARY, sizeof buf);
	CHECK(aw_font_fb_init(&fb, buf, aw_font_fb_size(128, 64) - 1, 128, 64) == AW_ERR_FULL);
	CHECK(fb.px == NULL && buf[0] == CANARY && buf[1023] == CANARY);
	CHECK(aw_disp_bitmap_init(&d, &fb, 0) == AW_ERR_ARG);
	CHECK(aw_font_fb_init(&fb, buf, sizeof buf, 0, 10) == AW_ERR_ARG);
	CHECK(aw_font_fb_init(&fb, buf, sizeof buf, AW_FONT_FB_SIDE_MAX + 1, 1) == AW_ERR_ARG);
	CHECK(aw_font_fb_init(&fb, NULL, 100, 8, 8) == AW_ERR_ARG);
	CHECK(aw_font_fb_size(128, 64) == 1024 && aw_font_fb_size(296, 128) == 37 * 128 &&
	      aw_font_fb_size(400, 300) == 15000 && aw_font_fb_size(9, 2) == 4);
	/* pixels: set, get, layout (bit 7 = leftmost) */
	CHECK(aw_font_fb_init(&fb, buf, sizeof buf, 16, 4) == AW_OK);
	aw_font_fb_set(&fb, 0, 0, 1);
	aw_font_fb_set(&fb, 9, 1, 1);
	CHECK(buf[0] == 0x80 && buf[3] == 0x40 && aw_font_fb_get(&fb, 9, 1) && !aw_font_fb_get(&fb, 8, 1));
	/* fonts: Latin-1 is covered, a missing glyph draws U+FFFD */
	{
		uint32_t cp;
		int all = 1;
		for (cp = 0x20; cp < 0x7f; cp++)
			all &= aw_font_glyph(&aw_font_6x10, cp) && aw_font_glyph(&aw_font_6x13, cp);
		for (cp = 0xa0; cp <= 0xff; cp++)
			all &= aw_font_glyph(&aw_font_6x10, cp) && aw_font_glyph(&aw_font_6x13, cp);
		CHECK(all);
		CHECK(aw_font_glyph(&aw_font_6x13, 0xfffd) && aw_font_glyph(&aw_font_6x10, 0xfffd));
		CHECK(!aw_font_glyph(&aw_font_6x13, 0x4e2d) && !aw_font_glyph(&aw_font_6x13, 0x1f600));
		CHECK(aw_font_glyph(&aw_font_6x13, 0x2026) != NULL);
	}
}

/* ---- PNG / PBM ---- */

static uint32_t rd32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static int one_byte_sink(void *user, const char *p, size_t n)
{
	/* writes in pieces of one byte: the encoder must not care */
	size_t i;
	for (i = 0; i < n; i++)
		if (cap_sink(user, p + i, 1))
			return 1;
	return 0;
}

/* PNG of fb decoded by hand (stored blocks only) and compared */
static int png_matches(const aw_font_fb *fb)
{
	const uint8_t *p = (const uint8_t *)out;
	size_t i = 8, raw_n = 0;
	static uint8_t raw[1 << 17];
	const uint8_t *z = NULL;
	size_t zn = 0;
	unsigned y, x;

	if (out_len < 8 || memcmp(p, "\x89PNG\r\n\x1a\n", 8))
		return 0;
	while (i + 12 <= out_len) {
		uint32_t len = rd32(p + i);
		if (i + 12 + len > out_len)
			return 0;
		if (aw_crc32(0, p + i + 4, len + 4) != rd32(p + i + 8 + len))
			return 0;
		if (!memcmp(p + i + 4, "IHDR", 4) &&
		    (rd32(p + i + 8) != fb->w || rd32(p + i + 12) != fb->h || p[i + 16] != 1 ||
		     p[i + 17] != 0))
			return 0;
		if (!memcmp(p + i + 4, "IDAT", 4)) {
			z = p + i + 8;
			zn = len;
		}
		i += 12 + len;
	}
	if (i != out_len || !z || zn < 6 || z[0] != 0x78 || (z[0] * 256 + z[1]) % 31)
		return 0;
	for (i = 2; i + 4 < zn;) {
		unsigned fin = z[i] & 1, len = z[i + 1] | z[i + 2] << 8;
		if ((z[i] & 6) || (len ^ (unsigned)(z[i + 3] | z[i + 4] << 8)) != 0xffffu ||
		    raw_n + len > sizeof raw)
			return 0;
		memcpy(raw + raw_n, z + i + 5, len);
		raw_n += len;
		i += 5 + len;
		if (fin)
			break;
	}
	if (i + 4 != zn || aw_png_adler32(1, raw, raw_n) != rd32(z + i) ||
	    raw_n != (size_t)fb->h * (fb->stride + 1))
		return 0;
	for (y = 0; y < fb->h; y++) {
		if (raw[y * (fb->stride + 1)] != 0)
			return 0;
		for (x = 0; x < fb->w; x++) {
			int bit = raw[y * (fb->stride + 1) + 1 + x / 8] >> (7 - x % 8) & 1;
			if (bit == aw_font_fb_get(fb, (int)x, (int)y)) /* PNG: 0 = black = ink */
				return 0;
		}
	}
	return 1;
}

static void test_png(void)
{
	static uint8_t mem[70000];
	aw_font_fb fb;
	aw_png_ctx p;
	int x;

	CHECK(aw_crc32(0, "123456789", 9) == 0xcbf43926u);
	CHECK(aw_crc32(aw_crc32(0, "1234", 4), "56789", 5) == 0xcbf43926u);
	CHECK(aw_png_adler32(1, "Wikipedia", 9) == 0x11e60398u);
	CHECK(aw_png_adler32(1, "", 0) == 1);
	{
		/* Adler-32 over 100,000 bytes of 0xff (mod arithmetic) */
		static uint8_t ff[100000];
		uint32_t a = 1, b = 0;
		size_t i;
		memset(ff, 0xff, sizeof ff);
		for (i = 0; i < sizeof ff; i++) {
			a = (a + 0xff) % 65521u;
			b = (b + a) % 65521u;
		}
		CHECK(aw_png_adler32(1, ff, sizeof ff) == (b << 16 | a));
	}
	/* 13 x 5 with a diagonal: odd width (padding) */
	CHECK(aw_font_fb_init(&fb, mem, sizeof mem, 13, 5) == AW_OK);
	for (x = 0; x < 13; x++)
		aw_font_fb_set(&fb, x, x % 5, 1);
	out_len = 0;
	CHECK(aw_png_write_fb(&fb, one_byte_sink, NULL) == AW_OK);
	CHECK(png_matches(&fb));
	out_len = 0;
	CHECK(aw_png_pbm_write_fb(&fb, cap_sink, NULL) == AW_OK);
	CHECK(out_len == 8 + 10 && !memcmp(out, "P4\n13 5\n", 8) && !memcmp(out + 8, mem, 10));
	/* 1000 x 600: 75,600 bytes of image data, two stored blocks */
	CHECK(aw_font_fb_init(&fb, mem, sizeof mem, 1000, 540) == AW_OK);
	for (x = 0; x < 1000; x += 3)
		aw_font_fb_fill(&fb, x, x % 540, 2, 40, 1);
	out_len = 0;
	CHECK(aw_png_write_fb(&fb, cap_sink, NULL) == AW_OK);
	CHECK(png_matches(&fb));
	/* order and errors */
	CHECK(aw_png_begin(&p, 0, 5, 1, cap_sink, NULL) == AW_ERR_ARG);
	CHECK(aw_png_begin(&p, 5, 5, 1, NULL, NULL) == AW_ERR_ARG);
	out_len = 0;
	CHECK(aw_png_begin(&p, 8, 2, 1, cap_sink, NULL) == AW_OK);
	CHECK(aw_png_row(&p, mem) == AW_OK);
	CHECK(aw_png_end(&p) == AW_ERR_STATE);   /* a row missing */
	out_len = sizeof out;                   /* the sink refuses */
	CHECK(aw_png_begin(&p, 8, 2, 1, cap_sink, NULL) == AW_ERR_ABORT);
	CHECK(aw_png_row(&p, mem) == AW_ERR_ABORT);
}

/* ---- the digest of a walk (aw_disp_digest on aw_digest) ---- */

static aw_store_ctx dstore;
static aw_digest_ctx dwalk;

static void dput(const char *cat, int64_t t, const char *md)
{
	uint8_t id[20];
	aw_sha1(md, strlen(md), id);
	CHECK(aw_store_put(&dstore, id, t, cat, strlen(cat), md, strlen(md)) == AW_OK);
}

/* text of the digest of dstore on cols x rows, item_lines 1 */
static int digest_text(unsigned cols, unsigned rows, int kind, unsigned max_periods)
{
	static aw_disp_ctx d;
	aw_disp_cfg cfg = {cols, rows, 1, 0, 0};
	aw_digest_opts o;
	int rc;

	out_len = 0;
	aw_digest_opts_default(&o);
	o.kind = kind;
	o.max_periods = max_periods;
	if ((rc = aw_disp_text_init(&d, &cfg, cap_sink, NULL)) ||
	    (rc = aw_digest_begin(&dwalk, &dstore, &o)))
		return rc;
	return aw_disp_digest(&d, &dwalk, "Awesome Test", 12);
}

static void expect_digest(const char *label, int rc, const char *want)
{
	int ok = !rc && out_len == strlen(want) && !memcmp(out, want, out_len);
	CHECK(ok);
	if (!ok)
		fprintf(stderr, "%s: rc %d, got:\n%.*s---- want:\n%s----\n", label, rc, (int)out_len,
			out, want);
}

static void test_digest(void)
{
	static aw_disp_ctx d;
	aw_disp_cfg cfg = {30, 4, 1, 0, 0};
	aw_digest_ev ev;
	const int64_t day = 86400;

	aw_store_init(&dstore);
	/* document order Alpha, Beta, Gamma, Delta, plain; the newest week
	 * (2022-W03) groups by category in order of first appearance:
	 * Tools (Alpha, Delta), then Libs (Gamma): not document order */
	dput("Tools", T0, "- [Alpha](https://example.com/a) - the first");
	dput("Libs", T0 - 7 * day, "- [Beta](https://example.com/b)");
	dput("Libs", T0, "- [**Gamma** \\[x\\]](https://example.com/c)");
	dput("Tools", T0 - day, "- [Delta](https://example.com/d)");
	dput("Libs", T0 - 7 * day, "- plain entry without link");

	expect_digest("digest weekly", digest_text(30, 9, AW_DIGEST_WEEKLY, 0),
		      "Awesome Test                  \n"
		      "Jan 17 - Jan 23, 2022: 3 new  \n"
		      "- Alpha                       \n"
		      "- Delta                       \n"
		      "- Gamma [x]                   \n"
		      "Jan 10 - Jan 16, 2022: 2 new  \n"
		      "- Beta                        \n"
		      "- plain entry without link    \n"
		      "                              \n");
	/* one period only */
	expect_digest("digest 1 period", digest_text(30, 6, AW_DIGEST_WEEKLY, 1),
		      "Awesome Test                  \n"
		      "Jan 17 - Jan 23, 2022: 3 new  \n"
		      "- Alpha                       \n"
		      "- Delta                       \n"
		      "- Gamma [x]                   \n"
		      "                              \n");
	/* UTC days: Delta is a day older than Alpha and Gamma */
	expect_digest("digest daily", digest_text(30, 9, AW_DIGEST_DAILY, 0),
		      "Awesome Test                  \n"
		      "Jan 19, 2022: 2 new           \n"
		      "- Alpha                       \n"
		      "- Gamma [x]                   \n"
		      "Jan 18, 2022: 1 new           \n"
		      "- Delta                       \n"
		      "Jan 12, 2022: 2 new           \n"
		      "- Beta                        \n"
		      "- plain entry without link    \n");
	/* a full display stops pulling: the walk still has events */
	expect_digest("digest full", digest_text(30, 4, AW_DIGEST_WEEKLY, 0),
		      "Awesome Test                  \n"
		      "Jan 17 - Jan 23, 2022: 3 new  \n"
		      "- Alpha                       \n"
		      "- Delta                       \n");
	CHECK(aw_digest_next(&dwalk, &ev) == 1);
	/* errors: the context used twice, a walk not begun */
	CHECK(aw_disp_text_init(&d, &cfg, cap_sink, NULL) == AW_OK);
	CHECK(aw_disp_header(&d, "x", 1, AW_DISP_NONE, 0, 0) == AW_OK);
	CHECK(aw_disp_digest(&d, &dwalk, "x", 1) == AW_ERR_STATE);
	{
		static aw_digest_ctx fresh;
		CHECK(aw_disp_text_init(&d, &cfg, cap_sink, NULL) == AW_OK);
		CHECK(aw_disp_digest(&d, &fresh, "x", 1) == AW_ERR_STATE);
	}
	CHECK(aw_disp_digest(NULL, &dwalk, "x", 1) == AW_ERR_ARG);
	/* nothing in the store: the header says so */
	aw_store_init(&dstore);
	expect_digest("digest empty", digest_text(30, 4, AW_DIGEST_WEEKLY, 0),
		      "Awesome Test                  \n"
		      "no new entries                \n"
		      "                              \n"
		      "                              \n");
}

int main(void)
{
	have_wcwidth = setlocale(LC_CTYPE, "C.UTF-8") != NULL && wcwidth(0x4e2d) == 2;
	test_api();
	test_exact();
	test_wcwidth();
	test_grid();
	test_bitmap();
	test_png();
	test_digest();
	return aw_test_report("test_display");
}
