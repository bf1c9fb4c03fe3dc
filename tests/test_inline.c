/*
 * test_inline.c - tests of core/aw_inline.c.
 *
 * 1. Runs every example of tests/spec/inline.txt (expected outputs made by
 *    the reference npm packages, see the file's preamble).
 * 2. Checks the buffer contract: guard bytes around a too small output
 *    buffer, AW_ERR_FULL / AW_ERR_TOOBIG, first_link_found, stats.
 * 3. Checks the badge and rewrite rules of docs/spec.md 5.1 / 5.2 that the
 *    spec states directly.
 *
 * usage: test_inline [path/to/inline.txt]   (default tests/spec/inline.txt)
 */
#include "aw_inline.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "aw_test.h"

static aw_inl_scratch scratch;

static void check(int ok, const char *what, const char *detail)
{
	if (ok) {
		passed++;
	} else {
		failed++;
		fprintf(stderr, "FAIL: %s%s%s\n", what, detail ? ": " : "", detail ? detail : "");
	}
}

/* ---- the fixed reference definitions of the spec file ---------------- */

static const char *const defs_tab[][4] = {
	{"foo", "/url", "title", "1"},
	{"bar", "https://bar.example.com", "", "0"},
	{"baz qux", "https://x.com/a b", "t", "1"},
	{"ref", "https://ref.example.com", "Ref Title", "1"},
	{"amp", "https://c.com/?a=1&b=2", "", "0"},
};

static int defs(void *user, const char *label, size_t n, const char **url,
		size_t *url_len, const char **title, size_t *title_len, int *has_title)
{
	char b[1024];
	size_t i, k = 0;
	int sp = 0;

	(void)user;
	if (n >= sizeof b)
		return 0;
	for (i = 0; i < n; i++) {   /* normalizeIdentifier, ASCII case fold */
		char c = label[i];
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
			sp = 1;
			continue;
		}
		if (sp && k)
			b[k++] = ' ';
		sp = 0;
		b[k++] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
	}
	for (i = 0; i < sizeof defs_tab / sizeof defs_tab[0]; i++)
		if (strlen(defs_tab[i][0]) == k && memcmp(defs_tab[i][0], b, k) == 0) {
			*url = defs_tab[i][1];
			*url_len = strlen(defs_tab[i][1]);
			*title = defs_tab[i][2];
			*title_len = strlen(defs_tab[i][2]);
			*has_title = defs_tab[i][3][0] == '1';
			return 1;
		}
	return 0;
}

/* the spec file's made-up star map */
static int stars(void *user, const char *owner, size_t on, const char *repo,
		 size_t rn, const char **text, size_t *text_len)
{
	static char b[32];

	(void)user; (void)owner; (void)repo;
	if ((on + rn) % 5 == 0)
		return 0;
	snprintf(b, sizeof b, "%zu.%zuk", on, rn % 10);
	*text = b;
	*text_len = strlen(b);
	return 1;
}

static void env_init(aw_inl_env *e, int rewrite)
{
	if (rewrite) {
		aw_inl_env_init(e, "https://github.com/own/list", "main", "README.md");
		e->stars = stars;
	} else {
		aw_inl_env_init(e, NULL, NULL, NULL);
	}
	e->defs = defs;
}

/* ---- spec file ---------------------------------------------------------- */

static char outb[1 << 16], idb[1 << 12];

static void run_example(const char *mode, const char *src, size_t sl,
			const char *exp, size_t el, int line)
{
	aw_inl_env env;
	aw_buf out, id;
	aw_inl_stats st;
	int ctx = AW_INL_PARAGRAPH, rc;
	unsigned flags = 0;
	char num[64], detail[512];
	const char *got;
	size_t gl;

	if (!strcmp(mode, "heading"))
		ctx = AW_INL_HEADING;
	else if (!strcmp(mode, "cell"))
		ctx = AW_INL_TABLE_CELL;
	else if (!strcmp(mode, "root")) {
		ctx = AW_INL_ROOT;
		flags = AW_INL_STRIP_HEADING;
	} else if (!strcmp(mode, "rewrite"))
		flags = AW_INL_REWRITE;
	env_init(&env, flags == AW_INL_REWRITE);
	memset(&st, 0, sizeof st);
	aw_buf_init(&out, outb, sizeof outb);
	aw_buf_init(&id, idb, sizeof idb);
	rc = aw_inl_render(&scratch, &env, src, sl, ctx, flags, &out, &id, &st);
	got = outb;
	gl = out.len;
	if (!strcmp(mode, "identifier")) {
		got = idb;
		gl = id.len;
	} else if (!strcmp(mode, "links")) {
		snprintf(num, sizeof num, "%u %u", st.links_hash, st.links_other);
		got = num;
		gl = strlen(num);
	} else if (ctx == AW_INL_TABLE_CELL || ctx == AW_INL_ROOT) {
		/* the reference output is trimmed (JS trim) */
		aw_inl_trim(&got, &gl);
	}
	snprintf(detail, sizeof detail, "line %d (%s): rc %d, got [%.*s] want [%.*s]",
		 line, mode, rc, (int)(gl > 150 ? 150 : gl), got,
		 (int)(el > 150 ? 150 : el), exp);
	check(rc == AW_OK && gl == el && memcmp(got, exp, el) == 0, "spec example", detail);
}

