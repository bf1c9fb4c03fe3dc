/*
 * test_fsrc.c - the update logic of a feed source (aw_fsrc_ctx): feeds
 * written here as RSS 2.0 / Atom 1.0 text and parsed by the real reader
 * (aw_feed, expat); baseline dating (published, else updated, else first
 * seen; future dates clamped), dedupe by id / guid / link / content,
 * known entries keep their date while their text follows the feed,
 * keep-N by date with dropped keys remembered (no churn of undated
 * entries), a lowered keep; the record: round trip byte for byte, loaded
 * and parsed in chunks of every size (split invariance), every truncation
 * and byte flip refused, another source's / a list's record refused as
 * AW_ERR_STATE; text cleaning (HTML tags and references, white space, the
 * summary cut at a UTF-8 boundary); the store items' Markdown escaping,
 * links percent-encoded and non-http(s) links dropped, the structured
 * fields the store locates, and the digest walker's weeks; arena
 * compaction under many text changes.
 */
#include "aw_fsrc.h"
#include "aw_digest.h"
#include "aw_feedout.h"
#include "aw_time.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "aw_test.h"

static aw_fsrc_ctx P, Q;
static aw_state_dec dec;
static aw_store_ctx store;
static aw_digest_ctx walker;
static _Alignas(16) unsigned char arena[AW_FEED_ARENA_MAX];

#define T0 1764547200   /* 2025-12-01T00:00:00Z, a Monday */
#define DAY 86400

/* ---- feeds written here ---- */

typedef struct item {
	const char *guid, *link, *title, *date, *desc;
} item;

static char xml[1 << 20];

static size_t rss(const item *it, int n)
{
	size_t o = 0;
	int i;
	o += (size_t)snprintf(xml + o, sizeof xml - o,
			      "<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel>"
			      "<title>t</title><link>https://blog.test/</link>\n");
	for (i = 0; i < n; i++) {
		o += (size_t)snprintf(xml + o, sizeof xml - o, "<item>");
		if (it[i].guid)
			o += (size_t)snprintf(xml + o, sizeof xml - o, "<guid>%s</guid>", it[i].guid);
		if (it[i].link)
			o += (size_t)snprintf(xml + o, sizeof xml - o, "<link>%s</link>", it[i].link);
		if (it[i].title)
			o += (size_t)snprintf(xml + o, sizeof xml - o, "<title>%s</title>", it[i].title);
		if (it[i].date)
			o += (size_t)snprintf(xml + o, sizeof xml - o, "<pubDate>%s</pubDate>",
					      it[i].date);
		if (it[i].desc)
			o += (size_t)snprintf(xml + o, sizeof xml - o, "<description>%s</description>",
					      it[i].desc);
		o += (size_t)snprintf(xml + o, sizeof xml - o, "</item>\n");
	}
	o += (size_t)snprintf(xml + o, sizeof xml - o, "</channel></rss>\n");
	return o;
}

/* parse xml[0..n) into p in chunks of `chunk` bytes (0: whole) */
static int poll(aw_fsrc_ctx *p, size_t n, size_t chunk)
{
	aw_feed_ctx f;
	size_t i;
	int rc = aw_feed_init(&f, arena, sizeof arena, 1, aw_fsrc_on_entry, p);
	if (rc)
		return rc;
	aw_feed_set_base(&f, p->url);     /* as the port does: the feed's URL */
	if (!chunk)
		chunk = n;
	for (i = 0; i < n && !rc; i += chunk)
		rc = aw_feed_feed(&f, xml + i, n - i < chunk ? n - i : chunk);
	if (!rc)
		rc = aw_feed_end(&f);
	aw_feed_free(&f);
	return rc ? rc : aw_fsrc_end(p, "\"e1\"", "Mon, 01 Dec 2025 00:00:00 GMT");
}

/* ---- records ---- */

static unsigned char rec[1 << 20], rec2[1 << 20];
static size_t rec_len, rec2_len;
static unsigned char *wbuf;
static size_t *wlen;

static int wr(void *user, const void *p, size_t n)
{
	(void)user;
	if (*wlen + n > sizeof rec)
		return 1;
	memcpy(wbuf + *wlen, p, n);
	*wlen += n;
	return 0;
}

static int save(aw_fsrc_ctx *p, unsigned char *b, size_t *len)
{
	wbuf = b;
	wlen = len;
	*len = 0;
	return aw_fsrc_save(p, wr, NULL);
}

static int load(aw_fsrc_ctx *p, const unsigned char *b, size_t len, size_t chunk)
{
	size_t i;
	int rc = aw_fsrc_load_begin(p, &dec);
	if (!chunk)
		chunk = len ? len : 1;
	for (i = 0; i < len && !rc; i += chunk)
		rc = aw_fsrc_load_feed(p, b + i, len - i < chunk ? len - i : chunk);
	{
		int rc2 = aw_fsrc_load_end(p);
		return rc ? rc : rc2;
	}
}

