/*
 * aw_conf.c - awtrack.conf reader: one line at a time into the caller's
 * aw_conf tables, with every mistake reported by line.
 *
 * Deliberately not here: file names and XDG lookup (the port's),
 * quoting or escapes in values, line continuations, includes,
 * environment expansion, and any default for `state` or `branch`.
 */
#include "aw_conf.h"

#include <string.h>

enum { SEC_NONE, SEC_AWTRACK, SEC_SOURCE, SEC_FEED };


static int ws(char c)
{
	return c == ' ' || c == '\t';
}

static int lower(int c)
{
	return AW_IS_UPPER(c) ? c | 0x20 : c;
}

static int fail(aw_conf_ctx *c, int err, const char *msg)
{
	c->err = err;
	c->msg = msg;
	return err;
}

static void set_str(char *dst, const char *s, size_t n)
{
	memcpy(dst, s, n);
	dst[n] = 0;
}

void aw_conf_init(aw_conf_ctx *c, aw_conf *out)
{
	memset(out, 0, sizeof *out);
	strcpy(out->github_url, "https://github.com");
	strcpy(out->raw_url, "https://raw.githubusercontent.com");
	strcpy(out->api_url, "https://api.github.com");
	out->timeout = out->max_file_size = out->keep = out->interval = -1;
	out->stars = 0;
	out->stars_interval = -1;
	c->out = out;
	c->err = AW_OK;
	c->msg = "ok";
	c->line = 0;
	c->section = SEC_NONE;
	c->seen = 0;
	c->len = 0;
	c->overlong = 0;
}

/* ---- values ---- */

static int eq(const char *s, size_t n, const char *w)
{
	return strlen(w) == n && !memcmp(s, w, n);
}

static int ieq(const char *s, size_t n, const char *w)
{
	size_t i;

	if (strlen(w) != n)
		return 0;
	for (i = 0; i < n; i++)
		if (lower(s[i]) != w[i])
			return 0;
	return 1;
}

static int number(const char *s, size_t n, long lo, long hi, long *v)
{
	size_t i;
	long x = 0;

	if (!n || n > 12)
		return 0;
	for (i = 0; i < n; i++) {
		if (!AW_IS_DIGIT(s[i]))
			return 0;
		x = x * 10 + (s[i] - '0');
	}
	if (x < lo || x > hi)
		return 0;
	*v = x;
	return 1;
}

static int url_ok(const char *s, size_t n)
{
	size_t i, k;

	if (n > 8 && ieq(s, 8, "https://"))
		k = 8;
	else if (n > 7 && ieq(s, 7, "http://"))
		k = 7;
	else
		return 0;
	if (s[k] == '/' || s[k] == '?' || s[k] == '#')
		return 0;                         /* no host */
	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] <= 0x20 || s[i] == 0x7f)
			return 0;
	return 1;
}

/* a relative path inside a repository: no '/' at either end, no empty,
 * "." or ".." segment, no control bytes */
static int path_ok(const char *s, size_t n)
{
	size_t i = 0;

	if (!n || s[0] == '/' || s[n - 1] == '/')
		return 0;
	while (i < n) {
		size_t e = i;
		while (e < n && s[e] != '/') {
			if ((unsigned char)s[e] < 0x20 || s[e] == 0x7f)
				return 0;
			e++;
		}
		if (e == i || (e - i == 1 && s[i] == '.') || (e - i == 2 && s[i] == '.' && s[i + 1] == '.'))
			return 0;
		i = e + 1;
	}
	return 1;
}

/* GitHub owner: letters, digits, '-'; repository: also '.', '_' (not "." / "..") */
static int name_ok(const char *s, size_t n, int repo)
{
	size_t i;

	if (!n || (repo && (eq(s, n, ".") || eq(s, n, ".."))))
		return 0;
	for (i = 0; i < n; i++)
		if (!(AW_IS_ALNUM(s[i]) || s[i] == '-' || (repo && (s[i] == '.' || s[i] == '_'))))
			return 0;
	return 1;
}

