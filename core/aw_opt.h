/*
 * aw_opt.h - every compile-time limit of the awtrack core, with its default.
 *
 * A board overrides any of these in its own header, named by
 * AW_BOARD_OPTS_H (e.g. -DAW_BOARD_OPTS_H='"aw_board_opts.h"'; every board
 * folder has one, see boards/<name>/board.mk), which is included first; each
 * default here is guarded by #ifndef (the lwIP opt.h / lwipopts.h pattern),
 * and the checks at the end reject values that cannot work. Nothing in the
 * core grows at run time: a limit that is reached truncates with a visible
 * flag or returns an error.
 *
 * Names: AW_<MODULE>_<THING>_MAX for a capacity (a count, or bytes where
 * the comment says so), AW_<MODULE>_<FEATURE> (0 or 1) for a switch.
 * MODULE is the module's prefix (INL = aw_inline, MD = aw_md, DISP =
 * aw_display; BLAME, STORE, STARS, DELTA, TRACK, HTTP, HTTPD, FEED, CONF,
 * STATE, SRC, FONT as their modules). Keep each option in its module's
 * section.
 */
#ifndef AW_OPT_H
#define AW_OPT_H

#ifdef AW_BOARD_OPTS_H
#include AW_BOARD_OPTS_H
#endif

/* ---- markdown list parser (aw_md*.c, aw_inline.c) ---- */
/* (options of the markdown modules go here) */

/* aw_inline.c: inline nodes (text runs, links, emphasis, ...) of one block.
 * A block needing more returns AW_ERR_TOOBIG. */
#ifndef AW_INL_NODES_MAX
#define AW_INL_NODES_MAX 2048
#endif
/* aw_inline.c: bytes of decoded text, URLs and titles of one block; also
 * bounds the staging buffer of the escaper (one text value at a time). */
#ifndef AW_INL_TEXT_MAX
#define AW_INL_TEXT_MAX 32768
#endif
/* aw_inline.c: open emphasis/strikethrough delimiter runs of one block. */
#ifndef AW_INL_DELIMS_MAX
#define AW_INL_DELIMS_MAX 1024
#endif
/* aw_inline.c: open '[' / '![' of one block. */
#ifndef AW_INL_BRACKETS_MAX
#define AW_INL_BRACKETS_MAX 512
#endif
/* aw_inline.c: nesting depth (emphasis in links in ...) when serializing. */
#ifndef AW_INL_DEPTH_MAX
#define AW_INL_DEPTH_MAX 128
#endif
/* aw_md: longest source line (bytes, without its end); longer -> AW_ERR_TOOBIG. */
#ifndef AW_MD_LINE_MAX
#define AW_MD_LINE_MAX (64u * 1024u)
#endif
/* The host defaults hold a list of AW_STORE_ITEMS_MAX (16,384) items of a
 * few hundred bytes each in one top-level list (the TOC rule needs it whole
 * unless AW_MD_STREAM). */
/* aw_md: leaf text bytes of one top-level block (a whole top-level list). */
#ifndef AW_MD_TEXT_MAX
#define AW_MD_TEXT_MAX (4u * 1024u * 1024u)
#endif
/* aw_md: block nodes of one top-level block. */
#ifndef AW_MD_NODES_MAX
#define AW_MD_NODES_MAX 65536
#endif
/* aw_md: deepest container nesting (quotes + lists + items); deeper markers
 * are read as text and the items holding them flagged (cut). */
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
#ifndef AW_MD_DEF_POOL_MAX
#define AW_MD_DEF_POOL_MAX (128u * 1024u)
#endif
#ifndef AW_MD_DEF_LABEL_MAX
#define AW_MD_DEF_LABEL_MAX 4096
#endif
/* aw_md: cells per GFM table row; more are dropped and the item flagged. */
#ifndef AW_MD_TABLE_COLS_MAX
#define AW_MD_TABLE_COLS_MAX 64
#endif
/* aw_md: items of one top-level list held until its TOC test, and their bytes. */
#ifndef AW_MD_PEND_ITEMS_MAX
#define AW_MD_PEND_ITEMS_MAX 16384
#endif
#ifndef AW_MD_PEND_BYTES_MAX
#define AW_MD_PEND_BYTES_MAX (4u * 1024u * 1024u)
#endif
/* aw_md streaming items (boards): decide the TOC rule (docs/spec.md 3.1 C) in
 * the scan pass, then report each item of a top-level list as soon as it
 * is complete and free its nodes and text, so that AW_MD_NODES_MAX and
 * AW_MD_TEXT_MAX bound the largest item instead of the largest list, and
 * AW_MD_PEND_* are needed only for lists the scan cannot decide (a
 * reference resolved by a definition that comes after the list) and for
 * reuse / window passes. Costs a parse-only inline walk of every list item
 * in the scan pass. AW_MD_TOC_LISTS_MAX: top-level lists the scan decides
 * (2 bits each); later ones are held whole. */
