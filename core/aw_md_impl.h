/*
 * aw_md_impl.h - what the four files of the Markdown parser share, and
 * nothing else includes: aw_md.c (public API: passes, modes, options,
 * line assembly), aw_md_block.c (block parser), aw_md_items.c (item
 * extraction and modes), aw_md_ser.c (Markdown serializer). The node
 * types, the small hot helpers (static inline, so the generated code is
 * that of one file), and the aw_mdi_ calls between the files, listed by
 * the file that defines them. The context's fields are in aw_md_int.h.
 *
 * Data flow: aw_md_feed assembles lines -> aw_mdi_process_line (block)
 * builds the tree of the current top-level block in c->nodes / c->text;
 * a closed top-level block -> aw_mdi_process_top (items: list / table /
 * heading / document mode), which renders through aw_mdi_ser / aw_mdi_inl
 * (ser) and reports items through the caller's callback.
 */
#ifndef AW_MD_IMPL_H
#define AW_MD_IMPL_H

#include <stddef.h>
#include <stdint.h>

#include "aw_md.h"

/* Node types of the block tree (aw_md_node.type). */
enum {
	N_NONE = 0, N_DOC, N_BQUOTE, N_LIST, N_ITEM, N_PARA, N_HEADING,
	N_TBREAK, N_CODE, N_HTML, N_TABLE, N_DEFS
};

/* How a source line ended. The text of paragraphs, code and HTML keeps
 * each line's own end (LF, CR or CRLF; LF for the last line without one),
 * as the reference's mdast values do; table rows end in LF. */
enum { EOL_NONE = 0, EOL_LF, EOL_CR, EOL_CRLF };

static inline int aw_mdi_is_container(int t)
{
	return t == N_DOC || t == N_BQUOTE || t == N_LIST || t == N_ITEM;
}

static inline int aw_mdi_set_err(aw_md_ctx *c, int e)
{
	if (!c->err)
		c->err = e;
	return c->err;
}

/* Length of the line end at s[i] (CRLF 2, CR or LF 1), 0 if none. */
static inline size_t aw_mdi_eol_at(const char *s, size_t i, size_t n)
{
	if (i >= n || (s[i] != '\n' && s[i] != '\r'))
		return 0;
	return s[i] == '\r' && i + 1 < n && s[i + 1] == '\n' ? 2 : 1;
}

/* len without the line end that closes s[0..len), if any. */
static inline size_t aw_mdi_drop_eol(const char *s, size_t len)
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

static inline int aw_mdi_is_ws_line(const char *s, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t')
			return 0;
	return 1;
}

static inline aw_md_node *aw_mdi_node(aw_md_ctx *c, uint32_t i)
{
	return &c->nodes[i];
}

/* ---- aw_md_block.c: block parser ---- */

/* AW_ERR_TOOBIG for capacity `name` (needed `value`, limit `max`),
 * recorded for aw_md_limit. */
int aw_mdi_set_cap(aw_md_ctx *c, const char *name, unsigned long value, unsigned long max);

/* Empty the node pool and the block text: only the open document node. */
void aw_mdi_pool_reset(aw_md_ctx *c);

/* Finalize every open descendant of node x, deepest first. */
void aw_mdi_close_below(aw_md_ctx *c, uint32_t x);

/* aw_inl_env.defs of the context's inline environment: look a reference
 * label up among the definitions collected (counts the misses). */
int aw_mdi_defs_lookup(void *user, const char *label, size_t label_len, const char **url,
		       size_t *url_len, const char **title, size_t *title_len, int *has_title);

/* Where the parts of one link reference definition lie (offsets into the
 * bytes given to aw_mdi_parse_def). */
struct def_parts {
	size_t lab0, lab1, u0, u1, t0, t1;
	int has_title;
};

/* One definition at s[0..n): the bytes consumed (through the line end) or
 * 0. With dp, its parts go there; without, it is stored (or verified, in a
 * reuse pass), *err set on a full table. */
size_t aw_mdi_parse_def(aw_md_ctx *c, const char *s, size_t n, int *err, struct def_parts *dp);

/* Cells of a GFM table row: bounds of at most `max` cells into c0 / c1;
 * returns the number of cells (may exceed max). */
int aw_mdi_row_cells(const char *s, size_t n, size_t *c0, size_t *c1, int max);

/* Parse the line c->lp[0..c->line_len) (its end in c->eol). */
void aw_mdi_process_line(aw_md_ctx *c);

/* ---- aw_md_ser.c: Markdown serializer ---- */

/* Is node n indented code as the serializer prints it? */
int aw_mdi_code_indented(aw_md_ctx *c, uint32_t n);

/* Inline content of one block into c->lin (stats and the first link into
 * c->st / c->id); a block over an inline capacity is cut and flagged. */
void aw_mdi_inl(aw_md_ctx *c, const char *src, size_t len, int ctx, int want_link);

/* Serialize the subtree at root into out (NULL: a parse-only walk for the
 * links); an item root is printed without its list. */
void aw_mdi_ser(aw_md_ctx *c, uint32_t root, aw_buf *out, int rewrite, int want_link);

/* Table cells per row (GFM tables, aw_md_ser.c and aw_md_items.c). */
#define MAXCOLS AW_MD_TABLE_COLS_MAX

/* ---- aw_md_items.c: item extraction and modes ---- */

/* The heading level of subcategories (the category's deepest level). */
int aw_mdi_lvl_min(aw_md_ctx *c);

/* A top-level block n closed: hand it to the pass and mode. */
void aw_mdi_process_top(aw_md_ctx *c, uint32_t n);

/* AW_MD_STREAM: item n of a top-level list is complete (count, report,
 * free its subtree). */
void aw_mdi_stream_item(aw_md_ctx *c, uint32_t n);

/* AW_MD_STREAM: a body row was added to top-level table n. */
void aw_mdi_table_stream(aw_md_ctx *c, uint32_t n);

/* Heading mode: report the open section (at_end: the end of the document). */
void aw_mdi_sec_close(aw_md_ctx *c, int at_end);

/* Start of an items pass: set up the item cache (rotate its generations). */
void aw_mdi_cache_pass(aw_md_ctx *c);

#endif /* AW_MD_IMPL_H */
