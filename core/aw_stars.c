/*
 * aw_stars.c - star number formatting and the owner/repo -> text map.
 *
 * Formatting is integer-only: shields' metric() rounds a JavaScript double
 * with toFixed(1), which rounds the exact binary value, so a decimal tie
 * (1250, 1450) goes up or down depending on which side of the tie the
 * double N/P lies. We find that side by simulating the correctly rounded
 * division bit by bit instead of trusting long double (which is only 64
 * bits on x86 and plain double on ARM). Not handled: negative counts.
 */
#include "aw_stars.h"

#include <string.h>

static const char metric_prefix[] = "kMGTPE";   /* 1000^1 .. 1000^6 */

/* n / d (d < 2^63), remainder in *rem: shift and subtract, because a
 * 64-bit '/' links about 1 KB of libgcc on Cortex-M (formatting is cold) */
static uint64_t udiv(uint64_t n, uint64_t d, uint64_t *rem)
{
	uint64_t q = 0, r = 0;
	int i;

	for (i = 63; i >= 0; i--) {
		r = r << 1 | (n >> i & 1);
		q <<= 1;
		if (r >= d) {
			r -= d;
			q |= 1;
		}
	}
	*rem = r;
	return q;
}

/* Is the double nearest to N/P (round-to-nearest-even) >= N/P exactly?
 * Precondition: N/P < 2^52 (here always < 10), P < 2^62. */
static int double_quotient_not_below(uint64_t N, uint64_t P)
{
	uint64_t rem, q = udiv(N, P, &rem);

	if (!q && !rem)
		return 1;
	/* scale until the quotient has 53 significant bits */
	while (q < ((uint64_t)1 << 52)) {
		rem <<= 1;
		q <<= 1;
		if (rem >= P) {
			rem -= P;
			q |= 1;
		}
	}
	if (!rem)
		return 1;               /* exact */
	if (rem > P - rem)
		return 1;               /* rounded up */
	if (rem < P - rem)
		return 0;               /* rounded down */
	return (int)(q & 1);            /* tie: to even, up when q is odd */
}

static void put_tenths(aw_buf *out, unsigned tenths, char unit)
{
	aw_buf_putu(out, tenths / 10);
	aw_buf_putc(out, '.');
	aw_buf_putc(out, (char)('0' + tenths % 10));
	aw_buf_putc(out, unit);
}

/* n / P rounded half-up with the unit units[i]; 1000 of a unit becomes 1
 * of the next one, except for the largest unit (index last). */
static int put_rounded(aw_buf *out, uint64_t n, uint64_t P, const char *units, int i,
		       int last)
{
	uint64_t r, q = udiv(n, P, &r);

	q += r >= P - r;
	if (q < 1000 || i == last) {
		aw_buf_putu(out, (unsigned long)q);
		aw_buf_putc(out, units[i]);
	} else {
		aw_buf_putc(out, '1');
		aw_buf_putc(out, units[i + 1]);
	}
	return out->truncated ? AW_ERR_FULL : AW_OK;
}

/* The unit of n: index into a list of nunits units of 1000^(i+1) (-1 =
 * below 1000: printed here as is), with *P = 1000^(i+1). */
static int unit_of(uint64_t n, int nunits, uint64_t *P, aw_buf *out)
{
	int i = -1;

	*P = 1;
	while (i + 1 < nunits && n >= 1000 * *P) {   /* no overflow: P <= 1000^5 */
		*P *= 1000;
		i++;
	}
	if (i < 0)
		aw_buf_putu(out, (unsigned long)n);
	return i;
}

int aw_stars_format(uint64_t n, aw_buf *out)
{
	uint64_t P;
	int i = unit_of(n, 6, &P, out);

	if (i < 0)
		return out->truncated ? AW_ERR_FULL : AW_OK;
	if (n < 10 * P) {
		/* x.toFixed(1): half-up on the exact value of the double x */
		uint64_t r, t = udiv(P, 10, &r), h = t / 2;
		unsigned q = (unsigned)udiv(n, t, &r);   /* <= 99 */
		if (r > h || (r == h && double_quotient_not_below(n, P)))
			q++;
		if (q % 10) {
			put_tenths(out, q, metric_prefix[i]);
			return out->truncated ? AW_ERR_FULL : AW_OK;
		}
	}
	/* Math.round: half-up (x.5 is exact in binary here) */
	return put_rounded(out, n, P, metric_prefix, i, 5);
}

int aw_stars_total_format(uint64_t n, aw_buf *out)
{
	static const char units[] = "KMBT";
	uint64_t P;
	int i = unit_of(n, 4, &P, out);

	if (i < 0)
		return out->truncated ? AW_ERR_FULL : AW_OK;
	if (n < 10 * P) {
		/* two significant digits, decimal half-up, ".0" dropped */
		uint64_t r, t = udiv(P, 10, &r);
		unsigned q = (unsigned)udiv(n, t, &r);   /* <= 99 */

		q += r >= t - r;
		if (q < 100) {
			if (q % 10)
				put_tenths(out, q, units[i]);
			else {
				aw_buf_putu(out, q / 10);
				aw_buf_putc(out, units[i]);
			}
			return out->truncated ? AW_ERR_FULL : AW_OK;
		}
	}
	return put_rounded(out, n, P, units, i, 3);
}

