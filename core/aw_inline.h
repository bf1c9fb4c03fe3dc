/*
 * aw_inline.h - inline (phrasing) content: CommonMark 0.30 + GFM inline
 * parsing of one block's text, and its serialization exactly as
 * mdast-util-to-markdown 1.5.0 (+ mdast-util-gfm 2.0.2) prints it,
 * including the safe() escaping of docs/spec.md 5.3, the link / image
 * rewriting of section 5.1 and the star badges of section 5.2.
 *
 * This is the contract between the markdown parser (aw_md: its serializer
 * aw_md_ser.c renders each leaf's text through it, its block parser
 * aw_md_block.c answers the definition lookups) and the inline module
 * (aw_inline.c). The inline module keeps no state between calls and
 * never allocates: all working memory is inside aw_inl_scratch, which the
 * caller owns (it is part of aw_md_ctx).
 */
#ifndef AW_INLINE_H
#define AW_INLINE_H

#include "aw.h"

/*
 * Link reference definition lookup. `label` is the raw label text as
 * written between the brackets (the callee normalizes it: case fold,
 * collapse internal whitespace, trim). On a match the callee sets the
 * destination and title (already unescaped/decoded, pointers stay valid
 * until the next call of aw_inl_render) and returns 1; 0 = no
 * definition (the brackets stay literal text, as in CommonMark).
 */
typedef int (*aw_inl_def_fn)(void *user, const char *label, size_t label_len,
			     const char **url, size_t *url_len,
			     const char **title, size_t *title_len, int *has_title);

/*
 * Star badge lookup for a github.com/<owner>/<repo> link (the caller of the
 * lookup has already applied every rule of section 5.2 but the map). owner
 * and repo are pathname segments as a WHATWG URL parser prints them
 * (percent-encoded; valid during the call only). Badges are decided on
 * the URLs as written, before the 5.1 rewriting (a relative link made
 * absolute gets none), as tests/oracle/items.mjs reads TAL. On a match set
 * *text and *text_len (e.g. "3.8k") and return 1; 0 = no badge.
 */
typedef int (*aw_stars_fn)(void *user, const char *owner, size_t owner_len,
			   const char *repo, size_t repo_len,
			   const char **text, size_t *text_len);

typedef struct aw_inl_env {
	/* Rewriting (section 5.1). repo_url NULL = no rewriting at all. */
	const char *repo_url;   /* "https://github.com/owner/repo", no slash at end */
	size_t repo_url_len;
	const char *branch;     /* e.g. "master" */
	size_t branch_len;
	const char *file_path;  /* tracked file, e.g. "README.md" or "docs/x.md" */
	size_t file_path_len;
	int fix_relative;       /* 0: TAL quirk (file path inserted as a directory);
				   1: resolve relative to the file's directory */
	aw_stars_fn stars;      /* NULL = no badges */
	void *stars_user;
	aw_inl_def_fn defs;     /* NULL = no reference definitions */
	void *defs_user;
} aw_inl_env;

/*
 * Convenience: zero *e, then set the three rewriting strings (each
 * NUL-terminated, or NULL to leave it unset) and their lengths. The
 * strings are not copied: they must outlive every use of *e.
 */
void aw_inl_env_init(aw_inl_env *e, const char *repo_url, const char *branch,
		     const char *file_path);

/* Where the phrasing is printed: decides which safe() patterns apply. */
enum aw_inl_ctx {
	AW_INL_PARAGRAPH = 0,  /* paragraph in a list item (or at the root) */
	AW_INL_HEADING = 1,    /* ATX heading text */
	AW_INL_TABLE_CELL = 2, /* GFM table cell (table-mode items) */
	AW_INL_ROOT = 3        /* phrasing serialized as a bare root: category text */
};

/* Flags of aw_inl_render. */
#define AW_INL_REWRITE 1u       /* apply sections 5.1 (URLs) and 5.2 (badges) */
#define AW_INL_STRIP_HEADING 2u /* drop html nodes and links whose URL starts
				   with '#' (list-mode category text, 3.1) */

