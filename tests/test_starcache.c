/*
 * test_starcache.c - the star cache and budget of `awtrack update`
 * (aw_starcache): the records as the port wrote them before the logic
 * moved to core (tests/data/stars, written by awtrack 7f89b7e in the
 * stars section of tests/update.sh: complete, part of the budget spent,
 * repositories gone) load and is written back byte for byte, at
 * every chunk size and every two-piece cut; a record written by a
 * separate writer (CRC from Python's zlib) is what save produces; cut,
 * altered and malformed records are refused; the due rule, the fetch
 * order, the rate-limit budget and what each answer means.
 */
#include "aw_starcache.h"

#include <stdio.h>
#include <string.h>
#include "aw_sha1.h"
#include "aw_test.h"

static aw_starcache_ctx c, c2;
static char out_mem[1u << 20];

/* record of c into out_mem; its length */
static size_t save(const aw_starcache_ctx *s)
{
	aw_buf b;
	aw_sink k;
	aw_buf_init(&b, out_mem, sizeof out_mem);
	aw_sink_buf(&k, &b);
	if (aw_starcache_save(s, &k) != AW_OK)
		return (size_t)-1;
	return b.len;
}

/* load rec into s (mode) in chunks of `step`; the result of load_end */
static int load(aw_starcache_ctx *s, int mode, const char *rec, size_t n, size_t step)
{
	size_t i;
	aw_starcache_init(s);
	if (aw_starcache_load_begin(s, mode))
		return -100;
	for (i = 0; i < n; i += step)
		aw_starcache_load_feed(s, rec + i, n - i < step ? n - i : step);
	return aw_starcache_load_end(s);
}

/* load rec cut at a */
static int load2(aw_starcache_ctx *s, const char *rec, size_t n, size_t a)
{
	aw_starcache_init(s);
	aw_starcache_load_begin(s, AW_STARCACHE_LOAD_ALL);
	aw_starcache_load_feed(s, rec, a);
	aw_starcache_load_feed(s, rec + a, n - a);
	return aw_starcache_load_end(s);
}

static int want(aw_starcache_ctx *s, const char *key)
{
	const char *sl = strchr(key, '/');
	return aw_starcache_want(s, key, (size_t)(sl - key), sl + 1, strlen(sl + 1));
}

static aw_starcache_answer answer(int status, uint64_t count)
{
	aw_starcache_answer a;
	memset(&a, 0, sizeof a);
	a.status = status;
	a.ratelimit_remaining = a.ratelimit_reset = a.retry_after = -1;
	a.count_rc = status == 200 ? AW_OK : AW_ERR_STATE;
	a.count = count;
	return a;
}

/* a record of the given entry lines ("key\tcount\tfetched\n" ...) with a
 * correct line count and CRC: the line checks alone decide */
static size_t mkrec(char *dst, size_t cap, const char *lines, int nlines)
{
	size_t n;
	n = (size_t)snprintf(dst, cap, "awtrack-stars 1\n%s", lines);
	n += (size_t)snprintf(dst + n, cap - n, "end %d %08x\n", nlines,
			      (unsigned)aw_crc32(0, dst, n));
	return n;
}

/* ---- the old port's records ---- */