static void run_spec(const char *path)
{
	static char buf[1 << 21];
	FILE *f = fopen(path, "rb");
	size_t n;
	char *p, *end;
	int line = 1, count = 0;

	if (!f) {
		check(0, "open spec file", path);
		return;
	}
	n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = 0;
	p = buf;
	end = buf + n;
	while (p < end) {
		char *nl = memchr(p, '\n', (size_t)(end - p));
		char *le = nl ? nl : end;
		if (le - p > 41 && !memcmp(p, "````````````````````````````````` example", 0) &&
		    !strncmp(p, "```````````````````````````````` example ", 41)) {
			char mode[32];
			size_t ml = (size_t)(le - p) - 41;
			char *src, *dot, *exp, *close;
			int start = line;

			if (ml >= sizeof mode)
				ml = sizeof mode - 1;
			memcpy(mode, p + 41, ml);
			mode[ml] = 0;
			src = le + 1;
			/* the '.' line, then the closing fence */
			dot = src;
			while (dot < end && !(dot[0] == '.' && (dot + 1 == end || dot[1] == '\n')))
				dot = memchr(dot, '\n', (size_t)(end - dot)) + 1;
			exp = dot + 2;
			close = exp;
			while (close < end && strncmp(close, "````````````````````````````````", 32))
				close = memchr(close, '\n', (size_t)(end - close)) + 1;
			run_example(mode, src, (size_t)(dot - src - 1), exp,
				    (size_t)(close - exp - 1), start);
			for (; p < close; p++)
				if (*p == '\n')
					line++;
			nl = memchr(close, '\n', (size_t)(end - close));
			le = nl ? nl : end;
			count++;
		}
		p = le + 1;
		line++;
	}
	check(count > 1000, "spec file has its examples", path);
}

/* ---- contract tests ---------------------------------------------------- */

static int render(const char *src, int ctx, unsigned flags, const aw_inl_env *env,
		  char *o, size_t cap, size_t *ol, aw_inl_stats *st, aw_buf *id)
{
	aw_buf out;
	int rc;

	aw_buf_init(&out, o, cap);
	rc = aw_inl_render(&scratch, env, src, strlen(src), ctx, flags, &out, id, st);
	*ol = out.len;
	return rc;
}

static void expect(const char *src, unsigned flags, const aw_inl_env *env,
		   const char *want, const char *what)
{
	char o[4096];
	size_t ol;
	aw_inl_stats st;
	int rc;

	memset(&st, 0, sizeof st);
	rc = render(src, AW_INL_PARAGRAPH, flags, env, o, sizeof o, &ol, &st, NULL);
	o[ol < sizeof o ? ol : sizeof o - 1] = 0;
	check(rc == AW_OK && !strcmp(o, want), what, o);
}

