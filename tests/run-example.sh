#!/bin/sh
# run-example.sh - `make run`: the weekly digest of the bundled example list
# (Friz-zy/awesome-linux-containers, whole history in a git bundle; no network).
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
ex=$top/tests/data/cases/Friz-zy/awesome-linux-containers
git_dir=$top/build/example.git
[ -d "$git_dir" ] || git clone -q --bare "$ex/list.bundle" "$git_dir"
exec ${AW_WRAP:-} "$top/build/awtrack" weekly --git "$git_dir" \
	--repo-url https://github.com/Friz-zy/awesome-linux-containers --branch master \
	--import d45bd9e463310e84b4f98ded542503751ff2d5c1 \
	--description "A curated list of awesome Linux Containers frameworks, libraries and software" \
	--stars "$ex/stars.tsv" --stars-total 1600 --tag Platforms "$@"
