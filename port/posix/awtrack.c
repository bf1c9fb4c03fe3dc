/*
 * awtrack.c - the POSIX command line: reads a list's history from a local
 * git clone (git runs as a child process), dates every item (blame at the
 * import commit, then a replay of later commits, optionally through a
 * poller model) and prints weekly / daily / overview pages or an item table.
 *
 * Parsing, dating (aw_track), grouping (aw_digest) and the pages are the
 * core's; this file is argument parsing, git plumbing and output: it
 * feeds git's bytes to the tracker, owns the large state (static, sized
 * by the options header) and writes what the renderers produce (the
 * trackawesomelist pages of aw_render, the default page of aw_page.c, the
 * items table below, feeds and HTML through aw_serve.c) to stdout.
 */
#define _XOPEN_SOURCE 700 /* realpath */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "aw.h"
#include "aw_blame.h"
#include "aw_delta.h"
#include "aw_display_cli.h"
#include "aw_git.h"
#include "aw_inline.h"
#include "aw_md.h"
#include "aw_page.h"
#include "aw_render.h"
#include "aw_replay.h"
#include "aw_serve.h"
#include "aw_sha1.h"
#include "aw_stars.h"
#include "aw_store.h"
#include "aw_time.h"
#include "aw_update.h"
#include "aw_track.h"

enum cmd { CMD_WEEKLY, CMD_DAILY, CMD_OVERVIEW, CMD_ITEMS, CMD_DISPLAY, CMD_FEED, CMD_HTML,
	CMD_SERVE };

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
	int weeks;              /* --last N (alias --weeks N) */
	int64_t since;          /* --since: only entries added at or after; NO_SINCE = all */
	const char *since_text;
	int text;               /* --format text */
	int first_parent;
	int snapshots;
	const char *poll_slots;
	const char *poll_times;
	int quiet;
	awp_out_opts out;  /* feed, html, serve (aw_serve.c) */
	/* from the state of `awtrack update` (aw_update.h) instead of a clone */
	int state;              /* -c FILE, a SOURCE or --all was given */
	const char *conf;       /* -c FILE (NULL: the default configuration) */
	const char *source;     /* SOURCE (OWNER/REPO as in the configuration) */
	int all;                /* --all: the aggregate of every source */
	const char *git_opt;    /* an option only the git path has, for the message */
} o;

#define NO_SINCE INT64_MIN
static const char *prog = "awtrack";

/* Exit codes (docs/awtrack.1, EXIT STATUS). */
#define EXIT_FAIL 1  /* the run failed: repository, git, file, parse, capacity, output */
#define EXIT_USAGE 2 /* the command line is wrong: nothing was read */

static void vmsg(const char *kind, const char *fmt, va_list ap)
{
	fprintf(stderr, "%s: %s", prog, kind);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

/*
 * The run's functions (argument parsing, blame, replay, overview, output)
 * return an aw_err and leave the message here; main prints it (report)
 * and exits with its status.
 */
static char errmsg[8192];
/* errmsg is a command-line error (exit 2): 1 with the --help hint,
 * 2 without it (the display options', aw_display_cli.c) */
static int errmsg_usage;

static int fail(int rc, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(errmsg, sizeof errmsg, fmt, ap);
	va_end(ap);
	return rc ? rc : AW_ERR_STATE;
}

/* A wrong command line found by a helper: errmsg for main, exit status 2. */
static int usage_fail(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(errmsg, sizeof errmsg, fmt, ap);
	va_end(ap);
	errmsg_usage = 1;
	return AW_ERR_ARG;
}

/* The report of a failure (fail / usage_fail said why): the exit status,
 * for main to return. */
static int report(void)
{
	if (errmsg_usage == 2) {   /* aw_display_cli.c's command-line errors */
		fprintf(stderr, "%s: %s\n", prog, errmsg);
		return EXIT_USAGE;
	}
	if (errmsg_usage) {
		fprintf(stderr, "%s: %s\n(try '%s --help')\n", prog, errmsg, prog);
		return EXIT_USAGE;
	}
	fprintf(stderr, "%s: %s\n", prog, errmsg);
	return EXIT_FAIL;
}

static void warn(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vmsg("warning: ", fmt, ap);
	va_end(ap);
}

static void note(const char *fmt, ...)
{
	va_list ap;
	if (o.quiet)
		return;
	va_start(ap, fmt);
	vmsg("note: ", fmt, ap);
	va_end(ap);
}

/*
 * Text from a file, a README or git quoted in a message: at most a short
 * prefix, control bytes and bytes >= 0x80 as \xHH (nothing from the input
 * reaches the terminal raw). Four rotating buffers: up to four quotes per message.
 */
static const char *quote(const char *s, size_t n)
{
	static char bufs[4][4 * 48 + 8];
	static unsigned k;
	char *b = bufs[k++ & 3u], *d = b;
	size_t i, shown = n > 48 ? 48 : n;
	for (i = 0; i < shown; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x20 || c >= 0x7f || c == '\\') {
			static const char hx[] = "0123456789abcdef";
			*d++ = '\\';
			*d++ = 'x';
			*d++ = hx[c >> 4];
			*d++ = hx[c & 15];
		} else {
			*d++ = (char)c;
		}
	}
	if (shown < n)
		memcpy(d, "...", 4);
	else
		*d = 0;
	return b;
}

static const char *qs(const char *s)
{
	return quote(s, strlen(s));
}

static void usage(FILE *f)
{
	fprintf(f,
"usage: awtrack weekly|daily|overview|items [--git DIR] [options]\n"
"       awtrack feed --format atom|rss|json [--daily] [--git DIR] [options]\n"
"       awtrack html --out DIR [--git DIR] [options]\n"
"       awtrack serve [--listen 127.0.0.1:8080] [--git DIR] [options]\n"
"       awtrack display [--git DIR] (--cols N --rows M | --bitmap WxH --out F.pbm|F.png)\n"
"               [--daily] [--one-period] [--ascii] [--fallback C] [--item-lines N] [options]\n"
"       awtrack export-state --git DIR [options]\n"
"   lists polled over HTTPS into a state file (-c FILE: see awtrack.conf(5)):\n"
"       awtrack [-c FILE] [-q] update [SOURCE...] | status\n"
"       awtrack [-c FILE] weekly|daily|feed|display SOURCE|--all [options]\n"
"       awtrack [-c FILE] html|serve [SOURCE] [options]\n"
"       awtrack [-c FILE] import-state SOURCE FILE\n"
"       awtrack help | --help | -h      awtrack --version | -V\n"
"\n"
"Print what was added to an awesome list, and when, from its git history.\n"
"Options take their value as --opt VALUE or --opt=VALUE.\n"
"\n"
"  --git DIR              local clone (bare or not; default: the clone the\n"
"                         current directory is in)\n"
"  --file PATH            tracked file (default README.md; readme.md,\n"
"                         README.markdown ... when there is no README.md)\n"
"  --import REV           start of the replay: entries there are dated by git\n"
"                         blame, later ones by the commit that added them\n"
"                         (default: the file's first commit, so every entry\n"
"                         is dated by the commit that added it; with\n"
"                         --tal-compat: the head, pure blame)\n"
"  --head REV             last commit to read (default HEAD)\n"
"  --type list|table|heading   parse mode (default list; heading needs\n"
"                         --max-heading-level)\n"
"  --max-heading-level N  --min-heading-level N  --heading-level N  (1-6)\n"
"  --no-category          every entry gets an empty category\n"
"  --first-parent         replay the branch's first-parent chain only\n"
"  --poll-slots HH:MM[,HH:MM...]  date new entries at the next daily UTC slot\n"
"                         (at most 64)\n"
"  --poll-times FILE      date new entries at the first poll time (Unix\n"
"                         times, one per line)\n"
"  --poll-snapshots       with a poll option: read only the state at each poll\n"
"  --repo-url URL         https://github.com/OWNER/REPO (default: the origin\n"
"                         remote when it is on GitHub)\n"
"  --branch NAME          branch used for links (default: the current branch)\n"
"  --stars FILE           star badges: TSV lines owner/repo<TAB>count or text\n"
"  --name TEXT --description TEXT --stars-total N --tag TEXT   header fields\n"
"  --no-nested            an entry of a nested list is part of its parent entry,\n"
"                         not an entry of its own (--nested: the default)\n"
"  --tal-compat           byte-identical to trackawesomelist, quirks included\n"
"  --body                 print only the part from the first \"## \" line on\n"
"  --format markdown|text page format (default markdown; text: plain text\n"
"                         for a terminal, wrapped to its width)\n"
"  --last N               only the newest N periods that have entries (weeks,\n"
"                         or days on a daily page)\n"
"  --weeks N              the same as --last N (older name)\n"
"  --since DATE           only entries added at or after DATE (YYYY-MM-DD, UTC,\n"
"                         or an RFC 3339 time)\n"
"  --quiet, -q            no progress display and no notes on stderr\n""from the state (-c FILE, SOURCE or --all instead of --git):\n"
"  -c FILE                awtrack.conf (default $XDG_CONFIG_HOME/awtrack/awtrack.conf,\n"
"                         then /etc/awtrack.conf)\n"
"  SOURCE                 OWNER/REPO as in the configuration, or a feed's NAME\n"
"  --all                  every source in one digest (category \"LIST: CATEGORY\",\n"
"                         a feed's: NAME); html, serve: every source's pages\n"
"feed, html, serve:\n"
"  --format atom|rss|json feed format (default atom)\n"
"  --daily                feed: the daily digest (default: the weekly one)\n"
"  --site URL             absolute http(s) URL the dashboard is served under (entry\n"
"                         links; default: the repository; serve: its own address)\n"
"  --current              include the current, unfinished week (day) in feeds\n"
"  --now UNIXTIME         the time the current-period rule uses (default: the clock)\n"
"  --out DIR              html: where the pages and feeds are written\n"
"  --listen ADDR:PORT     serve: numeric address (default 127.0.0.1:8080, loopback)\n"
"\n"
"Exit status: 0 done, 1 the run failed (repository, git, file, limits,\n"
"output), 2 wrong command line or configuration file, 3 update: a source\n"
"failed (network, HTTP, feed), 4 the state (locked, corrupt, full, not\n"
"written). Manual: man awtrack (docs/awtrack.1), man awtrack.conf.\n");
}

/* ---------------------------------------------------------------- state */

static aw_md_ctx md;
static aw_md_cache md_cache;    /* replay: items unchanged since the last version */
static aw_delta_ctx delta;          /* replay: only what changed is parsed again */
static aw_datemap_ctx map_a, map_b;
static aw_store_ctx store;
static aw_digest_ctx walker;   /* every page's and table's digest walker */
static aw_track_ctx trk;        /* the pipeline: versions -> dated items -> store */
static aw_starmap_ctx starmap;
static aw_blame_ctx blame;
static aw_inl_env env;

#define NO_TIME INT64_MIN
static int64_t *line_time;      /* blame: committer time per final line, or NO_TIME */
static size_t line_time_cap;
/* The parser numbers lines as CommonMark does (a lone CR ends a line too),
 * git blame by LF only: md_lf[parser line] = blame line, built for the
 * import version when it has a lone CR (else NULL: the numberings agree). */
static uint32_t *md_lf;
static size_t md_lf_n;

static char repo_url[512], owner[128], repo_name[128], branch[128];
static char stars_total_text[64];

/* ---------------------------------------------------------------- helpers */

/*
 * Stream a file given on the command line to fn in chunks, at most `max`
 * bytes: an input file (possibly /dev/zero or a fifo) never makes memory
 * grow. fn returns non-zero to stop (its value is returned). A file that
 * cannot be read or is too large: a negative aw_err, errmsg says why.
 */
