/*
 * aw_buf.c - bounded append buffer and error strings.
 * Never allocates: a full buffer truncates and raises a flag.
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