static const char *title_of(const aw_fsrc_ctx *p, uint32_t i)
{
	static char t[AW_FEED_TITLE_MAX];
	size_t l;
	const char *s = aw_fsrc_field(p, i, AW_FSRC_TITLE, &l);
	memcpy(t, s, l);
	t[l] = 0;
	return t;
}

static long index_of(const aw_fsrc_ctx *p, const char *id)
{
	uint32_t i;
	for (i = 0; i < p->n; i++) {
		size_t l;
		const char *s = aw_fsrc_field(p, i, AW_FSRC_ID, &l);
		if (l == strlen(id) && !memcmp(s, id, l))
			return (long)i;
	}
	return -1;
}

static int64_t t3339(const char *s)
{
	int64_t t = 0;
	aw_time_parse_rfc3339(s, strlen(s), &t);
	return t;
}

/* ---- tests ---- */

static const item base[] = {
	{ "g5", "https://blog.test/5", "Five", "Fri, 05 Dec 2025 10:00:00 GMT", "five" },
	{ "g4", "https://blog.test/4", "Four", NULL, "undated" },
	{ NULL, "https://blog.test/3", "Three", "Wed, 03 Dec 2025 10:00:00 +0000", NULL },
	{ "g2", "https://blog.test/2", "Two", "Tue, 02 Dec 2025 10:00:00 GMT", "two" },
	{ "g1", "https://blog.test/1", "One", "Mon, 01 Dec 2025 10:00:00 GMT", "one" },
};

static void test_baseline_and_second_poll(void)
{
	int64_t now = T0 + 30 * DAY;
	item more[7];
	size_t n;

	CHECK(aw_fsrc_init(&P, "feed:blog", "https://blog.test/rss", 10, now) == AW_OK);
	n = rss(base, 5);
	CHECK(poll(&P, n, 0) == AW_OK);
	CHECK(P.n == 5 && P.added == 5 && P.entries == 5);
	/* dated by pubDate; the undated one by the first poll; newest first */
	CHECK(index_of(&P, "g4") == 0 && P.ent[0].time == now && (P.ent[0].flags & AW_FSRC_F_NODATE));
	CHECK(index_of(&P, "g5") == 1 && P.ent[1].time == t3339("2025-12-05T10:00:00Z"));
	CHECK(index_of(&P, "https://blog.test/3") == 2); /* no guid: the link is the id */
	CHECK(P.ent[2].time == t3339("2025-12-03T10:00:00Z"));
	CHECK(index_of(&P, "g1") == 4 && P.ent[4].time == t3339("2025-12-01T10:00:00Z"));
	CHECK(P.baseline_time == now && P.last_ok == now);
	CHECK(!strcmp(P.etag, "\"e1\""));

	/* the record, then a second poll a week later: two new entries (one
	 * undated), a changed title, a changed pubDate (the date stays) */
	CHECK(save(&P, rec, &rec_len) == AW_OK);
	CHECK(aw_fsrc_init(&Q, "feed:blog", "https://blog.test/rss", 10, now + 7 * DAY) == AW_OK);
	CHECK(load(&Q, rec, rec_len, 0) == AW_OK && Q.have_state && Q.n == 5);
	{
		char hb[400];
		aw_buf h;
		aw_buf_init(&h, hb, sizeof hb);
		CHECK(aw_fsrc_cond_headers(&Q, &h) == AW_OK);
		CHECK(h.len == strlen("If-None-Match: \"e1\"\r\nIf-Modified-Since: Mon, 01 Dec 2025 00:00:00 GMT\r\n") &&
		      !memcmp(hb, "If-None-Match: \"e1\"\r\nIf-Modified-Since: Mon, 01 Dec 2025 00:00:00 GMT\r\n", h.len));
	}
	more[0] = (item){ "g7", "https://blog.test/7", "Seven", NULL, NULL };
	more[1] = (item){ "g6", "https://blog.test/6", "Six", "Tue, 30 Dec 2025 08:00:00 GMT", "six" };
	memcpy(more + 2, base, sizeof base);
	more[2].title = "Five, edited";
	more[5].date = "Sun, 28 Dec 2025 10:00:00 GMT";  /* g2 republished */
	n = rss(more, 7);
	CHECK(poll(&Q, n, 0) == AW_OK);
	CHECK(Q.n == 7 && Q.added == 2 && Q.changed == 1 && Q.dropped == 0);
	CHECK(index_of(&Q, "g7") == 0 && Q.ent[0].time == now + 7 * DAY);
	CHECK(index_of(&Q, "g4") == 1 && index_of(&Q, "g6") == 2 && Q.ent[2].time == t3339("2025-12-30T08:00:00Z"));
	CHECK(!strcmp(title_of(&Q, (uint32_t)index_of(&Q, "g5")), "Five, edited"));
	CHECK(Q.ent[index_of(&Q, "g5")].time == t3339("2025-12-05T10:00:00Z"));
	CHECK(Q.ent[index_of(&Q, "g2")].time == t3339("2025-12-02T10:00:00Z"));
	CHECK(Q.ent[index_of(&Q, "g4")].time == now);  /* first seen at the baseline */
	CHECK(Q.baseline_time == now && Q.last_ok == now + 7 * DAY);

	/* the same feed again: nothing new, nothing changed */
	CHECK(save(&Q, rec, &rec_len) == AW_OK);
	CHECK(aw_fsrc_init(&P, "feed:blog", "https://blog.test/rss", 10, now + 7 * DAY) == AW_OK);
	CHECK(load(&P, rec, rec_len, 0) == AW_OK);
	CHECK(poll(&P, n, 0) == AW_OK && P.added == 0 && P.changed == 0 && P.entries == 7);
	CHECK(save(&P, rec2, &rec2_len) == AW_OK);
	CHECK(rec2_len == rec_len && !memcmp(rec, rec2, rec_len));
}

