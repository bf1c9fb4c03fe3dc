/*
 * smoke.c - linked against the core as tests/cmake/CMakeLists.txt builds
 * it from core/Filelists.cmake: parse a small list (scan pass, items pass,
 * in chunks) and check its items (category, identifier, rendered markdown,
 * line) as the tracker reports them (docs/spec.md 3 and 4).
 */
#include <stdio.h>
#include <string.h>

#include "aw_md.h"
#include "aw_test.h"

static aw_md_ctx md;

static const char doc[] =
	"# Awesome Things\n"
	"\n"
	"## Tools\n"
	"\n"
	"- [Foo](https://github.com/a/foo) - Does *foo*.\n"
	"- [Bar](https://example.com/bar) - Bar &amp; more.\n"
	"\n"
	"## Other\n"
	"\n"
	"- [Baz](https://baz.org) - Baz.\n";

static const struct { const char *cat, *ident, *md; unsigned line; } want[] = {
	{ "Tools", "[Foo](https://github.com/a/foo)", "*   [Foo](https://github.com/a/foo) - Does *foo*.", 5 },
	{ "Tools", "[Bar](https://example.com/bar)", "*   [Bar](https://example.com/bar) - Bar & more.", 6 },
	{ "Other", "[Baz](https://baz.org)", "*   [Baz](https://baz.org) - Baz.", 10 },
};
static unsigned n;

static int eq(const char *s, size_t len, const char *w)
{
	return len == strlen(w) && memcmp(s, w, len) == 0;
}

static int on_item(void *user, const aw_md_item *it)
{
	(void)user;
	if (n < sizeof want / sizeof want[0]) {
		CHECK(eq(it->category, it->category_len, want[n].cat));
		CHECK(eq(it->ident, it->ident_len, want[n].ident));
		CHECK(eq(it->md, it->md_len, want[n].md));
		CHECK(it->end_line == want[n].line);
		CHECK(it->flags == 0);
	}
	n++;
	return 0;
}

static int feed(int pass_kind)
{
	size_t i, len = sizeof doc - 1;
	int rc = aw_md_begin(&md, pass_kind);
	for (i = 0; rc == AW_OK && i < len; i += 7)
		rc = aw_md_feed(&md, doc + i, len - i < 7 ? len - i : 7);
	return rc ? rc : aw_md_end(&md);
}

int main(void)
{
	CHECK(aw_md_init(&md, NULL, NULL, 1, on_item, NULL) == AW_OK);
	CHECK(feed(AW_MD_PASS_SCAN) == AW_OK);
	CHECK(feed(AW_MD_PASS_ITEMS) == AW_OK);
	CHECK(n == sizeof want / sizeof want[0]);
	return aw_test_report("cmake");
}
