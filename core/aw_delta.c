/*
 * aw_delta.c - incremental replay (aw_delta.h): compare a version with the
 * previous one, parse again only the window between the top-level ATX
 * headings around the change, tell the replay what appeared and what
 * disappeared. Falls back to a whole parse whenever the window cannot be
 * proven exact. Does not read, allocate or keep any text: the caller's
 * buffer of the previous version is the base.
 */
#include "aw_delta.h"

#include <stddef.h>
#include <string.h>

#include "aw_sha1.h"

#define FALLBACK 1 /* window not usable: parse whole */

static int on_item(void *user, const aw_md_item *it)
{
	aw_delta_ctx *d = user;
	aw_delta_item *e;

	if (d->nnew >= AW_DELTA_ITEMS_MAX) {
		d->over = 1;
		return AW_ERR_FULL;
	}
	e = &d->nitem[d->nnew++];
	if (it->flags & AW_MD_F_SHA1) {
		memcpy(e->id, it->sha1, 20);
	} else {
		aw_sha1(it->ident, it->ident_len, e->id);
	}
	e->line = it->start_line;
	if (it->flags & AW_MD_F_TRUNC)
		d->truncated++;
	return 0;
}

static int on_head(void *user, uint32_t line, int level, unsigned flags)
{
	aw_delta_ctx *d = user;
	aw_delta_head *h;

	if (d->nnewh >= AW_DELTA_HEADS_MAX) {
		d->over = 1;
		return AW_ERR_FULL;
	}
	h = &d->nhead[d->nnewh++];
	memset(h, 0, sizeof *h);
	h->line = line;
	h->level = (uint8_t)level;
	h->flags = (uint8_t)flags;
	return 0;
}

int aw_delta_init(aw_delta_ctx *d, aw_md_ctx *md, const aw_md_opts *o, const aw_inl_env *env,
		  aw_md_cache *cache)
{
	int rc = aw_md_init(md, o, env, 0, on_item, d);
	if (rc)
		return rc;
	aw_md_set_cache(md, cache);
	aw_md_set_heading_fn(md, on_head, d);
	d->md = md;
	d->base_ok = 0;
	d->base = NULL;
	d->base_len = 0;
	d->nitems = d->nheads = d->nnew = d->nnewh = 0;
	d->over = 0;
	memset(d->hist, 0, sizeof d->hist);
	d->same = d->windows = d->wholes = d->truncated = 0;
	d->window_bytes = 0;
	return AW_OK;
}

/* Byte offsets of the new headings nhead[from..], whose lines are at or
 * after `line` starting at text[off]. */
static void head_offsets(aw_delta_ctx *d, uint32_t from, const char *text, size_t len, size_t off,
			 uint32_t line)
{
	uint32_t i;
	for (i = from; i < d->nnewh; i++) {
		aw_delta_head *h = &d->nhead[i];
		const char *nl;
		while (line < h->line && off < len) {
			nl = memchr(text + off, '\n', len - off);
			off = nl ? (size_t)(nl - text) + 1 : len;
			line++;
		}
		nl = off < len ? memchr(text + off, '\n', len - off) : NULL;
		h->off = (uint32_t)off;
		h->end = nl ? (uint32_t)(nl - text) + 1 : (uint32_t)len;
	}
}

static int deepest(const uint32_t hist[8])
{
	int l;
	for (l = 7; l > 0; l--)
		if (hist[l])
			return l;
	return 0;
}

/* The whole version: reuse the scan facts if the parser can verify them,
 * else both passes. */
static int whole(aw_delta_ctx *d, aw_replay_ctx *r, int64_t seen, const char *text, size_t len)
{
	aw_md_ctx *md = d->md;
	uint32_t i;
	int rc = AW_OK;

	d->base_ok = 0;
	d->nnew = d->nnewh = 0;
	d->over = 0;
	if (!aw_md_begin_reuse(md)) {
		rc = aw_md_feed(md, text, len);
		if (!rc)
			rc = aw_md_end(md);
		if (rc || !aw_md_reuse_ok(md))
			rc = FALLBACK;
	} else {
		rc = FALLBACK;
	}
	if (rc == FALLBACK) {
		d->nnew = d->nnewh = 0;
		d->over = 0;
		if ((rc = aw_md_begin(md, AW_MD_PASS_SCAN)) || (rc = aw_md_feed(md, text, len)) ||
		    (rc = aw_md_end(md)) || (rc = aw_md_begin(md, AW_MD_PASS_ITEMS)) ||
		    (rc = aw_md_feed(md, text, len)) || (rc = aw_md_end(md))) {
			if (d->over)
				return AW_ERR_FULL;
			return rc;
		}
	}
	if (d->over)
		return AW_ERR_FULL;
	d->wholes++;
	if ((rc = aw_replay_begin(r, seen)))
		return rc;
	for (i = 0; i < d->nnew; i++)
		if ((rc = aw_replay_item(r, d->nitem[i].id)))
			return rc;
	if ((rc = aw_replay_end(r)))
		return rc;
	/* the new base */
	head_offsets(d, 0, text, len, 0, 1);
	memcpy(d->items, d->nitem, d->nnew * sizeof d->items[0]);
	memcpy(d->heads, d->nhead, d->nnewh * sizeof d->heads[0]);
	d->nitems = d->nnew;
	d->nheads = d->nnewh;
	memset(d->hist, 0, sizeof d->hist);
	for (i = 0; i < d->nheads; i++)
		if (d->heads[i].flags & AW_MD_H_COUNTED)
			d->hist[d->heads[i].level & 7]++;
	d->base = text;
	d->base_len = len;
	d->base_ok = md->o.type != AW_MD_HEADING && !aw_md_ndefs(md) && !memchr(text, '\r', len);
	return AW_OK;
}

