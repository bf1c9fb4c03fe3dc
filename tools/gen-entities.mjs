#!/usr/bin/env node
// gen-entities.mjs [BLOCK] - build core/aw_entities.c (the compressed HTML5
// entity table) from tests/data/entities.txt. Run from the repository root:
//   node tools/gen-entities.mjs > core/aw_entities.c
// Prints the table sizes on stderr. The output is deterministic; after a
// change, `make unit` checks every name against tests/data/entities.txt.
// BLOCK (default 24) trades size for speed: a lookup decodes up to BLOCK
// records after a binary search over the blocks. With 24, ent_rec + ent_blk
// are about 13 KB (32: 90 B less, 16: 190 B more) and a lookup executes
// about 1.9x the instructions of a binary search over a plain table.
//
// Format (read by aw_entities_lookup; all in one byte array ent_rec):
// - names sorted by byte value, in blocks of BLOCK records; ent_blk[b] is the
//   offset of block b's first record.
// - record: a header byte (bits 0-4: length of the prefix shared with the
//   previous name of the block, 0 for a block's first; bit 5: two code
//   points; bit 6: the value is a reference), the rest of the name as 7-bit
//   symbols with bit 7 set on the last, then the value: its UTF-8 bytes
//   (length from the lead bytes), or for a reference a 16-bit little-endian
//   offset into ent_rec of an identical value stored earlier.
// - symbol s < NCHARS is the character ent_chr[s]; a larger one is the pair
//   ent_tok[s - NCHARS] (byte-pair encoding of the name text).
import { readFileSync } from 'node:fs';

const BLOCK = Number(process.argv[2] || 24);
const lines = readFileSync('tests/data/entities.txt', 'utf8').split('\n')
	.filter((l) => l && !l.startsWith('#'));
const ents = lines.map((l) => {
	const [name, cps] = l.split('\t');
	const cp = cps.split(' ').map((u) => parseInt(u.slice(2), 16));
	return { name, cp, utf8: Buffer.from(String.fromCodePoint(...cp), 'utf8') };
});
const bcmp = (a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b));
for (let i = 1; i < ents.length; i++)
	if (bcmp(ents[i - 1].name, ents[i].name) >= 0) throw new Error('not sorted: ' + ents[i].name);
for (const e of ents) {
	if (!/^[A-Za-z0-9]{1,31}$/.test(e.name)) throw new Error('bad name ' + e.name);
	if (e.cp.length < 1 || e.cp.length > 2) throw new Error('bad value ' + e.name);
}

// name suffixes (front coding within blocks)
const lcp = (a, b) => { let i = 0; while (i < a.length && i < b.length && a[i] === b[i]) i++; return i; };
for (let i = 0; i < ents.length; i++) {
	const e = ents[i];
	e.pfx = i % BLOCK ? lcp(ents[i - 1].name, e.name) : 0;
	if (e.pfx > 31 || e.pfx >= e.name.length) throw new Error('prefix ' + e.name);
}

// symbols: the characters, then byte-pair tokens up to 127
const chars = [...new Set(ents.map((e) => e.name).join(''))].sort(bcmp);
const NCHARS = chars.length;
const toks = [];
let seqs = ents.map((e) => [...e.name.slice(e.pfx)].map((c) => chars.indexOf(c)));
while (NCHARS + toks.length < 128) {
	const cnt = new Map();
	for (const s of seqs)
		for (let i = 0; i + 1 < s.length; i++) {
			const k = s[i] * 128 + s[i + 1];
			cnt.set(k, (cnt.get(k) || 0) + 1);
			if (s[i] === s[i + 1] && s[i + 2] === s[i]) i++; // non-overlapping runs
		}
	let best = -1, bc = 0;
	for (const [k, c] of [...cnt].sort((x, y) => x[0] - y[0])) if (c > bc) { best = k; bc = c; }
	if (bc < 3) break; // a pair costs 2 bytes in ent_tok
	const sym = NCHARS + toks.length, a = best >> 7, b = best & 127;
	toks.push([a, b]);
	seqs = seqs.map((s) => {
		const o = [];
		for (let i = 0; i < s.length; i++)
			if (i + 1 < s.length && s[i] === a && s[i + 1] === b) { o.push(sym); i++; } else o.push(s[i]);
		return o;
	});
}
// expansion stack depth: pending right halves while descending left halves
const depth = (s) => (s < NCHARS ? 0 : Math.max(1 + depth(toks[s - NCHARS][0]), depth(toks[s - NCHARS][1])));
const DEPTH = Math.max(1, ...toks.map((_, i) => depth(NCHARS + i)));
const expand = (s) => (s < NCHARS ? chars[s] : expand(toks[s - NCHARS][0]) + expand(toks[s - NCHARS][1]));
ents.forEach((e, i) => {
	if (e.name.slice(0, e.pfx) + seqs[i].map(expand).join('') !== e.name) throw new Error('bpe ' + e.name);
});

