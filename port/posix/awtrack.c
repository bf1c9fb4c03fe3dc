/*
 * awtrack.c - the POSIX command line: reads a list's history from a local
 * git clone (git runs as a child process), dates every item (blame at the
 * import commit, then a replay of later commits, optionally through a
 * poller model) and prints weekly / daily / overview pages or an item table.
 *
 * All parsing, dating and rendering is done by the core; this file only
 * moves bytes between git, files and the core, and owns the large state
 * (static, sized by the options header).
 */
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "aw.h"
#include "aw_blame.h"
#include "aw_delta.h"
#include "aw_git.h"
#include "aw_inline.h"
#include "aw_md.h"
#include "aw_render.h"
#include "aw_replay.h"
#include "aw_sha1.h"
#include "aw_stars.h"
#include "aw_store.h"
#include "aw_time.h"

enum cmd { CMD_WEEKLY, CMD_DAILY, CMD_OVERVIEW, CMD_ITEMS };

static struct opts {
	enum cmd cmd;
	const char *git;
	const char *file;
	const char *import_rev;
	const char *head_rev;
	aw_md_opts md;
	const char *repo_url;
	const char *branch;
	const char *stars;
	const char *name;
	const char *description;
	const char *stars_total;
	const char *tag;
	int tal_compat;
	int body;
	int weeks;
	int first_parent;
	int snapshots;
	const char *poll_slots;
	const char *poll_times;
	int quiet;
} o;

static const char *prog = "awtrack";

static void die(const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "%s: ", prog);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

static void usage(FILE *f)
{
	fprintf(f,
"usage: awtrack weekly|daily|overview|items --git DIR [options]\n"
"\n"
"Print the digest of an awesome list from its git history.\n"
"\n"
"  --git DIR              local clone (bare or not) of the list's repository\n"
"  --file PATH            tracked file (default README.md)\n"
"  --import REV           import commit C0: items there are dated by git blame,\n"
"                         later commits by replay (default: same as --head)\n"
"  --head REV             last commit to read (default HEAD)\n"
"  --type list|table|heading   parse mode (default list)\n"
"  --max-heading-level N  --min-heading-level N  --heading-level N\n"
"  --no-category          every item gets an empty category\n"
"  --first-parent         replay the branch's first-parent chain only\n"
"  --poll-slots HH:MM[,HH:MM...]  date new items at the next daily UTC slot\n"
"  --poll-times FILE      date new items at the first poll time (Unix, one per line)\n"
"  --poll-snapshots       with a poll option: parse only the state at each poll\n"
"  --repo-url URL         https://github.com/OWNER/REPO (default: the origin remote)\n"
"  --branch NAME          branch used for links (default: the current branch name)\n"
"  --stars FILE           star badges: TSV lines owner/repo<TAB>text\n"
"  --name TEXT --description TEXT --stars-total N --tag TEXT   header fields\n"
"  --tal-compat           byte-identical to trackawesomelist, quirks included\n"
"  --body                 print only the part from the first \"## [\" line on\n"
"  --weeks N              only the newest N periods\n"
"  --quiet                no progress on stderr\n"
"  --help, --version\n");
}

/* ---------------------------------------------------------------- state */

static aw_md_ctx md;
static aw_md_cache md_cache;    /* replay: items unchanged since the last version */
static aw_delta_ctx delta;          /* replay: only what changed is parsed again */
static aw_datemap_ctx map_a, map_b;
static aw_replay_ctx rp;
static aw_store_ctx store;
static aw_starmap_ctx starmap;
static aw_blame_ctx blame;
static aw_inl_env env;

static int64_t *line_time;      /* blame: committer time per final line */
static size_t line_time_cap;

static char repo_url[512], owner[128], repo_name[128], branch[128];
static char stars_total_text[64];

/* ---------------------------------------------------------------- helpers */

