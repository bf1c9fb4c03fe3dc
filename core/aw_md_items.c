/*
 * aw_md_items.c - item extraction of aw_md (docs/spec.md 3, 4, 8.4): what
 * a closed top-level block means in each pass and mode
 * (aw_mdi_process_top): the start gate, the deepest heading level,
 * categories from headings; list mode (the items of a top-level list,
 * nested items, the table-of-contents rule: held until the list is
 * decided, or with AW_MD_STREAM reported as they complete when the scan
 * decided), table mode (a body row is an item), heading mode (a section
 * is an item), the document pass (every block to the sink). An item's
 * identifier (its first link, else the item itself), its capacity flags,
 * the report to the caller's callback. Replays (render=0): an optional
 * caller-owned item cache maps a hash of an item's block subtree (under
 * the document's definitions) to its identifier, link counts and SHA-1,
 * so unchanged items skip the inline parser.
 *
 * Deliberately not here: the block structure (aw_md_block.c), printing
 * (aw_md_ser.c), the duplicate-identity rule (the caller; SHA-1 is
 * computed here only for cached items).
 */
#include <string.h>

#include "aw_md_impl.h"
#include "aw_sha1.h"
#include "aw_utf8.h"

/* ------------------------------------------------------------------ */
/* categories and items */

static int lvl_max(aw_md_ctx *c)
{
	return c->o.max_heading_level ? c->o.max_heading_level : 2;
}

int aw_mdi_lvl_min(aw_md_ctx *c)
{
	int d = c->scanned ? c->deepest_scan : c->single ? c->deepest_hint : c->deepest;
	if (c->o.min_heading_level)
		return c->o.min_heading_level;
	return d > 3 ? d : 3;
}

/* Category text of a heading (section 3.1 text()), into dst. */
static void heading_text(aw_md_ctx *c, uint32_t n, int strip, char *dst, size_t *dlen)
{
	aw_md_node *k = aw_mdi_node(c, n);
	aw_inl_stats save = c->st;
	const char *p;
	size_t len;

	memset(&c->st, 0, sizeof c->st);
	c->parse_only = 0;
	c->ser_fl = strip ? AW_INL_STRIP_HEADING : 0;
	aw_mdi_inl(c, c->text + k->text_off, k->text_len, AW_INL_ROOT, 0);
	if (c->st.truncated)
		c->cat_trunc = 1;
	/* the reference's category serializer has no GFM: it throws on a
	   strikethrough and the whole file is dropped (list / table mode) */
	if (c->st.has_strike && c->o.type != AW_MD_HEADING)
		aw_mdi_set_err(c, AW_ERR_SYNTAX);
	c->st = save;
	p = c->lin.p;
	len = c->lin.len;
	aw_js_trim(&p, &len);
	if (len > AW_MD_CAT_MAX) {
		len = AW_MD_CAT_MAX;
		c->cat_trunc = 1;
	}
	memcpy(dst, p, len);
	*dlen = len;
}

static void heading_cat(aw_md_ctx *c, uint32_t n, int strip)
{
	int d = aw_mdi_node(c, n)->level, mx = lvl_max(c), mn = aw_mdi_lvl_min(c);
	if (!c->min_used)
		c->min_used = mn; /* (aw_md_begin_single: must not change) */
	else if (c->min_used != mn)
		c->single_bad = 1;
	if (d >= mx && d < mn) {
		heading_text(c, n, strip, c->cat, &c->cat_len);
		c->catj_len = -1;
	} else if (d == mn) {
		heading_text(c, n, strip, c->sub, &c->sub_len);
		c->catj_len = -1;
	}
}

/* cat + " / " + sub (each trimmed, newlines as spaces) into c->catj. */
static size_t cat_join(aw_md_ctx *c)
{
	size_t o = 0, i;
	if (!c->o.parse_category)
		return 0;
	for (i = 0; i < c->cat_len; i++)
		c->catj[o++] = c->cat[i] == '\n' ? ' ' : c->cat[i];
	if (c->cat_len && c->sub_len) {
		memcpy(c->catj + o, " / ", 3);
		o += 3;
	}
	for (i = 0; i < c->sub_len; i++)
		c->catj[o++] = c->sub[i] == '\n' ? ' ' : c->sub[i];
	return o;
}

/* Which capacity cut an item: an index kept in bits 8..15 of its flags
 * until it is reported (AW_MD_F_* use the low bits). */
#define LIM_SHIFT 8
static const char *const lim_names[] = {
	NULL, "AW_INL_NODES_MAX", "AW_INL_TEXT_MAX", "AW_INL_DELIMS_MAX",
	"AW_INL_BRACKETS_MAX", "AW_INL_DEPTH_MAX", "AW_MD_ITEM_MAX", "AW_MD_IDENT_MAX",
	"AW_MD_CAT_MAX", "AW_MD_LINE_MAX", "AW_MD_TABLE_COLS_MAX", "AW_MD_DEPTH_MAX"
};

/* AW_MD_F_TRUNC with the index of capacity `name` (NULL: unknown). */
static unsigned trunc_flag(const char *name)
{
	unsigned i;
	for (i = 1; name && i < sizeof lim_names / sizeof lim_names[0]; i++)
		if (!strcmp(lim_names[i], name))
			return AW_MD_F_TRUNC | (i << LIM_SHIFT);
	return AW_MD_F_TRUNC;
}

