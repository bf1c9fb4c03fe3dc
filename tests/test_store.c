/*
 * test_store.c - datemap and item store: insert / overwrite / lookup,
 * O(n) clear, exact capacity limits (AW_ERR_FULL leaves the table
 * unchanged), and the duplicate rule of docs/spec.md 4 (first position, last
 * category / markdown / time).
 */
#include "aw_sha1.h"
#include "aw_store.h"

#include <stdio.h>
#include <string.h>
#include "aw_test.h"

static aw_datemap_ctx dm;
static aw_store_ctx st;

static void ident(unsigned long k, uint8_t id[20])
{
	char s[32];
	int n = snprintf(s, sizeof s, "[item %lu](https://x/%lu)", k, k);
	aw_sha1(s, (size_t)n, id);
}

static void test_datemap(void)
{
	uint8_t id[20];
	int64_t t = 0;
	unsigned long k, live;
	int ok = 1;

	aw_datemap_init(&dm);
	ident(1, id);
	CHECK(aw_datemap_get(&dm, id, &t) == 0);
	CHECK(aw_datemap_put(&dm, id, 100) == AW_OK && aw_datemap_get(&dm, id, &t) && t == 100);
	CHECK(aw_datemap_put(&dm, id, -5) == AW_OK && aw_datemap_get(&dm, id, &t) && t == -5);
	CHECK(aw_datemap_count(&dm) == 1 && aw_datemap_get(&dm, id, NULL) == 1);
	/* fill to capacity exactly */
	for (k = 2; k <= AW_STORE_DATEMAP_MAX && ok; k++) {
		ident(k, id);
		ok = aw_datemap_put(&dm, id, (int64_t)k) == AW_OK;
	}
	CHECK(ok && aw_datemap_count(&dm) == AW_STORE_DATEMAP_MAX);
	ident(AW_STORE_DATEMAP_MAX + 1ul, id);
	CHECK(aw_datemap_put(&dm, id, 1) == AW_ERR_FULL && !aw_datemap_get(&dm, id, NULL));
	ident(7, id);
	CHECK(aw_datemap_put(&dm, id, 77) == AW_OK);   /* overwrite still works when full */
	for (k = 2; k <= AW_STORE_DATEMAP_MAX && ok; k++) {
		ident(k, id);
		ok = aw_datemap_get(&dm, id, &t) && t == (k == 7 ? 77 : (int64_t)k);
	}
	CHECK(ok);
	aw_datemap_clear(&dm);
	CHECK(aw_datemap_count(&dm) == 0);
	for (k = 1; k <= 300 && ok; k++) {
		ident(k, id);
		ok = !aw_datemap_get(&dm, id, NULL);
	}
	CHECK(ok);
	/* reusable after clear */
	ident(3, id);
	CHECK(aw_datemap_put(&dm, id, 3) == AW_OK && aw_datemap_get(&dm, id, &t) && t == 3);

	/* reference counts: ref keeps the first time, unref to 0 = absent */
	aw_datemap_clear(&dm);
	ident(5, id);
	CHECK(aw_datemap_ref(&dm, id, 50, &t) == AW_OK && t == 50);
	CHECK(aw_datemap_ref(&dm, id, 60, &t) == AW_OK && t == 50);
	CHECK(aw_datemap_unref(&dm, id) == AW_OK && aw_datemap_get(&dm, id, &t) && t == 50);
	CHECK(aw_datemap_unref(&dm, id) == AW_OK && !aw_datemap_get(&dm, id, NULL));
	CHECK(aw_datemap_count(&dm) == 0);
	CHECK(aw_datemap_unref(&dm, id) == AW_ERR_STATE);
	CHECK(aw_datemap_ref(&dm, id, 70, &t) == AW_OK && t == 70); /* back: a new time */
	ident(6, id);
	CHECK(aw_datemap_unref(&dm, id) == AW_ERR_STATE);
	/* dead entries are reclaimed when the map is full: cycle many more
	   identities than it holds through ref / unref, a few stay alive */
	ok = 1;
	live = 1;
	for (k = 100; k < 100 + 3ul * AW_STORE_DATEMAP_MAX && ok; k++) {
		ident(k, id);
		ok = aw_datemap_ref(&dm, id, (int64_t)k, NULL) == AW_OK;
		if (ok && k % 97)
			ok = aw_datemap_unref(&dm, id) == AW_OK;
		else
			live++;
	}
	CHECK(ok);
	for (k = 100; k < 100 + 3ul * AW_STORE_DATEMAP_MAX && ok; k++) {
		ident(k, id);
		ok = aw_datemap_get(&dm, id, &t) == !(k % 97) && (k % 97 || t == (int64_t)k);
	}
	CHECK(ok);
	ident(5, id);
	CHECK(aw_datemap_get(&dm, id, &t) && t == 70);
	CHECK(aw_datemap_count(&dm) == live && live > 1);
}

