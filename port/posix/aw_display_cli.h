/* aw_display_cli.h - `awtrack display` (aw_display_cli.c), called by awtrack.c. */
#ifndef AW_DISPLAY_CLI_H
#define AW_DISPLAY_CLI_H

#include "aw_store.h"

/* argv[i] is a display option: returns how many arguments it takes (1 or
 * 2), 0 when it is not one; a bad value: AW_ERR_ARG with the message in
 * errbuf (a command-line error). */
int aw_display_cli_opt(int argc, char **argv, int i, char *errbuf, size_t errbuf_cap);
/* Lay out, draw and write the digest of the store (the digest walker's
 * periods, weekly or `daily`, at most `max_periods` of them, 0 = as many
 * as fit); `name` is the list's display name (NULL: derived from `repo`).
 * Returns AW_OK, or an error with the message in errbuf; *cmdline_err is
 * set when it is a command-line error (a missing or conflicting display
 * option), else the run failed. */
int aw_display_cli_run(const aw_store_ctx *s, const char *name, const char *repo, int daily,
		       unsigned max_periods, char *errbuf, size_t errbuf_cap, int *cmdline_err);

#endif
