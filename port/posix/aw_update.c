/*
 * aw_update.c - the network side of the awtrack CLI: reads awtrack.conf,
 * polls every source over HTTPS (aw_fetch), runs the core's update logic
 * (aw_src_ctx) on what comes back, and keeps the state through the storage
 * contract (aw_storage, atomic replacement under an exclusive lock).
 * Commands: update, status, export-state (a record computed by the git
 * replay), import-state; for awtrack.c, which renders from the state as
 * from a clone: the configured sources and a source's items (aw_state_*).
 *
 * What it does itself: the command line and the configuration, the order
 * of the work (which sources, when a record is written), status lines and
 * exit codes, and moving bytes between the network, files and the core.
 * Dating, list and feed parsing, the record format and the pages are the
 * core's (aw_src, aw_feed, aw_state, the renderers). It does not schedule
 * (cron or a timer runs it) and never writes a source's record unless that
 * source's whole update succeeded.
 */
#define _GNU_SOURCE 1
#include "aw_update.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "aw.h"
#include "aw_conf.h"
#include "aw_feed.h"
#include "aw_fetch.h"
#include "aw_fsrc.h"
#include "aw_git.h"
#include "aw_inline.h"
#include "aw_md.h"
#include "aw_net.h"
#include "aw_page.h"
#include "aw_render.h"
#include "aw_sha1.h"
#include "aw_src.h"
#include "aw_stars.h"
#include "aw_starsync.h"
#include "aw_storage.h"
#include "aw_store.h"
#include "aw_time.h"
#include "aw_tls.h"

static const char *prog = "awtrack";
static int quiet;

/* ---------------------------------------------------------------- config */

#define MAX_SOURCES AW_CONF_SOURCES_MAX

struct source {
	char key[400];        /* OWNER/REPO[/path] as written */
	char owner[128], repo[128], file[256], branch[128];
	aw_md_opts md;
	char record[300];     /* record name in the state store */
	int line;
	int stars;            /* star counts from the REST API (stars = true) */
};

/* a [feed NAME] section */
struct feedsrc {
	char name[AW_CONF_NAME_MAX];
	char key[AW_CONF_NAME_MAX + 8];   /* "feed:NAME": the record's key */
	char url[AW_CONF_VALUE_MAX];
	char record[AW_CONF_NAME_MAX + 8];  /* "feed.NAME" in the state store */
	unsigned keep;
	int line;
};

static struct conf {
	char path[1024];
	char state[1024], github_url[512], raw_url[512], api_url[512], ca_file[1024];
	int timeout_s;
	unsigned long max_file_size;
	long stars_interval;  /* seconds before a cached star count is refreshed */
	struct source src[MAX_SOURCES];
	int nsrc;
	struct feedsrc feed[AW_CONF_FEEDS_MAX];
	int nfeed;
} cf;

/* the last message printed, for the status record's last error (cut to
 * STATUS_ERR_MAX - 1 bytes, one line) */
#define STATUS_ERR_MAX 512
static char last_msg[STATUS_ERR_MAX];

static void msg(const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "%s: ", prog);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	va_start(ap, fmt);
	vsnprintf(last_msg, sizeof last_msg, fmt, ap);
	va_end(ap);
}

