/*
 * aw_starsync.c (port) - the star counts of `awtrack update`: a table of
 * wanted repositories, the cache record that keeps their counts between
 * runs, the GitHub rate-limit budget, and the REST calls (aw_fetch, the
 * count picked out of the body by the core's streaming aw_json scan).
 *
 * Cache record "stars.<source>" (text, atomically replaced):
 *   awtrack-stars 1
 *   OWNER/REPO <TAB> COUNT or "-" (no such repository) <TAB> FETCHED (Unix time)
 *   end N CRC32        (N lines; CRC-32 of every byte before "end", hex)
 * Rate record "stars-rate": "remaining N\nreset T\n" (advisory: a bad one
 * is ignored).
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
#include "aw_sha1.h"

#define SS_MAX AW_STARS_MAP_MAX
#define SS_SLOTS (2u * (uint32_t)SS_MAX)
#define SS_KEY_MAX 256            /* "owner/repo": GitHub allows 39 + 1 + 100 */
#define SS_RECORD_MAX ((size_t)SS_MAX * (SS_KEY_MAX + 48) + 64)

enum { HAVE_NONE, HAVE_COUNT, HAVE_GONE };

struct ent {
	uint32_t off;
	uint16_t len;
	uint8_t want, have;
	uint64_t count;
	int64_t fetched;
};

static struct ent ent[SS_MAX];
static uint32_t slot[SS_SLOTS];
static uint32_t nent, used;
static char arena[AW_STARS_ARENA_MAX];
static char *rec;                  /* record buffer (SS_RECORD_MAX), malloc'ed once */

static uint32_t unmatched;        /* cache lines of repositories not wanted */

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
	memset(slot, 0, sizeof slot);
	nent = used = 0;
}

static uint32_t hash(const char *p, size_t n)
{
	uint32_t h = 2166136261u;
	while (n--)
		h = (h ^ (unsigned char)*p++) * 16777619u;
	return h;
}

/* the entry of key, created (zeroed) when `add`; NULL: absent or full */
static struct ent *find(const char *k, size_t n, int add)
{
	uint32_t i = hash(k, n) & (SS_SLOTS - 1u), probes;
	for (probes = 0; probes < SS_SLOTS; probes++, i = (i + 1) & (SS_SLOTS - 1u)) {
		struct ent *e;
		if (!slot[i]) {
			if (!add || nent >= SS_MAX || n > SS_KEY_MAX || n > sizeof arena - used)
				return NULL;
			e = &ent[nent];
			memset(e, 0, sizeof *e);
			e->off = used;
			e->len = (uint16_t)n;
			memcpy(arena + used, k, n);
			used += (uint32_t)n;
			slot[i] = ++nent;
			return e;
		}
		e = &ent[slot[i] - 1];
		if (e->len == n && !memcmp(arena + e->off, k, n))
			return e;
	}
	return NULL;
}

static int name_ok(const char *s, size_t n)
{
	size_t i;
	if (!n || (n == 1 && s[0] == '.') || (n == 2 && s[0] == '.' && s[1] == '.'))
		return 0;
	for (i = 0; i < n; i++)
		if (!AW_IS_ALNUM(s[i]) && s[i] != '-' && s[i] != '_' && s[i] != '.')
			return 0;
	return 1;
}

int aw_starsync_want(const char *owner, size_t ol, const char *repo, size_t rl)
{
	char k[SS_KEY_MAX + 2];
	struct ent *e;
	if (!name_ok(owner, ol) || !name_ok(repo, rl) || ol + rl + 1 > SS_KEY_MAX)
		return 0;
	memcpy(k, owner, ol);
	k[ol] = '/';
	memcpy(k + ol + 1, repo, rl);
	if (!(e = find(k, ol + rl + 1, 1)))
		return -1;
	e->want = 1;
	return 0;
}

static int alloc_rec(void)
{
	if (!rec && !(rec = malloc(SS_RECORD_MAX))) {
		say("stars: out of memory");
		return -1;
	}
	return 0;
}

/*
 * Parse the cache record in rec[0..len) into the table: entries not yet
 * in it are added with want = 0 when `add`, else only wanted ones get
 * their counts. 0, or -1 when it is not a valid record.
 */
