/*
 * aw_blame.h - streaming parser of `git blame --line-porcelain` output
 * (docs/spec.md 6.1): for every line of the blamed file, the committer time of
 * the commit that last touched it.
 *
 * Input arrives in chunks of any size (a pipe). Content lines are never
 * buffered, only skipped, so a line of any length costs no memory. Only
 * the first AW_BLAME_LINE_MAX bytes of header and key lines are kept.
 */
#ifndef AW_BLAME_H
#define AW_BLAME_H

#include "aw.h"

/*
 * Called once per line of the blamed file, in output order (1, 2, ...),
 * with its 1-based final line number and the committer-time of its
 * commit. A non-zero return stops the parse; aw_blame_feed / aw_blame_end
 * then return that value.
 */
typedef int (*aw_blame_fn)(void *user, uint32_t final_line, int64_t committer_time);

typedef struct aw_blame_ctx {
	aw_blame_fn fn;
	void *user;
	int state;                     /* where in the record we are */
	int err;                       /* sticky result */
	char buf[AW_BLAME_LINE_MAX];   /* start of the current line */
	size_t len;                    /* bytes of the line seen (may exceed buf) */
	uint32_t final_line;           /* of the current record */
	int64_t ctime;                 /* committer-time of the current record */
	int have_ctime;
	unsigned long lines;           /* records delivered */
} aw_blame_ctx;                    /* opaque */

/* Start a parse; fn must not be NULL. */
void aw_blame_init(aw_blame_ctx *c, aw_blame_fn fn, void *user);
/*
 * Feed the next chunk. Returns AW_OK, AW_ERR_SYNTAX on malformed input (a
 * bad header line, a record without committer-time, a number out of
 * range), or the callback's non-zero return when it stopped it. Errors are
 * sticky.
 */
int aw_blame_feed(aw_blame_ctx *c, const char *p, size_t n);
/* End of input: AW_OK when the input ended after a complete record (or
 * was empty), AW_ERR_SYNTAX when it stopped inside one, or the sticky error. */
int aw_blame_end(aw_blame_ctx *c);

#endif /* AW_BLAME_H */
