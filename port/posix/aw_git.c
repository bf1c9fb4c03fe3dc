/*
 * aw_git.c - spawn git with pipes (posix_spawn, no shell, no quoting
 * problems) and stream its output. Deliberately no libgit2: git itself is
 * the reference for blame and history, and pipes keep memory flat.
 *
 * The children get the caller's environment minus the variables that
 * point git at another repository (GIT_DIR, GIT_WORK_TREE, GIT_INDEX_FILE,
 * ... as `git rev-parse --local-env-vars` lists them, and the `git -c`
 * variables): inside a git hook those are set for the hook's repository,
 * and `-C dir` alone would not win over them. cat-file replies are parsed
 * exactly against the request they answer (a file name cannot make a
 * "missing" reply look like an object header).
 */
#define _GNU_SOURCE 1 /* F_SETPIPE_SZ (Linux; used only if defined) */
#include "aw_git.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

#define AWG_MAX_ARGS 64

/* Variables that make git read another repository than `-C dir` names
 * (`git rev-parse --local-env-vars`, git 2.39), plus those of `git -c`
 * and of hooks: removed from the children's environment. */
static const char *const git_local_env[] = {
	"GIT_ALTERNATE_OBJECT_DIRECTORIES", "GIT_CONFIG", "GIT_CONFIG_PARAMETERS",
	"GIT_CONFIG_COUNT", "GIT_OBJECT_DIRECTORY", "GIT_DIR", "GIT_WORK_TREE",
	"GIT_IMPLICIT_WORK_TREE", "GIT_GRAFT_FILE", "GIT_INDEX_FILE",
	"GIT_NO_REPLACE_OBJECTS", "GIT_REPLACE_REF_BASE", "GIT_PREFIX",
	"GIT_INTERNAL_SUPER_PREFIX", "GIT_SHALLOW_FILE", "GIT_COMMON_DIR",
	"GIT_QUARANTINE_PATH", "GIT_NAMESPACE", NULL};

static int is_git_local(const char *kv)
{
	size_t i, n = strcspn(kv, "=");
	if (n > 11 && (!strncmp(kv, "GIT_CONFIG_KEY_", 15) || !strncmp(kv, "GIT_CONFIG_VALUE_", 17)))
		return 1;
	for (i = 0; git_local_env[i]; i++)
		if (strlen(git_local_env[i]) == n && !strncmp(kv, git_local_env[i], n))
			return 1;
	return 0;
}

/* The children's environment: built once, on first use. */
static char **child_env(void)
{
	static char **env;
	size_t n = 0, k = 0, i;
	if (env)
		return env;
	while (environ[n])
		n++;
	env = malloc((n + 1) * sizeof *env);
	if (!env)
		return environ; /* cannot filter: spawning fails the same way */
	for (i = 0; i < n; i++)
		if (!is_git_local(environ[i]))
			env[k++] = environ[i];
	env[k] = NULL;
	return env;
}

