/*
 * parse_bench.c - list-parse throughput of the awtrack core against md4c and
 * cmark on the same bytes (one markdown file repeated up to a target size),
 * medians over several runs inside one process; also a single-pass mode for
 * instruction counting under callgrind.
 *
 * It measures parsing only: no git, no dating, no page rendering. It does not
 * check that the peers agree with awtrack (they answer a different question:
 * a full CommonMark tree, not the list items).
 *
 *   parse_bench [-n RUNS] [-s BYTES] [-e ENGINES] FILE
 *     -n RUNS     timed runs per engine (median printed; default 5)
 *     -s BYTES    repeat FILE until at least BYTES (default 20000000; 0 = once)
 *     -e LIST     comma list of: aw0s aw0 aw0i aw1s aw1 md4c cmark cmarkhtml
 *                 (default all available); aw0s = the tracker's parse of a
 *                 whole text (aw_track_parse, as the CLI runs it: one pass
 *                 verified to equal scan + items, else the two passes, timed
 *                 too), render=0; aw0 = scan + items pass,
 *                 render=0; aw0i = items pass only, render=0 (its result is
 *                 not checked: a reference to a later definition would be
 *                 missed); aw1s / aw1 = the same with render=1 (item markdown)
 *     -l LABEL    name of the input in the table (default FILE)
 *     -1          one untimed run of each engine, for callgrind
 *                 (--toggle-collect=bench_run_*): no table
 *
 * Built by bench/bench.sh with -DHAVE_MD4C / -DHAVE_CMARK when the peers are
 * installed (bench/setup.sh).
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "aw.h"
#include "aw_md.h"
#include "aw_track.h"

#ifdef HAVE_MD4C
#include <md4c.h>
#endif
#ifdef HAVE_CMARK
#include <cmark.h>
#endif

static aw_md_ctx md;
static aw_inl_env env;
static aw_datemap_ctx map_a, map_b;
static aw_store_ctx store;
static aw_track_ctx trk;
static int trk_ready;

struct res {
	unsigned long items;   /* items (awtrack) or blocks (md4c) or bytes (html) */
	unsigned long check;   /* folded into the output so nothing is optimised out */
	int err;
	int single;            /* aw0s / aw1s: the one pass verified */
};

static int on_item(void *user, const aw_md_item *it)
{
	struct res *r = user;
	r->items++;
	r->check += it->ident_len + it->md_len + it->category_len + it->end_line;
	return 0;
}

/* noinline: callgrind's --toggle-collect names these */
static struct res *cur_res;  /* the run the tracker's observers count for */

static int on_track_item(void *user, const aw_track_item *ti)
{
	(void)user;
	return on_item(cur_res, ti->md);
}

/* the tracker's restart notification: the first pass's items are void */
static int on_restart(void *user)
{
	struct res *r = cur_res;
	(void)user;
	r->items = r->check = 0;
	r->single = 0;
	return 0;
}

/* The tracker of aw0s / aw1s, set up once before any run (its tables are
 * cleared here, so neither the timed runs nor callgrind's count of
 * bench_run_aw include that). */
static int track_init(void)
{
	aw_track_mem m;
	aw_track_cfg c;
	int rc;

	memset(&m, 0, sizeof m);
	memset(&c, 0, sizeof c);
	m.md = &md;
	m.map_a = &map_a;
	m.map_b = &map_b;
	m.store = &store;
	c.caps = AW_TRACK_CAP_WHOLE;
	c.env = &env;
	c.on_item = on_track_item;
	c.on_restart = on_restart;
	if ((rc = aw_track_init(&trk, &m, &c)))
		return rc;
	trk_ready = 1;
	return AW_OK;
}

/* noinline: callgrind's --toggle-collect names these */
__attribute__((noinline)) void bench_run_aw(const char *buf, size_t len, int render, int scan,
					    struct res *r)
{
	int rc;
	memset(r, 0, sizeof *r);
	if (scan == 2) {
		/* the tracker (one verified pass, else both) */
		aw_track_stats st;
		unsigned long before;
		if (!trk_ready) {
			r->err = AW_ERR_STATE;
			return;
		}
		cur_res = r;
		aw_track_get_stats(&trk, &st);
		before = st.fallbacks;
		r->single = 1;
		if ((rc = aw_track_parse(&trk, buf, len, render)))
			r->err = rc;
		aw_track_get_stats(&trk, &st);
		r->single = st.fallbacks == before;
		return;
	}
	if ((rc = aw_md_init(&md, NULL, &env, render, on_item, r))) {
		r->err = rc;
		return;
	}
	if (scan && ((rc = aw_md_begin(&md, AW_MD_PASS_SCAN)) || (rc = aw_md_feed(&md, buf, len)) ||
		     (rc = aw_md_end(&md)))) {
		r->err = rc;
		return;
	}
	if ((rc = aw_md_begin(&md, AW_MD_PASS_ITEMS)) || (rc = aw_md_feed(&md, buf, len)) ||
	    (rc = aw_md_end(&md)))
		r->err = rc;
}

