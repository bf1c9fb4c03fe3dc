/*
 * aw_fsrc.h - the update logic of a feed source ([feed NAME] of
 * awtrack.conf: any RSS 2.0 or Atom 1.0 feed), sans-I/O: the port loads
 * the previous record, GETs the feed with aw_fsrc_cond_headers, hands each
 * entry the feed reader (aw_feed.h) delivers to aw_fsrc_entry, and saves
 * the new record. No socket, file, clock or heap: the context (large,
 * about AW_FSRC_ARENA_MAX + 25 KiB) is the caller's, and the caller says
 * what time it is.
 *
 *   aw_fsrc_init(p, "feed:NAME", url, keep, now)
 *   aw_fsrc_load_begin(p, dec)                 previous record, if any:
 *   aw_fsrc_load_feed(p, chunk, n) ...           any chunking
 *   aw_fsrc_load_end(p)
 *   aw_fsrc_cond_headers(p, &hdr)              If-None-Match / If-Modified-Since
 *     304: nothing changed (write nothing)
 *     200: aw_fsrc_entry(p, e) for each entry (aw_fsrc_on_entry is an
 *          aw_feed_fn that does it), then aw_fsrc_end(p, etag, last_modified)
 *   aw_fsrc_save(p, write, user)               the new record
 *   aw_fsrc_render(p, store)                   the entries as store items
 *
 * Rules (issue 10 item 2, docs/awtrack.1):
 *  - an entry's key is its id (Atom <id>, RSS <guid>), else its link, else
 *    its title and summary; an entry whose key is in the state is the same
 *    entry: it keeps its date, its title, link and summary follow the feed;
 *  - a new entry is dated by its <published> (RSS <pubDate>, <dc:date>),
 *    else its <updated>, else the time it is first seen (`now`). The first
 *    poll follows the same rule: nothing dated floods the current period;
 *  - the newest `keep` entries (by date; at equal dates the feed's order)
 *    are kept, fewer when their text exceeds AW_FSRC_ARENA_MAX; the keys
 *    of the ones dropped are remembered (the newest AW_FSRC_GONE_MAX), so
 *    an entry that fell out is not taken for a new one while the feed
 *    still shows it.
 * Titles and summaries are stored as plain text (HTML tags removed and
 * character references decoded when the feed marks them as HTML, white
 * space collapsed, summaries cut to AW_FSRC_SUMMARY_MAX bytes); links and
 * ids as given.
 *
 * The record is an aw_state file (docs/awtrack-state.5): one source record
 * (key, url, ETag, Last-Modified, baseline time, last check, last
 * success) followed by one entry record per entry kept, newest first, and
 * one per remembered dropped key (flag AW_FSRC_F_GONE, id = the key's 40
 * hex digits, no text).
 */
#ifndef AW_FSRC_H
#define AW_FSRC_H

#include "aw.h"
#include "aw_feed.h"
#include "aw_state.h"
#include "aw_store.h"

/* aw_state_entry.flags of the record */
#define AW_FSRC_F_NODATE 1u       /* no date in the feed: dated when first seen */
#define AW_FSRC_F_GONE 2u         /* a dropped entry's key, not an entry */
#define AW_FSRC_F_CUT 4u          /* the summary was cut to AW_FSRC_SUMMARY_MAX */

/* Markdown scratch of aw_fsrc_render: one item, every field escaped. */
#define AW_FSRC_MD_MAX (2u * AW_FEED_TITLE_MAX + 3u * AW_FEED_LINK_MAX + \
			2u * AW_FSRC_SUMMARY_MAX + 64u)

typedef struct aw_fsrc_ent {
	uint8_t key[20];           /* SHA-1 of the key (see above) */
	int64_t time;              /* its date */
	int64_t first_seen;
	uint32_t flags;            /* AW_FSRC_F_* */
	uint32_t off;              /* id, title, link, summary: consecutive in arena */
	uint32_t len[4];
} aw_fsrc_ent;

enum { AW_FSRC_ID, AW_FSRC_TITLE, AW_FSRC_LINK, AW_FSRC_SUMMARY };