static int parse_cache(size_t len, int add)
{
	static const char magic[] = "awtrack-stars 1\n";
	const char *p = rec, *end = rec + len, *endl;
	unsigned long lines = 0, want_lines;
	unsigned crc;
	char tail[64];

	unmatched = 0;
	if (len < sizeof magic - 1 || memcmp(rec, magic, sizeof magic - 1))
		return -1;
	p += sizeof magic - 1;
	for (;;) {
		const char *t1, *t2;
		struct ent *e;
		char num[32];
		size_t n;
		if (!(endl = memchr(p, '\n', (size_t)(end - p))))
			return -1;
		if (end - p >= 4 && !memcmp(p, "end ", 4))
			break;
		t1 = memchr(p, '\t', (size_t)(endl - p));
		t2 = t1 ? memchr(t1 + 1, '\t', (size_t)(endl - t1 - 1)) : NULL;
		if (!t2 || t1 == p || endl - t2 - 1 < 1 || endl - t2 - 1 > 20 || t2 - t1 - 1 > 20 ||
		    t2 == t1 + 1)
			return -1;
		e = find(p, (size_t)(t1 - p), add);
		if (e) {
			n = (size_t)(t2 - t1 - 1);
			memcpy(num, t1 + 1, n);
			num[n] = 0;
			if (!strcmp(num, "-")) {
				e->have = HAVE_GONE;
				e->count = 0;
			} else {
				char *x;
				e->count = strtoull(num, &x, 10);
				if (*x || !AW_IS_DIGIT(num[0]))
					return -1;
				e->have = HAVE_COUNT;
			}
			n = (size_t)(endl - t2 - 1);
			memcpy(num, t2 + 1, n);
			num[n] = 0;
			{
				char *x;
				e->fetched = strtoll(num, &x, 10);
				if (*x || !AW_IS_DIGIT(num[0]))
					return -1;
			}
		} else if (add) {
			return -1;                /* the table is full */
		} else {
			unmatched++;
		}
		lines++;
		p = endl + 1;
	}
	crc = aw_crc32(0, rec, (size_t)(p - rec));
	if ((size_t)(endl - p) >= sizeof tail)
		return -1;
	memcpy(tail, p, (size_t)(endl - p));
	tail[endl - p] = 0;
	{
		unsigned c2;
		char extra;
		if (sscanf(tail, "end %lu %8x%c", &want_lines, &c2, &extra) != 2 || c2 != crc ||
		    want_lines != lines || endl + 1 != end)
			return -1;
	}
	return 0;
}

/* read record `name`: 1 none, 0 read (len), -1 error (said) */
static int read_cache(aw_storage *st, const char *name, size_t *len, int add)
{
	int rc = st->ops->read(st->ctx, name, rec, SS_RECORD_MAX, len);
	if (rc == AW_ERR_NOTFOUND)
		return 1;
	if (rc) {
		say("stars: %s", st->ops->where(st->ctx));
		return -1;
	}
	if (parse_cache(*len, add)) {
		say("stars: the cache record %s is corrupt or of another version; it was left as it "
		    "is and the stars of this source wait (move it away to start over)", name);
		return -1;
	}
	return 0;
}

/* ---------------------------------------------------------------- budget */

static struct {
	int loaded;
	int64_t remaining;      /* -1: unknown */
	int64_t reset;          /* Unix time, -1: unknown */
	int dirty;
} rate = {0, -1, -1, 0};

static void rate_load(aw_storage *st)
{
	char b[128];
	size_t n = 0;
	long long r, t;
	if (rate.loaded)
		return;
	rate.loaded = 1;
	if (st->ops->read(st->ctx, "stars-rate", b, sizeof b - 1, &n))
		return;
	b[n] = 0;
	if (sscanf(b, "remaining %lld\nreset %lld\n", &r, &t) == 2 && r >= 0) {
		rate.remaining = r;
		rate.reset = t;
	}
}