#ifndef AW_MD_STREAM
#define AW_MD_STREAM 0
#endif
#ifndef AW_MD_TOC_LISTS_MAX
#define AW_MD_TOC_LISTS_MAX 1024
#endif
/* aw_md item cache (aw_md_cache, replays): items per generation (a power
 * of two) and identifier bytes per generation. */
#ifndef AW_MD_CACHE_ITEMS_MAX
#define AW_MD_CACHE_ITEMS_MAX 16384
#endif
#ifndef AW_MD_CACHE_POOL_MAX
#define AW_MD_CACHE_POOL_MAX (1024u * 1024u)
#endif

/* ---- replay maps and item store (aw_store.c) ---- */
/* Identity -> date map of the replay (aw_datemap_ctx): open-addressing slots.
 * Power of two; a map holds at most this many identities (AW_ERR_FULL). */
#ifndef AW_STORE_DATEMAP_MAX
#define AW_STORE_DATEMAP_MAX 16384
#endif

/* Items of the final version kept for rendering (aw_store_ctx). */
#ifndef AW_STORE_ITEMS_MAX
#define AW_STORE_ITEMS_MAX 16384
#endif

/* 1: the store keeps each item's identifier (the `items` table, feeds'
 * entry ids) in its arena; 0: only category and markdown (saves about a
 * third of the arena on a board). */
#ifndef AW_STORE_IDENTS
#define AW_STORE_IDENTS 1
#endif
/* Bytes of the category, markdown and identifier text of all stored items
 * (copies). */
#ifndef AW_STORE_ARENA_MAX
#define AW_STORE_ARENA_MAX (8u * 1024u * 1024u)
#endif

/* ---- star badges (aw_stars.c) ---- */
/* Per-item star map (aw_starmap_ctx): entries, and bytes of keys and values. */
#ifndef AW_STARS_MAP_MAX
#define AW_STARS_MAP_MAX 8192
#endif
#ifndef AW_STARS_ARENA_MAX
#define AW_STARS_ARENA_MAX (256u * 1024u)
#endif
/* Longest stars.tsv line (without its newline); longer -> AW_ERR_TOOBIG. */
#ifndef AW_STARS_LINE_MAX
#define AW_STARS_LINE_MAX 512
#endif

/* ---- star cache and budget of `update` (aw_starcache.c) ---- */
/* Repositories one source's star table holds (the list's own and every
 * one its items link to); more are not fetched. */
#ifndef AW_STARCACHE_REPOS_MAX
#define AW_STARCACHE_REPOS_MAX AW_STARS_MAP_MAX
#endif
/* Bytes of their "owner/repo" keys. */
#ifndef AW_STARCACHE_ARENA_MAX
#define AW_STARCACHE_ARENA_MAX AW_STARS_ARENA_MAX
#endif
/* Longest "owner/repo" (GitHub allows 39 + 1 + 100); longer is skipped. */
#ifndef AW_STARCACHE_KEY_MAX
#define AW_STARCACHE_KEY_MAX 256
#endif

/* ---- JSON integer scan (aw_json.c) ---- */
/* Deepest nesting of objects and arrays (one bit each in the context);
 * deeper -> AW_ERR_TOOBIG. GitHub's repository object nests 3 levels. */
#ifndef AW_JSON_DEPTH_MAX
#define AW_JSON_DEPTH_MAX 64
#endif

/* ---- blame parser (aw_blame.c) ---- */
/* Bytes kept of a header / key line of `git blame --line-porcelain`:
 * "<40 hex> <orig> <final> <n>" and "committer-time <secs>" fit easily;
 * the rest of a longer line (other keys) is skipped. */
