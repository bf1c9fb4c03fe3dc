/*
 * aw_state.h - codec of awtrack's state files (docs/awtrack-state.5):
 * versioned, checksummed records of per-source metadata, dated items and
 * feed entries. The encoder writes through a callback; the decoder is fed
 * the file in chunks of any size and reports each record through
 * callbacks, with strict validation.
 *
 * File: "AWST", u16 format version, u16 0; records (u8 type, u32 length,
 * payload of fields: u8 tag, u32 length, value); an END record (record
 * count, CRC-32 of every byte before the CRC). Integers little-endian.
 *
 * The decoder reports records as it reads them, before the checksum at
 * the end is known: the caller treats them as provisional until
 * aw_state_dec_end returns AW_OK, and drops them otherwise.
 */
#ifndef AW_STATE_H
#define AW_STATE_H

#include "aw.h"
#include "aw_sha1.h" /* aw_crc32: the records' CRC-32 (IEEE 802.3, as zlib's) */

#define AW_STATE_VERSION 1
#define AW_STATE_NONE INT64_MIN      /* "no time" in integer fields */

/* A string: bytes (not NUL-terminated, may be empty) and length. */
typedef struct aw_state_str {
	const char *p;
	size_t n;
} aw_state_str;

/*
 * Per-source metadata (a list on GitHub or a feed). key identifies the
 * source ("owner/repo/file", "feed:NAME": the caller's choice) and is
 * required; the items and entries that follow it, up to the next source,
 * belong to it. Times are Unix seconds UTC or AW_STATE_NONE.
 */
typedef struct aw_state_source {
	aw_state_str key;
	aw_state_str url;            /* what was last fetched */
	aw_state_str etag;           /* validators as received */
	aw_state_str last_modified;
	aw_state_str last_sha;       /* newest commit seen (40 hex), "" */
	aw_state_str last_error;     /* text of the last failure, "" */
	int64_t last_commit_time;    /* that commit's time */
	int64_t baseline_time;       /* when the source was baselined */
	int64_t last_check;          /* last attempt */
	int64_t last_ok;             /* last success */
	int64_t next_poll;           /* not before (Retry-After, back-off, max-age) */
	int64_t stars_total;         /* AW_STATE_NONE: unknown */
	int64_t stars_checked;
	int64_t failures;            /* consecutive failed attempts */
	int64_t flags;               /* caller-defined bits */
} aw_state_source;

/* A dated item of a list: the fields the digest walker renders
 * (aw_digest_item). id (20 bytes, the SHA-1 identity) and time are
 * required. */
typedef struct aw_state_item {
	uint8_t id[20];
	int64_t time;
	int64_t index;               /* position in the document */
	int64_t have;                /* AW_DIGEST_HAVE_* bits */
	int64_t flags;
	aw_state_str title, url, ident, description, category, markdown;
} aw_state_item;

/* A feed entry; id is required. */
typedef struct aw_state_entry {
	aw_state_str id, title, link, summary;
	int64_t time;                /* published/updated, or first seen */
	int64_t first_seen;
	int64_t flags;
} aw_state_entry;

/* Fill with "absent": empty strings, AW_STATE_NONE times, 0 counts. */
void aw_state_source_clear(aw_state_source *s);
void aw_state_item_clear(aw_state_item *it);
void aw_state_entry_clear(aw_state_entry *e);

/* ---- encoder ---- */

/* Output: returns 0 or a non-zero value that aborts (AW_ERR_IO). */
typedef int (*aw_state_write_fn)(void *user, const void *p, size_t n);

typedef struct aw_state_enc {
	aw_state_write_fn write;
	void *user;
	int err;
	uint32_t crc;
	uint32_t records;
	int have_source;
	uint64_t bytes;                  /* written so far */
} aw_state_enc;

/*
 * Each returns AW_OK or the sticky error: AW_ERR_IO (write failed),
 * AW_ERR_TOOBIG (a record larger than AW_STATE_RECORD_MAX: the decoder
 * could not read it back), AW_ERR_ARG (a required field missing, an item
 * or entry before any source), AW_ERR_STATE (after end).
 */
int aw_state_enc_begin(aw_state_enc *e, aw_state_write_fn write, void *user);
int aw_state_enc_source(aw_state_enc *e, const aw_state_source *s);
int aw_state_enc_item(aw_state_enc *e, const aw_state_item *it);
int aw_state_enc_entry(aw_state_enc *e, const aw_state_entry *en);
int aw_state_enc_end(aw_state_enc *e);

/* ---- decoder ---- */

/* Why a decode failed (aw_state_dec.why) */
enum {
	AW_STATE_OK = 0,
	AW_STATE_E_MAGIC,       /* not a state file */
	AW_STATE_E_VERSION,     /* a state file of another format version */
	AW_STATE_E_TRUNCATED,   /* ended before its END record */
	AW_STATE_E_CORRUPT,     /* bad structure (type, length, field, trailing bytes) */
	AW_STATE_E_CHECKSUM,    /* structure fine, CRC-32 or record count wrong */
	AW_STATE_E_TOOBIG       /* a record larger than AW_STATE_RECORD_MAX */
};
const char *aw_state_why(int why);

/* Callbacks (any may be NULL): non-zero return aborts (AW_ERR_ABORT).
 * Strings point into the decoder and are valid during the call only. */
typedef struct aw_state_dec_fns {
	int (*source)(void *user, const aw_state_source *s);
	int (*item)(void *user, const aw_state_item *it);
	int (*entry)(void *user, const aw_state_entry *e);
} aw_state_dec_fns;

typedef struct aw_state_dec {
	int err, why;
	uint16_t version;                /* of the file, once the header is read */
	uint32_t records;                /* records decoded */
	uint64_t offset;                 /* bytes consumed; at an error: where */
	int cb_ret;
	/* private */
	const aw_state_dec_fns *fns;
	void *user;
	int st;
	int have_source;
	uint32_t crc;
	uint8_t type;
	uint32_t len, got;
	uint8_t hdr[8];
	uint8_t buf[AW_STATE_RECORD_MAX];
} aw_state_dec;

void aw_state_dec_init(aw_state_dec *d, const aw_state_dec_fns *fns, void *user);
/* AW_OK, AW_ERR_SYNTAX (d->why says which of the above), AW_ERR_TOOBIG,
 * AW_ERR_ABORT; sticky. */
int aw_state_dec_feed(aw_state_dec *d, const void *p, size_t n);
/* End of the file: AW_OK only after a valid END record (checksum and
 * count right); AW_ERR_SYNTAX with why AW_STATE_E_TRUNCATED otherwise. */
int aw_state_dec_end(aw_state_dec *d);

#endif /* AW_STATE_H */
