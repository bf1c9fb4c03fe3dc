/*
 * aw_md.c - streaming block parser and item extraction (docs/spec.md 2-5, 8.4).
 *
 * Lines are assembled from arbitrary chunks and run through a cmark-style
 * block parser (open container stack, lazy continuation, CommonMark 0.30
 * start / interrupt rules, GFM tables and task items), adjusted where
 * micromark 3 (what the reference uses) differs: where container exits
 * land relative to blank lines (list / item "spread", item end lines),
 * end lines of unclosed fenced code and HTML, interruption after indented
 * code, lone tags on lazy lines. The tree of the current top-level block
 * lives in a fixed node pool; when that block closes it is handed to the
 * mode logic (list / table / heading / whole document), its items are
 * serialized (block layout of mdast-util-to-markdown 1.5.0, inline content
 * through aw_inl_render) and reported, and the pool is reset. Leaf text
 * keeps each line's own end (LF, CR or CRLF) as the reference's values do.
 * Quotes and lists nested deeper than AW_MD_DEPTH_MAX are not opened (their
 * markers stay text) and the items holding them are flagged, not failed.
 *
 * Replays (render=0, many versions): an optional caller-owned item cache
 * maps a hash of an item's block subtree (under the document's definitions)
 * to its identifier, link counts and SHA-1, so unchanged items skip the
 * inline parser; an items pass may reuse the previous version's scan facts
 * and verifies them as it goes (aw_md_begin_reuse). Whole lines are parsed
 * in place in the fed buffer.
 *
 * Deliberately not here: inline parsing and escaping (aw_inline.c), the
 * duplicate-identity rule (the caller; SHA-1 is computed here only for
 * cached items). Known gaps: GFM footnote
 * definitions are not containers (they parse as paragraphs); reference
 * labels are case-folded for ASCII only; definition URLs decode only
 * backslash escapes and &amp; &lt; &gt; &quot;; the "empty first item two
 * lists deep" bullet rule of the serializer is not reproduced.
 */
#include <string.h>

#include "aw_md.h"
#include "aw_sha1.h"
#include "aw_utf8.h"

enum {
	N_NONE = 0, N_DOC, N_BQUOTE, N_LIST, N_ITEM, N_PARA, N_HEADING,
	N_TBREAK, N_CODE, N_HTML, N_TABLE, N_DEFS
};
enum { F_LIST = 1, F_ITEM, F_BQUOTE, F_CODEIND };
/* How a source line ended. The text of paragraphs, code and HTML keeps
 * each line's own end (LF, CR or CRLF; LF for the last line without one),
 * as the reference's mdast values do; table rows end in LF. */
enum { EOL_NONE = 0, EOL_LF, EOL_CR, EOL_CRLF };

#define NOTOP 0u
#define TABSTOP 4

static int is_container(int t)
{
	return t == N_DOC || t == N_BQUOTE || t == N_LIST || t == N_ITEM;
}

static int accepts_lines(int t)
{
	return t == N_PARA || t == N_CODE || t == N_HTML || t == N_TABLE;
}

static int can_contain(int parent, int child)
{
	if (parent == N_LIST)
		return child == N_ITEM;
	if (parent == N_DOC || parent == N_BQUOTE || parent == N_ITEM)
		return child != N_ITEM;
	return 0;
}

/* ------------------------------------------------------------------ */
/* small helpers */

static int set_err(aw_md_ctx *c, int e)
{
	if (!c->err)
		c->err = e;
	return c->err;
}

/* Records which capacity `name` was exceeded (needed `value`, limit `max`). */
static void note_cap(aw_md_ctx *c, const char *name, unsigned long value, unsigned long max)
{
	if (!c->err) {
		c->lim_name = name;
		c->lim_value = value;
		c->lim_max = max;
		c->lim_line = c->line_no ? c->line_no : 1;
	}
}

/* AW_ERR_TOOBIG for capacity `name`. */
static int set_cap(aw_md_ctx *c, const char *name, unsigned long value, unsigned long max)
{
	note_cap(c, name, value, max);
	return set_err(c, AW_ERR_TOOBIG);
}

/* Length of the line end at s[i] (CRLF 2, CR or LF 1), 0 if none. */
static size_t eol_at(const char *s, size_t i, size_t n)
{
	if (i >= n || (s[i] != '\n' && s[i] != '\r'))
		return 0;
	return s[i] == '\r' && i + 1 < n && s[i + 1] == '\n' ? 2 : 1;
}

/* len without the line end that closes s[0..len), if any. */
static size_t drop_eol(const char *s, size_t len)
{
	if (len && s[len - 1] == '\n')
		len--;
	else if (len && s[len - 1] == '\r')
		return len - 1;
	else
		return len;
	if (len && s[len - 1] == '\r')
		len--;
	return len;
}

static int is_ws_line(const char *s, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t')
			return 0;
	return 1;
}

/* ------------------------------------------------------------------ */
/* node pool */

static aw_md_node *N(aw_md_ctx *c, uint32_t i)
{
	return &c->nodes[i];
}

static void pool_reset(aw_md_ctx *c)
{
	memset(&c->nodes[0], 0, sizeof c->nodes[0]);
	c->nodes[0].type = N_DOC;
	c->nodes[0].open = 1;
	c->nnodes = 1;
	c->tip = 0;
	c->text_len = 0;
}

static int text_put(aw_md_ctx *c, const char *s, size_t n)
{
	if (n > (size_t)AW_MD_TEXT_MAX - c->text_len)
		return set_cap(c, "AW_MD_TEXT_MAX", (unsigned long)(c->text_len + n),
			       (unsigned long)AW_MD_TEXT_MAX);
	memcpy(c->text + c->text_len, s, n);
	c->text_len += (uint32_t)n;
	return AW_OK;
}

/* The current line's end into the text (see EOL_*). */
static int text_eol(aw_md_ctx *c)
{
	if (c->eol == EOL_CRLF)
		return text_put(c, "\r\n", 2);
	return text_put(c, c->eol == EOL_CR ? "\r" : "\n", 1);
}

static void process_top(aw_md_ctx *c, uint32_t n);
static void stream_item(aw_md_ctx *c, uint32_t n);
static void table_stream(aw_md_ctx *c, uint32_t n);

/* Close one node whose descendants are closed. */
static uint32_t finalize_one(aw_md_ctx *c, uint32_t n);

/* Close node n after its open descendants, deepest first; returns the
 * parent of n. */
static uint32_t finalize(aw_md_ctx *c, uint32_t n)
{
	for (;;) {
		uint32_t y = n;
		while (N(c, y)->last && N(c, N(c, y)->last)->open)
			y = N(c, y)->last;
		if (y == n || c->err)
			return finalize_one(c, n);
		finalize_one(c, y);
	}
}

/* Extent end for containers a leaf line closes: micromark keeps trailing
 * whitespace-only (not empty) lines inside them, up to the last one. */
static uint32_t ws_extent(aw_md_ctx *c)
{
	return c->last_ws_blank > c->last_nonblank ? c->last_ws_blank : 0;
}

/* Finalize every open descendant of x, deepest first (cmark closes the
 * unmatched chain; doing it before a sibling is added keeps one top-level
 * block in the pool at a time). */
static void close_below(aw_md_ctx *c, uint32_t x)
{
	while (!c->err && N(c, x)->last && N(c, N(c, x)->last)->open) {
		uint32_t y = N(c, x)->last;
		while (N(c, y)->last && N(c, N(c, y)->last)->open)
			y = N(c, y)->last;
		finalize_one(c, y);
	}
}

static uint32_t add_child(aw_md_ctx *c, uint32_t parent, int type)
{
	aw_md_node *p, *k;
	uint32_t i;

	/* micromark exits the containers a new container start closes at
	   that line, after any blank lines: they count inside them (spread) */
	c->by_container = is_container(type);
	c->ext_mark = ws_extent(c);
	if (type == N_BQUOTE || type == N_LIST) {
		/* ...unless the new container starts at the root, and not for a
		   new item of an open list (micromark's _closeFlow path) */
		uint32_t q = parent;
		while (q && !can_contain(N(c, q)->type, type))
			q = N(c, q)->parent;
		if (q)
			c->ext_mark = c->line_no;
	}
	for (;;) {
		close_below(c, parent);
		if (c->err || can_contain(N(c, parent)->type, type))
			break;
		parent = finalize(c, parent);
	}
	c->ext_mark = 0;
	c->by_container = 0;
	if (c->err)
		return 0;
	if (c->nnodes >= AW_MD_NODES_MAX) {
		set_cap(c, "AW_MD_NODES_MAX", (unsigned long)c->nnodes + 1, AW_MD_NODES_MAX);
		return 0;
	}
	if (is_container(type) && N(c, parent)->depth + 3u >= AW_MD_DEPTH_MAX) {
		set_cap(c, "AW_MD_DEPTH_MAX", (unsigned long)N(c, parent)->depth + 4u,
			AW_MD_DEPTH_MAX);
		return 0;
	}
	i = c->nnodes++;
	k = N(c, i);
	memset(k, 0, sizeof *k);
	k->type = (uint8_t)type;
	k->open = 1;
	k->parent = parent;
	k->depth = (uint8_t)(N(c, parent)->depth + 1u); /* (bounded: containers above) */
	k->start_line = k->end_line = c->line_no;
	k->text_off = c->text_len;
	k->checked = -1;
	p = N(c, parent);
	if (p->last)
		N(c, p->last)->next = i;
	else
		p->first = i;
	p->last = i;
	c->tip = i;
	return i;
}

/* ------------------------------------------------------------------ */
/* link reference definitions */

static uint32_t fold_hash(const char *s, size_t n)
{
	uint32_t h = 2166136261u;
	size_t i;
	for (i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

/* Normalize a label: ASCII case fold, collapse whitespace runs, trim. */
static size_t norm_label(const char *s, size_t n, char *out, size_t cap)
{
	size_t i, o = 0;
	int sp = 0;

	for (i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];
		if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r') {
			sp = 1;
			continue;
		}
		if (sp && o && o < cap)
			out[o++] = ' ';
		sp = 0;
		if (o < cap)
			out[o++] = (char)(AW_IS_UPPER(ch) ? ch + 32 : ch);
	}
	return o;
}

static int def_find(aw_md_ctx *c, const char *lab, size_t n)
{
	uint32_t h = fold_hash(lab, n), i;
	for (i = 0; i < c->ndefs; i++) {
		aw_md_def *d = &c->defs[i];
		if (d->hash == h && d->label_len == n &&
		    !memcmp(c->def_pool + d->label_off, lab, n))
			return (int)i;
	}
	return -1;
}

static int pool_add(aw_md_ctx *c, const char *s, size_t n, uint32_t *off)
{
	if (n > (size_t)AW_MD_DEF_POOL_MAX - c->def_pool_len)
		return AW_ERR_FULL;
	*off = c->def_pool_len;
	memcpy(c->def_pool + c->def_pool_len, s, n);
	c->def_pool_len += (uint32_t)n;
	return AW_OK;
}

/* Unescape backslash escapes and the common entities into the pool. */
static int pool_add_unescaped(aw_md_ctx *c, const char *s, size_t n, uint32_t *off,
			      uint32_t *len)
{
	size_t i, o = 0;
	char *t = c->def_tmp;

	for (i = 0; i < n && o < AW_MD_DEF_LABEL_MAX - 4; i++) {
		if (s[i] == '\\' && i + 1 < n && AW_IS_PUNCT(s[i + 1])) {
			t[o++] = s[++i];
		} else if (s[i] == '&') {
			static const char *const ent[] = { "&amp;", "&lt;", "&gt;", "&quot;" };
			static const char rep[] = { '&', '<', '>', '"' };
			size_t k;
			for (k = 0; k < 4; k++) {
				size_t el = strlen(ent[k]);
				if (n - i >= el && !memcmp(s + i, ent[k], el)) {
					t[o++] = rep[k];
					i += el - 1;
					break;
				}
			}
			if (k == 4)
				t[o++] = '&';
		} else {
			t[o++] = s[i];
		}
	}
	*len = (uint32_t)o;
	return pool_add(c, t, o, off);
}

/* Does the unescaped s[0..n) equal the pool bytes at off/len? */
static int pool_same(aw_md_ctx *c, const char *s, size_t n, uint32_t off, uint32_t len)
{
	uint32_t save = c->def_pool_len, o, l;
	int same;
	if (pool_add_unescaped(c, s, n, &o, &l))
		return 0;
	same = l == len && !memcmp(c->def_pool + o, c->def_pool + off, len);
	c->def_pool_len = save;
	return same;
}

/*
 * Items pass reusing an earlier scan (aw_md_begin_reuse): check that a
 * scan of this document would build the same table, definition by
 * definition (first definition of a label wins, as in def_store).
 */
static void def_verify(aw_md_ctx *c, const char *lab, size_t labn, const char *url,
		       size_t urln, const char *title, size_t titlen, int has_title)
{
	char *nl = c->def_tmp;
	size_t n = norm_label(lab, labn, nl, AW_MD_DEF_LABEL_MAX);
	uint32_t h, i;
	aw_md_def *d;

	if (n == 0 || c->reuse_fail)
		return;
	h = fold_hash(nl, n);
	for (i = 0; i < c->reuse_defs; i++) {
		d = &c->defs[i];
		if (d->hash == h && d->label_len == n && !memcmp(c->def_pool + d->label_off, nl, n))
			return; /* a later duplicate: ignored by the scan too */
	}
	if (c->reuse_defs >= c->ndefs) {
		c->reuse_fail = 1;
		return;
	}
	d = &c->defs[c->reuse_defs];
	if (d->hash != h || d->label_len != n || memcmp(c->def_pool + d->label_off, nl, n) ||
	    d->has_title != has_title || !pool_same(c, url, urln, d->url_off, d->url_len) ||
	    !pool_same(c, title, titlen, d->title_off, d->title_len)) {
		c->reuse_fail = 1;
		return;
	}
	c->reuse_defs++;
}

static int def_store(aw_md_ctx *c, const char *lab, size_t labn, const char *url,
		     size_t urln, const char *title, size_t titlen, int has_title)
{
	char *nl = c->def_tmp;
	size_t n;
	aw_md_def *d;

	if (c->pass == AW_MD_PASS_ITEMS && c->scanned) {
		if (c->reuse)
			def_verify(c, lab, labn, url, urln, title, titlen, has_title);
		return AW_OK;
	}
	n = norm_label(lab, labn, nl, AW_MD_DEF_LABEL_MAX);
	if (n == 0 || def_find(c, nl, n) >= 0)
		return AW_OK; /* first definition wins */
	if (c->ndefs >= AW_MD_DEFS_MAX) {
		note_cap(c, "AW_MD_DEFS_MAX", (unsigned long)c->ndefs + 1, AW_MD_DEFS_MAX);
		return AW_ERR_FULL;
	}
	d = &c->defs[c->ndefs];
	d->hash = fold_hash(nl, n);
	d->label_len = (uint32_t)n;
	if (pool_add(c, nl, n, &d->label_off) ||
	    pool_add_unescaped(c, url, urln, &d->url_off, &d->url_len) ||
	    pool_add_unescaped(c, title, titlen, &d->title_off, &d->title_len)) {
		note_cap(c, "AW_MD_DEF_POOL_MAX", (unsigned long)(c->def_pool_len + n + urln + titlen),
			(unsigned long)AW_MD_DEF_POOL_MAX);
		return AW_ERR_FULL;
	}
	d->has_title = has_title;
	c->ndefs++;
	c->lists_at_def = c->nlists;
	if (c->miss_total)
		c->single_bad = 1; /* a reference before it may have meant it */
	return AW_OK;
}

static int defs_lookup(void *user, const char *label, size_t label_len, const char **url,
		       size_t *url_len, const char **title, size_t *title_len, int *has_title)
{
	aw_md_ctx *c = user;
	char buf[256];
	size_t n;
	int i;

	if (label_len > 999) {
		c->ref_miss++; /* (never a label: counted to stay on the safe side) */
		c->miss_total++;
		return 0;
	}
	if (label_len < sizeof buf) {
		n = norm_label(label, label_len, buf, sizeof buf);
		i = def_find(c, buf, n);
	} else {
		/* long labels: normalize into the definition scratch */
		n = norm_label(label, label_len, c->def_tmp, AW_MD_DEF_LABEL_MAX);
		i = def_find(c, c->def_tmp, n);
	}
	if (i < 0) {
		c->ref_miss++;
		c->miss_total++;
		return 0;
	}
	*url = c->def_pool + c->defs[i].url_off;
	*url_len = c->defs[i].url_len;
	*title = c->def_pool + c->defs[i].title_off;
	*title_len = c->defs[i].title_len;
	*has_title = c->defs[i].has_title;
	return 1;
}

/* Skip spaces/tabs and at most one line ending. */
static size_t skip_ws_nl(const char *s, size_t i, size_t n, int *nl)
{
	*nl = 0;
	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	if (eol_at(s, i, n)) {
		*nl = 1;
		i += eol_at(s, i, n);
		while (i < n && (s[i] == ' ' || s[i] == '\t'))
			i++;
	}
	return i;
}

