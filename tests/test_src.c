/*
 * test_src.c - the update logic of a list source (aw_src_ctx): baseline on a
 * first run, replay of the commits after the last one seen (oldest first),
 * the gap rule (last commit not in the feed), conditional headers, and the
 * state record: round trip, every truncation and every single-byte
 * corruption rejected, another version reported as such; the render of
 * a loaded record (dates from the record, an identity it lacks dated by
 * the last commit, a rejected version skipped), the dates of a record
 * made from a git history (aw_src_date_put), options that the tracker
 * refuses.
 */
#include "aw_src.h"
#include "aw_sha1.h"
#include "aw_state.h"
#include "aw_test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static aw_md_ctx md;
static aw_datemap_ctx a, b, a2, b2;
static aw_store_ctx store;
static aw_md_opts mo;
static aw_inl_env env;
static char rec[1 << 16];
static size_t rec_len;

static int rec_sink(void *user, const char *p, size_t n)
{
	(void)user;
	if (rec_len + n > sizeof rec)
		return 1;
	memcpy(rec + rec_len, p, n);
	rec_len += n;
	return 0;
}

static const aw_src_urls urls = {"https://gh.test", "https://raw.test", "o", "r", "main",
				 "README.md"};

static void sha_of(int k, char out[41])
{
	snprintf(out, 41, "%040x", k);
}

static void entry(aw_src_ctx *p, int k, int64_t t)
{
	char id[100], sha[41];
	sha_of(k, sha);
	snprintf(id, sizeof id, "\n  tag:github.com,2008:Grit::Commit/%s ", sha);
	CHECK(aw_src_feed_entry(p, id, strlen(id), t) == AW_OK);
}

static const char v1[] = "# L\n\n## A\n\n- [a](https://a.test) - A.\n- [b](https://b.test) - B.\n";
static const char v2[] = "# L\n\n## A\n\n- [a](https://a.test) - A.\n- [b](https://b.test) - B.\n"
			 "- [c](https://c.test) - C.\n";
static const char v3[] = "# L\n\n## A\n\n- [b](https://b.test) - B.\n- [c](https://c.test) - C.\n"
			 "- [d](https://d.test) - D.\n";

/* the stored item of `ident`: its date, or -1 when it is not stored */
static int64_t stored(const char *ident)
{
	uint8_t id[20];
	long k;
	aw_sha1(ident, strlen(ident), id);
	k = aw_store_find(&store, id);
	return k < 0 ? -1 : aw_store_get(&store, (size_t)k)->time;
}

static int64_t date_of(aw_src_ctx *p, const char *ident)
{
	uint8_t id[20];
	int64_t t = -1;
	aw_sha1(ident, strlen(ident), id);
	return aw_track_date(&p->trk, id, &t) ? t : -1;
}