static void old_records(void)
{
	static const char *files[] = {
		"tests/data/stars/friz-zy.rec", "tests/data/stars/ligurio.rec",
		"tests/data/stars/ligurio-part.rec", "tests/data/stars/ligurio-gone.rec",
	};
	size_t f;
	for (f = 0; f < sizeof files / sizeof files[0]; f++) {
		size_t n, step, a, m;
		char *rec = aw_test_slurp(files[f], &n);
		int same = 1, rc;
		CHECKM(rec != NULL, "%s: missing", files[f]);
		if (!rec)
			continue;
		rc = load(&c, AW_STARCACHE_LOAD_ALL, rec, n, n);
		m = save(&c);
		CHECKM(rc == AW_OK && c.loaded && c.n > 5, "%s: loads whole (rc %d, %u repositories)",
		       files[f], rc, (unsigned)c.n);
		CHECKM(m == n && !memcmp(out_mem, rec, n), "%s: written back byte for byte", files[f]);
		/* every chunk size, every two-piece cut: the same table */
		for (step = 1; step <= n && same; step++) {
			rc = load(&c2, AW_STARCACHE_LOAD_ALL, rec, n, step);
			same = rc == AW_OK && c2.n == c.n && save(&c2) == n && !memcmp(out_mem, rec, n);
			if (!same)
				fprintf(stderr, "%s: chunks of %zu: rc %d\n", files[f], step, rc);
		}
		for (a = 0; a <= n && same; a++) {
			rc = load2(&c2, rec, n, a);
			same = rc == AW_OK && save(&c2) == n && !memcmp(out_mem, rec, n);
			if (!same)
				fprintf(stderr, "%s: cut at %zu: rc %d\n", files[f], a, rc);
		}
		CHECKM(same, "%s: split invariant at every chunk size (1..%zu) and cut", files[f], n);
		/* cut short anywhere: refused */
		same = 1;
		for (a = 0; a < n && same; a++)
			same = load(&c2, AW_STARCACHE_LOAD_ALL, rec, a, a ? a : 1) == AW_ERR_SYNTAX &&
			       !c2.loaded;
		CHECKM(same, "%s: every truncation refused (stopped at %zu)", files[f], a - 1);
		/* any one byte replaced: refused (CRC, line count, syntax) */
		same = 1;
		for (a = 0; a < n && same; a++) {
			char o = rec[a];
			rec[a] = o == 'X' ? 'Y' : 'X';
			same = load(&c2, AW_STARCACHE_LOAD_ALL, rec, n, 7) != AW_OK;
			rec[a] = o;
		}
		CHECKM(same, "%s: every altered byte refused (accepted at %zu)", files[f], a - 1);
		/* bytes after the end line */
		{
			static char big[1u << 16];
			memcpy(big, rec, n);
			big[n] = '\n';
			CHECK(n < sizeof big && load(&c2, AW_STARCACHE_LOAD_ALL, big, n + 1, 3) == AW_ERR_SYNTAX);
		}
		free(rec);
	}
}

/* the budget record the old port wrote */
static void old_rate(void)
{
	size_t n, m;
	char *rec = aw_test_slurp("tests/data/stars/stars-rate", &n);
	aw_starcache_budget b;
	aw_buf buf;
	aw_sink k;
	CHECK(rec != NULL);
	if (!rec)
		return;
	CHECK(aw_starcache_budget_load(&b, rec, n) == AW_OK && b.remaining >= 0 && b.reset > 1700000000 &&
	      !b.dirty);
	aw_buf_init(&buf, out_mem, sizeof out_mem);
	aw_sink_buf(&k, &buf);
	CHECK(aw_starcache_budget_save(&b, &k) == AW_OK);
	m = buf.len;
	CHECKM(m == n && !memcmp(out_mem, rec, n), "stars-rate written back byte for byte");
	free(rec);
}

/* ---- the format, from a separate writer ---- */

static void format(void)
{
	/* CRC-32 by Python's zlib.crc32 of everything before "end" */
	static const char expect[] = "awtrack-stars 1\n"
				     "ligurio/awesome-ci\t4081\t1796385600\n"
				     "weaveworks/footloose\t-\t1796385600\n"
				     "end 2 665c74a0\n";
	static const char empty[] = "awtrack-stars 1\nend 0 f2d1976c\n";
	const char *key;
	size_t klen, n;
	aw_starcache_answer a;

	CHECK(aw_crc32(0, "123456789", 9) == 0xcbf43926u);
	aw_starcache_init(&c);
	CHECK(want(&c, "ligurio/awesome-ci") == AW_OK);
	CHECK(want(&c, "weaveworks/footloose") == AW_OK);
	CHECK(want(&c, "ghost/never-asked") == AW_OK);
	CHECK(aw_starcache_next(&c, 1796385600, 86400, NULL, &key, &klen) == AW_STARCACHE_FETCH &&
	      klen == 18 && !memcmp(key, "ligurio/awesome-ci", 18));
	a = answer(200, 4081);
	CHECK(aw_starcache_reply(&c, NULL, &a) == AW_STARCACHE_COUNTED);
	CHECK(aw_starcache_next(&c, 1796385600, 86400, NULL, &key, &klen) == AW_STARCACHE_FETCH &&
	      klen == 20 && !memcmp(key, "weaveworks/footloose", 20));
	a = answer(404, 0);
	CHECK(aw_starcache_reply(&c, NULL, &a) == AW_STARCACHE_GONE);
	CHECK(aw_starcache_next(&c, 1796385600, 86400, NULL, &key, &klen) == AW_STARCACHE_FETCH);
	CHECK(aw_starcache_fail(&c) == AW_OK);      /* the third: no answer */
	CHECK(aw_starcache_next(&c, 1796385600, 86400, NULL, &key, &klen) == AW_STARCACHE_FAILED);
	CHECK(c.fetched == 2 && aw_starcache_changed(&c));
	n = save(&c);
	CHECKM(n == sizeof expect - 1 && !memcmp(out_mem, expect, n), "save: %.*s", (int)n, out_mem);
	CHECK(load(&c2, AW_STARCACHE_LOAD_ALL, expect, sizeof expect - 1, 1) == AW_OK && c2.n == 2);
	/* an empty table: the empty record, which loads */
	aw_starcache_init(&c);
	n = save(&c);
	CHECK(n == sizeof empty - 1 && !memcmp(out_mem, empty, n));
	CHECK(load(&c2, AW_STARCACHE_LOAD_ALL, empty, n, 1) == AW_OK && c2.n == 0 && c2.loaded);
}

