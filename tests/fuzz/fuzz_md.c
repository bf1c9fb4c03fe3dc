/*
 * fuzz_md.c - libFuzzer harness for the list parser: the first bytes pick
 * the mode, options, rendering and chunk size; the rest is the document,
 * fed through both passes (and the document pass). Differential checks
 * ride along: the tracker's parse (aw_track_parse: one verified pass, else
 * both) and its one-pass streaming mode (the document fed in chunks, again
 * from the start when the tracker asks) must report exactly the items of
 * the two passes, and an incremental replay (aw_delta_ctx) of the document
 * and an edited copy must give the dates of the plain replay. Build and run with `make fuzz` (clang, ASan + UBSan).
 * Any crash, sanitizer report, leak or abort() is a bug; AW_ERR_* returns
 * are fine.
 */
#include "aw_delta.h"
#include "aw_md.h"
#include "aw_sha1.h"
#include "aw_track.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* items of a pass, serialized, for the differential checks */
static char rec[1 << 20];
static size_t rec_len;
static int rec_over, recording;

static void rec_put(const void *p, size_t n)
{
	if (n > sizeof rec - rec_len) {
		rec_over = 1;
		return;
	}
	memcpy(rec + rec_len, p, n);
	rec_len += n;
}

static aw_md_ctx md;
static volatile unsigned touched; /* keeps the reads below */

static int on_item(void *user, const aw_md_item *it)
{
	(void)user;
	/* touch every byte the item points at */
	for (size_t i = 0; i < it->md_len; i++) touched += (unsigned char)it->md[i];
	for (size_t i = 0; i < it->ident_len; i++) touched += (unsigned char)it->ident[i];
	for (size_t i = 0; i < it->category_len; i++) touched += (unsigned char)it->category[i];
	if (recording) {
		rec_put(it->ident, it->ident_len);
		rec_put("\x1f", 1);
		rec_put(it->category, it->category_len);
		rec_put("\x1f", 1);
		rec_put(it->md, it->md_len);
		rec_put(&it->start_line, sizeof it->start_line);
		rec_put(&it->end_line, sizeof it->end_line);
		rec_put(&it->flags, sizeof it->flags);
	}
	return 0;
}

static char two[1 << 20];
static size_t two_len;

/* the tracker: observers record like on_item, a restart drops the record */
static aw_md_ctx md3;
static aw_datemap_ctx ta, tb;
static aw_store_ctx tstore;
static aw_track_ctx trk;

static int on_track_item(void *user, const aw_track_item *ti)
{
	return on_item(user, ti->md);
}

static int on_restart(void *user)
{
	(void)user;
	rec_len = 0;
	rec_over = 0;
	return 0;
}

/* the tracker's items of the document equal the two passes' (two[]) */
static void track_check(const aw_md_opts *o, const aw_inl_env *env, int render,
			const uint8_t *d, size_t n, size_t chunk)
{
	aw_track_mem m;
	aw_track_cfg c;
	int streaming, rc;

	for (streaming = 0; streaming < 2; streaming++) {
		memset(&m, 0, sizeof m);
		memset(&c, 0, sizeof c);
		m.md = &md3;
		m.map_a = &ta;
		m.map_b = &tb;
		m.store = &tstore;
		c.caps = streaming ? 0 : AW_TRACK_CAP_WHOLE;
		c.opts = o;
		c.env = env;
		c.on_item = on_track_item;
		c.on_restart = on_restart;
		if (aw_track_init(&trk, &m, &c))
			return;
		rec_len = 0;
		rec_over = 0;
		recording = 1;
		if (!streaming) {
			rc = aw_track_parse(&trk, (const char *)d, n, render);
		} else if (!(rc = aw_track_begin_parse(&trk, render))) {
			do {
				size_t off = 0;
				rc = AW_OK;
				while (rc == AW_OK && off < n) {
					size_t k = n - off < chunk ? n - off : chunk;
					rc = aw_track_feed(&trk, (const char *)d + off, k);
					off += k;
				}
				if (rc == AW_OK)
					rc = aw_track_end(&trk);
			} while (rc == AW_TRACK_AGAIN);
		}
		recording = 0;
		if (rc == AW_OK && !rec_over && (rec_len != two_len || memcmp(rec, two, rec_len)))
			abort(); /* the tracker reported other items than the two passes */
	}
}

/* The plain replay of two versions against aw_delta_ctx's. */
static aw_md_ctx md2;
static aw_delta_ctx delta;
static aw_md_cache cache;
static aw_datemap_ctx wa, wb, da, db;
static aw_replay_ctx rw, rd;

static int on_plain(void *user, const aw_md_item *it)
{
	uint8_t id[20];
	aw_sha1(it->ident, it->ident_len, id);
	return aw_replay_item(user, id) != AW_OK;
}

static int plain(const aw_md_opts *o, const aw_inl_env *env, int64_t seen, const uint8_t *d,
		 size_t n)
{
	int rc;
	if ((rc = aw_md_init(&md2, o, env, 0, on_plain, &rw)))
		return rc;
	aw_replay_begin(&rw, seen);
	if ((rc = aw_md_begin(&md2, AW_MD_PASS_SCAN)) || (rc = aw_md_feed(&md2, (const char *)d, n)) ||
	    (rc = aw_md_end(&md2)) || (rc = aw_md_begin(&md2, AW_MD_PASS_ITEMS)) ||
	    (rc = aw_md_feed(&md2, (const char *)d, n)) || (rc = aw_md_end(&md2))) {
		aw_replay_abort(&rw);
		return rc;
	}
	return aw_replay_end(&rw);
}

