/*
 * aw_update.h - the network commands of the awtrack CLI (aw_update.c):
 * update, status, weekly/daily from state, export-state, import-state.
 */
#ifndef AW_UPDATE_H
#define AW_UPDATE_H

/* Non-zero when argv names a command of aw_update.c (also weekly/daily
 * without --git, and any command after -c FILE / -q). */
int aw_update_wants(int argc, char **argv);
/* Run it; returns the process exit code (AW_EXIT_*). */
int aw_update_main(int argc, char **argv);

/* exit codes of every awtrack command (docs/awtrack.1, EXIT STATUS) */
enum {
	AW_EXIT_OK = 0,
	AW_EXIT_FAIL = 1,     /* other errors (git, output, internal) */
	AW_EXIT_USAGE = 2,    /* bad command line or configuration file */
	AW_EXIT_NET = 3,      /* a source failed: network, TLS, HTTP status, malformed feed, size limit */
	AW_EXIT_STATE = 4     /* state: corrupt or foreign record, locked, capacity, storage write failed */
};

#endif
