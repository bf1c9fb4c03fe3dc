#!/bin/sh
# golden.sh - byte-for-byte comparison of awtrack's weekly and daily bodies
# with the pages trackawesomelist really published (or, where the real page
# depends on poller outages git cannot show, the reference replay's output,
# as named by each case.json). Cases: tests/data/cases (always) and
# ../shared/data/lists (when present; it has the large awesome-go case).
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
aw=${AW_BIN:-$top/build/awtrack}
work=$top/build/golden
[ -n "${AW_BIN:-}" ] && work=$top/build/golden-$(basename "$(dirname "$AW_BIN")")
mkdir -p "$work"
pass=0 fail=0
shared=${AW_SHARED:-$top/../shared/data/lists}

cases=""
for d in "$top"/tests/data/cases/*/*; do cases="$cases $d"; done
if [ -d "$shared" ]; then
	for d in "$shared"/*/*; do
		k=$(basename "$(dirname "$d")")/$(basename "$d")
		# the shared copy of a case replaces the bundled one
		cases=$(echo "$cases" | tr ' ' '\n' | grep -v "/cases/$k\$" | tr '\n' ' ')
		cases="$cases $d"
	done
elif [ "$shared" = none ]; then
	echo "golden: bundled cases only (AW_SHARED=none)"
else
	echo "golden: NOTE: $shared not found: skipping the shared cases (avelino/awesome-go)"
fi

check() { # name expected-file actual-file
	if cmp -s "$2" "$3"; then
		pass=$((pass + 1)); echo "ok   $1"
	else
		fail=$((fail + 1)); echo "FAIL $1 (diff: diff $2 $3)"
		diff "$2" "$3" | head -20
	fi
}

run_case() { # dir mode(seed|"")
	d=$1; mode=$2
	name=$(basename "$(dirname "$d")")/$(basename "$d")
	git_dir=$work/$(echo "$name" | tr / _).git
	[ -d "$git_dir" ] || git clone -q --bare "$d/list.bundle" "$git_dir" || { fail=$((fail+1)); return; }
	flags=$(node "$top/tests/caseargs.mjs" "$d" flags $mode) &&
	week=$(node "$top/tests/caseargs.mjs" "$d" week $mode) &&
	day=$(node "$top/tests/caseargs.mjs" "$d" day $mode) || { fail=$((fail+1)); return; }
	set -f; old_ifs=$IFS; IFS='
'
	set -- $flags
	IFS=$old_ifs; set +f
	tag=$name${mode:+ ($mode)}
	start=$(date +%s)
	"$aw" weekly --git "$git_dir" "$@" > "$work/out.week" 2> "$work/err" ||
		{ echo "FAIL $tag weekly: awtrack failed:"; head -5 "$work/err"; fail=$((fail+1)); return; }
	check "$tag weekly ($(($(date +%s) - start)) s)" "$d/$week" "$work/out.week"
	if [ "$day" != "-" ]; then
		"$aw" daily --git "$git_dir" "$@" > "$work/out.day" 2> "$work/err" ||
			{ echo "FAIL $tag daily: awtrack failed:"; head -5 "$work/err"; fail=$((fail+1)); return; }
		check "$tag daily" "$d/$day" "$work/out.day"
	fi
}

for d in $cases; do
	run_case "$d" ""
	[ -f "$d/seed-case.json" ] && run_case "$d" seed
done
echo "${AW_GOLDEN_NAME:-golden}: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