static void malformed(void)
{
	static const struct {
		const char *lines;
		int n;
		const char *why;
	} bad[] = {
		{"o/r\t18446744073709551616\t5\n", 1, "count over 2^64 - 1"},
		{"o/r\t1\t9223372036854775808\n", 1, "time over 2^63 - 1"},
		{"o/r\t-1\t5\n", 1, "negative count"},
		{"o/r\t1\t-5\n", 1, "negative time"},
		{"o/r\t\t5\n", 1, "empty count"},
		{"o/r\t1\t\n", 1, "empty time"},
		{"o/r\t1\t5\t\n", 1, "a third tab"},
		{"o/r\t1 5\n", 1, "one tab"},
		{"\t1\t5\n", 1, "empty key"},
		{"or\t1\t5\n", 1, "key without '/'"},
		{"o/r/x\t1\t5\n", 1, "key with two '/'"},
		{"o/..\t1\t5\n", 1, "repository \"..\""},
		{"o /r\t1\t5\n", 1, "space in the key"},
		{"o/r\t1\t5\r\n", 1, "CR"},
		{"o/r\t0x1\t5\n", 1, "hex count"},
		{"o/r\t1\t5\n", 2, "line count 2 for 1 line"},
		{"o/r\t1\t5\n", 0, "line count 0 for 1 line"},
		{"\n", 1, "empty line"},
	};
	static const struct {
		const char *rec;
		const char *why;
	} raw[] = {
		{"", "empty"},
		{"awtrack-stars 2\nend 0 6d2af9a6\n", "version 2"},
		{"awtrack-stars 1\nend 0 f2d1976c", "no newline after end"},
		{"awtrack-stars 1\nend 0 F2D1976\n", "7 hex digits"},
		{"awtrack-stars 1\nend 0 0f2d1976c\n", "9 hex digits"},
		{"awtrack-stars 1\nend  0 f2d1976c\n", "two spaces"},
		{"awtrack-stars 1\nend 0 f2d1976c \n", "trailing space"},
		{"awtrack-stars 1\nend 0 f2d1976d\n", "CRC off by one"},
		{"awtrack-stars 1\r\nend 0 f2d1976c\n", "CRLF magic"},
	};
	static char rec[4096];
	size_t i, n;
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		n = mkrec(rec, sizeof rec, bad[i].lines, bad[i].n);
		CHECKM(load(&c, AW_STARCACHE_LOAD_ALL, rec, n, 1) == AW_ERR_SYNTAX && !c.loaded,
		       "refused: %s", bad[i].why);
		CHECKM(load(&c, AW_STARCACHE_LOAD_WANTED, rec, n, n) == AW_ERR_SYNTAX,
		       "refused when not wanted too: %s", bad[i].why);
	}
	for (i = 0; i < sizeof raw / sizeof raw[0]; i++)
		CHECKM(load(&c, AW_STARCACHE_LOAD_ALL, raw[i].rec, strlen(raw[i].rec), 1) ==
			       AW_ERR_SYNTAX, "refused: %s", raw[i].why);
	/* the same lines well-formed: accepted (upper-case CRC digits too, and
	 * leading zeros as strtoull took them), a repeated key takes the later */
	n = mkrec(rec, sizeof rec, "o/r\t18446744073709551615\t9223372036854775807\n"
				   "a-b.c_d/x\t-\t0\no/r\t007\t5\n", 3);
	CHECK(load(&c, AW_STARCACHE_LOAD_ALL, rec, n, 1) == AW_OK && c.n == 2 &&
	      c.ent[0].count == 7 && c.ent[0].fetched == 5 && c.ent[1].have == AW_STARCACHE_HAVE_GONE);
	CHECK(load(&c, AW_STARCACHE_LOAD_ALL, "awtrack-stars 1\nend 0 F2D1976C\n", 31, 2) == AW_OK);
	/* a line longer than any valid one */
	{
		static char line[AW_STARCACHE_LINE_MAX + 64];
		memset(line, 'a', sizeof line);
		line[0] = 'o';
		line[1] = '/';
		memcpy(line + sizeof line - 6, "\t1\t5\n", 6);
		n = mkrec(rec, sizeof rec, line, 1);
		CHECK(load(&c, AW_STARCACHE_LOAD_ALL, rec, n, 5) == AW_ERR_SYNTAX);
	}
}

