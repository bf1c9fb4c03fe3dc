/*
 * aw_opt.h - every compile-time limit of the awtrack core, with its default.
 *
 * A board overrides any of these in its own header, named by
 * AW_BOARD_OPTS_H (e.g. -DAW_BOARD_OPTS_H='"aw_board_opts.h"'), which is
 * included first; each default here is guarded by #ifndef (the lwIP
 * opt.h / lwipopts.h pattern). Nothing in the core grows at run time: a
 * limit that is reached truncates with a visible flag or returns an error.
 *
 * Sections are owned by modules; keep each option next to its module.
 */
#ifndef AW_OPT_H
#define AW_OPT_H

#ifdef AW_BOARD_OPTS_H
#include AW_BOARD_OPTS_H
#endif

/* ---- markdown list parser (aw_md.c, aw_inline.c) ---- */
/* (options of the markdown modules go here) */

/* aw_inline.c: inline nodes (text runs, links, emphasis, ...) of one block.
 * A block needing more returns AW_ERR_TOOBIG. */
#ifndef AW_INL_MAX_NODES
#define AW_INL_MAX_NODES 2048
#endif
/* aw_inline.c: bytes of decoded text, URLs and titles of one block; also
 * bounds the staging buffer of the escaper (one text value at a time). */
#ifndef AW_INL_MAX_TEXT
#define AW_INL_MAX_TEXT 32768
#endif
/* aw_inline.c: open emphasis/strikethrough delimiter runs of one block. */
#ifndef AW_INL_MAX_DELIMS
#define AW_INL_MAX_DELIMS 1024
#endif
/* aw_inline.c: open '[' / '![' of one block. */
#ifndef AW_INL_MAX_BRACKETS
#define AW_INL_MAX_BRACKETS 512
#endif
/* aw_inline.c: nesting depth (emphasis in links in ...) when serializing. */
#ifndef AW_INL_MAX_DEPTH
#define AW_INL_MAX_DEPTH 128
#endif
/* aw_md: longest source line (bytes, without its end); longer -> AW_ERR_TOOBIG. */
#ifndef AW_MD_LINE_MAX
#define AW_MD_LINE_MAX (64u * 1024u)
#endif
/* aw_md: leaf text bytes of one top-level block (a whole top-level list). */
#ifndef AW_MD_TEXT_MAX
#define AW_MD_TEXT_MAX (1024u * 1024u)
#endif
/* aw_md: block nodes of one top-level block. */
#ifndef AW_MD_NODES_MAX
#define AW_MD_NODES_MAX 32768
#endif
/* aw_md: deepest container nesting (quotes + lists + items); deeper -> AW_ERR_TOOBIG. */
#ifndef AW_MD_DEPTH_MAX
#define AW_MD_DEPTH_MAX 64
#endif
/* aw_md: rendered markdown of one item; identifier; category / subcategory text. */
#ifndef AW_MD_ITEM_MAX
#define AW_MD_ITEM_MAX (64u * 1024u)
#endif
#ifndef AW_MD_IDENT_MAX
#define AW_MD_IDENT_MAX (16u * 1024u)
#endif
#ifndef AW_MD_CAT_MAX
#define AW_MD_CAT_MAX 1024
#endif
/* aw_md: link reference definitions of a document, their text, one label / URL. */
#ifndef AW_MD_DEFS_MAX
#define AW_MD_DEFS_MAX 2048
#endif
#ifndef AW_MD_DEF_POOL
#define AW_MD_DEF_POOL (128u * 1024u)
#endif
#ifndef AW_MD_DEF_TMP
#define AW_MD_DEF_TMP 4096
#endif
/* aw_md: cells per GFM table row; more are dropped and the item flagged. */
#ifndef AW_MD_TABLE_COLS
#define AW_MD_TABLE_COLS 64
#endif
/* aw_md: items of one top-level list held until its TOC test, and their bytes. */
#ifndef AW_MD_PEND_ITEMS
#define AW_MD_PEND_ITEMS 8192
#endif
#ifndef AW_MD_PEND_MAX
#define AW_MD_PEND_MAX (1024u * 1024u)
#endif
/* aw_md streaming items (boards): decide the TOC rule (tal-spec 3.1 C) in
 * the scan pass, then report each item of a top-level list as soon as it
 * is complete and free its nodes and text, so that AW_MD_NODES_MAX and
 * AW_MD_TEXT_MAX bound the largest item instead of the largest list, and
 * AW_MD_PEND_* are needed only for lists the scan cannot decide (a
 * reference resolved by a definition that comes after the list) and for
 * reuse / window passes. Costs a parse-only inline walk of every list item
 * in the scan pass. AW_MD_TOC_LISTS: top-level lists the scan decides
 * (2 bits each); later ones are held whole. */
