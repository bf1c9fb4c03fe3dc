/*
 * test_md.c - unit tests of the streaming markdown parser (aw_md.c,
 * aw_md_block.c, aw_md_items.c, aw_md_ser.c).
 *
 * Expected items come from the npm reference (tests/oracle/items.mjs on the
 * very packages trackawesomelist uses): the small fixtures below and the
 * real-list snapshots in tests/data/md (*.items.jsonl) were generated with it,
 * never from aw_md's own output. Also: split invariance (1-byte chunks and
 * many split points), guard bytes around the context and at buffer limits,
 * and hostile input (long lines, deep nesting, NUL, bad UTF-8, CR / CRLF,
 * BOM, too many definitions).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aw_md.h"
#include "aw_sha1.h"
#include "aw_test.h"

/* the context between guard bytes */
static struct {
	unsigned char pre[256];
	aw_md_ctx c;
	unsigned char post[256];
} g;

static void guards_set(void)
{
	memset(g.pre, 0xa5, sizeof g.pre);
	memset(g.post, 0x5a, sizeof g.post);
}

static int guards_ok(void)
{
	size_t i;
	for (i = 0; i < sizeof g.pre; i++)
		if (g.pre[i] != 0xa5 || g.post[i] != 0x5a)
			return 0;
	return 1;
}

/* items printed like awparse / items.mjs (JSON.stringify escaping) */
static char *out;
static size_t out_len, out_cap;
static unsigned item_flags;
static const char *item_limit; /* the capacity named by the last flagged item */
static unsigned long nitems;
static int skip_md; /* print "markdown":"" (compare render=0 with render=1) */
static unsigned long sha1_bad; /* items whose AW_MD_F_SHA1 digest is wrong */

static void put(const char *s, size_t n)
{
	if (out_len + n + 1 > out_cap) {
		out_cap = (out_len + n + 1) * 2;
		out = realloc(out, out_cap);
		if (!out)
			exit(2);
	}
	memcpy(out + out_len, s, n);
	out_len += n;
	out[out_len] = 0;
}

static void puts_(const char *s)
{
	put(s, strlen(s));
}

static void jstr(const char *s, size_t n)
{
	size_t i;
	put("\"", 1);
	for (i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];
		char b[8];
		switch (ch) {
		case '"': puts_("\\\""); break;
		case '\\': puts_("\\\\"); break;
		case '\n': puts_("\\n"); break;
		case '\r': puts_("\\r"); break;
		case '\t': puts_("\\t"); break;
		case '\b': puts_("\\b"); break;
		case '\f': puts_("\\f"); break;
		default:
			if (ch < 0x20) {
				snprintf(b, sizeof b, "\\u%04x", ch);
				puts_(b);
			} else {
				put((const char *)&s[i], 1);
			}
		}
	}
	put("\"", 1);
}

static int item_fn(void *user, const aw_md_item *it)
{
	char b[32];
	(void)user;
	puts_("{\"identifier\":");
	jstr(it->ident, it->ident_len);
	puts_(",\"category\":");
	jstr(it->category, it->category_len);
	puts_(",\"markdown\":");
	jstr(it->md, skip_md ? 0 : it->md_len);
	snprintf(b, sizeof b, ",\"line\":%lu}\n", (unsigned long)it->end_line);
	puts_(b);
	item_flags |= it->flags;
	if (it->flags & AW_MD_F_TRUNC)
		item_limit = it->limit;
	nitems++;
	if (it->flags & AW_MD_F_SHA1) {
		uint8_t d[20];
		aw_sha1(it->ident, it->ident_len, d);
		if (memcmp(d, it->sha1, 20))
			sha1_bad++;
	}
	return 0;
}

static int abort_fn(void *user, const aw_md_item *it)
{
	(void)user;
	(void)it;
	return 1;
}

/* one pass over doc in chunks of `chunk` bytes (0 = split once at `split`) */
static int pass(int which, const char *doc, size_t len, size_t chunk, size_t split)
{
	size_t i;
	int r = aw_md_begin(&g.c, which);
	if (r)
		return r;
	if (chunk) {
		for (i = 0; i < len && !r; i += chunk)
			r = aw_md_feed(&g.c, doc + i, len - i < chunk ? len - i : chunk);
	} else {
		r = aw_md_feed(&g.c, doc, split);
		if (!r)
			r = aw_md_feed(&g.c, doc + split, len - split);
	}
	if (!r)
		r = aw_md_end(&g.c);
	return r;
}

static void parse_opts(const char *a, aw_md_opts *o)
{
	aw_md_opts_default(o);
	while (*a) {
		const char *v;
		while (*a == ' ')
			a++;
		v = strchr(a, ' ');
		v = v ? v + 1 : a + strlen(a);
		if (!strncmp(a, "--type table", 12))
			o->type = AW_MD_TABLE;
		else if (!strncmp(a, "--type heading", 14))
			o->type = AW_MD_HEADING;
		else if (!strncmp(a, "--max-heading-level", 19))
			o->max_heading_level = atoi(v);
		else if (!strncmp(a, "--min-heading-level", 19))
			o->min_heading_level = atoi(v);
		else if (!strncmp(a, "--heading-level", 15))
			o->heading_level = atoi(v);
		else if (!strncmp(a, "--no-category", 13))
			o->parse_category = 0;
		a = strchr(a, ' ');
		if (!a)
			break;
		a++;
		if (*a && *a != '-') { /* skip the value */
			a = strchr(a, ' ');
			if (!a)
				break;
		}
	}
}

/* both passes; output in `out` */
/* Empty output, a context filled with garbage first (aw_md_init must set up
 * everything it needs), then initialised. */
static int fresh(const aw_md_opts *o, const aw_inl_env *env, int render)
{
	out_len = 0;
	if (out)
		out[0] = 0;
	item_flags = 0;
	item_limit = NULL;
	nitems = 0;
	memset(&g.c, 0x5c, sizeof g.c);
	return aw_md_init(&g.c, o, env, render, item_fn, NULL);
}

static int run(const aw_md_opts *o, const aw_inl_env *env, int render, const char *doc,
	       size_t len, size_t chunk, size_t split)
{
	int r = fresh(o, env, render);
	if (!r)
		r = pass(AW_MD_PASS_SCAN, doc, len, chunk, split);
	if (!r)
		r = pass(AW_MD_PASS_ITEMS, doc, len, chunk, split);
	return r;
}

/* One pass (aw_md_begin_single); *ok: whether it verified. */
static int run_single_hint(const aw_md_opts *o, const aw_inl_env *env, int render,
			   const char *doc, size_t len, int hint, int *ok)
{
	int r = fresh(o, env, render);
	if (!r)
		r = aw_md_begin_single(&g.c, hint);
	if (!r)
		r = aw_md_feed(&g.c, doc, len);
	if (!r)
		r = aw_md_end(&g.c);
	*ok = aw_md_reuse_ok(&g.c);
	return r;
}

static int run_single(const aw_md_opts *o, const aw_inl_env *env, int render, const char *doc,
		      size_t len, int *ok)
{
	return run_single_hint(o, env, render, doc, len, aw_md_guess_deepest(doc, len), ok);
}

static char *dup_out(void)
{
	char *s = malloc(out_len + 1);
	if (!s)
		exit(2);
	memcpy(s, out ? out : "", out_len + 1);
	return s;
}

/* ---- fixtures: input and the npm reference's items ---- */

static int n_single_ok;

