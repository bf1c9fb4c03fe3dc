/*
 * test_feed.c - the feed reader on expat with an arena: a 20-entry GitHub
 * commit feed built from the real history of Friz-zy/awesome-linux-
 * containers (expected sha, committer time and subject from `git log`,
 * tests/data/feeds/gh-commits-expect.txt) and an RSS 2.0 feed with the
 * date forms real feeds use; fed whole, in 256-byte chunks, byte by byte
 * and split at every position; the arena peak and the smallest arena that
 * works (smaller ones fail cleanly, guard bytes intact); entity
 * declarations and billion laughs; malformed input; field truncation at
 * UTF-8 boundaries; callback abort; two contexts used alternately.
 */
#include "aw_feed.h"
#include "aw_time.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "aw_test.h"

#define MAXE 64
static aw_feed_entry got[MAXE];
static int ngot, stop_at = -1;

static int on_entry(void *user, const aw_feed_entry *e)
{
	(void)user;
	if (ngot == stop_at)
		return 3;
	if (ngot < MAXE)
		got[ngot] = *e;
	ngot++;
	return 0;
}

#define ARENA (64 * 1024)
static struct {
	unsigned char pre[64];
	_Alignas(16) unsigned char a[ARENA];
	unsigned char post[64];
} g;

static void guard_set(void)
{
	memset(g.pre, 0xa5, sizeof g.pre);
	memset(g.post, 0x5a, sizeof g.post);
}

static int guard_ok(void)
{
	size_t i;
	for (i = 0; i < 64; i++)
		if (g.pre[i] != 0xa5 || g.post[i] != 0x5a)
			return 0;
	return 1;
}

static aw_feed_ctx F;

/* parse with cut points (NULL: chunks of `chunk` bytes); returns end's result */
static int run_arena(const char *s, size_t n, size_t chunk, const size_t *cuts, int ncuts,
		     size_t arena)
{
	size_t at = 0;
	int r, i;

	ngot = 0;
	r = aw_feed_init(&F, g.a, arena, 0x1234567u, on_entry, NULL);
	if (r != AW_OK)
		return r;
	if (cuts) {
		for (i = 0; i <= ncuts && r == AW_OK; i++) {
			size_t to = i < ncuts ? cuts[i] : n;
			r = aw_feed_feed(&F, s + at, to - at);
			at = to;
		}
	} else {
		while (at < n && r == AW_OK) {
			size_t k = n - at < chunk ? n - at : chunk;
			r = aw_feed_feed(&F, s + at, k);
			at += k;
		}
	}
	if (r == AW_OK)
		return aw_feed_end(&F);
	aw_feed_free(&F);
	return r;
}

static int run(const char *s, size_t n, size_t chunk)
{
	return run_arena(s, n, chunk, NULL, 0, ARENA);
}

/* ---- the GitHub commit feed ---- */
struct want { char sha[41]; int64_t t; char subject[256]; };
static struct want W[20];
static int nw;

static int gh_matches(void)
{
	int i;
	char link[200];

	if (ngot != nw || F.kind != AW_FEED_ATOM)
		return 0;
	for (i = 0; i < nw; i++) {
		const aw_feed_entry *e = &got[i];
		snprintf(link, sizeof link, "https://github.com/Friz-zy/awesome-linux-containers/commit/%s",
			 W[i].sha);
		if (strcmp(e->sha, W[i].sha) || e->updated != W[i].t || strcmp(e->title, W[i].subject) ||
		    strcmp(e->link, link) || strncmp(e->id, "tag:github.com,2008:Grit::Commit/", 33) ||
		    strcmp(e->id + 33, W[i].sha) || e->published != AW_FEED_NO_TIME ||
		    e->index != (unsigned)i ||
		    e->flags != (AW_FEED_F_SUMMARY_HTML | AW_FEED_F_SUMMARY_CONTENT) ||
		    strncmp(e->summary, "<pre style='white-space:pre-wrap;width:81ex'>", 45))
			return 0;
	}
	return 1;
}

