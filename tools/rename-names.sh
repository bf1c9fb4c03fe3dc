#!/bin/sh
# rename-names.sh - the mechanical rename of issue 8 ("one naming scheme"):
# options AW_<MODULE>_<THING>_MAX, state types *_ctx, one prefix per module.
# Idempotent. To carry a branch made before the rename over it: rebase, and
# where it conflicts take your side, then run `sh tools/rename-names.sh`
# and rebuild. Applies to every tracked text file except tests/data.
# (Temporary: removed once every branch has moved over.)
set -eu
cd "$(dirname "$0")/.."
git ls-files -z -- . ':!tests/data' ':!tools/rename-names.sh' | xargs -0 grep -lIE \
	'AW_(INL|MD|DATEMAP|STORE|STARMAP)_|aw_(replay|store|datemap|starmap|delta|inline|civil|day|iso|week|parse_hhmm|title|entity)' |
xargs -r perl -pi -e '
	s/\bAW_INL_MAX_(NODES|TEXT|DELIMS|BRACKETS|DEPTH)\b/AW_INL_$1_MAX/g;
	s/\bAW_MD_DEF_POOL\b/AW_MD_DEF_POOL_MAX/g;
	s/\bAW_MD_DEF_TMP\b/AW_MD_DEF_LABEL_MAX/g;
	s/\bAW_MD_TABLE_COLS\b/AW_MD_TABLE_COLS_MAX/g;
	s/\bAW_MD_PEND_MAX\b/AW_MD_PEND_BYTES_MAX/g;
	s/\bAW_MD_PEND_ITEMS\b/AW_MD_PEND_ITEMS_MAX/g;
	s/\bAW_MD_TOC_LISTS\b/AW_MD_TOC_LISTS_MAX/g;
	s/\bAW_MD_CACHE_ITEMS\b/AW_MD_CACHE_ITEMS_MAX/g;
	s/\bAW_MD_CACHE_POOL\b/AW_MD_CACHE_POOL_MAX/g;
	s/\bAW_DATEMAP_MAX\b/AW_STORE_DATEMAP_MAX/g;
	s/\bAW_STORE_ARENA\b/AW_STORE_ARENA_MAX/g;
	s/\bAW_STARMAP_MAX\b/AW_STARS_MAP_MAX/g;
	s/\bAW_STARMAP_ARENA\b/AW_STARS_ARENA_MAX/g;
	s/\bAW_STARMAP_LINE_MAX\b/AW_STARS_LINE_MAX/g;
	s/\bAW_STARMAP_SLOTS\b/AW_STARS_MAP_SLOTS/g;
	s/\bAW_INL_MAX_\*/AW_INL_*_MAX/g;
	s/\baw_(replay|store|datemap|starmap|delta)\b(?!\.[ch]\b)/aw_$1_ctx/g if $ARGV =~ /\.(c|h|sh)$/;
	s/\baw_inline_(render|rewrite_html|trim)\b/aw_inl_$1/g;
	s/\baw_(civil_from_days|day_key|day_label|day_path|iso_week|week_key|week_label|week_path|parse_hhmm_list)\b/aw_time_$1/g;
	s/\baw_title_case\b/aw_render_title_case/g;
	s/\baw_entity_lookup\b/aw_entities_lookup/g;
'
