#!/bin/sh
# Differential test: build/awparse against the npm reference (tests/oracle/items.mjs) on
# every version of every real list in the data bundles. See tests/oracle/README.md.
#   sh tests/oracle/difftest.sh [--sample] [--awparse PATH] [--show N] [--case OWNER/REPO]
#      [--cached-only]   (full run, but only versions whose oracle output is already cached)
# Final line: `difftest: N passed, M failed` (N, M count items). Exit 0 only if M == 0.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
set -u
set -o pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
ORACLE=$ROOT/tests/oracle
DATA=${AW_DATA:-$ROOT/../shared/data/lists}
SAMPLE=0
AWPARSE=build/awparse
SHOW=5
ONLY=
CACHED_ONLY=0
SMALL=200	# --sample: cases with more versions than this are sampled
NSAMPLE=25
CHUNK=100	# files per node process (progress granularity)

while [ $# -gt 0 ]; do
	case $1 in
	--sample) SAMPLE=1 ;;
	--awparse) AWPARSE=${2:?--awparse needs a path}; shift ;;
	--show) SHOW=${2:?--show needs a number}; shift ;;
	--case) ONLY=${2:?--case needs owner/repo}; shift ;;
	--cached-only) CACHED_ONLY=1 ;;
	-h|--help) sed -n '2,6p' "$0"; exit 0 ;;
	*) echo "difftest: unknown argument $1" >&2; exit 2 ;;
	esac
	shift
done
case $AWPARSE in /*) ;; *) AWPARSE=$ROOT/$AWPARSE ;; esac

if [ ! -x "$AWPARSE" ]; then
	echo "difftest: $AWPARSE is missing: build it first (make build/awparse)" >&2
	exit 2
fi
command -v node >/dev/null || { echo "difftest: node is not installed" >&2; exit 2; }
if [ ! -d "$ORACLE/node_modules" ]; then
	echo "difftest: installing the reference packages (npm ci)"
	(cd "$ORACLE" && npm ci --no-audit --no-fund >/dev/null) || { echo "difftest: npm ci failed" >&2; exit 2; }
fi

TMP=$(mktemp -d "${TMPDIR:-/tmp}/difftest.XXXXXX") || exit 2
trap 'rm -rf "$TMP"' EXIT
trap 'exit 130' INT TERM HUP
CACHE=$ROOT/build/oracle-cache
mkdir -p "$CACHE"

# case dirs: the shared data, plus bundles committed under tests/data
CASES=()
# a shared case replaces the bundled copy of the same list
for d in "$DATA"/*/*/ "$ROOT"/tests/data/cases/*/*/; do
	d=${d%/}
	[ -f "$d/case.json" ] && [ -f "$d/list.bundle" ] || continue
	k=$(basename "$(dirname "$d")")/$(basename "$d")
	dup=0
	for e in "${CASES[@]}"; do
		[ "$(basename "$(dirname "$e")")/$(basename "$e")" = "$k" ] && dup=1
	done
	[ $dup = 1 ] || CASES+=("$d")
