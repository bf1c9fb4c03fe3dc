#!/bin/sh
# run.sh - build tests/cmake (the core from core/Filelists.cmake, nothing
# from the Makefile) with CMake in build/cmake and run its smoke program.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
out=$top/build/cmake
if ! command -v cmake >/dev/null 2>&1; then
	echo "cmake: NOTE: cmake not installed (tools/setup-tests.sh): skipped"
	exit 0
fi
rm -rf "$out"
cmake -S "$top/tests/cmake" -B "$out" >/dev/null &&
cmake --build "$out" >"$out/build.log" 2>&1 || {
	cat "$out/build.log" 2>/dev/null; echo "cmake: 0 passed, 1 failed"; exit 1; }
"$out/smoke"
