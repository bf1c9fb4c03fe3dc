#!/bin/sh
# check-nomalloc.sh - prove that no core object references a heap function,
# for the host build and for every firmware board (cortex-m4: its flags are
# in boards/cortex-m4/board.mk), and print each board's code and static RAM.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 1
fail=0 pass=0
heap='^(malloc|calloc|realloc|free|aligned_alloc|posix_memalign|strdup|strndup)$'

check_objs() { # label objs...
	label=$1; shift
	bad=$(for f; do nm -u "$f" 2>/dev/null | awk '{print $NF}' | sed "s|^|$f: |"; done |
		awk -F': ' -v re="$heap" '$2 ~ re')
	if [ -n "$bad" ]; then
		echo "FAIL $label: heap references:"; echo "$bad"; fail=$((fail + 1))
	else
		echo "ok   $label: no heap references in $# objects"; pass=$((pass + 1))
	fi
}

check_objs "host core" build/core/*.o

# every board without a port is a firmware target: its core objects, built
# by `make BOARD=NAME` with the board's own compiler and flags
# (boards/NAME/board.mk), must not reference the heap either
for mk in boards/*/board.mk; do
	board=$(basename "$(dirname "$mk")")
	[ "$board" = host ] && continue
	vars=$(make -s --no-print-directory BOARD="$board" board-vars) || { fail=$((fail + 1)); continue; }
	eval "$vars"
	if ! command -v "$CC" >/dev/null 2>&1; then
		echo "check-nomalloc: NOTE: $CC not installed: $board check skipped"
		continue
	fi
	if make -s --no-print-directory BOARD="$board" > build/nomalloc-$board.log 2>&1; then
		echo "ok   $board: core compiles warning-free ($CC $BOARD_CFLAGS)"
		pass=$((pass + 1))
		bad=$(for f in "$B"/core/*.o; do $NM -u "$f" | awk '{print $NF}'; done | grep -E "$heap" || true)
		if [ -n "$bad" ]; then echo "FAIL $board heap references: $bad"; fail=$((fail + 1))
		else echo "ok   $board: no heap references"; pass=$((pass + 1)); fi
		sed 's/^/     /' build/nomalloc-$board.log
	else
		echo "FAIL $board: core does not compile:"; cat build/nomalloc-$board.log
		fail=$((fail + 1))
	fi
done
echo "check-nomalloc: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
