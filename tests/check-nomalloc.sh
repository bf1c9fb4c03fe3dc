#!/bin/sh
# check-nomalloc.sh - prove that no core object references a heap function,
# for the host build and for a Cortex-M4 build (-Os, -ffreestanding), and
# print the core's Cortex-M4 code and static RAM size.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 1
fail=0 pass=0
heap='^(malloc|calloc|realloc|free|aligned_alloc|posix_memalign|strdup|strndup)$'

check_objs() { # label objs...
	label=$1; shift
	bad=$(for f; do nm -u "$f" 2>/dev/null | awk '{print $NF}' | sed "s|^|$f: |"; done |
		awk -F': ' -v re="$heap" '$2 ~ re')
	if [ -n "$bad" ]; then
		echo "FAIL $label: heap references:"; echo "$bad"; fail=$((fail + 1))
	else
		echo "ok   $label: no heap references in $# objects"; pass=$((pass + 1))
	fi
}

check_objs "host core" build/core/*.o

if command -v arm-none-eabi-gcc >/dev/null 2>&1; then
	out=build/cm4
	mkdir -p $out
	ok=1
	for src in core/*.c; do
		o=$out/$(basename "$src" .c).o
		arm-none-eabi-gcc -mcpu=cortex-m4 -mthumb -ffreestanding -Os -std=c11 \
			-Wall -Wextra -Werror -Wshadow -Wvla -ffunction-sections -fdata-sections \
			-Icore -Iboards/cortex-m4 -DAW_BOARD_OPTS_H='"aw_board_opts.h"' \
			-c "$src" -o "$o" || { ok=0; echo "FAIL cortex-m4: $src does not compile"; }
	done
	if [ $ok = 1 ]; then
		echo "ok   cortex-m4: core compiles warning-free (-mcpu=cortex-m4 -mthumb -ffreestanding -Os)"
		pass=$((pass + 1))
		NM=arm-none-eabi-nm
		bad=$(for f in $out/*.o; do $NM -u "$f" | awk '{print $NF}'; done | grep -E "$heap" || true)
		if [ -n "$bad" ]; then echo "FAIL cortex-m4 heap references: $bad"; fail=$((fail + 1))
		else echo "ok   cortex-m4: no heap references"; pass=$((pass + 1)); fi
		arm-none-eabi-size -t $out/*.o | tail -1 |
			awk '{printf "     cortex-m4 core: text %d B (code+const), data %d B, bss %d B\n", $1, $2, $3}'
		# RAM of one instance of each context with this board's capacities
		arm-none-eabi-gcc -mcpu=cortex-m4 -mthumb -ffreestanding -Os -std=c11 -Wall -Wextra \
			-Werror -Icore -Iboards/cortex-m4 -DAW_BOARD_OPTS_H='"aw_board_opts.h"' \
			-c boards/cortex-m4/sizes.c -o build/cm4-sizes.o &&
		arm-none-eabi-nm -S --size-sort build/cm4-sizes.o | while read -r _ sz _ name; do
			printf '     %-18s %7d B\n' "${name#aw_board_}" "$((0x$sz))"; done
	else
		fail=$((fail + 1))
	fi
else
	echo "check-nomalloc: NOTE: arm-none-eabi-gcc not installed: Cortex-M check skipped"
fi
echo "check-nomalloc: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
