/*
 * aw_serve.c - `awtrack feed`, `awtrack html` and `awtrack serve` on POSIX.
 *
 * The core renders (aw_feedout, aw_html) and parses requests (aw_httpd);
 * this file names files, writes them, and runs the server: every page and
 * feed is rendered once at start into memory with its ETag, then a single
 * thread answers from that table with poll(): non-blocking sockets, a
 * bounded number of connections, a deadline per connection (a request
 * head that does not arrive in time gets 408, an idle keep-alive
 * connection is closed, a client that does not read its answer is
 * dropped), lingering close after errors. Loopback unless --listen names
 * another address. Several lists (html / serve from the state): an index,
 * each list's pages and feeds, the aggregate's; serve renders them again
 * into a second table when the caller says they changed, and frees a
 * table only once no connection writes from it. Not done here: TLS,
 * access logs, reloading a clone's replay (restart the server).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "aw_feedout.h"
#include "aw_html.h"
#include "aw_httpd.h"
#include "aw_serve.h"
#include "aw_sha1.h"

static const char *prog = "awtrack";

/* ---------------------------------------------------------------- names */

static char list_name[512], list_path[512], list_id[768];

static void names(const aw_page_info *pi, const char *path)
{
	const char *file = pi->file ? pi->file : "README.md";
	int readme = pi->index;   /* the source's index file: the list's own path */

	if (!pi->owner) {
		/* the aggregate of several lists: its own path and name */
		snprintf(list_name, sizeof list_name, "%s", pi->name ? pi->name : pi->repo);
		snprintf(list_path, sizeof list_path, "%s", path ? path : "all/");
		snprintf(list_id, sizeof list_id, "%s", list_path);
		return;
	}

	if (pi->name) {
		snprintf(list_name, sizeof list_name, "%s", pi->name);
	} else {
		char tmp[256];
		aw_buf b;
		size_t i, n = strlen(pi->repo);
		if (n >= sizeof tmp)
			n = sizeof tmp - 1;
		for (i = 0; i < n; i++)
			tmp[i] = pi->repo[i] == '-' ? ' ' : pi->repo[i];
		aw_buf_init(&b, list_name, sizeof list_name - 1);
		aw_render_title_case(tmp, n, &b);
		if (!readme) {
			aw_buf_puts(&b, " (");
			aw_buf_puts(&b, file);
			aw_buf_puts(&b, ")");
		}
		aw_buf_cstr(&b);
	}
	if (!pi->owner[0]) {
		/* a [feed NAME] of the state (repo NAME): NAME/ */
		snprintf(list_path, sizeof list_path, "%s/", pi->repo);
		snprintf(list_id, sizeof list_id, "%s/%s", pi->repo, file);
		return;
	}
	if (readme) {
		snprintf(list_path, sizeof list_path, "%s/%s/", pi->owner, pi->repo);
	} else {
		/* the file's path without its extension, like the pages' paths */
		size_t n = strlen(file), k = n;
		while (k > 0 && file[k - 1] != '.' && file[k - 1] != '/')
			k--;
		if (k > 1 && file[k - 1] == '.')
			n = k - 1;
		snprintf(list_path, sizeof list_path, "%s/%s/%.*s/", pi->owner, pi->repo, (int)n, file);
	}
	snprintf(list_id, sizeof list_id, "%s/%s/%s", pi->owner, pi->repo, file);
}

static int url_ok(const char *u)
{
	return u && aw_feedout_url_ok(u, strlen(u));
}

/* where entries link to: the dashboard under --site, else the repository */
static void home_url(const aw_page_info *pi, const awp_out_opts *oo, int kind, char *out, size_t cap)
{
	if (oo->site) {
		size_t n = strlen(oo->site);
		while (n && oo->site[n - 1] == '/')
			n--;
		snprintf(out, cap, "%.*s/%s%s", (int)n, oo->site, list_path,
			 kind == AW_PAGE_WEEKLY ? "week/" : "");
	} else if (url_ok(pi->repo_url)) {
		snprintf(out, cap, "%s", pi->repo_url);
	} else {
		snprintf(out, cap, "http://127.0.0.1:8080/%s%s", list_path,
			 kind == AW_PAGE_WEEKLY ? "week/" : "");
	}
}

