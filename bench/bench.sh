#!/bin/sh
# bench.sh - `make bench`: one table of awtrack's cost next to its floors and
# peers, measured in the same invocation (see bench/README.md):
#   1. full-history replay of avelino/awesome-go vs the git floor
#   2. list-parse throughput vs md4c and cmark (bench/parse_bench.c)
#   3. Cortex-M proxy: callgrind instructions per byte, Cortex-M4 -Os code
#      size and static RAM, context struct sizes
# It changes nothing outside build/bench and a temporary directory; it is
# not a test (no pass/fail), but it exits non-zero when a measured program
# fails.
#
# Environment: BENCH_RUNS (replay runs, default 3), BENCH_PARSE_RUNS (5),
# BENCH_PARSE_BYTES (20000000), BENCH_ONLY (replay,parse,mcu; default all),
# BENCH_MCU_BYTES (0 = the whole README under qemu-arm; N = first N bytes), BENCH_NO_SETUP=1
# (never install peers), AW_SHARED (default ../shared/data/lists).
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 1
runs=${BENCH_RUNS:-3}
pruns=${BENCH_PARSE_RUNS:-5}
pbytes=${BENCH_PARSE_BYTES:-20000000}
only=${BENCH_ONLY:-replay,parse,mcu}
shared=${AW_SHARED:-$top/../shared/data/lists}
case_dir=$shared/avelino/awesome-go
out=build/bench
status=0
mkdir -p $out
tmp=$(mktemp -d "${TMPDIR:-/tmp}/awbench.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM

want() { case ",$only," in *",$1,"*) return 0;; esac; return 1; }

# median of the numbers on stdin (one per line)
median() {
	sort -g | awk '{ v[NR] = $1 } END {
		if (NR == 0) { print "nan"; exit }
		if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# ---------------------------------------------------------------- machine
cpu=$(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null)
mem=$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo 2>/dev/null)
echo "== awtrack bench, $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "machine: $(nproc) CPU(s), ${cpu:-unknown CPU}, $mem RAM, $(uname -sm)"
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)" \
	"(wall times suffer when other jobs run; CPU times much less)"
echo "awtrack $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet HEAD -- core port 2>/dev/null || echo '+dirty'), $(${CC:-cc} --version | head -1), $(git --version)"

# ---------------------------------------------------------------- build
peers_missing() { [ ! -f /usr/include/md4c.h ] || [ ! -f /usr/include/cmark.h ] ||
	! command -v valgrind >/dev/null 2>&1 || ! command -v qemu-arm >/dev/null 2>&1; }
if peers_missing && [ -z "${BENCH_NO_SETUP:-}" ]; then
	if [ "$(id -u)" = 0 ] || sudo -n true 2>/dev/null; then
		sh bench/setup.sh > $out/setup.log 2>&1 ||
			echo "note: bench/setup.sh failed (see $out/setup.log): missing peers are skipped"
	else
		echo "note: md4c/cmark/valgrind/qemu-arm missing and not root: run 'sudo sh bench/setup.sh'"
	fi
fi
make -s build/awtrack build/libawcore.a || { echo "bench: make failed"; exit 1; }
CFL="-O2 -g -std=c11 -Wall -Wextra -Werror -Wshadow -Wvla"
${CC:-cc} $CFL bench/runstat.c -o $out/runstat || exit 1
${CC:-cc} $CFL -D_POSIX_C_SOURCE=200809L bench/drain.c -o $out/drain || exit 1
peer_def="" peer_lib=""
[ -f /usr/include/md4c.h ] && { peer_def="$peer_def -DHAVE_MD4C"; peer_lib="$peer_lib -lmd4c"; }
[ -f /usr/include/cmark.h ] && { peer_def="$peer_def -DHAVE_CMARK"; peer_lib="$peer_lib -lcmark"; }
${CC:-cc} $CFL -Icore -Iboards/host $peer_def bench/parse_bench.c build/libawcore.a $peer_lib \
	-o $out/parse_bench || exit 1

