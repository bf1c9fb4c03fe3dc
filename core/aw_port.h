/*
 * aw_port.h - the storage contract between the core's state records and
 * a port. The core never calls it (it is sans-I/O: it encodes and decodes
 * records in caller buffers); a port's update loop moves the encoded bytes
 * through these operations. Every port implements the same contract:
 *
 *   POSIX (port/posix/aw_storage.c): one file per record in a state
 *   directory; a replacement is written to a temporary file, fsync'ed,
 *   renamed over the old file, and the directory is fsync'ed; flock() on
 *   a lock file in the directory serialises runs.
 *
 *   Flash A/B slots (a board): each record name owns two slots. A slot
 *   holds a small header {magic, name, sequence number, length, CRC-32 of
 *   the payload} and the payload. begin() picks the slot that does NOT hold
 *   the current record and erases it; write() programs it; commit()
 *   writes the header last (sequence = current + 1), so the new record
 *   exists only once it is complete; read() takes the valid slot (header
 *   and CRC good) with the highest sequence. A power cut at any point
 *   leaves the old slot valid. lock() is a mutex (or nothing on a
 *   single-threaded main loop). Capacity: write() past the slot size
 *   returns AW_ERR_FULL and the caller aborts.
 *
 * Guarantees the core relies on:
 *   - a record is replaced whole and atomically: after a crash or power
 *     cut, read() returns the old record or the new one, never a mix;
 *   - abort() (or a failed write/commit) leaves the old record untouched;
 *   - read() reports a missing record as AW_ERR_NOTFOUND; it does not judge
 *     the content (the record codec checks version and checksum, and the
 *     port reports a bad record with its location, never replaces it
 *     silently);
 *   - between lock() and unlock() no other run reads or writes the store.
 * The unit of atomicity is ONE record: the update of one source is one
 * record, so sources are independent.
 *
 * All functions return AW_OK or a negative aw_err; `where` (port-defined)
 * gets a human-readable location and reason for the last error (e.g. the
 * file path and strerror).
 */
#ifndef AW_PORT_H
#define AW_PORT_H

#include "aw.h"

typedef struct aw_storage_ops {
	/* Take the store exclusively; AW_ERR_STATE when another run holds it. */
	int (*lock)(void *ctx);
	void (*unlock)(void *ctx);
	/*
	 * Read record `name` (a short ASCII name: letters, digits, '.', '-',
	 * '_') into buf[0..cap): *len gets its length. AW_ERR_NOTFOUND when
	 * absent, AW_ERR_TOOBIG when it does not fit in cap, AW_ERR_IO.
	 */
	int (*read)(void *ctx, const char *name, char *buf, size_t cap, size_t *len);
	/* Replace record `name`: begin, write* (any chunking), commit. One
	 * replacement at a time. abort discards it (always safe to call). */
	int (*begin)(void *ctx, const char *name);
	int (*write)(void *ctx, const void *p, size_t n);
	int (*commit)(void *ctx);
	void (*abort)(void *ctx);
	/* Location and reason of the last error, never NULL. */
	const char *(*where)(void *ctx);
} aw_storage_ops;

typedef struct aw_storage {
	const aw_storage_ops *ops;
	void *ctx;
} aw_storage;

#endif /* AW_PORT_H */