static const char *feed_file[3] = {"atom.xml", "rss.xml", "feed.json"};
static const char *feed_type[3] = {"application/atom+xml; charset=utf-8",
				   "application/rss+xml; charset=utf-8",
				   "application/feed+json; charset=utf-8"};

static void feed_info(aw_feedout_info *fi, const aw_page_info *pi, const awp_out_opts *oo,
		      int format, int kind, char *home, char *self, size_t cap)
{
	memset(fi, 0, sizeof *fi);
	fi->format = format;
	fi->kind = kind;
	fi->name = list_name;
	fi->list_id = list_id;
	fi->description = pi->description;
	home_url(pi, oo, kind, home, cap);
	fi->home_url = home;
	if (oo->site && strlen(home) + 16 < cap) {
		snprintf(self, cap, "%s%s", home, feed_file[format]);
		fi->self_url = self;
	}
	fi->author_url = url_ok(pi->repo_url) ? pi->repo_url : NULL;
	fi->max_periods = oo->weeks;
	fi->flags = oo->current ? AW_FEEDOUT_CURRENT : 0;
	fi->now = oo->now ? (int64_t)oo->now : (int64_t)time(NULL);
}

static int check_site(const awp_out_opts *oo)
{
	if (oo->site && !url_ok(oo->site)) {
		fprintf(stderr, "%s: --site: expected an absolute http:// or https:// URL, got '%s'\n",
			prog, oo->site);
		return 0;
	}
	return 1;
}

/* ---------------------------------------------------------------- feed */

/* the digest walker of every page and feed (one at a time) */
static aw_digest_ctx walker;

static int file_sink(void *user, const char *p, size_t n)
{
	return fwrite(p, 1, n, (FILE *)user) == n ? 0 : AW_ERR_IO;
}

int awp_feed(const aw_store_ctx *s, const aw_page_info *pi, const awp_out_opts *oo)
{
	aw_feedout_info fi;
	aw_sink out;
	char home[1024], self[1100];
	int format, rc;

	if (!oo->format || !strcmp(oo->format, "atom"))
		format = AW_FEEDOUT_ATOM;
	else if (!strcmp(oo->format, "rss"))
		format = AW_FEEDOUT_RSS;
	else if (!strcmp(oo->format, "json"))
		format = AW_FEEDOUT_JSON;
	else {
		fprintf(stderr, "%s: --format: expected atom, rss or json, got '%s'\n", prog, oo->format);
		return 2;
	}
	if (!check_site(oo))
		return 2;
	names(pi, NULL);
	feed_info(&fi, pi, oo, format, oo->daily ? AW_PAGE_DAILY : AW_PAGE_WEEKLY, home, self,
		  sizeof home);
	aw_sink_init(&out, file_sink, stdout);
	rc = aw_feedout_write(&walker, s, &fi, &out);
	if (rc || fflush(stdout) || ferror(stdout)) {
		fprintf(stderr, "%s: feed: %s\n", prog, rc ? aw_strerror(rc) : strerror(errno));
		return 1;
	}
	return 0;
}

/* ---------------------------------------------------------------- resources */

typedef struct res {
	char path[600];
	const char *type;
	aw_sink hs;
	char *body;
	size_t len, cap;
	char etag[48];
} res;

/* a table of resources: serve keeps the current one and the one before
 * (connections may still be writing its bodies) */
typedef struct restab {
	res *rs;
	size_t n, cap;
	unsigned gen;
} restab;

static restab tabs[2];
static int cur;            /* tabs[cur] answers requests */
static restab *tab = &tabs[0];  /* the one being built */

static void tab_free(restab *t)
{
	for (size_t i = 0; i < t->n; i++)
		free(t->rs[i].body);
	free(t->rs);
	t->rs = NULL;
	t->n = t->cap = 0;
}

static int res_sink(void *user, const char *p, size_t n)
{
	res *r = user;
	if (r->len + n > r->cap) {
		size_t nc = r->cap ? r->cap * 2 : 65536;
		char *nb;
		while (nc < r->len + n)
			nc *= 2;
		nb = realloc(r->body, nc);
		if (!nb)
			return AW_ERR_FULL;
		r->body = nb;
		r->cap = nc;
	}
	memcpy(r->body + r->len, p, n);
	r->len += n;
	return 0;
}

