/*
 * aw_starsync.h (port) - star counts from GitHub's REST API for
 * `awtrack update`, cached in the state directory, and the star map the
 * pages read back.
 *
 * One source at a time: aw_starsync_begin, aw_starsync_want for the
 * list's own repository and every repository its items link to (the
 * badge rule decides which: the caller renders the list with an
 * aw_stars_fn that calls aw_starsync_want), then aw_starsync_run, which
 * fetches <api_url>/repos/OWNER/REPO for the counts that are missing or
 * older than the refresh interval, as far as GitHub's rate limit
 * (X-RateLimit-Remaining / -Reset, remembered across runs in the record
 * "stars-rate") allows, and rewrites the cache record. The rest waits
 * for a later run. Star failures are reported and never fail anything.
 */
#ifndef AW_STARSYNC_H
#define AW_STARSYNC_H

#include "aw.h"
#include "aw_fetch.h"
#include "aw_port.h"
#include "aw_stars.h"

typedef struct aw_starsync_cfg {
	aw_storage *st;           /* the locked state store */
	const char *api_url;      /* no trailing '/' */
	const aw_fetch_opts *fo;  /* timeouts, token and token_base (api_url) */
	int64_t interval;         /* seconds before a count is fetched again */
	int64_t now;              /* Unix time of the run */
	int quiet;                /* no progress lines */
	const char *label;        /* the source's name, for messages */
} aw_starsync_cfg;

/* Empty the table of wanted repositories. */
void aw_starsync_begin(void);
/*
 * Want the count of github.com/owner/repo (as written in the link: keys
 * are case-sensitive like the badges'). Names that GitHub could not have
 * (other than letters, digits, '-', '_', '.') are skipped. Returns 0, or
 * -1 when the table is full (AW_STARCACHE_REPOS_MAX, AW_STARCACHE_ARENA_MAX).
 */
int aw_starsync_want(const char *owner, size_t owner_len, const char *repo, size_t repo_len);
/*
 * Fetch what is due and the budget allows, then replace cache record
 * `name` (counts of the repositories no longer wanted are dropped).
 * Returns the number of counts fetched (>= 0), or -1 after a message on
 * stderr (network or state error: the old cache stays). A fetch that
 * ran out of budget is not an error.
 */
int aw_starsync_run(const aw_starsync_cfg *c, const char *name);
/*
 * Pages: load cache record `name` into `m` (owner/repo -> badge text, as
 * aw_stars_format prints it; m is initialised here) and, when `own` (the
 * list's "owner/repo") has a count, its header total (aw_stars_total_format)
 * into total[0..cap). Returns the number of badges, 0 when there is no
 * record (no badges), -1 when it is unreadable or corrupt (message on
 * stderr naming it; the page goes without badges).
 */
int aw_starsync_map(aw_storage *st, const char *name, const char *own, aw_starmap_ctx *m,
		    char *total, size_t cap);

#endif