#ifndef AW_MD_STREAM
#define AW_MD_STREAM 0
#endif
#ifndef AW_MD_TOC_LISTS
#define AW_MD_TOC_LISTS 1024
#endif
/* aw_md item cache (aw_md_cache, replays): items per generation (a power
 * of two) and identifier bytes per generation. */
#ifndef AW_MD_CACHE_ITEMS
#define AW_MD_CACHE_ITEMS 8192
#endif
#ifndef AW_MD_CACHE_POOL
#define AW_MD_CACHE_POOL (512u * 1024u)
#endif

/* ---- blame, store, replay, render (aw_blame.c, aw_store.c, aw_render.c) ---- */
/* Identity -> date map of the replay (aw_datemap): open-addressing slots.
 * Power of two; a map holds at most this many identities (AW_ERR_FULL). */
#ifndef AW_DATEMAP_MAX
#define AW_DATEMAP_MAX 16384
#endif

/* Items of the final version kept for rendering (aw_store). */
#ifndef AW_STORE_ITEMS_MAX
#define AW_STORE_ITEMS_MAX 16384
#endif

/* Bytes for the category and markdown text of all stored items (copies). */
#ifndef AW_STORE_ARENA
#define AW_STORE_ARENA (4u * 1024u * 1024u)
#endif

/* Per-item star map (aw_starmap): entries and key/value bytes. */
#ifndef AW_STARMAP_MAX
#define AW_STARMAP_MAX 8192
#endif
#ifndef AW_STARMAP_ARENA
#define AW_STARMAP_ARENA (256u * 1024u)
#endif
/* Longest stars.tsv line (without its newline); longer -> AW_ERR_TOOBIG. */
#ifndef AW_STARMAP_LINE_MAX
#define AW_STARMAP_LINE_MAX 512
#endif

/* ---- incremental replay (aw_delta.c) ---- */
/* Item occurrences of one version (duplicates count) and top-level
 * headings of one version that an aw_delta tracks; more -> AW_ERR_FULL. */
#ifndef AW_DELTA_ITEMS_MAX
#define AW_DELTA_ITEMS_MAX 16384
#endif
#ifndef AW_DELTA_HEADS_MAX
#define AW_DELTA_HEADS_MAX 4096
#endif

/* ---- sanity checks ---- */
#if AW_MD_LINE_MAX < 16 || AW_MD_TEXT_MAX < 64 || AW_MD_NODES_MAX < 8 || AW_MD_DEPTH_MAX < 4
#error "AW_MD_LINE_MAX >= 16, AW_MD_TEXT_MAX >= 64, AW_MD_NODES_MAX >= 8, AW_MD_DEPTH_MAX >= 4"
#endif
#if AW_MD_ITEM_MAX < 64 || AW_MD_IDENT_MAX < 64 || AW_MD_CAT_MAX < 16 || AW_MD_DEF_TMP < 64
#error "AW_MD_ITEM_MAX, AW_MD_IDENT_MAX >= 64, AW_MD_CAT_MAX >= 16, AW_MD_DEF_TMP >= 64"
#endif
#if (AW_MD_CACHE_ITEMS & (AW_MD_CACHE_ITEMS - 1)) != 0 || AW_MD_CACHE_ITEMS < 2
#error "AW_MD_CACHE_ITEMS must be a power of two >= 2"
#endif
#if (AW_DATEMAP_MAX & (AW_DATEMAP_MAX - 1)) != 0 || AW_DATEMAP_MAX < 2
#error "AW_DATEMAP_MAX must be a power of two >= 2"
#endif
#if AW_STORE_ITEMS_MAX < 1 || AW_STORE_ITEMS_MAX > 0x3fffffff
#error "AW_STORE_ITEMS_MAX must be in 1..2^30-1"
#endif
#if AW_STORE_ARENA > 0xffffffff
#error "AW_STORE_ARENA must fit in 32 bits"
#endif
#if AW_STARMAP_MAX < 1 || AW_STARMAP_LINE_MAX < 8
#error "AW_STARMAP_MAX must be >= 1 and AW_STARMAP_LINE_MAX >= 8"
#endif

#endif /* AW_OPT_H */
