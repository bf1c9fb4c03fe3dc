/*
 * test_track.c - the tracker (aw_track.h) in its two modes.
 *
 * Real lists (tests/data/md) go through chains of random line edits (items,
 * headings, references whose definitions come later, struck category
 * headings that make the reference reject a version, ...). Every version
 * goes to two trackers: the git mode (AW_TRACK_CAP_WHOLE, incremental
 * replay through aw_delta, the whole text at once) and the one-pass
 * streaming mode (random chunks, the version fed again from its start
 * whenever the tracker returns AW_TRACK_AGAIN, items dated and stored in
 * the same pass). After each version both must accept or reject it alike
 * and give every item of the version the same date; every few versions the
 * git mode's final render pass must fill its store exactly as the streamed
 * pass filled the other (identity, date, category, markdown, order).
 *
 * A third tracker (R) is set up as aw_src's is: whole versions, no
 * aw_delta, no store until it renders. Part way through each chain it
 * takes the git mode's dates as a saved state (aw_track_dates ->
 * aw_track_restore, the record's identity -> date map) instead of the
 * history; from then on it must date every version as the git mode does
 * and its finishes must fill a store exactly as the streamed pass does.
 *
 * Also: references to later definitions (issue 7 item 1: full, collapsed
 * and shortcut references as an item's first link) in import, replay and
 * finish; restart notifications; callback error codes reaching the caller
 * (md4c style) from a pass that is redone and from one that is not;
 * argument and state errors; the document pass.
 */
#include "aw_sha1.h"
#include "aw_test.h"
#include "aw_track.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* the git-mode tracker (W) and the streaming one (S) */
static aw_md_ctx md_w, md_s;
static aw_md_cache cache;
static aw_delta_ctx delta;
static aw_datemap_ctx wa, wb, sa, sb;
static aw_store_ctx st_w, st_s;
static aw_track_ctx tw, ts;
/* the saved-state tracker (R) */
static aw_md_ctx md_r;
static aw_datemap_ctx ra, rb;
static aw_store_ctx st_r;
static aw_track_ctx tr;

static uint32_t rng = 777u;
static uint32_t rnd(uint32_t n)
{
	rng = rng * 1103515245u + 12345u;
	return (rng >> 8) % n;
}

/* ---- observers ---- */
static unsigned long restarts, seen_items;
static int fail_code;     /* on_item returns this (0: nothing) */
static int fail_always;   /* ... on every pass, not only the first */

static int on_item(void *user, const aw_track_item *it)
{
	(void)user;
	seen_items++;
	if (fail_code && (fail_always || !restarts))
		return fail_code;
	(void)it;
	return 0;
}

static int on_restart(void *user)
{
	(void)user;
	restarts++;
	return 0;
}

/* blame stand-in: every line has its own time */
static int line_time(void *user, uint32_t line, int64_t *t)
{
	(void)user;
	*t = 1000000 + line;
	return 0;
}

static int no_time(void *user, uint32_t line, int64_t *t)
{
	(void)user;
	(void)line;
	*t = 0;
	return AW_ERR_NOTFOUND;
}

static void init_both(const aw_md_opts *o)
{
	aw_track_mem m;
	aw_track_cfg c;

	memset(&m, 0, sizeof m);
	memset(&c, 0, sizeof c);
	c.opts = o;
	c.on_item = on_item;
	c.on_restart = on_restart;
	m.md = &md_w;
	m.map_a = &wa;
	m.map_b = &wb;
	m.store = &st_w;
	m.delta = &delta;
	m.cache = &cache;
	c.caps = AW_TRACK_CAP_WHOLE;
	CHECK(aw_track_init(&tw, &m, &c) == AW_OK);
	m.md = &md_s;
	m.map_a = &sa;
	m.map_b = &sb;
	m.store = &st_s;
	m.delta = NULL;
	m.cache = NULL;
	c.caps = 0;
	CHECK(aw_track_init(&ts, &m, &c) == AW_OK);
	restarts = seen_items = 0;
	fail_code = fail_always = 0;
}