static void test_buffers(void)
{
	static const char src[] = "[a](https://x.com/a_b) *b* `c` &amp; http://y.com";
	char full[512], guard[64 + 16];
	size_t ol, cap, i;
	aw_inl_stats st;
	aw_buf id;
	char idm[64];
	int rc;

	memset(&st, 0, sizeof st);
	rc = render(src, AW_INL_PARAGRAPH, 0, NULL, full, sizeof full, &ol, &st, NULL);
	check(rc == AW_OK && ol > 20, "render without env", NULL);
	/* every too small capacity: truncation flagged, guard bytes intact */
	for (cap = 0; cap < ol; cap++) {
		size_t l2;
		memset(guard, 0xA5, sizeof guard);
		memset(&st, 0, sizeof st);
		rc = render(src, AW_INL_PARAGRAPH, 0, NULL, guard + 8, cap, &l2, &st, NULL);
		for (i = 0; i < 8; i++)
			if ((unsigned char)guard[i] != 0xA5 ||
			    (unsigned char)guard[8 + cap + i] != 0xA5)
				break;
		check(rc == AW_ERR_FULL && st.truncated && l2 == cap && i == 8 &&
		      memcmp(guard + 8, full, cap) == 0, "truncating output", NULL);
	}
	/* first link: only once per item; counts accumulate */
	memset(&st, 0, sizeof st);
	aw_buf_init(&id, idm, sizeof idm);
	rc = render(src, AW_INL_PARAGRAPH, 0, NULL, full, sizeof full, &ol, &st, &id);
	check(rc == AW_OK && id.len == 22 && !memcmp(idm, "[a](https://x.com/a_b)", 22) &&
	      st.first_link_found == 1 && st.links_other == 2 && st.links_hash == 0,
	      "first link and counts", NULL);
	rc = render("[z](#z)", AW_INL_PARAGRAPH, 0, NULL, full, sizeof full, &ol, &st, &id);
	check(rc == AW_OK && id.len == 22 && st.links_hash == 1 && st.links_other == 2,
	      "first link kept, counts accumulate", NULL);
	/* identifier buffer too small */
	memset(&st, 0, sizeof st);
	aw_buf_init(&id, idm, 5);
	rc = render(src, AW_INL_PARAGRAPH, 0, NULL, full, sizeof full, &ol, &st, &id);
	check(rc == AW_ERR_FULL && st.truncated && id.len == 5, "identifier truncation", NULL);
	/* over the scratch limits: an error, never an overflow */
	{
		static char big[AW_INL_TEXT_MAX + 2];
		aw_buf out;
		memset(big, 'a', sizeof big);
		memset(&st, 0, sizeof st);
		aw_buf_init(&out, full, sizeof full);
		rc = aw_inl_render(&scratch, NULL, big, sizeof big, 0, 0, &out, NULL, &st);
		check(rc == AW_ERR_TOOBIG, "input larger than the pool", NULL);
		for (i = 0; i + 2 < sizeof big; i += 2) {
			big[i] = '*';
			big[i + 1] = ' ';
		}
		aw_buf_init(&out, full, sizeof full);
		rc = aw_inl_render(&scratch, NULL, big, (AW_INL_NODES_MAX + 10) * 2, 0, 0,
				      &out, NULL, &st);
		check(rc == AW_ERR_TOOBIG, "too many nodes", NULL);
		memset(big, '[', sizeof big);
		aw_buf_init(&out, full, sizeof full);
		rc = aw_inl_render(&scratch, NULL, big, AW_INL_BRACKETS_MAX + 5, 0, 0,
				      &out, NULL, &st);
		check(rc == AW_ERR_TOOBIG, "too many brackets", NULL);
	}
	check(aw_inl_render(&scratch, NULL, "x", 1, 0, 0, NULL, NULL, NULL) == AW_ERR_ARG,
	      "NULL stats", NULL);
	/* strikethrough left in category text makes TAL throw (docs/spec.md 3.1) */
	memset(&st, 0, sizeof st);
	rc = render("a ~~b~~", AW_INL_ROOT, AW_INL_STRIP_HEADING, NULL, full, sizeof full, &ol, &st, NULL);
	check(rc == AW_OK && st.has_strike == 1, "has_strike", NULL);
	memset(&st, 0, sizeof st);
	rc = render("[~~x~~](#a) b", AW_INL_ROOT, AW_INL_STRIP_HEADING, NULL, full, sizeof full, &ol, &st, NULL);
	check(rc == AW_OK && st.has_strike == 0 && ol == 2, "strike removed with its link", NULL);
	{
		const char *t = " \xC2\xA0x y\xE2\x80\x83\n";
		size_t tl = strlen(t);
		aw_inl_trim(&t, &tl);
		check(tl == 3 && !memcmp(t, "x y", 3), "JS trim", NULL);
		t = "\xC2\xA0";
		tl = 2;
		aw_inl_trim(&t, &tl);
		check(tl == 0, "JS trim to empty", NULL);
	}
	/* out NULL: parse only, same identifier and counts */
	memset(&st, 0, sizeof st);
	aw_buf_init(&id, idm, sizeof idm);
	rc = aw_inl_render(&scratch, NULL, src, strlen(src), 0, 0, NULL, &id, &st);
	check(rc == AW_OK && id.len == 22 && !memcmp(idm, "[a](https://x.com/a_b)", 22) &&
	      st.links_other == 2, "parse only", NULL);
}

