/*
 * test_json.c - the streaming "stargazers_count" scan (aw_json): a
 * repository object shaped as GitHub's REST API answers it (a fork, whose
 * "parent" and "source" objects carry their own counts), any member
 * order, escapes in keys and strings, every split of the input into two
 * and three pieces and byte by byte, malformed and cut documents, depth
 * and overflow limits.
 */
#include "aw_json.h"

#include <stdio.h>
#include <string.h>
#include "aw_test.h"

#define KEY "stargazers_count"

/* scan s in pieces cut at a and b (a <= b <= len); rc of end, *v */
static int scan3(const char *s, size_t len, size_t a, size_t b, uint64_t *v)
{
	aw_json_int_ctx j;
	int rc;
	aw_json_int_init(&j, KEY);
	if ((rc = aw_json_int_feed(&j, s, a)) || (rc = aw_json_int_feed(&j, s + a, b - a)) ||
	    (rc = aw_json_int_feed(&j, s + b, len - b)))
		return rc;
	return aw_json_int_end(&j, v);
}

static int scan(const char *s, uint64_t *v)
{
	size_t n = strlen(s);
	return scan3(s, n, n, n, v);
}

/* the same answer for every cut into two and into three pieces, and byte
 * by byte */
static int split_invariant(const char *s, int want_rc, uint64_t want_v)
{
	size_t n = strlen(s), a, b;
	uint64_t v;
	int rc, bad = 0;
	aw_json_int_ctx j;

	for (a = 0; a <= n; a++)
		for (b = a; b <= n; b += (n > 300 ? 7 : 1)) {
			v = 0;
			rc = scan3(s, n, a, b, &v);
			if (rc != want_rc || (rc == AW_OK && v != want_v))
				bad++;
		}
	aw_json_int_init(&j, KEY);
	rc = AW_OK;
	for (a = 0; a < n && !rc; a++)
		rc = aw_json_int_feed(&j, s + a, 1);
	if (!rc)
		rc = aw_json_int_end(&j, &v);
	if (rc != want_rc || (rc == AW_OK && v != want_v))
		bad++;
	return bad;
}

/* GitHub's shape (members abridged, order as the API gives them) */
static const char fork[] =
	"{\n"
	"  \"id\": 1296269,\n"
	"  \"node_id\": \"MDEwOlJlcG9zaXRvcnkxMjk2MjY5\",\n"
	"  \"name\": \"awesome-ci\",\n"
	"  \"full_name\": \"someone/awesome-ci\",\n"
	"  \"private\": false,\n"
	"  \"owner\": {\n"
	"    \"login\": \"someone\",\n"
	"    \"id\": 1,\n"
	"    \"site_admin\": false\n"
	"  },\n"
	"  \"description\": \"List of \\\"CI\\\" services \\u2014 with \\\\ and \\/ and \\ud83d\\ude80\",\n"
	"  \"fork\": true,\n"
	"  \"homepage\": null,\n"
	"  \"size\": 108,\n"
	"  \"stargazers_count\": 3,\n"
	"  \"watchers_count\": 3,\n"
	"  \"topics\": [\"ci\", \"awesome\", [], {}],\n"
	"  \"score\": -1.5e+2,\n"
	"  \"license\": {\"key\": \"cc0-1.0\", \"stargazers_count\": 99},\n"
	"  \"parent\": {\n"
	"    \"full_name\": \"ligurio/awesome-ci\",\n"
	"    \"stargazers_count\": 4081,\n"
	"    \"owner\": {\"login\": \"ligurio\", \"stargazers_count\": 7}\n"
	"  },\n"
	"  \"source\": {\"full_name\": \"ligurio/awesome-ci\", \"stargazers_count\": 4081},\n"
	"  \"network_count\": 0.5,\n"
	"  \"subscribers_count\": 0\n"
	"}\n";