static int read_bounded(const char *opt, const char *path, unsigned long long max,
			int (*fn)(void *user, const char *p, size_t n), void *user)
{
	static char buf[1 << 16];
	unsigned long long total = 0;
	struct stat st;
	int fd, rc = 0;
	ssize_t r;

	fd = open(path, O_RDONLY);
	if (fd < 0)
		return fail(AW_ERR_IO, "%s %s: %s", opt, qs(path), strerror(errno));
	if (!fstat(fd, &st) && S_ISDIR(st.st_mode)) {
		close(fd);
		return fail(AW_ERR_IO, "%s %s: is a directory", opt, qs(path));
	}
	for (;;) {
		r = read(fd, buf, sizeof buf);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			rc = fail(AW_ERR_IO, "%s %s: %s", opt, qs(path), strerror(errno));
			break;
		}
		if (r == 0)
			break;
		total += (unsigned long long)r;
		if (total > max) {
			rc = fail(AW_ERR_TOOBIG, "%s %s: larger than %llu MiB, the limit for this "
				  "file", opt, qs(path), max >> 20);
			break;
		}
		if ((rc = fn(user, buf, (size_t)r)))
			break;
	}
	close(fd);
	return rc;
}

/* A number lo..hi into *out, else a command-line error. */
static int parse_long(const char *opt, const char *v, long lo, long hi, long *out)
{
	char *end;
	long x;
	errno = 0;
	x = strtol(v, &end, 10);
	if (errno || *end || end == v || x < lo || x > hi || v[0] == ' ' || v[0] == '+')
		return usage_fail("%s: invalid number '%s' (expected %ld..%ld)", opt, qs(v), lo,
				  hi);
	*out = x;
	return AW_OK;
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

static int resolve_commit(const char *rev, char out[64])
{
	char spec[512], err[1024];
	const char *argv[] = {"rev-parse", "--verify", "--quiet", "--end-of-options", spec, NULL};
	if (strlen(rev) > sizeof spec - 16)
		return usage_fail("revision too long: %s", qs(rev));
	snprintf(spec, sizeof spec, "%s^{commit}", rev);
	if (awg_capture(o.git, argv, out, 64, err, sizeof err) || !out[0])
		return fail(AW_ERR_NOTFOUND, "bad revision '%s' in %s", qs(rev), qs(o.git));
	return AW_OK;
}

/* Every byte of an owner or repository name as GitHub allows it. */
static int gh_name(const char *p, size_t n)
{
	size_t i;
	if (!n || n > 100)
		return 0;
	for (i = 0; i < n; i++) {
		char c = p[i];
		if (!(AW_IS_ALNUM(c) || c == '-' || c == '_' || c == '.'))
			return 0;
	}
	return !(n == 1 && p[0] == '.') && !(n == 2 && p[0] == '.' && p[1] == '.');
}

/*
 * OWNER and REPO of a GitHub remote URL, in the forms git accepts:
 * https://github.com/O/R(.git), ssh://git@github.com/O/R, git@github.com:O/R,
 * git://github.com/O/R. Returns 1 and fills owner / repo_name, else 0.
 */
static int github_identity(const char *url)
{
	const char *h = url, *p, *q, *r;
	size_t hl, ol, rl;
	if ((p = strstr(url, "://")))
		h = p + 3;
	q = h + strcspn(h, "/:@");
	if (*q == '@')             /* user@ */
		h = q + 1;
	hl = strcspn(h, "/:");
	if (!(hl == 10 && !strncasecmp(h, "github.com", 10)) &&
	    !(hl == 14 && !strncasecmp(h, "www.github.com", 14)))
		return 0;
	p = h + hl;
	if (*p != '/' && *p != ':')
		return 0;
	p++;
	while (*p == '/')
		p++;
	ol = strcspn(p, "/");
	if (p[ol] != '/')
		return 0;
	r = p + ol + 1;
	rl = strcspn(r, "/#?");
	if (rl > 4 && !strncmp(r + rl - 4, ".git", 4))
		rl -= 4;
	if (!gh_name(p, ol) || !gh_name(r, rl) || ol >= sizeof owner || rl >= sizeof repo_name)
		return 0;
	memcpy(owner, p, ol);
	owner[ol] = 0;
	memcpy(repo_name, r, rl);
	repo_name[rl] = 0;
	snprintf(repo_url, sizeof repo_url, "https://github.com/%s/%s", owner, repo_name);
	return 1;
}

/* Repository identity for links and the header: --repo-url, else origin. */
static int repo_identity(void)
{
	char origin[512] = "";

	if (o.repo_url) {
		if (!github_identity(o.repo_url))
			return usage_fail("--repo-url: expected https://github.com/OWNER/REPO, got '%s'",
				    qs(o.repo_url));
	} else {
		const char *argv[] = {"config", "--get", "remote.origin.url", NULL};
		char err[256];
		if (awg_capture(o.git, argv, origin, sizeof origin, err, sizeof err))
			origin[0] = 0;
		if (origin[0])
			github_identity(origin);
	}
	if (!repo_url[0]) {
		/* no GitHub identity: name the list after its directory */
		const char *b = strrchr(o.git, '/');
		size_t n;
		b = b && b[1] ? b + 1 : o.git;
		n = strlen(b);
		if (n > 4 && !strncmp(b + n - 4, ".git", 4))
			n -= 4;
		if (o.tal_compat)
			return usage_fail("--tal-compat needs the list's GitHub repository for its links and "
				    "header, and %s: give --repo-url https://github.com/OWNER/REPO",
				    origin[0] ? "the origin remote is not on GitHub"
					      : "the clone has no origin remote");
		snprintf(owner, sizeof owner, "local");
		snprintf(repo_name, sizeof repo_name, "%.*s", (int)(n < 100 ? n : 100), b);
		note("%s: relative links are left as they are (give --repo-url to resolve them "
		     "against a GitHub repository)",
		     origin[0] ? "the origin remote is not on GitHub" : "no origin remote");
	}
	if (o.branch) {
		snprintf(branch, sizeof branch, "%s", o.branch);
	} else {
		const char *argv[] = {"symbolic-ref", "--quiet", "--short", "HEAD", NULL};
		char err[256];
		if (awg_capture(o.git, argv, branch, sizeof branch, err, sizeof err) || !branch[0])
			snprintf(branch, sizeof branch, "master");
	}
	return AW_OK;
}

/*
 * The repository: --git DIR, or the clone the current directory is in.
 * DIR must be a directory that is a clone's top level or a bare
 * repository; a shallow clone is refused (its history is cut off, so every
 * entry older than the cut would get the cut's date).
 */
static char git_dir_buf[4096];

static int open_repo(void)
{
	char tmp[4096], err[1024];
	struct stat st;

	if (!o.git) {
		const char *a1[] = {"rev-parse", "--is-bare-repository", NULL};
		const char *a2[] = {"rev-parse", "--show-toplevel", NULL};
		const char *a3[] = {"rev-parse", "--absolute-git-dir", NULL};
		if (awg_capture(".", a1, tmp, sizeof tmp, err, sizeof err))
			return usage_fail("no --git DIR given, and the current directory is not in a git "
				    "clone");
		if (strcmp(tmp, "true") && !awg_capture(".", a2, git_dir_buf, sizeof git_dir_buf,
							err, sizeof err) && git_dir_buf[0]) {
			o.git = git_dir_buf;
		} else if (!awg_capture(".", a3, git_dir_buf, sizeof git_dir_buf, err, sizeof err) &&
			   git_dir_buf[0]) {
			o.git = git_dir_buf;
		} else {
			return fail(AW_ERR_IO, "cannot find the clone of the current directory: %s",
				    qs(err));
		}
	} else {
		/* "DIR/" and "DIR": the same list name */
		size_t n = strlen(o.git);
		if (!n)
			return usage_fail("--git: empty directory name");
		if (n >= sizeof git_dir_buf)
			return usage_fail("--git: directory name too long");
		memcpy(git_dir_buf, o.git, n + 1);
		while (n > 1 && git_dir_buf[n - 1] == '/')
			git_dir_buf[--n] = 0;
		o.git = git_dir_buf;
		if (stat(o.git, &st))
			return fail(AW_ERR_IO, "--git %s: %s", qs(o.git), strerror(errno));
		if (!S_ISDIR(st.st_mode))
			return fail(AW_ERR_IO, "--git %s: not a directory (--git takes the clone's "
				    "directory; the file to track is --file)", qs(o.git));
		if (access(o.git, R_OK | X_OK))
			return fail(AW_ERR_IO, "--git %s: %s", qs(o.git), strerror(errno));
		{
			const char *a1[] = {"rev-parse", "--git-dir", NULL};
			const char *a2[] = {"rev-parse", "--show-cdup", NULL};
			if (awg_capture(o.git, a1, tmp, sizeof tmp, err, sizeof err))
				return fail(AW_ERR_IO, "--git %s: not a git repository", qs(o.git));
			/* a directory inside some other work tree is not the list's clone */
			if (awg_capture(o.git, a2, tmp, sizeof tmp, err, sizeof err))
				return fail(AW_ERR_IO, "--git %s: not a git repository", qs(o.git));
			if (tmp[0])
				return fail(AW_ERR_IO, "--git %s: not a git repository (it is a "
					    "subdirectory of one: give the clone's top directory)",
					    qs(o.git));
		}
	}
	{
		const char *argv[] = {"rev-parse", "--is-shallow-repository", NULL};
		if (!awg_capture(o.git, argv, tmp, sizeof tmp, err, sizeof err) &&
		    !strcmp(tmp, "true"))
			return fail(AW_ERR_IO, "%s is a shallow clone: its history is cut off, so "
				    "entries would be dated by the oldest commit it has. Fetch the "
				    "whole history first: git -C %s fetch --unshallow", qs(o.git),
				    qs(o.git));
	}
	return AW_OK;
}

/* The oldest commit in the file's history up to head (--first-parent:
 * on the first-parent chain): where the default replay starts. */
struct last_line {
	char line[64];
	char cur[64];
	size_t len;
};

static int last_line_sink(void *user, const char *p, size_t n)
{
	struct last_line *l = user;
	size_t i;
	for (i = 0; i < n; i++) {
		if (p[i] == '\n') {
			l->cur[l->len < sizeof l->cur ? l->len : sizeof l->cur - 1] = 0;
			memcpy(l->line, l->cur, sizeof l->line);
			l->len = 0;
		} else if (l->len < sizeof l->cur - 1) {
			l->cur[l->len++] = p[i];
		}
	}
	return 0;
}

static int first_commit(const char *head, char out[64])
{
	const char *argv[] = {"rev-list", o.first_parent ? "--first-parent" : "--topo-order",
			      head, "--", o.file, NULL};
	struct last_line l;
	char err[1024];
	aw_sink sk;
	memset(&l, 0, sizeof l);
	aw_sink_init(&sk, last_line_sink, &l);
	if (awg_run(o.git, argv, &sk, err, sizeof err))
		return fail(AW_ERR_IO, "git rev-list %.12s -- %s: %s", head, qs(o.file), qs(err));
	if (strlen(l.line) != 40)
		memcpy(out, head, 41); /* (the file exists at head: not reached) */
	else
		memcpy(out, l.line, 41);
	return AW_OK;
}

/*
 * Root entry names like README.md: readme.md, Readme.md, README.markdown,
 * readme.mkd ... (case-insensitive "readme" + a Markdown extension).
 */
static int readme_like(const char *n, size_t len)
{
	static const char *const ext[] = {".md", ".markdown", ".mdown", ".mkdn", ".mkd", NULL};
	size_t i, el;
	if (len < 8 || strncasecmp(n, "readme", 6))
		return 0;
	for (i = 0; ext[i]; i++) {
		el = strlen(ext[i]);
		if (len == 6 + el && !strncasecmp(n + 6, ext[i], el))
			return 1;
	}
	return 0;
}

struct tree_scan {
	char found[256];  /* the best README-like name */
	int rank;         /* of found; lower is better */
	char mode[8];     /* of the entry asked for (file_entry) */
	char type[8];
};

/* `git ls-tree -z` records: "<mode> <type> <oid>\t<name>\0". */
static void tree_line(struct tree_scan *t, const char *rec, size_t len, int pick)
{
	const char *tab = memchr(rec, '\t', len), *name;
	size_t nl, ml;
	static const char *const pref[] = {"README.md", "readme.md", "Readme.md",
					   "README.markdown", NULL};
	int rank = 10, i;
	if (!tab)
		return;
	name = tab + 1;
	nl = len - (size_t)(name - rec);
	if (!pick) {
		ml = strcspn(rec, " ");
		if (ml < sizeof t->mode) {
			memcpy(t->mode, rec, ml);
			t->mode[ml] = 0;
		}
		sscanf(rec + ml, " %7s", t->type);
		return;
	}
	if (!readme_like(name, nl) || nl >= sizeof t->found || strncmp(rec, "100", 3))
		return;
	for (i = 0; pref[i]; i++)
		if (strlen(pref[i]) == nl && !memcmp(pref[i], name, nl))
			rank = i;
	if (rank < t->rank || (rank == t->rank && memcmp(name, t->found, nl) < 0)) {
		memcpy(t->found, name, nl);
		t->found[nl] = 0;
		t->rank = rank;
	}
}

struct tree_sink_ctx {
	struct tree_scan *t;
	int pick;
	char rec[4096 + 128];
	size_t len;
};

static int tree_sink(void *user, const char *p, size_t n)
{
	struct tree_sink_ctx *c = user;
	size_t i;
	for (i = 0; i < n; i++) {
		if (p[i] == 0) {
			c->rec[c->len] = 0; /* (tree_line reads it as a string too) */
			tree_line(c->t, c->rec, c->len, c->pick);
			c->len = 0;
		} else if (c->len < sizeof c->rec - 1) {
			c->rec[c->len++] = p[i];
		}
	}
	return 0;
}

/* Mode and type of o.file at `commit` ("" when it does not exist). */
static int file_entry(const char *commit, struct tree_scan *t)
{
	const char *argv[] = {"ls-tree", "-z", "--full-tree", commit, "--", o.file, NULL};
	struct tree_sink_ctx *c = calloc(1, sizeof *c);
	char err[1024];
	aw_sink sk;
	if (!c)
		return fail(AW_ERR_FULL, "out of memory");
	aw_sink_init(&sk, tree_sink, c);
	c->t = t;
	t->mode[0] = t->type[0] = 0;
	if (awg_run(o.git, argv, &sk, err, sizeof err)) {
		free(c);
		return fail(AW_ERR_IO, "git ls-tree %.12s: %s", commit, qs(err));
	}
	free(c);
	return AW_OK;
}

/* The best README-like name at the root of `commit` into t->found. */
static int find_readme(const char *commit, struct tree_scan *t)
{
	const char *argv[] = {"ls-tree", "-z", commit, NULL};
	struct tree_sink_ctx *c = calloc(1, sizeof *c);
	char err[1024];
	aw_sink sk;
	if (!c)
		return fail(AW_ERR_FULL, "out of memory");
	aw_sink_init(&sk, tree_sink, c);
	c->t = t;
	c->pick = 1;
	t->found[0] = 0;
	t->rank = 99;
	if (awg_run(o.git, argv, &sk, err, sizeof err)) {
		free(c);
		return fail(AW_ERR_IO, "git ls-tree %.12s: %s", commit, qs(err));
	}
	free(c);
	return AW_OK;
}

/*
 * The tracked file at the head: --file, or README.md, or (when the head has
 * no README.md and no --file was given) a README-like name at the root,
 * said on stderr. It must be a regular file there.
 */
static int check_file(const char *head, int file_given)
{
	struct tree_scan t;
	int rc;
	memset(&t, 0, sizeof t);
	if (strchr(o.file, '\n'))
		return usage_fail("--file: a file name with a newline cannot be read (git cat-file "
			    "--batch takes one name per line)");
	if (strlen(o.file) > 1024)
		return usage_fail("--file: name too long");
	if ((rc = file_entry(head, &t)))
		return rc;
	if (!t.mode[0]) {
		if ((rc = find_readme(head, &t)))
			return rc;
		if (!file_given && t.found[0]) {
			static char name[256];
			snprintf(name, sizeof name, "%s", t.found);
			o.file = name;
			note("no README.md at %.12s: reading %s", head, qs(name));
			if ((rc = file_entry(head, &t)))
				return rc;
		} else if (t.found[0] && strcmp(t.found, o.file)) {
			return fail(AW_ERR_NOTFOUND, "%s: no such file at %s (%.12s); the root has "
				    "%s: give --file %s", qs(o.file), qs(o.head_rev), head,
				    qs(t.found), qs(t.found));
		} else {
			return fail(AW_ERR_NOTFOUND, "%s: no such file at %s (%.12s)%s", qs(o.file),
				    qs(o.head_rev), head,
				    file_given ? "" : "; give the list's file with --file");
		}
	}
	if (!strcmp(t.mode, "120000"))
		return fail(AW_ERR_NOTFOUND, "%s is a symbolic link at %s (%.12s): give the file it "
			    "points to with --file", qs(o.file), qs(o.head_rev), head);
	if (strcmp(t.type, "blob"))
		return fail(AW_ERR_NOTFOUND, "%s is a %s at %s (%.12s), not a file", qs(o.file),
			    !strcmp(t.type, "tree") ? "directory" : "submodule", qs(o.head_rev), head);
	return AW_OK;
}

/* ---------------------------------------------------------------- blame */

static int on_blame(void *user, uint32_t line, int64_t t)
{
	(void)user;
	if (line >= line_time_cap) {
		size_t ncap = line_time_cap ? line_time_cap * 2 : 4096;
		int64_t *nt;
		while (ncap <= line) ncap *= 2;
		nt = realloc(line_time, ncap * sizeof *line_time);
		if (!nt)
			return AW_ERR_FULL;
		line_time = nt;
		while (line_time_cap < ncap)   /* (0 is a time: 1970-01-01) */
			line_time[line_time_cap++] = NO_TIME;
	}
	line_time[line] = t;
	return 0;
}

static int blame_sink(void *user, const char *p, size_t n)
{
	(void)user;
	return aw_blame_feed(&blame, p, n);
}

static int run_blame(const char *commit)
{
	const char *argv[] = {"blame", "--line-porcelain", commit, "--", o.file, NULL};
	char err[1024];
	int rc;
	aw_sink sk;

	aw_blame_init(&blame, on_blame, NULL);
	aw_sink_init(&sk, blame_sink, NULL);
	rc = awg_run(o.git, argv, &sk, err, sizeof err);
	if (rc == AW_ERR_FULL)
		return fail(rc, "out of memory");
	if (rc == -1)
		return fail(AW_ERR_IO, "git blame %s -- %s: %s", commit, qs(o.file), qs(err));
	if (rc)
		return fail(AW_ERR_SYNTAX, "git blame: malformed --line-porcelain output");
	if (aw_blame_end(&blame))
		return fail(AW_ERR_SYNTAX, "git blame: truncated --line-porcelain output");
	return AW_OK;
}

/* The import's dates: the committer time of an item's last line. */
static int line_time_of(void *user, uint32_t line, int64_t *t)
{
	(void)user;
	if (md_lf) /* the parser's line -> blame's (lone CRs) */
		line = line < md_lf_n ? md_lf[line] : 0;
	*t = line && line < line_time_cap ? line_time[line] : NO_TIME;
	return *t != NO_TIME ? AW_OK : AW_ERR_NOTFOUND;
}

/* ---------------------------------------------------------------- parsing */

/* A tracker error as a message (`what`: the file, or the file at a commit). */
/*
 * A full table: name the capacity that ran out, how far it got and its
 * limit; they are compile-time options of the board (core/aw_opt.h,
 * boards/<board>/). The tracker says only AW_ERR_FULL: the table at its
 * limit is the one that filled.
 */
static int capacity_full(const char *what, uint32_t line)
{
	char at[64] = "";
	size_t dated = aw_datemap_count(trk.rp.cur);
	if (line)
		snprintf(at, sizeof at, " at line %u", (unsigned)line);
	if (dated >= AW_STORE_DATEMAP_MAX)
		return fail(AW_ERR_FULL, "%s: capacity reached%s: %zu entries; limit "
			    "AW_STORE_DATEMAP_MAX = %u entries (a compile-time option of the board, "
			    "core/aw_opt.h)", what, at, dated, (unsigned)AW_STORE_DATEMAP_MAX);
	if (delta.nitems < AW_DELTA_ITEMS_MAX && delta.nheads < AW_DELTA_HEADS_MAX)
		return fail(AW_ERR_FULL, "%s: capacity reached%s: %zu entries, %zu bytes of text; "
			    "limits AW_STORE_ITEMS_MAX = %u entries, AW_STORE_ARENA_MAX = %u bytes "
			    "(compile-time options of the board, core/aw_opt.h)", what, at,
			    aw_store_count(&store), aw_store_arena_used(&store),
			    (unsigned)AW_STORE_ITEMS_MAX, (unsigned)AW_STORE_ARENA_MAX);
	return fail(AW_ERR_FULL, "%s: capacity reached%s: %zu entries dated, %lu entries and %lu "
		    "headings in the incremental parser; limits AW_STORE_DATEMAP_MAX = %u, "
		    "AW_DELTA_ITEMS_MAX = %u, AW_DELTA_HEADS_MAX = %u (compile-time options of the "
		    "board, core/aw_opt.h)", what, at, dated, (unsigned long)delta.nitems,
		    (unsigned long)delta.nheads, (unsigned)AW_STORE_DATEMAP_MAX,
		    (unsigned)AW_DELTA_ITEMS_MAX, (unsigned)AW_DELTA_HEADS_MAX);
}

static int track_fail(int rc, const char *what)
{
	uint32_t line = aw_track_err_line(&trk);
	if (rc == AW_ERR_SYNTAX)
		return fail(rc, "%s: cannot be parsed (a category heading contains strikethrough; "
			    "trackawesomelist rejects such a file)", what);
	if (rc == AW_ERR_NOTFOUND && line)
		return fail(rc, "%s: no blame time for line %u", what, (unsigned)line);
	if (rc == AW_ERR_STATE && line)
		return fail(rc, "%s: internal error: item without a date at line %u", what,
			    (unsigned)line);
	if (rc == AW_ERR_TOOBIG || rc == AW_ERR_FULL) {
		/* the parser names the capacity it ran out of */
		unsigned long v, mx;
		uint32_t ml;
		const char *nm = aw_md_limit(&md, &v, &mx, &ml);
		if (nm)
			return fail(rc, "%s: capacity reached at line %u: the list needs %s of at least "
				    "%lu; limit %s = %lu (a compile-time option of the board, "
				    "core/aw_opt.h)", what, (unsigned)ml, nm, v, nm, mx);
	}
	if (rc == AW_ERR_FULL)
		return capacity_full(what, line);
	if (rc == AW_ERR_TOOBIG)
		return fail(rc, "%s: %s: the list exceeds a capacity of the parser (AW_MD_LINE_MAX = "
			    "%u bytes per line, AW_MD_TEXT_MAX = %u bytes of block text, "
			    "AW_MD_NODES_MAX = %u blocks ...: compile-time options of the board, "
			    "core/aw_opt.h)", what, aw_strerror(rc), (unsigned)AW_MD_LINE_MAX,
			    (unsigned)AW_MD_TEXT_MAX, (unsigned)AW_MD_NODES_MAX);
	return fail(rc, "%s: %s", what, aw_strerror(rc));
}

/* md_lf for text (see its declaration); NULL when no CR stands alone. */
static int map_lines(const char *text, size_t len)
{
	size_t i, n = 2, k = 1;
	uint32_t lf = 1;
	int lone = 0;

	free(md_lf);
	md_lf = NULL;
	md_lf_n = 0;
	for (i = 0; i < len; i++)
		if (text[i] == '\n' || text[i] == '\r') {
			n++;
			if (text[i] == '\r' && (i + 1 == len || text[i + 1] != '\n'))
				lone = 1;
		}
	if (!lone)
		return AW_OK;
	md_lf = malloc(n * sizeof *md_lf);
	if (!md_lf)
		return fail(AW_ERR_FULL, "out of memory");
	md_lf[0] = 0;
	md_lf[1] = 1;
	for (i = 0; i < len; i++) {
		if (text[i] == '\r' && i + 1 < len && text[i + 1] == '\n')
			continue; /* CRLF: one line end, at its LF */
		if (text[i] == '\n')
			lf++;
		else if (text[i] != '\r')
			continue;
		md_lf[++k] = lf;
	}
	md_lf_n = k + 1;
	return AW_OK;
}

static int get_blob(awg_batch *b, const char *commit, const char **data, size_t *len)
{
	char spec[1200];
	int rc;
	snprintf(spec, sizeof spec, "%s:%s", commit, o.file);
	rc = awg_batch_get(b, spec, data, len);
	if (rc == 1)
		return fail(AW_ERR_NOTFOUND, "%s: no such file at %.12s", qs(o.file), commit);
	if (rc == 2)
		return fail(AW_ERR_NOTFOUND, "%s: not a file at %.12s", qs(o.file), commit);
	if (rc)
		return fail(AW_ERR_IO, "git cat-file: read error");
	return AW_OK;
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

#define POLLS_MAX 1000000u           /* --poll-times: at most this many times */
#define POLL_FILE_MAX (32ull << 20)   /* and a file of at most 32 MiB */

struct poll_reader {
	char line[64];   /* a Unix time and some blanks fit easily */
	size_t len;
	int too_long;
	unsigned long lineno;
	size_t cap;
};

static int poll_line(struct poll_reader *r)
{
	char *p = r->line, *q;
	long long v;
	r->lineno++;
	if (r->too_long)
		return fail(AW_ERR_SYNTAX, "--poll-times %s:%lu: not a Unix time: '%s'",
			    qs(o.poll_times), r->lineno, quote(r->line, r->len));
	r->line[r->len] = 0;
	while (*p == ' ' || *p == '\t')
		p++;
	if (!*p || *p == '#' || *p == '\r')
		return AW_OK;
	errno = 0;
	v = strtoll(p, &q, 10);
	while (*q == ' ' || *q == '\t' || *q == '\r')
		q++;
	if (errno || *q || q == p || *p == '+')
		return fail(AW_ERR_SYNTAX, "--poll-times %s:%lu: not a Unix time: '%s'",
			    qs(o.poll_times), r->lineno, quote(r->line, r->len));
	if (n_polls == POLLS_MAX)
		return fail(AW_ERR_FULL, "--poll-times %s: more than %u poll times",
			    qs(o.poll_times), POLLS_MAX);
	if (n_polls == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 1024;
		polls = realloc(polls, r->cap * sizeof *polls);
		if (!polls)
			return fail(AW_ERR_FULL, "out of memory");
	}
	polls[n_polls++] = v;
	return AW_OK;
}

static int poll_chunk(void *user, const char *p, size_t n)
{
	struct poll_reader *r = user;
	size_t i;
	int rc;
	for (i = 0; i < n; i++) {
		if (p[i] == '\n') {
			if ((rc = poll_line(r)))
				return rc;
			r->len = 0;
			r->too_long = 0;
		} else if (r->len < sizeof r->line - 1) {
			r->line[r->len++] = p[i];
		} else {
			r->too_long = 1;
			return poll_line(r); /* no Unix time is that long: fail now */
		}
	}
	return 0;
}

static int load_polls(void)
{
	int rc;
	if (o.poll_slots) {
		size_t commas = 0, i, len = strlen(o.poll_slots);
		for (i = 0; i < len; i++)
			commas += o.poll_slots[i] == ',';
		if (commas >= sizeof slots / sizeof slots[0])
			return usage_fail("--poll-slots: %zu slots, at most %zu", commas + 1,
				    sizeof slots / sizeof slots[0]);
		rc = aw_time_parse_hhmm_list(o.poll_slots, len, slots, sizeof slots / sizeof slots[0],
					&n_slots);
		if (rc || !n_slots)
			return usage_fail("--poll-slots: expected HH:MM[,HH:MM...], got '%s'",
				    qs(o.poll_slots));
	}
	if (o.poll_times) {
		struct poll_reader r;
		memset(&r, 0, sizeof r);
		if ((rc = read_bounded("--poll-times", o.poll_times, POLL_FILE_MAX, poll_chunk, &r)))
			return rc;
		if ((r.len || r.too_long) && (rc = poll_line(&r)))
			return rc;
		if (!n_polls)
			return fail(AW_ERR_SYNTAX, "--poll-times %s: no poll times", qs(o.poll_times));
		qsort(polls, n_polls, sizeof *polls, cmp_i64);
	}
	return AW_OK;
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
	int skip;       /* the file is not a readable file there (git log --raw) */
};
static struct commit *commits;
static size_t n_commits, cap_commits;
static unsigned long n_skipped;
static char linebuf[4096 + 256]; /* (--raw lines carry the path) */
static size_t linelen;

static int add_commit_line(const char *l)
{
	long long t;
	char sha[64];
	if (l[0] == ':') {
		/* --raw: ":<old mode> <new mode> <old> <new> <status>\t<path>"; the
		 * file deleted (000000), a symbolic link (120000) or a submodule
		 * (160000) in this commit: nothing to parse */
		const char *nm = strchr(l, ' '), *path = strchr(l, '\t');
		if (n_commits && nm && path && !strcmp(path + 1, o.file) &&
		    (!strncmp(nm + 1, "000000 ", 7) ||
					!strncmp(nm + 1, "120000 ", 7) || !strncmp(nm + 1, "160000 ", 7)))
			commits[n_commits - 1].skip = 1;
		return AW_OK;
	}
	if (sscanf(l, "%63s %lld", sha, &t) != 2 || strlen(sha) != 40)
		return fail(AW_ERR_SYNTAX, "git log: unexpected line %s", qs(l));
	if (n_commits == cap_commits) {
		size_t ncap = cap_commits ? cap_commits * 2 : 1024;
		struct commit *nc = realloc(commits, ncap * sizeof *commits);
		if (!nc)
			return fail(AW_ERR_FULL, "out of memory");
		commits = nc;
		cap_commits = ncap;
	}
	memcpy(commits[n_commits].sha, sha, 41);
	commits[n_commits].t = t;
	commits[n_commits].skip = 0;
	n_commits++;
	return AW_OK;
}

static int log_sink(void *user, const char *p, size_t n)
{
	int rc;
	(void)user;
	for (size_t i = 0; i < n; i++) {
		if (p[i] == '\n') {
			linebuf[linelen] = 0;
			if (linelen && (rc = add_commit_line(linebuf)))
				return rc;
			linelen = 0;
		} else if (linelen < sizeof linebuf - 1) {
			linebuf[linelen++] = p[i];
		}
	}
	return 0;
}

static int list_commits(const char *c0, const char *head)
{
	char range[200], err[1024];
	const char *argv[24];
	int n = 0, rc;
	aw_sink sk;
	/* small pack windows, as for cat-file: a quarter less memory */
	argv[n++] = "-c";
	argv[n++] = "core.packedGitWindowSize=512k";
	argv[n++] = "-c";
	argv[n++] = "core.packedGitLimit=4m";
	/* whatever the user's configuration says: this file's commits only,
	 * no signature lines */
	argv[n++] = "-c";
	argv[n++] = "log.follow=false";
	argv[n++] = "-c";
	argv[n++] = "log.showSignature=false";
	argv[n++] = "-c";
	argv[n++] = "core.quotePath=false";
	argv[n++] = "log";
	argv[n++] = "--reverse";
	argv[n++] = "--format=%H %ct";
	argv[n++] = "--raw";
	argv[n++] = "--no-abbrev";
	if (o.first_parent)
		argv[n++] = "--first-parent";
	snprintf(range, sizeof range, "%s..%s", c0, head);
	argv[n++] = range;
	argv[n++] = "--";
	argv[n++] = o.file;
	argv[n] = NULL;
	aw_sink_init(&sk, log_sink, NULL);
	rc = awg_run(o.git, argv, &sk, err, sizeof err);
	if (rc == -1)
		return fail(AW_ERR_IO, "git log %s: %s", range, qs(err));
	return rc; /* AW_OK, or log_sink's error (the message is set) */
}

#define AHEAD 4 /* blob requests in flight: git works while we parse */

/*
 * AWTRACK_STREAM=N (a test switch, not an option): drive the tracker as a
 * port that cannot hold a version does (one-pass streaming mode): every
 * version is fed in N-byte pieces and fed again from its start whenever
 * the tracker asks. The output must be the same.
 */
static size_t stream_chunk;

static int stream_in(const char *data, size_t len)
{
	size_t i;
	int rc;
	do {
		rc = AW_OK;
		for (i = 0; rc == AW_OK && i < len; i += stream_chunk)
			rc = aw_track_feed(&trk, data + i,
					   len - i < stream_chunk ? len - i : stream_chunk);
		if (rc == AW_OK)
			rc = aw_track_end(&trk);
	} while (rc == AW_TRACK_AGAIN);
	return rc;
}

/*
 * Date every item: the import at c0 (blame), every later version that
 * touches the file (through the poller model), then the final version at
 * head rendered into the store. The pipeline is the tracker's; this only
 * fetches bytes.
 */
static int replay(awg_batch *b, const char *c0, const char *head)
{
	const char *data;
	size_t len, i, nv = 0, sent = 0, k;
	size_t *pick;
	char spec[1200];
	int rc;
	aw_track_stats ts;
	/* the last version the tracker accepted: the page is made of it (a
	 * head that cannot be parsed or holds no file changes nothing) */
	char good[64];
	int good_empty = 0, last_ok = 1;

	snprintf(good, sizeof good, "%s", c0);
	snprintf(spec, sizeof spec, "%s:%s", c0, o.file);
	rc = awg_batch_get(b, spec, &data, &len);
	if (rc == 1 || rc == 2) {
		/* the history starts after --import: nothing to import, every
		 * entry is dated by the commit that added it */
		note("%s does not exist at --import %.12s: every entry is dated by the commit that "
		     "added it", qs(o.file), c0);
		data = "";
		len = 0;
		good_empty = 1;
	} else if (rc) {
		return fail(AW_ERR_IO, "git cat-file: read error");
	} else {
		struct tree_scan tsc;
		file_entry(c0, &tsc);
		if (!strcmp(tsc.mode, "120000"))
			return fail(AW_ERR_ARG, "%s is a symbolic link at --import %.12s", qs(o.file), c0);
		if ((rc = run_blame(c0)))   /* (data stays valid: blame is not the batch) */
			return rc;
		if ((rc = map_lines(data, len)))
			return rc;
	}
	if (stream_chunk) {
		if (!(rc = aw_track_begin_import(&trk, line_time_of, NULL)))
			rc = stream_in(data, len);
	} else {
		rc = aw_track_import(&trk, data, len, line_time_of, NULL);
	}
	if (rc)
		return track_fail(rc, qs(o.file));

	if (strcmp(c0, head)) {
		if ((rc = list_commits(c0, head)))
			return rc;
		pick = malloc((n_commits + 1) * sizeof *pick);
		if (!pick)
			return fail(AW_ERR_FULL, "out of memory");
		for (i = 0; i < n_commits; i++) {
			/* a poller that only sees snapshots sees the last commit
			 * before its poll: skip those it would never have seen */
			if (o.snapshots && i + 1 < n_commits &&
			    seen_at(commits[i + 1].t) == seen_at(commits[i].t))
				continue;
			if (commits[i].skip) {
				n_skipped++;
				continue;
			}
			pick[nv++] = i;
		}
		for (k = 0; k < nv && !rc; k++) {
			const struct commit *cm = &commits[pick[k]];
			for (; sent < nv && sent < k + AHEAD && !rc; sent++) {
				snprintf(spec, sizeof spec, "%s:%s", commits[pick[sent]].sha, o.file);
				if (awg_batch_want(b, spec))
					rc = fail(AW_ERR_IO, "git cat-file: write error");
			}
			if (rc)
				break;
			progress("replay: %zu/%zu versions", pick[k] + 1, n_commits);
			rc = awg_batch_read(b, &data, &len);
			if (rc == 1 || rc == 2) {
				/* deleted here (re-added later), or not a file: like a
				 * version that cannot be parsed, it changes nothing */
				n_skipped++;
				last_ok = 0;
				rc = AW_OK;
				continue;
			}
			if (rc) {
				rc = fail(AW_ERR_IO, "git cat-file: read error");
				break;
			}
			if (!stream_chunk)
				rc = aw_track_version(&trk, seen_at(cm->t), data, len);
			else if (!(rc = aw_track_begin_version(&trk, seen_at(cm->t))))
				rc = stream_in(data, len);
			if (rc == AW_ERR_SYNTAX) {
				/* like the reference: a file that fails to parse
				 * changes nothing; the next good version counts */
				last_ok = 0;
				rc = AW_OK;
			} else if (!rc) {
				last_ok = 1;
				snprintf(good, sizeof good, "%s", cm->sha);
				good_empty = 0;
			} else {
				char what[300];
				snprintf(what, sizeof what, "%s at %.12s", qs(o.file), cm->sha);
				rc = track_fail(rc, what);
			}
		}
		free(pick);
		if (rc)
			return rc;
		progress_done();
		aw_track_get_stats(&trk, &ts);
		if (getenv("AWTRACK_DELTA_STATS")) {
			fprintf(stderr, "%s: delta: %lu same, %lu windows (%llu bytes), %lu whole\n",
				prog, ts.same, ts.windows, ts.window_bytes, ts.wholes);
			fprintf(stderr, "%s: track: %lu versions, %lu rejected, %lu first passes redone\n",
				prog, ts.versions, ts.rejected, ts.fallbacks);
		}
	}
	/* the final version, rendered (streaming: the store has it already,
	 * unless the last version was not accepted: then it holds a partial
	 * one, and the last good version is rendered again) */
	if (last_ok) {
		if ((rc = get_blob(b, head, &data, &len)))
			return rc;
	} else if (good_empty) {
		data = "";
		len = 0;
	} else if ((rc = get_blob(b, good, &data, &len))) {
		return rc;
	}
	if (!last_ok)
		note("%s at the head could not be parsed or is not a file: the page is made of "
		     "the last version that could be (%.12s)", qs(o.file),
		     good_empty ? "empty" : good);
	if ((rc = aw_track_finish(&trk, stream_chunk && last_ok ? NULL : data,
				  stream_chunk && last_ok ? 0 : len)))
		return track_fail(rc, qs(o.file));
	aw_track_get_stats(&trk, &ts);
	if (ts.rejected)
		warn("%lu version(s) could not be parsed and were skipped", ts.rejected);
	if (n_skipped)
		note("%lu version(s) without %s as a file (deleted, a symbolic link, a directory) "
		     "were skipped", n_skipped, qs(o.file));
	return AW_OK;
}

static int out_sink(void *user, const char *p, size_t n);

/* The overview page (docs/spec.md 8.4): the whole file at --head, no dates.
 * Collected in memory and printed only once the whole page is made, so a
 * failure leaves no half page behind. */
static char *ov_buf;
static size_t ov_len, ov_cap;

static int doc_sink(void *user, const char *p, size_t n)
{
	(void)user;
	if (ov_len + n > ov_cap) {
		size_t ncap = ov_cap ? ov_cap * 2 : 1 << 16;
		char *nb;
		while (ncap < ov_len + n)
			ncap *= 2;
		nb = realloc(ov_buf, ncap);
		if (!nb)
			return AW_ERR_FULL;
		ov_buf = nb;
		ov_cap = ncap;
	}
	memcpy(ov_buf + ov_len, p, n);
	ov_len += n;
	return 0;
}

static int overview(awg_batch *b, const char *head, const aw_page_info *pi)
{
	const char *data;
	size_t len;
	int rc;
	aw_sink out;
	aw_track_stats ts;

	if ((rc = get_blob(b, head, &data, &len)))
		return rc;
	aw_sink_init(&out, doc_sink, NULL);
	if (!o.body && (rc = aw_render_overview_header(pi, &out)))
		return fail(rc, "render: %s", aw_strerror(rc));
	if ((rc = aw_track_document(&trk, data, len, &out)))
		return track_fail(rc, qs(o.file));
	if ((rc = aw_sink_putc(&out, '\n'))) /* the page ends with an empty line */
		return fail(rc, "out of memory");
	aw_track_get_stats(&trk, &ts);
	if (ts.final_truncated)
		warn("%lu block(s) over a compiled-in limit (%s; core/aw_opt.h): their text is cut",
		     ts.final_truncated, ts.limits[0]);
	out_sink(NULL, ov_buf, ov_len);
	free(ov_buf);
	return AW_OK;
}

/* ---------------------------------------------------------------- output */

/*
 * Everything printed on stdout goes through here. Control characters other
 * than TAB, CR and newline (C0, DEL, and the C1 range U+0080-U+009F in
 * UTF-8) are printed as U+FFFD: a README cannot send escape sequences, bells
 * or title changes to the terminal. (A CR is a line end inside an entry's
 * markdown, kept as the README has it, as the reference does.) A write error is remembered (errno) and
 * stops the output; main reports it.
 */
static int out_errno;         /* first failed write, 0 = none */
static int out_c2;            /* a 0xC2 byte held back at the end of a chunk */
static const char repl[] = "\xEF\xBF\xBD";

static int out_raw(const char *p, size_t n)
{
	if (out_errno)
		return 1;
	if (n && fwrite(p, 1, n, stdout) != n) {
		out_errno = errno ? errno : EIO;
		return 1;
	}
	return 0;
}

static int out_sink(void *user, const char *p, size_t n)
{
	size_t i, start = 0;
	(void)user;
	if (out_c2 && n) {
		unsigned char c = (unsigned char)p[0];
		out_c2 = 0;
		if (c >= 0x80 && c <= 0x9f) {
			if (out_raw(repl, 3))
				return 1;
			start = 1;
		} else if (out_raw("\xC2", 1)) {
			return 1;
		}
	}
	for (i = start; i < n; i++) {
		unsigned char c = (unsigned char)p[i];
		size_t skip;
		if (c >= 0x20 && c != 0x7f && c != 0xc2)
			continue;
		if (c == '\t' || c == '\n' || c == '\r')
			continue;
		if (c == 0xc2) {
			if (i + 1 == n) {          /* decide with the next chunk */
				if (out_raw(p + start, i - start))
					return 1;
				out_c2 = 1;
				return 0;
			}
			if ((unsigned char)p[i + 1] < 0x80 || (unsigned char)p[i + 1] > 0x9f)
				continue;
			skip = 2;
		} else {
			skip = 1;
		}
		if (out_raw(p + start, i - start) || out_raw(repl, 3))
			return 1;
		start = i + skip;
		i += skip - 1;
	}
	return out_raw(p + start, n - start);
}

/* The end of the output: a held-back byte, the flush; a write error
 * (here or earlier) is AW_ERR_IO with errmsg saying why. */
static int out_end(void)
{
	if (out_c2) {
		out_c2 = 0;
		out_raw("\xC2", 1);
	}
	if (!out_errno && fflush(stdout))
		out_errno = errno ? errno : EIO;
	if (out_errno)
		return fail(AW_ERR_IO, "write error on the output: %s", strerror(out_errno));
	return AW_OK;
}

/* A field of the items table: one line, no TAB (the column separator). */
static void out_field(aw_sink *out, const char *s, size_t n)
{
	size_t i, start = 0;
	for (i = 0; i < n; i++) {
		if (s[i] == '\t' || s[i] == '\n' || s[i] == '\r') {
			aw_sink_write(out, s + start, i - start);
			aw_sink_write(out, " ", 1);
			start = i + 1;
		}
	}
	aw_sink_write(out, s + start, n - start);
}

/* The items table: a renderer on the digest walker in document order
 * (time, identity, category, identifier: one line per item). */
static int print_items(void)
{
	aw_digest_opts dopt;
	aw_digest_ev ev;
	aw_sink out;
	int rc;

	aw_sink_init(&out, out_sink, NULL);
	aw_digest_opts_default(&dopt);
	dopt.kind = AW_DIGEST_DOCUMENT;
	if ((rc = aw_digest_begin(&walker, &store, &dopt)))
		return rc;
	while (!out.err && aw_digest_next(&walker, &ev) == 1) {
		const aw_digest_item *it = ev.item;
		char hex[41], when[32], line[128];
		time_t tt;
		struct tm tm;
		size_t l;

		if (ev.type != AW_DIGEST_ITEM)
			continue;
		tt = (time_t)it->time;
		gmtime_r(&tt, &tm);
		strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
		aw_sha1_hex(it->id, hex);
		l = (size_t)snprintf(line, sizeof line, "%s\t%s\t", when, hex);
		aw_sink_write(&out, line, l);
		out_field(&out, it->category, it->category_len);
		aw_sink_write(&out, "\t", 1);
		/* the identifier (first link), on one line */
		out_field(&out, it->ident, it->ident_len);
		aw_sink_write(&out, "\n", 1);
	}
	return AW_OK;   /* a write error is out_end's to report */
}

/*
 * Star map lookup for the badges: a value that is a plain count (12345)
 * is formatted as the site does (12k), and a value that already starts
 * with the star sign does not get a second one.
 */
static int stars_lookup(void *user, const char *ow, size_t owl, const char *re, size_t rel,
			const char **text, size_t *text_len)
{
	static char fmt[32];
	static const char star[] = "\xE2\xAD\x90"; /* U+2B50 */
	size_t i;
	if (!aw_starmap_lookup(user, ow, owl, re, rel, text, text_len))
		return 0;
	if (*text_len >= 3 && !memcmp(*text, star, 3)) {
		*text += 3;
		*text_len -= 3;
	}
	for (i = 0; i < *text_len && AW_IS_DIGIT((*text)[i]); i++)
		;
	if (i && i == *text_len && i <= 15) {
		aw_buf b;
		uint64_t v = 0;
		for (i = 0; i < *text_len; i++)
			v = v * 10 + (uint64_t)((*text)[i] - '0');
		aw_buf_init(&b, fmt, sizeof fmt);
		aw_stars_format(v, &b);
		*text = fmt;
		*text_len = b.len;
	}
	return 1;
}

static int stars_chunk(void *user, const char *p, size_t n)
{
	return aw_starmap_feed(user, p, n) ? 1 : 0;
}

static int load_stars(void)
{
	int rc;
	aw_starmap_init(&starmap);
	/* a failed read is negative; the star map's own error (stars_chunk's
	   1) is reported by aw_starmap_end */
	if ((rc = read_bounded("--stars", o.stars, 64ull << 20, stars_chunk, &starmap)) < 0)
		return rc;
	rc = aw_starmap_end(&starmap);
	if (rc == AW_ERR_TOOBIG)
		return fail(rc, "--stars %s:%lu: line longer than %u bytes (AW_STARS_LINE_MAX, a "
		    "compile-time option of the board)", qs(o.stars), starmap.lineno,
		    (unsigned)AW_STARS_LINE_MAX);
	if (rc == AW_ERR_FULL)
		return fail(rc, "--stars %s:%lu: the star map is full: %lu entries and %lu bytes used, limits "
		    "AW_STARS_MAP_MAX = %u entries and AW_STARS_ARENA_MAX = %u bytes (compile-time "
		    "options of the board)", qs(o.stars), starmap.lineno, (unsigned long)starmap.n,
		    (unsigned long)starmap.used, (unsigned)AW_STARS_MAP_MAX,
		    (unsigned)AW_STARS_ARENA_MAX);
	if (rc == AW_ERR_SYNTAX)
		return fail(rc, "--stars %s:%lu: expected owner/repo<TAB>text", qs(o.stars), starmap.lineno);
	if (rc)
		return fail(rc, "--stars %s: %s", qs(o.stars), aw_strerror(rc));
	return AW_OK;
}

/*
 * --stars-total: a count (formatted like GitHub's compact notation, 1.6K)
 * or such a text already formatted (digits, one optional fraction, one
 * optional K, M, B or T).
 */
static int stars_total(void)
{
	const char *v = o.stars_total, *p = v;
	size_t d = 0;
	while (AW_IS_DIGIT(*p))
		p++, d++;
	if (d && !*p) {
		aw_buf sb;
		unsigned long long n;
		if (d > 15)
			return usage_fail("--stars-total: '%s' is too large", qs(v));
		n = strtoull(v, NULL, 10);
		aw_buf_init(&sb, stars_total_text, sizeof stars_total_text);
		aw_stars_total_format(n, &sb);
		aw_buf_cstr(&sb);
		return AW_OK;
	}
	if (d && *p == '.' && AW_IS_DIGIT(p[1]))
		for (p++; AW_IS_DIGIT(*p); p++)
			;
	if (d && d <= 4 && (*p == 'K' || *p == 'M' || *p == 'B' || *p == 'T'))
		p++;
	if (!d || *p || p - v > 12)
		return usage_fail("--stars-total: expected a count (1600) or a compact number "
				  "(1.6K), got '%s'", qs(v));
	snprintf(stars_total_text, sizeof stars_total_text, "%s", v);
	return AW_OK;
}

/* ---------------------------------------------------------------- options */

enum opt_id {
	OPT_GIT, OPT_FILE, OPT_IMPORT, OPT_HEAD, OPT_TYPE, OPT_MAXH, OPT_MINH, OPT_HL,
	OPT_NOCAT, OPT_REPO_URL, OPT_BRANCH, OPT_STARS, OPT_NAME, OPT_DESC, OPT_STARS_TOTAL,
	OPT_TAG, OPT_TAL, OPT_BODY, OPT_WEEKS, OPT_FIRST_PARENT, OPT_SLOTS, OPT_TIMES,
	OPT_SNAPSHOTS, OPT_QUIET, OPT_HELP, OPT_VERSION, OPT_LAST, OPT_SINCE, OPT_FORMAT,
	OPT_NESTED, OPT_NO_NESTED,
	OPT_DAILY, OPT_SITE, OPT_CURRENT, OPT_NOW, OPT_OUT, OPT_LISTEN, OPT_ALL, OPT_CONF
};

static const struct optdef {
	const char *name;
	int value;          /* takes a value */
	enum opt_id id;
} optdefs[] = {
	{"--git", 1, OPT_GIT}, {"--file", 1, OPT_FILE}, {"--import", 1, OPT_IMPORT},
	{"--head", 1, OPT_HEAD}, {"--type", 1, OPT_TYPE}, {"--max-heading-level", 1, OPT_MAXH},
	{"--min-heading-level", 1, OPT_MINH}, {"--heading-level", 1, OPT_HL},
	{"--no-category", 0, OPT_NOCAT}, {"--repo-url", 1, OPT_REPO_URL},
	{"--branch", 1, OPT_BRANCH}, {"--stars", 1, OPT_STARS}, {"--name", 1, OPT_NAME},
	{"--description", 1, OPT_DESC}, {"--stars-total", 1, OPT_STARS_TOTAL},
	{"--tag", 1, OPT_TAG}, {"--tal-compat", 0, OPT_TAL}, {"--body", 0, OPT_BODY},
	{"--weeks", 1, OPT_WEEKS}, {"--last", 1, OPT_LAST}, {"--since", 1, OPT_SINCE},
	{"--format", 1, OPT_FORMAT}, {"--nested", 0, OPT_NESTED}, {"--no-nested", 0, OPT_NO_NESTED}, {"--first-parent", 0, OPT_FIRST_PARENT},
	{"--poll-slots", 1, OPT_SLOTS}, {"--poll-times", 1, OPT_TIMES},
	{"--poll-snapshots", 0, OPT_SNAPSHOTS}, {"--quiet", 0, OPT_QUIET}, {"-q", 0, OPT_QUIET},
	{"--help", 0, OPT_HELP}, {"-h", 0, OPT_HELP}, {"--version", 0, OPT_VERSION},
	{"-V", 0, OPT_VERSION},
	{"--daily", 0, OPT_DAILY}, {"--site", 1, OPT_SITE},
	{"--current", 0, OPT_CURRENT}, {"--now", 1, OPT_NOW}, {"--out", 1, OPT_OUT},
	{"--listen", 1, OPT_LISTEN}, {"--all", 0, OPT_ALL}, {"-c", 1, OPT_CONF},
};

/* Option values: non-empty, no newline (they end up in messages and git). */
static int value_ok(const char *opt, const char *v)
{
	if (!*v)
		return usage_fail("%s: empty value", opt);
	return AW_OK;
}

/* --since: YYYY-MM-DD (00:00 UTC) or an RFC 3339 time. */
static int parse_since(const char *v, int64_t *out)
{
	int64_t t;
	unsigned y, m, d;
	char end;
	if (strlen(v) == 10 && sscanf(v, "%4u-%2u-%2u%c", &y, &m, &d, &end) == 3 && v[4] == '-' &&
	    v[7] == '-' && m >= 1 && m <= 12 && d >= 1 && d <= 31) {
		char full[32];
		snprintf(full, sizeof full, "%sT00:00:00Z", v);
		if (!aw_time_parse_rfc3339(full, strlen(full), &t)) {
			*out = t;
			return AW_OK;
		}
	} else if (!aw_time_parse_rfc3339(v, strlen(v), &t)) {
		*out = t;
		return AW_OK;
	}
	return usage_fail("--since: expected YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ, got '%s'",
			  qs(v));
}

static int parse_command(const char *c)
{
	if (!strcmp(c, "weekly"))
		o.cmd = CMD_WEEKLY;
	else if (!strcmp(c, "daily"))
		o.cmd = CMD_DAILY;
	else if (!strcmp(c, "overview"))
		o.cmd = CMD_OVERVIEW;
	else if (!strcmp(c, "items"))
		o.cmd = CMD_ITEMS;
	else if (!strcmp(c, "feed"))
		o.cmd = CMD_FEED;
	else if (!strcmp(c, "html"))
		o.cmd = CMD_HTML;
	else if (!strcmp(c, "serve"))
		o.cmd = CMD_SERVE;
	else if (!strcmp(c, "display"))
		o.cmd = CMD_DISPLAY;
	else
		return -1;
	return 0;
}

/*
 * The command line (argc >= 2) into o; sets *file_given. --help and
 * --version print and set *done (main exits with 0). A bad command line:
 * AW_ERR_ARG, errmsg says why (exit status 2).
 */
static int parse_args(int argc, char **argv, int *file_given, int *done)
{
	int i, rc, have_max = 0, have_min = 0, nested = -1;
	long n;

	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
		if (!strcmp(argv[1], "help") && argc > 3)
			return usage_fail("help: too many arguments");
		if (!strcmp(argv[1], "help") && argc == 3 && parse_command(argv[2]))
			return usage_fail("help: unknown command '%s'", qs(argv[2]));
		usage(stdout);
		*done = 1;
		return AW_OK;
	}
	if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "-V")) {
		printf("awtrack %s\n", AW_VERSION);
		*done = 1;
		return AW_OK;
	}
	/* global options before the command: -c FILE (the state), -q */
	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-c") && i + 1 < argc) {
			if ((rc = value_ok("-c", argv[++i])))
				return rc;
			o.conf = argv[i];
		} else if (!strcmp(argv[i], "-q") || !strcmp(argv[i], "--quiet")) {
			o.quiet = o.out.quiet = 1;
		} else {
			break;
		}
	}
	if (i >= argc)
		return usage_fail("a command is required");
	if (argv[i][0] == '-' && parse_command(argv[i]))
		return usage_fail("unknown option '%s' before the command (global options: -c "
				  "FILE, -q)", qs(argv[i]));
	if (parse_command(argv[i]))
		return usage_fail("unknown command '%s' (commands: weekly, daily, overview, items, "
				  "display, feed, html, serve; update, status, export-state, "
				  "import-state)", qs(argv[i]));
	for (i++; i < argc; i++) {
		const char *a = argv[i], *v = NULL, *eq;
		char name[64];
		size_t k, nl;
		const struct optdef *d = NULL;

		if (a[0] != '-' || !a[1]) {
			/* SOURCE: a source of the configuration (the state) */
			if (o.source)
				return usage_fail("one SOURCE only ('%s' and '%s'; --all for every "
						  "source)", qs(o.source), qs(a));
			o.source = a;
			continue;
		}
		eq = a[1] == '-' ? strchr(a, '=') : NULL;
		nl = eq ? (size_t)(eq - a) : strlen(a);
		if (nl >= sizeof name)
			return usage_fail("unknown option '%s'", qs(a));
		memcpy(name, a, nl);
		name[nl] = 0;
		for (k = 0; k < sizeof optdefs / sizeof optdefs[0]; k++)
			if (!strcmp(optdefs[k].name, name))
				d = &optdefs[k];
		if (o.cmd == CMD_DISPLAY) {
			/* aw_display_cli.c: --cols, --bitmap, ... */
			int used = aw_display_cli_opt(argc, argv, i, errmsg, sizeof errmsg);
			if (used < 0) {
				errmsg_usage = 2;
				return used;
			}
			if (used > 0) {
				i += used - 1;
				continue;
			}
		}
		if (!d)
			return usage_fail("unknown option '%s'", qs(name));
		if (d->value) {
			if (eq)
				v = eq + 1;
			else if (i + 1 < argc)
				v = argv[++i];
			else
				return usage_fail("%s needs a value", name);
			if ((rc = value_ok(name, v)))
				return rc;
		} else if (eq) {
			return usage_fail("%s takes no value", name);
		}
		switch (d->id) {
		case OPT_HELP:
			usage(stdout);
			*done = 1;
			return AW_OK;
		case OPT_VERSION:
			printf("awtrack %s\n", AW_VERSION);
			*done = 1;
			return AW_OK;
		case OPT_GIT: o.git = v; break;
		case OPT_FILE: o.file = v; *file_given = 1; break;
		case OPT_IMPORT: o.import_rev = v; break;
		case OPT_HEAD: o.head_rev = v; break;
		case OPT_TYPE:
			if (!strcmp(v, "list")) o.md.type = AW_MD_LIST;
			else if (!strcmp(v, "table")) o.md.type = AW_MD_TABLE;
			else if (!strcmp(v, "heading")) o.md.type = AW_MD_HEADING;
			else return usage_fail("--type: expected list, table or heading, got '%s'",
					       qs(v));
			break;
		case OPT_MAXH:
			if ((rc = parse_long(name, v, 1, 6, &n)))
				return rc;
			o.md.max_heading_level = (int)n;
			have_max = 1;
			break;
		case OPT_MINH:
			if ((rc = parse_long(name, v, 1, 6, &n)))
				return rc;
			o.md.min_heading_level = (int)n;
			have_min = 1;
			break;
		case OPT_HL:
			if ((rc = parse_long(name, v, 1, 6, &n)))
				return rc;
			o.md.heading_level = (int)n;
			break;
		case OPT_NOCAT: o.md.parse_category = 0; break;
		case OPT_REPO_URL: o.repo_url = v; break;
		case OPT_BRANCH: o.branch = v; break;
		case OPT_STARS: o.stars = v; break;
		case OPT_NAME: o.name = v; break;
		case OPT_DESC: o.description = v; break;
		case OPT_STARS_TOTAL: o.stars_total = v; break;
		case OPT_TAG: o.tag = v; break;
		case OPT_TAL: o.tal_compat = 1; break;
		case OPT_BODY: o.body = 1; break;
		case OPT_WEEKS:
		case OPT_LAST:
			if ((rc = parse_long(name, v, 1, 1000000, &n)))
				return rc;
			o.weeks = (int)n;
			break;
		case OPT_SINCE:
			if ((rc = parse_since(v, &o.since)))
				return rc;
			o.since_text = v;
			break;
		case OPT_NESTED: nested = 1; break;
		case OPT_NO_NESTED: nested = 0; break;
		case OPT_FORMAT:
			if (o.cmd == CMD_FEED) {
				if (strcmp(v, "atom") && strcmp(v, "rss") && strcmp(v, "json"))
					return usage_fail("--format: expected atom, rss or json, "
							  "got '%s'", qs(v));
				o.out.format = v;
			} else if (!strcmp(v, "markdown")) o.text = 0;
			else if (!strcmp(v, "text")) o.text = 1;
			else return usage_fail("--format: expected markdown or text, got '%s'", qs(v));
			break;
		case OPT_FIRST_PARENT: o.first_parent = 1; break;
		case OPT_SLOTS: o.poll_slots = v; break;
		case OPT_TIMES: o.poll_times = v; break;
		case OPT_SNAPSHOTS: o.snapshots = 1; break;
		case OPT_QUIET: o.quiet = o.out.quiet = 1; break;
		case OPT_DAILY: o.out.daily = 1; break;
		case OPT_SITE: o.out.site = v; break;
		case OPT_CURRENT: o.out.current = 1; break;
		case OPT_NOW:
			if ((rc = parse_long(name, v, 1, 253402300799L, &n)))
				return rc;
			o.out.now = n;
			break;
		case OPT_OUT: o.out.out_dir = v; break;
		case OPT_LISTEN: o.out.listen = v; break;
		case OPT_ALL: o.all = 1; break;
		case OPT_CONF: o.conf = v; break;
		}
		switch (d->id) {
		case OPT_FILE: case OPT_IMPORT: case OPT_HEAD: case OPT_TYPE: case OPT_MAXH:
		case OPT_MINH: case OPT_HL: case OPT_NOCAT: case OPT_REPO_URL: case OPT_BRANCH:
		case OPT_FIRST_PARENT: case OPT_SLOTS: case OPT_TIMES: case OPT_SNAPSHOTS:
			o.git_opt = d->name;
			break;
		default:
			break;
		}
		if (d->id == OPT_DAILY && o.cmd != CMD_FEED && o.cmd != CMD_DISPLAY)
			return usage_fail("%s is an option of feed and display", name);
		if ((d->id == OPT_SITE || d->id == OPT_CURRENT || d->id == OPT_NOW) && o.cmd < CMD_FEED)
			return usage_fail("%s is an option of feed, html and serve", name);
		if (d->id == OPT_OUT && o.cmd != CMD_HTML)
			return usage_fail("--out is an option of html");
		if (d->id == OPT_LISTEN && o.cmd != CMD_SERVE)
			return usage_fail("--listen is an option of serve");
	}
	/* combinations */
	o.state = o.conf || o.source || o.all;
	if (o.source && o.git)
		return usage_fail("unexpected argument '%s' (--git takes options only; a SOURCE "
				  "reads the state of awtrack update)", qs(o.source));
	if (o.state && o.git)
		return usage_fail("--git reads a clone; %s reads the state of awtrack update: one "
				  "or the other",
				  o.all ? "--all" : o.source ? qs(o.source) : "-c FILE");
	if (o.state && (o.cmd == CMD_OVERVIEW || o.cmd == CMD_ITEMS))
		return usage_fail("overview and items read a clone (--git DIR)");
	if (o.state && o.git_opt)
		return usage_fail("%s is an option of the git path (--git); from the state, the "
				  "source's section of the configuration says it", o.git_opt);
	if (o.all && o.source)
		return usage_fail("--all is every source: drop '%s'", qs(o.source));
	if (o.all && o.tal_compat)
		return usage_fail("--tal-compat prints one list's trackawesomelist page: drop --all");
	if (o.state && !o.source && !o.all && o.cmd != CMD_HTML && o.cmd != CMD_SERVE)
		return usage_fail("which SOURCE? (OWNER/REPO as in the configuration, or --all)");
	if (o.cmd == CMD_HTML && !o.out.out_dir)
		return usage_fail("html needs --out DIR");
	if (o.md.type == AW_MD_HEADING && !have_max)
		return usage_fail("--type heading needs --max-heading-level (the level of the "
				  "heading the list starts after; without it nothing is collected)");
	if (have_min && o.md.min_heading_level < (have_max ? o.md.max_heading_level : 2))
		return usage_fail("--min-heading-level %d is above --max-heading-level %d (levels "
				  "count #: the max level is the shallower one, 2 by default)",
				  o.md.min_heading_level, have_max ? o.md.max_heading_level : 2);
	if (o.snapshots && !o.poll_slots && !o.poll_times)
		return usage_fail("--poll-snapshots needs --poll-slots or --poll-times");
	if (o.cmd == CMD_OVERVIEW && (o.import_rev || o.weeks || o.poll_slots || o.poll_times ||
				      o.first_parent))
		return usage_fail("overview prints the file at --head: --import, --weeks, "
				  "--first-parent and the poll options do not apply");
	if (o.text && o.tal_compat)
		return usage_fail("--format text is not a trackawesomelist format: drop --tal-compat");
	if (nested == 1 && o.tal_compat)
		return usage_fail("--nested: trackawesomelist keeps nested lists inside their "
				  "entry; drop --tal-compat");
	/* nested entries: the default without --tal-compat (docs/awtrack.1) */
	o.md.nested = nested < 0 ? !o.tal_compat : nested;
	if (o.text && (o.cmd == CMD_OVERVIEW || o.cmd == CMD_ITEMS))
		return usage_fail("--format text is for the weekly and daily pages");
	if (o.cmd == CMD_OVERVIEW && (o.weeks || o.since != NO_SINCE))
		return usage_fail("overview prints the whole file: --last and --since do not apply");
	if (o.stars_total)
		return stars_total();
	return AW_OK;
}