static void test_dedupe_and_dates(void)
{
	static const item it[] = {
		{ "a", "https://x.test/a", "A", "Tue, 02 Dec 2025 00:00:00 GMT", NULL },
		{ "a", "https://x.test/a2", "A again", "Wed, 03 Dec 2025 00:00:00 GMT", NULL },
		{ NULL, "https://x.test/b", "B", NULL, NULL },
		{ NULL, "https://x.test/b", "B again", NULL, NULL },
		{ NULL, NULL, "no id no link", NULL, "body" },
		{ NULL, NULL, "no id no link", NULL, "body" },
		{ "future", "https://x.test/f", "F", "Mon, 01 Dec 2036 00:00:00 GMT", NULL },
		{ "bad", "https://x.test/c", "C", "not a date", NULL },
	};
	int64_t now = T0 + 10 * DAY;
	size_t n = rss(it, 8);
	long a;
	CHECK(aw_fsrc_init(&P, "feed:x", "https://x.test/rss", 50, now) == AW_OK);
	CHECK(poll(&P, n, 0) == AW_OK);
	CHECK(P.entries == 8 && P.n == 5 && P.added == 5);
	a = index_of(&P, "a");
	/* the first occurrence dates it; the later one's text wins */
	CHECK(a >= 0 && P.ent[a].time == t3339("2025-12-02T00:00:00Z"));
	CHECK(!strcmp(title_of(&P, (uint32_t)a), "A again"));
	CHECK(index_of(&P, "https://x.test/b") >= 0);
	{
		long c = -1;
		uint32_t i;
		for (i = 0; i < P.n; i++) {
			size_t l;
			const char *s = aw_fsrc_field(&P, i, AW_FSRC_ID, &l);
			if (l > 20 && !memcmp(s, "urn:awtrack:content:", 20))
				c = (long)i;
		}
		CHECK(c >= 0 && P.ent[c].time == now);
	}
	CHECK(P.ent[index_of(&P, "future")].time == now);    /* not in the future */
	CHECK(P.ent[index_of(&P, "bad")].time == now &&      /* unparsable: first seen */
	      (P.ent[index_of(&P, "bad")].flags & AW_FSRC_F_NODATE));
}

