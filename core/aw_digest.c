/*
 * aw_digest.c - the digest walker (aw_digest.h): sorts the store's items
 * by period (newest first) and document position with an in-place heap
 * sort on a total order (deterministic without a stable sort, no
 * recursion), then hands out period / category / item events one at a
 * time. Grouping a period by category scans the period once per category
 * (first appearance order), marking the items it has handed out; the
 * document kind groups runs of consecutive items instead.
 *
 * It does not render, escape or format anything, and it never writes to
 * the store: its scratch lives in the caller's aw_digest_ctx.
 */
#include "aw_digest.h"
#include "aw_time.h"

#include <string.h>

enum { ST_IDLE, ST_PERIOD, ST_GROUP, ST_ITEMS, ST_GROUP_END, ST_PERIOD_END, ST_DONE };

void aw_digest_opts_default(aw_digest_opts *o)
{
	o->kind = AW_DIGEST_WEEKLY;
	o->max_periods = 0;
	o->since = AW_DIGEST_ALL_TIME;
	o->until = AW_DIGEST_NO_END;
}

uint32_t aw_digest_period_key(int kind, int64_t t)
{
	if (kind == AW_DIGEST_WEEKLY)
		return aw_time_week_key(t);
	return kind == AW_DIGEST_DAILY ? aw_time_day_key(t) : 0;
}

int64_t aw_digest_period_start(int kind, int64_t t)
{
	int64_t d = aw_days_of(t);

	if (kind == AW_DIGEST_WEEKLY)
		return (d - (int64_t)aw_weekday(d)) * 86400;
	return kind == AW_DIGEST_DAILY ? d * 86400 : AW_DIGEST_ALL_TIME;
}

/* order: bucket descending, then document position ascending */
static int before(const aw_digest_ctx *w, uint32_t a, uint32_t b)
{
	if (w->bucket[a] != w->bucket[b])
		return w->bucket[a] > w->bucket[b];
	return a < b;
}

static void sift(aw_digest_ctx *w, size_t root, size_t n)
{
	uint32_t *v = w->order;
	for (;;) {
		size_t c = 2 * root + 1;
		uint32_t t;
		if (c >= n)
			return;
		/* max-heap of the "later in output" element */
		if (c + 1 < n && before(w, v[c], v[c + 1]))
			c++;
		if (!before(w, v[root], v[c]))
			return;
		t = v[root];
		v[root] = v[c];
		v[c] = t;
		root = c;
	}
}

static void sort_items(aw_digest_ctx *w, size_t n)
{
	uint32_t *v = w->order;
	size_t i;

	for (i = n / 2; i-- > 0;)
		sift(w, i, n);
	for (i = n; i-- > 1;) {
		uint32_t t = v[0];
		v[0] = v[i];
		v[i] = t;
		sift(w, 0, i);
	}
}

int aw_digest_begin(aw_digest_ctx *w, const aw_store_ctx *s, const aw_digest_opts *o)
{
	size_t i, n;

	if (!w || !s)
		return AW_ERR_ARG;
	if (o)
		w->o = *o;
	else
		aw_digest_opts_default(&w->o);
	if (w->o.kind != AW_DIGEST_WEEKLY && w->o.kind != AW_DIGEST_DAILY &&
	    w->o.kind != AW_DIGEST_DOCUMENT) {
		w->state = ST_IDLE;
		return AW_ERR_ARG;
	}
	w->s = s;
	n = aw_store_count(s);
	w->n = 0;
	for (i = 0; i < n; i++) {
		const aw_store_item *it = aw_store_get(s, i);
		if (it->time < w->o.since || it->time >= w->o.until)
			continue;
		w->order[w->n] = (uint32_t)i;
		/* bucket is indexed by store position */
		w->bucket[i] = aw_digest_period_key(w->o.kind, it->time);
		w->n++;
	}
	sort_items(w, w->n);
	memset(w->done, 0, w->n);
	w->a = w->b = 0;
	w->periods = 0;
	w->state = ST_PERIOD;
	return AW_OK;
}

static int same_cat(const aw_store_ctx *s, uint32_t a, uint32_t b)
{
	size_t la, lb;
	const char *ca = aw_store_category(s, aw_store_get(s, a), &la);
	const char *cb = aw_store_category(s, aw_store_get(s, b), &lb);
	return la == lb && !memcmp(ca, cb, la);
}

/* items of the group led by position `lead` (done: count those handed
 * out too) */
static uint32_t group_count(const aw_digest_ctx *w, uint32_t lead, int done)
{
	uint32_t q, k = 0;
	for (q = lead; q < w->b; q++) {
		if (same_cat(w->s, w->order[lead], w->order[q])) {
			if (done || !w->done[q])
				k++;
		} else if (w->o.kind == AW_DIGEST_DOCUMENT) {
			break;          /* a run ends */
		}
	}
	return k;
}

