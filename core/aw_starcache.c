/*
 * aw_starcache.c - what `awtrack update` does about star counts, without
 * doing any of it: a fixed hash table of wanted "owner/repo" keys (FNV-1a,
 * linear probing, keys in one arena), the line decoder and encoder of the
 * cache record (streamed: one line buffer, a running CRC-32), the fetch
 * order (a heap sort: no recursion, no qsort), and GitHub's rate-limit
 * budget as remembered between runs.
 *
 * Deliberately not here: the HTTP request and the JSON scan of the answer
 * (the caller's, with aw_http / aw_json), reading or writing records, the
 * clock, messages, deciding which links get badges (the caller's render
 * with the badge rule calls aw_starcache_want), and formatting beyond what
 * aw_stars does. Nothing grows: a full table refuses the key.
 */
#include "aw_starcache.h"

#include <string.h>

#include "aw_sha1.h"

static const char magic[] = "awtrack-stars 1\n";
#define MAGIC_LEN (sizeof magic - 1)

enum { PH_WANT, PH_LOAD, PH_LOADED, PH_RUN };
enum { L_MAGIC, L_LINES, L_DONE };

void aw_starcache_init(aw_starcache_ctx *s)
{
	/* the big arrays need no clearing: n and used bound what is read */
	memset(s->slot, 0, sizeof s->slot);
	s->n = s->used = 0;
	s->fetched = s->dropped = 0;
	s->loaded = 0;
	s->now = s->interval = 0;
	s->ndue = s->pos = 0;
	s->phase = PH_WANT;
	s->stop = 0;
	s->asked = 0;
	s->lmode = AW_STARCACHE_LOAD_WANTED;
	s->lst = L_MAGIC;
	s->lerr = AW_OK;
	s->crc = 0;
	s->lines = 0;
	s->mpos = s->llen = 0;
}

/* ---------------------------------------------------------------- table */

static uint32_t hash(const char *p, size_t n)
{
	uint32_t h = 2166136261u;
	while (n--)
		h = (h ^ (unsigned char)*p++) * 16777619u;
	return h;
}

/* the entry of key, or created (zeroed, not wanted) when `add`. NULL:
 * absent, or *full set when it cannot be added */
static aw_starcache_ent *find(aw_starcache_ctx *s, const char *k, size_t n, int add, int *full)
{
	uint32_t i = hash(k, n) % AW_STARCACHE_SLOTS, probes;
	for (probes = 0; probes < AW_STARCACHE_SLOTS; probes++) {
		aw_starcache_ent *e;
		if (!s->slot[i]) {
			if (!add)
				return NULL;
			if (s->n >= AW_STARCACHE_REPOS_MAX || n > AW_STARCACHE_ARENA_MAX - s->used) {
				*full = 1;
				return NULL;
			}
			e = &s->ent[s->n];
			memset(e, 0, sizeof *e);
			e->off = s->used;
			e->len = (uint16_t)n;
			memcpy(s->arena + s->used, k, n);
			s->used += (uint32_t)n;
			s->slot[i] = ++s->n;
			return e;
		}
		e = &s->ent[s->slot[i] - 1];
		if (e->len == n && !memcmp(s->arena + e->off, k, n))
			return e;
		if (++i == AW_STARCACHE_SLOTS)
			i = 0;
	}
	*full = 1;            /* cannot happen: twice as many slots as entries */
	return NULL;
}

static int name_ok(const char *p, size_t n)
{
	size_t i;
	if (!n || (n == 1 && p[0] == '.') || (n == 2 && p[0] == '.' && p[1] == '.'))
		return 0;
	for (i = 0; i < n; i++)
		if (!AW_IS_ALNUM(p[i]) && p[i] != '-' && p[i] != '_' && p[i] != '.')
			return 0;
	return 1;
}

/* "owner/repo" with two names GitHub could have */
static int key_ok(const char *k, size_t n)
{
	const char *sl = n ? memchr(k, '/', n) : NULL;
	if (!sl || n > AW_STARCACHE_KEY_MAX)
		return 0;
	return name_ok(k, (size_t)(sl - k)) && name_ok(sl + 1, (size_t)(k + n - sl - 1));
}

