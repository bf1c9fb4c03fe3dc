/*
 * aw_entities.h - HTML5 named character references (internal to the
 * inline parser).
 */
#ifndef AW_ENTITIES_H
#define AW_ENTITIES_H

#include <stddef.h>
#include <stdint.h>

/*
 * Look up `name` (without '&' and ';', case-sensitive, len bytes). Returns
 * the UTF-8 replacement (static storage, *out_len bytes, not counted NUL
 * after it) or NULL when the name is not an HTML5 entity.
 */
const char *aw_entity_lookup(const char *name, size_t len, size_t *out_len);

#endif /* AW_ENTITIES_H */