/* ---- sections ---- */

static int same_source(const aw_conf_source *a, const aw_conf_source *b)
{
	size_t i;

	for (i = 0; a->owner[i] || b->owner[i]; i++)
		if (lower(a->owner[i]) != lower(b->owner[i]))
			return 0;
	for (i = 0; a->repo[i] || b->repo[i]; i++)
		if (lower(a->repo[i]) != lower(b->repo[i]))
			return 0;
	return !strcmp(a->file, b->file);
}

/* checks of the section being left */
static int close_section(aw_conf_ctx *c)
{
	aw_conf *o = c->out;
	size_t i;

	if (c->section == SEC_SOURCE) {
		aw_conf_source *s = &o->sources[o->nsources - 1];
		for (i = 0; i + 1 < o->nsources; i++)
			if (same_source(&o->sources[i], s)) {
				c->line = s->line;
				return fail(c, AW_ERR_SYNTAX, "the same source (repository and file) twice");
			}
	} else if (c->section == SEC_FEED) {
		aw_conf_feeddef *f = &o->feeds[o->nfeeds - 1];
		if (!f->url[0]) {
			c->line = f->line;
			return fail(c, AW_ERR_SYNTAX, "feed without url");
		}
	}
	c->section = SEC_NONE;
	c->seen = 0;
	return AW_OK;
}

static int section(aw_conf_ctx *c, const char *s, size_t n)
{
	aw_conf *o = c->out;
	size_t k = 0, i;
	int r;

	if ((r = close_section(c)) != AW_OK)
		return r;
	while (n && ws(s[n - 1]))
		n--;
	while (n && ws(*s)) {
		s++;
		n--;
	}
	if (eq(s, n, "awtrack")) {
		c->section = SEC_AWTRACK;
		return AW_OK;
	}
	while (k < n && !ws(s[k]))
		k++;
	i = k;
	while (i < n && ws(s[i]))
		i++;
	if (eq(s, k, "source") && i > k && i < n) {
		const char *a = s + i;
		size_t an = n - i, sl1, sl2;
		aw_conf_source *src;
		for (sl1 = 0; sl1 < an && a[sl1] != '/'; sl1++)
			;
		if (sl1 == an)
			return fail(c, AW_ERR_SYNTAX, "source must be OWNER/REPO or OWNER/REPO/PATH");
		for (sl2 = sl1 + 1; sl2 < an && a[sl2] != '/'; sl2++)
			;
		if (!name_ok(a, sl1, 0) || !name_ok(a + sl1 + 1, sl2 - sl1 - 1, 1))
			return fail(c, AW_ERR_SYNTAX, "bad owner or repository name");
		if (sl2 < an && !path_ok(a + sl2 + 1, an - sl2 - 1))
			return fail(c, AW_ERR_SYNTAX, "bad file path in the source name");
		if (sl1 >= AW_CONF_NAME_MAX || sl2 - sl1 - 1 >= AW_CONF_NAME_MAX ||
		    (sl2 < an && an - sl2 - 1 >= AW_CONF_VALUE_MAX))
			return fail(c, AW_ERR_TOOBIG, "source name too long");
		if (o->nsources >= AW_CONF_SOURCES_MAX)
			return fail(c, AW_ERR_FULL, "too many sources (AW_CONF_SOURCES_MAX)");
		src = &o->sources[o->nsources++];
		memset(src, 0, sizeof *src);
		set_str(src->owner, a, sl1);
		set_str(src->repo, a + sl1 + 1, sl2 - sl1 - 1);
		if (sl2 < an) {
			set_str(src->file, a + sl2 + 1, an - sl2 - 1);
			c->seen |= 1ul;                  /* "file" given by the header */
		} else {
			strcpy(src->file, "README.md");
		}
		src->type = AW_CONF_TYPE_LIST;
		src->max_heading_level = src->min_heading_level = src->heading_level = -1;
		src->is_parse_category = -1;
		src->stars = -1;
		src->line = c->line;
		c->section = SEC_SOURCE;
		return AW_OK;
	}
	if (eq(s, k, "feed") && i > k && i < n) {
		aw_conf_feeddef *f;
		if (!name_ok(s + i, n - i, 1))
			return fail(c, AW_ERR_SYNTAX, "bad feed name (letters, digits, '.', '_', '-')");
		if (n - i >= AW_CONF_NAME_MAX)
			return fail(c, AW_ERR_TOOBIG, "feed name too long");
		for (k = 0; k < o->nfeeds; k++)
			if (eq(s + i, n - i, o->feeds[k].name))
				return fail(c, AW_ERR_SYNTAX, "the same feed name twice");
		if (o->nfeeds >= AW_CONF_FEEDS_MAX)
			return fail(c, AW_ERR_FULL, "too many feeds (AW_CONF_FEEDS_MAX)");
		f = &o->feeds[o->nfeeds++];
		memset(f, 0, sizeof *f);
		set_str(f->name, s + i, n - i);
		f->keep = -1;
		f->line = c->line;
		c->section = SEC_FEED;
		return AW_OK;
	}
	return fail(c, AW_ERR_SYNTAX, "unknown section (awtrack, source OWNER/REPO[/PATH], feed NAME)");
}