int aw_starcache_want(aw_starcache_ctx *s, const char *owner, size_t ol, const char *repo,
		     size_t rl)
{
	char k[AW_STARCACHE_KEY_MAX];
	aw_starcache_ent *e;
	int full = 0;

	if (s->phase != PH_WANT)
		return AW_ERR_STATE;
	if (!name_ok(owner, ol) || !name_ok(repo, rl) || ol + rl + 1 > AW_STARCACHE_KEY_MAX)
		return AW_OK;
	memcpy(k, owner, ol);
	k[ol] = '/';
	memcpy(k + ol + 1, repo, rl);
	if (!(e = find(s, k, ol + rl + 1, 1, &full)))
		return AW_ERR_FULL;
	e->want = 1;
	return AW_OK;
}

/* ---------------------------------------------------------------- record */

int aw_starcache_load_begin(aw_starcache_ctx *s, int mode)
{
	if (s->phase != PH_WANT || (mode != AW_STARCACHE_LOAD_WANTED && mode != AW_STARCACHE_LOAD_ALL))
		return AW_ERR_STATE;
	s->phase = PH_LOAD;
	s->lmode = mode;
	s->lst = L_MAGIC;
	s->lerr = AW_OK;
	s->crc = 0;
	s->lines = 0;
	s->mpos = s->llen = 0;
	s->dropped = 0;
	return AW_OK;
}

/* decimal digits p[0..n) (1..20 of them) into *v; 0, or -1 when not
 * digits or over max */
static int parse_u64(const char *p, size_t n, uint64_t max, uint64_t *v)
{
	uint64_t x = 0;
	size_t i;
	if (!n || n > 20)
		return -1;
	for (i = 0; i < n; i++) {
		unsigned d = (unsigned)(unsigned char)p[i] - '0';
		if (d > 9 || x > (max - d) / 10)
			return -1;
		x = x * 10 + d;
	}
	*v = x;
	return 0;
}

/* one entry line (without its newline) */
static int entry_line(aw_starcache_ctx *s, const char *p, size_t n)
{
	const char *t1 = memchr(p, '\t', n), *t2, *end = p + n;
	uint64_t count = 0, fetched;
	aw_starcache_ent *e;
	int gone, full = 0;

	if (!t1 || !(t2 = memchr(t1 + 1, '\t', (size_t)(end - t1 - 1))))
		return AW_ERR_SYNTAX;
	if (!key_ok(p, (size_t)(t1 - p)))
		return AW_ERR_SYNTAX;
	gone = t2 - t1 == 2 && t1[1] == '-';
	if (!gone && parse_u64(t1 + 1, (size_t)(t2 - t1 - 1), UINT64_MAX, &count))
		return AW_ERR_SYNTAX;
	if (parse_u64(t2 + 1, (size_t)(end - t2 - 1), (uint64_t)INT64_MAX, &fetched))
		return AW_ERR_SYNTAX;
	e = find(s, p, (size_t)(t1 - p), s->lmode == AW_STARCACHE_LOAD_ALL, &full);
	if (!e) {
		if (full)
			return AW_ERR_FULL;
		s->dropped++;
		return AW_OK;
	}
	if (s->lmode == AW_STARCACHE_LOAD_ALL)
		e->want = 1;
	e->have = gone ? AW_STARCACHE_HAVE_GONE : AW_STARCACHE_HAVE_COUNT;
	e->count = count;
	e->fetched = (int64_t)fetched;
	return AW_OK;
}

static int hexval(char c)
{
	if (AW_IS_DIGIT(c))
		return c - '0';
	if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
		return (c | 0x20) - 'a' + 10;
	return -1;
}

/* "end N CRC" (without its newline): N the lines, CRC 8 hex digits */
static int end_line(const aw_starcache_ctx *s, const char *p, size_t n)
{
	const char *sp;
	uint64_t lines;
	uint32_t crc = 0;
	size_t i;

	p += 4;
	n -= 4;
	if (!(sp = memchr(p, ' ', n)) || parse_u64(p, (size_t)(sp - p), 0xffffffffu, &lines) ||
	    lines != s->lines)
		return AW_ERR_SYNTAX;
	n -= (size_t)(sp - p) + 1;
	if (n != 8)
		return AW_ERR_SYNTAX;
	for (i = 0; i < 8; i++) {
		int h = hexval(sp[1 + i]);
		if (h < 0)
			return AW_ERR_SYNTAX;
		crc = crc << 4 | (uint32_t)h;
	}
	return crc == s->crc ? AW_OK : AW_ERR_SYNTAX;
}

