/*
 * aw_render.h - per-list pages (docs/spec.md 8): the weekly and daily digest
 * pages of one tracked file, built from an aw_store_ctx, and the header of
 * the overview page. Output goes through a caller-supplied sink in many
 * small pieces; nothing is buffered beyond a label.
 */
#ifndef AW_RENDER_H
#define AW_RENDER_H

#include "aw.h"
#include "aw_store.h"
#include "aw_digest.h"

enum { AW_PAGE_WEEKLY = 0, AW_PAGE_DAILY = 1 };

/* aw_page_info.flags */
#define AW_RENDER_TAL_COMPAT 1u  /* TAL's week-label bug (7.3) and the
				    literal "null" overview description (8.4) */
#define AW_RENDER_SEED_ERA 2u    /* header of Oct 2022 (8.1 seed era): test
				    domain, feed.xml, blob repo link, no
				    Search / Sponsor, 3 blank lines after nav2 */
#define AW_RENDER_BODY 4u        /* only "\n\n" + the buckets: the layout of
				    the expected-*-body.md files */

/* Another file of a multi-file source, for "## Related Files" (8.2). */
typedef struct aw_related_file {
	const char *name;        /* display name */
	const char *file;        /* path in the repo, e.g. "books/x.md" */
} aw_related_file;

typedef struct aw_page_info {
	const char *owner;       /* "Friz-zy" (required) */
	const char *repo;        /* "awesome-linux-containers" (required) */
	const char *file;        /* tracked file, NULL = "README.md" */
	int index;               /* non-zero: the source's index file */
	const char *name;        /* NULL = derived (docs/spec.md 1: TitleCase of the
				    repo with '-' as space, + " (<file>)" when
				    not the index) */
	const char *description; /* NULL or "" = no description line */
	const char *repo_url;    /* NULL = "https://github.com/<owner>/<repo>" */
	const char *branch;      /* for blob links; NULL = "master" */
	const char *stars_total; /* "1.6K" (see aw_stars_total_format);
				    NULL = no star item in nav1 */
	const char *tag;         /* NULL = "Miscellaneous" */
	unsigned flags;          /* AW_RENDER_* */
	unsigned max_periods;    /* newest buckets to print, 0 = all */
	const aw_related_file *related;  /* other files (index page only) */
	size_t n_related;
} aw_page_info;

/*
 * Render trackawesomelist's weekly or daily page of the items in `s`,
 * walking them with the caller's digest walker `w` (aw_digest.h; its
 * state is overwritten, the store only read).
 *
 * Buckets are the walker's periods (ISO weeks or UTC days, newest first;
 * categories in order of first appearance, items in document order); an
 * empty category has no "###" line. The page has no trailing newline (or,
 * with AW_RENDER_BODY, exactly "\n\n" + buckets).
 *
 * Returns AW_OK, AW_ERR_ARG (kind, walker, store, sink, owner or repo
 * missing) or the sink's error (out->err: what its function returned;
 * nothing more is written, also when the sink had failed before the call).
 */
int aw_render_page(aw_digest_ctx *w, const aw_store_ctx *s, int kind, const aw_page_info *pi,
		   aw_sink *out);

/*
 * Header of the overview page (8.4), up to and including the "---" line
 * and the blank line after it: "# <name> Overview", the description
 * ("null" under AW_RENDER_TAL_COMPAT when there is none, otherwise the
 * paragraph is left out), nav1 without Search (feed = daily rss.xml),
 * nav2. The caller then writes the README body and the final empty line.
 * Same returns as aw_render_page.
 */
int aw_render_overview_header(const aw_page_info *pi, aw_sink *out);

/*
 * title-case 3.0.3 (docs/spec.md 1) of s[0..n) (UTF-8), appended to `out`.
 * Returns AW_OK or AW_ERR_FULL (out truncated).
 */
int aw_render_title_case(const char *s, size_t n, aw_buf *out);

#endif /* AW_RENDER_H */
