#!/bin/sh
# valgrind.sh - the CLI on the bundled example under valgrind memcheck:
# no invalid access, no leak (definite or indirect), exit status 0.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
if ! command -v valgrind >/dev/null 2>&1; then
	echo "valgrind: NOTE: valgrind not installed: skipped"; echo "valgrind: 0 passed, 0 failed"; exit 0
fi
log=$top/build/valgrind.log
if AW_WRAP="valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect --log-file=$log" \
	sh "$top/tests/run-example.sh" --quiet >/dev/null 2>&1 &&
   [ ! -s "$log" ]; then
	echo "ok   valgrind: awtrack weekly on the bundled example is memcheck-clean"
	echo "valgrind: 1 passed, 0 failed"
else
	echo "FAIL valgrind: see $log"; head -30 "$log"
	echo "valgrind: 0 passed, 1 failed"; exit 1
fi