static const struct fixture {
	const char *name, *args, *in, *expect;
} fixtures[] = {
	/* a deeper heading after the first items changes their categories
	   (min level 4): one pass cannot know it in time */
	{ "late_deeper_heading", "",
	  "## A\n"
	  "\n"
	  "### B\n"
	  "\n"
	  "- [x](https://x.example)\n"
	  "\n"
	  "#### C\n"
	  "\n"
	  "- [y](https://y.example)\n"
	  "",
	  "{\"identifier\":\"[x](https://x.example)\",\"category\":\"B\",\"markdown\":\"*   [x](https://x.example)\",\"line\":5}\n"
	  "{\"identifier\":\"[y](https://y.example)\",\"category\":\"B / C\",\"markdown\":\"*   [y](https://y.example)\",\"line\":9}\n"
	  "" },
	/* TOC rule with references defined after the list: the scan pass
	   cannot decide it when it reaches the list (AW_MD_STREAM holds such
	   a list whole) */
	{ "toc_late_definitions", "",
	  "## Contents\n"
	  "\n"
	  "- [A][a]\n"
	  "- [B][b]\n"
	  "\n"
	  "## Section\n"
	  "\n"
	  "- [Item](https://x.example)\n"
	  "\n"
	  "[a]: #section\n"
	  "[b]: #section\n"
	  "",
	  "{\"identifier\":\"[Item](https://x.example)\",\"category\":\"Section\",\"markdown\":\"*   [Item](https://x.example)\",\"line\":8}\n"
	  "" },
	{ "late_definitions_kept", "",
	  "## Contents\n"
	  "\n"
	  "- [A][a]\n"
	  "- [B][b]\n"
	  "\n"
	  "## Section\n"
	  "\n"
	  "- [Item](https://x.example) and [c]\n"
	  "\n"
	  "[a]: https://a.example\n"
	  "[b]: https://b.example\n"
	  "",
	  "{\"identifier\":\"[A](https://a.example)\",\"category\":\"Contents\",\"markdown\":\"*   [A](https://a.example)\",\"line\":3}\n"
	  "{\"identifier\":\"[B](https://b.example)\",\"category\":\"Contents\",\"markdown\":\"*   [B](https://b.example)\",\"line\":4}\n"
	  "{\"identifier\":\"[Item](https://x.example)\",\"category\":\"Section\",\"markdown\":\"*   [Item](https://x.example) and \\\\[c]\",\"line\":8}\n"
	  "" },
	{ "nested_spread", "",
	  "## A\n"
	  "\n"
	  "- a\n"
	  "  - b\n"
	  "\n"
	  "  - c\n"
	  "\n"
	  "- d\n"
	  "",
	  "{\"identifier\":\"*   a\\n    *   b\\n\\n    *   c\",\"category\":\"A\",\"markdown\":\"*   a\\n    *   b\\n\\n    *   c\",\"line\":6}\n"
	  "{\"identifier\":\"*   d\",\"category\":\"A\",\"markdown\":\"*   d\",\"line\":8}\n"
	  "" },
	{ "indented_code_in_item", "",
	  "## A\n"
	  "\n"
	  "- a\n"
	  "\n"
	  "      code here\n"
	  "\n"
	  "- b\n"
	  "",
	  "{\"identifier\":\"*   a\\n\\n        code here\",\"category\":\"A\",\"markdown\":\"*   a\\n\\n        code here\",\"line\":5}\n"
	  "{\"identifier\":\"*   b\",\"category\":\"A\",\"markdown\":\"*   b\",\"line\":7}\n"
	  "" },
	{ "ordered_nested", "",
	  "## A\n"
	  "\n"
	  "1. one\n"
	  "2. two\n"
	  "   1. nested\n"
	  "   2. nested two\n"
	  "10. ten\n"
	  "",
	  "{\"identifier\":\"*   one\",\"category\":\"A\",\"markdown\":\"*   one\",\"line\":3}\n"
	  "{\"identifier\":\"*   two\\n    1.  nested\\n    2.  nested two\",\"category\":\"A\",\"markdown\":\"*   two\\n    1.  nested\\n    2.  nested two\",\"line\":6}\n"
	  "{\"identifier\":\"*   ten\",\"category\":\"A\",\"markdown\":\"*   ten\",\"line\":7}\n"
	  "" },
	{ "quote_in_item", "",
	  "## A\n"
	  "\n"
	  "- a\n"
	  "  > quote\n"
	  "  > more\n"
	  "- b\n"
	  "\n"
	  "  para two\n"
	  "",
	  "{\"identifier\":\"*   a\\n    > quote\\n    > more\",\"category\":\"A\",\"markdown\":\"*   a\\n    > quote\\n    > more\",\"line\":5}\n"
	  "{\"identifier\":\"*   b\\n\\n    para two\",\"category\":\"A\",\"markdown\":\"*   b\\n\\n    para two\",\"line\":8}\n"
	  "" },
	{ "fenced_in_item", "",
	  "## A\n"
	  "\n"
	  "- a\n"
	  "  ```js\n"
	  "  code\n"
	  "  ```\n"
	  "- b\n"
	  "  ```\n"
	  "  x\n"
	  "\n"
	  "  ```\n"
	  "",
	  "{\"identifier\":\"*   a\\n    ```js\\n    code\\n    ```\",\"category\":\"A\",\"markdown\":\"*   a\\n    ```js\\n    code\\n    ```\",\"line\":6}\n"
	  "{\"identifier\":\"*   b\\n    ```\\n    x\\n\\n    ```\",\"category\":\"A\",\"markdown\":\"*   b\\n    ```\\n    x\\n\\n    ```\",\"line\":11}\n"
	  "" },
	{ "task_items", "",
	  "## A\n"
	  "\n"
	  "- [ ] task one\n"
	  "- [x] task two\n"
	  "- plain\n"
	  "",
	  "{\"identifier\":\"*   [ ] task one\",\"category\":\"A\",\"markdown\":\"*   [ ] task one\",\"line\":3}\n"
	  "{\"identifier\":\"*   [x] task two\",\"category\":\"A\",\"markdown\":\"*   [x] task two\",\"line\":4}\n"
	  "{\"identifier\":\"*   plain\",\"category\":\"A\",\"markdown\":\"*   plain\",\"line\":5}\n"
	  "" },
	{ "adjacent_lists", "",
	  "## A\n"
	  "\n"
	  "- a\n"
	  "  - b\n"
	  "  + c\n"
	  "- d\n"
	  "",
	  "{\"identifier\":\"*   a\\n    *   b\\n\\n    <!---->\\n\\n    *   c\",\"category\":\"A\",\"markdown\":\"*   a\\n    *   b\\n\\n    <!---->\\n\\n    *   c\",\"line\":5}\n"
	  "{\"identifier\":\"*   d\",\"category\":\"A\",\"markdown\":\"*   d\",\"line\":6}\n"
	  "" },
	{ "html_in_item", "",
	  "## A\n"
	  "\n"
	  "- a\n"
	  "\n"
	  "  <div>\n"
	  "  html\n"
	  "  </div>\n"
	  "- b\n"
	  "",
	  "{\"identifier\":\"*   a\\n\\n    <div>\\n    html\\n    </div>\",\"category\":\"A\",\"markdown\":\"*   a\\n\\n    <div>\\n    html\\n    </div>\",\"line\":7}\n"
	  "{\"identifier\":\"*   b\",\"category\":\"A\",\"markdown\":\"*   b\",\"line\":8}\n"
	  "" },
	{ "categories_stale_sub", "",
	  "## A\n"
	  "### B\n"
	  "\n"
	  "- x\n"
	  "\n"
	  "## C\n"
	  "\n"
	  "- y\n"
	  "#### D\n"
	  "- z\n"
	  "",
	  "{\"identifier\":\"*   x\",\"category\":\"B\",\"markdown\":\"*   x\",\"line\":4}\n"
	  "{\"identifier\":\"*   y\",\"category\":\"C\",\"markdown\":\"*   y\",\"line\":8}\n"
	  "{\"identifier\":\"*   z\",\"category\":\"C / D\",\"markdown\":\"*   z\",\"line\":10}\n"
	  "" },
	{ "gate_lazy_tab", "",
	  "# T\n"
	  "\n"
	  "- skipped\n"
	  "\n"
	  "## A\n"
	  "- a\n"
	  "\tb\n"
	  "- c\n"
	  "\n"
	  "\n"
	  "  d\n"
	  "",
	  "{\"identifier\":\"*   a\\n    b\",\"category\":\"A\",\"markdown\":\"*   a\\n    b\",\"line\":7}\n"
	  "{\"identifier\":\"*   c\\n\\n    d\",\"category\":\"A\",\"markdown\":\"*   c\\n\\n    d\",\"line\":11}\n"
	  "" },
	{ "thematic_dash_marker", "",
	  "## A\n"
	  "\n"
	  "- a\n"
	  "  ***\n"
	  "- b\n"
	  "\n"
	  "  ## head\n"
	  "- c\n"
	  "",
	  "{\"identifier\":\"*   a\\n    ***\",\"category\":\"A\",\"markdown\":\"*   a\\n    ***\",\"line\":4}\n"
	  "{\"identifier\":\"*   b\\n\\n    ## head\",\"category\":\"A\",\"markdown\":\"*   b\\n\\n    ## head\",\"line\":7}\n"
	  "{\"identifier\":\"*   c\",\"category\":\"A\",\"markdown\":\"*   c\",\"line\":8}\n"
	  "" },
	{ "setext_headings", "",
	  "Title\n"
	  "=====\n"
	  "\n"
	  "Sub\n"
	  "---\n"
	  "\n"
	  "- a\n"
	  "\n"
	  "A\n"
	  "--\n"
	  "\n"
	  "- b\n"
	  "",
	  "{\"identifier\":\"*   a\",\"category\":\"Sub\",\"markdown\":\"*   a\",\"line\":7}\n"
	  "{\"identifier\":\"*   b\",\"category\":\"A\",\"markdown\":\"*   b\",\"line\":12}\n"
	  "" },
	{ "definition_in_item", "",
	  "## A\n"
	  "\n"
	  "- a\n"
	  "\n"
	  "  [ref]: http://x.com\n"
	  "\n"
	  "  b\n"
	  "- c\n"
	  "",
	  "{\"identifier\":\"*   a\\n\\n    b\",\"category\":\"A\",\"markdown\":\"*   a\\n\\n    b\",\"line\":7}\n"
	  "{\"identifier\":\"*   c\",\"category\":\"A\",\"markdown\":\"*   c\",\"line\":8}\n"
	  "" },
	{ "forward_reference", "",
	  "## A\n"
	  "\n"
	  "- [x][later] text\n"
	  "- [y]\n"
	  "\n"
	  "[later]: https://later.example.com \"T\"\n"
	  "[y]: https://y.example.com\n"
	  "",
	  "{\"identifier\":\"[x](https://later.example.com \\\"T\\\")\",\"category\":\"A\",\"markdown\":\"*   [x](https://later.example.com \\\"T\\\") text\",\"line\":3}\n"
	  "{\"identifier\":\"[y](https://y.example.com)\",\"category\":\"A\",\"markdown\":\"*   [y](https://y.example.com)\",\"line\":4}\n"
	  "" },
	{ "toc_rule", "",
	  "## Contents\n"
	  "\n"
	  "- [A](#a)\n"
	  "- [B](#b)\n"
	  "\n"
	  "## A\n"
	  "\n"
	  "- [x](https://x.com)\n"
	  "- [y](#y)\n"
	  "\n"
	  "## B\n"
	  "\n"
	  "- [z](https://z.com)\n"
	  "",
	  "{\"identifier\":\"[z](https://z.com)\",\"category\":\"B\",\"markdown\":\"*   [z](https://z.com)\",\"line\":13}\n"
	  "" },
	{ "closed_by_container", "",
	  "## A\n"
	  "\n"
	  "- a\n"
	  "  1. x\n"
	  "\n"
	  "  - z\n"
	  "- b\n"
	  "  - x\n"
	  "\n"
	  "  > y\n"
	  "- c\n"
	  "  - x\n"
	  "  - y\n"
	  "\n"
	  "- d\n"
	  "",
	  "{\"identifier\":\"*   a\\n    1.  x\\n    *   z\",\"category\":\"A\",\"markdown\":\"*   a\\n    1.  x\\n    *   z\",\"line\":6}\n"
	  "{\"identifier\":\"*   b\\n    *   x\\n    > y\",\"category\":\"A\",\"markdown\":\"*   b\\n    *   x\\n    > y\",\"line\":10}\n"
	  "{\"identifier\":\"*   c\\n    *   x\\n    *   y\",\"category\":\"A\",\"markdown\":\"*   c\\n    *   x\\n    *   y\",\"line\":13}\n"
	  "{\"identifier\":\"*   d\",\"category\":\"A\",\"markdown\":\"*   d\",\"line\":15}\n"
	  "" },
	{ "list_in_quote_ignored", "",
	  "## A\n"
	  "\n"
	  "> - q\n"
	  "\n"
	  "- r\n"
	  "\n"
	  "| a | b |\n"
	  "|---|---|\n"
	  "| 1 | 2 |\n"
	  "",
	  "{\"identifier\":\"*   r\",\"category\":\"A\",\"markdown\":\"*   r\",\"line\":5}\n"
	  "" },
	{ "table_mode", "--type table",
	  "# T\n"
	  "\n"
	  "## Cat\n"
	  "\n"
	  "| Name | Desc | More |\n"
	  "|---|:-:|---|\n"
	  "| [n1](https://n1.com) | d1 | |\n"
	  "| plain | d2 | x | extra |\n"
	  "\n"
	  "### Sub\n"
	  "\n"
	  "intro\n"
	  "| H |\n"
	  "|---|\n"
	  "| only |\n"
	  "",
	  "{\"identifier\":\"[n1](https://n1.com)\",\"category\":\"Cat\",\"markdown\":\"- Name: [n1](https://n1.com)\\n\\n  Desc: d1\\n\\n  More: \\n\\n\",\"line\":7}\n"
	  "{\"identifier\":\"| plain | d2 | x | extra |\",\"category\":\"Cat\",\"markdown\":\"- Name: plain\\n\\n  Desc: d2\\n\\n  More: x\\n\\n  : extra\\n\\n\",\"line\":8}\n"
	  "{\"identifier\":\"| only |\",\"category\":\"Cat / Sub\",\"markdown\":\"- H: only\\n\\n\",\"line\":15}\n"
	  "" },
	{ "heading_mode", "--type heading --max-heading-level 2",
	  "# T\n"
	  "\n"
	  "## Cat\n"
	  "\n"
	  "text\n"
	  "\n"
	  "### Item one\n"
	  "\n"
	  "[link](https://one.com) desc\n"
	  "\n"
	  "- a\n"
	  "- b\n"
	  "\n"
	  "### Item two\n"
	  "\n"
	  "no link here\n"
	  "\n"
	  "---\n"
	  "\n"
	  "## Cat two\n"
	  "\n"
	  "### Item three\n"
	  "\n"
	  "```\n"
	  "code\n"
	  "```\n"
	  "\n"
	  "#### deeper\n"
	  "\n"
	  "para\n"
	  "",
	  "{\"identifier\":\"text\",\"category\":\"Cat\",\"markdown\":\"text\",\"line\":5}\n"
	  "{\"identifier\":\"[link](https://one.com)\",\"category\":\"Item one\",\"markdown\":\"### Item one\\n\\n[link](https://one.com) desc\\n\\n*   a\\n*   b\",\"line\":12}\n"
	  "{\"identifier\":\"### Item two\\n\\nno link here\",\"category\":\"Cat two\",\"markdown\":\"### Item two\\n\\nno link here\",\"line\":16}\n"
	  "{\"identifier\":\"### Item three\\n\\n    code\\n\\n#### deeper\\n\\npara\",\"category\":\"Item three\",\"markdown\":\"### Item three\\n\\n    code\\n\\n#### deeper\\n\\npara\",\"line\":30}\n"
	  "" },
	{ "heading_mode_no_gate", "--type heading",
	  "## A\n"
	  "\n"
	  "### B\n"
	  "\n"
	  "text\n"
	  "",
	  "" },
	{ "no_category", "--no-category",
	  "## A\n"
	  "\n"
	  "- [a](https://a.com)\n"
	  "",
	  "{\"identifier\":\"[a](https://a.com)\",\"category\":\"\",\"markdown\":\"*   [a](https://a.com)\",\"line\":3}\n"
	  "" },
	{ "levels", "--max-heading-level 3 --min-heading-level 4",
	  "## X\n"
	  "\n"
	  "- skipped\n"
	  "\n"
	  "### A\n"
	  "\n"
	  "- a\n"
	  "\n"
	  "#### B\n"
	  "\n"
	  "- b\n"
	  "\n"
	  "### C\n"
	  "\n"
	  "- c\n"
	  "",
	  "{\"identifier\":\"*   a\",\"category\":\"A\",\"markdown\":\"*   a\",\"line\":7}\n"
	  "{\"identifier\":\"*   b\",\"category\":\"A / B\",\"markdown\":\"*   b\",\"line\":11}\n"
	  "{\"identifier\":\"*   c\",\"category\":\"C / B\",\"markdown\":\"*   c\",\"line\":15}\n"
	  "" },
	{ "empty_items", "",
	  "## A\n"
	  "\n"
	  "- \n"
	  "- b\n"
	  "-\n"
	  "\n"
	  "  c\n"
	  "",
	  "{\"identifier\":\"*\",\"category\":\"A\",\"markdown\":\"*\",\"line\":3}\n"
	  "{\"identifier\":\"*   b\",\"category\":\"A\",\"markdown\":\"*   b\",\"line\":4}\n"
	  "{\"identifier\":\"*\",\"category\":\"A\",\"markdown\":\"*\",\"line\":5}\n"
	  "" },
	{ "ws_blank_lines", "",
	  "## A\n"
	  "\n"
	  "- a\n"
	  "  - x\n"
	  "  \n"
	  "  b\n"
	  "- c\n"
	  "  - x\n"
	  "\n"
	  "  \n"
	  "  d\n"
	  "- e\n"
	  "  - x\n"
	  "  \n"
	  "\n"
	  "  f\n"
	  "",
	  "{\"identifier\":\"*   a\\n    *   x\\n    b\",\"category\":\"A\",\"markdown\":\"*   a\\n    *   x\\n    b\",\"line\":6}\n"
	  "{\"identifier\":\"*   c\\n    *   x\\n    d\",\"category\":\"A\",\"markdown\":\"*   c\\n    *   x\\n    d\",\"line\":11}\n"
	  "{\"identifier\":\"*   e\\n\\n    *   x\\n\\n    f\",\"category\":\"A\",\"markdown\":\"*   e\\n\\n    *   x\\n\\n    f\",\"line\":16}\n"
	  "" },
	{ "fence_end_lines", "",
	  "## A\n"
	  "\n"
	  "- ```\n"
	  "  x\n"
	  "- b\n"
	  "  ```\n"
	  "  y\n"
	  "\n"
	  "para\n"
	  "\n"
	  "- c\n"
	  "  ```\n"
	  "",
	  "{\"identifier\":\"*       x\",\"category\":\"A\",\"markdown\":\"*       x\",\"line\":5}\n"
	  "{\"identifier\":\"*   b\\n        y\",\"category\":\"A\",\"markdown\":\"*   b\\n        y\",\"line\":8}\n"
	  "{\"identifier\":\"*   c\\n    ```\\n    ```\",\"category\":\"A\",\"markdown\":\"*   c\\n    ```\\n    ```\",\"line\":13}\n"
	  "" },
	{ "interrupt_after_code", "",
	  "## A\n"
	  "\n"
	  "    code\n"
	  "2. two\n"
	  "-\n"
	  "\n"
	  "- [a](https://a.com)\n"
	  "",
	  "{\"identifier\":\"[a](https://a.com)\",\"category\":\"2\\\\. two\",\"markdown\":\"*   [a](https://a.com)\",\"line\":7}\n"
	  "" },
	{ "heading_table_no_body", "--type heading --max-heading-level 2",
	  "## A\n"
	  "\n"
	  "### B\n"
	  "\n"
	  "| a | b |\n"
	  "|---|:-:|\n"
	  "\n"
	  "| c | longer |\n"
	  "|:-|-:|\n"
	  "| 1 | 2 |\n"
	  "\n"
	  "### C\n"
	  "\n"
	  "x\n"
	  "",
	  "{\"identifier\":\"### B\\n\\n| a |  b  |\\n| - | :-: |\\n\\n| c  | longer |\\n| :- | -----: |\\n| 1  |      2 |\",\"category\":\"A / B\",\"markdown\":\"### B\\n\\n| a |  b  |\\n| - | :-: |\\n\\n| c  | longer |\\n| :- | -----: |\\n| 1  |      2 |\",\"line\":10}\n"
	  "{\"identifier\":\"### C\\n\\nx\",\"category\":\"A / C\",\"markdown\":\"### C\\n\\nx\",\"line\":14}\n"
	  "" },
	{ "lazy_closing_tag", "",
	  "1. one\n"
	  "</pre>\n"
	  "[d]: <https://d.com> \"title\"\n"
	  "## H2\n"
	  "- [a](https://a.com)\n"
	  "- ```\n"
	  "  x\n"
	  "\n"
	  "\n"
	  "para\n"
	  "",
	  "{\"identifier\":\"[a](https://a.com)\",\"category\":\"H2\",\"markdown\":\"*   [a](https://a.com)\",\"line\":5}\n"
	  "{\"identifier\":\"*   ```\\n    x\\n\\n    ```\",\"category\":\"H2\",\"markdown\":\"*   ```\\n    x\\n\\n    ```\",\"line\":9}\n"
	  "" },
	{ "ws_line_item_end", "",
	  "## A\n"
	  "- a\n"
	  "  - x\n"
	  "  \n"
	  "***\n"
	  "- b\n"
	  "  - y\n"
	  "\n"
	  "  \n"
	  "  z\n"
	  "",
	  "{\"identifier\":\"*   a\\n    *   x\",\"category\":\"A\",\"markdown\":\"*   a\\n    *   x\",\"line\":4}\n"
	  "{\"identifier\":\"*   b\\n    *   y\\n    z\",\"category\":\"A\",\"markdown\":\"*   b\\n    *   y\\n    z\",\"line\":10}\n"
	  "" },
	{ "html_at_eof", "--type heading --max-heading-level 2",
	  "## A\n"
	  "\n"
	  "### B\n"
	  "\n"
	  "<pre>\n"
	  "x\n"
	  "",
	  "{\"identifier\":\"### B\\n\\n<pre>\\nx\",\"category\":\"A / B\",\"markdown\":\"### B\\n\\n<pre>\\nx\",\"line\":7}\n"
	  "" },
	{ "lazy_html_setext_item", "",
	  "## A\n"
	  "- a\n"
	  "  > bq3\n"
	  "</pre>\n"
	  "- b\n"
	  "  line one\n"
	  "  line two\n"
	  "  ===\n"
	  "- c\n"
	  "<!-- x -->\n"
	  "",
	  "{\"identifier\":\"*   a\\n    > bq3\\n    >\\n    > </pre>\",\"category\":\"A\",\"markdown\":\"*   a\\n    > bq3\\n    >\\n    > </pre>\",\"line\":4}\n"
	  "{\"identifier\":\"*   b\\n    line one\\n    line two\\n    ========\",\"category\":\"A\",\"markdown\":\"*   b\\n    line one\\n    line two\\n    ========\",\"line\":8}\n"
	  "{\"identifier\":\"*   c\",\"category\":\"A\",\"markdown\":\"*   c\",\"line\":9}\n"
	  "" },
	{ "crlf", "",
	  "## A\r\n"
	  "\r\n"
	  "- [a](https://a.com)  \r\n"
	  "  desc\r\n"
	  "- b\r\n"
	  "",
	  "{\"identifier\":\"[a](https://a.com)\",\"category\":\"A\",\"markdown\":\"*   [a](https://a.com)\\\\\\n    desc\",\"line\":4}\n"
	  "{\"identifier\":\"*   b\",\"category\":\"A\",\"markdown\":\"*   b\",\"line\":5}\n"
	  "" },
	/* expected: tests/oracle/items.mjs on this input */
	{ "crlf inside items", "",
	  "## A\r\n"
	  "\r\n"
	  "- [a](https://e.com/a) - one\r\n"
	  "  two\r"
	  "- three\r\n"
	  "  `co\r\n"
	  "  de` *em\r"
	  "  ph*  \r\n"
	  "  hard\\\r\n"
	  "  back\r\n"
	  "\r\n"
	  "  ```\r\n"
	  "  x\r\n"
	  "  ```\r\n"
	  "- [b](https://e.com/b)\r"
	  "  > q\r"
	  "  lazy\r\n"
	  "",
	  "{\"identifier\":\"[a](https://e.com/a)\",\"category\":\"A\",\"markdown\":\"*   [a](https://e.com/a) - one\\r\\n    two\",\"line\":4}\n"
	  "{\"identifier\":\"*   three\\r\\n    `co\\r\\n    de` *em\\r    ph*\\\\\\n    hard\\\\\\n    back\\n\\n        x\",\"category\":\"A\",\"markdown\":\"*   three\\r\\n    `co\\r\\n    de` *em\\r    ph*\\\\\\n    hard\\\\\\n    back\\n\\n        x\",\"line\":14}\n"
	  "{\"identifier\":\"[b](https://e.com/b)\",\"category\":\"A\",\"markdown\":\"*   [b](https://e.com/b)\\n    > q\\r    > lazy\",\"line\":17}\n"
	  "" },
};

