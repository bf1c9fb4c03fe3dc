/*
 * Cortex-M4 board (QEMU mps2-an386 class): the host defaults of
 * core/aw_opt.h scaled down. Capacities: lists of up to 256 items, items
 * of up to 4 KiB rendered and 512 blocks, a table (table mode) or any other
 * top-level block of up to 16 KiB of text, 32 KiB of stored page text.
 * Items stream (AW_MD_STREAM): the scan pass decides the TOC rule, so the
 * items pass reports each list item as soon as it is complete and frees it,
 * and a top-level list never has to fit in RAM whole. A list the scan
 * cannot decide (a reference it could not resolve, with definitions after
 * the list) is held whole, up to 64 items / 8 KiB rendered. The three small
 * test lists replay byte-exact with these (make test builds the host CLI
 * with this header: "golden-cm4"). make check-nomalloc prints the context
 * sizes. Larger input is reported (AW_ERR_TOOBIG / AW_ERR_FULL /
 * AW_MD_F_TRUNC), never overflowed.
 */
#ifndef AW_BOARD_OPTS_CM4_H
#define AW_BOARD_OPTS_CM4_H

/* inline parser scratch: one paragraph at a time */
#define AW_INL_NODES_MAX 256
#define AW_INL_TEXT_MAX 4096
#define AW_INL_DELIMS_MAX 64
#define AW_INL_BRACKETS_MAX 32
#define AW_INL_DEPTH_MAX 16

/* block parser: one top-level block at a time, list items one at a time */
#define AW_MD_STREAM 1
#define AW_MD_TOC_LISTS_MAX 256
#define AW_MD_LINE_MAX 4096
#define AW_MD_TEXT_MAX 8192
#define AW_MD_NODES_MAX 512
#define AW_MD_DEPTH_MAX 16
#define AW_MD_ITEM_MAX 4096
#define AW_MD_IDENT_MAX 512
#define AW_MD_CAT_MAX 128
#define AW_MD_DEFS_MAX 32
#define AW_MD_DEF_POOL_MAX 2048
#define AW_MD_DEF_LABEL_MAX 512
#define AW_MD_TABLE_COLS_MAX 16
#define AW_MD_PEND_ITEMS_MAX 32
#define AW_MD_PEND_BYTES_MAX 4096

/* replay item cache (optional, caller-owned aw_md_cache): small */
#define AW_MD_CACHE_ITEMS_MAX 256
#define AW_MD_CACHE_POOL_MAX (8u * 1024u)

/* dating and rendering */
#define AW_STORE_DATEMAP_MAX 256
#define AW_DELTA_ITEMS_MAX 256
#define AW_DELTA_HEADS_MAX 64
#define AW_STORE_ITEMS_MAX 256
#define AW_STORE_ARENA_MAX (32u * 1024u)
#define AW_STORE_IDENTS 0     /* no identifier copies: the arena holds pages */
#define AW_STARS_MAP_MAX 96
#define AW_STARS_ARENA_MAX (4u * 1024u)

/* network core (aw_http, aw_feed, aw_conf, aw_state): a few sources, one
 * item per state record (AW_MD_ITEM_MAX of markdown plus its texts) */
#define AW_HTTP_LINE_MAX 2048
#define AW_HTTP_HEADERS_MAX (16u * 1024u)
#define AW_HTTP_URL_MAX 512
#define AW_FEED_TITLE_MAX 256
#define AW_FEED_LINK_MAX 512
#define AW_FEED_SUMMARY_MAX 512
#define AW_FEED_ARENA_MAX (12u * 1024u)
/* expat is handed 256 bytes at a time: its input buffer stays small inside
 * the 12 KiB arena (1 KiB slices peaked at 14,272 B on the host, 256 B at
 * 11,184 B: tests/test_feed.c, AWTRACK_NET_STATS) */
#define AW_FEED_SLICE_MAX 256u
#define AW_CONF_LINE_MAX 512
#define AW_CONF_VALUE_MAX 256
#define AW_CONF_NAME_MAX 64
#define AW_CONF_SOURCES_MAX 8
#define AW_CONF_FEEDS_MAX 4
#define AW_STATE_RECORD_MAX (12u * 1024u)

#endif