#ifndef AW_BLAME_LINE_MAX
#define AW_BLAME_LINE_MAX 96
#endif

/* ---- incremental replay (aw_delta.c) ---- */
/* Item occurrences of one version (duplicates count) and top-level
 * headings of one version that an aw_delta_ctx tracks; more -> AW_ERR_FULL. */
#ifndef AW_DELTA_ITEMS_MAX
#define AW_DELTA_ITEMS_MAX 16384
#endif
#ifndef AW_DELTA_HEADS_MAX
#define AW_DELTA_HEADS_MAX 4096
#endif

/* ---- tracker (aw_track.c) ---- */
/* Distinct capacity names kept for the items a final version lost text
 * to (aw_track_stats.limits; more are counted, not named). */
#ifndef AW_TRACK_LIMITS_MAX
#define AW_TRACK_LIMITS_MAX 8
#endif

/* ---- network: HTTP client, feeds, config, state (aw_http.c, aw_feed.c,
 * aw_conf.c, aw_state.c) ---- */
/* aw_http: longest status / header / chunk-size / trailer line (bytes,
 * without CRLF): longer -> AW_ERR_TOOBIG. GitHub's longest headers
 * (Content-Security-Policy) are a few KiB. */
#ifndef AW_HTTP_LINE_MAX
#define AW_HTTP_LINE_MAX 8192
#endif
/* aw_http: whole header section of one response (all lines). */
#ifndef AW_HTTP_HEADERS_MAX
#define AW_HTTP_HEADERS_MAX (64u * 1024u)
#endif
/* aw_http: kept ETag, Last-Modified, Content-Type, Location (each with its NUL). */
#ifndef AW_HTTP_ETAG_MAX
#define AW_HTTP_ETAG_MAX 256
#endif
#ifndef AW_HTTP_DATE_MAX
#define AW_HTTP_DATE_MAX 64
#endif
#ifndef AW_HTTP_CTYPE_MAX
#define AW_HTTP_CTYPE_MAX 128
#endif
#ifndef AW_HTTP_URL_MAX
#define AW_HTTP_URL_MAX 2048
#endif
/* aw_http_backoff: longest wait a server's Retry-After / rate-limit reset
 * can impose (seconds). */
#ifndef AW_HTTP_WAIT_MAX
#define AW_HTTP_WAIT_MAX (7 * 24 * 3600)
#endif

/* aw_feed: bytes kept of an entry's id, title, link and summary (with the
 * NUL); longer text is cut at a character boundary and flagged. */
#ifndef AW_FEED_ID_MAX
#define AW_FEED_ID_MAX 512
#endif
#ifndef AW_FEED_TITLE_MAX
#define AW_FEED_TITLE_MAX 1024
#endif
#ifndef AW_FEED_LINK_MAX
#define AW_FEED_LINK_MAX 2048
#endif
#ifndef AW_FEED_SUMMARY_MAX
#define AW_FEED_SUMMARY_MAX 4096
#endif
/* aw_feed: expat's billion-laughs protection: largest amplification
 * (output bytes per input byte) once AW_FEED_AMPL_THRESHOLD bytes of
 * entity expansion have been produced. Entity declarations are refused
 * anyway; this is the second line of defence. */
#ifndef AW_FEED_AMPL_MAX
#define AW_FEED_AMPL_MAX 100
#endif
#ifndef AW_FEED_AMPL_THRESHOLD
#define AW_FEED_AMPL_THRESHOLD (4u * 1024u * 1024u)
#endif
/* aw_feed: arena size a port should give expat (caller-owned; the
 * decoder reports AW_ERR_FULL when it is too small). A 20-entry GitHub
 * commit feed in 256-byte chunks needs about 11 KB on 64-bit hosts. */
#ifndef AW_FEED_ARENA_MAX
#define AW_FEED_ARENA_MAX (32u * 1024u)
#endif
/* aw_feed: largest piece handed to expat at once. aw_feed_feed slices
 * bigger chunks: expat (built with XML_CONTEXT_BYTES, as Debian's is)
 * copies each piece into its input buffer, which grows to the next power
 * of two above the piece, inside the arena. A 16.6 KB commit feed in one
 * piece peaked at 41,904 B, in 1 KB slices at 14,272 B. */
