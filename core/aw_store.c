/*
 * aw_store.c - identity tables with open addressing (linear probing) over
 * fixed arrays. Identities are SHA-1 digests, so their first bytes are a
 * good hash already. A datemap entry whose reference count drops to 0 stays
 * in place, dead, until space is needed: then the map is compacted (no
 * tombstones in the probe sequences). A store is rebuilt per final version.
 */
#include "aw_store.h"

#include <string.h>

static uint32_t id_hash(const uint8_t id[20])
{
	return (uint32_t)id[0] << 24 | (uint32_t)id[1] << 16 |
	       (uint32_t)id[2] << 8 | (uint32_t)id[3];
}

/* ---- datemap ---- */

static uint32_t dm_probe(const aw_datemap_ctx *m, const uint8_t id[20], int *found)
{
	uint32_t s = id_hash(id) % AW_DATEMAP_SLOTS;

	for (;;) {
		uint32_t e = m->slot[s];
		if (!e) {
			*found = 0;
			return s;
		}
		if (!memcmp(m->key[e - 1], id, 20)) {
			*found = 1;
			return s;
		}
		s = (s + 1) % AW_DATEMAP_SLOTS;
	}
}

void aw_datemap_init(aw_datemap_ctx *m)
{
	memset(m->slot, 0, sizeof m->slot);
	m->n = m->dead = 0;
}

void aw_datemap_clear(aw_datemap_ctx *m)
{
	uint32_t i;

	for (i = 0; i < m->n; i++)
		m->slot[m->pos[i]] = 0;
	m->n = m->dead = 0;
}

/* Drop the dead entries: keep the live ones in order, rebuild the slots. */
static void dm_compact(aw_datemap_ctx *m)
{
	uint32_t i, j = 0;
	int found;

	for (i = 0; i < m->n; i++)
		m->slot[m->pos[i]] = 0;
	for (i = 0; i < m->n; i++) {
		if (!m->cnt[i])
			continue;
		if (j != i) {
			memcpy(m->key[j], m->key[i], 20);
			m->val[j] = m->val[i];
			m->cnt[j] = m->cnt[i];
		}
		m->pos[j] = dm_probe(m, m->key[j], &found);
		m->slot[m->pos[j]] = j + 1;
		j++;
	}
	m->n = j;
	m->dead = 0;
}

/* Entry of id, inserting a dead one if absent; -1 when full. */
static long dm_entry(aw_datemap_ctx *m, const uint8_t id[20])
{
	int found;
	uint32_t s = dm_probe(m, id, &found), e;

	if (found)
		return (long)m->slot[s] - 1;
	if (m->n >= AW_STORE_DATEMAP_MAX) {
		if (!m->dead)
			return -1;
		dm_compact(m);
		s = dm_probe(m, id, &found);
	}
	e = m->n++;
	memcpy(m->key[e], id, 20);
	m->val[e] = 0;
	m->cnt[e] = 0;
	m->pos[e] = s;
	m->slot[s] = e + 1;
	m->dead++;
	return (long)e;
}

int aw_datemap_put(aw_datemap_ctx *m, const uint8_t id[20], int64_t t)
{
	long e = dm_entry(m, id);

	if (e < 0)
		return AW_ERR_FULL;
	if (!m->cnt[e]) {
		m->cnt[e] = 1;
		m->dead--;
	}
	m->val[e] = t;
	return AW_OK;
}

int aw_datemap_get(const aw_datemap_ctx *m, const uint8_t id[20], int64_t *t)
{
	int found;
	uint32_t s = dm_probe(m, id, &found), e;

	if (!found || !m->cnt[e = m->slot[s] - 1])
		return 0;
	if (t)
		*t = m->val[e];
	return 1;
}

int aw_datemap_ref(aw_datemap_ctx *m, const uint8_t id[20], int64_t t, int64_t *out)
{
	long e = dm_entry(m, id);

	if (e < 0)
		return AW_ERR_FULL;
	if (!m->cnt[e]++) {
		m->val[e] = t;
		m->dead--;
	}
	if (out)
		*out = m->val[e];
	return AW_OK;
}

int aw_datemap_unref(aw_datemap_ctx *m, const uint8_t id[20])
{
	int found;
	uint32_t s = dm_probe(m, id, &found), e;

	if (!found || !m->cnt[e = m->slot[s] - 1])
		return AW_ERR_STATE;
	if (!--m->cnt[e])
		m->dead++;
	return AW_OK;
}

size_t aw_datemap_count(const aw_datemap_ctx *m)
{
	return m->n - m->dead;
}

/* ---- store ---- */

static uint32_t st_probe(const aw_store_ctx *s, const uint8_t id[20], int *found)
{
	uint32_t h = id_hash(id) % AW_STORE_SLOTS;

	for (;;) {
		uint32_t e = s->slot[h];
		if (!e) {
			*found = 0;
			return h;
		}
		if (!memcmp(s->item[e - 1].id, id, 20)) {
			*found = 1;
			return h;
		}
		h = (h + 1) % AW_STORE_SLOTS;
	}
}

void aw_store_init(aw_store_ctx *s)
{
	memset(s->slot, 0, sizeof s->slot);
	s->n = 0;
	s->used = 0;
}

int aw_store_put(aw_store_ctx *s, const uint8_t id[20], int64_t t,
		 const char *cat, size_t cat_len, const char *md, size_t md_len)
{
	int found;
	uint32_t h = st_probe(s, id, &found);
	aw_store_item *it;

	if (cat_len > 0xffffffffu || md_len > 0xffffffffu)
		return AW_ERR_ARG;
	if (cat_len > AW_STORE_ARENA_MAX - s->used ||
	    md_len > AW_STORE_ARENA_MAX - s->used - cat_len)
		return AW_ERR_FULL;
	if (found) {
		it = &s->item[s->slot[h] - 1];
	} else {
		if (s->n >= AW_STORE_ITEMS_MAX)
			return AW_ERR_FULL;
		it = &s->item[s->n];
		memcpy(it->id, id, 20);
		s->slot[h] = ++s->n;
	}
	it->time = t;
	it->cat_off = s->used;
	it->cat_len = (uint32_t)cat_len;
	if (cat_len)
		memcpy(s->arena + s->used, cat, cat_len);
	s->used += (uint32_t)cat_len;
	it->md_off = s->used;
	it->md_len = (uint32_t)md_len;
	if (md_len)
		memcpy(s->arena + s->used, md, md_len);
	s->used += (uint32_t)md_len;
	return AW_OK;
}

size_t aw_store_count(const aw_store_ctx *s)
{
	return s->n;
}

const aw_store_item *aw_store_get(const aw_store_ctx *s, size_t i)
{
	return i < s->n ? &s->item[i] : NULL;
}

long aw_store_find(const aw_store_ctx *s, const uint8_t id[20])
{
	int found;
	uint32_t h = st_probe(s, id, &found);

	return found ? (long)s->slot[h] - 1 : -1;
}

const char *aw_store_category(const aw_store_ctx *s, const aw_store_item *it, size_t *len)
{
	*len = it->cat_len;
	return s->arena + it->cat_off;
}

const char *aw_store_markdown(const aw_store_ctx *s, const aw_store_item *it, size_t *len)
{
	*len = it->md_len;
	return s->arena + it->md_off;
}

size_t aw_store_arena_used(const aw_store_ctx *s)
{
	return s->used;
}
