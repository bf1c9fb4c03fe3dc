/*
 * fuzz_conf.c - libFuzzer harness for the awtrack.conf parser: the input
 * is parsed whole and byte by byte; result, error line and every table
 * must be identical. Any crash, sanitizer report or abort() is a bug.
 */
#include "aw_conf.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static aw_conf ca, cb;
static aw_conf_ctx xa, xb;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *p = (const char *)data;
	size_t i;
	int ra, rb = AW_OK;

	aw_conf_init(&xa, &ca);
	ra = aw_conf_feed(&xa, p, size);
	if (ra == AW_OK)
		ra = aw_conf_end(&xa);
	aw_conf_init(&xb, &cb);
	for (i = 0; i < size && rb == AW_OK; i++)
		rb = aw_conf_feed(&xb, p + i, 1);
	if (rb == AW_OK)
		rb = aw_conf_end(&xb);
	if (ra != rb || xa.line != xb.line || strcmp(xa.msg, xb.msg))
		abort();
	if (ra == AW_OK) {
		if (ca.nsources != cb.nsources || ca.nfeeds != cb.nfeeds ||
		    memcmp(ca.sources, cb.sources, ca.nsources * sizeof ca.sources[0]) ||
		    memcmp(ca.feeds, cb.feeds, ca.nfeeds * sizeof ca.feeds[0]) ||
		    strcmp(ca.state, cb.state) || strcmp(ca.github_url, cb.github_url))
			abort();
		for (i = 0; i < ca.nsources; i++)
			if (!ca.sources[i].owner[0] || !ca.sources[i].repo[0] || !ca.sources[i].file[0])
				abort();
		for (i = 0; i < ca.nfeeds; i++)
			if (!ca.feeds[i].url[0])
				abort();
	}
	return 0;
}