/* The flag of an item whose inline stats, output `md` and identifier
 * buffers are as given (0 when nothing was cut). */
static unsigned cut_flag(const aw_inl_stats *st, const aw_buf *md, const aw_buf *id)
{
	if (st->limit)
		return trunc_flag(st->limit);
	if (md->truncated)
		return trunc_flag("AW_MD_ITEM_MAX");
	if (id->truncated)
		return trunc_flag("AW_MD_IDENT_MAX");
	return st->truncated ? AW_MD_F_TRUNC : 0u;
}

static int report(aw_md_ctx *c, const char *md, size_t mdl, const char *id, size_t idl,
		  uint32_t sl, uint32_t el, unsigned flags, const uint8_t *sha1)
{
	aw_md_item it;
	memset(&it, 0, sizeof it);
	if (sha1) {
		memcpy(it.sha1, sha1, 20);
		flags |= AW_MD_F_SHA1;
	}
	if (c->catj_len < 0)
		c->catj_len = (long)cat_join(c); /* once per category change */
	it.category = c->catj;
	it.category_len = (size_t)c->catj_len;
	it.ident = id;
	it.ident_len = idl;
	it.md = c->render ? md : "";
	it.md_len = c->render ? mdl : 0;
	it.start_line = sl;
	it.end_line = el;
	if (!(flags & AW_MD_F_TRUNC) && c->over_line && sl <= c->over_line &&
	    c->over_line <= el)
		flags |= trunc_flag("AW_MD_LINE_MAX");
	if (!(flags & AW_MD_F_TRUNC) && c->cat_trunc)
		flags |= trunc_flag("AW_MD_CAT_MAX");
	it.flags = flags & ((1u << LIM_SHIFT) - 1u);
	it.limit = lim_names[(flags >> LIM_SHIFT) & 0xffu];
	if (c->fn) {
		int r = c->fn(c->user, &it);
		if (r)
			return aw_mdi_set_err(c, r); /* the callback's own code */
	}
	return AW_OK;
}

static int rewriting(aw_md_ctx *c)
{
	return c->render && c->env && c->env->repo_url;
}

/*
 * Render node n (an item standalone, or any block) into c->md (trimmed
 * range returned) and its identifier into c->id. Stats in c->st.
 */
static void render_unit(aw_md_ctx *c, uint32_t n, const char **md, size_t *mdl,
			const char **id, size_t *idl, unsigned *flags)
{
	aw_inl_stats st;
	aw_buf *out = c->render ? &c->md : &c->tmp;

	memset(&c->st, 0, sizeof c->st);
	aw_buf_reset(&c->md);
	aw_buf_reset(&c->id);
	aw_buf_reset(&c->tmp);
	/* render=0: a parse-only walk finds the links; only a link-less item
	   is serialized (its identifier is the whole item) */
	aw_mdi_ser(c, n, c->render ? out : NULL, rewriting(c), 1);
	st = c->st;
	if (!c->render && !st.first_link_found)
		aw_mdi_ser(c, n, out, 0, 0);
	*flags = 0;
	if (st.first_link_found) {
		*id = c->id.p;
		*idl = c->id.len;
	} else if (!rewriting(c)) {
		*id = out->p;
		*idl = out->len;
	} else {
		aw_mdi_ser(c, n, &c->tmp, 0, 0);
		*id = c->tmp.p;
		*idl = c->tmp.len;
	}
	if (c->st.truncated || st.truncated || c->md.truncated || c->id.truncated ||
	    c->tmp.truncated) {
		*flags |= cut_flag(&st, &c->md, &c->id);
		if (!(*flags >> LIM_SHIFT))
			*flags |= cut_flag(&c->st, &c->md, &c->tmp);
	}
	c->st = st;
	aw_js_trim(id, idl);
	*md = c->md.p;
	*mdl = c->md.len;
	aw_js_trim(md, mdl);
}

/* ---- item cache (replays, render=0) ---- */

/* Two 64-bit running hashes over a byte sequence; word at a time. */
typedef struct khash {
	uint64_t a, b;
	uint32_t len;
} khash;

#define K1 0x9e3779b97f4a7c15ull
#define K2 0xc2b2ae3d27d4eb4full
#define K3 0x165667b19e3779f9ull
#define K4 0xff51afd7ed558ccdull

static uint64_t rotl64(uint64_t x, unsigned r)
{
	return (x << r) | (x >> (64 - r));
}

static void kh_word(khash *h, uint64_t w)
{
	h->a = rotl64(h->a ^ w, 29) * K1;
	h->b = rotl64(h->b + w, 23) * K2;
}

/* n bytes. Callers make the encoding unambiguous (lengths come first). */
static void kh_put(khash *h, const void *p, size_t n)
{
	const unsigned char *s = p;
	uint64_t w;

	h->len += (uint32_t)n;
	while (n >= 8) {
		memcpy(&w, s, 8);
		kh_word(h, w);
		s += 8;
		n -= 8;
	}
	if (n) {
		w = 0;
		memcpy(&w, s, n);
		kh_word(h, w ^ (uint64_t)n << 59);
	}
}

static uint64_t kh_fin(uint64_t x)
{
	x ^= x >> 33;
	x *= K4;
	x ^= x >> 33;
	x *= K2;
	x ^= x >> 33;
	return x;
}