/* set by res_new when the path is already in the table */
static const char *res_dup;

static res *res_new(const char *path, const char *type)
{
	res *r;
	res_dup = NULL;
	for (size_t i = 0; i < tab->n; i++)
		if (!strcmp(tab->rs[i].path, path)) {
			/* two sources on one path (a feed named "all", ...) */
			res_dup = tab->rs[i].path;
			return NULL;
		}
	if (tab->n == tab->cap) {
		size_t nc = tab->cap ? tab->cap * 2 : 16;
		res *nr = realloc(tab->rs, nc * sizeof *tab->rs);
		if (!nr)
			return NULL;
		tab->rs = nr;
		tab->cap = nc;
	}
	r = &tab->rs[tab->n++];
	memset(r, 0, sizeof *r);
	snprintf(r->path, sizeof r->path, "%s", path);
	r->type = type;
	return r;
}

static void res_etag(res *r)
{
	uint8_t d[20];
	char hex[41];
	aw_sha1(r->body ? r->body : "", r->len, d);
	aw_sha1_hex(d, hex);
	snprintf(r->etag, sizeof r->etag, "\"%.32s\"", hex);
}

/* a relative path from a page in `dir` ("a/b/") to the root */
static const char *root_of(const char *dir, int extra)
{
	static char up[64];
	size_t k = 0;
	int d = extra;
	for (const char *p = dir; *p; p++)
		d += *p == '/';
	for (; d > 0 && k + 3 < sizeof up; d--, k += 3)
		memcpy(up + k, "../", 3);
	up[k] = 0;
	return up;
}

/* One list's pages and feeds into the table being built; its newest
 * periods into the index (idx NULL: not in the index). 0 or an error
 * printed. */
static int render_list(const awp_list *l, const awp_out_opts *oo, aw_sink *idx)
{
	static const int kinds[2] = {AW_PAGE_WEEKLY, AW_PAGE_DAILY};
	char path[600], home[1024], self[1100];
	const aw_store_ctx *s = l->store;
	const aw_page_info *pi = &l->pi;
	aw_html_info hi;
	aw_sink out;
	res *r;
	int k, f, rc;

	names(pi, l->path);
	memset(&hi, 0, sizeof hi);
	hi.name = list_name;
	hi.description = pi->description;
	hi.repo_url = pi->repo_url;
	hi.list_path = list_path;
	if (idx) {
		hi.kind = AW_PAGE_WEEKLY;
		hi.root = "";
		hi.max_periods = 2;
		if ((rc = aw_html_index_list(&walker, s, &hi, idx)))
			goto fail;
	}
	for (k = 0; k < 2; k++) {
		const char *dir = kinds[k] == AW_PAGE_WEEKLY ? "week/" : "";
		snprintf(path, sizeof path, "%s%sindex.html", list_path, dir);
		if (!(r = res_new(path, "text/html; charset=utf-8")))
			goto oom;
		hi.kind = kinds[k];
		hi.root = root_of(list_path, kinds[k] == AW_PAGE_WEEKLY);
		hi.max_periods = oo->weeks ? oo->weeks : (kinds[k] == AW_PAGE_WEEKLY ? 12 : 14);
		aw_sink_init(&out, res_sink, r);
		if ((rc = aw_html_page(&walker, s, &hi, &out)))
			goto fail;
		for (f = 0; f < 3; f++) {
			aw_feedout_info fi;
			snprintf(path, sizeof path, "%s%s%s", list_path, dir, feed_file[f]);
			if (!(r = res_new(path, feed_type[f])))
				goto oom;
			feed_info(&fi, pi, oo, f, kinds[k], home, self, sizeof home);
			aw_sink_init(&out, res_sink, r);
			if ((rc = aw_feedout_write(&walker, s, &fi, &out)))
				goto fail;
		}
	}
	return 0;
oom:
	if (res_dup)
		fprintf(stderr, "%s: %s: its page %s is another source's too (rename one)\n",
			prog, list_name, res_dup);
	else
		fprintf(stderr, "%s: out of memory\n", prog);
	return 1;
fail:
	fprintf(stderr, "%s: render: %s: %s\n", prog, list_name, aw_strerror(rc));
	return 1;
}

