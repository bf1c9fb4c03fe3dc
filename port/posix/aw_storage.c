/*
 * aw_storage.c - the storage contract (core/aw_port.h) on a POSIX file
 * system: DIR/<name> per record, replaced by writing DIR/.<name>.tmp,
 * fsync, rename over DIR/<name>, fsync of DIR. An exclusive non-blocking
 * flock() on DIR/lock keeps two runs apart. It never repairs or deletes a
 * record: judging content is the record codec's job, reporting it the
 * caller's.
 */
#define _GNU_SOURCE 1
#include "aw_storage.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

static int valid_name(const char *n)
{
	size_t i;
	if (!n[0] || n[0] == '.' || strlen(n) > 200)
		return 0;
	for (i = 0; n[i]; i++)
		if (!AW_IS_ALNUM(n[i]) && n[i] != '.' && n[i] != '-' && n[i] != '_')
			return 0;
	return 1;
}

/* count a mutating operation; the test hook makes the chosen one fail */
static int op_fails(aw_fs_store *st)
{
	st->ops++;
	if (st->fail_at && st->ops == st->fail_at) {
		errno = EIO;
		return 1;
	}
	return 0;
}

static int fail(aw_fs_store *st, const char *path, const char *what)
{
	snprintf(st->err, sizeof st->err, "%s: %s: %s", path, what, strerror(errno));
	return AW_ERR_IO;
}

static int st_lock(void *ctx)
{
	aw_fs_store *st = ctx;
	char path[1100];
	if (st->lock_fd >= 0)
		return AW_OK;
	snprintf(path, sizeof path, "%s/lock", st->dir);
	st->lock_fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (st->lock_fd < 0)
		return fail(st, path, "cannot open the lock file");
	if (flock(st->lock_fd, LOCK_EX | LOCK_NB)) {
		int e = errno;
		close(st->lock_fd);
		st->lock_fd = -1;
		if (e == EWOULDBLOCK) {
			snprintf(st->err, sizeof st->err,
				 "%s: another awtrack run holds the state lock", path);
			return AW_ERR_STATE;
		}
		errno = e;
		return fail(st, path, "flock");
	}
	return AW_OK;
}

static void st_unlock(void *ctx)
{
	aw_fs_store *st = ctx;
	if (st->lock_fd >= 0) {
		close(st->lock_fd); /* releases the flock */
		st->lock_fd = -1;
	}
}

