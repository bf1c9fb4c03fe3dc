/*
 * aw_md_block.c - block parser of aw_md (docs/spec.md 2), one line at a
 * time (aw_mdi_process_line): a cmark-style block parser (open container
 * stack, lazy continuation, CommonMark 0.30 start / interrupt rules, GFM
 * tables and task items), adjusted where micromark 3 (what the reference
 * uses) differs: where container exits land relative to blank lines (list
 * / item "spread", item end lines), end lines of unclosed fenced code and
 * HTML, interruption after indented code, lone tags on lazy lines. The
 * tree of the current top-level block lives in a fixed node pool
 * (c->nodes, its text in c->text); when that block closes it is handed to
 * aw_mdi_process_top (aw_md_items.c) and the pool is reset. Leaf text
 * keeps each line's own end (LF, CR or CRLF) as the reference's values
 * do. Quotes and lists nested deeper than AW_MD_DEPTH_MAX are not opened
 * (their markers stay text) and the items holding them are flagged, not
 * failed. Link reference definitions: split off paragraphs, collected
 * (scan and single passes), verified against an earlier scan (reuse
 * passes), looked up for the inline parser (aw_mdi_defs_lookup).
 *
 * Deliberately not here: line assembly (aw_md_feed, aw_md.c), what a
 * closed block means (aw_md_items.c), printing (aw_md_ser.c). Known gaps:
 * GFM footnote definitions are not containers (they parse as paragraphs);
 * reference labels are case-folded for ASCII only; definition URLs decode
 * only backslash escapes and &amp; &lt; &gt; &quot;.
 */
#include <string.h>

#include "aw_md_impl.h"

#define TABSTOP 4

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
int aw_mdi_set_cap(aw_md_ctx *c, const char *name, unsigned long value, unsigned long max)
{
	note_cap(c, name, value, max);
	return aw_mdi_set_err(c, AW_ERR_TOOBIG);
}

/* ------------------------------------------------------------------ */
/* node pool */

