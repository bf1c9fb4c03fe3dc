/*
 * aw_md_int.h - private part of aw_md.h (included by it; do not include
 * directly): the bodies of aw_md_ctx and aw_md_cache, whose fields only
 * the parser's own files touch (aw_md.c, aw_md_block.c, aw_md_items.c,
 * aw_md_ser.c; what they share besides is in aw_md_impl.h), and the hooks that incremental replay (aw_delta.c) and
 * the tracker build on: reusing the scan facts of the previous version,
 * parsing a window of lines between two top-level ATX headings, and the
 * heading callback. Callers outside the core use aw_md.h's API.
 */
#ifndef AW_MD_INT_H
#define AW_MD_INT_H

#ifndef AW_MD_H
#error "include aw_md.h, not aw_md_int.h"
#endif

/* ---- hooks of incremental replay ---- */

/*
 * Heading callback (aw_md_set_heading_fn): one call per top-level heading
 * of an items pass, in document order, after the heading was processed.
 * flags: AW_MD_H_ATX (an ATX heading: one line, and no block is open after
 * it, so the parse of the rest of the document does not depend on what
 * came before it except through the document-wide facts), AW_MD_H_COUNTED
 * (it counts for the deepest heading level of the valid region),
 * AW_MD_H_GATE (it is the start gate of list mode). A non-zero return
 * aborts the pass and is returned as is (as for the item callback).
 */
#define AW_MD_H_ATX 1u
#define AW_MD_H_COUNTED 2u
#define AW_MD_H_GATE 4u
typedef int (*aw_md_heading_fn)(void *user, uint32_t line, int level, unsigned flags);

/* ---- parser state (fields private to aw_md*.c) ---- */

typedef struct aw_md_node {
	uint32_t parent, first, last, next;     /* tree links, 0 = none */
	uint32_t start_line, end_line;
	uint32_t text_off, text_len;            /* content in the text buffer */
	uint32_t info_off, info_len;            /* fenced code info string */
	uint32_t nonblank_end;                  /* indented code: last non-blank line */
	int32_t start;                          /* ordered list start number */
	uint8_t type, open, ordered, level;     /* level: heading depth, html kind */
	uint8_t marker;                         /* bullet char / delimiter / fence char */
	uint8_t fence_len, fence_off;
	int8_t checked;                         /* task item: -1 none, 0, 1 */
	uint16_t marker_off, padding;           /* list item geometry (columns) */
	uint8_t setext, closed_fence;
	uint8_t depth;                          /* ancestors below the document */
	uint8_t cut;                            /* holds lines whose deeper containers
						   AW_MD_DEPTH_MAX refused (their markers
						   are text): items over it are flagged */
} aw_md_node;

typedef struct aw_md_def {
	uint32_t hash;
	uint32_t label_off, label_len;          /* normalized label in def_pool */
	uint32_t url_off, url_len;
	uint32_t title_off, title_len;
	int has_title;
} aw_md_def;

typedef struct aw_md_pend {
	uint32_t md_off, md_len, id_off, id_len;
	uint32_t start_line, end_line;
	unsigned flags;
	uint8_t sha1[20];
} aw_md_pend;

/* ---- item cache (fields private to aw_md_items.c) ---- */

typedef struct aw_md_cent {
	uint64_t k1, k2;                        /* key: hashes of the item subtree */
	uint32_t klen;                          /* key: bytes hashed */
	uint32_t id_off, id_len;                /* identifier in the generation pool */
	uint32_t links_hash, links_other;       /* inline stats (TOC rule) */
	uint8_t sha1[20];
} aw_md_cent;

typedef struct aw_md_cgen {
	uint32_t n, pool_len;
	uint32_t slot[2 * AW_MD_CACHE_ITEMS_MAX];   /* entry index + 1; 0 = empty */
	aw_md_cent ent[AW_MD_CACHE_ITEMS_MAX];
	char pool[AW_MD_CACHE_POOL_MAX];
} aw_md_cgen;

