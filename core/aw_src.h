/*
 * aw_src.h - the update logic of a list source, sans-I/O: a port (the
 * POSIX CLI, a board's main loop) asks it which request to make, hands it
 * what came back, and gets a new state record at the end. It owns no
 * socket, file, clock or heap; the large tables (two aw_datemap_ctx, one
 * aw_md_ctx) are the caller's.
 *
 * One update of an awesome list on GitHub:
 *
 *   aw_src_init(p, md, a, b, opts, env)
 *   aw_src_load(p, rec, len, &text, &tlen)     previous record (skip on first run)
 *   aw_src_feed_url(p, &src, &url)             GET it, with
 *   aw_src_cond_headers(p, &hdr)                 If-None-Match / If-Modified-Since
 *     304: nothing changed (write nothing)
 *     200: for each feed entry (newest first, as the feed lists them):
 *          aw_src_feed_entry(p, id, id_len, updated)
 *          then aw_src_feed_end(p, etag, last_modified)
 *   while (aw_src_next(p, &src, &url) == 1)    GET each new version (raw file)
 *          aw_src_version(p, text, len)
 *   aw_src_save(p, now, text, len, sink, user)  the new record
 *
 * Rules (issue 10, docs/awtrack.1):
 *  - first run (no record): the newest commit of the feed is the baseline:
 *    every item of that version is dated by that commit's time;
 *  - later runs: the feed's commits not seen before (the record keeps the
 *    last AW_SRC_SEEN_MAX commits seen, so a merged side branch's older
 *    commits count as new) are replayed oldest first: known identities
 *    keep their date, new ones get the commit's time, vanished ones are
 *    dropped (tal-spec 6.2);
 *  - no commit of the feed was seen before (more than 20 commits since
 *    the last poll, or a rewritten history): p->gap is set; the versions
 *    the feed shows are replayed, so what was added in the commits it no
 *    longer shows is dated by the oldest commit shown.
 *
 * The record: "AWS1", version, kind, last commit, its time, last success
 * time, ETag, Last-Modified, the commits seen, the identity -> date map
 * of the last version,
 * the text of the last version (rendering re-parses it), CRC-32. A record
 * with a bad magic, checksum or length is AW_ERR_SYNTAX, another version
 * AW_ERR_STATE: the caller reports it with its location and must not
 * replace it silently.
 */
#ifndef AW_SRC_H
#define AW_SRC_H

#include "aw.h"
#include "aw_md.h"
#include "aw_store.h"
#include "aw_track.h"

#define AW_SRC_RECORD_VERSION 1u
#define AW_SRC_GAP 1              /* aw_src_feed_end: the feed has a gap */

typedef struct aw_src_urls {
	const char *github_url;    /* "https://github.com" (no trailing '/') */
	const char *raw_url;       /* "https://raw.githubusercontent.com" */
	const char *owner, *repo, *branch, *file;
} aw_src_urls;

typedef struct aw_src_commit {
	char sha[41];
	uint8_t is_new;            /* not seen before: to be replayed */
	int64_t t;
} aw_src_commit;

typedef struct aw_src_seen {
	uint8_t sha[20];
	int64_t t;
} aw_src_seen;

typedef struct aw_src_ctx {
	aw_track_ctx trk;          /* private: the dates (the tracker does every
				      parse: aw_src_version, aw_src_render) */
	int have_state;            /* a record was loaded */
	char last_sha[41];
	int64_t last_time;         /* commit time of last_sha */
	int64_t last_ok;           /* time of the last successful update */
	char etag[AW_SRC_TAG_MAX], last_modified[AW_SRC_TAG_MAX];
	aw_src_commit feed[AW_SRC_FEED_MAX];
	int nfeed;                 /* entries seen in the feed */
	int feed_over;             /* the feed had more than AW_SRC_FEED_MAX */
	int next;                  /* index (into feed) of the next version */
	int gap;                   /* no commit of the feed was seen before */
	aw_src_seen seen[AW_SRC_SEEN_MAX];  /* commits seen, newest kept */
	uint32_t nseen;
	int versions;              /* versions replayed in this update */
	int rejected;              /* versions the parser rejected (skipped) */
	int64_t cur_t;             /* time of the version being replayed */
	int err;                   /* private: aw_src_init's error (bad options),
				      returned by the calls that parse */
	unsigned long items;       /* identities in the last version */
} aw_src_ctx;

