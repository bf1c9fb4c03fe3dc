/*
 * test_digest.c - the digest walker against a brute-force model: random
 * stores (times over a few months, a handful of categories, the empty one
 * included, duplicates), walked weekly and daily, with max_periods and
 * since; every event sequence is checked for its grammar, the period
 * order (newest first), the category order (first appearance in the
 * document within the period), the item order (document order), the counts
 * the events announce, and that every item of the chosen periods appears
 * exactly once. Also: callback stop, bad arguments.
 */
#include "aw_digest.h"
#include "aw_sha1.h"
#include "aw_time.h"
#include "aw_test.h"

#include <stdio.h>
#include <string.h>

static aw_store_ctx st;
static aw_digest_ctx w;
static uint32_t rng = 12345;

static uint32_t rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 17;
	rng ^= rng << 5;
	return rng;
}

static const char *cats[] = {"", "Tools", "Books", "Web > Frameworks", "Z"};

static void fill(size_t n)
{
	size_t i;
	aw_store_init(&st);
	for (i = 0; i < n; i++) {
		char idt[32], md[64];
		uint8_t id[20];
		const char *c = cats[rnd() % 5];
		int64_t t = 1640995200 + (int64_t)(rnd() % (120 * 86400));
		int k = snprintf(idt, sizeof idt, "[i%u](u)", (unsigned)(rnd() % (n + 1)));
		int m = snprintf(md, sizeof md, "- item %zu", i);
		aw_sha1(idt, (size_t)k, id);
		aw_store_put(&st, id, t, c, strlen(c), md, (size_t)m);
	}
}

static uint32_t key_of(int kind, int64_t t)
{
	return kind == AW_DIGEST_WEEKLY ? aw_time_week_key(t) : aw_time_day_key(t);
}

static int same(const char *a, size_t al, const char *b, size_t bl)
{
	return al == bl && !memcmp(a, b, al);
}

/* walk and check against the model; returns the number of items seen */
static int in_range(const aw_digest_opts *o, int64_t t)
{
	return t >= o->since && t < o->until;
}