static char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t cap = 0, n = 0, r;

	if (!f)
		die("%s: %s", path, strerror(errno));
	do {
		if (n + 65536 > cap) {
			cap = cap ? cap * 2 : 65536 * 2;
			buf = realloc(buf, cap);
			if (!buf)
				die("out of memory");
		}
		r = fread(buf + n, 1, cap - n, f);
		n += r;
	} while (r > 0);
	if (ferror(f))
		die("%s: read error", path);
	fclose(f);
	*len = n;
	return buf;
}

static long parse_long(const char *opt, const char *v, long lo, long hi)
{
	char *end;
	long x;
	errno = 0;
	x = strtol(v, &end, 10);
	if (errno || *end || end == v || x < lo || x > hi)
		die("%s: invalid number '%s' (expected %ld..%ld)", opt, v, lo, hi);
	return x;
}

static void progress(const char *fmt, ...)
{
	static int tty = -1;
	va_list ap;
	if (o.quiet)
		return;
	if (tty < 0)
		tty = isatty(2);
	if (!tty)
		return;
	fputc('\r', stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs("\033[K", stderr);
}

static void progress_done(void)
{
	if (!o.quiet && isatty(2))
		fputs("\r\033[K", stderr);
}

/* ---------------------------------------------------------------- git */

static void git_capture(const char *const *argv, char *out, size_t cap, const char *what)
{
	char err[1024];
	if (awg_capture(o.git, argv, out, cap, err, sizeof err))
		die("%s: %s", what, err[0] ? err : "git failed");
}

static void resolve_commit(const char *rev, char out[64])
{
	char spec[512], err[1024];
	const char *argv[] = {"rev-parse", "--verify", "--quiet", spec, NULL};
	if (strlen(rev) > sizeof spec - 16)
		die("revision too long: %s", rev);
	snprintf(spec, sizeof spec, "%s^{commit}", rev);
	if (awg_capture(o.git, argv, out, 64, err, sizeof err) || !out[0])
		die("bad revision '%s' in %s", rev, o.git);
}

/* Repository identity for links and the header: --repo-url, else origin. */
static void repo_identity(void)
{
	const char *url = o.repo_url;
	char tmp[512];
	const char *p, *q;

	if (!url) {
		const char *argv[] = {"config", "--get", "remote.origin.url", NULL};
		char err[256];
		if (!awg_capture(o.git, argv, tmp, sizeof tmp, err, sizeof err) && tmp[0])
			url = tmp;
	}
	if (url && (p = strstr(url, "github.com")) && (p[10] == '/' || p[10] == ':')) {
		p += 11;
		q = strchr(p, '/');
		if (q && q > p) {
			size_t ol = (size_t)(q - p), rl;
			const char *r = q + 1;
			rl = strcspn(r, "/#?");
			if (rl > 4 && !strncmp(r + rl - 4, ".git", 4))
				rl -= 4;
			if (ol < sizeof owner && rl < sizeof repo_name && rl) {
				memcpy(owner, p, ol);
				owner[ol] = 0;
				memcpy(repo_name, r, rl);
				repo_name[rl] = 0;
				snprintf(repo_url, sizeof repo_url, "https://github.com/%s/%s", owner, repo_name);
			}
		}
	}
	if (o.repo_url && !repo_url[0])
		die("--repo-url: expected https://github.com/OWNER/REPO, got '%s'", o.repo_url);
	if (!repo_url[0]) {
		/* no GitHub identity: name the list after its directory, no rewriting */
		const char *b = strrchr(o.git, '/');
		size_t n;
		b = b && b[1] ? b + 1 : o.git;
		n = strcspn(b, "/");
		if (n > 4 && !strncmp(b + n - 4, ".git", 4))
			n -= 4;
		snprintf(owner, sizeof owner, "local");
		snprintf(repo_name, sizeof repo_name, "%.*s", (int)(n < 100 ? n : 100), b);
	}
	if (o.branch) {
		snprintf(branch, sizeof branch, "%s", o.branch);
	} else {
		const char *argv[] = {"symbolic-ref", "--quiet", "--short", "HEAD", NULL};
		char err[256];
		if (awg_capture(o.git, argv, branch, sizeof branch, err, sizeof err) || !branch[0])
			snprintf(branch, sizeof branch, "master");
	}
}

/* ---------------------------------------------------------------- blame */

static int on_blame(void *user, uint32_t line, int64_t t)
{
	(void)user;
	if (line >= line_time_cap) {
		size_t ncap = line_time_cap ? line_time_cap * 2 : 4096;
		while (ncap <= line) ncap *= 2;
		line_time = realloc(line_time, ncap * sizeof *line_time);
		if (!line_time)
			die("out of memory");
		memset(line_time + line_time_cap, 0, (ncap - line_time_cap) * sizeof *line_time);
		line_time_cap = ncap;
	}
	line_time[line] = t;
	return 0;
}

static int blame_sink(void *user, const char *p, size_t n)
{
	(void)user;
	return aw_blame_feed(&blame, p, n) ? 1 : 0;
}

static void run_blame(const char *commit)
{
	const char *argv[] = {"blame", "--line-porcelain", commit, "--", o.file, NULL};
	char err[1024];
	int rc;

	aw_blame_init(&blame, on_blame, NULL);
	rc = awg_run(o.git, argv, blame_sink, NULL, err, sizeof err);
	if (rc == 1)
		die("git blame: malformed --line-porcelain output");
	if (rc)
		die("git blame %s -- %s: %s", commit, o.file, err);
	if (aw_blame_end(&blame))
		die("git blame: truncated --line-porcelain output");
}

/* ---------------------------------------------------------------- parsing */

enum phase { PH_IMPORT, PH_REPLAY, PH_FINAL };
static enum phase phase;

static void identity(const aw_md_item *it, uint8_t id[20])
{
	aw_sha1_ctx s;
	aw_sha1_init(&s);
	aw_sha1_update(&s, it->ident, it->ident_len);
	aw_sha1_final(&s, id);
}

static unsigned long n_trunc, n_rejected;
static char **idents;          /* items command: identifier per store slot */
static size_t idents_cap;

static void keep_ident(const uint8_t id[20], const aw_md_item *it)
{
	long k = aw_store_find(&store, id);
	char *d;
	if (k < 0)
		return;
	if ((size_t)k >= idents_cap) {
		size_t ncap = idents_cap ? idents_cap * 2 : 1024;
		while (ncap <= (size_t)k) ncap *= 2;
		idents = realloc(idents, ncap * sizeof *idents);
		if (!idents)
			die("out of memory");
		memset(idents + idents_cap, 0, (ncap - idents_cap) * sizeof *idents);
		idents_cap = ncap;
	}
	d = malloc(it->ident_len + 1);
	if (!d)
		die("out of memory");
	memcpy(d, it->ident, it->ident_len);
	d[it->ident_len] = 0;
	free(idents[k]);
	idents[k] = d; /* the last duplicate's values win, as in the store */
}

static int on_item(void *user, const aw_md_item *it)
{
	uint8_t id[20];
	int64_t t = 0;
	int rc;
	(void)user;

	if (it->flags & AW_MD_F_SHA1)
		memcpy(id, it->sha1, sizeof id);
	else
		identity(it, id);
	if (it->flags & AW_MD_F_TRUNC)
		n_trunc++;
	switch (phase) {
	case PH_IMPORT:
		t = it->end_line < line_time_cap ? line_time[it->end_line] : 0;
		if (!t)
			die("no blame time for line %u", (unsigned)it->end_line);
		rc = aw_replay_import(&rp, id, t);
		break;
	case PH_REPLAY:
		rc = aw_replay_item(&rp, id);
		break;
	default:
		if (!aw_replay_date(&rp, id, &t))
			die("internal error: item without a date at line %u", (unsigned)it->end_line);
		rc = aw_store_put(&store, id, t, it->category, it->category_len, it->md, it->md_len);
		if (!rc && o.cmd == CMD_ITEMS)
			keep_ident(id, it);
		break;
	}
	if (rc == AW_ERR_FULL)
		die("too many items: raise AW_STORE_DATEMAP_MAX / AW_STORE_ITEMS_MAX / AW_STORE_ARENA_MAX");
	return rc ? 1 : 0;
}

/*
 * Both passes over one version (the import and the final version; the
 * versions in between go through aw_delta_ctx). Returns AW_OK, or
 * AW_ERR_SYNTAX for a version the reference implementation rejects as a
 * whole (a category heading with strikethrough). Anything else is fatal.
 */
static int parse_text(const char *text, size_t len, int render, const char *what)
{
	int rc;
	if ((rc = aw_md_init(&md, &o.md, &env, render, on_item, NULL)))
		die("parser: %s", aw_strerror(rc));
	if (!AW_MD_STREAM) {
		/* one pass when it verifies (most lists), else both */
		unsigned long trunc0 = n_trunc;
		rc = aw_md_begin_single(&md, aw_md_guess_deepest(text, len));
		if (!rc)
			rc = aw_md_feed(&md, text, len);
		if (!rc)
			rc = aw_md_end(&md);
		if (!rc && aw_md_reuse_ok(&md))
			return AW_OK;
		/* discard what its items did */
		n_trunc = trunc0;
		if (phase == PH_IMPORT) {
			aw_replay_abort(&rp);
			aw_replay_begin(&rp, 0);
		} else if (phase == PH_FINAL) {
			aw_store_init(&store);
		}
	}
	if ((rc = aw_md_begin(&md, AW_MD_PASS_SCAN)) || (rc = aw_md_feed(&md, text, len)) ||
	    (rc = aw_md_end(&md)) ||
	    (rc = aw_md_begin(&md, AW_MD_PASS_ITEMS)) || (rc = aw_md_feed(&md, text, len)) ||
	    (rc = aw_md_end(&md))) {
		if (rc == AW_ERR_SYNTAX)
			return rc;
		if (rc == AW_ERR_TOOBIG || rc == AW_ERR_FULL)
			die("%s: %s: the list exceeds a compiled-in limit (core/aw_opt.h)", what,
			    aw_strerror(rc));
		die("%s: %s", what, aw_strerror(rc));
	}
	return AW_OK;
}

static void parse_or_die(const char *text, size_t len, int render, const char *what)
{
	if (parse_text(text, len, render, what))
		die("%s: cannot be parsed (a category heading contains strikethrough; "
		    "trackawesomelist rejects such a file)", what);
}

static void get_blob(awg_batch *b, const char *commit, const char **data, size_t *len)
{
	char spec[1200];
	int rc;
	snprintf(spec, sizeof spec, "%s:%s", commit, o.file);
	rc = awg_batch_get(b, spec, data, len);
	if (rc == 1)
		die("%s: no such file at %.12s", o.file, commit);
	if (rc)
		die("git cat-file: read error");
}

/* ---------------------------------------------------------------- poller */

static uint16_t slots[64];
static size_t n_slots;
static int64_t *polls;
static size_t n_polls;

static int cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return x < y ? -1 : x > y;
}

