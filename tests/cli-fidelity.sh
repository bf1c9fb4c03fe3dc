#!/bin/sh
# cli-fidelity.sh - issue 7 items 2-5 at the command line: small git
# histories made here, pages compared with what the reference gives (the
# expected bodies below were printed by tests/oracle/pages.mjs, the npm
# reference replay of tal-spec, for the very same histories; with node and
# the reference packages installed this script also asks it live).
#   relative images resolved before the first "/blob/" becomes "/raw/";
#   http:/https: links without "//" are kept as they are (tal-spec 5.1: the
#     scheme prefix is checked before "://");
#   a lone CR: items are dated by blame's (LF-only) line numbers;
#   CR, CRLF and mixed line ends inside an item are kept (page, identity);
#   one 80 KB line outside every list fails nothing; a list of more than
#     8,192 items works; a capacity error names capacity, value and limit;
#   items over an inline limit keep their identity (first link), are
#     flagged, and the warning names the limit and counts each item once;
#   nesting deeper than AW_MD_DEPTH_MAX fails nothing (items over it: cut,
#     flagged, named in the warning).
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
aw=${AW_BIN:-$top/build/awtrack}
t=$(mktemp -d) || exit 1
trap 'rm -rf "$t"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); echo "ok   $1"; }
no() { fail=$((fail + 1)); echo "FAIL $1"; }
unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE GIT_OBJECT_DIRECTORY GIT_COMMON_DIR
export GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@e GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@e
live=0
if command -v node >/dev/null 2>&1 && [ -d "$top/tests/oracle/node_modules" ]; then live=1; fi

# commit DIR DATE: commit README.md as it is, author and committer time DATE
commit() {
	git -C "$1" add README.md &&
	GIT_AUTHOR_DATE="$2" GIT_COMMITTER_DATE="$2" git -C "$1" commit -q -m "at $2"
}
newrepo() { rm -rf "$t/$1"; git init -q "$t/$1"; }

# same BODYFILE NAME -- awtrack args: weekly --tal-compat --body equals BODYFILE
# (and the live reference, when there)
same() {
	want=$1 name=$2; shift 3
	if ! "$aw" weekly --tal-compat --body --quiet --repo-url https://github.com/OWNER/REPO \
	     --branch master "$@" >"$t/got" 2>"$t/err"; then
		no "$name: awtrack failed: $(head -c 300 "$t/err")"; return
	fi
	if cmp -s "$want" "$t/got"; then ok "$name"
	else no "$name: page differs from the reference"; diff "$want" "$t/got" | head -10; fi
	if [ $live = 1 ]; then
		node "$top/tests/oracle/pages.mjs" --repo-url https://github.com/OWNER/REPO --branch master \
			"$@" --weekly "$t/ref" 2>"$t/referr"
		cmp -s "$want" "$t/ref" && ok "$name: expected body = live reference" ||
			no "$name: the expected body is not what the reference prints now"
	fi
}

# ---- 2: http: and https: without "//" ----
newrepo odd
cat >"$t/odd/README.md" <<'EOF'
# Odd

## Tools

- [AppScale](http:/github.com/x/y) - Cloud.
- [Sign](https:/zoho.com/sign) - Sign.
- [b](https:example.com) - B.
- [rel](docs/x.md) - Relative.
- [Upper](HTTPS:example.com/U) - Upper case: not the http: prefix.
EOF
commit "$t/odd" 2021-03-02T10:00:00Z
printf '%s\n' '' '' '## [Mar 01 - Mar 07, 2021](/content/2021/9/README.md)' '' '### Tools' '' \
	'*   [AppScale](http:/github.com/x/y) - Cloud.' \
	'*   [Sign](https:/zoho.com/sign) - Sign.' \
	'*   [b](https:example.com) - B.' \
	'*   [rel](https://github.com/OWNER/REPO/blob/master/README.md/docs/x.md) - Relative.' \
	'*   [Upper](https://github.com/OWNER/REPO/blob/master/README.md/HTTPS:example.com/U) - Upper case: not the http: prefix.' |
	head -c -1 >"$t/odd.want"