/* The weekly / daily page without --tal-compat (aw_page.h). `source`:
 * where the items were read, NULL: the clone's identity. */
static int default_page(const char *source_text)
{
	awp_info ai;
	aw_sink out;
	char name[256], source[1024];
	int rc;
	memset(&ai, 0, sizeof ai);
	if (o.name) {
		snprintf(name, sizeof name, "%s", o.name);
	} else {
		aw_buf nb;
		aw_buf_init(&nb, name, sizeof name);
		aw_render_title_case(repo_name, strlen(repo_name), &nb);
		for (size_t i = 0; i < nb.len; i++)
			if (nb.p[i] == '-')
				nb.p[i] = ' ';
		aw_buf_cstr(&nb);
	}
	if (source_text) {
		snprintf(source, sizeof source, "%s", source_text);
	} else if (repo_url[0]) {
		snprintf(source, sizeof source, "%s", repo_url);
	} else {
		const char *argv[] = {"config", "--get", "remote.origin.url", NULL};
		char err[256];
		if (awg_capture(o.git, argv, source, sizeof source, err, sizeof err) || !source[0]) {
			char *abs = realpath(o.git, NULL);
			snprintf(source, sizeof source, "%s", abs ? abs : o.git);
			free(abs);
		}
	}
	ai.name = name;
	ai.source = source;
	ai.file = o.file;
	ai.daily = o.cmd == CMD_DAILY;
	ai.text = o.text;
	ai.body = o.body;
	ai.last = (unsigned)o.weeks;
	ai.nested = o.md.nested;
	if (o.text && isatty(1)) {
		struct winsize ws;
		if (!ioctl(1, TIOCGWINSZ, &ws) && ws.ws_col >= 20)
			ai.width = ws.ws_col;
	}
	aw_sink_init(&out, out_sink, NULL);
	rc = awp_render(&walker, &store, &ai, &out);
	if (rc && !out_errno)
		return fail(AW_ERR_FULL, "out of memory");
	return AW_OK;   /* a write error is out_end's to report */
}