static void rate_save(aw_storage *st)
{
	char b[128];
	int n;
	if (!rate.dirty)
		return;
	n = snprintf(b, sizeof b, "remaining %lld\nreset %lld\n", (long long)rate.remaining,
		     (long long)rate.reset);
	if (st->ops->begin(st->ctx, "stars-rate") || st->ops->write(st->ctx, b, (size_t)n) ||
	    st->ops->commit(st->ctx))
		st->ops->abort(st->ctx);
	rate.dirty = 0;
}

/* may a request be made now? */
static int budget_left(int64_t now)
{
	if (rate.remaining == 0 && rate.reset > now)
		return 0;
	return 1;
}

static void rate_from(const aw_http_ctx *h, int64_t now)
{
	if (h->ratelimit_remaining >= 0) {
		rate.remaining = h->ratelimit_remaining;
		rate.reset = h->ratelimit_reset >= 0 ? h->ratelimit_reset : now + 3600;
		rate.dirty = 1;
	}
	if ((h->status == 403 || h->status == 429) &&
	    (h->ratelimit_remaining == 0 || h->retry_after >= 0)) {
		rate.remaining = 0;
		if (h->retry_after >= 0)
			rate.reset = now + h->retry_after;
		else if (h->ratelimit_reset < 0)
			rate.reset = now + 3600;
		rate.dirty = 1;
	}
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

enum { F_OK, F_STOP_BUDGET, F_STOP_ERR };

static int fetch_one(const aw_starsync_cfg *c, struct ent *e)
{
	static char url[AW_HTTP_URL_MAX], err[1200];
	static aw_http_ctx h;
	struct body b;
	aw_fetch_opts fo = *c->fo;
	uint64_t v;
	int rc, n;

	n = snprintf(url, sizeof url, "%s/repos/%.*s", c->api_url, (int)e->len, arena + e->off);
	if (n < 0 || (size_t)n >= sizeof url)
		return F_OK;                      /* cannot be asked: skip */
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
		return F_STOP_ERR;
	}
	if (rc) {
		say("stars: %s (the counts wait for a later run)", err);
		return F_STOP_ERR;
	}
	rate_from(&h, c->now);
	if (h.status == 200) {
		rc = aw_json_int_end(&b.j, &v);
		if (rc) {
			say("stars: %s: %s", url, rc == AW_ERR_NOTFOUND ? "no stargazers_count in the answer"
							   : "malformed JSON (cut short?)");
			return F_STOP_ERR;
		}
		e->have = HAVE_COUNT;
		e->count = v;
		e->fetched = c->now;
		return F_OK;
	}
	if (h.status == 404 || h.status == 410 || h.status == 451) {
		e->have = HAVE_GONE;
		e->fetched = c->now;
		return F_OK;
	}
	if ((h.status == 403 || h.status == 429) && rate.remaining == 0)
		return F_STOP_BUDGET;
	say("stars: %s: HTTP %d (the counts wait for a later run)", url, h.status);
	return F_STOP_ERR;
}

/* order of fetching: never fetched first, then the oldest */
static int by_age(const void *a, const void *b)
{
	const struct ent *x = &ent[*(const uint32_t *)a], *y = &ent[*(const uint32_t *)b];
	int xa = x->have != HAVE_NONE, ya = y->have != HAVE_NONE;
	if (xa != ya)
		return xa - ya;
	if (x->fetched != y->fetched)
		return x->fetched < y->fetched ? -1 : 1;
	return *(const uint32_t *)a < *(const uint32_t *)b ? -1 : 1;
}