/* the expected lines with "markdown":"..." emptied */
static char *strip_md(const char *exp)
{
	char *r = malloc(strlen(exp) + 1), *o = r;
	const char *p = exp;
	if (!r)
		exit(2);
	while (*p) {
		const char *m = strstr(p, ",\"markdown\":\"");
		if (!m) {
			strcpy(o, p);
			return r;
		}
		m += 13;
		memcpy(o, p, (size_t)(m - p));
		o += m - p;
		p = m;
		while (*p && !(*p == '"' && p[-1] != '\\'))
			p++;
		/* an escaped backslash before the quote: walk pairs */
		{
			const char *q = m;
			while (*q) {
				if (*q == '\\' && q[1]) {
					q += 2;
					continue;
				}
				if (*q == '"')
					break;
				q++;
			}
			p = q;
		}
	}
	*o = 0;
	return r;
}

static void test_fixtures(void)
{
	size_t i;
	for (i = 0; i < sizeof fixtures / sizeof fixtures[0]; i++) {
		const struct fixture *f = &fixtures[i];
		aw_md_opts o;
		size_t len = strlen(f->in), k;
		char *whole;
		int r;
		parse_opts(f->args, &o);
		r = run(&o, NULL, 1, f->in, len, 65536, 0);
		CHECKM(r == AW_OK, "%s: error %d", f->name, r);
		CHECKM(!strcmp(out ? out : "", f->expect), "%s:\n--- got\n%s--- expected\n%s", f->name,
		      out ? out : "", f->expect);
		whole = dup_out();
		/* split invariance: 1-byte chunks and every split point */
		r = run(&o, NULL, 1, f->in, len, 1, 0);
		CHECKM(r == AW_OK && !strcmp(out, whole), "%s: 1-byte chunks differ", f->name);
		for (k = 0; k <= len; k++) {
			r = run(&o, NULL, 1, f->in, len, 0, k);
			if (r != AW_OK || strcmp(out, whole)) {
				CHECKM(0, "%s: split at %lu differs", f->name, (unsigned long)k);
				break;
			}
		}
		CHECKM(k > len, "%s: all split points", f->name);
		/* render=0 in a fresh context: same identifiers, categories and
		   lines as the reference, markdown empty */
		{
			char *e = strip_md(f->expect);
			skip_md = 1;
			r = run(&o, NULL, 0, f->in, len, 65536, 0);
			skip_md = 0;
			CHECKM(r == AW_OK && !strcmp(out, e), "%s: render=0:\n%s---\n%s", f->name, out, e);
			free(e);
		}
		free(whole);
		skip_md = 1;
		r = run(&o, NULL, 1, f->in, len, 65536, 0);
		whole = dup_out();
		skip_md = 0;
		r = run(&o, NULL, 0, f->in, len, 65536, 0);
		CHECKM(r == AW_OK && !strcmp(out, whole), "%s: render=0 differs:\n%s---\n%s", f->name,
		      out, whole);
		free(whole);
		/* one pass: when it verifies, exactly the reference's items;
		   documents whose definitions come after their use must not */
		{
			int ok = 0, late = !strncmp(f->name, "toc_late", 8) ||
					   !strncmp(f->name, "late_definitions", 16);
			r = run_single(&o, NULL, 1, f->in, len, &ok);
			if (ok) {
				n_single_ok++;
				CHECKM(r == AW_OK && !strcmp(out, f->expect),
				      "%s: single pass verified but differs:\n%s---\n%s", f->name, out,
				      f->expect);
			}
			CHECKM(!late || !ok, "%s: single pass must not verify", f->name);
			if (!strcmp(f->name, "late_deeper_heading")) {
				/* verifies thanks to the hint, not without it */
				CHECKM(ok, "%s: single pass with the hint", f->name);
				r = run_single_hint(&o, NULL, 1, f->in, len, 0, &ok);
				CHECKM(!ok, "%s: single pass without a hint must not verify", f->name);
			}
		}
	}
	CHECKM((size_t)n_single_ok * 2 > sizeof fixtures / sizeof fixtures[0], "single pass verified %d",
	      n_single_ok);
}