static void test_shapes(void)
{
	uint64_t v = 0;

	CHECK(scan(fork, &v) == AW_OK && v == 3);
	CHECK(split_invariant(fork, AW_OK, 3) == 0);
	/* the key first, last, alone; white space everywhere */
	CHECK(scan("{\"stargazers_count\":58}", &v) == AW_OK && v == 58);
	CHECK(scan(" \r\n\t{ \"a\" : [ 1 , { \"stargazers_count\" : 5 } ] ,"
		   " \"stargazers_count\" : 0 } \n", &v) == AW_OK && v == 0);
	CHECK(scan("{\"x\":{\"y\":{\"z\":[[[\"}\"]]]}},\"stargazers_count\":18446744073709551615}",
		   &v) == AW_OK && v == UINT64_MAX);
	/* a key written with escapes is the same key; a longer or shorter
	 * one is not */
	CHECK(scan("{\"stargazers\\u005fcount\":12}", &v) == AW_OK && v == 12);
	CHECK(scan("{\"\\u0073targazers_count\":13,\"stargazers_counts\":1}", &v) == AW_OK && v == 13);
	CHECK(scan("{\"stargazers_coun\":1,\"stargazers_countx\":2}", &v) == AW_ERR_NOTFOUND);
	CHECK(scan("{\"stargazers_count\\u00e9\":2}", &v) == AW_ERR_NOTFOUND);
	/* a value string that looks like the key is not a key */
	CHECK(scan("{\"a\":\"stargazers_count\",\"b\":[\"stargazers_count\",1]}", &v) ==
	      AW_ERR_NOTFOUND);
	/* only the top level counts (nested counts ignored) */
	CHECK(scan("{\"parent\":{\"stargazers_count\":4081}}", &v) == AW_ERR_NOTFOUND);
	/* repeated: the last one */
	CHECK(scan("{\"stargazers_count\":1,\"stargazers_count\":2}", &v) == AW_OK && v == 2);
	CHECK(scan("{}", &v) == AW_ERR_NOTFOUND);
	CHECK(scan("{\"message\":\"Not Found\",\"documentation_url\":"
		   "\"https://docs.github.com/rest/repos/repos#get-a-repository\",\"status\":\"404\"}",
		   &v) == AW_ERR_NOTFOUND);
	/* numbers elsewhere in every JSON form */
	CHECK(scan("{\"a\":-0,\"b\":0.25,\"c\":1E9,\"d\":2e-3,\"e\":-12.5E+7,\"f\":true,\"g\":null,"
		   "\"stargazers_count\":7}", &v) == AW_OK && v == 7);
	CHECK(split_invariant("{\"a\":-0,\"b\":[0.25,1E9,true,false,null,\"\\\"\"],"
			      "\"stargazers_count\":77 }", AW_OK, 77) == 0);
}

