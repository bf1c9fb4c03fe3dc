#!/bin/sh
# run.sh - `make fuzz`: build the libFuzzer harness of the list parser with
# clang (ASan + UBSan) and run it for FUZZ_SECONDS (default 60) on a seed
# corpus made from the real list snapshots in tests/data/md.
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
out=$top/build/fuzz
mkdir -p "$out/corpus"
clang -std=c11 -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
	-I"$top/core" "$top"/core/*.c "$top/tests/fuzz/fuzz_md.c" -o "$out/fuzz_md"
for f in "$top"/tests/data/md/*.md; do
	b=$(basename "$f")
	# three header bytes: mode / options, flags, chunk size
	head -c 6000 "$f" | (printf '\000\000\020'; cat) >"$out/corpus/$b.list"
	head -c 6000 "$f" | (printf '\001\001\007'; cat) >"$out/corpus/$b.table"
	head -c 6000 "$f" | (printf '\002\002\003'; cat) >"$out/corpus/$b.heading"
done
cd "$out"
exec ./fuzz_md -max_total_time="${FUZZ_SECONDS:-60}" -max_len=8192 -print_final_stats=1 corpus
