/*
 * aw_render.c - weekly / daily list pages and the overview header
 * (docs/spec.md 8), plus title-case 3.0.3 for derived page names (spec 1).
 *
 * Layout, as measured on the real pages: header lines are separated by
 * blank lines; the body is "\n\n" + buckets joined by "\n\n"; a bucket is
 * "## [label](path)\n\n" + category groups joined by "\n\n"; a group is
 * "### cat\n\n" (left out for an empty category) + item markdown joined by
 * "\n". Items keep any trailing newlines of their own (table rows), and
 * nothing is appended at the end of the page.
 *
 * Sorting uses the store's scratch arrays and an in-place heap sort on a
 * total order (bucket descending, document position ascending), so it is
 * deterministic without being a stable sort, and needs no recursion.
 * Not done here: global per-period pages, feeds, the overview body.
 */
#include "aw_render.h"
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
	unsigned char u = (unsigned char)c;
	return (u >= '0' && u <= '9') || (u >= 'A' && u <= 'Z') ||
	       (u >= 'a' && u <= 'z') || u == '_';
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
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		    (c >= 0xc0 && c <= 0xff && l == 2)) {
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

/* ---- buckets ---- */

/* order: bucket descending, then document position ascending */
static int before(const aw_store_ctx *s, uint32_t a, uint32_t b)
{
	if (s->r_bucket[a] != s->r_bucket[b])
		return s->r_bucket[a] > s->r_bucket[b];
	return a < b;
}

static void sift(aw_store_ctx *s, uint32_t *v, size_t root, size_t n)
{
	for (;;) {
		size_t c = 2 * root + 1;
		uint32_t t;
		if (c >= n)
			return;
		/* max-heap of the "later in output" element */
		if (c + 1 < n && before(s, v[c], v[c + 1]))
			c++;
		if (!before(s, v[root], v[c]))
			return;
		t = v[root];
		v[root] = v[c];
		v[c] = t;
		root = c;
	}
}

static void sort_items(aw_store_ctx *s, size_t n)
{
	uint32_t *v = s->r_order;
	size_t i;

	for (i = n / 2; i-- > 0;)
		sift(s, v, i, n);
	for (i = n; i-- > 1;) {
		uint32_t t = v[0];
		v[0] = v[i];
		v[i] = t;
		sift(s, v, 0, i);
	}
}

static int same_cat(const aw_store_ctx *s, uint32_t a, uint32_t b)
{
	const aw_store_item *x = &s->item[a], *y = &s->item[b];
	return x->cat_len == y->cat_len &&
	       !memcmp(s->arena + x->cat_off, s->arena + y->cat_off, x->cat_len);
}

static void put_bucket_heading(out *o, int kind, uint32_t key, int tal)
{
	char lb[64];
	aw_buf b;
	int64_t t = kind == AW_PAGE_WEEKLY ? 0 :   /* a daily key is YYYYMMDD */
		    aw_days_from_civil(key / 10000, key / 100 % 100, key % 100) * 86400;

	aw_buf_init(&b, lb, sizeof lb);
	put(o, "## [", 4);
	if (kind == AW_PAGE_WEEKLY)
		aw_time_week_label((int)(key / 100), (int)(key % 100), tal, &b);
	else
		aw_time_day_label(t, &b);
	put(o, b.p, b.len);
	put(o, "](", 2);
	aw_buf_reset(&b);
	if (kind == AW_PAGE_WEEKLY)
		aw_time_week_path((int)(key / 100), (int)(key % 100), &b);
	else
		aw_time_day_path(t, &b);
	put(o, b.p, b.len);
	put(o, ")\n\n", 3);
}

static void put_buckets(out *o, aw_store_ctx *s, int kind, const aw_page_info *pi)
{
	size_t n = s->n, i, a, periods = 0;
	int tal = (pi->flags & AW_RENDER_TAL_COMPAT) != 0;

	for (i = 0; i < n; i++) {
		s->r_order[i] = (uint32_t)i;
		s->r_bucket[i] = kind == AW_PAGE_WEEKLY ? aw_time_week_key(s->item[i].time)
							: aw_time_day_key(s->item[i].time);
		s->r_done[i] = 0;
	}
	sort_items(s, n);
	for (a = 0; a < n && !o->err; ) {
		uint32_t key = s->r_bucket[s->r_order[a]];
		size_t b = a, p;
		int first_group = 1;

		while (b < n && s->r_bucket[s->r_order[b]] == key)
			b++;
		if (pi->max_periods && periods == pi->max_periods)
			break;
		if (periods++)
			put(o, "\n\n", 2);
		put_bucket_heading(o, kind, key, tal);
		/* categories by first appearance; r_order is document order here */
		for (p = a; p < b; p++) {
			uint32_t lead = s->r_order[p], q;
			int first_item = 1;
			if (s->r_done[p])
				continue;
			if (!first_group)
				put(o, "\n\n", 2);
			first_group = 0;
			if (s->item[lead].cat_len) {
				put(o, "### ", 4);
				put(o, s->arena + s->item[lead].cat_off, s->item[lead].cat_len);
				put(o, "\n\n", 2);
			}
			for (q = (uint32_t)p; q < b; q++) {
				uint32_t it = s->r_order[q];
				if (s->r_done[q] || !same_cat(s, lead, it))
					continue;
				s->r_done[q] = 1;
				if (!first_item)
					put(o, "\n", 1);
				first_item = 0;
				put(o, s->arena + s->item[it].md_off, s->item[it].md_len);
			}
		}
		a = b;
	}
}

int aw_render_page(aw_store_ctx *s, int kind, const aw_page_info *pi, aw_sink *out_)
{
	out *o = out_;

	if ((kind != AW_PAGE_WEEKLY && kind != AW_PAGE_DAILY) || !pi || !o || !o->fn ||
	    !pi->owner || !pi->repo)
		return AW_ERR_ARG;
	if (!(pi->flags & AW_RENDER_BODY))
		put_header(o, pi, kind);
	put(o, "\n\n", 2);
	put_buckets(o, s, kind, pi);
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
