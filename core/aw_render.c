/*
 * aw_render.c - weekly / daily list pages and the overview header
 * (docs/spec.md 8), plus title-case 3.0.3 for derived page names (spec 1).
 *
 * Layout, as measured on the real pages: header lines are separated by
 * blank lines; each bucket opens with "\n\n" (a page without items ends
 * with its header, without a newline); a bucket is
 * "## [label](path)\n\n" + category groups joined by "\n\n"; a group is
 * "### cat\n\n" (left out for an empty category) + item markdown joined by
 * "\n". Items keep any trailing newlines of their own (table rows), and
 * nothing is appended at the end of the page.
 *
 * The periods, categories and items come from the digest walker
 * (aw_digest.h); this file only prints them. The trackawesomelist chrome
 * (Search / Feed / Subscribe / Sponsor links, /content paths) lives here
 * and nowhere else: it is the compat renderer.
 * Not done here: sorting or grouping, global per-period pages, feeds, the
 * overview body.
 */
#include "aw_render.h"
#include "aw_digest.h"
#include "aw_time.h"
#include "aw_utf8.h"

#include <string.h>

/* ---- output ---- */

typedef aw_sink out;   /* sticky error: after a failed write nothing more is written */

static void put(out *o, const char *p, size_t n)
{
	aw_sink_write(o, p, n);
}

static void puts_(out *o, const char *s)
{
	put(o, s, strlen(s));
}

/* ---- title-case 3.0.3 ---- */

/* a single-character token of /[^\s:–—-]+|./ */
static int tc_sep(uint32_t c)
{
	return aw_js_space(c) || c == ':' || c == 0x2013 || c == 0x2014 || c == '-';
}

/* JavaScript's "." does not match these: the token regex skips them */
static int js_line_term(uint32_t c)
{
	return c == 10 || c == 13 || c == 0x2028 || c == 0x2029;
}

static int word_ch(char c)
{
	return AW_IS_ALNUM(c) || c == '_';
}

/* SMALL_WORDS with its alternations expanded, NUL-separated (one string,
 * no pointer table), ended by an empty word */
static const char small_words[] =
	"a\0an\0ad\0and\0as\0at\0because\0but\0by\0en\0for\0"
	"if\0in\0neither\0nor\0of\0on\0or\0only\0over\0per\0"
	"so\0some\0than\0that\0the\0to\0up\0upon\0v\0vs\0"
	"v.\0vs.\0versus\0via\0when\0with\0without\0yet\0";

/* /\b(?:small)\b/i anywhere in t[0..n) (\b on ASCII word chars) */
static int has_small_word(const char *t, size_t n)
{
	size_t p, l;
	const char *w;

	for (p = 0; p < n; p++) {
		if (!word_ch(t[p]) || (p > 0 && word_ch(t[p - 1])))
			continue;
		for (w = small_words; (l = strlen(w)) != 0; w += l + 1) {
			size_t j;
			int after_word, next_word;
			if (l > n - p)
				continue;
			for (j = 0; j < l; j++) {
				char ch = t[p + j];
				if (ch >= 'A' && ch <= 'Z')
					ch = (char)(ch + 32);   /* /i: ASCII only */
				if (ch != w[j])
					break;
			}
			if (j < l)
				continue;
			after_word = word_ch(t[p + l - 1]);
			next_word = p + l < n && word_ch(t[p + l]);
			if (after_word != next_word)
				return 1;
		}
	}
	return 0;
}

/* /.(?=[A-Z]|\..)/ on the token */
static int manual_case(const char *t, size_t n)
{
	size_t i;

	for (i = 1; i < n; i++) {
		if (t[i] >= 'A' && t[i] <= 'Z')
			return 1;
		if (t[i] == '.' && i + 1 < n)
			return 1;
	}
	return 0;
}