/*
 * Try to parse one definition at s[0..n). Returns the bytes consumed
 * (through the line end) or 0.
 */
struct def_parts {
	size_t lab0, lab1, u0, u1, t0, t1;
	int has_title;
};

static size_t parse_def(aw_md_ctx *c, const char *s, size_t n, int *err, struct def_parts *dp)
{
	size_t i = 1, lab0, lab1, u0, u1, t0 = 0, t1 = 0, save, k;
	int nl, has_title = 0, nonsp = 0;

	*err = 0;
	if (n < 3 || s[0] != '[')
		return 0;
	{
		/* quick reject (most item paragraphs start with a link): the
		   first ']' is not escaped and no ':' follows it */
		const char *q = memchr(s + 1, ']', n - 1);
		if (!q || (q[-1] != '\\' && (size_t)(q - s) + 1 < n && q[1] != ':'))
			return 0;
	}
	lab0 = 1;
	while (i < n && s[i] != ']') {
		if (s[i] == '[')
			return 0;
		if (s[i] == '\\' && i + 1 < n)
			i++;
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '\r')
			nonsp = 1;
		i++;
		if (i - lab0 > 999)
			return 0;
	}
	if (i >= n || !nonsp)
		return 0;
	lab1 = i++;
	if (i >= n || s[i] != ':')
		return 0;
	i = skip_ws_nl(s, i + 1, n, &nl);
	if (i >= n)
		return 0;
	if (s[i] == '<') {
		u0 = ++i;
		while (i < n && s[i] != '>' && s[i] != '\n' && s[i] != '\r' && s[i] != '<') {
			if (s[i] == '\\' && i + 1 < n)
				i++;
			i++;
		}
		if (i >= n || s[i] != '>')
			return 0;
		u1 = i++;
	} else {
		int depth = 0;
		u0 = i;
		while (i < n && (unsigned char)s[i] > ' ') {
			if (s[i] == '\\' && i + 1 < n && AW_IS_PUNCT(s[i + 1])) {
				i += 2;
				continue;
			}
			if (s[i] == '(') {
				if (++depth > 32)
					return 0;
			} else if (s[i] == ')') {
				if (depth == 0)
					break;
				depth--;
			}
			i++;
		}
		if (depth != 0 || i == u0)
			return 0;
		u1 = i;
	}
	/* end of line here = definition without title (remember as fallback) */
	save = i;
	while (save < n && (s[save] == ' ' || s[save] == '\t'))
		save++;
	k = skip_ws_nl(s, i, n, &nl);
	if (k < n && k > i && (s[k] == '"' || s[k] == '\'' || s[k] == '(')) {
		char close = s[k] == '(' ? ')' : s[k];
		size_t j = k + 1;
		while (j < n && s[j] != close) {
			if (s[j] == '\\' && j + 1 < n) {
				j += 2;
				continue;
			}
			if (close == ')' && s[j] == '(')
				break;
			if (eol_at(s, j, n) && eol_at(s, j + eol_at(s, j, n), n))
				break;
			j++;
		}
		if (j < n && s[j] == close) {
			size_t e = j + 1;
			while (e < n && (s[e] == ' ' || s[e] == '\t'))
				e++;
			if (e >= n || eol_at(s, e, n)) {
				t0 = k + 1;
				t1 = j;
				has_title = 1;
				i = e + eol_at(s, e, n);
				goto ok;
			}
		}
	}
	if (save < n && !eol_at(s, save, n))
		return 0;
	i = save + eol_at(s, save, n);
ok:
	if (dp) {
		dp->lab0 = lab0;
		dp->lab1 = lab1;
		dp->u0 = u0;
		dp->u1 = u1;
		dp->t0 = t0;
		dp->t1 = t1;
		dp->has_title = has_title;
		return i;
	}
	*err = def_store(c, s + lab0, lab1 - lab0, s + u0, u1 - u0,
			 has_title ? s + t0 : "", t1 - t0, has_title);
	return i;
}

/* Leading definitions of a closed paragraph become one N_DEFS node. */
static void para_defs(aw_md_ctx *c, uint32_t n)
{
	aw_md_node *p = N(c, n);
	const char *s = c->text + p->text_off;
	size_t len = p->text_len, used = 0, k;
	uint32_t lines = 0, d;
	int err;

	while (used < len && s[used] == '[') {
		k = parse_def(c, s + used, len - used, &err, NULL);
		if (err)
			set_err(c, err);
		if (!k)
			break;
		for (size_t j = used; j < used + k; j++)
			if (s[j] == '\n' || (s[j] == '\r' && (j + 1 >= len || s[j + 1] != '\n')))
				lines++;
		if (used + k == len && s[len - 1] != '\n' && s[len - 1] != '\r')
			lines++;
		used += k;
	}
	if (!used)
		return;
	if (used >= len || is_ws_line(s + used, len - used)) {
		p->type = N_DEFS;
		return;
	}
	/* split: a DEFS node before the remaining paragraph */
	if (c->nnodes >= AW_MD_NODES_MAX) {
		set_cap(c, "AW_MD_NODES_MAX", (unsigned long)c->nnodes + 1, AW_MD_NODES_MAX);
		return;
	}
	d = c->nnodes++;
	*N(c, d) = *p;
	p = N(c, n);
	N(c, d)->type = N_DEFS;
	N(c, d)->end_line = p->start_line + lines - 1;
	N(c, d)->next = n;
	N(c, d)->open = 0;
	/* relink d before n in the parent */
	{
		aw_md_node *par = N(c, p->parent);
		if (par->first == n) {
			par->first = d;
		} else {
			uint32_t x = par->first;
			while (N(c, x)->next != n)
				x = N(c, x)->next;
			N(c, x)->next = d;
		}
	}
	p->start_line += lines;
	p->text_off += (uint32_t)used;
	p->text_len -= (uint32_t)used;
}

/* ------------------------------------------------------------------ */
/* finalize */

static uint32_t finalize_one(aw_md_ctx *c, uint32_t n)
{
	aw_md_node *k = N(c, n);
	uint32_t parent = k->parent;

	if (!k->open)
		return parent;
	k->open = 0;
	switch (k->type) {
	case N_PARA: {
		uint32_t pre = c->nnodes;
		k->text_len = c->text_len - k->text_off;
		para_defs(c, n);
		/* leading definitions split off a top-level paragraph are a
		   top-level block of their own */
		if (c->nnodes > pre && parent == 0)
			process_top(c, pre);
		break;
	}
	case N_TABLE:
		k->text_len = c->text_len - k->text_off;
		break;
	case N_HTML:
		k->text_len = c->text_len - k->text_off;
		/* kinds 1-5 (explicit end) still open at the end of the
		   document, at the root: micromark ends it after the final
		   line ending */
		if (c->eof && c->eof_nl && parent == 0 && k->level <= 5)
			k->end_line = c->line_no + 1;
		break;
	case N_CODE:
		k->text_len = c->text_len - k->text_off;
		if (!k->fence_len) {
			/* indented code: drop trailing blank lines */
			const char *s = c->text + k->text_off;
			size_t len = k->text_len;
			while (len) {
				size_t b = drop_eol(s, len); /* (every line has its end) */
				size_t a = b;
				while (a > 0 && s[a - 1] != '\n' && s[a - 1] != '\r')
					a--;
				if (!is_ws_line(s + a, b - a))
					break;
				len = a;
			}
			k->text_len = (uint32_t)len;
			k->end_line = k->nonblank_end;
		} else if (!k->closed_fence && c->eof && c->eof_nl) {
			/* open at the end: it ends after the final line ending */
			k->end_line = c->line_no + 1;
		} else if (!k->closed_fence && c->line_no > k->end_line && !c->eof &&
			   c->by_container) {
			/* its container closed by a container start: micromark ends
			   the code at the start of that line */
			k->end_line = c->line_no;
		} else if (!k->closed_fence && !c->eof && k->end_line + 1 == c->line_no &&
			   c->last_nonblank + 1 < c->line_no && k->end_line > k->start_line &&
			   k->text_len) {
			/* closed by another line after a blank one: micromark's value
			   leaves out that last blank line (its position keeps it) */
			const char *t = c->text + k->text_off;
			size_t len = drop_eol(t, k->text_len);
			while (len && t[len - 1] != '\n' && t[len - 1] != '\r')
				len--;
			k->text_len = (uint32_t)len;
		}
		break;
	case N_LIST:
	case N_ITEM:
	case N_BQUOTE:
		if (k->last && N(c, k->last)->end_line > k->start_line)
			k->end_line = N(c, k->last)->end_line;
		else
			k->end_line = k->start_line;
		/* an item ends where its last (container) child was exited:
		   after trailing whitespace-only lines, say (prepareList) */
		if (k->type == N_ITEM && k->last && is_container(N(c, k->last)->type) &&
		    N(c, k->last)->nonblank_end > k->end_line && c->ext_mark &&
		    c->ext_mark == ws_extent(c))
			k->end_line = N(c, k->last)->nonblank_end;
		k->nonblank_end = c->ext_mark > k->end_line ? c->ext_mark : k->end_line;
		break;
	default:
		break;
	}
	if (c->stream_on && k->type == N_ITEM && parent && N(c, parent)->parent == 0 &&
	    N(c, parent)->type == N_LIST && !c->err)
		stream_item(c, n);
	if (c->tip == n)
		c->tip = parent;
	if (parent == 0 && n != 0) {
		process_top(c, n);
		if (!c->keep_pool)
			pool_reset(c);
	}
	return parent;
}

/* ------------------------------------------------------------------ */
/* line scanning (cmark-style columns with 4-column tab stops) */

static void find_fns_ws(aw_md_ctx *c);

static inline void find_fns(aw_md_ctx *c)
{
	size_t i = c->off;
	if (i < c->line_len && c->lp[i] != ' ' && c->lp[i] != '\t') {
		/* the common case: no whitespace to skip */
		c->fns = i;
		c->fns_col = c->col;
		c->indent = 0;
		c->blank = 0;
		return;
	}
	find_fns_ws(c);
}

static void find_fns_ws(aw_md_ctx *c)
{
	size_t i = c->off, col = c->col;
	size_t to_tab;

	to_tab = TABSTOP - (col % TABSTOP);

	while (i < c->line_len) {
		char ch = c->lp[i];
		if (ch == ' ') {
			i++;
			col++;
			if (--to_tab == 0)
				to_tab = TABSTOP;
		} else if (ch == '\t') {
			i++;
			col += to_tab;
			to_tab = TABSTOP;
		} else {
			break;
		}
	}
	c->fns = i;
	c->fns_col = col;
	c->indent = col - c->col;
	c->blank = i >= c->line_len;
}

static void advance(aw_md_ctx *c, size_t count, int columns)
{
	while (count > 0 && c->off < c->line_len) {
		if (c->lp[c->off] == '\t') {
			size_t to_tab = TABSTOP - (c->col % TABSTOP);
			if (columns) {
				size_t adv = to_tab < count ? to_tab : count;
				c->partial_tab = to_tab > count;
				c->col += adv;
				if (!c->partial_tab)
					c->off++;
				count -= adv;
			} else {
				c->partial_tab = 0;
				c->col += to_tab;
				c->off++;
				count--;
			}
		} else {
			c->partial_tab = 0;
			c->off++;
			c->col++;
			count--;
		}
	}
}

/* Append the rest of the line (from the offset) plus its end (LF for a
 * table row) to the text. */
static void add_line_rest(aw_md_ctx *c, int row)
{
	if (c->partial_tab) {
		size_t to_tab = TABSTOP - (c->col % TABSTOP);
		c->off++;
		while (to_tab--)
			text_put(c, " ", 1);
	}
	if (c->off < c->line_len)
		text_put(c, c->lp + c->off, c->line_len - c->off);
	if (row)
		text_put(c, "\n", 1);
	else
		text_eol(c);
}

/* Would a container of `type` started on this line (a list start: LIST
 * and ITEM, or only ITEM under the open list `same_list`) nest deeper than
 * AW_MD_DEPTH_MAX allows? Then it is refused: its marker and the rest of
 * the line are text of the containers already open, and those (the
 * current one and every ancestor, and those of the open paragraph a lazy
 * line goes to) are marked cut, so that the items over them are flagged
 * and the document pass counts their blocks. The run goes on; the same
 * parent test as add_child's. */
static int too_deep(aw_md_ctx *c, uint32_t container, int type, int same_list)
{
	uint32_t p = container, x;
	unsigned need = 3u;

	if (same_list) {
		need = 3u;
	} else {
		while (p && !can_contain(N(c, p)->type, type))
			p = N(c, p)->parent;
		if (type == N_LIST)
			need = 4u; /* the list and its item */
	}
	if (N(c, p)->depth + need < AW_MD_DEPTH_MAX)
		return 0;
	for (x = container; x; x = N(c, x)->parent)
		N(c, x)->cut = 1;
	for (x = c->tip; x; x = N(c, x)->parent)
		N(c, x)->cut = 1;
	return 1;
}

/* ------------------------------------------------------------------ */
/* block start recognizers (on the line from c->fns) */

static int scan_thematic(const char *s, size_t n)
{
	char m;
	size_t i, cnt = 0;
	if (!n || (s[0] != '*' && s[0] != '-' && s[0] != '_'))
		return 0;
	m = s[0];
	for (i = 0; i < n; i++) {
		if (s[i] == m)
			cnt++;
		else if (s[i] != ' ' && s[i] != '\t')
			return 0;
	}
	return cnt >= 3;
}

static int scan_atx(const char *s, size_t n, int *level)
{
	size_t i = 0;
	while (i < n && s[i] == '#')
		i++;
	if (i < 1 || i > 6)
		return 0;
	if (i < n && s[i] != ' ' && s[i] != '\t')
		return 0;
	*level = (int)i;
	return 1;
}

static int scan_fence(const char *s, size_t n, char *ch, size_t *len)
{
	size_t i = 0, j;
	if (!n || (s[0] != '`' && s[0] != '~'))
		return 0;
	while (i < n && s[i] == s[0])
		i++;
	if (i < 3)
		return 0;
	if (s[0] == '`')
		for (j = i; j < n; j++)
			if (s[j] == '`')
				return 0;
	*ch = s[0];
	*len = i;
	return 1;
}

static int lower_eq(const char *s, size_t n, const char *w)
{
	size_t i, k = strlen(w);
	if (n < k)
		return 0;
	for (i = 0; i < k; i++) {
		char ch = s[i];
		if (AW_IS_UPPER(ch))
			ch = (char)(ch + 32);
		if (ch != w[i])
			return 0;
	}
	return 1;
}

static int contains_ci(const char *s, size_t n, const char *w)
{
	size_t k = strlen(w), i;
	for (i = 0; i + k <= n; i++)
		if (lower_eq(s + i, n - i, w))
			return 1;
	return 0;
}

static const char *const html6[] = {
	"address", "article", "aside", "base", "basefont", "blockquote", "body",
	"caption", "center", "col", "colgroup", "dd", "details", "dialog", "dir",
	"div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form",
	"frame", "frameset", "h1", "h2", "h3", "h4", "h5", "h6", "head", "header",
	"hr", "html", "iframe", "legend", "li", "link", "main", "menu", "menuitem",
	"nav", "noframes", "ol", "optgroup", "option", "p", "param", "search", "section",
	"summary", "table", "tbody", "td", "tfoot", "th", "thead", "title", "tr",
	"track", "ul"
};

/* Is s[0..n) a complete open or closing tag followed only by whitespace? */
static int html7_tag(const char *s, size_t n)
{
	size_t i = 1;
	int closing = 0;
	if (n < 3 || s[0] != '<')
		return 0;
	if (s[i] == '/') {
		closing = 1;
		i++;
	}
	if (i >= n || !AW_IS_ALPHA(s[i]))
		return 0;
	while (i < n && (AW_IS_ALNUM(s[i]) || s[i] == '-'))
		i++;
	if (closing) {
		while (i < n && (s[i] == ' ' || s[i] == '\t'))
			i++;
		if (i >= n || s[i] != '>')
			return 0;
		return is_ws_line(s + i + 1, n - i - 1);
	}
	for (;;) {
		size_t ws = i;
		while (i < n && (s[i] == ' ' || s[i] == '\t'))
			i++;
		if (i >= n)
			return 0;
		if (s[i] == '>')
			return is_ws_line(s + i + 1, n - i - 1);
		if (s[i] == '/') {
			if (i + 1 < n && s[i + 1] == '>')
				return is_ws_line(s + i + 2, n - i - 2);
			return 0;
		}
		if (ws == i)
			return 0;
		/* attribute name */
		if (!(AW_IS_ALPHA(s[i]) || s[i] == '_' || s[i] == ':'))
			return 0;
		while (i < n && (AW_IS_ALNUM(s[i]) || s[i] == '_' || s[i] == '.' ||
				 s[i] == ':' || s[i] == '-'))
			i++;
		{
			size_t j = i;
			while (j < n && (s[j] == ' ' || s[j] == '\t'))
				j++;
			if (j < n && s[j] == '=') {
				j++;
				while (j < n && (s[j] == ' ' || s[j] == '\t'))
					j++;
				if (j >= n)
					return 0;
				if (s[j] == '"' || s[j] == '\'') {
					char q = s[j++];
					while (j < n && s[j] != q)
						j++;
					if (j >= n)
						return 0;
					j++;
				} else {
					size_t v = j;
					while (j < n && !strchr(" \t\"'=<>`", s[j]))
						j++;
					if (j == v)
						return 0;
				}
				i = j;
			}
		}
	}
}