/*
 * What every command prints from the store, whichever source filled it
 * (a clone's replay, or the state): the page, the items table, a feed,
 * the dashboard, the server, the small display. `source_text`: the page
 * header's "Source:" (NULL: the clone). Returns 0, or an exit status:
 * aw_serve.c's, or report()'s for an error of the page itself.
 */
static int output(aw_page_info *pi, const char *source_text)
{
	int rc = AW_OK;
	if (o.cmd == CMD_DISPLAY) {
		int cmdline = 0;
		rc = aw_display_cli_run(&store, o.name, repo_name, o.out.daily, (unsigned)o.weeks,
					errmsg, sizeof errmsg, &cmdline);
		if (rc && cmdline)
			errmsg_usage = 2;   /* display's: exit 2, no --help hint */
	} else if (o.cmd == CMD_ITEMS) {
		rc = print_items();
		if (rc)
			rc = fail(rc, "items: %s", aw_strerror(rc));
	} else if (o.cmd >= CMD_FEED) {
		o.out.weeks = (unsigned)o.weeks;
		return o.cmd == CMD_FEED ? awp_feed(&store, pi, &o.out)
		       : o.cmd == CMD_HTML ? awp_html(&store, pi, &o.out)
					   : awp_serve(&store, pi, &o.out);
	} else if (!o.tal_compat) {
		rc = default_page(source_text);
	} else {
		aw_sink out;
		aw_sink_init(&out, out_sink, NULL);
		rc = aw_render_page(&walker, &store,
				    o.cmd == CMD_WEEKLY ? AW_PAGE_WEEKLY : AW_PAGE_DAILY, pi, &out);
		if (rc && out_errno)
			rc = AW_OK; /* out_end reports the write error */
		else if (rc)
			rc = fail(rc, "render: %s", aw_strerror(rc));
	}
	if (rc)
		return report();
	return 0;
}