static void load_polls(void)
{
	if (o.poll_slots) {
		int rc = aw_time_parse_hhmm_list(o.poll_slots, strlen(o.poll_slots), slots,
					    sizeof slots / sizeof slots[0], &n_slots);
		if (rc || !n_slots)
			die("--poll-slots: expected HH:MM[,HH:MM...], got '%s'", o.poll_slots);
	}
	if (o.poll_times) {
		size_t len, cap = 0;
		char *text = read_file(o.poll_times, &len), *p = text, *end = text + len;
		while (p < end) {
			char *nl = memchr(p, '\n', (size_t)(end - p)), *q;
			long long v;
			if (!nl)
				nl = end;
			*nl = 0;
			while (*p == ' ' || *p == '\t')
				p++;
			if (*p && *p != '#') {
				errno = 0;
				v = strtoll(p, &q, 10);
				while (*q == ' ' || *q == '\t' || *q == '\r')
					q++;
				if (errno || *q || q == p)
					die("%s: not a Unix time: '%s'", o.poll_times, p);
				if (n_polls == cap) {
					cap = cap ? cap * 2 : 1024;
					polls = realloc(polls, cap * sizeof *polls);
					if (!polls)
						die("out of memory");
				}
				polls[n_polls++] = v;
			}
			p = nl + 1;
		}
		free(text);
		if (!n_polls)
			die("%s: no poll times", o.poll_times);
		qsort(polls, n_polls, sizeof *polls, cmp_i64);
	}
	if (o.snapshots && !o.poll_slots && !o.poll_times)
		die("--poll-snapshots needs --poll-slots or --poll-times");
}

