/*
 * aw_starcache.h - the star-count logic of `awtrack update`, sans-I/O: the
 * table of repositories whose GitHub star counts a source wants, the cache
 * record that keeps the counts between runs, the refresh interval, and
 * GitHub's rate-limit budget. The caller moves the bytes: it reads the
 * records, makes the REST calls (<api_url>/repos/OWNER/REPO, the count
 * picked out of the body with aw_json) and writes the records; this module
 * decides what is asked, in which order, and what is kept.
 *
 *   aw_starcache_init(s)
 *   aw_starcache_want(s, owner, repo) ...       the list's own repository and
 *                                              every one its badges would show
 *   aw_starcache_load_begin(s, AW_STARCACHE_LOAD_WANTED)   cache record, if any:
 *   aw_starcache_load_feed(s, chunk, n) ...       any chunking
 *   aw_starcache_load_end(s)
 *   while (aw_starcache_next(s, now, interval, budget, &key, &len) == FETCH)
 *       GET <api_url>/repos/<key>, then one of
 *       aw_starcache_reply(s, budget, &reply)   an answer (status, headers, count)
 *       aw_starcache_fail(s)                    no usable answer: stop
 *       aw_starcache_skip(s)                    not asked (e.g. URL too long)
 *   if (aw_starcache_changed(s)) aw_starcache_save(s, sink)   the new record
 *   budget: aw_starcache_budget_save when b->dirty   ("stars-rate")
 *
 * Pages: aw_starcache_init, load with AW_STARCACHE_LOAD_ALL, aw_starcache_map.
 *
 * Rules (issue 10 item 4; docs/awtrack.1 and awtrack.conf.5 tell users):
 *  - due: a wanted repository without a count, or whose count was fetched
 *    `interval` seconds ago or more (or in the future: a clock that went
 *    back). Order: never fetched first, then the oldest fetch, then the
 *    order of aw_starcache_want;
 *  - budget: before each request, nothing is asked while GitHub said
 *    "remaining 0" and its reset time is still ahead. Every answer's
 *    X-RateLimit-Remaining (and -Reset, else now + 1 h) is remembered; a
 *    403 or 429 with remaining 0 or a Retry-After spends the budget (until
 *    now + Retry-After, else the reset, else now + 1 h) and stops the run:
 *    the rest waits for a later run;
 *  - 200 with a count: kept; 404, 410, 451: the repository is gone ("-",
 *    no badge); anything else stops the run (the old counts stay);
 *  - the new record keeps the wanted repositories that have a count or are
 *    gone, in the order of aw_starcache_want; counts of repositories no
 *    longer wanted are dropped.
 *
 * Cache record (text; also described in docs/awtrack-state.5):
 *   awtrack-stars 1
 *   OWNER/REPO <TAB> COUNT or "-" (gone) <TAB> FETCHED (Unix time)
 *   ...
 *   end N CRC32      (N lines; CRC-32 of every byte before "end", 8 hex)
 * Budget record ("stars-rate"): "remaining N\nreset T\n".
 *
 * Nothing here reads a clock, a file or the network, formats a message or
 * allocates: the context (large: about 36 * AW_STARCACHE_REPOS_MAX +
 * AW_STARCACHE_ARENA_MAX bytes; place it in static storage) is the caller's.
 */
#ifndef AW_STARCACHE_H
#define AW_STARCACHE_H

#include "aw.h"
#include "aw_stars.h"

/* Hash slots of the table: twice the entries keeps probes short. */
#define AW_STARCACHE_SLOTS (2u * (uint32_t)AW_STARCACHE_REPOS_MAX)
/* Longest line of a valid record (without its newline): a key, a count
 * (at most 20 digits) and a time (at most 19 digits), two tabs. */
#define AW_STARCACHE_LINE_MAX (AW_STARCACHE_KEY_MAX + 48u)
/* Largest valid record of this build: size the read buffer with it. */
#define AW_STARCACHE_RECORD_MAX \
	((size_t)AW_STARCACHE_REPOS_MAX * (AW_STARCACHE_LINE_MAX + 1u) + 64u)

/* aw_starcache_load_begin modes */
#define AW_STARCACHE_LOAD_WANTED 0   /* counts of the wanted repositories only */
#define AW_STARCACHE_LOAD_ALL 1      /* every line (wanted from then on) */