/* ---- real-list snapshots in tests/data/md ---- */

static char *stars_tsv;

static int stars_fn(void *user, const char *owner, size_t ol, const char *repo, size_t rl,
		    const char **text, size_t *tl)
{
	const char *l = stars_tsv;
	(void)user;
	while (l && *l) {
		const char *nl = strchr(l, '\n'), *tab = strchr(l, '\t');
		if (!nl)
			nl = l + strlen(l);
		if (tab && tab < nl && (size_t)(tab - l) == ol + 1 + rl && !memcmp(l, owner, ol) &&
		    l[ol] == '/' && !memcmp(l + ol + 1, repo, rl)) {
			*text = tab + 1;
			*tl = (size_t)(nl - tab - 1);
			return 1;
		}
		l = *nl ? nl + 1 : nl;
	}
	return 0;
}

static void test_snapshot(const char *md, const char *jsonl, const char *args,
			  const aw_inl_env *env)
{
	size_t len, elen, k;
	char *doc = aw_test_slurp(md, &len), *exp = aw_test_slurp(jsonl, &elen), *whole;
	aw_md_opts o;
	int r;

	CHECKM(doc && exp, "missing %s or %s (run from the repository root)", md, jsonl);
	if (!doc || !exp) {
		free(doc);
		free(exp);
		return;
	}
	parse_opts(args, &o);
	r = run(&o, env, 1, doc, len, 65536, 0);
	CHECKM(r == AW_OK, "%s: error %d", md, r);
	CHECKM(out_len == elen && !memcmp(out, exp, elen), "%s: items differ from %s", md, jsonl);
	if (out_len != elen || memcmp(out, exp, elen)) {
		size_t i = 0;
		while (i < out_len && i < elen && out[i] == exp[i])
			i++;
		printf("  first difference at byte %lu: got \"%.80s\" expected \"%.80s\"\n",
		       (unsigned long)i, out + i, exp + i);
	}
	whole = dup_out();
	{
		/* real lists: one pass verifies and gives the same items */
		int ok = 0;
		r = run_single(&o, env, 1, doc, len, &ok);
		CHECKM(r == AW_OK && ok && !strcmp(out, whole), "%s: single pass (ok %d)", md, ok);
	}
	r = run(&o, env, 1, doc, len, 1, 0);
	CHECKM(r == AW_OK && !strcmp(out, whole), "%s: 1-byte chunks differ", md);
	for (k = 1; k < len; k += len / 97 + 1) {
		r = run(&o, env, 1, doc, len, 0, k);
		if (r != AW_OK || strcmp(out, whole))
			break;
	}
	CHECKM(k >= len, "%s: split at %lu differs", md, (unsigned long)k);
	for (k = 2; k < 600; k = k * 3 + 1) {
		r = run(&o, env, 1, doc, len, k, 0);
		CHECKM(r == AW_OK && !strcmp(out, whole), "%s: %lu-byte chunks differ", md,
		      (unsigned long)k);
	}
	free(whole);
	free(doc);
	free(exp);
}