static void test_github(void)
{
	size_t n, i, chunk, lo, hi, whole;
	char *s = aw_test_slurp("tests/data/feeds/gh-commits.atom", &n);
	FILE *fp = fopen("tests/data/feeds/gh-commits-expect.txt", "r");
	char line[512];
	int all;

	CHECK(s && fp);
	if (!s || !fp)
		return;
	while (nw < 20 && fgets(line, sizeof line, fp)) {
		long long t;
		char *tab1 = strchr(line, '\t'), *tab2 = tab1 ? strchr(tab1 + 1, '\t') : NULL;
		if (!tab2)
			break;
		*tab1 = 0;
		*tab2 = 0;
		line[strcspn(tab2 + 1, "\n") + (size_t)(tab2 + 1 - line)] = 0;
		t = atoll(tab1 + 1);
		memcpy(W[nw].sha, line, 40);
		W[nw].sha[40] = 0;
		W[nw].t = t;
		strncpy(W[nw].subject, tab2 + 1, sizeof W[nw].subject - 1);
		nw++;
	}
	fclose(fp);
	CHECK(nw == 20);

	guard_set();
	CHECK(run(s, n, n) == AW_OK && gh_matches());
	whole = F.arena_peak;
	printf("feed: GitHub commit feed (%zu B, 20 entries) whole: arena peak %zu B\n", n, F.arena_peak);
	for (chunk = 64; chunk <= 4096; chunk *= 4) {
		CHECK(run(s, n, chunk) == AW_OK && gh_matches());
		printf("feed: ... %zu-byte chunks: arena peak %zu B\n", chunk, F.arena_peak);
	}
	/* fed whole, in a port's arena (AW_FEED_ARENA_MAX): aw_feed_feed
	 * slices it, so a piece as large as a TLS record or the whole body
	 * costs what AW_FEED_SLICE_MAX-byte chunks do (it was 41,904 B whole,
	 * over the 32 KB arena) */
	CHECK(run_arena(s, n, n, NULL, 0, AW_FEED_ARENA_MAX) == AW_OK && gh_matches());
	CHECK(run(s, n, AW_FEED_SLICE_MAX) == AW_OK);
	CHECKM(whole == F.arena_peak, "whole %zu, %u-byte chunks %zu", whole,
	       (unsigned)AW_FEED_SLICE_MAX, F.arena_peak);
	CHECK(run(s, n, 16384) == AW_OK && F.arena_peak == whole);
	CHECK(run(s, n, 4 * AW_FEED_SLICE_MAX) == AW_OK && F.arena_peak == whole);
	CHECK(run(s, n, 1) == AW_OK && gh_matches());
	/* split at every position */
	all = 1;
	for (i = 0; i <= n; i++)
		if (run_arena(s, n, 0, &i, 1, ARENA) != AW_OK || !gh_matches()) {
			all = 0;
			fprintf(stderr, "split at %zu\n", i);
			break;
		}
	CHECK(all);
	/* the smallest arena at 256-byte chunks; every smaller one fails
	 * cleanly with AW_ERR_FULL and writes nothing outside */
	CHECK(run(s, n, 256) == AW_OK);
	lo = 0;
	hi = F.arena_peak;
	while (lo + 16 < hi) {
		size_t mid = (lo + hi) / 2 & ~(size_t)15;
		if (run_arena(s, n, 256, NULL, 0, mid) == AW_OK)
			hi = mid;
		else
			lo = mid;
	}
	printf("feed: smallest arena for it at 256-byte chunks: %zu B\n", hi);
	CHECK(run_arena(s, n, 256, NULL, 0, hi) == AW_OK && gh_matches());
	all = 1;
	for (i = 0; i < hi; i += 16 * 37) {
		int r = run_arena(s, n, 256, NULL, 0, i);
		if (r != AW_ERR_FULL)
			all = 0;
	}
	CHECK(all);
	CHECK(run_arena(s, n, 256, NULL, 0, hi - 16) == AW_ERR_FULL);
	CHECK(guard_ok());
	/* misaligned arena, no callback */
	CHECK(aw_feed_init(&F, g.a + 8, 4096, 0, on_entry, NULL) == AW_ERR_ARG);
	CHECK(aw_feed_init(&F, g.a, 4096, 0, NULL, NULL) == AW_ERR_ARG);
	CHECK(aw_feed_init(&F, NULL, 4096, 0, on_entry, NULL) == AW_ERR_ARG);
	/* abort from the callback */
	stop_at = 3;
	CHECK(run(s, n, 256) == AW_ERR_ABORT && F.cb_ret == 3 && ngot == 3);
	stop_at = -1;
	/* cut short anywhere: an error at the end, entries so far delivered */
	all = 1;
	for (i = 0; i < n; i += 97) {
		if (run(s, i, 256) != AW_ERR_SYNTAX)
			all = 0;
	}
	CHECK(all);
	/* two contexts used alternately (the arena hook is per call) */
	{
		static _Alignas(16) unsigned char a2[ARENA];
		static aw_feed_ctx G;
		size_t at = 0;
		int r1 = AW_OK, r2 = AW_OK, n1 = 0, n2 = 0;
		ngot = 0;
		CHECK(aw_feed_init(&F, g.a, ARENA, 0, on_entry, &n1) == AW_OK);
		CHECK(aw_feed_init(&G, a2, sizeof a2, 0, on_entry, &n2) == AW_OK);
		while (at < n && !r1 && !r2) {
			size_t k = n - at < 100 ? n - at : 100;
			r1 = aw_feed_feed(&F, s + at, k);
			r2 = aw_feed_feed(&G, s + at, k);
			at += k;
		}
		CHECK(r1 == AW_OK && r2 == AW_OK && aw_feed_end(&F) == AW_OK && aw_feed_end(&G) == AW_OK);
		CHECK(F.entries == 20 && G.entries == 20 && ngot == 40);
		CHECK(aw_feed_feed(&F, "x", 1) == AW_ERR_STATE);
	}
	free(s);
}

