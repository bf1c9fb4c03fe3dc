/*
 * awparse - print the items aw_md finds in a markdown file, one JSON
 * object per line: {"identifier","category","markdown","line"}. The same
 * format as tests/oracle/items.mjs, for differential tests.
 *
 *   awparse [--type list|table|heading] [--max-heading-level N]
 *           [--min-heading-level N] [--heading-level N] [--no-category]
 *           [--repo-url URL] [--branch B] [--file PATH] [--stars TSV]
 *           [--no-render] [--chunk N] [--document] [FILE]
 *
 * --document prints the whole document serialized (overview page, 8.4)
 * instead of the items.
 *
 * Items come from the tracker (aw_track_parse), as the CLI gets them: the
 * whole text at once (AW_TRACK_CAP_WHOLE). With AWPARSE_SINGLE=1 in the
 * environment the tracker runs as a board's one-pass streaming mode
 * instead: the text is fed in --chunk pieces and fed again from its start
 * whenever the tracker asks (AW_TRACK_AGAIN).
 *
 * Test tool, not core: it uses stdio and malloc freely.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aw_md.h"
#include "aw_track.h"

static aw_md_ctx ctx;
static aw_datemap_ctx map_a, map_b;
static aw_store_ctx store;
static aw_track_ctx trk;
static FILE *out;

struct star { char *key; size_t klen; char *val; size_t vlen; };
static struct star *stars;
static size_t nstars;

static int star_fn(void *user, const char *owner, size_t ol, const char *repo, size_t rl,
		   const char **text, size_t *tl)
{
	size_t i;
	(void)user;
	for (i = 0; i < nstars; i++) {
		struct star *s = &stars[i];
		if (s->klen == ol + 1 + rl && !memcmp(s->key, owner, ol) && s->key[ol] == '/' &&
		    !memcmp(s->key + ol + 1, repo, rl)) {
			*text = s->val;
			*tl = s->vlen;
			return 1;
		}
	}
	return 0;
}

static void load_stars(const char *path)
{
	FILE *f = fopen(path, "rb");
	char line[4096];
	if (!f) {
		perror(path);
		exit(2);
	}
	while (fgets(line, sizeof line, f)) {
		size_t n = strlen(line);
		char *tab;
		while (n && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			line[--n] = 0;
		tab = strchr(line, '\t');
		if (!tab)
			continue;
		stars = realloc(stars, (nstars + 1) * sizeof *stars);
		if (!stars)
			exit(2);
		stars[nstars].klen = (size_t)(tab - line);
		stars[nstars].key = malloc(n + 1);
		if (!stars[nstars].key)
			exit(2);
		memcpy(stars[nstars].key, line, n + 1);
		stars[nstars].val = stars[nstars].key + stars[nstars].klen + 1;
		stars[nstars].vlen = n - stars[nstars].klen - 1;
		nstars++;
	}
	fclose(f);
}

static void jstr(const char *s, size_t n)
{
	size_t i;
	putc('"', out);
	for (i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];
		if (ch == '"')
			fputs("\\\"", out);
		else if (ch == '\\')
			fputs("\\\\", out);
		else if (ch == '\n')
			fputs("\\n", out);
		else if (ch == '\t')
			fputs("\\t", out);
		else if (ch == '\r')
			fputs("\\r", out);
		else if (ch == '\b')
			fputs("\\b", out);
		else if (ch == '\f')
			fputs("\\f", out);
		else if (ch < 0x20)
			fprintf(out, "\\u%04x", ch);
		else
			putc(ch, out);
	}
	putc('"', out);
}

static int item_fn(void *user, const aw_track_item *ti)
{
	const aw_md_item *it = ti->md;
	(void)user;
	fputs("{\"identifier\":", out);
	jstr(it->ident, it->ident_len);
	fputs(",\"category\":", out);
	jstr(it->category, it->category_len);
	fputs(",\"markdown\":", out);
	jstr(it->md, it->md_len);
	fprintf(out, ",\"line\":%lu}\n", (unsigned long)it->end_line);
	if (it->flags & AW_MD_F_TRUNC)
		fprintf(stderr, "awparse: item at line %lu truncated\n",
			(unsigned long)it->end_line);
	return 0;
}

static int sink_fn(void *user, const char *s, size_t n)
{
	(void)user;
	fwrite(s, 1, n, out);
	return 0;
}

/* the tracker's restart notification: the items printed so far are void */
static int restart_fn(void *user)
{
	(void)user;
	fclose(out);
	out = tmpfile();
	return out ? AW_OK : AW_ERR_IO;
}

/* the chunked calls of a streaming port: feed, and again from the start
 * while the tracker asks */
static int stream(const char *doc, size_t len, size_t chunk)
{
	size_t i;
	int r;
	do {
		r = AW_OK;
		for (i = 0; r == AW_OK && i < len; i += chunk)
			r = aw_track_feed(&trk, doc + i, len - i < chunk ? len - i : chunk);
		if (r == AW_OK)
			r = aw_track_end(&trk);
	} while (r == AW_TRACK_AGAIN);
	return r;
}

