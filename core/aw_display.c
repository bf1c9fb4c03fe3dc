/*
 * aw_display.c - the small-display digest: one layout engine (header,
 * status, word-wrapped and ellipsized item titles) that writes rows of a
 * character display to a sink or draws them into a 1-bit framebuffer.
 *
 * A row is built in a fixed buffer of whole code points; it is written
 * once it is complete, so a code point is never split and a row never
 * exceeds its columns. Wrapping breaks at the last space of the row, or
 * anywhere between code points in a word longer than a row. Widths come
 * from generated Unicode tables (aw_display_tab.c).
 * aw_disp_digest drives the layout from the digest walker (aw_digest.h):
 * periods, counts and item order are the walker's, never grouped here.
 * Deliberately not done: grapheme clusters (an emoji ZWJ sequence shows as
 * its parts, each counted), bidi reordering, hyphenation, Markdown beyond
 * taking a first link's text when the store kept no title.
 */
#include "aw_display.h"
#include "aw_time.h"
#include "aw_utf8.h"

#include <string.h>

/* ---- Unicode tables ---- */

static int in_tab(const uint32_t *tab, size_t n, uint32_t cp)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		uint32_t start = tab[mid] >> 11, last = start + (tab[mid] & 0x7ffu);
		if (cp < start)
			hi = mid;
		else if (cp > last)
			lo = mid + 1;
		else
			return 1;
	}
	return 0;
}

unsigned aw_disp_width(uint32_t cp)
{
	if (cp < 0x300)
		return cp == 0xad ? 0 : 1;
	if (in_tab(aw_disp_zero_tab, aw_disp_zero_n, cp))
		return 0;
	if (cp >= 0x1100 && in_tab(aw_disp_wide_tab, aw_disp_wide_n, cp))
		return 2;
	return 1;
}

size_t aw_disp_fold(uint32_t cp, const char **text)
{
	static const char ascii[] =
		" !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ"
		"[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~";
	size_t lo = 0, hi = aw_disp_fold_n;

	if (cp >= 0x20 && cp < 0x7f) {
		*text = ascii + (cp - 0x20);
		return 1;
	}
	if (cp > 0xffffu)
		return 0;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (aw_disp_fold_cp[mid] < cp)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < aw_disp_fold_n && aw_disp_fold_cp[lo] == cp) {
		*text = aw_disp_fold_text + aw_disp_fold_off[lo];
		return (size_t)(aw_disp_fold_off[lo + 1] - aw_disp_fold_off[lo]);
	}
	return 0;
}

/* white space (JavaScript's, but U+FEFF, a format character here) and
 * controls: a word separator */
static int is_space(uint32_t cp)
{
	return cp <= 0x20 || (cp >= 0x7f && cp <= 0xa0) || (cp != 0xfeff && aw_js_space(cp));
}

/* format characters: dropped (bidi controls must never reach a terminal) */
static int is_format(uint32_t cp)
{
	return cp == 0xad || cp == 0x61c || cp == 0x180e || (cp >= 0x200b && cp <= 0x200f) ||
	       (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2060 && cp <= 0x206f) ||
	       cp == 0xfeff || (cp >= 0xfff9 && cp <= 0xfffb) ||
	       (cp >= 0xe0000 && cp <= 0xe0fff) || (cp >= 0xfe00 && cp <= 0xfe0f);
}

