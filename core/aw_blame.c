/*
 * aw_blame.c - byte-driven state machine over --line-porcelain records:
 *
 *   <40 hex> SP <orig line> SP <final line> [SP <group size>] LF
 *   (<key> [SP <value>] LF)*          author..., committer-time, summary...
 *   TAB <content> LF
 *
 * Each record is complete in --line-porcelain mode (unlike --porcelain,
 * which repeats commit keys only once), so no commit table is needed.
 * Deliberately ignored: author data, time zones (the spec uses UTC
 * instants), filenames, "previous" and "boundary".
 */
#include "aw_blame.h"

#include <string.h>

enum {
	ST_HEADER,      /* at or inside a header line */
	ST_KEY,         /* at or inside a key line */
	ST_CONTENT      /* skipping the content line */
};

#define HEX(c) (AW_IS_DIGIT(c) || (unsigned)(((unsigned char)(c) | 0x20u) - 'a') < 6u)

void aw_blame_init(aw_blame_ctx *c, aw_blame_fn fn, void *user)
{
	c->fn = fn;
	c->user = user;
	c->state = ST_HEADER;
	c->err = AW_OK;
	c->len = 0;
	c->final_line = 0;
	c->ctime = 0;
	c->have_ctime = 0;
	c->lines = 0;
}

/* Parse decimal digits at p[*i..n) into *v (at most 2^62). */
static int number(const char *p, size_t n, size_t *i, uint64_t *v)
{
	size_t k = *i;

	*v = 0;
	if (k >= n || !AW_IS_DIGIT(p[k]))
		return 0;
	while (k < n && AW_IS_DIGIT(p[k])) {
		if (*v > ((uint64_t)1 << 62) / 10)
			return 0;
		*v = *v * 10 + (uint64_t)(p[k] - '0');
		k++;
	}
	*i = k;
	return 1;
}

static int header(aw_blame_ctx *c, const char *p, size_t n)
{
	size_t i;
	uint64_t v;

	if (n < 41)
		return AW_ERR_SYNTAX;
	for (i = 0; i < 40; i++)
		if (!HEX(p[i]))
			return AW_ERR_SYNTAX;
	if (p[40] != ' ')
		return AW_ERR_SYNTAX;
	i = 41;
	if (!number(p, n, &i, &v) || i >= n || p[i] != ' ')
		return AW_ERR_SYNTAX;
	i++;
	if (!number(p, n, &i, &v) || v == 0 || v > 0xffffffffu)
		return AW_ERR_SYNTAX;
	c->final_line = (uint32_t)v;
	if (i < n) {
		uint64_t g;
		if (p[i] != ' ')
			return AW_ERR_SYNTAX;
		i++;
		if (!number(p, n, &i, &g) || i != n)
			return AW_ERR_SYNTAX;
	}
	c->have_ctime = 0;
	return AW_OK;
}

static int key(aw_blame_ctx *c, const char *p, size_t n)
{
	static const char k[] = "committer-time ";
	size_t i = sizeof k - 1;
	uint64_t v;
	int neg = 0;

	if (n < i || memcmp(p, k, i))
		return AW_OK;       /* some other key */
	if (i < n && p[i] == '-') {
		neg = 1;
		i++;
	}
	if (!number(p, n, &i, &v) || i != n)
		return AW_ERR_SYNTAX;
	c->ctime = neg ? -(int64_t)v : (int64_t)v;
	c->have_ctime = 1;
	return AW_OK;
}

/* A complete header or key line (its first bytes in c->buf). */
static int line_done(aw_blame_ctx *c)
{
	if (c->len > sizeof c->buf) {
		/* too long to be a header or committer-time: fine for other keys */
		if (c->state == ST_HEADER)
			return AW_ERR_SYNTAX;
		if (!memcmp(c->buf, "committer-time ", 15))
			return AW_ERR_SYNTAX;
		return AW_OK;
	}
	if (c->state == ST_HEADER) {
		c->state = ST_KEY;
		return header(c, c->buf, c->len);
	}
	return key(c, c->buf, c->len);
}

int aw_blame_feed(aw_blame_ctx *c, const char *p, size_t n)
{
	size_t i = 0;

	while (i < n && c->err == AW_OK) {
		if (c->state == ST_CONTENT) {
			const char *nl = memchr(p + i, '\n', n - i);
			if (!nl)
				return AW_OK;
			i = (size_t)(nl - p) + 1;
			c->state = ST_HEADER;
			c->len = 0;
			continue;
		}
		if (c->state == ST_KEY && c->len == 0 && p[i] == '\t') {
			/* the content line: the record is complete */
			if (!c->have_ctime) {
				c->err = AW_ERR_SYNTAX;
				break;
			}
			c->lines++;
			{
				int r = c->fn(c->user, c->final_line, c->ctime);
				if (r) {
					c->err = r; /* the callback's own code */
					break;
				}
			}
			c->state = ST_CONTENT;
			i++;
			continue;
		}
		{
			/* header or key line: keep its start, count the rest */
			const char *nl = memchr(p + i, '\n', n - i);
			size_t end = nl ? (size_t)(nl - p) : n, take = end - i;
			if (c->len < sizeof c->buf) {
				size_t room = sizeof c->buf - c->len;
				memcpy(c->buf + c->len, p + i, take < room ? take : room);
			}
			/* saturate: only "longer than buf" matters */
			c->len = take > sizeof c->buf ? sizeof c->buf + 1 :
				 c->len + take > sizeof c->buf + 1 ? sizeof c->buf + 1 : c->len + take;
			i = end;
			if (!nl)
				return AW_OK;
			i++;
			if (c->state == ST_HEADER && c->len == 0) {
				c->err = AW_ERR_SYNTAX;   /* empty line where a record starts */
				break;
			}
			c->err = line_done(c);
			c->len = 0;
		}
	}
	return c->err;
}

int aw_blame_end(aw_blame_ctx *c)
{
	if (c->err != AW_OK)
		return c->err;
	/* a content line cut at EOF was already delivered */
	if (c->state == ST_CONTENT || (c->state == ST_HEADER && c->len == 0))
		return AW_OK;
	c->err = AW_ERR_SYNTAX;
	return c->err;
}