/* When a poller would first have seen a commit made at t. */
static int64_t seen_at(int64_t t)
{
	if (o.poll_times) {
		int64_t p = aw_poll_next(polls, n_polls, t);
		return p == AW_POLL_NONE ? t : p;
	}
	if (o.poll_slots)
		return aw_poll_slot_after(t, slots, n_slots);
	return t;
}

/* ---------------------------------------------------------------- replay */

struct commit {
	char sha[41];
	int64_t t;
};
static struct commit *commits;
static size_t n_commits, cap_commits;
static char linebuf[256];
static size_t linelen;

static void add_commit_line(const char *l)
{
	long long t;
	char sha[64];
	if (sscanf(l, "%63s %lld", sha, &t) != 2 || strlen(sha) != 40)
		die("git log: unexpected line '%s'", l);
	if (n_commits == cap_commits) {
		cap_commits = cap_commits ? cap_commits * 2 : 1024;
		commits = realloc(commits, cap_commits * sizeof *commits);
		if (!commits)
			die("out of memory");
	}
	memcpy(commits[n_commits].sha, sha, 41);
	commits[n_commits].t = t;
	n_commits++;
}

static int log_sink(void *user, const char *p, size_t n)
{
	(void)user;
	for (size_t i = 0; i < n; i++) {
		if (p[i] == '\n') {
			linebuf[linelen] = 0;
			if (linelen)
				add_commit_line(linebuf);
			linelen = 0;
		} else if (linelen < sizeof linebuf - 1) {
			linebuf[linelen++] = p[i];
		}
	}
	return 0;
}