/* HTML block start kind 1..7, or 0. */
static int scan_html_start(const char *s, size_t n, int can7)
{
	size_t i, k;
	if (n < 2 || s[0] != '<')
		return 0;
	{
		static const char *const t1[] = { "<script", "<pre", "<style", "<textarea" };
		for (k = 0; k < 4; k++) {
			size_t l = strlen(t1[k]);
			if (lower_eq(s, n, t1[k]) &&
			    (n == l || s[l] == ' ' || s[l] == '\t' || s[l] == '>'))
				return 1;
		}
	}
	if (n >= 4 && !memcmp(s, "<!--", 4))
		return 2;
	if (s[1] == '?')
		return 3;
	if (s[1] == '!' && n > 2 && AW_IS_ALPHA(s[2]))
		return 4;
	if (n >= 9 && !memcmp(s, "<![CDATA[", 9))
		return 5;
	i = s[1] == '/' ? 2 : 1;
	for (k = 0; k < sizeof html6 / sizeof html6[0]; k++) {
		size_t l = strlen(html6[k]);
		if (n - i >= l && lower_eq(s + i, n - i, html6[k])) {
			size_t e = i + l;
			if (e == n || s[e] == ' ' || s[e] == '\t' || s[e] == '>' ||
			    (s[e] == '/' && e + 1 < n && s[e + 1] == '>'))
				return 6;
		}
	}
	if (can7 && html7_tag(s, n))
		return 7;
	return 0;
}

static int html_end(int kind, const char *s, size_t n)
{
	switch (kind) {
	case 1:
		return contains_ci(s, n, "</script>") || contains_ci(s, n, "</pre>") ||
		       contains_ci(s, n, "</style>") || contains_ci(s, n, "</textarea>");
	case 2:
		return contains_ci(s, n, "-->");
	case 3:
		return contains_ci(s, n, "?>");
	case 4:
		return contains_ci(s, n, ">");
	case 5:
		return contains_ci(s, n, "]]>");
	default:
		return 0;
	}
}

/* Setext underline: 1 or 2, or 0. */
static int scan_setext(const char *s, size_t n)
{
	size_t i = 0;
	char m;
	if (!n || (s[0] != '=' && s[0] != '-'))
		return 0;
	m = s[0];
	while (i < n && s[i] == m)
		i++;
	if (!is_ws_line(s + i, n - i))
		return 0;
	return m == '=' ? 1 : 2;
}

/* GFM table delimiter row; returns the cell count or 0. */
static int scan_table_delim(const char *s, size_t n)
{
	size_t i = 0;
	int cells = 0, pipes = 0;
	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	if (i < n && s[i] == '|') {
		pipes++;
		i++;
	}
	for (;;) {
		int dashes = 0;
		while (i < n && (s[i] == ' ' || s[i] == '\t'))
			i++;
		if (i >= n)
			break;
		if (s[i] == ':')
			i++;
		while (i < n && s[i] == '-') {
			i++;
			dashes++;
		}
		if (!dashes)
			return 0;
		if (i < n && s[i] == ':')
			i++;
		while (i < n && (s[i] == ' ' || s[i] == '\t'))
			i++;
		cells++;
		if (i >= n)
			break;
		if (s[i] != '|')
			return 0;
		pipes++;
		i++;
	}
	if (cells == 1 && !pipes)
		return 0;
	return cells;
}