/* Every list's pages and feeds, and the index, into the table `tab`
 * (emptied first). Returns 0 or an exit status (the error printed). */
static int render_all(const awp_lists *ls, const awp_out_opts *oo)
{
	res idx;       /* built apart: res_new moves the table */
	aw_sink io;
	awp_list l;
	size_t i, n = ls->count ? ls->count(ls->user) : ls->n;
	int rc;

	tab_free(tab);
	memset(&idx, 0, sizeof idx);
	aw_sink_init(&io, res_sink, &idx);
	if ((rc = aw_html_index_begin("awtrack: latest weeks", &io)))
		goto fail;
	for (i = 0; i < n + (ls->all ? 1 : 0); i++) {
		if ((rc = ls->load(ls->user, i, &l)))
			goto out;
		if (render_list(&l, oo, i < n ? &io : NULL)) {
			rc = 1;
			goto out;
		}
	}
	if ((rc = aw_html_index_end(&io)))
		goto fail;
	{
		res *r = res_new("index.html", "text/html; charset=utf-8");
		if (!r) {
			fprintf(stderr, "%s: out of memory\n", prog);
			rc = 1;
			goto out;
		}
		r->body = idx.body;
		r->len = idx.len;
		r->cap = idx.cap;
		idx.body = NULL;
	}
	for (i = 0; i < tab->n; i++)
		res_etag(&tab->rs[i]);
	return 0;
fail:
	fprintf(stderr, "%s: render: %s\n", prog, aw_strerror(rc));
	rc = 1;
out:
	free(idx.body);
	return rc;
}

/* one list (a clone): its store as given */
struct one_list {
	const aw_store_ctx *s;
	const aw_page_info *pi;
};

static int one_load(void *user, size_t i, awp_list *l)
{
	const struct one_list *ol = user;
	(void)i;
	memset(l, 0, sizeof *l);
	l->store = ol->s;
	l->pi = *ol->pi;
	return 0;
}

/* ---------------------------------------------------------------- html --out */

static int mkdirs(const char *path)
{
	char tmp[1200];
	size_t i, n = strlen(path);
	if (n >= sizeof tmp)
		return -1;
	memcpy(tmp, path, n + 1);
	for (i = 1; i <= n; i++) {
		if (tmp[i] == '/' || tmp[i] == 0) {
			char c = tmp[i];
			tmp[i] = 0;
			if (mkdir(tmp, 0755) && errno != EEXIST)
				return -1;
			tmp[i] = c;
		}
	}
	return 0;
}

int awp_html(const aw_store_ctx *s, const aw_page_info *pi, const awp_out_opts *oo)
{
	struct one_list ol = {s, pi};
	awp_lists ls;
	memset(&ls, 0, sizeof ls);
	ls.n = 1;
	ls.load = one_load;
	ls.user = &ol;
	return awp_html_lists(&ls, oo);
}

int awp_html_lists(const awp_lists *ls, const awp_out_opts *oo)
{
	size_t i;
	int rc;

	if (!oo->out_dir) {
		fprintf(stderr, "%s: html: --out DIR is required\n", prog);
		return 2;
	}
	if (!check_site(oo))
		return 2;
	if ((rc = render_all(ls, oo)))
		return rc;
	for (i = 0; i < tab->n; i++) {
		char path[1300], tmp[1320], *slash;
		FILE *f;
		snprintf(path, sizeof path, "%s/%s", oo->out_dir, tab->rs[i].path);
		slash = strrchr(path, '/');
		*slash = 0;
		if (mkdirs(path)) {
			fprintf(stderr, "%s: %s: %s\n", prog, path, strerror(errno));
			return 1;
		}
		*slash = '/';
		snprintf(tmp, sizeof tmp, "%s.tmp", path);
		f = fopen(tmp, "wb");
		if (!f || fwrite(tab->rs[i].body, 1, tab->rs[i].len, f) != tab->rs[i].len || fclose(f) ||
		    rename(tmp, path)) {
			fprintf(stderr, "%s: %s: %s\n", prog, path, strerror(errno));
			return 1;
		}
		if (!oo->quiet)
			printf("%s\n", path);
	}
	return 0;
}

