/*
 * aw_src.c - update logic of a list source (see aw_src.h): commit feed
 * bookkeeping, the dating of new versions and the final render (both
 * through the tracker, aw_track: whole versions, its state restored from
 * the record), and the state record codec of a source (little-endian,
 * CRC-32). It performs no I/O and does not decide when to poll; it does
 * not parse HTTP or XML (the port's HTTP client and feed reader hand it
 * the entries), and it does not run parser passes itself.
 */
#include "aw_src.h"
#include "aw_state.h" /* aw_crc32 */

#include <string.h>

static const char feed_id_prefix[] = "tag:github.com,2008:Grit::Commit/";

void aw_src_init(aw_src_ctx *p, aw_md_ctx *md, aw_datemap_ctx *a, aw_datemap_ctx *b,
		  const aw_md_opts *opts, const aw_inl_env *env)
{
	aw_track_mem mem;
	aw_track_cfg cfg;

	memset(p, 0, sizeof *p);
	memset(&mem, 0, sizeof mem);
	mem.md = md;
	mem.map_a = a;
	mem.map_b = b;
	/* no store until aw_src_render; no aw_delta_ctx: each fetched
	 * version is parsed whole */
	memset(&cfg, 0, sizeof cfg);
	cfg.caps = AW_TRACK_CAP_WHOLE;
	cfg.opts = opts;
	cfg.env = env;
	p->err = aw_track_init(&p->trk, &mem, &cfg);
}

/* ---------------------------------------------------------------- record */

typedef struct rd {
	const unsigned char *p, *end;
	int bad;
} rd;

static uint64_t get_le(rd *r, int n)
{
	uint64_t v = 0;
	int i;
	if (r->bad || r->end - r->p < n) {
		r->bad = 1;
		return 0;
	}
	for (i = 0; i < n; i++)
		v |= (uint64_t)r->p[i] << (8 * i);
	r->p += n;
	return v;
}

static const unsigned char *get_bytes(rd *r, size_t n)
{
	const unsigned char *s = r->p;
	if (r->bad || (size_t)(r->end - r->p) < n) {
		r->bad = 1;
		return NULL;
	}
	r->p += n;
	return s;
}

static int get_str(rd *r, char *out, size_t cap)
{
	size_t n = (size_t)get_le(r, 2);
	const unsigned char *s = get_bytes(r, n);
	if (!s || n >= cap) {
		r->bad = 1;
		return -1;
	}
	memcpy(out, s, n);
	out[n] = 0;
	return 0;
}

int aw_src_load(aw_src_ctx *p, const char *rec, size_t len, const char **text, size_t *text_len)
{
	rd r;
	uint32_t ver, n, i, crc;
	const unsigned char *s;
	int rc;

	if (len < 12 || memcmp(rec, "AWS1", 4))
		return AW_ERR_SYNTAX;
	{
		const unsigned char *e = (const unsigned char *)rec + len - 4;
		crc = (uint32_t)e[0] | (uint32_t)e[1] << 8 | (uint32_t)e[2] << 16 | (uint32_t)e[3] << 24;
	}
	if (aw_crc32(0, rec, len - 4) != crc)
		return AW_ERR_SYNTAX;
	r.p = (const unsigned char *)rec + 4;
	r.end = (const unsigned char *)rec + len - 4;
	r.bad = 0;
	ver = (uint32_t)get_le(&r, 4);
	if (ver != AW_SRC_RECORD_VERSION)
		return AW_ERR_STATE;
	if (get_le(&r, 4) != 1) /* kind: list */
		return AW_ERR_STATE;
	s = get_bytes(&r, 40);
	if (!s)
		return AW_ERR_SYNTAX;
	memcpy(p->last_sha, s, 40);
	p->last_sha[40] = 0;
	p->last_time = (int64_t)get_le(&r, 8);
	p->last_ok = (int64_t)get_le(&r, 8);
	get_str(&r, p->etag, sizeof p->etag);
	get_str(&r, p->last_modified, sizeof p->last_modified);
	n = (uint32_t)get_le(&r, 4);
	if (r.bad || n > AW_SRC_SEEN_MAX)
		return r.bad ? AW_ERR_SYNTAX : AW_ERR_FULL;
	for (i = 0; i < n; i++) {
		const unsigned char *h = get_bytes(&r, 20);
		if (!h)
			return AW_ERR_SYNTAX;
		memcpy(p->seen[i].sha, h, 20);
		p->seen[i].t = (int64_t)get_le(&r, 8);
	}
	p->nseen = n;
	n = (uint32_t)get_le(&r, 4);
	if (r.bad || n > (size_t)(r.end - r.p) / 28)
		return AW_ERR_SYNTAX;
	if (n > AW_STORE_DATEMAP_MAX)
		return AW_ERR_FULL;
	if (p->err)
		return p->err;
	if ((rc = aw_track_restore_begin(&p->trk)))
		return rc;
	for (i = 0; i < n; i++) {
		const unsigned char *id = get_bytes(&r, 20);
		int64_t t = (int64_t)get_le(&r, 8);
		if (!id)
			return AW_ERR_SYNTAX;
		if ((rc = aw_track_restore(&p->trk, id, t)))
			return rc;
	}
	p->items = n;
	n = (uint32_t)get_le(&r, 4);
	s = get_bytes(&r, n);
	if (!s || r.p != r.end)
		return AW_ERR_SYNTAX;
	*text = (const char *)s;
	*text_len = n;
	p->have_state = 1;
	return AW_OK;
}

