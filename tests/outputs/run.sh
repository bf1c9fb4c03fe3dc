#!/bin/sh
# run.sh - the outputs people read, checked by real clients (make test):
# feeds of the bundled list (and of the shared lists when ../shared exists)
# read back by python3-feedparser, sfeed, newsboat and xmllint, JSON Feed
# by a 1.1 rules checker, the dashboard in headless Chromium (DOM and
# 800x480 / phone screenshots in build/outputs/shots), a hostile list, and
# `awtrack serve` under ab with malformed requests running alongside.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 1
aw=${AW_BIN:-$top/build/awtrack}
py=/usr/bin/python3
work=$top/build/outputs
mkdir -p "$work"
status=0

missing=""
$py -c 'import feedparser' 2>/dev/null || missing="$missing python3-feedparser"
for t in sfeed newsboat xmllint chromium ab; do
	command -v $t >/dev/null 2>&1 || missing="$missing $t"
done
if [ -n "$missing" ]; then
	echo "outputs: SKIPPED: not installed:$missing (sh tools/setup-tests.sh installs them)"
	exit 0
fi

cases="$top/tests/data/cases/Friz-zy/awesome-linux-containers"
shared=${AW_SHARED:-$top/../shared/data/lists}
if [ -d "$shared" ]; then
	for d in "$shared"/*/*; do
		[ -f "$d/case.json" ] || continue
		case $d in */Friz-zy/awesome-linux-containers) continue ;; esac
		cases="$cases $d"
	done
else
	echo "outputs: NOTE: $shared not found: only the bundled list is read back (shared lists skipped)"
fi
set --
for d in $cases; do set -- "$@" --case "$d"; done
$py tests/outputs/check_outputs.py --awtrack "$aw" --work "$work" --shots "$work/shots" --hostile "$@" ||
	status=1

ex=$top/tests/data/cases/Friz-zy/awesome-linux-containers
[ -d "$work/example.git" ] || git clone -q --bare "$ex/list.bundle" "$work/example.git"
$py tests/outputs/check_serve.py --awtrack "$aw" --git "$work/example.git" \
	--repo-url https://github.com/Friz-zy/awesome-linux-containers --branch master \
	--import d45bd9e463310e84b4f98ded542503751ff2d5c1 --stars "$ex/stars.tsv" || status=1
exit $status
