/*
 * aw_md.h - streaming markdown list parser: CommonMark 0.30 + GFM block
 * structure, item extraction of docs/spec.md 3 (list, table and
 * heading mode), item identity (section 4) and the block layout of the
 * serializer (section 5.3). Inline content goes through aw_inline.h.
 *
 * Usage: the caller owns an aw_md_ctx (large: place it in .bss or allocate
 * it once; its fields are private, see aw_md_int.h), calls aw_md_init once, then for each version of
 * a document:
 *
 *   aw_md_begin(c, AW_MD_PASS_SCAN);  aw_md_feed(...)*;  aw_md_end(c);
 *   aw_md_begin(c, AW_MD_PASS_ITEMS); aw_md_feed(...)*;  aw_md_end(c);
 *
 * Pass 1 (scan) collects the document-wide facts: link reference
 * definitions (into a fixed table) and the deepest top-level heading of
 * the valid region. It reports no items. Pass 2 (items) calls `fn` once
 * per item, in document order.
 *
 * Skipping pass 1 is allowed (begin pass 2 directly after init or after a
 * previous pass 2): definitions are then collected while pass 2 runs, so
 * a reference whose definition appears LATER in the document stays literal
 * text, and the default min_heading_level is max(3, deepest heading seen
 * so far) instead of the document's deepest. Items can differ from the
 * reference in both cases. A pass 1 result stays valid until the next
 * aw_md_begin(c, AW_MD_PASS_SCAN).
 *
 * Buffering: only the current top-level block (e.g. one top-level list
 * with its nested content, or one table) is held, in fixed buffers sized
 * by the AW_MD_* options of aw_opt.h; by default a top-level list is kept
 * whole because the TOC rule (section 3.1 C) needs all its links before
 * the first item may be reported. With AW_MD_STREAM (boards) the scan pass
 * decides the TOC rule instead, and the items pass reports each list item
 * (and each table row) as soon as it is complete and frees it, so the
 * buffers bound the largest item, not the largest list; the two passes
 * must then see the same document. With the default options an aw_md_ctx
 * is about 5 MiB on a 64-bit host (the inline scratch included); a board
 * scales AW_MD_TEXT_MAX, AW_MD_NODES_MAX, AW_MD_PEND_* and AW_MD_ITEM_MAX
 * down. What does not fit is an error (AW_ERR_TOOBIG / AW_ERR_FULL) or an
 * item flagged AW_MD_F_TRUNC, never a silent drop.
 */
#ifndef AW_MD_H
#define AW_MD_H

#include "aw.h"
#include "aw_inline.h"

enum { AW_MD_LIST = 0, AW_MD_TABLE = 1, AW_MD_HEADING = 2 };
enum { AW_MD_PASS_SCAN = 1, AW_MD_PASS_ITEMS = 2, AW_MD_PASS_DOCUMENT = 3 };

/* Parse options of section 1 / 3; 0 = spec default for every level. */
typedef struct aw_md_opts {
	int type;              /* AW_MD_LIST, AW_MD_TABLE, AW_MD_HEADING */
	int max_heading_level; /* 0: 2 in list/table mode; heading mode: no gate */
	int min_heading_level; /* 0: max(3, deepest heading of the region) */
	int heading_level;     /* heading mode item level; 0: 3 */
	int parse_category;    /* 0: every category is empty */
	int nested;            /* list mode: also report, after each item, every
				  item of a list nested in it whose first block
				  (a paragraph) has a link, as an item of its own
				  (same category, identifier = that first link).
				  0: tal-spec 3.1 (nested lists stay inside their
				  item) */
} aw_md_opts;

/* Fill with the defaults of a list-mode file (type list, categories on). */
void aw_md_opts_default(aw_md_opts *o);

#define AW_MD_F_TRUNC 1u /* md, ident or category did not fit its buffer */
#define AW_MD_F_SHA1 2u  /* sha1 holds SHA-1(ident) (only with an item cache) */

/*
 * One item. All pointers point into the context and are valid only during
 * the callback. Strings are not NUL-terminated.
 */
typedef struct aw_md_item {
	const char *category; size_t category_len;
	const char *ident; size_t ident_len;   /* identifier string (hash it for identity) */
	const char *md; size_t md_len;         /* rendered item markdown; empty if !render */
	uint32_t start_line, end_line;         /* 1-based source lines; end_line dates it */
	unsigned flags;                        /* AW_MD_F_TRUNC, AW_MD_F_SHA1 */
	uint8_t sha1[20];                      /* SHA-1 of ident if AW_MD_F_SHA1 */
	const char *limit;                     /* AW_MD_F_TRUNC: the capacity that cut it
						  ("AW_INL_BRACKETS_MAX", ...), NULL if unknown */
} aw_md_item;