static void test_keep(void)
{
	item it[12];
	char g[12][16], d[12][40];
	int i;
	size_t n;
	int64_t now = T0 + 40 * DAY;
	static const char *const wd[] = { "Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed" };

	/* 12 dated entries, newest first, keep 4: the 4 newest by date, even
	 * when the feed lists them out of order */
	for (i = 0; i < 12; i++) {
		int day = 12 - i;   /* Dec 12 .. Dec 1 (Dec 1 2025 is a Monday) */
		snprintf(g[i], sizeof g[i], "k%d", day);
		snprintf(d[i], sizeof d[i], "%s, %02d Dec 2025 12:00:00 GMT", wd[(day + 3) % 7], day);
		it[i] = (item){ g[i], NULL, g[i], d[i], NULL };
	}
	{ item t = it[0]; it[0] = it[7]; it[7] = t; }   /* k12 listed 8th */
	n = rss(it, 12);
	CHECK(aw_fsrc_init(&P, "feed:k", "https://k.test/", 4, now) == AW_OK);
	CHECK(poll(&P, n, 0) == AW_OK);
	CHECK(P.n == 4 && P.dropped == 8);
	CHECK(index_of(&P, "k12") == 0 && index_of(&P, "k11") == 1 && index_of(&P, "k10") == 2 &&
	      index_of(&P, "k9") == 3);
	CHECK(save(&P, rec, &rec_len) == AW_OK);
	/* again: the dropped ones are remembered, nothing changes */
	CHECK(aw_fsrc_init(&Q, "feed:k", "https://k.test/", 4, now) == AW_OK);
	CHECK(load(&Q, rec, rec_len, 0) == AW_OK && Q.ngone == 8);
	CHECK(poll(&Q, n, 0) == AW_OK && Q.added == 0 && Q.ignored == 8 && Q.dropped == 0);
	CHECK(save(&Q, rec2, &rec2_len) == AW_OK && rec2_len == rec_len &&
	      !memcmp(rec, rec2, rec_len));
	/* a lowered keep drops the oldest at load */
	CHECK(aw_fsrc_init(&Q, "feed:k", "https://k.test/", 2, now) == AW_OK);
	CHECK(load(&Q, rec, rec_len, 0) == AW_OK && Q.n == 2 && index_of(&Q, "k11") == 1);

	/* undated entries beyond keep: no churn on later polls */
	for (i = 0; i < 6; i++) {
		snprintf(g[i], sizeof g[i], "u%d", i);
		it[i] = (item){ g[i], NULL, g[i], NULL, NULL };
	}
	n = rss(it, 6);
	CHECK(aw_fsrc_init(&P, "feed:u", "https://u.test/", 2, now) == AW_OK);
	CHECK(poll(&P, n, 0) == AW_OK && P.n == 2);
	CHECK(index_of(&P, "u0") == 0 && index_of(&P, "u1") == 1); /* the feed's order */
	CHECK(save(&P, rec, &rec_len) == AW_OK);
	CHECK(aw_fsrc_init(&Q, "feed:u", "https://u.test/", 2, now + DAY) == AW_OK);
	CHECK(load(&Q, rec, rec_len, 0) == AW_OK);
	CHECK(poll(&Q, n, 0) == AW_OK && Q.added == 0 && Q.n == 2 && index_of(&Q, "u0") == 0);
	/* a new undated entry on top pushes out the oldest */
	it[6] = it[5];
	memmove(it + 1, it, 6 * sizeof it[0]);
	it[0] = (item){ "new", NULL, "new", NULL, NULL };
	n = rss(it, 7);
	CHECK(poll(&Q, n, 0) == AW_OK && Q.added == 1 && index_of(&Q, "new") == 0 &&
	      index_of(&Q, "u0") == 1 && Q.n == 2);
	CHECK(aw_fsrc_init(&Q, "feed:u", "https://u.test/", AW_FSRC_ENTRIES_MAX + 1, now) == AW_ERR_ARG);
	CHECK(aw_fsrc_init(&Q, "feed:u", "https://u.test/", 0, now) == AW_ERR_ARG);
}

static void test_record(void)
{
	size_t n, k, cut;
	int bad = 0, rc;

	CHECK(aw_fsrc_init(&P, "feed:blog", "https://blog.test/rss", 10, T0 + 30 * DAY) == AW_OK);
	n = rss(base, 5);
	CHECK(poll(&P, n, 0) == AW_OK);
	CHECK(save(&P, rec, &rec_len) == AW_OK);
	CHECK(rec_len > 8 && !memcmp(rec, "AWST", 4));

	/* split invariance: the record in chunks of every size, the feed in
	 * chunks of every size, give the same record */
	for (k = 1; k <= 64; k++) {
		CHECK(aw_fsrc_init(&Q, "feed:blog", "https://blog.test/rss", 10, T0 + 30 * DAY) == 0);
		if (load(&Q, rec, rec_len, k) || save(&Q, rec2, &rec2_len) || rec2_len != rec_len ||
		    memcmp(rec, rec2, rec_len))
			bad++;
	}
	CHECK(bad == 0);
	bad = 0;
	for (k = 1; k <= n; k += (k < 40 ? 1 : 37)) {
		CHECK(aw_fsrc_init(&Q, "feed:blog", "https://blog.test/rss", 10, T0 + 30 * DAY) == 0);
		if (poll(&Q, n, k) || save(&Q, rec2, &rec2_len) || rec2_len != rec_len ||
		    memcmp(rec, rec2, rec_len))
			bad++;
	}
	CHECK(bad == 0);

	/* every truncation and every single-byte change is refused */
	bad = 0;
	for (cut = 0; cut < rec_len; cut++) {
		aw_fsrc_init(&Q, "feed:blog", "https://blog.test/rss", 10, 0);
		if (load(&Q, rec, cut, 0) == AW_OK || Q.have_state || Q.n)
			bad++;
	}
	CHECK(bad == 0);
	bad = 0;
	for (k = 0; k < rec_len; k++) {
		memcpy(rec2, rec, rec_len);
		rec2[k] ^= 0x20;
		aw_fsrc_init(&Q, "feed:blog", "https://blog.test/rss", 10, 0);
		if (load(&Q, rec2, rec_len, 7) == AW_OK)
			bad++;
	}
	CHECK(bad == 0);
	/* another feed's record, another version */
	aw_fsrc_init(&Q, "feed:other", "https://blog.test/rss", 10, 0);
	CHECK(load(&Q, rec, rec_len, 0) == AW_ERR_STATE && !Q.have_state);
	memcpy(rec2, rec, rec_len);
	rec2[4] = 2;
	aw_fsrc_init(&Q, "feed:blog", "https://blog.test/rss", 10, 0);
	CHECK(load(&Q, rec2, rec_len, 0) == AW_ERR_STATE);
	/* a list's record (an item record after the source) */
	{
		aw_state_enc e;
		aw_state_source s;
		aw_state_item it;
		wbuf = rec2;
		wlen = &rec2_len;
		rec2_len = 0;
		aw_state_enc_begin(&e, wr, NULL);
		aw_state_source_clear(&s);
		s.key.p = "feed:blog";
		s.key.n = 9;
		aw_state_enc_source(&e, &s);
		aw_state_item_clear(&it);
		it.time = 1;
		aw_state_enc_item(&e, &it);
		CHECK(aw_state_enc_end(&e) == AW_OK);
		aw_fsrc_init(&Q, "feed:blog", "https://blog.test/rss", 10, 0);
		CHECK(load(&Q, rec2, rec2_len, 0) == AW_ERR_STATE);
	}
	/* not a state file at all */
	aw_fsrc_init(&Q, "feed:blog", "https://blog.test/rss", 10, 0);
	rc = load(&Q, (const unsigned char *)"AWS1xxxxxxxxxxxxxxxx", 20, 0);
	CHECK(rc == AW_ERR_SYNTAX);
}