#ifndef AW_FEED_SLICE_MAX
#define AW_FEED_SLICE_MAX 1024
#endif
/* aw_conf: longest line, longest value (paths, URLs), owner / repository
 * / branch / feed names (each with its NUL), sources and feeds. */
#ifndef AW_CONF_LINE_MAX
#define AW_CONF_LINE_MAX 1024
#endif
#ifndef AW_CONF_VALUE_MAX
#define AW_CONF_VALUE_MAX 512
#endif
#ifndef AW_CONF_NAME_MAX
#define AW_CONF_NAME_MAX 128
#endif
#ifndef AW_CONF_SOURCES_MAX
#define AW_CONF_SOURCES_MAX 128
#endif
#ifndef AW_CONF_FEEDS_MAX
#define AW_CONF_FEEDS_MAX 64
#endif
/* aw_state: largest record (one item with its markdown, identifier and
 * texts; one source; one feed entry) the decoder buffers; the encoder
 * refuses larger ones (AW_ERR_TOOBIG) so that every file it writes can
 * be read back by the same build. */
#ifndef AW_STATE_RECORD_MAX
#define AW_STATE_RECORD_MAX (192u * 1024u)
#endif
/* ---- HTTP/1.1 request parser (aw_httpd.c) ---- */
/* Request line + header section bytes kept per connection (431 beyond;
 * at most 65535: offsets are 16-bit). */
#ifndef AW_HTTPD_HEAD_MAX
#define AW_HTTPD_HEAD_MAX 8192
#endif
/* Longest request line (414 URI Too Long beyond). */
#ifndef AW_HTTPD_LINE_MAX
#define AW_HTTPD_LINE_MAX 4096
#endif
/* Header fields of one request (431 beyond). */
#ifndef AW_HTTPD_HEADERS_MAX
#define AW_HTTPD_HEADERS_MAX 64
#endif
/* Largest Content-Length accepted (and skipped; 413 beyond). */
#ifndef AW_HTTPD_BODY_MAX
#define AW_HTTPD_BODY_MAX 65536
#endif
/* Empty lines tolerated before a request line (400 beyond). */
#ifndef AW_HTTPD_EMPTY_LINES_MAX
#define AW_HTTPD_EMPTY_LINES_MAX 4
#endif

/* ---- update logic of a list source (aw_src.c) ---- */
/* commit feed entries kept per poll (GitHub's per-file feed shows 20) */
#ifndef AW_SRC_FEED_MAX
#define AW_SRC_FEED_MAX 20
#endif
/* commits remembered as seen (a merged side branch's older commits are
 * recognised as new by their absence from this set, not by position) */
#ifndef AW_SRC_SEEN_MAX
#define AW_SRC_SEEN_MAX 64
#endif
/* bytes of a kept ETag / Last-Modified, with the NUL (longer: not kept) */
#ifndef AW_SRC_TAG_MAX
#define AW_SRC_TAG_MAX 128
#endif

/* ---- update logic of a feed source (aw_fsrc.c) ---- */
/* entries a feed's record holds at most (the largest `keep`) */
#ifndef AW_FSRC_ENTRIES_MAX
#define AW_FSRC_ENTRIES_MAX 256
#endif
/* entries kept per feed when awtrack.conf sets no `keep` */
#ifndef AW_FSRC_KEEP
#define AW_FSRC_KEEP 50
#endif
/* keys of dropped entries remembered (not re-added while the feed shows them) */
#ifndef AW_FSRC_GONE_MAX
#define AW_FSRC_GONE_MAX 256
#endif
/* text bytes (id, title, link, summary) of a feed's kept entries */
#ifndef AW_FSRC_ARENA_MAX
#define AW_FSRC_ARENA_MAX (256u * 1024u)
#endif
/* bytes of a summary kept (longer ones cut at a UTF-8 boundary, with an ellipsis) */
#ifndef AW_FSRC_SUMMARY_MAX
#define AW_FSRC_SUMMARY_MAX 500
#endif

/* ---- small displays (aw_display, aw_font) ---- */
/* widest character display / bitmap text line, in columns */
#ifndef AW_DISP_COLS_MAX
#define AW_DISP_COLS_MAX 128
#endif
/* bytes of one laid-out line: 4 per column (any code point), 1 per column
 * of padding, and room for combining marks; marks beyond it are dropped,
 * never split */