/* Cells of a table row (split at unescaped pipes, outer pipes optional). */
static int row_cells(const char *s, size_t n, size_t *c0, size_t *c1, int max)
{
	size_t i = 0, start;
	int cnt = 0;
	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	while (n > i && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	if (i < n && s[i] == '|')
		i++;
	if (n > i && s[n - 1] == '|' && !(n >= 2 && s[n - 2] == '\\'))
		n--;
	start = i;
	for (;;) {
		if (i >= n || s[i] == '|') {
			size_t a = start, b = i;
			while (a < b && (s[a] == ' ' || s[a] == '\t'))
				a++;
			while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t'))
				b--;
			if (cnt < max) {
				c0[cnt] = a;
				c1[cnt] = b;
			}
			cnt++;
			if (i >= n)
				break;
			start = ++i;
			continue;
		}
		if (s[i] == '\\' && i + 1 < n)
			i++;
		i++;
	}
	return cnt;
}

/* List marker at the first non-space; fills the item geometry. */
static int scan_list_marker(aw_md_ctx *c, int interrupts_para, uint8_t *ordered,
			    uint8_t *marker, int32_t *start, size_t *mlen)
{
	const char *s = c->lp + c->fns;
	size_t n = c->line_len - c->fns, i = 0;

	if (!n)
		return 0;
	if (s[0] == '*' || s[0] == '+' || s[0] == '-') {
		*ordered = 0;
		*marker = (uint8_t)s[0];
		i = 1;
	} else if (AW_IS_DIGIT(s[0])) {
		int32_t v = 0;
		while (i < n && i < 9 && AW_IS_DIGIT(s[i]))
			v = v * 10 + (s[i++] - '0');
		if (i >= n || (s[i] != '.' && s[i] != ')'))
			return 0;
		*ordered = 1;
		*marker = (uint8_t)s[i];
		*start = v;
		i++;
		if (interrupts_para && v != 1)
			return 0;
	} else {
		return 0;
	}
	if (i < n && s[i] != ' ' && s[i] != '\t')
		return 0;
	if (interrupts_para && is_ws_line(s + i, n - i))
		return 0;
	*mlen = i;
	return 1;
}

/* ------------------------------------------------------------------ */
/* the line processor */

static int cont_blocks_table(aw_md_ctx *c)
{
	/* does the line start another block (ends a GFM table)? */
	const char *s = c->lp + c->fns;
	size_t n = c->line_len - c->fns;
	int lv;
	char fch;
	size_t fl;
	if (c->indent >= 4)
		return 0;
	if (s[0] == '>' || scan_atx(s, n, &lv) || scan_fence(s, n, &fch, &fl) ||
	    scan_thematic(s, n) || scan_html_start(s, n, 0))
		return 1;
	{
		uint8_t o, m;
		int32_t st;
		size_t ml;
		if (scan_list_marker(c, 1, &o, &m, &st, &ml))
			return 1;
	}
	return 0;
}

/*
 * Would a block starting in `container` interrupt something? CommonMark
 * says a paragraph; micromark also counts an open indented code block of
 * the same container (even across blank lines): "2. x" or an empty item
 * right after indented code stays text.
 */
static int interrupting(aw_md_ctx *c, uint32_t container)
{
	aw_md_node *t = N(c, c->tip);
	if (N(c, container)->type == N_PARA)
		return 1;
	return t->type == N_CODE && t->open && !t->fence_len && t->parent == container &&
	       c->tip != container;
}

/* Can a (not indented) block start with ch: > # ` ~ < = - _ * + | : or a
 * digit? Everything else is paragraph text. */
static int may_start_block(unsigned char ch)
{
	static const uint64_t lo = (1ull << '#') | (1ull << '*') | (1ull << '+') | (1ull << '-') |
				   (0x3ffull << '0') | (1ull << ':') | (1ull << '<') |
				   (1ull << '=') | (1ull << '>');
	static const uint64_t hi = (1ull << ('_' - 64)) | (1ull << ('`' - 64)) |
				   (1ull << ('|' - 64)) | (1ull << ('~' - 64));
	if (ch < 64)
		return (int)((lo >> ch) & 1u);
	if (ch < 128)
		return (int)((hi >> (ch - 64)) & 1u);
	return 0;
}

static void process_line(aw_md_ctx *c)
{
	uint32_t container = 0, last_matched;
	int all_matched = 1, maybe_lazy;
	aw_md_node *k;

	c->off = 0;
	c->col = 0;
	c->partial_tab = 0;
	c->line_no++;
	c->line_blank = 0;

	/* 1. match the open containers */
	for (;;) {
		uint32_t lc = N(c, container)->last;
		if (!lc || !N(c, lc)->open)
			break;
		container = lc;
		k = N(c, container);
		find_fns(c);
		if (k->type == N_BQUOTE) {
			if (c->indent <= 3 && !c->blank && c->lp[c->fns] == '>') {
				advance(c, c->indent + 1, 1);
				if (c->off < c->line_len &&
				    (c->lp[c->off] == ' ' || c->lp[c->off] == '\t'))
					advance(c, 1, 1);
			} else {
				all_matched = 0;
			}
		} else if (k->type == N_ITEM) {
			if (c->blank && !k->first) {
				/* an item that opened with a blank line ends at the
				   next blank one (at most one blank line first) */
				all_matched = 0;
			} else if (c->indent >= (size_t)k->marker_off + k->padding) {
				advance(c, (size_t)k->marker_off + k->padding, 1);
			} else if (c->blank && k->first) {
				advance(c, c->fns - c->off, 0);
			} else {
				all_matched = 0;
			}
		} else if (k->type == N_CODE) {
			if (k->fence_len) {
				char fch;
				size_t fl;
				if (c->indent <= 3 && !c->blank &&
				    scan_fence(c->lp + c->fns, c->line_len - c->fns, &fch, &fl) &&
				    fch == (char)k->marker && fl >= k->fence_len &&
				    is_ws_line(c->lp + c->fns + fl, c->line_len - c->fns - fl)) {
					k->closed_fence = 1;
					k->end_line = c->line_no;
					finalize(c, container);
					return;
				}
				/* strip up to the fence's indentation, in columns (a tab
				   may be consumed partly, like micromark does) */
				advance(c, c->indent < k->fence_off ? c->indent : k->fence_off, 1);
			} else {
				if (c->indent >= 4)
					advance(c, 4, 1);
				else if (c->blank)
					advance(c, c->fns - c->off, 0);
				else
					all_matched = 0;
			}
		} else if (k->type == N_HTML) {
			if (k->level >= 6 && c->blank)
				all_matched = 0;
		} else if (k->type == N_PARA) {
			if (c->blank)
				all_matched = 0;
		} else if (k->type == N_TABLE) {
			if (c->blank || cont_blocks_table(c))
				all_matched = 0;
		} else if (k->type != N_LIST) {
			all_matched = 0; /* headings, breaks, defs: single line */
		}
		if (!all_matched) {
			container = k->parent;
			break;
		}
	}
	last_matched = container;
	maybe_lazy = N(c, c->tip)->type == N_PARA;

	/* 2. new container / leaf starts */
	while (N(c, container)->type != N_CODE && N(c, container)->type != N_HTML) {
		const char *s;
		size_t n;
		int lv, indented;
		char fch;
		size_t fl;
		uint8_t ordered, marker;
		int32_t start = 1;
		size_t mlen;

		find_fns(c);
		s = c->lp + c->fns;
		n = c->line_len - c->fns;
		indented = c->indent >= 4;
		if (!indented && n && !may_start_block((unsigned char)s[0]))
			break; /* (no block start below matches) */
		if (!indented && n && s[0] == '>') {
			if (too_deep(c, container, N_BQUOTE, 0))
				break; /* (text from here) */
			advance(c, c->fns + 1 - c->off, 0);
			if (c->off < c->line_len &&
			    (c->lp[c->off] == ' ' || c->lp[c->off] == '\t'))
				advance(c, 1, 1);
			container = add_child(c, container, N_BQUOTE);
		} else if (!indented && scan_atx(s, n, &lv)) {
			size_t a = (size_t)lv, b = n;
			container = add_child(c, container, N_HEADING);
			if (c->err)
				return;
			k = N(c, container);
			k->level = (uint8_t)lv;
			while (a < b && (s[a] == ' ' || s[a] == '\t'))
				a++;
			while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t'))
				b--;
			{
				size_t h = b;
				while (h > a && s[h - 1] == '#')
					h--;
				if (h == a || s[h - 1] == ' ' || s[h - 1] == '\t') {
					b = h;
					while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t'))
						b--;
				}
			}
			text_put(c, s + a, b - a);
			k->text_len = (uint32_t)(b - a);
			c->off = c->line_len;
		} else if (!indented && scan_fence(s, n, &fch, &fl)) {
			size_t a = fl, b = n;
			container = add_child(c, container, N_CODE);
			if (c->err)
				return;
			k = N(c, container);
			k->marker = (uint8_t)fch;
			k->fence_len = (uint8_t)(fl > 255 ? 255 : fl);
			k->fence_off = (uint8_t)(c->fns_col - c->col);
			while (a < b && (s[a] == ' ' || s[a] == '\t'))
				a++;
			while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t'))
				b--;
			k->info_off = c->text_len;
			k->info_len = (uint32_t)(b - a);
			text_put(c, s + a, b - a);
			k->text_off = c->text_len;
			c->off = c->line_len;
		} else if (!indented &&
			   (lv = scan_html_start(s, n, !interrupting(c, container) &&
						 !(N(c, c->tip)->type == N_PARA && N(c, c->tip)->open))) != 0) {
			container = add_child(c, container, N_HTML);
			if (c->err)
				return;
			N(c, container)->level = (uint8_t)lv;
			/* the line itself is added below */
		} else if (!indented && N(c, container)->type == N_PARA &&
			   (lv = scan_setext(s, n)) != 0 && all_matched) {
			/* only when the paragraph keeps text after its definitions */
			k = N(c, container);
			k->text_len = c->text_len - k->text_off;
			para_defs(c, container);
			k = N(c, container);
			if (k->type == N_PARA) {
				k->type = N_HEADING;
				k->level = (uint8_t)lv;
				k->setext = 1;
				k->end_line = c->line_no;
				/* drop the final newline and trailing spaces */
				while (k->text_len && (c->text[k->text_off + k->text_len - 1] == '\n' ||
						       c->text[k->text_off + k->text_len - 1] == '\r' ||
						       c->text[k->text_off + k->text_len - 1] == ' ' ||
						       c->text[k->text_off + k->text_len - 1] == '\t'))
					k->text_len--;
				c->text_len = k->text_off + k->text_len;
				finalize(c, container);
				return;
			}
			/* all definitions: the DEFS node is closed; go on with this line */
			k->open = 0;
			container = k->parent;
			c->tip = container;
			if (lv == 2 && scan_thematic(s, n)) {
				container = add_child(c, container, N_TBREAK);
				c->off = c->line_len;
				finalize(c, container);
				return;
			}
			continue;
		} else if (!indented && !(N(c, container)->type == N_PARA && !all_matched) &&
			   scan_thematic(s, n)) {
			container = add_child(c, container, N_TBREAK);
			c->off = c->line_len;
		} else if ((!indented || N(c, container)->type == N_LIST) &&
			   c->indent < 4 &&
			   scan_list_marker(c, interrupting(c, container), &ordered, &marker,
					    &start, &mlen)) {
			size_t spaces_col, save_off, save_col, mcol;
			int save_pt;
			uint16_t marker_off = (uint16_t)c->indent, padding;
			uint32_t list;

			if (too_deep(c, container, N_LIST,
				     N(c, container)->type == N_LIST &&
				     N(c, container)->ordered == ordered &&
				     N(c, container)->marker == marker))
				break; /* (text from here) */
			advance(c, c->fns + mlen - c->off, 0);
			mcol = c->col;
			save_off = c->off;
			save_col = c->col;
			save_pt = c->partial_tab;
			/* count up to 5 columns of spaces after the marker */
			{
				size_t i = 0;
				while (i <= 5 && c->off < c->line_len &&
				       (c->lp[c->off] == ' ' || c->lp[c->off] == '\t')) {
					advance(c, 1, 1);
					i = c->col - mcol;
				}
				spaces_col = c->col - mcol;
			}
			if (spaces_col >= 5 || spaces_col < 1 || c->off >= c->line_len) {
				padding = (uint16_t)(mlen + 1);
				c->off = save_off;
				c->col = save_col;
				c->partial_tab = save_pt;
				if (spaces_col > 0)
					advance(c, 1, 1);
			} else {
				padding = (uint16_t)(mlen + spaces_col);
			}
			/* a new list unless the open one matches */
			if (N(c, container)->type != N_LIST ||
			    N(c, container)->ordered != ordered ||
			    N(c, container)->marker != marker) {
				list = add_child(c, container, N_LIST);
				if (c->err)
					return;
				N(c, list)->ordered = ordered;
				N(c, list)->marker = marker;
				N(c, list)->start = start;
				container = list;
			}
			container = add_child(c, container, N_ITEM);
			if (c->err)
				return;
			k = N(c, container);
			k->marker_off = marker_off;
			k->padding = padding;
			k->ordered = ordered;
			k->marker = marker;
			/* GFM task item at the item's first content */
			{
				const char *t = c->lp + c->off;
				size_t tn = c->line_len - c->off;
				if (tn >= 3 && t[0] == '[' && (t[1] == ' ' || t[1] == 'x' || t[1] == 'X') &&
				    t[2] == ']' && (tn == 3 || t[3] == ' ' || t[3] == '\t') &&
				    (tn > 3)) {
					k->checked = (int8_t)(t[1] != ' ');
				}
			}
		} else if (indented && !maybe_lazy && !c->blank) {
			advance(c, 4, 1);
			container = add_child(c, container, N_CODE);
		} else if (!indented && N(c, container)->type == N_PARA && all_matched) {
			/* GFM table: delimiter row under the paragraph's last line */
			int dc = scan_table_delim(s, n);
			aw_md_node *p = N(c, container);
			const char *pt;
			size_t plen, ls, hend;
			size_t c0[1], c1[1];
			if (!dc)
				break;
			pt = c->text + p->text_off;
			plen = c->text_len - p->text_off;
			hend = ls = drop_eol(pt, plen);
			while (ls > 0 && pt[ls - 1] != '\n' && pt[ls - 1] != '\r')
				ls--;
			if (row_cells(pt + ls, hend - ls, c0, c1, 1) != dc)
				break;
			/* the header row (the paragraph's last line, at the end of
			   the text) ends in LF as every row does */
			c->text_len = (uint32_t)(p->text_off + hend);
			text_put(c, "\n", 1);
			{
				/* split: earlier lines stay a paragraph */
				uint32_t hdr_line = c->line_no - 1, tbl;
				size_t hoff = p->text_off + ls;
				if (ls > 0) {
					/* close the paragraph part without the header line; the
					   pool is kept so the header text survives */
					uint32_t save_len = c->text_len;
					c->text_len = (uint32_t)hoff;
					p->end_line = hdr_line - 1;
					c->keep_pool = 1;
					finalize(c, container);
					c->keep_pool = 0;
					c->text_len = save_len;
					if (c->err)
						return;
					container = N(c, container)->parent;
					tbl = add_child(c, container, N_TABLE);
					if (c->err)
						return;
					N(c, tbl)->text_off = (uint32_t)hoff;
					N(c, tbl)->start_line = hdr_line;
				} else {
					tbl = container;
					p->type = N_TABLE;
				}
				container = tbl;
				N(c, tbl)->level = (uint8_t)(dc > 255 ? 255 : dc);
				add_line_rest(c, 1);
				N(c, tbl)->end_line = c->line_no;
				c->off = c->line_len;
				return;
			}
		} else {
			break;
		}
		if (c->err)
			return;
		if (accepts_lines(N(c, container)->type) || N(c, container)->type == N_HEADING ||
		    N(c, container)->type == N_TBREAK)
			break;
		maybe_lazy = 0;
	}

	/* 3. the rest of the line */
	find_fns(c);
	c->line_blank = c->blank;
	if (c->tip != last_matched && container == last_matched && !c->blank &&
	    N(c, c->tip)->type == N_PARA && N(c, c->tip)->open && c->indent < 4 &&
	    scan_html_start(c->lp + c->fns, c->line_len - c->fns, 1) == 7) {
		/* micromark: a lazy line holding a lone tag becomes a one-line
		   HTML block next to the paragraph, inside the open containers */
		uint32_t h = add_child(c, N(c, c->tip)->parent, N_HTML);
		if (c->err)
			return;
		N(c, h)->level = 7;
		text_put(c, c->lp + c->fns, c->line_len - c->fns);
		text_eol(c);
		return;
	}
	if (c->tip != last_matched && container == last_matched && !c->blank &&
	    N(c, c->tip)->type == N_PARA && N(c, c->tip)->open) {
		/* lazy paragraph continuation */
		find_fns(c);
		text_put(c, c->lp + c->fns, c->line_len - c->fns);
		text_eol(c);
		N(c, c->tip)->end_line = c->line_no;
		return;
	}
	if (container == last_matched) {
		c->ext_mark = ws_extent(c);
		close_below(c, last_matched);
		c->ext_mark = 0;
	}
	if (c->err)
		return;
	k = N(c, container);
	if (k->type == N_CODE) {
		if (k->fence_len) {
			if (k->start_line == c->line_no)
				return; /* the opening fence: info is kept apart */
			add_line_rest(c, 0);
			k->end_line = c->line_no;
		} else {
			add_line_rest(c, 0);
			k->end_line = c->line_no;
			if (!c->blank)
				k->nonblank_end = c->line_no;
		}
	} else if (k->type == N_HTML) {
		/* (kinds 6 and 7 never get here with a blank line: it did not match) */
		add_line_rest(c, 0);
		k->end_line = c->line_no;
		if (html_end(k->level, c->lp + c->off, c->line_len - c->off))
			finalize(c, container);
	} else if (c->blank) {
		/* nothing */
	} else if (k->type == N_HEADING || k->type == N_TBREAK) {
		finalize(c, container);
	} else if (k->type == N_PARA || k->type == N_TABLE) {
		find_fns(c);
		text_put(c, c->lp + c->fns, c->line_len - c->fns);
		if (k->type == N_TABLE)
			text_put(c, "\n", 1);
		else
			text_eol(c);
		k->end_line = c->line_no;
		if (k->type == N_TABLE && k->parent == 0 && c->stream_tab && !c->err)
			table_stream(c, container);
	} else {
		container = add_child(c, container, N_PARA);
		if (c->err)
			return;
		find_fns(c);
		text_put(c, c->lp + c->fns, c->line_len - c->fns);
		text_eol(c);
	}
}

/* ------------------------------------------------------------------ */
/* serializer: block layout of mdast-util-to-markdown 1.5.0 */

static uint32_t visible(aw_md_ctx *c, uint32_t x)
{
	if (c->pass == AW_MD_PASS_DOCUMENT)
		return x;
	while (x && N(c, x)->type == N_DEFS)
		x = N(c, x)->next;
	return x;
}

/* An item / list is spread when a blank line separates two children. */
static int spread(aw_md_ctx *c, uint32_t n)
{
	aw_md_node *k = N(c, n);
	uint32_t x = k->first;
	while (x && N(c, x)->next) {
		uint32_t y = N(c, x)->next, e = N(c, x)->end_line;
		if (k->type == N_ITEM && is_container(N(c, x)->type) && N(c, x)->nonblank_end > e)
			e = N(c, x)->nonblank_end;
		if (N(c, y)->start_line > e + 1)
			return 1;
		x = y;
	}
	/* a list closed by a container start keeps its trailing blank lines */
	if (k->type == N_LIST && x && k->nonblank_end > N(c, x)->end_line + 1)
		return 1;
	return 0;
}

static void code_value(aw_md_ctx *c, uint32_t n, const char **v, size_t *len)
{
	aw_md_node *k = N(c, n);
	*v = c->text + k->text_off;
	*len = drop_eol(*v, k->text_len);
}

static int code_indented(aw_md_ctx *c, uint32_t n)
{
	const char *v;
	size_t len, i, a;
	int nonsp = 0;

	if (N(c, n)->type != N_CODE)
		return 0;
	code_value(c, n, &v, &len);
	if (!len || N(c, n)->info_len)
		return 0;
	for (i = 0; i < len; i++)
		if (v[i] != ' ' && v[i] != '\r' && v[i] != '\n')
			nonsp = 1;
	if (!nonsp)
		return 0;
	/* first line blank? */
	for (i = 0; i < len && (v[i] == ' ' || v[i] == '\t'); i++)
		;
	if (i >= len || v[i] == '\n' || v[i] == '\r')
		return 0;
	/* last line blank? */
	a = len;
	while (a > 0 && v[a - 1] != '\n' && v[a - 1] != '\r')
		a--;
	if (is_ws_line(v + a, len - a))
		return 0;
	return 1;
}

static int heading_multiline(aw_md_ctx *c, uint32_t n)
{
	aw_md_node *k = N(c, n);
	return k->type == N_HEADING && k->level < 3 &&
	       (memchr(c->text + k->text_off, '\n', k->text_len) != NULL ||
		memchr(c->text + k->text_off, '\r', k->text_len) != NULL);
}

static const char *join_str(aw_md_ctx *c, uint32_t l, uint32_t r, uint32_t parent)
{
	int lt = N(c, l)->type, rt = N(c, r)->type, pt = parent ? N(c, parent)->type : N_DOC;

	if (rt == N_CODE && code_indented(c, r) &&
	    (lt == N_LIST || (lt == N_CODE && code_indented(c, l))))
		return "\n\n<!---->\n\n";
	if (lt == N_LIST && rt == N_LIST && N(c, l)->ordered == N(c, r)->ordered)
		return "\n\n<!---->\n\n";
	if (parent && (pt == N_LIST || pt == N_ITEM)) {
		if (lt == N_PARA && (rt == N_PARA || heading_multiline(c, r)))
			return "\n\n";
		return spread(c, parent) ? "\n\n" : "\n";
	}
	return "\n\n";
}

static void put_prefix(aw_md_ctx *c, int blank)
{
	uint8_t nb[AW_MD_DEPTH_MAX];
	int i;
	aw_buf *o = c->ser_out;

	if (!o)
		return;

	for (i = (int)c->nframes - 1; i >= 0; i--) {
		aw_md_frame *f = &c->frames[i];
		nb[i] = (uint8_t)blank;
		if (f->kind == F_ITEM) {
			if (f->lines == 0 || !blank)
				blank = 0;
		} else if (f->kind == F_BQUOTE) {
			blank = 0;
		} else if (f->kind == F_CODEIND) {
			if (!blank)
				blank = 0;
		}
	}
	for (i = 0; i < (int)c->nframes; i++) {
		aw_md_frame *f = &c->frames[i];
		int b = nb[i];
		if (f->kind == F_ITEM) {
			if (f->lines == 0) {
				aw_buf_put(o, f->bullet, f->blen);
				if (!b) {
					unsigned k;
					for (k = f->blen; k < f->size; k++)
						aw_buf_putc(o, ' ');
				}
			} else if (!b) {
				unsigned k;
				for (k = 0; k < f->size; k++)
					aw_buf_putc(o, ' ');
			}
		} else if (f->kind == F_BQUOTE) {
			aw_buf_put(o, b ? ">" : "> ", b ? 1 : 2);
		} else if (f->kind == F_CODEIND) {
			if (!b)
				aw_buf_put(o, "    ", 4);
		}
		f->lines++;
	}
}

/* Write text through the container prefixes (indentLines semantics: a
 * line ends at LF, CR or CRLF, kept as it is; c->bol_cr: the last byte
 * written was a CR, so an LF that follows completes its CRLF). */
static void emit(aw_md_ctx *c, const char *s, size_t n)
{
	aw_buf *o = c->ser_out;
	size_t i = 0;

	if (!o)
		return; /* parse-only walk */

	while (i < n) {
		const char *nl, *cr;
		size_t seg, e;
		if (c->at_bol) {
			if (c->bol_cr && s[i] == '\n') {
				aw_buf_putc(o, '\n');
				c->bol_cr = 0;
				i++;
				continue;
			}
			c->bol_cr = 0;
			if (s[i] == '\n' || s[i] == '\r') {
				put_prefix(c, 1);
				e = eol_at(s, i, n);
				aw_buf_put(o, s + i, e);
				c->bol_cr = e == 1 && s[i] == '\r';
				i += e;
				continue;
			}
			put_prefix(c, 0);
			c->at_bol = 0;
		}
		nl = memchr(s + i, '\n', n - i);
		cr = memchr(s + i, '\r', nl ? (size_t)(nl - (s + i)) : n - i);
		if (cr)
			nl = cr;
		seg = nl ? (size_t)(nl - (s + i)) + eol_at(s, (size_t)(nl - s), n) : n - i;
		aw_buf_put(o, s + i, seg);
		if (nl) {
			c->at_bol = 1;
			c->bol_cr = s[i + seg - 1] == '\r';
		}
		i += seg;
	}
}

static void emits(aw_md_ctx *c, const char *s)
{
	emit(c, s, strlen(s));
}

/* Inline content of a leaf; output in c->lin. */
/* One inline render of src[0..len) (see inl); AW_ERR_ARG: parse-only is
 * not possible here. */
static int inl_once(aw_md_ctx *c, const char *src, size_t len, int ctx, int want_link)
{
	aw_buf *fl = (want_link && !c->st.first_link_found) ? &c->id : NULL;
	unsigned flags = c->ser_fl;
	int r;

	aw_buf_reset(&c->lin);
	if (c->parse_only && !c->inl_no_null) {
		/* parse only: links and the first link, no serialization (an
		   inline module that wants an output buffer says AW_ERR_ARG) */
		r = aw_inl_render(&c->inl, &c->env_noref, src, len, ctx, flags, NULL, fl,
				     &c->st);
		if (r != AW_ERR_ARG)
			return r;
		c->inl_no_null = 1;
	}
	return aw_inl_render(&c->inl, &c->env_noref, src, len, ctx, flags, &c->lin, fl,
				&c->st);
}

/* Inline content of one block into c->lin (stats and the first link into
 * c->st / c->id). A block over an inline capacity (AW_INL_*_MAX) is cut:
 * the longest prefix that fits (halving) is rendered instead, so that the
 * item keeps its text up to there and its own first link; flagged. */
static void inl(aw_md_ctx *c, const char *src, size_t len, int ctx, int want_link)
{
	aw_inl_stats st0;
	size_t id0 = c->id.len;
	int r;

	while (len && (src[len - 1] == '\n' || src[len - 1] == '\r' || src[len - 1] == ' ' ||
		       src[len - 1] == '\t'))
		len--;
	st0 = c->st;
	r = inl_once(c, src, len, ctx, want_link);
	while (r == AW_ERR_TOOBIG && len) {
		const char *lim = c->st.limit;
		c->st = st0;          /* what the failed call counted is void */
		c->st.truncated = 1;
		c->st.limit = lim;
		c->id.len = id0;
		c->id.truncated = 0;
		len = (len > AW_INL_TEXT_MAX ? AW_INL_TEXT_MAX : len) / 2;
		while (len && ((unsigned char)src[len] & 0xc0) == 0x80)
			len--; /* (whole UTF-8 sequences) */
		r = inl_once(c, src, len, ctx, want_link);
	}
	if (r != AW_OK)
		c->st.truncated = 1;
}

static size_t u16len(const char *s, size_t n)
{
	size_t i, l = 0;
	for (i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];
		if ((ch & 0xc0) != 0x80)
			l += ch >= 0xf0 ? 2 : 1;
	}
	return l;
}

static void ser_table(aw_md_ctx *c, uint32_t n);

