/*
 * aw_starsync.c (port) - the I/O of the star counts of `awtrack update`:
 * reads and writes the cache record "stars.<source>" and the budget
 * record "stars-rate" through the state store, asks GitHub's REST API
 * (aw_fetch; the count picked out of the body by the core's streaming
 * aw_json scan), reads the clock's `now` from the caller, and says what
 * happened on stderr.
 *
 * Every decision is the core's (core/aw_starcache.h): the table of wanted
 * repositories, the record format, which counts are due and in which
 * order, the rate-limit budget and what an answer means. A board calls the
 * same functions with its own fetch and store.
 *
 * Deliberately not here: deciding which links get badges (the caller's
 * render with the badge rule), formatting (aw_stars), retries within a
 * run, and any failure of the list update: every problem here is a
 * message and a page without (some) badges.
 */
#define _GNU_SOURCE 1
#include "aw_starsync.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "aw_json.h"
#include "aw_starcache.h"

static aw_starcache_ctx cache;     /* the source at hand (large: static) */
static aw_starcache_budget budget; /* across the sources of this run */
static int budget_loaded;
static char *rec;                  /* record buffer (AW_STARCACHE_RECORD_MAX), malloc'ed once */

static void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void say(const char *fmt, ...)
{
	va_list ap;
	fputs("awtrack: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void aw_starsync_begin(void)
{
	aw_starcache_init(&cache);
}

int aw_starsync_want(const char *owner, size_t ol, const char *repo, size_t rl)
{
	return aw_starcache_want(&cache, owner, ol, repo, rl) ? -1 : 0;
}

static int alloc_rec(void)
{
	if (!rec && !(rec = malloc(AW_STARCACHE_RECORD_MAX))) {
		say("stars: out of memory");
		return -1;
	}
	return 0;
}

/* read record `name` into the table (mode: AW_STARCACHE_LOAD_*): 1 none,
 * 0 read, -1 error (said) */
static int read_cache(aw_storage *st, const char *name, int mode)
{
	size_t len = 0;
	int rc = st->ops->read(st->ctx, name, rec, AW_STARCACHE_RECORD_MAX, &len);
	if (rc == AW_ERR_NOTFOUND)
		return 1;
	if (rc) {
		say("stars: %s", st->ops->where(st->ctx));
		return -1;
	}
	aw_starcache_load_begin(&cache, mode);
	aw_starcache_load_feed(&cache, rec, len);
	rc = aw_starcache_load_end(&cache);
	if (rc == AW_ERR_FULL) {
		say("stars: the cache record %s holds more repositories than this build "
		    "(AW_STARCACHE_REPOS_MAX, AW_STARCACHE_ARENA_MAX); it was left as it is", name);
		return -1;
	}
	if (rc) {
		say("stars: the cache record %s is corrupt or of another version; it was left as it "
		    "is and the stars of this source wait (move it away to start over)", name);
		return -1;
	}
	return 0;
}

/* ---------------------------------------------------------------- records */

/* an aw_sink into the store's open replacement */
static int store_write(void *user, const char *p, size_t n)
{
	aw_storage *st = user;
	return st->ops->write(st->ctx, p, n);
}

/* replace record `name` with what save writes; AW_OK or the error */
static int write_record(aw_storage *st, const char *name, const aw_starcache_ctx *c,
			const aw_starcache_budget *b)
{
	aw_sink out;
	int rc = st->ops->begin(st->ctx, name);
	if (!rc) {
		aw_sink_init(&out, store_write, st);
		rc = c ? aw_starcache_save(c, &out) : aw_starcache_budget_save(b, &out);
	}
	if (!rc)
		rc = st->ops->commit(st->ctx);
	if (rc)
		st->ops->abort(st->ctx);
	return rc;
}

/* the remembered budget, read once per run (advisory: a bad one is unknown) */
static void budget_load(aw_storage *st)
{
	char b[128];
	size_t n = 0;
	if (budget_loaded)
		return;
	budget_loaded = 1;
	aw_starcache_budget_init(&budget);
	if (!st->ops->read(st->ctx, "stars-rate", b, sizeof b, &n))
		aw_starcache_budget_load(&budget, b, n);
}

/* ---------------------------------------------------------------- fetch */

struct body {
	aw_json_int_ctx j;
	const aw_http_ctx *h;
};

static int on_body(void *user, const char *p, size_t n)
{
	struct body *b = user;
	if (b->h->status != 200)
		return 0;
	return aw_json_int_feed(&b->j, p, n) ? 1 : 0;
}

/* ask for the count of key (the core's FETCH) and tell the core the answer */
static void fetch_one(const aw_starsync_cfg *c, const char *key, size_t klen)
{
	static char url[AW_HTTP_URL_MAX], err[1200];
	static aw_http_ctx h;
	aw_starcache_answer a;
	struct body b;
	aw_fetch_opts fo = *c->fo;
	int rc, n;

	n = snprintf(url, sizeof url, "%s/repos/%.*s", c->api_url, (int)klen, key);
	if (n < 0 || (size_t)n >= sizeof url) {
		aw_starcache_skip(&cache);        /* cannot be asked */
		return;
	}
	fo.accept = "application/vnd.github+json";
	fo.max_body = 1u << 20;
	fo.if_none_match = fo.if_modified_since = NULL;
	aw_json_int_init(&b.j, "stargazers_count");
	b.h = &h;
	rc = aw_fetch(url, &fo, &h, on_body, &b, err, sizeof err);
	if (rc == AW_FETCH_ABORT) {
		say("stars: %s: %s at byte %llu of the answer", url,
		    b.j.err == AW_ERR_TOOBIG ? "JSON nested too deeply" : "malformed JSON",
		    (unsigned long long)b.j.offset);
		aw_starcache_fail(&cache);
		return;
	}
	if (rc) {
		say("stars: %s (the counts wait for a later run)", err);
		aw_starcache_fail(&cache);
		return;
	}
	memset(&a, 0, sizeof a);
	a.status = h.status;
	a.ratelimit_remaining = h.ratelimit_remaining;
	a.ratelimit_reset = h.ratelimit_reset;
	a.retry_after = h.retry_after;
	a.count_rc = h.status == 200 ? aw_json_int_end(&b.j, &a.count) : AW_ERR_STATE;
	if (aw_starcache_reply(&cache, &budget, &a) != AW_STARCACHE_FAILED)
		return;
	if (h.status == 200)
		say("stars: %s: %s", url, a.count_rc == AW_ERR_NOTFOUND ? "no stargazers_count in the answer"
								 : "malformed JSON (cut short?)");
	else
		say("stars: %s: HTTP %d (the counts wait for a later run)", url, h.status);
}

int aw_starsync_run(const aw_starsync_cfg *c, const char *name)
{
	const char *key;
	size_t klen;
	int rc;

	if (alloc_rec())
		return -1;
	if (read_cache(c->st, name, AW_STARCACHE_LOAD_WANTED) < 0)
		return -1;
	budget_load(c->st);
	while ((rc = aw_starcache_next(&cache, c->now, c->interval, &budget, &key, &klen)) == AW_STARCACHE_FETCH)
		fetch_one(c, key, klen);
	if (budget.dirty) {
		write_record(c->st, "stars-rate", NULL, &budget);
		budget.dirty = 0;
	}
	if (rc == AW_STARCACHE_SPENT && !c->quiet) {
		char when[40] = "?";
		time_t t = (time_t)budget.reset;
		struct tm tm;
		if (budget.reset > 0 && gmtime_r(&t, &tm))
			strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
		say("%s: stars: %u count(s) fetched, %lu left for a later run (GitHub's rate limit "
		    "is spent until %s; GITHUB_TOKEN raises it)", c->label, cache.fetched,
		    (unsigned long)aw_starcache_left(&cache), when);
	} else if (!c->quiet && cache.fetched) {
		say("%s: stars: %u count(s) fetched", c->label, cache.fetched);
	}
	if (aw_starcache_changed(&cache) && write_record(c->st, name, &cache, NULL)) {
		say("stars: cache not written, the old one stays: %s", c->st->ops->where(c->st->ctx));
		return -1;
	}
	return rc == AW_STARCACHE_FAILED ? -1 : (int)cache.fetched;
}

int aw_starsync_map(aw_storage *st, const char *name, const char *own, aw_starmap_ctx *m,
		    char *total, size_t cap)
{
	unsigned n = 0;
	aw_buf t;
	int rc;

	aw_starmap_init(m);
	if (cap)
		total[0] = 0;
	if (alloc_rec())
		return -1;
	aw_starcache_init(&cache);
	rc = read_cache(st, name, AW_STARCACHE_LOAD_ALL);
	if (rc)
		return rc > 0 ? 0 : -1;
	aw_buf_init(&t, total, cap);
	if (aw_starcache_map(&cache, own, own ? strlen(own) : 0, m, cap ? &t : NULL, &n))
		say("stars: %s: more counts than the star map holds (AW_STARS_MAP_MAX, "
		    "AW_STARS_ARENA_MAX); the rest go without badges", name);
	if (cap)
		aw_buf_cstr(&t);
	return (int)n;
}
