/*
 * aw_display_cli.c - `awtrack display`: the small-display digest of the
 * list (core/aw_display.c) as text for a cols x rows character display,
 * or as a 1-bit PBM / PNG image for a bitmap display (core/aw_font.c,
 * core/aw_png.c). awtrack.c does the replay as for `weekly` and hands
 * the final store over; this file only parses the display options, begins
 * the digest walker (core/aw_digest.h) and writes the result. Errors are
 * returned to awtrack.c's main with the message in its buffer (main
 * prints it and exits).
 *
 * Not here: any grouping, layout or text rule (all in the core: the
 * walker groups, aw_disp_digest lays out, so a board shows the same).
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

static struct {
	unsigned cols, rows, item_lines, flags;
	char fallback;
	unsigned bw, bh;
	const char *out;
	int one;      /* --one-period: only the newest period */
} dopt;

/* The caller's message buffer (aw_display_cli_opt / _run's err). */
static char *err;
static size_t errcap;

/* A failed run (exit status 1): the message, the error. */
static int fail(int rc, const char *fmt, const char *arg)
{
	snprintf(err, errcap, fmt, arg);
	return rc;
}

/* A wrong command line (exit status 2, as awtrack.c's): *cmdline is set. */
static int *cmdline;

static int usage_fail(const char *fmt, const char *arg)
{
	snprintf(err, errcap, fmt, arg);
	if (cmdline)
		*cmdline = 1;
	return AW_ERR_ARG;
}

static int num(const char *opt, const char *v, unsigned lo, unsigned hi, unsigned *out)
{
	char *end;
	unsigned long x;
	errno = 0;
	x = strtoul(v, &end, 10);
	if (errno || *end || end == v || v[0] == '-' || x < lo || x > hi) {
		snprintf(err, errcap, "%s: invalid number '%.40s' (expected %u..%u)", opt, v, lo,
			 hi);
		return AW_ERR_ARG;
	}
	*out = (unsigned)x;
	return AW_OK;
}

int aw_display_cli_opt(int argc, char **argv, int i, char *errbuf, size_t errbuf_cap)
{
	static const char *const with_value[] = {"--cols", "--rows", "--bitmap", "--out",
						 "--fallback", "--item-lines"};
	char a[32];
	const char *arg = argv[i], *eq = strchr(arg, '='), *v = NULL;
	size_t k, nl = eq ? (size_t)(eq - arg) : strlen(arg);
	int takes = 0, used = 1, rc;

	err = errbuf;
	errcap = errbuf_cap;
	cmdline = NULL;
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
			return usage_fail("%s needs a value", a);
		}
		if (!*v)
			return usage_fail("%s: empty value", a);
	} else if (eq) {
		return 0;
	}
	if (!strcmp(a, "--cols")) {
		if ((rc = num(a, v, AW_DISP_MIN_COLS, AW_DISP_COLS_MAX, &dopt.cols)))
			return rc;
	} else if (!strcmp(a, "--rows")) {
		if ((rc = num(a, v, 1, 65535, &dopt.rows)))
			return rc;
	} else if (!strcmp(a, "--item-lines")) {
		if ((rc = num(a, v, 1, 65535, &dopt.item_lines)))
			return rc;
	} else if (!strcmp(a, "--ascii"))
		dopt.flags |= AW_DISP_ASCII;
	else if (!strcmp(a, "--fallback")) {
		if (strlen(v) != 1 || v[0] < 0x20 || v[0] > 0x7e)
			return usage_fail("--fallback: expected one printable ASCII character, "
					  "got '%.40s'", v);
		dopt.fallback = v[0];
	} else if (!strcmp(a, "--bitmap")) {
		const char *x = strchr(v, 'x');
		char tmp[32];
		if (!x || strlen(v) >= sizeof tmp)
			return usage_fail("--bitmap: expected WIDTHxHEIGHT (e.g. 296x128), "
					  "got '%.40s'", v);
		memcpy(tmp, v, (size_t)(x - v));
		tmp[x - v] = 0;
		if ((rc = num("--bitmap width", tmp, 1, AW_FONT_FB_SIDE_MAX, &dopt.bw)) ||
		    (rc = num("--bitmap height", x + 1, 1, AW_FONT_FB_SIDE_MAX, &dopt.bh)))
			return rc;
	} else if (!strcmp(a, "--out")) {
		dopt.out = v;
	} else if (!strcmp(a, "--one-period")) {
		dopt.one = 1;
	} else {
		return 0;
	}
	return used;
}