static void test_snapshots(void)
{
	aw_inl_env env;
	size_t n;

	test_snapshot("tests/data/md/linux-containers.md",
		      "tests/data/md/linux-containers.items.jsonl", "", NULL);
	test_snapshot("tests/data/md/awesome-ci.md", "tests/data/md/awesome-ci.items.jsonl",
		      "--type table --no-category", NULL);
	aw_inl_env_init(&env, "https://github.com/sindresorhus/quick-look-plugins", "main",
			"readme.md");
	test_snapshot("tests/data/md/quick-look-plugins.md",
		      "tests/data/md/quick-look-plugins.items.jsonl",
		      "--type heading --max-heading-level 2 --min-heading-level 2 --heading-level 3",
		      &env);
	stars_tsv = aw_test_slurp("tests/data/md/linux-containers.stars.tsv", &n);
	CHECKM(stars_tsv != NULL, "missing tests/data/md/linux-containers.stars.tsv");
	aw_inl_env_init(&env, "https://github.com/Friz-zy/awesome-linux-containers", "master",
			"README.md");
	env.stars = stars_fn;
	test_snapshot("tests/data/md/linux-containers.md",
		      "tests/data/md/linux-containers.rewrite.items.jsonl", "", &env);
	free(stars_tsv);
	stars_tsv = NULL;
}

/* ---- document pass (overview page) ---- */

static aw_sink doc_sink;
static int sink_fn(void *user, const char *s, size_t n)
{
	(void)user;
	put(s, n);
	return 0;
}

static void test_document(void)
{
	size_t len, elen, i;
	char *doc = aw_test_slurp("tests/data/md/awesome-ci.md", &len);
	char *exp = aw_test_slurp("tests/data/md/awesome-ci.document.md", &elen);
	int r;

	CHECKM(doc && exp, "missing tests/data/md/awesome-ci.md / .document.md");
	if (!doc || !exp) {
		free(doc);
		free(exp);
		return;
	}
	/* expected: mdast-util-to-markdown of the whole tree (no rewriting) */
	for (i = 0; i < 2; i++) {
		out_len = 0;
		r = aw_md_init(&g.c, NULL, NULL, 1, item_fn, NULL);
		if (!r)
			r = pass(AW_MD_PASS_SCAN, doc, len, 65536, 0);
		aw_sink_init(&doc_sink, sink_fn, NULL);
		if (!r)
			r = aw_md_begin_document(&g.c, &doc_sink);
		if (!r)
			r = aw_md_feed(&g.c, doc, len);
		if (!r && i == 1)
			r = aw_md_feed(&g.c, "", 0);
		if (!r)
			r = aw_md_end(&g.c);
		CHECKM(r == AW_OK && out_len == elen && !memcmp(out, exp, elen),
		      "document pass differs (%d, %lu vs %lu bytes)", r, (unsigned long)out_len,
		      (unsigned long)elen);
	}
	CHECKM(aw_md_begin_document(&g.c, NULL) == AW_ERR_ARG, "document without sink");
	free(doc);
	free(exp);

	/* a paragraph over AW_INL_TEXT_MAX is cut to what fits, counted and
	   named; the blocks after it are whole (issue 7 item 4) */
	{
		static const char tail[] = "\n\n- [a](https://e.com/a)\n";
		static const char want[] = "\n\n*   [a](https://e.com/a)\n";
		size_t n = AW_INL_TEXT_MAX + 1000, k;
		const char *lim = "x";
		char *big = malloc(n + 64);
		CHECK(big != NULL);
		if (!big)
			return;
		memcpy(big, "# A\n\n", 5);
		for (k = 5; k < n; k++)
			big[k] = 'x';
		memcpy(big + n, tail, sizeof tail - 1);
		len = n + sizeof tail - 1;
		out_len = 0;
		r = aw_md_init(&g.c, NULL, NULL, 1, item_fn, NULL);
		if (!r)
			r = pass(AW_MD_PASS_SCAN, big, len, 65536, 0);
		aw_sink_init(&doc_sink, sink_fn, NULL);
		if (!r)
			r = aw_md_begin_document(&g.c, &doc_sink);
		if (!r)
			r = aw_md_feed(&g.c, big, len);
		if (!r)
			r = aw_md_end(&g.c);
		CHECKM(r == AW_OK, "document with a long paragraph: %d", r);
		CHECKM(aw_md_doc_cut(&g.c, &lim) == 1 && lim && !strcmp(lim, "AW_INL_TEXT_MAX"),
		       "document cut: %lu, %s", aw_md_doc_cut(&g.c, NULL), lim ? lim : "(null)");
		CHECKM(out_len > sizeof want && out_len < n &&
		       !memcmp(out + out_len - (sizeof want - 1), want, sizeof want - 1),
		       "document after the cut block");
		r = pass(AW_MD_PASS_SCAN, big, len, 65536, 0);
		CHECKM(r == AW_OK && aw_md_doc_cut(&g.c, NULL) == 0, "doc_cut after another pass");
		free(big);
	}
}

