/*
 * aw_track.h - the tracker: how versions of a list become dated items in
 * an aw_store_ctx. Every port (git CLI, HTTPS poller, microcontroller), the
 * test tools, the bench and the fuzzer drive the pipeline through these
 * calls; none of them knows how many passes the parser makes.
 *
 *   import     a version whose items are dated by a per-line time (git
 *              blame: the committer time of the item's last line; or any
 *              rule the port has, e.g. "the time of the first poll")
 *   version    "here is the list as it was seen at time T": a known
 *              identity keeps its date, a new one gets T, a vanished one is
 *              dropped (tal-spec 6.2, 6.3)
 *   finish     the final version rendered into the store (tal-spec 5), with
 *              the dates of the last version
 *   parse      the items of a document without dating (test tools, bench)
 *   document   the whole document serialized for the overview page
 *              (tal-spec 8.4), to a sink; no dating
 *   restore    the dates of a saved state (a poller's record: identity ->
 *              date of its last version) instead of replaying history;
 *              aw_track_dates gives them back for the next record
 *
 * The port declares what it can do (aw_track_cfg.caps):
 *
 *   AW_TRACK_CAP_WHOLE  each version is handed in as one buffer that stays
 *                       valid and unchanged until the next version call has
 *                       returned (a desktop replaying git history: keep two
 *                       blob buffers and alternate). The tracker parses a
 *                       version twice when it must, and replays later
 *                       versions incrementally (aw_delta_ctx: only the part that
 *                       changed is parsed again) when given an aw_delta_ctx.
 *                       Versions are dated only; aw_track_finish renders.
 *   (none)              one-pass streaming: a version arrives in chunks and
 *                       is seen once (a microcontroller polling a raw file it
 *                       cannot hold). Its items are compared with the stored
 *                       set, dated, rendered and stored in the same pass. When
 *                       that pass cannot be verified to equal the reference's
 *                       two passes (a reference to a later definition, a
 *                       heading level guessed wrong), aw_track_feed or
 *                       aw_track_end returns AW_TRACK_AGAIN: the port reads
 *                       the same version again from its first byte (as
 *                       often as AGAIN is returned: twice at most).
 *
 * Chunked calls (both modes):
 *
 *   rc = aw_track_begin_version(t, seen);
 *   again:
 *     while (more bytes) { rc = aw_track_feed(t, p, n); if (rc) break; }
 *     if (rc == AW_OK) rc = aw_track_end(t);
 *     if (rc == AW_TRACK_AGAIN) { rewind the source; goto again; }
 *
 * Whole-text calls (aw_track_import, aw_track_version, aw_track_finish,
 * aw_track_parse) run that loop over a buffer themselves; with
 * AW_TRACK_CAP_WHOLE, aw_track_version also uses aw_delta_ctx.
 *
 * Errors (md4c style): a callback's non-zero return stops the work and is
 * returned to the caller unchanged; core errors are aw_err values. A
 * version the reference rejects as a whole (a category heading with
 * strikethrough) returns AW_ERR_SYNTAX and leaves the dates as they were
 * (the port goes on with the next version). After any other error the
 * tracker's state is unspecified: start again with aw_track_init.
 * Errors met by a first pass that is then redone (a callback that fails on
 * an item the unverified pass got wrong) never reach the caller: the
 * restart notification tells observers to drop what they were given.
 *
 * Memory: the tracker points at the big tables the caller owns
 * (aw_track_mem); the aw_track_ctx itself is small. Zero-malloc, no I/O.
 */
#ifndef AW_TRACK_H
#define AW_TRACK_H

#include "aw.h"
#include "aw_delta.h"
#include "aw_md.h"
#include "aw_replay.h"
#include "aw_store.h"

/* aw_track_cfg.caps */
#define AW_TRACK_CAP_WHOLE 1u

/* Returned by aw_track_feed / aw_track_end (streaming): feed the same
 * version again from its first byte, then aw_track_end again. Not an
 * error (positive). */
#define AW_TRACK_AGAIN 1

/* The tables the tracker works on; the caller owns them (large: static
 * storage or a port's heap) and keeps them for the tracker's lifetime. */
typedef struct aw_track_mem {
	aw_md_ctx *md;          /* the parser (required) */
	aw_datemap_ctx *map_a;      /* the replay's two maps (required) */
	aw_datemap_ctx *map_b;
	aw_store_ctx *store;        /* the items: required in streaming mode;
				   with AW_TRACK_CAP_WHOLE it may be NULL
				   until aw_track_set_store (a tracker that
				   only dates until it renders) */
	aw_delta_ctx *delta;        /* AW_TRACK_CAP_WHOLE: incremental replay of
				   versions; NULL: every version parsed whole */
	aw_md_cache *cache;     /* with delta: item cache (may be NULL) */
} aw_track_mem;