/* What one call saw, accumulated over calls (caller zeroes it per item). */
typedef struct aw_inl_stats {
	unsigned links_hash;   /* link nodes whose URL starts with '#' */
	unsigned links_other;  /* all other link nodes (images do not count) */
	int first_link_found;  /* set once the first link has been serialized */
	int has_strike;        /* saw GFM strikethrough */
	int truncated;         /* some output did not fit */
	const char *limit;     /* the first capacity exceeded (e.g. "AW_INL_BRACKETS_MAX"), or NULL */
} aw_inl_stats;

/* Working memory of aw_inl_render (about 220 KiB with the default
 * options): the caller places it (static storage or inside its own
 * context); needs no initialisation; not shared between concurrent calls.
 * Its body is in aw_inline_int.h (private fields). */
typedef struct aw_inl_scratch aw_inl_scratch;

/*
 * Render one block's inline content.
 *
 * scratch: caller-owned working memory (struct defined in this header).
 * src/len: the block's raw inline text: its lines joined by '\n', with
 *   container prefixes (block quote markers, list item content indent)
 *   removed, the first line's leading whitespace and the last line's
 *   trailing whitespace removed. Keep any further leading whitespace of
 *   continuation lines: the parser drops it itself, except where micromark
 *   keeps it (inside code spans; beyond 3 columns in raw inline HTML).
 *   Stripping it in the caller is harmless everywhere else. The inline
 *   parser still needs trailing spaces / backslashes before inner newlines
 *   (hard breaks). At most AW_INL_TEXT_MAX bytes.
 * ctx: enum aw_inl_ctx. flags: AW_INL_*.
 * out: receives the serialized phrasing (no indentation: the block layer
 *   indents continuation lines, after '\n' and also after a lone '\r',
 *   which a &#13; reference can produce). Appended to; never
 *   NUL-terminated. NULL = parse only: stats and first_link are filled,
 *   nothing is serialized or rewritten (faster).
 * first_link: if non-NULL and stats->first_link_found is 0, the first link
 *   node (depth-first pre-order) is serialized standalone (section 4: no
 *   phrasing context, before any rewriting), trimmed, appended here, and
 *   stats->first_link_found is set.
 * stats: required; updated as described above.
 *
 * Contexts: AW_INL_PARAGRAPH prints as mdast-util-to-markdown does inside
 * listItem > paragraph; AW_INL_HEADING as the text after "# " of an ATX
 * heading (a leading space/tab is written as &#x20; / &#x9;, as the
 * heading handler does); AW_INL_TABLE_CELL as toMarkdown(tableCell) (the
 * caller trims); AW_INL_ROOT as a bare root (category text, with
 * AW_INL_STRIP_HEADING; the original throws on strikethrough there:
 * stats->has_strike tells the caller).
 * Links: inline, reference (through env->defs), autolinks and GFM literal
 * autolinks all become plain link nodes (remark-inline-links semantics).
 *
 * Returns AW_OK, AW_ERR_FULL when `out` or `first_link` truncated (the
 * flag is also set in stats), or AW_ERR_TOOBIG when the inline text
 * exceeds the scratch space (AW_INL_*_MAX options); on AW_ERR_TOOBIG
 * nothing useful was appended to `out` and stats may be partial.
 * Linear in len on any input (no rescans; failure caches for unmatched
 * backticks and HTML openers), except link/emphasis nesting bounded by
 * the scratch sizes.
 */

int aw_inl_render(aw_inl_scratch *scratch, const aw_inl_env *env,
		     const char *src, size_t len, int ctx, unsigned flags,
		     aw_buf *out, aw_buf *first_link, aw_inl_stats *stats);

/*
 * Rewrite an HTML node (block or inline) for section 5.1: every src="..."
 * of an <img is made absolute (raw URL), and /blob/ becomes /raw/ on
 * github.com. Copies to `out` unchanged when nothing applies.
 */
int aw_inl_rewrite_html(const aw_inl_env *env, const char *html, size_t len,
			   aw_buf *out);

/*
 * JavaScript String.prototype.trim on UTF-8: drops leading and trailing
 * Unicode white space (also U+00A0, U+FEFF, U+2000..U+200A, U+3000, ...),
 * as TAL does for category text, table cells and identifiers. Adjusts
 * *p / *n in place; never reads outside [*p, *p + *n).
 */
void aw_inl_trim(const char **p, size_t *n);

/* Private part: the body of aw_inl_scratch. */
#include "aw_inline_int.h"

#endif /* AW_INLINE_H */
