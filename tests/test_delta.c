/*
 * test_delta.c - the incremental replay (aw_delta_ctx) against the plain one.
 * Real lists (tests/data/md) go through long chains of random line edits
 * (insertions of items, headings, fences, HTML, definitions, tables,
 * strikethrough headings, CRs; deletions, swaps, character changes); every
 * version is replayed twice: parsed whole (scan + items, aw_replay_begin /
 * item / end) and through aw_delta_version. After each version both
 * replays must hold the same identities with the same dates and the same
 * occurrence counts, and reject the same versions. The window path must
 * actually be taken (most edits are local), and fall back where it must.
 */
#include "aw_delta.h"
#include "aw_sha1.h"
#include "aw_test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static aw_md_ctx md_whole, md_delta;
static aw_md_cache cache;
static aw_delta_ctx delta;
static aw_datemap_ctx wa, wb, da, db;
static aw_replay_ctx rw, rd;

static uint32_t rng = 12345u;
static uint32_t rnd(uint32_t n)
{
	rng = rng * 1103515245u + 12345u;
	return (rng >> 8) % n;
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

static char *join(size_t *len, char *buf, size_t cap)
{
	size_t i, o = 0;
	for (i = 0; i < nlines; i++) {
		size_t k = strlen(lines[i]);
		if (o + k > cap)
			break;
		memcpy(buf + o, lines[i], k);
		o += k;
	}
	*len = o;
	return buf;
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
	"* [Star](https://star.example/%u)\n",
	"  - [Nested](https://nested.example/%u)\n",
	"1. [Ordered](https://ord.example/%u)\n",
	"## New Section %u\n",
	"### Sub %u\n",
	"#### Deeper %u\n",
	"# Top %u\n",
	"## ~~Struck~~ %u\n",
	"```\n",
	"~~~go\n",
	"<div>\n",
	"<!--\n",
	"-->\n",
	"\n",
	"\n",
	"---\n",
	"===\n",
	"> quoted [q](https://q.example/%u)\n",
	"    indented code\n",
	"| Name | Link |\n",
	"|---|---|\n",
	"| x | [t](https://t.example/%u) |\n",
	"[ref]: https://ref.example/%u\n",
	"- [Ref item][ref]\n",
	"- [Anchor](#contents)\n",
	"text with CR\r\n",
	"lone CR\rsplits a line\n",
	"#### ~~Deep struck~~ %u\n", /* rejects the version once H4 is the deepest */
	"- [AT&T](https://c.com/?a=1&b=2) &amp; more\n",
};

/* A line that blocks windows or rejects the version (CR, definition,
 * struck heading) is inserted for one version only. */
static long temp_at = -1;
static char temp_line[256];

static int sticky(const char *s)
{
	return strchr(s, '\r') || s[0] == '[' || !strncmp(s, "## ~~", 5);
}

static void mutate(void)
{
	unsigned k = 1 + rnd(3), i;
	char tmp[256];
	if (temp_at >= 0 && (size_t)temp_at < nlines && !strcmp(lines[temp_at], temp_line))
		del((size_t)temp_at);
	temp_at = -1;
	for (i = 0; i < k; i++) {
		size_t at = nlines ? rnd((uint32_t)nlines) : 0;
		unsigned op = rnd(10);
		if (temp_at >= 0) {
			break; /* (keep the temporary line's index valid) */
		} else if (op < 3 && nlines) { /* copy a line elsewhere (a moved item) */
			snprintf(tmp, sizeof tmp, "%s", lines[rnd((uint32_t)nlines)]);
			ins(at, tmp);
		} else if (op < 5 && nlines > 1) {
			del(at);
		} else if (op < 7 && nlines && (long)at != temp_at) { /* change one byte */
			static const char ch[] = "x[]()*`#-_ |<>!\\~&";
			size_t n = strlen(lines[at]);
			char *l = lines[at];
			size_t p = n > 1 ? rnd((uint32_t)(n - 1)) : 0;
			if (n > 1)
				l[p] = ch[rnd(sizeof ch - 1)];
		} else if (op < 9) {
			/* rare specials: CR and definitions disable windows */
			unsigned s = rnd(sizeof specials / sizeof specials[0]);
			snprintf(tmp, sizeof tmp, specials[s], rnd(1000));
			if (sticky(tmp)) {
				if (temp_at >= 0 || i + 1 < k)
					continue;
				temp_at = (long)at;
				strcpy(temp_line, tmp);
			}
			ins(at, tmp);
		} else if (rnd(2) && at + 1 < nlines) { /* join two lines */
			size_t a = strlen(lines[at]), b = strlen(lines[at + 1]);
			char *j = malloc(a + b + 1);
			memcpy(j, lines[at], a - 1); /* drop the '\n' */
			memcpy(j + a - 1, lines[at + 1], b + 1);
			del(at + 1);
			free(lines[at]);
			lines[at] = j;
		} else if (nlines > 2) { /* swap two lines */
			size_t b = rnd((uint32_t)nlines);
			char *t = lines[at];
			lines[at] = lines[b];
			lines[b] = t;
		}
	}
}

/* ---- the plain replay ---- */
static aw_replay_ctx *item_rp;
static int on_item(void *user, const aw_md_item *it)
{
	uint8_t id[20];
	(void)user;
	aw_sha1(it->ident, it->ident_len, id);
	return aw_replay_item(item_rp, id) != AW_OK;
}

static int whole(const aw_md_opts *o, int64_t seen, const char *s, size_t n)
{
	int rc;
	item_rp = &rw;
	if ((rc = aw_md_init(&md_whole, o, NULL, 0, on_item, NULL)))
		return rc;
	aw_replay_begin(&rw, seen);
	if ((rc = aw_md_begin(&md_whole, AW_MD_PASS_SCAN)) || (rc = aw_md_feed(&md_whole, s, n)) ||
	    (rc = aw_md_end(&md_whole)) || (rc = aw_md_begin(&md_whole, AW_MD_PASS_ITEMS)) ||
	    (rc = aw_md_feed(&md_whole, s, n)) || (rc = aw_md_end(&md_whole))) {
		aw_replay_abort(&rw);
		return rc;
	}
	return aw_replay_end(&rw);
}

/* Same identities, dates and occurrence counts in both replays. */
static int same_maps(void)
{
	const aw_datemap_ctx *x = rw.prev, *y = rd.prev;
	uint32_t i;
	if (aw_datemap_count(x) != aw_datemap_count(y))
		return 0;
	for (i = 0; i < x->n; i++) {
		int64_t t;
		uint32_t j;
		if (!x->cnt[i])
			continue;
		if (!aw_datemap_get(y, x->key[i], &t) || t != x->val[i])
			return 0;
		for (j = 0; j < y->n; j++)
			if (y->cnt[j] && !memcmp(y->key[j], x->key[i], 20))
				break;
		if (j == y->n || y->cnt[j] != x->cnt[i])
			return 0;
	}
	return 1;
}

/* Both replays empty, aw_delta_ctx set up with options o. */
static void start(const aw_md_opts *o)
{
	aw_datemap_init(&wa);
	aw_datemap_init(&wb);
	aw_datemap_init(&da);
	aw_datemap_init(&db);
	aw_replay_init(&rw, &wa, &wb);
	aw_replay_init(&rd, &da, &db);
	aw_md_cache_init(&cache);
	CHECK(aw_delta_init(&delta, &md_delta, o, NULL, &cache) == AW_OK);
}

static void run(const char *path, int type, int versions, int want_windows)
{
	size_t n, len, i;
	char *src = aw_test_slurp(path, &n);
	static char buf[2][1 << 21];
	aw_md_opts o;
	int v, bad = 0, rejected = 0, ok_ver = 0;

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
	temp_at = -1;
	start(&o);
	for (v = 0; v < versions; v++) {
		char *b = buf[v & 1];
		int r1, r2;
		if (v && rnd(10))
			mutate();
		join(&len, b, sizeof buf[0]);
		r1 = whole(&o, 1000 + v, b, len);
		r2 = aw_delta_version(&delta, &rd, 1000 + v, b, len);
		if (r1 != r2 || (r1 && r1 != AW_ERR_SYNTAX)) {
			fprintf(stderr, "%s: version %d: whole %d, delta %d\n", path, v, r1, r2);
			bad++;
			break;
		}
		if (r1)
			rejected++;
		else
			ok_ver++;
		if (!same_maps()) {
			fprintf(stderr, "%s: version %d: the replays differ\n", path, v);
			bad++;
			break;
		}
	}
	CHECK(bad == 0);
	printf("%s: %d versions (%d rejected), %lu windows, %lu whole, %lu same\n", path,
	       versions, rejected, delta.windows, delta.wholes, delta.same);
	if (want_windows)
		CHECK(delta.windows > (unsigned long)ok_ver / 2); /* most versions that parse */
	else
		CHECK(delta.windows == 0);
	CHECK(ok_ver > 0);
	for (i = 0; i < nlines; i++)
		free(lines[i]);
	nlines = 0;
}

/* Hand-made version chains for edge cases found by fuzzing (make fuzz). */
static void chain(const char *name, const char *const *v, int n)
{
	aw_md_opts o;
	int i, bad = 0;

	aw_md_opts_default(&o);
	start(&o);
	for (i = 0; i < n && !bad; i++) {
		int r1 = whole(&o, 10 + i, v[i], strlen(v[i]));
		int r2 = aw_delta_version(&delta, &rd, 10 + i, v[i], strlen(v[i]));
		if (r1 != r2 || !same_maps()) {
			fprintf(stderr, "%s: version %d differs (%d / %d)\n", name, i, r1, r2);
			bad = 1;
		}
	}
	CHECK(!bad);
	CHECK(delta.windows > 0);
}

static void edge_cases(void)
{
	/* the last line is a heading without a newline: text appended to it
	   joins the heading, so the window may not start after it */
	static const char *const tail_heading[] = {
		"## A\n\n- [a](https://a.example)\n\n## Last",
		"## A\n\n- [a](https://a.example)\n\n## Last- [n](https://n.example)\n",
		"## A\n\n- [a](https://a.example)\n\n## Last",
		"## A\n\n- [a](https://a.example)\n- [b](https://b.example)\n\n## Last",
	};
	chain("tail_heading", tail_heading, 4);
}

int main(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : "tests/data/md";
	char p[512];
	int v = getenv("AW_DELTA_VERSIONS") ? atoi(getenv("AW_DELTA_VERSIONS")) : 2000;
	/* two chains; with them the test fails when the gate rule, the
	   deepest-level rule or the heading-boundary test of aw_delta.c is
	   disabled (tried one at a time) */
	uint32_t seeds[2] = { 1, 3 };
	int k, ns = 2;

	if (getenv("AW_DELTA_SEED")) {
		seeds[0] = (uint32_t)strtoul(getenv("AW_DELTA_SEED"), NULL, 10);
		ns = 1;
	}
	for (k = 0; k < ns; k++) {
		rng = seeds[k];
		snprintf(p, sizeof p, "%s/linux-containers.md", dir);
		run(p, AW_MD_LIST, v, 1);
		snprintf(p, sizeof p, "%s/awesome-ci.md", dir);
		run(p, AW_MD_TABLE, v, 1);
		snprintf(p, sizeof p, "%s/quick-look-plugins.md", dir);
		run(p, AW_MD_HEADING, v / 10, 0); /* heading mode: always whole */
	}
	edge_cases();
	return aw_test_report("delta");
}