static void ser_leaf(aw_md_ctx *c, uint32_t n, int skip_task)
{
	aw_md_node *k = N(c, n);
	const char *s = c->text + k->text_off;

	switch (k->type) {
	case N_PARA:
		if (skip_task) {
			size_t sk = k->text_len >= 4 ? 4 : k->text_len;
			inl(c, s + sk, k->text_len - sk, AW_INL_PARAGRAPH, c->ser_want);
		} else {
			inl(c, s, k->text_len, AW_INL_PARAGRAPH, c->ser_want);
		}
		emit(c, c->lin.p, c->lin.len);
		break;
	case N_HEADING: {
		char hs[8];
		unsigned i;
		if (heading_multiline(c, n)) {
			/* setext: the text, then = or - as long as its last line
			   (JavaScript string length) */
			size_t a, u;
			inl(c, s, k->text_len, AW_INL_PARAGRAPH, c->ser_want);
			emit(c, c->lin.p, c->lin.len);
			a = c->lin.len;
			while (a > 0 && c->lin.p[a - 1] != '\n' && c->lin.p[a - 1] != '\r')
				a--;
			u = u16len(c->lin.p + a, c->lin.len - a);
			emit(c, "\n", 1);
			while (u--)
				emit(c, k->level == 1 ? "=" : "-", 1);
			break;
		}
		for (i = 0; i < k->level && i < 6; i++)
			hs[i] = '#';
		inl(c, s, k->text_len, AW_INL_HEADING, c->ser_want);
		emit(c, hs, i);
		if (c->lin.len) {
			emit(c, " ", 1);
			if (c->lin.p[0] == ' ') {
				emits(c, "&#x20;");
				emit(c, c->lin.p + 1, c->lin.len - 1);
			} else if (c->lin.p[0] == '\t') {
				emits(c, "&#x9;");
				emit(c, c->lin.p + 1, c->lin.len - 1);
			} else {
				emit(c, c->lin.p, c->lin.len);
			}
		}
		break;
	}
	case N_TBREAK:
		emits(c, "***");
		break;
	case N_HTML: {
		size_t len = drop_eol(s, k->text_len);
		if (c->ser_fl & AW_INL_REWRITE) {
			aw_buf_reset(&c->lin);
			if (aw_inl_rewrite_html(&c->env_noref, s, len, &c->lin) != AW_OK)
				c->st.truncated = 1;
			emit(c, c->lin.p, c->lin.len);
		} else {
			emit(c, s, len);
		}
		break;
	}
	case N_CODE: {
		const char *v;
		size_t len, i, run = 0, best = 0, fl;
		code_value(c, n, &v, &len);
		if (code_indented(c, n)) {
			aw_md_frame *f;
			if (c->nframes >= AW_MD_DEPTH_MAX) {
				c->st.truncated = 1;
				break;
			}
			f = &c->frames[c->nframes++];
			memset(f, 0, sizeof *f);
			f->kind = F_CODEIND;
			emit(c, v, len);
			c->nframes--;
			break;
		}
		for (i = 0; i < len; i++) {
			if (v[i] == '`') {
				if (++run > best)
					best = run;
			} else {
				run = 0;
			}
		}
		fl = best + 1 > 3 ? best + 1 : 3;
		for (i = 0; i < fl; i++)
			emit(c, "`", 1);
		if (k->info_len) {
			const char *in = c->text + k->info_off;
			size_t il = k->info_len, a = 0, j;
			while (a < il && in[a] != ' ' && in[a] != '\t')
				a++;
			/* lang, then meta (unescaping of entities not done) */
			for (j = 0; j < a; j++) {
				if (in[j] == '\\' && j + 1 < a && AW_IS_PUNCT(in[j + 1]))
					j++;
				emit(c, in + j, 1);
			}
			while (a < il && (in[a] == ' ' || in[a] == '\t'))
				a++;
			if (a < il) {
				emit(c, " ", 1);
				for (j = a; j < il; j++) {
					if (in[j] == '\\' && j + 1 < il && AW_IS_PUNCT(in[j + 1]))
						j++;
					emit(c, in + j, 1);
				}
			}
		}
		emit(c, "\n", 1);
		if (len) {
			emit(c, v, len);
			emit(c, "\n", 1);
		}
		for (i = 0; i < fl; i++)
			emit(c, "`", 1);
		break;
	}
	case N_TABLE:
		ser_table(c, n);
		break;
	case N_DEFS: {
		/* document pass: [label]: url "title", one per line */
		size_t used = 0, len = k->text_len, q;
		int err, first = 1;
		struct def_parts d;
		while (used < len && s[used] == '[') {
			size_t adv = parse_def(c, s + used, len - used, &err, &d);
			const char *b = s + used;
			if (!adv)
				break;
			if (!first)
				emit(c, "\n", 1);
			first = 0;
			emit(c, "[", 1);
			emit(c, b + d.lab0, d.lab1 - d.lab0);
			emit(c, "]: ", 3);
			for (q = d.u0; q < d.u1 && (unsigned char)b[q] > ' '; q++)
				;
			if (d.u0 == d.u1 || q < d.u1 || b[d.u0 - 1] == '<') {
				emit(c, "<", 1);
				emit(c, b + d.u0, d.u1 - d.u0);
				emit(c, ">", 1);
			} else {
				emit(c, b + d.u0, d.u1 - d.u0);
			}
			if (d.has_title && d.t1 > d.t0) {
				emit(c, " \"", 2);
				emit(c, b + d.t0, d.t1 - d.t0);
				emit(c, "\"", 1);
			}
			used += adv;
		}
		break;
	}
	default:
		break;
	}
}

static void frame_push(aw_md_ctx *c, uint32_t n, uint32_t parent_frame_ok, int standalone)
{
	aw_md_node *k = N(c, n);
	aw_md_frame *f;

	if (c->nframes >= AW_MD_DEPTH_MAX) {
		c->st.truncated = 1;
		return;
	}
	f = &c->frames[c->nframes++];
	memset(f, 0, sizeof *f);
	f->node = n;
	if (k->type == N_BQUOTE) {
		f->kind = F_BQUOTE;
	} else if (k->type == N_LIST) {
		uint32_t x;
		f->kind = F_LIST;
		f->bullet_dash = 0;
		if (!k->ordered)
			for (x = k->first; x; x = N(c, x)->next) {
				uint32_t fc = visible(c, N(c, x)->first);
				if (fc && N(c, fc)->type == N_TBREAK) {
					f->bullet_dash = 1;
					break;
				}
			}
	} else if (k->type == N_ITEM) {
		aw_md_frame *lf = (!standalone && parent_frame_ok && c->nframes >= 2) ?
					  &c->frames[c->nframes - 2] : NULL;
		f->kind = F_ITEM;
		if (lf && lf->kind == F_LIST && N(c, lf->node)->ordered) {
			int32_t num = N(c, lf->node)->start;
			char tmp[16];
			unsigned long v;
			int t = 0;
			num = num < 0 ? 1 : num;
			v = (unsigned long)num + lf->index;
			do {
				tmp[t++] = (char)('0' + v % 10);
				v /= 10;
			} while (v && t < 12);
			while (t)
				f->bullet[f->blen++] = tmp[--t];
			f->bullet[f->blen++] = '.';
		} else {
			f->bullet[0] = (lf && lf->bullet_dash) ? '-' : '*';
			f->blen = 1;
		}
		f->size = (uint8_t)(((f->blen + 1 + 3) / 4) * 4);
	}
}

/*
 * Serialize the subtree at `root` into out. standalone: root is a list
 * item printed without its list (the item markdown of section 5.3).
 */
static void ser(aw_md_ctx *c, uint32_t root, aw_buf *out, int rewrite, int want_link)
{
	uint32_t cur = root;
	int standalone = N(c, root)->type == N_ITEM;

	c->ser_out = out;
	c->parse_only = out == NULL;
	if (N(c, root)->cut) {
		/* its deepest containers were refused (too_deep) */
		c->st.truncated = 1;
		if (!c->st.limit)
			c->st.limit = "AW_MD_DEPTH_MAX";
	}
	c->at_bol = 1;
	c->bol_cr = 0;
	c->nframes = 0;
	c->ser_fl = rewrite ? AW_INL_REWRITE : 0;
	c->ser_want = want_link;
	if (!out && standalone && N(c, root)->checked < 0) {
		/* parse-only walk of an item that is one paragraph (most are):
		   the walk below would only reach that paragraph's inlines */
		uint32_t fc = visible(c, N(c, root)->first);
		if (fc && N(c, fc)->type == N_PARA && !visible(c, N(c, fc)->next)) {
			ser_leaf(c, fc, 0);
			return;
		}
	}
	for (;;) {
		aw_md_node *k = N(c, cur);
		uint32_t x;
		if (is_container(k->type)) {
			uint32_t fc = visible(c, k->first);
			int task = 0;
			frame_push(c, cur, 1, standalone && cur == root);
			if (k->type == N_ITEM && k->checked >= 0 && fc && N(c, fc)->type == N_PARA) {
				emits(c, k->checked ? "[x] " : "[ ] ");
				task = 1;
			}
			if (fc) {
				if (is_container(N(c, fc)->type)) {
					cur = fc;
					continue;
				}
				ser_leaf(c, fc, task);
				x = fc;
			} else {
				x = cur;
				/* empty container: one blank line for its prefix */
				if (c->nframes && c->frames[c->nframes - 1].lines == 0) {
					put_prefix(c, 1);
					c->at_bol = 0;
				}
				if (c->nframes)
					c->nframes--;
				if (cur == root)
					return;
			}
		} else {
			ser_leaf(c, cur, 0);
			x = cur;
			if (cur == root)
				return;
		}
		/* ascend from x to the next sibling */
		for (;;) {
			uint32_t nx = visible(c, N(c, x)->next);
			if (x == root)
				return;
			if (nx) {
				uint32_t par = N(c, x)->parent;
				emits(c, join_str(c, x, nx, par == 0 ? 0 : par));
				if (c->nframes && c->frames[c->nframes - 1].kind == F_LIST)
					c->frames[c->nframes - 1].index++;
				if (is_container(N(c, nx)->type)) {
					cur = nx;
					break;
				}
				ser_leaf(c, nx, 0);
				x = nx;
				continue;
			}
			x = N(c, x)->parent;
			/* leaving container x */
			if (c->nframes) {
				if (c->frames[c->nframes - 1].lines == 0) {
					put_prefix(c, 1);
					c->at_bol = 0;
				}
				c->nframes--;
			}
			if (x == root)
				return;
		}
	}
}

/* ---- GFM tables ---- */

#define MAXCOLS AW_MD_TABLE_COLS_MAX


static void ser_table(aw_md_ctx *c, uint32_t n)
{
	/* cells are rendered twice: once for widths, once for output */
	aw_md_node *k = N(c, n);
	const char *s = c->text + k->text_off, *e = s + k->text_len;
	/* column scratch lives in the context (no big stack frames) */
	size_t *c0 = c->tcol[0], *c1 = c->tcol[1], *w = c->tcol[2];
	char *al = c->talign;
	int ncol = 0, pass, row, i;

	memset(w, 0, sizeof c->tcol[2]);
	memset(al, 0, sizeof c->talign);
	for (pass = 0; pass < 2; pass++) {
		const char *l = s;
		row = 0;
		while (l < e) {
			const char *nl = memchr(l, '\n', (size_t)(e - l));
			size_t ln = nl ? (size_t)(nl - l) : (size_t)(e - l);
			int cnt = row_cells(l, ln, c0, c1, MAXCOLS);
			if (cnt > MAXCOLS) {
				cnt = MAXCOLS;
				c->st.truncated = 1;
			}
			if (row == 1) {
				if (pass == 0)
					for (i = 0; i < cnt; i++) {
						const char *d = l + c0[i];
						size_t dl = c1[i] - c0[i];
						int left = dl && d[0] == ':', right = dl && d[dl - 1] == ':';
						al[i] = (char)(left && right ? 'c' : left ? 'l' : right ? 'r' : 0);
					}
				else {
					emit(c, "\n|", 2);
					for (i = 0; i < ncol; i++) {
						size_t j, ww = w[i];
						emit(c, " ", 1);
						if (al[i] == 'l' || al[i] == 'c')
							emit(c, ":", 1);
						for (j = (al[i] == 'l' || al[i] == 'c') + (al[i] == 'r' || al[i] == 'c'); j < ww; j++)
							emit(c, "-", 1);
						if (al[i] == 'r' || al[i] == 'c')
							emit(c, ":", 1);
						emit(c, " |", 2);
					}
				}
			} else {
				if (pass == 0 && cnt > ncol)
					ncol = cnt;
				if (pass == 1)
					emit(c, row ? "\n|" : "|", row ? 2 : 1);
				for (i = 0; i < (pass ? ncol : cnt); i++) {
					size_t cl = 0, j, pad;
					if (i < cnt) {
						inl(c, l + c0[i], c1[i] - c0[i], AW_INL_TABLE_CELL,
						    pass == 1 && c->ser_want);
						cl = u16len(c->lin.p, c->lin.len);
					} else {
						aw_buf_reset(&c->lin);
					}
					if (pass == 0) {
						if (cl > w[i])
							w[i] = cl;
						continue;
					}
					pad = w[i] - cl;
					emit(c, " ", 1);
					if (al[i] == 'r')
						for (j = 0; j < pad; j++)
							emit(c, " ", 1);
					else if (al[i] == 'c')
						for (j = 0; j < pad - pad / 2; j++)
							emit(c, " ", 1);
					emit(c, c->lin.p, c->lin.len);
					if (al[i] == 'c')
						for (j = 0; j < pad / 2; j++)
							emit(c, " ", 1);
					else if (al[i] != 'r')
						for (j = 0; j < pad; j++)
							emit(c, " ", 1);
					emit(c, " |", 2);
				}
			}
			row++;
			l = nl ? nl + 1 : e;
		}
		if (pass == 0)
			for (i = 0; i < ncol; i++) {
				size_t mn = al[i] == 'c' ? 3 : (al[i] ? 2 : 1);
				if (w[i] < mn)
					w[i] = mn;
			}
	}
}

/* ------------------------------------------------------------------ */
/* categories and items */

static int lvl_max(aw_md_ctx *c)
{
	return c->o.max_heading_level ? c->o.max_heading_level : 2;
}

static int lvl_min(aw_md_ctx *c)
{
	int d = c->scanned ? c->deepest_scan : c->single ? c->deepest_hint : c->deepest;
	if (c->o.min_heading_level)
		return c->o.min_heading_level;
	return d > 3 ? d : 3;
}

/* Category text of a heading (section 3.1 text()), into dst. */
static void heading_text(aw_md_ctx *c, uint32_t n, int strip, char *dst, size_t *dlen)
{
	aw_md_node *k = N(c, n);
	aw_inl_stats save = c->st;
	const char *p;
	size_t len;

	memset(&c->st, 0, sizeof c->st);
	c->parse_only = 0;
	c->ser_fl = strip ? AW_INL_STRIP_HEADING : 0;
	inl(c, c->text + k->text_off, k->text_len, AW_INL_ROOT, 0);
	if (c->st.truncated)
		c->cat_trunc = 1;
	/* the reference's category serializer has no GFM: it throws on a
	   strikethrough and the whole file is dropped (list / table mode) */
	if (c->st.has_strike && c->o.type != AW_MD_HEADING)
		set_err(c, AW_ERR_SYNTAX);
	c->st = save;
	p = c->lin.p;
	len = c->lin.len;
	aw_js_trim(&p, &len);
	if (len > AW_MD_CAT_MAX) {
		len = AW_MD_CAT_MAX;
		c->cat_trunc = 1;
	}
	memcpy(dst, p, len);
	*dlen = len;
}

static void heading_cat(aw_md_ctx *c, uint32_t n, int strip)
{
	int d = N(c, n)->level, mx = lvl_max(c), mn = lvl_min(c);
	if (!c->min_used)
		c->min_used = mn; /* (aw_md_begin_single: must not change) */
	else if (c->min_used != mn)
		c->single_bad = 1;
	if (d >= mx && d < mn) {
		heading_text(c, n, strip, c->cat, &c->cat_len);
		c->catj_len = -1;
	} else if (d == mn) {
		heading_text(c, n, strip, c->sub, &c->sub_len);
		c->catj_len = -1;
	}
}

/* cat + " / " + sub (each trimmed, newlines as spaces) into c->catj. */
static size_t cat_join(aw_md_ctx *c)
{
	size_t o = 0, i;
	if (!c->o.parse_category)
		return 0;
	for (i = 0; i < c->cat_len; i++)
		c->catj[o++] = c->cat[i] == '\n' ? ' ' : c->cat[i];
	if (c->cat_len && c->sub_len) {
		memcpy(c->catj + o, " / ", 3);
		o += 3;
	}
	for (i = 0; i < c->sub_len; i++)
		c->catj[o++] = c->sub[i] == '\n' ? ' ' : c->sub[i];
	return o;
}

/* Which capacity cut an item: an index kept in bits 8..15 of its flags
 * until it is reported (AW_MD_F_* use the low bits). */
#define LIM_SHIFT 8
static const char *const lim_names[] = {
	NULL, "AW_INL_NODES_MAX", "AW_INL_TEXT_MAX", "AW_INL_DELIMS_MAX",
	"AW_INL_BRACKETS_MAX", "AW_INL_DEPTH_MAX", "AW_MD_ITEM_MAX", "AW_MD_IDENT_MAX",
	"AW_MD_CAT_MAX", "AW_MD_LINE_MAX", "AW_MD_TABLE_COLS_MAX", "AW_MD_DEPTH_MAX"
};

/* AW_MD_F_TRUNC with the index of capacity `name` (NULL: unknown). */
static unsigned trunc_flag(const char *name)
{
	unsigned i;
	for (i = 1; name && i < sizeof lim_names / sizeof lim_names[0]; i++)
		if (!strcmp(lim_names[i], name))
			return AW_MD_F_TRUNC | (i << LIM_SHIFT);
	return AW_MD_F_TRUNC;
}

/* The flag of an item whose inline stats, output `md` and identifier
 * buffers are as given (0 when nothing was cut). */
static unsigned cut_flag(const aw_inl_stats *st, const aw_buf *md, const aw_buf *id)
{
	if (st->limit)
		return trunc_flag(st->limit);
	if (md->truncated)
		return trunc_flag("AW_MD_ITEM_MAX");
	if (id->truncated)
		return trunc_flag("AW_MD_IDENT_MAX");
	return st->truncated ? AW_MD_F_TRUNC : 0u;
}