static int load_fail(aw_starcache_ctx *s, int err)
{
	s->lerr = err;
	return err;
}

int aw_starcache_load_feed(aw_starcache_ctx *s, const void *chunk, size_t n)
{
	const char *p = chunk, *end = p + n;

	if (s->phase != PH_LOAD)
		return AW_ERR_STATE;
	if (s->lerr)
		return s->lerr;
	while (p < end) {
		if (s->lst == L_MAGIC) {
			size_t k = MAGIC_LEN - s->mpos;
			if (k > (size_t)(end - p))
				k = (size_t)(end - p);
			if (memcmp(p, magic + s->mpos, k))
				return load_fail(s, AW_ERR_SYNTAX);
			s->crc = aw_crc32(s->crc, p, k);
			s->mpos += k;
			p += k;
			if (s->mpos == MAGIC_LEN)
				s->lst = L_LINES;
		} else if (s->lst == L_LINES) {
			const char *nl = memchr(p, '\n', (size_t)(end - p));
			size_t k = (size_t)((nl ? nl : end) - p);
			int rc;
			if (k > AW_STARCACHE_LINE_MAX - s->llen)
				return load_fail(s, AW_ERR_SYNTAX);    /* no valid line is this long */
			memcpy(s->line + s->llen, p, k);
			s->llen += k;
			p += k;
			if (!nl)
				break;
			p++;
			if (s->llen >= 4 && !memcmp(s->line, "end ", 4)) {
				rc = end_line(s, s->line, s->llen);
				s->lst = L_DONE;
			} else {
				rc = entry_line(s, s->line, s->llen);
				s->crc = aw_crc32(s->crc, s->line, s->llen);
				s->crc = aw_crc32(s->crc, "\n", 1);
				s->lines++;
			}
			s->llen = 0;
			if (rc)
				return load_fail(s, rc);
		} else {
			return load_fail(s, AW_ERR_SYNTAX);    /* bytes after the end line */
		}
	}
	return AW_OK;
}

int aw_starcache_load_end(aw_starcache_ctx *s)
{
	if (s->phase != PH_LOAD)
		return AW_ERR_STATE;
	s->phase = PH_LOADED;    /* no more wants or loads; next() plans */
	if (s->lerr)
		return s->lerr;
	if (s->lst != L_DONE)
		return load_fail(s, AW_ERR_SYNTAX);       /* cut short */
	s->loaded = 1;
	return AW_OK;
}