/* Write the token with its first [A-Za-z0-9\u00C0-\u00FF] upper-cased. */
static void tc_upper_first(out *o, const char *t, size_t n)
{
	size_t i = 0, l;

	while (i < n) {
		uint32_t c = aw_utf8_dec(t, n, i, &l);
		if ((c < 0x80 && AW_IS_ALNUM(c)) || (c >= 0xc0 && c <= 0xff && l == 2)) {
			char u[2];
			put(o, t, i);
			if (c >= 'a' && c <= 'z') {
				u[0] = (char)(c - 32);
				put(o, u, 1);
			} else if (c == 0xdf) {
				put(o, "SS", 2);                 /* ß */
			} else if (c == 0xff) {
				put(o, "\xc5\xb8", 2);           /* ÿ -> U+0178 */
			} else if (c >= 0xe0 && c != 0xf7) {
				c -= 0x20;
				u[0] = (char)(0xc0 | (c >> 6));
				u[1] = (char)(0x80 | (c & 0x3f));
				put(o, u, 2);
			} else {
				put(o, t + i, l);
			}
			put(o, t + i + l, n - i - l);
			return;
		}
		i += l;
	}
	put(o, t, n);
}

/* title-case 3.0.3 of s; dash_space: read '-' as ' ' (page names). */
static void title_case(out *o, const char *s, size_t n, int dash_space)
{
	size_t i = 0, l;
	/* token texts are taken from s directly; with dash_space a run never
	 * contains '-', and a '-' token prints as ' ', so no copy is needed */
	while (i < n) {
		uint32_t c = aw_utf8_dec(s, n, i, &l);
		size_t ts = i, te;
		int sep = tc_sep(c) || (dash_space && c == '-');

		if (sep) {
			if (js_line_term(c)) {
				i += l;
				continue;
			}
			te = i + l;
		} else {
			te = i + l;
			while (te < n) {
				size_t l2;
				uint32_t c2 = aw_utf8_dec(s, n, te, &l2);
				if (tc_sep(c2))
					break;
				te += l2;
			}
		}
		i = te;
		if (sep) {
			/* separators contain nothing to capitalise */
			if (dash_space && c == '-')
				put(o, " ", 1);
			else
				put(o, s + ts, te - ts);
			continue;
		}
		{
			int small = has_small_word(s + ts, te - ts);
			int url = 0;
			if (te < n && s[te] == ':') {
				size_t l3;
				url = !(te + 1 < n && aw_js_space(aw_utf8_dec(s, n, te + 1, &l3)));
			}
			if (!manual_case(s + ts, te - ts) && (!small || ts == 0 || te == n) && !url)
				tc_upper_first(o, s + ts, te - ts);
			else
				put(o, s + ts, te - ts);
		}
	}
}

int aw_render_title_case(const char *s, size_t n, aw_buf *b)
{
	out o;

	aw_sink_buf(&o, b);
	title_case(&o, s, n, 0);
	return o.err;
}

/* ---- header pieces ---- */

#define SEP " \xc2\xb7 "   /* " · " */

static const char *file_of(const aw_page_info *pi)
{
	return pi->file ? pi->file : "README.md";
}

/* "/<owner>/<repo>/" or "/<owner>/<repo>/<file without extension>/" */
static void put_pathname(out *o, const aw_page_info *pi, const char *file, int index)
{
	put(o, "/", 1);
	puts_(o, pi->owner);
	put(o, "/", 1);
	puts_(o, pi->repo);
	put(o, "/", 1);
	if (!index) {
		size_t n = strlen(file), k = n;
		while (k > 0 && file[k - 1] != '.' && file[k - 1] != '/')
			k--;
		if (k > 0 && file[k - 1] == '.' && k - 1 > 0 && file[k - 2] != '/')
			n = k - 1;
		put(o, file, n);
		put(o, "/", 1);
	}
}

static void put_name(out *o, const aw_page_info *pi)
{
	if (pi->name) {
		puts_(o, pi->name);
		return;
	}
	title_case(o, pi->repo, strlen(pi->repo), 1);
	if (!pi->index) {
		put(o, " (", 2);
		puts_(o, file_of(pi));
		put(o, ")", 1);
	}
}

static void put_repo_url(out *o, const aw_page_info *pi)
{
	if (pi->repo_url) {
		puts_(o, pi->repo_url);
	} else {
		puts_(o, "https://github.com/");
		puts_(o, pi->owner);
		put(o, "/", 1);
		puts_(o, pi->repo);
	}
}