struct aw_md_cache {
	uint64_t seed;                          /* definitions + environment */
	unsigned cur;                           /* generation being filled */
	uint32_t next;                          /* old-generation entry expected next */
	int valid;                              /* gen[cur ^ 1] belongs to seed */
	unsigned long hits, misses, bypass;     /* statistics (for tests and benches) */
	aw_md_cgen gen[2];
};

/* Serializer frame (one per open container while printing). */
typedef struct aw_md_frame {
	uint32_t node;
	uint32_t lines;     /* output lines begun inside this container */
	uint32_t index;     /* child index (ordered item number) */
	uint8_t kind, size, blen, bullet_dash;
	char bullet[16];
} aw_md_frame;

struct aw_md_ctx {
	aw_md_opts o;
	const aw_inl_env *env;
	aw_inl_env env_noref;   /* env with defs from this context */
	int render;
	aw_md_item_fn fn;
	void *user;
	int pass, err, scanned, eof, keep_pool;
	unsigned long doc_cut;  /* document pass: top-level blocks cut */
	const char *doc_lim;    /* the capacity that cut the first of them */
	aw_md_cache *cache;     /* optional item cache (aw_md_set_cache) */
	int reuse, reuse_fail, reuse_ok; /* aw_md_begin_reuse */
	int window;             /* aw_md_begin_window */
	/* streaming items (AW_MD_STREAM): scan-pass TOC decisions */
	int stream_on;          /* items reported as they complete */
	int fresh_scan;         /* the last pass was a complete scan */
	int single, single_bad; /* aw_md_begin_single, and why it fails */
	int min_used;           /* min heading level the categories used */
	int deepest_hint;       /* aw_md_begin_single */
	uint32_t miss_total;    /* reference lookups without a definition */
	int stream_tab;         /* table rows reported / dropped as they come */
	uint32_t nlists;        /* top-level lists of the valid region so far */
	uint32_t ref_miss;      /* reference lookups that found no definition */
	uint32_t lists_at_def;  /* nlists when the scan stored its last definition */
	unsigned toc_h, toc_e;  /* link counts of the streamed list so far */
	uint8_t toc[(AW_MD_TOC_LISTS_MAX + 3) / 4]; /* 2 bits a list: keep, had a miss */
	aw_md_heading_fn head_fn;
	void *head_user;
	uint32_t reuse_defs;
	int cache_on;           /* usable in this pass */
	uint64_t cache_seed;
	aw_sink *sink;          /* document pass output */
	uint32_t ext_mark, last_nonblank, last_ws_blank;
	int by_container, eof_nl, line_blank;
	/* line assembly */
	uint32_t line_no;
	size_t line_len;
	int cr_wait;            /* the line ended at a CR, the last byte fed:
				   not parsed until the next byte says CR or CRLF */
	int eol;                /* the parsed line's end: EOL_* (aw_md_impl.h) */
	int bom_checked, line_over;
	uint32_t over_line;     /* last line cut at AW_MD_LINE_MAX (its items: AW_MD_F_TRUNC) */
	const char *lim_name;   /* the capacity behind the last AW_ERR_TOOBIG / AW_ERR_FULL */
	unsigned long lim_value, lim_max;
	uint32_t lim_line;
	char line[AW_MD_LINE_MAX];
	const char *lp;         /* the line being parsed: line, or in the fed buffer */
	/* per-line parser state */
	size_t off, col, fns, fns_col, indent;
	int partial_tab, blank;
	/* block tree of the current top-level block */
	uint32_t nnodes, tip;
	aw_md_node nodes[AW_MD_NODES_MAX];
	uint32_t text_len;
	char text[AW_MD_TEXT_MAX];
	/* document-wide facts */
	int gate_seen, deepest, deepest_scan;
	/* categories */
	char cat[AW_MD_CAT_MAX], sub[AW_MD_CAT_MAX];
	size_t cat_len, sub_len;
	int cat_trunc;
	long catj_len;          /* cached cat_join of cat/sub; -1 = recompute */
	/* definitions */
	uint32_t ndefs, def_pool_len;
	aw_md_def defs[AW_MD_DEFS_MAX];
	char def_pool[AW_MD_DEF_POOL_MAX];
	char def_tmp[AW_MD_DEF_LABEL_MAX];
	/* item rendering */
	aw_buf md, id, tmp, lin, raw;
	char md_mem[AW_MD_ITEM_MAX], id_mem[AW_MD_IDENT_MAX], tmp_mem[AW_MD_ITEM_MAX];
	char lin_mem[AW_MD_ITEM_MAX];
	char catj[2 * AW_MD_CAT_MAX + 4];
	aw_inl_stats st;
	int at_bol, bol_cr, ser_want, ser_fl, inl_no_null, parse_only;
	aw_buf *ser_out;
	uint32_t nframes;
	aw_md_frame frames[AW_MD_DEPTH_MAX];
	/* items of the current top-level list / heading section */
	uint32_t npend, pend_len;
	aw_md_pend pend[AW_MD_PEND_ITEMS_MAX];
	char pend_mem[AW_MD_PEND_BYTES_MAX];
	/* heading mode: the open section */
	uint32_t sec_blocks, sec_start, sec_end;
	int sec_link, sec_last_type, sec_last_ordered, sec_last_icode;
	aw_inl_stats sec_st;    /* heading mode: did a block of the item hit a capacity */
	size_t tcol[7][AW_MD_TABLE_COLS_MAX];      /* table cell bounds / widths */
	char talign[AW_MD_TABLE_COLS_MAX];
	aw_inl_scratch inl;
};

