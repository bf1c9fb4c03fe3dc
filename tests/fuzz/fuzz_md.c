/*
 * fuzz_md.c - libFuzzer harness for the list parser: the first bytes pick
 * the mode, options, rendering and chunk size; the rest is the document,
 * fed through both passes (and the document pass). Build and run with
 * `make fuzz` (clang, ASan + UBSan). Any crash, sanitizer report or leak
 * is a bug; AW_ERR_* returns are fine.
 */
#include "aw_md.h"

#include <stdint.h>
#include <string.h>

static aw_md_ctx md;
static volatile unsigned touched; /* keeps the reads below */

static int on_item(void *user, const aw_md_item *it)
{
	(void)user;
	/* touch every byte the item points at */
	for (size_t i = 0; i < it->md_len; i++) touched += (unsigned char)it->md[i];
	for (size_t i = 0; i < it->ident_len; i++) touched += (unsigned char)it->ident[i];
	for (size_t i = 0; i < it->category_len; i++) touched += (unsigned char)it->category[i];
	return 0;
}

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
	if (!aw_md_begin(&md, AW_MD_PASS_SCAN)) { feed(data, size, chunk); aw_md_end(&md); }
	if (!aw_md_begin(&md, AW_MD_PASS_ITEMS)) { feed(data, size, chunk); aw_md_end(&md); }
	if (!aw_md_begin_document(&md, sink, NULL)) { feed(data, size, chunk); aw_md_end(&md); }
	return 0;
}
