/*
 * aw_entities.h - HTML5 named character references (internal to the
 * inline parser).
 */
#ifndef AW_ENTITIES_H
#define AW_ENTITIES_H

#include <stddef.h>
#include <stdint.h>

/*
 * Look up `name` (without '&' and ';', case-sensitive, len bytes; need not
 * be NUL-terminated, any bytes). Returns the UTF-8 replacement (static const
 * storage, *out_len bytes, NOT NUL-terminated) or NULL when the name is not
 * one of the 2125 HTML5 entity names (then *out_len is left alone). Reads
 * no more than len bytes of `name`; uses no RAM beyond a few stack bytes.
 */
const char *aw_entities_lookup(const char *name, size_t len, size_t *out_len);

#endif /* AW_ENTITIES_H */
