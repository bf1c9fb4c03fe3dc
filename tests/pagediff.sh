#!/bin/sh
# pagediff.sh - whole-page differential test (tests/oracle/pagediff.mjs):
# awtrack's weekly and daily pages (--tal-compat) against the reference
# replay on the npm packages TAL uses.
#   sh tests/pagediff.sh [--sample]   test lists' histories + generated ones
#   sh tests/pagediff.sh --lists      real lists (opt-in, `make difftest-lists`):
#       every line of tests/pagediff-lists.txt, "owner/repo file [opts]",
#       whose git dir exists under $AW_MIRROR (default /work/.mirror,
#       owner+repo/repo, owner+repo/*.git or owner+repo); says which were found
# Needs node and npm (npm ci in tests/oracle once); says so and passes
# without them. Last line: `pagediff: N passed, M failed` (pages).
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 1
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
	echo "pagediff: SKIPPED (node/npm not installed)"
	echo "pagediff: 0 passed, 0 failed"
	exit 0
fi
if [ ! -d tests/oracle/node_modules ]; then
	(cd tests/oracle && npm ci --no-audit --no-fund >/dev/null) ||
		{ echo "pagediff: npm ci failed"; echo "pagediff: 0 passed, 1 failed"; exit 1; }
fi
[ -x build/awtrack ] || make -s build/awtrack >/dev/null || exit 1
if [ "${1:-}" = --lists ]; then
	shift
	mirror=${AW_MIRROR:-/work/.mirror}
	set -- --no-cases --no-generated "$@"
	found=0
	while read -r name file opts; do
		case $name in ''|'#'*) continue ;; esac
		key=$(echo "$name" | tr / +)
		d=
		for c in "$mirror/$key/repo" "$mirror/$key"/*.git "$mirror/$key.git" "$mirror/$key"; do
			[ -d "$c" ] && git --git-dir="$c" rev-parse -q --verify HEAD >/dev/null 2>&1 && { d=$c; break; }
		done
		if [ -z "$d" ]; then echo "pagediff: $name: not fetched (no git dir under $mirror/$key)"; continue; fi
		found=$((found + 1))
		set -- "$@" --list "$name=$d:$file${opts:+:$opts}"
	done < tests/pagediff-lists.txt
	echo "pagediff: $found real lists found"
fi
exec node tests/oracle/pagediff.mjs "$@"
