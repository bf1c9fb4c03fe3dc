#!/bin/sh
# cli.sh - `make fuzz-cli`: build awtrack with ASan+UBSan (build/asan-cli)
# and run the CLI fuzzer (tests/fuzz/cli.mjs) for FUZZ_SECONDS (default 60).
# Failing histories are kept in build/fuzz-cli/. Needs node + the reference
# packages (npm ci in tests/oracle).
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"
san='-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all'
make -s B=build/asan-cli CFLAGS="$san" build/asan-cli/awtrack >/dev/null
[ -d tests/oracle/node_modules ] || (cd tests/oracle && npm ci --no-audit --no-fund >/dev/null)
exec node tests/fuzz/cli.mjs --aw build/asan-cli/awtrack --seconds "${FUZZ_SECONDS:-60}" ${FUZZ_SEED:+--seed $FUZZ_SEED}