/* One item, for observers (aw_track_cfg.on_item). Valid during the call. */
typedef struct aw_track_item {
	const aw_md_item *md;   /* the parser's item: category, identifier,
				   rendered markdown (empty unless rendered),
				   lines, flags */
	const uint8_t *id;      /* 20-byte identity (SHA-1 of the identifier);
				   NULL in a parse (nothing is dated there) */
	int64_t time;           /* its date; 0 in a parse */
} aw_track_item;

typedef int (*aw_track_item_fn)(void *user, const aw_track_item *it);
/* The items reported since the current version began are void: a new pass
 * over the version follows. */
typedef int (*aw_track_restart_fn)(void *user);
/* Import: the time of source line `line` (1-based) into *t. Non-zero
 * return: error, passed back to the caller (aw_track_err_line says which
 * item's line). */
typedef int (*aw_track_time_fn)(void *user, uint32_t line, int64_t *t);

typedef struct aw_track_cfg {
	unsigned caps;                  /* AW_TRACK_CAP_* */
	const aw_md_opts *opts;         /* NULL: aw_md_opts_default (copied) */
	const aw_inl_env *env;          /* NULL: no rewriting / badges; must
					   outlive the tracker */
	aw_track_item_fn on_item;       /* optional observer: every item of an
					   import, a finish, a parse and a
					   streamed version, in document order,
					   duplicates included; not of versions
					   replayed incrementally (aw_delta_ctx) */
	aw_track_restart_fn on_restart; /* optional */
	void *user;                     /* for on_item and on_restart */
	int since_on;                   /* non-zero: only items dated at or after */
	int64_t since;                  /* `since` are stored (a digest from a
					   date on); dating is unchanged */
} aw_track_cfg;

typedef struct aw_track_stats {
	unsigned long versions;     /* versions accepted (import included) */
	unsigned long rejected;     /* versions rejected (AW_ERR_SYNTAX) */
	unsigned long fallbacks;    /* versions whose first pass was redone */
	unsigned long truncated;    /* items larger than the item buffers
				       (AW_MD_F_TRUNC), in accepted passes */
	unsigned long final_items;  /* items of the last finish (or streamed
				       version), stored or not (store_since) */
	unsigned long final_truncated; /* of those, items cut by a capacity
				       (AW_MD_F_TRUNC): each counted once;
				       after aw_track_document: the
				       top-level blocks it cut */
	const char *limits[AW_TRACK_LIMITS_MAX]; /* the capacities that cut them
				       (aw_md_item.limit, "?" if unnamed), */
	unsigned nlimits;           /* each once, first AW_TRACK_LIMITS_MAX */
	unsigned long same, windows, wholes;  /* aw_delta_ctx's counts */
	unsigned long long window_bytes;
} aw_track_stats;

/* The tracker (caller-owned; fields are private to aw_track.c). */
typedef struct aw_track_ctx {
	aw_track_mem m;
	aw_track_cfg cfg;
	aw_md_opts opts;
	aw_replay_ctx rp;
	int kind, stage, render, delta_ready, delta_used, hint, have_version;
	int64_t seen;
	aw_track_time_fn time_fn;
	void *time_user;
	uint32_t err_line;
	aw_sink *doc_out;               /* document pass */
	const char *last;               /* AW_TRACK_CAP_WHOLE: the last version */
	size_t last_len;
	unsigned long trunc, trunc0, rejected, fallbacks, versions, items, final_items;
	unsigned long final_trunc;
	const char *plim[AW_TRACK_LIMITS_MAX], *flim[AW_TRACK_LIMITS_MAX];
	unsigned nplim, nflim;          /* limits of this pass / the final one */
	aw_track_stats dsum;            /* aw_delta_ctx's counts before its last init */
	int undated_on;                 /* aw_track_set_undated */
	int64_t undated;
} aw_track_ctx;

/*
 * Prepare a tracker: initialises the maps, the replay, the store, the cache
 * (O(capacity): once). `m` is copied (the tables are not). Returns AW_OK or
 * AW_ERR_ARG (a required table missing, bad options).
 */
int aw_track_init(aw_track_ctx *t, const aw_track_mem *m, const aw_track_cfg *cfg);