/* docs/spec.md 5.1 / 5.2, stated there directly */
static void test_rewrite_rules(void)
{
	aw_inl_env e;
	char o[512];
	aw_buf out;

	env_init(&e, 1);
	expect("[x](https://github.com/parke/lxroot)", AW_INL_REWRITE, &e,
	       "[x (\xE2\xAD\x90" "5.6k)](https://github.com/parke/lxroot)", "badge inside the brackets");
	expect("[x](https://github.com/containers/youki)", AW_INL_REWRITE, &e,
	       "[x](https://github.com/containers/youki)", "no badge: not in the star map");
	expect("[false x](https://github.com/containers/youki)", AW_INL_REWRITE, &e,
	       "[false x](https://github.com/containers/youki)", "no badge: text starts with false");
	expect("[**x**](https://github.com/containers/youki)", AW_INL_REWRITE, &e,
	       "[**x**](https://github.com/containers/youki)", "no badge: first child not text");
	expect("[x](https://www.github.com/containers/youki)", AW_INL_REWRITE, &e,
	       "[x](https://www.github.com/containers/youki)", "no badge: www.github.com");
	expect("[x](https://github.com/topics/youki)", AW_INL_REWRITE, &e,
	       "[x](https://github.com/topics/youki)", "no badge: excluded owner");
	expect("[x](https://github.com/containers)", AW_INL_REWRITE, &e,
	       "[x](https://github.com/containers)", "no badge: no repo segment");
	expect("[x](ftp://github.com/containers/youki)", AW_INL_REWRITE, &e,
	       "[x](ftp://github.com/containers/youki)", "no badge: not http");
	expect("[x](ripple-vault-client)", AW_INL_REWRITE, &e,
	       "[x](https://github.com/own/list/blob/main/README.md/ripple-vault-client)",
	       "relative link: file path as a directory");
	expect("[x](/docs/a.md)", AW_INL_REWRITE, &e,
	       "[x](https://github.com/own/list/blob/main/docs/a.md)", "root-relative link");
	expect("[x](#anchor)", AW_INL_REWRITE, &e, "[x](#anchor)", "anchor kept");
	expect("![i](img/a.png)", AW_INL_REWRITE, &e,
	       "![i](https://github.com/own/list/raw/main/img/a.png)", "relative image");
	expect("![i](https://github.com/a/b/blob/master/x.png)", AW_INL_REWRITE, &e,
	       "![i](https://github.com/a/b/raw/master/x.png)", "github blob image");
	e.fix_relative = 1;
	e.file_path = "docs/list.md";
	e.file_path_len = strlen(e.file_path);
	expect("[x](../a.md)", AW_INL_REWRITE, &e,
	       "[x](https://github.com/own/list/blob/main/a.md)", "fix_relative ..");
	expect("[x](b/c.md)", AW_INL_REWRITE, &e,
	       "[x](https://github.com/own/list/blob/main/docs/b/c.md)", "fix_relative dir");
	aw_buf_init(&out, o, sizeof o);
	check(aw_inl_rewrite_html(&e, "<img src=\"a.png\"> <img src=\"https://github.com/x/y/blob/m/b.png\">",
				     66, &out) == AW_OK && out.len < sizeof o &&
	      (o[out.len] = 0, !strcmp(o, "<img src=\"https://github.com/own/list/raw/main/a.png\"> "
				      "<img src=\"https://github.com/x/y/raw/m/b.png\">")),
	      "rewrite_html", o);
	aw_buf_init(&out, o, sizeof o);
	check(aw_inl_rewrite_html(&e, "<b>x</b>", 8, &out) == AW_OK && out.len == 8 &&
	      !memcmp(o, "<b>x</b>", 8), "rewrite_html copies", NULL);
	env_init(&e, 0);
	expect("[x](y)", AW_INL_REWRITE, &e, "[x](y)", "no repo_url: no rewriting");
}

/* md4c-style pathological inputs: each must finish in linear time (a
 * generous bound even under sanitizers) and never overflow. */