have_data=0
if [ -f "$case_dir/list.bundle" ]; then
	git clone -q --bare "$case_dir/list.bundle" "$tmp/go.git" && have_data=1
fi
if [ $have_data = 1 ]; then
	G=$tmp/go.git
	head=$(git -C "$G" rev-parse HEAD)
	c0=$(git -C "$G" log --reverse --format=%H -- README.md | head -1)
	git -C "$G" show "$head:README.md" > "$tmp/readme.md"
	readme=$tmp/readme.md
	rlabel="awesome-go README.md at HEAD"
else
	echo
	echo "NOTE: $case_dir not found (the shared data): replay skipped; the parse and"
	echo "      Cortex-M figures use the largest list of tests/data/cases instead"
	readme="" rlabel=""
	b=$(ls -S tests/data/cases/*/*/list.bundle 2>/dev/null | head -1)
	if [ -n "$b" ] && git clone -q --bare "$b" "$tmp/small.git"; then
		d=$(dirname "$b")
		f=$(sed -n 's/^ *"file": *"\([^"]*\)".*/\1/p' "$d/case.json" | head -1)
		git -C "$tmp/small.git" show "HEAD:${f:-README.md}" > "$tmp/readme.md" &&
			readme=$tmp/readme.md rlabel="$(basename "$(dirname "$d")")/$(basename "$d") ${f:-README.md} at HEAD"
	fi
fi