static void test_text_and_render(void)
{
	static char longd[3 * 1400 + 1];
	item it[4];
	size_t n, l;
	const char *s;
	int i;

	for (i = 0; i < 1400; i++)
		memcpy(longd + 3 * i, "\xe2\x82\xac", 3);   /* 1400 euro signs */
	it[0] = (item){ "m1", "https://m.test/a b(c)",
			"a [b] *c* &lt;x&gt; &amp;amp; \\ `d`|~ _e_",
			"Mon, 01 Dec 2025 10:00:00 GMT",
			"&lt;p&gt;Hi &amp;amp; &lt;b&gt;bye&lt;/b&gt;&lt;br/&gt;there&amp;nbsp;now&amp;#33;&lt;/p&gt;" };
	it[1] = (item){ "m2", "javascript:alert(1)", "# 1. not a heading", "Tue, 02 Dec 2025 10:00:00 GMT", longd };
	it[2] = (item){ "m3", NULL, "  spaced \n\t out  ", "Wed, 10 Dec 2025 10:00:00 GMT", NULL };
	it[3] = (item){ "m4", "https://m.test/4", NULL, "Wed, 10 Dec 2025 11:00:00 GMT", NULL };
	n = rss(it, 4);
	CHECK(aw_fsrc_init(&P, "feed:m", "https://m.test/rss", 10, T0 + 30 * DAY) == AW_OK);
	CHECK(poll(&P, n, 0) == AW_OK && P.n == 4);
	/* RSS titles are text; descriptions HTML: tags out, references decoded */
	s = aw_fsrc_field(&P, (uint32_t)index_of(&P, "m1"), AW_FSRC_SUMMARY, &l);
	CHECK(l == strlen("Hi & bye there now!") && !memcmp(s, "Hi & bye there now!", l));
	s = aw_fsrc_field(&P, (uint32_t)index_of(&P, "m1"), AW_FSRC_TITLE, &l);
	CHECK(l == strlen("a [b] *c* <x> &amp; \\ `d`|~ _e_") &&
	      !memcmp(s, "a [b] *c* <x> &amp; \\ `d`|~ _e_", l));
	CHECK(!strcmp(title_of(&P, (uint32_t)index_of(&P, "m3")), "spaced out"));
	/* the long summary: cut to AW_FSRC_SUMMARY_MAX at a character boundary */
	s = aw_fsrc_field(&P, (uint32_t)index_of(&P, "m2"), AW_FSRC_SUMMARY, &l);
	CHECK(l <= AW_FSRC_SUMMARY_MAX && l >= AW_FSRC_SUMMARY_MAX - 5);
	CHECK(l % 3 == 0 && !memcmp(s + l - 3, "\xe2\x80\xa6", 3) && !memcmp(s, "\xe2\x82\xac", 3));
	CHECK(P.ent[index_of(&P, "m2")].flags & AW_FSRC_F_CUT);

	aw_store_init(&store);
	CHECK(aw_fsrc_render(&P, &store) == AW_OK && aw_store_count(&store) == 4);
	{
		aw_store_fields f;
		const aw_store_item *si;
		long k;
		uint8_t id[20];
		static const char want1[] =
			"- [a \\[b\\] \\*c\\* \\<x\\> \\&amp; \\\\ \\`d\\`\\|\\~ \\_e\\_]"
			"(https://m.test/a%20b%28c%29) - Hi \\& bye there now\\!";
		aw_sha1("m1", 2, id);
		k = aw_store_find(&store, id);
		CHECK(k >= 0);
		si = aw_store_get(&store, (size_t)k);
		aw_store_fields_of(&store, si, &f);
		CHECK(f.markdown_len == strlen(want1) && !memcmp(f.markdown, want1, f.markdown_len));
		if (f.markdown_len != strlen(want1) || memcmp(f.markdown, want1, f.markdown_len))
			fprintf(stderr, "got: %.*s\n", (int)f.markdown_len, f.markdown);
		CHECK(f.url_len == strlen("https://m.test/a%20b%28c%29") &&
		      !memcmp(f.url, "https://m.test/a%20b%28c%29", f.url_len));
		CHECK(f.description_len == strlen("Hi \\& bye there now\\!"));
		CHECK(f.ident_len == 2 && !memcmp(f.ident, "m1", 2));
		CHECK(si->time == t3339("2025-12-01T10:00:00Z"));
		/* as the HTML outputs show it: text, no markup from the feed */
		{
			char hb[4096];
			aw_buf hbuf;
			aw_sink sk;
			aw_feedout_esc o;
			static const char wanth[] =
				"<a href=\"https://m.test/a%20b%28c%29\">a [b] *c* &lt;x&gt; &amp;amp; \\ `d`|~ _e_</a> - Hi &amp; bye there now!";
			aw_buf_init(&hbuf, hb, sizeof hb);
			aw_sink_buf(&sk, &hbuf);
			aw_feedout_esc_init(&o, &sk, AW_FEEDOUT_ESC_NONE);
			aw_feedout_md_html(&o, f.markdown, f.markdown_len, 1);
			CHECK(hbuf.len == strlen(wanth) && !memcmp(hb, wanth, hbuf.len));
			if (hbuf.len != strlen(wanth) || memcmp(hb, wanth, hbuf.len))
				fprintf(stderr, "html: %.*s\n", (int)hbuf.len, hb);
		}
		/* a javascript: link is no link; a title that would open a block is escaped */
		aw_sha1("m2", 2, id);
		aw_store_fields_of(&store, aw_store_get(&store, (size_t)aw_store_find(&store, id)), &f);
		CHECK(f.markdown_len > 25 && !memcmp(f.markdown, "- \\# 1. not a heading - \xe2\x82\xac", 25));
		CHECK(!(f.have & AW_STORE_HAVE_URL));
		/* no title: the link reads as the title */
		aw_sha1("m4", 2, id);
		aw_store_fields_of(&store, aw_store_get(&store, (size_t)aw_store_find(&store, id)), &f);
		CHECK(f.markdown_len == strlen("- [https://m.test/4](https://m.test/4)") &&
		      !memcmp(f.markdown, "- [https://m.test/4](https://m.test/4)", f.markdown_len));
	}
	/* the walker: ISO weeks of the entries' dates, newest first */
	{
		aw_digest_opts o;
		aw_digest_ev ev;
		uint32_t keys[8];
		uint32_t counts[8];
		int np = 0, r;
		aw_digest_opts_default(&o);
		CHECK(aw_digest_begin(&walker, &store, &o) == AW_OK);
		while ((r = aw_digest_next(&walker, &ev)) > 0)
			if (ev.type == AW_DIGEST_PERIOD && np < 8) {
				keys[np] = ev.period->key;
				counts[np++] = ev.period->n_items;
			}
		CHECK(np == 2 && keys[0] == 202550 && counts[0] == 2 && keys[1] == 202549 &&
		      counts[1] == 2);
	}
}

