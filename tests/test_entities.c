/*
 * test_entities.c - aw_entities_lookup against the original table: every one
 * of the 2125 names of tests/data/entities.txt (the WHATWG list as packaged
 * by character-entities, extracted from the plain table before it was
 * compressed) gives exactly its UTF-8 value, and near misses (proper
 * prefixes, one more character, changed case, too long, empty, non-name
 * bytes) give NULL. Each query sits in a buffer of exactly its length so
 * ASan catches a read past it.
 */
#include "aw_entities.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "aw_test.h"

#define MAXN 2200
#define NAMEMAX 40

struct ent {
	char name[NAMEMAX];
	char val[16];
	size_t vlen;
};

static struct ent ents[MAXN];
static size_t nents;

static size_t put_u8(char *o, unsigned long c)
{
	if (c < 0x80) {
		o[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		o[0] = (char)(0xC0 | c >> 6);
		o[1] = (char)(0x80 | (c & 63));
		return 2;
	}
	if (c < 0x10000) {
		o[0] = (char)(0xE0 | c >> 12);
		o[1] = (char)(0x80 | (c >> 6 & 63));
		o[2] = (char)(0x80 | (c & 63));
		return 3;
	}
	o[0] = (char)(0xF0 | c >> 18);
	o[1] = (char)(0x80 | (c >> 12 & 63));
	o[2] = (char)(0x80 | (c >> 6 & 63));
	o[3] = (char)(0x80 | (c & 63));
	return 4;
}

static int load(const char *path)
{
	FILE *f = fopen(path, "r");
	char line[256];

	if (!f)
		return -1;
	while (fgets(line, sizeof line, f)) {
		char *tab = strchr(line, '\t'), *p;
		struct ent *e = &ents[nents];

		if (line[0] == '#' || line[0] == '\n')
			continue;
		if (!tab || nents == MAXN || (size_t)(tab - line) >= NAMEMAX) {
			fclose(f);
			return -1;
		}
		memcpy(e->name, line, (size_t)(tab - line));
		e->name[tab - line] = 0;
		e->vlen = 0;
		for (p = tab + 1; (p = strstr(p, "U+")) != NULL; p += 2) {
			if (e->vlen > sizeof e->val - 4) {
				fclose(f);
				return -1;
			}
			e->vlen += put_u8(e->val + e->vlen, strtoul(p + 2, NULL, 16));
		}
		nents++;
	}
	fclose(f);
	return 0;
}

/* lookup of s[0..n) from an exact-size heap copy; *vl = value length */
static const char *look(const char *s, size_t n, size_t *vl)
{
	char *b = malloc(n ? n : 1);
	const char *v;

	if (!b)
		abort();
	memcpy(b, s, n);
	*vl = 999;
	v = aw_entities_lookup(b, n, vl);
	free(b);
	return v;
}

/* the list's entry for s[0..n) (the file is sorted by byte value) */
static const struct ent *find(const char *s, size_t n)
{
	size_t lo = 0, hi = nents;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2, m = strlen(ents[mid].name);
		int c = memcmp(ents[mid].name, s, m < n ? m : n);

		if (c == 0)
			c = m < n ? -1 : m > n;
		if (c == 0)
			return &ents[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* s[0..n) is an entity exactly when the list says so, with its value */
static int probe(const char *s, size_t n)
{
	const struct ent *e = find(s, n);
	size_t vl;
	const char *v = look(s, n, &vl);

	if (e)
		return v && vl == e->vlen && memcmp(v, e->val, vl) == 0;
	return v == NULL;
}

int main(void)
{
	static const char alnum[] =
		"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
	char buf[NAMEMAX + 2];
	size_t i, j, k, vl, bad;
	const char *v;

	if (load("tests/data/entities.txt") != 0) {
		fprintf(stderr, "cannot read tests/data/entities.txt (run from the top)\n");
		return 1;
	}
	CHECK(nents == 2125);
	for (i = 1; i < nents; i++)
		if (strcmp(ents[i - 1].name, ents[i].name) >= 0)
			break;
	CHECK(i == nents);  /* sorted, as find() needs */

	/* every name, exact value */
	bad = 0;
	for (i = 0; i < nents; i++) {
		const struct ent *e = &ents[i];
		v = look(e->name, strlen(e->name), &vl);
		if (!v || vl != e->vlen || memcmp(v, e->val, vl) != 0) {
			fprintf(stderr, "FAIL %s\n", e->name);
			bad++;
		}
	}
	CHECK(bad == 0);

	/* a few by hand (WHATWG values) */
	v = look("amp", 3, &vl);
	CHECK(v && vl == 1 && v[0] == '&');
	v = look("AElig", 5, &vl);
	CHECK(v && vl == 2 && memcmp(v, "\xC3\x86", 2) == 0);
	v = look("NotEqualTilde", 13, &vl);  /* U+2242 U+0338 */
	CHECK(v && vl == 5 && memcmp(v, "\xE2\x89\x82\xCC\xB8", 5) == 0);
	v = look("zopf", 4, &vl);  /* U+1D56B */
	CHECK(v && vl == 4 && memcmp(v, "\xF0\x9D\x95\xAB", 4) == 0);
	v = look("CounterClockwiseContourIntegral", 31, &vl);  /* U+2233 */
	CHECK(v && vl == 3 && memcmp(v, "\xE2\x88\xB3", 3) == 0);
	v = look("zwnj", 4, &vl);
	CHECK(v && vl == 3 && memcmp(v, "\xE2\x80\x8C", 3) == 0);
	/* the length counts, not a NUL: "ampx" with len 3 is "amp" */
	v = aw_entities_lookup("ampx", 3, &vl);
	CHECK(v && vl == 1 && v[0] == '&');

	/* near misses: every proper prefix, every name plus one character,
	 * every single-character case flip, the name without its first
	 * character; each must agree with the list */
	bad = 0;
	for (i = 0; i < nents; i++) {
		const char *nm = ents[i].name;
		size_t n = strlen(nm);

		for (j = 0; j < n; j++)
			bad += !probe(nm, j);
		memcpy(buf, nm, n);
		for (k = 0; k < sizeof alnum - 1; k++) {
			buf[n] = alnum[k];
			bad += !probe(buf, n + 1);
		}
		buf[n] = ';';
		bad += !probe(buf, n + 1);
		for (j = 0; j < n; j++) {
			char c = buf[j];
			if (c >= 'a' && c <= 'z')
				buf[j] = (char)(c - 32);
			else if (c >= 'A' && c <= 'Z')
				buf[j] = (char)(c + 32);
			bad += !probe(buf, n);
			buf[j] = c;
		}
		bad += !probe(nm + 1, n - 1);
	}
	CHECK(bad == 0);
	CHECK(look("AMP", 3, &vl) != NULL && look("Amp", 3, &vl) == NULL);
	CHECK(look("aMP", 3, &vl) == NULL);

	/* empty, too long, non-name bytes */
	CHECK(look("", 0, &vl) == NULL);
	memset(buf, 'a', sizeof buf);
	for (i = 1; i <= sizeof buf; i++)
		bad += !probe(buf, i);
	memcpy(buf, "CounterClockwiseContourIntegralx", 32);
	CHECK(look(buf, 32, &vl) == NULL);
	memcpy(buf, "CounterClockwiseContourIntegral", 31);
	memset(buf + 31, 'l', sizeof buf - 31);
	CHECK(look(buf, sizeof buf, &vl) == NULL);
	CHECK(look("amp;", 4, &vl) == NULL && look("&amp", 4, &vl) == NULL);
	CHECK(look("am\0p", 4, &vl) == NULL && look("amp\0", 4, &vl) == NULL);
	CHECK(look("\xff\xff", 2, &vl) == NULL && look("\x80", 1, &vl) == NULL);
	CHECK(look("0", 1, &vl) == NULL && look("~", 1, &vl) == NULL);
	CHECK(look("zzzzzz", 6, &vl) == NULL && look("A", 1, &vl) == NULL);
	CHECK(bad == 0);

	/* two-character strings: all 64 x 64 of [0-9A-Za-z;] give what the
	 * list says */
	bad = 0;
	for (i = 0; i < sizeof alnum; i++)
		for (j = 0; j < sizeof alnum; j++) {
			buf[0] = i < sizeof alnum - 1 ? alnum[i] : ';';
			buf[1] = j < sizeof alnum - 1 ? alnum[j] : ';';
			bad += !probe(buf, 2);
		}
	CHECK(bad == 0);

	return aw_test_report("entities");
}