/*
 * Key of an item: everything the serializer reads below the item node,
 * i.e. the shape of the subtree, every node's attributes and its lines
 * relative to the item's first line (spread), its text and info string.
 */
static void item_key(aw_md_ctx *c, uint32_t root, khash *h)
{
	uint32_t x = root, depth = 0, base = aw_mdi_node(c, root)->start_line;

	h->a = c->cache_seed;
	h->b = ~c->cache_seed;
	h->len = 0;
	for (;;) {
		aw_md_node *k = aw_mdi_node(c, x);
		uint64_t rec[5];
		/* lines relative to the item (mod 2^32; 0 = unset kept apart) */
		rec[0] = (uint64_t)k->type | (uint64_t)depth << 8 | (uint64_t)k->open << 24 |
			 (uint64_t)k->ordered << 32 | (uint64_t)k->level << 40 |
			 (uint64_t)k->marker << 48 | (uint64_t)k->fence_len << 56;
		rec[1] = (uint64_t)k->fence_off | (uint64_t)(uint8_t)k->checked << 8 |
			 (uint64_t)k->setext << 16 | (uint64_t)k->closed_fence << 24 |
			 (uint64_t)k->marker_off << 32 | (uint64_t)k->padding << 48;
		rec[2] = (uint64_t)(uint32_t)(k->start_line - base) |
			 (uint64_t)(uint32_t)(k->end_line - base) << 32;
		rec[3] = (k->nonblank_end ? (uint64_t)(uint32_t)(k->nonblank_end - base + 1u) : 0) |
			 (uint64_t)(uint32_t)k->start << 32;
		rec[4] = (uint64_t)k->text_len | (uint64_t)k->info_len << 32;
		kh_word(h, rec[0]);
		kh_word(h, rec[1]);
		kh_word(h, rec[2]);
		kh_word(h, rec[3]);
		kh_word(h, rec[4]); /* fixed size; rec[4] gives the text lengths */
		h->len += sizeof rec;
		kh_put(h, c->text + k->text_off, k->text_len);
		if (k->info_len)
			kh_put(h, c->text + k->info_off, k->info_len);
		/* pre-order walk of the subtree */
		if (k->first) {
			x = k->first;
			depth++;
			continue;
		}
		while (x != root && !aw_mdi_node(c, x)->next) {
			x = aw_mdi_node(c, x)->parent;
			depth--;
		}
		if (x == root)
			break;
		x = aw_mdi_node(c, x)->next;
	}
}

static void cgen_clear(aw_md_cgen *g)
{
	g->n = 0;
	g->pool_len = 0;
	memset(g->slot, 0, sizeof g->slot);
}

static const aw_md_cent *cgen_find(const aw_md_cgen *g, uint64_t k1, uint64_t k2, uint32_t kl)
{
	uint32_t m = 2u * AW_MD_CACHE_ITEMS_MAX - 1u, i = (uint32_t)k1 & m, e;
	while ((e = g->slot[i]) != 0) {
		const aw_md_cent *ce = &g->ent[e - 1];
		if (ce->k1 == k1 && ce->k2 == k2 && ce->klen == kl)
			return ce;
		i = (i + 1) & m;
	}
	return NULL;
}

/* Insert (the table is at most half full, so a free slot exists). */
static void cgen_add(aw_md_cgen *g, uint64_t k1, uint64_t k2, uint32_t kl, const char *id,
		     size_t idl, unsigned lh, unsigned lo, const uint8_t sha1[20])
{
	uint32_t m = 2u * AW_MD_CACHE_ITEMS_MAX - 1u, i = (uint32_t)k1 & m;
	aw_md_cent *ce;

	if (g->n >= AW_MD_CACHE_ITEMS_MAX || idl > (size_t)AW_MD_CACHE_POOL_MAX - g->pool_len)
		return; /* full: this item stays uncached */
	while (g->slot[i])
		i = (i + 1) & m;
	ce = &g->ent[g->n++];
	g->slot[i] = g->n;
	ce->k1 = k1;
	ce->k2 = k2;
	ce->klen = kl;
	ce->id_off = g->pool_len;
	ce->id_len = (uint32_t)idl;
	memcpy(g->pool + g->pool_len, id, idl);
	g->pool_len += (uint32_t)idl;
	ce->links_hash = lh;
	ce->links_other = lo;
	memcpy(ce->sha1, sha1, 20);
}

/*
 * render_unit for render=0 through the cache: identifier, flags, link
 * counts and SHA-1 of item n (md stays empty).
 */