/* Equal leading bytes of a and b (n each): big blocks first, then small. */
static size_t common_prefix(const char *a, const char *b, size_t n)
{
	size_t i = 0, blk;
	for (blk = 16384; blk >= 64; blk /= 16)
		while (n - i >= blk && !memcmp(a + i, b + i, blk))
			i += blk;
	while (i < n && a[i] == b[i])
		i++;
	return i;
}

/* Common suffix of a[0..an) and b[0..bn), at most min(an, bn). */
static size_t common_suffix(const char *a, size_t an, const char *b, size_t bn)
{
	size_t n = an < bn ? an : bn, i = 0, blk;
	for (blk = 16384; blk >= 64; blk /= 16)
		while (n - i >= blk && !memcmp(a + an - i - blk, b + bn - i - blk, blk))
			i += blk;
	while (i < n && a[an - i - 1] == b[bn - i - 1])
		i++;
	return i;
}

/* First index in [0, n) of an array of records (size `size`, a uint32_t
 * line at offset `at`, lines ascending) whose line is >= line. */
static uint32_t first_at(const void *base, size_t size, size_t at, uint32_t n, uint32_t line)
{
	uint32_t lo = 0, hi = n;
	while (lo < hi) {
		uint32_t m = lo + (hi - lo) / 2, l;
		memcpy(&l, (const char *)base + (size_t)m * size + at, sizeof l);
		if (l < line)
			lo = m + 1;
		else
			hi = m;
	}
	return lo;
}

#define ITEMS_FROM(d, n, ln) \
	first_at((d)->items, sizeof (d)->items[0], offsetof(aw_delta_item, line), n, ln)
#define HEADS_FROM(d, n, ln) \
	first_at((d)->heads, sizeof (d)->heads[0], offsetof(aw_delta_head, line), n, ln)