static void test_compaction(void)
{
	static item it[AW_FSRC_KEEP];
	static char t[AW_FSRC_KEEP][900], g[AW_FSRC_KEEP][16], lk[AW_FSRC_KEEP][1900];
	int round, i, bad = 0;
	size_t n;
	CHECK(aw_fsrc_init(&P, "feed:c", "https://c.test/", AW_FSRC_KEEP, T0 + 90 * DAY) == AW_OK);
	for (round = 0; round < 8; round++) {
		for (i = 0; i < AW_FSRC_KEEP; i++) {
			snprintf(g[i], sizeof g[i], "c%d", i);
			memset(lk[i], 'l', sizeof lk[i] - 1);
			memcpy(lk[i], "https://c.test/", 15);
			lk[i][sizeof lk[i] - 1] = 0;
			memset(t[i], 'a' + round, sizeof t[i] - 1);
			t[i][sizeof t[i] - 1] = 0;
			it[i] = (item){ g[i], lk[i], t[i], "Mon, 01 Dec 2025 10:00:00 GMT", NULL };
		}
		n = rss(it, AW_FSRC_KEEP);
		{
			int prc = poll(&P, n, 4096);
			if (prc || P.n != AW_FSRC_KEEP) {
				bad++;
				fprintf(stderr, "round %d: poll %d, n %u\n", round, prc, P.n);
			}
		}
		for (i = 0; i < AW_FSRC_KEEP; i++) {
			long k = index_of(&P, g[i]);
			if (k < 0 || title_of(&P, (uint32_t)k)[0] != 'a' + round ||
			    strlen(title_of(&P, (uint32_t)k)) != sizeof t[i] - 1)
				bad++;
		}
		CHECK(P.used <= AW_FSRC_ARENA_MAX);
	}
	CHECKM(bad == 0 && P.dropped == 0, "bad %d dropped %u n %u used %u", bad, P.dropped, P.n,
	       P.used);
	/* the arena was reused: 8 rounds of text would not fit without compaction */
	CHECK((size_t)8 * AW_FSRC_KEEP * (900 + 1900) > AW_FSRC_ARENA_MAX);
}