same "$t/odd.want" "links http:/x, https:x kept as written" -- --git "$t/odd"

# ---- 2b: images: relative ones are resolved first, then the first "/blob/"
# of a github.com URL becomes "/raw/" (found by make fuzz-cli) ----
newrepo img
cat >"$t/img/README.md" <<'EOF'
# Img

## Shots

- [a](https://e.com/a) - A ![s](blob/s.png) and <img src="blob/x.png"> <img src="/blob/y.png">.
- [b](https://e.com/b) - B ![t](https://github.com/u/v/blob/master/blob/t.png) ![u](docs/blob/u.png).
- [c](https://e.com/c) - C ![v](https://e.com/blob/v.png) <img src="img/blob/w.png">.
EOF
commit "$t/img" 2021-03-02T10:00:00Z
printf '%s\n' '' '' '## [Mar 01 - Mar 07, 2021](/content/2021/9/README.md)' '' '### Shots' '' \
	'*   [a](https://e.com/a) - A ![s](https://github.com/OWNER/REPO/raw/master/raw/s.png) and <img src="https://github.com/OWNER/REPO/raw/master/raw/x.png"> <img src="https://github.com/OWNER/REPO/raw/master/raw/y.png">.' \
	'*   [b](https://e.com/b) - B ![t](https://github.com/u/v/raw/master/blob/t.png) ![u](https://github.com/OWNER/REPO/raw/master/docs/raw/u.png).' \
	'*   [c](https://e.com/c) - C ![v](https://e.com/blob/v.png) <img src="https://github.com/OWNER/REPO/raw/master/img/raw/w.png">.' |
	head -c -1 >"$t/img.want"
same "$t/img.want" "relative images: first /blob/ of the resolved URL -> /raw/" -- --git "$t/img"

# ---- a head that cannot be parsed (a category heading with strikethrough;
# here with an item over AW_INL_BRACKETS_MAX before it) changes nothing: the
# page is the last good version's (was "internal error: item without a date",
# found by make fuzz-cli); whole and streaming mode ----
newrepo rej
printf '# Rej\n\n## Tools\n\n- [a](https://e.com/a) - A.\n- [b](https://e.com/b) - B.\n' >"$t/rej/README.md"
commit "$t/rej" 2021-03-02T10:00:00Z
printf '# Rej\n\n## Tools\n\n- [a](https://e.com/a) - A.\n- [b](https://e.com/b) - B.\n- [c](https://e.com/c) - C.\n' >"$t/rej/README.md"
commit "$t/rej" 2021-04-06T10:00:00Z
printf '# Rej\n\n## Tools\n\n- [a](https://e.com/a) - A.\n- [b](https://e.com/b%s) - B.\n- [c](https://e.com/c) - C.\n\n## ~~Old~~\n\n- [d](https://e.com/d) - D.\n' \
	"$(printf '%600s' '' | tr ' ' '[')" >"$t/rej/README.md"
commit "$t/rej" 2021-05-04T10:00:00Z
printf '%s\n' '' '' '## [Apr 05 - Apr 11, 2021](/content/2021/14/README.md)' '' '### Tools' '' \
	'*   [c](https://e.com/c) - C.' '' \
	'## [Mar 01 - Mar 07, 2021](/content/2021/9/README.md)' '' '### Tools' '' \
	'*   [a](https://e.com/a) - A.' '*   [b](https://e.com/b) - B.' | head -c -1 >"$t/rej.want"
same "$t/rej.want" "head cannot be parsed: the last good version's page" -- --git "$t/rej" --import HEAD~2
AWTRACK_STREAM=64; export AWTRACK_STREAM
same "$t/rej.want" "head cannot be parsed: the last good version's page (streaming)" -- --git "$t/rej" --import HEAD~2
unset AWTRACK_STREAM

# ---- 3: a lone CR ends a line for CommonMark, not for git blame ----
newrepo cr
printf '# CR\n\n## A\n\n- [a](https://e.com/a) - A.\n- [b](https://e.com/b) - B.\n' >"$t/cr/README.md"
commit "$t/cr" 2020-01-08T12:00:00Z
printf '# CR\r\rIntro with\ra lone CR.\n\n## A\n\n- [a](https://e.com/a) - A.\n- [b](https://e.com/b) - B.\n- [c](https://e.com/c) - C.\n' >"$t/cr/README.md"
commit "$t/cr" 2023-05-10T12:00:00Z
printf '%s\n' '' '' '## [May 08 - May 14, 2023](/content/2023/19/README.md)' '' '### A' '' \
	'*   [c](https://e.com/c) - C.' '' \
	'## [Jan 13 - Jan 19, 2020](/content/2020/2/README.md)' '' '### A' '' \
	'*   [a](https://e.com/a) - A.' '*   [b](https://e.com/b) - B.' | head -c -1 >"$t/cr.want"
same "$t/cr.want" "lone CR: dated by blame's line numbers (pure blame)" -- --git "$t/cr"
# and a lone CR between items, the import before it
printf '# CR\n\n## A\n\n- [a](https://e.com/a) - A.\r- [b](https://e.com/b) - B.\n- [c](https://e.com/c) - C.\n- [d](https://e.com/d) - D.\n' >"$t/cr/README.md"
commit "$t/cr" 2024-02-14T12:00:00Z
printf '%s\n' '' '' '## [Feb 12 - Feb 18, 2024](/content/2024/7/README.md)' '' '### A' '' \
	'*   [d](https://e.com/d) - D.' '' \
	'## [May 08 - May 14, 2023](/content/2023/19/README.md)' '' '### A' '' \
	'*   [c](https://e.com/c) - C.' '' \
	'## [Jan 13 - Jan 19, 2020](/content/2020/2/README.md)' '' '### A' '' \
	'*   [a](https://e.com/a) - A.' '*   [b](https://e.com/b) - B.' | head -c -1 >"$t/cr2.want"
same "$t/cr2.want" "lone CR between items: import + replay" -- --git "$t/cr" --import HEAD~1
# pure blame: the line holding a and b was changed in 2024 (git's one line)
printf '%s\n' '' '' '## [Feb 12 - Feb 18, 2024](/content/2024/7/README.md)' '' '### A' '' \
	'*   [a](https://e.com/a) - A.' '*   [b](https://e.com/b) - B.' '*   [d](https://e.com/d) - D.' '' \
	'## [May 08 - May 14, 2023](/content/2023/19/README.md)' '' '### A' '' \
	'*   [c](https://e.com/c) - C.' | head -c -1 >"$t/cr3.want"
same "$t/cr3.want" "lone CR between items: pure blame" -- --git "$t/cr"

# ---- line ends inside an item's paragraph (CRLF, CR, mixed) stay as the
# README has them: in the page and in the identity of a link-less item (its
# markdown), so "- three" CRLF "  four" and "- three" LF "  four" are two
# items; the serializer's indent goes after each line end (LF, CR or CRLF)
newrepo crlf
printf '# CRLF\r\n\r\n## Tools\r\n\r\n- [a](https://e.com/a) - one\r\n  two\r\n- three\r\n  four\r\n- [c](https://e.com/c) - x\r  y\n- five\r  six\n- [m](https://e.com/m) - mixed\r\n  lf\n  cr\r  end\n' \
	>"$t/crlf/README.md"
commit "$t/crlf" 2021-03-02T10:00:00Z
printf '# CRLF\r\n\r\n## Tools\r\n\r\n- [a](https://e.com/a) - one\r\n  two\r\n- three\n  four\r\n- [c](https://e.com/c) - x\r  y\n- five\r  six\n- [m](https://e.com/m) - mixed\r\n  lf\n  cr\r  end\n- [d](https://e.com/d) - d\r\n  dd\r\n' \
	>"$t/crlf/README.md"
commit "$t/crlf" 2021-04-06T10:00:00Z
printf '\n\n## [Apr 05 - Apr 11, 2021](/content/2021/14/README.md)\n\n### Tools\n\n*   three\n    four\n*   [d](https://e.com/d) - d\r\n    dd\n\n## [Mar 01 - Mar 07, 2021](/content/2021/9/README.md)\n\n### Tools\n\n*   [a](https://e.com/a) - one\r\n    two\n*   [c](https://e.com/c) - x\r    y\n*   five\r    six\n*   [m](https://e.com/m) - mixed\r\n    lf\n    cr\r    end' \
	>"$t/crlf.want"
same "$t/crlf.want" "CRLF / CR / mixed line ends inside items: import + replay" -- --git "$t/crlf" --import HEAD~1
printf '\n\n## [Apr 05 - Apr 11, 2021](/content/2021/14/README.md)\n\n### Tools\n\n*   [d](https://e.com/d) - d\r\n    dd\n\n## [Mar 01 - Mar 07, 2021](/content/2021/9/README.md)\n\n### Tools\n\n*   [a](https://e.com/a) - one\r\n    two\n*   three\n    four\n*   [c](https://e.com/c) - x\r    y\n*   five\r    six\n*   [m](https://e.com/m) - mixed\r\n    lf\n    cr\r    end' \
	>"$t/crlf2.want"
same "$t/crlf2.want" "CRLF / CR / mixed line ends inside items: pure blame" -- --git "$t/crlf"

# ---- 4: one long line, big lists, capacity messages ----
newrepo long
{
	printf '# Long\n\n<img src="data:image/png;base64,'
	head -c 81920 /dev/zero | tr '\0' 'Q'
	printf '">\n\n## Tools\n\n- [a](https://e.com/a) - A.\n- [b](https://e.com/b) - B.\n'
} >"$t/long/README.md"
commit "$t/long" 2022-06-01T08:00:00Z
printf '%s\n' '' '' '## [May 30 - Jun 05, 2022](/content/2022/22/README.md)' '' '### Tools' '' \
	'*   [a](https://e.com/a) - A.' '*   [b](https://e.com/b) - B.' | head -c -1 >"$t/long.want"
same "$t/long.want" "an 80 KB line outside every list" -- --git "$t/long"

# N items in one list
biglist() { # n
	awk -v n="$1" 'BEGIN { print "# Big\n\n## Items\n";
		for (i = 0; i < n; i++) printf "- [Item %d](https://example.com/p/%d) - Item number %d of a long list.\n", i, i, i }'
}
newrepo big
biglist 9000 >"$t/big/README.md"
commit "$t/big" 2022-06-01T08:00:00Z
n=$("$aw" items --quiet --git "$t/big" 2>"$t/err" | wc -l)
[ "$n" = 9000 ] && ok "a list of 9,000 items (more than 8,192)" || no "9,000 items: $n lines, $(head -c 300 "$t/err")"
biglist 16384 >"$t/big/README.md"
commit "$t/big" 2022-07-01T08:00:00Z
n=$("$aw" items --quiet --git "$t/big" --import HEAD~1 2>"$t/err" | wc -l)
[ "$n" = 16384 ] && ok "a list of 16,384 items (the documented capacity), replayed" ||
	no "16,384 items: $n lines, $(head -c 300 "$t/err")"
biglist 16385 >"$t/big/README.md"
commit "$t/big" 2022-08-01T08:00:00Z
"$aw" items --quiet --git "$t/big" >/dev/null 2>"$t/err"; st=$?
if [ $st = 1 ] && grep -q 'AW_MD_PEND_ITEMS_MAX' "$t/err" && grep -q '16385' "$t/err" &&
   grep -q '16384' "$t/err"; then ok "over the capacity: the error names capacity, value and limit"
else no "16,385 items: status $st, $(head -c 300 "$t/err")"; fi

# ---- 5: items over an inline limit keep their identity ----
newrepo inl
{
	printf '# Inl\n\n## T\n\n'
	printf -- '- [one](https://e.com/1) - '; head -c 600 /dev/zero | tr '\0' '['; echo
	printf -- '- [two](https://e.com/2) - '; head -c 50000 /dev/zero | tr '\0' 'x'; echo
	# 1,040 emphasis delimiter runs ("*_" alternating: no text between
	# them, fewer than 2,048 pieces), then 2,200 pieces ("*a")
	printf -- '- [emph](https://e.com/e) - '; awk 'BEGIN { while (i++ < 520) printf "*_" }'; echo ' end'
	printf -- '- [pieces](https://e.com/p) - '; awk 'BEGIN { while (i++ < 1100) printf "*a" }'; echo
	printf -- '- [five](https://e.com/5) - ok\n'
} >"$t/inl/README.md"
commit "$t/inl" 2022-06-01T08:00:00Z
"$aw" items --git "$t/inl" --import HEAD >"$t/items" 2>"$t/err"; st=$?
ids=$(cut -f4 "$t/items" | tr '\n' ' ')
if [ $st = 0 ] && [ "$ids" = "[one](https://e.com/1) [two](https://e.com/2) [emph](https://e.com/e) [pieces](https://e.com/p) [five](https://e.com/5) " ]; then
	ok "items over AW_INL_BRACKETS_MAX / TEXT_MAX / DELIMS_MAX / NODES_MAX keep their first link"
else no "inline limits: status $st, identifiers: $ids"; fi
id1=$(printf '%s' '[one](https://e.com/1)' | sha1sum | cut -c1-40)
grep -q "$id1" "$t/items" && ok "...and its identity is the SHA-1 of that link" || no "identity of a cut item"
if grep -q 'warning: 4 item(s)' "$t/err" && grep -q 'AW_INL_BRACKETS_MAX' "$t/err" &&
   grep -q 'AW_INL_TEXT_MAX' "$t/err" && grep -q 'AW_INL_DELIMS_MAX' "$t/err" &&
   grep -q 'AW_INL_NODES_MAX' "$t/err"; then ok "the warning names the limits and counts each item once"
else no "truncation warning: $(cat "$t/err")"; fi
# counted once on every path: a replay (two versions), the pure blame page
printf -- '- [six](https://e.com/6) - new\n' >>"$t/inl/README.md"
commit "$t/inl" 2022-07-01T08:00:00Z
for run in "items:" "items:--import HEAD~1" "weekly:--tal-compat --repo-url https://github.com/OWNER/REPO"; do
	# (word splitting of the arguments intended)
	"$aw" ${run%%:*} --git "$t/inl" ${run#*:} >/dev/null 2>"$t/err"; st=$?
	[ $st = 0 ] && grep -q 'warning: 4 item(s)' "$t/err" && ok "cut items counted once: ${run%%:*} ${run#*:}" ||
		no "cut items counted once: ${run%%:*} ${run#*:}: status $st, $(cat "$t/err")"
done
"$aw" weekly --git "$t/inl" --tal-compat --body --quiet --repo-url https://github.com/OWNER/REPO \
	>"$t/w" 2>"$t/err"
grep -q '^\*   \[one\](https://e.com/1) - \\\[\\\[' "$t/w" && grep -q '^\*   \[five\](https://e.com/5) - ok$' "$t/w" &&
	ok "cut items are printed as far as they fit" ||
	no "cut item page: $(head -c 300 "$t/w") $(head -c 300 "$t/err")"

# a section without links (heading mode: its identity is its own text)
# over AW_MD_ITEM_MAX keeps one identity whether relative links are
# resolved or not (was "internal error: item without a date" with
# --repo-url: the identity was cut at another size; found by make fuzz-cli)
newrepo bigsec
printf '# Big\n\n#### H\n\nintro\n' >"$t/bigsec/README.md"
commit "$t/bigsec" 2022-06-01T08:00:00Z
{ printf '# Big\n\n#### H\n\nintro\n\n````\n'
  awk 'BEGIN { while (i++ < 2000) printf "line %d of code [![](s/x.png)](https://e.com/y)\n", i }'; } >"$t/bigsec/README.md"
commit "$t/bigsec" 2022-07-01T08:00:00Z
"$aw" items --git "$t/bigsec" --quiet --type heading --max-heading-level 1 --heading-level 4 \
	>"$t/o1" 2>"$t/err"; st1=$?
"$aw" items --git "$t/bigsec" --quiet --type heading --max-heading-level 1 --heading-level 4 \
	--repo-url https://github.com/OWNER/REPO >"$t/o2" 2>>"$t/err"; st2=$?
if [ $st1 = 0 ] && [ $st2 = 0 ] && [ -s "$t/o1" ] && [ "$(cut -f1,2 "$t/o1")" = "$(cut -f1,2 "$t/o2")" ] &&
   grep -q 'AW_MD_ITEM_MAX' "$t/err"; then
	ok "a link-less section over AW_MD_ITEM_MAX: one identity and date with and without --repo-url"
else no "link-less section over AW_MD_ITEM_MAX: status $st1/$st2, $(head -c 300 "$t/err")"; fi

# ---- nesting deeper than AW_MD_DEPTH_MAX (64 containers) fails nothing:
# the containers it refuses are text of the open ones; in the introduction
# that changes no item (the page is the reference's); an item holding such
# lines is cut and flagged (the warning names the capacity, each item once)
# and keeps its identity, the other items are the reference's ----
gt100=$(printf '%100s' '' | tr ' ' '>')
newrepo deep1
{
	printf '# Deep\n\n%s intro quote\n\n' "$gt100"
	awk 'BEGIN { for (i = 0; i < 100; i++) printf "%*s- n%d\n", 2 * i, "", i }'
	printf '\n## Tools\n\n- [a](https://e.com/a) - A.\n- [b](https://e.com/b) - B.\n'
} >"$t/deep1/README.md"
commit "$t/deep1" 2022-01-04T10:00:00Z
printf '%s\n' '' '' '## [Jan 03 - Jan 09, 2022](/content/2022/1/README.md)' '' '### Tools' '' \
	'*   [a](https://e.com/a) - A.' '*   [b](https://e.com/b) - B.' | head -c -1 >"$t/deep1.want"
same "$t/deep1.want" "100 '>' and 100 nested bullets in the introduction" -- --git "$t/deep1"
"$aw" overview --git "$t/deep1" --quiet >"$t/ov" 2>"$t/err"; st=$?
[ $st = 0 ] && grep -q 'intro quote' "$t/ov" && grep -q '^\*   \[a\](https://e.com/a) - A\.$' "$t/ov" &&
	ok "overview of a too deep introduction: printed" || no "overview of a too deep introduction: status $st, $(head -c 300 "$t/err")"
"$aw" overview --git "$t/deep1" >/dev/null 2>"$t/err"
grep -q 'warning: 2 block(s) over a compiled-in limit (AW_MD_DEPTH_MAX' "$t/err" &&
	ok "...its warning names AW_MD_DEPTH_MAX, per block" || no "overview warning: $(cat "$t/err")"
newrepo deep2
printf '# Deep\n\n## Tools\n\n- [a](https://e.com/a) - A.\n- [e](https://e.com/e) - E.\n' >"$t/deep2/README.md"
commit "$t/deep2" 2022-01-04T10:00:00Z
{
	printf '# Deep\n\n## Tools\n\n- [a](https://e.com/a) - A.\n- [q](https://e.com/q) - Q.\n  %s deep quote\n' "$gt100"
	printf -- '- [n](https://e.com/n) - N.\n'
	awk 'BEGIN { for (i = 1; i <= 100; i++) printf "%*s- [n%d](https://e.com/n%d)\n", 2 * i, "", i, i }'
	printf -- '- [e](https://e.com/e) - E.\n'
} >"$t/deep2/README.md"
commit "$t/deep2" 2022-02-08T10:00:00Z
# the January week (a and e) as the reference prints it
printf '%s\n' '## [Jan 03 - Jan 09, 2022](/content/2022/1/README.md)' '' '### Tools' '' \
	'*   [a](https://e.com/a) - A.' '*   [e](https://e.com/e) - E.' | head -c -1 >"$t/deep2.jan"
for imp in "" "--import HEAD~1"; do
	# (word splitting of $imp intended)
	"$aw" weekly --tal-compat --body --repo-url https://github.com/OWNER/REPO --branch master \
		--git "$t/deep2" $imp >"$t/w" 2>"$t/err"; st=$?
	sed -n '/^## \[Jan/,$p' "$t/w" >"$t/w.jan"
	if [ $st = 0 ] && cmp -s "$t/deep2.jan" "$t/w.jan" &&
	   grep -q '^## \[Feb 07 - Feb 13, 2022\]' "$t/w" && grep -q '^\*   \[q\](https://e.com/q) - Q\.$' "$t/w" &&
	   grep -q '^\*   \[n\](https://e.com/n) - N\.$' "$t/w" &&
	   grep -q 'warning: 2 item(s) over a compiled-in limit (AW_MD_DEPTH_MAX' "$t/err"; then
		ok "100 '>' and 100 nested bullets in items ${imp:-(pure blame)}: cut, flagged, the rest exact"
	else
		no "too deep items ${imp:-(pure blame)}: status $st, $(head -c 300 "$t/err")"; diff "$t/deep2.jan" "$t/w.jan" | head -5
	fi
	if [ $live = 1 ]; then
		node "$top/tests/oracle/pages.mjs" --repo-url https://github.com/OWNER/REPO --branch master \
			--git "$t/deep2" $imp --weekly "$t/ref" 2>"$t/referr"
		sed -n '/^## \[Jan/,$p' "$t/ref" >"$t/ref.jan"
		cmp -s "$t/deep2.jan" "$t/ref.jan" && ok "...the January week = live reference" ||
			no "...the January week is not what the reference prints now"
	fi
done
"$aw" items --git "$t/deep2" --quiet >"$t/items" 2>"$t/err"; st=$?
idq=$(printf '%s' '[q](https://e.com/q)' | sha1sum | cut -c1-40)
idn=$(printf '%s' '[n](https://e.com/n)' | sha1sum | cut -c1-40)
[ $st = 0 ] && grep -q "$idq" "$t/items" && grep -q "$idn" "$t/items" &&
	ok "too deep items keep their identity (SHA-1 of the first link)" || no "identity of too deep items: status $st"
"$aw" overview --git "$t/deep2" >/dev/null 2>"$t/err"; st=$?
[ $st = 0 ] && grep -q 'block(s) over a compiled-in limit (AW_MD_DEPTH_MAX' "$t/err" &&
	ok "overview of too deep items: printed, warned" || no "overview of too deep items: status $st, $(cat "$t/err")"

# ---- a page without items ends with its header (tal-spec 8: each period
# opens with a blank line; pages have no trailing newline) ----
newrepo empty
printf '# Empty\n\nJust text, no list.\n' >"$t/empty/README.md"
commit "$t/empty" 2022-06-01T08:00:00Z
: >"$t/empty.want"
same "$t/empty.want" "a page without items: empty body" -- --git "$t/empty"
"$aw" weekly --git "$t/empty" --tal-compat --quiet --repo-url https://github.com/OWNER/REPO \
	>"$t/w" 2>/dev/null
[ "$(tail -c 1 "$t/w")" = "]" ] && ok "a page without items ends with nav2, no newline" ||
	no "page without items ends with: $(tail -c 20 "$t/w" | od -c | head -2)"

echo "cli-fidelity: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
