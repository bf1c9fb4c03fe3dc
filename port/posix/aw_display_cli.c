/*
 * aw_display_cli.c - `awtrack display`: the small-display digest of the
 * list (core/aw_display.c) as text for a cols x rows character display,
 * or as a 1-bit PBM / PNG image for a bitmap display (core/aw_font.c,
 * core/aw_png.c). awtrack.c does the replay as for `weekly` and hands
 * the final store over; this file only parses the display options, walks
 * the newest period and writes the result.
 *
 * Not here: any layout or text rule (all in the core, so a board shows the
 * same), and the item title's plain text: until the digest walker
 * (core/aw_digest.h) gives it, title_of() below takes the first link's
 * text from the rendered Markdown.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aw_display.h"
#include "aw_display_cli.h"
#include "aw_png.h"
#include "aw_render.h"
#include "aw_time.h"

static struct {
	unsigned cols, rows, item_lines, flags;
	char fallback;
	unsigned bw, bh;
	const char *out;
	int daily;
	int one;      /* --one-period: only the newest period */
} dopt;

static void fail(const char *fmt, const char *arg)
{
	fprintf(stderr, "awtrack: ");
	fprintf(stderr, fmt, arg);
	fputc('\n', stderr);
	exit(1);
}

/* command-line errors exit with 2, as awtrack.c's */
static void usage_fail(const char *fmt, const char *arg)
{
	fprintf(stderr, "awtrack: ");
	fprintf(stderr, fmt, arg);
	fputc('\n', stderr);
	exit(2);
}

static unsigned num(const char *opt, const char *v, unsigned lo, unsigned hi)
{
	char *end;
	unsigned long x;
	errno = 0;
	x = strtoul(v, &end, 10);
	if (errno || *end || end == v || v[0] == '-' || x < lo || x > hi) {
		fprintf(stderr, "awtrack: %s: invalid number '%.40s' (expected %u..%u)\n", opt, v,
			lo, hi);
		exit(2);
	}
	return (unsigned)x;
}

int aw_display_cli_opt(int argc, char **argv, int i)
{
	static const char *const with_value[] = {"--cols", "--rows", "--bitmap", "--out",
						 "--fallback", "--item-lines"};
	char a[32];
	const char *arg = argv[i], *eq = strchr(arg, '='), *v = NULL;
	size_t k, nl = eq ? (size_t)(eq - arg) : strlen(arg);
	int takes = 0, used = 1;

	if (nl >= sizeof a)
		return 0;
	memcpy(a, arg, nl);
	a[nl] = 0;
	for (k = 0; k < sizeof with_value / sizeof with_value[0]; k++)
		takes |= !strcmp(a, with_value[k]);
	if (takes) {
		if (eq) {
			v = eq + 1;
		} else if (i + 1 < argc) {
			v = argv[i + 1];
			used = 2;
		} else {
			usage_fail("%s needs a value", a);
		}
		if (!*v)
			usage_fail("%s: empty value", a);
	} else if (eq) {
		return 0;
	}
	if (!strcmp(a, "--cols"))
		dopt.cols = num(a, v, AW_DISP_MIN_COLS, AW_DISP_COLS_MAX);
	else if (!strcmp(a, "--rows"))
		dopt.rows = num(a, v, 1, 65535);
	else if (!strcmp(a, "--item-lines"))
		dopt.item_lines = num(a, v, 1, 65535);
	else if (!strcmp(a, "--ascii"))
		dopt.flags |= AW_DISP_ASCII;
	else if (!strcmp(a, "--fallback")) {
		if (strlen(v) != 1 || v[0] < 0x20 || v[0] > 0x7e)
			usage_fail("--fallback: expected one printable ASCII character, got '%.40s'", v);
		dopt.fallback = v[0];
	} else if (!strcmp(a, "--bitmap")) {
		const char *x = strchr(v, 'x');
		char tmp[32];
		if (!x || strlen(v) >= sizeof tmp)
			usage_fail("--bitmap: expected WIDTHxHEIGHT (e.g. 296x128), got '%.40s'", v);
		memcpy(tmp, v, (size_t)(x - v));
		tmp[x - v] = 0;
		dopt.bw = num("--bitmap width", tmp, 1, AW_FONT_FB_SIDE_MAX);
		dopt.bh = num("--bitmap height", x + 1, 1, AW_FONT_FB_SIDE_MAX);
	} else if (!strcmp(a, "--out"))
		dopt.out = v;
	else if (!strcmp(a, "--daily"))
		dopt.daily = 1;
	else if (!strcmp(a, "--one-period"))
		dopt.one = 1;
	else
		return 0;
	return used;
}

/* ---- until the digest walker: newest period and titles from the store */

static int64_t period_key(int64_t t)
{
	return dopt.daily ? (int64_t)aw_time_day_key(t) : (int64_t)aw_time_week_key(t);
}

/* Plain text of the first link of an item's Markdown (backslash escapes
 * and emphasis / code marks removed), else the Markdown after "- ". */