/* ---- the table ---- */

static void table(void)
{
	static char rec[1u << 19];
	char key[AW_STARCACHE_KEY_MAX + 8];
	size_t n = 0, i;
	int rc = AW_OK;

	aw_starcache_init(&c);
	CHECK(want(&c, "o/r") == AW_OK && want(&c, "o/r") == AW_OK && c.n == 1);
	CHECK(want(&c, "O/r") == AW_OK && c.n == 2);           /* case-sensitive */
	CHECK(want(&c, "o/.") == AW_OK && want(&c, "./r") == AW_OK && want(&c, "o/a b") == AW_OK &&
	      want(&c, "o/") == AW_OK && want(&c, "o/é") == AW_OK && c.n == 2);   /* skipped */
	memset(key, 'a', sizeof key);
	key[0] = 'o';
	key[1] = '/';
	key[AW_STARCACHE_KEY_MAX + 1] = 0;                       /* one too long */
	CHECK(want(&c, key) == AW_OK && c.n == 2);
	key[AW_STARCACHE_KEY_MAX] = 0;                           /* the longest */
	CHECK(want(&c, key) == AW_OK && c.n == 3);
	/* full: AW_STARCACHE_REPOS_MAX keys */
	aw_starcache_init(&c);
	for (i = 0; i < AW_STARCACHE_REPOS_MAX && rc == AW_OK; i++) {
		snprintf(key, sizeof key, "o/r%zu", i);
		rc = want(&c, key);
	}
	CHECK(rc == AW_OK && c.n == AW_STARCACHE_REPOS_MAX);
	CHECK(want(&c, "o/one-more") == AW_ERR_FULL && want(&c, "o/r0") == AW_OK);
	/* a record of one more line than the table holds: LOAD_ALL says FULL */
	n = (size_t)snprintf(rec, sizeof rec, "awtrack-stars 1\n");
	for (i = 0; i <= AW_STARCACHE_REPOS_MAX && n + 64 < sizeof rec; i++)
		n += (size_t)snprintf(rec + n, sizeof rec - n, "o/r%zu\t%zu\t5\n", i, i);
	n += (size_t)snprintf(rec + n, sizeof rec - n, "end %zu %08x\n", i, (unsigned)aw_crc32(0, rec, n));
	CHECK(i == AW_STARCACHE_REPOS_MAX + 1u);
	CHECK(load(&c, AW_STARCACHE_LOAD_ALL, rec, n, 4096) == AW_ERR_FULL);
	/* ... and LOAD_WANTED of two of them drops the rest */
	aw_starcache_init(&c);
	want(&c, "o/r5");
	want(&c, "o/new");
	want(&c, "o/r3");
	aw_starcache_load_begin(&c, AW_STARCACHE_LOAD_WANTED);
	aw_starcache_load_feed(&c, rec, n);
	CHECK(aw_starcache_load_end(&c) == AW_OK && c.n == 3 && c.dropped == AW_STARCACHE_REPOS_MAX - 1u);
	CHECK(c.ent[0].count == 5 && c.ent[1].have == AW_STARCACHE_HAVE_NONE && c.ent[2].count == 3);
	CHECK(aw_starcache_changed(&c) && c.fetched == 0);
	n = save(&c);
	CHECK(load(&c2, AW_STARCACHE_LOAD_ALL, out_mem, n, n) == AW_OK && c2.n == 2 &&
	      c2.ent[0].count == 5 && c2.ent[1].count == 3);   /* want order, only those kept */
	CHECK(want(&c, "o/late") == AW_ERR_STATE);                 /* after the load */
	CHECK(aw_starcache_load_begin(&c, AW_STARCACHE_LOAD_ALL) == AW_ERR_STATE);
}