static size_t check_walk(const aw_digest_opts *o)
{
	static unsigned char seen[AW_STORE_ITEMS_MAX];
	size_t n = aw_store_count(&st), i, items = 0, in_period = 0, in_cat = 0, ncat = 0;
	uint32_t last_key = 0xffffffffu, key = 0, periods = 0;
	long last_index = -1;
	const char *cur = NULL;
	size_t cur_len = 0;
	aw_digest_ev ev;
	int state = 0, bad = 0, rc;   /* 0 outside, 1 in period, 2 in category */

	memset(seen, 0, sizeof seen);
	CHECK(aw_digest_begin(&w, &st, o) == AW_OK);
	while ((rc = aw_digest_next(&w, &ev)) == 1) {
		switch (ev.type) {
		case AW_DIGEST_PERIOD:
			bad |= state != 0;
			state = 1;
			key = ev.period->key;
			bad |= key >= last_key;
			bad |= ev.period->index != periods;
			last_key = key;
			periods++;
			in_period = ncat = 0;
			last_index = -1;
			/* the period's start lies in the period */
			bad |= key_of(o->kind, ev.period->start) != key;
			bad |= key_of(o->kind, ev.period->start - 1) == key;
			bad |= ev.period->end != ev.period->start +
				(o->kind == AW_DIGEST_WEEKLY ? 7 : 1) * 86400;
			bad |= ev.period->first < ev.period->start || ev.period->last >= ev.period->end ||
			       ev.period->first > ev.period->last;
			break;
		case AW_DIGEST_CATEGORY:
			bad |= state != 1;
			state = 2;
			cur = ev.category;
			cur_len = ev.category_len;
			in_cat = 0;
			ncat++;
			/* first appearance: no earlier item of this period (in
			 * document order) has a category not yet reported...
			 * checked below through the lead position */
			last_index = -1;
			{
				/* the lead is the first unseen item of the period in
				 * document order */
				for (i = 0; i < n; i++) {
					const aw_store_item *it = aw_store_get(&st, i);
					size_t cl;
					const char *c;
					if (seen[i] || !in_range(o, it->time) || key_of(o->kind, it->time) != key)
						continue;
					c = aw_store_category(&st, it, &cl);
					bad |= !same(c, cl, cur, cur_len);
					break;
				}
			}
			break;
		case AW_DIGEST_ITEM:
			bad |= state != 2;
			bad |= ev.item->index >= n || seen[ev.item->index];
			if (ev.item->index < n)
				seen[ev.item->index] = 1;
			bad |= (long)ev.item->index <= last_index;
			last_index = (long)ev.item->index;
			bad |= key_of(o->kind, ev.item->time) != key || !in_range(o, ev.item->time);
			bad |= !same(ev.item->category, ev.item->category_len, cur, cur_len);
			bad |= !same(ev.category, ev.category_len, cur, cur_len);
			{
				size_t l;
				const aw_store_item *it = aw_store_get(&st, ev.item->index);
				const char *m = aw_store_markdown(&st, it, &l);
				bad |= !same(m, l, ev.item->markdown, ev.item->markdown_len);
				bad |= memcmp(it->id, ev.item->id, 20) != 0 || it->time != ev.item->time;
			}
			in_cat++;
			in_period++;
			items++;
			break;
		case AW_DIGEST_CATEGORY_END:
			bad |= state != 2 || !same(ev.category, ev.category_len, cur, cur_len);
			bad |= ev.n_in_category != in_cat;
			/* no unseen item of the period has this category */
			for (i = 0; i < n; i++) {
				const aw_store_item *it = aw_store_get(&st, i);
				size_t cl;
				const char *c = aw_store_category(&st, it, &cl);
				if (!seen[i] && in_range(o, it->time) && key_of(o->kind, it->time) == key &&
				    same(c, cl, cur, cur_len))
					bad = 1;
			}
			state = 1;
			break;
		case AW_DIGEST_PERIOD_END:
			bad |= state != 1 || ev.period->n_items != in_period ||
			       ev.period->n_categories != ncat || ev.period->key != key;
			state = 0;
			/* every item of the period was reported */
			for (i = 0; i < n; i++) {
				const aw_store_item *it = aw_store_get(&st, i);
				if (!seen[i] && in_range(o, it->time) && key_of(o->kind, it->time) == key)
					bad = 1;
			}
			break;
		default:
			bad = 1;
		}
	}
	CHECK(rc == 0 && state == 0 && !bad);
	CHECK(aw_digest_next(&w, &ev) == 0);
	/* periods newer than the last one reported are all reported; with
	 * max_periods exactly min(max, all) of them */
	{
		uint32_t all = 0, prev = 0xffffffffu;
		/* count distinct keys among qualifying items */
		for (;;) {
			uint32_t best = 0;
			int found = 0;
			for (i = 0; i < n; i++) {
				const aw_store_item *it = aw_store_get(&st, i);
				uint32_t k;
				if (!in_range(o, it->time))
					continue;
				k = key_of(o->kind, it->time);
				if (k < prev && (!found || k > best)) {
					best = k;
					found = 1;
				}
			}
			if (!found)
				break;
			all++;
			prev = best;
		}
		CHECK(periods == (o->max_periods && o->max_periods < all ? o->max_periods : all));
	}
	return items;
}

/* the document kind: one period, every item once in store order, groups
 * are runs of one category, the fields of the store */