static void list_commits(const char *c0, const char *head)
{
	char range[200], err[1024];
	const char *argv[16];
	int n = 0;
	/* small pack windows, as for cat-file: a quarter less memory */
	argv[n++] = "-c";
	argv[n++] = "core.packedGitWindowSize=512k";
	argv[n++] = "-c";
	argv[n++] = "core.packedGitLimit=4m";
	argv[n++] = "log";
	argv[n++] = "--reverse";
	argv[n++] = "--format=%H %ct";
	if (o.first_parent)
		argv[n++] = "--first-parent";
	snprintf(range, sizeof range, "%s..%s", c0, head);
	argv[n++] = range;
	argv[n++] = "--";
	argv[n++] = o.file;
	argv[n] = NULL;
	if (awg_run(o.git, argv, log_sink, NULL, err, sizeof err))
		die("git log %s: %s", range, err);
}

#define AHEAD 4 /* blob requests in flight: git works while we parse */

static void replay(awg_batch *b, const char *c0, const char *head)
{
	const char *data;
	size_t len, i, nv = 0, sent = 0, k;
	size_t *pick;
	char spec[1200];
	int rc;

	aw_replay_init(&rp, &map_a, &map_b);
	aw_md_cache_init(&md_cache);
	get_blob(b, c0, &data, &len); /* fails clearly if the file is missing */
	run_blame(c0);                 /* (data stays valid: blame is not the batch) */
	phase = PH_IMPORT;
	aw_replay_begin(&rp, 0);
	parse_or_die(data, len, 0, o.file);
	aw_replay_end(&rp);

	if (strcmp(c0, head)) {
		list_commits(c0, head);
		phase = PH_REPLAY;
		pick = malloc((n_commits + 1) * sizeof *pick);
		if (!pick)
			die("out of memory");
		for (i = 0; i < n_commits; i++) {
			/* a poller that only sees snapshots sees the last commit
			 * before its poll: skip those it would never have seen */
			if (o.snapshots && i + 1 < n_commits &&
			    seen_at(commits[i + 1].t) == seen_at(commits[i].t))
				continue;
			pick[nv++] = i;
		}
		if ((rc = aw_delta_init(&delta, &md, &o.md, &env, &md_cache)))
			die("parser: %s", aw_strerror(rc));
		for (k = 0; k < nv; k++) {
			const struct commit *cm = &commits[pick[k]];
			for (; sent < nv && sent < k + AHEAD; sent++) {
				snprintf(spec, sizeof spec, "%s:%s", commits[pick[sent]].sha, o.file);
				if (awg_batch_want(b, spec))
					die("git cat-file: write error");
			}
			progress("replay: %zu/%zu versions", pick[k] + 1, n_commits);
			rc = awg_batch_read(b, &data, &len);
			if (rc == 1)
				die("%s: no such file at %.12s", o.file, cm->sha);
			if (rc)
				die("git cat-file: read error");
			rc = aw_delta_version(&delta, &rp, seen_at(cm->t), data, len);
			if (rc == AW_ERR_SYNTAX) {
				/* like the reference: a file that fails to parse
				 * changes nothing; the next good version counts */
				n_rejected++;
			} else if (rc == AW_ERR_FULL) {
				die("too many items: raise AW_STORE_DATEMAP_MAX / AW_DELTA_ITEMS_MAX / "
				    "AW_DELTA_HEADS_MAX");
			} else if (rc) {
				die("%s at %.12s: %s%s", o.file, cm->sha, aw_strerror(rc),
				    rc == AW_ERR_TOOBIG ? " (the list exceeds a compiled-in limit, "
							  "core/aw_opt.h)" : "");
			}
		}
		n_trunc += delta.truncated;
		free(pick);
		progress_done();
		if (getenv("AWTRACK_DELTA_STATS"))
			fprintf(stderr, "%s: delta: %lu same, %lu windows (%llu bytes), %lu whole\n",
				prog, delta.same, delta.windows, delta.window_bytes, delta.wholes);
	}
	/* the final version, rendered */
	get_blob(b, head, &data, &len);
	phase = PH_FINAL;
	aw_store_init(&store);
	parse_or_die(data, len, 1, o.file);
	if (n_rejected)
		fprintf(stderr, "%s: warning: %lu version(s) could not be parsed and were skipped\n",
			prog, n_rejected);
}