/* ---- map ---- */

static uint32_t hash2(const char *a, size_t an, const char *b, size_t bn)
{
	/* FNV-1a over a, '/', b */
	uint32_t h = 2166136261u;
	size_t i;

	for (i = 0; i < an; i++)
		h = (h ^ (unsigned char)a[i]) * 16777619u;
	h = (h ^ (unsigned char)'/') * 16777619u;
	for (i = 0; i < bn; i++)
		h = (h ^ (unsigned char)b[i]) * 16777619u;
	return h;
}

/* Slot of key a/b: its entry (*found = 1) or the empty slot to fill. */
static uint32_t probe(const aw_starmap_ctx *m, const char *a, size_t an,
		      const char *b, size_t bn, int *found)
{
	uint32_t s = hash2(a, an, b, bn) % AW_STARS_MAP_SLOTS;

	for (;;) {
		uint32_t e = m->slot[s];
		if (!e) {
			*found = 0;
			return s;
		}
		e--;
		if (m->ent[e].key_len == an + 1 + bn) {
			const char *k = m->arena + m->ent[e].off;
			if (!memcmp(k, a, an) && k[an] == '/' &&
			    !memcmp(k + an + 1, b, bn)) {
				*found = 1;
				return s;
			}
		}
		s = (s + 1) % AW_STARS_MAP_SLOTS;
	}
}

void aw_starmap_init(aw_starmap_ctx *m)
{
	memset(m->slot, 0, sizeof m->slot);
	m->n = 0;
	m->used = 0;
	m->line_len = 0;
	m->err = AW_OK;
	m->lineno = 0;
}

int aw_starmap_put(aw_starmap_ctx *m, const char *key, size_t key_len,
		   const char *val, size_t val_len)
{
	const char *sl = memchr(key, '/', key_len);
	size_t an, need = key_len + val_len;
	uint32_t s, e;
	int found;

	if (!sl || sl == key || key_len > 0xffff || val_len > 0xffff)
		return AW_ERR_ARG;
	an = (size_t)(sl - key);
	if (need > AW_STARS_ARENA_MAX - m->used)
		return AW_ERR_FULL;
	s = probe(m, key, an, sl + 1, key_len - an - 1, &found);
	if (found) {
		e = m->slot[s] - 1;
	} else {
		if (m->n >= AW_STARS_MAP_MAX)
			return AW_ERR_FULL;
		e = m->n++;
		m->slot[s] = e + 1;
	}
	/* a repeated key takes a fresh copy (the old bytes are not reused) */
	memcpy(m->arena + m->used, key, key_len);
	memcpy(m->arena + m->used + key_len, val, val_len);
	m->ent[e].off = m->used;
	m->ent[e].key_len = (uint16_t)key_len;
	m->ent[e].val_len = (uint16_t)val_len;
	m->used += (uint32_t)need;
	return AW_OK;
}

static int line(aw_starmap_ctx *m, const char *p, size_t n)
{
	const char *tab;
	int r;

	m->lineno++;
	if (n && p[n - 1] == '\r')
		n--;
	if (!n)
		return AW_OK;
	tab = memchr(p, '\t', n);
	if (!tab || tab == p)
		return AW_ERR_SYNTAX;
	r = aw_starmap_put(m, p, (size_t)(tab - p), tab + 1, n - (size_t)(tab - p) - 1);
	return r == AW_ERR_ARG ? AW_ERR_SYNTAX : r;
}

int aw_starmap_feed(aw_starmap_ctx *m, const char *chunk, size_t len)
{
	while (len && m->err == AW_OK) {
		const char *nl = memchr(chunk, '\n', len);
		size_t take = nl ? (size_t)(nl - chunk) : len;

		if (m->line_len + take > AW_STARS_LINE_MAX) {
			m->lineno++;
			m->err = AW_ERR_TOOBIG;
			break;
		}
		if (!nl) {
			memcpy(m->line + m->line_len, chunk, take);
			m->line_len += take;
			return AW_OK;
		}
		if (m->line_len) {
			memcpy(m->line + m->line_len, chunk, take);
			m->err = line(m, m->line, m->line_len + take);
			m->line_len = 0;
		} else {
			m->err = line(m, chunk, take);   /* whole line: no copy */
		}
		chunk += take + 1;
		len -= take + 1;
	}
	return m->err;
}

int aw_starmap_end(aw_starmap_ctx *m)
{
	if (m->err == AW_OK && m->line_len) {
		m->err = line(m, m->line, m->line_len);
		m->line_len = 0;
	}
	return m->err;
}

int aw_starmap_lookup(void *user, const char *owner, size_t owner_len,
		      const char *repo, size_t repo_len,
		      const char **text, size_t *text_len)
{
	const aw_starmap_ctx *m = (const aw_starmap_ctx *)user;
	uint32_t s, e;
	int found;

	s = probe(m, owner, owner_len, repo, repo_len, &found);
	if (!found)
		return 0;
	e = m->slot[s] - 1;
	*text = m->arena + m->ent[e].off + m->ent[e].key_len;
	*text_len = m->ent[e].val_len;
	return 1;
}