void aw_mdi_pool_reset(aw_md_ctx *c)
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
		return aw_mdi_set_cap(c, "AW_MD_TEXT_MAX", (unsigned long)(c->text_len + n),
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

/* Close one node whose descendants are closed. */
static uint32_t finalize_one(aw_md_ctx *c, uint32_t n);

/* Close node n after its open descendants, deepest first; returns the
 * parent of n. */
static uint32_t finalize(aw_md_ctx *c, uint32_t n)
{
	for (;;) {
		uint32_t y = n;
		while (aw_mdi_node(c, y)->last && aw_mdi_node(c, aw_mdi_node(c, y)->last)->open)
			y = aw_mdi_node(c, y)->last;
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
void aw_mdi_close_below(aw_md_ctx *c, uint32_t x)
{
	while (!c->err && aw_mdi_node(c, x)->last &&
	       aw_mdi_node(c, aw_mdi_node(c, x)->last)->open) {
		uint32_t y = aw_mdi_node(c, x)->last;
		while (aw_mdi_node(c, y)->last && aw_mdi_node(c, aw_mdi_node(c, y)->last)->open)
			y = aw_mdi_node(c, y)->last;
		finalize_one(c, y);
	}
}

static uint32_t add_child(aw_md_ctx *c, uint32_t parent, int type)
{
	aw_md_node *p, *k;
	uint32_t i;

	/* micromark exits the containers a new container start closes at
	   that line, after any blank lines: they count inside them (spread) */
	c->by_container = aw_mdi_is_container(type);
	c->ext_mark = ws_extent(c);
	if (type == N_BQUOTE || type == N_LIST) {
		/* ...unless the new container starts at the root, and not for a
		   new item of an open list (micromark's _closeFlow path) */
		uint32_t q = parent;
		while (q && !can_contain(aw_mdi_node(c, q)->type, type))
			q = aw_mdi_node(c, q)->parent;
		if (q)
			c->ext_mark = c->line_no;
	}
	for (;;) {
		aw_mdi_close_below(c, parent);
		if (c->err || can_contain(aw_mdi_node(c, parent)->type, type))
			break;
		parent = finalize(c, parent);
	}
	c->ext_mark = 0;
	c->by_container = 0;
	if (c->err)
		return 0;
	if (c->nnodes >= AW_MD_NODES_MAX) {
		aw_mdi_set_cap(c, "AW_MD_NODES_MAX", (unsigned long)c->nnodes + 1, AW_MD_NODES_MAX);
		return 0;
	}
	if (aw_mdi_is_container(type) && aw_mdi_node(c, parent)->depth + 3u >= AW_MD_DEPTH_MAX) {
		aw_mdi_set_cap(c, "AW_MD_DEPTH_MAX",
			       (unsigned long)aw_mdi_node(c, parent)->depth + 4u, AW_MD_DEPTH_MAX);
		return 0;
	}
	i = c->nnodes++;
	k = aw_mdi_node(c, i);
	memset(k, 0, sizeof *k);
	k->type = (uint8_t)type;
	k->open = 1;
	k->parent = parent;
	k->depth = (uint8_t)(aw_mdi_node(c, parent)->depth + 1u); /* (bounded: containers above) */
	k->start_line = k->end_line = c->line_no;
	k->text_off = c->text_len;
	k->checked = -1;
	p = aw_mdi_node(c, parent);
	if (p->last)
		aw_mdi_node(c, p->last)->next = i;
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

int aw_mdi_defs_lookup(void *user, const char *label, size_t label_len, const char **url,
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
	if (aw_mdi_eol_at(s, i, n)) {
		*nl = 1;
		i += aw_mdi_eol_at(s, i, n);
		while (i < n && (s[i] == ' ' || s[i] == '\t'))
			i++;
	}
	return i;
}

/*
 * Try to parse one definition at s[0..n). Returns the bytes consumed
 * (through the line end) or 0.
 */
size_t aw_mdi_parse_def(aw_md_ctx *c, const char *s, size_t n, int *err, struct def_parts *dp)
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
			if (aw_mdi_eol_at(s, j, n) &&
			    aw_mdi_eol_at(s, j + aw_mdi_eol_at(s, j, n), n))
				break;
			j++;
		}
		if (j < n && s[j] == close) {
			size_t e = j + 1;
			while (e < n && (s[e] == ' ' || s[e] == '\t'))
				e++;
			if (e >= n || aw_mdi_eol_at(s, e, n)) {
				t0 = k + 1;
				t1 = j;
				has_title = 1;
				i = e + aw_mdi_eol_at(s, e, n);
				goto ok;
			}
		}
	}
	if (save < n && !aw_mdi_eol_at(s, save, n))
		return 0;
	i = save + aw_mdi_eol_at(s, save, n);
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
	aw_md_node *p = aw_mdi_node(c, n);
	const char *s = c->text + p->text_off;
	size_t len = p->text_len, used = 0, k;
	uint32_t lines = 0, d;
	int err;

	while (used < len && s[used] == '[') {
		k = aw_mdi_parse_def(c, s + used, len - used, &err, NULL);
		if (err)
			aw_mdi_set_err(c, err);
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
	if (used >= len || aw_mdi_is_ws_line(s + used, len - used)) {
		p->type = N_DEFS;
		return;
	}
	/* split: a DEFS node before the remaining paragraph */
	if (c->nnodes >= AW_MD_NODES_MAX) {
		aw_mdi_set_cap(c, "AW_MD_NODES_MAX", (unsigned long)c->nnodes + 1, AW_MD_NODES_MAX);
		return;
	}
	d = c->nnodes++;
	*aw_mdi_node(c, d) = *p;
	p = aw_mdi_node(c, n);
	aw_mdi_node(c, d)->type = N_DEFS;
	aw_mdi_node(c, d)->end_line = p->start_line + lines - 1;
	aw_mdi_node(c, d)->next = n;
	aw_mdi_node(c, d)->open = 0;
	/* relink d before n in the parent */
	{
		aw_md_node *par = aw_mdi_node(c, p->parent);
		if (par->first == n) {
			par->first = d;
		} else {
			uint32_t x = par->first;
			while (aw_mdi_node(c, x)->next != n)
				x = aw_mdi_node(c, x)->next;
			aw_mdi_node(c, x)->next = d;
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
	aw_md_node *k = aw_mdi_node(c, n);
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
			aw_mdi_process_top(c, pre);
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
				size_t b = aw_mdi_drop_eol(s, len); /* (every line has its end) */
				size_t a = b;
				while (a > 0 && s[a - 1] != '\n' && s[a - 1] != '\r')
					a--;
				if (!aw_mdi_is_ws_line(s + a, b - a))
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
			size_t len = aw_mdi_drop_eol(t, k->text_len);
			while (len && t[len - 1] != '\n' && t[len - 1] != '\r')
				len--;
			k->text_len = (uint32_t)len;
		}
		break;
	case N_LIST:
	case N_ITEM:
	case N_BQUOTE:
		if (k->last && aw_mdi_node(c, k->last)->end_line > k->start_line)
			k->end_line = aw_mdi_node(c, k->last)->end_line;
		else
			k->end_line = k->start_line;
		/* an item ends where its last (container) child was exited:
		   after trailing whitespace-only lines, say (prepareList) */
		if (k->type == N_ITEM && k->last &&
		    aw_mdi_is_container(aw_mdi_node(c, k->last)->type) &&
		    aw_mdi_node(c, k->last)->nonblank_end > k->end_line && c->ext_mark &&
		    c->ext_mark == ws_extent(c))
			k->end_line = aw_mdi_node(c, k->last)->nonblank_end;
		k->nonblank_end = c->ext_mark > k->end_line ? c->ext_mark : k->end_line;
		break;
	default:
		break;
	}
	if (c->stream_on && k->type == N_ITEM && parent && aw_mdi_node(c, parent)->parent == 0 &&
	    aw_mdi_node(c, parent)->type == N_LIST && !c->err)
		aw_mdi_stream_item(c, n);
	if (c->tip == n)
		c->tip = parent;
	if (parent == 0 && n != 0) {
		aw_mdi_process_top(c, n);
		if (!c->keep_pool)
			aw_mdi_pool_reset(c);
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
		while (p && !can_contain(aw_mdi_node(c, p)->type, type))
			p = aw_mdi_node(c, p)->parent;
		if (type == N_LIST)
			need = 4u; /* the list and its item */
	}
	if (aw_mdi_node(c, p)->depth + need < AW_MD_DEPTH_MAX)
		return 0;
	for (x = container; x; x = aw_mdi_node(c, x)->parent)
		aw_mdi_node(c, x)->cut = 1;
	for (x = c->tip; x; x = aw_mdi_node(c, x)->parent)
		aw_mdi_node(c, x)->cut = 1;
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
		return aw_mdi_is_ws_line(s + i + 1, n - i - 1);
	}
	for (;;) {
		size_t ws = i;
		while (i < n && (s[i] == ' ' || s[i] == '\t'))
			i++;
		if (i >= n)
			return 0;
		if (s[i] == '>')
			return aw_mdi_is_ws_line(s + i + 1, n - i - 1);
		if (s[i] == '/') {
			if (i + 1 < n && s[i + 1] == '>')
				return aw_mdi_is_ws_line(s + i + 2, n - i - 2);
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
	if (!aw_mdi_is_ws_line(s + i, n - i))
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
int aw_mdi_row_cells(const char *s, size_t n, size_t *c0, size_t *c1, int max)
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
	if (interrupts_para && aw_mdi_is_ws_line(s + i, n - i))
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
	aw_md_node *t = aw_mdi_node(c, c->tip);
	if (aw_mdi_node(c, container)->type == N_PARA)
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

void aw_mdi_process_line(aw_md_ctx *c)
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
		uint32_t lc = aw_mdi_node(c, container)->last;
		if (!lc || !aw_mdi_node(c, lc)->open)
			break;
		container = lc;
		k = aw_mdi_node(c, container);
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
				    aw_mdi_is_ws_line(c->lp + c->fns + fl,
						      c->line_len - c->fns - fl)) {
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
	maybe_lazy = aw_mdi_node(c, c->tip)->type == N_PARA;

	/* 2. new container / leaf starts */
	while (aw_mdi_node(c, container)->type != N_CODE &&
	       aw_mdi_node(c, container)->type != N_HTML) {
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
			k = aw_mdi_node(c, container);
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
			k = aw_mdi_node(c, container);
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
						 !(aw_mdi_node(c, c->tip)->type == N_PARA &&
						   aw_mdi_node(c, c->tip)->open))) != 0) {
			container = add_child(c, container, N_HTML);
			if (c->err)
				return;
			aw_mdi_node(c, container)->level = (uint8_t)lv;
			/* the line itself is added below */
		} else if (!indented && aw_mdi_node(c, container)->type == N_PARA &&
			   (lv = scan_setext(s, n)) != 0 && all_matched) {
			/* only when the paragraph keeps text after its definitions */
			k = aw_mdi_node(c, container);
			k->text_len = c->text_len - k->text_off;
			para_defs(c, container);
			k = aw_mdi_node(c, container);
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
		} else if (!indented &&
			   !(aw_mdi_node(c, container)->type == N_PARA && !all_matched) &&
			   scan_thematic(s, n)) {
			container = add_child(c, container, N_TBREAK);
			c->off = c->line_len;
		} else if ((!indented || aw_mdi_node(c, container)->type == N_LIST) &&
			   c->indent < 4 &&
			   scan_list_marker(c, interrupting(c, container), &ordered, &marker,
					    &start, &mlen)) {
			size_t spaces_col, save_off, save_col, mcol;
			int save_pt;
			uint16_t marker_off = (uint16_t)c->indent, padding;
			uint32_t list;

			if (too_deep(c, container, N_LIST,
				     aw_mdi_node(c, container)->type == N_LIST &&
				     aw_mdi_node(c, container)->ordered == ordered &&
				     aw_mdi_node(c, container)->marker == marker))
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
			if (aw_mdi_node(c, container)->type != N_LIST ||
			    aw_mdi_node(c, container)->ordered != ordered ||
			    aw_mdi_node(c, container)->marker != marker) {
				list = add_child(c, container, N_LIST);
				if (c->err)
					return;
				aw_mdi_node(c, list)->ordered = ordered;
				aw_mdi_node(c, list)->marker = marker;
				aw_mdi_node(c, list)->start = start;
				container = list;
			}
			container = add_child(c, container, N_ITEM);
			if (c->err)
				return;
			k = aw_mdi_node(c, container);
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
		} else if (!indented && aw_mdi_node(c, container)->type == N_PARA && all_matched) {
			/* GFM table: delimiter row under the paragraph's last line */
			int dc = scan_table_delim(s, n);
			aw_md_node *p = aw_mdi_node(c, container);
			const char *pt;
			size_t plen, ls, hend;
			size_t c0[1], c1[1];
			if (!dc)
				break;
			pt = c->text + p->text_off;
			plen = c->text_len - p->text_off;
			hend = ls = aw_mdi_drop_eol(pt, plen);
			while (ls > 0 && pt[ls - 1] != '\n' && pt[ls - 1] != '\r')
				ls--;
			if (aw_mdi_row_cells(pt + ls, hend - ls, c0, c1, 1) != dc)
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
					container = aw_mdi_node(c, container)->parent;
					tbl = add_child(c, container, N_TABLE);
					if (c->err)
						return;
					aw_mdi_node(c, tbl)->text_off = (uint32_t)hoff;
					aw_mdi_node(c, tbl)->start_line = hdr_line;
				} else {
					tbl = container;
					p->type = N_TABLE;
				}
				container = tbl;
				aw_mdi_node(c, tbl)->level = (uint8_t)(dc > 255 ? 255 : dc);
				add_line_rest(c, 1);
				aw_mdi_node(c, tbl)->end_line = c->line_no;
				c->off = c->line_len;
				return;
			}
		} else {
			break;
		}
		if (c->err)
			return;
		if (accepts_lines(aw_mdi_node(c, container)->type) ||
		    aw_mdi_node(c, container)->type == N_HEADING ||
		    aw_mdi_node(c, container)->type == N_TBREAK)
			break;
		maybe_lazy = 0;
	}

	/* 3. the rest of the line */
	find_fns(c);
	c->line_blank = c->blank;
	if (c->tip != last_matched && container == last_matched && !c->blank &&
	    aw_mdi_node(c, c->tip)->type == N_PARA && aw_mdi_node(c, c->tip)->open &&
	    c->indent < 4 &&
	    scan_html_start(c->lp + c->fns, c->line_len - c->fns, 1) == 7) {
		/* micromark: a lazy line holding a lone tag becomes a one-line
		   HTML block next to the paragraph, inside the open containers */
		uint32_t h = add_child(c, aw_mdi_node(c, c->tip)->parent, N_HTML);
		if (c->err)
			return;
		aw_mdi_node(c, h)->level = 7;
		text_put(c, c->lp + c->fns, c->line_len - c->fns);
		text_eol(c);
		return;
	}
	if (c->tip != last_matched && container == last_matched && !c->blank &&
	    aw_mdi_node(c, c->tip)->type == N_PARA && aw_mdi_node(c, c->tip)->open) {
		/* lazy paragraph continuation */
		find_fns(c);
		text_put(c, c->lp + c->fns, c->line_len - c->fns);
		text_eol(c);
		aw_mdi_node(c, c->tip)->end_line = c->line_no;
		return;
	}
	if (container == last_matched) {
		c->ext_mark = ws_extent(c);
		aw_mdi_close_below(c, last_matched);
		c->ext_mark = 0;
	}
	if (c->err)
		return;
	k = aw_mdi_node(c, container);
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
			aw_mdi_table_stream(c, container);
	} else {
		container = add_child(c, container, N_PARA);
		if (c->err)
			return;
		find_fns(c);
		text_put(c, c->lp + c->fns, c->line_len - c->fns);
		text_eol(c);
	}
}
