/*
 * aw_html.h - the self-contained HTML dashboard: one page per list (its
 * latest weeks or days, as the digest pages' sections) and an index page
 * with the latest periods of every list. No scripts, fonts or images; one
 * inline style sheet (light and dark through prefers-color-scheme, fluid
 * from a phone to a 7" 800x480 screen) and a Content-Security-Policy that
 * forbids scripts even if markup were ever injected.
 *
 * Everything that comes from a README is escaped; only http(s) links are
 * written (aw_feedout_md_html of aw_feedout.h). Output streams into an aw_sink.
 */
#ifndef AW_HTML_H
#define AW_HTML_H

#include "aw.h"
#include "aw_feedout.h"

typedef struct aw_html_info {
	int kind;                /* AW_PAGE_WEEKLY or AW_PAGE_DAILY */
	const char *name;        /* list name (required) */
	const char *description; /* NULL or "" = none */
	const char *repo_url;    /* http(s) URL of the list's repository, or NULL */
	const char *root;        /* relative path from this page to the site root,
				    e.g. "../../../" (NULL = "") */
	const char *list_path;   /* path of the list under the root, e.g.
				    "Friz-zy/awesome-linux-containers/" (required) */
	unsigned max_periods;    /* 0 = all */
	int64_t until;           /* leave out items at or after this time (0 =
				    none); the start of a period
				    (aw_digest_period_start) leaves out that
				    period and later ones */
} aw_html_info;

/*
 * A list's page: header (name, description, links to the other kind, the
 * three feeds and the repository), then one <section id="<anchor>"> per
 * period (the ids the feeds link to). The page lives at
 * <root><list_path>week/index.html (weekly) or <root><list_path>index.html
 * (daily); its relative links assume that.
 * The periods come from the caller's digest walker `w` (its state is
 * overwritten; the store is only read).
 * Returns AW_OK, AW_ERR_ARG or the sink's error (out->err).
 */
int aw_html_page(aw_digest_ctx *w, const aw_store_ctx *s, const aw_html_info *hi, aw_sink *out);

/*
 * The index page (<root>index.html): aw_html_index_begin, one
 * aw_html_index_list per list (its newest hi->max_periods periods, with a
 * link to its weekly page), aw_html_index_end. Same returns.
 */
int aw_html_index_begin(const char *title, aw_sink *out);
int aw_html_index_list(aw_digest_ctx *w, const aw_store_ctx *s, const aw_html_info *hi,
		       aw_sink *out);
int aw_html_index_end(aw_sink *out);

#endif /* AW_HTML_H */
