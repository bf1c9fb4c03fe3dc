/*
 * aw_buf.c - bounded append buffer, output sinks (aw_sink) and error
 * strings. Never allocates: a full buffer truncates and raises a flag; a
 * failed sink stays failed.
 */
#include "aw.h"

#include <string.h>

const char *aw_strerror(int err)
{
	switch (err) {
	case AW_OK: return "ok";
	case AW_ERR_ARG: return "invalid argument";
	case AW_ERR_FULL: return "capacity exceeded (raise the limit in the options header)";
	case AW_ERR_SYNTAX: return "malformed input";
	case AW_ERR_ABORT: return "aborted by callback";
	case AW_ERR_IO: return "i/o error";
	case AW_ERR_NOTFOUND: return "not found";
	case AW_ERR_STATE: return "call out of order";
	case AW_ERR_TOOBIG: return "input unit larger than its buffer";
	default: return "unknown error";
	}
}

void aw_buf_init(aw_buf *b, char *storage, size_t cap)
{
	b->p = storage;
	b->cap = cap;
	b->len = 0;
	b->truncated = 0;
}

void aw_buf_reset(aw_buf *b)
{
	b->len = 0;
	b->truncated = 0;
}

int aw_buf_put(aw_buf *b, const char *s, size_t n)
{
	size_t room = b->cap - b->len;
	if (n > room) {
		if (room)
			memcpy(b->p + b->len, s, room);
		b->len = b->cap;
		b->truncated = 1;
		return AW_ERR_FULL;
	}
	if (n)
		memcpy(b->p + b->len, s, n);
	b->len += n;
	return AW_OK;
}

int aw_buf_putc(aw_buf *b, char c)
{
	return aw_buf_put(b, &c, 1);
}

int aw_buf_puts(aw_buf *b, const char *s)
{
	return aw_buf_put(b, s, strlen(s));
}

int aw_buf_putu(aw_buf *b, unsigned long v)
{
	char t[24];
	size_t i = sizeof t;
	do {
		t[--i] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	return aw_buf_put(b, t + i, sizeof t - i);
}

char *aw_buf_cstr(aw_buf *b)
{
	if (b->len >= b->cap) {
		if (!b->cap)
			return b->p;
		b->len = b->cap - 1;
		b->truncated = 1;
	}
	b->p[b->len] = '\0';
	return b->p;
}

/* ---- aw_sink ---- */

void aw_sink_init(aw_sink *s, aw_sink_fn fn, void *user)
{
	s->fn = fn;
	s->user = user;
	s->err = AW_OK;
}

static int buf_fn(void *user, const char *p, size_t n)
{
	return aw_buf_put((aw_buf *)user, p, n);
}

void aw_sink_buf(aw_sink *s, aw_buf *b)
{
	aw_sink_init(s, buf_fn, b);
}

int aw_sink_write(aw_sink *s, const char *p, size_t n)
{
	if (!s->err && n) {
		int rc = s->fn(s->user, p, n);
		if (rc)
			s->err = rc;
	}
	return s->err;
}

int aw_sink_puts(aw_sink *s, const char *str)
{
	return aw_sink_write(s, str, strlen(str));
}

int aw_sink_putc(aw_sink *s, char c)
{
	return aw_sink_write(s, &c, 1);
}

int aw_sink_putu(aw_sink *s, unsigned long v)
{
	char t[24];
	size_t i = sizeof t;
	do {
		t[--i] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	return aw_sink_write(s, t + i, sizeof t - i);
}
