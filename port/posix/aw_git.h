/*
 * aw_git.h - the POSIX port's access to a git repository: git runs as a
 * child process (no shell), its output is streamed through pipes. The core
 * never sees git; it only gets the bytes. Children run without the
 * variables that would point them at another repository (GIT_DIR,
 * GIT_WORK_TREE, GIT_INDEX_FILE, ...): `dir` alone says which one.
 */
#ifndef AW_GIT_H
#define AW_GIT_H

#include <stddef.h>

#include "aw.h"

/*
 * Run `git -C dir <argv...>` (argv NULL-terminated, without "git").
 * stdout goes to `out` in chunks (NULL: discarded); stderr is collected
 * and, on failure, copied to `err` (NUL-terminated, at most errcap bytes).
 * Returns 0 on success, the sink's error (out->err, non-zero) if a write
 * failed (git is stopped then), or -1 when git failed (err then holds
 * git's message).
 */
int awg_run(const char *dir, const char *const *argv, aw_sink *out, char *err, size_t errcap);

/* Run and capture stdout into out (NUL-terminated, trailing newline removed). */
int awg_capture(const char *dir, const char *const *argv, char *out, size_t cap,
		char *err, size_t errcap);

/* A long-running `git cat-file --batch` for reading many blobs. */
typedef struct awg_batch awg_batch;

awg_batch *awg_batch_open(const char *dir);
/*
 * Read object `spec` (e.g. "<commit>:<path>"). On success *data and *len point
 * into a buffer owned by the batch, valid until the second next blob is read
 * (two buffers alternate, so a caller can compare a blob with the previous
 * one; a reply that is not a blob takes no buffer).
 * Returns 0, 1 when the object does not exist, 2 when it is not a blob (a
 * tree, a submodule commit: its body is dropped, *data = "", *len = 0), -1 on
 * I/O failure or a reply that is not exactly what cat-file answers.
 * `spec` is at most 4096 bytes and has no newline (cat-file reads one
 * request per line), else want returns -1.
 */
int awg_batch_get(awg_batch *b, const char *spec, const char **data, size_t *len);
/*
 * Pipelining: awg_batch_want sends a request without waiting (keep a few
 * in flight so git works while the caller does); awg_batch_read returns the
 * answer to the oldest unanswered request (same contract as
 * awg_batch_get, which is want + read). want returns 0 or -1; at most 16
 * requests may be in flight.
 */
int awg_batch_want(awg_batch *b, const char *spec);
int awg_batch_read(awg_batch *b, const char **data, size_t *len);
void awg_batch_close(awg_batch *b);

#endif