int main(int argc, char **argv)
{
	aw_md_opts o;
	aw_inl_env env;
	const char *path = NULL, *branch = "master", *file = "README.md", *repo = NULL;
	int render = 1, document = 0, chunk_given = 0, i, r;
	size_t chunk = 65536, len = 0, cap = 0;
	char *doc = NULL;
	FILE *f;

	aw_md_opts_default(&o);
	memset(&env, 0, sizeof env);
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (!strcmp(a, "--type") && v) {
			o.type = !strcmp(v, "table") ? AW_MD_TABLE :
				 !strcmp(v, "heading") ? AW_MD_HEADING : AW_MD_LIST;
			i++;
		} else if (!strcmp(a, "--max-heading-level") && v) {
			o.max_heading_level = atoi(v);
			i++;
		} else if (!strcmp(a, "--min-heading-level") && v) {
			o.min_heading_level = atoi(v);
			i++;
		} else if (!strcmp(a, "--heading-level") && v) {
			o.heading_level = atoi(v);
			i++;
		} else if (!strcmp(a, "--no-category")) {
			o.parse_category = 0;
		} else if (!strcmp(a, "--repo-url") && v) {
			repo = v;
			i++;
		} else if (!strcmp(a, "--branch") && v) {
			branch = v;
			i++;
		} else if (!strcmp(a, "--file") && v) {
			file = v;
			i++;
		} else if (!strcmp(a, "--stars") && v) {
			load_stars(v);
			i++;
		} else if (!strcmp(a, "--document")) {
			document = 1;
		} else if (!strcmp(a, "--no-render")) {
			render = 0;
		} else if (!strcmp(a, "--chunk") && v) {
			chunk = (size_t)atol(v);
			chunk_given = 1;
			if (!chunk)
				chunk = 1;
			i++;
		} else if (a[0] == '-' && a[1]) {
			fprintf(stderr, "awparse: unknown option %s\n", a);
			return 2;
		} else {
			path = a;
		}
	}
	if (repo)
		aw_inl_env_init(&env, repo, branch, file);
	if (nstars)
		env.stars = star_fn;
	f = path ? fopen(path, "rb") : stdin;
	if (!f) {
		perror(path);
		return 2;
	}
	for (;;) {
		size_t got;
		if (cap - len < 65536) {
			cap = cap ? cap * 2 : 1 << 20;
			doc = realloc(doc, cap);
			if (!doc)
				return 2;
		}
		got = fread(doc + len, 1, cap - len, f);
		if (!got)
			break;
		len += got;
	}
	if (path)
		fclose(f);
	/* items go to a temporary file first: a document the reference
	   rejects (AW_ERR_SYNTAX) prints the single line #ERROR instead */
	out = tmpfile();
	if (!out)
		return 2;
	{
		aw_track_mem mem;
		aw_track_cfg cfg;
		int streaming = getenv("AWPARSE_SINGLE") != NULL;
		memset(&mem, 0, sizeof mem);
		mem.md = &ctx;
		mem.map_a = &map_a;
		mem.map_b = &map_b;
		mem.store = &store;
		memset(&cfg, 0, sizeof cfg);
		cfg.caps = streaming ? 0 : AW_TRACK_CAP_WHOLE;
		cfg.opts = &o;
		cfg.env = &env;
		cfg.on_item = item_fn;
		cfg.on_restart = restart_fn;
		r = aw_track_init(&trk, &mem, &cfg);
		if (r == AW_OK && document) {
			aw_sink sk;
			aw_sink_init(&sk, sink_fn, NULL);
			r = aw_track_begin_document(&trk, &sk);
			if (r == AW_OK)
				r = stream(doc, len, chunk);
		} else if (r == AW_OK && (streaming || chunk_given)) {
			r = aw_track_begin_parse(&trk, render);
			if (r == AW_OK)
				r = stream(doc, len, chunk);
		} else if (r == AW_OK) {
			r = aw_track_parse(&trk, doc, len, render);
		}
	}
	if (r == AW_ERR_SYNTAX) {
		fputs("#ERROR\n", stdout);
		fflush(stdout);
		fprintf(stderr, "awparse: the reference rejects this document\n");
		free(doc);
		return 1;
	}
	{
		char b[65536];
		size_t got;
		rewind(out);
		while ((got = fread(b, 1, sizeof b, out)) > 0)
			fwrite(b, 1, got, stdout);
		fclose(out);
	}
	fflush(stdout);
	free(doc);
	if (r != AW_OK) {
		fprintf(stderr, "awparse: error %d (%s) at line %lu\n", r, aw_strerror(r),
			(unsigned long)ctx.line_no);
		return 1;
	}
	return 0;
}
