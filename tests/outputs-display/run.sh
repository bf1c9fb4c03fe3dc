#!/bin/sh
# outputs-display/run.sh - `awtrack display` on the bundled real lists
# (tests/data/cases):
#  - bitmaps (128x64, 296x128, 400x300) byte-compared with the goldens in
#    golden/ (made from these lists and inspected by eye, see golden/README);
#  - the PNG of each decoded by an independent decoder (python3's zlib) and
#    compared pixel by pixel with the PBM; pngcheck and file(1) when present;
#  - text for many cols x rows: exactly rows lines of exactly cols columns
#    by Python's unicodedata (East Asian Width, combining marks), valid
#    UTF-8, no control characters; ASCII only with --ascii;
#  - the count and the first title against trackawesomelist's real page
#    (expected-week-body.md: the newest week's items);
#  - sizes the digest cannot use are rejected.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 1
aw=${AW_BIN:-$top/build/awtrack}
here=tests/outputs-display
work=build/outputs-display
rm -rf "$work"; mkdir -p "$work"
pass=0 fail=0
ok() { pass=$((pass + 1)); echo "ok   $1"; }
bad() { fail=$((fail + 1)); echo "FAIL $1"; }

if ! command -v python3 >/dev/null 2>&1; then
	echo "outputs-display: python3 not installed: PNG decoding and width checks skipped"
	py=:
else
	py=python3
fi

for d in tests/data/cases/*/*; do
	name=$(basename "$d")
	git_dir=$work/$name.git
	git clone -q --bare "$d/list.bundle" "$git_dir" || { bad "$name: clone"; continue; }
	flags=$(node tests/caseargs.mjs "$d" flags 2>/dev/null) || {
		# without node: the flags are in case.json too, but caseargs.mjs
		# is the one reader of it; say so
		echo "outputs-display: NOTE: node not installed: $name skipped"; continue; }
	set -f; old_ifs=$IFS; IFS='
'
	set -- $flags
	IFS=$old_ifs; set +f

	for size in 128x64 296x128 400x300; do
		base=$work/$name-$size
		if "$aw" display --git "$git_dir" "$@" --bitmap $size --out "$base.pbm" 2> "$base.err" &&
		   "$aw" display --git "$git_dir" "$@" --bitmap $size --out "$base.png" 2>> "$base.err"; then
			if cmp -s "$here/golden/$name-$size.pbm" "$base.pbm"; then
				ok "$name $size bitmap = golden"
			else
				bad "$name $size bitmap differs from $here/golden/$name-$size.pbm ($base.png)"
			fi
		else
			bad "$name $size: awtrack display failed: $(head -3 "$base.err")"; continue
		fi
		if [ "$py" = python3 ]; then
			if python3 "$here/pngcmp.py" "$base.png" "$base.pbm" > "$base.cmp" 2>&1; then
				ok "$name $size PNG decodes (zlib) to the PBM's pixels"
			else
				bad "$name $size PNG: $(cat "$base.cmp")"
			fi
		fi
		if command -v pngcheck >/dev/null 2>&1; then
			if pngcheck -q "$base.png" > "$base.chk" 2>&1; then ok "$name $size pngcheck"
			else bad "$name $size pngcheck: $(cat "$base.chk")"; fi
		fi
		w=${size%x*} h=${size#*x}
		case $(file -b "$base.png") in
		"PNG image data, $w x $h, 1-bit grayscale, non-interlaced") ok "$name $size file(1)";;
		*) bad "$name $size file(1): $(file -b "$base.png")";;
		esac
	done

	# text on character displays
	tfail=0 truns=0
	# (every cols x rows in 8..48 x 1..12 runs in tests/test_display.c)
	for cols in 8 13 20 40; do
		for rows in 1 2 4 8; do
			for mode in utf8 ascii; do
				a=; [ $mode = ascii ] && a=--ascii
				out=$work/$name-$cols-$rows-$mode.txt
				truns=$((truns + 1))
				if ! "$aw" display --git "$git_dir" "$@" --cols $cols --rows $rows $a > "$out" 2> "$out.err"; then
					tfail=$((tfail + 1)); echo "  $cols x $rows $mode: failed: $(head -2 "$out.err")"; continue
				fi
				if [ "$py" = python3 ] &&
				   ! python3 "$here/textcheck.py" "$out" $cols $rows $mode "$d/expected-week-body.md" > "$out.chk" 2>&1; then
					tfail=$((tfail + 1)); echo "  $cols x $rows $mode: $(cat "$out.chk")"
				fi
			done
		done
	done
	if [ $tfail -eq 0 ]; then ok "$name text: $truns layouts fit exactly, count and first title as on the real page"
	else bad "$name text: $tfail of $truns layouts wrong"; fi
done

# sizes the digest cannot use
g=$(ls -d $work/*.git | head -1)
for bad_size in 63x64 128x46 0x10 5000x10 12 ax3; do
	if "$aw" display --git "$g" --bitmap $bad_size --out $work/x.pbm > /dev/null 2>&1; then
		bad "--bitmap $bad_size accepted"
	else
		ok "--bitmap $bad_size rejected"
	fi
done
for bad_text in "--cols 7 --rows 2" "--cols 20 --rows 0" "--cols 9999 --rows 2" "--cols 20"; do
	# shellcheck disable=SC2086
	if "$aw" display --git "$g" $bad_text > /dev/null 2>&1; then bad "$bad_text accepted"
	else ok "$bad_text rejected"; fi
done
if "$aw" display --git "$g" --bitmap 128x64 --out $work/x.gif > /dev/null 2>&1; then
	bad "--out x.gif accepted"
else
	ok "--out x.gif rejected"
fi

echo "outputs-display: $pass passed, $fail failed"
[ $fail -eq 0 ]
