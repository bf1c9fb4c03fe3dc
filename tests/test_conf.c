/*
 * test_conf.c - awtrack.conf: the example of issue 10 byte for byte (fed
 * whole, byte by byte, split at every position), every key, defaults,
 * comments, CRLF, and every error with its line; capacities (sources,
 * feeds, line and value lengths: exact fit and one more).
 */
#include "aw_conf.h"
#include "aw_test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* the example of issue 10, as written there */
static const char example[] =
	"[awtrack]\n"
	"state = /var/lib/awtrack            # a directory\n"
	"github_url = https://github.com\n"
	"raw_url = https://raw.githubusercontent.com\n"
	"api_url = https://api.github.com\n"
	"ca_file = /etc/ssl/certs/ca-certificates.crt\n"
	"\n"
	"[source Friz-zy/awesome-linux-containers]\n"
	"file = README.md\n"
	"branch = master\n"
	"type = list                         # list | table | heading\n"
	"max_heading_level = 2               # the parse options of the spec, by these names\n"
	"min_heading_level = 2\n"
	"heading_level = 3\n"
	"is_parse_category = false\n"
	"\n"
	"[feed tal-go]\n"
	"url = https://www.trackawesomelist.com/avelino/awesome-go/rss.xml\n";

static aw_conf C;
static aw_conf_ctx X;

static int parse_cuts(const char *s, size_t n, const size_t *cuts, int ncuts)
{
	size_t at = 0;
	int i, r = AW_OK;

	aw_conf_init(&X, &C);
	for (i = 0; i <= ncuts && r == AW_OK; i++) {
		size_t to = i < ncuts ? cuts[i] : n;
		r = aw_conf_feed(&X, s + at, to - at);
		at = to;
	}
	if (r == AW_OK)
		r = aw_conf_end(&X);
	return r;
}

static int parse(const char *s)
{
	return parse_cuts(s, strlen(s), NULL, 0);
}

static int example_ok(void)
{
	const aw_conf_source *s = &C.sources[0];
	const aw_conf_feeddef *f = &C.feeds[0];

	return !strcmp(C.state, "/var/lib/awtrack") && !strcmp(C.github_url, "https://github.com") &&
	       !strcmp(C.raw_url, "https://raw.githubusercontent.com") &&
	       !strcmp(C.api_url, "https://api.github.com") &&
	       !strcmp(C.ca_file, "/etc/ssl/certs/ca-certificates.crt") && C.nsources == 1 &&
	       !strcmp(s->owner, "Friz-zy") && !strcmp(s->repo, "awesome-linux-containers") &&
	       !strcmp(s->file, "README.md") && !strcmp(s->branch, "master") &&
	       s->type == AW_CONF_TYPE_LIST && s->max_heading_level == 2 &&
	       s->min_heading_level == 2 && s->heading_level == 3 && s->is_parse_category == 0 &&
	       s->line == 8 && C.nfeeds == 1 && !strcmp(f->name, "tal-go") &&
	       !strcmp(f->url, "https://www.trackawesomelist.com/avelino/awesome-go/rss.xml") &&
	       f->keep == -1 && f->line == 17 && C.timeout == -1 && C.keep == -1 &&
	       C.user_agent[0] == 0;
}