#ifndef AW_DISP_LINE_MAX
#define AW_DISP_LINE_MAX (6 * AW_DISP_COLS_MAX + 64)
#endif
/* largest framebuffer side accepted (aw_font_fb_init, aw_png_begin), pixels */
#ifndef AW_FONT_FB_SIDE_MAX
#define AW_FONT_FB_SIDE_MAX 4096u
#endif
#if AW_FONT_FB_SIDE_MAX < 8 || AW_FONT_FB_SIDE_MAX > 65535
#error "AW_FONT_FB_SIDE_MAX must be in 8..65535 (aw_font_fb sides are 16-bit)"
#endif
#if AW_DISP_COLS_MAX < 8 || AW_DISP_COLS_MAX > 4096 || AW_DISP_LINE_MAX < 5 * AW_DISP_COLS_MAX + 16
#error "AW_DISP_COLS_MAX must be in 8..4096 and AW_DISP_LINE_MAX >= 5 * AW_DISP_COLS_MAX + 16"
#endif

/* ---- sanity checks: values that cannot work ---- */
#if AW_INL_NODES_MAX < 8 || AW_INL_NODES_MAX > 0x7fffffff
#error "AW_INL_NODES_MAX must be in 8..2^31-1 (int32_t node links)"
#endif
#if AW_INL_TEXT_MAX < 64 || AW_INL_TEXT_MAX > 0x7fffffff
#error "AW_INL_TEXT_MAX must be in 64..2^31-1"
#endif
#if AW_INL_DELIMS_MAX < 1 || AW_INL_DELIMS_MAX > 0x7fffffff || AW_INL_BRACKETS_MAX < 1 || AW_INL_BRACKETS_MAX > 0x7fffffff
#error "AW_INL_DELIMS_MAX and AW_INL_BRACKETS_MAX must be in 1..2^31-1"
#endif
#if AW_INL_DEPTH_MAX < 4
#error "AW_INL_DEPTH_MAX must be >= 4"
#endif
#if AW_MD_LINE_MAX < 16 || AW_MD_TEXT_MAX < 64 || AW_MD_NODES_MAX < 8
#error "AW_MD_LINE_MAX >= 16, AW_MD_TEXT_MAX >= 64, AW_MD_NODES_MAX >= 8"
#endif
#if AW_MD_TEXT_MAX > 0xffffffff || AW_MD_NODES_MAX > 0xffffffff || AW_MD_TEXT_MAX < AW_MD_LINE_MAX
#error "AW_MD_TEXT_MAX and AW_MD_NODES_MAX must fit in 32 bits, and AW_MD_TEXT_MAX >= AW_MD_LINE_MAX (a line's text must fit)"
#endif
#if AW_MD_DEPTH_MAX < 4 || AW_MD_DEPTH_MAX > 255
#error "AW_MD_DEPTH_MAX must be in 4..255 (the node depth is a byte)"
#endif
#if AW_MD_ITEM_MAX < 64 || AW_MD_IDENT_MAX < 64 || AW_MD_CAT_MAX < 16 || AW_MD_DEF_LABEL_MAX < 64
#error "AW_MD_ITEM_MAX, AW_MD_IDENT_MAX >= 64, AW_MD_CAT_MAX >= 16, AW_MD_DEF_LABEL_MAX >= 64"
#endif
#if AW_MD_DEFS_MAX < 1 || AW_MD_DEF_POOL_MAX < AW_MD_DEF_LABEL_MAX || AW_MD_DEF_POOL_MAX > 0xffffffff
#error "AW_MD_DEFS_MAX >= 1, AW_MD_DEF_LABEL_MAX <= AW_MD_DEF_POOL_MAX < 2^32"
#endif
#if AW_MD_TABLE_COLS_MAX < 1
#error "AW_MD_TABLE_COLS_MAX must be >= 1"
#endif
#if AW_MD_PEND_ITEMS_MAX < 1 || AW_MD_PEND_BYTES_MAX < AW_MD_ITEM_MAX || AW_MD_PEND_BYTES_MAX > 0xffffffff
#error "AW_MD_PEND_ITEMS_MAX >= 1, AW_MD_ITEM_MAX <= AW_MD_PEND_BYTES_MAX < 2^32 (one item must fit)"
#endif
#if AW_MD_STREAM != 0 && AW_MD_STREAM != 1
#error "AW_MD_STREAM is 0 or 1"
#endif
#if AW_MD_TOC_LISTS_MAX < 1
#error "AW_MD_TOC_LISTS_MAX must be >= 1"
#endif
#if (AW_MD_CACHE_ITEMS_MAX & (AW_MD_CACHE_ITEMS_MAX - 1)) != 0 || AW_MD_CACHE_ITEMS_MAX < 2
#error "AW_MD_CACHE_ITEMS_MAX must be a power of two >= 2"
#endif
#if AW_MD_CACHE_POOL_MAX < AW_MD_IDENT_MAX || AW_MD_CACHE_POOL_MAX > 0xffffffff
#error "AW_MD_IDENT_MAX <= AW_MD_CACHE_POOL_MAX < 2^32 (one identifier must fit)"
#endif
#if (AW_STORE_DATEMAP_MAX & (AW_STORE_DATEMAP_MAX - 1)) != 0 || AW_STORE_DATEMAP_MAX < 2
#error "AW_STORE_DATEMAP_MAX must be a power of two >= 2"
#endif
#if AW_STORE_ITEMS_MAX < 1 || AW_STORE_ITEMS_MAX > 0x3fffffff
#error "AW_STORE_ITEMS_MAX must be in 1..2^30-1"
#endif
#if AW_STORE_IDENTS != 0 && AW_STORE_IDENTS != 1
#error "AW_STORE_IDENTS is 0 or 1"
#endif
#if AW_STORE_ARENA_MAX < 1 || AW_STORE_ARENA_MAX > 0xffffffff
#error "AW_STORE_ARENA_MAX must be in 1..2^32-1"
#endif
#if AW_STARS_MAP_MAX < 1 || AW_STARS_ARENA_MAX < 1 || AW_STARS_ARENA_MAX > 0xffffffff || AW_STARS_LINE_MAX < 8
#error "AW_STARS_MAP_MAX >= 1, AW_STARS_ARENA_MAX in 1..2^32-1, AW_STARS_LINE_MAX >= 8"
#endif
#if AW_STARCACHE_REPOS_MAX < 1 || AW_STARCACHE_REPOS_MAX > 0x3fffffff || AW_STARCACHE_KEY_MAX < 3 || \
    AW_STARCACHE_KEY_MAX > 0xffff || AW_STARCACHE_ARENA_MAX < AW_STARCACHE_KEY_MAX || \
    AW_STARCACHE_ARENA_MAX > 0xffffffff