/* ---- RSS 2.0 ---- */
static int64_t at(int y, unsigned m, unsigned d, int hh, int mm, int ss)
{
	return aw_days_from_civil(y, m, d) * 86400 + hh * 3600 + mm * 60 + ss;
}

static int rss_matches(void)
{
	const aw_feed_entry *e = got;

	if (ngot != 7 || F.kind != AW_FEED_RSS || F.ttl != 60)
		return 0;
	if (strcmp(e[0].title, "Awesome Go Updates on Aug 05 - Aug 11, 2024") ||
	    strcmp(e[0].id, "https://www.trackawesomelist.com/avelino/awesome-go/week/2024/32/") ||
	    strcmp(e[0].link, e[0].id) || e[0].published != at(2024, 8, 11, 23, 59, 59) ||
	    e[0].updated != AW_FEED_NO_TIME ||
	    strcmp(e[0].summary, "<p>3 awesome projects updated on Aug 05 - Aug 11, 2024</p>") ||
	    e[0].flags != AW_FEED_F_SUMMARY_HTML || e[0].sha[0])
		return 0;
	if (strcmp(e[1].title, "Go & <friends> \xe2\x80\x93 caf\xc3\xa9") ||
	    strcmp(e[1].id, "https://example.org/posts/2") || strcmp(e[1].link, e[1].id) ||
	    e[1].published != at(2024, 8, 6, 10, 0, 0) || strcmp(e[1].summary, "Entities &amp; text") ||
	    e[1].flags != (AW_FEED_F_ID_FROM_LINK | AW_FEED_F_SUMMARY_HTML))
		return 0;
	if (strcmp(e[2].id, "urn:uuid:6f6c4a1e-0000-4000-8000-000000000003") || e[2].link[0] ||
	    e[2].published != at(2024, 8, 6, 0, 30, 0) || e[2].flags)
		return 0;
	if (strcmp(e[3].id, "item-4") || e[3].published != at(2024, 8, 2, 13, 15, 0))
		return 0;
	if (e[4].published != AW_FEED_NO_TIME || e[4].updated != at(2024, 8, 1, 10, 0, 0))
		return 0;
	if (e[5].published != AW_FEED_NO_TIME || e[5].flags != AW_FEED_F_BAD_DATE ||
	    strcmp(e[5].title, "Broken date"))
		return 0;
	if (e[6].title[0] || strcmp(e[6].summary, "no title, no date") || strcmp(e[6].id, "item-7"))
		return 0;
	return 1;
}

