# Core source lists, one per module, for CMake (the same lists as
# core/Filelists.mk). Use:
#
#   include(path/to/core/Filelists.cmake)
#   add_library(awcore STATIC ${AW_CORE_SRC})
#   target_include_directories(awcore PUBLIC ${AW_CORE_INCLUDE_DIRS} path/to/board)
#   target_compile_definitions(awcore PUBLIC AW_BOARD_OPTS_H="aw_board_opts.h")
#
# Every file is portable C11 with no I/O and no heap (aw_feed.c includes
# <expat.h>: a program that calls it links expat). A new module: add its
# line here and in Filelists.mk; `make test` (tests/check-filelists.sh)
# fails until every core/*.c is in both. tests/cmake/ is a project that
# builds the core from this file.
get_filename_component(AW_CORE_DIR "${CMAKE_CURRENT_LIST_DIR}" ABSOLUTE)

set(AW_CORE_SRC_BUF      ${AW_CORE_DIR}/aw_buf.c)
set(AW_CORE_SRC_SHA1     ${AW_CORE_DIR}/aw_sha1.c)
set(AW_CORE_SRC_TIME     ${AW_CORE_DIR}/aw_time.c)
set(AW_CORE_SRC_ENTITIES ${AW_CORE_DIR}/aw_entities.c)
set(AW_CORE_SRC_INLINE   ${AW_CORE_DIR}/aw_inline.c)
set(AW_CORE_SRC_MD       ${AW_CORE_DIR}/aw_md.c ${AW_CORE_DIR}/aw_md_block.c ${AW_CORE_DIR}/aw_md_items.c ${AW_CORE_DIR}/aw_md_ser.c)
set(AW_CORE_SRC_BLAME    ${AW_CORE_DIR}/aw_blame.c)
set(AW_CORE_SRC_REPLAY   ${AW_CORE_DIR}/aw_replay.c)
set(AW_CORE_SRC_DELTA    ${AW_CORE_DIR}/aw_delta.c)
set(AW_CORE_SRC_STORE    ${AW_CORE_DIR}/aw_store.c)
set(AW_CORE_SRC_TRACK    ${AW_CORE_DIR}/aw_track.c)
set(AW_CORE_SRC_DIGEST   ${AW_CORE_DIR}/aw_digest.c)
set(AW_CORE_SRC_STARS    ${AW_CORE_DIR}/aw_stars.c)
set(AW_CORE_SRC_JSON     ${AW_CORE_DIR}/aw_json.c)
set(AW_CORE_SRC_STARSYNC ${AW_CORE_DIR}/aw_starcache.c)
set(AW_CORE_SRC_RENDER   ${AW_CORE_DIR}/aw_render.c)
set(AW_CORE_SRC_HTTP     ${AW_CORE_DIR}/aw_http.c)
set(AW_CORE_SRC_FEED     ${AW_CORE_DIR}/aw_feed.c)
set(AW_CORE_SRC_CONF     ${AW_CORE_DIR}/aw_conf.c)
set(AW_CORE_SRC_STATE    ${AW_CORE_DIR}/aw_state.c)
set(AW_CORE_SRC_SRC      ${AW_CORE_DIR}/aw_src.c)
set(AW_CORE_SRC_FSRC     ${AW_CORE_DIR}/aw_fsrc.c)
set(AW_CORE_SRC_FEEDOUT  ${AW_CORE_DIR}/aw_feedout.c)
set(AW_CORE_SRC_HTML     ${AW_CORE_DIR}/aw_html.c)
set(AW_CORE_SRC_HTTPD    ${AW_CORE_DIR}/aw_httpd.c)
set(AW_CORE_SRC_DISPLAY  ${AW_CORE_DIR}/aw_display.c ${AW_CORE_DIR}/aw_display_tab.c)
set(AW_CORE_SRC_FONT     ${AW_CORE_DIR}/aw_font.c ${AW_CORE_DIR}/aw_font_6x10.c ${AW_CORE_DIR}/aw_font_6x13.c)
set(AW_CORE_SRC_PNG      ${AW_CORE_DIR}/aw_png.c)

set(AW_CORE_MODULES BUF SHA1 TIME ENTITIES INLINE MD BLAME REPLAY DELTA STORE TRACK DIGEST STARS JSON STARSYNC RENDER HTTP FEED CONF STATE SRC FSRC FEEDOUT HTML HTTPD DISPLAY FONT PNG)
set(AW_CORE_SRC)
foreach(m ${AW_CORE_MODULES})
  list(APPEND AW_CORE_SRC ${AW_CORE_SRC_${m}})
endforeach()
set(AW_CORE_INCLUDE_DIRS ${AW_CORE_DIR})