static void test_example(void)
{
	size_t n = sizeof example - 1, i, j;
	size_t *cuts = malloc(n * sizeof *cuts);
	int all = 1;

	CHECK(parse(example) == AW_OK && example_ok());
	for (i = 0; i + 1 < n; i++)
		cuts[i] = i + 1;
	CHECK(parse_cuts(example, n, cuts, (int)n - 1) == AW_OK && example_ok());
	for (i = 0; i <= n; i++)
		if (parse_cuts(example, n, &i, 1) != AW_OK || !example_ok())
			all = 0;
	CHECK(all);
	/* 3-way splits around every line end */
	all = 1;
	for (i = 0; i < n; i += 3)
		for (j = i; j <= n; j += 5) {
			size_t c2[2] = { i, j };
			if (parse_cuts(example, n, c2, 2) != AW_OK || !example_ok())
				all = 0;
		}
	CHECK(all);
	free(cuts);

	/* CRLF, tabs, comments of both kinds, no newline at the end */
	CHECK(parse("; comment\r\n# comment\r\n  [awtrack]  # c\r\n\tstate\t=\t/s ; c\r\n"
		    "timeout=30\r\nmax_file_size = 1048576\r\nkeep = 50\r\ninterval = 3600\r\n"
		    "user_agent = my agent/1.0\r\n"
		    "[source o/r/docs/list.md]\r\nbranch = main\r\ntype = heading\r\n"
		    "is_parse_category = TRUE\r\n"
		    "[feed f_1.x]\r\nurl = http://127.0.0.1:8443/feed.xml#frag\r\nkeep = 5") == AW_OK);
	CHECK(!strcmp(C.state, "/s") && C.timeout == 30 && C.max_file_size == 1048576 &&
	      C.keep == 50 && C.interval == 3600 && !strcmp(C.user_agent, "my agent/1.0"));
	CHECK(!strcmp(C.sources[0].file, "docs/list.md") && !strcmp(C.sources[0].branch, "main") &&
	      C.sources[0].type == AW_CONF_TYPE_HEADING && C.sources[0].is_parse_category == 1 &&
	      C.sources[0].heading_level == -1);
	CHECK(!strcmp(C.feeds[0].url, "http://127.0.0.1:8443/feed.xml#frag") && C.feeds[0].keep == 5);
	/* defaults, trailing slashes of base URLs */
	CHECK(parse("[awtrack]\ngithub_url = http://127.0.0.1:9/gh/\n") == AW_OK &&
	      !strcmp(C.github_url, "http://127.0.0.1:9/gh") && C.nsources == 0 &&
	      !strcmp(C.raw_url, "https://raw.githubusercontent.com"));
	CHECK(parse("") == AW_OK && C.state[0] == 0 && !strcmp(C.api_url, "https://api.github.com"));
	/* several files of one repository, table type */
	CHECK(parse("[source a/b]\n[source a/b/x.md]\n[source a/b]\nfile = y.md\ntype = table\n") == AW_OK &&
	      C.nsources == 3 && !strcmp(C.sources[2].file, "y.md") &&
	      C.sources[2].type == AW_CONF_TYPE_TABLE);
	/* stars: off unless asked, globally or per source */
	CHECK(parse("[source a/b]\n") == AW_OK && C.stars == 0 && C.stars_interval == -1 &&
	      C.sources[0].stars == -1);
	CHECK(parse("[awtrack]\nstars = true\nstars_interval = 604800\n[source a/b]\nstars = no\n"
		    "[source a/c]\n[source a/d]\nstars = 1\n") == AW_OK &&
	      C.stars == 1 && C.stars_interval == 604800 && C.sources[0].stars == 0 &&
	      C.sources[1].stars == -1 && C.sources[2].stars == 1);
	/* a '#' inside a value stays */
	CHECK(parse("[awtrack]\nstate = /a#b ;c\n") == AW_OK && !strcmp(C.state, "/a#b"));
}