/* The overview page (tal-spec 8.4): the whole file at --head, no dates. */
static int doc_sink(void *user, const char *p, size_t n)
{
	(void)user;
	return fwrite(p, 1, n, stdout) == n ? 0 : 1;
}

static void overview(awg_batch *b, const char *head, const aw_page_info *pi)
{
	const char *data;
	size_t len;
	int rc;

	get_blob(b, head, &data, &len);
	if (!o.body && (rc = aw_render_overview_header(pi, doc_sink, NULL)))
		die("render: %s", aw_strerror(rc));
	if ((rc = aw_md_init(&md, &o.md, &env, 1, on_item, NULL)) ||
	    (rc = aw_md_begin(&md, AW_MD_PASS_SCAN)) || (rc = aw_md_feed(&md, data, len)) ||
	    (rc = aw_md_end(&md)) || (rc = aw_md_begin_document(&md, doc_sink, NULL)) ||
	    (rc = aw_md_feed(&md, data, len)) || (rc = aw_md_end(&md)))
		die("%s: %s", o.file, aw_strerror(rc));
	fputs("\n", stdout); /* the page ends with an empty line */
}

/* ---------------------------------------------------------------- output */

static int out_sink(void *user, const char *p, size_t n)
{
	(void)user;
	return fwrite(p, 1, n, stdout) == n ? 0 : 1;
}

static void print_items(void)
{
	size_t i, n = aw_store_count(&store);
	for (i = 0; i < n; i++) {
		const aw_store_item *it = aw_store_get(&store, i);
		char hex[41], when[32];
		time_t tt = (time_t)it->time;
		struct tm tm;
		const char *s;
		size_t k, l;

		gmtime_r(&tt, &tm);
		strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
		aw_sha1_hex(it->id, hex);
		printf("%s\t%s\t", when, hex);
		s = aw_store_category(&store, it, &l);
		fwrite(s, 1, l, stdout);
		putchar('\t');
		/* the identifier (first link), on one line */
		s = i < idents_cap && idents[i] ? idents[i] : "";
		l = strlen(s);
		for (k = 0; k < l; k++)
			putchar(s[k] == '\t' || s[k] == '\n' || s[k] == '\r' ? ' ' : s[k]);
		putchar('\n');
		if (i < idents_cap)
			free(idents[i]);
	}
}

