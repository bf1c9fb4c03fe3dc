/*
 * sizes.c - one instance of every core context, in .bss, so that
 * `arm-none-eabi-nm -S` / `size` give the RAM a firmware needs with this
 * board's capacities (tests/check-nomalloc.sh prints them).
 */
#include "aw_blame.h"
#include "aw_conf.h"
#include "aw_feed.h"
#include "aw_http.h"
#include "aw_state.h"
#include "aw_md.h"
#include "aw_replay.h"
#include "aw_stars.h"
#include "aw_starcache.h"
#include "aw_store.h"

aw_md_ctx aw_board_md;
aw_datemap_ctx aw_board_map_a, aw_board_map_b;
aw_replay_ctx aw_board_replay;
aw_store_ctx aw_board_store;
aw_starmap_ctx aw_board_stars;
aw_starcache_ctx aw_board_starcache;
aw_blame_ctx aw_board_blame;
aw_http_ctx aw_board_http;
aw_feed_ctx aw_board_feed;
unsigned char aw_board_feed_arena[AW_FEED_ARENA_MAX];
aw_conf aw_board_conf;
aw_state_dec aw_board_state_dec;