/* ---- keys ---- */

struct key {
	const char *name;
	int section;
	int bit;
};

static const struct key keys[] = {
	{ "file", SEC_SOURCE, 0 }, { "branch", SEC_SOURCE, 1 }, { "type", SEC_SOURCE, 2 },
	{ "max_heading_level", SEC_SOURCE, 3 }, { "min_heading_level", SEC_SOURCE, 4 },
	{ "heading_level", SEC_SOURCE, 5 }, { "is_parse_category", SEC_SOURCE, 6 },
	{ "url", SEC_FEED, 0 }, { "keep", SEC_FEED, 1 },
	{ "state", SEC_AWTRACK, 0 }, { "github_url", SEC_AWTRACK, 1 },
	{ "raw_url", SEC_AWTRACK, 2 }, { "api_url", SEC_AWTRACK, 3 },
	{ "ca_file", SEC_AWTRACK, 4 }, { "user_agent", SEC_AWTRACK, 5 },
	{ "timeout", SEC_AWTRACK, 6 }, { "max_file_size", SEC_AWTRACK, 7 },
	{ "keep", SEC_AWTRACK, 8 }, { "interval", SEC_AWTRACK, 9 },
	{ "stars", SEC_AWTRACK, 10 }, { "stars_interval", SEC_AWTRACK, 11 },
	{ "stars", SEC_SOURCE, 7 },
};

static int put(aw_conf_ctx *c, char *dst, size_t cap, const char *v, size_t n)
{
	if (n >= cap)
		return fail(c, AW_ERR_TOOBIG, "value too long");
	set_str(dst, v, n);
	return AW_OK;
}

static int put_url(aw_conf_ctx *c, char *dst, const char *v, size_t n, int strip)
{
	if (!url_ok(v, n))
		return fail(c, AW_ERR_SYNTAX, "not an http:// or https:// URL");
	while (strip && n > 0 && v[n - 1] == '/')
		n--;
	return put(c, dst, AW_CONF_VALUE_MAX, v, n);
}

static int level(aw_conf_ctx *c, int *dst, const char *v, size_t n)
{
	long x;

	if (!number(v, n, 1, 6, &x))
		return fail(c, AW_ERR_SYNTAX, "heading level must be 1..6");
	*dst = (int)x;
	return AW_OK;
}

static int boolean(aw_conf_ctx *c, int *dst, const char *v, size_t n, const char *msg)
{
	if (ieq(v, n, "true") || ieq(v, n, "yes") || eq(v, n, "1"))
		*dst = 1;
	else if (ieq(v, n, "false") || ieq(v, n, "no") || eq(v, n, "0"))
		*dst = 0;
	else
		return fail(c, AW_ERR_SYNTAX, msg);
	return AW_OK;
}

