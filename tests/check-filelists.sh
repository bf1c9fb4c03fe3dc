#!/bin/sh
# check-filelists.sh - every core/*.c is in core/Filelists.mk and in
# core/Filelists.cmake (as make and CMake evaluate them), and the two list
# the same files, each of which exists. Whoever adds a core module is told
# here to list it.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 1
pass=0 fail=0
tmp=$(mktemp -d "${TMPDIR:-/tmp}/awfl.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT

ls core/*.c | sed 's|^core/||' | sort > "$tmp/disk"
make -s --no-print-directory print-core-src | tr ' ' '\n' | sed '/^$/d; s|^core/||' | sort > "$tmp/mk"
if command -v cmake >/dev/null 2>&1; then
	printf 'include("%s/core/Filelists.cmake")\nforeach(f ${AW_CORE_SRC})\n  message("${f}")\nendforeach()\n' \
		"$top" > "$tmp/print.cmake"
	cmake -P "$tmp/print.cmake" 2>&1 | sed "s|^$top/core/||" | sort > "$tmp/cmake"
else # no cmake: the file names the .cmake file mentions
	grep -o 'aw_[A-Za-z0-9_]*\.c' core/Filelists.cmake | sort -u > "$tmp/cmake"
fi

check() { # what list-file
	missing=$(comm -23 "$tmp/disk" "$tmp/$2")
	extra=$(comm -13 "$tmp/disk" "$tmp/$2")
	dup=$(uniq -d "$tmp/$2")
	if [ -z "$missing$extra$dup" ]; then
		echo "ok   $1 lists every core/*.c ($(wc -l < "$tmp/$2") files)"; pass=$((pass + 1))
	else
		[ -n "$missing" ] && echo "FAIL $1 does not list: $(echo $missing) (add the module's line)"
		[ -n "$extra" ] && echo "FAIL $1 lists files that do not exist: $(echo $extra)"
		[ -n "$dup" ] && echo "FAIL $1 lists twice: $(echo $dup)"
		fail=$((fail + 1))
	fi
}
check core/Filelists.mk mk
check core/Filelists.cmake cmake
echo "filelists: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
