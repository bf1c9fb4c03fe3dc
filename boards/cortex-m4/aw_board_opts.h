/*
 * Cortex-M4 board (QEMU mps2-an386 class): the host defaults of
 * core/aw_opt.h scaled down. Capacities: lists of up to 256 items, items
 * of up to 4 KiB rendered, top-level lists (a whole table in table mode)
 * of up to 32 KiB of text and 1,024 blocks, 32 KiB of stored page text.
 * The three small test lists replay byte-exact with these (make test builds
 * the host CLI with this header: "golden-cm4"). Contexts: about 257 KiB in
 * all (make check-nomalloc prints them), of which aw_md_ctx is 183 KiB
 * because the parser holds a whole top-level list until its TOC test.
 * Larger input is reported (AW_ERR_TOOBIG / AW_ERR_FULL / AW_MD_F_TRUNC),
 * never overflowed.
 */
#ifndef AW_BOARD_OPTS_CM4_H
#define AW_BOARD_OPTS_CM4_H

/* inline parser scratch: one paragraph at a time */
#define AW_INL_MAX_NODES 256
#define AW_INL_MAX_TEXT 4096
#define AW_INL_MAX_DELIMS 64
#define AW_INL_MAX_BRACKETS 32
#define AW_INL_MAX_DEPTH 16

/* block parser: one top-level block (a whole top-level list) at a time */
#define AW_MD_LINE_MAX 4096
#define AW_MD_TEXT_MAX 32768
#define AW_MD_NODES_MAX 1024
#define AW_MD_DEPTH_MAX 16
#define AW_MD_ITEM_MAX 4096
#define AW_MD_IDENT_MAX 512
#define AW_MD_CAT_MAX 128
#define AW_MD_DEFS_MAX 32
#define AW_MD_DEF_POOL 2048
#define AW_MD_DEF_TMP 512
#define AW_MD_TABLE_COLS 16
#define AW_MD_PEND_ITEMS 256
#define AW_MD_PEND_MAX 32768

/* replay item cache (optional, caller-owned aw_md_cache): small */
#define AW_MD_CACHE_ITEMS 256
#define AW_MD_CACHE_POOL (8u * 1024u)

/* dating and rendering */
#define AW_DATEMAP_MAX 256
#define AW_STORE_ITEMS_MAX 256
#define AW_STORE_ARENA (32u * 1024u)
#define AW_STARMAP_MAX 96
#define AW_STARMAP_ARENA (4u * 1024u)

#endif