/* ---- API behaviour ---- */

static void test_guess_deepest(void)
{
	static const struct { const char *s; int d; } gd[] = {
		{ "", 0 }, { "# a\n", 1 }, { "x\n  ### b\n", 3 }, { "    #### code\n", 0 },
		{ "####### seven\n", 0 }, { "#tag\n", 0 }, { "text #\n", 0 }, { "##\n", 2 },
		{ "a\n## b", 2 }, { "a\r\n##### b\r\n", 5 }, { "- [x](#y)\n## z\n", 2 },
		{ "###### six\n# one\n", 6 }, { "x ## y\n", 0 },
	};
	size_t i;
	for (i = 0; i < sizeof gd / sizeof gd[0]; i++)
		CHECKM(aw_md_guess_deepest(gd[i].s, strlen(gd[i].s)) == gd[i].d, "guess_deepest(%s)",
		      gd[i].s);
}

static void test_api(void)
{
	aw_md_opts o;
	const char *doc = "## A\n\n- [x][later]\n\n[later]: https://later.example.com\n";
	int r;

	aw_md_opts_default(&o);
	CHECKM(o.type == AW_MD_LIST && o.parse_category == 1 && o.max_heading_level == 0,
	      "defaults");
	o.type = 7;
	CHECKM(aw_md_init(&g.c, &o, NULL, 1, item_fn, NULL) == AW_ERR_ARG, "bad type");
	aw_md_opts_default(&o);
	o.max_heading_level = 9;
	CHECKM(aw_md_init(&g.c, &o, NULL, 1, item_fn, NULL) == AW_ERR_ARG, "bad level");
	CHECKM(aw_md_init(&g.c, NULL, NULL, 1, item_fn, NULL) == AW_OK, "init NULL opts");
	CHECKM(aw_md_feed(&g.c, "x", 1) == AW_ERR_STATE, "feed before begin");
	CHECKM(aw_md_begin(&g.c, 3) == AW_ERR_ARG, "bad pass");

	/* pass 2 without pass 1: a forward reference stays literal text */
	out_len = 0;
	aw_md_init(&g.c, NULL, NULL, 1, item_fn, NULL);
	r = pass(AW_MD_PASS_ITEMS, doc, strlen(doc), 4096, 0);
	CHECKM(r == AW_OK && strstr(out, "\"identifier\":\"*   \\\\[x]\\\\[later]\""),
	      "no pass 1: %s", out);
	/* with pass 1 it resolves */
	r = run(NULL, NULL, 1, doc, strlen(doc), 4096, 0);
	CHECKM(r == AW_OK && strstr(out, "\"identifier\":\"[x](https://later.example.com)\""),
	      "pass 1: %s", out);
	/* a pass 1 result serves repeated pass 2 runs */
	out_len = 0;
	r = pass(AW_MD_PASS_ITEMS, doc, strlen(doc), 4096, 0);
	CHECKM(r == AW_OK && strstr(out, "[x](https://later.example.com)"), "pass 2 again");

	/* callback abort */
	aw_md_init(&g.c, NULL, NULL, 1, abort_fn, NULL);
	r = pass(AW_MD_PASS_ITEMS, "## A\n- a\n- b\n", 12, 4096, 0);
	CHECKM(r == 1, "abort: the callback's own code comes back: %d", r);
	/* errors are sticky until the next begin */
	CHECKM(aw_md_feed(&g.c, "x", 1) == AW_ERR_STATE || aw_md_feed(&g.c, "x", 1) == 1,
	      "sticky");

	/* strikethrough in a list-mode category heading: the reference drops the file */
	r = run(NULL, NULL, 1, "## A ~~b~~\n\n- x\n", 17, 4096, 0);
	CHECKM(r == AW_ERR_SYNTAX, "strike in category: %d", r);
	aw_md_opts_default(&o);
	o.type = AW_MD_HEADING;
	o.max_heading_level = 2;
	r = run(&o, NULL, 1, "## A ~~b~~\n\n### c\n\nx\n", 22, 4096, 0);
	CHECKM(r == AW_OK, "strike in heading mode is fine: %d", r);

	/* item lines */
	r = run(NULL, NULL, 1, "## A\n\n- a\n  b\n\n- c\n\n\n", 21, 4096, 0);
	CHECKM(r == AW_OK && nitems == 2 && strstr(out, "\"line\":4}") && strstr(out, "\"line\":6}"),
	      "end lines: %s", out);
}

/* ---- hostile input and limits ---- */

static char *big;

/* CR and NUL near the 64 KiB look-ahead windows of aw_md_feed: a large
 * document fed whole must give what 1000-byte chunks give. */
static void test_big_windows(void)
{
	size_t cap = 300000, len = 0, i;
	char *doc = malloc(cap), *whole;
	aw_md_opts o;
	unsigned k = 0;
	int r;

	if (!doc)
		exit(2);
	len += (size_t)sprintf(doc, "## Big\n\n");
	while (len + 100 < cap) {
		len += (size_t)sprintf(doc + len, "- [i%u](https://e.example/%u) - text %u\n", k, k, k);
		k++;
	}
	for (i = 100003; i + 3 < len; i += 100003) {
		doc[i - 1] = '\r';  /* CRs and a NUL: windows restart there, */
		doc[i] = 0;          /* and end in the middle of lines */
		doc[i + 2] = '\r';
	}
	aw_md_opts_default(&o);
	r = run(&o, NULL, 1, doc, len, len, 0);
	CHECKM(r == AW_OK && nitems > 1000, "big document: %d, %lu items", r, (unsigned long)nitems);
	whole = dup_out();
	r = run(&o, NULL, 1, doc, len, 1000, 0);
	CHECKM(r == AW_OK && !strcmp(out, whole), "big document: chunks differ from whole");
	free(whole);
	free(doc);
}

