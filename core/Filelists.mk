# Core source lists, one per module, for make and other build systems that
# read make syntax (ESP-IDF, Zephyr, PlatformIO scripts, ...). The same
# lists for CMake: core/Filelists.cmake. Every file is portable C11 with no
# I/O and no heap; compile with -I$(AW_CORE_DIR), the board's directory and
# -DAW_BOARD_OPTS_H='"aw_board_opts.h"' (see core/aw_opt.h).
# aw_feed.c includes <expat.h>: a program that calls it links expat.
#
# A new module: add its line here and in Filelists.cmake, and its name to
# AW_CORE_MODULES; `make test` (tests/check-filelists.sh) fails until every
# core/*.c is in both.
AW_CORE_DIR ?= core

AW_CORE_SRC_BUF      = $(AW_CORE_DIR)/aw_buf.c
AW_CORE_SRC_SHA1     = $(AW_CORE_DIR)/aw_sha1.c
AW_CORE_SRC_TIME     = $(AW_CORE_DIR)/aw_time.c
AW_CORE_SRC_ENTITIES = $(AW_CORE_DIR)/aw_entities.c
AW_CORE_SRC_INLINE   = $(AW_CORE_DIR)/aw_inline.c
AW_CORE_SRC_MD       = $(AW_CORE_DIR)/aw_md.c $(AW_CORE_DIR)/aw_md_block.c $(AW_CORE_DIR)/aw_md_items.c $(AW_CORE_DIR)/aw_md_ser.c
AW_CORE_SRC_BLAME    = $(AW_CORE_DIR)/aw_blame.c
AW_CORE_SRC_REPLAY   = $(AW_CORE_DIR)/aw_replay.c
AW_CORE_SRC_DELTA    = $(AW_CORE_DIR)/aw_delta.c
AW_CORE_SRC_STORE    = $(AW_CORE_DIR)/aw_store.c
AW_CORE_SRC_TRACK    = $(AW_CORE_DIR)/aw_track.c
AW_CORE_SRC_DIGEST   = $(AW_CORE_DIR)/aw_digest.c
AW_CORE_SRC_STARS    = $(AW_CORE_DIR)/aw_stars.c
AW_CORE_SRC_JSON     = $(AW_CORE_DIR)/aw_json.c
AW_CORE_SRC_STARSYNC = $(AW_CORE_DIR)/aw_starcache.c
AW_CORE_SRC_RENDER   = $(AW_CORE_DIR)/aw_render.c
AW_CORE_SRC_HTTP     = $(AW_CORE_DIR)/aw_http.c
AW_CORE_SRC_FEED     = $(AW_CORE_DIR)/aw_feed.c
AW_CORE_SRC_CONF     = $(AW_CORE_DIR)/aw_conf.c
AW_CORE_SRC_STATE    = $(AW_CORE_DIR)/aw_state.c
AW_CORE_SRC_SRC      = $(AW_CORE_DIR)/aw_src.c
AW_CORE_SRC_FSRC     = $(AW_CORE_DIR)/aw_fsrc.c
AW_CORE_SRC_FEEDOUT  = $(AW_CORE_DIR)/aw_feedout.c
AW_CORE_SRC_HTML     = $(AW_CORE_DIR)/aw_html.c
AW_CORE_SRC_HTTPD    = $(AW_CORE_DIR)/aw_httpd.c
AW_CORE_SRC_DISPLAY  = $(AW_CORE_DIR)/aw_display.c $(AW_CORE_DIR)/aw_display_tab.c
AW_CORE_SRC_FONT     = $(AW_CORE_DIR)/aw_font.c $(AW_CORE_DIR)/aw_font_6x10.c $(AW_CORE_DIR)/aw_font_6x13.c
AW_CORE_SRC_PNG      = $(AW_CORE_DIR)/aw_png.c

AW_CORE_MODULES = BUF SHA1 TIME ENTITIES INLINE MD BLAME REPLAY DELTA STORE TRACK DIGEST STARS JSON STARSYNC RENDER HTTP FEED CONF STATE SRC FSRC FEEDOUT HTML HTTPD DISPLAY FONT PNG
AW_CORE_SRC = $(foreach m,$(AW_CORE_MODULES),$(AW_CORE_SRC_$(m)))