/* ---- due rule and order ---- */

static void interval(void)
{
	static char rec[1024];
	const char *order[8], *key;
	size_t n, klen;
	int k = 0, rc;

	/* now 10000, interval 100 */
	n = mkrec(rec, sizeof rec,
		  "o/fresh\t1\t9950\n"      /* 50 s old: not due */
		  "o/edge\t2\t9900\n"       /* exactly the interval: due */
		  "o/old\t3\t9800\n"
		  "o/future\t4\t20000\n"    /* the clock went back: due */
		  "o/gone\t-\t9000\n"       /* gone ones are asked again too */
		  "o/tie-a\t5\t9800\n"
		  "o/unwanted\t6\t1\n", 7);
	aw_starcache_init(&c);
	want(&c, "o/never-b");
	want(&c, "o/tie-a");
	want(&c, "o/fresh");
	want(&c, "o/old");
	want(&c, "o/edge");
	want(&c, "o/future");
	want(&c, "o/gone");
	want(&c, "o/never-a");
	aw_starcache_load_begin(&c, AW_STARCACHE_LOAD_WANTED);
	aw_starcache_load_feed(&c, rec, n);
	CHECK(aw_starcache_load_end(&c) == AW_OK && c.dropped == 1);
	while ((rc = aw_starcache_next(&c, 10000, 100, NULL, &key, &klen)) == AW_STARCACHE_FETCH && k < 8) {
		order[k++] = key;
		aw_starcache_skip(&c);
	}
	CHECK(rc == AW_STARCACHE_DONE && k == 7 && aw_starcache_left(&c) == 0);
	/* never fetched (want order), then the oldest, ties in want order */
	CHECK(k == 7 && !strncmp(order[0], "o/never-b", 9) && !strncmp(order[1], "o/never-a", 9) &&
	      !strncmp(order[2], "o/gone", 6) && !strncmp(order[3], "o/tie-a", 7) &&
	      !strncmp(order[4], "o/old", 5) && !strncmp(order[5], "o/edge", 6) &&
	      !strncmp(order[6], "o/future", 8));
	/* skipped: nothing kept; the unwanted line is dropped on save */
	CHECK(c.fetched == 0 && aw_starcache_changed(&c));
	/* a second run within the interval asks nothing */
	aw_starcache_init(&c);
	want(&c, "o/fresh");
	aw_starcache_load_begin(&c, AW_STARCACHE_LOAD_WANTED);
	aw_starcache_load_feed(&c, rec, n);
	aw_starcache_load_end(&c);
	CHECK(aw_starcache_next(&c, 10049, 100, NULL, &key, &klen) == AW_STARCACHE_DONE);
	aw_starcache_init(&c);
	want(&c, "o/fresh");
	aw_starcache_load_begin(&c, AW_STARCACHE_LOAD_WANTED);
	aw_starcache_load_feed(&c, rec, n);
	aw_starcache_load_end(&c);
	CHECK(aw_starcache_next(&c, 10050, 100, NULL, &key, &klen) == AW_STARCACHE_FETCH);
	/* out of order calls */
	CHECK(aw_starcache_next(&c, 10050, 100, NULL, &key, &klen) == AW_ERR_STATE);
	CHECK(aw_starcache_skip(&c) == AW_OK && aw_starcache_skip(&c) == AW_ERR_STATE);
	CHECK(aw_starcache_fail(&c) == AW_ERR_STATE);
}

/* ---- budget ---- */

/* three wanted repositories, never fetched */
static void three(void)
{
	aw_starcache_init(&c);
	want(&c, "o/a");
	want(&c, "o/b");
	want(&c, "o/c");
}