/* nav1 (8.1). feed: the Feed file under the pathname ("week/rss.xml",
 * "rss.xml", "week/feed.xml"); search: include Search and Sponsor. */
static void put_nav1(out *o, const aw_page_info *pi, const char *feed, int seed, int search)
{
	puts_(o, "[\xf0\x9f\x8f\xa0 Home](/README.md)" SEP);
	if (search && !seed)
		puts_(o, "[\xf0\x9f\x94\x8d Search](https://www.trackawesomelist.com/search/)" SEP);
	puts_(o, seed ? "[\xf0\x9f\x94\xa5 Feed](https://test.trackawesomelist.com"
		      : "[\xf0\x9f\x94\xa5 Feed](https://www.trackawesomelist.com");
	put_pathname(o, pi, file_of(pi), pi->index);
	puts_(o, feed);
	puts_(o, ")" SEP "[\xf0\x9f\x93\xae Subscribe](https://trackawesomelist.us17.list-manage.com"
		 "/subscribe?u=d2f0117aa829c83a63ec63c2f&id=36a103854c)" SEP);
	if (!seed)
		puts_(o, "[\xe2\x9d\xa4\xef\xb8\x8f  Sponsor](https://github.com/sponsors/theowenyoung)" SEP);
	puts_(o, "[\xf0\x9f\x98\xba ");
	puts_(o, pi->owner);
	put(o, "/", 1);
	puts_(o, pi->repo);
	put(o, "](", 2);
	put_repo_url(o, pi);
	if (seed || !pi->index) {
		puts_(o, "/blob/");
		puts_(o, pi->branch ? pi->branch : "master");
		put(o, "/", 1);
		puts_(o, file_of(pi));
	}
	put(o, ")", 1);
	if (pi->stars_total) {
		puts_(o, SEP "\xe2\xad\x90 ");
		puts_(o, pi->stars_total);
	}
	puts_(o, SEP "\xf0\x9f\x8f\xb7\xef\xb8\x8f ");
	puts_(o, pi->tag ? pi->tag : "Miscellaneous");
}

static void put_content_link(out *o, const aw_page_info *pi, const char *file, int index,
			     const char *tail)
{
	puts_(o, "(/content");
	put_pathname(o, pi, file, index);
	puts_(o, tail);
	put(o, ")", 1);
}

static void put_header(out *o, const aw_page_info *pi, int kind)
{
	int weekly = kind == AW_PAGE_WEEKLY, seed = (pi->flags & AW_RENDER_SEED_ERA) != 0;
	size_t i;

	puts_(o, "# Track ");
	put_name(o, pi);
	puts_(o, weekly ? " Updates Weekly\n\n" : " Updates Daily\n\n");
	if (pi->description && pi->description[0]) {
		puts_(o, pi->description);
		puts_(o, "\n\n");
	}
	put_nav1(o, pi, weekly ? (seed ? "week/feed.xml" : "week/rss.xml")
			       : (seed ? "feed.xml" : "rss.xml"), seed, 1);
	puts_(o, "\n\n[ ");
	if (weekly) {
		puts_(o, "[Daily]");
		put_content_link(o, pi, file_of(pi), pi->index, "README.md");
		puts_(o, " / Weekly / ");
	} else {
		puts_(o, "Daily / [Weekly]");
		put_content_link(o, pi, file_of(pi), pi->index, "week/README.md");
		puts_(o, " / ");
	}
	puts_(o, "[Overview]");
	put_content_link(o, pi, file_of(pi), pi->index, "readme/README.md");
	puts_(o, " ]");
	if (pi->index && pi->n_related) {
		puts_(o, "\n## Related Files\n");
		for (i = 0; i < pi->n_related; i++) {
			puts_(o, "\n- [");
			puts_(o, pi->related[i].name);
			put(o, "]", 1);
			put_content_link(o, pi, pi->related[i].file, 0,
					 weekly ? "week/README.md" : "README.md");
		}
	}
	if (seed)
		puts_(o, "\n\n");
}

