/*
 * aw_stars.h - star texts: the per-item badge value of docs/spec.md 5.2
 * (shields.io metric(), lower-case k), the page header total of 8.1
 * (Intl compact notation, capital K), and a fixed-size map from
 * "owner/repo" to a badge text, loaded from the stars.tsv format.
 */
#ifndef AW_STARS_H
#define AW_STARS_H

#include "aw.h"

/*
 * Append shields' metric() of n to `out`: "75", "3.8k", "1.3k" (1250),
 * "1.4k" (1450: the double 1.45 is just below the tie), "2k", "11k",
 * "1M" (999500 rounds to 1000k). Exact for n <= 2^53 (JavaScript numbers).
 * Returns AW_OK or AW_ERR_FULL (out truncated).
 */
int aw_stars_format(uint64_t n, aw_buf *out);
/*
 * Append the header total of docs/spec.md 8.1: "83", "1.4K", "1.5K" (1450:
 * decimal half-up), "1K", "12K", "11K" (10500), "1M", "2.5B".
 * Returns AW_OK or AW_ERR_FULL.
 */
int aw_stars_total_format(uint64_t n, aw_buf *out);

/* Hash slots of the map: twice the entries keeps probes short. */
#define AW_STARS_MAP_SLOTS (2u * (uint32_t)AW_STARS_MAP_MAX)

/*
 * Star map. Keys compare byte for byte (case-sensitive): trackawesomelist
 * caches badges per owner/repo as written in the link, and the real pages
 * carry both Sirupsen/logrus and sirupsen/logrus as separate entries.
 * Caller-owned, large (about 8*AW_STARS_MAP_MAX*2 + AW_STARS_ARENA_MAX bytes):
 * place it in static storage. Opaque.
 */
typedef struct aw_starmap_ctx {
	struct {
		uint32_t off;          /* key "owner/repo" then the value, in arena */
		uint16_t key_len;
		uint16_t val_len;
	} ent[AW_STARS_MAP_MAX];
	uint32_t slot[AW_STARS_MAP_SLOTS];   /* entry index + 1, 0 = empty */
	uint32_t n;                        /* entries in use */
	uint32_t used;                     /* arena bytes in use */
	char arena[AW_STARS_ARENA_MAX];
	char line[AW_STARS_LINE_MAX];    /* partial line between feeds */
	size_t line_len;
	int err;                           /* sticky error of the feed */
	unsigned long lineno;              /* lines seen (error position) */
} aw_starmap_ctx;

/* Empty the map. */
void aw_starmap_init(aw_starmap_ctx *m);
/*
 * Parse stars.tsv text, in chunks of any size: lines "owner/repo<TAB>text"
 * ending in "\n" (a "\r" before it is dropped; empty lines are skipped).
 * A repeated key takes the later text. Errors are sticky (every later
 * call returns the same code): AW_ERR_SYNTAX for a line without a tab or
 * an empty key, AW_ERR_TOOBIG for a line longer than AW_STARS_LINE_MAX,
 * AW_ERR_FULL when the entries or the arena run out. m->lineno is the
 * 1-based line of the error.
 */
int aw_starmap_feed(aw_starmap_ctx *m, const char *chunk, size_t len);
/* Finish: parses a last line without newline. Returns AW_OK or the error. */
int aw_starmap_end(aw_starmap_ctx *m);
/* Add one entry directly. Returns AW_OK, AW_ERR_ARG, AW_ERR_FULL. */
int aw_starmap_put(aw_starmap_ctx *m, const char *key, size_t key_len,
		   const char *val, size_t val_len);
/*
 * Lookup with the aw_stars_fn signature of aw_inline.h: user is the
 * aw_starmap_ctx. On a hit, *text points into the map (valid until the map is
 * changed) and 1 is returned; 0 = no badge.
 */
int aw_starmap_lookup(void *user, const char *owner, size_t owner_len,
		      const char *repo, size_t repo_len,
		      const char **text, size_t *text_len);

#endif /* AW_STARS_H */
