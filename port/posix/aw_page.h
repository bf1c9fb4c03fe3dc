/*
 * aw_page.h - the CLI's own weekly / daily pages (without --tal-compat):
 * a header that names the list and where it was read, headings without
 * links to trackawesomelist's /content/ pages, a final newline; as
 * Markdown or as plain text for a terminal (no Markdown escapes, wrapped
 * to a width). trackawesomelist's pages stay aw_render's (--tal-compat).
 */
#ifndef AW_PAGE_H
#define AW_PAGE_H

#include <stddef.h>

#include "aw_store.h"
#include "aw_digest.h"

typedef struct awp_info {
	const char *name;     /* the list's name, e.g. "Awesome Go" */
	const char *source;   /* where it was read: a GitHub URL, a remote, a path */
	const char *file;     /* the tracked file */
	int daily;            /* 0: by ISO week, 1: by UTC day */
	int text;             /* 0: Markdown, 1: plain text */
	unsigned width;       /* text: wrap at this many columns, 0 = no wrapping */
	int body;             /* no header */
	unsigned last;        /* newest periods to print, 0 = all */
	int nested;           /* nested entries are entries of their own
				 (aw_md_opts.nested): an entry's nested bullets
				 that have a link are left out of it */
} awp_info;

/*
 * Print the items of `s` into `out` as the digest walker `w` groups them
 * (newest period first, categories in order of first appearance in the
 * period, items in document order; w's state is overwritten). Returns 0,
 * the sink's error (out->err: printing stops there), or -1 when out of
 * memory.
 */
int awp_render(aw_digest_ctx *w, const aw_store_ctx *s, const awp_info *pi, aw_sink *out);

#endif