static int window(aw_delta_ctx *d, aw_replay_ctx *r, int64_t seen, const char *v, size_t vl)
{
	aw_md_ctx *md = d->md;
	const char *u = d->base;
	size_t ul = d->base_len, p, s, o1 = 0, fed;
	uint32_t l1 = 1, uend = UINT32_MAX, i, j, ia, ib, ha, hb, gate = 0;
	long long delta = (long long)vl - (long long)ul;
	long long ldelta = 0;
	int h1 = -1, g0 = 0, jend = -1, rc;
	uint32_t hist[8];

	p = common_prefix(u, v, ul < vl ? ul : vl);
	if (p == ul && ul == vl) {
		d->same++;
		if ((rc = aw_replay_begin_delta(r, seen)))
			return rc;
		d->base = v;
		return aw_replay_end(r);
	}
	s = common_suffix(u + p, ul - p, v + p, vl - p);
	/* the window starts after the last ATX heading within the prefix */
	for (i = 0; i < d->nheads && d->heads[i].end <= p; i++)
		if ((d->heads[i].flags & AW_MD_H_ATX) && u[d->heads[i].end - 1] == '\n')
			h1 = (int)i; /* (its line ends inside the prefix: a last line
					without a newline may go on in the new version) */
	for (i = 0; i < d->nheads; i++)
		if (d->heads[i].flags & AW_MD_H_GATE)
			gate = d->heads[i].line;
	if (h1 >= 0) {
		l1 = d->heads[h1].line + 1;
		o1 = d->heads[h1].end;
		g0 = gate && gate < l1;
	}
	if (aw_md_begin_window(md, l1, g0))
		return FALLBACK;
	d->nnew = d->nnewh = 0;
	d->over = 0;
	fed = o1;
	rc = AW_OK;
	/* it ends at the first ATX heading within the suffix that the new
	   version's parse also reaches as one */
	for (j = h1 < 0 ? 0 : (uint32_t)h1 + 1; j < d->nheads && !rc; j++) {
		const aw_delta_head *h = &d->heads[j];
		size_t e;
		if (!(h->flags & AW_MD_H_ATX) || h->off <= ul - s || u[h->end - 1] != '\n')
			continue;
		e = (size_t)((long long)h->end + delta);
		rc = aw_md_feed(md, v + fed, e - fed);
		fed = e;
		if (!rc && aw_md_at_atx(md)) {
			jend = (int)j;
			break;
		}
	}
	if (!rc && jend < 0 && fed < vl) {
		rc = aw_md_feed(md, v + fed, vl - fed);
		fed = vl;
	}
	if (!rc)
		rc = aw_md_end(md);
	if (rc || d->over || !aw_md_reuse_ok(md) || memchr(v + o1, '\r', fed - o1))
		return FALLBACK; /* (a rejected version is judged by the whole parse) */
	if (jend >= 0) {
		uend = d->heads[jend].line;
		ldelta = (long long)aw_md_line(md) - (long long)uend;
	}
	/* the document-wide facts after the window must not change */
	memcpy(hist, d->hist, sizeof hist);
	ha = HEADS_FROM(d, d->nheads, l1);
	hb = jend >= 0 ? (uint32_t)jend + 1 : d->nheads;
	for (i = ha; i < hb; i++)
		if (d->heads[i].flags & AW_MD_H_COUNTED)
			hist[d->heads[i].level & 7]--;
	for (i = 0; i < d->nnewh; i++)
		if (d->nhead[i].flags & AW_MD_H_COUNTED)
			hist[d->nhead[i].level & 7]++;
	if (deepest(hist) != deepest(d->hist))
		return FALLBACK;
	if (jend >= 0) {
		int gu = gate && gate <= uend, gv = g0;
		for (i = 0; i < d->nnewh; i++)
			if (d->nhead[i].flags & AW_MD_H_GATE)
				gv = 1;
		if (gu != gv)
			return FALLBACK;
	}
	/* apply: appearing occurrences first, then the vanished ones */
	ia = ITEMS_FROM(d, d->nitems, l1);
	ib = jend >= 0 ? ITEMS_FROM(d, d->nitems, uend + 1) : d->nitems;
	if ((rc = aw_replay_begin_delta(r, seen)))
		return rc;
	for (i = 0; i < d->nnew; i++)
		if ((rc = aw_replay_add(r, d->nitem[i].id)))
			return rc;
	for (i = ia; i < ib; i++)
		if ((rc = aw_replay_remove(r, d->items[i].id)))
			return rc;
	if ((rc = aw_replay_end(r)))
		return rc;
	/* splice the tables: [0, a) + window + [b, n) shifted */
	if (d->nitems - (ib - ia) + d->nnew > AW_DELTA_ITEMS_MAX ||
	    d->nheads - (hb - ha) + d->nnewh > AW_DELTA_HEADS_MAX)
		return AW_ERR_FULL;
	head_offsets(d, 0, v, vl, o1, l1);
	memmove(d->items + ia + d->nnew, d->items + ib, (d->nitems - ib) * sizeof d->items[0]);
	memcpy(d->items + ia, d->nitem, d->nnew * sizeof d->items[0]);
	d->nitems = d->nitems - (ib - ia) + d->nnew;
	for (i = ia + d->nnew; i < d->nitems; i++)
		d->items[i].line = (uint32_t)((long long)d->items[i].line + ldelta);
	memmove(d->heads + ha + d->nnewh, d->heads + hb, (d->nheads - hb) * sizeof d->heads[0]);
	memcpy(d->heads + ha, d->nhead, d->nnewh * sizeof d->heads[0]);
	d->nheads = d->nheads - (hb - ha) + d->nnewh;
	for (i = ha + d->nnewh; i < d->nheads; i++) {
		aw_delta_head *h = &d->heads[i];
		h->line = (uint32_t)((long long)h->line + ldelta);
		h->off = (uint32_t)((long long)h->off + delta);
		h->end = (uint32_t)((long long)h->end + delta);
	}
	memcpy(d->hist, hist, sizeof hist);
	d->window_bytes += fed - o1;
	d->windows++;
	d->base = v;
	d->base_len = vl;
	return AW_OK;
}

int aw_delta_version(aw_delta_ctx *d, aw_replay_ctx *r, int64_t seen, const char *text, size_t len)
{
	int rc;
	if (len > 0xffffffffu)
		return AW_ERR_TOOBIG;
	if (d->base_ok) {
		rc = window(d, r, seen, text, len);
		if (rc != FALLBACK)
			return rc;
	}
	rc = whole(d, r, seen, text, len);
	if (rc)
		d->base_ok = 0;
	return rc;
}
