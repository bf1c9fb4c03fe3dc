/*
 * test_buf.c - aw_buf with guard bytes: appends that are too large, exact
 * and smaller than the capacity; the bytes after the buffer must stay
 * untouched and a truncation must be visible.
 */
#include "aw.h"

#include <stdio.h>
#include <string.h>
#include "aw_test.h"

#define GUARD 16
#define CANARY 0xA5

static int guard_ok(const unsigned char *g)
{
	for (int i = 0; i < GUARD; i++)
		if (g[i] != CANARY)
			return 0;
	return 1;
}

static void sized(size_t cap, const char *s)
{
	unsigned char mem[GUARD + 64 + GUARD];
	aw_buf b;
	size_t n = strlen(s);
	int rc;

	memset(mem, CANARY, sizeof mem);
	aw_buf_init(&b, (char *)mem + GUARD, cap);
	rc = aw_buf_put(&b, s, n);
	CHECK(guard_ok(mem));
	CHECK(guard_ok(mem + GUARD + cap));
	if (n <= cap) {
		CHECK(rc == AW_OK && !b.truncated && b.len == n);
		CHECK(memcmp(b.p, s, n) == 0);
	} else {
		CHECK(rc == AW_ERR_FULL && b.truncated && b.len == cap);
		CHECK(memcmp(b.p, s, cap) == 0);
	}
	/* NUL-terminating a full buffer truncates by one, never writes past */
	aw_buf_cstr(&b);
	CHECK(guard_ok(mem + GUARD + cap));
	if (cap)
		CHECK(strlen(b.p) == (n < cap ? n : cap - 1));
}

/* fails from its third call on, with its own code 7 */
static int sink_calls;
static int count_fn(void *user, const char *p, size_t n)
{
	(void)user;
	(void)p;
	(void)n;
	return ++sink_calls >= 3 ? 7 : 0;
}

int main(void)
{
	const char *s = "0123456789abcdef";
	size_t n = strlen(s);

	sized(n - 1, s);  /* too small */
	sized(n, s);      /* exact */
	sized(n + 1, s);  /* larger */
	sized(0, s);      /* nothing fits */
	sized(1, s);

	{ /* many small appends across the limit */
		char mem[8 + GUARD];
		aw_buf b;
		int i, rc = 0;
		memset(mem, CANARY, sizeof mem);
		aw_buf_init(&b, mem, 8);
		for (i = 0; i < 10; i++)
			rc |= aw_buf_putc(&b, (char)('a' + i));
		CHECK(rc == AW_ERR_FULL && b.len == 8 && b.truncated);
		CHECK(memcmp(mem, "abcdefgh", 8) == 0);
		CHECK(guard_ok((unsigned char *)mem + 8));
		aw_buf_reset(&b);
		CHECK(b.len == 0 && !b.truncated);
		CHECK(aw_buf_putu(&b, 1234567) == AW_OK && b.len == 7 && !memcmp(mem, "1234567", 7));
		CHECK(aw_buf_putu(&b, 42) == AW_ERR_FULL && b.len == 8);
		CHECK(guard_ok((unsigned char *)mem + 8));
	}
	{
		char mem[32];
		aw_buf b;
		aw_buf_init(&b, mem, sizeof mem);
		aw_buf_putu(&b, 0);
		CHECK(b.len == 1 && mem[0] == '0');
		aw_buf_puts(&b, "x");
		CHECK(!strcmp(aw_buf_cstr(&b), "0x"));
	}
	{ /* aw_sink: the aw_buf adapter, and the sticky error */
		char mem[8];
		aw_buf b;
		aw_sink k;
		aw_buf_init(&b, mem, sizeof mem);
		aw_sink_buf(&k, &b);
		CHECK(aw_sink_puts(&k, "ab") == AW_OK && aw_sink_putc(&k, 'c') == AW_OK);
		CHECK(aw_sink_putu(&k, 42) == AW_OK && aw_sink_write(&k, "", 0) == AW_OK);
		CHECK(b.len == 5 && !memcmp(mem, "abc42", 5) && k.err == AW_OK);
		CHECK(aw_sink_puts(&k, "defg") == AW_ERR_FULL && b.len == 8 && b.truncated);
		CHECK(!memcmp(mem, "abc42def", 8) && k.err == AW_ERR_FULL);
		aw_buf_reset(&b);
		CHECK(aw_sink_putc(&k, 'x') == AW_ERR_FULL && b.len == 0); /* sticky */
	}
	{ /* a sink function's own code comes back; fn is not called again */
		aw_sink k;
		sink_calls = 0;
		aw_sink_init(&k, count_fn, NULL);
		CHECK(aw_sink_puts(&k, "a") == AW_OK && aw_sink_puts(&k, "b") == AW_OK);
		CHECK(aw_sink_puts(&k, "c") == 7 && sink_calls == 3);
		CHECK(aw_sink_puts(&k, "d") == 7 && aw_sink_putu(&k, 1) == 7 && sink_calls == 3);
		aw_sink_init(&k, count_fn, NULL);
		CHECK(k.err == AW_OK && aw_sink_putc(&k, 'e') == 7 && sink_calls == 4);
	}
	CHECK(!strcmp(aw_strerror(AW_OK), "ok"));
	CHECK(strlen(aw_strerror(AW_ERR_FULL)) > 0 && strlen(aw_strerror(-999)) > 0);
	CHECK(AW_IS_DIGIT('0') && AW_IS_DIGIT('9') && !AW_IS_DIGIT('/') && !AW_IS_DIGIT(':'));
	CHECK(AW_IS_ALPHA('a') && AW_IS_ALPHA('Z') && !AW_IS_ALPHA('@') && !AW_IS_ALPHA('[') &&
	      !AW_IS_ALPHA('\xc3'));
	CHECK(AW_IS_PUNCT('!') && AW_IS_PUNCT('~') && AW_IS_PUNCT('_') && !AW_IS_PUNCT('a') &&
	      !AW_IS_PUNCT(' '));
	return aw_test_report("buf");
}
