/*
 * aw_replay.h - identity -> "added" time bookkeeping across versions of a
 * list (docs/spec.md 6.2 / 6.3). The same code dates items in a replay of git
 * history and on a live device that polls the list: an identity seen in the
 * previous version keeps its time, a new one gets the time the version was
 * seen, a vanished one is dropped.
 *
 * The two maps are caller-owned (aw_datemap_ctx, aw_store.h); nothing else is
 * kept, so memory is proportional to the current list, not to history.
 */
#ifndef AW_REPLAY_H
#define AW_REPLAY_H

#include "aw.h"
#include "aw_store.h"

typedef struct aw_replay_ctx {
	aw_datemap_ctx *prev;   /* dates of the last completed version */
	aw_datemap_ctx *cur;    /* dates of the version being read */
	int64_t seen;       /* time the current version was seen */
	int in_version;     /* between begin and end: 1 whole, 2 delta */
	uint32_t added;     /* new identities in the last version */
	uint32_t kept;      /* identities carried over in the last version */
} aw_replay_ctx;

/* a and b: two initialised maps owned by the caller (not copied). */
void aw_replay_init(aw_replay_ctx *r, aw_datemap_ctx *a, aw_datemap_ctx *b);

/*
 * Import (6.1): record an identity with its blame date. Later calls for the
 * same identity overwrite (the later duplicate wins). Call between
 * aw_replay_begin(r, 0) and aw_replay_end(r).
 */
int aw_replay_import(aw_replay_ctx *r, const uint8_t id[20], int64_t t);

/* Start a version seen at time `seen` (its new identities get this time). */
int aw_replay_begin(aw_replay_ctx *r, int64_t seen);
/* One item identity of the current version. */
int aw_replay_item(aw_replay_ctx *r, const uint8_t id[20]);
/* Finish the version: it becomes the reference for the next one. */
int aw_replay_end(aw_replay_ctx *r);

/*
 * Delta version (incremental replay, aw_delta.h): instead of listing every
 * identity of the new version, name only the changes against the previous
 * one: aw_replay_add for each identity occurrence that appears, then
 * aw_replay_remove for each occurrence that disappears (adds first: an
 * identity that moves keeps its date), then aw_replay_end. Occurrences are
 * counted, so duplicates work. The previous version's map is changed in
 * place: a delta version cannot be aborted (collect the changes, apply
 * them once the version is known to be good). remove returns AW_ERR_STATE
 * for an identity that is not present.
 */
int aw_replay_begin_delta(aw_replay_ctx *r, int64_t seen);
int aw_replay_add(aw_replay_ctx *r, const uint8_t id[20]);
int aw_replay_remove(aw_replay_ctx *r, const uint8_t id[20]);

/* Abandon the current version (e.g. it could not be parsed): the last
 * completed version stays the reference, as if this one was never seen. */
int aw_replay_abort(aw_replay_ctx *r);

/* Date of an identity in the last completed version: 1 found, 0 not. */
int aw_replay_date(const aw_replay_ctx *r, const uint8_t id[20], int64_t *t);

#endif