/* ---------------------------------------------------------------- from the state */

static aw_store_ctx one;   /* --all, dashboard: one source's items before they join */
static char all_file[64];  /* --all: the header's "(N sources)" */
static const char *state_stars_total;  /* the list's count from update's star cache */

/* The page name rule (tal-spec 1): Title Case of the repository name with
 * '-' read as a space. */
static void list_title(const char *repo, char *out, size_t cap)
{
	aw_buf nb;
	aw_buf_init(&nb, out, cap);
	aw_render_title_case(repo, strlen(repo), &nb);
	for (size_t i = 0; i < nb.len; i++)
		if (nb.p[i] == '-')
			nb.p[i] = ' ';
	aw_buf_cstr(&nb);
}

/* A state source as the git path's identity: links, header, file. */
static void state_identity(const aw_upd_src *src)
{
	snprintf(owner, sizeof owner, "%s", src->owner);
	snprintf(repo_name, sizeof repo_name, "%s", src->repo);
	snprintf(branch, sizeof branch, "%s", src->branch);
	if (src->feed)
		snprintf(repo_url, sizeof repo_url, "%s", src->url);
	else
		snprintf(repo_url, sizeof repo_url, "https://github.com/%s/%s", src->owner,
			 src->repo);
	o.file = src->file;
}