/*
 * Between versions (else AW_ERR_STATE): the store the next renders go
 * into (not initialised here: every render empties it first), and the
 * renderer environment of the next passes (NULL: none; it must outlive
 * the tracker; identities are computed with it, so the dates of a
 * finish are found only when its identities equal the last version's).
 */
int aw_track_set_store(aw_track_ctx *t, aw_store_ctx *store);
int aw_track_set_env(aw_track_ctx *t, const aw_inl_env *env);
/*
 * A finish dates an identity the last version does not have by `time`
 * instead of failing with AW_ERR_STATE: for a saved state made with other
 * parser options or another environment (aw_src). Off after init.
 */
void aw_track_set_undated(aw_track_ctx *t, int64_t time);

/* ---- chunked versions ---- */

/* Import (tal-spec 6.1): items dated by `fn` at their end line. */
int aw_track_begin_import(aw_track_ctx *t, aw_track_time_fn fn, void *user);
/* A version seen at `seen`. */
int aw_track_begin_version(aw_track_ctx *t, int64_t seen);
/* The final render pass into the store (dates of the last version). */
int aw_track_begin_finish(aw_track_ctx *t);
/* Items of a document, reported to on_item only (render: with markdown). */
int aw_track_begin_parse(aw_track_ctx *t, int render);
/* The document serialized to `out` (which must stay valid until the end):
 * always two passes, so aw_track_end returns AW_TRACK_AGAIN once. The
 * sink's error ends the pass and is returned. */
int aw_track_begin_document(aw_track_ctx *t, aw_sink *out);
/*
 * The next bytes of the version (any split). Returns AW_OK,
 * AW_TRACK_AGAIN (streaming: stop, and feed the version again from its
 * first byte), AW_ERR_STATE (no version begun), or an error as above.
 */
int aw_track_feed(aw_track_ctx *t, const char *p, size_t n);
/*
 * End of the version. Returns AW_OK (done: the dates / the store hold
 * this version), AW_TRACK_AGAIN (feed it again, then end again),
 * AW_ERR_SYNTAX (rejected: nothing changed, except that in streaming mode
 * the store holds a partial version until the next accepted one), or an
 * error.
 */
int aw_track_end(aw_track_ctx *t);

/* ---- whole texts ---- */

int aw_track_import(aw_track_ctx *t, const char *text, size_t len, aw_track_time_fn fn,
		    void *user);
int aw_track_version(aw_track_ctx *t, int64_t seen, const char *text, size_t len);
/*
 * Finish: render `text` (the final version) into the store. text NULL:
 * streaming mode has nothing to do (each version was stored as it came);
 * AW_TRACK_CAP_WHOLE renders the last version given (its buffer must still
 * be valid).
 */
int aw_track_finish(aw_track_ctx *t, const char *text, size_t len);
int aw_track_parse(aw_track_ctx *t, const char *text, size_t len, int render);
int aw_track_document(aw_track_ctx *t, const char *text, size_t len, aw_sink *out);

/* ---- saved state ---- */

/*
 * Replace the dates of the last version by a saved state's: restore_begin
 * forgets them (and the last text), then one aw_track_restore per
 * identity (a repeated identity keeps the last time given; right after
 * aw_track_init there are none to forget). Afterwards the tracker has a
 * last version: aw_track_version dates against it and aw_track_finish
 * renders with it (the saved text given; with AW_TRACK_CAP_WHOLE and
 * aw_delta_ctx the next version is parsed whole). AW_ERR_STATE inside a
 * version, AW_ERR_FULL past AW_STORE_DATEMAP_MAX identities.
 */
int aw_track_restore_begin(aw_track_ctx *t);
int aw_track_restore(aw_track_ctx *t, const uint8_t id[20], int64_t time);
/* The identity -> date map of the last version (for a saved state; read
 * only, valid until the next version or restore). */
const aw_datemap_ctx *aw_track_dates(const aw_track_ctx *t);

/* ---- results ---- */

/* The store (valid after a finish, or after a streamed version; NULL
 * while none is set). */
const aw_store_ctx *aw_track_store(const aw_track_ctx *t);
/* Date of an identity in the last version: 1 and *time set, or 0. */
int aw_track_date(const aw_track_ctx *t, const uint8_t id[20], int64_t *time);
/* Source line of the item at which the last error occurred (0 = none). */
uint32_t aw_track_err_line(const aw_track_ctx *t);


void aw_track_get_stats(const aw_track_ctx *t, aw_track_stats *s);

#endif /* AW_TRACK_H */