static void test_hostile(void)
{
	size_t i, n;
	int r;
	const char *a = "## A\n\n- [a](https://a.com) x\n- b\n";
	char *ref;

	big = malloc(AW_MD_TEXT_MAX + 65536u > 4u * 1024u * 1024u ?
		     AW_MD_TEXT_MAX + 65536u : 4u * 1024u * 1024u);
	if (!big)
		exit(2);

	/* line endings and BOM do not change items */
	r = run(NULL, NULL, 1, a, strlen(a), 4096, 0);
	ref = dup_out();
	r = run(NULL, NULL, 1, "\xef\xbb\xbf## A\r\n\r\n- [a](https://a.com) x\r\n- b\r\n", 40, 1, 0);
	CHECKM(r == AW_OK && !strcmp(out, ref), "BOM + CRLF: %s", out);
	r = run(NULL, NULL, 1, "## A\r\r- [a](https://a.com) x\r- b\r", 32, 3, 0);
	CHECKM(r == AW_OK && !strcmp(out, ref), "CR: %s", out);
	free(ref);

	/* NUL becomes U+FFFD; invalid UTF-8 passes through */
	r = run(NULL, NULL, 1, "## A\n\n- a\0b\n- \xff\xfe c\n", 20, 4096, 0);
	CHECKM(r == AW_OK && nitems == 2 && strstr(out, "a\xef\xbf\xbd" "b") &&
	      strstr(out, "\xff\xfe c"), "NUL / bad UTF-8: %s", out);

	/* a line of exactly AW_MD_LINE_MAX bytes fits, one more is an error */
	n = 0;
	memcpy(big, "## A\n\n- ", 8);
	n = 8;
	for (i = 0; i < AW_MD_LINE_MAX - 2; i++)
		big[n++] = 'a';
	big[n++] = '\n';
	guards_set();
	r = run(NULL, NULL, 1, big, n, 65536, 0);
	CHECKM(r == AW_OK && nitems == 1, "line of AW_MD_LINE_MAX: %d", r);
	CHECKM(item_flags & AW_MD_F_TRUNC, "that item overflows the item buffers: flagged");
	CHECKM(guards_ok(), "guards after the long line");
	big[n - 1] = 'a';
	big[n++] = '\n';
	r = run(NULL, NULL, 1, big, n, 65536, 0);
	CHECKM(r == AW_OK && nitems == 1 && (item_flags & AW_MD_F_TRUNC),
	      "line of AW_MD_LINE_MAX + 1 arriving in pieces: cut, its item flagged: %d", r);
	CHECKM(guards_ok(), "guards after the too long line");
	/* a long line outside every item (a base64 image in the introduction)
	   fails nothing: whole in one buffer it is parsed in place, in pieces
	   it is cut; the items after it are whole and unflagged */
	{
		size_t k;
		static const size_t chunks[] = { 1u << 30, 65536, 4096 };
		memcpy(big, "# T\n\n<img src=\"data:image/png;base64,", 37);
		n = 37;
		for (i = 0; i < 3 * (size_t)AW_MD_LINE_MAX; i++)
			big[n++] = (char)('A' + i % 26);
		memcpy(big + n, "\">\n\n## A\n\n- [a](https://a.com) x\n- [b](https://b.com) y\n", 56);
		n += 56;
		for (k = 0; k < 3; k++) {
			r = run(NULL, NULL, 1, big, n, chunks[k] > n ? n : chunks[k], 0);
			CHECKM(r == AW_OK && nitems == 2 && !(item_flags & AW_MD_F_TRUNC),
			      "long line outside items, chunk %lu: %d, %lu items, flags %u",
			      (unsigned long)chunks[k], r, nitems, item_flags);
		}
		CHECKM(guards_ok(), "guards after the long introduction line");
	}

	/* item markdown just below / at / above AW_MD_ITEM_MAX: "*   [a](b)" +
	   k sub-items "\n    *   " + t */
	{
		size_t base = 10, per = 9, k = 4;
		size_t t;
		int v;
		for (v = -1; v <= 1; v++) {
			size_t want = AW_MD_ITEM_MAX + (size_t)(long)v, tl;
			/* total = base + k * (per + tl) (+ remainder in the first text) */
			tl = (want - base) / k - per;
			n = 0;
			memcpy(big, "## A\n\n- [a](b)\n", 15);
			n = 15;
			for (i = 0; i < k; i++) {
				size_t extra = i == 0 ? (want - base) - k * (per + tl) : 0;
				memcpy(big + n, "  - ", 4);
				n += 4;
				for (t = 0; t < tl + extra; t++)
					big[n++] = 'b';
				big[n++] = '\n';
			}
			guards_set();
			r = run(NULL, NULL, 1, big, n, 65536, 0);
			if (v <= 0)
				CHECKM(r == AW_OK && !(item_flags & AW_MD_F_TRUNC) &&
				      out_len > want, "item md of %lu bytes fits (%d, flags %u)",
				      (unsigned long)want, r, item_flags);
			else
				CHECKM(r == AW_OK && (item_flags & AW_MD_F_TRUNC),
				      "item md of %lu bytes is flagged (%d)", (unsigned long)want, r);
			CHECKM(guards_ok(), "guards around item md %lu", (unsigned long)want);
		}
	}

	/* 10k-deep nesting: no error, no crash; the containers past
	   AW_MD_DEPTH_MAX are text, the item holding them is flagged */
	n = 0;
	memcpy(big, "## A\n\n", 6);
	n = 6;
	for (i = 0; i < 10000; i++) {
		big[n++] = '>';
		big[n++] = ' ';
	}
	big[n++] = 'x';
	big[n++] = '\n';
	guards_set();
	r = run(NULL, NULL, 1, big, n, 65536, 0);
	CHECKM(r == AW_OK && nitems == 0, "10k block quotes: %d, %lu items", r, nitems);
	n = 6;
	for (i = 0; i < 10000; i++) {
		size_t j;
		for (j = 0; j < 2 * i && n < 3000000; j++)
			big[n++] = ' ';
		memcpy(big + n, "- x\n", 4);
		n += 4;
		if (n > 3000000)
			break;
	}
	r = run(NULL, NULL, 1, big, n, 65536, 0);
	CHECKM(r == AW_OK && nitems >= 1 && (item_flags & AW_MD_F_TRUNC) && item_limit &&
	       !strcmp(item_limit, "AW_MD_DEPTH_MAX"), "deeply nested lists: %d, %lu items, %s", r,
	       nitems, item_limit ? item_limit : "(no limit)");
	CHECKM(guards_ok(), "guards after deep nesting");

	/* a top-level block larger than AW_MD_TEXT_MAX */
	n = 6;
	while (n < AW_MD_TEXT_MAX + 4096) {
		memcpy(big + n, "- [item](https://example.com/aaaaaaaaaaaaaaaaaaaa) text text\n", 62);
		n += 62;
	}
	r = run(NULL, NULL, 1, big, n, 65536, 0);
	CHECKM(r == AW_ERR_TOOBIG, "list over AW_MD_TEXT_MAX: %d", r);
	CHECKM(guards_ok(), "guards after the big list");

	/* more definitions than the table holds */
	n = 0;
	for (i = 0; i <= AW_MD_DEFS_MAX; i++)
		n += (size_t)sprintf(big + n, "[d%lu]: https://d.example.com/%lu\n\n",
				     (unsigned long)i, (unsigned long)i);
	r = run(NULL, NULL, 1, big, n, 65536, 0);
	CHECKM(r == AW_ERR_FULL, "AW_MD_DEFS_MAX + 1 definitions: %d", r);
	CHECKM(guards_ok(), "guards after the definitions");

	free(big);
}

/* ---- item cache and scan reuse (replays) ---- */

static aw_md_cache kc;

/* One version the way awtrack's replay does it: an items pass reusing the
 * previous scan when the context holds one (its items kept only when it
 * verifies), else scan + items. Returns the error; *reused says which. */
static int replay_version(const aw_md_opts *o, int fresh, const char *doc, size_t len,
			  int *reused)
{
	int r;
	*reused = 0;
	if (fresh) {
		memset(&g.c, 0x5c, sizeof g.c);
		r = aw_md_init(&g.c, o, NULL, 0, item_fn, NULL);
		if (r)
			return r;
		aw_md_set_cache(&g.c, &kc);
	} else {
		out_len = 0;
		if (out)
			out[0] = 0;
		item_flags = 0;
		nitems = 0;
		r = aw_md_begin_reuse(&g.c);
		if (r == AW_OK) {
			r = aw_md_feed(&g.c, doc, len);
			if (!r)
				r = aw_md_end(&g.c);
			if (!r && aw_md_reuse_ok(&g.c)) {
				*reused = 1;
				return AW_OK;
			}
		}
	}
	out_len = 0;
	if (out)
		out[0] = 0;
	item_flags = 0;
	nitems = 0;
	r = pass(AW_MD_PASS_SCAN, doc, len, 65536, 0);
	if (!r)
		r = pass(AW_MD_PASS_ITEMS, doc, len, 65536, 0);
	return r;
}