static int value(aw_conf_ctx *c, const struct key *k, const char *v, size_t n)
{
	aw_conf *o = c->out;
	size_t i;

	for (i = 0; i < n; i++)
		if ((unsigned char)v[i] < 0x20 && v[i] != '\t')
			return fail(c, AW_ERR_SYNTAX, "control character in value");
	if (c->section == SEC_SOURCE) {
		aw_conf_source *s = &o->sources[o->nsources - 1];
		switch (k->bit) {
		case 0:
			if (!path_ok(v, n))
				return fail(c, AW_ERR_SYNTAX, "bad file path");
			return put(c, s->file, sizeof s->file, v, n);
		case 1:
			for (i = 0; i < n; i++)
				if (v[i] == ' ' || v[i] == '\t' || v[i] == '~' || v[i] == '^' ||
				    v[i] == ':' || v[i] == '?' || v[i] == '*' || v[i] == '[' || v[i] == '\\')
					return fail(c, AW_ERR_SYNTAX, "bad branch name");
			return put(c, s->branch, sizeof s->branch, v, n);
		case 2:
			if (eq(v, n, "list"))
				s->type = AW_CONF_TYPE_LIST;
			else if (eq(v, n, "table"))
				s->type = AW_CONF_TYPE_TABLE;
			else if (eq(v, n, "heading"))
				s->type = AW_CONF_TYPE_HEADING;
			else
				return fail(c, AW_ERR_SYNTAX, "type must be list, table or heading");
			return AW_OK;
		case 3:
			return level(c, &s->max_heading_level, v, n);
		case 4:
			return level(c, &s->min_heading_level, v, n);
		case 5:
			return level(c, &s->heading_level, v, n);
		case 6:
			return boolean(c, &s->is_parse_category, v, n,
				       "is_parse_category must be true or false");
		default:
			return boolean(c, &s->stars, v, n, "stars must be true or false");
		}
	}
	if (c->section == SEC_FEED) {
		aw_conf_feeddef *f = &o->feeds[o->nfeeds - 1];
		if (k->bit == 0)
			return put_url(c, f->url, v, n, 0);
		if (!number(v, n, 1, 1000000, &f->keep))
			return fail(c, AW_ERR_SYNTAX, "keep must be a number 1..1000000");
		return AW_OK;
	}
	switch (k->bit) {
	case 0:
		return put(c, o->state, sizeof o->state, v, n);
	case 1:
		return put_url(c, o->github_url, v, n, 1);
	case 2:
		return put_url(c, o->raw_url, v, n, 1);
	case 3:
		return put_url(c, o->api_url, v, n, 1);
	case 4:
		return put(c, o->ca_file, sizeof o->ca_file, v, n);
	case 5:
		return put(c, o->user_agent, sizeof o->user_agent, v, n);
	case 6:
		if (!number(v, n, 1, 86400, &o->timeout))
			return fail(c, AW_ERR_SYNTAX, "timeout must be 1..86400 seconds");
		return AW_OK;
	case 7:
		if (!number(v, n, 1, 0x7fffffffL, &o->max_file_size))
			return fail(c, AW_ERR_SYNTAX, "max_file_size must be 1..2147483647 bytes");
		return AW_OK;
	case 8:
		if (!number(v, n, 1, 1000000, &o->keep))
			return fail(c, AW_ERR_SYNTAX, "keep must be a number 1..1000000");
		return AW_OK;
	case 9:
		if (!number(v, n, 1, 365L * 86400, &o->interval))
			return fail(c, AW_ERR_SYNTAX, "interval must be 1..31536000 seconds");
		return AW_OK;
	case 10:
		return boolean(c, &o->stars, v, n, "stars must be true or false");
	default:
		if (!number(v, n, 60, 365L * 86400, &o->stars_interval))
			return fail(c, AW_ERR_SYNTAX, "stars_interval must be 60..31536000 seconds");
		return AW_OK;
	}
}

