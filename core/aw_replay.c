/*
 * aw_replay.c - carry item dates from one version of a list to the next.
 * Does not parse, hash or read anything: a whole version moves (identity,
 * time) pairs from the previous map into a fresh one and swaps them; a
 * delta version (only what changed) adjusts reference counts in place.
 */
#include "aw_replay.h"

void aw_replay_init(aw_replay_ctx *r, aw_datemap_ctx *a, aw_datemap_ctx *b)
{
	r->prev = a;
	r->cur = b;
	r->seen = 0;
	r->in_version = 0;
	r->added = r->kept = 0;
	aw_datemap_clear(a);
	aw_datemap_clear(b);
}

int aw_replay_begin(aw_replay_ctx *r, int64_t seen)
{
	if (r->in_version)
		return AW_ERR_STATE;
	aw_datemap_clear(r->cur);
	r->seen = seen;
	r->in_version = 1;
	r->added = r->kept = 0;
	return AW_OK;
}

int aw_replay_import(aw_replay_ctx *r, const uint8_t id[20], int64_t t)
{
	int rc;
	if (r->in_version != 1)
		return AW_ERR_STATE;
	r->added++;
	rc = aw_datemap_ref(r->cur, id, t, NULL);
	/* the later duplicate's date wins */
	return rc ? rc : aw_datemap_put(r->cur, id, t);
}

int aw_replay_item(aw_replay_ctx *r, const uint8_t id[20])
{
	int64_t t;

	if (r->in_version != 1)
		return AW_ERR_STATE;
	if (aw_datemap_get(r->cur, id, &t))
		return aw_datemap_ref(r->cur, id, t, NULL); /* repeated: first sight decided */
	if (aw_datemap_get(r->prev, id, &t)) {
		r->kept++;
	} else {
		t = r->seen;
		r->added++;
	}
	return aw_datemap_ref(r->cur, id, t, NULL);
}

int aw_replay_begin_delta(aw_replay_ctx *r, int64_t seen)
{
	if (r->in_version)
		return AW_ERR_STATE;
	r->seen = seen;
	r->in_version = 2;
	r->added = r->kept = 0;
	return AW_OK;
}

int aw_replay_add(aw_replay_ctx *r, const uint8_t id[20])
{
	if (r->in_version != 2)
		return AW_ERR_STATE;
	if (aw_datemap_get(r->prev, id, NULL))
		r->kept++;
	else
		r->added++;
	return aw_datemap_ref(r->prev, id, r->seen, NULL);
}

int aw_replay_remove(aw_replay_ctx *r, const uint8_t id[20])
{
	if (r->in_version != 2)
		return AW_ERR_STATE;
	return aw_datemap_unref(r->prev, id);
}

int aw_replay_end(aw_replay_ctx *r)
{
	aw_datemap_ctx *t;

	if (!r->in_version)
		return AW_ERR_STATE;
	if (r->in_version == 2) {
		r->in_version = 0; /* applied in place */
		return AW_OK;
	}
	t = r->prev;
	r->prev = r->cur;
	r->cur = t;
	r->in_version = 0;
	return AW_OK;
}

int aw_replay_abort(aw_replay_ctx *r)
{
	if (r->in_version != 1)
		return AW_ERR_STATE;
	r->in_version = 0;
	r->added = r->kept = 0;
	return AW_OK;
}

int aw_replay_date(const aw_replay_ctx *r, const uint8_t id[20], int64_t *t)
{
	return aw_datemap_get(r->prev, id, t);
}