static void test_errors(void)
{
	uint64_t v = 0;

	/* the wanted value must be a non-negative integer */
	CHECK(scan("{\"stargazers_count\":-1}", &v) == AW_ERR_SYNTAX);
	CHECK(scan("{\"stargazers_count\":1.0}", &v) == AW_ERR_SYNTAX);
	CHECK(scan("{\"stargazers_count\":1e3}", &v) == AW_ERR_SYNTAX);
	CHECK(scan("{\"stargazers_count\":\"12\"}", &v) == AW_ERR_SYNTAX);
	CHECK(scan("{\"stargazers_count\":null}", &v) == AW_ERR_SYNTAX);
	CHECK(scan("{\"stargazers_count\":{\"n\":1}}", &v) == AW_ERR_SYNTAX);
	CHECK(scan("{\"stargazers_count\":[1]}", &v) == AW_ERR_SYNTAX);
	CHECK(scan("{\"stargazers_count\":18446744073709551616}", &v) == AW_ERR_SYNTAX);
	/* not JSON, or not an object */
	CHECK(scan("", &v) == AW_ERR_SYNTAX);
	CHECK(scan("[{\"stargazers_count\":1}]", &v) == AW_ERR_SYNTAX);
	CHECK(scan("58", &v) == AW_ERR_SYNTAX);
	CHECK(scan("{\"stargazers_count\":01}", &v) == AW_ERR_SYNTAX);
	CHECK(scan("{\"a\":1,}", &v) == AW_ERR_SYNTAX);
	CHECK(scan("{\"a\" 1}", &v) == AW_ERR_SYNTAX);
	CHECK(scan("{\"a\":[1,]}", &v) == AW_ERR_SYNTAX);
	CHECK(scan("{\"a\":[1}", &v) == AW_ERR_SYNTAX);
	CHECK(scan("{\"a\":{]}", &v) == AW_ERR_SYNTAX);
	CHECK(scan("{\"a\":tru}", &v) == AW_ERR_SYNTAX);
	CHECK(scan("{\"a\":\"\\x\"}", &v) == AW_ERR_SYNTAX);
	CHECK(scan("{\"a\":\"\\u12g4\"}", &v) == AW_ERR_SYNTAX);
	CHECK(scan("{\"a\":\"tab\there\"}", &v) == AW_ERR_SYNTAX);
	CHECK(scan("{\"a\":1.}", &v) == AW_ERR_SYNTAX);
	CHECK(scan("{\"a\":1e}", &v) == AW_ERR_SYNTAX);
	CHECK(scan("{\"a\":-}", &v) == AW_ERR_SYNTAX);
	CHECK(scan("{a:1}", &v) == AW_ERR_SYNTAX);
	CHECK(scan("{\"stargazers_count\":1} {}", &v) == AW_ERR_SYNTAX);
	CHECK(scan("{\"stargazers_count\":1}x", &v) == AW_ERR_SYNTAX);
	/* cut short anywhere: an error, never a count */
	{
		size_t n = strlen(fork), k, bad = 0;
		for (k = 0; k + 1 < n; k++) {
			/* the closing brace and the newline after it are the end */
			int rc = scan3(fork, k, k, k, &v);
			if (rc == AW_OK || rc == AW_ERR_NOTFOUND)
				bad++;
		}
		CHECKM(bad == 0, "%zu prefixes of the repository object were accepted", bad);
	}
	/* errors are sticky and say where */
	{
		aw_json_int_ctx j;
		aw_json_int_init(&j, KEY);
		CHECK(aw_json_int_feed(&j, "{\"a\":[1,]", 9) == AW_ERR_SYNTAX && j.offset == 8);
		CHECK(aw_json_int_feed(&j, "}", 1) == AW_ERR_SYNTAX);
		CHECK(aw_json_int_end(&j, &v) == AW_ERR_SYNTAX);
	}
	/* nesting: AW_JSON_DEPTH_MAX levels pass, one more is too deep */
	{
		static char doc[2 * AW_JSON_DEPTH_MAX + 64];
		size_t k, m, d = AW_JSON_DEPTH_MAX;
		/* {"a":[[...]],"stargazers_count":9}: the object and d - 1 arrays */
		k = (size_t)sprintf(doc, "{\"a\":");
		for (m = 1; m < d; m++)
			doc[k++] = '[';
		for (m = 1; m < d; m++)
			doc[k++] = ']';
		k += (size_t)sprintf(doc + k, ",\"stargazers_count\":9}");
		CHECK(scan3(doc, k, k / 2, k, &v) == AW_OK && v == 9);
		k = (size_t)sprintf(doc, "{\"a\":");
		for (m = 0; m < d; m++)
			doc[k++] = '[';
		for (m = 0; m < d; m++)
			doc[k++] = ']';
		doc[k++] = '}';
		CHECK(scan3(doc, k, 3, k, &v) == AW_ERR_TOOBIG);
	}
}

int main(void)
{
	test_shapes();
	test_errors();
	return aw_test_report("json");
}