/* A streaming port: random chunks, again from the start on request.
 * Returns the tracker's result; *agains counts the rewinds. */
static int stream(const char *s, size_t n, int *agains)
{
	int rc;
	*agains = 0;
	for (;;) {
		size_t i = 0;
		rc = AW_OK;
		while (rc == AW_OK && i < n) {
			size_t k = rnd(10) ? 1 + rnd(8192) : 1 + rnd(64);
			if (k > n - i)
				k = n - i;
			rc = aw_track_feed(&ts, s + i, k);
			i += k;
		}
		if (rc == AW_OK)
			rc = aw_track_end(&ts);
		if (rc != AW_TRACK_AGAIN)
			return rc;
		++*agains;
	}
}

/* the two stores hold the same items in the same order */
static int same_store(const aw_store_ctx *a, const aw_store_ctx *b)
{
	size_t i, n = aw_store_count(a);
	if (n != aw_store_count(b))
		return 0;
	for (i = 0; i < n; i++) {
		const aw_store_item *x = aw_store_get(a, i), *y = aw_store_get(b, i);
		size_t l1, l2;
		const char *p1, *p2;
		if (memcmp(x->id, y->id, 20) || x->time != y->time)
			return 0;
		p1 = aw_store_category(a, x, &l1);
		p2 = aw_store_category(b, y, &l2);
		if (l1 != l2 || memcmp(p1, p2, l1))
			return 0;
		p1 = aw_store_markdown(a, x, &l1);
		p2 = aw_store_markdown(b, y, &l2);
		if (l1 != l2 || memcmp(p1, p2, l1))
			return 0;
	}
	return 1;
}

/* every item of the streamed version has the git mode's date */
static int same_dates(void)
{
	size_t i, n = aw_store_count(&st_s);
	for (i = 0; i < n; i++) {
		const aw_store_item *it = aw_store_get(&st_s, i);
		int64_t t;
		if (!aw_track_date(&tw, it->id, &t) || t != it->time)
			return 0;
	}
	return 1;
}

/* R: no store, whole versions, no aw_delta (aw_src's set-up) */
static int init_r(const aw_md_opts *o)
{
	aw_track_mem m;
	aw_track_cfg c;

	memset(&m, 0, sizeof m);
	memset(&c, 0, sizeof c);
	c.opts = o;
	c.caps = AW_TRACK_CAP_WHOLE;
	m.md = &md_r;
	m.map_a = &ra;
	m.map_b = &rb;
	return aw_track_init(&tr, &m, &c);
}

/* R takes W's dates of the last version as a saved state; the number of
 * identities copied, or -1 */
static long restore_from_w(void)
{
	const aw_datemap_ctx *d = aw_track_dates(&tw);
	uint32_t i;
	long k = 0;
	if (aw_track_restore_begin(&tr))
		return -1;
	for (i = 0; i < d->n; i++) {
		if (!d->cnt[i])
			continue;
		if (aw_track_restore(&tr, d->key[i], d->val[i]))
			return -1;
		k++;
	}
	return k;
}

/* every item of the streamed version has R's date */
static int same_dates_r(void)
{
	size_t i, n = aw_store_count(&st_s);
	for (i = 0; i < n; i++) {
		const aw_store_item *it = aw_store_get(&st_s, i);
		int64_t t;
		if (!aw_track_date(&tr, it->id, &t) || t != it->time)
			return 0;
	}
	return 1;
}

/* ---- a document as an array of lines (each with its '\n') ---- */
#define MAXL 20000
static char *lines[MAXL];
static size_t nlines;

static void split(const char *s, size_t n)
{
	size_t i = 0;
	nlines = 0;
	while (i < n && nlines < MAXL) {
		const char *e = memchr(s + i, '\n', n - i);
		size_t k = e ? (size_t)(e - s) - i + 1 : n - i;
		lines[nlines] = malloc(k + 1);
		memcpy(lines[nlines], s + i, k);
		lines[nlines][k] = 0;
		nlines++;
		i += k;
	}
}