/* one line, without its end */
static int line(aw_conf_ctx *c, const char *s, size_t n)
{
	size_t i = 0, k, v, e;
	const struct key *key = NULL;

	for (k = 0; k < n; k++)
		if (s[k] == 0)
			return fail(c, AW_ERR_SYNTAX, "NUL byte");
	if (n && s[n - 1] == '\r')
		n--;
	while (i < n && ws(s[i]))
		i++;
	if (i == n || s[i] == '#' || s[i] == ';')
		return AW_OK;
	if (s[i] == '[') {
		for (k = i + 1; k < n && s[k] != ']'; k++)
			;
		if (k == n)
			return fail(c, AW_ERR_SYNTAX, "section header without ']'");
		for (e = k + 1; e < n && ws(s[e]); e++)
			;
		if (e < n && s[e] != '#' && s[e] != ';')
			return fail(c, AW_ERR_SYNTAX, "text after a section header");
		return section(c, s + i + 1, k - i - 1);
	}
	for (k = i; k < n && (AW_IS_LOWER(s[k]) || AW_IS_DIGIT(s[k]) || s[k] == '_'); k++)
		;
	for (v = k; v < n && ws(s[v]); v++)
		;
	if (k == i || v == n || s[v] != '=')
		return fail(c, AW_ERR_SYNTAX, "expected \"key = value\", \"[section]\" or a comment");
	if (c->section == SEC_NONE)
		return fail(c, AW_ERR_SYNTAX, "key outside a section");
	for (e = 0; e < sizeof keys / sizeof keys[0]; e++)
		if (keys[e].section == c->section && eq(s + i, k - i, keys[e].name))
			key = &keys[e];
	if (!key)
		return fail(c, AW_ERR_SYNTAX, "unknown key in this section");
	if (c->seen & (1ul << key->bit))
		return fail(c, AW_ERR_SYNTAX, c->section == SEC_SOURCE && key->bit == 0 ?
			    "file given twice (the section name has a path, or a second file key)" :
			    "key given twice in one section");
	c->seen |= 1ul << key->bit;
	for (v++; v < n && ws(s[v]); v++)
		;
	/* the value ends at a comment that follows white space */
	for (e = v; e < n; e++)
		if ((s[e] == '#' || s[e] == ';') && ws(s[e - 1]))
			break;
	while (e > v && ws(s[e - 1]))
		e--;
	if (e == v)
		return fail(c, AW_ERR_SYNTAX, "empty value");
	return value(c, key, s + v, e - v);
}

int aw_conf_feed(aw_conf_ctx *c, const char *p, size_t n)
{
	size_t i = 0;

	while (i < n && c->err == AW_OK) {
		const char *nl = memchr(p + i, '\n', n - i);
		size_t end = nl ? (size_t)(nl - p) : n, take = end - i;
		if (c->len == 0 && !c->overlong)
			c->line++;
		if (take > sizeof c->buf - c->len) {
			c->overlong = 1;
			take = sizeof c->buf - c->len;
		}
		memcpy(c->buf + c->len, p + i, take);
		c->len += take;
		i = end;
		if (!nl)
			break;
		i++;
		if (c->overlong || (c->len > AW_CONF_LINE_MAX &&
				    !(c->len == AW_CONF_LINE_MAX + 1 && c->buf[c->len - 1] == '\r')))
			return fail(c, AW_ERR_TOOBIG, "line too long (AW_CONF_LINE_MAX)");
		line(c, c->buf, c->len);
		c->len = 0;
	}
	return c->err;
}

int aw_conf_end(aw_conf_ctx *c)
{
	if (c->err != AW_OK)
		return c->err;
	if (c->overlong || c->len > AW_CONF_LINE_MAX)
		return fail(c, AW_ERR_TOOBIG, "line too long (AW_CONF_LINE_MAX)");
	if (c->len) {
		if (line(c, c->buf, c->len) != AW_OK)
			return c->err;
		c->len = 0;
	}
	return close_section(c);
}