static void cached_unit(aw_md_ctx *c, uint32_t n, const char **id, size_t *idl, unsigned *fl,
			unsigned *lh, unsigned *lo, uint8_t sha1[20])
{
	aw_md_cache *k = c->cache;
	aw_md_cgen *cur = &k->gen[k->cur];
	const aw_md_cgen *old = &k->gen[k->cur ^ 1u];
	const aw_md_cent *ce = NULL;
	const char *md;
	size_t mdl;
	uint64_t k1, k2;
	khash h;

	item_key(c, n, &h);
	k1 = kh_fin(h.a);
	k2 = kh_fin(h.b ^ h.len);
	if (k->valid && k->next < old->n) {
		/* items mostly keep their order: try the successor of the
		   last old-generation hit first (no probing) */
		const aw_md_cent *p = &old->ent[k->next];
		if (p->k1 == k1 && p->k2 == k2 && p->klen == h.len)
			ce = p;
	}
	if (!ce && (ce = cgen_find(cur, k1, k2, h.len)) != NULL) {
		*id = cur->pool + ce->id_off;
	} else {
		if (!ce && k->valid)
			ce = cgen_find(old, k1, k2, h.len);
		if (ce) {
			/* an old-generation hit: carry it into the current one */
			uint32_t before = cur->n;
			k->next = (uint32_t)(ce - old->ent) + 1u;
			cgen_add(cur, k1, k2, h.len, old->pool + ce->id_off, ce->id_len,
				 ce->links_hash, ce->links_other, ce->sha1);
			*id = old->pool + ce->id_off;
			if (cur->n > before) {
				ce = &cur->ent[before];
				*id = cur->pool + ce->id_off;
			}
		}
	}
	if (ce) {
		k->hits++;
		*idl = ce->id_len;
		*fl = 0;
		*lh = ce->links_hash;
		*lo = ce->links_other;
		memcpy(sha1, ce->sha1, 20);
		return;
	}
	k->misses++;
	render_unit(c, n, &md, &mdl, id, idl, fl);
	*lh = c->st.links_hash;
	*lo = c->st.links_other;
	aw_sha1(*id, *idl, sha1);
	if (!*fl)
		cgen_add(cur, k1, k2, h.len, *id, *idl, *lh, *lo, sha1);
}

/* Seed of a pass: the definitions and the environment strings. */
static uint64_t cache_seed(aw_md_ctx *c)
{
	khash h;
	uint32_t i;
	const aw_inl_env *e = &c->env_noref;
	int32_t v[5];

	h.a = K1;
	h.b = K3;
	h.len = 0;
	v[0] = c->o.type;
	v[1] = c->o.max_heading_level;
	v[2] = c->o.min_heading_level;
	v[3] = c->o.heading_level;
	v[4] = e->fix_relative;
	kh_put(&h, v, sizeof v);
	kh_put(&h, &c->env, sizeof c->env);
	kh_put(&h, &e->stars, sizeof e->stars);
	kh_put(&h, &e->stars_user, sizeof e->stars_user);
	kh_word(&h, e->repo_url ? e->repo_url_len : 0);
	kh_word(&h, e->branch ? e->branch_len : 0);
	kh_word(&h, e->file_path ? e->file_path_len : 0);
	kh_word(&h, c->ndefs);
	kh_put(&h, e->repo_url ? e->repo_url : "", e->repo_url ? e->repo_url_len : 0);
	kh_put(&h, e->branch ? e->branch : "", e->branch ? e->branch_len : 0);
	kh_put(&h, e->file_path ? e->file_path : "", e->file_path ? e->file_path_len : 0);
	for (i = 0; i < c->ndefs; i++) {
		aw_md_def *d = &c->defs[i];
		kh_word(&h, (uint64_t)d->has_title | (uint64_t)d->label_len << 8 |
				    (uint64_t)d->url_len << 32);
		kh_word(&h, d->title_len);
		kh_put(&h, c->def_pool + d->label_off, d->label_len);
		kh_put(&h, c->def_pool + d->url_off, d->url_len);
		kh_put(&h, c->def_pool + d->title_off, d->title_len);
	}
	return kh_fin(h.a ^ rotl64(h.b, 17) ^ h.len);
}

/* Start of an items pass: rotate the generations. */
void aw_mdi_cache_pass(aw_md_ctx *c)
{
	aw_md_cache *k = c->cache;
	uint64_t seed;

	c->cache_on = k && !c->render && c->scanned && c->o.type == AW_MD_LIST;
	if (!c->cache_on) {
		if (k)
			k->bypass++;
		return;
	}
	seed = cache_seed(c);
	c->cache_seed = seed;
	if (c->window && k->seed == seed && k->gen[k->cur].n < AW_MD_CACHE_ITEMS_MAX / 2 &&
	    k->gen[k->cur].pool_len < AW_MD_CACHE_POOL_MAX / 2) {
		/* a window covers a small part of the version: keep filling the
		   current generation, rotate only once it is half full */
		k->next = 0;
		return;
	}
	/* gen[cur] was filled by the last pass under k->seed */
	k->valid = k->gen[k->cur].n && k->seed == seed;
	k->cur ^= 1u;
	k->next = 0;
	cgen_clear(&k->gen[k->cur]);
	k->seed = seed;
}

static int toc_keep(unsigned h, unsigned e)
{
	return h == 0 || (e > 10 && h < 2);
}