static int spawn_git(const char *dir, const char *const *argv, int *in_fd,
		     int *out_fd, int *err_fd, pid_t *pid)
{
	const char *args[AWG_MAX_ARGS + 4];
	int pin[2] = {-1, -1}, pout[2] = {-1, -1}, perr[2] = {-1, -1};
	posix_spawn_file_actions_t fa;
	size_t n = 0, i;
	int rc;

	args[n++] = "git";
	args[n++] = "-C";
	args[n++] = dir;
	for (i = 0; argv[i]; i++) {
		if (n >= AWG_MAX_ARGS + 3)
			return -1;
		args[n++] = argv[i];
	}
	args[n] = NULL;
	if ((in_fd && pipe(pin)) || pipe(pout) || pipe(perr))
		return -1;
	posix_spawn_file_actions_init(&fa);
	if (in_fd) {
		posix_spawn_file_actions_adddup2(&fa, pin[0], 0);
		posix_spawn_file_actions_addclose(&fa, pin[1]);
		posix_spawn_file_actions_addclose(&fa, pin[0]);
	}
	posix_spawn_file_actions_adddup2(&fa, pout[1], 1);
	posix_spawn_file_actions_adddup2(&fa, perr[1], 2);
	posix_spawn_file_actions_addclose(&fa, pout[0]);
	posix_spawn_file_actions_addclose(&fa, perr[0]);
	posix_spawn_file_actions_addclose(&fa, pout[1]);
	posix_spawn_file_actions_addclose(&fa, perr[1]);
	rc = posix_spawnp(pid, "git", &fa, NULL, (char *const *)args, child_env());
	posix_spawn_file_actions_destroy(&fa);
	if (in_fd)
		close(pin[0]);
	close(pout[1]);
	close(perr[1]);
	if (rc) {
		if (in_fd)
			close(pin[1]);
		close(pout[0]);
		close(perr[0]);
		errno = rc;
		return -1;
	}
	if (in_fd)
		*in_fd = pin[1];
	*out_fd = pout[0];
	*err_fd = perr[0];
	return 0;
}

/* Drain stderr after stdout is done (git writes little there). */
static void slurp(int fd, char *err, size_t errcap)
{
	size_t len = 0;
	char tmp[4096];
	ssize_t r;

	while ((r = read(fd, tmp, sizeof tmp)) > 0 || (r < 0 && errno == EINTR)) {
		if (r <= 0)
			continue;
		if (err && errcap > 1 && len < errcap - 1) {
			size_t k = (size_t)r;
			if (k > errcap - 1 - len)
				k = errcap - 1 - len;
			memcpy(err + len, tmp, k);
			len += k;
		}
	}
	if (err && errcap) {
		while (len && (err[len - 1] == '\n' || err[len - 1] == '\r'))
			len--;
		err[len] = '\0';
	}
}

int awg_run(const char *dir, const char *const *argv, aw_sink *out, char *err, size_t errcap)
{
	static char buf[1 << 16];
	int out_fd, err_fd, status, abort_rc = 0;
	pid_t pid;
	ssize_t r;

	if (err && errcap)
		err[0] = '\0';
	if (spawn_git(dir, argv, NULL, &out_fd, &err_fd, &pid)) {
		if (err)
			snprintf(err, errcap, "cannot run git: %s", strerror(errno));
		return -1;
	}
	/* stderr is read only after stdout closes: fine for git, whose
	 * stderr output is small and cannot fill the pipe. */
	while ((r = read(out_fd, buf, sizeof buf)) != 0) {
		if (r < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		if (!abort_rc && out)
			abort_rc = aw_sink_write(out, buf, (size_t)r);
		if (abort_rc) {
			kill(pid, SIGTERM);
			break;
		}
	}
	close(out_fd);
	slurp(err_fd, err, errcap);
	close(err_fd);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (abort_rc)
		return abort_rc;
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		if (err && errcap && !err[0])
			snprintf(err, errcap, "git exited with status %d",
				 WIFEXITED(status) ? WEXITSTATUS(status) : -1);
		return -1;
	}
	return 0;
}

struct capture {
	char *out;
	size_t cap, len;
};

static int capture_sink(void *user, const char *p, size_t n)
{
	struct capture *c = user;
	if (c->cap && c->len < c->cap - 1) {
		size_t k = n < c->cap - 1 - c->len ? n : c->cap - 1 - c->len;
		memcpy(c->out + c->len, p, k);
		c->len += k;
	}
	return 0;
}

int awg_capture(const char *dir, const char *const *argv, char *out, size_t cap,
		char *err, size_t errcap)
{
	struct capture c = {out, cap, 0};
	aw_sink sk;
	int rc;

	aw_sink_init(&sk, capture_sink, &c);
	rc = awg_run(dir, argv, &sk, err, errcap);
	if (cap) {
		while (c.len && (out[c.len - 1] == '\n' || out[c.len - 1] == '\r'))
			c.len--;
		out[c.len] = '\0';
	}
	return rc;
}

