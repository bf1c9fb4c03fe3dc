/*
 * test_blame.c - the porcelain parser on real `git blame --line-porcelain`
 * output (Friz-zy/awesome-linux-containers, 406 lines), checked against
 * committer times obtained without the porcelain (git blame -s -l + git
 * show --format=%ct). Fed whole, byte by byte, split at every position of
 * a 20-record prefix, in 3-way splits; plus long lines and malformed input.
 */
#include "aw_blame.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "aw_test.h"

#define MAXL 1024
static int64_t want[MAXL];
static int nwant;

static int64_t got[MAXL];
static uint32_t got_line[MAXL];
static int ngot, stop_at = -1;

static int cb(void *user, uint32_t line, int64_t t)
{
	(void)user;
	if (ngot == stop_at)
		return 1;
	if (ngot < MAXL) {
		got_line[ngot] = line;
		got[ngot] = t;
	}
	ngot++;
	return 0;
}

/* all records of the first `lines` lines match */
static int matches(int lines)
{
	int i;
	if (ngot != lines)
		return 0;
	for (i = 0; i < lines; i++)
		if (got_line[i] != (uint32_t)(i + 1) || got[i] != want[i])
			return 0;
	return 1;
}

static int run(const char *p, size_t n, const size_t *cuts, int ncuts)
{
	aw_blame_ctx c;
	size_t at = 0;
	int i, r = AW_OK;

	ngot = 0;
	aw_blame_init(&c, cb, NULL);
	for (i = 0; i <= ncuts && r == AW_OK; i++) {
		size_t to = i < ncuts ? cuts[i] : n;
		r = aw_blame_feed(&c, p + at, to - at);
		at = to;
	}
	if (r == AW_OK)
		r = aw_blame_end(&c);
	return r;
}

static void test_real(void)
{
	size_t n, i, j, pre = 0;
	char *p = aw_test_slurp("tests/data/dating/fz-blame.txt", &n);
	FILE *f = fopen("tests/data/dating/fz-blame-expect.txt", "r");
	int ln, ok, recs = 0;
	long long t;
	aw_blame_ctx c;

	CHECK(p && f);
	if (!p || !f)
		return;
	while (fscanf(f, "%d %lld", &ln, &t) == 2 && nwant < MAXL)
		want[nwant++] = t;
	fclose(f);
	CHECK(nwant == 406);

	CHECK(run(p, n, NULL, 0) == AW_OK && matches(nwant));

	aw_blame_init(&c, cb, NULL);
	ngot = 0;
	ok = 1;
	for (i = 0; i < n && ok; i++)
		ok = aw_blame_feed(&c, p + i, 1) == AW_OK;
	CHECK(ok && aw_blame_end(&c) == AW_OK && matches(nwant));

	/* prefix of 20 records: every single split point */
	for (i = 0; i < n && recs < 20; i++)
		if (p[i] == '\t' && (i == 0 || p[i - 1] == '\n'))
			recs++;
	while (i < n && p[i] != '\n')
		i++;
	pre = i + 1;
	ok = 1;
	for (i = 0; i <= pre && ok; i++)
		ok = run(p, pre, &i, 1) == AW_OK && matches(20);
	CHECK(ok);
	/* 3-way splits with a stride over the whole file */
	ok = 1;
	for (i = 0; i < n && ok; i += 7919)
		for (j = i; j < n && ok; j += 5003) {
			size_t cuts[2];
			cuts[0] = i;
			cuts[1] = j;
			ok = run(p, n, cuts, 2) == AW_OK && matches(nwant);
		}
	CHECK(ok);
	/* truncation anywhere inside a record is an error, at a record end not */
	ok = 1;
	for (i = 1; i < pre && ok; i++) {
		int r = run(p, i, NULL, 0);
		int in_content;
		size_t k = i - 1;
		/* cut inside or right after a content line: record delivered */
		while (k > 0 && p[k - 1] != '\n')
			k--;
		in_content = p[k] == '\t';
		if (in_content)
			ok = r == AW_OK;
		else
			ok = r == AW_ERR_SYNTAX;
		if (!ok)
			fprintf(stderr, "cut at %zu: %d\n", i, r);
	}
	CHECK(ok);
	/* abort from the callback */
	stop_at = 5;
	CHECK(run(p, n, NULL, 0) == 1 && ngot == 5); /* the callback's own code */
	stop_at = -1;
	free(p);
}

static void test_synthetic(void)
{
	static const char hdr[] = "0123456789abcdef0123456789abcdef01234567 3 7 1\n"
				  "author X\ncommitter-time 1700000000\n";
	size_t big = 3u << 20, n, i;
	char *p = malloc(big + 65536 + 4096);
	int ok;

	/* a 3 MiB content line and a 64 KiB summary, in 1000-byte chunks */
	n = 0;
	memcpy(p, hdr, sizeof hdr - 1);
	n += sizeof hdr - 1;
	memcpy(p + n, "summary ", 8);
	n += 8;
	memset(p + n, 's', 65536);
	n += 65536;
	p[n++] = '\n';
	p[n++] = '\t';
	memset(p + n, 'x', big);
	n += big;
	p[n++] = '\n';
	{
		aw_blame_ctx c;
		aw_blame_init(&c, cb, NULL);
		ngot = 0;
		ok = 1;
		for (i = 0; i < n && ok; i += 1000)
			ok = aw_blame_feed(&c, p + i, n - i < 1000 ? n - i : 1000) == AW_OK;
		CHECK(ok && aw_blame_end(&c) == AW_OK && ngot == 1 &&
		      got_line[0] == 7 && got[0] == 1700000000);
	}
	CHECK(sizeof(aw_blame_ctx) < 256);
	free(p);

	/* malformed */
	CHECK(run("nothex\n", 7, NULL, 0) == AW_ERR_SYNTAX);
	CHECK(run("0123456789abcdef0123456789abcdef0123456 1 1\n", 44, NULL, 0) == AW_ERR_SYNTAX);
	CHECK(run("0123456789abcdef0123456789abcdef01234567 1\n", 43, NULL, 0) == AW_ERR_SYNTAX);
	CHECK(run("0123456789abcdef0123456789abcdef01234567 1 0\n", 45, NULL, 0) == AW_ERR_SYNTAX);
	CHECK(run("0123456789abcdef0123456789abcdef01234567 1 2 x\n", 47, NULL, 0) == AW_ERR_SYNTAX);
	/* record without committer-time */
	CHECK(run("0123456789abcdef0123456789abcdef01234567 1 2\nauthor a\n\tx\n", 56, NULL, 0) ==
	      AW_ERR_SYNTAX);
	CHECK(run("0123456789abcdef0123456789abcdef01234567 1 2\ncommitter-time 12a\n\tx\n", 66,
		  NULL, 0) == AW_ERR_SYNTAX);
	CHECK(run("\n", 1, NULL, 0) == AW_ERR_SYNTAX);
	CHECK(run("", 0, NULL, 0) == AW_OK && ngot == 0);
	/* minimal valid record, 3-number header */
	CHECK(run("0123456789abcdef0123456789abcdef01234567 1 2\ncommitter-time 5\n\tx\n", 64,
		  NULL, 0) == AW_OK && ngot == 1 && got_line[0] == 2 && got[0] == 5);
}

int main(void)
{
	test_real();
	test_synthetic();
	return aw_test_report("blame");
}
