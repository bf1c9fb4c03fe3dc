#!/bin/sh
# run-example.sh - `make run`: the weekly digest of the bundled example list
# (Friz-zy/awesome-linux-containers, whole history in a git bundle; no
# network), with awtrack's defaults: every entry dated by the commit that
# added it. (tests/golden.sh compares the --tal-compat pages.)
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
ex=$top/tests/data/cases/Friz-zy/awesome-linux-containers
git_dir=$top/build/example.git
[ -d "$git_dir" ] || git clone -q --bare "$ex/list.bundle" "$git_dir"
exec ${AW_WRAP:-} "$top/build/awtrack" weekly --git "$git_dir" \
	--repo-url https://github.com/Friz-zy/awesome-linux-containers --branch master \
	--stars "$ex/stars.tsv" "$@"