/* ---------------------------------------------------------------- serve */

#define MAX_CONN 256
#define READ_CHUNK 16384

enum { C_FREE = 0, C_READ, C_WRITE, C_LINGER };

typedef struct conn {
	int fd;
	int state;
	int close_after;          /* close once the answer is written */
	long long deadline;       /* monotonic ms */
	aw_httpd h;
	char hdr[1024];           /* response head */
	size_t hdr_len, hdr_off;
	const char *body;         /* into a resource (or a static message) */
	int body_tab;             /* tabs[] index of that resource, -1: none */
	size_t body_len, body_off;
	char pend[READ_CHUNK];    /* bytes read after the end of a request */
	size_t pend_len;
} conn;

static conn *conns;
static volatile sig_atomic_t stop_flag;
static long long timeout_ms = 10000;

static void on_signal(int sig)
{
	(void)sig;
	stop_flag = 1;
}

static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int set_nonblock(int fd)
{
	int fl = fcntl(fd, F_GETFL);
	return fl < 0 ? -1 : fcntl(fd, F_SETFL, fl | O_NONBLOCK);
}

static void conn_close(conn *c)
{
	close(c->fd);
	c->fd = -1;
	c->state = C_FREE;
}

static int hdr_sink(void *user, const char *p, size_t n)
{
	conn *c = user;
	if (c->hdr_len + n > sizeof c->hdr)
		return AW_ERR_FULL;
	memcpy(c->hdr + c->hdr_len, p, n);
	c->hdr_len += n;
	return 0;
}

static void respond(conn *c, int status, const res *r, const char *extra, int head_only,
		    int keep_alive)
{
	static char msg[64];
	const char *body;
	size_t len;
	const char *type;
	aw_sink hs;

	c->body_tab = r ? cur : -1;
	if (r) {
		body = r->body;
		len = r->len;
		type = r->type;
	} else {
		/* small plain-text body naming the status */
		snprintf(msg, sizeof msg, "%d %s\n", status, aw_httpd_reason(status));
		body = msg;
		len = strlen(msg);
		type = "text/plain; charset=utf-8";
	}
	if (status == 304) {
		len = 0;
		type = NULL;
	}
	c->hdr_len = c->hdr_off = 0;
	/* a 304 carries no Content-Length of its own body: omit by sending the
	 * resource's length would be allowed, 0 is simpler and true */
	aw_sink_init(&hs, hdr_sink, c);
	aw_httpd_response_head(status, type, len, r ? r->etag : NULL, extra, keep_alive, &hs);
	c->body = (head_only || status == 304) ? NULL : body;
	c->body_len = (head_only || status == 304) ? 0 : len;
	c->body_off = 0;
	c->close_after = !keep_alive;
	c->state = C_WRITE;
	c->deadline = now_ms() + timeout_ms;
}

static const res *lookup(const char *t, size_t n)
{
	size_t i, q;
	char p[600];

	/* absolute-form: drop scheme and authority */
	if (n > 8 && (!strncmp(t, "http://", 7) || !strncmp(t, "https://", 8))) {
		size_t k = t[4] == 's' ? 8 : 7;
		while (k < n && t[k] != '/')
			k++;
		t += k;
		n -= k;
		if (!n)
			return NULL;
	}
	for (q = 0; q < n && t[q] != '?' && t[q] != '#'; q++)
		;
	if (!q || t[0] != '/' || q >= sizeof p - 16)
		return NULL;
	memcpy(p, t + 1, q - 1);
	p[q - 1] = 0;
	if (q == 1 || p[q - 2] == '/')
		strcat(p, "index.html");
	for (i = 0; i < tabs[cur].n; i++)
		if (!strcmp(tabs[cur].rs[i].path, p))
			return &tabs[cur].rs[i];
	return NULL;
}

