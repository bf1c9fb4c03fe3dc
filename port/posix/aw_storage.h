/*
 * aw_storage.h (port) - the POSIX implementation of the storage contract
 * (core/aw_port.h): one state directory, one file per record, atomic
 * replacement (temp file, fsync, rename, fsync of the directory) and an
 * exclusive flock() on DIR/lock.
 *
 * Test-only fault injection, loudly named: when the environment variable
 * AWTRACK_TEST_FAIL_STORAGE_OP=N is set, the N-th mutating operation
 * (open/write/fsync/rename of this process, counted from 1) fails with EIO.
 */
#ifndef AW_PORT_STORAGE_H
#define AW_PORT_STORAGE_H

#include "aw.h"
#include "aw_port.h"

typedef struct aw_fs_store {
	char dir[1024];
	int lock_fd;
	int tmp_fd;
	char tmp_path[1100];
	char final_path[1100];
	char err[1400];
	unsigned long ops;       /* mutating operations so far */
	unsigned long fail_at;   /* test hook, 0 = off */
	unsigned long max_record; /* AW_ERR_FULL beyond this many bytes, 0 = no limit */
	unsigned long written;
} aw_fs_store;

/* Prepare `st` for directory `dir` (created, mode 0700, when missing and
 * `create` is set). Fills s with its operations. AW_OK or AW_ERR_IO
 * (message in st->err). */
int aw_fs_store_open(aw_fs_store *st, aw_storage *s, const char *dir, int create);
/* Release the lock and any unfinished replacement. */
void aw_fs_store_close(aw_fs_store *st);

#endif