static void test_pathological(void)
{
	static const char *const units[] = {
		"[", "]", "*", "*a", "* a ", "_a ", "*a **b ", "`a``b", "`` ` ",
		"<!-- ", "<a ", "<a b=", "[a](", "[a](b", "[](", "![", "[a](b) ",
		"http://a.b ", "www.a.b ", "a@b.c ", "a@", "&amp;", "&ab", "\\",
		"~a ", "[a][", "@", "a.", "http://a.b/(", "a\n", "a\n#", "<http:a ",
		"[a\\]", "**a", "a**", "__a__b", "~~", "~~~", "`", "<", "&#", ")",
	};
	static char src[AW_INL_TEXT_MAX];
	static char o[1 << 17];
	size_t u, k;
	aw_inl_stats st;
	aw_buf out;
	clock_t worst = 0;

	for (u = 0; u < sizeof units / sizeof units[0]; u++) {
		size_t ul = strlen(units[u]);
		clock_t t0;
		int rc;

		for (k = 0; k + ul <= sizeof src / 2; k += ul)
			memcpy(src + k, units[u], ul);
		memset(&st, 0, sizeof st);
		aw_buf_init(&out, o, sizeof o);
		t0 = clock();
		rc = aw_inl_render(&scratch, NULL, src, k, AW_INL_PARAGRAPH, 0, &out, NULL, &st);
		t0 = clock() - t0;
		if (t0 > worst)
			worst = t0;
		check((rc == AW_OK || rc == AW_ERR_TOOBIG || rc == AW_ERR_FULL) &&
		      t0 < CLOCKS_PER_SEC / 2, "pathological input", units[u]);
	}
	(void)worst;
}

/* Random soups of markdown punctuation (fixed seed) through every context,
 * flag and buffer size: never an overflow, never a sanitizer report. */
static int fz_defs(void *u, const char *l, size_t n, const char **url, size_t *ul,
		   const char **t, size_t *tl, int *ht)
{
	(void)u;
	if (n == 0 || (l[0] & 1))
		return 0;
	*url = "/u rl";
	*ul = 5;
	*t = "ti\"tle";
	*tl = 6;
	*ht = 1;
	return 1;
}

static unsigned rnd(unsigned long *seed)
{
	*seed = *seed * 1103515245u + 12345u;
	return (unsigned)(*seed >> 16) & 0x7fff;
}

static void test_random(void)
{
	static const char alpha[] = "*_~`[]()!<>&#\\\n :/.@wh-|\"'=+1aAx\t";
	static const char frag[] = "http://a.b/www.x.y@z.c&amp;&#x41;";
	static char src[2048], o[1 << 14], f[256];
	unsigned long seed = 12345;
	aw_inl_env e;
	long it;
	int bad = 0;

	env_init(&e, 1);
	e.defs = fz_defs;
	for (it = 0; it < 20000; it++) {
		size_t len, i;
		aw_buf out, id;
		aw_inl_stats st;
		int ctx, which_env, use_out, use_id;
		unsigned flags;
#define RND() rnd(&seed)
		len = RND() % (it % 50 == 0 ? 2000 : 200);
		for (i = 0; i < len; i++) {
			unsigned r = RND() % 100;
			src[i] = r < 80 ? alpha[RND() % (sizeof alpha - 1)] :
				 r < 90 ? (char)(RND() & 255) : frag[RND() % (sizeof frag - 1)];
		}
		memset(&st, 0, sizeof st);
		aw_buf_init(&out, o, RND() % 3 == 0 ? RND() % 64 : sizeof o);
		aw_buf_init(&id, f, sizeof f);
		which_env = RND() % 4 != 0;
		ctx = (int)(RND() % 4);
		flags = RND() % 4;
		use_out = RND() % 5 != 0;
		use_id = RND() % 2 != 0;
		aw_inl_render(&scratch, which_env ? &e : NULL, src, len, ctx, flags,
				 use_out ? &out : NULL, use_id ? &id : NULL, &st);
		if (out.len > out.cap || id.len > id.cap)
			bad++;
#undef RND
	}
	check(bad == 0, "random inputs", NULL);
}

int main(int argc, char **argv)
{
	run_spec(argc > 1 ? argv[1] : "tests/spec/inline.txt");
	test_buffers();
	test_rewrite_rules();
	test_pathological();
	test_random();
	return aw_test_report("test_inline");
}