static int report(aw_md_ctx *c, const char *md, size_t mdl, const char *id, size_t idl,
		  uint32_t sl, uint32_t el, unsigned flags, const uint8_t *sha1)
{
	aw_md_item it;
	memset(&it, 0, sizeof it);
	if (sha1) {
		memcpy(it.sha1, sha1, 20);
		flags |= AW_MD_F_SHA1;
	}
	if (c->catj_len < 0)
		c->catj_len = (long)cat_join(c); /* once per category change */
	it.category = c->catj;
	it.category_len = (size_t)c->catj_len;
	it.ident = id;
	it.ident_len = idl;
	it.md = c->render ? md : "";
	it.md_len = c->render ? mdl : 0;
	it.start_line = sl;
	it.end_line = el;
	if (!(flags & AW_MD_F_TRUNC) && c->over_line && sl <= c->over_line &&
	    c->over_line <= el)
		flags |= trunc_flag("AW_MD_LINE_MAX");
	if (!(flags & AW_MD_F_TRUNC) && c->cat_trunc)
		flags |= trunc_flag("AW_MD_CAT_MAX");
	it.flags = flags & ((1u << LIM_SHIFT) - 1u);
	it.limit = lim_names[(flags >> LIM_SHIFT) & 0xffu];
	if (c->fn) {
		int r = c->fn(c->user, &it);
		if (r)
			return set_err(c, r); /* the callback's own code */
	}
	return AW_OK;
}

static int rewriting(aw_md_ctx *c)
{
	return c->render && c->env && c->env->repo_url;
}

/*
 * Render node n (an item standalone, or any block) into c->md (trimmed
 * range returned) and its identifier into c->id. Stats in c->st.
 */
static void render_unit(aw_md_ctx *c, uint32_t n, const char **md, size_t *mdl,
			const char **id, size_t *idl, unsigned *flags)
{
	aw_inl_stats st;
	aw_buf *out = c->render ? &c->md : &c->tmp;

	memset(&c->st, 0, sizeof c->st);
	aw_buf_reset(&c->md);
	aw_buf_reset(&c->id);
	aw_buf_reset(&c->tmp);
	/* render=0: a parse-only walk finds the links; only a link-less item
	   is serialized (its identifier is the whole item) */
	ser(c, n, c->render ? out : NULL, rewriting(c), 1);
	st = c->st;
	if (!c->render && !st.first_link_found)
		ser(c, n, out, 0, 0);
	*flags = 0;
	if (st.first_link_found) {
		*id = c->id.p;
		*idl = c->id.len;
	} else if (!rewriting(c)) {
		*id = out->p;
		*idl = out->len;
	} else {
		ser(c, n, &c->tmp, 0, 0);
		*id = c->tmp.p;
		*idl = c->tmp.len;
	}
	if (c->st.truncated || st.truncated || c->md.truncated || c->id.truncated ||
	    c->tmp.truncated) {
		*flags |= cut_flag(&st, &c->md, &c->id);
		if (!(*flags >> LIM_SHIFT))
			*flags |= cut_flag(&c->st, &c->md, &c->tmp);
	}
	c->st = st;
	aw_js_trim(id, idl);
	*md = c->md.p;
	*mdl = c->md.len;
	aw_js_trim(md, mdl);
}

/* ---- item cache (replays, render=0) ---- */

/* Two 64-bit running hashes over a byte sequence; word at a time. */
typedef struct khash {
	uint64_t a, b;
	uint32_t len;
} khash;

#define K1 0x9e3779b97f4a7c15ull
#define K2 0xc2b2ae3d27d4eb4full
#define K3 0x165667b19e3779f9ull
#define K4 0xff51afd7ed558ccdull

static uint64_t rotl64(uint64_t x, unsigned r)
{
	return (x << r) | (x >> (64 - r));
}

static void kh_word(khash *h, uint64_t w)
{
	h->a = rotl64(h->a ^ w, 29) * K1;
	h->b = rotl64(h->b + w, 23) * K2;
}

/* n bytes. Callers make the encoding unambiguous (lengths come first). */
static void kh_put(khash *h, const void *p, size_t n)
{
	const unsigned char *s = p;
	uint64_t w;

	h->len += (uint32_t)n;
	while (n >= 8) {
		memcpy(&w, s, 8);
		kh_word(h, w);
		s += 8;
		n -= 8;
	}
	if (n) {
		w = 0;
		memcpy(&w, s, n);
		kh_word(h, w ^ (uint64_t)n << 59);
	}
}

static uint64_t kh_fin(uint64_t x)
{
	x ^= x >> 33;
	x *= K4;
	x ^= x >> 33;
	x *= K2;
	x ^= x >> 33;
	return x;
}

/*
 * Key of an item: everything the serializer reads below the item node,
 * i.e. the shape of the subtree, every node's attributes and its lines
 * relative to the item's first line (spread), its text and info string.
 */
static void item_key(aw_md_ctx *c, uint32_t root, khash *h)
{
	uint32_t x = root, depth = 0, base = N(c, root)->start_line;

	h->a = c->cache_seed;
	h->b = ~c->cache_seed;
	h->len = 0;
	for (;;) {
		aw_md_node *k = N(c, x);
		uint64_t rec[5];
		/* lines relative to the item (mod 2^32; 0 = unset kept apart) */
		rec[0] = (uint64_t)k->type | (uint64_t)depth << 8 | (uint64_t)k->open << 24 |
			 (uint64_t)k->ordered << 32 | (uint64_t)k->level << 40 |
			 (uint64_t)k->marker << 48 | (uint64_t)k->fence_len << 56;
		rec[1] = (uint64_t)k->fence_off | (uint64_t)(uint8_t)k->checked << 8 |
			 (uint64_t)k->setext << 16 | (uint64_t)k->closed_fence << 24 |
			 (uint64_t)k->marker_off << 32 | (uint64_t)k->padding << 48;
		rec[2] = (uint64_t)(uint32_t)(k->start_line - base) |
			 (uint64_t)(uint32_t)(k->end_line - base) << 32;
		rec[3] = (k->nonblank_end ? (uint64_t)(uint32_t)(k->nonblank_end - base + 1u) : 0) |
			 (uint64_t)(uint32_t)k->start << 32;
		rec[4] = (uint64_t)k->text_len | (uint64_t)k->info_len << 32;
		kh_word(h, rec[0]);
		kh_word(h, rec[1]);
		kh_word(h, rec[2]);
		kh_word(h, rec[3]);
		kh_word(h, rec[4]); /* fixed size; rec[4] gives the text lengths */
		h->len += sizeof rec;
		kh_put(h, c->text + k->text_off, k->text_len);
		if (k->info_len)
			kh_put(h, c->text + k->info_off, k->info_len);
		/* pre-order walk of the subtree */
		if (k->first) {
			x = k->first;
			depth++;
			continue;
		}
		while (x != root && !N(c, x)->next) {
			x = N(c, x)->parent;
			depth--;
		}
		if (x == root)
			break;
		x = N(c, x)->next;
	}
}

static void cgen_clear(aw_md_cgen *g)
{
	g->n = 0;
	g->pool_len = 0;
	memset(g->slot, 0, sizeof g->slot);
}

static const aw_md_cent *cgen_find(const aw_md_cgen *g, uint64_t k1, uint64_t k2, uint32_t kl)
{
	uint32_t m = 2u * AW_MD_CACHE_ITEMS_MAX - 1u, i = (uint32_t)k1 & m, e;
	while ((e = g->slot[i]) != 0) {
		const aw_md_cent *ce = &g->ent[e - 1];
		if (ce->k1 == k1 && ce->k2 == k2 && ce->klen == kl)
			return ce;
		i = (i + 1) & m;
	}
	return NULL;
}

/* Insert (the table is at most half full, so a free slot exists). */
static void cgen_add(aw_md_cgen *g, uint64_t k1, uint64_t k2, uint32_t kl, const char *id,
		     size_t idl, unsigned lh, unsigned lo, const uint8_t sha1[20])
{
	uint32_t m = 2u * AW_MD_CACHE_ITEMS_MAX - 1u, i = (uint32_t)k1 & m;
	aw_md_cent *ce;

	if (g->n >= AW_MD_CACHE_ITEMS_MAX || idl > (size_t)AW_MD_CACHE_POOL_MAX - g->pool_len)
		return; /* full: this item stays uncached */
	while (g->slot[i])
		i = (i + 1) & m;
	ce = &g->ent[g->n++];
	g->slot[i] = g->n;
	ce->k1 = k1;
	ce->k2 = k2;
	ce->klen = kl;
	ce->id_off = g->pool_len;
	ce->id_len = (uint32_t)idl;
	memcpy(g->pool + g->pool_len, id, idl);
	g->pool_len += (uint32_t)idl;
	ce->links_hash = lh;
	ce->links_other = lo;
	memcpy(ce->sha1, sha1, 20);
}

/*
 * render_unit for render=0 through the cache: identifier, flags, link
 * counts and SHA-1 of item n (md stays empty).
 */
static void cached_unit(aw_md_ctx *c, uint32_t n, const char **id, size_t *idl, unsigned *fl,
			unsigned *lh, unsigned *lo, uint8_t sha1[20])
{
	aw_md_cache *k = c->cache;
	aw_md_cgen *cur = &k->gen[k->cur];
	const aw_md_cgen *old = &k->gen[k->cur ^ 1u];
	const aw_md_cent *ce = NULL;
	const char *md;
	size_t mdl;
	uint64_t k1, k2;
	khash h;

	item_key(c, n, &h);
	k1 = kh_fin(h.a);
	k2 = kh_fin(h.b ^ h.len);
	if (k->valid && k->next < old->n) {
		/* items mostly keep their order: try the successor of the
		   last old-generation hit first (no probing) */
		const aw_md_cent *p = &old->ent[k->next];
		if (p->k1 == k1 && p->k2 == k2 && p->klen == h.len)
			ce = p;
	}
	if (!ce && (ce = cgen_find(cur, k1, k2, h.len)) != NULL) {
		*id = cur->pool + ce->id_off;
	} else {
		if (!ce && k->valid)
			ce = cgen_find(old, k1, k2, h.len);
		if (ce) {
			/* an old-generation hit: carry it into the current one */
			uint32_t before = cur->n;
			k->next = (uint32_t)(ce - old->ent) + 1u;
			cgen_add(cur, k1, k2, h.len, old->pool + ce->id_off, ce->id_len,
				 ce->links_hash, ce->links_other, ce->sha1);
			*id = old->pool + ce->id_off;
			if (cur->n > before) {
				ce = &cur->ent[before];
				*id = cur->pool + ce->id_off;
			}
		}
	}
	if (ce) {
		k->hits++;
		*idl = ce->id_len;
		*fl = 0;
		*lh = ce->links_hash;
		*lo = ce->links_other;
		memcpy(sha1, ce->sha1, 20);
		return;
	}
	k->misses++;
	render_unit(c, n, &md, &mdl, id, idl, fl);
	*lh = c->st.links_hash;
	*lo = c->st.links_other;
	aw_sha1(*id, *idl, sha1);
	if (!*fl)
		cgen_add(cur, k1, k2, h.len, *id, *idl, *lh, *lo, sha1);
}

/* Seed of a pass: the definitions and the environment strings. */
static uint64_t cache_seed(aw_md_ctx *c)
{
	khash h;
	uint32_t i;
	const aw_inl_env *e = &c->env_noref;
	int32_t v[5];

	h.a = K1;
	h.b = K3;
	h.len = 0;
	v[0] = c->o.type;
	v[1] = c->o.max_heading_level;
	v[2] = c->o.min_heading_level;
	v[3] = c->o.heading_level;
	v[4] = e->fix_relative;
	kh_put(&h, v, sizeof v);
	kh_put(&h, &c->env, sizeof c->env);
	kh_put(&h, &e->stars, sizeof e->stars);
	kh_put(&h, &e->stars_user, sizeof e->stars_user);
	kh_word(&h, e->repo_url ? e->repo_url_len : 0);
	kh_word(&h, e->branch ? e->branch_len : 0);
	kh_word(&h, e->file_path ? e->file_path_len : 0);
	kh_word(&h, c->ndefs);
	kh_put(&h, e->repo_url ? e->repo_url : "", e->repo_url ? e->repo_url_len : 0);
	kh_put(&h, e->branch ? e->branch : "", e->branch ? e->branch_len : 0);
	kh_put(&h, e->file_path ? e->file_path : "", e->file_path ? e->file_path_len : 0);
	for (i = 0; i < c->ndefs; i++) {
		aw_md_def *d = &c->defs[i];
		kh_word(&h, (uint64_t)d->has_title | (uint64_t)d->label_len << 8 |
				    (uint64_t)d->url_len << 32);
		kh_word(&h, d->title_len);
		kh_put(&h, c->def_pool + d->label_off, d->label_len);
		kh_put(&h, c->def_pool + d->url_off, d->url_len);
		kh_put(&h, c->def_pool + d->title_off, d->title_len);
	}
	return kh_fin(h.a ^ rotl64(h.b, 17) ^ h.len);
}

/* Start of an items pass: rotate the generations. */
static void cache_pass(aw_md_ctx *c)
{
	aw_md_cache *k = c->cache;
	uint64_t seed;

	c->cache_on = k && !c->render && c->scanned && c->o.type == AW_MD_LIST;
	if (!c->cache_on) {
		if (k)
			k->bypass++;
		return;
	}
	seed = cache_seed(c);
	c->cache_seed = seed;
	if (c->window && k->seed == seed && k->gen[k->cur].n < AW_MD_CACHE_ITEMS_MAX / 2 &&
	    k->gen[k->cur].pool_len < AW_MD_CACHE_POOL_MAX / 2) {
		/* a window covers a small part of the version: keep filling the
		   current generation, rotate only once it is half full */
		k->next = 0;
		return;
	}
	/* gen[cur] was filled by the last pass under k->seed */
	k->valid = k->gen[k->cur].n && k->seed == seed;
	k->cur ^= 1u;
	k->next = 0;
	cgen_clear(&k->gen[k->cur]);
	k->seed = seed;
}

void aw_md_cache_init(aw_md_cache *k)
{
	memset(k, 0, sizeof *k);
}

void aw_md_set_cache(aw_md_ctx *c, aw_md_cache *k)
{
	c->cache = k;
	c->cache_on = 0;
}

static int toc_keep(unsigned h, unsigned e)
{
	return h == 0 || (e > 10 && h < 2);
}

static void pend_add(aw_md_ctx *c, const char *md, size_t mdl, const char *id, size_t idl,
		     uint32_t sl, uint32_t el, unsigned flags, const uint8_t *sha1)
{
	aw_md_pend *p;
	if (c->npend >= AW_MD_PEND_ITEMS_MAX) {
		set_cap(c, "AW_MD_PEND_ITEMS_MAX", (unsigned long)c->npend + 1, AW_MD_PEND_ITEMS_MAX);
		return;
	}
	if (mdl + idl > (size_t)AW_MD_PEND_BYTES_MAX - c->pend_len) {
		set_cap(c, "AW_MD_PEND_BYTES_MAX", (unsigned long)(c->pend_len + mdl + idl),
			(unsigned long)AW_MD_PEND_BYTES_MAX);
		return;
	}
	p = &c->pend[c->npend++];
	p->md_off = c->pend_len;
	p->md_len = (uint32_t)mdl;
	memcpy(c->pend_mem + c->pend_len, md, mdl);
	c->pend_len += (uint32_t)mdl;
	p->id_off = c->pend_len;
	p->id_len = (uint32_t)idl;
	memcpy(c->pend_mem + c->pend_len, id, idl);
	c->pend_len += (uint32_t)idl;
	p->start_line = sl;
	p->end_line = el;
	p->flags = flags;
	if (sha1)
		memcpy(p->sha1, sha1, 20);
}

/* One list item for the items pass: through the cache when it is on. The
 * result lives in the context buffers (or the cache) until the next item. */
struct unit {
	const char *md, *id;
	size_t mdl, idl;
	unsigned fl, lh, lo;
	uint8_t sha1[20];
};

static void item_unit(aw_md_ctx *c, uint32_t it, struct unit *u)
{
	u->md = "";
	u->mdl = 0;
	if (c->cache_on) {
		cached_unit(c, it, &u->id, &u->idl, &u->fl, &u->lh, &u->lo, u->sha1);
	} else {
		render_unit(c, it, &u->md, &u->mdl, &u->id, &u->idl, &u->fl);
		u->lh = c->st.links_hash;
		u->lo = c->st.links_other;
	}
}

/*
 * aw_md_opts.nested: the items of the lists nested (at any depth) in the
 * top-level item `top` whose own first block is a paragraph with a link,
 * in document order: to pend (pend != 0) or reported. Iterative preorder
 * walk over the subtree (no recursion).
 */
static void nested_items(aw_md_ctx *c, uint32_t top, int pend)
{
	uint32_t n = N(c, top)->first;
	while (n && n != top && !c->err) {
		aw_md_node *k = N(c, n);
		if (k->type == N_ITEM && k->first && N(c, k->first)->type == N_PARA) {
			const char *md, *id;
			size_t mdl, idl;
			unsigned fl;
			render_unit(c, k->first, &md, &mdl, &id, &idl, &fl);
			if (c->st.first_link_found) {
				render_unit(c, n, &md, &mdl, &id, &idl, &fl);
				if (pend)
					pend_add(c, md, mdl, id, idl, k->start_line, k->end_line, fl, NULL);
				else
					report(c, md, mdl, id, idl, k->start_line, k->end_line, fl, NULL);
			}
		}
		/* next in preorder within top's subtree */
		if (k->first && (k->type == N_LIST || k->type == N_ITEM || k->type == N_BQUOTE)) {
			n = k->first;
			continue;
		}
		while (n != top && !N(c, n)->next)
			n = N(c, n)->parent;
		n = n == top ? 0 : N(c, n)->next;
	}
}

