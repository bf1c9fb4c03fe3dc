/*
 * aw_sha1.h - SHA-1 (FIPS 180-4), used for item identities (docs/spec.md 4),
 * and CRC-32, the one checksum of the state file (aw_state.h) and of PNG
 * chunks (aw_png.h).
 *
 * Not for security: identities only need to match trackawesomelist's hex
 * digests. The context is caller-owned and holds no pointers; copying it
 * forks the hash state.
 */
#ifndef AW_SHA1_H
#define AW_SHA1_H

#include "aw.h"

typedef struct aw_sha1_ctx {
	uint32_t h[5];      /* chaining state */
	uint64_t count;     /* bytes hashed so far */
	uint8_t buf[64];    /* partial block */
} aw_sha1_ctx;          /* opaque: use the functions below */

/* Start a new hash. */
void aw_sha1_init(aw_sha1_ctx *ctx);
/* Hash `len` bytes of `data` (data may be NULL when len is 0). */
void aw_sha1_update(aw_sha1_ctx *ctx, const void *data, size_t len);
/* Write the 20-byte digest to `out`. The context must be re-initialised
 * before it is used again. */
void aw_sha1_final(aw_sha1_ctx *ctx, uint8_t out[20]);
/* Lower-case hex of a digest: 40 digits and a NUL in `out`. */
void aw_sha1_hex(const uint8_t d[20], char out[41]);
/* One-shot convenience: digest of `len` bytes. */
void aw_sha1(const void *data, size_t len, uint8_t out[20]);

/* CRC-32 (ISO-HDLC / IEEE 802.3, as zlib's crc32 and PNG): continued from
 * crc, 0 to start: crc = aw_crc32(crc, p, n). p may be NULL when n is 0. */
uint32_t aw_crc32(uint32_t crc, const void *p, size_t n);

#endif /* AW_SHA1_H */