static size_t join(char *buf, size_t cap)
{
	size_t i, o = 0;
	for (i = 0; i < nlines; i++) {
		size_t k = strlen(lines[i]);
		if (o + k > cap)
			break;
		memcpy(buf + o, lines[i], k);
		o += k;
	}
	return o;
}

static void ins(size_t at, const char *s)
{
	if (nlines >= MAXL)
		return;
	memmove(lines + at + 1, lines + at, (nlines - at) * sizeof lines[0]);
	lines[at] = malloc(strlen(s) + 1);
	strcpy(lines[at], s);
	nlines++;
}

static void del(size_t at)
{
	free(lines[at]);
	memmove(lines + at, lines + at + 1, (nlines - at - 1) * sizeof lines[0]);
	nlines--;
}

static const char *const specials[] = {
	"- [New thing](https://new.example/%u) - Fresh.\n",
	"- [Dup](https://dup.example/) - Same identity twice.\n",
	"  - [Nested](https://nested.example/%u)\n",
	"## New Section %u\n",
	"### Sub %u\n",
	"#### Deeper %u\n",
	"```\n",
	"\n",
	"| x | [t](https://t.example/%u) |\n",
	/* references whose definitions come later (issue 7 item 1) */
	"- [Late %u][late] - full reference.\n",
	"- [late][] - collapsed reference.\n",
	"- [late] - shortcut reference.\n",
	"[late]: https://late.example/%u\n",
	"## ~~Struck~~ %u\n",
};

static void mutate(void)
{
	unsigned k = 1 + rnd(3), i;
	char tmp[256];
	for (i = 0; i < k; i++) {
		size_t at = nlines ? rnd((uint32_t)nlines) : 0;
		unsigned op = rnd(10);
		if (op < 3 && nlines) {
			snprintf(tmp, sizeof tmp, "%s", lines[rnd((uint32_t)nlines)]);
			ins(at, tmp);
		} else if (op < 5 && nlines > 1) {
			del(at);
		} else if (op < 6 && nlines) {
			static const char ch[] = "x[]()*`#-_ |<>!\\~&";
			size_t n = strlen(lines[at]);
			if (n > 1)
				lines[at][rnd((uint32_t)(n - 1))] = ch[rnd(sizeof ch - 1)];
		} else {
			unsigned s = rnd(sizeof specials / sizeof specials[0]);
			snprintf(tmp, sizeof tmp, specials[s], rnd(1000));
			if (tmp[0] == '[')
				at = nlines; /* a definition: at the end of the file */
			ins(at, tmp);
		}
	}
	/* a struck category heading rejects the version: keep it rare */
	for (i = 0; i < nlines; i++)
		if (!strncmp(lines[i], "## ~~", 5) && rnd(2)) {
			del(i);
			break;
		}
}