typedef struct wr {
	int (*sink)(void *user, const char *p, size_t n);
	void *user;
	uint32_t crc;
	int rc;
} wr;

static void put(wr *w, const void *s, size_t n)
{
	if (w->rc || !n)
		return;
	w->crc = aw_crc32(w->crc, s, n);
	if (w->sink(w->user, s, n))
		w->rc = AW_ERR_ABORT;
}

static void put_le(wr *w, uint64_t v, int n)
{
	unsigned char b[8];
	int i;
	for (i = 0; i < n; i++)
		b[i] = (unsigned char)(v >> (8 * i));
	put(w, b, (size_t)n);
}

static void put_str(wr *w, const char *s)
{
	size_t n = strlen(s);
	put_le(w, n, 2);
	put(w, s, n);
}

int aw_src_save(aw_src_ctx *p, int64_t now, const char *text, size_t len,
		 int (*sink)(void *user, const char *p, size_t n), void *user)
{
	const aw_datemap_ctx *m = aw_track_dates(&p->trk);
	uint32_t i, n = 0;
	unsigned char c[4];
	wr w;

	if (len > 0xffffffffu)
		return AW_ERR_TOOBIG;
	w.sink = sink;
	w.user = user;
	w.crc = 0;
	w.rc = AW_OK;
	put(&w, "AWS1", 4);
	put_le(&w, AW_SRC_RECORD_VERSION, 4);
	put_le(&w, 1, 4);
	put(&w, p->last_sha, 40);
	put_le(&w, (uint64_t)p->last_time, 8);
	put_le(&w, (uint64_t)now, 8);
	put_str(&w, p->etag);
	put_str(&w, p->last_modified);
	put_le(&w, p->nseen, 4);
	for (i = 0; i < p->nseen; i++) {
		put(&w, p->seen[i].sha, 20);
		put_le(&w, (uint64_t)p->seen[i].t, 8);
	}
	for (i = 0; i < m->n; i++)
		n += m->cnt[i] != 0;
	put_le(&w, n, 4);
	/* in entry order: deterministic for the same history */
	for (i = 0; i < m->n; i++) {
		if (!m->cnt[i])
			continue;
		put(&w, m->key[i], 20);
		put_le(&w, (uint64_t)m->val[i], 8);
	}
	put_le(&w, len, 4);
	put(&w, text, len);
	if (w.rc)
		return w.rc;
	for (i = 0; i < 4; i++)
		c[i] = (unsigned char)(w.crc >> (8 * i));
	return sink(user, (const char *)c, 4) ? AW_ERR_ABORT : AW_OK;
}

/* ---------------------------------------------------------------- feed */