/* ---- hooks of incremental replay: calls ---- */

/*
 * Items pass of a new version that reuses the scan facts (definitions,
 * deepest heading) of the last scan pass run in this context, skipping the
 * scan of this version: a replay's definitions rarely change. The pass
 * checks, as it goes, that a scan of this version would have found the same
 * definitions in the same order and the same deepest heading. After
 * aw_md_end, aw_md_reuse_ok(c) says whether it did: then the items reported
 * are exactly those of scan + items; otherwise the caller must discard
 * them (buffer them until then) and run aw_md_begin(c, AW_MD_PASS_SCAN) +
 * aw_md_begin(c, AW_MD_PASS_ITEMS) over the version. An item cache stays
 * exact either way. Returns AW_OK, or AW_ERR_STATE when the context holds
 * no complete scan result (run the two passes).
 */
int aw_md_begin_reuse(aw_md_ctx *c);

/*
 * Items pass over a WINDOW of a new version, for incremental replays
 * (aw_delta.h builds on it): the caller feeds the lines from `first_line`
 * (1-based) on, where everything before first_line is byte-identical to
 * the document of the last complete items pass of this context (scan +
 * items, or a verified reuse) and line first_line - 1 was reported there as
 * an AW_MD_H_ATX heading (or first_line is 1). `gate_seen`: whether that
 * document's start gate lies before first_line (list mode). Items and
 * headings are reported with their line numbers in the new version.
 * Categories are not meaningful in a window (they start empty). The pass
 * may stop at any line after which aw_md_at_atx() is true: aw_md_end then
 * closes nothing. It reuses the scan facts as aw_md_begin_reuse does and
 * requires a document without link reference definitions: a definition
 * met in the window fails it. After aw_md_end, aw_md_reuse_ok(c) says
 * whether the window is valid (no error, no definition); the caller checks
 * the deepest heading level and the gate from the headings it was told.
 * Returns AW_OK, AW_ERR_STATE without a complete scan result or with
 * definitions, AW_ERR_ARG for a bad line or heading mode.
 */
int aw_md_begin_window(aw_md_ctx *c, uint32_t first_line, int gate_seen);

/* Lines completed so far in this pass (the last line fed ends at it). */
uint32_t aw_md_line(const aw_md_ctx *c);

/* 1 if the last completed line was a top-level ATX heading and no other
 * block is open: a window may end here (aw_md_end then closes only the
 * heading, as the next line would). */
int aw_md_at_atx(const aw_md_ctx *c);

/* Number of link reference definitions of the last scan. */
uint32_t aw_md_ndefs(const aw_md_ctx *c);

/* Attach (NULL: detach) the heading callback; survives aw_md_begin, reset
 * by aw_md_init. */
void aw_md_set_heading_fn(aw_md_ctx *c, aw_md_heading_fn fn, void *user);

#endif /* AW_MD_INT_H */