static void test_cache(void)
{
	size_t i;
	int r, reused;
	unsigned long hits;
	aw_md_opts o;

	/* every fixture, one cache for all (keys and seeds must keep them
	   apart): cold, then warm in a fresh context, then as the next
	   version of itself (reuse must verify), then as the next version of
	   the previous fixture; always the reference's items */
	aw_md_cache_init(&kc);
	sha1_bad = 0;
	for (i = 0; i < sizeof fixtures / sizeof fixtures[0]; i++) {
		const struct fixture *f = &fixtures[i], *pf = i ? &fixtures[i - 1] : NULL;
		size_t len = strlen(f->in);
		char *e = strip_md(f->expect);
		aw_md_opts po;
		skip_md = 1;
		parse_opts(f->args, &o);
		r = replay_version(&o, 1, f->in, len, &reused);
		CHECKM(r == AW_OK && !strcmp(out, e), "%s: cached cold:\n%s---\n%s", f->name, out, e);
		CHECKM(!nitems || (item_flags & AW_MD_F_SHA1) || o.type != AW_MD_LIST,
		      "%s: list items carry their SHA-1", f->name);
		hits = kc.hits;
		r = replay_version(&o, 1, f->in, len, &reused);
		CHECKM(r == AW_OK && !strcmp(out, e), "%s: cached warm:\n%s---\n%s", f->name, out, e);
		CHECKM(o.type != AW_MD_LIST || !nitems || kc.hits > hits, "%s: warm run hits",
		      f->name);
		r = replay_version(&o, 0, f->in, len, &reused);
		CHECKM(r == AW_OK && reused && !strcmp(out, e), "%s: reuse of its own scan (%d, %d)",
		      f->name, r, reused);
		if (pf) {
			parse_opts(pf->args, &po);
			if (!memcmp(&po, &o, sizeof o)) {
				r = replay_version(&o, 1, pf->in, strlen(pf->in), &reused);
				r = replay_version(&o, 0, f->in, len, &reused);
				CHECKM(r == AW_OK && !strcmp(out, e), "%s after %s (reused %d):\n%s---\n%s",
				      f->name, pf->name, reused, out, e);
			}
		}
		skip_md = 0;
		free(e);
	}
	CHECKM(sha1_bad == 0, "AW_MD_F_SHA1 digests: %lu wrong", sha1_bad);

	/* a definition changes under unchanged items: identifiers follow it,
	   the reuse pass notices (expected: tests/oracle/items.mjs on v2..v4) */
	{
		static const char v1[] = "## A\n\n- [x][later] text\n- [y]\n\n"
					 "[later]: https://later.example.com \"T\"\n"
					 "[y]: https://y.example.com\n";
		static const char v2[] = "## A\n\n- [x][later] text\n- [y]\n\n"
					 "[later]: https://moved.example.com \"T\"\n"
					 "[y]: https://y.example.com\n";
		static const char v3[] = "## A\n\n- [x][later] text\n- [y]\n\n"
					 "[y]: https://y.example.com\n"
					 "[later]: https://moved.example.com \"T\"\n";
		static const char e2[] =
			"{\"identifier\":\"[x](https://moved.example.com \\\"T\\\")\",\"category\":\"A\",\"markdown\":\"\",\"line\":3}\n"
			"{\"identifier\":\"[y](https://y.example.com)\",\"category\":\"A\",\"markdown\":\"\",\"line\":4}\n";
		static const char e4[] =
			"{\"identifier\":\"*   \\\\[x]\\\\[later] text\",\"category\":\"A\",\"markdown\":\"\",\"line\":3}\n"
			"{\"identifier\":\"[y](https://y.example.com)\",\"category\":\"A\",\"markdown\":\"\",\"line\":4}\n";
		static const char v4[] = "## A\n\n- [x][later] text\n- [y]\n\n"
					 "[y]: https://y.example.com\n";
		static const char v5[] = "## A\n\n- [x][later] text\n- [y]\n\n#### Deep\n\n"
					 "[y]: https://y.example.com\n";
		aw_md_opts_default(&o);
		skip_md = 1;
		r = replay_version(&o, 1, v1, sizeof v1 - 1, &reused);
		CHECKM(r == AW_OK, "definitions v1: %d", r);
		r = replay_version(&o, 0, v2, sizeof v2 - 1, &reused);
		CHECKM(r == AW_OK && !reused && !strcmp(out, e2), "changed definition (reused %d):\n%s",
		      reused, out);
		r = replay_version(&o, 0, v2, sizeof v2 - 1, &reused);
		CHECKM(r == AW_OK && reused && !strcmp(out, e2), "same definitions reused (%d):\n%s",
		      reused, out);
		r = replay_version(&o, 0, v3, sizeof v3 - 1, &reused);
		CHECKM(r == AW_OK && !reused && !strcmp(out, e2), "reordered definitions (%d):\n%s",
		      reused, out);
		r = replay_version(&o, 0, v4, sizeof v4 - 1, &reused);
		CHECKM(r == AW_OK && !reused && !strcmp(out, e4), "removed definition (%d):\n%s",
		      reused, out);
		/* a deeper heading changes the default min_heading_level */
		r = replay_version(&o, 0, v5, sizeof v5 - 1, &reused);
		CHECKM(r == AW_OK && !reused, "deeper heading: no reuse (%d, %d)", r, reused);
		r = replay_version(&o, 0, v4, sizeof v4 - 1, &reused);
		CHECKM(r == AW_OK && !reused && !strcmp(out, e4), "back to v4 (%d):\n%s", reused, out);
		skip_md = 0;
	}

	/* reuse needs a scan result; render=1 contexts bypass the cache */
	memset(&g.c, 0x5c, sizeof g.c);
	aw_md_init(&g.c, NULL, NULL, 0, item_fn, NULL);
	CHECKM(aw_md_begin_reuse(&g.c) == AW_ERR_STATE, "reuse without a scan");
	aw_md_init(&g.c, NULL, NULL, 1, item_fn, NULL);
	aw_md_set_cache(&g.c, &kc);
	hits = kc.bypass;
	item_flags = 0;
	r = pass(AW_MD_PASS_SCAN, "## A\n\n- a\n", 10, 65536, 0);
	if (!r)
		r = pass(AW_MD_PASS_ITEMS, "## A\n\n- a\n", 10, 65536, 0);
	CHECKM(r == AW_OK && kc.bypass == hits + 1 && !(item_flags & AW_MD_F_SHA1),
	      "render=1 bypasses the cache");
	CHECKM(guards_ok(), "guards after the cache tests");
}

/* A real list: reference items through the cache, then edited versions
 * (an item dropped, an item changed, two items swapped): the cached
 * replay must print what a fresh context prints for each. */
static void test_cache_snapshot(void)
{
	size_t len, elen, a, b, c2;
	char *doc = aw_test_slurp("tests/data/md/linux-containers.md", &len);
	char *exp = aw_test_slurp("tests/data/md/linux-containers.items.jsonl", &elen), *e, *ver, *fresh;
	aw_md_opts o;
	int r, reused, v;

	CHECKM(doc && exp, "missing tests/data/md/linux-containers.*");
	if (!doc || !exp) {
		free(doc);
		free(exp);
		return;
	}
	e = strip_md(exp);
	aw_md_opts_default(&o);
	aw_md_cache_init(&kc);
	skip_md = 1;
	r = replay_version(&o, 1, doc, len, &reused);
	CHECKM(r == AW_OK && !strcmp(out, e), "linux-containers: cached cold differs");
	r = replay_version(&o, 0, doc, len, &reused);
	CHECKM(r == AW_OK && reused && !strcmp(out, e), "linux-containers: reuse differs");
	CHECKM(kc.hits >= nitems && nitems > 100, "linux-containers: warm hits (%lu of %lu)",
	      kc.hits, nitems);
	/* three "* [" lines near the middle */
	a = len / 2;
	while (a < len && !(doc[a] == '\n' && !strncmp(doc + a + 1, "* [", 3)))
		a++;
	b = a + 1;
	while (b < len && !(doc[b] == '\n' && !strncmp(doc + b + 1, "* [", 3)))
		b++;
	c2 = b + 1;
	while (c2 < len && !(doc[c2] == '\n' && !strncmp(doc + c2 + 1, "* [", 3)))
		c2++;
	CHECKM(c2 < len, "linux-containers: found three items");
	ver = malloc(len + 16);
	if (!ver || c2 >= len) {
		free(ver);
		free(e);
		free(doc);
		free(exp);
		skip_md = 0;
		return;
	}
	for (v = 0; v < 3; v++) {
		size_t n = 0;
		if (v == 0) { /* drop the item at a */
			memcpy(ver, doc, a + 1);
			memcpy(ver + a + 1, doc + b + 1, len - b - 1);
			n = len - (b - a);
		} else if (v == 1) { /* change a byte of it */
			memcpy(ver, doc, len);
			ver[a + 4] = ver[a + 4] == 'x' ? 'y' : 'x';
			n = len;
		} else { /* swap the items at a and b */
			memcpy(ver, doc, a + 1);
			memcpy(ver + a + 1, doc + b + 1, c2 - b);
			memcpy(ver + a + 1 + (c2 - b), doc + a + 1, b - a);
			memcpy(ver + c2 + 1, doc + c2 + 1, len - c2 - 1);
			n = len;
		}
		r = run(&o, NULL, 0, ver, n, 65536, 0);
		CHECKM(r == AW_OK, "version %d: fresh %d", v, r);
		fresh = dup_out();
		/* replay: v1 after the original, then each edit in turn */
		r = replay_version(&o, 1, doc, len, &reused);
		r = replay_version(&o, 0, ver, n, &reused);
		CHECKM(r == AW_OK && reused && !strcmp(out, fresh), "version %d: cached replay differs",
		      v);
		free(fresh);
	}
	skip_md = 0;
	free(ver);
	free(e);
	free(doc);
	free(exp);
}

int main(void)
{
	guards_set();
	test_fixtures();
	test_snapshots();
	test_document();
	test_api();
	test_guess_deepest();
	test_big_windows();
	test_hostile();
	test_cache();
	test_cache_snapshot();
	CHECKM(guards_ok(), "guard bytes around the context");
	free(out);
	return aw_test_report("test_md");
}
