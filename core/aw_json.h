/*
 * aw_json.h - streaming scan of one JSON document for one member of its
 * top-level object whose value is a non-negative integer, e.g. the
 * "stargazers_count" of GitHub's repository object
 * (GET <api_url>/repos/OWNER/REPO).
 *
 * The document arrives in chunks of any size (as an HTTP body does) and is
 * checked as JSON (RFC 8259) while it passes: members may come in any
 * order, values may be nested objects and arrays (a fork's "parent" and
 * "source" objects carry their own "stargazers_count": only the top
 * level's counts), strings may contain escapes (a key written with
 * \u escapes matches). Nothing is buffered: the context is a few dozen
 * bytes plus one bit per nesting level (AW_JSON_DEPTH_MAX).
 *
 *   aw_json_int_ctx j;
 *   uint64_t stars;
 *   aw_json_int_init(&j, "stargazers_count");
 *   for each chunk: if (aw_json_int_feed(&j, p, n)) break;
 *   rc = aw_json_int_end(&j, &stars);
 */
#ifndef AW_JSON_H
#define AW_JSON_H

#include "aw.h"

typedef struct aw_json_int_ctx {
	/* results */
	int found;              /* the key was seen at the top level with an integer */
	uint64_t value;         /* its value (the last one when repeated) */
	uint64_t offset;        /* bytes consumed (position of an error) */
	/* private */
	const char *key;
	size_t key_len;
	int err;
	int st;                 /* parser state */
	int tok;                /* token being read (string, number, literal) */
	int sub;                /* sub-state within the token */
	unsigned depth;
	uint8_t stack[(AW_JSON_DEPTH_MAX + 7) / 8];   /* 1: object, 0: array */
	int is_key;             /* the string being read is a member name */
	int kmatch;             /* ... of the top level, still equal to key */
	size_t kpos;
	int want;               /* the value being read belongs to key */
	int num_int;            /* the number is a plain integer so far */
	int num_big;            /* ... over 2^64 - 1 */
	uint64_t num;
	uint32_t u;             /* \uXXXX being read */
	const char *lit;        /* literal being matched (true, false, null) */
} aw_json_int_ctx;

/*
 * Start a scan for `key` (NUL-terminated ASCII, not copied: it must
 * outlive the scan).
 */
void aw_json_int_init(aw_json_int_ctx *j, const char *key);
/*
 * Feed the next bytes. Returns AW_OK, or a sticky error: AW_ERR_SYNTAX
 * (not JSON; a top level that is not an object; the key's value is not a
 * non-negative integer, or is over 2^64 - 1), AW_ERR_TOOBIG (nesting
 * deeper than AW_JSON_DEPTH_MAX). j->offset is where it stopped.
 */
int aw_json_int_feed(aw_json_int_ctx *j, const char *p, size_t n);
/*
 * End of the document. Returns AW_OK with *value set when the key was
 * found; AW_ERR_NOTFOUND for a complete object without it; AW_ERR_SYNTAX
 * when the document was cut short (or the sticky error).
 */
int aw_json_int_end(aw_json_int_ctx *j, uint64_t *value);

#endif /* AW_JSON_H */