#define AWG_SPEC_MAX 4096 /* longest request (commit:path) */
#define AWG_QUEUE 16      /* requests in flight */

struct awg_batch {
	pid_t pid;
	int in_fd, out_fd, err_fd;
	FILE *in;
	char *buf[2];
	size_t cap[2];
	unsigned cur;
	/* requests sent and not yet answered, oldest first: a reply is
	   checked against the request it answers */
	char *queue[AWG_QUEUE];
	unsigned q_head, q_len;
	char hdr[AWG_SPEC_MAX + 64];
	/* read-ahead buffer over out_fd (headers; blob bodies mostly go
	   straight into buf, so keep it small: less to copy) */
	char rb[1 << 12];
	size_t rpos, rlen;
};

awg_batch *awg_batch_open(const char *dir)
{
	/* small pack windows and delta cache: the same speed for a walk
	 * through one file's history, a tenth of git's default memory */
	static const char *const argv[] = {
		"-c", "core.deltaBaseCacheLimit=4m", "-c", "core.packedGitWindowSize=512k",
		"-c", "core.packedGitLimit=4m", "cat-file", "--batch", NULL};
	awg_batch *b = calloc(1, sizeof *b);

	if (!b)
		return NULL;
	if (spawn_git(dir, argv, &b->in_fd, &b->out_fd, &b->err_fd, &b->pid)) {
		free(b);
		return NULL;
	}
	b->in = fdopen(b->in_fd, "w");
	if (!b->in) {
		awg_batch_close(b);
		return NULL;
	}
#ifdef F_SETPIPE_SZ
	/* room for git to run a blob or two ahead of the reader */
	(void)fcntl(b->out_fd, F_SETPIPE_SZ, 1 << 20);
#endif
	return b;
}

static int rb_fill(awg_batch *b)
{
	ssize_t r;
	do
		r = read(b->out_fd, b->rb, sizeof b->rb);
	while (r < 0 && errno == EINTR);
	if (r <= 0)
		return -1;
	b->rpos = 0;
	b->rlen = (size_t)r;
	return 0;
}

static int rb_read(awg_batch *b, char *dst, size_t n)
{
	while (n) {
		size_t k;
		if (b->rpos == b->rlen && n >= sizeof b->rb) {
			/* large: straight into dst, no copy */
			ssize_t r;
			do
				r = read(b->out_fd, dst, n);
			while (r < 0 && errno == EINTR);
			if (r <= 0)
				return -1;
			dst += r;
			n -= (size_t)r;
			continue;
		}
		if (b->rpos == b->rlen && rb_fill(b))
			return -1;
		k = b->rlen - b->rpos;
		if (k > n)
			k = n;
		memcpy(dst, b->rb + b->rpos, k);
		b->rpos += k;
		dst += k;
		n -= k;
	}
	return 0;
}

/* One reply line; -1 on EOF or a line longer than cap - 1 (never the
 * reply to a request of ours). */
static int rb_line(awg_batch *b, char *dst, size_t cap)
{
	size_t len = 0;
	for (;;) {
		char c;
		if (rb_read(b, &c, 1))
			return -1;
		if (c == '\n')
			break;
		if (len + 1 >= cap)
			return -1;
		dst[len++] = c;
	}
	dst[len] = '\0';
	return 0;
}

int awg_batch_want(awg_batch *b, const char *spec)
{
	size_t n = strlen(spec);
	char *copy;
	/* cat-file --batch reads one request per line */
	if (!n || n > AWG_SPEC_MAX || memchr(spec, '\n', n) || b->q_len == AWG_QUEUE)
		return -1;
	copy = malloc(n + 1);
	if (!copy)
		return -1;
	memcpy(copy, spec, n + 1);
	b->queue[(b->q_head + b->q_len++) % AWG_QUEUE] = copy;
	return fprintf(b->in, "%s\n", spec) < 0 || fflush(b->in) ? -1 : 0;
}