static int write_cache(aw_storage *st, const char *name)
{
	static const char magic[] = "awtrack-stars 1\n";
	size_t len = 0;
	unsigned long lines = 0;
	uint32_t i;
	memcpy(rec, magic, sizeof magic - 1);
	len = sizeof magic - 1;
	for (i = 0; i < nent; i++) {
		const struct ent *e = &ent[i];
		int n;
		if (!e->want || e->have == HAVE_NONE)
			continue;
		if (e->have == HAVE_COUNT)
			n = snprintf(rec + len, SS_RECORD_MAX - len, "%.*s\t%llu\t%lld\n", (int)e->len,
				     arena + e->off, (unsigned long long)e->count, (long long)e->fetched);
		else
			n = snprintf(rec + len, SS_RECORD_MAX - len, "%.*s\t-\t%lld\n", (int)e->len,
				     arena + e->off, (long long)e->fetched);
		if (n < 0 || (size_t)n >= SS_RECORD_MAX - len)
			return -1;
		len += (size_t)n;
		lines++;
	}
	{
		uint32_t crc = aw_crc32(0, rec, len);
		int n = snprintf(rec + len, SS_RECORD_MAX - len, "end %lu %08x\n", lines, (unsigned)crc);
		if (n < 0 || (size_t)n >= SS_RECORD_MAX - len)
			return -1;
		len += (size_t)n;
	}
	if (st->ops->begin(st->ctx, name) || st->ops->write(st->ctx, rec, len) ||
	    st->ops->commit(st->ctx)) {
		say("stars: cache not written, the old one stays: %s", st->ops->where(st->ctx));
		st->ops->abort(st->ctx);
		return -1;
	}
	return 0;
}

int aw_starsync_run(const aw_starsync_cfg *c, const char *name)
{
	static uint32_t order[SS_MAX];
	size_t len;
	uint32_t i, ndue = 0, k;
	int rc, fetched = 0, stop = F_OK, dropped = 0;

	if (alloc_rec())
		return -1;
	rc = read_cache(c->st, name, &len, 0);
	if (rc < 0)
		return -1;
	/* cached counts of repositories no longer wanted are dropped on save */
	dropped = rc == 0 && unmatched > 0;
	for (i = 0; i < nent; i++)
		if (ent[i].want && (ent[i].have == HAVE_NONE || c->now - ent[i].fetched >= c->interval ||
				    ent[i].fetched > c->now))
			order[ndue++] = i;
	qsort(order, ndue, sizeof order[0], by_age);
	rate_load(c->st);
	for (k = 0; k < ndue; k++) {
		if (!budget_left(c->now)) {
			stop = F_STOP_BUDGET;
			break;
		}
		stop = fetch_one(c, &ent[order[k]]);
		if (stop != F_OK)
			break;
		fetched++;
	}
	rate_save(c->st);
	if (stop == F_STOP_BUDGET && !c->quiet) {
		char when[40] = "?";
		time_t t = (time_t)rate.reset;
		struct tm tm;
		if (rate.reset > 0 && gmtime_r(&t, &tm))
			strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
		say("%s: stars: %d count(s) fetched, %u left for a later run (GitHub's rate limit "
		    "is spent until %s; GITHUB_TOKEN raises it)", c->label, fetched, ndue - k, when);
	} else if (!c->quiet && fetched) {
		say("%s: stars: %d count(s) fetched", c->label, fetched);
	}
	if (fetched || dropped) {
		if (write_cache(c->st, name))
			return -1;
	}
	return stop == F_STOP_ERR ? -1 : fetched;
}

int aw_starsync_map(aw_storage *st, const char *name, const char *own, aw_starmap_ctx *m,
		    char *total, size_t cap)
{
	size_t len;
	uint32_t i;
	int rc, n = 0;

	aw_starmap_init(m);
	if (cap)
		total[0] = 0;
	if (alloc_rec())
		return -1;
	aw_starsync_begin();
	rc = read_cache(st, name, &len, 1);
	if (rc)
		return rc > 0 ? 0 : -1;
	for (i = 0; i < nent; i++) {
		const struct ent *e = &ent[i];
		char t[32];
		aw_buf b;
		if (e->have != HAVE_COUNT)
			continue;
		if (own && strlen(own) == e->len && !memcmp(own, arena + e->off, e->len) && cap) {
			aw_buf_init(&b, total, cap);
			aw_stars_total_format(e->count, &b);
			aw_buf_cstr(&b);
		}
		aw_buf_init(&b, t, sizeof t);
		aw_stars_format(e->count, &b);
		if (aw_starmap_put(m, arena + e->off, e->len, t, b.len)) {
			say("stars: %s: more counts than the star map holds (AW_STARS_MAP_MAX, "
			    "AW_STARS_ARENA_MAX); the rest go without badges", name);
			break;
		}
		n++;
	}
	return n;
}