static void budget(void)
{
	static const char *bad[] = {
		"", "remaining 3\n", "remaining 3\nreset 5", "remaining -1\nreset 5\n",
		"remaining 3\nreset 5\nx", "Remaining 3\nreset 5\n", "remaining 3 \nreset 5\n",
		"remaining\nreset 5\n", "remaining 99999999999999999999\nreset 5\n",
	};
	aw_starcache_budget b;
	aw_starcache_answer a;
	const char *key;
	size_t klen, i;
	int64_t now = 1796385600;

	aw_starcache_budget_init(&b);
	CHECK(b.remaining == -1 && b.reset == -1 && aw_starcache_budget_ok(&b, now));
	CHECK(aw_starcache_budget_load(&b, "remaining 0\nreset -7\n", 21) == AW_OK && b.reset == -7);
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++)
		CHECKM(aw_starcache_budget_load(&b, bad[i], strlen(bad[i])) == AW_ERR_SYNTAX &&
			       b.remaining == -1 && b.reset == -1, "bad rate record %zu refused", i);

	/* remaining counts down; the answer that says 0 ends the run before the
	 * next request, the rest is announced */
	three();
	aw_starcache_budget_init(&b);
	CHECK(aw_starcache_next(&c, now, 86400, &b, &key, &klen) == AW_STARCACHE_FETCH);
	a = answer(200, 10);
	a.ratelimit_remaining = 1;
	a.ratelimit_reset = now + 60;
	CHECK(aw_starcache_reply(&c, &b, &a) == AW_STARCACHE_COUNTED && b.remaining == 1 &&
	      b.reset == now + 60 && b.dirty);
	CHECK(aw_starcache_next(&c, now, 86400, &b, &key, &klen) == AW_STARCACHE_FETCH);
	a.ratelimit_remaining = 0;
	CHECK(aw_starcache_reply(&c, &b, &a) == AW_STARCACHE_COUNTED);
	CHECK(aw_starcache_next(&c, now, 86400, &b, &key, &klen) == AW_STARCACHE_SPENT &&
	      aw_starcache_left(&c) == 1 && c.fetched == 2);
	/* sticky within the run, even once the reset has passed */
	CHECK(aw_starcache_next(&c, now + 61, 86400, &b, &key, &klen) == AW_STARCACHE_SPENT);
	/* a later run: nothing before the reset, everything due after it */
	CHECK(!aw_starcache_budget_ok(&b, now + 59) && aw_starcache_budget_ok(&b, now + 60));
	three();
	CHECK(aw_starcache_next(&c, now + 30, 86400, &b, &key, &klen) == AW_STARCACHE_SPENT &&
	      aw_starcache_left(&c) == 3);
	three();
	CHECK(aw_starcache_next(&c, now + 60, 86400, &b, &key, &klen) == AW_STARCACHE_FETCH);

	/* remaining without a reset: an hour */
	three();
	aw_starcache_budget_init(&b);
	aw_starcache_next(&c, now, 86400, &b, &key, &klen);
	a = answer(200, 1);
	a.ratelimit_remaining = 4999;
	aw_starcache_reply(&c, &b, &a);
	CHECK(b.remaining == 4999 && b.reset == now + 3600);

	/* 403 with remaining 0: spent until the reset; that repository waits */
	three();
	aw_starcache_budget_init(&b);
	aw_starcache_next(&c, now, 86400, &b, &key, &klen);
	a = answer(403, 0);
	a.ratelimit_remaining = 0;
	a.ratelimit_reset = now + 900;
	CHECK(aw_starcache_reply(&c, &b, &a) == AW_STARCACHE_SPENT && b.remaining == 0 &&
	      b.reset == now + 900 && aw_starcache_left(&c) == 3 && c.fetched == 0 &&
	      !aw_starcache_changed(&c));
	/* 429 with Retry-After only: spent for that long */
	three();
	aw_starcache_budget_init(&b);
	aw_starcache_next(&c, now, 86400, &b, &key, &klen);
	a = answer(429, 0);
	a.retry_after = 120;
	CHECK(aw_starcache_reply(&c, &b, &a) == AW_STARCACHE_SPENT && b.remaining == 0 &&
	      b.reset == now + 120);
	/* 403 with remaining 0 and no reset: an hour */
	three();
	aw_starcache_budget_init(&b);
	aw_starcache_next(&c, now, 86400, &b, &key, &klen);
	a = answer(403, 0);
	a.ratelimit_remaining = 0;
	CHECK(aw_starcache_reply(&c, &b, &a) == AW_STARCACHE_SPENT && b.reset == now + 3600);
	/* 403 without rate headers (forbidden): failed, budget untouched */
	three();
	aw_starcache_budget_init(&b);
	aw_starcache_next(&c, now, 86400, &b, &key, &klen);
	a = answer(403, 0);
	CHECK(aw_starcache_reply(&c, &b, &a) == AW_STARCACHE_FAILED && !b.dirty && b.remaining == -1);
	CHECK(aw_starcache_next(&c, now, 86400, &b, &key, &klen) == AW_STARCACHE_FAILED);
	/* 429 with remaining 5 and no Retry-After: failed, remaining kept */
	three();
	aw_starcache_next(&c, now, 86400, &b, &key, &klen);
	a = answer(429, 0);
	a.ratelimit_remaining = 5;
	CHECK(aw_starcache_reply(&c, &b, &a) == AW_STARCACHE_FAILED && b.remaining == 5 && b.dirty);
	/* 410, 451 gone; 500 and a 200 without a count fail; a failed
	 * connection leaves the budget alone */
	three();
	aw_starcache_budget_init(&b);
	aw_starcache_next(&c, now, 86400, &b, &key, &klen);
	a = answer(410, 0);
	CHECK(aw_starcache_reply(&c, &b, &a) == AW_STARCACHE_GONE);
	aw_starcache_next(&c, now, 86400, &b, &key, &klen);
	a = answer(451, 0);
	CHECK(aw_starcache_reply(&c, &b, &a) == AW_STARCACHE_GONE);
	aw_starcache_next(&c, now, 86400, &b, &key, &klen);
	a = answer(200, 0);
	a.count_rc = AW_ERR_NOTFOUND;
	a.ratelimit_remaining = 7;
	CHECK(aw_starcache_reply(&c, &b, &a) == AW_STARCACHE_FAILED && b.remaining == 7);
	CHECK(c.fetched == 2 && aw_starcache_changed(&c));
	three();
	aw_starcache_budget_init(&b);
	aw_starcache_next(&c, now, 86400, &b, &key, &klen);
	a = answer(500, 0);
	CHECK(aw_starcache_reply(&c, &b, &a) == AW_STARCACHE_FAILED && !b.dirty);
	CHECK(aw_starcache_reply(&c, &b, &a) == AW_ERR_STATE);
}

