/*
 * test_stars.c - star formatting against JavaScript itself (fixture made
 * by node: toFixed / Math.round / Intl compact), the spec's tie examples,
 * and the star map on real stars.tsv files fed in every split.
 */
#include "aw_inline.h"
#include "aw_stars.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "aw_test.h"

static char sb[64];

static const char *fmt(uint64_t n, int total)
{
	aw_buf b;
	aw_buf_init(&b, sb, sizeof sb);
	if (total)
		aw_stars_total_format(n, &b);
	else
		aw_stars_format(n, &b);
	return aw_buf_cstr(&b);
}

static void test_format(void)
{
	FILE *f;
	char line[128], m[32], t[32];
	unsigned long long n;
	int cnt = 0, bad = 0;

	/* docs/spec.md 5.2 / 8.1 examples */
	CHECK(!strcmp(fmt(1250, 0), "1.3k"));
	CHECK(!strcmp(fmt(1050, 0), "1.1k"));
	CHECK(!strcmp(fmt(1450, 0), "1.4k"));
	CHECK(!strcmp(fmt(0, 0), "0"));
	CHECK(!strcmp(fmt(75, 0), "75"));
	CHECK(!strcmp(fmt(1450, 1), "1.5K"));
	CHECK(!strcmp(fmt(10500, 1), "11K"));
	CHECK(!strcmp(fmt(1000, 1), "1K"));
	CHECK(!strcmp(fmt(83, 1), "83"));

	f = fopen("tests/data/dating/stars-format.txt", "r");
	CHECK(f != NULL);
	if (!f)
		return;
	while (fgets(line, sizeof line, f)) {
		if (sscanf(line, "%llu %31s %31s", &n, m, t) != 3)
			continue;
		cnt++;
		if (strcmp(fmt(n, 0), m)) {
			fprintf(stderr, "metric(%llu) = %s, want %s\n", n, sb, m);
			bad++;
		}
		if (strcmp(fmt(n, 1), t)) {
			fprintf(stderr, "total(%llu) = %s, want %s\n", n, sb, t);
			bad++;
		}
	}
	fclose(f);
	CHECK(cnt == 5096 && bad == 0);
	{
		char small[3];
		aw_buf b;
		aw_buf_init(&b, small, sizeof small);
		CHECK(aw_stars_format(1250, &b) == AW_ERR_FULL && b.truncated && b.len == 3);
	}
}

/* the map plugs into the inline module's badge hook as is */
static const aw_stars_fn lookup_fn = aw_starmap_lookup;

static aw_starmap_ctx map;
static char file[8192];

static size_t load(const char *path)
{
	FILE *f = fopen(path, "rb");
	size_t n;
	if (!f)
		return 0;
	n = fread(file, 1, sizeof file, f);
	fclose(f);
	return n;
}

static int has(const char *o, const char *r, const char *want)
{
	const char *t;
	size_t tl;
	if (!lookup_fn(&map, o, strlen(o), r, strlen(r), &t, &tl))
		return want == NULL;
	return want && tl == strlen(want) && !memcmp(t, want, tl);
}

/* every line of the TSV is found with its own text */
static int all_found(const char *tsv, size_t n)
{
	size_t i = 0;
	int cnt = 0;
	while (i < n) {
		const char *l = tsv + i, *nl = memchr(l, '\n', n - i), *tab, *sl;
		size_t ll = nl ? (size_t)(nl - l) : n - i;
		const char *t;
		size_t tl;
		tab = memchr(l, '\t', ll);
		sl = memchr(l, '/', ll);
		if (!tab || !sl)
			return -1;
		if (!aw_starmap_lookup(&map, l, (size_t)(sl - l), sl + 1,
				       (size_t)(tab - sl - 1), &t, &tl))
			return -1;
		if (tl != ll - (size_t)(tab - l) - 1 || memcmp(t, tab + 1, tl))
			return -1;
		cnt++;
		i += ll + 1;
	}
	return cnt;
}