static void handle_request(conn *c)
{
	aw_httpd *h = &c->h;
	size_t ml, tl, vl;
	const char *m = aw_httpd_method(h, &ml), *t = aw_httpd_target(h, &tl), *v;
	const res *r;
	int get = ml == 3 && !memcmp(m, "GET", 3);

	if (!get && !h->head_only) {
		respond(c, 405, NULL, "Allow: GET, HEAD\r\n", 0, h->keep_alive);
		return;
	}
	r = lookup(t, tl);
	if (!r) {
		respond(c, 404, NULL, NULL, h->head_only, h->keep_alive);
		return;
	}
	v = aw_httpd_header(h, "if-none-match", &vl);
	if (v && aw_httpd_etag_match(v, vl, r->etag))
		respond(c, 304, r, NULL, 1, h->keep_alive);
	else
		respond(c, 200, r, NULL, h->head_only, h->keep_alive);
}

/* feed bytes to the parser; may start an answer. Returns 0, or -1 when
 * the connection is to be closed now. */
static int consume(conn *c, const char *p, size_t n)
{
	size_t used = 0;
	int rc = aw_httpd_feed(&c->h, p, n, &used);

	if (rc == AW_HTTPD_MORE)
		return 0;
	if (rc == AW_HTTPD_DONE) {
		if (n - used > sizeof c->pend)
			return -1;
		memmove(c->pend, p + used, n - used);
		c->pend_len = n - used;
		handle_request(c);
		return 0;
	}
	respond(c, c->h.status ? c->h.status : 400, NULL, NULL, 0, 0);
	return 0;
}

static void conn_read(conn *c)
{
	char buf[READ_CHUNK];
	ssize_t r = recv(c->fd, buf, sizeof buf, 0);

	if (r == 0 || (r < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)) {
		conn_close(c);
		return;
	}
	if (r < 0)
		return;
	if (c->state == C_LINGER)
		return; /* discard until EOF or deadline */
	if (aw_httpd_idle(&c->h))
		c->deadline = now_ms() + timeout_ms; /* the request's head has this long */
	if (consume(c, buf, (size_t)r))
		conn_close(c);
}

static void conn_write(conn *c)
{
	for (;;) {
		const char *p;
		size_t n;
		ssize_t w;
		if (c->hdr_off < c->hdr_len) {
			p = c->hdr + c->hdr_off;
			n = c->hdr_len - c->hdr_off;
		} else if (c->body && c->body_off < c->body_len) {
			p = c->body + c->body_off;
			n = c->body_len - c->body_off;
		} else {
			break;
		}
		w = send(c->fd, p, n, MSG_NOSIGNAL);
		if (w < 0) {
			if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)
				return;
			conn_close(c);
			return;
		}
		c->deadline = now_ms() + timeout_ms; /* progress */
		if (c->hdr_off < c->hdr_len)
			c->hdr_off += (size_t)w;
		else
			c->body_off += (size_t)w;
	}
	/* the answer is out */
	if (c->close_after) {
		shutdown(c->fd, SHUT_WR);
		c->state = C_LINGER;
		c->deadline = now_ms() + 2000;
		return;
	}
	c->state = C_READ;
	c->deadline = now_ms() + timeout_ms;
	aw_httpd_reset(&c->h);
	if (c->pend_len) {
		char tmp[READ_CHUNK];
		size_t n = c->pend_len;
		memcpy(tmp, c->pend, n);
		c->pend_len = 0;
		if (consume(c, tmp, n))
			conn_close(c);
		else if (c->state == C_WRITE)
			conn_write(c);
	}
}

static int parse_listen(const char *spec, struct sockaddr_storage *ss, socklen_t *sl, int *loopback)
{
	char host[256];
	const char *colon = strrchr(spec, ':'), *h0 = spec;
	size_t hl;
	struct addrinfo hints, *ai = NULL;

	if (!colon || colon == spec)
		return -1;
	hl = (size_t)(colon - spec);
	if (spec[0] == '[' && colon[-1] == ']') {
		h0++;
		hl -= 2;
	}
	if (hl >= sizeof host)
		return -1;
	memcpy(host, h0, hl);
	host[hl] = 0;
	memset(&hints, 0, sizeof hints);
	hints.ai_flags = AI_NUMERICHOST | AI_NUMERICSERV | AI_PASSIVE;
	hints.ai_socktype = SOCK_STREAM;
	if (getaddrinfo(host, colon + 1, &hints, &ai) || !ai)
		return -1;
	memcpy(ss, ai->ai_addr, ai->ai_addrlen);
	*sl = ai->ai_addrlen;
	if (ai->ai_family == AF_INET) {
		const struct sockaddr_in *a = (const struct sockaddr_in *)ai->ai_addr;
		*loopback = (ntohl(a->sin_addr.s_addr) >> 24) == 127;
	} else {
		const struct sockaddr_in6 *a = (const struct sockaddr_in6 *)ai->ai_addr;
		*loopback = IN6_IS_ADDR_LOOPBACK(&a->sin6_addr);
	}
	freeaddrinfo(ai);
	return 0;
}