static void test_rss(void)
{
	size_t n, i;
	char *s = aw_test_slurp("tests/data/feeds/rss2.xml", &n);
	int all = 1;

	CHECK(s != NULL);
	if (!s)
		return;
	CHECK(run(s, n, n) == AW_OK && rss_matches());
	CHECK(run(s, n, 1) == AW_OK && rss_matches());
	CHECK(run(s, n, 256) == AW_OK && rss_matches());
	for (i = 0; i <= n; i++)
		if (run_arena(s, n, 0, &i, 1, ARENA) != AW_OK || !rss_matches()) {
			all = 0;
			fprintf(stderr, "rss split at %zu\n", i);
			break;
		}
	CHECK(all);
	free(s);
}

/* ---- hostile and malformed input ---- */
static int run_str(const char *s)
{
	return run(s, strlen(s), 7);
}

static void test_hostile(void)
{
	static const char laughs[] =
		"<?xml version=\"1.0\"?>\n"
		"<!DOCTYPE feed [\n"
		" <!ENTITY a \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\">\n"
		" <!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">\n"
		" <!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">\n"
		" <!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">\n"
		"]>\n"
		"<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><title>&d;</title></entry></feed>\n";
	static const char *const bad[] = {
		"",
		"   ",
		"{\"message\":\"this is JSON\"}",
		"<html><body>rate limited</body></html>",
		"<feed><entry/></feed>",                                  /* no Atom namespace */
		"<rss version=\"2.0\"><channel><item><title>x</title></item></channel>",  /* cut */
		"<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><title>a & b</title></entry></feed>",
		"<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><title>&nbsp;</title></entry></feed>",
		"<feed xmlns=\"http://www.w3.org/2005/Atom\"></entry></feed>",
		"<feed xmlns=\"http://www.w3.org/2005/Atom\"/><feed xmlns=\"http://www.w3.org/2005/Atom\"/>",
		"<?xml version=\"1.0\" encoding=\"x-no-such-charset\"?><rss/>",
		"<!DOCTYPE rss SYSTEM \"http://example.org/rss.dtd\" [<!ENTITY % p SYSTEM \"http://example.org/p\"> %p;]><rss/>",
		"<!DOCTYPE rss [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><rss version=\"2.0\"><channel><item><title>&e;</title></item></channel></rss>",
	};
	size_t i;
	int r;

	guard_set();
	r = run(laughs, sizeof laughs - 1, 64);
	CHECK(r == AW_ERR_SYNTAX && F.entity_refused && ngot == 0);
	CHECK(!strcmp(aw_feed_errmsg(&F), "entity declarations are refused"));
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		r = run_str(bad[i]);
		if (r != AW_ERR_SYNTAX)
			fprintf(stderr, "bad[%zu]: %d\n", i, r);
		CHECK(r == AW_ERR_SYNTAX);
		CHECK(aw_feed_errmsg(&F)[0] != 0);
	}
	CHECK(F.entity_refused == 1);                         /* the last one */
	r = run_str(bad[6]);
	CHECK(F.xml_error != 0 && F.line == 1 && !F.entity_refused);
	/* a DOCTYPE without entities is fine */
	r = run_str("<!DOCTYPE rss [<!ELEMENT rss ANY>]><rss version=\"2.0\"><channel><item><guid>g</guid></item></channel></rss>");
	CHECK(r == AW_OK && ngot == 1 && !strcmp(got[0].id, "g"));
	/* ISO-8859-1 is one of expat's own encodings */
	r = run_str("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss version=\"2.0\"><channel><item><title>caf\xe9</title></item></channel></rss>");
	CHECK(r == AW_OK && ngot == 1 && !strcmp(got[0].title, "caf\xc3\xa9"));
	/* a UTF-8 BOM */
	r = run_str("\xef\xbb\xbf<rss version=\"2.0\"><channel><item><guid>b</guid></item></channel></rss>");
	CHECK(r == AW_OK && ngot == 1);
	/* items outside <channel> and entries below the top level are not entries */
	r = run_str("<rss version=\"2.0\"><item><guid>x</guid></item><channel><x><item><guid>y</guid></item></x></channel></rss>");
	CHECK(r == AW_OK && ngot == 0);
	r = run_str("<feed xmlns=\"http://www.w3.org/2005/Atom\"><x><entry><id>y</id></entry></x></feed>");
	CHECK(r == AW_OK && ngot == 0);
	CHECK(guard_ok());
}