static void test_map(void)
{
	size_t n = load("tests/data/dating/fz-stars.tsv"), i;
	int lines = 0, ok = 1;

	CHECK(n > 0);
	for (i = 0; i < n; i++)
		lines += file[i] == '\n';
	aw_starmap_init(&map);
	CHECK(aw_starmap_feed(&map, file, n) == AW_OK && aw_starmap_end(&map) == AW_OK);
	CHECK(all_found(file, n) == lines && (int)map.n == lines);
	CHECK(has("containers", "youki", "4.9k"));
	CHECK(has("containers", "youk", NULL));
	CHECK(has("containers", "youki2", NULL));
	CHECK(has("Containers", "youki", NULL));
	/* split at every position, and byte by byte */
	for (i = 0; i <= n && ok; i++) {
		aw_starmap_init(&map);
		if (aw_starmap_feed(&map, file, i) || aw_starmap_feed(&map, file + i, n - i) ||
		    aw_starmap_end(&map) || all_found(file, n) != lines)
			ok = 0;
	}
	CHECK(ok);
	aw_starmap_init(&map);
	for (i = 0; i < n; i++)
		aw_starmap_feed(&map, file + i, 1);
	CHECK(aw_starmap_end(&map) == AW_OK && all_found(file, n) == lines);

	/* case-sensitive keys: both logrus spellings are real page entries */
	n = load("tests/data/dating/go-logrus-stars.tsv");
	aw_starmap_init(&map);
	CHECK(aw_starmap_feed(&map, file, n) == AW_OK && aw_starmap_end(&map) == AW_OK);
	CHECK(map.n == 5 && all_found(file, n) == 5);
	CHECK(has("Sirupsen", "logrus", "26k") && has("sirupsen", "logrus", "26k"));
	CHECK(has("SIRUPSEN", "logrus", NULL));

	/* CRLF, blank lines, last line without newline, later key wins */
	aw_starmap_init(&map);
	{
		static const char t[] = "a/b\t1\r\n\n\na/b\t2\nc/d\t3.8k";
		CHECK(aw_starmap_feed(&map, t, sizeof t - 1) == AW_OK);
		CHECK(has("c", "d", NULL));
		CHECK(aw_starmap_end(&map) == AW_OK);
		CHECK(has("a", "b", "2") && has("c", "d", "3.8k") && map.n == 2);
	}
	/* errors are sticky and say where */
	aw_starmap_init(&map);
	CHECK(aw_starmap_feed(&map, "a/b\t1\nnotab\n", 12) == AW_ERR_SYNTAX && map.lineno == 2);
	CHECK(aw_starmap_feed(&map, "c/d\t1\n", 6) == AW_ERR_SYNTAX);
	CHECK(aw_starmap_end(&map) == AW_ERR_SYNTAX);
	aw_starmap_init(&map);
	CHECK(aw_starmap_feed(&map, "noslash\t1\n", 10) == AW_ERR_SYNTAX);
	aw_starmap_init(&map);
	{
		static char big[AW_STARS_LINE_MAX + 8];
		memset(big, 'x', sizeof big);
		big[1] = '/';
		big[5] = '\t';
		/* exactly the limit is fine, one more byte is not */
		big[AW_STARS_LINE_MAX] = '\n';
		CHECK(aw_starmap_feed(&map, big, AW_STARS_LINE_MAX + 1) == AW_OK);
		aw_starmap_init(&map);
		big[AW_STARS_LINE_MAX] = 'x';
		big[AW_STARS_LINE_MAX + 1] = '\n';
		CHECK(aw_starmap_feed(&map, big, 10) == AW_OK);
		CHECK(aw_starmap_feed(&map, big + 10, AW_STARS_LINE_MAX + 2 - 10) == AW_ERR_TOOBIG);
	}
	/* full map */
	aw_starmap_init(&map);
	{
		char k[32];
		int r = AW_OK;
		unsigned long j;
		for (j = 0; j <= AW_STARS_MAP_MAX && r == AW_OK; j++) {
			int kl = snprintf(k, sizeof k, "o/r%lu", j);
			r = aw_starmap_put(&map, k, (size_t)kl, "1", 1);
		}
		CHECK(r == AW_ERR_FULL && j == AW_STARS_MAP_MAX + 1u);
		CHECK(has("o", "r0", "1") && has("o", "r17", "1"));
	}
}

int main(void)
{
	test_format();
	test_map();
	return aw_test_report("stars");
}
