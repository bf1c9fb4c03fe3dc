/*
 * aw_delta.h - incremental replay of a list's versions: each new version
 * is compared with the previous one, and only the part between the
 * top-level ATX headings around the change is parsed again; the replay
 * (aw_replay.h) is told the identities that appeared and disappeared.
 * Output is exactly that of parsing every version whole: whenever the
 * shortcut cannot be proven exact the version is parsed whole.
 *
 * Why it is exact. An ATX heading at the top level ends every open block
 * and leaves none open, so the parse after it depends on the text after it
 * and on the document-wide facts only: link reference definitions, the
 * deepest heading level of the valid region, whether the start gate was
 * passed. Let P be the common prefix of the two versions and S their
 * common suffix. The window starts after the last heading of the previous
 * version that lies within P (or at line 1), and ends at the first heading
 * of the previous version within S that the new version's parse also
 * reaches as a top-level ATX heading (or at the end). Items outside the
 * window are those of the previous version, shifted by the line delta. The
 * window is used only when the document has no definitions (a definition
 * in the window fails it), the deepest level and the gate state after the
 * window are the same as before, the list is in list or table mode and the
 * text has no CR; otherwise the version is parsed whole (scan facts reused
 * when the parser can verify them, aw_md_begin_reuse).
 *
 * The caller owns the aw_delta_ctx (large: tables of AW_DELTA_ITEMS_MAX items
 * and AW_DELTA_HEADS_MAX headings, twice), the aw_md_ctx, the item cache
 * and the replay; aw_delta_init takes over the context's callbacks (render
 * = 0). The text of a version must stay valid and unchanged until the next
 * aw_delta_version call has returned (it is the base of the comparison):
 * keep two buffers and alternate. Memory is fixed: nothing grows with the
 * history.
 */
#ifndef AW_DELTA_H
#define AW_DELTA_H

#include "aw.h"
#include "aw_md.h"
#include "aw_replay.h"

typedef struct aw_delta_item {
	uint8_t id[20];
	uint32_t line;          /* start line */
} aw_delta_item;

typedef struct aw_delta_head {
	uint32_t line;
	uint32_t off, end;      /* the line's bytes [off, end), '\n' included */
	uint8_t level, flags;   /* AW_MD_H_* */
	uint8_t pad_[2];
} aw_delta_head;

typedef struct aw_delta_ctx {
	aw_md_ctx *md;
	int base_ok;                 /* the tables below describe base */
	const char *base;
	size_t base_len;
	uint32_t nitems, nheads;
	uint32_t hist[8];            /* counted headings per level */
	aw_delta_item items[AW_DELTA_ITEMS_MAX];
	aw_delta_head heads[AW_DELTA_HEADS_MAX];
	/* the version being parsed */
	uint32_t nnew, nnewh;
	int over;
	aw_delta_item nitem[AW_DELTA_ITEMS_MAX];
	aw_delta_head nhead[AW_DELTA_HEADS_MAX];
	/* statistics */
	unsigned long same, windows, wholes, truncated;
	unsigned long long window_bytes;
} aw_delta_ctx;

/*
 * Prepare: aw_md_init(md, o, env, render 0) with aw_delta_ctx's callbacks, the
 * item cache `cache` attached (may be NULL). `o` and `env` as for
 * aw_md_init. Returns as aw_md_init.
 */
int aw_delta_init(aw_delta_ctx *d, aw_md_ctx *md, const aw_md_opts *o, const aw_inl_env *env,
		  aw_md_cache *cache);

/*
 * One version seen at `seen`: parses (a window of) text[0..len) and updates
 * the replay r (as a whole version or as a delta version). Returns AW_OK;
 * AW_ERR_SYNTAX when the version is rejected (see aw_md_feed): the replay
 * is unchanged, and the next version is parsed whole; AW_ERR_FULL when a
 * table of aw_delta_ctx or of the replay is full; AW_ERR_TOOBIG for a text
 * over 4 GiB; any other error of aw_md_feed. After an error other than
 * AW_ERR_SYNTAX the replay's state is unspecified.
 */
int aw_delta_version(aw_delta_ctx *d, aw_replay_ctx *r, int64_t seen, const char *text, size_t len);

#endif /* AW_DELTA_H */
