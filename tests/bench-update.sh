#!/bin/sh
# bench-update.sh - wall time of `awtrack update` with N sources (default
# 50) against the local fake GitHub (tests/fakegh, TLS on 127.0.0.1), and
# the bytes on the wire of each kind of run. Not part of `make test` (it
# only measures). The N sources are aliases OWNER/REPO of the three
# bundled lists' histories (the fake serves one bare clone under every
# alias), each configured as a list of its own.
#
#   sh tests/bench-update.sh [N]       AW_BIN=... for another binary
#
# Runs, each timed: the baseline of all N (one feed and one raw file per
# source), a no-change poll (one 304 per source, three times), a
# one-commit update of all N (the head of every source moves one commit:
# feed + raw file each), and with stars = true the counts of every source
# (the fake's ratelimit set high), then a poll with fresh counts.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 1
AW=${AW_BIN:-$top/build/awtrack}
N=${1:-50}
PY=/usr/bin/python3
T=$(mktemp -d /tmp/awtrack-bench.XXXXXX)
FG=$T/fakegh
fgpid=
cleanup() { [ -n "$fgpid" ] && kill "$fgpid" 2>/dev/null; wait 2>/dev/null; rm -rf "$T"; }
trap cleanup EXIT INT TERM

CASES="Friz-zy/awesome-linux-containers ligurio/awesome-ci sindresorhus/quick-look-plugins"
repos="" keys="" i=0
while [ $i -lt $N ]; do
	c=$(echo $CASES | cut -d' ' -f$((i % 3 + 1)))
	k="bench$i/$(echo $c | cut -d/ -f2)"
	repos="$repos --repo $k=$top/tests/data/cases/$c/list.bundle"
	keys="$keys $k=$c"
	i=$((i + 1))
done
$PY tests/fakegh/fakegh.py --dir "$FG" $repos > "$T/fakegh.log" 2>&1 &
fgpid=$!
i=0
while [ ! -f "$FG/ports" ] && [ $i -lt 600 ]; do sleep 0.1; i=$((i + 1)); done
[ -f "$FG/ports" ] || { echo "fakegh did not start"; cat "$T/fakegh.log"; exit 1; }
. "$FG/ports"

C=$T/awtrack.conf
{
	printf '[awtrack]\nstate = %s/state\ngithub_url = https://127.0.0.1:%s\n' "$T" "$GITHUB_PORT"
	printf 'raw_url = https://localhost:%s\napi_url = https://127.0.0.1:%s\nca_file = %s/ca.crt\n' \
		"$RAW_PORT" "$API_PORT" "$FG"
	for kc in $keys; do
		k=${kc%%=*} c=${kc#*=}
		printf '\n[source %s]\n' "$k"
		$PY - "$top/tests/data/cases/$c/case.json" <<'EOP'
import json, sys
d = json.load(open(sys.argv[1])); o = d["options"]
print(f"file = {d['file']}\nbranch = {d['branch']}")
for k in ("type", "max_heading_level", "min_heading_level", "heading_level"):
    if k in o: print(f"{k} = {o[k]}")
if "is_parse_category" in o: print("is_parse_category = " + ("true" if o["is_parse_category"] else "false"))
EOP
	done
} > "$C"

# heads: every source one commit before its bundle's head, then the head
clones=$T/clones
mkdir -p "$clones"
resolve() { # which -> {"key": sha}
	$PY - "$1" "$clones" "$top" $keys <<'EOP'
import json, os, subprocess, sys
which, clones, top, pairs = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
out, memo = {}, {}
for p in pairs:
    k, c = p.split("=")
    if c not in memo:
        d = json.load(open(f"{top}/tests/data/cases/{c}/case.json"))
        g = os.path.join(clones, c.replace("/", "_"))
        if not os.path.isdir(g):
            subprocess.run(["git", "clone", "-q", "--bare", f"{top}/tests/data/cases/{c}/list.bundle", g],
                           check=True)
        log = subprocess.run(["git", "--git-dir", g, "log", "-n", "2", "--format=%H", "HEAD", "--",
                              d["file"]], capture_output=True, text=True).stdout.split()
        memo[c] = log[1] if which == "prev" else log[0]
    out[k] = memo[c]
print(json.dumps(out))
EOP
}
set_ctl() { printf '%s\n' "$1" > "$FG/ctl.tmp" && mv "$FG/ctl.tmp" "$FG/ctl.json"; }
PREV=$(resolve prev)
HEAD=$(resolve head)

now() { date +%s.%N; }
run() { # label -> one timed update, net stats
	t0=$(now)
	AWTRACK_NET_STATS=1 "$AW" -c "$C" -q update > /dev/null 2> "$T/err"
	rc=$?
	t1=$(now)
	net=$(grep 'net:' "$T/err" | sed 's/^awtrack: net: //')
	printf '%-34s %6.2f s  exit %d  %s\n' "$1" "$(awk "BEGIN { print $t1 - $t0 }")" $rc "$net"
	[ $rc = 0 ] || grep -v 'net:' "$T/err" | head -3
}

echo "awtrack update, $N sources, fake GitHub on 127.0.0.1 (TLS), $(nproc) CPUs"
set_ctl "{\"heads\": $PREV}"
run "baseline (feed + raw each)"
for r in 1 2 3; do run "no change (one 304 each), run $r"; done
set_ctl "{\"heads\": $HEAD}"
run "one new commit each (feed + raw)"
run "no change again"
sed -i '/^\[awtrack\]/a stars = true' "$C"
set_ctl "{\"heads\": $HEAD, \"stars_default\": \"hash\", \"ratelimit\": 1000000}"
run "stars: all counts (no cache)"
run "stars: cached, nothing due"