static void pend_add(aw_md_ctx *c, const char *md, size_t mdl, const char *id, size_t idl,
		     uint32_t sl, uint32_t el, unsigned flags, const uint8_t *sha1)
{
	aw_md_pend *p;
	if (c->npend >= AW_MD_PEND_ITEMS_MAX) {
		aw_mdi_set_cap(c, "AW_MD_PEND_ITEMS_MAX", (unsigned long)c->npend + 1,
			       AW_MD_PEND_ITEMS_MAX);
		return;
	}
	if (mdl + idl > (size_t)AW_MD_PEND_BYTES_MAX - c->pend_len) {
		aw_mdi_set_cap(c, "AW_MD_PEND_BYTES_MAX", (unsigned long)(c->pend_len + mdl + idl),
			(unsigned long)AW_MD_PEND_BYTES_MAX);
		return;
	}
	p = &c->pend[c->npend++];
	p->md_off = c->pend_len;
	p->md_len = (uint32_t)mdl;
	memcpy(c->pend_mem + c->pend_len, md, mdl);
	c->pend_len += (uint32_t)mdl;
	p->id_off = c->pend_len;
	p->id_len = (uint32_t)idl;
	memcpy(c->pend_mem + c->pend_len, id, idl);
	c->pend_len += (uint32_t)idl;
	p->start_line = sl;
	p->end_line = el;
	p->flags = flags;
	if (sha1)
		memcpy(p->sha1, sha1, 20);
}

/* One list item for the items pass: through the cache when it is on. The
 * result lives in the context buffers (or the cache) until the next item. */
struct unit {
	const char *md, *id;
	size_t mdl, idl;
	unsigned fl, lh, lo;
	uint8_t sha1[20];
};

static void item_unit(aw_md_ctx *c, uint32_t it, struct unit *u)
{
	u->md = "";
	u->mdl = 0;
	if (c->cache_on) {
		cached_unit(c, it, &u->id, &u->idl, &u->fl, &u->lh, &u->lo, u->sha1);
	} else {
		render_unit(c, it, &u->md, &u->mdl, &u->id, &u->idl, &u->fl);
		u->lh = c->st.links_hash;
		u->lo = c->st.links_other;
	}
}

/*
 * aw_md_opts.nested: the items of the lists nested (at any depth) in the
 * top-level item `top` whose own first block is a paragraph with a link,
 * in document order: to pend (pend != 0) or reported. Iterative preorder
 * walk over the subtree (no recursion).
 */
static void nested_items(aw_md_ctx *c, uint32_t top, int pend)
{
	uint32_t n = aw_mdi_node(c, top)->first;
	while (n && n != top && !c->err) {
		aw_md_node *k = aw_mdi_node(c, n);
		if (k->type == N_ITEM && k->first && aw_mdi_node(c, k->first)->type == N_PARA) {
			const char *md, *id;
			size_t mdl, idl;
			unsigned fl;
			render_unit(c, k->first, &md, &mdl, &id, &idl, &fl);
			if (c->st.first_link_found) {
				render_unit(c, n, &md, &mdl, &id, &idl, &fl);
				if (pend)
					pend_add(c, md, mdl, id, idl, k->start_line, k->end_line, fl, NULL);
				else
					report(c, md, mdl, id, idl, k->start_line, k->end_line, fl, NULL);
			}
		}
		/* next in preorder within top's subtree */
		if (k->first && (k->type == N_LIST || k->type == N_ITEM || k->type == N_BQUOTE)) {
			n = k->first;
			continue;
		}
		while (n != top && !aw_mdi_node(c, n)->next)
			n = aw_mdi_node(c, n)->parent;
		n = n == top ? 0 : aw_mdi_node(c, n)->next;
	}
}

static void list_items(aw_md_ctx *c, uint32_t list)
{
	uint32_t it;
	unsigned h = 0, e = 0, i;

	c->npend = 0;
	c->pend_len = 0;
	for (it = aw_mdi_node(c, list)->first; it && !c->err; it = aw_mdi_node(c, it)->next) {
		struct unit u;
		item_unit(c, it, &u);
		h += u.lh;
		e += u.lo;
		if (h >= 2)
			return; /* dropped whatever follows */
		pend_add(c, u.md, u.mdl, u.id, u.idl, aw_mdi_node(c, it)->start_line,
			 aw_mdi_node(c, it)->end_line, u.fl, c->cache_on ? u.sha1 : NULL);
		if (c->o.nested)
			nested_items(c, it, 1);
	}
	if (c->err || !toc_keep(h, e))
		return;
	for (i = 0; i < c->npend && !c->err; i++) {
		aw_md_pend *p = &c->pend[i];
		report(c, c->pend_mem + p->md_off, p->md_len, c->pend_mem + p->id_off, p->id_len,
		       p->start_line, p->end_line, p->flags, c->cache_on ? p->sha1 : NULL);
	}
}

/* ---- streaming items (AW_MD_STREAM) ---- */

static unsigned toc_bits(const aw_md_ctx *c, uint32_t i)
{
	return (c->toc[i / 4] >> (2 * (i % 4))) & 3u;
}

/* Scan pass, end of top-level list c->nlists: store its TOC decision from
 * the link counts its items added up. Bit 0: keep; bit 1: a reference found
 * no definition (one stored later may change the decision). */
static void toc_store(aw_md_ctx *c, unsigned h, unsigned e, uint32_t miss)
{
	uint32_t i = c->nlists;
	unsigned bits;

	if (i >= AW_MD_TOC_LISTS_MAX)
		return;
	bits = (h < 2 && toc_keep(h, e) ? 1u : 0u) | (miss ? 2u : 0u);
	c->toc[i / 4] = (uint8_t)((c->toc[i / 4] & ~(3u << (2 * (i % 4)))) | bits << (2 * (i % 4)));
}

/* Items pass: is top-level list i decided by the scan? */
static int toc_decided(const aw_md_ctx *c, uint32_t i)
{
	return i < AW_MD_TOC_LISTS_MAX && (!(toc_bits(c, i) & 2u) || c->lists_at_def <= i);
}