// records
const rec = [], blk = [], seen = new Map();
let refs = 0, inl = 0, symb = 0, valb = 0;
ents.forEach((e, i) => {
	if (i % BLOCK === 0) blk.push(rec.length);
	const key = e.utf8.toString('hex');
	const ref = e.utf8.length > 2 && seen.has(key);
	rec.push(e.pfx | (e.cp.length === 2 ? 32 : 0) | (ref ? 64 : 0));
	symb += seqs[i].length;
	seqs[i].forEach((s, j) => rec.push(s | (j === seqs[i].length - 1 ? 128 : 0)));
	if (ref) {
		const o = seen.get(key);
		rec.push(o & 255, o >> 8);
		refs++;
	} else {
		if (!seen.has(key)) seen.set(key, rec.length);
		rec.push(...e.utf8);
		valb += e.utf8.length;
		inl++;
	}
});
if (rec.length > 65535) throw new Error('ent_rec too big for 16-bit offsets');

const hex = (a, w) => {
	const out = [];
	for (let i = 0; i < a.length; i += w)
		out.push('\t' + a.slice(i, i + w).map((x) => '0x' + x.toString(16).padStart(2, '0')).join(', ') + ',');
	return out.join('\n');
};
const dec = (a, w) => {
	const out = [];
	for (let i = 0; i < a.length; i += w) out.push('\t' + a.slice(i, i + w).join(', ') + ',');
	return out.join('\n');
};
const maxlen = Math.max(...ents.map((e) => e.name.length));
process.stderr.write(`entities: ${ents.length} names in blocks of ${BLOCK}; ` +
	`${NCHARS} characters + ${toks.length} tokens (depth ${DEPTH}); ` +
	`ent_rec ${rec.length} B = ${ents.length} headers + ${symb} name symbols + ` +
	`${inl} values inline (${valb} B) + ${refs} references (${refs * 2} B); ` +
	`ent_blk ${blk.length * 2} B, ent_tok ${toks.length * 2} B\n`);