static size_t utf8_enc(uint32_t cp, char *o)
{
	if (cp < 0x80) {
		o[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (char)(0xc0 | cp >> 6);
		o[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (char)(0xe0 | cp >> 12);
		o[1] = (char)(0x80 | (cp >> 6 & 0x3f));
		o[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	o[0] = (char)(0xf0 | cp >> 18);
	o[1] = (char)(0x80 | (cp >> 12 & 0x3f));
	o[2] = (char)(0x80 | (cp >> 6 & 0x3f));
	o[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

/* ---- output of a row ---- */

static const char spaces[16] = "                ";

static void emit_row(aw_disp_ctx *d, unsigned kind, const char *p, size_t n, unsigned width)
{
	if (d->err || d->row >= d->cfg.rows)
		return;
	if (d->line_fn(d->user, d->row, kind, p, n, width))
		d->err = AW_ERR_ABORT;
	d->row++;
}

/* text mode: the row padded to cols, then "\n" */
static int text_row(void *user, unsigned row, unsigned kind, const char *p, size_t n,
		    unsigned width)
{
	aw_disp_ctx *d = user;
	unsigned pad = width < d->cfg.cols ? d->cfg.cols - width : 0;
	(void)row;
	(void)kind;
	if (n && d->sink(d->sink_user, p, n))
		return 1;
	while (pad) {
		unsigned k = pad < sizeof spaces ? pad : (unsigned)sizeof spaces;
		if (d->sink(d->sink_user, spaces, k))
			return 1;
		pad -= k;
	}
	return d->sink(d->sink_user, "\n", 1);
}

/* bitmap mode geometry: margin, title bar, rule */
#define BM_X 2
static int bm_row_y(const aw_disp_ctx *d, unsigned row)
{
	int fh = d->font->h;
	if (row == 0)
		return 1;
	if (row == 1)
		return fh + 3;
	return 2 * fh + 7 + (int)(row - 2) * fh;
}

static int bitmap_row(void *user, unsigned row, unsigned kind, const char *p, size_t n,
		      unsigned width)
{
	aw_disp_ctx *d = user;
	int x = BM_X, y = bm_row_y(d, row), ink = 1;
	size_t i = 0, l;
	(void)width;
	if (kind == AW_DISP_ROW_TITLE) {
		aw_font_fb_fill(d->fb, 0, 0, d->fb->w, d->font->h + 2, 1);
		ink = 0;
	}
	if (kind == AW_DISP_ROW_STATUS)
		aw_font_fb_fill(d->fb, 0, 2 * d->font->h + 4, d->fb->w, 1, 1);
	while (i < n) {
		uint32_t cp = aw_utf8_dec(p, n, i, &l);
		x += aw_font_draw(d->fb, d->font, x, y, cp, ink);
		i += l;
	}
	if (kind == AW_DISP_ROW_PERIOD && x + d->font->w < d->fb->w - BM_X)
		/* a rule after the label, at half its height */
		aw_font_fb_fill(d->fb, x + d->font->w / 2, y + d->font->ascent - d->font->ascent / 3,
			   d->fb->w - BM_X - x - d->font->w / 2, 1, 1);
	return 0;
}

/* ---- init ---- */

static int init_common(aw_disp_ctx *d, const aw_disp_cfg *cfg)
{
	memset(d, 0, sizeof *d);
	d->err = AW_ERR_STATE;
	if (!cfg || cfg->cols < AW_DISP_MIN_COLS || cfg->cols > AW_DISP_COLS_MAX || !cfg->rows ||
	    cfg->rows > 65535u || (cfg->fallback && (cfg->fallback < 0x20 || cfg->fallback > 0x7e)))
		return AW_ERR_ARG;
	d->cfg = *cfg;
	if (!d->cfg.fallback)
		d->cfg.fallback = '*';
	d->err = AW_OK;
	return AW_OK;
}

int aw_disp_lines_init(aw_disp_ctx *d, const aw_disp_cfg *cfg, aw_disp_line_fn fn, void *user)
{
	int rc = init_common(d, cfg);
	if (rc)
		return rc;
	if (!fn)
		return d->err = AW_ERR_ARG;
	d->line_fn = fn;
	d->user = user;
	return AW_OK;
}

int aw_disp_text_init(aw_disp_ctx *d, const aw_disp_cfg *cfg, aw_sink_fn sink, void *user)
{
	int rc = aw_disp_lines_init(d, cfg, text_row, d);
	if (rc)
		return rc;
	if (!sink)
		return d->err = AW_ERR_ARG;
	d->sink = sink;
	d->sink_user = user;
	return AW_OK;
}

int aw_disp_bitmap_init(aw_disp_ctx *d, aw_font_fb *fb, unsigned flags)
{
	aw_disp_cfg cfg;
	const aw_font *f;
	int top;

	memset(d, 0, sizeof *d);
	d->err = AW_ERR_STATE;
	if (!fb || !fb->px)
		return AW_ERR_ARG;
	f = fb->w >= 240 && fb->h >= 120 ? &aw_font_6x13 : &aw_font_6x10;
	top = 2 * f->h + 7;
	memset(&cfg, 0, sizeof cfg);
	cfg.cols = (unsigned)(fb->w - 2 * BM_X) / f->w;
	if (cfg.cols > AW_DISP_COLS_MAX)
		cfg.cols = AW_DISP_COLS_MAX;
	if (fb->h < top + 2 * f->h || cfg.cols < 10)
		return AW_ERR_ARG;
	cfg.rows = 2u + (unsigned)(fb->h - top) / f->h;
	cfg.flags = flags;
	if (aw_disp_lines_init(d, &cfg, bitmap_row, d))
		return AW_ERR_ARG;
	d->fb = fb;
	d->font = f;
	aw_font_fb_clear(fb, 0);
	return AW_OK;
}

/* ---- the open field ---- */

static void line_reset(aw_disp_ctx *d, int cont)
{
	d->len = d->width = 0;
	d->brk = 0;
	d->brk_w = 0;
	d->prefix_len = 0;
	if (d->kind == AW_DISP_ROW_ITEM) {
		memcpy(d->line, cont ? "  " : "- ", 2);
		d->len = d->width = d->prefix_len = 2;
	}
}

static void append(aw_disp_ctx *d, const char *s, size_t n, unsigned w)
{
	memcpy(d->line + d->len, s, n);
	d->len += n;
	d->width += w;
}

/* columns of the last code point of the row (bitmap / ASCII: 1 each) */
static unsigned cp_cols(const aw_disp_ctx *d, uint32_t cp)
{
	if (d->font || (d->cfg.flags & AW_DISP_ASCII))
		return 1;
	return aw_disp_width(cp);
}

static void ellipsis(aw_disp_ctx *d, const char **s, size_t *n, unsigned *w)
{
	if ((d->cfg.flags & AW_DISP_ASCII) || (d->font && !aw_font_glyph(d->font, 0x2026))) {
		*s = "..";
		*n = 2;
		*w = 2;
	} else {
		*s = "\xe2\x80\xa6";
		*n = 3;
		*w = 1;
	}
}

/* the field overflows its last row: cut it so that an ellipsis fits */
static void truncate_field(aw_disp_ctx *d)
{
	const char *e;
	size_t en;
	unsigned ew;

	ellipsis(d, &e, &en, &ew);
	while (d->len > d->prefix_len &&
	       (d->width + ew > d->limit || d->line[d->len - 1] == ' ')) {
		size_t start = d->len - 1, l;
		uint32_t cp;
		while (start > d->prefix_len && ((unsigned char)d->line[start] & 0xc0) == 0x80)
			start--;
		cp = aw_utf8_dec(d->line, d->len, start, &l);
		d->width -= cp == ' ' ? 1 : cp_cols(d, cp);
		d->len = start;
	}
	if (d->width + ew <= d->limit)
		append(d, e, en, ew);
	d->done = 1;
}

static void flush_line(aw_disp_ctx *d)
{
	if (d->kind == AW_DISP_ROW_TITLE && d->suffix_len) {
		/* name, padding, short status at the right edge */
		unsigned pad = d->cfg.cols - d->suffix_len - d->width;
		while (pad--)
			d->line[d->len++] = ' ';
		memcpy(d->line + d->len, d->suffix, d->suffix_len);
		d->len += d->suffix_len;
		d->width = d->cfg.cols;
	}
	emit_row(d, d->kind, d->line, d->len, d->width);
	d->lines++;
}

/* Start a new row for the field; at_end: break at the current end (a
 * space that did not fit), else at the last space or, without one, right
 * here. Returns 0 when the field has no row left (it is truncated). */
static int wrap(aw_disp_ctx *d, int at_end)
{
	size_t cn = 0, from = 0;
	unsigned cw = 0;

	if (d->lines + 1 >= d->max_lines || d->row + 1 >= d->cfg.rows) {
		truncate_field(d);
		return 0;
	}
	if (!at_end && d->brk) {
		/* the word after the last space moves to the next row */
		from = d->brk;
		cn = d->len - d->brk;
		cw = d->width - d->brk_w - 1;
		d->len = d->brk - 1;
		d->width = d->brk_w;
	}
	flush_line(d);
	line_reset(d, 1);
	if (cn) {
		/* from >= prefix + 1 > the new prefix: memmove is safe */
		memmove(d->line + d->len, d->line + from, cn);
		d->len += cn;
		d->width += cw;
	}
	return 1;
}

/* one unit (a code point or a fold) of w columns */
static void put_unit(aw_disp_ctx *d, const char *s, size_t n, unsigned w)
{
	if (d->done)
		return;
	if (!w) {
		/* a combining mark stays with its base; dropped when it has
		 * none or when the row's bytes must stay free for the columns
		 * still to come (4 bytes each) and padding (1 each) */
		if (d->len > d->prefix_len && d->line[d->len - 1] != ' ' &&
		    d->len + n + 5u * (d->cfg.cols - d->width) + 8u <= sizeof d->line)
			append(d, s, n, 0);
		return;
	}
	if (d->pend_space) {
		d->pend_space = 0;
		if (d->width + 1 + w <= d->limit) {
			d->brk_w = d->width;
			append(d, " ", 1, 1);
			d->brk = d->len;
		} else if (!wrap(d, 1)) {
			return;
		}
	}
	while (d->width + w > d->limit)
		if (!wrap(d, 0))
			return;
	append(d, s, n, w);
}

static void put_cp(aw_disp_ctx *d, uint32_t cp)
{
	char u[4];
	const char *f;
	size_t n;

	if (d->done)
		return;
	if (is_space(cp)) {
		if (d->width > d->prefix_len)
			d->pend_space = 1;
		return;
	}
	if (is_format(cp))
		return;
	if (d->font || (d->cfg.flags & AW_DISP_ASCII)) {
		if (!aw_disp_width(cp))
			return; /* marks: the fold or glyph stands alone */
		if (d->font && aw_font_glyph(d->font, cp)) {
			n = utf8_enc(cp, u);
			put_unit(d, u, n, 1);
			return;
		}
		n = aw_disp_fold(cp, &f);
		if (n) {
			size_t i;
			for (i = 0; i < n; i++)
				put_unit(d, f + i, 1, 1);
		} else if (d->font) {
			put_unit(d, "\xef\xbf\xbd", 3, 1);
		} else {
			put_unit(d, &d->cfg.fallback, 1, 1);
		}
		return;
	}
	n = utf8_enc(cp, u);
	put_unit(d, u, n, aw_disp_width(cp));
}

/* streaming UTF-8 (WHATWG decoder: one U+FFFD per maximal invalid part) */
static void feed_bytes(aw_disp_ctx *d, const char *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		uint8_t b = (uint8_t)p[i];
		if (d->u_need) {
			if (b >= d->u_lo && b <= d->u_hi) {
				d->u_lo = 0x80;
				d->u_hi = 0xbf;
				d->u_cp = d->u_cp << 6 | (b & 0x3fu);
				if (!--d->u_need)
					put_cp(d, d->u_cp);
				continue;
			}
			d->u_need = 0;
			put_cp(d, 0xfffd);
			/* b is looked at again as a new sequence */
		}
		if (b < 0x80) {
			put_cp(d, b);
		} else if (b >= 0xc2 && b <= 0xdf) {
			d->u_need = 1;
			d->u_cp = b & 0x1fu;
			d->u_lo = 0x80;
			d->u_hi = 0xbf;
		} else if (b >= 0xe0 && b <= 0xef) {
			d->u_need = 2;
			d->u_cp = b & 0x0fu;
			d->u_lo = b == 0xe0 ? 0xa0 : 0x80;
			d->u_hi = b == 0xed ? 0x9f : 0xbf;
		} else if (b >= 0xf0 && b <= 0xf4) {
			d->u_need = 3;
			d->u_cp = b & 0x07u;
			d->u_lo = b == 0xf0 ? 0x90 : 0x80;
			d->u_hi = b == 0xf4 ? 0x8f : 0xbf;
		} else {
			put_cp(d, 0xfffd);
		}
	}
}

static void field_begin(aw_disp_ctx *d, unsigned kind, unsigned max_lines, unsigned limit)
{
	d->open = 1;
	d->done = 0;
	d->pend_space = 0;
	d->kind = kind;
	d->lines = 0;
	d->max_lines = max_lines;
	d->limit = limit;
	d->u_need = 0;
	line_reset(d, 0);
}

static void field_end(aw_disp_ctx *d)
{
	if (d->u_need) {
		d->u_need = 0;
		put_cp(d, 0xfffd);
	}
	d->open = 0;
	if (d->row < d->cfg.rows)
		flush_line(d);
}

/* ---- header ---- */

static void put_count(aw_buf *b, unsigned long count, int plus)
{
	if (plus)
		aw_buf_putc(b, '+');
	aw_buf_putu(b, count);
	if (!plus)
		aw_buf_puts(b, " new");
}

/* status candidates, longest first: 0 long, 1 medium, 2 short, 3 count */
static void status_text(int kind, int64_t t, unsigned long count, int which, aw_buf *b)
{
	int y, w;
	int64_t yy;
	unsigned m, dd;

	if (kind == AW_DISP_NONE) {
		aw_buf_puts(b, which < 2 ? "no new entries" : "+0");
		return;
	}
	aw_time_iso_week(t, &y, &w);
	aw_time_civil_from_days(aw_days_of(t), &yy, &m, &dd);
	switch (which) {
	case 0:
		if (kind == AW_DISP_WEEK)
			aw_time_week_label(y, w, 0, b);
		else
			aw_time_day_label(t, b);
		aw_buf_puts(b, ": ");
		put_count(b, count, 0);
		break;
	case 1:
	case 2:
		if (which == 1)
			aw_buf_putu(b, kind == AW_DISP_WEEK ? (unsigned long)y : (unsigned long)yy);
		if (kind == AW_DISP_WEEK) {
			aw_buf_puts(b, which == 1 ? "-W" : "W");
			aw_buf_putc(b, (char)('0' + w / 10));
			aw_buf_putc(b, (char)('0' + w % 10));
		} else {
			if (which == 1)
				aw_buf_putc(b, '-');
			aw_buf_putc(b, (char)('0' + m / 10));
			aw_buf_putc(b, (char)('0' + m % 10));
			aw_buf_putc(b, '-');
			aw_buf_putc(b, (char)('0' + dd / 10));
			aw_buf_putc(b, (char)('0' + dd % 10));
		}
		if (which == 1) {
			aw_buf_puts(b, ": ");
			put_count(b, count, 0);
		} else {
			aw_buf_putc(b, ' ');
			put_count(b, count, 1);
		}
		break;
	default:
		put_count(b, count, 1);
		break;
	}
}

/* the longest status text that fits the row */
static void emit_status(aw_disp_ctx *d, unsigned row_kind, int kind, int64_t t, unsigned long count)
{
	char sb[64];
	aw_buf b;
	int which;

	for (which = 0; which <= 3; which++) {
		aw_buf_init(&b, sb, sizeof sb);
		status_text(kind, t, count, which, &b);
		if (!b.truncated && b.len <= d->cfg.cols)
			break;
	}
	if (b.len > d->cfg.cols)
		b.len = d->cfg.cols;
	emit_row(d, row_kind, sb, b.len, (unsigned)b.len);
}

int aw_disp_header(aw_disp_ctx *d, const char *name, size_t name_len, int kind, int64_t t,
		   unsigned long count)
{
	char sb[64];
	aw_buf b;
	int which;
	unsigned cols = d->cfg.cols, rows_left;

	if (d->err)
		return d->err;
	if (d->stage != 0)
		return AW_ERR_STATE;
	if ((kind != AW_DISP_NONE && kind != AW_DISP_WEEK && kind != AW_DISP_DAY) ||
	    (!name && name_len))
		return AW_ERR_ARG;
	d->stage = 1;
	if (d->cfg.rows <= 3) {
		/* one row: name, then a short status at the right edge */
		for (which = 2; which <= 3; which++) {
			aw_buf_init(&b, sb, sizeof sb);
			status_text(kind, t, count, which, &b);
			if (!b.truncated && b.len + 5 <= cols)
				break;
		}
		if (b.truncated || b.len + 2 > cols || b.len > sizeof d->suffix)
			b.len = 0; /* a count of 20 digits on 8 columns: name only */
		memcpy(d->suffix, sb, b.len);
		d->suffix_len = (unsigned)b.len;
		field_begin(d, AW_DISP_ROW_TITLE, 1, cols - (b.len ? (unsigned)b.len + 1u : 0u));
		feed_bytes(d, name, name_len);
		field_end(d);
		d->suffix_len = 0;
	} else {
		field_begin(d, AW_DISP_ROW_TITLE, 1, cols);
		feed_bytes(d, name, name_len);
		field_end(d);
		emit_status(d, AW_DISP_ROW_STATUS, kind, t, count);
	}
	d->item_rows_first = d->row;
	rows_left = d->cfg.rows - d->row;
	if (!d->cfg.item_lines)
		d->cfg.item_lines = rows_left >= 5 ? 2 : 1;
	return d->err;
}

/* ---- items ---- */

int aw_disp_period(aw_disp_ctx *d, int kind, int64_t t, unsigned long count)
{
	if (d->err)
		return d->err;
	if (d->stage != 1 || d->open)
		return AW_ERR_STATE;
	if (kind != AW_DISP_WEEK && kind != AW_DISP_DAY)
		return AW_ERR_ARG;
	if (d->stop || d->row + 2 > d->cfg.rows) {
		d->stop = 1;
		return AW_OK;
	}
	emit_status(d, AW_DISP_ROW_PERIOD, kind, t, count);
	return d->err;
}

int aw_disp_item_begin(aw_disp_ctx *d)
{
	if (d->err)
		return d->err;
	if (d->stage != 1 || d->open)
		return AW_ERR_STATE;
	field_begin(d, AW_DISP_ROW_ITEM, d->cfg.item_lines, d->cfg.cols);
	if (d->row >= d->cfg.rows || d->stop)
		d->done = 1;
	return AW_OK;
}

int aw_disp_item_feed(aw_disp_ctx *d, const char *p, size_t n)
{
	if (d->err)
		return d->err;
	if (!d->open || (!p && n))
		return AW_ERR_STATE;
	if (!d->done)
		feed_bytes(d, p, n);
	return d->err;
}

int aw_disp_item_end(aw_disp_ctx *d)
{
	if (d->err)
		return d->err;
	if (!d->open)
		return AW_ERR_STATE;
	if (d->done && (d->row >= d->cfg.rows || d->stop) && !d->lines && d->len <= d->prefix_len) {
		d->open = 0;
		return AW_OK;
	}
	field_end(d);
	return d->err;
}

int aw_disp_item(aw_disp_ctx *d, const char *p, size_t n)
{
	int rc = aw_disp_item_begin(d);
	if (!rc)
		rc = aw_disp_item_feed(d, p, n);
	if (!rc)
		rc = aw_disp_item_end(d);
	return rc;
}

int aw_disp_full(const aw_disp_ctx *d)
{
	return d->row >= d->cfg.rows || d->stop;
}

int aw_disp_end(aw_disp_ctx *d)
{
	if (d->err)
		return d->err;
	if (d->stage != 1 || d->open)
		return AW_ERR_STATE;
	d->stage = 2;
	if (!d->fb)
		while (d->row < d->cfg.rows && !d->err)
			emit_row(d, AW_DISP_ROW_BLANK, "", 0, 0);
	return d->err;
}

/* ---- the digest of a walk ---- */

/*
 * Feed the plain text of the first link of an entry's Markdown (else the
 * entry after "- ", up to its first line break): backslash escapes
 * resolved, '*' and '`' and '_' at word edges dropped. Only for stores
 * that kept no title; streams into the open item, no buffer.
 */
static int feed_md_title(aw_disp_ctx *d, const char *md, size_t n)
{
	size_t i, end = n, j;
	int depth = 0, rc = AW_OK;

	for (i = 0; i < n; i++) {
		if (md[i] == '\\') {
			i++;
			continue;
		}
		if (md[i] == '[' && (i == 0 || md[i - 1] != '!'))
			break;
	}
	if (i < n) {
		for (j = ++i; j < n; j++) {
			if (md[j] == '\\')
				j++;
			else if (md[j] == '[')
				depth++;
			else if (md[j] == ']' && !depth--)
				break;
		}
		end = j < n ? j : n;
	} else {
		i = n > 2 && md[0] == '-' && md[1] == ' ' ? 2 : 0;
		for (end = i; end < n && md[end] != '\n' && md[end] != '\r'; end++)
			;
	}
	for (; i < end && !rc; i++) {
		if (md[i] == '\\' && i + 1 < end) {
			rc = aw_disp_item_feed(d, md + ++i, 1);
			continue;
		}
		if (md[i] == '*' || md[i] == '`' ||
		    (md[i] == '_' && (i + 1 == end || i == 0 || md[i + 1] == '_' || md[i - 1] == '_')))
			continue;
		rc = aw_disp_item_feed(d, md + i, 1);
	}
	return rc;
}

static int disp_kind(const aw_digest_period *p)
{
	return p->kind == AW_DIGEST_DAILY ? AW_DISP_DAY : AW_DISP_WEEK;
}

int aw_disp_digest(aw_disp_ctx *d, aw_digest_ctx *w, const char *name, size_t name_len)
{
	aw_digest_ev ev;
	int r, rc = AW_OK, first = 1;

	if (!d || !w)
		return AW_ERR_ARG;
	if (d->err)
		return d->err;
	if (d->stage != 0)
		return AW_ERR_STATE;
	if (!name && name_len)
		return AW_ERR_ARG;
	while (!rc && (r = aw_digest_next(w, &ev)) != 0) {
		if (r < 0)
			return r;
		if (ev.type == AW_DIGEST_PERIOD) {
			if (first)
				rc = aw_disp_header(d, name, name_len, disp_kind(ev.period),
						    ev.period->start, ev.period->n_items);
			else
				rc = aw_disp_period(d, disp_kind(ev.period), ev.period->start,
						    ev.period->n_items);
			first = 0;
		} else if (ev.type == AW_DIGEST_ITEM) {
			const aw_digest_item *it = ev.item;
			rc = aw_disp_item_begin(d);
			/* the store's title is the link text as Markdown: the
			   plain text comes from the markdown when it was kept */
			if (!rc && !(it->have & AW_DIGEST_HAVE_MARKDOWN) &&
			    (it->have & AW_DIGEST_HAVE_TITLE))
				rc = aw_disp_item_feed(d, it->title, it->title_len);
			else if (!rc)
				rc = feed_md_title(d, it->markdown, it->markdown_len);
			if (!rc)
				rc = aw_disp_item_end(d);
		}
		if (!rc && !first && aw_disp_full(d))
			break;
	}
	if (!rc && first)
		rc = aw_disp_header(d, name, name_len, AW_DISP_NONE, 0, 0);
	if (!rc)
		rc = aw_disp_end(d);
	return rc;
}