/* decimal of v (aw_sink_putu takes an unsigned long: 32 bits on a board) */
static int sink_u64(aw_sink *out, uint64_t v)
{
	char t[24];
	size_t i = sizeof t;
	do {
		t[--i] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	return aw_sink_write(out, t + i, sizeof t - i);
}

/* one piece of the record: written and counted in the CRC */
struct enc {
	aw_sink *out;
	uint32_t crc;
};

static void enc_put(struct enc *c, const char *p, size_t n)
{
	c->crc = aw_crc32(c->crc, p, n);
	aw_sink_write(c->out, p, n);
}

static void enc_putu(struct enc *c, uint64_t v)
{
	char t[24];
	size_t i = sizeof t;
	do {
		t[--i] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	enc_put(c, t + i, sizeof t - i);
}

int aw_starcache_save(const aw_starcache_ctx *s, aw_sink *out)
{
	static const char hex[] = "0123456789abcdef";
	struct enc c;
	unsigned long lines = 0;
	char crc[9];
	uint32_t i;

	c.out = out;
	c.crc = 0;
	enc_put(&c, magic, MAGIC_LEN);
	for (i = 0; i < s->n && !out->err; i++) {
		const aw_starcache_ent *e = &s->ent[i];
		if (!e->want || e->have == AW_STARCACHE_HAVE_NONE)
			continue;
		enc_put(&c, s->arena + e->off, e->len);
		enc_put(&c, "\t", 1);
		if (e->have == AW_STARCACHE_HAVE_COUNT)
			enc_putu(&c, e->count);
		else
			enc_put(&c, "-", 1);
		enc_put(&c, "\t", 1);
		enc_putu(&c, e->fetched > 0 ? (uint64_t)e->fetched : 0u);
		enc_put(&c, "\n", 1);
		lines++;
	}
	for (i = 0; i < 8; i++)
		crc[i] = hex[c.crc >> (28 - 4 * i) & 15u];
	crc[8] = '\n';
	aw_sink_puts(out, "end ");
	sink_u64(out, lines);
	aw_sink_putc(out, ' ');
	return aw_sink_write(out, crc, sizeof crc);
}

/* ---------------------------------------------------------------- run */

/* fetch order: never fetched first, then the oldest, then want order */
static int before(const aw_starcache_ctx *s, uint32_t a, uint32_t b)
{
	const aw_starcache_ent *x = &s->ent[a], *y = &s->ent[b];
	int xa = x->have != AW_STARCACHE_HAVE_NONE, ya = y->have != AW_STARCACHE_HAVE_NONE;
	if (xa != ya)
		return xa < ya;
	if (x->fetched != y->fetched)
		return x->fetched < y->fetched;
	return a < b;
}

static void sift(aw_starcache_ctx *s, uint32_t i, uint32_t n)
{
	uint32_t *o = s->order;
	for (;;) {
		uint32_t c = 2 * i + 1, t;
		if (c >= n)
			return;
		if (c + 1 < n && before(s, o[c], o[c + 1]))
			c++;
		if (!before(s, o[i], o[c]))
			return;
		t = o[i];
		o[i] = o[c];
		o[c] = t;
		i = c;
	}
}

static void plan(aw_starcache_ctx *s)
{
	uint32_t i, n = 0;
	for (i = 0; i < s->n; i++) {
		const aw_starcache_ent *e = &s->ent[i];
		if (e->want && (e->have == AW_STARCACHE_HAVE_NONE || s->now - e->fetched >= s->interval ||
				e->fetched > s->now))
			s->order[n++] = i;
	}
	/* heap sort: a max-heap by `before`, the largest moved to the end */
	for (i = n / 2; i-- > 0;)
		sift(s, i, n);
	for (i = n; i > 1; i--) {
		uint32_t t = s->order[0];
		s->order[0] = s->order[i - 1];
		s->order[i - 1] = t;
		sift(s, 0, i - 1);
	}
	s->ndue = n;
	s->pos = 0;
	s->phase = PH_RUN;
}

int aw_starcache_next(aw_starcache_ctx *s, int64_t now, int64_t interval,
		      const aw_starcache_budget *b, const char **key, size_t *key_len)
{
	const aw_starcache_ent *e;
	if (s->phase == PH_LOAD)
		return AW_ERR_STATE;
	s->now = now;
	if (s->phase != PH_RUN) {
		s->interval = interval;
		plan(s);
	}
	if (s->asked)
		return AW_ERR_STATE;
	if (s->stop)
		return s->stop;
	if (s->pos >= s->ndue)
		return AW_STARCACHE_DONE;
	if (b && !aw_starcache_budget_ok(b, s->now))
		return s->stop = AW_STARCACHE_SPENT;
	e = &s->ent[s->order[s->pos]];
	*key = s->arena + e->off;
	*key_len = e->len;
	s->asked = 1;
	return AW_STARCACHE_FETCH;
}

int aw_starcache_reply(aw_starcache_ctx *s, aw_starcache_budget *b, const aw_starcache_answer *r)
{
	aw_starcache_ent *e;
	if (!s->asked)
		return AW_ERR_STATE;
	s->asked = 0;
	e = &s->ent[s->order[s->pos]];
	if (b)
		aw_starcache_budget_update(b, r, s->now);
	if (r->status == 200) {
		if (r->count_rc != AW_OK)
			return s->stop = AW_STARCACHE_FAILED;
		e->have = AW_STARCACHE_HAVE_COUNT;
		e->count = r->count;
		e->fetched = s->now;
		s->pos++;
		s->fetched++;
		return AW_STARCACHE_COUNTED;
	}
	if (r->status == 404 || r->status == 410 || r->status == 451) {
		e->have = AW_STARCACHE_HAVE_GONE;
		e->count = 0;
		e->fetched = s->now;
		s->pos++;
		s->fetched++;
		return AW_STARCACHE_GONE;
	}
	if ((r->status == 403 || r->status == 429) && b && b->remaining == 0)
		return s->stop = AW_STARCACHE_SPENT;
	return s->stop = AW_STARCACHE_FAILED;
}

int aw_starcache_fail(aw_starcache_ctx *s)
{
	if (!s->asked)
		return AW_ERR_STATE;
	s->asked = 0;
	s->stop = AW_STARCACHE_FAILED;
	return AW_OK;
}

int aw_starcache_skip(aw_starcache_ctx *s)
{
	if (!s->asked)
		return AW_ERR_STATE;
	s->asked = 0;
	s->pos++;
	return AW_OK;
}

uint32_t aw_starcache_left(const aw_starcache_ctx *s)
{
	return s->ndue - s->pos;
}

int aw_starcache_changed(const aw_starcache_ctx *s)
{
	return s->fetched > 0 || (s->loaded && s->dropped > 0);
}

int aw_starcache_map(const aw_starcache_ctx *s, const char *own, size_t own_len,
		    aw_starmap_ctx *m, aw_buf *total, unsigned *badges)
{
	uint32_t i;
	*badges = 0;
	for (i = 0; i < s->n; i++) {
		const aw_starcache_ent *e = &s->ent[i];
		char t[32];
		aw_buf b;
		if (e->have != AW_STARCACHE_HAVE_COUNT)
			continue;
		if (own && total && own_len == e->len && !memcmp(own, s->arena + e->off, e->len)) {
			aw_buf_reset(total);
			aw_stars_total_format(e->count, total);
		}
		aw_buf_init(&b, t, sizeof t);
		aw_stars_format(e->count, &b);
		if (aw_starmap_put(m, s->arena + e->off, e->len, t, b.len))
			return AW_ERR_FULL;
		++*badges;
	}
	return AW_OK;
}

/* ---------------------------------------------------------------- budget */

void aw_starcache_budget_init(aw_starcache_budget *b)
{
	b->remaining = -1;
	b->reset = -1;
	b->dirty = 0;
}

/* "<word> [-]digits\n" at *pp: the number, *pp moved past the line */
static int field(const char **pp, const char *end, const char *word, int64_t *v)
{
	const char *p = *pp, *nl;
	size_t w = strlen(word);
	uint64_t x;
	int neg;
	if ((size_t)(end - p) < w || memcmp(p, word, w) || !(nl = memchr(p + w, '\n', (size_t)(end - p - w))))
		return -1;
	p += w;
	neg = p < nl && *p == '-';
	p += neg;
	if (parse_u64(p, (size_t)(nl - p), (uint64_t)INT64_MAX, &x))
		return -1;
	*v = neg ? -(int64_t)x : (int64_t)x;
	*pp = nl + 1;
	return 0;
}

int aw_starcache_budget_load(aw_starcache_budget *b, const char *p, size_t n)
{
	const char *end = p + n;
	int64_t r, t;
	aw_starcache_budget_init(b);
	if (field(&p, end, "remaining ", &r) || field(&p, end, "reset ", &t) || p != end || r < 0)
		return AW_ERR_SYNTAX;
	b->remaining = r;
	b->reset = t;
	return AW_OK;
}

static int put_signed(aw_sink *out, int64_t v)
{
	if (v < 0) {
		aw_sink_putc(out, '-');
		return sink_u64(out, (uint64_t)(-(v + 1)) + 1u);
	}
	return sink_u64(out, (uint64_t)v);
}

int aw_starcache_budget_save(const aw_starcache_budget *b, aw_sink *out)
{
	aw_sink_puts(out, "remaining ");
	put_signed(out, b->remaining);
	aw_sink_puts(out, "\nreset ");
	put_signed(out, b->reset);
	return aw_sink_putc(out, '\n');
}

int aw_starcache_budget_ok(const aw_starcache_budget *b, int64_t now)
{
	return !(b->remaining == 0 && b->reset > now);
}

void aw_starcache_budget_update(aw_starcache_budget *b, const aw_starcache_answer *r, int64_t now)
{
	if (r->ratelimit_remaining >= 0) {
		b->remaining = r->ratelimit_remaining;
		b->reset = r->ratelimit_reset >= 0 ? r->ratelimit_reset : now + 3600;
		b->dirty = 1;
	}
	if ((r->status == 403 || r->status == 429) &&
	    (r->ratelimit_remaining == 0 || r->retry_after >= 0)) {
		b->remaining = 0;
		if (r->retry_after >= 0)
			b->reset = now + r->retry_after;
		else if (r->ratelimit_reset < 0)
			b->reset = now + 3600;
		b->dirty = 1;
	}
}
