#!/bin/sh
# run-all.sh - `make test`: every test that needs no network, each step's
# output kept in build/test-logs, then one total line.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 1
logs=build/test-logs
rm -rf $logs; mkdir -p $logs
status=0
step() { # name command...
	name=$1; shift
	echo "==== $name"
	"$@" > $logs/$name.log 2>&1
	rc=$?
	cat $logs/$name.log
	[ $rc -eq 0 ] || { echo "==== $name FAILED (exit $rc)"; status=1; }
}
step unit make -s unit
# the streaming item path of the boards (AW_MD_STREAM) with host capacities
STREAM="B=build/stream CPPFLAGS=-DAW_MD_STREAM=1"
step unit-stream sh -c "make -s $STREAM build/stream/asan/test_md build/stream/asan/test_delta \
	build/stream/asan/test_track build/stream/awparse >/dev/null && build/stream/asan/test_md && \
	build/stream/asan/test_delta && build/stream/asan/test_track"
step cli sh tests/cli.sh
# awtrack update against the fake GitHub on 127.0.0.1 (TLS, faults, crashes)
step update sh tests/update.sh
step cli-fidelity sh tests/cli-fidelity.sh
step golden sh tests/golden.sh
# the same core with the Cortex-M4 board's capacities, on the host
step golden-cm4 sh -c 'make -s board-host OPTS=cortex-m4 >/dev/null &&
	AW_BIN=build/cortex-m4-host/awtrack AW_SHARED=none AW_GOLDEN_NAME=golden-cm4 sh tests/golden.sh'
# small displays on the bundled real lists: bitmap goldens, PNG decoded, text fits
step outputs-display sh tests/outputs-display/run.sh
step nomalloc sh tests/check-nomalloc.sh
# the core's source lists (core/Filelists.mk, .cmake) list every core/*.c,
# and a CMake project builds the core from Filelists.cmake alone
step filelists sh tests/check-filelists.sh
step cmake sh tests/cmake/run.sh
step install sh tests/install.sh
step valgrind sh tests/valgrind.sh
# feeds, dashboard and serve read back by real clients (readers, Chromium, ab)
step outputs sh tests/outputs/run.sh
# the differential test against the npm reference packages needs Node.js
# and the npm registry (for `npm ci`); a sample runs here, all of it in
# `make difftest-full`
if command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1; then
	step difftest sh tests/oracle/difftest.sh --sample
	step difftest-stream sh tests/oracle/difftest.sh --sample --awparse build/stream/awparse
	# one verified pass (aw_md_begin_single), two where it does not verify
	step difftest-single env AWPARSE_SINGLE=1 sh tests/oracle/difftest.sh --sample
	# bytes that are not UTF-8 are classified as the reference does (aw_utf8.h)
	step invalid-utf8 node tests/oracle/invalid-utf8.mjs
	# whole pages of histories against the reference replay (pages.mjs)
	step pagediff sh tests/pagediff.sh --sample
else
	echo "==== difftest: SKIPPED (node/npm not installed)"
fi
# total of every "<name>: N passed, M failed" line
cat $logs/*.log | awk '
	/^[A-Za-z0-9_.-]+: [0-9]+ passed, [0-9]+ failed/ { p += $2; f += $4 }
	END { printf "\ntotal: %d passed, %d failed\n", p, f; exit (f > 0) }' || status=1
exit $status