#error "AW_STARCACHE_REPOS_MAX in 1..2^30-1, AW_STARCACHE_KEY_MAX in 3..65535, AW_STARCACHE_KEY_MAX <= AW_STARCACHE_ARENA_MAX < 2^32"
#endif
#if AW_JSON_DEPTH_MAX < 2 || AW_JSON_DEPTH_MAX > 65536
#error "AW_JSON_DEPTH_MAX must be in 2..65536"
#endif
#if AW_BLAME_LINE_MAX < 80
#error "AW_BLAME_LINE_MAX must be >= 80 (a blame header line with 10-digit line numbers)"
#endif
#if AW_DELTA_ITEMS_MAX < 1 || AW_DELTA_HEADS_MAX < 1
#error "AW_DELTA_ITEMS_MAX and AW_DELTA_HEADS_MAX must be >= 1"
#endif
#if AW_TRACK_LIMITS_MAX < 1
#error "AW_TRACK_LIMITS_MAX must be >= 1"
#endif

#if AW_HTTP_LINE_MAX < 64 || AW_HTTP_ETAG_MAX < 8 || AW_HTTP_DATE_MAX < 32 || \
    AW_HTTP_CTYPE_MAX < 16 || AW_HTTP_URL_MAX < 64 || AW_HTTP_HEADERS_MAX < AW_HTTP_LINE_MAX || \
    AW_HTTP_WAIT_MAX < 1
#error "AW_HTTP_LINE_MAX >= 64, AW_HTTP_ETAG_MAX >= 8, AW_HTTP_DATE_MAX >= 32, AW_HTTP_CTYPE_MAX >= 16, AW_HTTP_URL_MAX >= 64, AW_HTTP_HEADERS_MAX >= AW_HTTP_LINE_MAX, AW_HTTP_WAIT_MAX >= 1"
#endif