static int st_read(void *ctx, const char *name, char *buf, size_t cap, size_t *len)
{
	aw_fs_store *st = ctx;
	char path[1100];
	size_t n = 0;
	int fd;

	*len = 0;
	if (!valid_name(name)) {
		snprintf(st->err, sizeof st->err, "invalid record name '%s'", name);
		return AW_ERR_ARG;
	}
	snprintf(path, sizeof path, "%s/%s", st->dir, name);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		if (errno == ENOENT)
			return AW_ERR_NOTFOUND;
		return fail(st, path, "cannot open");
	}
	for (;;) {
		ssize_t r;
		char extra;
		if (n == cap) {
			/* full: is there more? */
			r = read(fd, &extra, 1);
			if (r == 0)
				break;
			close(fd);
			if (r < 0)
				return fail(st, path, "read error");
			snprintf(st->err, sizeof st->err,
				 "%s: larger than the %zu bytes this build can hold", path, cap);
			return AW_ERR_TOOBIG;
		}
		r = read(fd, buf + n, cap - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			close(fd);
			return fail(st, path, "read error");
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	close(fd);
	*len = n;
	return AW_OK;
}

static void st_abort(void *ctx)
{
	aw_fs_store *st = ctx;
	if (st->tmp_fd >= 0) {
		close(st->tmp_fd);
		st->tmp_fd = -1;
		unlink(st->tmp_path);
	}
}

static int st_begin(void *ctx, const char *name)
{
	aw_fs_store *st = ctx;
	st_abort(st);
	if (!valid_name(name)) {
		snprintf(st->err, sizeof st->err, "invalid record name '%s'", name);
		return AW_ERR_ARG;
	}
	if (st->lock_fd < 0) {
		snprintf(st->err, sizeof st->err, "%s: write without the state lock", st->dir);
		return AW_ERR_STATE;
	}
	snprintf(st->final_path, sizeof st->final_path, "%s/%s", st->dir, name);
	snprintf(st->tmp_path, sizeof st->tmp_path, "%s/.%s.tmp", st->dir, name);
	st->written = 0;
	if (op_fails(st))
		return fail(st, st->tmp_path, "cannot create");
	st->tmp_fd = open(st->tmp_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (st->tmp_fd < 0)
		return fail(st, st->tmp_path, "cannot create");
	return AW_OK;
}

static int st_write(void *ctx, const void *p, size_t n)
{
	aw_fs_store *st = ctx;
	const char *s = p;
	if (st->tmp_fd < 0) {
		snprintf(st->err, sizeof st->err, "write outside begin/commit");
		return AW_ERR_STATE;
	}
	if (st->max_record && st->written + n > st->max_record) {
		snprintf(st->err, sizeof st->err, "%s: record larger than %lu bytes",
			 st->final_path, st->max_record);
		st_abort(st);
		return AW_ERR_FULL;
	}
	if (op_fails(st)) {
		int rc = fail(st, st->tmp_path, "write error");
		st_abort(st);
		return rc;
	}
	while (n) {
		ssize_t r = write(st->tmp_fd, s, n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			int rc = fail(st, st->tmp_path, errno == ENOSPC ? "disk full" : "write error");
			st_abort(st);
			return errno == ENOSPC ? AW_ERR_FULL : rc;
		}
		s += r;
		n -= (size_t)r;
		st->written += (unsigned long)r;
	}
	return AW_OK;
}

static int st_commit(void *ctx)
{
	aw_fs_store *st = ctx;
	int dfd, rc = AW_OK;
	if (st->tmp_fd < 0) {
		snprintf(st->err, sizeof st->err, "commit outside begin");
		return AW_ERR_STATE;
	}
	if (op_fails(st) || fsync(st->tmp_fd)) {
		rc = fail(st, st->tmp_path, "fsync");
		st_abort(st);
		return rc;
	}
	if (close(st->tmp_fd)) {
		st->tmp_fd = -1;
		rc = fail(st, st->tmp_path, "close");
		unlink(st->tmp_path);
		return rc;
	}
	st->tmp_fd = -1;
	if (op_fails(st) || rename(st->tmp_path, st->final_path)) {
		rc = fail(st, st->final_path, "rename");
		unlink(st->tmp_path);
		return rc;
	}
	/* the rename is durable once the directory is */
	dfd = open(st->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd < 0 || op_fails(st) || fsync(dfd))
		rc = fail(st, st->dir, "fsync of the state directory");
	if (dfd >= 0)
		close(dfd);
	return rc;
}

static const char *st_where(void *ctx)
{
	aw_fs_store *st = ctx;
	return st->err[0] ? st->err : "no error";
}

static const aw_storage_ops fs_ops = {
	st_lock, st_unlock, st_read, st_begin, st_write, st_commit, st_abort, st_where,
};

int aw_fs_store_open(aw_fs_store *st, aw_storage *s, const char *dir, int create)
{
	const char *f = getenv("AWTRACK_TEST_FAIL_STORAGE_OP");
	struct stat sb;

	memset(st, 0, sizeof *st);
	st->lock_fd = st->tmp_fd = -1;
	s->ops = &fs_ops;
	s->ctx = st;
	if (f && *f)
		st->fail_at = strtoul(f, NULL, 10);
	if (strlen(dir) >= sizeof st->dir - 1) {
		snprintf(st->err, sizeof st->err, "state directory path too long");
		return AW_ERR_ARG;
	}
	memcpy(st->dir, dir, strlen(dir) + 1);
	if (stat(dir, &sb)) {
		if (errno != ENOENT || !create)
			return fail(st, dir, "state directory");
		if (mkdir(dir, 0700))
			return fail(st, dir, "cannot create the state directory");
	} else if (!S_ISDIR(sb.st_mode)) {
		errno = ENOTDIR;
		return fail(st, dir, "state directory");
	}
	return AW_OK;
}

void aw_fs_store_close(aw_fs_store *st)
{
	st_abort(st);
	st_unlock(st);
}