static void progress(const char *fmt, ...)
{
	va_list ap;
	if (quiet)
		return;
	fprintf(stderr, "%s: ", prog);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

static void record_name(struct source *s)
{
	uint8_t h[20];
	char hex[41], *p, key[61];
	size_t i, n;
	aw_sha1(s->key, strlen(s->key), h);
	aw_sha1_hex(h, hex);
	snprintf(key, sizeof key, "%s", s->key);
	n = (size_t)snprintf(s->record, sizeof s->record, "list.%s.%.8s", key, hex);
	for (i = 5, p = s->record; i < n; i++)
		if (!AW_IS_ALNUM(p[i]) && p[i] != '.' && p[i] != '-' && p[i] != '_')
			p[i] = '_';
}

static aw_conf acf;      /* large tables: static */
static aw_conf_ctx acx;

/* a URL of the configuration: https only, no trailing '/' */
static int conf_url(const char *path, const char *key, const char *v, char *dst, size_t cap)
{
	size_t n = strlen(v);
	while (n && v[n - 1] == '/')
		n--;
	if (strncmp(v, "https://", 8) || n <= 8 || n >= cap) {
		msg("%s: %s: expected an https:// URL (awtrack speaks TLS only), got '%s'", path, key, v);
		return AW_EXIT_USAGE;
	}
	memcpy(dst, v, n);
	dst[n] = 0;
	return 0;
}

/* Read the configuration with the core's aw_conf. 0, or AW_EXIT_USAGE
 * after printing "file:line: message". */
static int load_conf(const char *path, int must_exist)
{
	FILE *f;
	char buf[4096];
	size_t n;
	int rc = AW_OK;

	memset(&cf, 0, sizeof cf);
	snprintf(cf.path, sizeof cf.path, "%s", path);
	f = fopen(path, "rb");
	if (!f) {
		if (!must_exist && errno == ENOENT)
			return 0;
		msg("%s: %s", path, strerror(errno));
		return AW_EXIT_USAGE;
	}
	aw_conf_init(&acx, &acf);
	while (!rc && (n = fread(buf, 1, sizeof buf, f)) > 0)
		rc = aw_conf_feed(&acx, buf, n);
	if (!rc && ferror(f)) {
		msg("%s: read error", path);
		fclose(f);
		return AW_EXIT_USAGE;
	}
	fclose(f);
	if (!rc)
		rc = aw_conf_end(&acx);
	if (rc) {
		fprintf(stderr, "%s: %s:%u: %s\n", prog, path, acx.line,
			acx.msg ? acx.msg : aw_strerror(rc));
		return AW_EXIT_USAGE;
	}
	snprintf(cf.state, sizeof cf.state, "%s", acf.state[0] ? acf.state : "/var/lib/awtrack");
	if (conf_url(path, "github_url", acf.github_url, cf.github_url, sizeof cf.github_url) ||
	    conf_url(path, "raw_url", acf.raw_url, cf.raw_url, sizeof cf.raw_url) ||
	    conf_url(path, "api_url", acf.api_url, cf.api_url, sizeof cf.api_url))
		return AW_EXIT_USAGE;
	snprintf(cf.ca_file, sizeof cf.ca_file, "%s", acf.ca_file[0] ? acf.ca_file : AW_TLS_DEFAULT_CA);
	cf.timeout_s = acf.timeout > 0 ? (int)(acf.timeout < 3600 ? acf.timeout : 3600) : 30;
	cf.max_file_size = acf.max_file_size > 0 ? (unsigned long)acf.max_file_size : 4ul << 20;
	cf.stars_interval = acf.stars_interval > 0 ? acf.stars_interval : 86400;
	for (size_t i = 0; i < acf.nsources; i++) {
		const aw_conf_source *cs = &acf.sources[i];
		struct source *s = &cf.src[cf.nsrc++];
		memset(s, 0, sizeof *s);
		s->line = (int)cs->line;
		snprintf(s->owner, sizeof s->owner, "%s", cs->owner);
		snprintf(s->repo, sizeof s->repo, "%s", cs->repo);
		snprintf(s->file, sizeof s->file, "%s", cs->file[0] ? cs->file : "README.md");
		snprintf(s->branch, sizeof s->branch, "%s", cs->branch[0] ? cs->branch : "master");
		if (!strcmp(cs->file, "README.md") || !cs->file[0])
			snprintf(s->key, sizeof s->key, "%s/%s", cs->owner, cs->repo);
		else
			snprintf(s->key, sizeof s->key, "%s/%s/%s", cs->owner, cs->repo, cs->file);
		aw_md_opts_default(&s->md);
		s->md.type = cs->type == AW_CONF_TYPE_TABLE ? AW_MD_TABLE
			     : cs->type == AW_CONF_TYPE_HEADING ? AW_MD_HEADING : AW_MD_LIST;
		if (cs->max_heading_level > 0)
			s->md.max_heading_level = cs->max_heading_level;
		if (cs->min_heading_level > 0)
			s->md.min_heading_level = cs->min_heading_level;
		if (cs->heading_level > 0)
			s->md.heading_level = cs->heading_level;
		if (cs->is_parse_category >= 0)
			s->md.parse_category = cs->is_parse_category;
		s->stars = cs->stars >= 0 ? cs->stars : acf.stars;
		/* dated as the git commands date without --tal-compat: a nested
		 * bullet with a link is an entry of its own (a superset of the
		 * tal-spec 3.1 identities, so both pages render from one record) */
		s->md.nested = 1;
		record_name(s);
	}
	for (size_t i = 0; i < acf.nfeeds; i++) {
		const aw_conf_feeddef *cd = &acf.feeds[i];
		struct feedsrc *fd = &cf.feed[cf.nfeed++];
		long keep = cd->keep > 0 ? cd->keep : acf.keep > 0 ? acf.keep : AW_FSRC_KEEP;
		memset(fd, 0, sizeof *fd);
		fd->line = (int)cd->line;
		snprintf(fd->name, sizeof fd->name, "%s", cd->name);
		snprintf(fd->key, sizeof fd->key, "feed:%s", cd->name);
		snprintf(fd->record, sizeof fd->record, "feed.%s", cd->name);
		if (keep > AW_FSRC_ENTRIES_MAX) {
			msg("%s:%d: [feed %s]: keep = %ld is more than this build holds "
			    "(AW_FSRC_ENTRIES_MAX = %d)", path, fd->line, fd->name, keep,
			    AW_FSRC_ENTRIES_MAX);
			return AW_EXIT_USAGE;
		}
		fd->keep = (unsigned)keep;
		if (strncmp(cd->url, "https://", 8) || strlen(cd->url) <= 8 ||
		    strlen(cd->url) >= sizeof fd->url) {
			msg("%s:%d: [feed %s]: url: expected an https:// URL (awtrack speaks TLS "
			    "only), got '%s'", path, fd->line, fd->name, cd->url);
			return AW_EXIT_USAGE;
		}
		snprintf(fd->url, sizeof fd->url, "%s", cd->url);
	}
	return 0;
}

static const char *default_conf(void)
{
	static char p[1100];
	const char *x = getenv("XDG_CONFIG_HOME"), *h = getenv("HOME");
	if (x && *x)
		snprintf(p, sizeof p, "%s/awtrack/awtrack.conf", x);
	else if (h && *h)
		snprintf(p, sizeof p, "%s/.config/awtrack/awtrack.conf", h);
	else
		p[0] = 0;
	if (p[0] && !access(p, F_OK))
		return p;
	return "/etc/awtrack.conf";
}

/* ---------------------------------------------------------------- state */

static aw_md_ctx md;
static aw_datemap_ctx map_a, map_b;
static aw_store_ctx store;     /* update_stars: the list read back */
static aw_fs_store fs;
static aw_storage st;

static char *recbuf;            /* the previous record */
static size_t rec_cap;
static char *textbuf[2];        /* newest version / the one being fetched */
static size_t text_len[2], text_cap;

static int open_state(int create)
{
	int rc = aw_fs_store_open(&fs, &st, cf.state, create);
	if (rc) {
		msg("state: %s", st.ops->where(st.ctx));
		return AW_EXIT_STATE;
	}
	rc = st.ops->lock(st.ctx);
	if (rc) {
		msg("state: %s", st.ops->where(st.ctx));
		return AW_EXIT_STATE;
	}
	return 0;
}

/* 0, or AW_EXIT_FAIL (reported) */
static int alloc_buffers(void)
{
	rec_cap = cf.max_file_size + (size_t)AW_STORE_DATEMAP_MAX * 28 + 4096;
	text_cap = cf.max_file_size;
	recbuf = malloc(rec_cap);
	textbuf[0] = malloc(text_cap);
	textbuf[1] = malloc(text_cap);
	if (!recbuf || !textbuf[0] || !textbuf[1]) {
		msg("out of memory");
		return AW_EXIT_FAIL;
	}
	aw_datemap_init(&map_a);
	aw_datemap_init(&map_b);
	return 0;
}

/* read a source's record: 0 found, 1 none, else an exit code (reported) */
static int read_record(const struct source *s, size_t *len)
{
	int rc = st.ops->read(st.ctx, s->record, recbuf, rec_cap, len);
	if (rc == AW_ERR_NOTFOUND)
		return 1;
	if (rc) {
		msg("%s: state: %s", s->key, st.ops->where(st.ctx));
		return AW_EXIT_STATE;
	}
	return 0;
}

static int load_record(aw_src_ctx *p, const struct source *s, size_t len, const char **text,
		       size_t *tlen)
{
	int rc = aw_src_load(p, recbuf, len, text, tlen);
	if (!rc)
		return 0;
	msg("%s: state record %s/%s is %s; it was left as it is (move it away, or "
	    "import-state, to start over)", s->key, cf.state, s->record,
	    rc == AW_ERR_STATE ? "of another format version or kind"
	    : rc == AW_ERR_FULL ? "larger than this build's capacity (AW_STORE_DATEMAP_MAX)"
			     : "corrupt or truncated (bad length or checksum)");
	return AW_EXIT_STATE;
}

static int store_sink(void *user, const char *p, size_t n)
{
	(void)user;
	return st.ops->write(st.ctx, p, n) ? 1 : 0;
}

static int save_record(aw_src_ctx *p, const struct source *s, const char *text, size_t len)
{
	int rc = st.ops->begin(st.ctx, s->record);
	if (!rc) {
		rc = aw_src_save(p, (int64_t)time(NULL), text, len, store_sink, NULL);
		if (!rc)
			rc = st.ops->commit(st.ctx);
		else
			st.ops->abort(st.ctx);
	}
	if (rc) {
		msg("%s: state not written, the old one stays: %s", s->key, st.ops->where(st.ctx));
		return AW_EXIT_STATE;
	}
	return 0;
}

/*
 * status record: last check, its result, and on failure the error as it
 * was printed on stderr (one line, at most STATUS_ERR_MAX - 1 bytes; a
 * success writes none, so the error clears), and the time of the last
 * successful check (a 304 is one, though it writes no source record;
 * carried over from the previous status record by a failure).
 * Diagnostics, not the state: "status.<list record without list.>" of a
 * list, "status.feed.NAME" of a feed.
 */
static void save_status_rec(const char *name, int rc, const char *err)
{
	char buf[STATUS_ERR_MAX + 160], e[STATUS_ERR_MAX], old[STATUS_ERR_MAX + 160];
	long long ok = -1, now = (long long)time(NULL);
	const char *o;
	size_t i, ol = 0;
	int n;
	if (!st.ops->read(st.ctx, name, old, sizeof old - 1, &ol)) {
		old[ol] = 0;
		if ((o = strstr(old, "\nlast_ok ")) != NULL && sscanf(o + 9, "%lld", &ok) != 1)
			ok = -1;
	}
	snprintf(e, sizeof e, "%s", err && *err ? err : "failed (no message)");
	for (i = 0; e[i]; i++)
		if ((unsigned char)e[i] < 0x20 || e[i] == 0x7f)
			e[i] = ' ';
	if (rc)
		n = snprintf(buf, sizeof buf, "last_check %lld\nresult error (exit %d)\nerror %s\n",
			     now, rc, e);
	else
		n = snprintf(buf, sizeof buf, "last_check %lld\nresult ok\n", now);
	if (n > 0 && (size_t)n < sizeof buf && (!rc || ok >= 0))
		n += snprintf(buf + n, sizeof buf - (size_t)n, "last_ok %lld\n", rc ? ok : now);
	if (n < 0 || (size_t)n >= sizeof buf)
		return;
	if (st.ops->begin(st.ctx, name) || st.ops->write(st.ctx, buf, (size_t)n) ||
	    st.ops->commit(st.ctx))
		st.ops->abort(st.ctx);
}

static void save_status(const struct source *s, int rc, const char *err)
{
	char name[320];
	snprintf(name, sizeof name, "status.%s", s->record + 5);
	save_status_rec(name, rc, err);
}

/*
 * Print the status record `name` ("  last check:  TIME (result)" and, when
 * the check failed, "  last error:  TEXT"); its last success in *last_ok
 * (-1: none recorded).
 */
static void print_status_rec(const char *name, long long *last_ok)
{
	char sbuf[1200], when[40];
	size_t sl = 0;
	*last_ok = -1;
	if (!st.ops->read(st.ctx, name, sbuf, sizeof sbuf - 1, &sl)) {
		long long t = 0;
		char res[600] = "";
		const char *e;
		sbuf[sl] = 0;
		if (sscanf(sbuf, "last_check %lld\nresult %599[^\n]", &t, res) == 2) {
			time_t tt = (time_t)t;
			struct tm tm;
			gmtime_r(&tt, &tm);
			strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
			printf("  last check:  %s (%s)\n", when, res);
		}
		if ((e = strstr(sbuf, "\nerror ")) != NULL)
			printf("  last error:  %.*s\n", (int)strcspn(e + 7, "\n"), e + 7);
		if ((e = strstr(sbuf, "\nlast_ok ")) != NULL && sscanf(e + 9, "%lld", last_ok) != 1)
			*last_ok = -1;
	} else {
		printf("  last check:  never\n");
	}
}

/* ---------------------------------------------------------------- feed */

static _Alignas(16) unsigned char feed_arena[AW_FEED_ARENA_MAX];
static size_t feed_arena_peak;  /* highest expat arena use of the run (AWTRACK_NET_STATS) */

struct feedp {
	aw_feed_ctx f;
	aw_src_ctx *src;
	const aw_http_ctx *h;  /* the response: only a 200 with XML is parsed */
	int err;
	const char *why;
};

static int64_t parse_rfc3339(const char *s)
{
	int64_t t;
	return aw_time_parse_rfc3339(s, strlen(s), &t) ? INT64_MIN : t;
}

static int on_entry(void *user, const aw_feed_entry *e)
{
	struct feedp *fp = user;
	if (e->updated == AW_FEED_NO_TIME) {
		fp->why = "an entry without a valid <updated> (RFC 3339)";
		return 1;
	}
	if (!e->sha[0] || aw_src_feed_entry(fp->src, e->id, strlen(e->id), e->updated)) {
		fp->why = "an entry <id> that is not a commit (tag:github.com,2008:Grit::Commit/SHA)";
		return 1;
	}
	return 0;
}

static void feed_failed(struct feedp *fp)
{
	static char why[200];
	fp->err = 1;
	if (fp->why)
		return;
	if (fp->f.err == AW_ERR_FULL)
		snprintf(why, sizeof why, "%s at line %lu (the feed reader's arena, "
			 "AW_FEED_ARENA_MAX, is too small)", aw_feed_errmsg(&fp->f), fp->f.line);
	else if (fp->f.xml_error)
		snprintf(why, sizeof why, "%s at line %lu", aw_feed_errmsg(&fp->f), fp->f.line);
	else
		snprintf(why, sizeof why, "%s", aw_feed_errmsg(&fp->f));
	fp->why = why;
}

static int feed_body(void *user, const char *p, size_t n)
{
	struct feedp *fp = user;
	if (fp->err)
		return 1;
	if (fp->h->status != 200 || !strstr(fp->h->content_type, "xml"))
		return 0; /* judged after the fetch */
	if (aw_feed_feed(&fp->f, p, n)) {
		feed_failed(fp);
		return 1;
	}
	return 0;
}

/* ---------------------------------------------------------------- update */

struct textsink {
	char *buf;
	size_t len, cap;
};

static int text_body(void *user, const char *p, size_t n)
{
	struct textsink *t = user;
	if (n > t->cap - t->len)
		return 1; /* max_body caught it first; belt and braces */
	memcpy(t->buf + t->len, p, n);
	t->len += n;
	return 0;
}

static void fetch_opts(aw_fetch_opts *o)
{
	memset(o, 0, sizeof *o);
	o->connect_ms = cf.timeout_s * 1000;
	o->io_ms = cf.timeout_s * 1000;
	o->max_redirects = 5;
	o->token = getenv("GITHUB_TOKEN");
	o->token_base = cf.api_url;
}

/* HTTP status other than 200 as an error message; 0 when it was 200 */
static int bad_status(const struct source *s, const char *what, const aw_http_ctx *h)
{
	if (h->status == 200)
		return 0;
	if (h->status == 429 || h->status == 403 || h->status == 503) {
		if (h->retry_after >= 0)
			msg("%s: %s: HTTP %d, rate limited: retry after %lld s", s->key, what,
			    h->status, (long long)h->retry_after);
		else
			msg("%s: %s: HTTP %d (rate limited?)", s->key, what, h->status);
	} else {
		msg("%s: %s: HTTP %d", s->key, what, h->status);
	}
	return AW_EXIT_NET;
}

static int update_source(const struct source *s)
{
	aw_src_ctx p;
	aw_src_urls urls;
	aw_inl_env env;
	aw_fetch_opts fo;
	aw_http_ctx h;
	struct feedp fp;
	char url[AW_HTTP_URL_MAX], cond[600], err[1200], ruri[600];
	char inm[AW_SRC_TAG_MAX], ims[AW_SRC_TAG_MAX];
	aw_buf ub;
	const char *oldtext = NULL;
	size_t oldlen = 0, reclen = 0;
	int rc, n, cur = -1;

	snprintf(ruri, sizeof ruri, "https://github.com/%s/%s", s->owner, s->repo);
	aw_inl_env_init(&env, ruri, s->branch, s->file);
	aw_src_init(&p, &md, &map_a, &map_b, &s->md, &env);
	rc = read_record(s, &reclen);
	if (rc > 1)
		return rc;
	if (rc == 0 && (rc = load_record(&p, s, reclen, &oldtext, &oldlen)))
		return rc;
	urls.github_url = cf.github_url;
	urls.raw_url = cf.raw_url;
	urls.owner = s->owner;
	urls.repo = s->repo;
	urls.branch = s->branch;
	urls.file = s->file;

	aw_buf_init(&ub, url, sizeof url - 1);
	if (aw_src_feed_url(&p, &urls, &ub)) {
		msg("%s: feed URL too long", s->key);
		return AW_EXIT_USAGE;
	}
	aw_buf_cstr(&ub);
	(void)cond;
	fetch_opts(&fo);
	fo.accept = "application/atom+xml";
	fo.max_body = 4u << 20;
	snprintf(inm, sizeof inm, "%s", p.have_state ? p.etag : "");
	snprintf(ims, sizeof ims, "%s", p.have_state ? p.last_modified : "");
	fo.if_none_match = inm;
	fo.if_modified_since = ims;

	memset(&fp, 0, sizeof fp);
	fp.src = &p;
	fp.h = &h;
	if (aw_feed_init(&fp.f, feed_arena, sizeof feed_arena, 0, on_entry, &fp)) {
		msg("feed reader: arena too small (AW_FEED_ARENA_MAX)");
		return AW_EXIT_FAIL;
	}
	rc = aw_fetch(url, &fo, &h, feed_body, &fp, err, sizeof err);
	if (rc == AW_FETCH_OK && h.status == 200 && strstr(h.content_type, "xml") && !fp.err) {
		if (aw_feed_end(&fp.f))
			feed_failed(&fp);
	}
	aw_feed_free(&fp.f);
	if (fp.f.arena_peak > feed_arena_peak)
		feed_arena_peak = fp.f.arena_peak;
	if (rc == AW_FETCH_ABORT && fp.err) {
		msg("%s: %s: malformed feed: %s", s->key, url, fp.why);
		return AW_EXIT_NET;
	}
	if (rc) {
		msg("%s: %s", s->key, err);
		return AW_EXIT_NET;
	}
	if (h.status == 304) {
		progress("%s: unchanged (304)", s->key);
		return 0;
	}
	if ((rc = bad_status(s, url, &h)))
		return rc;
	if (!strstr(h.content_type, "xml")) {
		msg("%s: %s: answered %s, not an Atom feed", s->key, url,
		    h.content_type[0] ? h.content_type : "without a Content-Type");
		return AW_EXIT_NET;
	}
	if (fp.err) {
		msg("%s: %s: malformed feed: %s", s->key, url, fp.why);
		return AW_EXIT_NET;
	}
	n = aw_src_feed_end(&p, h.etag, h.last_modified);
	if (n < 0) {
		msg("%s: %s: the commit feed has no entries", s->key, url);
		return AW_EXIT_NET;
	}
	if (p.gap)
		msg("%s: warning: more than %d commits since the last update (or a rewritten "
		    "history): items added in the commits the feed no longer shows are dated by "
		    "the oldest commit it shows", s->key, AW_SRC_FEED_MAX);

	for (;;) {
		struct textsink ts;
		int k = cur == 0 ? 1 : 0;
		aw_buf_init(&ub, url, sizeof url - 1);
		rc = aw_src_next(&p, &urls, &ub);
		if (rc == 0)
			break;
		if (rc < 0) {
			msg("%s: raw URL too long", s->key);
			return AW_EXIT_USAGE;
		}
		aw_buf_cstr(&ub);
		fetch_opts(&fo);
		fo.max_body = cf.max_file_size;
		ts.buf = textbuf[k];
		ts.len = 0;
		ts.cap = text_cap;
		rc = aw_fetch(url, &fo, &h, text_body, &ts, err, sizeof err);
		if (rc) {
			msg("%s: %s%s", s->key, err,
			    rc == AW_FETCH_TOOBIG ? " (max_file_size in awtrack.conf)" : "");
			return AW_EXIT_NET;
		}
		if ((rc = bad_status(s, url, &h)))
			return rc;
		rc = aw_src_version(&p, ts.buf, ts.len);
		if (rc) {
			msg("%s: %s: %s%s", s->key, url, aw_strerror(rc),
			    rc == AW_ERR_FULL || rc == AW_ERR_TOOBIG
				    ? " (the list exceeds a compiled-in limit, core/aw_opt.h)" : "");
			return rc == AW_ERR_FULL || rc == AW_ERR_TOOBIG ? AW_EXIT_STATE : AW_EXIT_FAIL;
		}
		text_len[k] = ts.len;
		cur = k;
	}
	if (p.rejected)
		msg("%s: warning: %d version(s) could not be parsed and were skipped", s->key,
		    p.rejected);
	if (cur < 0) {
		/* the feed changed but no new commit: keep the text, new validators */
		if (!p.have_state)
			return AW_EXIT_FAIL;
		memmove(textbuf[0], oldtext, oldlen);
		cur = 0;
		text_len[0] = oldlen;
	}
	rc = save_record(&p, s, textbuf[cur], text_len[cur]);
	if (!rc)
		progress("%s: %s %.12s, %d version(s) read, %lu items", s->key,
			 p.have_state ? "now at" : "baseline", p.last_sha, p.versions, p.items);
	return rc;
}

/* ---------------------------------------------------------------- stars */

static aw_starmap_ctx starmap;  /* the pages' badges */
static char stars_total_text[32];

static void stars_record(const struct source *s, char *name, size_t cap)
{
	snprintf(name, cap, "stars.%s", s->record + 5);
}

/* badge lookup of the collecting render: every repository the badge rule
 * asks about is wanted; no badge */
static int want_star(void *user, const char *ow, size_t owl, const char *re, size_t rel,
		     const char **text, size_t *tlen)
{
	(void)user;
	(void)text;
	(void)tlen;
	aw_starsync_want(ow, owl, re, rel);
	return 0;
}

/*
 * After a good update of s: the star counts of the list (its own
 * repository, for the header total) and of the repositories its items
 * link to, as far as the rate limit allows (aw_starsync.h). Never
 * changes the exit code: badges are optional.
 */
static void update_stars(const struct source *s)
{
	aw_src_ctx p;
	aw_inl_env env;
	aw_fetch_opts fo;
	aw_starsync_cfg c;
	const char *text;
	size_t tlen, reclen;
	char ruri[600], name[320];

	if (!s->stars || read_record(s, &reclen))
		return;
	aw_starsync_begin();
	aw_starsync_want(s->owner, strlen(s->owner), s->repo, strlen(s->repo));
	snprintf(ruri, sizeof ruri, "https://github.com/%s/%s", s->owner, s->repo);
	aw_inl_env_init(&env, ruri, s->branch, s->file);
	env.stars = want_star;
	aw_src_init(&p, &md, &map_a, &map_b, &s->md, &env);
	if (load_record(&p, s, reclen, &text, &tlen))
		return;
	aw_store_init(&store);
	if (aw_src_render(&p, &env, text, tlen, &store)) {
		msg("%s: stars: the list could not be read back; no counts fetched", s->key);
		return;
	}
	fetch_opts(&fo);
	memset(&c, 0, sizeof c);
	c.st = &st;
	c.api_url = cf.api_url;
	c.fo = &fo;
	c.interval = cf.stars_interval;
	c.now = (int64_t)time(NULL);
	c.quiet = quiet;
	c.label = s->key;
	stars_record(s, name, sizeof name);
	aw_starsync_run(&c, name);
}

/*
 * The pages' hook: when s has stars on and its cache has counts, point
 * env's badge lookup at them (the star map of --stars on the git path,
 * filled from the cache) and return the header total ("1.6K") or NULL.
 * A missing or unreadable cache means a page without badges.
 */
static const char *load_star_map(const struct source *s, aw_inl_env *env)
{
	char name[320], own[300];
	stars_total_text[0] = 0;
	if (!s->stars)
		return NULL;
	stars_record(s, name, sizeof name);
	snprintf(own, sizeof own, "%s/%s", s->owner, s->repo);
	if (aw_starsync_map(&st, name, own, &starmap, stars_total_text, sizeof stars_total_text) > 0) {
		env->stars = aw_starmap_lookup;
		env->stars_user = &starmap;
	}
	return stars_total_text[0] ? stars_total_text : NULL;
}

/* ---------------------------------------------------------------- feeds */

/* [feed NAME] sources: the core's aw_fsrc does the merging, dating and the
 * record; this part reads and writes the record and moves the bytes. */

static aw_fsrc_ctx fsrc;          /* large: static */
static aw_state_dec fsrc_dec;

static struct feedsrc *find_feed(const char *name)
{
	for (int i = 0; i < cf.nfeed; i++)
		if (!strcmp(cf.feed[i].name, name))
			return &cf.feed[i];
	return NULL;
}

/*
 * Load feed f's record into fsrc (initialised with `now`). 0 (fsrc.have_state
 * says whether there was one), or AW_EXIT_STATE after a message naming the
 * record (left as it is).
 */
static int load_feed_record(const struct feedsrc *f, int64_t now)
{
	size_t len = 0;
	int rc;
	if (aw_fsrc_init(&fsrc, f->key, f->url, f->keep, now)) {
		msg("%s: keep = %u is out of range", f->key, f->keep);
		return AW_EXIT_USAGE;
	}
	rc = st.ops->read(st.ctx, f->record, recbuf, rec_cap, &len);
	if (rc == AW_ERR_NOTFOUND)
		return 0;
	if (rc) {
		msg("%s: state: %s", f->key, st.ops->where(st.ctx));
		return AW_EXIT_STATE;
	}
	aw_fsrc_load_begin(&fsrc, &fsrc_dec);
	aw_fsrc_load_feed(&fsrc, recbuf, len);
	rc = aw_fsrc_load_end(&fsrc);
	if (!rc)
		return 0;
	msg("%s: state record %s/%s is %s; it was left as it is (move it away to start over)",
	    f->key, cf.state, f->record,
	    rc == AW_ERR_STATE ? "of another format version, source or kind"
	    : rc == AW_ERR_FULL ? "larger than this build's capacity (AW_FSRC_ENTRIES_MAX, AW_FSRC_ARENA_MAX)"
			     : aw_state_why(fsrc_dec.why));
	return AW_EXIT_STATE;
}

/*
 * The kept entries of feed NAME, from the state, as items of `s` (which
 * the caller initialised; other sources' items may be in it). For the
 * page commands (weekly / daily / --all ...): the state must be open.
 * Returns 0, or an exit code after a message (AW_EXIT_USAGE: no such
 * feed; AW_EXIT_STATE: no record yet, unreadable record, store full).
 */
static int load_feed_store(const char *name, aw_store_ctx *s)
{
	const struct feedsrc *f = find_feed(name);
	int rc;
	if (!f) {
		msg("no feed '%s' in %s", name, cf.path);
		return AW_EXIT_USAGE;
	}
	if (!recbuf && (rc = alloc_buffers()))
		return rc;
	if ((rc = load_feed_record(f, (int64_t)time(NULL))))
		return rc;
	if (!fsrc.have_state) {
		msg("%s: no state yet (run awtrack update)", f->key);
		return AW_EXIT_STATE;
	}
	if ((rc = aw_fsrc_render(&fsrc, s))) {
		msg("%s: %s (the store holds AW_STORE_ITEMS_MAX items, AW_STORE_ARENA_MAX bytes)",
		    f->key, aw_strerror(rc));
		return AW_EXIT_STATE;
	}
	return 0;
}

struct fbody {
	aw_feed_ctx f;
	const aw_http_ctx *h;
	int started, err;
};

static int fsrc_body(void *user, const char *p, size_t n)
{
	struct fbody *b = user;
	if (b->err)
		return 1;
	if (b->h->status != 200)
		return 0; /* judged after the fetch */
	b->started = 1;
	/* aw_feed_feed slices it (AW_FEED_SLICE_MAX), as for the commit feed */
	if (aw_feed_feed(&b->f, p, n)) {
		b->err = 1;
		return 1;
	}
	return 0;
}

static int state_write(void *user, const void *p, size_t n)
{
	(void)user;
	return st.ops->write(st.ctx, p, n) ? 1 : 0;
}

/* One poll of feed f: conditional GET, parse, merge, and the record
 * replaced only when all of it succeeded. 0 or an AW_EXIT_* code. */
static int update_feed(const struct feedsrc *f)
{
	aw_fetch_opts fo;
	aw_http_ctx h;
	struct fbody b;
	char err[1200], inm[AW_SRC_TAG_MAX], ims[AW_SRC_TAG_MAX];
	int64_t now = (int64_t)time(NULL);
	int rc, first;

	if ((rc = load_feed_record(f, now)))
		return rc;
	first = !fsrc.have_state;
	fetch_opts(&fo);
	fo.accept = "application/atom+xml, application/rss+xml, application/xml;q=0.9, "
		    "text/xml;q=0.8, */*;q=0.1";
	fo.max_body = cf.max_file_size;
	snprintf(inm, sizeof inm, "%s", fsrc.have_state ? fsrc.etag : "");
	snprintf(ims, sizeof ims, "%s", fsrc.have_state ? fsrc.last_modified : "");
	fo.if_none_match = inm;
	fo.if_modified_since = ims;

	memset(&b, 0, sizeof b);
	b.h = &h;
	if (aw_feed_init(&b.f, feed_arena, sizeof feed_arena, 0, aw_fsrc_on_entry, &fsrc)) {
		msg("feed reader: arena too small (AW_FEED_ARENA_MAX)");
		return AW_EXIT_FAIL;
	}
	/* relative links resolve against the configured URL (and xml:base) */
	aw_feed_set_base(&b.f, f->url);
	rc = aw_fetch(f->url, &fo, &h, fsrc_body, &b, err, sizeof err);
	if (rc == AW_FETCH_OK && h.status == 200 && !b.err && aw_feed_end(&b.f))
		b.err = 1;
	if (b.err) {
		if (fsrc.err && b.f.cb_ret) {
			msg("%s: %s: %s (AW_FSRC_ARENA_MAX)", f->key, f->url, aw_strerror(fsrc.err));
			aw_feed_free(&b.f);
			return AW_EXIT_STATE;
		}
		if (b.f.xml_error)
			msg("%s: %s: malformed feed: %s at line %lu", f->key, f->url,
			    aw_feed_errmsg(&b.f), b.f.line);
		else
			msg("%s: %s: malformed feed: %s", f->key, f->url, aw_feed_errmsg(&b.f));
		aw_feed_free(&b.f);
		return AW_EXIT_NET;
	}
	aw_feed_free(&b.f);
	if (rc) {
		msg("%s: %s%s", f->key, err,
		    rc == AW_FETCH_TOOBIG ? " (max_file_size in awtrack.conf)" : "");
		return AW_EXIT_NET;
	}
	if (h.status == 304) {
		progress("%s: unchanged (304)", f->key);
		return 0;
	}
	if (h.status != 200) {
		if (h.status == 429 || h.status == 403 || h.status == 503) {
			if (h.retry_after >= 0)
				msg("%s: %s: HTTP %d, rate limited: retry after %lld s", f->key, f->url,
				    h.status, (long long)h.retry_after);
			else
				msg("%s: %s: HTTP %d (rate limited?)", f->key, f->url, h.status);
		} else {
			msg("%s: %s: HTTP %d", f->key, f->url, h.status);
		}
		return AW_EXIT_NET;
	}
	if ((rc = aw_fsrc_end(&fsrc, h.etag, h.last_modified))) {
		msg("%s: %s", f->key, aw_strerror(rc));
		return AW_EXIT_STATE;
	}
	rc = st.ops->begin(st.ctx, f->record);
	if (!rc) {
		rc = aw_fsrc_save(&fsrc, state_write, NULL);
		if (!rc)
			rc = st.ops->commit(st.ctx);
		else
			st.ops->abort(st.ctx);
	}
	if (rc) {
		msg("%s: state not written, the old one stays: %s", f->key, st.ops->where(st.ctx));
		return AW_EXIT_STATE;
	}
	if (first)
		progress("%s: baseline, %u entries kept of %u shown", f->key, fsrc.n, fsrc.entries);
	else
		progress("%s: %u new, %u changed, %u dropped, %u entries kept", f->key, fsrc.added,
			 fsrc.changed, fsrc.dropped, fsrc.n);
	return 0;
}

/* ---------------------------------------------------------------- commands */

static struct source *find_source(const char *key)
{
	for (int i = 0; i < cf.nsrc; i++)
		if (!strcmp(cf.src[i].key, key))
			return &cf.src[i];
	/* OWNER/REPO names the source of that repo with the default file */
	for (int i = 0; i < cf.nsrc; i++) {
		size_t n = strlen(cf.src[i].owner);
		if (!strncmp(key, cf.src[i].owner, n) && key[n] == '/' &&
		    !strcmp(key + n + 1, cf.src[i].repo))
			return &cf.src[i];
	}
	return NULL;
}

static int cmd_update(int argc, char **argv)
{
	int worst = 0, rc, i;
	char err[600];
	if ((rc = open_state(1)))
		return rc;
	if (aw_tls_init(cf.ca_file, err, sizeof err)) {
		msg("%s", err);
		return AW_EXIT_NET;
	}
	if ((rc = alloc_buffers()))
		return rc;
	for (i = 0; i < argc; i++)
		if (!find_source(argv[i]) && !find_feed(argv[i])) {
			msg("no source or feed '%s' in %s", argv[i], cf.path);
			return AW_EXIT_USAGE;
		}
	for (i = 0; i < cf.nsrc; i++) {
		const struct source *s = &cf.src[i];
		int want = !argc, j;
		for (j = 0; j < argc; j++)
			if (find_source(argv[j]) == s)
				want = 1;
		if (!want)
			continue;
		last_msg[0] = 0;
		rc = update_source(s);
		save_status(s, rc, last_msg);
		if (!rc)
			update_stars(s);
		/* the most serious: state > network > other */
		if (rc == AW_EXIT_STATE || (rc && worst != AW_EXIT_STATE && worst < rc))
			worst = rc;
	}
	for (i = 0; i < cf.nfeed; i++) {
		const struct feedsrc *f = &cf.feed[i];
		int want = !argc, j;
		for (j = 0; j < argc; j++)
			if (!find_source(argv[j]) && !strcmp(argv[j], f->name))
				want = 1;
		if (!want)
			continue;
		last_msg[0] = 0;
		rc = update_feed(f);
		{
			char name[AW_CONF_NAME_MAX + 20];
			snprintf(name, sizeof name, "status.%s", f->record);
			save_status_rec(name, rc, last_msg);
		}
		if (rc == AW_EXIT_STATE || (rc && worst != AW_EXIT_STATE && worst < rc))
			worst = rc;
	}
	aw_tls_free();
	if (getenv("AWTRACK_NET_STATS"))
		fprintf(stderr, "%s: net: %lu connections, %llu bytes sent, %llu bytes received; "
			"feed arena peak %zu of %u bytes\n", prog, aw_net_connects, aw_net_bytes_out,
			aw_net_bytes_in, feed_arena_peak, (unsigned)AW_FEED_ARENA_MAX);
	return worst;
}

/* ---------------------------------------------------------------- render side
 *
 * The state as the source of weekly, daily, feed, html, serve and display
 * (awtrack.c parses their options and renders, as for a git clone): the
 * configured sources, and one source's items rendered from its record.
 * Records are read without the lock: each is replaced by a rename, so a
 * read sees the old or the new one, never a mix (serve reads while update
 * runs).
 */

static aw_upd_src state_src[MAX_SOURCES + AW_CONF_FEEDS_MAX];
static aw_md_opts feed_md;     /* unused by a feed; the callers copy it */
static int state_ready, bufs_ready;
static struct conf prev_cf;    /* a reload's previous configuration */

int aw_upd_conf(const char *conf)
{
	int rc;
	if (state_ready)
		prev_cf = cf;  /* serve reads the file again: kept if the new one is bad */
	rc = load_conf(conf ? conf : default_conf(), 1);
	if (rc) {
		if (state_ready)
			cf = prev_cf;
		return rc;
	}
	if (state_ready && fs.dir[0] && strcmp(prev_cf.state, cf.state)) {
		/* another state directory: the next read opens it */
		aw_fs_store_close(&fs);
		fs.dir[0] = 0;
	}
	for (int i = 0; i < cf.nsrc; i++) {
		const struct source *s = &cf.src[i];
		aw_upd_src *d = &state_src[i];
		memset(d, 0, sizeof *d);
		d->key = s->key;
		d->owner = s->owner;
		d->repo = s->repo;
		d->file = s->file;
		d->branch = s->branch;
		d->md = &s->md;
	}
	aw_md_opts_default(&feed_md);
	for (int i = 0; i < cf.nfeed; i++) {
		const struct feedsrc *f = &cf.feed[i];
		aw_upd_src *d = &state_src[cf.nsrc + i];
		memset(d, 0, sizeof *d);
		d->key = f->name;
		d->owner = "";
		d->repo = f->name;
		d->file = "feed";
		d->branch = "";
		d->md = &feed_md;
		d->url = f->url;
		d->feed = 1;
	}
	state_ready = 1;
	return 0;
}

const char *aw_upd_path(void)
{
	return cf.path;
}

size_t aw_upd_count(void)
{
	return state_ready ? (size_t)(cf.nsrc + cf.nfeed) : 0;
}

const aw_upd_src *aw_upd_source(size_t i)
{
	return i < aw_upd_count() ? &state_src[i] : NULL;
}

long aw_upd_find(const char *key)
{
	const struct source *s = state_ready ? find_source(key) : NULL;
	const struct feedsrc *f = state_ready && !s ? find_feed(key) : NULL;
	if (s)
		return (long)(s - cf.src);
	return f ? (long)(cf.nsrc + (f - cf.feed)) : -1;
}

static int state_open_read(void)
{
	if (!fs.dir[0]) {
		/* no lock: a reader (see above) */
		if (aw_fs_store_open(&fs, &st, cf.state, 0)) {
			msg("state: %s", st.ops->where(st.ctx));
			return AW_EXIT_STATE;
		}
	}
	if (!bufs_ready) {
		int rc = alloc_buffers();
		if (rc)
			return rc;
		bufs_ready = 1;
	}
	return 0;
}

/* the record file of entry i of the state table */
static const char *state_record(size_t i)
{
	return i < (size_t)cf.nsrc ? cf.src[i].record : cf.feed[i - (size_t)cf.nsrc].record;
}

int aw_upd_has_record(size_t i)
{
	char path[1400];
	struct stat sb;
	if (i >= aw_upd_count())
		return 0;
	snprintf(path, sizeof path, "%s/%s", cf.state, state_record(i));
	return !stat(path, &sb);
}

int aw_upd_render(size_t i, const aw_md_opts *mo, aw_inl_env *env, aw_store_ctx *out,
		    const char **stars_total)
{
	const struct source *s;
	aw_src_ctx p;
	const char *text;
	size_t tlen, reclen;
	int rc;

	if (i >= aw_upd_count())
		return AW_EXIT_USAGE;
	if ((rc = state_open_read()))
		return rc;
	if (stars_total)
		*stars_total = NULL;
	if (i >= (size_t)cf.nsrc) {
		/* a [feed NAME]: its kept entries, rendered by aw_fsrc */
		aw_store_init(out);
		return load_feed_store(cf.feed[i - (size_t)cf.nsrc].name, out);
	}
	s = &cf.src[i];
	rc = read_record(s, &reclen);
	if (rc == 1) {
		msg("%s: no state yet in %s (run awtrack update)", s->key, cf.state);
		return AW_EXIT_STATE;
	}
	if (rc)
		return rc;
	/* the badges of the star cache (stars = true), unless --stars gave a map */
	if (!env->stars) {
		const char *t = load_star_map(s, env);
		if (stars_total)
			*stars_total = t;
	}
	aw_src_init(&p, &md, &map_a, &map_b, mo ? mo : &s->md, env);
	if ((rc = load_record(&p, s, reclen, &text, &tlen)))
		return rc;
	aw_store_init(out);
	if ((rc = aw_src_render(&p, env, text, tlen, out))) {
		msg("%s: %s%s", s->key, aw_strerror(rc),
		    rc == AW_ERR_FULL ? " (AW_STORE_ITEMS_MAX or AW_STORE_ARENA_MAX, core/aw_opt.h)"
				      : "");
		return rc == AW_ERR_FULL ? AW_EXIT_STATE : AW_EXIT_FAIL;
	}
	return 0;
}

unsigned long long aw_upd_conf_stamp(void)
{
	struct stat sb;
	unsigned long long h = 1469598103934665603ull, v[4] = {0, 0, 0, 0};
	if (!stat(cf.path, &sb)) {
		v[0] = (unsigned long long)sb.st_ino;
		v[1] = (unsigned long long)sb.st_size;
		v[2] = (unsigned long long)sb.st_mtim.tv_sec;
		v[3] = (unsigned long long)sb.st_mtim.tv_nsec;
	}
	for (int k = 0; k < 4; k++)
		h = (h ^ v[k]) * 1099511628211ull;
	return h;
}

unsigned long long aw_upd_stamp(void)
{
	unsigned long long h = 1469598103934665603ull;
	for (int i = 0; i < (int)aw_upd_count(); i++) {
		char path[1400];
		struct stat sb;
		unsigned long long v[4] = {0, 0, 0, 0};
		snprintf(path, sizeof path, "%s/%s", cf.state, state_record((size_t)i));
		if (!stat(path, &sb)) {
			v[0] = (unsigned long long)sb.st_ino;
			v[1] = (unsigned long long)sb.st_size;
			v[2] = (unsigned long long)sb.st_mtim.tv_sec;
			v[3] = (unsigned long long)sb.st_mtim.tv_nsec;
		}
		for (int k = 0; k < 4; k++)
			h = (h ^ v[k]) * 1099511628211ull;
	}
	return h;
}

static void print_time(const char *label, long long t)
{
	char when[40] = "never";
	if (t > 0) {
		time_t tt = (time_t)t;
		struct tm tm;
		gmtime_r(&tt, &tm);
		strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
	}
	printf("  %-14s%s\n", label, when);
}

static int cmd_status(void)
{
	int rc, i, worst = 0;
	long long ok;
	if ((rc = open_state(0)))
		return rc;
	if ((rc = alloc_buffers()))
		return rc;
	for (i = 0; i < cf.nsrc; i++) {
		const struct source *s = &cf.src[i];
		aw_src_ctx p;
		const char *text;
		size_t tlen, reclen;
		char name[320];
		aw_src_init(&p, &md, &map_a, &map_b, &s->md, NULL);
		printf("%s\n", s->key);
		snprintf(name, sizeof name, "status.%s", s->record + 5);
		print_status_rec(name, &ok);
		rc = read_record(s, &reclen);
		if (rc == 1) {
			printf("  state:       none yet\n");
			continue;
		}
		if (rc || (rc = load_record(&p, s, reclen, &text, &tlen))) {
			printf("  state:       unreadable (see above)\n");
			worst = AW_EXIT_STATE;
			continue;
		}
		{
			time_t tt = (time_t)p.last_time, to = (time_t)p.last_ok;
			struct tm tm;
			char c1[40], c2[40];
			gmtime_r(&tt, &tm);
			strftime(c1, sizeof c1, "%Y-%m-%dT%H:%M:%SZ", &tm);
			gmtime_r(&to, &tm);
			strftime(c2, sizeof c2, "%Y-%m-%dT%H:%M:%SZ", &tm);
			printf("  last commit: %.12s (%s)\n  last update: %s\n  items:       %lu\n",
			       p.last_sha, c1, c2, p.items);
		}
	}
	/* [feed NAME]: the status record, and the feed's record for the
	 * entries kept (and the last success when the status record has none) */
	for (i = 0; i < cf.nfeed; i++) {
		const struct feedsrc *f = &cf.feed[i];
		char name[AW_CONF_NAME_MAX + 20];
		printf("%s\n  url:         %s\n", f->key, f->url);
		snprintf(name, sizeof name, "status.%s", f->record);
		print_status_rec(name, &ok);
		if (load_feed_record(f, (int64_t)time(NULL))) {
			printf("  state:       unreadable (see above)\n");
			worst = AW_EXIT_STATE;
			continue;
		}
		if (!fsrc.have_state) {
			print_time("last success:", ok);
			printf("  state:       none yet\n");
			continue;
		}
		if (fsrc.last_ok != AW_STATE_NONE && fsrc.last_ok > ok)
			ok = (long long)fsrc.last_ok;
		print_time("last success:", ok);
		printf("  entries:     %u kept (keep = %u)\n", fsrc.n, f->keep);
	}
	return worst;
}

/*
 * export-state: the record a git replay computes, written to stdout.
 * Runs this program's own `items` command (the git path) for the dates,
 * git for the head's text and time.
 */
static int capture(char *const argv[], char **out, size_t *len)
{
	int pfd[2], status;
	pid_t pid;
	size_t cap = 1 << 16, n = 0;
	char *buf = malloc(cap);
	if (!buf || pipe(pfd))
		return -1;
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		dup2(pfd[1], 1);
		close(pfd[0]);
		close(pfd[1]);
		execvp(argv[0], argv);
		_exit(127);
	}
	close(pfd[1]);
	for (;;) {
		ssize_t r;
		if (n == cap) {
			char *nb = realloc(buf, cap *= 2);
			if (!nb) {
				free(buf);
				close(pfd[0]);
				return -1;
			}
			buf = nb;
		}
		r = read(pfd[0], buf + n, cap - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		n += (size_t)r;
	}
	close(pfd[0]);
	waitpid(pid, &status, 0);
	*out = buf;
	*len = n;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}

static int stdout_sink(void *user, const char *p, size_t n)
{
	(void)user;
	return fwrite(p, 1, n, stdout) == n ? 0 : 1;
}

static int cmd_export(int argc, char **argv)
{
	const char *git = NULL, *head = "HEAD", *file = "README.md";
	char *args[64], *items, *blob, *log, spec[1200], self[4096];
	size_t ilen, blen, llen;
	int na = 0, i, rc;
	aw_src_ctx p;
	aw_md_opts mo;
	char *line, *end;
	ssize_t sl;

	sl = readlink("/proc/self/exe", self, sizeof self - 1);
	if (sl <= 0) {
		msg("cannot find this program's path");
		return AW_EXIT_FAIL;
	}
	self[sl] = 0;
	args[na++] = self;
	args[na++] = "items";
	for (i = 0; i < argc && na < 60; i++) {
		if (!strcmp(argv[i], "--git") && i + 1 < argc) git = argv[i + 1];
		else if (!strcmp(argv[i], "--head") && i + 1 < argc) head = argv[i + 1];
		else if (!strcmp(argv[i], "--file") && i + 1 < argc) file = argv[i + 1];
		args[na++] = argv[i];
	}
	args[na++] = "--quiet";
	args[na] = NULL;
	if (!git) {
		msg("export-state: --git CLONE is required");
		return AW_EXIT_USAGE;
	}
	if ((rc = capture(args, &items, &ilen))) {
		msg("export-state: the git replay failed");
		return AW_EXIT_FAIL;
	}
	{
		char *la[] = {"git", "-C", (char *)git, "log", "-n", "64", "--format=%H %ct",
			      (char *)head, "--", (char *)file, NULL};
		if (capture(la, &log, &llen) || llen < 42) {
			msg("export-state: git log failed");
			return AW_EXIT_FAIL;
		}
	}
	{
		char *ba[] = {"git", "-C", (char *)git, "cat-file", "blob", spec, NULL};
		snprintf(spec, sizeof spec, "%s:%s", head, file);
		if (capture(ba, &blob, &blen)) {
			msg("export-state: %s: no such file", spec);
			return AW_EXIT_FAIL;
		}
	}
	aw_md_opts_default(&mo);
	aw_datemap_init(&map_a);
	aw_datemap_init(&map_b);
	aw_src_init(&p, &md, &map_a, &map_b, &mo, NULL);
	memcpy(p.last_sha, log, 40);
	p.last_sha[40] = 0;
	p.last_time = strtoll(log + 41, NULL, 10);
	p.have_state = 1;
	/* the commits a feed would show at the head count as seen */
	for (line = log; line + 41 < log + llen; line = end + 1) {
		char sha[41];
		end = memchr(line, '\n', (size_t)(log + llen - line));
		if (!end)
			end = log + llen;
		memcpy(sha, line, 40);
		sha[40] = 0;
		if (aw_src_seen_add(&p, sha, strtoll(line + 41, NULL, 10))) {
			msg("export-state: unexpected git log line");
			return AW_EXIT_FAIL;
		}
	}
	/* items: "YYYY-MM-DDTHH:MM:SSZ\t<sha1 hex>\t..." per line */
	for (line = items; line < items + ilen; line = end + 1) {
		uint8_t id[20];
		char ts[32];
		int64_t t;
		end = memchr(line, '\n', (size_t)(items + ilen - line));
		if (!end)
			end = items + ilen;
		if (end - line < 62 || line[20] != '\t' || line[61] != '\t') {
			msg("export-state: unexpected items line");
			return AW_EXIT_FAIL;
		}
		memcpy(ts, line, 20);
		ts[20] = 0;
		t = parse_rfc3339(ts);
		for (int k = 0; k < 20; k++) {
			unsigned v;
			if (sscanf(line + 21 + 2 * k, "%2x", &v) != 1)
				return AW_EXIT_FAIL;
			id[k] = (uint8_t)v;
		}
		if (aw_src_date_put(&p, id, t)) {
			msg("export-state: too many items (AW_STORE_DATEMAP_MAX)");
			return AW_EXIT_STATE;
		}
	}
	rc = aw_src_save(&p, (int64_t)time(NULL), blob, blen, stdout_sink, NULL);
	free(items);
	free(blob);
	free(log);
	if (rc || fflush(stdout)) {
		msg("export-state: write error");
		return AW_EXIT_FAIL;
	}
	return 0;
}

static int cmd_import(int argc, char **argv)
{
	struct source *s;
	FILE *f;
	size_t n;
	aw_src_ctx p;
	const char *text;
	size_t tlen;
	int rc;
	if (argc != 2) {
		msg("usage: awtrack [-c FILE] import-state SOURCE FILE");
		return AW_EXIT_USAGE;
	}
	if (!(s = find_source(argv[0]))) {
		msg("no source '%s' in %s", argv[0], cf.path);
		return AW_EXIT_USAGE;
	}
	if ((rc = open_state(1)))
		return rc;
	if ((rc = alloc_buffers()))
		return rc;
	f = fopen(argv[1], "rb");
	if (!f) {
		msg("%s: %s", argv[1], strerror(errno));
		return AW_EXIT_USAGE;
	}
	n = fread(recbuf, 1, rec_cap, f);
	fclose(f);
	aw_src_init(&p, &md, &map_a, &map_b, &s->md, NULL);
	if ((rc = aw_src_load(&p, recbuf, n, &text, &tlen))) {
		msg("%s: not a valid state record (%s)", argv[1], aw_strerror(rc));
		return AW_EXIT_STATE;
	}
	if (st.ops->begin(st.ctx, s->record) || st.ops->write(st.ctx, recbuf, n) ||
	    st.ops->commit(st.ctx)) {
		msg("%s: state not written: %s", s->key, st.ops->where(st.ctx));
		st.ops->abort(st.ctx);
		return AW_EXIT_STATE;
	}
	progress("%s: imported %.12s, %lu items", s->key, p.last_sha, p.items);
	return 0;
}

/* ---------------------------------------------------------------- main */

static int is_cmd(const char *a)
{
	return !strcmp(a, "update") || !strcmp(a, "status") || !strcmp(a, "export-state") ||
	       !strcmp(a, "import-state");
}

int aw_update_wants(int argc, char **argv)
{
	int i = 1;
	/* global options, then one of this file's commands */
	while (i < argc && (!strcmp(argv[i], "-q") || !strcmp(argv[i], "--quiet") ||
			    (!strcmp(argv[i], "-c") && ++i < argc)))
		i++;
	return i < argc && is_cmd(argv[i]);
}

int aw_update_main(int argc, char **argv)
{
	const char *conf = NULL, *cmd;
	int i = 1, rc;

	while (i < argc && argv[i][0] == '-') {
		if (!strcmp(argv[i], "-c") && i + 1 < argc) {
			conf = argv[i + 1];
			i += 2;
		} else if (!strcmp(argv[i], "-q") || !strcmp(argv[i], "--quiet")) {
			quiet = 1;
			i++;
		} else {
			msg("unknown option '%s' (try --help)", argv[i]);
			return AW_EXIT_USAGE;
		}
	}
	if (i >= argc) {
		msg("a command is required (try --help)");
		return AW_EXIT_USAGE;
	}
	cmd = argv[i++];
	/* -q after the command too */
	for (int j = i; j < argc; j++)
		if (!strcmp(argv[j], "-q") || !strcmp(argv[j], "--quiet")) {
			quiet = 1;
			memmove(argv + j, argv + j + 1, (size_t)(argc - j - 1) * sizeof *argv);
			argc--;
			j--;
		}
	if (!strcmp(cmd, "export-state"))
		return cmd_export(argc - i, argv + i);
	if ((rc = load_conf(conf ? conf : default_conf(), 1)))
		return rc;
	if (!strcmp(cmd, "update"))
		return cmd_update(argc - i, argv + i);
	if (!strcmp(cmd, "status"))
		return cmd_status();
	if (!strcmp(cmd, "import-state"))
		return cmd_import(argc - i, argv + i);
	msg("unknown command '%s' (try --help)", cmd);
	return AW_EXIT_USAGE;
}