int aw_src_feed_url(const aw_src_ctx *p, const aw_src_urls *s, aw_buf *url)
{
	(void)p;
	aw_buf_puts(url, s->github_url);
	aw_buf_putc(url, '/');
	aw_buf_puts(url, s->owner);
	aw_buf_putc(url, '/');
	aw_buf_puts(url, s->repo);
	aw_buf_puts(url, "/commits/");
	aw_buf_puts(url, s->branch);
	aw_buf_putc(url, '/');
	aw_buf_puts(url, s->file);
	return aw_buf_puts(url, ".atom");
}

int aw_src_cond_headers(const aw_src_ctx *p, aw_buf *h)
{
	int rc = AW_OK;
	if (!p->have_state)
		return AW_OK;
	if (p->etag[0]) {
		aw_buf_puts(h, "If-None-Match: ");
		aw_buf_puts(h, p->etag);
		rc = aw_buf_puts(h, "\r\n");
	}
	if (p->last_modified[0]) {
		aw_buf_puts(h, "If-Modified-Since: ");
		aw_buf_puts(h, p->last_modified);
		rc = aw_buf_puts(h, "\r\n");
	}
	return rc;
}

static int is_hex(const char *s, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++)
		if (!AW_IS_DIGIT(s[i]) && !((unsigned)(s[i] - 'a') < 6u))
			return 0;
	return 1;
}

int aw_src_feed_entry(aw_src_ctx *p, const char *id, size_t id_len, int64_t updated)
{
	size_t pl = sizeof feed_id_prefix - 1;
	aw_src_commit *c;
	/* tolerate surrounding whitespace */
	while (id_len && AW_IS_SPACE(*id)) {
		id++;
		id_len--;
	}
	while (id_len && AW_IS_SPACE(id[id_len - 1]))
		id_len--;
	if (id_len != pl + 40 || memcmp(id, feed_id_prefix, pl) || !is_hex(id + pl, 40))
		return AW_ERR_SYNTAX;
	if (p->nfeed >= AW_SRC_FEED_MAX) {
		p->feed_over = 1;
		return AW_OK;
	}
	c = &p->feed[p->nfeed++];
	memcpy(c->sha, id + pl, 40);
	c->sha[40] = 0;
	c->t = updated;
	return AW_OK;
}

static void sha_bin(const char *hex, uint8_t out[20])
{
	int i;
	for (i = 0; i < 20; i++) {
		unsigned hi = (unsigned char)hex[2 * i], lo = (unsigned char)hex[2 * i + 1];
		hi = AW_IS_DIGIT(hi) ? hi - '0' : hi - 'a' + 10;
		lo = AW_IS_DIGIT(lo) ? lo - '0' : lo - 'a' + 10;
		out[i] = (uint8_t)(hi << 4 | lo);
	}
}

static int was_seen(const aw_src_ctx *p, const char *hex)
{
	uint8_t h[20];
	uint32_t i;
	sha_bin(hex, h);
	for (i = 0; i < p->nseen; i++)
		if (!memcmp(p->seen[i].sha, h, 20))
			return 1;
	return 0;
}

/* remember a commit; when full, the oldest (by time) makes room */
static void remember(aw_src_ctx *p, const char *hex, int64_t t)
{
	uint32_t i, k;
	uint8_t h[20];
	sha_bin(hex, h);
	for (i = 0; i < p->nseen; i++)
		if (!memcmp(p->seen[i].sha, h, 20))
			return;
	if (p->nseen < AW_SRC_SEEN_MAX) {
		k = p->nseen++;
	} else {
		for (k = 0, i = 1; i < p->nseen; i++)
			if (p->seen[i].t < p->seen[k].t)
				k = i;
		if (p->seen[k].t > t)
			return;
	}
	memcpy(p->seen[k].sha, h, 20);
	p->seen[k].t = t;
}

int aw_src_seen_add(aw_src_ctx *p, const char *sha, int64_t t)
{
	if (strlen(sha) != 40 || !is_hex(sha, 40))
		return AW_ERR_SYNTAX;
	remember(p, sha, t);
	return AW_OK;
}

