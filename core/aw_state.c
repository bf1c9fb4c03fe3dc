/*
 * aw_state.c - state file records: a table of fields per record type
 * drives both the encoder (computes the record length first, then writes
 * header and fields, no buffering) and the streaming decoder (one record
 * buffered, then its fields checked and reported). CRC-32: aw_crc32
 * (aw_sha1.c, shared with aw_png).
 *
 * Deliberately not here: files, fsync, renames, locks and A/B slots (the
 * port's storage layer), and any policy about what a source keeps.
 * Strict by design: unknown record types or field tags, duplicate or
 * missing required fields, wrong integer sizes and trailing bytes are
 * corruption, not something to skip (a newer format gets a new version).
 */
#include "aw_state.h"

#include <stddef.h>
#include <string.h>

enum { T_SOURCE = 1, T_ITEM = 2, T_ENTRY = 3, T_END = 15 };
enum { K_STR, K_I64, K_ID };
enum { ST_HDR, ST_RHDR, ST_PAY, ST_DONE };

static const uint8_t magic[4] = { 'A', 'W', 'S', 'T' };

/* ---- field tables ---- */

typedef struct fdesc {
	uint8_t tag, kind, required, none;    /* none: default AW_STATE_NONE, else 0 */
	uint16_t off;
} fdesc;

#define S(f, tag, req) { tag, K_STR, req, 0, (uint16_t)offsetof(aw_state_source, f) }
#define SI(f, tag, none) { tag, K_I64, 0, none, (uint16_t)offsetof(aw_state_source, f) }
static const fdesc source_f[] = {
	S(key, 1, 1), S(url, 2, 0), S(etag, 3, 0), S(last_modified, 4, 0), S(last_sha, 5, 0),
	S(last_error, 6, 0),
	SI(last_commit_time, 16, 1), SI(baseline_time, 17, 1), SI(last_check, 18, 1),
	SI(last_ok, 19, 1), SI(next_poll, 20, 1), SI(stars_total, 21, 1),
	SI(stars_checked, 22, 1), SI(failures, 23, 0), SI(flags, 24, 0),
};
#undef S
#undef SI
#define S(f, tag) { tag, K_STR, 0, 0, (uint16_t)offsetof(aw_state_item, f) }
#define SI(f, tag, req, none) { tag, K_I64, req, none, (uint16_t)offsetof(aw_state_item, f) }
static const fdesc item_f[] = {
	{ 1, K_ID, 1, 0, (uint16_t)offsetof(aw_state_item, id) },
	S(title, 2), S(url, 3), S(ident, 4), S(description, 5), S(category, 6), S(markdown, 7),
	SI(time, 16, 1, 1), SI(index, 17, 0, 0), SI(have, 18, 0, 0), SI(flags, 19, 0, 0),
};
#undef S
#undef SI
#define S(f, tag, req) { tag, K_STR, req, 0, (uint16_t)offsetof(aw_state_entry, f) }
#define SI(f, tag, none) { tag, K_I64, 0, none, (uint16_t)offsetof(aw_state_entry, f) }
static const fdesc entry_f[] = {
	S(id, 1, 1), S(title, 2, 0), S(link, 3, 0), S(summary, 4, 0),
	SI(time, 16, 1), SI(first_seen, 17, 1), SI(flags, 18, 0),
};
#undef S
#undef SI

#define NF(a) (sizeof a / sizeof a[0])

static void clear(void *rec, const fdesc *f, size_t nf)
{
	size_t i;

	for (i = 0; i < nf; i++) {
		unsigned char *at = (unsigned char *)rec + f[i].off;
		if (f[i].kind == K_STR) {
			aw_state_str *s = (aw_state_str *)(void *)at;
			s->p = "";
			s->n = 0;
		} else if (f[i].kind == K_I64) {
			int64_t v = f[i].none ? AW_STATE_NONE : 0;
			memcpy(at, &v, sizeof v);
		} else {
			memset(at, 0, 20);
		}
	}
}

void aw_state_source_clear(aw_state_source *s)
{
	clear(s, source_f, NF(source_f));
}

void aw_state_item_clear(aw_state_item *it)
{
	clear(it, item_f, NF(item_f));
}

void aw_state_entry_clear(aw_state_entry *e)
{
	clear(e, entry_f, NF(entry_f));
}