int main(int argc, char **argv)
{
	char head[64], c0[64];
	aw_page_info pi;
	awg_batch *b;
	int i, rc;

	aw_md_opts_default(&o.md);
	o.file = "README.md";
	o.head_rev = "HEAD";
	if (argc < 2) {
		usage(stderr);
		return 2;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		usage(stdout);
		return 0;
	}
	if (!strcmp(argv[1], "--version")) {
		printf("awtrack %s\n", AW_VERSION);
		return 0;
	}
	if (!strcmp(argv[1], "weekly"))
		o.cmd = CMD_WEEKLY;
	else if (!strcmp(argv[1], "daily"))
		o.cmd = CMD_DAILY;
	else if (!strcmp(argv[1], "overview"))
		o.cmd = CMD_OVERVIEW;
	else if (!strcmp(argv[1], "items"))
		o.cmd = CMD_ITEMS;
	else {
		fprintf(stderr, "%s: unknown command '%s' (try --help)\n", prog, argv[1]);
		return 2;
	}
	for (i = 2; i < argc; i++) {
		const char *a = argv[i];
#define ARG() (i + 1 < argc ? argv[++i] : (die("%s needs a value", a), (char *)0))
		if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			usage(stdout);
			return 0;
		} else if (!strcmp(a, "--version")) {
			printf("awtrack %s\n", AW_VERSION);
			return 0;
		} else if (!strcmp(a, "--git")) o.git = ARG();
		else if (!strcmp(a, "--file")) o.file = ARG();
		else if (!strcmp(a, "--import")) o.import_rev = ARG();
		else if (!strcmp(a, "--head")) o.head_rev = ARG();
		else if (!strcmp(a, "--type")) {
			const char *t = ARG();
			if (!strcmp(t, "list")) o.md.type = AW_MD_LIST;
			else if (!strcmp(t, "table")) o.md.type = AW_MD_TABLE;
			else if (!strcmp(t, "heading")) o.md.type = AW_MD_HEADING;
			else die("--type: expected list, table or heading, got '%s'", t);
		} else if (!strcmp(a, "--max-heading-level"))
			o.md.max_heading_level = (int)parse_long(a, ARG(), 1, 6);
		else if (!strcmp(a, "--min-heading-level"))
			o.md.min_heading_level = (int)parse_long(a, ARG(), 1, 6);
		else if (!strcmp(a, "--heading-level"))
			o.md.heading_level = (int)parse_long(a, ARG(), 1, 6);
		else if (!strcmp(a, "--no-category")) o.md.parse_category = 0;
		else if (!strcmp(a, "--repo-url")) o.repo_url = ARG();
		else if (!strcmp(a, "--branch")) o.branch = ARG();
		else if (!strcmp(a, "--stars")) o.stars = ARG();
		else if (!strcmp(a, "--name")) o.name = ARG();
		else if (!strcmp(a, "--description")) o.description = ARG();
		else if (!strcmp(a, "--stars-total")) o.stars_total = ARG();
		else if (!strcmp(a, "--tag")) o.tag = ARG();
		else if (!strcmp(a, "--tal-compat")) o.tal_compat = 1;
		else if (!strcmp(a, "--body")) o.body = 1;
		else if (!strcmp(a, "--weeks")) o.weeks = (int)parse_long(a, ARG(), 1, 1000000);
		else if (!strcmp(a, "--first-parent")) o.first_parent = 1;
		else if (!strcmp(a, "--poll-slots")) o.poll_slots = ARG();
		else if (!strcmp(a, "--poll-times")) o.poll_times = ARG();
		else if (!strcmp(a, "--poll-snapshots")) o.snapshots = 1;
		else if (!strcmp(a, "--quiet") || !strcmp(a, "-q")) o.quiet = 1;
		else die("unknown option '%s' (try --help)", a);
#undef ARG
	}
	if (!o.git)
		die("--git DIR is required (try --help)");
	if (access(o.git, R_OK | X_OK))
		die("%s: %s", o.git, strerror(errno));
	{
		const char *argv2[] = {"rev-parse", "--git-dir", NULL};
		char tmp[1024];
		const char *argv4[] = {"rev-parse", "--show-cdup", NULL};
		git_capture(argv2, tmp, sizeof tmp, "not a git repository");
		/* a directory inside some other work tree is not the list's clone */
		git_capture(argv4, tmp, sizeof tmp, "not a git repository");
		if (tmp[0])
			die("%s: not a git repository (it is a subdirectory of one)", o.git);
	}
	load_polls();
	repo_identity();
	resolve_commit(o.head_rev, head);
	resolve_commit(o.import_rev ? o.import_rev : head, c0);
	if (strcmp(c0, head)) {
		const char *argv3[] = {"merge-base", "--is-ancestor", c0, head, NULL};
		char err[256];
		if (awg_run(o.git, argv3, NULL, NULL, err, sizeof err))
			die("--import %s is not an ancestor of --head %s", o.import_rev, o.head_rev);
	}

	if (o.stars) {
		size_t len;
		char *text = read_file(o.stars, &len);
		aw_starmap_init(&starmap);
		if ((rc = aw_starmap_feed(&starmap, text, len)) || (rc = aw_starmap_end(&starmap)))
			die("%s: %s", o.stars, aw_strerror(rc));
		free(text);
	}
	aw_inl_env_init(&env, repo_url[0] ? repo_url : NULL, branch, o.file);
	env.fix_relative = !o.tal_compat;
	if (o.stars) {
		env.stars = aw_starmap_lookup;
		env.stars_user = &starmap;
	}

	if (o.stars_total) {
		/* a plain count is formatted like GitHub's compact notation */
		char *end;
		unsigned long long n = strtoull(o.stars_total, &end, 10);
		if (!*end && end != o.stars_total) {
			aw_buf sb;
			aw_buf_init(&sb, stars_total_text, sizeof stars_total_text);
			aw_stars_total_format(n, &sb);
			aw_buf_cstr(&sb);
		} else {
			snprintf(stars_total_text, sizeof stars_total_text, "%s", o.stars_total);
		}
	}
	memset(&pi, 0, sizeof pi);
	pi.owner = owner;
	pi.repo = repo_name;
	pi.file = o.file;
	pi.index = 1;
	pi.name = o.name;
	pi.description = o.description;
	pi.repo_url = repo_url[0] ? repo_url : NULL;
	pi.branch = branch;
	pi.stars_total = stars_total_text[0] ? stars_total_text : NULL;
	pi.tag = o.tag;
	pi.flags = (o.tal_compat ? AW_RENDER_TAL_COMPAT : 0) | (o.body ? AW_RENDER_BODY : 0);
	pi.max_periods = o.weeks;

	b = awg_batch_open(o.git);
	if (!b)
		die("cannot run git cat-file: %s", strerror(errno));
	if (o.cmd == CMD_OVERVIEW) {
		overview(b, head, &pi);
		awg_batch_close(b);
	} else {
		aw_datemap_init(&map_a);
		aw_datemap_init(&map_b);
		replay(b, c0, head);
		awg_batch_close(b);
		if (n_trunc)
			fprintf(stderr, "%s: warning: %lu item(s) larger than the item buffer were "
				"truncated\n", prog, n_trunc);
		if (o.cmd == CMD_ITEMS) {
			print_items();
			free(idents);
		} else {
			rc = aw_render_page(&store, o.cmd == CMD_WEEKLY ? AW_PAGE_WEEKLY : AW_PAGE_DAILY,
					    &pi, out_sink, NULL);
			if (rc)
				die("render: %s", aw_strerror(rc));
		}
	}
	if (fflush(stdout) || ferror(stdout))
		die("write error: %s", strerror(errno));
	return 0;
}