int aw_src_feed_end(aw_src_ctx *p, const char *etag, const char *last_modified)
{
	int i, n = 0, any_seen = 0;
	if (!p->nfeed)
		return AW_ERR_SYNTAX;
	if (etag && strlen(etag) < sizeof p->etag)
		memcpy(p->etag, etag, strlen(etag) + 1);
	else
		p->etag[0] = 0;
	if (last_modified && strlen(last_modified) < sizeof p->last_modified)
		memcpy(p->last_modified, last_modified, strlen(last_modified) + 1);
	else
		p->last_modified[0] = 0;
	p->gap = 0;
	if (!p->have_state) {
		/* baseline: the newest version only; everything shown is seen */
		for (i = 0; i < p->nfeed; i++)
			p->feed[i].is_new = i == 0;
		n = 1;
	} else {
		for (i = 0; i < p->nfeed; i++) {
			p->feed[i].is_new = !was_seen(p, p->feed[i].sha);
			n += p->feed[i].is_new;
			any_seen |= !p->feed[i].is_new;
		}
		p->gap = !any_seen;
	}
	for (i = 0; i < p->nfeed; i++)
		if (!p->feed[i].is_new)
			remember(p, p->feed[i].sha, p->feed[i].t);
	/* feed order is newest first: replay from the end */
	for (p->next = p->nfeed - 1; p->next >= 0 && !p->feed[p->next].is_new; p->next--)
		;
	return n;
}

int aw_src_next(aw_src_ctx *p, const aw_src_urls *s, aw_buf *url)
{
	const aw_src_commit *c;
	if (p->next < 0 || p->next >= p->nfeed)
		return 0;
	c = &p->feed[p->next];
	aw_buf_puts(url, s->raw_url);
	aw_buf_putc(url, '/');
	aw_buf_puts(url, s->owner);
	aw_buf_putc(url, '/');
	aw_buf_puts(url, s->repo);
	aw_buf_putc(url, '/');
	aw_buf_puts(url, c->sha);
	aw_buf_putc(url, '/');
	if (aw_buf_puts(url, s->file))
		return AW_ERR_FULL;
	return 1;
}

/* ---------------------------------------------------------------- dating */

int aw_src_date_put(aw_src_ctx *p, const uint8_t id[20], int64_t t)
{
	int rc;
	if (p->err)
		return p->err;
	if ((rc = aw_track_restore(&p->trk, id, t)))
		return rc;
	p->items = (unsigned long)aw_datemap_count(aw_track_dates(&p->trk));
	return AW_OK;
}

int aw_src_version(aw_src_ctx *p, const char *text, size_t len)
{
	const aw_src_commit *c;
	int rc;
	if (p->err)
		return p->err;
	if (p->next < 0 || p->next >= p->nfeed)
		return AW_ERR_STATE;
	c = &p->feed[p->next];
	p->cur_t = c->t;
	rc = aw_track_version(&p->trk, c->t, text, len);
	if (rc == AW_ERR_SYNTAX) {
		/* rejected like the reference does: this version changes nothing */
		p->rejected++;
	} else if (rc) {
		return rc;
	} else {
		p->items = (unsigned long)aw_datemap_count(aw_track_dates(&p->trk));
	}
	memcpy(p->last_sha, c->sha, 41);
	p->last_time = c->t;
	remember(p, c->sha, c->t);
	p->versions++;
	for (p->next--; p->next >= 0 && !p->feed[p->next].is_new; p->next--)
		;
	return AW_OK;
}

int aw_src_render(aw_src_ctx *p, const aw_inl_env *env, const char *text, size_t len,
		   aw_store_ctx *store)
{
	int rc;
	if (p->err)
		return p->err;
	if (!store)
		return AW_ERR_ARG;
	if ((rc = aw_track_set_store(&p->trk, store)) || (rc = aw_track_set_env(&p->trk, env)))
		return rc;
	/* an identity the state does not date: the last commit's time */
	aw_track_set_undated(&p->trk, p->last_time);
	return aw_track_finish(&p->trk, text, len);
}