static size_t title_of(const char *md, size_t n, char *out, size_t cap)
{
	size_t i = 0, o = 0, end = n;
	int depth = 0;

	for (; i < n; i++) {
		if (md[i] == '\\') {
			i++;
			continue;
		}
		if (md[i] == '[' && (i == 0 || md[i - 1] != '!'))
			break;
	}
	if (i < n) {
		size_t j;
		i++;
		for (j = i; j < n; j++) {
			if (md[j] == '\\') {
				j++;
			} else if (md[j] == '[') {
				depth++;
			} else if (md[j] == ']') {
				if (!depth--)
					break;
			}
		}
		end = j < n ? j : n;
	} else {
		i = n > 2 && md[0] == '-' && md[1] == ' ' ? 2 : 0;
		end = memchr(md + i, '\n', n - i) ? (size_t)((const char *)memchr(md + i, '\n', n - i) - md) : n;
	}
	for (; i < end && o < cap; i++) {
		if (md[i] == '\\' && i + 1 < end) {
			out[o++] = md[++i];
			continue;
		}
		if (md[i] == '*' || md[i] == '`' || (md[i] == '_' && (i + 1 == end || i == 0 ||
								      md[i + 1] == '_' || md[i - 1] == '_')))
			continue;
		out[o++] = md[i];
	}
	return o;
}

static int file_sink(void *user, const char *p, size_t n)
{
	return fwrite(p, 1, n, (FILE *)user) == n ? 0 : 1;
}

static uint8_t *fbmem;

void aw_display_cli_run(const aw_store_ctx *s, const char *name, const char *repo)
{
	char namebuf[256], dashless[256];
	static aw_disp_ctx d;
	aw_font_fb fb;
	size_t i, n = aw_store_count(s);
	int64_t t = 0;
	unsigned long count = 0;
	FILE *f = stdout;
	int rc, png = 0;

	if (dopt.bw) {
		size_t l = dopt.out ? strlen(dopt.out) : 0;
		if (!dopt.out)
			usage_fail("%s", "display --bitmap needs --out FILE.pbm or FILE.png");
		if (l > 4 && !strcmp(dopt.out + l - 4, ".png"))
			png = 1;
		else if (!(l > 4 && !strcmp(dopt.out + l - 4, ".pbm")))
			usage_fail("--out: the file name must end in .pbm or .png, got '%.80s'", dopt.out);
		if (dopt.cols || dopt.rows)
			usage_fail("%s", "display: --bitmap and --cols/--rows exclude each other");
		fbmem = malloc(aw_font_fb_size(dopt.bw, dopt.bh));
		if (!fbmem)
			fail("%s", "out of memory");
		if ((rc = aw_font_fb_init(&fb, fbmem, aw_font_fb_size(dopt.bw, dopt.bh), dopt.bw, dopt.bh)) ||
		    (rc = aw_disp_bitmap_init(&d, &fb, dopt.flags)))
			usage_fail("%s", "--bitmap: too small for the digest (at least 64x47 pixels)");
	} else {
		aw_disp_cfg cfg;
		if (!dopt.cols || !dopt.rows)
			usage_fail("%s", "display needs --cols N --rows M, or --bitmap WxH --out FILE");
		memset(&cfg, 0, sizeof cfg);
		cfg.cols = dopt.cols;
		cfg.rows = dopt.rows;
		cfg.item_lines = dopt.item_lines;
		cfg.flags = dopt.flags;
		cfg.fallback = dopt.fallback;
		if (aw_disp_text_init(&d, &cfg, file_sink, stdout))
			usage_fail("%s", "display: bad --cols/--rows/--fallback");
	}
	if (!name) {
		/* the page name rule (tal-spec 1): Title Case of the repository
		 * name with '-' read as a space */
		aw_buf b;
		size_t k;
		snprintf(dashless, sizeof dashless, "%s", repo);
		for (k = 0; dashless[k]; k++)
			if (dashless[k] == '-')
				dashless[k] = ' ';
		aw_buf_init(&b, namebuf, sizeof namebuf);
		aw_render_title_case(dashless, strlen(dashless), &b);
		name = aw_buf_cstr(&b);
	}
	/* periods newest first, each with its items in document order, as
	 * long as rows are left */
	{
		int64_t below = INT64_MAX;
		int first = 1;
		rc = AW_OK;
		for (;;) {
			int64_t key = INT64_MIN;
			for (i = 0; i < n; i++) {
				int64_t k = period_key(aw_store_get(s, i)->time);
				if (k < below && k > key) {
					key = k;
					t = aw_store_get(s, i)->time;
				}
			}
			count = 0;
			for (i = 0; i < n; i++)
				count += period_key(aw_store_get(s, i)->time) == key;
			if (first)
				rc = aw_disp_header(&d, name, strlen(name),
						    !n ? AW_DISP_NONE : dopt.daily ? AW_DISP_DAY : AW_DISP_WEEK,
						    t, count);
			else if (count)
				rc = aw_disp_period(&d, dopt.daily ? AW_DISP_DAY : AW_DISP_WEEK, t, count);
			first = 0;
			if (rc || !count || aw_disp_full(&d))
				break;
			for (i = 0; !rc && i < n && !aw_disp_full(&d); i++) {
				const aw_store_item *it = aw_store_get(s, i);
				const char *md;
				size_t ml, tl;
				char title[1024];
				if (period_key(it->time) != key)
					continue;
				md = aw_store_markdown(s, it, &ml);
				tl = title_of(md, ml, title, sizeof title);
				rc = aw_disp_item(&d, title, tl);
			}
			below = key;
			if (rc || dopt.one)
				break;
		}
	}
	if (!rc)
		rc = aw_disp_end(&d);
	if (rc)
		fail("display: %s", aw_strerror(rc));
	if (dopt.bw) {
		if (!(f = fopen(dopt.out, "wb")))
			fail("%s: cannot create", dopt.out); /* exits 1 */
		rc = png ? aw_png_write_fb(&fb, file_sink, f) : aw_png_pbm_write_fb(&fb, file_sink, f);
		if (rc || fclose(f))
			fail("%s: write error", dopt.out);
		free(fbmem);
	}
}