# ---------------------------------------------------------------- 1. replay
if want replay && [ $have_data = 1 ]; then
	# the versions awtrack reads: C0, every later commit touching the file
	# (git log C0..HEAD, all parents, as port/posix/awtrack.c lists them), HEAD
	{ echo "$c0"; git -C "$G" log --reverse --format=%H "$c0..$head" -- README.md; echo "$head"; } |
		sed 's/$/:README.md/' > "$tmp/specs"
	nver=$(wc -l < "$tmp/specs")
	bytes=$(git -C "$G" cat-file --batch-check < "$tmp/specs" | awk '{ s += $3 } END { print s }')
	echo
	echo "== 1. full-history replay of avelino/awesome-go README.md to the weekly page"
	echo "   $nver versions (--import $(echo $c0 | cut -c1-10) = first commit .. HEAD $(echo $head | cut -c1-10)), $bytes bytes ($(awk -v b=$bytes 'BEGIN { printf "%.1f", b / 1e6 }') MB) of README text, median of $runs runs"
	stars=""
	[ -f "$case_dir/stars.tsv" ] && stars="--stars $case_dir/stars.tsv"
	: > "$tmp/floor.txt"; : > "$tmp/pipe.txt"; : > "$tmp/aw.txt"
	i=0
	while [ $i -lt "$runs" ]; do
		i=$((i + 1))
		$out/runstat -o "$tmp/floor.txt" git -C "$G" cat-file --batch < "$tmp/specs" > /dev/null ||
			{ echo "bench: git cat-file failed"; status=1; }
		# the transport floor: the same blobs through a pipe into a reader
		# that does nothing (awtrack reads them the same way)
		G="$G" $out/runstat -o "$tmp/pipe.txt" sh -c 'git -C "$G" cat-file --batch | '"$out/drain"' 2>/dev/null' \
			< "$tmp/specs" || { echo "bench: git cat-file | drain failed"; status=1; }
		# shellcheck disable=SC2086
		$out/runstat -o "$tmp/aw.txt" build/awtrack weekly --git "$G" --file README.md \
			--repo-url https://github.com/avelino/awesome-go --branch main --tal-compat \
			--import "$c0" --head "$head" $stars --quiet > "$tmp/week.$i.md" 2> "$tmp/aw.err" ||
			{ echo "bench: awtrack failed:"; head -5 "$tmp/aw.err"; status=1; }
		cksum < "$tmp/week.$i.md" | cut -d' ' -f1 >> "$tmp/sums"
	done
	col() { awk -v c=$2 '{ print $c }' "$1" | median; } # file column
	fw=$(col $tmp/floor.txt 1) fu=$(col $tmp/floor.txt 2) fs=$(col $tmp/floor.txt 3) fr=$(col $tmp/floor.txt 4)
	pw=$(col $tmp/pipe.txt 1) pu=$(col $tmp/pipe.txt 2) ps=$(col $tmp/pipe.txt 3) pr=$(col $tmp/pipe.txt 4)
	aw=$(col $tmp/aw.txt 1) au=$(col $tmp/aw.txt 2) as=$(col $tmp/aw.txt 3) ar=$(col $tmp/aw.txt 4)
	asu=$(col $tmp/aw.txt 5) ass=$(col $tmp/aw.txt 6) ah=$(col $tmp/aw.txt 7)
	page=$(wc -c < "$tmp/week.1.md")
	awk -v b=$bytes -v fw=$fw -v fu=$fu -v fs=$fs -v fr=$fr -v aw=$aw -v au=$au -v as=$as \
		-v ar=$ar -v asu=$asu -v ass=$ass -v ah=$ah -v pw=$pw -v pu=$pu -v ps=$ps -v pr=$pr 'BEGIN {
		fc = fu + fs; ac = au + as; sc = asu + ass; pc = pu + ps
		printf "   %-34s %8s %8s %9s %10s %10s\n", "", "wall s", "CPU s", "peak RSS", "MB/s wall", "MB/s CPU"
		printf "   %-34s %8.2f %8.2f %6.1f MB %10.0f %10.0f\n", "git floor (cat-file --batch)", fw, fc, fr / 1024, b / 1e6 / fw, b / 1e6 / fc
		printf "   %-34s %8.2f %8.2f %6.1f MB %10.0f %10.0f\n", "pipe floor (cat-file | drain)", pw, pc, pr / 1024, b / 1e6 / pw, b / 1e6 / pc
		printf "   %-34s %8.2f %8.2f %6.1f MB %10.1f %10.1f\n", "awtrack weekly (with its git)", aw, ac, ar / 1024, b / 1e6 / aw, b / 1e6 / ac
		printf "   %-34s %8s %8.2f %6.1f MB %10s %10.1f\n", "  awtrack process alone", "", sc, ah / 1024, "", b / 1e6 / sc
		printf "   %-34s %7.1fx %7.1fx %9s   (target: wall <= 2x, RSS <= 16 MB)\n", "ratio awtrack / git floor", aw / fw, ac / fc, ""
		printf "   %-34s %7.1fx %7.1fx\n", "ratio pipe floor / git floor", pw / fw, pc / fc
		printf "   %-34s %7.1fx %7.1fx\n", "ratio awtrack / pipe floor", aw / pw, ac / pc }'
	awk -v n=$nver -v w=$aw -v c=$asu -v s=$ass 'BEGIN { printf "   per version: %.2f ms wall, %.2f ms CPU of the awtrack process\n", 1000 * w / n, 1000 * (c + s) / n }'
	echo "   (git children of awtrack: blame, log, cat-file; peak RSS with git = largest process of the tree)"
	# shellcheck disable=SC2086
	AWTRACK_DELTA_STATS=1 build/awtrack weekly --git "$G" --file README.md --import "$c0" \
		--head "$head" --quiet 2>&1 > /dev/null | sed -n 's/^awtrack: delta: /   versions: /p'
	echo "   (same: identical to the previous version; windows: only the part between the"
	echo "    top-level ATX headings around the change was parsed; whole: parsed whole)"
	if [ "$(sort -u "$tmp/sums" | wc -l)" -ne 1 ]; then
		echo "   WARNING: the weekly page differed between runs"; status=1
	else
		echo "   weekly page: $page bytes, identical in every run"
	fi
fi

