/*
 * test_state.c - the state codec: CRC-32 against the standard check value,
 * the encoder's bytes against a file assembled by hand from the format of
 * docs/awtrack-state.5, round trips (whole, byte by byte, split at every
 * position), truncation at every length, every single-byte corruption,
 * foreign versions and magic, structural errors with a valid checksum
 * (unknown type or tag, repeated or missing field, wrong sizes, item
 * before source, wrong record count, trailing bytes), capacity edges with
 * guard bytes, and encoder errors.
 */
#include "aw_state.h"
#include "aw_test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- output buffer ---- */
static uint8_t *obuf;
static size_t olen, ocap, fail_after = (size_t)-1;

static int wr(void *user, const void *p, size_t n)
{
	(void)user;
	if (olen + n > fail_after)
		return 1;
	if (olen + n > ocap) {
		ocap = (olen + n) * 2;
		obuf = realloc(obuf, ocap);
	}
	memcpy(obuf + olen, p, n);
	olen += n;
	return 0;
}

static aw_state_str str(const char *s)
{
	aw_state_str r;
	r.p = s;
	r.n = strlen(s);
	return r;
}

/* ---- a sample state ---- */
static const char bin[] = "bin\0ary\xff\x01 bytes";

static void sample(aw_state_enc *e)
{
	aw_state_source s;
	aw_state_item it;
	aw_state_entry en;
	int i;

	aw_state_source_clear(&s);
	s.key = str("Friz-zy/awesome-linux-containers/README.md");
	s.url = str("https://github.com/Friz-zy/awesome-linux-containers/commits/master/README.md.atom");
	s.etag = str("W/\"5b1e0e4c2f1a8a7b9d3c\"");
	s.last_modified = str("Thu, 03 Dec 2026 09:15:00 GMT");
	s.last_sha = str("8866775cb2468519bd701256c1ac667e4954fc7a");
	s.last_commit_time = 1689584282;
	s.baseline_time = 1648633686;
	s.last_check = 1796385000;
	s.last_ok = 1796385000;
	s.next_poll = 1796388600;
	s.failures = 0;
	aw_state_enc_source(e, &s);
	for (i = 0; i < 3; i++) {
		aw_state_item_clear(&it);
		memset(it.id, 0x11 * (i + 1), 20);
		it.id[19] = (uint8_t)i;
		it.time = 1600000000 + i * 86400;
		it.index = i;
		it.have = 63;
		it.title = str("footloose");
		it.url = str("https://github.com/weaveworks/footloose");
		it.ident = str("https://github.com/weaveworks/footloose");
		it.description = str(i == 1 ? "" : "Container Machines - Containers that look like VMs");
		it.category = str("Containers");
		it.markdown = str("- [footloose](https://github.com/weaveworks/footloose) - Container Machines");
		aw_state_enc_item(e, &it);
	}
	aw_state_source_clear(&s);
	s.key = str("feed:tal-go");
	s.last_error = str("HTTP 503: busy");
	s.failures = 3;
	s.stars_total = -5;                  /* any value round-trips */
	s.flags = INT64_MAX;
	aw_state_enc_source(e, &s);
	aw_state_entry_clear(&en);
	en.id = str("https://www.trackawesomelist.com/avelino/awesome-go/week/2024/32/");
	en.title = str("Awesome Go Updates on Aug 05 - Aug 11, 2024");
	en.time = -86400;
	en.first_seen = 1723420800;
	en.summary.p = bin;
	en.summary.n = sizeof bin - 1;
	aw_state_enc_entry(e, &en);
}

/* ---- collected decode ---- */
static char log_[262144];
static size_t loglen;
static int stop_at = -1, ncalls;

static void clamp(void)
{
	if (loglen >= sizeof log_)
		loglen = sizeof log_ - 1;
}

static void logf_(const char *fmt, const void *p, size_t n)
{
	loglen += (size_t)snprintf(log_ + loglen, sizeof log_ - loglen, fmt, (int)n, (const char *)p);
	clamp();
}

static void logs(const char *name, aw_state_str s)
{
	size_t i;
	loglen += (size_t)snprintf(log_ + loglen, sizeof log_ - loglen, " %s=", name);
	clamp();
	for (i = 0; i < s.n && loglen + 4 < sizeof log_; i++)
		loglen += (size_t)snprintf(log_ + loglen, sizeof log_ - loglen, "%02x", (unsigned char)s.p[i]);
	clamp();
}