/* md, a, b: the tracker's tables (aw_track_mem: a and b are initialised
 * here). opts is copied; env is used as in aw_md_init and must stay
 * valid. Bad options make the calls that parse fail with AW_ERR_ARG. */
void aw_src_init(aw_src_ctx *p, aw_md_ctx *md, aw_datemap_ctx *a, aw_datemap_ctx *b,
		  const aw_md_opts *opts, const aw_inl_env *env);

/*
 * Load a record. *text / *text_len get the stored last version (inside
 * rec: keep rec alive while using it). Returns AW_OK, AW_ERR_SYNTAX
 * (truncated, bad magic or checksum), AW_ERR_STATE (another record
 * version), AW_ERR_FULL (more identities than AW_STORE_DATEMAP_MAX).
 */
int aw_src_load(aw_src_ctx *p, const char *rec, size_t len, const char **text, size_t *text_len);

/* URL of the commit feed, appended to url. AW_ERR_FULL when it does not fit. */
int aw_src_feed_url(const aw_src_ctx *p, const aw_src_urls *s, aw_buf *url);
/* Conditional request headers ("If-None-Match: ...\r\n" and/or
 * "If-Modified-Since: ...\r\n"), appended to h; nothing on a first run. */
int aw_src_cond_headers(const aw_src_ctx *p, aw_buf *h);

/*
 * One entry of the commit feed, in feed order (newest first): its <id>
 * ("tag:github.com,2008:Grit::Commit/<40 hex>") and <updated> time.
 * AW_ERR_SYNTAX for an id of another form. Entries past AW_SRC_FEED_MAX
 * are ignored.
 */
int aw_src_feed_entry(aw_src_ctx *p, const char *id, size_t id_len, int64_t updated);

/*
 * The feed is complete. etag / last_modified (NUL-terminated, may be
 * NULL) are kept for the next conditional request. Returns the number of
 * versions to fetch (>= 0) and sets p->gap; AW_ERR_SYNTAX for a feed
 * without entries.
 */
int aw_src_feed_end(aw_src_ctx *p, const char *etag, const char *last_modified);

/*
 * Mark a commit (40 lowercase hex) as seen, with its time: for a record
 * made from a git history (export-state), whose commits must not count
 * as new. AW_ERR_SYNTAX for a malformed sha.
 */
int aw_src_seen_add(aw_src_ctx *p, const char *sha, int64_t t);
/*
 * The date of one identity of the last version, added to those held
 * (none after aw_src_init): for a record made from a git history
 * (export-state: the git replay's dates). AW_ERR_FULL past
 * AW_STORE_DATEMAP_MAX identities.
 */
int aw_src_date_put(aw_src_ctx *p, const uint8_t id[20], int64_t t);

/* 1 and the raw URL of the next version in url, or 0 when all were read. */
int aw_src_next(aw_src_ctx *p, const aw_src_urls *s, aw_buf *url);

/*
 * The bytes of the version named by the last aw_src_next (whole file).
 * Returns AW_OK (also for a version the parser rejects: it is skipped, as
 * in the git replay, and counted in p->rejected), AW_ERR_FULL / TOOBIG (a
 * capacity of this build), or another parser error.
 */
int aw_src_version(aw_src_ctx *p, const char *text, size_t len);

/*
 * Encode the new record through sink: the state after the versions read
 * (or the loaded one when none was). `now` is stored as the last success
 * time; text is the last version (the caller keeps the newest text).
 */
int aw_src_save(aw_src_ctx *p, int64_t now, const char *text, size_t len,
		 int (*sink)(void *user, const char *p, size_t n), void *user);

/*
 * Fill `store` (emptied first) with the items of `text` (the last
 * version), rendered with env (aw_track_finish; env is kept for later
 * calls), dated from the state. Items whose identity has no date (e.g. a
 * render env or options that change identities) are dated by the last
 * commit's time. Returns AW_OK or a parser/store error.
 */
int aw_src_render(aw_src_ctx *p, const aw_inl_env *env, const char *text, size_t len,
		   aw_store_ctx *store);


#endif /* AW_SRC_H */