/* ---- Atom details and bounded fields ---- */
static char big[4 * AW_FEED_SUMMARY_MAX + 4096];

static int valid_utf8(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		int k = *p < 0x80 ? 0 : *p >= 0xf0 ? 3 : *p >= 0xe0 ? 2 : *p >= 0xc0 ? 1 : -1;
		if (k < 0)
			return 0;
		p++;
		while (k--) {
			if ((*p & 0xc0) != 0x80)
				return 0;
			p++;
		}
	}
	return 1;
}

static void test_atom(void)
{
	int r;
	size_t n, i, k;

	r = run_str("<feed xmlns='http://www.w3.org/2005/Atom' xmlns:a='http://www.w3.org/2005/Atom'>"
		    "<title>feed title, not an entry</title>"
		    "<a:entry>"
		    "<a:link rel='self' href='https://x/self'/>"
		    "<link rel='enclosure' href='https://x/enc'/>"
		    "<link href='https://x/first'/>"
		    "<link rel='alternate' href='https://x/second'/>"
		    "<id>  tag:github.com,2008:Grit::Commit/ABCDEF0123456789abcdef0123456789ABCDEF01 </id>"
		    "<title type='xhtml'><div xmlns='http://www.w3.org/1999/xhtml'>Hello <b>bold</b> world</div></title>"
		    "<published>2024-01-02T03:04:05+01:00</published>"
		    "<updated>2024-01-03T00:00:00Z</updated>"
		    "<content type='html'>content &lt;b&gt;</content>"
		    "<summary>plain summary</summary>"
		    "<author><name>n</name><title>not the title</title></author>"
		    "<source><id>not the id</id><title>nor this</title></source>"
		    "</a:entry>"
		    "<entry><id>tag:github.com,2008:Grit::Commit/abc</id>"
		    "<summary type='html'>s</summary><content>c</content><updated>bad</updated></entry>"
		    "</feed>");
	CHECK(r == AW_OK && ngot == 2);
	CHECK(!strcmp(got[0].link, "https://x/first"));
	CHECK(!strcmp(got[0].id, "tag:github.com,2008:Grit::Commit/ABCDEF0123456789abcdef0123456789ABCDEF01"));
	CHECK(!strcmp(got[0].sha, "abcdef0123456789abcdef0123456789abcdef01"));
	CHECK(!strcmp(got[0].title, "Hello bold world"));
	CHECK(got[0].published == at(2024, 1, 2, 2, 4, 5) && got[0].updated == at(2024, 1, 3, 0, 0, 0));
	CHECK(!strcmp(got[0].summary, "plain summary"));
	CHECK(got[0].flags == AW_FEED_F_TITLE_HTML);
	CHECK(!strcmp(got[1].sha, "") && !strcmp(got[1].summary, "s") && got[1].updated == AW_FEED_NO_TIME);
	CHECK(got[1].flags == (AW_FEED_F_SUMMARY_HTML | AW_FEED_F_BAD_DATE));

	/* fields longer than their buffers: cut at a character boundary */
	for (k = 0; k < 3; k++) {
		size_t max = k == 0 ? AW_FEED_TITLE_MAX : k == 1 ? AW_FEED_ID_MAX : AW_FEED_SUMMARY_MAX;
		const char *el = k == 0 ? "title" : k == 1 ? "id" : "summary";
		unsigned flag = k == 0 ? AW_FEED_F_TITLE_TRUNC : k == 1 ? AW_FEED_F_ID_TRUNC :
				AW_FEED_F_SUMMARY_TRUNC;
		int ok = 1;
		for (i = 0; i < 4; i++) {
			/* a run of 3-byte characters, shifted by i ASCII bytes */
			n = (size_t)sprintf(big, "<feed xmlns='http://www.w3.org/2005/Atom'><entry><%s>", el);
			memset(big + n, 'x', i);
			n += i;
			while (n < max + 200) {
				memcpy(big + n, "\xe2\x82\xac", 3);
				n += 3;
			}
			n += (size_t)sprintf(big + n, "</%s></entry></feed>", el);
			r = run(big, n, 33);
			if (r != AW_OK || ngot != 1)
				ok = 0;
			else {
				const char *f = k == 0 ? got[0].title : k == 1 ? got[0].id : got[0].summary;
				if (!(got[0].flags & flag) || strlen(f) > max - 1 || strlen(f) < max - 3 ||
				    !valid_utf8(f))
					ok = 0;
			}
		}
		CHECK(ok);
		/* exactly max - 1 bytes fit without a flag */
		n = (size_t)sprintf(big, "<feed xmlns='http://www.w3.org/2005/Atom'><entry><%s>", el);
		memset(big + n, 'y', max - 1);
		n += max - 1;
		n += (size_t)sprintf(big + n, "</%s></entry></feed>", el);
		r = run(big, n, 1000);
		CHECK(r == AW_OK && ngot == 1 && !(got[0].flags & flag));
	}
	/* a link href longer than the buffer */
	n = (size_t)sprintf(big, "<feed xmlns='http://www.w3.org/2005/Atom'><entry><link href='");
	memset(big + n, 'h', AW_FEED_LINK_MAX + 5);
	n += AW_FEED_LINK_MAX + 5;
	n += (size_t)sprintf(big + n, "'/></entry></feed>");
	r = run(big, n, 1000);
	CHECK(r == AW_OK && ngot == 1 && (got[0].flags & AW_FEED_F_LINK_TRUNC) &&
	      strlen(got[0].link) == AW_FEED_LINK_MAX - 1 &&
	      (got[0].flags & AW_FEED_F_ID_FROM_LINK) && (got[0].flags & AW_FEED_F_ID_TRUNC));
	/* an over-long date is a bad date, not a truncated one */
	n = (size_t)sprintf(big, "<feed xmlns='http://www.w3.org/2005/Atom'><entry><updated>2024-01-03T00:00:00Z");
	memset(big + n, ' ', 100);
	n += 100;
	memcpy(big + n, "x</updated></entry></feed>", 26);
	n += 26;
	r = run(big, n, 1000);
	CHECK(r == AW_OK && ngot == 1 && got[0].flags == AW_FEED_F_BAD_DATE &&
	      got[0].updated == AW_FEED_NO_TIME);
}

int main(void)
{
	test_github();
	test_rss();
	test_hostile();
	test_atom();
	return aw_test_report("feed");
}