#ifdef HAVE_MD4C
static int md_block(MD_BLOCKTYPE t, void *d, void *u)
{
	(void)t; (void)d;
	((struct res *)u)->items++;
	return 0;
}
static int md_span(MD_SPANTYPE t, void *d, void *u)
{
	(void)t; (void)d; (void)u;
	return 0;
}
static int md_text(MD_TEXTTYPE t, const MD_CHAR *s, MD_SIZE n, void *u)
{
	(void)t; (void)s; (void)n; (void)u;
	return 0;
}

__attribute__((noinline)) void bench_run_md4c(const char *buf, size_t len, struct res *r)
{
	MD_PARSER p;
	memset(r, 0, sizeof *r);
	memset(&p, 0, sizeof p);
	p.abi_version = 0;
	p.flags = MD_DIALECT_GITHUB;
	p.enter_block = md_block;
	p.leave_block = md_block;
	p.enter_span = md_span;
	p.leave_span = md_span;
	p.text = md_text;
	r->err = md_parse(buf, (MD_SIZE)len, &p, r);
	r->items /= 2;
}
#endif

#ifdef HAVE_CMARK
__attribute__((noinline)) void bench_run_cmark(const char *buf, size_t len, int html,
					       struct res *r)
{
	cmark_node *doc;
	memset(r, 0, sizeof *r);
	doc = cmark_parse_document(buf, len, CMARK_OPT_DEFAULT);
	if (!doc) {
		r->err = -1;
		return;
	}
	if (html) {
		char *s = cmark_render_html(doc, CMARK_OPT_DEFAULT);
		r->items = s ? strlen(s) : 0;
		free(s);
	} else {
		r->items = cmark_node_get_type(cmark_node_first_child(doc));
	}
	cmark_node_free(doc);
}
#endif

struct engine {
	const char *name, *what;
	int avail;
};

static const struct engine engines[] = {
	{"aw0s", "awtrack tracker parse, render=0 (one verified pass; else scan+items)", 1},
	{"aw0", "awtrack scan+items, render=0 (identities)", 1},
	{"aw0i", "awtrack items pass only, render=0", 1},
	{"aw1s", "awtrack tracker parse, render=1 (item markdown; one pass, else two)", 1},
	{"aw1", "awtrack scan+items, render=1 (item markdown)", 1},
#ifdef HAVE_MD4C
	{"md4c", "md4c md_parse, GitHub dialect, empty callbacks", 1},
#else
	{"md4c", "md4c (not installed: bench/setup.sh)", 0},
#endif
#ifdef HAVE_CMARK
	{"cmark", "cmark cmark_parse_document", 1},
	{"cmarkhtml", "cmark parse + cmark_render_html", 1},
#else
	{"cmark", "cmark (not installed: bench/setup.sh)", 0},
	{"cmarkhtml", "cmark to HTML (not installed)", 0},
#endif
};
#define N_ENGINES (sizeof engines / sizeof engines[0])

static void run_engine(size_t e, const char *buf, size_t len, struct res *r)
{
	const char *n = engines[e].name;
	if (!strcmp(n, "aw0s"))
		bench_run_aw(buf, len, 0, 2, r);
	else if (!strcmp(n, "aw1s"))
		bench_run_aw(buf, len, 1, 2, r);
	else if (!strcmp(n, "aw0"))
		bench_run_aw(buf, len, 0, 1, r);
	else if (!strcmp(n, "aw0i"))
		bench_run_aw(buf, len, 0, 0, r);
	else if (!strcmp(n, "aw1"))
		bench_run_aw(buf, len, 1, 1, r);
#ifdef HAVE_MD4C
	else if (!strcmp(n, "md4c"))
		bench_run_md4c(buf, len, r);
#endif
#ifdef HAVE_CMARK
	else if (!strcmp(n, "cmark"))
		bench_run_cmark(buf, len, 0, r);
	else if (!strcmp(n, "cmarkhtml"))
		bench_run_cmark(buf, len, 1, r);
#endif
	else
		r->err = -1;
}

