#!/bin/sh
# install.sh - `make install` into a temporary DESTDIR, with the default
# PREFIX and with another one: the program runs from there, every man page
# (docs/*.1, docs/*.5) is in place, and uninstall
# removes what install put there.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 1
pass=0 fail=0
tmp=$(mktemp -d "${TMPDIR:-/tmp}/awinst.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
ok() { if eval "$2"; then pass=$((pass + 1)); echo "ok   $1"; else fail=$((fail + 1)); echo "FAIL $1"; fi; }

make -s install DESTDIR="$tmp/d1" > "$tmp/log1" 2>&1; rc=$?
ok "make install DESTDIR=... (default PREFIX)" '[ $rc -eq 0 ] || { cat "$tmp/log1"; false; }'
ok "binary in /usr/local/bin, runs" '"$tmp/d1/usr/local/bin/awtrack" --version >/dev/null 2>&1'
ok "binary is executable by everyone" '[ -n "$(find "$tmp/d1/usr/local/bin/awtrack" -perm -0555)" ]'
for m in docs/*.1 docs/*.5; do
	[ -f "$m" ] || continue
	sec=${m##*.}
	ok "man page $m in man$sec" 'cmp -s "$m" "$tmp/d1/usr/local/share/man/man$sec/$(basename "$m")"'
done
make -s install DESTDIR="$tmp/d2" PREFIX=/opt/aw > "$tmp/log2" 2>&1
ok "PREFIX=/opt/aw: binary and man page there" \
	'[ -x "$tmp/d2/opt/aw/bin/awtrack" ] && [ -f "$tmp/d2/opt/aw/share/man/man1/awtrack.1" ]'
ok "PREFIX=/opt/aw: nothing under /usr/local" '[ ! -e "$tmp/d2/usr" ]'
make -s uninstall DESTDIR="$tmp/d2" PREFIX=/opt/aw > "$tmp/log3" 2>&1
ok "uninstall removes every installed file" '[ -z "$(find "$tmp/d2" -type f)" ]'
echo "install: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