/* results of aw_starcache_next / aw_starcache_reply */
enum {
	AW_STARCACHE_DONE = 0,       /* nothing more is due */
	AW_STARCACHE_FETCH = 1,      /* ask for *key */
	AW_STARCACHE_SPENT = 2,      /* the budget is spent: the rest waits (sticky) */
	AW_STARCACHE_FAILED = 3,     /* a failed request stopped the run (sticky) */
	AW_STARCACHE_COUNTED = 4,    /* reply: the count is kept */
	AW_STARCACHE_GONE = 5        /* reply: the repository is gone */
};

/* what an entry holds */
enum { AW_STARCACHE_HAVE_NONE, AW_STARCACHE_HAVE_COUNT, AW_STARCACHE_HAVE_GONE };

/*
 * GitHub's rate limit as last seen, kept across the sources of a run and
 * across runs (the "stars-rate" record). Plain data: the caller may keep
 * it anywhere.
 */
typedef struct aw_starcache_budget {
	int64_t remaining;          /* requests left, -1: unknown */
	int64_t reset;              /* Unix time of the reset, -1: unknown */
	int dirty;                  /* changed since init/load: save it */
} aw_starcache_budget;

/* One answer of <api_url>/repos/OWNER/REPO. */
typedef struct aw_starcache_answer {
	int status;                 /* HTTP status of the final answer */
	int64_t ratelimit_remaining; /* X-RateLimit-Remaining, -1: absent */
	int64_t ratelimit_reset;    /* X-RateLimit-Reset (Unix time), -1: absent */
	int64_t retry_after;        /* Retry-After in seconds, -1: absent or a date */
	int count_rc;               /* 200: aw_json_int_end's result (AW_OK: count) */
	uint64_t count;             /* 200 and AW_OK: stargazers_count */
} aw_starcache_answer;

typedef struct aw_starcache_ent {
	uint32_t off;               /* "owner/repo" in arena */
	uint16_t len;
	uint8_t want;               /* asked by aw_starcache_want (or LOAD_ALL) */
	uint8_t have;               /* AW_STARCACHE_HAVE_* */
	uint64_t count;             /* HAVE_COUNT */
	int64_t fetched;            /* Unix time of the answer (HAVE_COUNT, HAVE_GONE) */
} aw_starcache_ent;

/* Opaque: read the documented results only. */
typedef struct aw_starcache_ctx {
	/* results */
	uint32_t n;                 /* entries (repositories) in the table */
	unsigned fetched;           /* answers kept this run (COUNTED + GONE) */
	unsigned dropped;           /* record lines of repositories not wanted */
	int loaded;                 /* a valid record was loaded */

	/* ---- private ---- */
	aw_starcache_ent ent[AW_STARCACHE_REPOS_MAX];
	uint32_t slot[AW_STARCACHE_SLOTS];    /* entry index + 1, 0 = empty */
	uint32_t order[AW_STARCACHE_REPOS_MAX]; /* due entries, in fetch order */
	uint32_t used;                       /* arena bytes in use */
	char arena[AW_STARCACHE_ARENA_MAX];
	int64_t now, interval;
	uint32_t ndue, pos;                  /* order[pos] is next */
	int phase;                           /* want, load, run */
	int stop;                            /* sticky SPENT / FAILED */
	int asked;                           /* order[pos] was handed out */
	/* record loader */
	int lmode, lst, lerr;
	uint32_t crc;
	uint32_t lines;
	size_t mpos;                         /* magic bytes matched */
	size_t llen;
	char line[AW_STARCACHE_LINE_MAX];
} aw_starcache_ctx;

/* Empty the table. */
void aw_starcache_init(aw_starcache_ctx *s);

/*
 * Want the count of github.com/owner/repo (as written in the link: keys
 * are case-sensitive like the badges'). Names GitHub could not have
 * (empty, ".", "..", other than letters, digits, '-', '_', '.', or
 * "owner/repo" longer than AW_STARCACHE_KEY_MAX) are skipped (AW_OK, not
 * added). Returns AW_OK, AW_ERR_FULL (AW_STARCACHE_REPOS_MAX or
 * AW_STARCACHE_ARENA_MAX reached; it is not wanted), AW_ERR_STATE (after
 * aw_starcache_load_begin or aw_starcache_next).
 */
int aw_starcache_want(aw_starcache_ctx *s, const char *owner, size_t owner_len,
		     const char *repo, size_t repo_len);

/*
 * Load the cache record, fed in chunks of any size (the result does not
 * depend on the chunking). LOAD_WANTED: lines of wanted repositories set
 * their counts, the others are counted in s->dropped. LOAD_ALL: every line
 * is added, wanted. load_end returns AW_OK (s->loaded set), AW_ERR_SYNTAX
 * (not this record format or version, cut short, a malformed line, a
 * count over 2^64 - 1, a CRC or line count that does not match, bytes
 * after the end line), AW_ERR_FULL (LOAD_ALL: more repositories than the
 * table holds). After an error the counts may be partly set: init again
 * before reuse. load_feed returns AW_OK or the error load_end will return.
 * Without a record, skip the three calls.
 */