static double now(clockid_t id)
{
	struct timespec ts;
	clock_gettime(id, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int cmp_d(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static double median(double *v, int n)
{
	qsort(v, (size_t)n, sizeof *v, cmp_d);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static int selected(const char *list, const char *name)
{
	size_t n = strlen(name);
	const char *p = list;
	if (!list)
		return 1;
	while (*p) {
		const char *q = strchr(p, ',');
		size_t l = q ? (size_t)(q - p) : strlen(p);
		if (l == n && !memcmp(p, name, n))
			return 1;
		p += l + (q ? 1 : 0);
	}
	return 0;
}

int main(int argc, char **argv)
{
	int runs = 5, once = 0, i;
	size_t target = 20000000, flen, len, cap, e;
	const char *sel = NULL, *path = NULL, *label = NULL;
	char *file, *buf;
	FILE *f;
	double md4c_cpu = 0;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-n") && i + 1 < argc)
			runs = atoi(argv[++i]);
		else if (!strcmp(argv[i], "-s") && i + 1 < argc)
			target = (size_t)strtoull(argv[++i], NULL, 10);
		else if (!strcmp(argv[i], "-e") && i + 1 < argc)
			sel = argv[++i];
		else if (!strcmp(argv[i], "-l") && i + 1 < argc)
			label = argv[++i];
		else if (!strcmp(argv[i], "-1"))
			once = 1;
		else if (argv[i][0] != '-' && !path)
			path = argv[i];
		else {
			fprintf(stderr, "usage: parse_bench [-n RUNS] [-s BYTES] [-e ENGINES] [-l LABEL] [-1] FILE\n");
			return 2;
		}
	}
	if (!path || runs < 1 || runs > 1000) {
		fprintf(stderr, "usage: parse_bench [-n RUNS] [-s BYTES] [-e ENGINES] [-l LABEL] [-1] FILE\n");
		return 2;
	}
	if (!(f = fopen(path, "rb"))) {
		perror(path);
		return 1;
	}
	cap = 1 << 20;
	file = malloc(cap);
	flen = 0;
	while (file) {
		size_t n = fread(file + flen, 1, cap - flen, f);
		flen += n;
		if (flen < cap)
			break;
		cap *= 2;
		file = realloc(file, cap);
	}
	fclose(f);
	if (!file || !flen) {
		fprintf(stderr, "%s: empty or unreadable\n", path);
		return 1;
	}
	/* whole copies, each ending in a newline so copies do not merge lines */
	{
		size_t copies = target > flen ? (target + flen - 1) / flen : 1, k;
		int nl = file[flen - 1] != '\n';
		buf = malloc(copies * (flen + 1));
		if (!buf)
			return 1;
		for (len = 0, k = 0; k < copies; k++) {
			memcpy(buf + len, file, flen);
			len += flen;
			if (nl)
				buf[len++] = '\n';
		}
	}
	aw_inl_env_init(&env, "https://github.com/avelino/awesome-go", "main", "README.md");
	env.fix_relative = 1;
	if (track_init())
		return 1;

	if (once) {
		for (e = 0; e < N_ENGINES; e++) {
			struct res r;
			if (!engines[e].avail || !selected(sel, engines[e].name))
				continue;
			run_engine(e, buf, len, &r);
			printf("%s: %zu bytes, %lu items/blocks, check %lu, err %d\n", engines[e].name,
			       len, r.items, r.check, r.err);
		}
		return 0;
	}

	printf("input: %s (%zu bytes) repeated to %zu bytes (%.1f MB), median of %d runs per engine\n",
	       label ? label : path, flen, len, len / 1e6, runs);
	{
		double mcpu[N_ENGINES], mwall[N_ENGINES];
		unsigned long items[N_ENGINES];
		int ok[N_ENGINES], fell[N_ENGINES];
		for (e = 0; e < N_ENGINES; e++) {
			static double cpu[1000], wall[1000];
			struct res r;
			ok[e] = 0;
			if (!engines[e].avail || !selected(sel, engines[e].name))
				continue;
			run_engine(e, buf, len, &r); /* warm-up: page faults, caches */
			for (i = 0; i < runs && !r.err; i++) {
				double c0 = now(CLOCK_PROCESS_CPUTIME_ID), w0 = now(CLOCK_MONOTONIC);
				run_engine(e, buf, len, &r);
				cpu[i] = now(CLOCK_PROCESS_CPUTIME_ID) - c0;
				wall[i] = now(CLOCK_MONOTONIC) - w0;
			}
			if (r.err) {
				printf("%-10s error %d (%s)\n", engines[e].name, r.err,
				       !strncmp(engines[e].name, "aw", 2) ? aw_strerror(r.err) :
									   "peer error");
				continue;
			}
			ok[e] = 1;
			items[e] = r.items;
			fell[e] = engines[e].name[strlen(engines[e].name) - 1] == 's' && !r.single;
			mcpu[e] = len / 1e6 / median(cpu, runs);
			mwall[e] = len / 1e6 / median(wall, runs);
			if (!strcmp(engines[e].name, "md4c"))
				md4c_cpu = mcpu[e];
		}
		printf("%-10s %9s %9s %8s %9s  %s\n", "engine", "MB/s cpu", "MB/s wall", "x md4c",
		       "items", "what (items: awtrack items, md4c blocks, cmark html bytes)");
		for (e = 0; e < N_ENGINES; e++) {
			char ratio[32] = "-";
			if (!selected(sel, engines[e].name))
				continue;
			if (!ok[e]) {
				printf("%-10s %9s %9s %8s %9s  %s\n", engines[e].name, "-", "-", "-",
				       "-", engines[e].what);
				continue;
			}
			if (md4c_cpu > 0)
				snprintf(ratio, sizeof ratio, "%.2f", mcpu[e] / md4c_cpu);
			printf("%-10s %9.1f %9.1f %8s %9lu  %s%s\n", engines[e].name, mcpu[e], mwall[e],
			       ratio, items[e], engines[e].what,
			       fell[e] ? " [did not verify: two passes]" : "");
		}
	}
	fflush(stdout);
	return 0;
}