static void delta_check(const aw_md_opts *o, const aw_inl_env *env, const uint8_t *d, size_t n,
			unsigned cut)
{
	static uint8_t v2[8192 + 64];
	size_t a, b, m, i;
	int r1, r2, ver;

	if (n > 8192 || o->type == AW_MD_HEADING)
		return;
	/* version 2: the document with a slice cut out and a line put in */
	a = n ? (cut * 131u) % (n + 1) : 0;
	b = a + (cut >> 8) % 64;
	if (b > n)
		b = n;
	memcpy(v2, d, a);
	memcpy(v2 + a, "- [new](https://n.example)\n", 27);
	memcpy(v2 + a + 27, d + b, n - b);
	m = a + 27 + n - b;
	aw_datemap_init(&wa);
	aw_datemap_init(&wb);
	aw_datemap_init(&da);
	aw_datemap_init(&db);
	aw_replay_init(&rw, &wa, &wb);
	aw_replay_init(&rd, &da, &db);
	aw_md_cache_init(&cache);
	if (aw_delta_init(&delta, &md, o, env, &cache))
		return;
	for (ver = 0; ver < 3; ver++) {
		const uint8_t *t = ver == 1 ? v2 : d;
		size_t tl = ver == 1 ? m : n;
		r1 = plain(o, env, 100 + ver, t, tl);
		r2 = aw_delta_version(&delta, &rd, 100 + ver, (const char *)t, tl);
		if (r1 != r2)
			abort(); /* the two replays disagree on the version */
		if (r1 && r1 != AW_ERR_SYNTAX)
			return; /* a capacity error: nothing to compare */
		if (aw_datemap_count(rw.prev) != aw_datemap_count(rd.prev))
			abort();
		for (i = 0; i < rw.prev->n; i++) {
			int64_t t1;
			if (rw.prev->cnt[i] &&
			    (!aw_datemap_get(rd.prev, rw.prev->key[i], &t1) || t1 != rw.prev->val[i]))
				abort(); /* a date differs */
		}
	}
}

static aw_sink doc_sk;
static int sink(void *user, const char *p, size_t n)
{
	(void)user;
	for (size_t i = 0; i < n; i++) touched += (unsigned char)p[i];
	return 0;
}

static int stars(void *user, const char *o, size_t ol, const char *r, size_t rl,
		 const char **t, size_t *tl)
{
	(void)user; (void)o; (void)r;
	if ((ol + rl) % 3)
		return 0;
	*t = "1.2k";
	*tl = 4;
	return 1;
}

static void feed(const uint8_t *d, size_t n, size_t chunk)
{
	size_t off = 0;
	while (off < n) {
		size_t k = n - off < chunk ? n - off : chunk;
		if (aw_md_feed(&md, (const char *)d + off, k))
			return;
		off += k;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	aw_md_opts o;
	aw_inl_env env;
	size_t chunk;
	int render;

	if (size < 3)
		return 0;
	aw_md_opts_default(&o);
	o.type = data[0] % 3;
	if (data[0] & 4) o.max_heading_level = 1 + (data[0] >> 3) % 3;
	if (data[0] & 0x40) o.min_heading_level = 2 + (data[1] >> 4) % 3;
	if (o.type == AW_MD_HEADING) o.heading_level = 2 + data[1] % 3;
	o.parse_category = !(data[1] & 8);
	render = data[1] & 1;
	chunk = 1 + data[2] % 64;
	aw_inl_env_init(&env, "https://github.com/o/r", "main", "README.md");
	env.fix_relative = data[1] & 2;
	env.stars = stars;
	data += 3;
	size -= 3;
	if (aw_md_init(&md, &o, &env, render, on_item, NULL))
		return 0;
	{
		int ok2 = 0, ok1;
		if (!aw_md_begin(&md, AW_MD_PASS_SCAN)) { feed(data, size, chunk); aw_md_end(&md); }
		rec_len = 0;
		rec_over = 0;
		recording = 1;
		if (!aw_md_begin(&md, AW_MD_PASS_ITEMS)) {
			feed(data, size, chunk);
			ok2 = aw_md_end(&md) == AW_OK;
		}
		recording = 0;
		ok2 = ok2 && !rec_over;
		memcpy(two, rec, rec_len);
		two_len = rec_len;
		aw_sink_init(&doc_sk, sink, NULL);
		if (!aw_md_begin_document(&md, &doc_sk)) { feed(data, size, chunk); aw_md_end(&md); }
		/* one verified pass: the same items, or no verification */
		if (ok2 && !aw_md_init(&md, &o, &env, render, on_item, NULL) &&
		    !aw_md_begin_single(&md, aw_md_guess_deepest((const char *)data, size))) {
			rec_len = 0;
			recording = 1;
			feed(data, size, chunk);
			ok1 = aw_md_end(&md) == AW_OK && aw_md_reuse_ok(&md);
			recording = 0;
			if (ok1 && !rec_over && (rec_len != two_len || memcmp(rec, two, rec_len)))
				abort(); /* single pass verified but reported other items */
		}
		if (ok2)
			track_check(&o, &env, render, data, size, chunk);
	}
	delta_check(&o, &env, data, size, data[-1] | (unsigned)data[-2] << 8);
	return 0;
}