static void run(const char *path, int type, int versions)
{
	static char buf[2][1 << 21];
	size_t n, len;
	char *src = aw_test_slurp(path, &n);
	aw_md_opts o;
	int v, bad = 0, rejected = 0, finishes = 0, agains, r1, r2, r3, r_on = 0, r_finishes = 0;
	unsigned long again_total = 0;

	if (!src) {
		fprintf(stderr, "cannot read %s\n", path);
		failed++;
		return;
	}
	aw_md_opts_default(&o);
	o.type = type;
	if (type == AW_MD_HEADING)
		o.max_heading_level = 2;
	split(src, n);
	free(src);
	init_both(&o);
	CHECK(init_r(&o) == AW_OK);
	for (v = 0; v < versions && !bad; v++) {
		char *b = buf[v & 1];
		if (v && rnd(10))
			mutate();
		len = join(b, sizeof buf[0]);
		if (v == 0) {
			r1 = aw_track_import(&tw, b, len, line_time, NULL);
			r2 = aw_track_begin_import(&ts, line_time, NULL);
			if (!r2)
				r2 = stream(b, len, &agains);
		} else {
			r1 = aw_track_version(&tw, 5000 + v, b, len);
			r2 = aw_track_begin_version(&ts, 5000 + v);
			if (!r2)
				r2 = stream(b, len, &agains);
		}
		r3 = r_on ? aw_track_version(&tr, 5000 + v, b, len) : r1;
		again_total += (unsigned long)agains;
		if (r1 != r2 || r1 != r3 || (r1 && r1 != AW_ERR_SYNTAX)) {
			fprintf(stderr, "%s: version %d: git mode %d, streaming %d, saved state %d\n",
				path, v, r1, r2, r3);
			bad = 1;
			break;
		}
		if (r1) {
			rejected++;
			continue;
		}
		if (!same_dates() || (r_on && !same_dates_r())) {
			fprintf(stderr, "%s: version %d: the dates differ%s\n", path, v,
				r_on ? " (git mode or saved state)" : "");
			bad = 1;
		}
		if (v == versions / 3) {
			/* R starts from a saved state: W's dates of this version */
			long k = restore_from_w();
			if (k != (long)aw_datemap_count(aw_track_dates(&tw)) || !same_dates_r()) {
				fprintf(stderr, "%s: version %d: restore %ld\n", path, v, k);
				bad = 1;
			}
			r_on = 1;
			/* no store yet: a finish has nowhere to go */
			CHECK(aw_track_finish(&tr, b, len) == AW_ERR_STATE);
			CHECK(aw_track_set_store(&tr, &st_r) == AW_OK);
		}
		if (v % 16 == 0) {
			/* the git mode's final pass equals the streamed store */
			r1 = aw_track_finish(&tw, b, len);
			r2 = aw_track_finish(&ts, NULL, 0);
			finishes++;
			if (r1 || r2 || !same_store(&st_w, &st_s)) {
				fprintf(stderr, "%s: version %d: finish %d / %d, stores %s\n", path, v,
					r1, r2, r1 || r2 ? "-" : "differ");
				bad = 1;
			}
			if (r_on) {
				/* the saved-state tracker renders the same store */
				r_finishes++;
				r3 = aw_track_finish(&tr, b, len);
				if (r3 || !same_store(&st_r, &st_s) ||
				    aw_datemap_count(aw_track_dates(&tr)) !=
				    aw_datemap_count(aw_track_dates(&tw))) {
					fprintf(stderr, "%s: version %d: saved-state finish %d\n", path,
						v, r3);
					bad = 1;
				}
			}
		}
	}
	CHECK(bad == 0);
	{
		aw_track_stats a, s;
		aw_track_get_stats(&tw, &a);
		aw_track_get_stats(&ts, &s);
		printf("%s: %d versions (%d rejected), git mode %lu windows %lu whole, streaming "
		       "%lu redone (%lu rewinds), %d finishes compared (%d from a saved state)\n",
		       path, versions, rejected, a.windows, a.wholes, s.fallbacks, again_total,
		       finishes, r_finishes);
		CHECK(r_finishes > 0);
		CHECK(a.rejected == s.rejected && s.rejected == (unsigned long)rejected);
		CHECK(s.fallbacks > 0 && again_total >= 2 * s.fallbacks); /* late definitions */
		CHECK(restarts >= s.fallbacks);
		if (type != AW_MD_HEADING)
			CHECK(a.windows > 0);
	}
	for (n = 0; n < nlines; n++)
		free(lines[n]);
	nlines = 0;
}

/* ---- hand-made cases ---- */

static const char late_refs[] =
	"# Awesome X\n\n## Tools\n\n"
	"- [foo](https://foo.example) - Foo.\n"
	"- [bar][b] - Bar, full reference.\n"
	"- [baz][] - Baz, collapsed.\n"
	"- [qux] - Qux, shortcut.\n\n"
	"[b]: https://bar.example\n[baz]: https://baz.example\n[qux]: https://qux.example\n";

static int has_ident(const aw_store_ctx *s, const char *ident)
{
	uint8_t id[20];
	aw_sha1(ident, strlen(ident), id);
	return aw_store_find(s, id) >= 0;
}

