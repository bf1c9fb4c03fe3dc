/*
 * aw_replay.c - carry item dates from one version of a list to the next.
 * Does not parse, hash or read anything: it only moves (identity, time)
 * pairs between two fixed-capacity maps and swaps them per version.
 */
#include "aw_replay.h"

void aw_replay_init(aw_replay *r, aw_datemap *a, aw_datemap *b)
{
	r->prev = a;
	r->cur = b;
	r->seen = 0;
	r->in_version = 0;
	r->added = r->kept = 0;
	aw_datemap_clear(a);
	aw_datemap_clear(b);
}

int aw_replay_begin(aw_replay *r, int64_t seen)
{
	if (r->in_version)
		return AW_ERR_STATE;
	aw_datemap_clear(r->cur);
	r->seen = seen;
	r->in_version = 1;
	r->added = r->kept = 0;
	return AW_OK;
}

int aw_replay_import(aw_replay *r, const uint8_t id[20], int64_t t)
{
	if (!r->in_version)
		return AW_ERR_STATE;
	r->added++;
	return aw_datemap_put(r->cur, id, t);
}

int aw_replay_item(aw_replay *r, const uint8_t id[20])
{
	int64_t t;

	if (!r->in_version)
		return AW_ERR_STATE;
	if (aw_datemap_get(r->cur, id, &t))
		return AW_OK; /* repeated in this version: first sight decided */
	if (aw_datemap_get(r->prev, id, &t)) {
		r->kept++;
	} else {
		t = r->seen;
		r->added++;
	}
	return aw_datemap_put(r->cur, id, t);
}

int aw_replay_end(aw_replay *r)
{
	aw_datemap *t;

	if (!r->in_version)
		return AW_ERR_STATE;
	t = r->prev;
	r->prev = r->cur;
	r->cur = t;
	r->in_version = 0;
	return AW_OK;
}

int aw_replay_abort(aw_replay *r)
{
	if (!r->in_version)
		return AW_ERR_STATE;
	r->in_version = 0;
	r->added = r->kept = 0;
	return AW_OK;
}

int aw_replay_date(const aw_replay *r, const uint8_t id[20], int64_t *t)
{
	return aw_datemap_get(r->prev, id, t);
}