static int item_is(size_t i, unsigned long k, int64_t t, const char *cat, const char *md)
{
	const aw_store_item *it = aw_store_get(&st, i);
	uint8_t id[20];
	const char *s;
	size_t l;

	if (!it)
		return 0;
	ident(k, id);
	if (memcmp(it->id, id, 20) || it->time != t)
		return 0;
	s = aw_store_category(&st, it, &l);
	if (l != strlen(cat) || memcmp(s, cat, l))
		return 0;
	s = aw_store_markdown(&st, it, &l);
	return l == strlen(md) && !memcmp(s, md, l);
}

static int put(unsigned long k, int64_t t, const char *cat, const char *md)
{
	uint8_t id[20];
	ident(k, id);
	return aw_store_put(&st, id, t, cat, strlen(cat), md, strlen(md));
}

static void test_store(void)
{
	uint8_t id[20];
	unsigned long k;
	int ok = 1, r = AW_OK;

	aw_store_init(&st);
	CHECK(put(1, 10, "A", "*   one") == AW_OK);
	CHECK(put(2, 20, "A", "*   two") == AW_OK);
	CHECK(put(3, 30, "", "*   three") == AW_OK);
	/* duplicate of 1 further down, in another category */
	CHECK(put(1, 40, "B", "*   one again") == AW_OK);
	CHECK(aw_store_count(&st) == 3);
	CHECK(item_is(0, 1, 40, "B", "*   one again"));
	CHECK(item_is(1, 2, 20, "A", "*   two"));
	CHECK(item_is(2, 3, 30, "", "*   three"));
	CHECK(aw_store_get(&st, 3) == NULL);
	ident(3, id);
	CHECK(aw_store_find(&st, id) == 2);
	ident(9, id);
	CHECK(aw_store_find(&st, id) == -1);

	/* item capacity */
	aw_store_init(&st);
	for (k = 0; k < AW_STORE_ITEMS_MAX && ok; k++)
		ok = put(k, (int64_t)k, "c", "m") == AW_OK;
	CHECK(ok && aw_store_count(&st) == AW_STORE_ITEMS_MAX);
	CHECK(put(AW_STORE_ITEMS_MAX + 5ul, 1, "c", "m") == AW_ERR_FULL);
	CHECK(put(5, 99, "d", "n") == AW_OK && item_is(5, 5, 99, "d", "n"));
	CHECK(aw_store_count(&st) == AW_STORE_ITEMS_MAX);

	/* arena capacity: exact fit accepted, one byte more refused */
	aw_store_init(&st);
	{
		static char big[65536];
		size_t left;
		memset(big, 'x', sizeof big);
		for (k = 0; r == AW_OK && AW_STORE_ARENA_MAX - aw_store_arena_used(&st) > sizeof big; k++) {
			ident(k, id);
			r = aw_store_put(&st, id, 0, "", 0, big, sizeof big);
		}
		left = AW_STORE_ARENA_MAX - aw_store_arena_used(&st);
		ident(k + 1, id);
		CHECK(r == AW_OK && aw_store_put(&st, id, 0, "c", 1, big, left) == AW_ERR_FULL);
		CHECK(aw_store_put(&st, id, 0, "c", 1, big, left - 1) == AW_OK);
		CHECK(aw_store_arena_used(&st) == AW_STORE_ARENA_MAX);
		ident(k + 2, id);
		CHECK(aw_store_put(&st, id, 0, "", 0, "", 0) == AW_OK);
		CHECK(aw_store_put(&st, id, 0, "", 0, "y", 1) == AW_ERR_FULL);
	}
}