/* ---- pages ---- */

static void map(void)
{
	static aw_starmap_ctx m;
	static char rec[512];
	char total[16];
	const char *t;
	size_t n, tl;
	unsigned badges;
	aw_buf tb;

	n = mkrec(rec, sizeof rec, "ligurio/awesome-ci\t1450\t5\no/gone\t-\t5\no/big\t999500\t5\n", 3);
	CHECK(load(&c, AW_STARCACHE_LOAD_ALL, rec, n, 3) == AW_OK);
	aw_starmap_init(&m);
	aw_buf_init(&tb, total, sizeof total);
	CHECK(aw_starcache_map(&c, "ligurio/awesome-ci", 18, &m, &tb, &badges) == AW_OK && badges == 2);
	CHECK(!strcmp(aw_buf_cstr(&tb), "1.5K"));
	CHECK(aw_starmap_lookup(&m, "ligurio", 7, "awesome-ci", 10, &t, &tl) && tl == 4 &&
	      !memcmp(t, "1.4k", 4));
	CHECK(aw_starmap_lookup(&m, "o", 1, "big", 3, &t, &tl) && tl == 2 && !memcmp(t, "1M", 2));
	CHECK(!aw_starmap_lookup(&m, "o", 1, "gone", 4, &t, &tl));
	/* without a count of its own: no total */
	aw_starmap_init(&m);
	aw_buf_init(&tb, total, sizeof total);
	CHECK(aw_starcache_map(&c, "o/gone", 6, &m, &tb, &badges) == AW_OK && tb.len == 0);
}

int main(void)
{
	old_records();
	old_rate();
	format();
	malformed();
	table();
	interval();
	budget();
	map();
	return aw_test_report("test_starcache");
}
