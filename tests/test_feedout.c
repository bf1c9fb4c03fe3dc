/*
 * test_feedout.c - the escaping writer, the item markdown -> inert HTML
 * converter and the feed writers on the digest walker (aw_feedout) and the
 * dashboard page (aw_html): hostile text stays text in every format, only
 * http(s) links survive, ids are stable, the current period is left out
 * unless asked for, a failing sink stops the output. (Real feed readers
 * and Chromium check the same outputs in tests/outputs/.)
 */
#include <stdio.h>
#include <string.h>

#include "aw_feedout.h"
#include "aw_html.h"
#include "aw_time.h"
#include "aw_test.h"

static char out[1 << 16];
static size_t out_len;
static size_t fail_after = (size_t)-1;
static aw_sink so;               /* the sink every writer gets: sink() below */
static aw_digest_ctx walker;
#define SINK_FAILED 7            /* the sink's own code reaches the caller */

static int sink(void *u, const char *p, size_t n)
{
	(void)u;
	if (out_len + n > fail_after || out_len + n >= sizeof out)
		return SINK_FAILED;
	memcpy(out + out_len, p, n);
	out_len += n;
	out[out_len] = 0;
	return 0;
}

static int sink(void *u, const char *p, size_t n);

static void reset(void)
{
	out_len = 0;
	out[0] = 0;
	fail_after = (size_t)-1;
	aw_sink_init(&so, sink, NULL);
}

static const char *esc(int mode, const char *s, size_t n, int html)
{
	aw_feedout_esc o;
	reset();
	aw_feedout_esc_init(&o, &so, mode);
	if (html)
		aw_feedout_esc_html_text(&o, s, n);
	else
		aw_feedout_esc_text(&o, s, n);
	return out;
}

static const char *md(int mode, const char *s)
{
	aw_feedout_esc o;
	reset();
	aw_feedout_esc_init(&o, &so, mode);
	aw_feedout_md_html(&o, s, strlen(s), 1);
	return out;
}

static aw_store_ctx store;

static void put(const char *id, int64_t t, const char *cat, const char *m)
{
	uint8_t k[20] = {0};
	size_t n = strlen(id);
	memcpy(k, id, n < 20 ? n : 20);
	if (aw_store_put(&store, k, t, cat, strlen(cat), m, strlen(m)))
		printf("store full\n");
}

static const char hostile[] =
	"*   [x<script>alert(1)</script>](javascript:alert(1)) \"><img src=x onerror=alert(1)>"
	" [ok](https://example.com/a?b=1&c=2) [js](JaVaScRiPt:alert(2)) [rel](/relative)"
	" <javascript:alert(3)> <https://example.org/auto> ![pic](https://example.com/p.png)"
	" `<b>code</b>` \\<tag\\> &amp; &#60; &bogus \xe2\x80\xa8 \x01\xff end";