static void test_errors(void)
{
	static const struct { const char *text; int err; unsigned line; } bad[] = {
		{ "state = /x\n", AW_ERR_SYNTAX, 1 },
		{ "[awtrack]\nstate /x\n", AW_ERR_SYNTAX, 2 },
		{ "[awtrack]\n\nstat = /x\n", AW_ERR_SYNTAX, 3 },
		{ "[awtrack]\nurl = https://x\n", AW_ERR_SYNTAX, 2 },
		{ "[awtrack]\nstate =\n", AW_ERR_SYNTAX, 2 },
		{ "[awtrack]\nstate = # only a comment\n", AW_ERR_SYNTAX, 2 },
		{ "[awtrack]\nstate = /a\nstate = /b\n", AW_ERR_SYNTAX, 3 },
		{ "[awtrack]\ngithub_url = ftp://x\n", AW_ERR_SYNTAX, 2 },
		{ "[awtrack]\napi_url = https://\n", AW_ERR_SYNTAX, 2 },
		{ "[awtrack]\nraw_url = https://a b\n", AW_ERR_SYNTAX, 2 },
		{ "[awtrack]\ntimeout = 0\n", AW_ERR_SYNTAX, 2 },
		{ "[awtrack]\ntimeout = 10s\n", AW_ERR_SYNTAX, 2 },
		{ "[awtrack]\nkeep = -1\n", AW_ERR_SYNTAX, 2 },
		{ "[awtrack]\nStates = 1\n", AW_ERR_SYNTAX, 2 },
		{ "[awtrack\n", AW_ERR_SYNTAX, 1 },
		{ "[awtrack] x\n", AW_ERR_SYNTAX, 1 },
		{ "[global]\n", AW_ERR_SYNTAX, 1 },
		{ "[source]\n", AW_ERR_SYNTAX, 1 },
		{ "[source owner]\n", AW_ERR_SYNTAX, 1 },
		{ "[source o/]\n", AW_ERR_SYNTAX, 1 },
		{ "[source /r]\n", AW_ERR_SYNTAX, 1 },
		{ "[source o/..]\n", AW_ERR_SYNTAX, 1 },
		{ "[source o_x/r]\n", AW_ERR_SYNTAX, 1 },
		{ "[source o/r/../x.md]\n", AW_ERR_SYNTAX, 1 },
		{ "[source o/r/a//b.md]\n", AW_ERR_SYNTAX, 1 },
		{ "[source o/r/]\n", AW_ERR_SYNTAX, 1 },
		{ "[source o/r]\nfile = /etc/passwd\n", AW_ERR_SYNTAX, 2 },
		{ "[source o/r]\nfile = a/./b\n", AW_ERR_SYNTAX, 2 },
		{ "[source o/r/x.md]\nfile = y.md\n", AW_ERR_SYNTAX, 2 },
		{ "[source o/r]\ntype = list2\n", AW_ERR_SYNTAX, 2 },
		{ "[source o/r]\nheading_level = 7\n", AW_ERR_SYNTAX, 2 },
		{ "[source o/r]\nmax_heading_level = 0\n", AW_ERR_SYNTAX, 2 },
		{ "[source o/r]\nis_parse_category = maybe\n", AW_ERR_SYNTAX, 2 },
		{ "[source o/r]\nbranch = a b\n", AW_ERR_SYNTAX, 2 },
		{ "[source o/r]\nstars = some\n", AW_ERR_SYNTAX, 2 },
		{ "[source o/r]\nstars = true\nstars = false\n", AW_ERR_SYNTAX, 3 },
		{ "[source o/r]\nstars_interval = 60\n", AW_ERR_SYNTAX, 2 },
		{ "[awtrack]\nstars = on\n", AW_ERR_SYNTAX, 2 },
		{ "[awtrack]\nstars_interval = 59\n", AW_ERR_SYNTAX, 2 },
		{ "[awtrack]\nstars_interval = 1d\n", AW_ERR_SYNTAX, 2 },
		{ "[feed x]\nurl = https://a\nstars = true\n", AW_ERR_SYNTAX, 3 },
		{ "[source o/r]\nurl = https://x\n", AW_ERR_SYNTAX, 2 },
		{ "[source o/r]\n\n[source O/R]\n", AW_ERR_SYNTAX, 3 },
		{ "[source o/r]\n[source o/r/README.md]\n", AW_ERR_SYNTAX, 2 },
		{ "[feed x]\nkeep = 3\n", AW_ERR_SYNTAX, 1 },
		{ "[feed x]\nurl = https://a\n[feed x]\n", AW_ERR_SYNTAX, 3 },
		{ "[feed a b]\n", AW_ERR_SYNTAX, 1 },
		{ "[feed x]\nurl = https://a\nfile = b\n", AW_ERR_SYNTAX, 3 },
		{ "[feed x]\nurl = https://a\nkeep = 0\n", AW_ERR_SYNTAX, 3 },
		{ "[awtrack]\nstate = a\001b\n", AW_ERR_SYNTAX, 2 },
		{ "[awtrack]\n\n\nstate = /x\nnonsense\n", AW_ERR_SYNTAX, 5 },
		{ "[feed ok]\nurl = https://a\n[feed bad]\n[awtrack]\n", AW_ERR_SYNTAX, 3 },
	};
	size_t k;

	for (k = 0; k < sizeof bad / sizeof bad[0]; k++) {
		int r = parse(bad[k].text);
		if (r != bad[k].err || X.line != bad[k].line)
			fprintf(stderr, "bad[%zu]: %d at line %u: %s\n", k, r, X.line, X.msg);
		CHECK(r == bad[k].err && X.line == bad[k].line && X.msg && X.msg[0]);
		/* byte by byte: the same error and line */
		{
			size_t i, n = strlen(bad[k].text);
			int rr = AW_OK;
			aw_conf_init(&X, &C);
			for (i = 0; i < n && rr == AW_OK; i++)
				rr = aw_conf_feed(&X, bad[k].text + i, 1);
			if (rr == AW_OK)
				rr = aw_conf_end(&X);
			CHECK(rr == bad[k].err && X.line == bad[k].line);
		}
	}
	/* NUL byte */
	aw_conf_init(&X, &C);
	CHECK(aw_conf_feed(&X, "[awtrack]\nstate = a\0b\n", 22) == AW_ERR_SYNTAX && X.line == 2);
	/* errors are sticky */
	CHECK(aw_conf_feed(&X, "[awtrack]\n", 10) == AW_ERR_SYNTAX && aw_conf_end(&X) == AW_ERR_SYNTAX);
}