static void list_items(aw_md_ctx *c, uint32_t list)
{
	uint32_t it;
	unsigned h = 0, e = 0, i;

	c->npend = 0;
	c->pend_len = 0;
	for (it = N(c, list)->first; it && !c->err; it = N(c, it)->next) {
		struct unit u;
		item_unit(c, it, &u);
		h += u.lh;
		e += u.lo;
		if (h >= 2)
			return; /* dropped whatever follows */
		pend_add(c, u.md, u.mdl, u.id, u.idl, N(c, it)->start_line, N(c, it)->end_line,
			 u.fl, c->cache_on ? u.sha1 : NULL);
		if (c->o.nested)
			nested_items(c, it, 1);
	}
	if (c->err || !toc_keep(h, e))
		return;
	for (i = 0; i < c->npend && !c->err; i++) {
		aw_md_pend *p = &c->pend[i];
		report(c, c->pend_mem + p->md_off, p->md_len, c->pend_mem + p->id_off, p->id_len,
		       p->start_line, p->end_line, p->flags, c->cache_on ? p->sha1 : NULL);
	}
}

/* ---- streaming items (AW_MD_STREAM) ---- */

static unsigned toc_bits(const aw_md_ctx *c, uint32_t i)
{
	return (c->toc[i / 4] >> (2 * (i % 4))) & 3u;
}

/* Scan pass, end of top-level list c->nlists: store its TOC decision from
 * the link counts its items added up. Bit 0: keep; bit 1: a reference found
 * no definition (one stored later may change the decision). */
static void toc_store(aw_md_ctx *c, unsigned h, unsigned e, uint32_t miss)
{
	uint32_t i = c->nlists;
	unsigned bits;

	if (i >= AW_MD_TOC_LISTS_MAX)
		return;
	bits = (h < 2 && toc_keep(h, e) ? 1u : 0u) | (miss ? 2u : 0u);
	c->toc[i / 4] = (uint8_t)((c->toc[i / 4] & ~(3u << (2 * (i % 4)))) | bits << (2 * (i % 4)));
}

/* Items pass: is top-level list i decided by the scan? */
static int toc_decided(const aw_md_ctx *c, uint32_t i)
{
	return i < AW_MD_TOC_LISTS_MAX && (!(toc_bits(c, i) & 2u) || c->lists_at_def <= i);
}

/*
 * An item of a top-level list is complete. Scan pass: add up its links for
 * the TOC rule. Items pass: report it now if the scan decided to keep its
 * list. Then free its subtree (every node after it, and its text), unless
 * the items pass must hold the whole list (undecided).
 */
static void stream_item(aw_md_ctx *c, uint32_t n)
{
	aw_md_node *k;
	uint32_t i = c->nlists;

	if (c->pass == AW_MD_PASS_SCAN) {
		if (c->gate_seen && c->toc_h < 2) {
			memset(&c->st, 0, sizeof c->st);
			c->parse_only = 0;
			c->ser_fl = 0;
			ser(c, n, NULL, rewriting(c), 1);
			c->toc_h += c->st.links_hash;
			c->toc_e += c->st.links_other;
		}
	} else if (c->gate_seen) {
		if (!toc_decided(c, i))
			return;
		if (toc_bits(c, i) & 1u) {
			struct unit u;
			item_unit(c, n, &u);
			c->toc_h += u.lh;
			c->toc_e += u.lo;
			if (!c->err)
				report(c, u.md, u.mdl, u.id, u.idl, N(c, n)->start_line,
				       N(c, n)->end_line, u.fl, c->cache_on ? u.sha1 : NULL);
			if (!c->err && c->o.nested)
				nested_items(c, n, 0);
		}
	}
	/* keep one closed stub of the list's items (its last one) in the
	   list's first child slot: the list's finalization and the next
	   item's linking see only its last child */
	{
		uint32_t list = N(c, n)->parent, f = list + 1;
		k = N(c, n);
		c->text_len = k->text_off;
		k->first = k->last = 0;
		k->next = 0;
		if (c->tip == n)
			c->tip = list;
		if (f != n && N(c, list)->first == f) {
			*N(c, f) = *k;
			N(c, list)->first = N(c, list)->last = f;
			n = f;
		}
		c->nnodes = n + 1;
	}
}

/* ---- table mode ---- */

/* A table cell serialized, trimmed, appended to the item markdown. */
static void md_cell(aw_md_ctx *c, const char *s, size_t n, unsigned flags, int want_link)
{
	const char *p;
	size_t pl;
	c->ser_fl = flags;
	inl(c, s, n, AW_INL_TABLE_CELL, want_link);
	p = c->lin.p;
	pl = c->lin.len;
	aw_js_trim(&p, &pl);
	aw_buf_put(&c->md, p, pl);
}

/* Body row `row` (>= 2) of table n as an item: hdr[0..hl) is the header
 * line, l[0..ln) the row. */
static void table_row(aw_md_ctx *c, uint32_t n, const char *hdr, size_t hl, const char *l,
		      size_t ln, int row)
{
	size_t *h0 = c->tcol[3], *h1 = c->tcol[4], *c0 = c->tcol[5], *c1 = c->tcol[6];
	int hc = row_cells(hdr, hl, h0, h1, MAXCOLS);
	int cnt = row_cells(l, ln, c0, c1, MAXCOLS), i;
	unsigned fl = 0;
	const char *id;
	size_t idl;

	if (cnt > MAXCOLS) {
		cnt = MAXCOLS;
		fl |= trunc_flag("AW_MD_TABLE_COLS_MAX");
	}
	memset(&c->st, 0, sizeof c->st);
	c->parse_only = 0;
	aw_buf_reset(&c->md);
	aw_buf_reset(&c->id);
	aw_buf_reset(&c->tmp);
	for (i = 0; i < cnt; i++) {
		aw_buf_puts(&c->md, i == 0 ? "- " : "  ");
		if (i < hc && i < MAXCOLS)
			md_cell(c, hdr + h0[i], h1[i] - h0[i], 0, 0);
		aw_buf_puts(&c->md, ": ");
		md_cell(c, l + c0[i], c1[i] - c0[i], rewriting(c) ? AW_INL_REWRITE : 0, 1);
		aw_buf_puts(&c->md, "\n\n");
	}
	if (c->st.first_link_found) {
		id = c->id.p;
		idl = c->id.len;
	} else {
		/* the row serialized alone: | a | b | */
		aw_buf_putc(&c->tmp, '|');
		for (i = 0; i < cnt; i++) {
			const char *p;
			size_t pl;
			c->ser_fl = 0;
			inl(c, l + c0[i], c1[i] - c0[i], AW_INL_TABLE_CELL, 0);
			p = c->lin.p;
			pl = c->lin.len;
			aw_buf_putc(&c->tmp, ' ');
			aw_buf_put(&c->tmp, pl ? p : " ", pl ? pl : 1);
			aw_buf_puts(&c->tmp, " |");
		}
		id = c->tmp.p;
		idl = c->tmp.len;
		aw_js_trim(&id, &idl);
	}
	if (!fl && (c->st.truncated || c->md.truncated || c->id.truncated || c->tmp.truncated))
		fl |= cut_flag(&c->st, &c->md, c->id.truncated ? &c->id : &c->tmp);
	report(c, c->md.p, c->md.len, id, idl, N(c, n)->start_line + (uint32_t)row,
	       N(c, n)->start_line + (uint32_t)row, fl, NULL);
}

static void table_items(aw_md_ctx *c, uint32_t n)
{
	aw_md_node *k = N(c, n);
	const char *s = c->text + k->text_off, *e = s + k->text_len, *l = s, *hdr = s;
	size_t hl = 0;
	int row = 0;

	while (l < e && !c->err) {
		const char *nl = memchr(l, '\n', (size_t)(e - l));
		size_t ln = nl ? (size_t)(nl - l) : (size_t)(e - l);
		if (row == 0) {
			hdr = l;
			hl = ln;
		} else if (row >= 2) {
			table_row(c, n, hdr, hl, l, ln, row);
		}
		row++;
		l = nl ? nl + 1 : e;
	}
}

/* A body row was just added to top-level table n (AW_MD_STREAM, list or
 * table mode): report it now in table mode's items pass, then drop its
 * text, so that a table never has to fit in RAM whole. The header and
 * delimiter rows stay; k->start counts the rows gone. */
static void table_stream(aw_md_ctx *c, uint32_t n)
{
	aw_md_node *k = N(c, n);
	const char *s = c->text + k->text_off, *e = c->text + c->text_len, *l = e - 1, *nl;

	nl = memchr(s, '\n', (size_t)(e - s));
	if (!nl || nl >= l)
		return;
	while (l > s && l[-1] != '\n')
		l--;
	if (c->pass == AW_MD_PASS_ITEMS && c->o.type == AW_MD_TABLE)
		table_row(c, n, s, (size_t)(nl - s), l, (size_t)(e - 1 - l), 2 + k->start);
	k->start++;
	c->text_len = (uint32_t)(l - c->text);
}

/* ---- heading mode ---- */

static void sec_close(aw_md_ctx *c, int at_end)
{
	const char *md, *id;
	size_t mdl, idl;
	unsigned fl = 0;

	if (!c->sec_blocks || (at_end && c->sec_blocks < 2)) {
		c->sec_blocks = 0;
		return;
	}
	md = c->md.p;
	mdl = c->md.len;
	aw_js_trim(&md, &mdl);
	if (c->sec_link) {
		id = c->id.p;
		idl = c->id.len;
	} else if (rewriting(c)) {
		id = c->raw.p;
		idl = c->raw.len;
	} else {
		id = c->md.p;
		idl = c->md.len;
	}
	aw_js_trim(&id, &idl);
	if (c->md.truncated || c->id.truncated || c->raw.truncated)
		fl |= cut_flag(&c->sec_st, &c->md, c->id.truncated ? &c->id : &c->raw);
	else if (c->sec_st.truncated)
		fl |= cut_flag(&c->sec_st, &c->md, &c->id);
	report(c, md, mdl, id, idl, c->sec_start, c->sec_end, fl, NULL);
	c->sec_blocks = 0;
}

static void sec_append(aw_md_ctx *c, uint32_t n)
{
	aw_md_node *k = N(c, n);
	int type = k->type, icode = code_indented(c, n);
	const char *sep = "\n\n";
	aw_inl_stats st;

	if (!c->sec_blocks) {
		aw_buf_reset(&c->md);
		aw_buf_reset(&c->id);
		aw_buf_reset(&c->raw);
		c->sec_link = 0;
		memset(&c->sec_st, 0, sizeof c->sec_st);
		c->sec_start = k->start_line;
	} else if ((type == N_CODE && icode &&
		    (c->sec_last_type == N_LIST || (c->sec_last_type == N_CODE && c->sec_last_icode))) ||
		   (type == N_LIST && c->sec_last_type == N_LIST && c->sec_last_ordered == k->ordered)) {
		sep = "\n\n<!---->\n\n";
	}
	/* render into tmp first: a list may still be dropped by the TOC rule */
	memset(&c->st, 0, sizeof c->st);
	c->st.first_link_found = c->sec_link;
	aw_buf_reset(&c->tmp);
	{
		size_t idlen = c->id.len;
		ser(c, n, &c->tmp, rewriting(c), 1);
		st = c->st;
		if (type == N_LIST && !toc_keep(st.links_hash, st.links_other)) {
			c->id.len = idlen;
			return;
		}
	}
	if (c->sec_blocks)
		aw_buf_puts(&c->md, sep);
	aw_buf_put(&c->md, c->tmp.p, c->tmp.len);
	if (rewriting(c) && !c->sec_link) {
		if (c->sec_blocks)
			aw_buf_puts(&c->raw, sep);
		ser(c, n, &c->raw, 0, 0);
	}
	if (st.first_link_found)
		c->sec_link = 1;
	if (st.truncated && !c->sec_st.truncated) {
		c->sec_st.truncated = 1;
		c->sec_st.limit = st.limit;
	}
	c->sec_blocks++;
	c->sec_end = k->end_line;
	c->sec_last_type = type;
	c->sec_last_ordered = k->ordered;
	c->sec_last_icode = icode;
}

/* ---- document pass: every top-level block at the root ---- */

static void doc_block(aw_md_ctx *c, uint32_t n)
{
	aw_md_node *k = N(c, n);
	aw_buf *o = &c->raw; /* the pending-item memory, unused in this pass */
	const char *sep = "\n\n";
	int icode = code_indented(c, n);

	if (k->type == N_DEFS && k->text_len == 0)
		return;
	if (c->sec_blocks &&
	    ((k->type == N_CODE && icode &&
	      (c->sec_last_type == N_LIST || (c->sec_last_type == N_CODE && c->sec_last_icode))) ||
	     (k->type == N_LIST && c->sec_last_type == N_LIST && c->sec_last_ordered == k->ordered)))
		sep = "\n\n<!---->\n\n";
	memset(&c->st, 0, sizeof c->st);
	aw_buf_reset(o);
	ser(c, n, o, c->env && c->env->repo_url, 0);
	if (o->truncated || c->st.truncated) {
		/* cut to what fits, as an item is (docs/spec.md 8.4), counted */
		if (!c->doc_cut++)
			c->doc_lim = c->st.limit ? c->st.limit :
				o->truncated ? "AW_MD_PEND_BYTES_MAX" : NULL;
	}
	if (c->sec_blocks && aw_sink_puts(c->sink, sep))
		set_err(c, c->sink->err);
	if (!c->err && aw_sink_write(c->sink, o->p, o->len))
		set_err(c, c->sink->err);
	c->sec_blocks++;
	c->sec_last_type = k->type;
	c->sec_last_ordered = k->ordered;
	c->sec_last_icode = icode;
}

/* ---- dispatch of a closed top-level block ---- */

/* Tell the heading callback (items passes). */
static void head_cb(aw_md_ctx *c, const aw_md_node *k, unsigned flags)
{
	if (!c->head_fn || c->pass != AW_MD_PASS_ITEMS)
		return;
	if (!k->setext)
		flags |= AW_MD_H_ATX;
	{
		int r = c->head_fn(c->head_user, k->start_line, k->level, flags);
		if (r)
			set_err(c, r);
	}
}

static void process_top(aw_md_ctx *c, uint32_t n)
{
	aw_md_node *k = N(c, n);
	int scan = c->pass == AW_MD_PASS_SCAN;
	unsigned hf = AW_MD_H_COUNTED, th = 0, te = 0;
	uint32_t miss = 0;

	if (c->err)
		return;
	if (c->pass == AW_MD_PASS_DOCUMENT) {
		doc_block(c, n);
		return;
	}
	if (k->type == N_LIST) {
		/* streaming: what its items added up (AW_MD_STREAM) */
		th = c->toc_h;
		te = c->toc_e;
		miss = c->ref_miss;
		c->toc_h = c->toc_e = 0;
		c->ref_miss = 0;
	}
	if (c->o.type == AW_MD_TABLE) {
		if (k->type == N_HEADING) {
			if (k->level > c->deepest)
				c->deepest = k->level;
			head_cb(c, k, hf);
			if (!scan)
				heading_cat(c, n, 0);
		} else if (k->type == N_TABLE && !scan) {
			table_items(c, n);
		}
		return;
	}
	if (!c->gate_seen) {
		int g = c->o.type == AW_MD_HEADING ? c->o.max_heading_level : lvl_max(c);
		if (k->type != N_HEADING || !g || k->level != g) {
			if (k->type == N_HEADING)
				head_cb(c, k, 0);
			return;
		}
		c->gate_seen = 1;
		hf |= AW_MD_H_GATE;
	}
	if (k->type == N_HEADING) {
		if (k->level > c->deepest)
			c->deepest = k->level;
		head_cb(c, k, hf);
		if (c->err)
			return;
	}
	if (scan) {
		if (c->stream_on && k->type == N_LIST) {
			toc_store(c, th, te, miss);
			c->nlists++;
		}
		return;
	}
	if (c->o.type == AW_MD_LIST) {
		if (k->type == N_HEADING) {
			heading_cat(c, n, 1);
		} else if (k->type == N_LIST) {
			if (c->stream_on && toc_decided(c, c->nlists)) {
				/* its items went out as they completed: the items
				   pass must come to the scan's decision */
				if ((toc_bits(c, c->nlists) & 1u) && !toc_keep(th, te))
					set_err(c, AW_ERR_STATE);
			} else {
				list_items(c, n);
			}
			c->nlists++;
		}
		return;
	}
	/* heading mode */
	if (k->type == N_TBREAK || k->type == N_DEFS)
		return;
	if (k->type == N_HEADING) {
		int hl = c->o.heading_level ? c->o.heading_level : 3;
		if (k->level <= hl) {
			/* the closed item takes the category in force before this
			   heading; headings above the item level are not content */
			if (k->level == hl) {
				sec_close(c, 0);
				sec_append(c, n);
			}
			heading_cat(c, n, 0);
			return;
		}
	}
	sec_append(c, n);
}

