/*
 * aw_store.h - fixed-capacity tables of the dating pipeline, no heap:
 *
 * aw_datemap_ctx  identity (20-byte SHA-1) -> int64_t time; the replay keeps
 *             two (previous and current version) and swaps them.
 * aw_store_ctx    the items of the final version, in document order, with
 *             their date, category and markdown (copied into an arena),
 *             plus the scratch arrays aw_render_page sorts with.
 *
 * Both are large: place them in static storage. Opaque: use the functions.
 */
#ifndef AW_STORE_H
#define AW_STORE_H

#include "aw.h"

/* ---- identity -> time ---- */

#define AW_DATEMAP_SLOTS (2u * (uint32_t)AW_STORE_DATEMAP_MAX)

typedef struct aw_datemap_ctx {
	uint8_t key[AW_STORE_DATEMAP_MAX][20];
	int64_t val[AW_STORE_DATEMAP_MAX];
	uint32_t cnt[AW_STORE_DATEMAP_MAX];      /* references; 0 = dead (absent) */
	uint32_t pos[AW_STORE_DATEMAP_MAX];      /* slot of each entry (O(n) clear) */
	uint32_t slot[AW_DATEMAP_SLOTS];   /* entry index + 1, 0 = empty */
	uint32_t n;                        /* entries in use, dead ones included */
	uint32_t dead;                     /* entries with cnt 0 */
} aw_datemap_ctx;

/* Initialise (once, before any other call; clears every slot). */
void aw_datemap_init(aw_datemap_ctx *m);
/* Remove every entry; O(entries), not O(capacity). */
void aw_datemap_clear(aw_datemap_ctx *m);
/* Insert or overwrite; an identity put once has 1 reference. Returns AW_OK,
 * or AW_ERR_FULL when a new identity does not fit (AW_STORE_DATEMAP_MAX live
 * entries); the map is unchanged then. */
int aw_datemap_put(aw_datemap_ctx *m, const uint8_t id[20], int64_t t);
/* 1 and *t set when present (t may be NULL), 0 otherwise. */
int aw_datemap_get(const aw_datemap_ctx *m, const uint8_t id[20], int64_t *t);
/*
 * Reference counting (incremental replays, aw_replay_add/_remove): ref adds
 * one reference, inserting the identity with time `t` when it is absent
 * (a present identity keeps its time); *out (may be NULL) gets the time in
 * force. unref drops one; at 0 the identity is absent again (its entry is
 * reclaimed when space is needed). ref returns AW_OK or AW_ERR_FULL;
 * unref AW_OK or AW_ERR_STATE when the identity is not present.
 */
int aw_datemap_ref(aw_datemap_ctx *m, const uint8_t id[20], int64_t t, int64_t *out);
int aw_datemap_unref(aw_datemap_ctx *m, const uint8_t id[20]);
/* Number of identities present. */
size_t aw_datemap_count(const aw_datemap_ctx *m);

/* ---- items of the final version ---- */

#define AW_STORE_SLOTS (2u * (uint32_t)AW_STORE_ITEMS_MAX)

typedef struct aw_store_item {
	uint8_t id[20];       /* identity (SHA-1 of the identifier) */
	int64_t time;         /* "added" time, Unix seconds UTC */
	uint32_t cat_off;     /* category text in the arena */
	uint32_t cat_len;
	uint32_t md_off;      /* rendered markdown in the arena */
	uint32_t md_len;
} aw_store_item;

typedef struct aw_store_ctx {
	aw_store_item item[AW_STORE_ITEMS_MAX];  /* document order */
	uint32_t slot[AW_STORE_SLOTS];           /* identity hash: index + 1 */
	uint32_t n;                              /* items in use */
	uint32_t used;                           /* arena bytes in use */
	char arena[AW_STORE_ARENA_MAX];
	/* scratch of aw_render_page (aw_render.c), not part of the content */
	uint32_t r_order[AW_STORE_ITEMS_MAX];
	uint32_t r_bucket[AW_STORE_ITEMS_MAX];
	uint8_t r_done[AW_STORE_ITEMS_MAX];
} aw_store_ctx;

/* Empty the store (clears the identity hash: O(capacity)). */
void aw_store_init(aw_store_ctx *s);
/*
 * Add one item of the document, in document order. The strings are
 * copied. A repeated identity keeps the position of its FIRST occurrence
 * but takes the category, markdown and time of this (LAST) one
 * (docs/spec.md 4; the earlier copies stay in the arena unused).
 * Returns AW_OK, AW_ERR_FULL (AW_STORE_ITEMS_MAX items or AW_STORE_ARENA_MAX
 * bytes exceeded; the store is unchanged), AW_ERR_ARG (a string > 4 GiB).
 */
int aw_store_put(aw_store_ctx *s, const uint8_t id[20], int64_t t,
		 const char *cat, size_t cat_len, const char *md, size_t md_len);
/* Number of distinct items. */
size_t aw_store_count(const aw_store_ctx *s);
/* Item i (0 <= i < count) in document order; NULL when out of range. */
const aw_store_item *aw_store_get(const aw_store_ctx *s, size_t i);
/* Index of an identity, or -1. */
long aw_store_find(const aw_store_ctx *s, const uint8_t id[20]);
/* Category / markdown of an item: pointer into the store (not
 * NUL-terminated), length in *len. Valid until aw_store_init. */
const char *aw_store_category(const aw_store_ctx *s, const aw_store_item *it, size_t *len);
const char *aw_store_markdown(const aw_store_ctx *s, const aw_store_item *it, size_t *len);
/* Arena bytes in use (for limits reports). */
size_t aw_store_arena_used(const aw_store_ctx *s);

#endif /* AW_STORE_H */
