/*
 * fuzz_feed.c - libFuzzer harness for the feed reader on expat: the first
 * byte picks the chunk size, the rest is the feed, parsed whole and in
 * chunks with a large arena (results and entries must agree unless the
 * arena ran out), then once more in a small arena (a clean AW_ERR_FULL at
 * worst). Every entry field is checked to be NUL-terminated inside its
 * buffer. Relative links resolve against xml:base over a document URL.
 * Any crash, sanitizer report or abort() is a bug.
 */
#define _POSIX_C_SOURCE 200809L /* strnlen */
#include "aw_feed.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static _Alignas(16) unsigned char big_arena[256 * 1024];
static _Alignas(16) unsigned char small_arena[6 * 1024];
static aw_feed_ctx f;
static uint32_t sum;
static unsigned count;

static void mix(const char *s, size_t cap)
{
	size_t n = strnlen(s, cap);
	if (n == cap)
		abort();                          /* not terminated */
	while (n--)
		sum = sum * 31 + (unsigned char)s[n];
}

static int on_entry(void *user, const aw_feed_entry *e)
{
	(void)user;
	mix(e->id, sizeof e->id);
	mix(e->title, sizeof e->title);
	mix(e->link, sizeof e->link);
	mix(e->summary, sizeof e->summary);
	mix(e->sha, sizeof e->sha);
	if (e->sha[0] && strlen(e->sha) != 40)
		abort();
	sum = sum * 31 + (uint32_t)e->updated + (uint32_t)e->published + e->flags;
	count++;
	return 0;
}

static int parse(unsigned char *arena, size_t asize, const char *p, size_t n, size_t chunk)
{
	size_t at = 0;
	int r;

	sum = 0;
	count = 0;
	r = aw_feed_init(&f, arena, asize, 1, on_entry, NULL);
	if (r == AW_OK)
		r = aw_feed_set_base(&f, "https://fuzz.test/a/b/feed.xml?x=1");
	while (r == AW_OK && at < n) {
		size_t m = n - at < chunk ? n - at : chunk;
		r = aw_feed_feed(&f, p + at, m);
		at += m;
	}
	if (r == AW_OK)
		return aw_feed_end(&f);
	aw_feed_free(&f);
	return r;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *p = (const char *)data + 1;
	size_t n;
	int r1, r2;
	uint32_t s1;
	unsigned c1;

	if (size < 1)
		return 0;
	n = size - 1;
	r1 = parse(big_arena, sizeof big_arena, p, n, n ? n : 1);
	s1 = sum;
	c1 = count;
	r2 = parse(big_arena, sizeof big_arena, p, n, (size_t)data[0] + 1);
	if (r1 != AW_ERR_FULL && r2 != AW_ERR_FULL && (r1 != r2 || s1 != sum || c1 != count))
		abort();
	(void)parse(small_arena, sizeof small_arena, p, n, 64);
	(void)aw_feed_errmsg(&f);
	return 0;
}