process.stdout.write(`/*
 * aw_entities.c - the HTML5 named character references (${ents.length} names,
 * the list micromark decodes), for aw_inline.c, compressed for small
 * targets (about half the size of a plain name/value table). GENERATED by
 * tools/gen-entities.mjs from tests/data/entities.txt: edit those, not
 * this file. Does not handle numeric references (aw_inline.c does); needs
 * no RAM: values are returned in place, from the const table.
 *
 * Format: names sorted by byte value, front-coded in blocks of ENT_BLOCK
 * (ent_blk: offset in ent_rec of each block's first record). A record is
 * a header byte (ENT_PFX: characters shared with the previous name, 0 for
 * a block's first; ENT_TWO; ENT_REF), the rest of the name as 7-bit
 * symbols (ENT_LAST set on the last; below ENT_NCHARS a character of
 * ent_chr, above a byte-pair token of ent_tok), then the value: its UTF-8
 * bytes (lengths from the lead bytes), or with ENT_REF the little-endian
 * 16-bit offset in ent_rec of the same value stored earlier.
 */
#include "aw_entities.h"

#define ENT_COUNT ${ents.length}
#define ENT_BLOCK ${BLOCK}
#define ENT_MAXLEN ${maxlen}
#define ENT_NCHARS ${NCHARS}
#define ENT_DEPTH ${DEPTH}	/* expansion stack of the deepest token */
#define ENT_PFX 0x1f	/* header: prefix shared with the previous name */
#define ENT_TWO 0x20	/* header: the value is two code points */
#define ENT_REF 0x40	/* header: the value is stored earlier, at an offset */
#define ENT_LAST 0x80	/* symbol: last of the name */

/* symbol s < ENT_NCHARS is this character */
static const char ent_chr[] =
	"${chars.join('')}";

/* byte-pair tokens: symbol ENT_NCHARS + i is ent_tok[i][0] then [1] */
static const uint8_t ent_tok[${toks.length}][2] = {
${dec(toks.map((t) => `{ ${t[0]}, ${t[1]} }`), 8)}
};

/* offset in ent_rec of the first record of each block of ENT_BLOCK names */
static const uint16_t ent_blk[${blk.length}] = {
${dec(blk, 12)}
};

static const uint8_t ent_rec[${rec.length}] = {
${hex(rec, 16)}
};

/* Compare the name whose remaining symbols start at p with q[*m..len),
 * where the two agree on their first *m characters. Returns <0, 0 or >0 as
 * the name sorts before, equal to or after q; *m becomes their common
 * prefix length. */
static int ent_cmp(const uint8_t *p, const char *q, size_t len, size_t *m)
{
	uint8_t stk[ENT_DEPTH];
	size_t i = *m, sp;
	unsigned b, s;
	int c;

	do {
		b = *p++;
		s = b & 0x7f;
		sp = 0;
		for (;;) {
			while (s >= ENT_NCHARS) {
				stk[sp++] = ent_tok[s - ENT_NCHARS][1];
				s = ent_tok[s - ENT_NCHARS][0];
			}
			if (i == len) {
				*m = i;
				return 1;
			}
			c = (unsigned char)ent_chr[s] - (unsigned char)q[i];
			if (c) {
				*m = i;
				return c;
			}
			i++;
			if (!sp)
				break;
			s = stk[--sp];
		}
	} while (!(b & ENT_LAST));
	*m = i;
	return i < len ? -1 : 0;
}

/* UTF-8 sequence length from its lead byte */
static size_t ent_u8len(uint8_t b)
{
	return b < 0x80 ? 1 : b < 0xe0 ? 2 : b < 0xf0 ? 3 : 4;
}

const char *aw_entities_lookup(const char *name, size_t len, size_t *out_len)
{
	size_t lo = 0, hi = sizeof ent_blk / sizeof ent_blk[0], m, n;
	const uint8_t *p, *v;

	if (len == 0 || len > ENT_MAXLEN)
		return NULL;
	/* last block whose first name is <= name */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		m = 0;
		if (ent_cmp(ent_rec + ent_blk[mid] + 1, name, len, &m) <= 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == 0)
		return NULL;
	p = ent_rec + ent_blk[lo - 1];
	n = lo < sizeof ent_blk / sizeof ent_blk[0] ? ENT_BLOCK
						     : ENT_COUNT - (lo - 1) * ENT_BLOCK;
	/* Scan the block. Invariant: the previous name sorts before the one
	 * looked up and shares m characters with it; a name sharing more with
	 * the previous one sorts before too, one sharing fewer sorts after. */
	m = 0;
	while (n--) {
		unsigned h = *p;
		int c = -1;

		if ((h & ENT_PFX) < m)
			return NULL;
		if ((h & ENT_PFX) == m && (c = ent_cmp(p + 1, name, len, &m)) > 0)
			return NULL;
		for (v = p + 1; !(*v++ & ENT_LAST);)
			;
		if (c == 0) {
			if (h & ENT_REF)
				v = ent_rec + (v[0] | (size_t)v[1] << 8);
			*out_len = ent_u8len(v[0]);
			if (h & ENT_TWO)
				*out_len += ent_u8len(v[*out_len]);
			return (const char *)v;
		}
		if (h & ENT_REF)
			p = v + 2;
		else {
			p = v + ent_u8len(v[0]);
			if (h & ENT_TWO)
				p += ent_u8len(*p);
		}
	}
	return NULL;
}
`);
