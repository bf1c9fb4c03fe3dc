/*
 * fuzz_json.c - libFuzzer harness for the streaming stargazers_count scan
 * (aw_json): the first byte picks a cut, the rest is the document; it is
 * scanned whole, in two pieces at the cut, and byte by byte. Result,
 * value and error offset must be identical. Any crash, sanitizer report
 * or abort() is a bug.
 */
#include "aw_json.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static int run(const char *p, size_t n, size_t step, aw_json_int_ctx *j, uint64_t *v)
{
	size_t i;
	int rc = AW_OK;

	aw_json_int_init(j, "stargazers_count");
	for (i = 0; i < n && rc == AW_OK; i += step)
		rc = aw_json_int_feed(j, p + i, n - i < step ? n - i : step);
	if (rc == AW_OK)
		rc = aw_json_int_end(j, v);
	return rc;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	aw_json_int_ctx a, b, c;
	uint64_t va = 0, vb = 0, vc = 0;
	size_t cut;
	int ra, rb, rc;

	if (size < 1)
		return 0;
	cut = data[0];
	data++;
	size--;
	ra = run((const char *)data, size, size ? size : 1, &a, &va);
	rb = run((const char *)data, size, 1, &b, &vb);
	rc = run((const char *)data, size, cut ? cut : 1, &c, &vc);
	if (ra != rb || ra != rc || a.offset != b.offset || a.offset != c.offset)
		abort();
	if (ra == AW_OK && (va != vb || va != vc || !a.found))
		abort();
	if (ra != AW_OK && ra != AW_ERR_NOTFOUND && ra != AW_ERR_SYNTAX && ra != AW_ERR_TOOBIG)
		abort();
	return 0;
}