int main(void)
{
	const char *r;
	aw_feedout_info fi;
	int rc, i;
	char first_id[200];

	/* escaping */
	r = esc(AW_FEEDOUT_ESC_XML, "a<b>&\"c\x01\xff\xc3\xa9", 12, 0);
	CHECKM(!strcmp(r, "a&lt;b&gt;&amp;&quot;c\xef\xbf\xbd\xc3\xa9"), "xml text: %s", r);
	r = esc(AW_FEEDOUT_ESC_XML, "<'>", 3, 1);
	CHECKM(!strcmp(r, "&amp;lt;&amp;#39;&amp;gt;"), "html in xml: %s", r);
	r = esc(AW_FEEDOUT_ESC_JSON, "\"\\\n\t\x1f\xe2\x80\xa8x\xe2\x80\xa9/", 13, 0);
	CHECKM(!strcmp(r, "\\\"\\\\\\n\\t\\u2028x\\u2029/"), "json text: %s", r);
	r = esc(AW_FEEDOUT_ESC_NONE, "\xed\xa0\x80|\xef\xbf\xbe|\xf4\x90\x80\x80|\xc0\xaf", 15, 0);
	CHECKM(!strcmp(r, "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd|\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd|"
			 "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd|\xef\xbf\xbd\xef\xbf\xbd"),
	      "surrogate, U+FFFE, > U+10FFFF, overlong: %s", r);

	/* URLs */
	CHECKM(aw_feedout_url_ok("https://a.b/c", 13) && aw_feedout_url_ok("HTTP://a", 8), "http(s)");
	CHECKM(!aw_feedout_url_ok("javascript:x", 12) && !aw_feedout_url_ok("https:/a", 8) && !aw_feedout_url_ok("https://", 8) &&
	      !aw_feedout_url_ok("https:///x", 10) && !aw_feedout_url_ok("https://a b", 11) &&
	      !aw_feedout_url_ok("https://a\"b", 11) && !aw_feedout_url_ok("/rel", 4) && !aw_feedout_url_ok("data:x", 6),
	      "not http(s)");

	/* markdown -> inert HTML */
	r = md(AW_FEEDOUT_ESC_NONE, "*   [footloose (\xe2\xad\x90" "1.6k)](https://github.com/weaveworks/footloose)\\\n"
			    "    Containers that look like *Virtual* Machines.");
	CHECKM(!strcmp(r, "<a href=\"https://github.com/weaveworks/footloose\">footloose (\xe2\xad\x90"
			 "1.6k)</a><br>Containers that look like Virtual Machines."), "item: %s", r);
	r = md(AW_FEEDOUT_ESC_NONE, hostile);
	CHECKM(!strstr(r, "<script") && !strstr(r, "<img") && !strstr(r, "<tag") && !strstr(r, "<b>"),
	      "no tag from the input: %s", r);
	CHECKM(!strstr(r, "href=\"javascript") && !strstr(r, "href=\"JaVa") && !strstr(r, "href=\"/"),
	      "no non-http href: %s", r);
	CHECKM(strstr(r, "<a href=\"https://example.com/a?b=1&amp;c=2\">ok</a>") != NULL, "http link: %s", r);
	CHECKM(strstr(r, "<a href=\"https://example.org/auto\">https://example.org/auto</a>") != NULL,
	      "autolink: %s", r);
	CHECKM(strstr(r, "x&lt;script&gt;alert(1)&lt;/script&gt;") != NULL, "script as text: %s", r);
	CHECKM(strstr(r, "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;") != NULL, "img as text: %s", r);
	CHECKM(strstr(r, "<code>&lt;b&gt;code&lt;/b&gt;</code>") != NULL, "code: %s", r);
	CHECKM(strstr(r, " pic ") != NULL && !strstr(r, "p.png"), "image -> alt text: %s", r);
	CHECKM(strstr(r, "&amp; &#60; &amp;bogus") != NULL, "entities: %s", r);
	CHECKM(strstr(r, "\xef\xbf\xbd end") != NULL && !strchr(r, '\x01'), "bytes: %s", r);
	r = md(AW_FEEDOUT_ESC_JSON, hostile);
	CHECKM(!strstr(r, "\xe2\x80\xa8") && strstr(r, "\\u2028") && !strstr(r, "<script"),
	      "json-carried html: %s", r);
	r = md(AW_FEEDOUT_ESC_XML, hostile);
	CHECKM(!strchr(r, '<') && !strstr(r, "javascript:alert(1)\""), "xml-carried html: %s", r);
	r = md(AW_FEEDOUT_ESC_NONE, "- [unclosed](https://x.y");
	CHECKM(!strstr(r, "<a"), "unclosed link: %s", r);
	r = md(AW_FEEDOUT_ESC_NONE, "- [a [b] c](https://x.y/(p)) tail");
	CHECKM(!strcmp(r, "<a href=\"https://x.y/(p)\">a [b] c</a> tail"), "nested brackets: %s", r);
	r = md(AW_FEEDOUT_ESC_NONE, "*   a\n    *   b\n    *   [c](http://c.d)");
	CHECKM(!strcmp(r, "a<br>\xe2\x80\xa2 b<br>\xe2\x80\xa2 <a href=\"http://c.d\">c</a>"), "nested: %s", r);

	/* periods and feeds: three weeks, the last one "current" */
	aw_store_init(&store);
	/* 2023-06-05 (Mon, W23) 10:00, 2023-06-11 (Sun) 08:43:42, 2023-06-14 (W24),
	 * 2023-06-20 (W25) */
	put("a", 1685959200, "Cat <One>", "*   [a](https://a.example/)");
	put("b", 1686473022, "", "*   [b](https://b.example/) \"><script>x</script>");
	put("c", 1686736800, "Two", "*   [c](javascript:alert(1)) c");
	put("d", 1687255200, "Two", "*   [d](https://d.example/)");
	memset(&fi, 0, sizeof fi);
	fi.format = AW_FEEDOUT_ATOM;
	fi.kind = AW_PAGE_WEEKLY;
	fi.name = "List & <Name>";
	fi.list_id = "o/r/README.md";
	fi.home_url = "https://h.example/o/r/week/";
	fi.now = 1687255200 + 3600;   /* in W25 */
	reset();
	rc = aw_feedout_write(&walker, &store, &fi, &so);
	CHECKM(rc == AW_OK, "atom rc %d", rc);
	{
		int entries = 0;
		const char *p = out;
		while ((p = strstr(p, "<entry>"))) { entries++; p++; }
		CHECKM(entries == 2, "current week left out: %d entries", entries);
	}
	CHECKM(strstr(out, "<id>tag:awtrack,2026:o/r/README.md/week/2023-W24</id>") != NULL, "id: %s", out);
	CHECKM(strstr(out, "href=\"https://h.example/o/r/week/#2023-W23\"") != NULL, "link");
	CHECKM(strstr(out, "<published>2023-06-05T10:00:00.000Z</published>") &&
	      strstr(out, "<updated>2023-06-11T08:43:42.000Z</updated>"), "dates: %s", out);
	CHECKM(strstr(out, "<title>List &amp; &lt;Name&gt; Updates on Jun 05 - Jun 11, 2023</title>") != NULL,
	      "title");
	CHECKM(strstr(out, "&lt;h3&gt;Cat &amp;lt;One&amp;gt;&lt;/h3&gt;") != NULL, "category escaped twice");
	CHECKM(!strstr(out, "<script") && !strstr(out, "&lt;script") && !strstr(out, "javascript"),
	      "atom inert: %s", out);
	{
		const char *p = strstr(out, "<entry>\n    <id>");
		size_t n = p ? strcspn(p + 16, "<") : 0;
		snprintf(first_id, sizeof first_id, "%.*s", (int)n, p ? p + 16 : "");
	}
	fi.flags = AW_FEEDOUT_CURRENT;
	fi.max_periods = 1;
	reset();
	aw_feedout_write(&walker, &store, &fi, &so);
	CHECKM(strstr(out, "2023-W25</id>") && !strstr(out, "2023-W24</id>"), "current included, max 1");
	fi.flags = 0;
	fi.max_periods = 1;
	reset();
	aw_feedout_write(&walker, &store, &fi, &so);
	CHECKM(strstr(out, first_id) != NULL, "same period, same id (%s)", first_id);

	fi.format = AW_FEEDOUT_RSS;
	fi.max_periods = 0;
	reset();
	rc = aw_feedout_write(&walker, &store, &fi, &so);
	CHECKM(rc == AW_OK && strstr(out, "<pubDate>Sun, 11 Jun 2023 08:43:42 +0000</pubDate>") &&
	      strstr(out, "<guid isPermaLink=\"false\">tag:awtrack,2026:o/r/README.md/week/2023-W23</guid>"),
	      "rss: %s", out);
	fi.format = AW_FEEDOUT_JSON;
	fi.kind = AW_PAGE_DAILY;
	reset();
	rc = aw_feedout_write(&walker, &store, &fi, &so);
	CHECKM(rc == AW_OK && strstr(out, "\"id\": \"tag:awtrack,2026:o/r/README.md/day/2023-06-14\"") &&
	      strstr(out, "\"title\": \"List & <Name> Updates on Jun 14, 2023\"") &&
	      strstr(out, "\"date_published\": \"2023-06-05T10:00:00.000Z\"") &&
	      !strstr(out, "2023-06-20\""), "json daily: %s", out);
	CHECKM(strstr(out, "b</a> &quot;&gt;&lt;script&gt;x&lt;/script&gt;") != NULL, "json content: %s", out);

	/* arguments */
	fi.home_url = "javascript:alert(1)";
	CHECKM(aw_feedout_write(&walker, &store, &fi, &so) == AW_ERR_ARG, "home_url must be http(s)");
	fi.home_url = "https://h.example/";
	fi.self_url = "ftp://x/";
	CHECKM(aw_feedout_write(&walker, &store, &fi, &so) == AW_ERR_ARG, "self_url must be http(s)");
	fi.self_url = NULL;
	fi.format = 7;
	CHECKM(aw_feedout_write(&walker, &store, &fi, &so) == AW_ERR_ARG, "format");
	fi.format = AW_FEEDOUT_RSS;

	/* a failing sink stops every writer at every point */
	for (i = 0; i < 400; i += 7) {
		aw_html_info hi;
		reset();
		fail_after = (size_t)i;
		CHECKM(aw_feedout_write(&walker, &store, &fi, &so) == SINK_FAILED, "feed abort at %d", i);
		memset(&hi, 0, sizeof hi);
		hi.kind = AW_PAGE_WEEKLY;
		hi.name = "n";
		hi.list_path = "o/r/";
		reset();
		fail_after = (size_t)i;
		CHECKM(aw_html_page(&walker, &store, &hi, &so) == SINK_FAILED, "html abort at %d", i);
	}

	/* the dashboard page */
	{
		aw_html_info hi;
		memset(&hi, 0, sizeof hi);
		hi.kind = AW_PAGE_WEEKLY;
		hi.name = "<b>N</b>";
		hi.description = "\"><img src=x onerror=alert(1)>";
		hi.repo_url = "javascript:alert(1)";
		hi.list_path = "o/r/";
		hi.root = "../../../";
		reset();
		rc = aw_html_page(&walker, &store, &hi, &so);
		CHECKM(rc == AW_OK && strstr(out, "<section id=\"2023-W25\">") &&
		      strstr(out, "<section id=\"2023-W23\">") && strstr(out, "&lt;b&gt;N&lt;/b&gt;") &&
		      strstr(out, "&quot;&gt;&lt;img src=x") && !strstr(out, "<img") &&
		      !strstr(out, "<script") && !strstr(out, "javascript:alert") &&
		      strstr(out, "Content-Security-Policy"), "page: %s", out);
		reset();
		hi.until = aw_digest_period_start(AW_DIGEST_WEEKLY, 1687255200);
		aw_html_page(&walker, &store, &hi, &so);
		CHECKM(!strstr(out, "2023-W25") && strstr(out, "2023-W24"), "until");
	}
	return aw_test_report("feedout");
}
