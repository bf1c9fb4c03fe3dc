/*
 * aw_display.h - digests for small displays: a character display of
 * cols x rows cells (HD44780 LCDs, a terminal, a serial console) and a
 * 1-bit bitmap (e-paper, OLED) drawn with the built-in font into a caller
 * framebuffer (aw_font.h). One layout engine serves both, so a board shows
 * exactly what `awtrack display` prints or renders on a desktop.
 *
 * At a glance: the list's name, the period (ISO week or UTC day), how many
 * entries are new in it, then as many of their titles as fit, each on at
 * most `item_lines` rows (word-wrapped, cut with an ellipsis). With 3 rows
 * or fewer the name and a short status share the first row. Rows left
 * over may go to older periods (aw_disp_period: a row naming the period,
 * then its items).
 *
 * Text rules: input is UTF-8 pushed in chunks of any size (split
 * anywhere: the decoder keeps its state); every maximal invalid sequence
 * shows as U+FFFD; control bytes (C0, DEL, C1) and line breaks become a
 * space, runs of spaces one space; format characters (bidi controls,
 * zero-width joiners, soft hyphen, BOM) are dropped; East Asian Wide and
 * Fullwidth characters (most emoji included) count two columns, combining
 * marks zero (they stay with their base character); a code point is never
 * split and never half-shown. With AW_DISP_ASCII only printable ASCII is
 * emitted: accented Latin letters are folded ("e" for "é", "ss" for "ß"),
 * typographic punctuation too, anything else shows the fallback character
 * (default '*', one column). Bitmap mode keeps the font's glyphs, folds the
 * rest when it can, else draws U+FFFD; every glyph is one cell.
 *
 * Usage: aw_disp_text_init / aw_disp_lines_init / aw_disp_bitmap_init, then
 * aw_disp_digest with a begun digest walker (aw_digest.h): the periods,
 * their counts and the order of their items are the walker's, so a board
 * groups exactly as the desktop pages do. The steps it takes, for a caller
 * with its own data:
 *     aw_disp_text_init(&d, &cfg, sink, user);
 *     aw_disp_header(&d, name, len, AW_DISP_WEEK, t, count);
 *     for each item: aw_disp_item(&d, title, len)   (or _begin/_feed/_end)
 *     optionally, older periods: aw_disp_period(&d, kind, t, count), items
 *     aw_disp_end(&d);
 * The sink receives exactly `rows` lines, each padded with spaces to
 * exactly `cols` columns and ended by "\n".
 *
 * The context is about AW_DISP_LINE_MAX + 200 bytes; no heap, no
 * recursion. Not thread-safe per context.
 */
#ifndef AW_DISPLAY_H
#define AW_DISPLAY_H

#include "aw.h"
#include "aw_font.h"
#include "aw_digest.h"

/* aw_disp_cfg.flags */
#define AW_DISP_ASCII 1u      /* emit printable ASCII only (fold / fallback) */

/* period kinds of aw_disp_header */
enum { AW_DISP_NONE = 0, AW_DISP_WEEK = 1, AW_DISP_DAY = 2 };

/* row kinds passed to a line function */
enum { AW_DISP_ROW_TITLE = 0, AW_DISP_ROW_STATUS = 1, AW_DISP_ROW_ITEM = 2,
       AW_DISP_ROW_BLANK = 3, AW_DISP_ROW_PERIOD = 4 };

/* Smallest display accepted (text): 8 columns, 1 row. */
#define AW_DISP_MIN_COLS 8u

typedef struct aw_disp_cfg {
	unsigned cols;        /* AW_DISP_MIN_COLS .. AW_DISP_COLS_MAX */
	unsigned rows;        /* 1 .. 65535 */
	unsigned item_lines;  /* rows one item may take; 0 = 2 when at least
				 5 rows are left for items, else 1 */
	unsigned flags;       /* AW_DISP_* */
	char fallback;        /* AW_DISP_ASCII: shown for what cannot be
				 folded; 0 = '*' (must be printable ASCII) */
} aw_disp_cfg;

/*
 * Receives one laid-out row: UTF-8 p[0..n) (valid, no control bytes, no
 * padding) taking `width` columns (<= cols). Non-zero aborts
 * (AW_ERR_ABORT).
 */
typedef int (*aw_disp_line_fn)(void *user, unsigned row, unsigned kind,
			       const char *p, size_t n, unsigned width);

typedef struct aw_disp_ctx {
	aw_disp_cfg cfg;
	aw_disp_line_fn line_fn;
	void *user;
	aw_sink_fn sink;            /* text mode */
	void *sink_user;
	aw_font_fb *fb;                  /* bitmap mode */
	const aw_font *font;
	int err;
	int stage;                  /* 0 before the header, 1 items, 2 ended */
	int stop;                   /* an older period did not fit: no more rows */
	unsigned row;               /* next row */
	unsigned item_rows_first;   /* first item row */
	/* the open field (title or item) */
	int open, done, pend_space;
	unsigned kind, lines, max_lines, limit, prefix_len;
	size_t len, brk;            /* bytes in line; offset of the last space + 1 (0 = none) */
	unsigned width, brk_w;      /* columns in line; columns before that space */
	char line[AW_DISP_LINE_MAX];
	char suffix[24];            /* short status beside the title (<= 3 rows) */
	unsigned suffix_len;
	/* UTF-8 decoder */
	uint32_t u_cp;
	uint8_t u_need, u_lo, u_hi;
} aw_disp_ctx;