/* Item callback; a non-zero return aborts the pass, and aw_md_feed /
 * aw_md_end return that value (sticky until the next aw_md_begin). */
typedef int (*aw_md_item_fn)(void *user, const aw_md_item *item);

/* Parser state, and the optional item cache of a replay (aw_md_set_cache).
 * Their bodies are in aw_md_int.h, included at the end of this header
 * only so that a caller can place them (sizeof); the fields are private. */
typedef struct aw_md_ctx aw_md_ctx;
typedef struct aw_md_cache aw_md_cache;

/*
 * Prepare a context. `o` NULL = defaults; `env` may be NULL (no rewriting,
 * no badges); it must outlive the context. Its `defs` callback is ignored:
 * the context resolves references from its own definition table. render=0
 * is the fast path: md is left empty, only ident/category/lines are
 * computed. `fn` is called for every item of pass 2.
 * Returns AW_OK or AW_ERR_ARG (bad option values).
 */
int aw_md_init(aw_md_ctx *c, const aw_md_opts *o, const aw_inl_env *env,
	       int render, aw_md_item_fn fn, void *user);

/*
 * Item cache for replays (render=0 only). A new version of a list mostly
 * repeats the previous one; with a cache attached, an item whose block
 * subtree (text, structure, relative line layout) equals an item of the
 * previous version (or of this one) under the same link reference
 * definitions reuses that item's identifier, its SHA-1 and its link
 * counts instead of running the inline parser. Output is unchanged; items
 * then carry AW_MD_F_SHA1 and sha1 = SHA-1(ident) (also for misses).
 *
 * The cache is caller-owned (2 x (AW_MD_CACHE_ITEMS_MAX * 64 + AW_MD_CACHE_POOL_MAX)
 * bytes: 2 MiB with the defaults), zeroed by aw_md_cache_init, and holds two
 * generations: the current pass and the previous one; older entries are
 * dropped at each aw_md_begin(c, AW_MD_PASS_ITEMS), so memory is bounded
 * by the capacities, never by the history. A full generation simply stops
 * caching (slower, still exact). It is used only in the items pass of a
 * list-mode render=0 context that ran the scan pass (definitions known up
 * front); otherwise it is bypassed. Keys are 2 x 64-bit hashes plus a length: a
 * wrong reuse needs a collision of both. The environment (`env` of
 * aw_md_init) must not change its answers while a cache is attached with
 * it; its strings are part of the seed, call aw_md_cache_init otherwise.
 *
 * aw_md_set_cache: attach (or detach with NULL) after aw_md_init (which
 * detaches). The cache may move between contexts of the same options.
 */
void aw_md_cache_init(aw_md_cache *k);
void aw_md_set_cache(aw_md_ctx *c, aw_md_cache *k);

/* Start a pass over a new copy of the document (AW_MD_PASS_SCAN or
 * AW_MD_PASS_ITEMS). Returns AW_OK or AW_ERR_ARG. */
int aw_md_begin(aw_md_ctx *c, int pass);

/*
 * Start the document pass (docs/spec.md 8.4, overview page): the whole
 * document is serialized at root level (section 5.3 layout, blocks joined
 * by blank lines, a final newline), with section 5.1 / 5.2 rewriting when
 * env->repo_url is set, and written to `out` one top-level block at a
 * time (the sink must stay valid until aw_md_end; its error, when a write
 * fails, ends the pass and is returned by aw_md_feed / aw_md_end). Definitions are kept as `[label]: url "title"` lines. Run pass 1
 * first as for items. Then aw_md_feed / aw_md_end as usual.
 * Limitation: references are still resolved into inline links by the
 * inline module (8.4 keeps `[x][ref]`); none of the tested lists uses
 * them. A top-level block over an inline capacity (AW_INL_*_MAX) or whose
 * serialization exceeds AW_MD_PEND_BYTES_MAX is cut to what fits, as an
 * item is, and counted (aw_md_doc_cut); the pass goes on.
 * Returns AW_OK or AW_ERR_ARG (out NULL or without a function).
 */