/* ---- periods (events of the digest walker) ---- */

static void put_period_heading(out *o, const aw_digest_period *p, int tal)
{
	char lb[64];
	aw_buf b;

	aw_buf_init(&b, lb, sizeof lb);
	put(o, "## [", 4);
	if (p->kind == AW_DIGEST_WEEKLY)
		aw_time_week_label(p->year, p->week, tal, &b);
	else
		aw_time_day_label(p->start, &b);
	put(o, b.p, b.len);
	put(o, "](", 2);
	aw_buf_reset(&b);
	if (p->kind == AW_DIGEST_WEEKLY)
		aw_time_week_path(p->year, p->week, &b);
	else
		aw_time_day_path(p->start, &b);
	put(o, b.p, b.len);
	put(o, ")\n\n", 3);
}

/* "\n\n" + periods joined by "\n\n"; a period is its heading and its
 * groups joined by "\n\n"; a group "### cat\n\n" (none for an empty
 * category) and its items' markdown joined by "\n" */
static void put_periods(out *o, aw_digest_ctx *w, const aw_store_ctx *s, int kind,
			const aw_page_info *pi)
{
	aw_digest_opts dopt;
	aw_digest_ev ev;
	int tal = (pi->flags & AW_RENDER_TAL_COMPAT) != 0, first_group = 1, first_item = 1;

	aw_digest_opts_default(&dopt);
	dopt.kind = kind == AW_PAGE_WEEKLY ? AW_DIGEST_WEEKLY : AW_DIGEST_DAILY;
	dopt.max_periods = pi->max_periods;
	if (aw_digest_begin(w, s, &dopt))
		return;
	while (!o->err && aw_digest_next(w, &ev) == 1) {
		switch (ev.type) {
		case AW_DIGEST_PERIOD:
			/* each period opens with a blank line: a page without
			 * items ends with its header, without a newline (spec 8) */
			put(o, "\n\n", 2);
			put_period_heading(o, ev.period, tal);
			first_group = 1;
			break;
		case AW_DIGEST_CATEGORY:
			if (!first_group)
				put(o, "\n\n", 2);
			first_group = 0;
			first_item = 1;
			if (ev.category_len) {
				put(o, "### ", 4);
				put(o, ev.category, ev.category_len);
				put(o, "\n\n", 2);
			}
			break;
		case AW_DIGEST_ITEM:
			if (!first_item)
				put(o, "\n", 1);
			first_item = 0;
			put(o, ev.item->markdown, ev.item->markdown_len);
			break;
		default:
			break;
		}
	}
}

int aw_render_page(aw_digest_ctx *w, const aw_store_ctx *s, int kind, const aw_page_info *pi,
		   aw_sink *out_)
{
	out *o = out_;

	if ((kind != AW_PAGE_WEEKLY && kind != AW_PAGE_DAILY) || !pi || !o || !o->fn ||
	    !pi->owner || !pi->repo || !w || !s)
		return AW_ERR_ARG;
	if (!(pi->flags & AW_RENDER_BODY))
		put_header(o, pi, kind);
	put_periods(o, w, s, kind, pi);
	return o->err;
}

int aw_render_overview_header(const aw_page_info *pi, aw_sink *out_)
{
	out *o = out_;

	if (!pi || !o || !o->fn || !pi->owner || !pi->repo)
		return AW_ERR_ARG;
	puts_(o, "# ");
	put_name(o, pi);
	puts_(o, " Overview\n\n");
	if (pi->description && pi->description[0]) {
		puts_(o, pi->description);
		puts_(o, "\n\n");
	} else if (pi->flags & AW_RENDER_TAL_COMPAT) {
		puts_(o, "null\n\n");
	}
	put_nav1(o, pi, "rss.xml", 0, 0);
	puts_(o, "\n\n[ [Daily]");
	put_content_link(o, pi, file_of(pi), pi->index, "README.md");
	puts_(o, " / [Weekly]");
	put_content_link(o, pi, file_of(pi), pi->index, "week/README.md");
	puts_(o, " / Overview ]\n\n---\n\n");
	return o->err;
}
