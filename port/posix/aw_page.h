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

typedef int (*awp_write_fn)(void *user, const char *p, size_t n);

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
 * Print the items of `s`, newest period first, categories in order of
 * first appearance in the period, items in document order. Returns 0, or
 * the first non-zero return of `w` (printing stops there), or -1 when out
 * of memory.
 */
int awp_render(const aw_store_ctx *s, const awp_info *pi, awp_write_fn w, void *user);

#endif