static void put_u32(uint8_t *b, uint32_t v)
{
	b[0] = (uint8_t)v;
	b[1] = (uint8_t)(v >> 8);
	b[2] = (uint8_t)(v >> 16);
	b[3] = (uint8_t)(v >> 24);
}

static uint32_t get_u32(const uint8_t *b)
{
	return (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
}

/* ---- encoder ---- */

static void out(aw_state_enc *e, const void *p, size_t n)
{
	if (e->err != AW_OK || !n)
		return;
	e->crc = aw_crc32(e->crc, p, n);
	e->bytes += n;
	if (e->write(e->user, p, n))
		e->err = AW_ERR_IO;
}

int aw_state_enc_begin(aw_state_enc *e, aw_state_write_fn write, void *user)
{
	uint8_t h[8];

	e->write = write;
	e->user = user;
	e->err = write ? AW_OK : AW_ERR_ARG;
	e->crc = 0;
	e->records = 0;
	e->have_source = 0;
	e->bytes = 0;
	memcpy(h, magic, 4);
	h[4] = AW_STATE_VERSION & 0xff;
	h[5] = AW_STATE_VERSION >> 8;
	h[6] = h[7] = 0;
	out(e, h, 8);
	return e->err;
}

/* does field i of rec differ from its default (or is it required)? */
static int present(const void *rec, const fdesc *f, size_t *size)
{
	const unsigned char *at = (const unsigned char *)rec + f->off;

	if (f->kind == K_STR) {
		const aw_state_str *s = (const aw_state_str *)(const void *)at;
		*size = s->n;
		return s->n != 0 || f->required;
	}
	if (f->kind == K_ID) {
		*size = 20;
		return 1;
	}
	{
		int64_t v;
		memcpy(&v, at, sizeof v);
		*size = 8;
		return f->required || v != (f->none ? AW_STATE_NONE : 0);
	}
}

static int record(aw_state_enc *e, uint8_t type, const void *rec, const fdesc *f, size_t nf)
{
	uint64_t len = 0;
	size_t i, sz;
	uint8_t h[5];

	if (e->err != AW_OK)
		return e->err;
	for (i = 0; i < nf; i++) {
		if (f[i].kind == K_STR) {
			const aw_state_str *s = (const aw_state_str *)(const void *)
						((const unsigned char *)rec + f[i].off);
			if (!s->p && s->n)
				return e->err = AW_ERR_ARG;
			if (f[i].required && !s->n)
				return e->err = AW_ERR_ARG;
		}
		if (present(rec, &f[i], &sz))
			len += 5 + (uint64_t)sz;
	}
	if (len > AW_STATE_RECORD_MAX)
		return e->err = AW_ERR_TOOBIG;
	h[0] = type;
	put_u32(h + 1, (uint32_t)len);
	out(e, h, 5);
	for (i = 0; i < nf; i++) {
		const unsigned char *at = (const unsigned char *)rec + f[i].off;
		if (!present(rec, &f[i], &sz))
			continue;
		h[0] = f[i].tag;
		put_u32(h + 1, (uint32_t)sz);
		out(e, h, 5);
		if (f[i].kind == K_STR) {
			const aw_state_str *s = (const aw_state_str *)(const void *)at;
			out(e, s->p, s->n);
		} else if (f[i].kind == K_ID) {
			out(e, at, 20);
		} else {
			int64_t v;
			uint8_t b[8];
			uint64_t u;
			memcpy(&v, at, sizeof v);
			u = (uint64_t)v;
			put_u32(b, (uint32_t)u);
			put_u32(b + 4, (uint32_t)(u >> 32));
			out(e, b, 8);
		}
	}
	if (e->err == AW_OK)
		e->records++;
	return e->err;
}

int aw_state_enc_source(aw_state_enc *e, const aw_state_source *s)
{
	int r = record(e, T_SOURCE, s, source_f, NF(source_f));

	if (r == AW_OK)
		e->have_source = 1;
	return r;
}

int aw_state_enc_item(aw_state_enc *e, const aw_state_item *it)
{
	if (e->err == AW_OK && !e->have_source)
		return e->err = AW_ERR_ARG;
	return record(e, T_ITEM, it, item_f, NF(item_f));
}

int aw_state_enc_entry(aw_state_enc *e, const aw_state_entry *en)
{
	if (e->err == AW_OK && !e->have_source)
		return e->err = AW_ERR_ARG;
	return record(e, T_ENTRY, en, entry_f, NF(entry_f));
}

int aw_state_enc_end(aw_state_enc *e)
{
	uint8_t b[13];

	if (e->err != AW_OK)
		return e->err;
	b[0] = T_END;
	put_u32(b + 1, 8);
	put_u32(b + 5, e->records);
	out(e, b, 9);
	put_u32(b + 9, e->crc);
	if (e->err == AW_OK) {
		e->bytes += 4;
		if (e->write(e->user, b + 9, 4))
			e->err = AW_ERR_IO;
	}
	if (e->err == AW_OK)
		e->err = AW_ERR_STATE;           /* nothing more may be written */
	return e->err == AW_ERR_STATE ? AW_OK : e->err;
}

/* ---- decoder ---- */

const char *aw_state_why(int why)
{
	switch (why) {
	case AW_STATE_OK: return "ok";
	case AW_STATE_E_MAGIC: return "not an awtrack state file";
	case AW_STATE_E_VERSION: return "state file of another format version";
	case AW_STATE_E_TRUNCATED: return "state file truncated";
	case AW_STATE_E_CORRUPT: return "state file corrupt (bad record structure)";
	case AW_STATE_E_CHECKSUM: return "state file corrupt (checksum mismatch)";
	case AW_STATE_E_TOOBIG: return "state file record larger than this build allows";
	default: return "unknown";
	}
}

void aw_state_dec_init(aw_state_dec *d, const aw_state_dec_fns *fns, void *user)
{
	d->err = AW_OK;
	d->why = AW_STATE_OK;
	d->version = 0;
	d->records = 0;
	d->offset = 0;
	d->cb_ret = 0;
	d->fns = fns;
	d->user = user;
	d->st = ST_HDR;
	d->have_source = 0;
	d->crc = 0;
	d->type = 0;
	d->len = d->got = 0;
}

static int bad(aw_state_dec *d, int why)
{
	d->why = why;
	d->err = why == AW_STATE_E_TOOBIG ? AW_ERR_TOOBIG : AW_ERR_SYNTAX;
	return d->err;
}

/* decode fields of buf[0..len) into rec */
static int fields(aw_state_dec *d, void *rec, const fdesc *f, size_t nf)
{
	const uint8_t *b = d->buf;
	uint32_t pos = 0, seen = 0;
	size_t i;

	clear(rec, f, nf);
	while (pos < d->len) {
		uint32_t flen;
		unsigned char *at;
		if (d->len - pos < 5)
			return bad(d, AW_STATE_E_CORRUPT);
		flen = get_u32(b + pos + 1);
		if (flen > d->len - pos - 5)
			return bad(d, AW_STATE_E_CORRUPT);
		for (i = 0; i < nf && f[i].tag != b[pos]; i++)
			;
		if (i == nf || (seen >> i & 1))
			return bad(d, AW_STATE_E_CORRUPT);   /* unknown or repeated field */
		seen |= 1u << i;
		at = (unsigned char *)rec + f[i].off;
		pos += 5;
		if (f[i].kind == K_STR) {
			aw_state_str *s = (aw_state_str *)(void *)at;
			s->p = (const char *)b + pos;
			s->n = flen;
		} else if (f[i].kind == K_ID) {
			if (flen != 20)
				return bad(d, AW_STATE_E_CORRUPT);
			memcpy(at, b + pos, 20);
		} else {
			uint64_t u;
			int64_t v;
			if (flen != 8)
				return bad(d, AW_STATE_E_CORRUPT);
			u = (uint64_t)get_u32(b + pos) | (uint64_t)get_u32(b + pos + 4) << 32;
			v = (int64_t)u;
			memcpy(at, &v, sizeof v);
		}
		pos += flen;
	}
	for (i = 0; i < nf; i++)
		if (f[i].required && !(seen >> i & 1))
			return bad(d, AW_STATE_E_CORRUPT);
	for (i = 0; i < nf; i++)
		if (f[i].required && f[i].kind == K_STR &&
		    !((const aw_state_str *)(const void *)((unsigned char *)rec + f[i].off))->n)
			return bad(d, AW_STATE_E_CORRUPT);
	return AW_OK;
}

static int deliver(aw_state_dec *d)
{
	union { aw_state_source s; aw_state_item i; aw_state_entry e; } u;
	const aw_state_dec_fns *fn = d->fns;
	int r = 0;

	if (d->type == T_END) {
		d->crc = aw_crc32(d->crc, d->buf, 4);
		if (get_u32(d->buf) != d->records || get_u32(d->buf + 4) != d->crc)
			return bad(d, AW_STATE_E_CHECKSUM);
		d->st = ST_DONE;
		return AW_OK;
	}
	if (d->type == T_SOURCE) {
		if (fields(d, &u.s, source_f, NF(source_f)))
			return d->err;
		d->have_source = 1;
		if (fn && fn->source)
			r = fn->source(d->user, &u.s);
	} else {
		if (!d->have_source)
			return bad(d, AW_STATE_E_CORRUPT);
		if (d->type == T_ITEM) {
			if (fields(d, &u.i, item_f, NF(item_f)))
				return d->err;
			if (fn && fn->item)
				r = fn->item(d->user, &u.i);
		} else {
			if (fields(d, &u.e, entry_f, NF(entry_f)))
				return d->err;
			if (fn && fn->entry)
				r = fn->entry(d->user, &u.e);
		}
	}
	d->records++;
	if (r) {
		d->cb_ret = r;
		d->err = AW_ERR_ABORT;
	}
	return d->err;
}

int aw_state_dec_feed(aw_state_dec *d, const void *p, size_t n)
{
	const uint8_t *b = p;
	size_t i = 0;

	while (i < n && d->err == AW_OK) {
		switch (d->st) {
		case ST_HDR: {
			uint8_t c = b[i];
			if (d->got < 4 && c != magic[d->got])
				return bad(d, AW_STATE_E_MAGIC);
			d->hdr[d->got++] = c;
			d->crc = aw_crc32(d->crc, &c, 1);
			i++;
			d->offset++;
			if (d->got == 8) {
				d->version = (uint16_t)(d->hdr[4] | d->hdr[5] << 8);
				if (d->version != AW_STATE_VERSION)
					return bad(d, AW_STATE_E_VERSION);
				if (d->hdr[6] || d->hdr[7])
					return bad(d, AW_STATE_E_CORRUPT);
				d->st = ST_RHDR;
				d->got = 0;
			}
			break;
		}
		case ST_RHDR:
			d->hdr[d->got++] = b[i];
			d->crc = aw_crc32(d->crc, b + i, 1);
			i++;
			d->offset++;
			if (d->got == 5) {
				d->type = d->hdr[0];
				d->len = get_u32(d->hdr + 1);
				d->got = 0;
				if (d->type != T_SOURCE && d->type != T_ITEM && d->type != T_ENTRY &&
				    d->type != T_END)
					return bad(d, AW_STATE_E_CORRUPT);
				if (d->type == T_END && d->len != 8)
					return bad(d, AW_STATE_E_CORRUPT);
				if (d->len > AW_STATE_RECORD_MAX)
					return bad(d, AW_STATE_E_TOOBIG);
				d->st = ST_PAY;
				if (!d->len && deliver(d) == AW_OK)
					d->st = ST_RHDR;
			}
			break;
		case ST_PAY: {
			size_t k = n - i;
			if (k > d->len - d->got)
				k = d->len - d->got;
			memcpy(d->buf + d->got, b + i, k);
			if (d->type != T_END)
				d->crc = aw_crc32(d->crc, b + i, k);
			d->got += (uint32_t)k;
			i += k;
			d->offset += k;
			if (d->got == d->len) {
				d->got = 0;
				if (deliver(d) == AW_OK && d->st == ST_PAY)
					d->st = ST_RHDR;
			}
			break;
		}
		default:
			return bad(d, AW_STATE_E_CORRUPT);   /* bytes after END */
		}
	}
	return d->err;
}

int aw_state_dec_end(aw_state_dec *d)
{
	if (d->err != AW_OK)
		return d->err;
	if (d->st != ST_DONE)
		return bad(d, AW_STATE_E_TRUNCATED);
	return AW_OK;
}