typedef struct aw_fsrc_ctx {
	/* what the record keeps (NUL-terminated) */
	char key[AW_CONF_NAME_MAX + 8];
	char url[AW_CONF_VALUE_MAX];
	char etag[AW_SRC_TAG_MAX], last_modified[AW_SRC_TAG_MAX];
	int64_t baseline_time;     /* first successful poll, AW_STATE_NONE */
	int64_t last_check, last_ok;
	int have_state;            /* a record was loaded */

	/* this poll */
	int64_t now;
	unsigned keep;
	unsigned entries;          /* entries the feed showed */
	unsigned added;            /* new entries kept */
	unsigned changed;          /* known entries whose text changed */
	unsigned dropped;          /* entries that fell out (keep, arena) */
	unsigned ignored;          /* entries shown that were dropped before */

	/* the entries, newest first */
	aw_fsrc_ent ent[AW_FSRC_ENTRIES_MAX];
	uint32_t n;
	uint8_t gone[AW_FSRC_GONE_MAX][20];   /* ring, oldest overwritten */
	uint32_t ngone, gone_next;
	uint32_t used;                        /* arena bytes in use (garbage included) */
	char arena[AW_FSRC_ARENA_MAX];

	/* private */
	aw_state_dec *dec;
	int lst, err;
	char t_title[AW_FEED_TITLE_MAX];      /* cleaned text of the entry at hand */
	char t_sum[AW_FEED_SUMMARY_MAX];
	char scratch[AW_FSRC_MD_MAX];
} aw_fsrc_ctx;

/*
 * Start. key: the record's key, "feed:NAME" by convention (a loaded record
 * must carry the same one); url: the feed's URL (copied; both cut to their
 * fields). keep: entries kept, 1..AW_FSRC_ENTRIES_MAX (AW_ERR_ARG
 * otherwise). now: the current time, Unix seconds. Returns AW_OK or
 * AW_ERR_ARG.
 */
int aw_fsrc_init(aw_fsrc_ctx *p, const char *key, const char *url, unsigned keep, int64_t now);

/*
 * Load the previous record, fed in chunks of any size. dec: a decoder the
 * caller owns (large: AW_STATE_RECORD_MAX), used until load_end. load_end
 * returns AW_OK (p->have_state set), AW_ERR_SYNTAX (not a state file,
 * truncated, corrupt, checksum: dec->why says which), AW_ERR_STATE
 * (another format version, a record of another source or kind),
 * AW_ERR_FULL (more entries or text than this build holds). After an
 * error the context holds no state: aw_fsrc_init it again before reuse.
 * load_feed returns AW_OK or the error that load_end will return.
 */
int aw_fsrc_load_begin(aw_fsrc_ctx *p, aw_state_dec *dec);
int aw_fsrc_load_feed(aw_fsrc_ctx *p, const void *chunk, size_t n);
int aw_fsrc_load_end(aw_fsrc_ctx *p);

/* Conditional request headers ("If-None-Match: ...\r\n",
 * "If-Modified-Since: ...\r\n"), appended to h; nothing without a record.
 * AW_OK or AW_ERR_FULL. */
int aw_fsrc_cond_headers(const aw_fsrc_ctx *p, aw_buf *h);

/*
 * One entry of the feed, in feed order (newest first as feeds list them).
 * Merges it by the rules above. AW_OK, AW_ERR_FULL (an entry whose text
 * alone exceeds the arena: cannot happen with the default sizes).
 */
int aw_fsrc_entry(aw_fsrc_ctx *p, const aw_feed_entry *e);
/* aw_feed_fn adapter: user is the aw_fsrc_ctx; non-zero (the error kept in
 * p->err) stops the parse. */
int aw_fsrc_on_entry(void *user, const aw_feed_entry *e);

/*
 * The feed is complete. etag / last_modified (NUL-terminated, NULL or ""
 * when absent; longer than AW_SRC_TAG_MAX - 1: not kept) are kept for the
 * next conditional request; now becomes the last check and last success
 * (and the baseline time on a first poll). AW_OK, or the sticky error of
 * aw_fsrc_on_entry.
 */
int aw_fsrc_end(aw_fsrc_ctx *p, const char *etag, const char *last_modified);

/*
 * Encode the record (aw_state format) through write. AW_OK, AW_ERR_IO
 * (write returned non-zero), AW_ERR_TOOBIG (cannot happen with
 * AW_STATE_RECORD_MAX >= the entry fields' sizes).
 */
int aw_fsrc_save(aw_fsrc_ctx *p, aw_state_write_fn write, void *user);

/*
 * Add the kept entries to `store` (aw_store_init first; a store may hold
 * other sources' items too), newest first: identity = the key's SHA-1,
 * time = the entry's date, identifier = its key text, no category,
 * markdown "- [title](link) - summary" with the title and summary escaped
 * as Markdown text (every character that could start markup is
 * backslash-escaped) and the link percent-encoded where Markdown would
 * end or break it; without a link "- title - summary"; an empty title
 * reads as the link (or the id). Returns AW_OK, or AW_ERR_FULL (the store
 * is full; the entries before stay in it).
 */
int aw_fsrc_render(aw_fsrc_ctx *p, aw_store_ctx *store);

/* Entry i (0 = newest) and its field f (AW_FSRC_ID ...): pointer into the
 * arena, length in *len (not NUL-terminated). */
const char *aw_fsrc_field(const aw_fsrc_ctx *p, uint32_t i, int f, size_t *len);

#endif /* AW_FSRC_H */