static int file_sink(void *user, const char *p, size_t n)
{
	return fwrite(p, 1, n, (FILE *)user) == n ? 0 : 1;
}

static uint8_t *fbmem;

int aw_display_cli_run(const aw_store_ctx *s, const char *name, const char *repo, int daily,
		       unsigned max_periods, char *errbuf, size_t errbuf_cap, int *cmdline_err)
{
	char namebuf[256], dashless[256];
	static aw_disp_ctx d;
	static aw_digest_ctx walk;
	aw_digest_opts wo;
	aw_font_fb fb;
	FILE *f = stdout;
	int rc, png = 0;

	err = errbuf;
	errcap = errbuf_cap;
	cmdline = cmdline_err;
	*cmdline = 0;
	if (dopt.bw) {
		size_t l = dopt.out ? strlen(dopt.out) : 0;
		if (!dopt.out)
			return usage_fail("%s", "display --bitmap needs --out FILE.pbm or FILE.png");
		if (l > 4 && !strcmp(dopt.out + l - 4, ".png"))
			png = 1;
		else if (!(l > 4 && !strcmp(dopt.out + l - 4, ".pbm")))
			return usage_fail("--out: the file name must end in .pbm or .png, got '%.80s'",
					  dopt.out);
		if (dopt.cols || dopt.rows)
			return usage_fail("%s", "display: --bitmap and --cols/--rows exclude each other");
		fbmem = malloc(aw_font_fb_size(dopt.bw, dopt.bh));
		if (!fbmem)
			return fail(AW_ERR_FULL, "%s", "out of memory");
		if ((rc = aw_font_fb_init(&fb, fbmem, aw_font_fb_size(dopt.bw, dopt.bh), dopt.bw, dopt.bh)) ||
		    (rc = aw_disp_bitmap_init(&d, &fb, dopt.flags))) {
			free(fbmem);
			return usage_fail("%s", "--bitmap: too small for the digest (at least 64x47 "
					  "pixels)");
		}
	} else {
		aw_disp_cfg cfg;
		if (!dopt.cols || !dopt.rows)
			return usage_fail("%s", "display needs --cols N --rows M, or --bitmap WxH --out "
					  "FILE");
		memset(&cfg, 0, sizeof cfg);
		cfg.cols = dopt.cols;
		cfg.rows = dopt.rows;
		cfg.item_lines = dopt.item_lines;
		cfg.flags = dopt.flags;
		cfg.fallback = dopt.fallback;
		if (aw_disp_text_init(&d, &cfg, file_sink, stdout))
			return usage_fail("%s", "display: bad --cols/--rows/--fallback");
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
	/* the walker groups (periods newest first, categories, items), the
	 * core lays out as many as fit */
	aw_digest_opts_default(&wo);
	wo.kind = daily ? AW_DIGEST_DAILY : AW_DIGEST_WEEKLY;
	wo.max_periods = dopt.one ? 1 : max_periods;
	rc = aw_digest_begin(&walk, s, &wo);
	if (!rc)
		rc = aw_disp_digest(&d, &walk, name, strlen(name));
	if (rc) {
		free(fbmem);
		return fail(rc, "display: %s", aw_strerror(rc));
	}
	if (dopt.bw) {
		int wrc;
		if (!(f = fopen(dopt.out, "wb"))) {
			free(fbmem);
			return fail(AW_ERR_IO, "%s: cannot create", dopt.out);
		}
		wrc = png ? aw_png_write_fb(&fb, file_sink, f) : aw_png_pbm_write_fb(&fb, file_sink, f);
		if (fclose(f) || wrc)
			rc = fail(AW_ERR_IO, "%s: write error", dopt.out);
		free(fbmem);
	}
	return rc;
}