/*
 * Text mode: rows go to `sink` padded to cols and ended by "\n".
 * Returns AW_OK or AW_ERR_ARG (cols or rows out of range, fallback not
 * printable, sink NULL).
 */
int aw_disp_text_init(aw_disp_ctx *d, const aw_disp_cfg *cfg, aw_sink_fn sink, void *user);
/* Rows to a line function (a board writing an LCD row by row). Same
 * returns. */
int aw_disp_lines_init(aw_disp_ctx *d, const aw_disp_cfg *cfg, aw_disp_line_fn fn,
		       void *user);
/*
 * Bitmap mode: lay the digest out for fb (which must be attached with
 * aw_font_fb_init; it is cleared) with the built-in font: 6x13 when fb is at
 * least 240 x 120 pixels, else 6x10. The title is drawn white on a black
 * bar, a rule separates the status row from the items. `flags` as in
 * aw_disp_cfg. Returns AW_OK or AW_ERR_ARG (fb not attached, or too small
 * for 10 columns and a title, a status and two item
 * rows: below 64 x 47 pixels).
 */
int aw_disp_bitmap_init(aw_disp_ctx *d, aw_font_fb *fb, unsigned flags);

/*
 * The header: list name (UTF-8, any bytes), the period shown (kind
 * AW_DISP_WEEK: the ISO week of t; AW_DISP_DAY: the UTC day of t;
 * AW_DISP_NONE: no period, t ignored) and how many entries are new in
 * it. Once, first. Returns AW_OK, AW_ERR_STATE (called twice or after
 * an error), AW_ERR_ARG (bad kind or name NULL with name_len > 0),
 * AW_ERR_ABORT (sink).
 */
int aw_disp_header(aw_disp_ctx *d, const char *name, size_t name_len, int kind, int64_t t,
		   unsigned long count);
/*
 * One item's title, streamed: begin, feed any number of chunks, end.
 * Items that no longer fit are accepted and ignored (see aw_disp_full).
 * Returns AW_OK, AW_ERR_STATE (out of order), AW_ERR_ABORT (sink).
 */
int aw_disp_item_begin(aw_disp_ctx *d);
int aw_disp_item_feed(aw_disp_ctx *d, const char *p, size_t n);
int aw_disp_item_end(aw_disp_ctx *d);
/*
 * An older period after the header's: one row naming it ("Mar 24 - Mar 30,
 * 2025: 3 new", shortened to fit), then its items. Written only when a row
 * for at least one of its items is left; otherwise the display is full
 * from here on (aw_disp_full). kind AW_DISP_WEEK or AW_DISP_DAY. Returns
 * AW_OK, AW_ERR_STATE (before the header, inside an item), AW_ERR_ARG,
 * AW_ERR_ABORT.
 */
int aw_disp_period(aw_disp_ctx *d, int kind, int64_t t, unsigned long count);
/* begin + feed + end */
int aw_disp_item(aw_disp_ctx *d, const char *p, size_t n);
/* 1 when every row is used (more items would not be shown). */
int aw_disp_full(const aw_disp_ctx *d);
/* Finish: in text mode the remaining rows are written as blank lines.
 * Same returns as aw_disp_header. */
int aw_disp_end(aw_disp_ctx *d);

/*
 * The whole digest of a walk. `w` has been begun (aw_digest_begin: kind
 * weekly or daily, max_periods, since) and not advanced yet; `d` is
 * initialised and before its header. Lays out: the header from the first
 * (newest) period (the list's name, the period's week or day, its item
 * count), its items in the walker's order (category groups in order of
 * first appearance, items in document order; no category headings), then
 * older periods (aw_disp_period) while rows are left, then aw_disp_end.
 * A walk without periods gives the header "no new entries". It stops
 * pulling events once the display is full.
 * Item text: the entry's title when the store kept it
 * (AW_DIGEST_HAVE_TITLE), else the text of the first link of its Markdown
 * (backslash escapes, emphasis and code marks removed), else its Markdown
 * after "- ".
 * Returns AW_OK, AW_ERR_STATE (walk not begun, d not fresh), AW_ERR_ARG
 * (name NULL with name_len > 0), AW_ERR_ABORT (the sink or line function).
 */
int aw_disp_digest(aw_disp_ctx *d, aw_digest_ctx *w, const char *name, size_t name_len);

/* Columns code point cp takes on a terminal: 0 (combining mark, format
 * character), 2 (East Asian Wide / Fullwidth) or 1. Controls return 1;
 * the layout never emits them. */
unsigned aw_disp_width(uint32_t cp);
/* ASCII text shown for cp by AW_DISP_ASCII (and by the bitmap for a
 * missing glyph): its length and *text (not NUL-terminated), or 0 when
 * there is none. Printable ASCII folds to itself. */
size_t aw_disp_fold(uint32_t cp, const char **text);

/* generated tables (aw_display_tab.c) */
extern const uint32_t aw_disp_zero_tab[], aw_disp_wide_tab[];
extern const size_t aw_disp_zero_n, aw_disp_wide_n, aw_disp_fold_n;
extern const uint16_t aw_disp_fold_cp[], aw_disp_fold_off[];
extern const char aw_disp_fold_text[];

#endif /* AW_DISPLAY_H */