static void logi(const char *name, int64_t v)
{
	loglen += (size_t)snprintf(log_ + loglen, sizeof log_ - loglen, " %s=%lld", name, (long long)v);
	clamp();
}

static int on_source(void *u, const aw_state_source *s)
{
	(void)u;
	if (ncalls++ == stop_at)
		return 9;
	logf_("S%.*s", "", 0);
	logs("key", s->key); logs("url", s->url); logs("etag", s->etag);
	logs("lm", s->last_modified); logs("sha", s->last_sha); logs("err", s->last_error);
	logi("lct", s->last_commit_time); logi("base", s->baseline_time); logi("chk", s->last_check);
	logi("ok", s->last_ok); logi("next", s->next_poll); logi("st", s->stars_total);
	logi("stc", s->stars_checked); logi("fail", s->failures); logi("fl", s->flags);
	logf_("\n%.*s", "", 0);
	return 0;
}

static int on_item(void *u, const aw_state_item *it)
{
	aw_state_str id;
	(void)u;
	if (ncalls++ == stop_at)
		return 9;
	id.p = (const char *)it->id;
	id.n = 20;
	logf_("I%.*s", "", 0);
	logs("id", id); logi("t", it->time); logi("ix", it->index); logi("have", it->have);
	logi("fl", it->flags); logs("ti", it->title); logs("u", it->url); logs("ident", it->ident);
	logs("d", it->description); logs("c", it->category); logs("md", it->markdown);
	logf_("\n%.*s", "", 0);
	return 0;
}

static int on_entry(void *u, const aw_state_entry *e)
{
	(void)u;
	if (ncalls++ == stop_at)
		return 9;
	logf_("E%.*s", "", 0);
	logs("id", e->id); logs("ti", e->title); logs("l", e->link); logs("s", e->summary);
	logi("t", e->time); logi("fs", e->first_seen); logi("fl", e->flags);
	logf_("\n%.*s", "", 0);
	return 0;
}

static const aw_state_dec_fns fns = { on_source, on_item, on_entry };

static struct {
	unsigned char pre[64];
	aw_state_dec d;
	unsigned char post[64];
} G;
#define D (G.d)

static int decode_cuts(const uint8_t *p, size_t n, const size_t *cuts, int ncuts)
{
	size_t at = 0;
	int i, r = AW_OK;

	loglen = 0;
	log_[0] = 0;
	ncalls = 0;
	aw_state_dec_init(&D, &fns, NULL);
	for (i = 0; i <= ncuts && r == AW_OK; i++) {
		size_t to = i < ncuts ? cuts[i] : n;
		r = aw_state_dec_feed(&D, p + at, to - at);
		at = to;
	}
	if (r == AW_OK)
		r = aw_state_dec_end(&D);
	return r;
}

static int decode(const uint8_t *p, size_t n)
{
	return decode_cuts(p, n, NULL, 0);
}

static void test_crc(void)
{
	CHECK(aw_crc32(0, "123456789", 9) == 0xcbf43926u);
	CHECK(aw_crc32(0, "", 0) == 0);
	CHECK(aw_crc32(aw_crc32(0, "1234", 4), "56789", 5) == 0xcbf43926u);
	CHECK(aw_crc32(0, "The quick brown fox jumps over the lazy dog", 43) == 0x414fa339u);
}

