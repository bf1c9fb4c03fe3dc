/* aw_display_cli.h - `awtrack display` (aw_display_cli.c), called by awtrack.c. */
#ifndef AW_DISPLAY_CLI_H
#define AW_DISPLAY_CLI_H

#include "aw_store.h"

/* argv[i] is a display option: returns how many arguments it takes (1 or
 * 2), 0 when it is not one; exits with a message on a bad value. */
int aw_display_cli_opt(int argc, char **argv, int i);
/* Lay out, draw and write the digest of the store (the digest walker's
 * periods, weekly or `daily`, at most `max_periods` of them, 0 = as many
 * as fit); `name` is the list's display name (NULL: derived from `repo`).
 * Exits with a message on errors. */
void aw_display_cli_run(const aw_store_ctx *s, const char *name, const char *repo, int daily,
			unsigned max_periods);

#endif