static void late_definitions(void)
{
	static const char v1[] = "## Tools\n\n- [foo](https://foo.example) - Foo.\n";
	size_t n = strlen(late_refs);
	int agains;
	int64_t t;
	uint8_t id[20];
	aw_md_opts o;

	aw_md_opts_default(&o);
	/* import of the file: git mode (whole text) and streaming */
	init_both(&o);
	CHECK(aw_track_import(&tw, late_refs, n, line_time, NULL) == AW_OK);
	CHECK(aw_track_finish(&tw, NULL, 0) == AW_OK);   /* the last version's buffer */
	CHECK(aw_track_begin_import(&ts, line_time, NULL) == AW_OK);
	CHECK(stream(late_refs, n, &agains) == AW_OK && agains == 2);
	/* the trial is redone: import and finish (git mode: no trial with the
	 * boards' streaming parser), import (streaming) */
	CHECK(restarts == (AW_MD_STREAM ? 1u : 3u));
	CHECK(aw_track_finish(&ts, NULL, 0) == AW_OK);
	CHECK(same_store(&st_w, &st_s) && aw_store_count(&st_w) == 4);
	CHECK(has_ident(&st_w, "[bar](https://bar.example)"));
	CHECK(has_ident(&st_w, "[baz](https://baz.example)"));
	CHECK(has_ident(&st_w, "[qux](https://qux.example)"));
	aw_sha1("[qux](https://qux.example)", 26, id);
	CHECK(aw_track_date(&tw, id, &t) && t == 1000000 + 8); /* its own line */

	/* replay: the references arrive in a later version */
	init_both(&o);
	CHECK(aw_track_import(&tw, v1, strlen(v1), line_time, NULL) == AW_OK);
	CHECK(aw_track_version(&tw, 777, late_refs, n) == AW_OK);
	CHECK(aw_track_finish(&tw, late_refs, n) == AW_OK);
	CHECK(aw_track_begin_import(&ts, line_time, NULL) == AW_OK && stream(v1, strlen(v1), &agains) == AW_OK);
	CHECK(agains == 0);
	CHECK(aw_track_begin_version(&ts, 777) == AW_OK && stream(late_refs, n, &agains) == AW_OK);
	CHECK(agains == 2 && same_store(&st_w, &st_s));
	CHECK(aw_track_date(&ts, id, &t) && t == 777);
	aw_sha1("[foo](https://foo.example)", 26, id);
	CHECK(aw_track_date(&ts, id, &t) && t == 1000000 + 3);

	/* a parse reports the reference's items, after one restart */
	init_both(&o);
	CHECK(aw_track_parse(&ts, late_refs, n, 1) == AW_OK && restarts == 1);
	CHECK(seen_items == 4 + 4); /* the trial's four, then the redone four */
}