/* the smallest file, assembled from the format description */
static void test_bytes(void)
{
	static const uint8_t want_head[] = {
		'A', 'W', 'S', 'T', 1, 0, 0, 0,          /* magic, version 1, reserved */
		1, 6, 0, 0, 0,                          /* SOURCE, 6 bytes */
		1, 1, 0, 0, 0, 'k',                     /* field 1 (key), 1 byte */
		2, 38, 0, 0, 0,                         /* ITEM, 5+20 + 5+8 */
		1, 20, 0, 0, 0,                         /* field 1 (id), 20 bytes */
		1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20,
		16, 8, 0, 0, 0,                         /* field 16 (time), 8 bytes */
		0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,   /* -1 */
		15, 8, 0, 0, 0,                         /* END, 8 bytes */
		2, 0, 0, 0,                             /* 2 records */
	};
	aw_state_enc e;
	aw_state_source s;
	aw_state_item it;
	uint32_t crc = aw_crc32(0, want_head, sizeof want_head);
	int i;

	olen = 0;
	aw_state_source_clear(&s);
	s.key = str("k");
	aw_state_item_clear(&it);
	for (i = 0; i < 20; i++)
		it.id[i] = (uint8_t)(i + 1);
	it.time = -1;
	CHECK(aw_state_enc_begin(&e, wr, NULL) == AW_OK);
	CHECK(aw_state_enc_source(&e, &s) == AW_OK);
	CHECK(aw_state_enc_item(&e, &it) == AW_OK);
	CHECK(aw_state_enc_end(&e) == AW_OK);
	CHECK(olen == sizeof want_head + 4 && e.bytes == olen);
	CHECK(!memcmp(obuf, want_head, sizeof want_head));
	CHECK(olen >= 4 && obuf[olen - 4] == (uint8_t)crc && obuf[olen - 3] == (uint8_t)(crc >> 8) &&
	      obuf[olen - 2] == (uint8_t)(crc >> 16) && obuf[olen - 1] == (uint8_t)(crc >> 24));
	CHECK(decode(obuf, olen) == AW_OK && D.records == 2 && D.version == 1);
	/* after end nothing more */
	CHECK(aw_state_enc_source(&e, &s) == AW_ERR_STATE);
}

/* a file from raw record bytes with a correct END (count, CRC) */
static size_t build(uint8_t *out, const uint8_t *recs, size_t n, uint32_t count, uint16_t version)
{
	size_t k = 0;
	uint32_t crc;

	memcpy(out, "AWST", 4);
	out[4] = (uint8_t)version;
	out[5] = (uint8_t)(version >> 8);
	out[6] = out[7] = 0;
	k = 8;
	if (n)
		memcpy(out + k, recs, n);
	k += n;
	out[k++] = 15;
	out[k++] = 8; out[k++] = 0; out[k++] = 0; out[k++] = 0;
	out[k++] = (uint8_t)count; out[k++] = 0; out[k++] = 0; out[k++] = 0;
	crc = aw_crc32(0, out, k);
	out[k++] = (uint8_t)crc; out[k++] = (uint8_t)(crc >> 8);
	out[k++] = (uint8_t)(crc >> 16); out[k++] = (uint8_t)(crc >> 24);
	return k;
}

static void test_roundtrip(void)
{
	aw_state_enc e;
	uint8_t *file;
	size_t n, i, *cuts;
	char *want;
	int all;

	olen = 0;
	CHECK(aw_state_enc_begin(&e, wr, NULL) == AW_OK);
	sample(&e);
	CHECK(e.err == AW_OK && aw_state_enc_end(&e) == AW_OK && e.records == 6);
	n = olen;
	file = malloc(n);
	memcpy(file, obuf, n);
	memset(G.pre, 0xa5, 64);
	memset(G.post, 0x5a, 64);
	CHECK(decode(file, n) == AW_OK && D.records == 6 && D.offset == n);
	want = strdup(log_);
	CHECK(strstr(want, "S key=") == want && strstr(want, "E id="));
	CHECK(strstr(want, " st=-5") && strstr(want, " fl=9223372036854775807") &&
	      strstr(want, " t=-86400") && strstr(want, " next=1796388600") &&
	      strstr(want, " stc=-9223372036854775808"));
	/* the binary summary survived: "bin\0ary\xff\x01 bytes" */
	CHECK(strstr(want, " s=62696e00617279ff01206279746573"));
	cuts = malloc(n * sizeof *cuts);
	for (i = 0; i + 1 < n; i++)
		cuts[i] = i + 1;
	CHECK(decode_cuts(file, n, cuts, (int)n - 1) == AW_OK && !strcmp(log_, want));
	all = 1;
	for (i = 0; i <= n; i++)
		if (decode_cuts(file, n, &i, 1) != AW_OK || strcmp(log_, want))
			all = 0;
	CHECK(all);
	/* truncated at every length */
	all = 1;
	for (i = 0; i < n; i++)
		if (decode(file, i) != AW_ERR_SYNTAX || D.why != AW_STATE_E_TRUNCATED)
			all = 0;
	CHECK(all);
	/* every single-byte change is detected, with the right kind */
	all = 1;
	for (i = 0; i < n; i++) {
		int r, k;
		for (k = 0; k < 2; k++) {
			uint8_t old = file[i];
			file[i] = k ? (uint8_t)(old ^ 0x80) : (uint8_t)(old + 1);
			r = decode(file, n);
			file[i] = old;
			if (r == AW_OK)
				all = 0;
			if (i < 4 && D.why != AW_STATE_E_MAGIC)
				all = 0;
			if ((i == 4 || i == 5) && D.why != AW_STATE_E_VERSION)
				all = 0;
			if (i >= 6 && (D.why == AW_STATE_E_MAGIC || D.why == AW_STATE_E_VERSION))
				all = 0;
		}
	}
	CHECK(all);
	/* the payload bytes: a change there is a checksum error, not structure */
	{
		size_t at = 8 + 5 + 5;              /* inside the first field's value */
		file[at] ^= 1;
		CHECK(decode(file, n) == AW_ERR_SYNTAX && D.why == AW_STATE_E_CHECKSUM);
		file[at] ^= 1;
	}
	/* trailing bytes */
	file = realloc(file, n + 1);
	file[n] = 0;
	CHECK(decode(file, n + 1) == AW_ERR_SYNTAX && D.why == AW_STATE_E_CORRUPT && D.offset == n);
	/* callback abort, NULL callbacks */
	stop_at = 2;
	CHECK(decode(file, n) == AW_ERR_ABORT && D.cb_ret == 9);
	stop_at = -1;
	aw_state_dec_init(&D, NULL, NULL);
	CHECK(aw_state_dec_feed(&D, file, n) == AW_OK && aw_state_dec_end(&D) == AW_OK);
	CHECK(G.pre[0] == 0xa5 && G.post[63] == 0x5a);
	free(cuts);
	free(want);
	free(file);
}