int awp_serve(const aw_store_ctx *s, const aw_page_info *pi, const awp_out_opts *oo)
{
	struct one_list ol = {s, pi};
	awp_lists ls;
	memset(&ls, 0, sizeof ls);
	ls.n = 1;
	ls.load = one_load;
	ls.user = &ol;
	return awp_serve_lists(&ls, oo);
}

/* serve: load the lists again when they changed, into the table that is
 * not answering, once no connection is still writing a body of it */
static void maybe_reload(const awp_lists *ls, const awp_out_opts *oo, unsigned long long *stamp,
			 int *pending)
{
	int other = !cur;
	if (!*pending && !ls->changed(ls->user, stamp))
		return;
	for (size_t i = 0; i < MAX_CONN; i++)
		if (conns[i].state == C_WRITE && conns[i].body_tab == other && conns[i].body) {
			*pending = 1;
			return;
		}
	*pending = 0;
	tab = &tabs[other];
	if (render_all(ls, oo)) {
		tab_free(tab);
		fprintf(stderr, "%s: the state or its configuration changed but could not be "
			"read again; still serving the previous pages\n", prog);
		return;
	}
	tab->gen = tabs[cur].gen + 1;
	cur = other;
	if (!oo->quiet)
		fprintf(stderr, "%s: the state or its configuration changed: %zu resources "
			"rendered again\n", prog,
			tabs[cur].n);
}

