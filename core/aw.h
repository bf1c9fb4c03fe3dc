/*
 * aw.h - common definitions of the awtrack core: the error enum, the
 * bounded output buffer, and the options header.
 *
 * The core is sans-I/O and zero-malloc: every function works on memory the
 * caller hands in, and every limit is a compile-time option (aw_opt.h).
 */
#ifndef AW_H
#define AW_H

#include <stddef.h>
#include <stdint.h>

#include "aw_opt.h"

#define AW_VERSION "0.1.0"

/* One error type for the whole project. AW_OK is zero, errors negative. */
typedef enum aw_err {
	AW_OK = 0,
	AW_ERR_ARG = -1,       /* bad argument or option */
	AW_ERR_FULL = -2,      /* a fixed-capacity table or buffer is full */
	AW_ERR_SYNTAX = -3,    /* malformed input (blame porcelain, TSV, ...) */
	AW_ERR_ABORT = -4,     /* a callback returned non-zero */
	AW_ERR_IO = -5,        /* a port reported an I/O failure */
	AW_ERR_NOTFOUND = -6,  /* a revision, file or key does not exist */
	AW_ERR_STATE = -7,     /* call out of order (feed after finish, ...) */
	AW_ERR_TOOBIG = -8     /* one input unit (line, item) exceeds its buffer */
} aw_err;

/* Short static message for an error code; never NULL. */
const char *aw_strerror(int err);

/*
 * aw_buf: a caller-owned byte buffer that never grows.
 * Appending past `cap` copies what fits, sets `truncated` and keeps `len`
 * at most `cap`. The content is NOT NUL-terminated unless the caller asks
 * for it with aw_buf_cstr (which needs one spare byte and truncates
 * otherwise).
 */
typedef struct aw_buf {
	char *p;        /* storage, owned by the caller */
	size_t cap;     /* capacity in bytes */
	size_t len;     /* bytes in use */
	int truncated;  /* non-zero once an append did not fit */
} aw_buf;

void aw_buf_init(aw_buf *b, char *storage, size_t cap);
void aw_buf_reset(aw_buf *b);
/* Each returns AW_OK, or AW_ERR_FULL after a truncating append. */
int aw_buf_put(aw_buf *b, const char *s, size_t n);
int aw_buf_putc(aw_buf *b, char c);
int aw_buf_puts(aw_buf *b, const char *s);
int aw_buf_putu(aw_buf *b, unsigned long v); /* decimal */
/* NUL-terminate (the NUL is not counted in len); returns b->p. */
char *aw_buf_cstr(aw_buf *b);

/*
 * aw_sink: where output goes. One type for every writer of the project:
 * page renderers, the document pass of aw_md, git pipes, the HTTP writer,
 * a socket, a framebuffer.
 *
 * `fn` receives bytes (not NUL-terminated, n > 0) and returns 0, or
 * non-zero to stop: that value becomes the sink's sticky error `err`, and
 * every later write returns it without calling fn again. Functions that
 * write to a sink return its error as they got it (md4c style: a callback's
 * own code reaches the caller unchanged); return a negative aw_err or any
 * positive value of your own. The caller owns the aw_sink; the functions
 * that take one keep the pointer only for the duration of the call (or of
 * the pass, where documented).
 */
typedef int (*aw_sink_fn)(void *user, const char *p, size_t n);

typedef struct aw_sink {
	aw_sink_fn fn;  /* write function (required) */
	void *user;     /* passed to fn */
	int err;        /* 0, or the first non-zero return of fn (sticky) */
} aw_sink;

/* Set up a sink (err cleared). */
void aw_sink_init(aw_sink *s, aw_sink_fn fn, void *user);
/*
 * Adapter: a sink that appends to `b` (aw_buf_put). A write that does not
 * fit copies what fits, sets b->truncated and fails the sink with
 * AW_ERR_FULL. `b` must outlive the sink.
 */
void aw_sink_buf(aw_sink *s, aw_buf *b);
/* Write n bytes (n == 0 writes nothing). Each returns s->err afterwards:
 * AW_OK, or the sticky error (fn is not called once err is set). */
int aw_sink_write(aw_sink *s, const char *p, size_t n);
int aw_sink_puts(aw_sink *s, const char *str);      /* NUL-terminated */
int aw_sink_putc(aw_sink *s, char c);
int aw_sink_putu(aw_sink *s, unsigned long v);      /* decimal */

/* Locale-free ASCII classes (no <ctype.h> in the core). */
#define AW_IS_DIGIT(c) ((unsigned)((unsigned char)(c) - '0') < 10u)
#define AW_IS_ALPHA(c) ((unsigned)((((unsigned char)(c)) | 0x20u) - 'a') < 26u)
#define AW_IS_ALNUM(c) (AW_IS_DIGIT(c) || AW_IS_ALPHA(c))
#define AW_IS_UPPER(c) ((unsigned)((unsigned char)(c) - 'A') < 26u)
#define AW_IS_LOWER(c) ((unsigned)((unsigned char)(c) - 'a') < 26u)
#define AW_IS_SPACE(c) ((c) == ' ' || (c) == '\t' || (c) == '\n' || \
			(c) == '\r' || (c) == '\f' || (c) == '\v')
#define AW_IS_PUNCT(c) (((unsigned char)(c) >= 0x21 && (unsigned char)(c) <= 0x2f) || \
			((unsigned char)(c) >= 0x3a && (unsigned char)(c) <= 0x40) || \
			((unsigned char)(c) >= 0x5b && (unsigned char)(c) <= 0x60) || \
			((unsigned char)(c) >= 0x7b && (unsigned char)(c) <= 0x7e))

#endif /* AW_H */