static void fill_item(aw_digest_ctx *w, uint32_t idx)
{
	const aw_store_ctx *s = w->s;
	const aw_store_item *it = aw_store_get(s, idx);
	aw_digest_item *d = &w->item;

	aw_store_fields f;

	memset(d, 0, sizeof *d);
	aw_store_fields_of(s, it, &f);
	d->id = it->id;
	d->time = it->time;
	d->index = idx;
	d->have = f.have;
	d->title = f.title;
	d->title_len = f.title_len;
	d->url = f.url;
	d->url_len = f.url_len;
	d->ident = f.ident;
	d->ident_len = f.ident_len;
	d->description = f.description;
	d->description_len = f.description_len;
	d->category = f.category;
	d->category_len = f.category_len;
	d->markdown = f.markdown;
	d->markdown_len = f.markdown_len;
}

static void set_cat(const aw_digest_ctx *w, aw_digest_ev *ev)
{
	const aw_store_item *it = aw_store_get(w->s, w->order[w->lead]);
	ev->category = aw_store_category(w->s, it, &ev->category_len);
}

/* start the group of the first position of the period not yet handed out;
 * 0 when there is none */
static int next_group(aw_digest_ctx *w)
{
	uint32_t p;
	for (p = w->a; p < w->b; p++)
		if (!w->done[p])
			break;
	if (p == w->b)
		return 0;
	w->lead = p;
	w->q = p;
	return 1;
}

int aw_digest_next(aw_digest_ctx *w, aw_digest_ev *ev)
{
	memset(ev, 0, sizeof *ev);
	ev->period = &w->period;
	switch (w->state) {
	case ST_PERIOD: {
		uint32_t key, p, ncat = 0;
		const aw_store_item *it;
		if (w->b >= w->n || (w->o.max_periods && w->periods == w->o.max_periods)) {
			w->state = ST_DONE;
			return 0;
		}
		w->a = w->b;
		key = w->bucket[w->order[w->a]];
		w->b = w->a;
		while (w->b < w->n && w->bucket[w->order[w->b]] == key)
			w->b++;
		/* count the category groups (first appearances, or runs) */
		for (p = w->a; p < w->b; p++) {
			uint32_t k;
			if (w->o.kind == AW_DIGEST_DOCUMENT) {
				if (p == w->a || !same_cat(w->s, w->order[p - 1], w->order[p]))
					ncat++;
				continue;
			}
			for (k = w->a; k < p; k++)
				if (same_cat(w->s, w->order[k], w->order[p]))
					break;
			if (k == p)
				ncat++;
		}
		it = aw_store_get(w->s, w->order[w->a]);
		memset(&w->period, 0, sizeof w->period);
		w->period.kind = w->o.kind;
		w->period.key = key;
		w->period.index = w->periods++;
		w->period.n_items = w->b - w->a;
		w->period.n_categories = ncat;
		w->period.first = w->period.last = it->time;
		for (p = w->a; p < w->b; p++) {
			int64_t t = aw_store_get(w->s, w->order[p])->time;
			if (t < w->period.first)
				w->period.first = t;
			if (t > w->period.last)
				w->period.last = t;
		}
		if (w->o.kind == AW_DIGEST_WEEKLY) {
			aw_time_iso_week(it->time, &w->period.year, &w->period.week);
			w->period.start = aw_digest_period_start(w->o.kind, it->time);
			w->period.end = w->period.start + 7 * 86400;
		} else if (w->o.kind == AW_DIGEST_DAILY) {
			w->period.start = aw_digest_period_start(w->o.kind, it->time);
			w->period.end = w->period.start + 86400;
		}
		next_group(w);
		w->state = ST_GROUP;
		ev->type = AW_DIGEST_PERIOD;
		return 1;
	}
	case ST_GROUP:
		ev->type = AW_DIGEST_CATEGORY;
		set_cat(w, ev);
		ev->n_in_category = group_count(w, w->lead, 0);
		w->state = ST_ITEMS;
		return 1;
	case ST_ITEMS:
		for (; w->q < w->b; w->q++) {
			uint32_t q = w->q;
			if (!same_cat(w->s, w->order[w->lead], w->order[q])) {
				if (w->o.kind == AW_DIGEST_DOCUMENT)
					break;  /* the run ends */
				continue;
			}
			if (w->done[q])
				continue;
			w->done[q] = 1;
			fill_item(w, w->order[q]);
			w->q++;
			ev->type = AW_DIGEST_ITEM;
			set_cat(w, ev);
			ev->item = &w->item;
			return 1;
		}
		w->state = ST_GROUP_END;
		/* fall through */
	case ST_GROUP_END:
		ev->type = AW_DIGEST_CATEGORY_END;
		set_cat(w, ev);
		ev->n_in_category = group_count(w, w->lead, 1);
		w->state = next_group(w) ? ST_GROUP : ST_PERIOD_END;
		return 1;
	case ST_PERIOD_END:
		ev->type = AW_DIGEST_PERIOD_END;
		w->state = ST_PERIOD;
		return 1;
	case ST_DONE:
		return 0;
	default:
		ev->period = NULL;
		return AW_ERR_STATE;
	}
}

int aw_digest_walk(aw_digest_ctx *w, const aw_store_ctx *s, const aw_digest_opts *o,
		   aw_digest_fn fn, void *user)
{
	aw_digest_ev ev;
	int rc = aw_digest_begin(w, s, o);

	while (!rc && (rc = aw_digest_next(w, &ev)) == 1)
		rc = fn(user, &ev);
	return rc;
}