/* an ITEM record: id of idlen bytes, a time field when with_time */
static size_t item_rec(uint8_t *r, size_t idlen, int with_time)
{
	size_t k = 5, len;

	r[k++] = 1; r[k++] = (uint8_t)idlen; r[k++] = 0; r[k++] = 0; r[k++] = 0;
	memset(r + k, 7, idlen);
	k += idlen;
	if (with_time) {
		r[k++] = 16; r[k++] = 8; r[k++] = 0; r[k++] = 0; r[k++] = 0;
		memset(r + k, 0, 8);
		k += 8;
	}
	len = k - 5;
	r[0] = 2; r[1] = (uint8_t)len; r[2] = 0; r[3] = 0; r[4] = 0;
	return k;
}

static void test_structure(void)
{
	static uint8_t f[512];
	static const uint8_t src_k[] = { 1, 6, 0, 0, 0, 1, 1, 0, 0, 0, 'k' };
	size_t n;
	uint8_t r[128];

	/* foreign version, foreign magic, empty */
	n = build(f, src_k, sizeof src_k, 1, 2);
	CHECK(decode(f, n) == AW_ERR_SYNTAX && D.why == AW_STATE_E_VERSION && D.version == 2);
	n = build(f, src_k, sizeof src_k, 1, 1);
	CHECK(decode(f, n) == AW_OK);
	f[0] = 'a';
	CHECK(decode(f, n) == AW_ERR_SYNTAX && D.why == AW_STATE_E_MAGIC);
	CHECK(decode((const uint8_t *)"{\"json\": 1}", 11) == AW_ERR_SYNTAX && D.why == AW_STATE_E_MAGIC);
	CHECK(decode(f, 0) == AW_ERR_SYNTAX && D.why == AW_STATE_E_TRUNCATED);
	/* reserved header bytes */
	n = build(f, src_k, sizeof src_k, 1, 1);
	f[7] = 1;
	CHECK(decode(f, n) == AW_ERR_SYNTAX && D.why == AW_STATE_E_CORRUPT);
	/* wrong record count, with a valid CRC */
	n = build(f, src_k, sizeof src_k, 2, 1);
	CHECK(decode(f, n) == AW_ERR_SYNTAX && D.why == AW_STATE_E_CHECKSUM);
	/* only an END: fine (an empty state) */
	n = build(f, NULL, 0, 0, 1);
	CHECK(decode(f, n) == AW_OK && D.records == 0);
	/* unknown record type */
	memcpy(r, src_k, sizeof src_k);
	r[0] = 4;
	n = build(f, r, sizeof src_k, 1, 1);
	CHECK(decode(f, n) == AW_ERR_SYNTAX && D.why == AW_STATE_E_CORRUPT);
	/* unknown field tag */
	memcpy(r, src_k, sizeof src_k);
	r[5] = 7;
	n = build(f, r, sizeof src_k, 1, 1);
	CHECK(decode(f, n) == AW_ERR_SYNTAX && D.why == AW_STATE_E_CORRUPT);
	/* missing required key (a source with only a url) */
	memcpy(r, src_k, sizeof src_k);
	r[5] = 2;
	n = build(f, r, sizeof src_k, 1, 1);
	CHECK(decode(f, n) == AW_ERR_SYNTAX && D.why == AW_STATE_E_CORRUPT);
	/* empty key */
	{
		static const uint8_t e0[] = { 1, 5, 0, 0, 0, 1, 0, 0, 0, 0 };
		n = build(f, e0, sizeof e0, 1, 1);
		CHECK(decode(f, n) == AW_ERR_SYNTAX && D.why == AW_STATE_E_CORRUPT);
	}
	/* repeated field */
	{
		static const uint8_t rep[] = { 1, 12, 0, 0, 0, 1, 1, 0, 0, 0, 'k', 1, 1, 0, 0, 0, 'j' };
		n = build(f, rep, sizeof rep, 1, 1);
		CHECK(decode(f, n) == AW_ERR_SYNTAX && D.why == AW_STATE_E_CORRUPT);
	}
	/* field longer than its record; record shorter than a field header */
	{
		static const uint8_t lng[] = { 1, 6, 0, 0, 0, 1, 2, 0, 0, 0, 'k' };
		static const uint8_t sht[] = { 1, 9, 0, 0, 0, 1, 1, 0, 0, 0, 'k', 2, 0, 0 };
		n = build(f, lng, sizeof lng, 1, 1);
		CHECK(decode(f, n) == AW_ERR_SYNTAX && D.why == AW_STATE_E_CORRUPT);
		n = build(f, sht, sizeof sht, 1, 1);
		CHECK(decode(f, n) == AW_ERR_SYNTAX && D.why == AW_STATE_E_CORRUPT);
	}
	/* integer field of the wrong size; items with a bad id, without time, before a source */
	{
		static const uint8_t i7[] = { 1, 18, 0, 0, 0, 1, 1, 0, 0, 0, 'k',
					      16, 7, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7 };
		uint8_t it[128];
		size_t k;
		n = build(f, i7, sizeof i7, 1, 1);
		CHECK(decode(f, n) == AW_ERR_SYNTAX && D.why == AW_STATE_E_CORRUPT);
		memcpy(it, src_k, sizeof src_k);
		k = item_rec(it + sizeof src_k, 20, 1);
		n = build(f, it, sizeof src_k + k, 2, 1);
		CHECK(decode(f, n) == AW_OK && D.records == 2);
		k = item_rec(it + sizeof src_k, 19, 1);
		n = build(f, it, sizeof src_k + k, 2, 1);
		CHECK(decode(f, n) == AW_ERR_SYNTAX && D.why == AW_STATE_E_CORRUPT);
		k = item_rec(it + sizeof src_k, 20, 0);
		n = build(f, it, sizeof src_k + k, 2, 1);
		CHECK(decode(f, n) == AW_ERR_SYNTAX && D.why == AW_STATE_E_CORRUPT);
		k = item_rec(it, 20, 1);
		n = build(f, it, k, 1, 1);
		CHECK(decode(f, n) == AW_ERR_SYNTAX && D.why == AW_STATE_E_CORRUPT);
	}
	/* END with the wrong length */
	{
		uint8_t bad_end[16] = { 'A', 'W', 'S', 'T', 1, 0, 0, 0, 15, 9, 0, 0, 0 };
		CHECK(decode(bad_end, 13) == AW_ERR_SYNTAX && D.why == AW_STATE_E_CORRUPT);
	}
}