/* Source i's items into `into` (parsed with the section's options and the
 * command line's --nested, rendered with its links and --stars). */
static int state_read(size_t i, aw_store_ctx *into)
{
	const aw_upd_src *src = aw_upd_source(i);
	aw_md_opts mo = *src->md;
	state_identity(src);
	mo.nested = o.md.nested;
	if (src->feed && o.tal_compat) {
		fprintf(stderr, "%s: %s: --tal-compat: trackawesomelist has no page for a feed\n",
			prog, src->key);
		return AW_EXIT_USAGE;
	}
	aw_inl_env_init(&env, repo_url, branch, o.file);
	env.fix_relative = !o.tal_compat;
	if (o.stars) {
		env.stars = stars_lookup;
		env.stars_user = &starmap;
	}
	state_stars_total = NULL;
	return aw_upd_render(i, &mo, &env, into, &state_stars_total);
}

/*
 * Add the items of `from` added at or after --since to `to`. With a list
 * name (the aggregate): each item's category becomes "LIST: CATEGORY"
 * (the list's name alone for an item without category), and its identity
 * SHA-1(source key, NUL, identity), so that one link in two lists is two
 * entries, each under its list. 0, or AW_EXIT_STATE after a message
 * naming the capacity that is full.
 */
static int join(aw_store_ctx *to, const aw_store_ctx *from, const char *list, const char *key)
{
	static char cat[2048];
	size_t i, n = aw_store_count(from);
	for (i = 0; i < n; i++) {
		const aw_store_item *it = aw_store_get(from, i);
		aw_store_fields f;
		uint8_t id[20];
		int rc;
		if (o.since != NO_SINCE && it->time < o.since)
			continue;
		aw_store_fields_of(from, it, &f);
		memcpy(id, it->id, 20);
		if (list) {
			aw_sha1_ctx c;
			aw_buf cb;
			aw_sha1_init(&c);
			aw_sha1_update(&c, key, strlen(key) + 1);
			aw_sha1_update(&c, it->id, 20);
			aw_sha1_final(&c, id);
			aw_buf_init(&cb, cat, sizeof cat);
			aw_buf_puts(&cb, list);
			if (f.category_len) {
				aw_buf_puts(&cb, ": ");
				aw_buf_put(&cb, f.category, f.category_len);
			}
			f.category = cat;
			f.category_len = cb.len;
		}
		rc = aw_store_put_fields(to, id, it->time, &f);
		if (rc == AW_ERR_FULL) {
			if (aw_store_count(to) >= AW_STORE_ITEMS_MAX)
				fprintf(stderr, "%s: the aggregate of the sources is larger than "
					"AW_STORE_ITEMS_MAX (%u items; core/aw_opt.h), at %s\n", prog,
					(unsigned)AW_STORE_ITEMS_MAX, key);
			else
				fprintf(stderr, "%s: the aggregate of the sources is larger than "
					"AW_STORE_ARENA_MAX (%lu bytes of text; core/aw_opt.h), at %s\n",
					prog, (unsigned long)AW_STORE_ARENA_MAX, key);
			return AW_EXIT_STATE;
		}
		if (rc) {
			fprintf(stderr, "%s: %s: %s\n", prog, key, aw_strerror(rc));
			return AW_EXIT_FAIL;
		}
	}
	return 0;
}