/*
 * An item of a top-level list is complete. Scan pass: add up its links for
 * the TOC rule. Items pass: report it now if the scan decided to keep its
 * list. Then free its subtree (every node after it, and its text), unless
 * the items pass must hold the whole list (undecided).
 */
void aw_mdi_stream_item(aw_md_ctx *c, uint32_t n)
{
	aw_md_node *k;
	uint32_t i = c->nlists;

	if (c->pass == AW_MD_PASS_SCAN) {
		if (c->gate_seen && c->toc_h < 2) {
			memset(&c->st, 0, sizeof c->st);
			c->parse_only = 0;
			c->ser_fl = 0;
			aw_mdi_ser(c, n, NULL, rewriting(c), 1);
			c->toc_h += c->st.links_hash;
			c->toc_e += c->st.links_other;
		}
	} else if (c->gate_seen) {
		if (!toc_decided(c, i))
			return;
		if (toc_bits(c, i) & 1u) {
			struct unit u;
			item_unit(c, n, &u);
			c->toc_h += u.lh;
			c->toc_e += u.lo;
			if (!c->err)
				report(c, u.md, u.mdl, u.id, u.idl, aw_mdi_node(c, n)->start_line,
				       aw_mdi_node(c, n)->end_line, u.fl,
				       c->cache_on ? u.sha1 : NULL);
			if (!c->err && c->o.nested)
				nested_items(c, n, 0);
		}
	}
	/* keep one closed stub of the list's items (its last one) in the
	   list's first child slot: the list's finalization and the next
	   item's linking see only its last child */
	{
		uint32_t list = aw_mdi_node(c, n)->parent, f = list + 1;
		k = aw_mdi_node(c, n);
		c->text_len = k->text_off;
		k->first = k->last = 0;
		k->next = 0;
		if (c->tip == n)
			c->tip = list;
		if (f != n && aw_mdi_node(c, list)->first == f) {
			*aw_mdi_node(c, f) = *k;
			aw_mdi_node(c, list)->first = aw_mdi_node(c, list)->last = f;
			n = f;
		}
		c->nnodes = n + 1;
	}
}

/* ---- table mode ---- */

/* A table cell serialized, trimmed, appended to the item markdown. */
static void md_cell(aw_md_ctx *c, const char *s, size_t n, unsigned flags, int want_link)
{
	const char *p;
	size_t pl;
	c->ser_fl = flags;
	aw_mdi_inl(c, s, n, AW_INL_TABLE_CELL, want_link);
	p = c->lin.p;
	pl = c->lin.len;
	aw_js_trim(&p, &pl);
	aw_buf_put(&c->md, p, pl);
}

/* Body row `row` (>= 2) of table n as an item: hdr[0..hl) is the header
 * line, l[0..ln) the row. */
static void table_row(aw_md_ctx *c, uint32_t n, const char *hdr, size_t hl, const char *l,
		      size_t ln, int row)
{
	size_t *h0 = c->tcol[3], *h1 = c->tcol[4], *c0 = c->tcol[5], *c1 = c->tcol[6];
	int hc = aw_mdi_row_cells(hdr, hl, h0, h1, MAXCOLS);
	int cnt = aw_mdi_row_cells(l, ln, c0, c1, MAXCOLS), i;
	unsigned fl = 0;
	const char *id;
	size_t idl;

	if (cnt > MAXCOLS) {
		cnt = MAXCOLS;
		fl |= trunc_flag("AW_MD_TABLE_COLS_MAX");
	}
	memset(&c->st, 0, sizeof c->st);
	c->parse_only = 0;
	aw_buf_reset(&c->md);
	aw_buf_reset(&c->id);
	aw_buf_reset(&c->tmp);
	for (i = 0; i < cnt; i++) {
		aw_buf_puts(&c->md, i == 0 ? "- " : "  ");
		if (i < hc && i < MAXCOLS)
			md_cell(c, hdr + h0[i], h1[i] - h0[i], 0, 0);
		aw_buf_puts(&c->md, ": ");
		md_cell(c, l + c0[i], c1[i] - c0[i], rewriting(c) ? AW_INL_REWRITE : 0, 1);
		aw_buf_puts(&c->md, "\n\n");
	}
	if (c->st.first_link_found) {
		id = c->id.p;
		idl = c->id.len;
	} else {
		/* the row serialized alone: | a | b | */
		aw_buf_putc(&c->tmp, '|');
		for (i = 0; i < cnt; i++) {
			const char *p;
			size_t pl;
			c->ser_fl = 0;
			aw_mdi_inl(c, l + c0[i], c1[i] - c0[i], AW_INL_TABLE_CELL, 0);
			p = c->lin.p;
			pl = c->lin.len;
			aw_buf_putc(&c->tmp, ' ');
			aw_buf_put(&c->tmp, pl ? p : " ", pl ? pl : 1);
			aw_buf_puts(&c->tmp, " |");
		}
		id = c->tmp.p;
		idl = c->tmp.len;
		aw_js_trim(&id, &idl);
	}
	if (!fl && (c->st.truncated || c->md.truncated || c->id.truncated || c->tmp.truncated))
		fl |= cut_flag(&c->st, &c->md, c->id.truncated ? &c->id : &c->tmp);
	report(c, c->md.p, c->md.len, id, idl, aw_mdi_node(c, n)->start_line + (uint32_t)row,
	       aw_mdi_node(c, n)->start_line + (uint32_t)row, fl, NULL);
}