/* "<oid> <type> <size>" exactly: oid 40 or 64 lower-case hex digits. */
static int parse_object_header(const char *h, char type[8], unsigned long long *size)
{
	size_t n = 0, t;
	unsigned long long v = 0;
	while (AW_IS_DIGIT(h[n]) || (h[n] >= 'a' && h[n] <= 'f'))
		n++;
	if ((n != 40 && n != 64) || h[n] != ' ')
		return -1;
	h += n + 1;
	t = strcspn(h, " ");
	if (t == 0 || t > 6 || h[t] != ' ')
		return -1;
	memcpy(type, h, t);
	type[t] = '\0';
	if (strcmp(type, "blob") && strcmp(type, "tree") && strcmp(type, "commit") &&
	    strcmp(type, "tag"))
		return -1;
	h += t + 1;
	if (!*h)
		return -1;
	for (; *h; h++) {
		if (*h < '0' || *h > '9' || v > (~0ULL - 9) / 10)
			return -1;
		v = v * 10 + (unsigned long long)(*h - '0');
	}
	*size = v;
	return 0;
}

int awg_batch_read(awg_batch *b, const char **data, size_t *len)
{
	char type[8], nl, *spec;
	unsigned long long size;
	unsigned k = b->cur ^ 1u;
	size_t sl;
	int rc = -1;

	if (!b->q_len)
		return -1;
	spec = b->queue[b->q_head];
	b->q_head = (b->q_head + 1) % AWG_QUEUE;
	b->q_len--;
	sl = strlen(spec);
	if (rb_line(b, b->hdr, sizeof b->hdr))
		goto out;
	/* "<spec> missing" / "<spec> ambiguous": the request echoed */
	if (!strncmp(b->hdr, spec, sl) &&
	    (!strcmp(b->hdr + sl, " missing") || !strcmp(b->hdr + sl, " ambiguous"))) {
		rc = 1;
		goto out;
	}
	if (parse_object_header(b->hdr, type, &size) || size > (size_t)-1 / 2)
		goto out;
	if (strcmp(type, "blob")) {
		/* not a file: its body is read and dropped, and the two blob
		   buffers are left as they are (the last blob stays valid) */
		char tmp[4096];
		unsigned long long left = size + 1;
		while (left) {
			size_t n = left < sizeof tmp ? (size_t)left : sizeof tmp;
			if (rb_read(b, tmp, n))
				goto out;
			left -= n;
		}
		*data = "";
		*len = 0;
		rc = 2;
		goto out;
	}
	if (size + 1 > b->cap[k]) {
		size_t ncap = (size_t)size + 1 + (size_t)size / 4;
		char *nb = realloc(b->buf[k], ncap);
		if (!nb)
			goto out;
		b->buf[k] = nb;
		b->cap[k] = ncap;
	}
	if (rb_read(b, b->buf[k], (size_t)size) || rb_read(b, &nl, 1) || nl != '\n')
		goto out;
	b->cur = k; /* only a blob takes a buffer: the previous one stays valid */
	*data = b->buf[k];
	*len = (size_t)size;
	rc = 0;
out:
	free(spec);
	return rc;
}

int awg_batch_get(awg_batch *b, const char *spec, const char **data, size_t *len)
{
	if (awg_batch_want(b, spec))
		return -1;
	return awg_batch_read(b, data, len);
}

void awg_batch_close(awg_batch *b)
{
	int status;
	if (!b)
		return;
	if (b->in)
		fclose(b->in);
	else if (b->in_fd >= 0)
		close(b->in_fd);
	close(b->out_fd);
	close(b->err_fd);
	while (waitpid(b->pid, &status, 0) < 0 && errno == EINTR)
		;
	while (b->q_len) {
		free(b->queue[b->q_head]);
		b->q_head = (b->q_head + 1) % AWG_QUEUE;
		b->q_len--;
	}
	free(b->buf[0]);
	free(b->buf[1]);
	free(b);
}
