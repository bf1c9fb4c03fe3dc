/*
 * aw_store.h - fixed-capacity tables of the dating pipeline, no heap:
 *
 * aw_datemap_ctx  identity (20-byte SHA-1) -> int64_t time; the replay keeps
 *             two (previous and current version) and swaps them.
 * aw_store_ctx    the items of the final version, in document order, with
 *             their date and structured fields: category, rendered
 *             markdown and (AW_STORE_IDENTS) identifier copied into an
 *             arena; title, URL and description located inside the
 *             markdown (no copy). Read them with the aw_digest walker
 *             (aw_digest.h), or aw_store_get / aw_store_fields_of.
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
	uint32_t id_off;      /* identifier in the arena (len 0: not kept) */
	uint32_t id_len;
	/* inside the markdown (offsets from md_off; len 0: none) */
	uint32_t title_off, title_len;
	uint32_t url_off, url_len;
	uint32_t desc_off, desc_len;
	unsigned have;        /* AW_STORE_HAVE_* */
} aw_store_item;

/* aw_store_item.have / aw_store_fields.have: which fields were kept */
#define AW_STORE_HAVE_TITLE 1u
#define AW_STORE_HAVE_URL 2u
#define AW_STORE_HAVE_IDENT 4u
#define AW_STORE_HAVE_DESC 8u
#define AW_STORE_HAVE_CATEGORY 16u
#define AW_STORE_HAVE_MARKDOWN 32u

/*
 * The structured fields of one item, as aw_store_put_fields takes them and
 * aw_store_fields returns them. Strings are not NUL-terminated; a field
 * that is not kept is "" with length 0 and its HAVE bit clear.
 *   category     the category the pages group by ("" = none)
 *   markdown     the entry as the Markdown page prints it (docs/spec.md 5)
 *   ident        the identifier (docs/spec.md 4): what the identity hashes
 *                (kept when AW_STORE_IDENTS is 1 and the caller gives it)
 *   title        the text of the entry's first link as the markdown prints
 *                it (Markdown escapes and badges kept), e.g.
 *                "go-grpc-bazel-example (\xe2\xad\x90""2)"
 *   url          that link's destination as the markdown prints it
 *   description  the markdown after that link, a leading " - ", " \xe2\x80\x94 "
 *                or ": " removed, trailing blanks and newlines removed
 * Title, URL and description are found in the markdown by the store
 * (aw_store_put_fields ignores them on input): they cost no arena bytes.
 */
typedef struct aw_store_fields {
	unsigned have;        /* output only */
	const char *category; size_t category_len;
	const char *markdown; size_t markdown_len;
	const char *ident; size_t ident_len;     /* NULL: not given */
	const char *title; size_t title_len;
	const char *url; size_t url_len;
	const char *description; size_t description_len;
} aw_store_fields;

typedef struct aw_store_ctx {
	aw_store_item item[AW_STORE_ITEMS_MAX];  /* document order */
	uint32_t slot[AW_STORE_SLOTS];           /* identity hash: index + 1 */
	uint32_t n;                              /* items in use */
	uint32_t used;                           /* arena bytes in use */
	char arena[AW_STORE_ARENA_MAX];
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
/*
 * The same with the structured fields: f->category, f->markdown and, when
 * f->ident is not NULL and AW_STORE_IDENTS is 1, the identifier are copied;
 * the title, URL and description are located in the markdown. f->have and
 * the title / url / description members are ignored. Same returns
 * (AW_ERR_FULL also when the identifier does not fit).
 */
int aw_store_put_fields(aw_store_ctx *s, const uint8_t id[20], int64_t t,
			const aw_store_fields *f);
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
/* Every field of an item into *f (pointers into the store, valid until it
 * changes); f->have says which were kept. */
void aw_store_fields_of(const aw_store_ctx *s, const aw_store_item *it, aw_store_fields *f);
/* Arena bytes in use (for limits reports). */
size_t aw_store_arena_used(const aw_store_ctx *s);

#endif /* AW_STORE_H */