static void table_items(aw_md_ctx *c, uint32_t n)
{
	aw_md_node *k = aw_mdi_node(c, n);
	const char *s = c->text + k->text_off, *e = s + k->text_len, *l = s, *hdr = s;
	size_t hl = 0;
	int row = 0;

	while (l < e && !c->err) {
		const char *nl = memchr(l, '\n', (size_t)(e - l));
		size_t ln = nl ? (size_t)(nl - l) : (size_t)(e - l);
		if (row == 0) {
			hdr = l;
			hl = ln;
		} else if (row >= 2) {
			table_row(c, n, hdr, hl, l, ln, row);
		}
		row++;
		l = nl ? nl + 1 : e;
	}
}

/* A body row was just added to top-level table n (AW_MD_STREAM, list or
 * table mode): report it now in table mode's items pass, then drop its
 * text, so that a table never has to fit in RAM whole. The header and
 * delimiter rows stay; k->start counts the rows gone. */
void aw_mdi_table_stream(aw_md_ctx *c, uint32_t n)
{
	aw_md_node *k = aw_mdi_node(c, n);
	const char *s = c->text + k->text_off, *e = c->text + c->text_len, *l = e - 1, *nl;

	nl = memchr(s, '\n', (size_t)(e - s));
	if (!nl || nl >= l)
		return;
	while (l > s && l[-1] != '\n')
		l--;
	if (c->pass == AW_MD_PASS_ITEMS && c->o.type == AW_MD_TABLE)
		table_row(c, n, s, (size_t)(nl - s), l, (size_t)(e - 1 - l), 2 + k->start);
	k->start++;
	c->text_len = (uint32_t)(l - c->text);
}

/* ---- heading mode ---- */

void aw_mdi_sec_close(aw_md_ctx *c, int at_end)
{
	const char *md, *id;
	size_t mdl, idl;
	unsigned fl = 0;

	if (!c->sec_blocks || (at_end && c->sec_blocks < 2)) {
		c->sec_blocks = 0;
		return;
	}
	md = c->md.p;
	mdl = c->md.len;
	aw_js_trim(&md, &mdl);
	if (c->sec_link) {
		id = c->id.p;
		idl = c->id.len;
	} else if (rewriting(c)) {
		/* the unrewritten text, cut where c->md cuts it when nothing is
		 * rewritten (render=0 replays): one identity either way */
		id = c->raw.p;
		idl = c->raw.len < sizeof c->md_mem ? c->raw.len : sizeof c->md_mem;
	} else {
		id = c->md.p;
		idl = c->md.len;
	}
	aw_js_trim(&id, &idl);
	if (c->md.truncated || c->id.truncated || c->raw.truncated)
		fl |= cut_flag(&c->sec_st, &c->md, c->id.truncated ? &c->id : &c->raw);
	else if (c->sec_st.truncated)
		fl |= cut_flag(&c->sec_st, &c->md, &c->id);
	report(c, md, mdl, id, idl, c->sec_start, c->sec_end, fl, NULL);
	c->sec_blocks = 0;
}

static void sec_append(aw_md_ctx *c, uint32_t n)
{
	aw_md_node *k = aw_mdi_node(c, n);
	int type = k->type, icode = aw_mdi_code_indented(c, n);
	const char *sep = "\n\n";
	aw_inl_stats st;

	if (!c->sec_blocks) {
		aw_buf_reset(&c->md);
		aw_buf_reset(&c->id);
		aw_buf_reset(&c->raw);
		c->sec_link = 0;
		memset(&c->sec_st, 0, sizeof c->sec_st);
		c->sec_start = k->start_line;
	} else if ((type == N_CODE && icode &&
		    (c->sec_last_type == N_LIST || (c->sec_last_type == N_CODE && c->sec_last_icode))) ||
		   (type == N_LIST && c->sec_last_type == N_LIST && c->sec_last_ordered == k->ordered)) {
		sep = "\n\n<!---->\n\n";
	}
	/* render into tmp first: a list may still be dropped by the TOC rule */
	memset(&c->st, 0, sizeof c->st);
	c->st.first_link_found = c->sec_link;
	aw_buf_reset(&c->tmp);
	{
		size_t idlen = c->id.len;
		aw_mdi_ser(c, n, &c->tmp, rewriting(c), 1);
		st = c->st;
		if (type == N_LIST && !toc_keep(st.links_hash, st.links_other)) {
			c->id.len = idlen;
			return;
		}
	}
	if (c->sec_blocks)
		aw_buf_puts(&c->md, sep);
	aw_buf_put(&c->md, c->tmp.p, c->tmp.len);
	if (rewriting(c) && !c->sec_link) {
		if (c->sec_blocks)
			aw_buf_puts(&c->raw, sep);
		aw_mdi_ser(c, n, &c->raw, 0, 0);
	}
	if (st.first_link_found)
		c->sec_link = 1;
	if (st.truncated && !c->sec_st.truncated) {
		c->sec_st.truncated = 1;
		c->sec_st.limit = st.limit;
	}
	c->sec_blocks++;
	c->sec_end = k->end_line;
	c->sec_last_type = type;
	c->sec_last_ordered = k->ordered;
	c->sec_last_icode = icode;
}