int aw_starcache_load_begin(aw_starcache_ctx *s, int mode);
int aw_starcache_load_feed(aw_starcache_ctx *s, const void *chunk, size_t n);
int aw_starcache_load_end(aw_starcache_ctx *s);

/*
 * The next repository to ask, by the due rule and order above, if the
 * budget allows (b may be NULL: no budget known). now: the current Unix
 * time (the budget's clock and the time an answer is kept with);
 * interval: seconds before a count is fetched again. The first call plans
 * the run: which repositories are due is decided with its now and
 * interval; later calls pass the time again (interval is ignored). Returns AW_STARCACHE_FETCH
 * with *key / *key_len ("owner/repo", valid while s lives; not
 * NUL-terminated), AW_STARCACHE_DONE, AW_STARCACHE_SPENT (aw_starcache_left
 * says how many wait), AW_STARCACHE_FAILED, or AW_ERR_STATE when the last
 * FETCH was not answered by reply, fail or skip.
 */
int aw_starcache_next(aw_starcache_ctx *s, int64_t now, int64_t interval,
		      const aw_starcache_budget *b, const char **key, size_t *key_len);

/*
 * The answer to the last FETCH. Updates b (may be NULL) from the rate
 * headers, then keeps the count (AW_STARCACHE_COUNTED: 200 with count_rc
 * AW_OK), marks the repository gone (AW_STARCACHE_GONE: 404, 410, 451), or
 * stops the run: AW_STARCACHE_SPENT (403/429 that spent the budget; that
 * repository waits too), AW_STARCACHE_FAILED (any other status, or 200
 * without a count). AW_ERR_STATE without a pending FETCH.
 */
int aw_starcache_reply(aw_starcache_ctx *s, aw_starcache_budget *b, const aw_starcache_answer *r);
/* No usable answer (connection, TLS, timeout, malformed body): the run
 * stops (AW_STARCACHE_FAILED), the budget is not touched. AW_OK or
 * AW_ERR_STATE. */
int aw_starcache_fail(aw_starcache_ctx *s);
/* The last FETCH was not asked: its entry is left as it is and the run
 * goes on. AW_OK or AW_ERR_STATE. */
int aw_starcache_skip(aw_starcache_ctx *s);
/* Due repositories not asked yet (after SPENT: the ones that wait). */
uint32_t aw_starcache_left(const aw_starcache_ctx *s);

/* Whether the record must be written: a count was kept or gone this run,
 * or the loaded record holds repositories no longer wanted. */
int aw_starcache_changed(const aw_starcache_ctx *s);
/*
 * Write the record (the format above) to out, in pieces. Returns AW_OK or
 * the sink's error.
 */
int aw_starcache_save(const aw_starcache_ctx *s, aw_sink *out);

/*
 * Pages: put every count of the table into m (owner/repo -> the badge text
 * of aw_stars_format; m is not initialised here) and, when own (the list's
 * "owner/repo", may be NULL) has a count, replace total's content with its
 * header total (aw_stars_total_format; total may be NULL). *badges gets
 * the number of entries put. Returns AW_OK, or AW_ERR_FULL when m ran out
 * (the rest go without badges).
 */
int aw_starcache_map(const aw_starcache_ctx *s, const char *own, size_t own_len,
		    aw_starmap_ctx *m, aw_buf *total, unsigned *badges);

/* ---- budget ---- */

/* Unknown (nothing remembered): requests are made. */
void aw_starcache_budget_init(aw_starcache_budget *b);
/* Parse a "stars-rate" record. AW_OK, or AW_ERR_SYNTAX (b left unknown:
 * the record is advisory, a bad one is ignored). b->dirty is cleared. */
int aw_starcache_budget_load(aw_starcache_budget *b, const char *p, size_t n);
/* Write the record. AW_OK or the sink's error. */
int aw_starcache_budget_save(const aw_starcache_budget *b, aw_sink *out);
/* May a request be made at `now`? 1 or 0 (remaining 0 and reset ahead). */
int aw_starcache_budget_ok(const aw_starcache_budget *b, int64_t now);
/* Remember the rate headers of one answer (the rule above). */
void aw_starcache_budget_update(aw_starcache_budget *b, const aw_starcache_answer *r, int64_t now);

#endif /* AW_STARCACHE_H */