static void errors(void)
{
	aw_md_opts o;
	aw_track_mem m;
	aw_track_ctx t2;
	int agains;
	const char *doc = "## A\n\n- [a](https://a.example)\n- [b](https://b.example)\n";

	aw_md_opts_default(&o);
	init_both(&o);
	/* a callback's code reaches the caller, also through a redone pass */
	fail_code = 42;
	fail_always = 1;
	CHECK(aw_track_parse(&tw, doc, strlen(doc), 0) == 42);
	CHECK(aw_track_begin_parse(&ts, 0) == AW_OK && stream(doc, strlen(doc), &agains) == 42);
	/* an error of an unverified first pass is not an error: it is redone */
	init_both(&o);
	fail_code = 42;
	fail_always = 0;
	CHECK(aw_track_parse(&ts, doc, strlen(doc), 0) == AW_OK && restarts == 1);
	fail_code = 0;
	/* the import's time callback: its code, and the item's line */
	init_both(&o);
	CHECK(aw_track_import(&tw, doc, strlen(doc), no_time, NULL) == AW_ERR_NOTFOUND);
	CHECK(aw_track_err_line(&tw) == 3);
	/* state and arguments */
	CHECK(aw_track_feed(&ts, "x", 1) == AW_ERR_STATE && aw_track_end(&ts) == AW_ERR_STATE);
	CHECK(aw_track_begin_version(&ts, 1) == AW_OK && aw_track_begin_version(&ts, 2) == AW_ERR_STATE);
	CHECK(aw_track_finish(&tw, NULL, 0) == AW_ERR_STATE); /* no version yet */
	CHECK(aw_track_begin_import(&tw, NULL, NULL) == AW_ERR_ARG);
	memset(&m, 0, sizeof m);
	m.md = &md_w;
	m.map_a = &wa;
	m.map_b = &wa;
	m.store = &st_w;
	CHECK(aw_track_init(&t2, &m, NULL) == AW_ERR_ARG);
	m.map_b = &wb;
	m.store = NULL;
	CHECK(aw_track_init(&t2, &m, NULL) == AW_ERR_ARG);
	/* a rejected version leaves the dates as they were */
	{
		static const char v1[] = "## A\n\n- [a](https://a.example)\n";
		static const char v2[] = "## ~~A~~\n\n- [a](https://a.example)\n- [n](https://n.example)\n";
		uint8_t id[20];
		int64_t t;
		init_both(&o);
		CHECK(aw_track_import(&tw, v1, strlen(v1), line_time, NULL) == AW_OK);
		CHECK(aw_track_version(&tw, 50, v2, strlen(v2)) == AW_ERR_SYNTAX);
		CHECK(aw_track_begin_import(&ts, line_time, NULL) == AW_OK && stream(v1, strlen(v1), &agains) == AW_OK);
		CHECK(aw_track_begin_version(&ts, 50) == AW_OK && stream(v2, strlen(v2), &agains) == AW_ERR_SYNTAX);
		aw_sha1("[n](https://n.example)", 22, id);
		CHECK(!aw_track_date(&tw, id, &t) && !aw_track_date(&ts, id, &t));
		aw_sha1("[a](https://a.example)", 22, id);
		CHECK(aw_track_date(&ts, id, &t) && t == 1000000 + 3);
	}
}

/* the document pass: the same bytes as scan + document on the parser */
static char dout[2][8192];
static size_t dlen[2];
static int dsink(void *user, const char *p, size_t n)
{
	int k = *(int *)user;
	if (dlen[k] + n > sizeof dout[k])
		return AW_ERR_FULL;
	memcpy(dout[k] + dlen[k], p, n);
	dlen[k] += n;
	return 0;
}

static void document(void)
{
	aw_md_opts o;
	aw_sink s0, s1;
	int k0 = 0, k1 = 1, agains;
	size_t n = strlen(late_refs);

	aw_md_opts_default(&o);
	init_both(&o);
	aw_sink_init(&s0, dsink, &k0);
	aw_sink_init(&s1, dsink, &k1);
	CHECK(aw_track_document(&tw, late_refs, n, &s0) == AW_OK);
	CHECK(aw_track_begin_document(&ts, &s1) == AW_OK && stream(late_refs, n, &agains) == AW_OK);
	CHECK(agains == 1 && dlen[0] > 0 && dlen[0] == dlen[1] && !memcmp(dout[0], dout[1], dlen[0]));
	CHECK(strstr(dout[0], "[bar][b]") || strstr(dout[0], "[bar](https://bar.example)"));
}

int main(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : "tests/data/md";
	char p[512];
	int v = getenv("AW_TRACK_VERSIONS") ? atoi(getenv("AW_TRACK_VERSIONS")) : 400;

	late_definitions();
	errors();
	document();
	snprintf(p, sizeof p, "%s/linux-containers.md", dir);
	run(p, AW_MD_LIST, v);
	snprintf(p, sizeof p, "%s/awesome-ci.md", dir);
	run(p, AW_MD_TABLE, v);
	snprintf(p, sizeof p, "%s/quick-look-plugins.md", dir);
	run(p, AW_MD_HEADING, v / 4);
	return aw_test_report("track");
}