/* ---- document pass: every top-level block at the root ---- */

static void doc_block(aw_md_ctx *c, uint32_t n)
{
	aw_md_node *k = aw_mdi_node(c, n);
	aw_buf *o = &c->raw; /* the pending-item memory, unused in this pass */
	const char *sep = "\n\n";
	int icode = aw_mdi_code_indented(c, n);

	if (k->type == N_DEFS && k->text_len == 0)
		return;
	if (c->sec_blocks &&
	    ((k->type == N_CODE && icode &&
	      (c->sec_last_type == N_LIST || (c->sec_last_type == N_CODE && c->sec_last_icode))) ||
	     (k->type == N_LIST && c->sec_last_type == N_LIST && c->sec_last_ordered == k->ordered)))
		sep = "\n\n<!---->\n\n";
	memset(&c->st, 0, sizeof c->st);
	aw_buf_reset(o);
	aw_mdi_ser(c, n, o, c->env && c->env->repo_url, 0);
	if (o->truncated || c->st.truncated) {
		/* cut to what fits, as an item is (docs/spec.md 8.4), counted */
		if (!c->doc_cut++)
			c->doc_lim = c->st.limit ? c->st.limit :
				o->truncated ? "AW_MD_PEND_BYTES_MAX" : NULL;
	}
	if (c->sec_blocks && aw_sink_puts(c->sink, sep))
		aw_mdi_set_err(c, c->sink->err);
	if (!c->err && aw_sink_write(c->sink, o->p, o->len))
		aw_mdi_set_err(c, c->sink->err);
	c->sec_blocks++;
	c->sec_last_type = k->type;
	c->sec_last_ordered = k->ordered;
	c->sec_last_icode = icode;
}

/* ---- dispatch of a closed top-level block ---- */

/* Tell the heading callback (items passes). */
static void head_cb(aw_md_ctx *c, const aw_md_node *k, unsigned flags)
{
	if (!c->head_fn || c->pass != AW_MD_PASS_ITEMS)
		return;
	if (!k->setext)
		flags |= AW_MD_H_ATX;
	{
		int r = c->head_fn(c->head_user, k->start_line, k->level, flags);
		if (r)
			aw_mdi_set_err(c, r);
	}
}

void aw_mdi_process_top(aw_md_ctx *c, uint32_t n)
{
	aw_md_node *k = aw_mdi_node(c, n);
	int scan = c->pass == AW_MD_PASS_SCAN;
	unsigned hf = AW_MD_H_COUNTED, th = 0, te = 0;
	uint32_t miss = 0;

	if (c->err)
		return;
	if (c->pass == AW_MD_PASS_DOCUMENT) {
		doc_block(c, n);
		return;
	}
	if (k->type == N_LIST) {
		/* streaming: what its items added up (AW_MD_STREAM) */
		th = c->toc_h;
		te = c->toc_e;
		miss = c->ref_miss;
		c->toc_h = c->toc_e = 0;
		c->ref_miss = 0;
	}
	if (c->o.type == AW_MD_TABLE) {
		if (k->type == N_HEADING) {
			if (k->level > c->deepest)
				c->deepest = k->level;
			head_cb(c, k, hf);
			if (!scan)
				heading_cat(c, n, 0);
		} else if (k->type == N_TABLE && !scan) {
			table_items(c, n);
		}
		return;
	}
	if (!c->gate_seen) {
		int g = c->o.type == AW_MD_HEADING ? c->o.max_heading_level : lvl_max(c);
		if (k->type != N_HEADING || !g || k->level != g) {
			if (k->type == N_HEADING)
				head_cb(c, k, 0);
			return;
		}
		c->gate_seen = 1;
		hf |= AW_MD_H_GATE;
	}
	if (k->type == N_HEADING) {
		if (k->level > c->deepest)
			c->deepest = k->level;
		head_cb(c, k, hf);
		if (c->err)
			return;
	}
	if (scan) {
		if (c->stream_on && k->type == N_LIST) {
			toc_store(c, th, te, miss);
			c->nlists++;
		}
		return;
	}
	if (c->o.type == AW_MD_LIST) {
		if (k->type == N_HEADING) {
			heading_cat(c, n, 1);
		} else if (k->type == N_LIST) {
			if (c->stream_on && toc_decided(c, c->nlists)) {
				/* its items went out as they completed: the items
				   pass must come to the scan's decision */
				if ((toc_bits(c, c->nlists) & 1u) && !toc_keep(th, te))
					aw_mdi_set_err(c, AW_ERR_STATE);
			} else {
				list_items(c, n);
			}
			c->nlists++;
		}
		return;
	}
	/* heading mode */
	if (k->type == N_TBREAK || k->type == N_DEFS)
		return;
	if (k->type == N_HEADING) {
		int hl = c->o.heading_level ? c->o.heading_level : 3;
		if (k->level <= hl) {
			/* the closed item takes the category in force before this
			   heading; headings above the item level are not content */
			if (k->level == hl) {
				aw_mdi_sec_close(c, 0);
				sec_append(c, n);
			}
			heading_cat(c, n, 0);
			return;
		}
	}
	sec_append(c, n);
}
