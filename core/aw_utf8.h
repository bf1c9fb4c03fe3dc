/*
 * aw_utf8.h - UTF-8 decoding and JavaScript whitespace, the one copy the
 * core modules share (internal: not part of the API).
 *
 * The reference reads a file as a JavaScript string: bytes that are not
 * well-formed UTF-8 become U+FFFD (the WHATWG decoder). aw_utf8_dec
 * classifies them the same way: a byte that does not start a well-formed
 * sequence (a stray continuation byte, C0, C1, F5..FF, an overlong form, a
 * surrogate, a truncated sequence, a code point above U+10FFFF) decodes as
 * U+FFFD with length 1. Callers copy bytes from the input and only ask what
 * class a code point is, so the input bytes pass through unchanged.
 * Static inline: the parsers call these per character.
 */
#ifndef AW_UTF8_H
#define AW_UTF8_H

#include "aw.h"

#define AW_UTF8_BAD 0xFFFDu

/* The code point at s[i] (n bytes in s, i < n) and its byte length in *len. */
static inline uint32_t aw_utf8_dec(const char *s, size_t n, size_t i, size_t *len)
{
	const unsigned char *u = (const unsigned char *)s + i;
	size_t r = n - i;
	unsigned lo = 0x80, hi = 0xbf;

	*len = 1;
	if (u[0] < 0x80)
		return u[0];
	if (u[0] < 0xc2 || u[0] > 0xf4 || r < 2)
		return AW_UTF8_BAD;
	if (u[0] < 0xe0) {
		if ((u[1] & 0xc0) != 0x80)
			return AW_UTF8_BAD;
		*len = 2;
		return (uint32_t)(u[0] & 0x1f) << 6 | (u[1] & 0x3f);
	}
	if (u[0] == 0xe0) lo = 0xa0;          /* no overlong forms */
	else if (u[0] == 0xed) hi = 0x9f;     /* no surrogates */
	else if (u[0] == 0xf0) lo = 0x90;
	else if (u[0] == 0xf4) hi = 0x8f;     /* <= U+10FFFF */
	if (u[1] < lo || u[1] > hi)
		return AW_UTF8_BAD;
	if (u[0] < 0xf0) {
		if (r < 3 || (u[2] & 0xc0) != 0x80)
			return AW_UTF8_BAD;
		*len = 3;
		return (uint32_t)(u[0] & 0x0f) << 12 | (uint32_t)(u[1] & 0x3f) << 6 | (u[2] & 0x3f);
	}
	if (r < 4 || (u[2] & 0xc0) != 0x80 || (u[3] & 0xc0) != 0x80)
		return AW_UTF8_BAD;
	*len = 4;
	return (uint32_t)(u[0] & 0x07) << 18 | (uint32_t)(u[1] & 0x3f) << 12 |
	       (uint32_t)(u[2] & 0x3f) << 6 | (u[3] & 0x3f);
}

/* The code point ending just before s[i]: the well-formed sequence of up
 * to 4 bytes that ends there, else the byte before s[i] alone (U+FFFD
 * unless ASCII); (uint32_t)-1 at the start. */
static inline uint32_t aw_utf8_prev(const char *s, size_t i)
{
	size_t j, l;

	if (i == 0)
		return (uint32_t)-1;
	for (j = 2; j <= 4 && j <= i; j++) {
		uint32_t c = aw_utf8_dec(s, i, i - j, &l);
		if (l == j)
			return c;
		if (((unsigned char)s[i - j] & 0xc0) != 0x80)
			break;
	}
	return aw_utf8_dec(s, i, i - 1, &l);
}

/* JavaScript's \s (and String.prototype.trim's set): Unicode White_Space
 * plus U+FEFF. Astral code points are two UTF-16 units to JS and never
 * match. */
static inline int aw_js_space(uint32_t c)
{
	if (c < 0x80)
		return c == ' ' || (c >= 9 && c <= 13);
	return c == 0xa0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
	       c == 0x2028 || c == 0x2029 || c == 0x202f || c == 0x205f ||
	       c == 0x3000 || c == 0xfeff;
}

/* JavaScript's String.prototype.trim on UTF-8 bytes: *p, *n narrowed. */
static inline void aw_js_trim(const char **p, size_t *n)
{
	const char *s = *p;
	size_t len = *n, l;

	/* printable ASCII at both ends: no space code point starts or ends there */
	if (len && (unsigned char)s[0] > ' ' && (unsigned char)s[0] < 0x7f &&
	    (unsigned char)s[len - 1] > ' ' && (unsigned char)s[len - 1] < 0x7f)
		return;
	while (len && aw_js_space(aw_utf8_dec(s, len, 0, &l))) {
		s += l;
		len -= l;
	}
	while (len) {
		size_t j;
		/* the code point ending at len: a well-formed sequence, or one byte */
		for (j = len < 3 ? len : 3; j > 1; j--)
			if ((void)aw_utf8_dec(s, len, len - j, &l), l == j)
				break;
		if (!aw_js_space(aw_utf8_dec(s, len, len - j, &l)) || l != j)
			break;
		len -= j;
	}
	*p = s;
	*n = len;
}

#endif /* AW_UTF8_H */