# ---------------------------------------------------------------- 2. parse
if want parse && [ -n "$readme" ]; then
	echo
	echo "== 2. list-parse throughput (parse only, in memory, one process; CPU time is the figure)"
	$out/parse_bench -n "$pruns" -s "$pbytes" -l "$rlabel" "$readme" | sed 's/^/   /' || status=1
	echo "   (target: awtrack >= 2x md4c; cmark here is plain CommonMark, no GFM tables)"
fi

# ---------------------------------------------------------------- 3. mcu
if want mcu; then
	echo
	echo "== 3. Cortex-M proxy"
	# the core as Cortex-M4 objects: `make BOARD=cortex-m4` (the board's
	# compiler and flags are in boards/cortex-m4/board.mk, nowhere else)
	cm4_ok=0
	if command -v arm-none-eabi-gcc >/dev/null 2>&1; then
		eval "$(make -s --no-print-directory BOARD=cortex-m4 board-vars | sed 's/^/CM4_/; s/ \([A-Z_]*=\)/ CM4_\1/g')"
		M4="$CM4_BOARD_CFLAGS -std=c11 -Icore -Iboards/cortex-m4 -DAW_BOARD_OPTS_H=\"aw_board_opts.h\""
		rm -rf $out/cm4
		cm4_ok=1
		make -s --no-print-directory BOARD=cortex-m4 B=$out/cm4 $out/cm4/libawcore.a || cm4_ok=0
		[ $cm4_ok = 1 ] || { echo "   core does not compile for Cortex-M4 (see above)"; status=1; }
	fi

	if command -v valgrind >/dev/null 2>&1 && [ -n "$readme" ]; then
		rb=$(wc -c < "$readme")
		echo "   instructions per README byte, host x86-64 -O2 build (valgrind callgrind, Ir counted"
		echo "   inside the parse call only; one parse of the $rb-byte HEAD README):"
		for e in aw0s aw0 aw0i aw1 md4c cmark; do
			case $e in aw*) fn=bench_run_aw;; md4c) fn=bench_run_md4c;; *) fn=bench_run_cmark;; esac
			case $e in
			aw0s) what="awtrack tracker parse, render=0 (one verified pass; a new version)";;
			aw0) what="awtrack scan+items, render=0 (per replayed version)";;
			aw0i) what="awtrack items pass only, render=0";;
			aw1) what="awtrack scan+items, render=1 (final version)";;
			md4c) what="md4c md_parse, empty callbacks";;
			cmark) what="cmark cmark_parse_document";;
			esac
			case "$peer_def $e" in *HAVE_MD4C*" md4c"|*HAVE_CMARK*" cmark"|*" aw"*) ;; *) continue;; esac
			ir=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null --toggle-collect=$fn \
				$out/parse_bench -1 -s 0 -e $e "$readme" 2>&1 >/dev/null |
				awk '/Collected :/ { print $NF }')
			[ -n "$ir" ] || { echo "   $e: callgrind failed"; status=1; continue; }
			awk -v ir=$ir -v b=$rb -v e=$e -v w="$what" \
				'BEGIN { printf "     %-6s %12d Ir %8.1f Ir/byte  %s\n", e, ir, ir / b, w }'
		done
	else
		echo "   callgrind: valgrind not installed (bench/setup.sh): skipped"
	fi

	# Cortex-M4 instruction count: the parser built for the M4, run by
	# qemu-arm; executed translation blocks (-d exec,nochain) times their
	# sizes (-d in_asm). Slow (~1 s per million instructions on a busy
	# machine): BENCH_MCU_BYTES=N runs it on the first N bytes only.
	if [ $cm4_ok = 1 ] && command -v qemu-arm >/dev/null 2>&1 && [ -n "$readme" ]; then
		# shellcheck disable=SC2086
		arm-none-eabi-gcc $M4 -Wall -Wextra -Werror -nostartfiles -static --specs=nano.specs \
			-Wl,-e,_start -Wl,--gc-sections bench/mcu_count.c $out/cm4/core/*.o -o $out/mcu_count.elf ||
			status=1
		mb=${BENCH_MCU_BYTES:-0}
		if [ "$mb" -gt 0 ]; then # whole lines, at most $mb bytes
			awk -v m=$mb '{ n += length($0) + 1; if (n > m) exit; print }' "$readme" > $tmp/slice.md
			what="the first $(wc -c < $tmp/slice.md) bytes of the README, whole lines"
		else
			cp "$readme" $tmp/slice.md
			what="the same $(wc -c < $tmp/slice.md) bytes"
		fi
		sb=$(wc -c < $tmp/slice.md)
		qcount() { # passes -> "instructions missing-blocks"
			qemu-arm -d in_asm,exec,nochain -D /dev/stdout $out/mcu_count.elf $tmp/slice.md $1 |
			awk '/^IN:/ { intb = 1; pc = ""; n = 0; next }
			intb && /^0x[0-9a-f]+:/ { if (pc == "") pc = substr($1, 3, 8); n++; next }
			intb { if (pc != "") size[pc] = n; intb = 0 }
			/^Trace / { split($4, f, "/"); if (f[2] in size) t += size[f[2]]; else miss++ }
			END { printf "%.0f %d\n", t, miss }'
		}
		q1=$(qcount 1) q0=$(qcount 0)
		x1=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null --toggle-collect=bench_run_aw \
			$out/parse_bench -1 -s 0 -e aw0 $tmp/slice.md 2>&1 >/dev/null | awk '/Collected :/ { print $NF }')
		echo "   instructions per README byte, Cortex-M4 -Os build (qemu-arm, executed Thumb-2"
		echo "   instructions, exact; $what):"
		echo "$q1 $q0 ${x1:-0}" | awk -v b=$sb '{
			if ($2 || $4) { print "     count failed (blocks without a translation)"; exit 1 }
			n = $1 - $3
			printf "     aw0    %12d insn %8.1f insn/byte  awtrack scan+items, render=0 (callgrind on the same bytes: %.1f Ir/byte)\n", n, n / b, $5 / b }' ||
			status=1
	else
		echo "   Cortex-M4 instruction count: skipped (needs arm-none-eabi-gcc and qemu-arm: bench/setup.sh)"
	fi

	# sizes of the context structs and the option values in effect, read
	# back from symbol sizes (nm -S) so no target code has to run
	opts=$(sed -n 's/^#define \(AW_[A-Z0-9_]*\) .*/\1/p' core/aw_opt.h | grep -v '^AW_OPT_H$' | sort -u)
	structs="aw_md_ctx aw_store_ctx aw_datemap_ctx aw_starmap_ctx aw_replay_ctx aw_blame_ctx aw_inl_scratch"
	{
		echo '#include "aw_md.h"'
		echo '#include "aw_store.h"'
		echo '#include "aw_stars.h"'
		echo '#include "aw_replay.h"'
		echo '#include "aw_blame.h"'
		for t in $structs; do echo "char awbench_sizeof_$t[sizeof($t)];"; done
		for m in $opts; do echo "char awbench_opt_$m[($m) + 1];"; done
	} > $out/sizes.c
	sizes() { # nm objfile prefix
		$1 -S "$2" | awk -v p="$3" '$4 ~ "^" p { sub("^" p, "", $4); print $4, $2 }' |
			while read -r n h; do echo "$n $((0x$h))"; done
	}
	${CC:-cc} -std=c11 -fno-common -Icore -Iboards/host -c $out/sizes.c -o $out/sizes-host.o || status=1
	sizes nm $out/sizes-host.o awbench_sizeof_ > $tmp/s-host
	: > $tmp/s-cm4; : > $tmp/o-cm4
	if [ $cm4_ok = 1 ]; then
		# shellcheck disable=SC2086
		arm-none-eabi-gcc $M4 -fno-common -c $out/sizes.c -o $out/sizes-cm4.o || status=1
		sizes arm-none-eabi-nm $out/sizes-cm4.o awbench_sizeof_ > $tmp/s-cm4
		sizes arm-none-eabi-nm $out/sizes-cm4.o awbench_opt_ > $tmp/o-cm4
	fi
	echo "   context structs (sizeof, bytes; RAM the application places, the core has no other state):"
	printf "     %-16s %12s %12s\n" struct "host x86-64" "cortex-m4"
	for t in $structs; do
		h=$(awk -v t=$t '$1 == t { print $2 }' $tmp/s-host)
		c=$(awk -v t=$t '$1 == t { print $2 }' $tmp/s-cm4)
		note=""; [ $t = aw_inl_scratch ] && note="(part of aw_md_ctx)"
		printf "     %-16s %12s %12s %s\n" $t "${h:--}" "${c:--}" "$note"
	done
	[ -s $tmp/s-cm4 ] && awk '$1 ~ /^(aw_md_ctx|aw_store_ctx|aw_starmap_ctx|aw_replay_ctx|aw_blame_ctx)$/ { s += $2 }
		$1 == "aw_datemap_ctx" { s += 2 * $2 }
		END { printf "     %-16s %12s %12d = %.0f KiB: md + 2 datemaps + replay + store + starmap + blame (as the CLI)\n", "total", "", s, s / 1024 }' $tmp/s-cm4
	if [ -s $tmp/o-cm4 ]; then
		echo "   capacities in effect on cortex-m4 (boards/cortex-m4/aw_board_opts.h over core/aw_opt.h):"
		awk '{ printf "%s=%d\n", $1, $2 - 1 }' $tmp/o-cm4 | paste -sd' ' | fold -s -w 92 | sed 's/^/     /'
	fi

	if [ $cm4_ok = 1 ]; then
		echo "   core code size on Cortex-M4 (arm-none-eabi-gcc -mcpu=cortex-m4 -mthumb -Os; text = code + const):"
		arm-none-eabi-size $out/cm4/core/*.o | awk 'NR > 1 {
			n = $6; sub(".*/", "", n); sub("[.]o$", "", n); l = l sep n " " $1
			sep = (++k % 6 == 0) ? "\n     " : ",  "
			t += $1; d += $2; b += $3 }
			END { printf "     %s\n", l
			      printf "     all objects, unlinked:   text %6d B = %5.1f KiB   (data + bss: %d B)\n", t, t / 1024, d + b }'
		# linked with --gc-sections: every public function of the core kept
		# (the whole API), and the parser alone (mcu_count.elf)
		# (aw_feed.o left out: it calls expat, which a firmware builds and
		# links itself; its own size is in the table above)
		objs=$(ls $out/cm4/core/*.o | grep -v '/aw_feed[.]o$')
		# shellcheck disable=SC2086
		keep=$(arm-none-eabi-nm -g --defined-only $objs | awk '$2 == "T" { printf " -Wl,-u,%s", $3 }')
		# shellcheck disable=SC2086
		if arm-none-eabi-gcc $M4 -nostartfiles -static --specs=nano.specs -Wl,-e,_start \
			-Wl,--gc-sections $keep bench/mcu_count.c $objs -o $out/core_all.elf; then
			arm-none-eabi-size $out/core_all.elf | awk 'NR == 2 { printf "     linked, whole API kept:  text %6d B = %5.1f KiB   (incl. newlib string functions; without aw_feed, which needs expat)\n", $1, $1 / 1024 }'
		fi
		[ -f $out/mcu_count.elf ] && arm-none-eabi-size $out/mcu_count.elf |
			awk 'NR == 2 { printf "     linked, parser only:     text %6d B = %5.1f KiB   (bench/mcu_count.c: aw_md + aw_inline + entities)\n", $1, $1 / 1024 }'
		echo "     (targets: code <= 48 KiB, static RAM <= 16 KiB with the board's capacities)"
	fi
fi
exit $status