static void check_document(void)
{
	aw_digest_opts o;
	aw_digest_ev ev;
	size_t n = aw_store_count(&st), next = 0, runs = 0, in_run = 0;
	int bad = 0, periods = 0, rc;

	aw_digest_opts_default(&o);
	o.kind = AW_DIGEST_DOCUMENT;
	CHECK(aw_digest_begin(&w, &st, &o) == AW_OK);
	while ((rc = aw_digest_next(&w, &ev)) == 1) {
		if (ev.type == AW_DIGEST_PERIOD) {
			periods++;
			bad |= ev.period->key != 0 || ev.period->n_items != n;
		} else if (ev.type == AW_DIGEST_CATEGORY) {
			runs++;
			in_run = 0;
		} else if (ev.type == AW_DIGEST_ITEM) {
			const aw_store_item *it = aw_store_get(&st, next);
			size_t cl, ml;
			const char *c = aw_store_category(&st, it, &cl);
			const char *m = aw_store_markdown(&st, it, &ml);
			bad |= ev.item->index != next || !same(c, cl, ev.category, ev.category_len);
			bad |= !same(m, ml, ev.item->markdown, ev.item->markdown_len);
			if (in_run == 0 && next > 0) {
				/* a run starts where the category changes */
				size_t pl;
				const char *pc = aw_store_category(&st, aw_store_get(&st, next - 1), &pl);
				bad |= same(pc, pl, c, cl);
			} else if (next > 0) {
				size_t pl;
				const char *pc = aw_store_category(&st, aw_store_get(&st, next - 1), &pl);
				bad |= !same(pc, pl, c, cl);
			}
			in_run++;
			next++;
		} else if (ev.type == AW_DIGEST_CATEGORY_END) {
			bad |= ev.n_in_category != in_run;
		}
	}
	CHECK(rc == 0 && !bad && next == n && periods == (n > 0));
	CHECK(n == 0 || w.period.n_categories == runs);
}

static int stop_fn(void *user, const aw_digest_ev *ev)
{
	int *k = user;
	(void)ev;
	return ++*k == 5 ? 42 : 0;
}

int main(void)
{
	aw_digest_opts o;
	aw_digest_ev ev;
	int round, k;

	for (round = 0; round < 40; round++) {
		size_t n = 1 + rnd() % (round < 30 ? 60 : 400), got;
		fill(n);
		aw_digest_opts_default(&o);
		got = check_walk(&o);
		CHECK(got == aw_store_count(&st));
		o.kind = AW_DIGEST_DAILY;
		got = check_walk(&o);
		CHECK(got == aw_store_count(&st));
		o.max_periods = 1 + rnd() % 4;
		check_walk(&o);
		o.kind = AW_DIGEST_WEEKLY;
		check_walk(&o);
		o.max_periods = 0;
		o.since = 1640995200 + (int64_t)(rnd() % (120 * 86400));
		check_walk(&o);
		o.kind = AW_DIGEST_DAILY;
		check_walk(&o);
		/* until: the start of a period leaves it and later ones out */
		o.since = AW_DIGEST_ALL_TIME;
		o.until = aw_digest_period_start(o.kind, 1640995200 + (int64_t)(rnd() % (120 * 86400)));
		check_walk(&o);
		o.kind = AW_DIGEST_WEEKLY;
		o.max_periods = 2;
		check_walk(&o);
		check_document();
	}
	/* empty store: no events */
	aw_store_init(&st);
	CHECK(aw_digest_begin(&w, &st, NULL) == AW_OK && aw_digest_next(&w, &ev) == 0);
	/* callback style: the callback's own code stops the walk */
	fill(30);
	k = 0;
	CHECK(aw_digest_walk(&w, &st, NULL, stop_fn, &k) == 42 && k == 5);
	/* bad arguments */
	aw_digest_opts_default(&o);
	o.kind = 7;
	CHECK(aw_digest_begin(&w, &st, &o) == AW_ERR_ARG);
	CHECK(aw_digest_next(&w, &ev) == AW_ERR_STATE);
	CHECK(aw_digest_begin(NULL, &st, NULL) == AW_ERR_ARG);
	CHECK(aw_digest_begin(&w, NULL, NULL) == AW_ERR_ARG);
	return aw_test_report("digest");
}