/* The aggregate of every source into `store`. */
static int state_all(void)
{
	char title[256];
	int rc;
	size_t have = 0;
	aw_store_init(&store);
	for (size_t i = 0; i < aw_upd_count(); i++) {
		const aw_upd_src *src = aw_upd_source(i);
		/* a source update has not reached yet is left out, said once;
		 * a feed under --tal-compat too (no such page) */
		if (!aw_upd_has_record(i) || (src->feed && o.tal_compat)) {
			if (!o.quiet)
				fprintf(stderr, "%s: %s: %s, left out\n", prog, src->key,
					src->feed && o.tal_compat ? "a feed under --tal-compat"
								  : "no state yet (run awtrack update)");
			continue;
		}
		have++;
		if ((rc = state_read(i, &one)))
			return rc;
		if (src->feed)
			snprintf(title, sizeof title, "%s", src->repo);
		else
			list_title(src->repo, title, sizeof title);
		if ((rc = join(&store, &one, title, src->key)))
			return rc;
	}
	if (!have) {
		fprintf(stderr, "%s: no source has a state yet in %s (run awtrack update)\n", prog,
			aw_upd_path());
		return AW_EXIT_STATE;
	}
	return 0;
}

static void state_page_info(aw_page_info *pi)
{
	memset(pi, 0, sizeof *pi);
	pi->owner = owner;
	pi->repo = repo_name;
	pi->file = o.file;
	/* the list's own path OWNER/REPO/, unless another source reads
	 * another file of the repository: then OWNER/REPO/FILE/ */
	pi->index = 1;
	for (size_t i = 0; i < aw_upd_count(); i++) {
		const aw_upd_src *x = aw_upd_source(i);
		if (!strcmp(x->owner, owner) && !strcmp(x->repo, repo_name) && strcmp(x->file, o.file))
			pi->index = 0;
	}
	pi->name = o.name;
	pi->description = o.description;
	pi->repo_url = repo_url;
	pi->branch = branch;
	pi->stars_total = stars_total_text[0] ? stars_total_text : state_stars_total;
	pi->tag = o.tag;
	pi->flags = (o.tal_compat ? AW_RENDER_TAL_COMPAT : 0) | (o.body ? AW_RENDER_BODY : 0);
	pi->max_periods = (unsigned)o.weeks;
}