int main(void)
{
	aw_src_ctx p, q;
	char ub[512], hb[512];
	aw_buf u, h;
	const char *text;
	size_t tlen, i;
	int n;

	aw_md_opts_default(&mo);
	aw_inl_env_init(&env, "https://github.com/o/r", "main", "README.md");
	aw_datemap_init(&a);
	aw_datemap_init(&b);
	aw_datemap_init(&a2);
	aw_datemap_init(&b2);

	/* first run: the newest commit is the baseline */
	aw_src_init(&p, &md, &a, &b, &mo, &env);
	aw_buf_init(&u, ub, sizeof ub - 1);
	CHECK(aw_src_feed_url(&p, &urls, &u) == AW_OK);
	CHECK(!strcmp(aw_buf_cstr(&u), "https://gh.test/o/r/commits/main/README.md.atom"));
	aw_buf_init(&h, hb, sizeof hb);
	CHECK(aw_src_cond_headers(&p, &h) == AW_OK && h.len == 0);
	entry(&p, 2, 2000);
	entry(&p, 1, 1000);
	CHECK(aw_src_feed_entry(&p, "tag:github.com,2008:Grit::Commit/xyz", 36, 5) == AW_ERR_SYNTAX);
	n = aw_src_feed_end(&p, "W/\"e1\"", "Mon, 01 Jan 2024 00:00:00 GMT");
	CHECK(n == 1);
	aw_buf_init(&u, ub, sizeof ub - 1);
	CHECK(aw_src_next(&p, &urls, &u) == 1);
	CHECK(!strcmp(aw_buf_cstr(&u), "https://raw.test/o/r/00000000000000000000000000000000000000"
				       "02/README.md"));
	CHECK(aw_src_version(&p, v1, strlen(v1)) == AW_OK);
	aw_buf_init(&u, ub, sizeof ub - 1);
	CHECK(aw_src_next(&p, &urls, &u) == 0);
	CHECK(date_of(&p, "[a](https://a.test)") == 2000 && date_of(&p, "[b](https://b.test)") == 2000);
	rec_len = 0;
	CHECK(aw_src_save(&p, 99, v1, strlen(v1), rec_sink, NULL) == AW_OK);

	/* second run: two new commits, replayed oldest first */
	aw_src_init(&q, &md, &a2, &b2, &mo, &env);
	CHECK(aw_src_load(&q, rec, rec_len, &text, &tlen) == AW_OK);
	CHECK(tlen == strlen(v1) && !memcmp(text, v1, tlen));
	CHECK(q.last_time == 2000 && q.last_ok == 99 && q.items == 2);
	aw_buf_init(&h, hb, sizeof hb - 1);
	CHECK(aw_src_cond_headers(&q, &h) == AW_OK);
	CHECK(!strcmp(aw_buf_cstr(&h), "If-None-Match: W/\"e1\"\r\n"
				       "If-Modified-Since: Mon, 01 Jan 2024 00:00:00 GMT\r\n"));
	entry(&q, 4, 4000);
	entry(&q, 3, 3000);
	entry(&q, 2, 2000);
	entry(&q, 1, 1000);
	CHECK(aw_src_feed_end(&q, NULL, NULL) == 2 && !q.gap);
	aw_buf_init(&u, ub, sizeof ub - 1);
	CHECK(aw_src_next(&q, &urls, &u) == 1 && strstr(aw_buf_cstr(&u), "0003/README.md"));
	CHECK(aw_src_version(&q, v2, strlen(v2)) == AW_OK);
	aw_buf_init(&u, ub, sizeof ub - 1);
	CHECK(aw_src_next(&q, &urls, &u) == 1 && strstr(aw_buf_cstr(&u), "0004/README.md"));
	CHECK(aw_src_version(&q, v3, strlen(v3)) == AW_OK);
	aw_buf_init(&u, ub, sizeof ub - 1);
	CHECK(aw_src_next(&q, &urls, &u) == 0);
	CHECK(date_of(&q, "[a](https://a.test)") == -1);   /* vanished */
	CHECK(date_of(&q, "[b](https://b.test)") == 2000); /* kept */
	CHECK(date_of(&q, "[c](https://c.test)") == 3000); /* added by commit 3 */
	CHECK(date_of(&q, "[d](https://d.test)") == 4000);
	CHECK(q.versions == 2 && q.items == 3);
	rec_len = 0;
	CHECK(aw_src_save(&q, 100, v3, strlen(v3), rec_sink, NULL) == AW_OK);

	/* every truncation and every flipped byte is rejected */
	{
		static char copy[sizeof rec];
		int bad_trunc = 0, bad_flip = 0;
		for (i = 0; i < rec_len; i++) {
			aw_src_init(&p, &md, &a, &b, &mo, &env);
			if (aw_src_load(&p, rec, i, &text, &tlen) == AW_OK)
				bad_trunc++;
		}
		for (i = 0; i < rec_len; i++) {
			memcpy(copy, rec, rec_len);
			copy[i] ^= 0x20;
			aw_src_init(&p, &md, &a, &b, &mo, &env);
			if (aw_src_load(&p, copy, rec_len, &text, &tlen) == AW_OK)
				bad_flip++;
		}
		CHECK(bad_trunc == 0);
		CHECK(bad_flip == 0);
		/* another format version, with a valid checksum: AW_ERR_STATE */
		memcpy(copy, rec, rec_len);
		copy[4] = 2;
		{
			uint32_t c = aw_crc32(0, copy, rec_len - 4);
			for (i = 0; i < 4; i++)
				copy[rec_len - 4 + i] = (char)(c >> (8 * i));
		}
		aw_src_init(&p, &md, &a, &b, &mo, &env);
		CHECK(aw_src_load(&p, copy, rec_len, &text, &tlen) == AW_ERR_STATE);
	}

	/* the last commit seen is not in the feed: gap, replay all shown */
	aw_src_init(&p, &md, &a, &b, &mo, &env);
	CHECK(aw_src_load(&p, rec, rec_len, &text, &tlen) == AW_OK);
	for (n = 40; n > 15; n--)
		entry(&p, n, n * 1000);
	CHECK(p.nfeed == AW_SRC_FEED_MAX && p.feed_over);
	CHECK(aw_src_feed_end(&p, NULL, NULL) == AW_SRC_FEED_MAX && p.gap);
	aw_buf_init(&u, ub, sizeof ub - 1);
	CHECK(aw_src_next(&p, &urls, &u) == 1 && strstr(aw_buf_cstr(&u), "0015/README.md") != NULL); /* 21 = 0x15 */
	CHECK(aw_src_version(&p, v3, strlen(v3)) == AW_OK);
	CHECK(date_of(&p, "[d](https://d.test)") == 4000); /* known: kept */

	/* a merged side branch: its older commit is new although an older
	 * position in the feed; replayed before the newer merge */
	aw_src_init(&p, &md, &a, &b, &mo, &env);
	CHECK(aw_src_load(&p, rec, rec_len, &text, &tlen) == AW_OK); /* seen: 1..4 */
	entry(&p, 9, 9000);
	entry(&p, 4, 4000);
	entry(&p, 8, 3500);  /* side branch, dated before commit 4 */
	entry(&p, 3, 3000);
	CHECK(aw_src_feed_end(&p, NULL, NULL) == 2 && !p.gap);
	aw_buf_init(&u, ub, sizeof ub - 1);
	CHECK(aw_src_next(&p, &urls, &u) == 1 && strstr(aw_buf_cstr(&u), "0008/README.md"));
	CHECK(aw_src_version(&p, v3, strlen(v3)) == AW_OK);
	aw_buf_init(&u, ub, sizeof ub - 1);
	CHECK(aw_src_next(&p, &urls, &u) == 1 && strstr(aw_buf_cstr(&u), "0009/README.md"));
	CHECK(aw_src_version(&p, v2, strlen(v2)) == AW_OK);
	aw_buf_init(&u, ub, sizeof ub - 1);
	CHECK(aw_src_next(&p, &urls, &u) == 0);
	CHECK(date_of(&p, "[a](https://a.test)") == 9000); /* came back with the merge */
	CHECK(date_of(&p, "[d](https://d.test)") == -1);

	/* the render of a loaded record: v3 with the dates of the record made
	 * after the second run (last commit 4000) */
	aw_src_init(&p, &md, &a, &b, &mo, &env);
	CHECK(aw_src_load(&p, rec, rec_len, &text, &tlen) == AW_OK);
	{
		/* the record was saved after v3: the dates of the second run */
		static const char v4[] = "# L\n\n## A\n\n- [b](https://b.test) - B.\n"
					 "- [c](https://c.test) - C.\n- [d](https://d.test) - D.\n"
					 "- [e](https://e.test) - E, not in the record.\n";
		static const char bad[] = "# L\n\n## ~~A~~\n\n- [f](https://f.test) - F.\n";
		aw_store_init(&store);
		CHECK(aw_src_render(&p, &env, v3, strlen(v3), NULL) == AW_ERR_ARG);
		CHECK(aw_src_render(&p, &env, v3, strlen(v3), &store) == AW_OK);
		CHECK(aw_store_count(&store) == 3);
		CHECK(stored("[b](https://b.test)") == 2000 && stored("[c](https://c.test)") == 3000 &&
		      stored("[d](https://d.test)") == 4000);
		/* a text with an identity the record does not date: the last
		 * commit's time (4000), the others as recorded; a new render
		 * empties the store first */
		CHECK(aw_src_render(&p, &env, v4, strlen(v4), &store) == AW_OK);
		CHECK(aw_store_count(&store) == 4 && stored("[e](https://e.test)") == 4000 &&
		      stored("[c](https://c.test)") == 3000);
		/* a version the reference rejects is skipped, the dates stay */
		entry(&p, 6, 6000);
		entry(&p, 5, 5000);
		entry(&p, 4, 4000);
		CHECK(aw_src_feed_end(&p, NULL, NULL) == 2);
		aw_buf_init(&u, ub, sizeof ub - 1);
		CHECK(aw_src_next(&p, &urls, &u) == 1 && aw_src_version(&p, bad, strlen(bad)) == AW_OK);
		CHECK(p.rejected == 1 && date_of(&p, "[f](https://f.test)") == -1 &&
		      date_of(&p, "[c](https://c.test)") == 3000);
		aw_buf_init(&u, ub, sizeof ub - 1);
		CHECK(aw_src_next(&p, &urls, &u) == 1 && aw_src_version(&p, v4, strlen(v4)) == AW_OK);
		CHECK(p.versions == 2 && p.items == 4 && date_of(&p, "[e](https://e.test)") == 6000);
		CHECK(aw_src_render(&p, &env, v4, strlen(v4), &store) == AW_OK);
		CHECK(stored("[e](https://e.test)") == 6000 && stored("[b](https://b.test)") == 2000);
	}

	/* a record made from a git history: the dates given one by one */
	aw_src_init(&p, &md, &a, &b, &mo, NULL);
	{
		uint8_t id[20];
		aw_sha1("[b](https://b.test)", 19, id);
		CHECK(aw_src_date_put(&p, id, 123) == AW_OK);
		aw_sha1("[d](https://d.test)", 19, id);
		CHECK(aw_src_date_put(&p, id, 456) == AW_OK && p.items == 2);
		p.last_time = 789;
		CHECK(aw_src_render(&p, &env, v3, strlen(v3), &store) == AW_OK);
		CHECK(stored("[b](https://b.test)") == 123 && stored("[c](https://c.test)") == 789 &&
		      stored("[d](https://d.test)") == 456);
	}

	/* options the tracker refuses: every call that parses says so */
	{
		aw_md_opts bo = mo;
		bo.type = AW_MD_HEADING;
		bo.max_heading_level = 9;
		aw_src_init(&p, &md, &a, &b, &bo, &env);
		CHECK(aw_src_render(&p, &env, v3, strlen(v3), &store) == AW_ERR_ARG);
	}

	/* an empty feed is an error */
	aw_src_init(&p, &md, &a, &b, &mo, &env);
	CHECK(aw_src_feed_end(&p, NULL, NULL) == AW_ERR_SYNTAX);

	/* CRC-32 check value */
	CHECK(aw_crc32(0, "123456789", 9) == 0xCBF43926u);

	return aw_test_report("src");
}