static void test_limits(void)
{
	static uint8_t rec[AW_STATE_RECORD_MAX + 64];
	static uint8_t file[AW_STATE_RECORD_MAX + 128];
	static char text[AW_STATE_RECORD_MAX];
	aw_state_enc e;
	aw_state_source s;
	size_t n;
	uint32_t len;

	/* a record of exactly AW_STATE_RECORD_MAX bytes: key field of max - 5 */
	len = AW_STATE_RECORD_MAX;
	rec[0] = 1;
	rec[1] = (uint8_t)len; rec[2] = (uint8_t)(len >> 8); rec[3] = (uint8_t)(len >> 16); rec[4] = (uint8_t)(len >> 24);
	rec[5] = 1;
	len -= 5;
	rec[6] = (uint8_t)len; rec[7] = (uint8_t)(len >> 8); rec[8] = (uint8_t)(len >> 16); rec[9] = (uint8_t)(len >> 24);
	memset(rec + 10, 'k', len);
	memset(G.pre, 0xa5, 64);
	memset(G.post, 0x5a, 64);
	n = build(file, rec, 5 + AW_STATE_RECORD_MAX, 1, 1);
	CHECK(decode(file, n) == AW_OK);
	/* one byte more: too big for this build, and nothing written outside */
	len = AW_STATE_RECORD_MAX + 1;
	rec[1] = (uint8_t)len; rec[2] = (uint8_t)(len >> 8); rec[3] = (uint8_t)(len >> 16); rec[4] = (uint8_t)(len >> 24);
	len -= 5;
	rec[6] = (uint8_t)len; rec[7] = (uint8_t)(len >> 8); rec[8] = (uint8_t)(len >> 16); rec[9] = (uint8_t)(len >> 24);
	rec[10 + len - 1] = 'k';
	n = build(file, rec, 5 + AW_STATE_RECORD_MAX + 1, 1, 1);
	CHECK(decode(file, n) == AW_ERR_TOOBIG && D.why == AW_STATE_E_TOOBIG);
	{
		int ok = 1, i;
		for (i = 0; i < 64; i++)
			if (G.pre[i] != 0xa5 || G.post[i] != 0x5a)
				ok = 0;
		CHECK(ok);
	}
	/* the encoder refuses what the decoder could not read */
	memset(text, 'k', sizeof text);
	aw_state_source_clear(&s);
	s.key.p = text;
	s.key.n = AW_STATE_RECORD_MAX - 5;
	olen = 0;
	CHECK(aw_state_enc_begin(&e, wr, NULL) == AW_OK && aw_state_enc_source(&e, &s) == AW_OK &&
	      aw_state_enc_end(&e) == AW_OK && decode(obuf, olen) == AW_OK);
	s.key.n++;
	CHECK(aw_state_enc_begin(&e, wr, NULL) == AW_OK && aw_state_enc_source(&e, &s) == AW_ERR_TOOBIG &&
	      aw_state_enc_end(&e) == AW_ERR_TOOBIG);
	/* encoder argument and I/O errors */
	{
		aw_state_item it;
		aw_state_entry en;
		aw_state_item_clear(&it);
		aw_state_entry_clear(&en);
		CHECK(aw_state_enc_begin(&e, wr, NULL) == AW_OK && aw_state_enc_item(&e, &it) == AW_ERR_ARG);
		CHECK(aw_state_enc_begin(&e, wr, NULL) == AW_OK && aw_state_enc_entry(&e, &en) == AW_ERR_ARG);
		aw_state_source_clear(&s);
		CHECK(aw_state_enc_begin(&e, wr, NULL) == AW_OK && aw_state_enc_source(&e, &s) == AW_ERR_ARG);
		s.key = str("k");
		s.url.p = NULL;
		s.url.n = 3;
		CHECK(aw_state_enc_begin(&e, wr, NULL) == AW_OK && aw_state_enc_source(&e, &s) == AW_ERR_ARG);
		s.url = str("");
		CHECK(aw_state_enc_begin(&e, wr, NULL) == AW_OK && aw_state_enc_source(&e, &s) == AW_OK &&
		      aw_state_enc_entry(&e, &en) == AW_ERR_ARG);
		CHECK(aw_state_enc_begin(&e, NULL, NULL) == AW_ERR_ARG);
		/* a write failing at each point */
		{
			size_t total, k;
			int ok = 1;
			olen = 0;
			aw_state_enc_begin(&e, wr, NULL);
			sample(&e);
			aw_state_enc_end(&e);
			total = olen;
			for (k = 0; k < total; k += 7) {
				int r;
				olen = 0;
				fail_after = k;
				aw_state_enc_begin(&e, wr, NULL);
				sample(&e);
				r = aw_state_enc_end(&e);
				if (r != AW_ERR_IO)
					ok = 0;
			}
			fail_after = (size_t)-1;
			CHECK(ok);
		}
	}
}

int main(void)
{
	test_crc();
	test_bytes();
	test_roundtrip();
	test_structure();
	test_limits();
	free(obuf);
	return aw_test_report("state");
}