int aw_md_begin_document(aw_md_ctx *c, aw_sink *out);

/* After a document pass: how many top-level blocks were cut, and in
 * *limit (may be NULL) the name of the capacity that cut the first (NULL
 * when unnamed); 0 after any other pass. */
unsigned long aw_md_doc_cut(const aw_md_ctx *c, const char **limit);

/* 1 if the last aw_md_begin_reuse pass ended without error and verified. */
int aw_md_reuse_ok(const aw_md_ctx *c);

/* The deepest heading level (0-6) of the scan facts the context holds (a
 * scan pass, or a verified single pass), 0 when it holds none: the hint for
 * aw_md_begin_single over the next version of the same list. */
int aw_md_deepest(const aw_md_ctx *c);

/*
 * One pass instead of two: an items pass with no scan pass before it, for
 * a document seen for the first time. Definitions are collected as the
 * pass goes; categories are decided with the deepest heading level
 * `deepest_hint` (0-6; aw_md_guess_deepest reads it off the text). The
 * pass checks that this made no difference: no reference went unresolved
 * before a definition was stored, and the deepest heading level it found
 * gives the same categories as the hint. After aw_md_end, aw_md_reuse_ok(c)
 * says whether it did; then the items reported are exactly those of scan +
 * items, and the context holds the scan facts (aw_md_begin_reuse may
 * follow). Otherwise the caller discards the items (buffer them until
 * then) and runs the two passes. Not with AW_MD_STREAM's streaming (lists
 * are held whole) or the item cache. Returns as aw_md_begin, or
 * AW_ERR_ARG for a hint outside 0-6.
 */
int aw_md_begin_single(aw_md_ctx *c, int deepest_hint);

/* The deepest ATX-looking heading line of buf (0-6): the hint for
 * aw_md_begin_single. A cheap line scan, not a parse: it may count lines
 * inside code blocks (then the pass does not verify). */
int aw_md_guess_deepest(const char *buf, size_t len);

/*
 * After AW_ERR_TOOBIG or AW_ERR_FULL from this context: the name of the
 * compile-time capacity that was exceeded (e.g. "AW_MD_PEND_ITEMS_MAX"), the
 * value it needed (*value: at least this much), its limit (*max) and the
 * line being read (*line). NULL when no capacity was exceeded in the
 * current pass (any pointer argument may be NULL).
 */
const char *aw_md_limit(const aw_md_ctx *c, unsigned long *value, unsigned long *max,
			uint32_t *line);

/*
 * Feed the next `len` bytes of the document (any split). LF, CRLF and CR
 * end lines; a leading UTF-8 BOM is skipped; NUL becomes U+FFFD.
 * A line that arrives whole in one buffer is parsed in place at any length;
 * one assembled from pieces keeps its first AW_MD_LINE_MAX bytes (the rest
 * is dropped and the items around it flagged AW_MD_F_TRUNC).
 * Quotes and lists nested deeper than AW_MD_DEPTH_MAX are not opened: their
 * markers are text of the containers open there, and the items (and
 * document-pass blocks) holding them are flagged with AW_MD_DEPTH_MAX.
 * The text of paragraphs, code and HTML keeps each line's own end (LF,
 * CR or CRLF), as mdast values do; an item's markdown and identifier too.
 * Returns AW_OK; AW_ERR_TOOBIG when a
 * top-level block exceeds AW_MD_TEXT_MAX / AW_MD_NODES_MAX /
 * AW_MD_PEND_*; AW_ERR_FULL when the
 * definition table is full (pass 1); AW_ERR_SYNTAX when a category
 * heading holds a strikethrough in list or table mode (the reference's
 * category serializer throws and drops the whole file: items already
 * reported for this pass must be discarded); the callback's value when `fn`
 * (or the heading callback, or the document pass's sink) returned non-zero;
 * AW_ERR_STATE without aw_md_begin, or (AW_MD_STREAM) when the
 * items pass finds a list the scan pass decided otherwise (the passes were
 * fed different documents). Errors are sticky until the next aw_md_begin.
 */
int aw_md_feed(aw_md_ctx *c, const char *buf, size_t len);

/* End of the document: flush the last line and the last item(s).
 * Returns as aw_md_feed. */
int aw_md_end(aw_md_ctx *c);

/* Private parts: struct bodies, and the hooks of incremental replay
 * (aw_delta.h) and of the tracker. */
#include "aw_md_int.h"

#endif /* AW_MD_H */