/* structured fields: identifier copied, first link and description found
 * in the markdown */
static void test_fields(void)
{
	static const struct {
		const char *md, *title, *url, *desc;
	} cases[] = {
		{"*   [footloose (\xe2\xad\x90""1.6k)](https://github.com/weaveworks/footloose) - Containers"
		 " that look like VMs.\n", "footloose (\xe2\xad\x90""1.6k)",
		 "https://github.com/weaveworks/footloose", "Containers that look like VMs."},
		{"- ![img](https://i/x.png) [a \\] b](<https://x/y z>) \xe2\x80\x94 d", "a \\] b",
		 "https://x/y z", "d"},
		{"| [T](https://t \"title\") | x |\n", "T", "https://t", " | x |"},
		{"*   `[not](a link)` and [ok](u): rest", "ok", "u", "rest"},
		{"*   no link here", NULL, NULL, NULL},
		{"*   [only](u)", "only", "u", NULL},
	};
	size_t i;
	uint8_t id[20];
	aw_store_fields f, g;

	aw_store_init(&st);
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		memset(&f, 0, sizeof f);
		f.category = "C";
		f.category_len = 1;
		f.markdown = cases[i].md;
		f.markdown_len = strlen(cases[i].md);
		f.ident = "[x](y)";
		f.ident_len = 6;
		ident(1000 + i, id);
		CHECK(aw_store_put_fields(&st, id, (int64_t)i, &f) == AW_OK);
		aw_store_fields_of(&st, aw_store_get(&st, i), &g);
		CHECK(g.markdown_len == f.markdown_len && !memcmp(g.markdown, f.markdown, f.markdown_len));
		CHECK(g.category_len == 1 && g.category[0] == 'C');
		CHECK((g.have & AW_STORE_HAVE_IDENT) == (AW_STORE_IDENTS ? AW_STORE_HAVE_IDENT : 0u));
		CHECK(!AW_STORE_IDENTS || (g.ident_len == 6 && !memcmp(g.ident, "[x](y)", 6)));
		if (!cases[i].title) {
			CHECK(!(g.have & (AW_STORE_HAVE_TITLE | AW_STORE_HAVE_URL | AW_STORE_HAVE_DESC)) &&
			      g.title_len == 0 && g.url_len == 0 && g.description_len == 0);
			continue;
		}
		CHECK(g.title_len == strlen(cases[i].title) &&
		      !memcmp(g.title, cases[i].title, g.title_len));
		CHECK(g.url_len == strlen(cases[i].url) && !memcmp(g.url, cases[i].url, g.url_len));
		if (cases[i].desc)
			CHECK((g.have & AW_STORE_HAVE_DESC) &&
			      g.description_len == strlen(cases[i].desc) &&
			      !memcmp(g.description, cases[i].desc, g.description_len));
		else
			CHECK(!(g.have & AW_STORE_HAVE_DESC) && g.description_len == 0);
	}
	/* the old call keeps no identifier */
	ident(2000, id);
	CHECK(aw_store_put(&st, id, 0, "", 0, "[a](b)", 6) == AW_OK);
	aw_store_fields_of(&st, aw_store_get(&st, aw_store_count(&st) - 1), &g);
	CHECK(!(g.have & AW_STORE_HAVE_IDENT) && g.ident_len == 0 && g.title_len == 1);
}

int main(void)
{
	test_datemap();
	test_store();
	test_fields();
	return aw_test_report("store");
}
