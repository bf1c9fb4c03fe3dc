/*
 * aw_serve.h - the POSIX side of the outputs people read: `awtrack feed`
 * (Atom / RSS / JSON Feed on stdout), `awtrack html --out DIR` (the
 * dashboard and the feeds as files) and `awtrack serve` (the same over
 * HTTP/1.1, poll()-based, loopback by default).
 */
#ifndef AW_SERVE_H
#define AW_SERVE_H

#include "aw_render.h"
#include "aw_store.h"

typedef struct awp_out_opts {
	const char *format;      /* feed: "atom", "rss" or "json" */
	int daily;               /* feed: the daily digest instead of the weekly */
	const char *site;        /* absolute http(s) URL the pages live under, or NULL */
	int current;             /* include the unfinished current period */
	long long now;           /* "now" for the current-period rule; 0 = the clock */
	const char *out_dir;     /* html */
	const char *listen;      /* serve: "127.0.0.1:8080" */
	unsigned weeks;          /* newest periods on a list page; 0 = default */
	int quiet;
} awp_out_opts;

/* Each prints its own errors and returns the process exit status. */
int awp_feed(const aw_store_ctx *s, const aw_page_info *pi, const awp_out_opts *oo);
int awp_html(const aw_store_ctx *s, const aw_page_info *pi, const awp_out_opts *oo);
int awp_serve(const aw_store_ctx *s, const aw_page_info *pi, const awp_out_opts *oo);

#endif