#if AW_FEED_ID_MAX < 64 || AW_FEED_TITLE_MAX < 16 || AW_FEED_LINK_MAX < 64 || \
    AW_FEED_SUMMARY_MAX < 16 || AW_FEED_AMPL_MAX < 2 || AW_FEED_AMPL_THRESHOLD < 1024
#error "AW_FEED_ID_MAX >= 64, AW_FEED_TITLE_MAX >= 16, AW_FEED_LINK_MAX >= 64, AW_FEED_SUMMARY_MAX >= 16, AW_FEED_AMPL_MAX >= 2, AW_FEED_AMPL_THRESHOLD >= 1024"
#endif
#if AW_FEED_ARENA_MAX < 4096
#error "AW_FEED_ARENA_MAX must be >= 4096 (expat's parser alone takes a few KB of the arena)"
#endif
#if AW_FEED_SLICE_MAX < 16 || AW_FEED_SLICE_MAX > AW_FEED_ARENA_MAX / 4
#error "16 <= AW_FEED_SLICE_MAX <= AW_FEED_ARENA_MAX / 4 (expat's buffer of a slice lives in the arena)"
#endif
#if AW_CONF_LINE_MAX < 64 || AW_CONF_VALUE_MAX < 64 || AW_CONF_NAME_MAX < 40 || \
    AW_CONF_SOURCES_MAX < 1 || AW_CONF_FEEDS_MAX < 1 || AW_CONF_VALUE_MAX > AW_CONF_LINE_MAX
#error "AW_CONF_LINE_MAX >= AW_CONF_VALUE_MAX >= 64, AW_CONF_NAME_MAX >= 40, AW_CONF_SOURCES_MAX and AW_CONF_FEEDS_MAX >= 1"
#endif
#if AW_STATE_RECORD_MAX < 256 || AW_STATE_RECORD_MAX > 0x7fffffff
#error "AW_STATE_RECORD_MAX must be in 256..2^31-1"
#endif
#if AW_FSRC_ENTRIES_MAX < 1 || AW_FSRC_KEEP < 1 || AW_FSRC_KEEP > AW_FSRC_ENTRIES_MAX || \
    AW_FSRC_GONE_MAX < 1 || AW_FSRC_SUMMARY_MAX < 16 || AW_FSRC_SUMMARY_MAX > AW_FEED_SUMMARY_MAX || \
    AW_FSRC_ARENA_MAX < AW_FEED_ID_MAX + AW_FEED_TITLE_MAX + AW_FEED_LINK_MAX + AW_FSRC_SUMMARY_MAX || \
    AW_FSRC_ARENA_MAX > 0x7fffffff
#error "1 <= AW_FSRC_KEEP <= AW_FSRC_ENTRIES_MAX, AW_FSRC_GONE_MAX >= 1, 16 <= AW_FSRC_SUMMARY_MAX <= AW_FEED_SUMMARY_MAX, AW_FSRC_ARENA_MAX holds one whole entry"
#endif
#if AW_SRC_FEED_MAX < 1 || AW_SRC_TAG_MAX < 32 || AW_SRC_SEEN_MAX < 2 * AW_SRC_FEED_MAX
#error "AW_SRC_FEED_MAX >= 1, AW_SRC_TAG_MAX >= 32, AW_SRC_SEEN_MAX >= 2 * AW_SRC_FEED_MAX"
#endif
#if AW_HTTPD_HEAD_MAX > 65535 || AW_HTTPD_HEAD_MAX < 256 || AW_HTTPD_LINE_MAX > AW_HTTPD_HEAD_MAX
#error "AW_HTTPD_HEAD_MAX must be in 256..65535 and >= AW_HTTPD_LINE_MAX"
#endif
#if AW_HTTPD_HEADERS_MAX < 1 || AW_HTTPD_HEADERS_MAX > 65535 || AW_HTTPD_EMPTY_LINES_MAX < 0
#error "AW_HTTPD_HEADERS_MAX must be in 1..65535, AW_HTTPD_EMPTY_LINES_MAX >= 0"
#endif
#if AW_HTTPD_BODY_MAX < 0
#error "AW_HTTPD_BODY_MAX must be >= 0"
#endif

#endif /* AW_OPT_H */