static char big[4 * AW_CONF_LINE_MAX + 64 * 64];

static void test_limits(void)
{
	size_t n, i;
	int r;

	/* a line of exactly AW_CONF_LINE_MAX bytes (also with CR), then one more */
	n = (size_t)sprintf(big, "[awtrack]\n# ");
	memset(big + n, 'c', AW_CONF_LINE_MAX - 2);
	n += AW_CONF_LINE_MAX - 2;
	strcpy(big + n, "\n");
	CHECK(parse(big) == AW_OK);
	strcpy(big + n, "\r\n");
	CHECK(parse(big) == AW_OK);
	strcpy(big + n, "c\n");
	CHECK(parse(big) == AW_ERR_TOOBIG && X.line == 2);
	strcpy(big + n, "cc");
	CHECK(parse(big) == AW_ERR_TOOBIG && X.line == 2);
	memset(big + n, 'c', 3 * AW_CONF_LINE_MAX);
	strcpy(big + n + 3 * AW_CONF_LINE_MAX, "\n[awtrack]\n");
	CHECK(parse(big) == AW_ERR_TOOBIG && X.line == 2);

	/* a value of exactly AW_CONF_VALUE_MAX - 1 bytes, then one more */
	if (AW_CONF_VALUE_MAX + 16 < AW_CONF_LINE_MAX) {
		n = (size_t)sprintf(big, "[awtrack]\nstate = ");
		memset(big + n, 'v', AW_CONF_VALUE_MAX - 1);
		strcpy(big + n + AW_CONF_VALUE_MAX - 1, "\n");
		CHECK(parse(big) == AW_OK && strlen(C.state) == AW_CONF_VALUE_MAX - 1);
		strcpy(big + n + AW_CONF_VALUE_MAX - 1, "v\n");
		CHECK(parse(big) == AW_ERR_TOOBIG && X.line == 2);
	}
	/* names */
	n = (size_t)sprintf(big, "[source o/");
	memset(big + n, 'r', AW_CONF_NAME_MAX - 1);
	strcpy(big + n + AW_CONF_NAME_MAX - 1, "]\n");
	CHECK(parse(big) == AW_OK && strlen(C.sources[0].repo) == AW_CONF_NAME_MAX - 1);
	strcpy(big + n + AW_CONF_NAME_MAX - 1, "r]\n");
	CHECK(parse(big) == AW_ERR_TOOBIG);

	/* AW_CONF_SOURCES_MAX sources fit, one more does not */
	n = 0;
	for (i = 0; i < AW_CONF_SOURCES_MAX; i++)
		n += (size_t)sprintf(big + n, "[source o/r%zu]\n", i);
	CHECK(parse(big) == AW_OK && C.nsources == AW_CONF_SOURCES_MAX);
	sprintf(big + n, "[source o/more]\n");
	CHECK(parse(big) == AW_ERR_FULL && X.line == AW_CONF_SOURCES_MAX + 1);
	n = 0;
	for (i = 0; i < AW_CONF_FEEDS_MAX; i++)
		n += (size_t)sprintf(big + n, "[feed f%zu]\nurl = https://x/%zu\n", i, i);
	CHECK(parse(big) == AW_OK && C.nfeeds == AW_CONF_FEEDS_MAX);
	sprintf(big + n, "[feed more]\n");
	r = parse(big);
	CHECK(r == AW_ERR_FULL);
}

int main(void)
{
	test_example();
	test_errors();
	test_limits();
	return aw_test_report("conf");
}