done
if [ ${#CASES[@]} -eq 0 ]; then
	echo "difftest: no case found (no $DATA, no tests/data/cases/<owner>/<repo>/list.bundle): skipped"
	echo "difftest: 0 passed, 0 failed"
	exit 0
fi

# case.json -> shell-safe fields and the option flags of both tools (one per line)
casefields() {
	node -e '
		const c = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"))
		const o = c.options || {}
		const out = [c.owner, c.repo, c.file, c.url_branch || c.branch, c.head_commit]
		const f = []
		if (o.type) f.push("--type", o.type)
		if (o.max_heading_level) f.push("--max-heading-level", String(o.max_heading_level))
		if (o.min_heading_level) f.push("--min-heading-level", String(o.min_heading_level))
		if (o.heading_level) f.push("--heading-level", String(o.heading_level))
		if (o.is_parse_category === false) f.push("--no-category")
		console.log(out.join("\n"))
		console.log(f.join("\n"))
	' "$1"
}

TOTAL_PASS=0
TOTAL_FAIL=0
for d in "${CASES[@]}"; do
	mapfile -t F < <(casefields "$d/case.json") || { echo "difftest: bad $d/case.json"; TOTAL_FAIL=$((TOTAL_FAIL + 1)); continue; }
	owner=${F[0]} repo=${F[1]} file=${F[2]} branch=${F[3]} head=${F[4]}
	OPTS=()
	for x in "${F[@]:5}"; do [ -n "$x" ] && OPTS+=("$x"); done
	name=$owner/$repo
	[ -n "$ONLY" ] && [ "$ONLY" != "$name" ] && continue
	stars=$d/stars.tsv
	[ -f "$stars" ] || stars=/dev/null
	ARGS=("${OPTS[@]}" --repo-url "https://github.com/$name" --branch "$branch" --file "$file" --stars "$stars")

	W=$TMP/${owner}+${repo}
	mkdir -p "$W/v" "$W/o" "$W/c"
	git clone -q --bare "$d/list.bundle" "$W/repo.git" || { echo "== $name: clone failed"; TOTAL_FAIL=$((TOTAL_FAIL + 1)); continue; }
	# every version of the file reachable from head, newest first, identical blobs once
	git -C "$W/repo.git" log --format="%H" "$head" -- "$file" > "$W/commits"
	sed "s|\$|:$file|" "$W/commits" | git -C "$W/repo.git" cat-file --batch-check='%(objectname) %(objecttype)' |
		paste -d ' ' "$W/commits" - | awk '$3 == "blob" && !seen[$2]++ { print $1, $2 }' > "$W/all"
	nall=$(wc -l < "$W/all")
	if [ "$SAMPLE" = 1 ] && [ "$nall" -gt "$SMALL" ]; then
		# fixed spread over the history: first, last and evenly spaced in between
		awk -v n="$nall" -v k="$NSAMPLE" 'BEGIN { for (i = 0; i < k; i++) want[int(i * (n - 1) / (k - 1)) + 1] = 1 }
			want[NR]' "$W/all" > "$W/versions"
	else
		cp "$W/all" "$W/versions"
	fi

	# node side, cached per blob under a key of everything its output depends on
	# (contents, not paths: the same case reached through another path shares the cache)
	key=$( { printf '%s\n' "${ARGS[@]:0:${#ARGS[@]}-1}"; cat "$stars" "$ORACLE/items.mjs" "$ORACLE/package-lock.json"; } | sha1sum | cut -c1-16)
	KD=$CACHE/$key
	mkdir -p "$KD"
	if [ "$CACHED_ONLY" = 1 ]; then
		while read -r c b; do [ -f "$KD/$b.jsonl" ] && echo "$c $b"; done < "$W/versions" > "$W/cached"
		mv "$W/cached" "$W/versions"
	fi
	nver=$(wc -l < "$W/versions")
	echo "== $name ($file${OPTS[*]:+, ${OPTS[*]}}): $nver of $nall distinct versions"

	while read -r c b; do
		git -C "$W/repo.git" cat-file blob "$b" > "$W/v/$b.md"
	done < "$W/versions"
	: > "$W/todo"
	while read -r c b; do
		[ -f "$KD/$b.jsonl" ] || echo "$W/v/$b.md" >> "$W/todo"
	done < "$W/versions"
	# blob order is random order over the history: any cached prefix is a fair sample
	sort -o "$W/todo" "$W/todo"
	ntodo=$(wc -l < "$W/todo")
	if [ "$ntodo" -gt 0 ]; then
		split -l "$CHUNK" -d -a 4 "$W/todo" "$W/chunk."
		done_n=0
		for ch in "$W"/chunk.*; do
			mkdir -p "$W/part"
			node "$ORACLE/items.mjs" "${ARGS[@]}" --batch "$ch" 2> "$W/node.err" |
				awk -v dir="$W/part" '/^#FILE / { if (out) close(out); n = split(substr($0, 7), p, "/"); f = p[n]; sub(/\.md$/, "", f); out = dir "/" f ".jsonl"; printf "" > out; next } { print > out }'
			if [ $? -ne 0 ]; then
				echo "difftest: items.mjs failed on $ch:"; head -5 "$W/node.err"
				rm -rf "$W/part"; break
			fi
			mv "$W"/part/*.jsonl "$KD"/ 2>/dev/null
			rm -rf "$W/part"
			done_n=$((done_n + $(wc -l < "$ch")))
			[ "$ntodo" -gt "$CHUNK" ] && echo "   oracle: $done_n/$ntodo versions parsed"
		done
	fi

	# C side, one process per version
	: > "$W/manifest"
	while read -r c b; do
		"$AWPARSE" "${ARGS[@]}" "$W/v/$b.md" > "$W/c/$b.jsonl" 2> "$W/c/$b.err"
		rc=$?
		if [ $rc -ge 128 ]; then
			echo "   awparse crashed (status $rc) on $c:$file"
			rm -f "$W/c/$b.jsonl"
		fi
		echo "$c $b $KD/$b.jsonl $W/c/$b.jsonl" >> "$W/manifest"
	done < "$W/versions"

	node "$ORACLE/compare.mjs" "$SHOW" < "$W/manifest" > "$W/result"
	res=$(tail -n 1 "$W/result")
	set -- $res
	sed '$d' "$W/result"
	echo "   versions compared: $2, items compared: $(($3 + $4)), items differing: $4 (in $5 versions)"
	TOTAL_PASS=$((TOTAL_PASS + $3))
	TOTAL_FAIL=$((TOTAL_FAIL + $4))
	rm -rf "$W"
done

echo "difftest: $TOTAL_PASS passed, $TOTAL_FAIL failed"
[ "$TOTAL_FAIL" -eq 0 ]