/* ------------------------------------------------------------------ */
/* public API */

void aw_md_opts_default(aw_md_opts *o)
{
	memset(o, 0, sizeof *o);
	o->type = AW_MD_LIST;
	o->parse_category = 1;
}

int aw_md_init(aw_md_ctx *c, const aw_md_opts *o, const aw_inl_env *env, int render,
	       aw_md_item_fn fn, void *user)
{
	aw_md_opts d;
	if (!c)
		return AW_ERR_ARG;
	if (!o) {
		aw_md_opts_default(&d);
		o = &d;
	}
	if (o->type < AW_MD_LIST || o->type > AW_MD_HEADING || o->max_heading_level < 0 ||
	    o->max_heading_level > 6 || o->min_heading_level < 0 || o->min_heading_level > 6 ||
	    o->heading_level < 0 || o->heading_level > 6)
		return AW_ERR_ARG;
	memset(c, 0, offsetof(aw_md_ctx, nodes));
	c->nnodes = c->tip = c->text_len = 0;
	c->gate_seen = c->deepest = c->deepest_scan = 0;
	c->cat_len = c->sub_len = 0;
	c->catj_len = -1;
	c->cat_trunc = 0;
	memset(&c->st, 0, sizeof c->st);
	c->at_bol = c->ser_want = c->ser_fl = c->inl_no_null = c->parse_only = 0;
	c->ser_out = NULL;
	c->nframes = 0;
	c->npend = c->pend_len = 0;
	c->sec_blocks = c->sec_start = c->sec_end = 0;
	c->sec_link = c->sec_last_type = c->sec_last_ordered = c->sec_last_icode = 0;
	c->o = *o;
	c->env = env;
	if (env)
		c->env_noref = *env;
	else
		memset(&c->env_noref, 0, sizeof c->env_noref);
	c->env_noref.defs = defs_lookup;
	c->env_noref.defs_user = c;
	c->render = render;
	c->fn = fn;
	c->user = user;
	aw_buf_init(&c->md, c->md_mem, sizeof c->md_mem);
	aw_buf_init(&c->id, c->id_mem, sizeof c->id_mem);
	aw_buf_init(&c->tmp, c->tmp_mem, sizeof c->tmp_mem);
	aw_buf_init(&c->lin, c->lin_mem, sizeof c->lin_mem);
	aw_buf_init(&c->raw, c->pend_mem, sizeof c->pend_mem);
	c->ndefs = 0;
	c->def_pool_len = 0;
	c->pass = 0;
	return AW_OK;
}

int aw_md_begin_document(aw_md_ctx *c, aw_sink *out)
{
	int r;
	if (!out || !out->fn)
		return AW_ERR_ARG;
	c->sink = out;
	r = aw_md_begin(c, AW_MD_PASS_DOCUMENT);
	if (r)
		c->sink = NULL;
	return r;
}

int aw_md_begin(aw_md_ctx *c, int pass)
{
	if (pass != AW_MD_PASS_SCAN && pass != AW_MD_PASS_ITEMS && pass != AW_MD_PASS_DOCUMENT)
		return AW_ERR_ARG;
	if (pass == AW_MD_PASS_DOCUMENT && !c->sink)
		return AW_ERR_ARG;
	if (pass == AW_MD_PASS_SCAN) {
		c->ndefs = 0;
		c->def_pool_len = 0;
		c->scanned = 0;
	} else if (!c->scanned) {
		c->ndefs = 0;
		c->def_pool_len = 0;
	}
	c->pass = pass;
	c->err = 0;
	c->eof = 0;
	c->keep_pool = 0;
	c->line_no = 0;
	c->last_nonblank = c->last_ws_blank = 0;
	c->line_len = 0;
	c->cr_wait = 0;
	c->eol = EOL_LF;
	c->line_over = 0;
	c->over_line = 0;
	c->lim_name = NULL;
	c->bom_checked = 0;
	c->gate_seen = 0;
	c->deepest = 0;
	c->cat_len = c->sub_len = 0;
	c->catj_len = -1;
	c->cat_trunc = 0;
	c->sec_blocks = 0;
	c->doc_cut = 0;
	c->doc_lim = NULL;
	c->npend = c->pend_len = 0;
	aw_buf_reset(&c->raw);
	pool_reset(c);
	c->cache_on = 0;
	c->reuse = c->reuse_fail = c->reuse_ok = 0;
	c->reuse_defs = 0;
	if (pass == AW_MD_PASS_ITEMS)
		cache_pass(c);
	c->window = 0;
	c->nlists = 0;
	c->toc_h = c->toc_e = 0;
	if (pass == AW_MD_PASS_SCAN) {
		memset(c->toc, 0, sizeof c->toc);
		c->lists_at_def = 0;
	}
	c->ref_miss = 0;
	c->miss_total = 0;
	c->min_used = 0;
	c->single = c->single_bad = 0;
	/* the TOC decisions are those of the scan that ran just before */
	c->stream_on = AW_MD_STREAM && c->o.type == AW_MD_LIST &&
		       (pass == AW_MD_PASS_SCAN || (pass == AW_MD_PASS_ITEMS && c->fresh_scan));
	c->fresh_scan = 0;
	c->stream_tab = AW_MD_STREAM && c->o.type != AW_MD_HEADING &&
			(pass == AW_MD_PASS_SCAN || pass == AW_MD_PASS_ITEMS);
	return AW_OK;
}

int aw_md_begin_reuse(aw_md_ctx *c)
{
	int r;
	if (!c->scanned)
		return AW_ERR_STATE;
	r = aw_md_begin(c, AW_MD_PASS_ITEMS);
	if (r == AW_OK) {
		c->reuse = 1;
		c->stream_on = 0; /* the scan's TOC decisions are another version's */
	}
	return r;
}

int aw_md_reuse_ok(const aw_md_ctx *c)
{
	return c->reuse_ok;
}

unsigned long aw_md_doc_cut(const aw_md_ctx *c, const char **limit)
{
	if (limit)
		*limit = c->doc_lim;
	return c->doc_cut;
}

int aw_md_deepest(const aw_md_ctx *c)
{
	return c->scanned ? c->deepest_scan : 0;
}

int aw_md_begin_single(aw_md_ctx *c, int deepest_hint)
{
	int r;
	if (deepest_hint < 0 || deepest_hint > 6)
		return AW_ERR_ARG;
	c->scanned = 0; /* definitions are collected as it goes */
	r = aw_md_begin(c, AW_MD_PASS_ITEMS);
	if (r == AW_OK) {
		c->single = 1;
		c->deepest_hint = deepest_hint;
	}
	return r;
}

int aw_md_guess_deepest(const char *buf, size_t len)
{
	size_t i = 0;
	int deepest = 0;

	/* '#' is rare in a list: find each, then see whether it opens a line
	   (after at most 3 spaces) as a run of 1-6 followed by a space / end */
	while (i < len) {
		const char *h = memchr(buf + i, '#', len - i);
		size_t k, j, e;
		if (!h)
			break;
		k = (size_t)(h - buf);
		for (e = k; e < len && buf[e] == '#'; e++)
			;
		i = e;
		for (j = k; j > 0 && buf[j - 1] == ' ' && k - j < 3; j--)
			;
		if (j > 0 && buf[j - 1] != '\n' && buf[j - 1] != '\r')
			continue;
		if (e - k <= 6 && (e == len || buf[e] == ' ' || buf[e] == '\t' || buf[e] == '\n' ||
				   buf[e] == '\r') && (int)(e - k) > deepest)
			deepest = (int)(e - k);
	}
	return deepest;
}

int aw_md_begin_window(aw_md_ctx *c, uint32_t first_line, int gate_seen)
{
	int r;
	if (!first_line || c->o.type == AW_MD_HEADING)
		return AW_ERR_ARG;
	if (!c->scanned || c->ndefs)
		return AW_ERR_STATE;
	c->window = 1; /* (read by the cache rotation in aw_md_begin) */
	r = aw_md_begin(c, AW_MD_PASS_ITEMS);
	if (r)
		return r;
	c->reuse = 1;
	c->window = 1;
	c->stream_on = 0;
	/* the state right after a top-level ATX heading on line first_line - 1:
	   nothing open, that line the last non-blank one */
	c->line_no = first_line - 1;
	c->last_nonblank = first_line - 1;
	c->gate_seen = gate_seen != 0;
	if (first_line > 1)
		c->bom_checked = 1;
	return AW_OK;
}

uint32_t aw_md_line(const aw_md_ctx *c)
{
	return c->line_no;
}

const char *aw_md_limit(const aw_md_ctx *c, unsigned long *value, unsigned long *max,
			uint32_t *line)
{
	if (value)
		*value = c->lim_value;
	if (max)
		*max = c->lim_max;
	if (line)
		*line = c->lim_line;
	return c->lim_name;
}

int aw_md_at_atx(const aw_md_ctx *c)
{
	const aw_md_node *k = &c->nodes[c->nodes[0].last];
	/* an ATX heading is finalized when the next line arrives: until then
	   it is the only open block */
	return c->pass && !c->err && c->line_no && !c->line_len && !c->cr_wait &&
	       c->nodes[0].last && k->type == N_HEADING && k->open && !k->setext &&
	       k->parent == 0 && k->start_line == c->line_no;
}

uint32_t aw_md_ndefs(const aw_md_ctx *c)
{
	return c->ndefs;
}

void aw_md_set_heading_fn(aw_md_ctx *c, aw_md_heading_fn fn, void *user)
{
	c->head_fn = fn;
	c->head_user = user;
}

static void end_line(aw_md_ctx *c)
{
	size_t i = 0;
	process_line(c);
	while (i < c->line_len && (c->lp[i] == ' ' || c->lp[i] == '\t'))
		i++;
	if (!c->line_blank)
		c->last_nonblank = c->line_no;
	else if (c->line_len && i >= c->line_len)
		c->last_ws_blank = c->line_no;
	c->line_len = 0;
	if (c->line_over)
		c->over_line = c->line_no;
	c->line_over = 0;
}

/* First index >= i of '\r' or NUL in buf[0..len), looking at most 64 KiB
 * ahead (then the end of that window): the lines are parsed while those
 * bytes are still in the cache. */
static size_t first_cr_nul(const char *buf, size_t i, size_t len)
{
	size_t w = len - i > 65536 ? i + 65536 : len;
	const char *r = memchr(buf + i, '\r', w - i), *z;
	size_t e = r ? (size_t)(r - buf) : w;
	z = memchr(buf + i, 0, e - i);
	return z ? (size_t)(z - buf) : e;
}

int aw_md_feed(aw_md_ctx *c, const char *buf, size_t len)
{
	size_t i = 0, spec = first_cr_nul(buf, 0, len);

	if (!c->pass)
		return AW_ERR_STATE;
	/* spec: the next '\r' or NUL; lines before it end at a '\n' only,
	   found with memchr (most documents have neither) */
	while (i < len && !c->err) {
		unsigned char ch = (unsigned char)buf[i];
		if (!c->bom_checked) {
			/* a UTF-8 BOM may arrive split: hold up to 3 bytes */
			static const unsigned char bom[3] = { 0xef, 0xbb, 0xbf };
			if (ch == bom[c->line_len]) {
				c->line[c->line_len++] = (char)ch;
				i++;
				if (c->line_len == 3) {
					c->line_len = 0;
					c->bom_checked = 1;
				}
				continue;
			}
			c->bom_checked = 1;
		}
		if (c->cr_wait) {
			/* the line held back at a CR that ended the last chunk */
			c->cr_wait = 0;
			c->eol = ch == '\n' ? EOL_CRLF : EOL_CR;
			c->lp = c->line;
			end_line(c);
			if (ch == '\n')
				i++;
			continue;
		}
		if (ch == '\n' || ch == '\r') {
			if (ch == '\r' && i + 1 == len) {
				c->cr_wait = 1; /* CR or CRLF: the next byte says */
				i++;
				continue;
			}
			c->eol = ch == '\n' ? EOL_LF : buf[i + 1] == '\n' ? EOL_CRLF : EOL_CR;
			c->lp = c->line;
			end_line(c);
			i += c->eol == EOL_CRLF ? 2 : 1;
			continue;
		}
		{
			/* copy a run of ordinary bytes */
			size_t j;
			const char *nl;
			if (spec < i || (spec == i && buf[i] != 0))
				spec = first_cr_nul(buf, i, len); /* (passed, or a window end) */
			nl = memchr(buf + i, '\n', spec - i);
			j = nl ? (size_t)(nl - buf) : spec;
			if (j == i) {
				/* NUL -> U+FFFD */
				if (AW_MD_LINE_MAX - c->line_len < 3)
					c->line_over = 1;
				else {
					memcpy(c->line + c->line_len, "\xef\xbf\xbd", 3);
					c->line_len += 3;
				}
				i++;
				continue;
			}
			while (!c->line_len && !nl && j < len && buf[j] != '\r' && buf[j] != 0) {
				/* a look-ahead window ended inside a fresh line:
				   find its end (a line of any length is parsed in
				   place when it is whole in buf) */
				spec = first_cr_nul(buf, j, len);
				nl = memchr(buf + j, '\n', spec - j);
				j = nl ? (size_t)(nl - buf) : spec;
			}
			if (!c->line_len && !c->line_over && j < len &&
			    (buf[j] == '\n' || (buf[j] == '\r' && j + 1 < len))) {
				/* a whole line in buf, its end known: parse it in
				   place, no copy (a CR ending buf: copied, held) */
				c->lp = buf + i;
				c->line_len = j - i;
				c->eol = buf[j] == '\n' ? EOL_LF :
					 buf[j + 1] == '\n' ? EOL_CRLF : EOL_CR;
				end_line(c);
				i = j + (c->eol == EOL_CRLF ? 2 : 1);
				continue;
			}
			if (j - i > AW_MD_LINE_MAX - c->line_len) {
				/* a line longer than the buffer (it arrived in
				   pieces): its end is dropped and every item
				   around it flagged, the run goes on */
				j = i + (AW_MD_LINE_MAX - c->line_len);
				while (j > i && ((unsigned char)buf[j] & 0xc0) == 0x80)
					j--; /* (a whole UTF-8 sequence or none) */
				c->line_over = 1;
				memcpy(c->line + c->line_len, buf + i, j - i);
				c->line_len += j - i;
				i = nl ? (size_t)(nl - buf) : spec;
				continue;
			}
			memcpy(c->line + c->line_len, buf + i, j - i);
			c->line_len += j - i;
			i = j;
		}
	}
	return c->err;
}

int aw_md_end(aw_md_ctx *c)
{
	if (!c->pass)
		return AW_ERR_STATE;
	if (!c->err && !c->bom_checked)
		c->bom_checked = 1; /* a lone partial BOM stays text */
	if (!c->err && c->cr_wait) {
		c->cr_wait = 0;
		c->eol = EOL_CR;
		c->lp = c->line;
		end_line(c);
	}
	c->eof_nl = c->line_no > 0 && !c->line_len;
	if (!c->err && c->line_len) {
		c->eol = EOL_NONE;
		c->lp = c->line;
		end_line(c);
	}
	c->eof = 1;
	if (!c->err)
		close_below(c, 0);
	if (!c->err && c->pass == AW_MD_PASS_ITEMS && c->o.type == AW_MD_HEADING)
		sec_close(c, 1);
	if (!c->err && c->pass == AW_MD_PASS_DOCUMENT) {
		if (c->sec_blocks && aw_sink_putc(c->sink, '\n'))
			set_err(c, c->sink->err);
		c->sink = NULL;
	}
	if (c->pass == AW_MD_PASS_SCAN && !c->err) {
		c->fresh_scan = 1;
		c->scanned = 1;
		c->deepest_scan = c->deepest;
	}
	if (c->reuse)
		c->reuse_ok = !c->err && !c->reuse_fail && c->reuse_defs == c->ndefs &&
			      (c->window || c->deepest == c->deepest_scan);
	if (c->single) {
		/* every category was decided with the final min level, and no
		   reference missed before a definition was stored: scan + items
		   would have reported the same; the facts are now complete */
		int hinted = lvl_min(c);
		c->single = 0;
		c->reuse_ok = !c->err && !c->single_bad && hinted == lvl_min(c) &&
			      (!c->min_used || c->min_used == hinted);
		if (c->reuse_ok) {
			c->scanned = 1;
			c->deepest_scan = c->deepest;
		}
	}
	c->reuse = 0;
	c->window = 0;
	c->pass = 0;
	return c->err;
}