/*
 * Relative links resolve against xml:base (root, channel, entry, link
 * element, each over the one above) and the feed's URL; the fragment is
 * kept; links with a scheme stay as given; what is not http(s) afterwards
 * is not shown as a link; an entry without id is keyed by its resolved
 * link. The same at every chunk size.
 */
static const char *link_of(const aw_fsrc_ctx *p, const char *id)
{
	static char t[AW_FEED_LINK_MAX];
	long k = index_of(p, id);
	size_t l = 0;
	const char *s = k < 0 ? "" : aw_fsrc_field(p, (uint32_t)k, AW_FSRC_LINK, &l);
	memcpy(t, s, l);
	t[l] = 0;
	return k < 0 ? "(no such entry)" : t;
}

static const char *md_of(const char *id)
{
	static char t[4096];
	aw_store_fields f;
	uint8_t h[20];
	long k;
	aw_sha1(id, strlen(id), h);
	k = aw_store_find(&store, h);
	if (k < 0)
		return "(no such item)";
	aw_store_fields_of(&store, aw_store_get(&store, (size_t)k), &f);
	snprintf(t, sizeof t, "%.*s", (int)f.markdown_len, f.markdown);
	return t;
}

static void test_links(void)
{
	static const struct { const char *id, *want; } atom_want[] = {
		{ "a1", "https://blog.test/post/1" },             /* absolute path */
		{ "a2", "https://blog.test/blog/post/2" },        /* root xml:base="/blog/" */
		{ "a3", "https://cdn.test/a/b/3#frag" },          /* entry xml:base, fragment kept */
		{ "a4", "https://blog.test/blog/sub/5" },         /* the link's own xml:base */
		{ "a5", "https://other.test/6" },                 /* network-path reference */
		{ "a6", "https://abs.test/7?x=1#y" },             /* absolute: as given */
		{ "a7", "https://blog.test/blog/x?q=1" },         /* dot segments removed */
		{ "a8", "mailto:me@blog.test" },                  /* not http(s): kept, not shown */
		{ "a9", "../rel/9" },                             /* unusable base: unresolved */
		{ "https://blog.test/blog/noid", "https://blog.test/blog/noid" },
	};
	static const char atom_feed[] =
		"<?xml version=\"1.0\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:base=\"/blog/\">"
		"<title>t</title>\n"
		"<entry><id>a1</id><title>one</title><link href=\"/post/1\"/>"
		"<updated>2025-12-01T10:00:00Z</updated></entry>\n"
		"<entry><id>a2</id><title>two</title><link rel=\"self\" href=\"/not/this\"/>"
		"<link rel=\"alternate\" href=\"post/2\"/><updated>2025-12-01T10:00:01Z</updated></entry>\n"
		"<entry xml:base=\"https://cdn.test/a/\"><id>a3</id><title>three</title>"
		"<link href=\"b/3#frag\"/><updated>2025-12-01T10:00:02Z</updated></entry>\n"
		"<entry><id>a4</id><title>four</title><link xml:base=\"sub/\" href=\"5\"/>"
		"<updated>2025-12-01T10:00:03Z</updated></entry>\n"
		"<entry><id>a5</id><title>five</title><link href=\"//other.test/6\"/>"
		"<updated>2025-12-01T10:00:04Z</updated></entry>\n"
		"<entry><id>a6</id><title>six</title><link href=\"https://abs.test/7?x=1#y\"/>"
		"<updated>2025-12-01T10:00:05Z</updated></entry>\n"
		"<entry><id>a7</id><title>seven</title><link href=\"./a/../x?q=1\"/>"
		"<updated>2025-12-01T10:00:06Z</updated></entry>\n"
		"<entry><id>a8</id><title>eight</title><link href=\"mailto:me@blog.test\"/>"
		"<updated>2025-12-01T10:00:07Z</updated></entry>\n"
		"<entry xml:base=\"urn:x:y\"><id>a9</id><title>nine</title><link href=\"../rel/9\"/>"
		"<updated>2025-12-01T10:00:08Z</updated></entry>\n"
		"<entry><title>no id</title><link href=\"noid\"/>"
		"<updated>2025-12-01T10:00:09Z</updated></entry>\n"
		"</feed>\n";
	size_t n = sizeof atom_feed - 1, chunk, i;
	int all = 1;

	for (chunk = 0; chunk <= 64; chunk++) {
		memcpy(xml, atom_feed, n);
		if (aw_fsrc_init(&P, "feed:l", "https://blog.test/feeds/atom.xml", 20, T0 + 30 * DAY) ||
		    poll(&P, n, chunk) != AW_OK || P.n != 10) {
			CHECKM(0, "atom links, chunk %zu: poll failed, %u entries", chunk, P.n);
			all = 0;
			break;
		}
		for (i = 0; i < sizeof atom_want / sizeof atom_want[0]; i++)
			if (strcmp(link_of(&P, atom_want[i].id), atom_want[i].want)) {
				CHECKM(0, "chunk %zu: entry %s: link '%s', want '%s'", chunk,
				       atom_want[i].id, link_of(&P, atom_want[i].id), atom_want[i].want);
				all = 0;
			}
		if (!all)
			break;
	}
	CHECK(all);
	aw_store_init(&store);
	CHECK(aw_fsrc_render(&P, &store) == AW_OK);
	CHECK(!strcmp(md_of("a2"), "- [two](https://blog.test/blog/post/2)"));
	CHECK(!strcmp(md_of("a3"), "- [three](https://cdn.test/a/b/3#frag)"));
	CHECK(!strcmp(md_of("a8"), "- eight"));          /* no link that leads nowhere */
	CHECK(!strcmp(md_of("a9"), "- nine"));
	CHECK(!strcmp(md_of("https://blog.test/blog/noid"), "- [no id](https://blog.test/blog/noid)"));

	/* RSS: <link> text, channel xml:base; without a base nothing resolves */
	{
		item it[3];
		it[0] = (item){ "r1", "/post", "r one", "Mon, 01 Dec 2025 10:00:00 GMT", NULL };
		it[1] = (item){ "r2", "2025/12/two.html", "r two", "Mon, 01 Dec 2025 11:00:00 GMT", NULL };
		it[2] = (item){ "r3", "javascript:alert(1)", "r three", "Mon, 01 Dec 2025 12:00:00 GMT", NULL };
		n = rss(it, 3);
		CHECK(aw_fsrc_init(&P, "feed:r", "https://news.test/feed/rss.xml", 20, T0 + 30 * DAY) == AW_OK);
		CHECK(poll(&P, n, 7) == AW_OK && P.n == 3);
		CHECK(!strcmp(link_of(&P, "r1"), "https://news.test/post"));
		CHECK(!strcmp(link_of(&P, "r2"), "https://news.test/feed/2025/12/two.html"));
		CHECK(!strcmp(link_of(&P, "r3"), "javascript:alert(1)"));
		aw_store_init(&store);
		CHECK(aw_fsrc_render(&P, &store) == AW_OK);
		CHECK(!strcmp(md_of("r1"), "- [r one](https://news.test/post)"));
		CHECK(!strcmp(md_of("r3"), "- r three"));
		/* channel xml:base over the URL */
		{
			static const char pre[] = "<rss version=\"2.0\"><channel>";
			char *c = strstr(xml, pre);
			static char tmp[1 << 16];
			CHECK(c != NULL);
			if (c) {
				size_t at = (size_t)(c - xml) + sizeof pre - 1;
				int k = snprintf(tmp, sizeof tmp, "%.*s", (int)(at - 1), xml);
				k += snprintf(tmp + k, sizeof tmp - (size_t)k, " xml:base=\"https://cdn.test/x/\">%s",
					      xml + at);
				memcpy(xml, tmp, (size_t)k + 1);
				n = (size_t)k;
				CHECK(aw_fsrc_init(&P, "feed:r", "https://news.test/feed/rss.xml", 20, T0 + 30 * DAY) == AW_OK);
				CHECK(poll(&P, n, 0) == AW_OK && P.n == 3);
				CHECK(!strcmp(link_of(&P, "r1"), "https://cdn.test/post"));
				CHECK(!strcmp(link_of(&P, "r2"), "https://cdn.test/x/2025/12/two.html"));
			}
		}
		/* a feed URL that is no http(s) base: relative links stay, unshown */
		n = rss(it, 3);
		CHECK(aw_fsrc_init(&P, "feed:r", "file:///tmp/rss.xml", 20, T0 + 30 * DAY) == AW_OK);
		CHECK(poll(&P, n, 0) == AW_OK && P.n == 3);
		CHECK(!strcmp(link_of(&P, "r1"), "/post"));
		aw_store_init(&store);
		CHECK(aw_fsrc_render(&P, &store) == AW_OK && !strcmp(md_of("r1"), "- r one"));
	}
}

int main(void)
{
	test_baseline_and_second_poll();
	test_dedupe_and_dates();
	test_keep();
	test_record();
	test_text_and_render();
	test_compaction();
	test_links();
	return aw_test_report("test_fsrc");
}
