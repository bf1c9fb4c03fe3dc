/*
 * aw_store.c - identity tables with open addressing (linear probing) over
 * fixed arrays. Identities are SHA-1 digests, so their first bytes are a
 * good hash already. A datemap entry whose reference count drops to 0 stays
 * in place, dead, until space is needed: then the map is compacted (no
 * tombstones in the probe sequences). A store is rebuilt per final version.
 * The store also finds an item's first link and description in its
 * markdown (offsets only). It does not sort, group or render: that is the
 * digest walker (aw_digest.c) and the renderers on it.
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

/* ---- first link of an item's markdown ---- */

/* end of a bracketed / parenthesized run starting at p (s[p] = open), with
 * backslash escapes and nesting; n when it does not close */
static size_t close_of(const char *s, size_t n, size_t p, char open, char close)
{
	size_t depth = 0;

	for (; p < n; p++) {
		if (s[p] == '\\') {
			p++;
			continue;
		}
		if (s[p] == '\n' && open == '(')
			return n;
		if (s[p] == open) {
			depth++;
		} else if (s[p] == close && --depth == 0) {
			return p;
		}
	}
	return n;
}

/* title / url / description of the markdown md[0..n) into it (offsets
 * from md); the first "[text](dest)" that is not an image */
static void find_link(aw_store_item *it, const char *md, size_t n)
{
	size_t p, e, u, d;

	for (p = 0; p < n; p++) {
		if (md[p] == '\\') {
			p++;
			continue;
		}
		if (md[p] == '`') {              /* a code span hides links */
			size_t q = p + 1;
			while (q < n && md[q] != '`')
				q++;
			p = q;
			continue;
		}
		if (md[p] != '[' || (p > 0 && md[p - 1] == '!'))
			continue;
		e = close_of(md, n, p, '[', ']');
		if (e + 1 >= n || md[e + 1] != '(')
			continue;
		u = close_of(md, n, e + 1, '(', ')');
		if (u >= n)
			continue;
		it->title_off = (uint32_t)(p + 1);
		it->title_len = (uint32_t)(e - p - 1);
		it->url_off = (uint32_t)(e + 2);
		it->url_len = (uint32_t)(u - e - 2);
		if (it->url_len >= 2 && md[e + 2] == '<' && md[u - 1] == '>') {
			it->url_off++;
			it->url_len -= 2;
		} else {
			/* a title after the destination: dest "title" */
			size_t k;
			for (k = e + 2; k < u && md[k] != ' '; k++)
				;
			it->url_len = (uint32_t)(k - e - 2);
		}
		it->have |= AW_STORE_HAVE_TITLE | AW_STORE_HAVE_URL;
		d = u + 1;
		if (n - d >= 3 && !memcmp(md + d, " - ", 3))
			d += 3;
		else if (n - d >= 5 && !memcmp(md + d, " \xe2\x80\x94 ", 5))
			d += 5;
		else if (n - d >= 2 && !memcmp(md + d, ": ", 2))
			d += 2;
		while (n > d && (md[n - 1] == '\n' || md[n - 1] == ' '))
			n--;
		if (n > d) {
			it->desc_off = (uint32_t)d;
			it->desc_len = (uint32_t)(n - d);
			it->have |= AW_STORE_HAVE_DESC;
		}
		return;
	}
}

int aw_store_put_fields(aw_store_ctx *s, const uint8_t id[20], int64_t t,
			const aw_store_fields *f)
{
	int found;
	uint32_t h = st_probe(s, id, &found);
	aw_store_item *it;
	size_t cat_len = f->category_len, md_len = f->markdown_len;
	size_t id_len = AW_STORE_IDENTS && f->ident ? f->ident_len : 0;

	if (cat_len > 0xffffffffu || md_len > 0xffffffffu || id_len > 0xffffffffu)
		return AW_ERR_ARG;
	if (cat_len > AW_STORE_ARENA_MAX - s->used ||
	    md_len > AW_STORE_ARENA_MAX - s->used - cat_len ||
	    id_len > AW_STORE_ARENA_MAX - s->used - cat_len - md_len)
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
	it->have = AW_STORE_HAVE_CATEGORY | AW_STORE_HAVE_MARKDOWN;
	it->cat_off = s->used;
	it->cat_len = (uint32_t)cat_len;
	if (cat_len)
		memcpy(s->arena + s->used, f->category, cat_len);
	s->used += (uint32_t)cat_len;
	it->md_off = s->used;
	it->md_len = (uint32_t)md_len;
	if (md_len)
		memcpy(s->arena + s->used, f->markdown, md_len);
	s->used += (uint32_t)md_len;
	it->id_off = s->used;
	it->id_len = (uint32_t)id_len;
	if (AW_STORE_IDENTS && f->ident) {
		if (id_len)
			memcpy(s->arena + s->used, f->ident, id_len);
		s->used += (uint32_t)id_len;
		it->have |= AW_STORE_HAVE_IDENT;
	}
	it->title_off = it->title_len = it->url_off = it->url_len = 0;
	it->desc_off = it->desc_len = 0;
	find_link(it, s->arena + it->md_off, md_len);
	return AW_OK;
}

int aw_store_put(aw_store_ctx *s, const uint8_t id[20], int64_t t,
		 const char *cat, size_t cat_len, const char *md, size_t md_len)
{
	aw_store_fields f;

	memset(&f, 0, sizeof f);
	f.category = cat;
	f.category_len = cat_len;
	f.markdown = md;
	f.markdown_len = md_len;
	return aw_store_put_fields(s, id, t, &f);
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

void aw_store_fields_of(const aw_store_ctx *s, const aw_store_item *it, aw_store_fields *f)
{
	const char *md = s->arena + it->md_off;

	f->have = it->have;
	f->category = s->arena + it->cat_off;
	f->category_len = it->cat_len;
	f->markdown = md;
	f->markdown_len = it->md_len;
	f->ident = s->arena + it->id_off;
	f->ident_len = it->id_len;
	f->title = md + it->title_off;
	f->title_len = it->title_len;
	f->url = md + it->url_off;
	f->url_len = it->url_len;
	f->description = md + it->desc_off;
	f->description_len = it->desc_len;
}

size_t aw_store_arena_used(const aw_store_ctx *s)
{
	return s->used;
}