int awp_serve_lists(const awp_lists *ls, const awp_out_opts *oo0)
{
	awp_out_opts oo = *oo0;
	unsigned long long stamp = ls->stamp;
	long long last_check = 0;
	int pending = 0, rc;
	const char *listen_spec = oo.listen ? oo.listen : "127.0.0.1:8080";
	struct sockaddr_storage ss;
	socklen_t sl;
	struct pollfd *pfd;
	size_t *who;
	char site[300], host[128], port[16];
	int lfd, one = 1, loopback = 0;
	struct sigaction sa;

	if (getenv("AWTRACK_SERVE_TIMEOUT_MS"))
		timeout_ms = atoll(getenv("AWTRACK_SERVE_TIMEOUT_MS"));
	if (timeout_ms < 100)
		timeout_ms = 100;
	if (parse_listen(listen_spec, &ss, &sl, &loopback)) {
		fprintf(stderr, "%s: --listen: expected ADDRESS:PORT (numeric, e.g. 127.0.0.1:8080), "
			"got '%s'\n", prog, listen_spec);
		return 2;
	}
	if (!check_site(&oo))
		return 2;
	lfd = socket(ss.ss_family, SOCK_STREAM, 0);
	if (lfd < 0 || setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) ||
	    bind(lfd, (struct sockaddr *)&ss, sl) || listen(lfd, 512) || set_nonblock(lfd)) {
		fprintf(stderr, "%s: --listen %s: %s\n", prog, listen_spec, strerror(errno));
		return 1;
	}
	sl = sizeof ss;
	getsockname(lfd, (struct sockaddr *)&ss, &sl);
	getnameinfo((struct sockaddr *)&ss, sl, host, sizeof host, port, sizeof port,
		    NI_NUMERICHOST | NI_NUMERICSERV);
	if (!oo.site) {
		snprintf(site, sizeof site, ss.ss_family == AF_INET6 ? "http://[%s]:%s" : "http://%s:%s",
			 host, port);
		oo.site = site;
	}
	cur = 0;
	tab = &tabs[0];
	if ((rc = render_all(ls, &oo)))
		return rc;
	conns = calloc(MAX_CONN, sizeof *conns);
	pfd = calloc(MAX_CONN + 1, sizeof *pfd);
	who = calloc(MAX_CONN + 1, sizeof *who);
	if (!conns || !pfd || !who) {
		fprintf(stderr, "%s: out of memory\n", prog);
		return 1;
	}
	for (size_t i = 0; i < MAX_CONN; i++)
		conns[i].fd = -1;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	if (!loopback)
		fprintf(stderr, "%s: warning: listening on %s, which is not a loopback address: "
			"other machines can connect\n", prog, host);
	/* one list: its pages' address (tests read it); several: the index */
	fprintf(stderr, "%s: serving %s/%s on %s:%s (%zu resources)\n", prog, oo.site,
		ls->n == 1 && !ls->all ? list_path : "", host, port, tab->n);

	while (!stop_flag) {
		size_t np = 0, i, active = 0;
		long long now = now_ms(), wait = 1000;

		if (ls->changed && now - last_check >= 1000) {
			last_check = now;
			maybe_reload(ls, &oo, &stamp, &pending);
		}

		for (i = 0; i < MAX_CONN; i++) {
			conn *c = &conns[i];
			if (c->state == C_FREE)
				continue;
			if (now >= c->deadline) {
				if (c->state == C_READ && !aw_httpd_idle(&c->h)) {
					/* a request head that did not arrive in time */
					respond(c, 408, NULL, NULL, 0, 0);
					conn_write(c);
				} else {
					conn_close(c);
				}
				if (c->state == C_FREE)
					continue;
			}
			if (c->deadline - now < wait)
				wait = c->deadline - now;
			active++;
			pfd[np].fd = c->fd;
			pfd[np].events = c->state == C_WRITE ? POLLOUT : POLLIN;
			pfd[np].revents = 0;
			who[np++] = i;
		}
		pfd[np].fd = lfd;
		pfd[np].events = POLLIN;
		pfd[np].revents = 0;
		who[np++] = (size_t)-1;
		if (wait < 0)
			wait = 0;
		rc = poll(pfd, np, (int)wait);
		if (rc < 0) {
			if (errno == EINTR)
				continue;
			fprintf(stderr, "%s: poll: %s\n", prog, strerror(errno));
			return 1;
		}
		for (i = 0; i < np; i++) {
			conn *c;
			if (!pfd[i].revents)
				continue;
			if (who[i] == (size_t)-1) {
				/* accept what is waiting, up to the connection bound */
				for (int k = 0; k < 64; k++) {
					int fd = accept(lfd, NULL, NULL);
					size_t j;
					if (fd < 0)
						break;
					for (j = 0; j < MAX_CONN && conns[j].state != C_FREE; j++)
						;
					if (j == MAX_CONN || set_nonblock(fd)) {
						/* full: a short answer, then close */
						static const char busy[] =
							"HTTP/1.1 503 Service Unavailable\r\n"
							"Content-Length: 0\r\nConnection: close\r\n"
							"Retry-After: 1\r\n\r\n";
						if (send(fd, busy, sizeof busy - 1, MSG_NOSIGNAL | MSG_DONTWAIT) < 0) {
							/* nothing more to do for this client */
						}
						close(fd);
						continue;
					}
					setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
					c = &conns[j];
					c->fd = fd;
					c->state = C_READ;
					c->pend_len = 0;
					c->close_after = 0;
					c->deadline = now_ms() + timeout_ms;
					aw_httpd_init(&c->h);
				}
				continue;
			}
			c = &conns[who[i]];
			if (c->state == C_FREE || c->fd != pfd[i].fd)
				continue;
			if (c->state == C_WRITE) {
				if (pfd[i].revents & (POLLERR | POLLNVAL)) {
					conn_close(c);
					continue;
				}
				conn_write(c);
			} else {
				conn_read(c);
				if (c->state == C_WRITE)
					conn_write(c);
			}
		}
		(void)active;
	}
	for (size_t i = 0; i < MAX_CONN; i++)
		if (conns[i].state != C_FREE)
			conn_close(&conns[i]);
	close(lfd);
	free(conns);
	free(pfd);
	free(who);
	tab_free(&tabs[0]);
	tab_free(&tabs[1]);
	fprintf(stderr, "%s: stopped\n", prog);
	return 0;
}
