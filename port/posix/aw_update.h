/*
 * aw_update.h - the network commands of the awtrack CLI (aw_update.c):
 * update, status, export-state, import-state; and the state as a source
 * for the renderers of awtrack.c (weekly, daily, feed, html, serve,
 * display with SOURCE or --all).
 */
#ifndef AW_UPDATE_H
#define AW_UPDATE_H

#include <stddef.h>

#include "aw_inline.h"
#include "aw_md.h"
#include "aw_store.h"

/* Non-zero when argv names a command of aw_update.c (update, status,
 * export-state, import-state), after the global options -c FILE / -q. */
int aw_update_wants(int argc, char **argv);
/* Run it; returns the process exit code (AW_EXIT_*). */
int aw_update_main(int argc, char **argv);

/* ---- the state as a source (render side) ----
 * aw_upd_conf first; the other calls use the configuration it read.
 * Strings stay valid until the process ends. */
typedef struct aw_upd_src {
	const char *key;        /* OWNER/REPO or OWNER/REPO/FILE as in the section name */
	const char *owner, *repo, *file, *branch;
	const aw_md_opts *md;   /* the section's parse options (what update dates with) */
	const char *url;        /* a feed's URL; NULL for a list */
	int feed;               /* 1: a [feed NAME] (key and repo are NAME, file "feed") */
} aw_upd_src;

/* Read the configuration (conf NULL: the default path, as update).
 * Returns 0 or an exit code after printing why (AW_EXIT_USAGE). Called
 * again (serve, when the file changed), it replaces the sources; when the
 * new file is unreadable or invalid the previous configuration stays. */
int aw_upd_conf(const char *conf);
/* A value that changes whenever the configuration file is replaced or
 * written (inode, size, mtime). */
unsigned long long aw_upd_conf_stamp(void);
/* The configuration file's path (for messages). */
const char *aw_upd_path(void);
/* Configured sources, lists first, then [feed NAME] sections, and
 * source i (NULL when i >= count). */
size_t aw_upd_count(void);
const aw_upd_src *aw_upd_source(size_t i);
/* Index of the source `key` names (as update takes it: OWNER/REPO names
 * the repository's README source; a feed by its NAME), or -1. */
long aw_upd_find(const char *key);
/* 1 when source i has a record in the state (update has run on it). */
int aw_upd_has_record(size_t i);
/*
 * Empty `out` and fill it with source i's items as its state record has
 * them (a feed: its kept entries as aw_fsrc renders them, md and env unused);
 * a list: the stored last version parsed with `md` (NULL: the source's
 * options) and rendered with `env` (links, stars), each item dated by the
 * record. When env has no star lookup and the source has stars on, its
 * badges come from the star cache of update and *stars_total (may be NULL)
 * gets the list's own count ("1.6K") or NULL; the text stays valid until
 * the next call. Reads without the state lock (records are replaced atomically).
 * Returns 0, or an exit code after printing why: AW_EXIT_STATE for no
 * record yet, a corrupt or foreign record, or a store capacity
 * (AW_STORE_ITEMS_MAX / AW_STORE_ARENA_MAX, named in the message).
 */
int aw_upd_render(size_t i, const aw_md_opts *md, aw_inl_env *env, aw_store_ctx *out,
		    const char **stars_total);
/* A value that changes whenever a configured source's record is
 * replaced (inode, size, mtime of each record file): serve re-reads then. */
unsigned long long aw_upd_stamp(void);

/* exit codes of every awtrack command (docs/awtrack.1, EXIT STATUS) */
enum {
	AW_EXIT_OK = 0,
	AW_EXIT_FAIL = 1,     /* other errors (git, output, internal) */
	AW_EXIT_USAGE = 2,    /* bad command line or configuration file */
	AW_EXIT_NET = 3,      /* a source failed: network, TLS, HTTP status, malformed feed, size limit */
	AW_EXIT_STATE = 4     /* state: corrupt or foreign record, locked, capacity, storage write failed */
};

#endif