/* html / serve of every configured source: aw_serve.c asks for one list
 * at a time (i == count: the aggregate). */
static int dash_load(void *user, size_t i, awp_list *l)
{
	int rc;
	(void)user;
	memset(l, 0, sizeof *l);
	if (i < aw_upd_count()) {
		aw_store_init(&one);
		/* not updated yet: its page says so by having no entries */
		if (aw_upd_has_record(i) && (rc = state_read(i, &one)))
			return rc;
		if (!aw_upd_has_record(i))
			state_identity(aw_upd_source(i));
		aw_store_init(&store);
		if ((rc = join(&store, &one, NULL, aw_upd_source(i)->key)))
			return rc;
		state_page_info(&l->pi);
		/* --name names the aggregate; a feed keeps its NAME */
		l->pi.name = aw_upd_source(i)->feed ? aw_upd_source(i)->key : NULL;
		l->pi.description = NULL;
	} else {
		if ((rc = state_all()))
			return rc;
		memset(&l->pi, 0, sizeof l->pi);
		l->pi.repo = "all";
		l->pi.name = o.name ? o.name : "All lists";
		l->pi.description = o.description;
		l->pi.file = "README.md";
		l->pi.index = 1;
		l->path = "all/";
	}
	l->store = &store;
	return 0;
}

/* serve: the configuration file as it was last read */
static unsigned long long conf_stamp;

static size_t dash_count(void *user)
{
	(void)user;
	return aw_upd_count();
}

/* serve: a record replaced, or the configuration file changed (read
 * again: sources added or removed; an invalid one keeps the previous) */
static int dash_changed(void *user, unsigned long long *stamp)
{
	unsigned long long now, c = aw_upd_conf_stamp();
	int conf_changed = 0;
	(void)user;
	if (c != conf_stamp) {
		conf_stamp = c;
		if (aw_upd_conf(o.conf))
			fprintf(stderr, "%s: %s changed but cannot be used; still serving its "
				"previous sources\n", prog, aw_upd_path());
		else if (!aw_upd_count())
			fprintf(stderr, "%s: %s has no source now; still serving the previous "
				"pages\n", prog, aw_upd_path());
		else
			conf_changed = 1;
	}
	now = aw_upd_stamp();
	if (now == *stamp && !conf_changed)
		return 0;
	*stamp = now;
	return 1;
}

/* weekly, daily, feed, html, serve, display with -c FILE / SOURCE / --all. */
static int from_state(void)
{
	aw_page_info pi;
	char source_text[1200];
	int rc;

	if (o.stars && load_stars())
		return report();
	if ((rc = aw_upd_conf(o.conf)))
		return rc;
	if (!aw_upd_count()) {
		fprintf(stderr, "%s: %s: no [source OWNER/REPO] or [feed NAME] section\n", prog, aw_upd_path());
		return AW_EXIT_USAGE;
	}
	if ((o.cmd == CMD_HTML || o.cmd == CMD_SERVE) && !o.source) {
		awp_lists ls;
		memset(&ls, 0, sizeof ls);
		ls.n = aw_upd_count();
		ls.all = 1;
		ls.load = dash_load;
		ls.count = dash_count;
		ls.changed = dash_changed;
		ls.stamp = aw_upd_stamp();
		conf_stamp = aw_upd_conf_stamp();
		o.out.weeks = (unsigned)o.weeks;
		return o.cmd == CMD_HTML ? awp_html_lists(&ls, &o.out) : awp_serve_lists(&ls, &o.out);
	}
	if (o.source) {
		long i = aw_upd_find(o.source);
		if (i < 0) {
			usage_fail("no source or feed '%s' in %s", qs(o.source), qs(aw_upd_path()));
			return report();
		}
		/* a feed is named as its section names it (as in the aggregate) */
		if (aw_upd_source((size_t)i)->feed && !o.name)
			o.name = aw_upd_source((size_t)i)->key;
		if ((rc = state_read((size_t)i, &one)))
			return rc;
		aw_store_init(&store);
		if ((rc = join(&store, &one, NULL, o.source)))
			return rc;
		state_page_info(&pi);
		snprintf(source_text, sizeof source_text, "%s", repo_url);
	} else {
		if ((rc = state_all()))
			return rc;
		if (!o.name)
			o.name = "All lists";
		memset(&pi, 0, sizeof pi);
		pi.repo = "all";
		pi.name = o.name;
		pi.description = o.description;
		pi.file = "README.md";
		pi.index = 1;
		snprintf(repo_name, sizeof repo_name, "all");
		snprintf(source_text, sizeof source_text, "%s", aw_upd_path());
		snprintf(all_file, sizeof all_file, "%zu sources", aw_upd_count());
		o.file = all_file;
	}
	if (o.since != NO_SINCE && !aw_store_count(&store) && !o.quiet)
		fprintf(stderr, "%s: nothing new since %s\n", prog, qs(o.since_text));
	if ((rc = output(&pi, source_text)))
		return rc;
	if (out_end())
		return report();
	return 0;
}

int main(int argc, char **argv)
{
	char head[64], c0[64];
	aw_page_info pi;
	awg_batch *b;
	int rc, file_given = 0, done = 0;

	/* update, status, export-state, import-state, weekly/daily from state */
	if (aw_update_wants(argc, argv))
		return aw_update_main(argc, argv);
	if (argc < 2) {
		usage(stderr);
		return EXIT_USAGE;
	}
	aw_md_opts_default(&o.md);
	o.since = NO_SINCE;
	o.file = "README.md";
	o.head_rev = "HEAD";
	if (parse_args(argc, argv, &file_given, &done))
		return report();
	if (done)   /* --help, --version */
		return 0;
	if (o.state)
		return from_state();
	if ((rc = load_polls()))
		return report();
	if ((rc = open_repo()) || (rc = repo_identity()) ||
	    (rc = resolve_commit(o.head_rev, head)) || (rc = check_file(head, file_given)))
		return report();
	if (o.import_rev)
		rc = resolve_commit(o.import_rev, c0);
	else if (o.tal_compat || o.cmd == CMD_OVERVIEW)
		memcpy(c0, head, sizeof c0); /* trackawesomelist: blame at the head */
	else
		rc = first_commit(head, c0);
	if (rc)
		return report();
	if (strcmp(c0, head)) {
		const char *argv3[] = {"merge-base", "--is-ancestor", c0, head, NULL};
		char err[256];
		if (awg_run(o.git, argv3, NULL, err, sizeof err)) {
			fail(0, "--import %s is not an ancestor of --head %s", qs(o.import_rev),
			     qs(o.head_rev));
			return report();
		}
	}

	if (o.stars && (rc = load_stars()))
		return report();
	aw_inl_env_init(&env, repo_url[0] ? repo_url : NULL, branch, o.file);
	env.fix_relative = !o.tal_compat;
	if (o.stars) {
		env.stars = stars_lookup;
		env.stars_user = &starmap;
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
	pi.max_periods = (unsigned)o.weeks;

	b = awg_batch_open(o.git);
	if (!b) {
		fail(0, "cannot run git cat-file: %s", strerror(errno));
		return report();
	}
	{
		aw_track_mem mem;
		aw_track_cfg cfg;
		const char *se = getenv("AWTRACK_STREAM");

		memset(&mem, 0, sizeof mem);
		mem.md = &md;
		mem.map_a = &map_a;
		mem.map_b = &map_b;
		mem.store = &store;
		if (se && *se) {
			long n;
			if (parse_long("AWTRACK_STREAM", se, 1, 1L << 30, &n)) {
				awg_batch_close(b);
				return report();
			}
			stream_chunk = (size_t)n;
		}
		if (!stream_chunk) {
			mem.delta = &delta;
			mem.cache = &md_cache;
		}
		memset(&cfg, 0, sizeof cfg);
		/* git blobs: whole, two buffers alternate */
		cfg.caps = stream_chunk ? 0 : AW_TRACK_CAP_WHOLE;
		cfg.opts = &o.md;
		cfg.env = &env;
		cfg.since_on = o.since != NO_SINCE;   /* --since */
		cfg.since = o.since;
		if ((rc = aw_track_init(&trk, &mem, &cfg))) {
			awg_batch_close(b);
			fail(rc, "parser: %s", aw_strerror(rc));
			return report();
		}
	}
	if (o.cmd == CMD_OVERVIEW) {
		rc = overview(b, head, &pi);
		awg_batch_close(b);
	} else {
		aw_track_stats ts;

		rc = replay(b, c0, head);
		awg_batch_close(b);
		aw_track_get_stats(&trk, &ts);
		if (!rc && ts.final_truncated) {
			char lims[256];
			size_t k, l = 0;
			lims[0] = 0;
			for (k = 0; k < ts.nlimits && l < sizeof lims; k++)
				l += (size_t)snprintf(lims + l, sizeof lims - l, "%s%s", k ? ", " : "",
						      ts.limits[k]);
			warn("%lu item(s) over a compiled-in limit (%s; core/aw_opt.h): their text is "
			     "cut, each keeps its identity", ts.final_truncated, lims);
		}
		if (!rc && !ts.final_items)
			warn("%s at %.12s has no entries (0 found as a %s list): check --file and "
			     "--type", qs(o.file), head,
			     o.md.type == AW_MD_TABLE ? "table" :
			     o.md.type == AW_MD_HEADING ? "heading" : "bullet");
		else if (!rc && !aw_store_count(&store))
			fprintf(stderr, "%s: nothing new since %s (%lu entries, all older)\n", prog,
				qs(o.since_text), ts.final_items);
		if (!rc) {
			int st = output(&pi, NULL);
			if (st)
				return st;
		}
		free(line_time);
		free(commits);
	}
	if (rc || (rc = out_end()))
		return report();
	return 0;
}
