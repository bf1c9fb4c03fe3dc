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

/* One list of a dashboard: its items and identity. */
typedef struct awp_list {
	const aw_store_ctx *store;
	aw_page_info pi;         /* pi.owner NULL: an aggregate, named by pi.name */
	const char *path;        /* the aggregate's directory ("all/"); NULL for a list,
				    whose pages go to OWNER/REPO/ (or OWNER/REPO/FILE/),
				    or NAME/ for a feed (pi.owner "", pi.repo NAME) */
} awp_list;

/*
 * The lists of a dashboard (html, serve), loaded one at a time: load(user,
 * i, l) for i < n fills *l (the store may be reused by the next call),
 * and i == n the aggregate when `all` is set (its pages and feeds, not in
 * the index). load returns 0 or an exit status after printing why.
 * changed (serve; may be NULL): 1 when the lists must be loaded again,
 * updating *stamp (starts as `stamp`); checked about once a second.
 */
typedef struct awp_lists {
	size_t n;
	size_t (*count)(void *user);  /* may be NULL; else asked for n at each rendering
					 (serve: the configuration read again) */
	int all;
	int (*load)(void *user, size_t i, awp_list *l);
	int (*changed)(void *user, unsigned long long *stamp);
	unsigned long long stamp;
	void *user;
} awp_lists;

/* Each prints its own errors and returns the process exit status. */
int awp_feed(const aw_store_ctx *s, const aw_page_info *pi, const awp_out_opts *oo);
int awp_html(const aw_store_ctx *s, const aw_page_info *pi, const awp_out_opts *oo);
int awp_serve(const aw_store_ctx *s, const aw_page_info *pi, const awp_out_opts *oo);
/* html / serve of several lists: an index of every list's newest periods,
 * each list's pages and feeds; serve renders again when changed() says so
 * (new ETags; the previous pages answer until the new ones are ready). */
int awp_html_lists(const awp_lists *ls, const awp_out_opts *oo);
int awp_serve_lists(const awp_lists *ls, const awp_out_opts *oo);

#endif
